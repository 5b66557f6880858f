"""The command line: parses arguments, calls the pipeline, prints, and sets the exit code.

The only module that prints or exits. Exit codes: 0 ok; 1 invalid spec or findings; 2 usage or
I/O error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from . import __version__
from .domain import money
from .errors import ContractgenError, SpecError
from .pipeline import check_spec, generate, load_contract
from .proof import reports as reports_module
from .proof.audit import annotated_copy, audit_file
from .proof.registry import ONE_YEAR_LPR_PERCENT
from .spec.schema import describe, json_schema
from .spec.starter import starter_spec


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


def _words(args: argparse.Namespace) -> int:
    text = args.amount.replace(",", "").replace("¥", "").strip()
    try:
        value = Decimal(text)
    except InvalidOperation:
        print(f"contractgen words: not an amount: {args.amount!r}", file=sys.stderr)
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


def _init(args: argparse.Namespace) -> int:
    target = Path(args.name if args.name.endswith((".yaml", ".yml")) else f"{args.name}.yaml")
    if target.exists() and not args.force:
        print(f"contractgen init: {target} exists; use --force to overwrite", file=sys.stderr)
        return 2
    from .files import write_atomically

    write_atomically(target, starter_spec(target.stem).encode("utf-8"))
    print(f"wrote {target}; edit it, then run: contractgen validate {target}")
    return 0


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
        type=Decimal,
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
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except ContractgenError as e:
        print(f"contractgen {args.command}: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        return 130
