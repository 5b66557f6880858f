"""Speed and memory of contractgen against its targets, as ratios measured in one run.

Usage: python scripts/benchmark.py [--quick] [--repeat N] [--rows 10,100,1000,5000] [--specs 100] [--sections 1,2]

1. render vs bare python-docx: generate() of an example (load, validate, compose, Word, write)
   against python-docx writing the same document: the Word stage (the fastest way found: it sets
   styles and fonts through the XML, where python-docx's public API re-scans the styles on each
   paragraph), python-docx's public API writing the same blocks and styles (slower), and the text
   alone through python-docx (the floor). Target: render <= 1.5x the Word stage.
2. growth: specs with N rows in each table that grows with a spec (KPIs, fee lines, scope items,
   service levels, documents), rendered in a fresh process each: time per row beyond the
   10-row spec, and peak memory. Target: per row at the largest N within 1.5x of that at 100,
   peak < 300 MiB.
3. --jobs: `render DIR` of the same 100 specs with --jobs 2 against --jobs 1. Target: >= 1.7x
   (on an idle 2-core machine: the load average is printed with it).
4. cold start: `validate` of an example in a new process against `python -c pass` and against
   `python -c "import yaml, cerberus"`. Target: < 3x the latter. The package is compiled to
   bytecode first, as an installed package is (PYTHONDONTWRITEBYTECODE would otherwise make
   every start compile it).
5. each example: validate, render zh, render zh-en, audit of its text; peak memory.
6. audit on its worst inputs: one 100,000-character line of each pattern that could backtrack
   < 1 s; 3,000 short texts < 60 s (moved here from the unit tests, which time nothing).

Exits 1 when a target is missed. Not part of the test suite: timings depend on the machine and
its load (targets are for 2 cores with nothing else running); --quick measures less, faster.
"""

from __future__ import annotations

import argparse
import compileall
import io
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docx import Document as new_docx  # noqa: E402
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.shared import Cm, Pt  # noqa: E402

from generator.pipeline import generate, load_contract  # noqa: E402
from generator.proof.audit import audit_string, audit_units, text_units  # noqa: E402
from generator.render.blocks import Document, PageBreak, Paragraph, Parallel, Table, plain_text  # noqa: E402
from generator.render.compose import compose  # noqa: E402
from generator.word.writer import _ALIGN, _BLOCK_STYLES, _STYLES, build_docx  # noqa: E402

LUOHE = ROOT / "specs" / "luohe-12345-2025.yaml"
BASE = ROOT / "specs" / "example-it-hotline-invoice.yaml"  # the example with every kind of table
TARGET_RENDER_RATIO = 1.5
TARGET_GROWTH_RATIO = 1.5
TARGET_PEAK_MIB = 300
TARGET_JOBS_SPEEDUP = 1.7
TARGET_COLD_RATIO = 3.0
TARGETS_SECONDS = {"validate": 0.5, "render zh": 1.0, "render zh-en": 1.5, "audit": 0.5}
missed: list[str] = []


def timed(function: Callable[[], object], repeat: int) -> float:
    """Median seconds of repeat calls (after one call to warm caches)."""
    function()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def check(label: str, value: float, target: float, *, at_most: bool = True, unit: str = "x") -> None:
    ok = value <= target if at_most else value >= target
    print(f"  {label}: {value:.2f}{unit} (target {'<=' if at_most else '>='} {target}{unit}){'' if ok else '  MISSED'}")
    if not ok:
        missed.append(label)


# --- 1. render vs bare python-docx --------------------------------------------------------------


def bare_docx(document: Document, path: Path) -> None:
    """The same blocks written through python-docx's public API alone, as a script would: the same
    paragraph styles (fonts, sizes, bold, alignment, indents, spacing, from the writer's table),
    every paragraph in its style, tables cell by cell with their widths, header rows and totals in
    bold, page breaks, header and footer text, saved. What it leaves out has no public API (every
    font slot, borders, rows kept whole, fields, fixed zip dates): the floor for the Word stage."""
    doc = new_docx()
    styles = {}
    for name, (east_asia, size, bold, align, first, left, before) in _STYLES.items():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.font.name, style.font.size, style.font.bold = east_asia, Pt(size), bold
        fmt = style.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if align == "justify" else _ALIGN[align]
        fmt.first_line_indent, fmt.left_indent, fmt.space_before = Pt(first), Pt(left), Pt(before)
        styles[name] = style
    section = doc.sections[0]
    section.header.paragraphs[0].text = document.header_text
    section.footer.paragraphs[0].text = "".join(document.footer)
    for block in document.blocks:
        if isinstance(block, Paragraph):
            text = block.number + block.gap + block.text if block.number else block.text
            doc.add_paragraph(text, styles[_BLOCK_STYLES[block.style]])
        elif isinstance(block, Table):
            rows = ([block.header] if block.header else []) + list(block.rows)
            table = doc.add_table(rows=len(rows), cols=len(block.widths))
            total_from = len(rows) - block.total_rows
            for r, (row, values) in enumerate(zip(table.rows, rows, strict=True)):
                for c, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
                    cell.width = Cm(block.widths[c])
                    paragraph = cell.paragraphs[0]
                    paragraph.style = styles["CG Table"]
                    paragraph.alignment = _ALIGN["center" if r == 0 and block.header else block.align[c]]
                    paragraph.add_run(value).bold = (r == 0 and bool(block.header)) or r >= total_from or None
        elif isinstance(block, Parallel):
            row = doc.add_table(rows=1, cols=2).rows[0]
            for cell, paragraphs in zip(row.cells, (block.left, block.right), strict=True):
                for p in paragraphs:
                    cell.add_paragraph(p.text, styles[_BLOCK_STYLES[p.style]])
        elif isinstance(block, PageBreak):
            doc.add_page_break()
    doc.save(str(path))


