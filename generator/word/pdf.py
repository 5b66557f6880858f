"""PDF through LibreOffice headless (soffice), with a private profile per run.

soffice runs in a process group of its own, in a folder of its own: whether the conversion ends,
times out or is interrupted (Ctrl-C, SIGTERM, SIGHUP), the whole group is killed (soffice starts
soffice.bin as a child, which would outlive a kill of soffice alone) and the folder removed. A
folder left by a contractgen killed outright (kill -9) names its process; the next conversion
kills that soffice group and removes the folder.

soffice gets the font configuration shipped beside this module (FONTCONFIG_FILE: the system's
configuration plus 宋体/黑体 -> Noto Serif/Sans CJK SC), so the PDF shows the same faces on any
machine with fonts-noto-cjk, whatever the user's own fontconfig holds.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from ..errors import InputError, ToolMissingError
from ..files import RANDOM_PART, alive, remove_abandoned

TIMEOUT_SECONDS = 180
FOLDER_PREFIX = "contractgen-pdf-"
_FOLDER = re.compile(rf"{FOLDER_PREFIX}(?P<pid>\d+)-{RANDOM_PART}")
_GROUP_FILE = "soffice.pgid"  # the soffice process group, for the run that cleans up after a kill -9
FONTS_CONF = Path(__file__).with_name("fonts.conf")


def find_soffice() -> str | None:
    """Path of LibreOffice's soffice, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def _groups_running_in(folder: Path) -> set[int]:
    """The process groups of the processes whose command line names folder (read from /proc, so a
    group id used again by another program is left alone)."""
    groups = set()
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if os.fsencode(folder) in cmdline.read_bytes():
                groups.add(os.getpgid(int(cmdline.parent.name)))
        except (OSError, ValueError):  # the process ended meanwhile
            continue
    return groups


def _kill_abandoned_soffice(tmp: Path) -> None:
    """Kill the soffice group of each abandoned folder, if it still runs there. The group file names
    it; a contractgen killed before writing that file leaves it to be found in /proc."""
    for folder in tmp.glob(f"{FOLDER_PREFIX}*"):
        match = _FOLDER.fullmatch(folder.name)
        if not match or alive(int(match["pid"])):
            continue
        try:
            pgid = int((folder / _GROUP_FILE).read_text(encoding="ascii"))
            command = Path(f"/proc/{pgid}/cmdline").read_bytes()
        except (OSError, ValueError):
            for group in _groups_running_in(folder):
                _kill_group(group)
            continue
        if os.fsencode(folder) in command:
            _kill_group(pgid)


