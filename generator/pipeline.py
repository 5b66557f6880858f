"""The library entry points: spec file -> contract model -> rendered files."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .contract.compute import build_contract
from .contract.model import Contract
from .errors import SpecError, UntranslatedError
from .files import write_atomically
from .proof.check import ONE_YEAR_LPR_PERCENT, CheckOptions, CheckReport, invalid_report, run_checks
from .render.compose import compose
from .spec.loader import LoadedSpec, load_spec
from .spec.validate import validate_spec
from .word.pdf import docx_to_pdf
from .word.writer import build_docx


def load_contract(spec_path: Path) -> Contract:
    """Load, validate and compute a spec; raise SpecError listing every problem."""
    return load_checked(spec_path)[1]


def load_checked(spec_path: Path) -> tuple[LoadedSpec, Contract]:
    """The loaded spec (for locations) and its contract model; raise SpecError if invalid."""
    spec = load_spec(spec_path)
    validate_spec(spec)
    return spec, build_contract(spec.data, str(spec_path))


def check_spec(spec_path: Path, *, lpr: Decimal = ONE_YEAR_LPR_PERCENT) -> CheckReport:
    """Arithmetic and compliance findings for a spec; an invalid spec's issues are findings."""
    try:
        spec, contract = load_checked(spec_path)
    except SpecError as e:
        return invalid_report(str(spec_path), e.issues)
    return run_checks(spec, contract, CheckOptions(lpr=lpr))


@dataclass(frozen=True)
class RenderResult:
    """What render wrote, and the spec paths whose English fell back to Chinese."""

    files: tuple[Path, ...]
    untranslated: tuple[str, ...]


def output_name(spec_path: Path, lang: str) -> str:
    """specs/x.yaml -> x.docx (zh), x.en.docx, x.zh-en.docx."""
    return f"{spec_path.stem}.docx" if lang == "zh" else f"{spec_path.stem}.{lang}.docx"


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
    contract = load_contract(spec_path)
    language = lang or contract.language
    document = compose(contract, language, templates)
    if strict and document.warnings:
        raise UntranslatedError(spec_path, document.warnings)
    docx_bytes = build_docx(document)
    pdf_bytes = docx_to_pdf(docx_bytes, spec_path.stem) if pdf else None
    target = out_dir / output_name(spec_path, language)
    write_atomically(target, docx_bytes)
    files = [target]
    if pdf_bytes is not None:
        pdf_target = target.with_suffix(".pdf")
        write_atomically(pdf_target, pdf_bytes)
        files.append(pdf_target)
    return RenderResult(tuple(files), document.warnings)
