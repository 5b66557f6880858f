"""Fuzz validate, render and check with mutations of the example specs (specs/*.yaml).

Usage: python scripts/fuzz.py [--runs 10000] [--seed 1] [--jobs N] [--time-limit 3600] [--replay FILE]

Each run mutates one example at token level (a token replaced, deleted, repeated, swapped; a
YAML-special or out-of-range token inserted; a line repeated, dropped or re-indented; a raw
character or byte inserted) or at structure level (the spec loaded, a key dropped or added, a
value replaced by an odd one or by another choice of its field, a list item repeated, two
subtrees swapped, then written back), then runs in-process what the commands run:

- validate: pipeline.load_contract, and the messages the CLI prints;
- render: for a valid spec, compose + build_docx in one language (zh, en, zh-en in turn);
- check: pipeline.check_spec, and its text and JSON reports.

A run fails when anything raises other than a ContractgenError (a crash: the CLI would print a
traceback), when a valid spec does not render, when validate and check disagree on whether a
spec is usable, or when it takes more than --hang seconds (a run still going after
--abort seconds is stopped). Each run's mutation comes from (seed, run number) alone, so a
failure is reproduced by the same seed and number, whatever --jobs; failing inputs are written
to --failures (default fuzz-failures/) with their traceback, for --replay.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import multiprocessing
import os
import random
import re
import signal
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from generator.errors import ContractgenError, SpecError  # noqa: E402
from generator.pipeline import check_spec, load_contract  # noqa: E402
from generator.proof import reports  # noqa: E402
from generator.proof.registry import RULES, ensure_loaded  # noqa: E402
from generator.render.compose import compose  # noqa: E402
from generator.spec.schema import SCHEMA  # noqa: E402
from generator.word.writer import build_docx  # noqa: E402

SPECS = sorted((ROOT / "specs").glob("*.yaml"))
LANGUAGES = ("zh", "en", "zh-en")

# Tokens with a meaning in YAML, or values at and beyond the limits of a field.
TOKENS = [
    "{", "}", "[", "]", ",", ":", ": ", "- ", "? ", "&a ", "*a", "&b [*a, *a]", "<<: *a", "!!python/object:os.system",
    "!!bool", "!!timestamp", "!!int", "!!float", "!!str", "!!binary", "!!null", "!!set", "!!omap", "!x", "|", ">",
    "|-", '"', "'", "#", "%YAML 1.1", "---", "...", "@", "`", "~", "null", "true", "false", "yes", "no", "on",
    ".nan", ".inf", "-.inf", "1e400", "1.0e+400", "1.0e-400", "0x1F", "0o17", "0b101", "1_000", "-0", "+1", "1:30",
    "9" * 40, "9" * 5000, "0.000000000001", "99999999999.999", "999999999999.99", "1000000000000", "0.01",
    "100.0000000001", "10000000", "10000001", "3650", "3651", "2026-02-30", "2099-12-31", "2100-01-01",
    "1999-12-31", "2000-01-01", "2026-03-01T10:00:00Z", "2026-13-01", "\t", "\r", "\r\n", "\\x01", "\\uD800",
    '"\\x01"', '"\\uD800"', '"\\uFFFE"', '"\\u202E"', '"a\\n§ b"', '"{{ 1 }}"', '"{% if %}"', "\u2028", "\x85",
    "\ufeff", "\u202e", "😀", "壹", "零", "甲方", "x" * 6000, "  ", "\n", "\n  ", "\n- ", "\n    - ",
]  # fmt: skip
RAW = ["\x00", "\x01", "\x1b", "\x7f", "\x9f", "\ufffe", "\uffff", "\U0010ffff"]
BYTES = [b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf"]  # invalid UTF-8, an encoded surrogate, a BOM
VALUES: list[Any] = [
    None, "", " ", "x", 0, -1, 1, 1.5, 10**30, -(10**12), True, False, [], {}, [1, [2, [3]]], {"zh": "甲"},
    {"en": "A"}, {"zh": "甲", "en": 1}, {"zh": "甲", "fr": "A"}, "x" * 5001, "9" * 101, dt.date(2099, 12, 31),
    dt.date(2000, 1, 1), dt.date(1999, 1, 1), "2026-02-30", 0.001, 100.0000000001, 999999999999.99, 1e15, "\x01",
    "a\n§ b", "{{ c }}", "- x", "@table kpis",
]  # fmt: skip
# Values written in place of a value: valid ones at the limits of fields, and wrong ones.
SCALARS = [
    "0", "1", "2", "15", "60", "100", "101", "-1", "0.5", "0.01", "0.001", "33.3333333333", "33.33333333333",
    "999999999999.99", "1000000000000", "10000000", "10000000.5", "3650", "3651", "100000", "true", "false",
    "2026-01-01", "2026-12-31", "2099-12-31", "2000-01-01", "2027-02-29", "2028-02-29", "~", "[]", "{}", "''",
    '" "', "x" * 5000, "x" * 5001, "N" * 100, "N" * 101, "{zh: 甲, en: A}", "{zh: 甲}", "{en: A}", '"a\\n§ b"',
    '"\\x01"', '"\\uD800"', '"\\u202E"', '"\\t"', '"{{ c.total }}"', '"{%- raw %}"', '"@table kpis"', '"- x"',
    "[buyer, supplier]", "{after: date, date: 2026-05-01}", "{after: quarter_assessment, quarter: 4}",
    "{after: signing, working_days: 3650}", "{days: 1, months: 1}", "[{min_score: 0, pay_percent: 100}]",
]  # fmt: skip
TOKEN = re.compile(r"\s+|[A-Za-z_]+|\d+(?:\.\d+)?|[\u4e00-\u9fff]+|.", re.DOTALL)
VALUE = re.compile(r"(?m)(?:^[ -]*|[{,] )[A-Za-z_]+: (?P<value>[^{}\[\],#\n]+)")


def _choices(rule: dict[str, Any]) -> list[Any]:
    """Every value the enum fields under a rule allow."""
    subs = (
        rule["schema"].values()
        if rule.get("type") == "dict"
        else [rule["schema"]]
        if rule.get("type") == "list"
        else []
    )
    return [*rule.get("allowed", []), *(choice for sub in subs for choice in _choices(sub))]


CHOICES = sorted({str(c) for rule in SCHEMA.values() for c in _choices(rule)})


# --- mutations ---------------------------------------------------------------------------------


def _token_mutation(text: str, rng: random.Random) -> str:
    tokens = TOKEN.findall(text)
    i, j = rng.randrange(len(tokens)), rng.randrange(len(tokens))
    kind = rng.randrange(6)
    if kind == 0:
        tokens[i] = rng.choice(TOKENS)
    elif kind == 1:
        del tokens[i]
    elif kind == 2:
        tokens[i] = tokens[i] * rng.choice((2, 3, 50))
    elif kind == 3:
        tokens[i], tokens[j] = tokens[j], tokens[i]
    elif kind == 4:
        tokens.insert(i, rng.choice(TOKENS))
    else:
        tokens.insert(i, rng.choice(RAW))
    return "".join(tokens)


def _value_mutation(text: str, rng: random.Random) -> str:
    """A value (after `key: `) replaced by one at or beyond a field's limits, or by a choice."""
    values = list(VALUE.finditer(text))
    if not values:
        return text
    match = rng.choice(values)
    value = rng.choice((rng.choice(SCALARS), rng.choice(CHOICES), rng.choice(TOKENS)))
    return text[: match.start("value")] + value + text[match.end("value") :]


