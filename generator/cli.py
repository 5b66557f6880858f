"""The command line: parses arguments, calls the pipeline, prints, and sets the exit code.

The only module that prints or exits. Exit codes: 0 ok; 1 invalid spec or findings; 2 usage or
I/O error. Whatever it prints reaches the terminal safely: characters the output encoding
cannot hold are escaped (a latin-1 or C locale), so are control and bidirectional characters
quoted from a spec (they could drive the terminal), and a reader that stops early (`| head`)
ends the output, not the command.
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import importlib
import io
import json
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from . import __version__
from .batch import SPEC_SUFFIXES, Outcome, default_jobs
from .errors import ContractgenError, InputError, SpecError, dotted
from .files import write_atomically

if TYPE_CHECKING:
    from .config import Config

# The pipeline, python-docx and the audit are imported by the commands that use them, so that
# --help, words and validate start quickly.

# Control characters (but tab and newline), line separators and bidirectional controls: printed
# as \uXXXX, which reads the same in text and is the same character in JSON.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class _Terminal(io.TextIOBase):
    """A text stream in front of stdout or stderr: escapes what must not reach a terminal or cannot
    be encoded; once the reader has gone (a broken pipe) or the output fails (a full disk, a
    closed descriptor), discards the rest and remembers why (`failure`, None for a broken pipe)."""

    def __init__(self, stream: TextIO | None):
        self.stream = stream  # None when the descriptor was closed before Python started
        self.gone = False
        self.failure: str | None = None

    def write(self, text: str) -> int:
        if self.stream is None and text:
            self.gone, self.failure = True, "the output is closed"
        if self.gone or self.stream is None:
            return len(text)
        safe = _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
        try:
            try:
                self.stream.write(safe)
            except UnicodeEncodeError:
                encoding = getattr(self.stream, "encoding", None) or "utf-8"
                self.stream.write(safe.encode(encoding, "backslashreplace").decode(encoding))
        except OSError as e:
            self._stop(e)
        return len(text)

    def flush(self) -> None:
        if not self.gone and self.stream is not None:
            try:
                self.stream.flush()
            except OSError as e:
                self._stop(e)

    def _stop(self, error: OSError) -> None:
        self.gone = True
        if not isinstance(error, BrokenPipeError):
            self.failure = error.strerror or str(error)
        # What is still buffered would fail again when Python flushes the stream at exit.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.stream.fileno())  # type: ignore[union-attr]
            os.close(devnull)
        except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
            pass


@contextmanager
def _terminal() -> Iterator[_Terminal]:
    """stdout and stderr behind _Terminal while the block runs; yields the one for stdout."""
    streams = sys.stdout, sys.stderr
    out, err = _Terminal(sys.stdout), _Terminal(sys.stderr)
    sys.stdout, sys.stderr = out, err  # type: ignore[assignment]
    try:
        yield out
    finally:
        out.flush()
        err.flush()
        sys.stdout, sys.stderr = streams


# --- one spec (or contract) at a time: what each command finds, as lines to print ----------------
# These run in worker processes under --jobs: each returns an Outcome (picklable) instead of
# printing, and the parent prints it, so the messages are the same with any number of jobs.


@dataclass(frozen=True)
class Options:
    """What a command needs besides the file: the command line with the settings file applied."""

    command: str
    templates: Path | None = None
    output: Path = Path("output")
    lang: str | None = None
    strict: bool = False
    pdf: bool = False
    defer_pdf: bool = False  # render --pdf of many: keep the .docx in memory for one LibreOffice run
    lpr: Decimal | None = None
    lpr_published: dt.date | None = None
    quiet: bool = False  # check -q: the findings only, without the passed rules and the money summary


def _validate_one(options: Options, spec: str) -> Outcome:
    from .pipeline import load_contract

    try:
        load_contract(Path(spec), options.templates)
    except SpecError as e:
        count = f"{len(e.issues)} problem{'s' if len(e.issues) != 1 else ''}"
        return Outcome(spec, 1, "invalid", err=(str(e), f"{spec}: invalid ({count})"), report=e.issues)
    except ContractgenError as e:
        return Outcome(spec, e.exit_code, "failed", err=(f"contractgen validate: {e}",), report=str(e))
    return Outcome(spec, 0, "valid", out=(f"{spec}: valid",), report=[])


def _render_one(options: Options, spec: str) -> Outcome:
    from .pipeline import generate, render_spec

    rendered = None
    files: tuple[Path, ...] = ()
    try:
        if options.defer_pdf:
            rendered = render_spec(
                Path(spec), options.output, lang=options.lang, strict=options.strict, templates=options.templates
            )
            untranslated = rendered.untranslated
        else:
            result = generate(
                Path(spec),
                options.output,
                lang=options.lang,
                pdf=options.pdf,
                strict=options.strict,
                templates=options.templates,
            )
            untranslated, files = result.untranslated, result.files
    except SpecError as e:
        return Outcome(spec, 1, "invalid", err=(str(e), f"{spec}: invalid; nothing written"))
    except ContractgenError as e:
        return Outcome(
            spec, e.exit_code, "invalid" if e.exit_code == 1 else "failed", err=(f"contractgen render: {e}",)
        )
    warnings = tuple(f"{spec}: warning: {path}: no English text; the Chinese is used" for path in untranslated)
    return Outcome(
        spec,
        0,
        "rendered",
        out=tuple(f"wrote {f}" for f in files),
        err=warnings,
        warnings=len(warnings),
        report=rendered,
    )


def _check_one(options: Options, spec: str) -> Outcome:
    from .pipeline import check_spec
    from .proof import reports

    lpr = {"lpr": options.lpr} if options.lpr is not None else {}
    try:
        report = check_spec(Path(spec), lpr_published=options.lpr_published, templates=options.templates, **lpr)
    except ContractgenError as e:
        return Outcome(spec, e.exit_code, "failed", err=(f"contractgen check: {e}",), report=str(e))
    status = 1 if report.errors else 0
    text = reports.check_text(report, findings_only=options.quiet)
    return Outcome(
        spec, status, "with errors" if status else "passed", out=(text,), warnings=report.warnings, report=report
    )


def _audit_one(options: Options, file: str) -> Outcome:
    from .proof import reports
    from .proof.audit import audit_file

    try:
        report = audit_file(Path(file))
    except ContractgenError as e:
        return Outcome(file, e.exit_code, "failed", err=(f"contractgen audit: {e}",), report=str(e))
    status = 1 if report.errors else 0
    warnings = len(report.findings) - report.errors
    text = reports.audit_text(report)
    return Outcome(file, status, "with errors" if status else "passed", out=(text,), warnings=warnings, report=report)


# --- many at a time: progress, the formats CI reads, the summary ---------------------------------

WORKER_MODULES = {
    "validate": (".pipeline",),
    "render": (".pipeline", ".render.compose", ".word.writer"),
    "check": (".pipeline", ".proof.reports"),
    "audit": (".proof.audit", ".proof.reports", ".word.reader"),
}
KINDS = {
    "validate": ("valid", "invalid", "failed"),
    "render": ("rendered", "invalid", "failed"),
    "check": ("passed", "with errors", "failed"),
    "audit": ("passed", "with errors", "failed"),
}


class _Progress:
    """How far a batch is, on stderr. On a terminal one line redrawn in place (a bar, the count and
    the last file done); elsewhere (a CI log, a file) a plain line per file; nothing under --quiet.
    Hand-written: it is a few lines, and no progress library is a dependency."""

    def __init__(self, total: int, enabled: bool):
        self.total = total
        self.finished = 0
        self.problems = 0
        raw = getattr(sys.stderr, "stream", None)  # the stream behind _Terminal: \r must reach it as is
        self.tty = raw if enabled and raw is not None and _isatty(raw) else None
        self.plain = enabled and self.tty is None
        self.shown = False
        self.last = ""

    def done(self, outcome: Outcome) -> None:
        """A file is done (in whatever order the workers finish): the bar moves on."""
        self.finished += 1
        self.problems += outcome.status != 0
        if self.tty is not None:
            self.draw(outcome.source)

    def shown_next(self, number: int, outcome: Outcome) -> None:
        """A file's output is printed next (in the order of the inputs): a plain line before it, so
        that a log reads the same with any number of jobs."""
        if self.plain:
            print(f"[{number}/{self.total}] {outcome.source}: {outcome.kind}", file=sys.stderr)

    def redraw(self) -> None:
        """After other output: the bar again, while files remain."""
        if self.tty is not None and not self.shown and 0 < self.finished < self.total:
            self.draw(self.last)

    def draw(self, last: str) -> None:
        assert self.tty is not None
        self.last = last
        width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
        filled = self.finished * 20 // self.total
        problems = f", {self.problems} with problems" if self.problems else ""
        line = f"[{'#' * filled}{'.' * (20 - filled)}] {self.finished}/{self.total}{problems}  "
        name = _UNPRINTABLE.sub("?", last)
        line += name if len(line) + len(name) <= width else "..." + name[-max(0, width - len(line) - 3) :]
        self._write("\r\x1b[K" + line[:width])
        self.shown = True

    def clear(self) -> None:
        """Before other output: the bar's line is emptied (drawn again by the next file done)."""
        if self.tty is not None and self.shown:
            sys.stdout.flush()
            self._write("\r\x1b[K")
            self.shown = False

    def _write(self, text: str) -> None:
        assert self.tty is not None
        encoding = getattr(self.tty, "encoding", None) or "utf-8"
        try:  # a file name the terminal's encoding cannot show is shown escaped, as elsewhere
            self.tty.write(text.encode(encoding, "backslashreplace").decode(encoding))
            self.tty.flush()
        except (OSError, LookupError):
            self.tty = None


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _escape_data(text: str) -> str:
    """A workflow command's message, as GitHub reads it: %, CR and LF percent-encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A workflow command's property value: as data, and : and , percent-encoded."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(
    severity: str, message: str, file: str, line: int | None = None, col: int | None = None, title: str | None = None
) -> str:
    """`::error file=…,line=…,col=…,title=…::message`: a workflow command GitHub shows as an
    annotation on the file (severity error, warning or notice)."""
    properties = [f"file={_escape_property(file)}"]
    if line is not None:
        properties.append(f"line={line}")
        if col is not None:
            properties.append(f"col={col}")
    if title:
        properties.append(f"title={_escape_property(title)}")
    return f"::{severity} {','.join(properties)}::{_escape_data(message)}"


def _github_lines(command: str, outcome: Outcome) -> list[str]:
    report = outcome.report
    if isinstance(report, str):  # the file could not be read
        return [github_line("error", report, outcome.source)]
    if command == "validate":
        return [
            github_line("error", f"{dotted(i.path)}: {i.message}", i.location.file, i.location.line, i.location.column)
            for i in report
        ]
    if command == "check":
        lines = []
        for f in report.findings:
            severity = {"error": "error", "warning": "warning"}.get(str(f.severity), "notice")
            message = f"{dotted(f.path)}: {f.message}" + (f" (waived: {f.waiver})" if f.waiver else "")
            if f.location:
                where = f.location
                lines.append(github_line(severity, message, where.file, where.line, where.column, f.rule))
            else:
                lines.append(github_line(severity, message, report.spec, title=f.rule))
        return lines
    lines = []
    for f in report.findings:  # audit: a line of a .txt is a line GitHub can point at
        number = re.match(r"line (\d+)", f.where)
        also = f" (and {', '.join(f.also)})" if f.also else ""
        message = f"{f.where}{also}: {f.message}"
        lines.append(github_line(f.severity, message, report.file, int(number[1]) if number else None, title=f.rule))
    return lines


def _json(command: str, outcomes: list[Outcome]) -> str:
    from .proof import reports

    found = [o.report for o in outcomes if not isinstance(o.report, str)]
    if command == "check":
        return reports.check_json(found)
    if command == "audit":
        return reports.audit_json(found)
    return json.dumps(  # validate
        {
            "version": reports.JSON_VERSION,
            "specs": [
                {
                    "spec": o.source,
                    "valid": o.status == 0,
                    "problems": [
                        {
                            "file": i.location.file,
                            "line": i.location.line,
                            "column": i.location.column,
                            "path": dotted(i.path),
                            "message": i.message,
                        }
                        for i in o.report
                    ],
                }
                for o in outcomes
                if not isinstance(o.report, str)
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def _summary(command: str, outcomes: list[Outcome]) -> str:
    counts = {kind: sum(1 for o in outcomes if o.kind == kind) for kind in KINDS[command]}
    noun = "file" if command == "audit" else "spec"
    warnings = sum(o.warnings for o in outcomes)
    parts = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    if command == "render":  # render's only warnings are texts without English; the rules are check's
        found = f"{warnings} text{'s' if warnings != 1 else ''} without English (`contractgen check` runs the rules)"
    else:
        found = f"{warnings} warning{'s' if warnings != 1 else ''}"
    return f"{len(outcomes)} {noun}{'s' if len(outcomes) != 1 else ''}: {parts}; {found}"


def _print_outcome(outcome: Outcome, form: str, command: str, first: bool) -> bool:
    """Print what one file gave in the format asked; whether a report reached stdout."""
    if form == "github":
        for line in _github_lines(command, outcome):
            print(line)
        return False
    if form == "json":  # the findings are in the JSON; only a file that cannot be read is said here
        if isinstance(outcome.report, str):
            print(*outcome.err, sep="\n", file=sys.stderr)
        return False
    for line in outcome.err:
        print(line, file=sys.stderr)
    if command in ("check", "audit") and not first and outcome.out:
        print()  # reports are separated by an empty line
    for line in outcome.out:
        print(line)
    return bool(outcome.out)


def _run_batch(args: argparse.Namespace, options: Options, task: Callable[[Options, str], Outcome]) -> list[Outcome]:
    """Run task on every input (expanded) on --jobs processes, printing each outcome in input order
    with the progress meanwhile, and the summary at the end when there was more than one."""
    from functools import partial

    from .batch import expand, run

    sources = expand(args.inputs, (".docx", ".txt") if options.command == "audit" else SPEC_SUFFIXES)
    many = len(sources) > 1
    if many and args.jobs > 1:  # imported once here: forked workers inherit the modules
        for module in WORKER_MODULES[options.command]:
            importlib.import_module(module, __package__)
    form = getattr(args, "format", "text")
    progress = _Progress(len(sources), enabled=many and not args.quiet)
    outcomes: list[Outcome] = []
    reported = False
    for outcome in run(partial(task, options), sources, args.jobs, lambda _, o: progress.done(o)):
        progress.clear()
        progress.shown_next(len(outcomes) + 1, outcome)
        if not (args.quiet and outcome.status == 0 and not outcome.warnings and form == "text"):
            reported |= _print_outcome(outcome, form, options.command, not reported)
        outcomes.append(outcome)
        progress.redraw()
    progress.clear()
    if form == "json":
        print(_json(options.command, outcomes))
    if many and not args.quiet:
        print(_summary(options.command, outcomes), file=sys.stderr)
    return outcomes


def _status(outcomes: list[Outcome]) -> int:
    return max((o.status for o in outcomes), default=0)


def _settings(args: argparse.Namespace) -> Config:
    from .config import load_config

    return load_config(args.inputs, args.config)


def _validate(args: argparse.Namespace) -> int:
    config = _settings(args)
    options = Options("validate", templates=config.templates)
    return _status(_run_batch(args, options, _validate_one))


def _render(args: argparse.Namespace) -> int:
    config = _settings(args)
    templates = Path(args.templates) if args.templates else config.templates
    output = Path(args.output) if args.output else (config.output or Path("output"))
    options = Options("render", templates, output, args.lang or config.language, args.strict, args.pdf)
    from .batch import expand

    specs = expand(args.inputs)
    stems: dict[str, str] = {}
    for spec in specs:  # x.yaml is written as x.docx: two of them would race for it under --jobs
        first = stems.setdefault(Path(spec).stem, spec)
        if first != spec:
            raise InputError(
                f"{first} and {spec} would both be written as {output / Path(spec).stem}.*; render them apart (-o)"
            )
    if not args.pdf or len(specs) == 1:  # one PDF: converted with its .docx, as always
        return _status(_run_batch(args, options, _render_one))
    outcomes = _run_batch(args, replace(options, defer_pdf=True), _render_one)
    return _write_with_pdfs(args, outcomes)


def _write_with_pdfs(args: argparse.Namespace, outcomes: list[Outcome]) -> int:
    """--pdf over many specs: the rendered ones through one LibreOffice run, then each spec's
    .docx and PDF written together (neither when its PDF fails)."""
    from .pipeline import Rendered, write_rendered
    from .word.pdf import docxs_to_pdfs

    rendered: list[Rendered] = [o.report for o in outcomes if isinstance(o.report, Rendered)]
    if not rendered:
        return _status(outcomes)
    if not args.quiet:
        print(f"converting {len(rendered)} file(s) to PDF with LibreOffice", file=sys.stderr)
    pdfs = docxs_to_pdfs([(r.docx, r.spec_path.stem) for r in rendered])
    status = _status(outcomes)
    for r, pdf in zip(rendered, pdfs, strict=True):
        if isinstance(pdf, ContractgenError):
            print(f"contractgen render: {pdf}", file=sys.stderr)
            status = max(status, pdf.exit_code)
            continue
        for written in write_rendered(r, pdf).files:
            if not args.quiet:
                print(f"wrote {written}")
    return status


def _check(args: argparse.Namespace) -> int:
    config = _settings(args)
    if args.json:
        args.format = "json"
    lpr, published = (args.lpr, None) if args.lpr is not None else (config.lpr, config.lpr_published)
    options = Options("check", templates=config.templates, lpr=lpr, lpr_published=published, quiet=args.quiet)
    return _status(_run_batch(args, options, _check_one))


def _audit(args: argparse.Namespace) -> int:
    one = len(args.inputs) == 1 and not Path(args.inputs[0]).is_dir() and not glob.has_magic(args.inputs[0])
    if args.annotate and (not one or Path(args.annotate).resolve() == Path(args.inputs[0]).resolve()):
        print("contractgen audit: --annotate takes one .docx FILE and a new file to write", file=sys.stderr)
        return 2
    if args.json:
        args.format = "json"
    outcomes = _run_batch(args, Options("audit"), _audit_one)
    if args.annotate and not isinstance(outcomes[0].report, str):
        from .proof.audit import annotated_copy

        report = outcomes[0].report
        write_atomically(Path(args.annotate), annotated_copy(Path(args.inputs[0]), report))
        print(f"wrote {args.annotate} ({len(report.findings)} comment(s))", file=sys.stderr)
    return _status(outcomes)


# 1234567.89, 1,234,567.89, ¥1,234: commas only between groups of three digits, so that
# '1,2,3' is refused rather than read as 123.
_AMOUNT = re.compile(r"[¥￥]?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")


def _words(args: argparse.Namespace) -> int:
    from .domain import money

    match = _AMOUNT.fullmatch(args.amount.strip())
    if not match:
        print(f"contractgen words: not an amount: {args.amount!r} (write e.g. 1234.56 or 1,234.56)", file=sys.stderr)
        return 2
    value = Decimal(match[1].replace(",", "") + (match[2] or ""))
    if value > money.MAX_AMOUNT:
        print(f"contractgen words: above the largest supported amount {money.MAX_AMOUNT:,}", file=sys.stderr)
        return 2
    try:
        print(money.english_words(value) if args.lang == "en" else money.rmb_words(value))
    except money.AmountError as e:
        print(f"contractgen words: {e}", file=sys.stderr)
        return 2
    return 0


def _clauses(args: argparse.Namespace) -> int:
    from .pipeline import load_contract
    from .render.compose import outline

    templates = Path(args.templates) if args.templates else None
    print("\n".join(outline(load_contract(Path(args.spec), templates), args.lang, templates)))
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .spec.schema import describe, json_schema

    if args.json_schema:
        print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    else:
        print(describe(), end="")
        print(article_reference(), end="")
        print(label_reference(), end="")
    return 0


def article_reference() -> str:
    """The article ids a spec's `articles:` may name, from the project's template folder."""
    from .render.templates import load_templates, worded_condition

    templates = load_templates()
    lines = [
        "",
        "article ids (templates/contract.yaml), for articles.omit / replace / append / insert.after, and their",
        "named sub-clauses (article.name), for articles.omit / replace / append; ref(id) in a spec's clause",
        "text prints the number of either (第六条 / Article 6, 第6.2款 / Clause 6.2). `contractgen clauses SPEC`",
        "prints a spec's contract with these ids; (only when …) names the spec's terms that print one:",
    ]
    gists = templates.subclause_gists()
    for entry in templates.manifest["articles"]:
        condition = f"  (only when {worded_condition(entry['when'])[0]})" if entry.get("when") else ""
        lines.append(f"  {entry['id']}  {entry['title']['zh']} / {entry['title']['en']}{condition}")
        for name, gist in gists.get(entry["id"], {}).items():
            switches = templates.subclause_switches(entry["id"], name)
            lines.append(f"    {entry['id']}.{name}  {gist}" + (f"  (only when {switches[0]})" if switches else ""))
    lines.append("  and the annexes' named paragraphs (printed without a number; not for ref(id)):")
    for template in templates.annexes_named():
        lines.extend(f"    {template}.{name}  {gist}" for name, gist in gists[template].items())
    return "\n".join(lines) + "\n"


def label_reference() -> str:
    """The labels a spec's output.labels may reword, from the project's template folder."""
    from .render.labels import OVERRIDABLE
    from .render.templates import load_templates

    labels = load_templates().labels
    lines = [
        "",
        "label keys (templates/labels.yaml), for output.labels: [{key: …, text: {zh: …, en: …}}]; the contract",
        "prints the spec's words instead of these, which must keep the same {placeholders}:",
    ]
    for key in OVERRIDABLE:
        lines.append(f"  {key}  {labels.standard(key, 'zh')} / {labels.standard(key, 'en')}")
    return "\n".join(lines) + "\n"


MAX_NAME_CHARS = 60
# A name is printed into the starter as plain YAML text (title: NAME热线服务合同): letters, digits
# and a little punctuation, nothing YAML reads as syntax.
_NAME = re.compile(r"[^\W_][\w\-.·（）()]*")


def _name_problem(name: str) -> str | None:
    if not name:
        return "the name is empty"
    if len(name) > MAX_NAME_CHARS:
        return f"the name has {len(name)} characters; at most {MAX_NAME_CHARS}"
    if not _NAME.fullmatch(name):
        return "the name may hold letters, digits, - . · and brackets, starting with a letter or digit"
    return None


def _init(args: argparse.Namespace) -> int:
    from .spec.loader import parse_spec_text
    from .spec.starter import starter_spec
    from .spec.validate import field_issues

    path = Path(args.name if args.name.endswith((".yaml", ".yml")) else f"{args.name}.yaml")
    try:  # under a non-UTF-8 locale the name arrives undecoded; the spec text is UTF-8
        name = os.fsencode(path.stem).decode("utf-8")
    except UnicodeDecodeError:
        name = path.stem
    problem = _name_problem(name)
    if problem is None:  # the starter must validate as written, whatever the name
        text = starter_spec(name)
        spec = parse_spec_text(text, str(path))
        issues = spec.issues + field_issues(spec)
        problem = f"the starter would not be valid: {issues[0]}" if issues else None
    if problem is not None:
        shown = args.name if len(args.name) <= MAX_NAME_CHARS else args.name[:MAX_NAME_CHARS] + "…"
        print(f"contractgen init: {shown!r}: {problem}", file=sys.stderr)
        return 2
    try:
        exists = path.exists()
    except OSError as e:  # e.g. a folder in the path that is a file
        print(f"contractgen init: {path}: {e.strerror}", file=sys.stderr)
        return 2
    if exists and not args.force:
        print(f"contractgen init: {path} exists; use --force to overwrite", file=sys.stderr)
        return 2
    write_atomically(path, text.encode("utf-8"))
    print(f"wrote {path}; edit it, then run: contractgen validate {path}")
    return 0


def _percent(text: str) -> Decimal:
    """An argparse type: a finite percentage from 0 to 100."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"not a percentage from 0 to 100: {text!r}")
    return value


