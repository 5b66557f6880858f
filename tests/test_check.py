"""check: the examples pass; specs broken on purpose fail the right rules; waivers; JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SPECS

from generator.pipeline import check_spec
from generator.proof.registry import RULES, ensure_loaded
from generator.spec.starter import starter_spec


def spec_with(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    text = starter_spec("测试")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_examples_pass(cli, spec: Path) -> None:
    result = cli("check", spec)
    assert result.code == 0, result.out
    assert "0 error(s)" in result.out and "money:" in result.out


def test_starter_passes_every_rule(cli, tmp_path: Path) -> None:
    result = cli("check", spec_with(tmp_path), "--json")
    report = json.loads(result.out)["specs"][0]
    assert result.code == 0 and report["findings"] == []
    ensure_loaded()
    assert sorted(report["passed"]) == sorted(RULES)


SECURITY = "performance_security:\n  percent: 12\n  forms: [cash]\n  return_working_days: 7\n\n"
BROKEN = {
    "security": ([("liability:\n", SECURITY + "liability:\n")], {"gpl.security-cap", "gpl.security-non-cash"}),
    "sme-term": (
        [("due: {after: final_acceptance, days: 30}", "due: {after: final_acceptance, days: 90}"),
         ("  acceptance_working_days: 10   # the buyer accepts within this many working days of the application\n", "")],
        {"sme.payment-term", "sme.acceptance-deadline"},
    ),
    "late-interest": ([("late_interest_percent_per_day: 0.05", "late_interest_percent_per_day: 0.005")], {"sme.late-interest"}),
    "deposit": ([("liability:\n", "deposit: {amount: 300000}\n\nliability:\n")], {"civil-code.deposit-cap"}),
    "signing": ([("  signing_date: 2026-03-01", "  award_date: 2026-01-10\n  signing_date: 2026-03-01")], {"gpl.signing-deadline"}),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_on_purpose(cli, tmp_path: Path, case: str) -> None:
    replacements, rules = BROKEN[case]
    result = cli("check", spec_with(tmp_path, *replacements), "--json")
    findings = json.loads(result.out)["specs"][0]["findings"]
    assert result.code == 1
    assert {f["rule"] for f in findings if f["severity"] == "error"} == rules
    for f in findings:
        assert f["line"] and f["path"] and f["regulation"]


def test_sme_late_interest_against_lpr_option(cli, tmp_path: Path) -> None:
    spec = spec_with(tmp_path)  # 0.05% a day = 18.25% a year
    assert cli("check", spec, "--lpr", "20").code == 1
    assert cli("check", spec, "--lpr", "3.0").code == 0


def test_waiver_shows_in_the_report(cli, tmp_path: Path) -> None:
    waiver = "waivers:\n  - rule: civil-code.deposit-cap\n    reason: 经财政部门书面同意（测试）\n"
    spec = spec_with(tmp_path, ("liability:\n", "deposit: {amount: 300000}\n\nliability:\n"))
    spec.write_text(spec.read_text(encoding="utf-8") + waiver, encoding="utf-8")
    result = cli("check", spec)
    assert result.code == 0
    assert "waived  civil-code.deposit-cap" in result.out and "(waived: 经财政部门书面同意（测试）)" in result.out


def test_a_waiver_with_a_path_waives_only_findings_at_that_path(cli, tmp_path: Path) -> None:
    spec = spec_with(tmp_path, ("  staff: 20\n", ""), ("  breach_penalty_percent: 10", "  deductions: []"))
    waiver = "waivers:\n  - rule: civil-code.elements\n    path: service\n    reason: 数量见采购文件（测试）\n"
    spec.write_text(spec.read_text(encoding="utf-8") + waiver, encoding="utf-8")
    findings = [f for f in check_spec(spec).findings if f.rule == "civil-code.elements"]
    assert {(f.path, f.severity) for f in findings} == {(("service",), "waived"), (("liability",), "warning")}


def test_a_waiver_for_another_path_waives_nothing_and_says_so(cli, tmp_path: Path) -> None:
    spec = spec_with(tmp_path, ("liability:\n", "deposit: {amount: 300000}\n\nliability:\n"))
    waiver = "waivers:\n  - rule: civil-code.deposit-cap\n    path: price.total\n    reason: 测试\n"
    spec.write_text(spec.read_text(encoding="utf-8") + waiver, encoding="utf-8")
    report = check_spec(spec)
    by_rule = {f.rule: f for f in report.findings}
    assert by_rule["civil-code.deposit-cap"].severity == "error"  # its finding is at deposit.amount
    unused = by_rule["waivers.used"]
    assert unused.severity == "warning" and "waives nothing" in unused.message
    assert unused.path == ("waivers", 0, "path") and unused.location is not None


def test_unknown_waiver_rule_is_an_error(cli, tmp_path: Path) -> None:
    spec = spec_with(tmp_path)
    spec.write_text(
        spec.read_text(encoding="utf-8") + "waivers:\n  - {rule: no.such-rule, reason: x}\n", encoding="utf-8"
    )
    result = cli("check", spec)
    assert result.code == 1 and "waivers.waivable" in result.out and "no check rule 'no.such-rule'" in result.out


def test_arithmetic_rules_cannot_be_waived(cli, tmp_path: Path) -> None:
    spec = spec_with(tmp_path, ("total: 4\n", "total: 5\n"))
    spec.write_text(
        spec.read_text(encoding="utf-8") + "waivers:\n  - {rule: arith.counterparts, reason: x}\n", encoding="utf-8"
    )
    report = check_spec(spec)
    assert {f.rule for f in report.findings} == {"arith.counterparts", "waivers.waivable"}
    assert all(f.severity == "error" for f in report.findings)


def test_a_broken_rule_is_reported_under_its_id(cli, tmp_path: Path) -> None:
    """A spec validation rejects names the real rule in check, not a generic 'spec' finding."""
    spec = spec_with(tmp_path, ("    - percent: 50\n", "    - percent: 45\n"))
    report = json.loads(cli("check", spec, "--json").out)["specs"][0]
    assert report["ok"] is False and report["money"] is None
    [finding] = report["findings"]
    assert finding["rule"] == "arith.instalments-percent" and finding["path"] == "payment.instalments"
    assert finding["message"] == "percentages sum to 95%, not 100%" and finding["line"] == 64


FEE_LINES = """  fee_schedule:
    - {item: 坐席服务, unit_price: 5000, unit: 元/席/月, quantity: 10, months: 12, amount: 600000}
    - {item: 平台服务, unit_price: 40000, unit: 元/月, quantity: 1, months: 12}
