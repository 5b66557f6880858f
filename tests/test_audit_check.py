"""check reads every free-text value of a spec as audit reads a contract (rule text.amounts)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SPECS

from generator.errors import dotted
from generator.pipeline import check_spec
from generator.proof.text_rules import spec_path
from generator.spec.starter import starter_spec

METHOD = "  method: 银行转账\n"


def _spec(tmp_path: Path, method: str, extra: str = "") -> Path:
    text = starter_spec("某市12345").replace(METHOD, method)
    path = tmp_path / "spec.yaml"
    path.write_text(text.replace("annexes: [", extra + "annexes: [") if extra else text, encoding="utf-8")
    return path


def _findings(path: Path) -> list[tuple[str, str, str]]:
    return [(f.severity, dotted(f.path), f.message) for f in check_spec(path).findings if f.rule == "text.amounts"]


def test_a_capital_typed_into_free_text_is_checked(tmp_path: Path) -> None:
    method = "  method: 银行转账；另付手续费人民币50元（大写：伍拾元），由乙方承担\n"
    [(severity, path, message)] = _findings(_spec(tmp_path, method))
    assert (severity, path) == ("error", "payment.method")
    assert "「伍拾元」" in message and "整 is missing after 元" in message
    report = check_spec(_spec(tmp_path, method))
    [finding] = [f for f in report.findings if f.rule == "text.amounts"]
    assert finding.location is not None and finding.location.line > 1  # located in the YAML


def test_a_figure_and_its_capital_typed_in_must_agree(tmp_path: Path) -> None:
    method = "  method: 银行转账；另付手续费人民币50.00元（大写：伍拾伍元整）\n"
    [(severity, path, message)] = _findings(_spec(tmp_path, method))
    assert severity == "error" and "「人民币50.00元」" in message and "「伍拾伍元整」" in message


def test_english_amounts_in_words_typed_in_are_checked(tmp_path: Path) -> None:
    method = (
        "  method:\n    zh: 银行转账\n"
        '    en: "bank transfer; a fee of RMB 50.00 (say: RMB Fifty-Five Yuan Only) is borne by Party B"\n'
    )
    [(severity, path, message)] = _findings(_spec(tmp_path, method))
    assert (severity, path) == ("error", "payment.method") and message.startswith("(English) ")


def test_a_finding_may_be_waived(tmp_path: Path) -> None:
    method = "  method: 银行转账；另付手续费人民币伍拾元\n"
    waiver = "waivers:\n  - rule: text.amounts\n    reason: 原文照录\n\n"
    report = check_spec(_spec(tmp_path, method, waiver))
    assert [(f.rule, str(f.severity)) for f in report.findings] == [("text.amounts", "waived")]


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_the_examples_have_nothing_to_report(spec: Path) -> None:
    assert _findings(spec) == []


def test_spec_paths() -> None:
    assert spec_path("clauses.special_terms[0].text") == ("clauses", "special_terms", 0, "text")
    assert spec_path("price.fee_schedule[12].note") == ("price", "fee_schedule", 12, "note")