def _jobs(text: str) -> int:
    """An argparse type: a number of processes, 1 or more."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a number of processes (1 or more): {text!r}")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="contractgen", description="Hotline service contracts from YAML specs, with every figure exact."
    )
    parser.add_argument("--version", action="version", version=f"contractgen {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    batch = argparse.ArgumentParser(add_help=False)  # what every command over many files takes
    batch.add_argument(
        "-j", "--jobs", type=_jobs, default=default_jobs(), metavar="N", help="processes to use (default: every core)"
    )
    batch.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print only the files with errors or warnings: no progress or summary",
    )
    settings = argparse.ArgumentParser(add_help=False)
    settings.add_argument(
        "--config",
        metavar="FILE",
        help="settings file (default: contractgen.toml or pyproject.toml, from the specs up)",
    )
    formats = argparse.ArgumentParser(add_help=False)
    formats.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text; json (documented in README); github: workflow commands GitHub Actions shows as annotations",
    )
    many = "SPEC, a folder of specs or a glob ('specs/**/*.yaml')"

    p = sub.add_parser(
        "validate", parents=[batch, formats, settings], help="check specs; exit 0 if all are valid, 1 if not"
    )
    p.add_argument("inputs", nargs="+", metavar="SPEC", help=many)
    p.set_defaults(run=_validate)

    p = sub.add_parser("render", parents=[batch, settings], help="render specs to .docx (and PDF with --pdf)")
    p.add_argument("inputs", nargs="+", metavar="SPEC", help=many)
    p.add_argument("-o", "--output", metavar="DIR", help="output directory (default: the settings file's, else output)")
    p.add_argument(
        "--lang",
        choices=("zh", "en", "zh-en"),
        help="language (default: the settings file's, else the spec's, else zh)",
    )
    p.add_argument("--pdf", action="store_true", help="also write a PDF through LibreOffice headless")
    p.add_argument("--strict", action="store_true", help="fail when an English value is missing")
    p.add_argument("--templates", metavar="DIR", help="a template folder of your own (a copy of templates/)")
    p.set_defaults(run=_render)

    p = sub.add_parser(
        "check",
        parents=[batch, formats, settings],
        help="arithmetic and compliance findings for specs, with a money summary",
    )
    p.add_argument("inputs", nargs="+", metavar="SPEC", help=many)
    p.add_argument("--json", action="store_true", help="the same as --format json")
    p.add_argument(
        "--lpr",
        type=_percent,
        metavar="PERCENT",
        help="1-year LPR for the late-interest floor (default: the settings file's, else the rate built in)",
    )
    p.set_defaults(run=_check)

    p = sub.add_parser("audit", parents=[batch, formats], help="check the amounts in any contract text (.docx or .txt)")
    p.add_argument("inputs", nargs="+", metavar="FILE", help="a .docx or .txt, a folder of them or a glob")
    p.add_argument("--json", action="store_true", help="the same as --format json")
    p.add_argument("--annotate", metavar="OUT.docx", help="write a copy of the .docx with each finding as a comment")
    p.set_defaults(run=_audit)

    p = sub.add_parser("words", help="人民币大写 (or English words) of an amount")
    p.add_argument("amount", metavar="AMOUNT")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.set_defaults(run=_words)

    p = sub.add_parser(
        "clauses", help="the articles a spec prints, each sub-clause led by the id that articles: and ref() use"
    )
    p.add_argument("spec", metavar="SPEC")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.add_argument("--templates", metavar="DIR", help="a template folder of your own (a copy of templates/)")
    p.set_defaults(run=_clauses)

    p = sub.add_parser("schema", help="reference of every spec field, or a JSON Schema for editors")
    p.add_argument("--json-schema", action="store_true", help="print a JSON Schema (draft-07)")
    p.set_defaults(run=_schema)

    p = sub.add_parser("init", help="write a commented starter spec NAME.yaml that validates")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(run=_init)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    with _terminal() as out:
        parser = build_parser()
        args = parser.parse_args(argv)
        run: Callable[[argparse.Namespace], int] = args.run
        try:
            status = run(args)
        except ContractgenError as e:
            print(f"contractgen {args.command}: {e}", file=sys.stderr)
            status = e.exit_code
        except KeyboardInterrupt:
            return 130
        out.flush()
        if out.failure is not None:  # the results did not all reach stdout
            print(f"contractgen {args.command}: cannot write the output: {out.failure}", file=sys.stderr)
            return 2
        return status
