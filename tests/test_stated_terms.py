"""terms.stated-once: a period in the spec's own text against the term the contract prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import check_spec
from generator.spec.starter import starter_spec

APPEND = (
    "articles:\n  {omit}append: [{{id: supplier_duties, text: [{{zh: {zh}, en: Party B acts in time.}}]}}]\nannexes: ["
)


def findings(tmp_path: Path, zh: str, omit: str = "", terms: str = "") -> list[str]:
    text = starter_spec("期限").replace("annexes: [", APPEND.format(zh=zh, omit=omit), 1)
    text = text.replace("\nclauses:\n", "\nclauses:\n" + terms, 1)
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    return [f.message for f in check_spec(path).findings if f.rule == "terms.stated-once"]


@pytest.mark.parametrize(
    "zh",
    [
        "乙方应在接到通知后7日内调换不称职的人员。",  # the default 7 days, as printed
        "乙方更换人员的，应在2025年11月15日前告知甲方。",  # a date, not a period
        "乙方应在第3日调换人员。",  # an ordinal
        "乙方应在5个工作日内提交月度报告。",  # a period, but of no term's subject
    ],
)
def test_agreeing_or_unrelated_text_is_not_reported(tmp_path: Path, zh: str) -> None:
    assert findings(tmp_path, zh) == []


def test_a_working_day_period_against_calendar_days_is_reported(tmp_path: Path) -> None:
    [message] = findings(tmp_path, "乙方应在7个工作日内调换不称职的人员。")
    assert "says 7个工作日" in message and "clauses.staff_replacement_days prints 7日" in message


def test_the_term_as_set_is_what_is_compared(tmp_path: Path) -> None:
    assert findings(tmp_path, "乙方应在5日内调换不称职的人员。", terms="  staff_replacement_days: 5\n") == []
    assert findings(tmp_path, "乙方应在7日内调换不称职的人员。", terms="  staff_replacement_days: 5\n")
    working = "  staff_replacement_days: {working_days: 7}\n"
    assert findings(tmp_path, "乙方应在7个工作日内调换不称职的人员。", terms=working) == []
    [message] = findings(tmp_path, "乙方应在7日内调换不称职的人员。", terms=working)
    assert "clauses.staff_replacement_days prints 7个工作日" in message


def test_a_term_whose_sub_clause_is_left_out_is_not_compared(tmp_path: Path) -> None:
    omit = "omit: [buyer_duties.staff_replacement]\n  "
    assert findings(tmp_path, "乙方应在7个工作日内调换不称职的人员。", omit=omit) == []


def test_several_subjects_in_one_sentence_each_compared(tmp_path: Path) -> None:
    [message] = findings(tmp_path, "发生不可抗力的，受影响方应在20日内提供证明。")
    assert "clauses.force_majeure_notice_days prints 15日" in message


def test_refund_and_account_notice_periods_may_be_working_days(tmp_path: Path) -> None:
    from generator.pipeline import load_contract
    from generator.render.blocks import plain_text
    from generator.render.compose import compose

    path = tmp_path / "spec.yaml"
    terms = "  refund_days: {working_days: 10}\n  account_change_notice_days: {working_days: 3}\n"
    path.write_text(starter_spec("期限").replace("\nclauses:\n", "\nclauses:\n" + terms, 1), encoding="utf-8")
    contract = load_contract(path)
    zh, en = plain_text(compose(contract, "zh")), plain_text(compose(contract, "en"))
    assert "乙方应在解除之日起10个工作日内退还甲方" in zh and "应至少提前3个工作日书面通知对方" in zh
    assert "within 10 working days after the day of termination" in en and "at least 3 working days in advance" in en


def test_a_late_payment_period_in_text_against_the_liability_term(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    text = starter_spec("期限").replace("liability:\n", "liability:\n  buyer_late_payment_days: 45\n", 1)
    append = (
        "articles:\n  append: [{id: termination, text: [{zh: 甲方逾期付款达30日的，乙方可以解除本合同。, en: x}]}]\n"
    )
    path.write_text(text.replace("annexes: [", append + "annexes: [", 1), encoding="utf-8")
    [message] = [f.message for f in check_spec(path).findings if f.rule == "terms.stated-once"]
    assert "says 30日" in message and "liability.buyer_late_payment_days prints 45日" in message


def test_a_refund_period_in_text_is_compared_with_both_refund_terms(tmp_path: Path) -> None:
    """A unit-price contract prints two refund periods (after termination, after the final
    settlement): a refund period the spec's text states agrees when it is either."""

    def found(zh: str) -> list[str]:
        text = starter_spec("期限").replace("annexes: [", APPEND.format(zh=zh, omit=""), 1)
        text = text.replace("\nclauses:\n", "\nclauses:\n  refund_days: 20\n", 1)
        text = text.replace("  nature: fixed              # fixed or unit_price\n", "  nature: unit_price\n", 1)
        path = tmp_path / "spec.yaml"
        path.write_text(text, encoding="utf-8")
        return [f.message for f in check_spec(path).findings if f.rule == "terms.stated-once"]

    assert found("结算后乙方应在15日内退还多收的费用。") == []  # clauses.settlement_refund_days, the default 15
    [message] = found("结算后乙方应在10日内退还多收的费用。")
    assert "clauses.refund_days prints 20日" in message and "clauses.settlement_refund_days prints 15日" in message