def render_vs_bare(repeat: int) -> None:
    print(f"1. render vs bare python-docx ({LUOHE.name}, zh, median of {repeat}, measured in turns)")
    out = Path(tempfile.mkdtemp())
    document = compose(load_contract(LUOHE), "zh")
    runs: dict[str, Callable[[], object]] = {
        "generate": lambda: generate(LUOHE, out),
        "Word stage": lambda: build_docx(document),
        "bare python-docx": lambda: bare_docx(document, out / "bare.docx"),
        "plain python-docx": lambda: plain_docx(document, out / "plain.docx"),
    }
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat + 1):  # in turns, so that a change in the machine's load touches each alike
        for name, function in runs.items():
            start = time.perf_counter()
            function()
            seconds[name].append(time.perf_counter() - start)
    median = {name: statistics.median(times[1:]) for name, times in seconds.items()}  # the first warms up
    print("  " + ", ".join(f"{name} {value * 1000:.0f} ms" for name, value in median.items()))
    # "Bare python-docx writing the same content": the fastest python-docx writing of this very
    # document is the Word stage itself (the public API alone, bare_docx, is slower still), so the
    # target is held against it; the text alone through python-docx is the floor, shown with it.
    print(
        f"  Word stage / python-docx's public API, same blocks and styles: {median['Word stage'] / median['bare python-docx']:.2f}x"
    )
    print(f"  Word stage / text alone through python-docx: {median['Word stage'] / median['plain python-docx']:.2f}x")
    print(f"  render / text alone through python-docx: {median['generate'] / median['plain python-docx']:.2f}x")
    check(
        "render / python-docx writing the same document (Word stage)",
        median["generate"] / median["Word stage"],
        TARGET_RENDER_RATIO,
    )
    shutil.rmtree(out)


def plain_docx(document: Document, path: Path) -> None:
    """The text alone through python-docx: paragraphs and table cells, no styles or widths."""
    doc = new_docx()
    for block in document.blocks:
        if isinstance(block, Paragraph):
            doc.add_paragraph(block.text)
        elif isinstance(block, Table):
            rows = ([block.header] if block.header else []) + list(block.rows)
            for row, values in zip(doc.add_table(rows=len(rows), cols=len(block.widths)).rows, rows, strict=True):
                for cell, value in zip(row.cells, values, strict=True):
                    cell.text = value
        elif isinstance(block, PageBreak):
            doc.add_page_break()
    doc.save(str(path))


# --- 2. growth with the rows of a spec ---------------------------------------------------------------


def spec_with_rows(n: int) -> str:
    """The IT-hotline example with n KPIs, fee lines, scope items, service levels and documents."""
    data = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    kpi = {k: v for k, v in data["assessment"]["kpis"][0].items() if k != "weight"}
    data["assessment"]["kpis"] = [dict(kpi, indicator={"zh": f"指标{i}", "en": f"KPI {i}"}) for i in range(1, n + 1)]
    line = data["price"]["fee_schedule"][0]
    data["price"]["fee_schedule"] = [
        dict(line, item={"zh": f"服务项{i}", "en": f"Item {i}"}, unit_price=100, quantity=1, months=1, amount=100)
        for i in range(1, n + 1)
    ]
    data["price"]["total"] = 100 * n
    data["performance_security"]["amount"] = 5 * n
    scope = data["service"]["scope"][0]
    data["service"]["scope"] = [dict(scope, title={"zh": f"工作{i}", "en": f"Task {i}"}) for i in range(1, n + 1)]
    level = data["service_levels"][0]
    data["service_levels"] = [dict(level, level={"zh": f"{i}级", "en": f"Class {i}"}) for i in range(1, n + 1)]
    data["contract"]["documents"] = [{"zh": f"文件{i}", "en": f"Document {i}"} for i in range(1, n + 1)]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