def _line_mutation(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    kind = rng.randrange(4)
    if kind == 0:
        del lines[i]
    elif kind == 1:
        lines[i:i] = [lines[i]] * rng.choice((1, 2, 101))
    elif kind == 2:
        lines[i] = " " * rng.choice((1, 2, 4)) + lines[i]
    else:
        lines[i] = lines[i][rng.choice((1, 2)) :]
    return "\n".join(lines)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for key, value in items:
        found += [prefix + (key,), *_paths(value, prefix + (key,))]
    return found


def _structure_mutation(text: str, rng: random.Random) -> str:
    data = yaml.safe_load(text)
    for _ in range(rng.randint(1, 3)):
        paths = _paths(data)
        path = rng.choice(paths)
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        kind = rng.randrange(6)
        if kind == 0:
            del parent[path[-1]]
        elif kind == 1:
            parent[path[-1]] = copy.deepcopy(rng.choice(VALUES))
        elif kind == 2:
            parent[path[-1]] = rng.choice(CHOICES)
        elif kind == 3 and isinstance(parent, list):
            parent[path[-1] : path[-1]] = [copy.deepcopy(parent[path[-1]])] * rng.choice((1, 2, 100))
        elif kind == 4:
            other = rng.choice(paths)
            source = data
            for key in other[:-1]:
                source = source[key]
            if not (path[: len(other)] == other or other[: len(path)] == path):  # not inside each other
                parent[path[-1]], source[other[-1]] = source[other[-1]], parent[path[-1]]
        elif isinstance(parent, dict):
            parent[rng.choice(["extra", "notes", "zh", "en", path[-1] + "s"])] = rng.choice(VALUES)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def mutate(seed: int, run: int) -> bytes:
    """The input of one run, from (seed, run) alone."""
    rng = random.Random(f"{seed}-{run}")
    text = rng.choice(SPECS).read_text(encoding="utf-8")
    if rng.random() < 0.15:
        text = _structure_mutation(text, rng)
    for _ in range(rng.choice((1, 1, 1, 1, 2, 3, 6))):
        text = rng.choice((_value_mutation, _value_mutation, _value_mutation, _token_mutation, _line_mutation))(
            text, rng
        )
    data = text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.03:
        at = rng.randrange(len(data))
        data = data[:at] + rng.choice(BYTES) + data[at:]
    return data


# --- one run -----------------------------------------------------------------------------------


class _Abort(Exception):
    """A run took longer than --abort seconds."""


def _on_alarm(signum: int, frame: Any) -> None:
    raise _Abort


def exercise(spec: Path, language: str) -> str:
    """Run validate, render and check on a spec file; return 'valid' or 'invalid', or raise
    AssertionError when they disagree (any other exception is a crash)."""
    ensure_loaded()
    try:
        contract = load_contract(spec)
    except SpecError as e:
        contract = None
        assert e.issues, "SpecError without issues"
        str(e)  # what the CLI prints
    report = check_spec(spec)
    reports.check_text(report)
    reports.check_json([report])
    blocking = [f for f in report.findings if f.severity == "error" and (f.rule == "spec" or RULES[f.rule].blocking)]
    if contract is None:
        assert blocking, "validate refuses the spec, check finds nothing blocking"
        return "invalid"
    assert not blocking, f"validate accepts the spec, check blocks it: {blocking[0]}"
    try:
        build_docx(compose(contract, language))
    except ContractgenError as e:
        raise AssertionError(f"valid spec does not render ({language}): {e}") from e
    return "valid"


@dataclass
class Outcome:
    run: int
    result: str  # valid, invalid, crash, disagree, hang
    seconds: float
    detail: str = ""


def run_one(job: tuple[int, int, float, float]) -> Outcome:
    seed, run, hang, abort = job
    data = mutate(seed, run)
    language = LANGUAGES[run % len(LANGUAGES)]
    with tempfile.TemporaryDirectory(prefix="contractgen-fuzz-") as folder:
        spec = Path(folder) / f"fuzz-{run}.yaml"
        spec.write_bytes(data)
        signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, abort)
        start = time.perf_counter()
        try:
            result, detail = exercise(spec, language), ""
        except _Abort:
            result, detail = "hang", f"stopped after {abort} s"
        except AssertionError as e:
            result, detail = "disagree", str(e)
        except ContractgenError as e:  # an I/O error on our own temp file would be ours, not the spec's
            result, detail = "crash", f"{type(e).__name__}: {e}"
        except Exception:
            result, detail = "crash", traceback.format_exc()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        seconds = time.perf_counter() - start
    if result in ("valid", "invalid") and seconds > hang:
        result, detail = "hang", f"took {seconds:.1f} s"
    return Outcome(run, result, seconds, detail)


