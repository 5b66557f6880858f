"""The standard clauses' switches and terms: a switch leaves no sentence of what it switches off
behind, each protective duty is a sub-clause of its own, a default a drafter may not want is a term,
the error for a change to a sub-clause this contract does not print names the spec's terms that
print it, and the day counts a drafter may need in working days take {working_days: N}."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import starter_with

from generator.pipeline import check_spec, load_contract
from generator.render.blocks import plain_text
from generator.render.compose import compose
from generator.spec.model import Days


def texts(spec: Path) -> tuple[str, str]:
    contract = load_contract(spec)
    return plain_text(compose(contract, "zh")), plain_text(compose(contract, "en"))


def articles(changes: str) -> tuple[str, str]:
    """A replacement putting changes (YAML under articles:) before the starter's annexes."""
    return ("annexes: [", f"articles:\n{changes}annexes: [")


# --- 1. switches that leave nothing behind ------------------------------------------------------


def test_no_reports_prints_no_report_sentence_and_keeps_the_defects_duty_on_its_own(tmp_path: Path, cli) -> None:
    spec = starter_with(tmp_path, [("  data_security: true\n", "  data_security: true\n  service_reports: none\n")])
    zh, en = texts(spec)
    assert "报送服务情况报告" not in zh and "monthly report" not in en
    assert "8.4 乙方发现潜在缺陷或故障时应及时报告甲方并采取防范措施。" in zh
    assert "8.4 Party B shall report any potential defect or fault to Party A promptly" in en
    clauses = cli("clauses", spec).out
    assert "[supplier_duties.defects] 8.4 乙方发现潜在缺陷" in clauses and "supplier_duties.reports" not in clauses
    # a report and the defects duty are two sub-clauses: one can go without the other
    default = starter_with(tmp_path, [articles("  omit: [supplier_duties.defects]\n")])
    zh, _ = texts(default)
    assert "8.4 乙方应按月向甲方报送服务情况报告及数据分析。" in zh and "潜在缺陷" not in zh


def test_the_data_ownership_sentence_is_printed_once_whatever_data_security_says(tmp_path: Path) -> None:
    for data_security, where in (("true", "数据和信息安全"), ("false", "甲方的权利和义务")):
        spec = starter_with(tmp_path, [("  data_security: true\n", f"  data_security: {data_security}\n")])
        zh, _ = texts(spec)
        lines = zh.splitlines()
        owned = [n for n, line in enumerate(lines) if "数据" in line and "归甲方所有" in line]
        assert len(owned) == 1, owned
        heading = next(line for line in reversed(lines[: owned[0]]) if re.match(r"第.+条　", line))
        assert heading.endswith(where)


def test_the_schema_says_what_data_security_and_service_reports_change(cli) -> None:
    reference = cli("schema").out
    line = next(x for x in reference.splitlines() if x.startswith("clauses.data_security "))
    assert "buyer_duties.data_rights" in line and "false:" in line
    line = next(x for x in reference.splitlines() if x.startswith("clauses.service_reports "))
    assert "supplier_duties.defects" in line
    # the article list names the terms that print a sub-clause
    assert "buyer_duties.data_rights  服务过程中产生的数据" in reference
    assert "(only when clauses.data_security is false)" in reference
    assert "termination.supplier_termination  " in reference
    assert "(only when liability.buyer_late_payment_days is given)" in reference


# --- 2. defaults that are terms, or wording that does not repeat --------------------------------

EVENTS = "  termination_events:\n    - 乙方连续两个月考核不合格\n    - 其他致使合同目的无法实现的严重违约行为\n"


def test_the_catch_all_ground_to_terminate_can_be_left_off(tmp_path: Path) -> None:
    zh, en = texts(
        starter_with(tmp_path, [("  breach_penalty_percent: 10\n", "  breach_penalty_percent: 10\n" + EVENTS)])
    )
    assert "（2） 其他致使合同目的无法实现的严重违约行为；\n（3） 乙方的其他违约行为致使合同目的不能实现。" in zh
    off = "  breach_penalty_percent: 10\n  termination_catch_all: false\n" + EVENTS
    zh, en = texts(starter_with(tmp_path, [("  breach_penalty_percent: 10\n", off)]))
    assert (
        "（2） 其他致使合同目的无法实现的严重违约行为。\n" in zh and "乙方的其他违约行为致使合同目的不能实现" not in zh
    )
    assert "(2) 其他致使合同目的无法实现的严重违约行为.\n" in en and "any other breach by Party B" not in en
    # no events and no catch-all: no ground of the buyer's to terminate for breach is printed
    zh, en = texts(starter_with(tmp_path, [("  breach_penalty_percent: 10\n", "  termination_catch_all: false\n")]))
    assert "合同目的不能实现" not in zh and "purpose of this Contract" not in en