class _Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP during a conversion: unwound like Ctrl-C, so soffice and its folder go."""


class _Gate:
    """Holds back an interruption that arrives while soffice is being started: raised at once, it
    would leave Popen before the process group is known (a busy machine runs the child's script
    before Popen returns), and soffice would outlive contractgen. release() raises it afterwards."""

    def __init__(self) -> None:
        self.open = False
        self.pending: int | None = None

    def release(self) -> None:
        self.open = True
        if self.pending is not None:
            raise _Interrupted(signal.Signals(self.pending).name)


@contextlib.contextmanager
def _interruptible() -> Iterator[_Gate]:
    """SIGINT, SIGTERM and SIGHUP raise _Interrupted while the block runs (the default would end the
    process at once, leaving soffice running and the folder behind), once the gate is released."""
    gate = _Gate()

    def stop(signum: int, frame: FrameType | None) -> None:
        if not gate.open:
            gate.pending = signum
            return
        raise _Interrupted(signal.Signals(signum).name)

    previous = {}
    try:
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            previous[signum] = signal.signal(signum, stop)
    except ValueError:  # not the main thread: signals cannot be caught here
        pass
    try:
        yield gate
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def soffice_environment(work: Path) -> dict[str, str]:
    """The environment soffice runs in: this package's font configuration, and a HOME inside the
    work folder (so a per-user fontconfig or LibreOffice setting cannot change the output)."""
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    env.pop("FONTCONFIG_PATH", None)
    home = work / "home"
    home.mkdir(exist_ok=True)
    env["HOME"] = str(home)
    env["XDG_CONFIG_HOME"] = str(home / ".config")
    # The font cache is the system's and the user's real one, so fonts are not scanned again on every run.
    env["XDG_CACHE_HOME"] = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return env


def _convert(command: list[str], work: Path, stem: str) -> None:
    with _interruptible() as gate:
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env=soffice_environment(work),
        )
        try:
            (work / _GROUP_FILE).write_text(str(process.pid), encoding="ascii")
            gate.release()  # from here an interruption kills the group (finally, below)
            process.wait(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as e:
            raise InputError(f"LibreOffice did not finish converting {stem}.docx in {TIMEOUT_SECONDS} s") from e
        finally:
            _kill_group(process.pid)  # soffice.bin and anything else soffice started
            process.wait()


def docx_to_pdf(docx_bytes: bytes, stem: str) -> bytes:
    """Convert .docx bytes to PDF bytes with LibreOffice; raise ToolMissingError without it."""
    soffice = find_soffice()
    if soffice is None:
        raise ToolMissingError(
            "--pdf needs LibreOffice (soffice) on PATH; install it, e.g. apt-get install libreoffice-writer-nogui"
        )
    tmp = Path(tempfile.gettempdir())
    _kill_abandoned_soffice(tmp)
    remove_abandoned(tmp, _FOLDER)
    work = Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-"))
    try:
        source = work / "contract.docx"  # a fixed name: the spec's may be long or odd
        source.write_bytes(docx_bytes)
        profile = (work / "profile").as_uri()
        command = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        _convert(command, work, stem)
        produced = work / "out" / "contract.pdf"
        if not produced.is_file():  # soffice can exit 0 without writing anything
            raise InputError(f"LibreOffice did not produce a PDF for {stem}.docx")
        return produced.read_bytes()
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- many files through one LibreOffice -----------------------------------------------------------

# Files per soffice run in a batch: starting LibreOffice costs more than a second, a file a few
# tenths; a run of this many stays well inside TIMEOUT_SECONDS.
BATCH_FILES = 40


def docxs_to_pdfs(documents: list[tuple[bytes, str]]) -> list[bytes | InputError]:
    """Convert many .docx (bytes, stem) to PDF with one LibreOffice process per BATCH_FILES files,
    not one per file; for each, its PDF bytes or the InputError saying why there is none. Raise
    ToolMissingError without LibreOffice, InputError when a run fails as a whole (a timeout)."""
    soffice = find_soffice()
    if soffice is None:
        raise ToolMissingError(
            "--pdf needs LibreOffice (soffice) on PATH; install it, e.g. apt-get install libreoffice-writer-nogui"
        )
    results: list[bytes | InputError] = []
    for start in range(0, len(documents), BATCH_FILES):
        results += _convert_batch(soffice, documents[start : start + BATCH_FILES])
    return results


def _convert_batch(soffice: str, documents: list[tuple[bytes, str]]) -> list[bytes | InputError]:
    tmp = Path(tempfile.gettempdir())
    _kill_abandoned_soffice(tmp)
    remove_abandoned(tmp, _FOLDER)
    work = Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-"))
    try:
        # Numbered names: the specs' own may be long, odd, or the same in two folders.
        sources = [work / "in" / f"{n:04d}.docx" for n in range(len(documents))]
        sources[0].parent.mkdir()
        for source, (docx_bytes, _) in zip(sources, documents, strict=True):
            source.write_bytes(docx_bytes)
        options = [f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore"]
        _convert(
            [soffice, *options, "--convert-to", "pdf", "--outdir", str(work / "out"), *map(str, sources)],
            work,
            ".docx, ".join(stem for _, stem in documents),
        )
        results: list[bytes | InputError] = []
        for source, (_, stem) in zip(sources, documents, strict=True):
            produced = work / "out" / f"{source.stem}.pdf"
            results.append(
                produced.read_bytes()
                if produced.is_file()
                else InputError(f"LibreOffice did not produce a PDF for {stem}.docx")
            )
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)
