"""The library entry points: spec file -> checked contract model -> rendered files or a check report.

Validation is two steps, each written once: field rules (spec.validate, through cerberus), then
the blocking rules of the registry (proof.rules) over the computed model."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .contract.build import build_contract
from .contract.compute import compute
from .errors import SpecError, SpecIssue, UntranslatedError
from .files import write_atomically
from .proof.check import CheckReport, field_findings, money_summary, run_rules
from .proof.registry import ONE_YEAR_LPR_PERCENT, CheckOptions, ensure_loaded
from .spec.loader import read_spec
from .spec.model import Contract
from .spec.validate import field_issues


@dataclass(frozen=True)
class Evaluation:
    """A spec's model (None when the document itself is not a spec) and every finding on it."""

    contract: Contract | None
    report: CheckReport


def evaluate(spec_path: Path, options: CheckOptions | None = None, *, blocking_only: bool = False) -> Evaluation:
    """Load a spec, check its fields, compute its model and run the rules that can run.

    Sections that fail their field rules (or hold a value the loader could not read) are left out
    of the model, and rules reading them do not run, so every independent problem is reported at
    once. A file that is no document at all (a syntax error, too large) raises SpecError.
    """
    ensure_loaded()
    spec = read_spec(spec_path)
    issues = spec.issues + field_issues(spec)
    if any(not issue.path for issue in issues):
        return Evaluation(None, CheckReport(spec.file, field_findings(issues)))
    failed = frozenset(str(issue.path[0]) for issue in issues)
    contract, problems = compute(build_contract(spec.data, str(spec_path), skip=failed))
    issues += [SpecIssue(spec.locate(p.path), p.path, p.message) for p in problems]
    report = run_rules(spec, contract, failed, options or CheckOptions(), blocking_only=blocking_only)
    report.findings[:0] = field_findings(issues)
    return Evaluation(contract, report)


def load_contract(spec_path: Path, templates: Path | None = None) -> Contract:
    """The computed model of a usable spec (to render with the template folder templates, None for
    the project's); raise SpecError listing every problem if it is not."""
    evaluation = evaluate(spec_path, CheckOptions(templates=templates), blocking_only=True)
    blocking = evaluation.report.blocking
    if blocking or evaluation.contract is None:
        raise SpecError([f.issue() for f in blocking])
    return evaluation.contract


def check_spec(
    spec_path: Path,
    *,
    lpr: Decimal = ONE_YEAR_LPR_PERCENT,
    lpr_published: dt.date | None = None,
    templates: Path | None = None,
) -> CheckReport:
    """Every rule's findings on a spec, and its money summary when the spec is usable."""
    try:
        evaluation = evaluate(spec_path, CheckOptions(lpr=lpr, lpr_published=lpr_published, templates=templates))
    except SpecError as e:
        return CheckReport(str(spec_path), field_findings(e.issues))
    report = evaluation.report
    if evaluation.contract is not None and not report.blocking:
        report.summary = money_summary(evaluation.contract)
    return report


@dataclass(frozen=True)
class RenderResult:
    """What render wrote, and the spec paths whose English fell back to Chinese."""

    files: tuple[Path, ...]
    untranslated: tuple[str, ...]


def output_name(spec_path: Path, lang: str) -> str:
    """specs/x.yaml -> x.docx (zh), x.en.docx, x.zh-en.docx."""
    return f"{spec_path.stem}.docx" if lang == "zh" else f"{spec_path.stem}.{lang}.docx"


@dataclass(frozen=True)
class Rendered:
    """A spec rendered and not yet written: its .docx bytes, where they go, and the spec paths
    whose English fell back to Chinese."""

    spec_path: Path
    target: Path
    docx: bytes
    untranslated: tuple[str, ...]


def render_spec(
    spec_path: Path,
    out_dir: Path = Path("output"),
    *,
    lang: str | None = None,
    strict: bool = False,
    templates: Path | None = None,
) -> Rendered:
    """Validate, compute and render one spec to .docx bytes, writing nothing (SpecError when the
    spec is invalid, UntranslatedError with strict when an English value is missing)."""
    from .render.compose import compose  # imported here: validate and check need no renderer
    from .word.writer import build_docx  # nor python-docx

    contract = load_contract(spec_path, templates)
    language = lang or contract.language
    document = compose(contract, language, templates)
    if strict and document.warnings:
        raise UntranslatedError(spec_path, document.warnings)
    return Rendered(spec_path, out_dir / output_name(spec_path, language), build_docx(document), document.warnings)


def write_rendered(rendered: Rendered, pdf_bytes: bytes | None = None) -> RenderResult:
    """Write a rendered spec's .docx (and its PDF) atomically."""
    write_atomically(rendered.target, rendered.docx)
    files = [rendered.target]
    if pdf_bytes is not None:
        pdf_target = rendered.target.with_suffix(".pdf")
        write_atomically(pdf_target, pdf_bytes)
        files.append(pdf_target)
    return RenderResult(tuple(files), rendered.untranslated)


def generate(
    spec_path: Path,
    out_dir: Path = Path("output"),
    *,
    lang: str | None = None,
    pdf: bool = False,
    strict: bool = False,
    templates: Path | None = None,
) -> RenderResult:
    """Validate, compute and render one spec; write .docx (and .pdf) atomically into out_dir.

    Nothing is written when the spec is invalid, a template fails, or (with strict) an English
    value is missing.
    """
    rendered = render_spec(spec_path, out_dir, lang=lang, strict=strict, templates=templates)
    if not pdf:
        return write_rendered(rendered)
    from .word.pdf import docx_to_pdf

    return write_rendered(rendered, docx_to_pdf(rendered.docx, spec_path.stem))