_PLAIN_WRITE = """
import resource, sys, time
from pathlib import Path
sys.path.insert(0, "scripts")
from benchmark import plain_docx
from generator.pipeline import load_contract
from generator.render.compose import compose
document = compose(load_contract(Path(sys.argv[1])), "zh")
loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = time.perf_counter()
plain_docx(document, Path(sys.argv[2]))
print(time.perf_counter() - start, loaded, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""
_ONE_RENDER = """
import resource, sys, time
from pathlib import Path
from generator.pipeline import generate
start = time.perf_counter()
generate(Path(sys.argv[1]), Path(sys.argv[2]))
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def growth(sizes: list[int]) -> None:
    print(f"2. growth: a fresh process renders a spec with N rows in each of 5 tables ({', '.join(map(str, sizes))})")
    work = Path(tempfile.mkdtemp())
    seconds: dict[int, float] = {}
    for n in sizes:
        spec = work / f"rows{n}.yaml"
        spec.write_text(spec_with_rows(n), encoding="utf-8")  # kept: the comparison below reads the largest
        done = subprocess.run(
            [sys.executable, "-c", _ONE_RENDER, str(spec), str(work / "out")],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        )
        elapsed, peak = map(float, done.stdout.split())
        seconds[n] = elapsed
        beyond = (
            f", {(elapsed - seconds[sizes[0]]) / (n - sizes[0]) * 1000:.2f} ms per row beyond {sizes[0]}"
            if n != sizes[0]
            else ""
        )
        print(f"  {n:>5} rows ({spec.stat().st_size / 1024:,.0f} KiB): {elapsed:.2f} s{beyond}, peak {peak:.0f} MiB")
    largest = sizes[-1]
    done = subprocess.run(
        [sys.executable, "-c", _PLAIN_WRITE, str(work / f"rows{largest}.yaml"), str(work / "plain.docx")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    plain_seconds, loaded, plain_peak = map(float, done.stdout.split())
    print(
        f"  for comparison, {largest} rows: loading and composing peak at {loaded:.0f} MiB; the text alone "
        f"written through python-docx then takes {plain_seconds:.1f} s and peaks at {plain_peak:.0f} MiB"
    )
    if 100 in seconds and largest > 100:
        per_row = {n: (seconds[n] - seconds[sizes[0]]) / (n - sizes[0]) for n in (100, largest)}
        check(f"time per row at {largest} / at 100", per_row[largest] / per_row[100], TARGET_GROWTH_RATIO)
    check(f"peak memory at {largest} rows", peak, TARGET_PEAK_MIB, unit=" MiB")
    shutil.rmtree(work)


# --- 3. --jobs ------------------------------------------------------------------------------------------


def jobs(count: int) -> None:
    print(f"3. render of the same {count} specs (the examples, copied round) with --jobs 2 vs --jobs 1")
    work = Path(tempfile.mkdtemp())
    examples = sorted((ROOT / "specs").glob("*.yaml"))
    (work / "specs").mkdir()
    for i in range(count):
        shutil.copy(examples[i % len(examples)], work / "specs" / f"{i:03d}-{examples[i % len(examples)].name}")
    seconds, cpu = {}, {}
    for n in (1, 2):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "generator",
                "render",
                str(work / "specs"),
                "-o",
                str(work / f"out{n}"),
                "-q",
                "-j",
                str(n),
            ],
            cwd=ROOT,
            check=True,
        )
        seconds[n] = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers' too: each is waited for
        cpu[n] = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    same = all(p.read_bytes() == (work / "out2" / p.name).read_bytes() for p in (work / "out1").iterdir())
    print(f"  --jobs 1 {seconds[1]:.1f} s, --jobs 2 {seconds[2]:.1f} s; the same bytes: {same}")
    print(
        f"  CPU time (all processes): --jobs 1 {cpu[1]:.1f} s, --jobs 2 {cpu[2]:.1f} s (what 2 jobs add: {cpu[2] / cpu[1]:.2f}x)"
    )
    print(
        f"  cores {os.cpu_count()}, load average after: {os.getloadavg()[0]:.2f} (the speed-up needs both cores idle)"
    )
    check("speed-up of 2 jobs", seconds[1] / seconds[2], TARGET_JOBS_SPEEDUP, at_most=False)
    shutil.rmtree(work)


# --- 4. cold start ------------------------------------------------------------------------------------


def cpu_seconds(command: list[str], repeat: int) -> float:
    """Median CPU seconds (user + system) of a command run in a new process."""
    runs = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        runs.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(runs)


