"""The command line: parses arguments, calls the pipeline, prints, and sets the exit code.

The only module that prints or exits. Exit codes: 0 ok; 1 invalid spec or findings; 2 usage or
I/O error. Whatever it prints reaches the terminal safely: characters the output encoding
cannot hold are escaped (a latin-1 or C locale), so are control and bidirectional characters
quoted from a spec (they could drive the terminal), and a reader that stops early (`| head`)
ends the output, not the command.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .domain import money
from .errors import ContractgenError, SpecError
from .files import write_atomically
from .pipeline import check_spec, generate, load_contract
from .proof import reports as reports_module
from .proof.audit import annotated_copy, audit_file
from .proof.registry import ONE_YEAR_LPR_PERCENT
from .spec.loader import parse_spec_text
from .spec.schema import describe, json_schema
from .spec.starter import starter_spec
from .spec.validate import field_issues

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


def _validate(args: argparse.Namespace) -> int:
    status = 0
    for spec in args.specs:
        try:
            load_contract(Path(spec))
        except SpecError as e:
            print(e, file=sys.stderr)
            print(f"{spec}: invalid ({len(e.issues)} problem{'s' if len(e.issues) != 1 else ''})", file=sys.stderr)
            status = max(status, 1)
        else:
            print(f"{spec}: valid")
    return status


def _render(args: argparse.Namespace) -> int:
    status = 0
    for spec in args.specs:
        try:
            result = generate(
                Path(spec),
                Path(args.output),
                lang=args.lang,
                pdf=args.pdf,
                strict=args.strict,
                templates=Path(args.templates) if args.templates else None,
            )
        except SpecError as e:
            print(e, file=sys.stderr)
            print(f"{spec}: invalid; nothing written", file=sys.stderr)
            status = max(status, 1)
            continue
        except ContractgenError as e:
            print(f"contractgen render: {e}", file=sys.stderr)
            status = max(status, e.exit_code)
            continue
        for field_path in result.untranslated:
            print(f"{spec}: warning: {field_path}: no English text; the Chinese is used", file=sys.stderr)
        for written in result.files:
            print(f"wrote {written}")
    return status


def _print_reports(reports: list[Any], as_json: bool, to_json: Callable[..., str], to_text: Callable[..., str]) -> int:
    print(to_json(reports) if as_json else "\n\n".join(to_text(r) for r in reports))
    return 1 if any(r.errors for r in reports) else 0


def _check(args: argparse.Namespace) -> int:
    reports = [check_spec(Path(spec), lpr=args.lpr) for spec in args.specs]
    return _print_reports(reports, args.json, reports_module.check_json, reports_module.check_text)


def _audit(args: argparse.Namespace) -> int:
    if args.annotate and (len(args.files) != 1 or Path(args.annotate).resolve() == Path(args.files[0]).resolve()):
        print("contractgen audit: --annotate takes one .docx FILE and a new file to write", file=sys.stderr)
        return 2
    reports = [audit_file(Path(f)) for f in args.files]
    if args.annotate:
        from .files import write_atomically

        write_atomically(Path(args.annotate), annotated_copy(Path(args.files[0]), reports[0]))
        print(f"wrote {args.annotate} ({len(reports[0].findings)} comment(s))", file=sys.stderr)
    return _print_reports(reports, args.json, reports_module.audit_json, reports_module.audit_text)


# 1234567.89, 1,234,567.89, ¥1,234: commas only between groups of three digits, so that
# '1,2,3' is refused rather than read as 123.
_AMOUNT = re.compile(r"[¥￥]?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")


def _words(args: argparse.Namespace) -> int:
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


def _schema(args: argparse.Namespace) -> int:
    if args.json_schema:
        print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    else:
        print(describe(), end="")
        print(article_reference(), end="")
    return 0


def article_reference() -> str:
    """The article ids a spec's `articles:` may name, from the project's template folder."""
    from .render.templates import load_templates

    lines = ["", "article ids (templates/contract.yaml), for articles.omit / replace / append / insert.after:"]
    for entry in load_templates().manifest["articles"]:
        condition = f"  (only when {entry['when']})" if entry.get("when") else ""
        lines.append(f"  {entry['id']}  {entry['title']['zh']} / {entry['title']['en']}{condition}")
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="contractgen", description="Hotline service contracts from YAML specs, with every figure exact."
    )
    parser.add_argument("--version", action="version", version=f"contractgen {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check specs; exit 0 if all are valid, 1 if not")
    p.add_argument("specs", nargs="+", metavar="SPEC")
    p.set_defaults(run=_validate)

    p = sub.add_parser("render", help="render specs to .docx (and PDF with --pdf)")
    p.add_argument("specs", nargs="+", metavar="SPEC")
    p.add_argument("-o", "--output", default="output", metavar="DIR", help="output directory (default: output)")
    p.add_argument("--lang", choices=("zh", "en", "zh-en"), help="language (default: the spec's, else zh)")
    p.add_argument("--pdf", action="store_true", help="also write a PDF through LibreOffice headless")
    p.add_argument("--strict", action="store_true", help="fail when an English value is missing")
    p.add_argument("--templates", metavar="DIR", help="a template folder of your own (a copy of templates/)")
    p.set_defaults(run=_render)

    p = sub.add_parser("check", help="arithmetic and compliance findings for specs, with a money summary")
    p.add_argument("specs", nargs="+", metavar="SPEC")
    p.add_argument("--json", action="store_true", help="machine-readable output (documented in README)")
    p.add_argument(
        "--lpr",
        type=_percent,
        default=ONE_YEAR_LPR_PERCENT,
        metavar="PERCENT",
        help=f"1-year LPR for the late-interest floor (default {ONE_YEAR_LPR_PERCENT})",
    )
    p.set_defaults(run=_check)

    p = sub.add_parser("audit", help="check the amounts in any contract text (.docx or .txt)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="machine-readable output (documented in README)")
    p.add_argument("--annotate", metavar="OUT.docx", help="write a copy of the .docx with each finding as a comment")
    p.set_defaults(run=_audit)

    p = sub.add_parser("words", help="人民币大写 (or English words) of an amount")
    p.add_argument("amount", metavar="AMOUNT")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.set_defaults(run=_words)

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