# --- driver ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--first", type=int, default=0, help="number of the first run (to resume)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--time-limit", type=float, default=3600, help="stop starting runs after this many seconds")
    parser.add_argument("--hang", type=float, default=5.0, help="a run taking longer is a hang")
    parser.add_argument("--abort", type=float, default=60.0, help="a run still going after this is stopped")
    parser.add_argument("--failures", type=Path, default=Path("fuzz-failures"), help="where failing inputs go")
    parser.add_argument("--replay", type=Path, metavar="FILE", help="run one saved input and show what happens")
    args = parser.parse_args(argv)

    if args.replay:
        print(exercise(args.replay, "zh-en"))
        return 0

    started = time.monotonic()
    counts: dict[str, int] = {}
    slowest = Outcome(-1, "", 0.0)
    failures: list[Outcome] = []
    jobs = ((args.seed, run, args.hang, args.abort) for run in range(args.first, args.first + args.runs))
    with multiprocessing.get_context("fork").Pool(args.jobs, maxtasksperchild=500) as pool:
        for done, outcome in enumerate(pool.imap_unordered(run_one, jobs, chunksize=8), start=1):
            counts[outcome.result] = counts.get(outcome.result, 0) + 1
            slowest = max(slowest, outcome, key=lambda o: o.seconds)
            if outcome.result not in ("valid", "invalid"):
                failures.append(outcome)
                args.failures.mkdir(exist_ok=True)
                stem = args.failures / f"seed{args.seed}-run{outcome.run}"
                stem.with_suffix(".yaml").write_bytes(mutate(args.seed, outcome.run))
                stem.with_suffix(".txt").write_text(f"{outcome.result}\n{outcome.detail}\n", encoding="utf-8")
                print(f"run {outcome.run}: {outcome.result}: {outcome.detail.strip().splitlines()[-1]}", flush=True)
            if done % 1000 == 0:
                print(f"{done} runs, {time.monotonic() - started:.0f} s: {counts}", flush=True)
            if time.monotonic() - started > args.time_limit:
                print(f"time limit reached after {done} runs")
                pool.terminate()
                break
    total = sum(counts.values())
    crashes = counts.get("crash", 0) + counts.get("disagree", 0)
    print(
        f"seed {args.seed}: {total} runs in {time.monotonic() - started:.0f} s "
        f"({counts.get('valid', 0)} valid and rendered, {counts.get('invalid', 0)} refused); "
        f"{crashes} crashes, {counts.get('hang', 0)} hangs; slowest run {slowest.run}: {slowest.seconds:.2f} s"
    )
    if failures:
        print(f"failing inputs in {args.failures}/; replay one with --replay FILE")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