def cold_start(repeat: int) -> None:
    print(f"4. cold start, CPU seconds (median of {repeat})")
    compileall.compile_dir(ROOT / "generator", quiet=1)
    python = [sys.executable]
    bare = cpu_seconds([*python, "-c", "pass"], repeat)
    libraries = cpu_seconds([*python, "-c", "import yaml, cerberus"], repeat)
    validate = cpu_seconds([*python, "-m", "generator", "validate", str(LUOHE)], repeat)
    helps = cpu_seconds([*python, "-m", "generator", "--help"], repeat)
    print(
        f"  python -c pass {bare:.3f} s, import yaml, cerberus {libraries:.3f} s, --help {helps:.3f} s, validate {validate:.3f} s"
    )
    print(f"  validate / python -c pass: {validate / bare:.1f}x")
    check("validate / import yaml, cerberus", validate / libraries, TARGET_COLD_RATIO)


# --- 5. the examples ---------------------------------------------------------------------------------


def examples(repeat: int) -> None:
    print(f"5. each example (median of {repeat})")
    for spec in sorted((ROOT / "specs").glob("*.yaml")):
        text = plain_text(compose(load_contract(spec), "zh"))
        results = {
            "validate": timed(lambda: load_contract(spec), repeat),  # noqa: B023
            "render zh": timed(lambda: build_docx(compose(load_contract(spec), "zh")), repeat),  # noqa: B023
            "render zh-en": timed(lambda: build_docx(compose(load_contract(spec), "zh-en")), repeat),  # noqa: B023
            "audit": timed(lambda: audit_units(text_units(text), spec.name), repeat),  # noqa: B023
        }
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"  {spec.name}: "
            + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in results.items())
            + f", peak RSS so far {peak:.0f} MiB"
        )
        for name, seconds in results.items():
            if seconds > TARGETS_SECONDS[name]:
                print(f"    MISSED: {name} {seconds:.2f} s > {TARGETS_SECONDS[name]} s")
                missed.append(f"{spec.name} {name}")


# --- 6. audit on its worst inputs --------------------------------------------------------------------

LONG = 100_000
WORST_LINES = [
    "1" * LONG, " " * LONG, "亿" * LONG, "\u3000" * LONG, "1," * (LONG // 2), "壹" * LONG, "元整" * (LONG // 2),
    "1%" * (LONG // 2), "合同总价的1%，即1元" * (LONG // 10), "One Hundred " * (LONG // 12), "一式" * (LONG // 2),
    "人民币" + "9" * LONG + "元", "（" * LONG,
]  # fmt: skip
PIECES = ["合同总价为人民币", "1,200,000.00元", "（大写：壹佰贰拾万元整）", "支付合同总价的30%，即人民币360,000.00元",
          "；", "。", "\n", "一式肆份，甲乙双方各执贰份", "单价\t数量\t金额\n", "100\t2\t200\n", "合计\t\t200\n",
          "RMB 1,000.00 (say: RMB One Thousand Yuan Only)", "每逾期一日按合同总额的0.1%支付违约金"]  # fmt: skip


def audit_worst() -> None:
    print("6. audit on its worst inputs")
    slowest = max(
        (timed(lambda: audit_string(f"合同总价为{line}（大写：壹元整）"), 1), repr(line[:6]))  # noqa: B023
        for line in WORST_LINES
    )
    check(f"slowest 100,000-character line ({slowest[1]}…)", slowest[0], 1.0, unit=" s")
    rng = random.Random(12)
    texts = ["".join(rng.choice(PIECES) for _ in range(rng.randint(5, 30))) for _ in range(3000)]
    start = time.perf_counter()
    findings = sum(len(audit_string(text).findings) for text in texts)
    check(f"3,000 short texts ({findings} findings)", time.perf_counter() - start, 60, unit=" s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, rows up to 1,000, 20 specs")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rows", default="10,100,1000,5000")
    parser.add_argument("--specs", type=int, default=100)
    parser.add_argument("--sections", default="1,2,3,4,5,6", help="the sections to run, by number")
    args = parser.parse_args()
    repeat = 2 if args.quick else args.repeat
    rows = [10, 100, 1000] if args.quick else [int(n) for n in args.rows.split(",")]
    sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", line_buffering=True)
    sections: dict[str, Callable[[], None]] = {
        "1": lambda: render_vs_bare(repeat),
        "2": lambda: growth(rows),
        "3": lambda: jobs(20 if args.quick else args.specs),
        "4": lambda: cold_start(repeat if args.quick else max(repeat, 9)),
        "5": lambda: examples(repeat),
        "6": audit_worst,
    }
    chosen = [number.strip() for number in args.sections.split(",")]
    if not set(chosen) <= set(sections):
        parser.error(f"--sections: expected numbers among {', '.join(sections)} but received: {args.sections}")
    for number in chosen:
        sections[number]()
    print("all targets met" if not missed else f"MISSED {len(missed)}: {'; '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