def test_the_supplier_may_terminate_for_late_payment_without_a_vague_good_cause(tmp_path: Path) -> None:
    late = ("  breach_penalty_percent: 10\n", "  breach_penalty_percent: 10\n  buyer_late_payment_days: 30\n")
    zh, en = texts(starter_with(tmp_path, [late]))
    assert "无正当理由" not in zh and "good cause" not in en
    # payment from public funds: a treasury delay is not a breach, so it is no ground to terminate
    assert (
        "甲方逾期支付任一期款项达30日的（依照本合同约定不视为甲方违约的迟延除外），乙方有权书面通知甲方解除本合同" in zh
    )
    assert "30 days or more (except a delay that this Contract provides is not Party A's breach), Party B may" in en
    no_funds = ("  method: 银行转账\n", "  method: 银行转账\n  subject_to_funds: false\n")
    zh, en = texts(starter_with(tmp_path, [late, no_funds]))
    assert "甲方逾期支付任一期款项达30日的，乙方有权书面通知甲方解除本合同" in zh and "迟延除外" not in zh
    assert "30 days or more, Party B may terminate" in en


def test_a_security_is_returned_within_a_period_that_has_a_start(tmp_path: Path) -> None:
    security = "performance_security:\n  percent: 5\n  forms: [bank_guarantee]\n  return_working_days: 7\n\n"
    zh, en = texts(starter_with(tmp_path, [("liability:\n", security + "liability:\n")]))
    assert "甲方应自该条件成就之日起7个工作日内将保函退还乙方。" in zh and "原件" not in zh
    assert "within 7 working days after that condition is met, return the guarantee to Party B." in en
    assert "original guarantee" not in en


# --- 3. a deduction is taken from the payments in one place --------------------------------------


def test_the_deductions_are_taken_from_the_payments_in_the_payment_article_only(tmp_path: Path) -> None:
    deduction = "  breach_penalty_percent: 10\n  deductions:\n    - {event: 漏接, amount: 200}\n"
    zh, en = texts(starter_with(tmp_path, [("  breach_penalty_percent: 10\n", deduction)]))
    assert "发生漏接的，每发生一次，甲方有权扣减服务费¥200.00（大写：人民币贰佰元整）。" in zh
    assert "直接扣除" not in next(line for line in zh.splitlines() if "发生漏接" in line)
    assert zh.count("甲方依照本合同扣减的服务费，从当期或其后各期应付款项中扣除。") == 1
    assert "deduct the amount directly" not in en


# --- 4. a change to a sub-clause this contract does not print ------------------------------------


@pytest.mark.parametrize(
    ("clause_id", "message"),
    [
        (
            "termination.supplier_termination",
            "(it prints only when liability.buyer_late_payment_days is given), so there is nothing to change; "
            "set liability.buyer_late_payment_days to print it",
        ),
        (
            "liability.quality",
            "(it prints only when liability.breach_penalty_percent is given), so there is nothing to change; "
            "set liability.breach_penalty_percent to print it",
        ),
        (  # a local name of the template ({% set cure = … %}) spelt out
            "termination.cure",
            "(it prints only when liability.termination_cure_days is given), so there is nothing to change; "
            "set liability.termination_cure_days to print it",
        ),
        (
            "buyer_duties.data_rights",
            "(it prints only when clauses.data_security is false), so there is nothing to change; "
            "change clauses.data_security to print it",
        ),
        (
            "supplier_duties.reports",
            "(it prints only when clauses.service_reports is not none)",
        ),
    ],
)
def test_a_change_to_an_unprinted_sub_clause_names_the_terms_that_print_it(
    tmp_path: Path, cli, clause_id: str, message: str
) -> None:
    spec = starter_with(
        tmp_path,
        [
            ("  breach_penalty_percent: 10\n", "  deductions_cap_percent: 10\n"),
            ("  data_security: true\n", "  data_security: true\n  service_reports: none\n"),
            articles(f"  replace:\n    - {{id: {clause_id}, text: [新的文字。]}}\n"),
        ],
    )
    result = cli("validate", spec)
    assert result.code == 1 and f"this contract does not print sub-clause {clause_id!r} {message}" in result.err


# --- 5. day counts in working days ---------------------------------------------------------------

DAY_TERMS = {  # term -> (sentence in zh with N, in en)
    "staff_replacement_days": ("乙方应在接到书面通知后{}内完成调换", "complete the replacement within {} after"),
    "staff_change_notice_days": ("调整应提前{}书面通知甲方", "notify Party A in writing {} in advance"),
    "contact_change_notice_days": ("应在变更后{}内书面通知对方", "in writing within {} after the change"),
    "cure_days": ("经书面通知后{}内仍未达到要求的", "not met within {} after written notice"),
}