"""


def test_fee_schedule_that_does_not_add_up_names_its_rule(cli, tmp_path: Path) -> None:
    spec = spec_with(
        tmp_path, ("  nature: fixed              # fixed or unit_price\n", "  nature: fixed\n" + FEE_LINES)
    )
    report = json.loads(cli("check", spec, "--json").out)["specs"][0]
    assert {(f["rule"], f["path"]) for f in report["findings"]} == {("arith.fee-schedule", "price.total")}
    assert report["findings"][0]["message"] == (
        "the fee schedule lines sum to 1,080,000.00, not the total 1,200,000.00"
    )


def test_json_money_summary_is_exact_text(cli) -> None:
    luohe = next(s for s in SPECS if "luohe" in s.name)
    money = json.loads(cli("check", luohe, "--json").out)["specs"][0]["money"]
    assert money["total"]["amount"] == "3278289.64"
    assert [i["amount"] for i in money["instalments"]] == ["1311315.86", "655657.93", "655657.93", "655657.92"]
    assert money["performance_security"]["words"] == "壹拾陆万叁仟玖佰壹拾肆元肆角捌分"


def test_audit_json_and_exit_code(cli) -> None:
    fixtures = Path(__file__).parent / "audit_fixtures"
    clean = cli("audit", fixtures / "correct.txt", "--json")
    assert clean.code == 0 and json.loads(clean.out)["files"][0]["ok"] is True
    broken = cli("audit", fixtures / "figure_mismatch.txt", "--json")
    data = json.loads(broken.out)["files"][0]
    assert broken.code == 1 and data["findings"][0]["rule"] == "capital.figure"
    assert cli("audit", fixtures / "missing.txt").code == 2


def test_service_starting_before_the_set_up_can_be_accepted_is_reported(tmp_path: Path) -> None:
    ok = check_spec(spec_with(tmp_path))  # set-up due 03-16, accepted by 03-30, service from 04-01
    assert not [f for f in ok.findings if f.rule == "dates.service-after-setup"]
    late = spec_with(tmp_path, ("  acceptance_working_days: 10", "  acceptance_working_days: 15"))
    [finding] = [f for f in check_spec(late).findings if f.rule == "dates.service-after-setup"]
    assert "may be accepted as late as 2026-04-07 (15 working days)" in finding.message


def test_indicators_measured_more_often_than_assessed_need_a_combining_rule(tmp_path: Path) -> None:
    assessment = (
        "assessment:\n  frequency: quarterly\n  failed_kpi_deduction_percent: 1\n  kpis:\n"
        "    - {indicator: 接通率, definition: 接通量/呼入量, target: ≥95%, frequency: monthly}\n"
    )
    spec = spec_with(tmp_path, ("liability:\n", assessment + "\nliability:\n"))
    [finding] = [f for f in check_spec(spec).findings if f.rule == "assessment.kpi-frequency"]
    assert "indicators 1 (接通率, monthly) are measured more often" in finding.message
    scored = spec_with(
        tmp_path, ("liability:\n", assessment + "  scoring: 各月均达到目标值的，该季度该项指标为达标。\n\nliability:\n")
    )
    assert not [f for f in check_spec(scored).findings if f.rule == "assessment.kpi-frequency"]
