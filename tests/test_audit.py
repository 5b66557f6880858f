"""audit on texts written for this project, and on every contract the project renders."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SPECS

from generator.pipeline import load_contract
from generator.proof.audit import audit_file
from generator.render.compose import compose
from generator.word.writer import build_docx

FIXTURES = Path(__file__).parent / "audit_fixtures"

# fixture -> the (rule, severity) findings it must give, in order
EXPECTED = {
    "correct.txt": [],
    "wrong_characters.txt": [("capital.form", "error"), ("capital.form", "error")],
    "zeros_and_zheng.txt": [("capital.form", "error")] * 4,
    "figure_mismatch.txt": [("capital.figure", "error")],
    "percent_mismatch.txt": [("percent.amount", "error")],
    # one defect, one finding: the amounts follow from the percentages, so their sum is not reported again
    "instalments_sum.txt": [("instalments.percent", "error")],
    "percent_sum_and_fen.txt": [
        ("percent.fen", "warning"),
        ("percent.fen", "warning"),
        ("instalments.percent", "error"),
    ],
    "table_errors.txt": [("table.row", "error"), ("table.total", "error")],
    "counterparts.txt": [("counterparts", "error")],
    "decoy_total.txt": [],  # the total is the figure its 大写 confirms, not the first one
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_findings(name: str) -> None:
    report = audit_file(FIXTURES / name)
    assert [(f.rule, f.severity) for f in report.findings] == EXPECTED[name], [f.message for f in report.findings]


def test_correct_text_accepts_every_permitted_variant() -> None:
    report = audit_file(FIXTURES / "correct.txt")
    assert report.total is not None and f"{report.total:.2f}" == "1200000.00"
    assert report.counts["pairs"] == 9  # every 大写 stood with a figure and agreed
    assert report.counts["instalments"] == 2
    assert report.counts["table_rows"] == 2 and report.counts["column_totals"] == 1
    assert report.counts["counterparts"] == 1


def test_messages_say_what_is_wrong() -> None:
    wrong = audit_file(FIXTURES / "wrong_characters.txt").findings
    assert "千 (write 仟)" in wrong[0].message
    assert "三 (write 叁)" in wrong[1].message and "百 (write 佰)" in wrong[1].message
    zeros = [f.message for f in audit_file(FIXTURES / "zeros_and_zheng.txt").findings]
    assert "零 is missing or misplaced; write 陆仟零柒元壹角肆分" in zeros[0]
    assert "整 is missing after 元" in zeros[1]
    assert "整 must not follow 分" in zeros[2]
    assert "bare 拾" in zeros[3]
    percent = audit_file(FIXTURES / "percent_mismatch.txt").findings[0]
    assert "666,900.15" in percent.message and "24.711%" in percent.message
    assert percent.where == "line 2" and "24.7%" in percent.snippet


@pytest.mark.parametrize("lang", ["zh", "zh-en"])
@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_generated_contracts_audit_clean(spec: Path, lang: str, tmp_path: Path) -> None:
    contract = load_contract(spec)
    path = tmp_path / "contract.docx"
    path.write_bytes(build_docx(compose(contract, lang)))
    report = audit_file(path)
    assert report.findings == []
    assert report.total == contract.total.value
    # The audit really looked: every instalment amount and its 大写 were read and paired.
    assert report.counts["pairs"] >= len(contract.instalments) + 1
    assert report.counts.get("instalments", 0) == len(contract.instalments)