@pytest.mark.parametrize("term", sorted(DAY_TERMS))
def test_a_day_term_in_working_days(tmp_path: Path, term: str) -> None:
    zh_sentence, en_sentence = DAY_TERMS[term]
    spec = starter_with(tmp_path, [("  data_security: true\n", f"  data_security: true\n  {term}: 4\n")])
    zh, en = texts(spec)
    assert zh_sentence.format("4日") in zh and en_sentence.format("4 days") in en
    spec = starter_with(
        tmp_path, [("  data_security: true\n", f"  data_security: true\n  {term}: {{working_days: 1}}\n")]
    )
    zh, en = texts(spec)
    assert zh_sentence.format("1个工作日") in zh and en_sentence.format("1 working day") in en


def test_optional_day_terms_in_working_days(tmp_path: Path) -> None:
    spec = starter_with(
        tmp_path,
        [
            ("force_majeure_notice_days: 15", "force_majeure_notice_days: {working_days: 5}"),
            (
                "  breach_penalty_percent: 10\n",
                "  breach_penalty_percent: 10\n  termination_cure_days: {working_days: 10}\n",
            ),
            (
                "annexes: [",
                "service_levels:\n  - {level: 一级故障, definition: 全部中断, response: 立即响应}\n\nannexes: [",
            ),
            ("  data_security: true\n", "  data_security: true\n  fault_report_days: {working_days: 3}\n"),
        ],
    )
    zh, en = texts(spec)
    assert (
        "在不可抗力事件结束后5个工作日内提供" in zh and "within 5 working days after the event of force majeure" in en
    )
    assert "经甲方书面通知后10个工作日内仍未纠正的，甲方有权书面通知乙方解除本合同" in zh
    assert "fails to correct it within 10 working days after Party A's written notice" in en
    assert "故障排除后，乙方应在3个工作日内向甲方提交书面故障报告" in zh and "Within 3 working days after a fault" in en


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("{working_days: 0}", "clauses.staff_replacement_days: working_days: must be at least 1, got 0"),
        (
            "{working_days: true}",
            "clauses.staff_replacement_days: working_days: expected a whole number, got boolean true",
        ),
        (
            "{days: 3}",
            "clauses.staff_replacement_days: unexpected key(s) 'days'; write a number of calendar days, or {working_days: N}",
        ),
        ("0", "clauses.staff_replacement_days: must be at least 1, got 0"),
        (
            "五日",
            "clauses.staff_replacement_days: expected a whole number of calendar days, or {working_days: N}, got text '五日'",
        ),
    ],
)
def test_a_wrong_day_term_is_a_located_error(tmp_path: Path, cli, value: str, message: str) -> None:
    spec = starter_with(
        tmp_path, [("  data_security: true\n", f"  data_security: true\n  staff_replacement_days: {value}\n")]
    )
    result = cli("validate", spec)
    assert result.code == 1 and f"starter.yaml:77:27: {message}\n" in result.err


def test_day_terms_in_the_schema_and_the_starter(cli) -> None:
    reference = cli("schema").out
    line = next(x for x in reference.splitlines() if x.startswith("clauses.staff_replacement_days "))
    assert "[days, optional]" in line and "or {working_days: N}" in line and "default 7" in line
    schema = json.loads(cli("schema", "--json-schema").out)
    rule = schema["properties"]["clauses"]["properties"]["staff_replacement_days"]
    assert rule["anyOf"][0] == {"type": "integer", "minimum": 1, "maximum": 3650}
    assert rule["anyOf"][1]["required"] == ["working_days"]
    from generator.spec.starter import starter_spec

    assert "  # staff_replacement_days: 7   # or {working_days: N}\n" in starter_spec("x")


def test_a_day_term_left_out_with_its_clause_is_still_reported(tmp_path: Path) -> None:
    """terms.printed tries a day term in working days like a number."""
    term = ("  data_security: true\n", "  data_security: true\n  staff_replacement_days: {working_days: 5}\n")
    omit = articles("  omit: [buyer_duties.staff_replacement]\n")
    report = check_spec(starter_with(tmp_path, [term, omit]))
    assert [f.rule for f in report.findings if "staff_replacement_days" in ".".join(map(str, f.path))] == [
        "terms.printed"
    ]
    said = articles("  replace:\n    - {id: buyer_duties.staff_replacement, text: [乙方应在5个工作日内调换人员。]}\n")
    report = check_spec(starter_with(tmp_path, [term, said]))
    assert not [f for f in report.findings if f.rule == "terms.printed"]


def test_a_template_that_prints_a_day_count_bare() -> None:
    """An agency's template copied before working days were possible ({{ n }}日) still prints calendar
    days; working days refuse to print that way rather than as 5日."""
    assert str(Days(7)) == "7"
    with pytest.raises(TypeError, match="clauses.cure_days is given in working days"):
        str(Days(5, True, "clauses.cure_days"))
