"""Many specs in one call: the inputs (files, folders, globs) -> the specs, run on every core.

A task is a module-level function of one input that returns what it found (picklable: it crosses
from a worker process back to the caller). Results come back in the order of the inputs, each as
soon as it and every earlier one are done, so the output is the same with any number of jobs;
`on_done` hears of each as it finishes, in whatever order, for a progress display.
"""

from __future__ import annotations

import glob
import os
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import InputError

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")
SPEC_SUFFIXES = (".yaml", ".yml")


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def expand(inputs: list[str], suffixes: tuple[str, ...] = SPEC_SUFFIXES) -> list[str]:
    """The files the inputs name, in order, each once: a file as given; a folder's files with one
    of suffixes (not its subfolders), sorted; a glob's matches (`**` for any depth), sorted. A
    glob that matches nothing, or a folder without such files, is an error (a typo should not
    pass as an empty batch)."""
    found: list[str] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            names = sorted(p for p in path.iterdir() if p.suffix.lower() in suffixes and p.is_file())
            if not names:
                raise InputError(f"{given}: a folder without {' or '.join(suffixes)} files")
            found += [str(p) for p in names]
        elif glob.has_magic(given) and not os.path.lexists(given):  # a file named a[1].yaml is a file
            matches = sorted(m for m in glob.glob(given, recursive=True) if Path(m).is_file())
            if not matches:
                raise InputError(f"{given}: no file matches")
            found += matches
        else:
            found.append(given)  # read as given: a missing or odd file is reported for itself
    return list(dict.fromkeys(found))


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C is the parent's to handle; it lets running specs finish (each writes a
    whole file or none) and starts no more."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _context() -> Any:
    """fork where it is safe (POSIX, one thread): workers start at once with the modules and the
    compiled templates already loaded. With other threads running, fork could copy a lock one of
    them holds: then forkserver (or spawn), whose workers import what they need."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def run(
    task: Callable[[str], T], inputs: list[str], jobs: int, on_done: Callable[[int, T], None] | None = None
) -> Iterator[T]:
    """task(input) for every input, on up to jobs processes; the results in input order."""
    if jobs <= 1 or len(inputs) <= 1:
        for index, given in enumerate(inputs):
            result = task(given)
            if on_done:
                on_done(index, result)
            yield result
        return
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait  # here: one spec needs no pool

    workers = min(jobs, len(inputs))
    with ProcessPoolExecutor(workers, mp_context=_context(), initializer=_ignore_interrupts) as pool:
        futures: dict[Future[T], int] = {pool.submit(task, given): i for i, given in enumerate(inputs)}
        done: dict[int, T] = {}
        following = 0
        pending = set(futures)
        try:
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in sorted(finished, key=futures.__getitem__):
                    index = futures[future]
                    done[index] = future.result()
                    if on_done:
                        on_done(index, done[index])
                while following in done:
                    yield done.pop(following)
                    following += 1
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


@dataclass(frozen=True)
class Outcome:
    """What a command found in one file: its exit status alone (0, 1 or 2), what the summary counts
    it as (kind), the lines it prints (out to stdout, err to stderr), its warnings, and the report
    behind them for the other output formats (for a file that could not be read, the message)."""

    source: str
    status: int
    kind: str
    out: tuple[str, ...] = ()
    err: tuple[str, ...] = ()
    warnings: int = 0
    report: Any = None
