"""audit on texts written for each cause of false alarms and misses found on real contracts: the
correct text of each pair gives no error, the defective one exactly its errors, on the right
line, naming both things it compares."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.proof.audit import audit_file, audit_string

FIXTURES = Path(__file__).parent / "audit_fixtures"

# fixture -> the (rule, severity, where) findings it must give, in order
EXPECTED = {
    # 1. pairing: each 大写 with its own figure (before or after it, in a range, over a line end,
    #    past a remark in brackets)
    "pairing_ok.txt": [],
    "pairing_bad.txt": [
        ("capital.figure", "error", "line 2"),
        ("capital.figure", "error", "line 3"),
        ("capital.figure", "error", "line 4"),
    ],
    # 2. percentages of a part, cumulative ones, a lone instalment beside a penalty rate, and two
    #    contracts each with its own total
    "percent_bases_ok.txt": [],
    "percent_bases_bad.txt": [("instalments.percent", "error", "line 3"), ("percent.amount", "error", "line 4")],
    # 3. forms: 亿元, a full-width comma, spaces inside, a foreign currency, 元人民币整, lower-case digits
    "forms_ok.txt": [],
    "forms_bad.txt": [
        ("capital.form", "error", "line 2"),
        ("capital.figure", "error", "line 3"),
        ("capital.figure", "error", "line 4"),
        ("capital.form", "error", "line 5"),
    ],
    # 4. an amount merged over several rows is their sum
    "table_merged_ok.txt": [],
    "table_merged_bad.txt": [
        ("table.row", "warning", "line 3 (table 1)"),
        ("table.total", "error", "line 6 (table 1)"),
    ],
    # 5. counterparts: 合同三方各执 is three holders; 联合体成员 cannot be counted
    "counterparts_ok.txt": [],
    "counterparts_bad.txt": [("counterparts", "error", "line 1")],
    # 6. 合同价, 合同金额, 总补偿款 are totals
    "keywords_ok.txt": [],
    "keywords_bad.txt": [("percent.amount", "error", "line 2"), ("percent.amount", "error", "line 3")],
    # English amounts in words
    "english_ok.txt": [],
    "english_bad.txt": [("words.figure", "error", "line 2")],
    # 7. a text that says its instalment shares are the amounts' shares rounded (the amounts
    #    governing): 24.7% beside 296,000.00 of 1,200,000.00 (24.667%) agrees; an instalment given
    #    by its amount alone in the list is summed with the others
    "rounded_shares_ok.txt": [],
    "rounded_shares_bad.txt": [("percent.amount", "error", "line 4")],
    # 8. a total declared at the start of a numbered clause ('5.1　合同价款总额为…') is the total
    "numbered_total_bad.txt": [("percent.amount", "error", "line 5")],
    # what is tolerated or unclear is a warning, never an error
    "severity_warnings.txt": [
        ("capital.figure", "warning", "line 2"),
        ("capital.figure", "warning", "line 3"),
        ("capital.figure", "warning", "line 4"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture(name: str) -> None:
    report = audit_file(FIXTURES / name)
    found = [(f.rule, f.severity, f.where) for f in report.findings]
    assert found == EXPECTED[name], [f.message for f in report.findings]


def test_correct_texts_were_read() -> None:
    """The correct texts are silent because they were read and agree, not because nothing was read."""
    counts = {name: audit_file(FIXTURES / name).counts for name in EXPECTED if name.endswith("_ok.txt")}
    assert counts["pairing_ok.txt"]["pairs"] == 9
    assert counts["percent_bases_ok.txt"]["percent_amounts"] == 6
    assert counts["forms_ok.txt"]["pairs"] == 5 and counts["forms_ok.txt"]["capitals"] == 6
    assert counts["table_merged_ok.txt"]["table_rows"] == 2 and counts["table_merged_ok.txt"]["column_totals"] == 1
    assert counts["counterparts_ok.txt"]["counterparts"] == 3
    assert counts["keywords_ok.txt"]["percent_amounts"] == 4 and counts["keywords_ok.txt"]["instalments"] == 4
    assert counts["english_ok.txt"]["pairs"] == 3
    assert (
        counts["rounded_shares_ok.txt"]["percent_amounts"] == 2 and counts["rounded_shares_ok.txt"]["instalments"] == 3
    )


def test_a_finding_quotes_both_things_it_compares() -> None:
    findings = audit_file(FIXTURES / "pairing_bad.txt").findings
    assert "「¥85,000.00」" in findings[0].message and "「捌万元整」" in findings[0].message
    assert "「6,000元」" in findings[1].message and "「伍仟元整」" in findings[1].message
    # a 大写 and its figure on two lines: the finding names both lines
    assert "「¥12,000.00」" in findings[2].message and findings[2].also == ("line 5",)
    percent = audit_file(FIXTURES / "percent_bases_bad.txt").findings[1]
    assert "「合同总价的50%」" in percent.message and "「人民币160,000.00元」" in percent.message
    assert "「合同总价为人民币300,000.00元」" in percent.message  # its own contract's total, not the first
    row = audit_file(FIXTURES / "table_merged_bad.txt").findings[0]
    assert "2 rows" in row.message and "「75,000.00」" in row.message
    rounded = audit_file(FIXTURES / "rounded_shares_bad.txt").findings[0]
    assert "「合同价款总额的45.4%」" in rounded.message and "「人民币544,000.00元」" in rounded.message
    assert rounded.message.endswith("the text says its shares are rounded, but this one rounds to 45.3%")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("合同金额为人民币3.5亿元（大写：叁亿伍仟万元整）。", "350000000.00"),
        ("合同金额为8，600元（大写：捌仟陆佰元整）。", "8600.00"),
        ("合同金额为1250 万 元（大写：壹仟贰佰伍拾万元整）。", "12500000.00"),
        ("合同金额为人民币2.8375 亿元（大写：贰亿捌仟叁佰柒拾伍万元整）。", "283750000.00"),
        ("合同金额为￥１２，０００．００（大写：壹万贰仟元整）。", "12000.00"),
    ],
)
def test_figures_are_read_as_written(text: str, value: str) -> None:
    report = audit_string(text)
    assert report.findings == [] and report.counts["pairs"] == 1
    assert f"{report.total:.2f}" == value


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("价款为人民币三万元整。", "三 (write 叁)"),
        ("价款（大写：伍万柒千元整）。", "千 (write 仟)"),
        ("价款为人民币玖拾染元整。", "染 (write 柒)"),
        ("注册资本：肆拾贰亿叁仟万伍仟人民币", "no 元"),
        ("价款为人民币壹万元，由乙方保管。", "整 is missing"),
        ("价款为人民币捌万 元整（¥80,000.00）。", None),
        ("价款为壹万元人民币整。", None),
        ("价款为人民币伍万元分两期支付。", "整 is missing"),  # 分 divides here: it is no 分 of money
    ],
)
def test_capital_forms(text: str, problem: str | None) -> None:
    findings = [f for f in audit_string(text).findings if f.rule == "capital.form"]
    if problem is None:
        assert findings == []
    else:
        assert len(findings) == 1 and problem in findings[0].message and findings[0].severity == "error"


@pytest.mark.parametrize(
    "text",
    [
        "珠三角地区，分四次支付，按合同总价的万分之五计，百分点，十分重要。",
        "项目位于陆家嘴，登陆元宇宙平台。",
        "中标金额5000万元整，工期十二个月。",
        "本合同一式叁份，联合体成员和招标人各执一份。",
        "第一年支付合同总价的30%。",
    ],
)
def test_no_finding_where_there_is_no_amount(text: str) -> None:
    assert [f for f in audit_string(text).findings if f.severity == "error"] == []


def test_foreign_currency_is_not_compared_with_rmb() -> None:
    text = "软件价款为人民币50,000.00元，许可费为EUR 200,000.00（大写：欧元贰拾万元整）。"
    report = audit_string(text)
    assert report.findings == [] and report.counts["pairs"] == 1


def test_a_percentage_is_checked_against_its_own_contract() -> None:
    text = (
        "甲包：本合同总价为人民币100,000.00元，签订后支付合同总价的30%，即人民币30,000.00元，验收后支付合同总价的70%，即人民币70,000.00元。\n"
        "乙包：本合同总价为人民币200,000.00元，签订后支付合同总价的30%，即人民币60,000.00元，验收后支付合同总价的70%，即人民币140,000.00元。\n"
    )
    report = audit_string(text)
    assert report.findings == [] and report.counts["percent_amounts"] == 4


@pytest.mark.parametrize(
    "text",
    [
        # the remainder is stated on the next line, without a percentage of the total
        "合同总价为人民币100万元。\n签订后支付合同总价的30%；验收后支付合同总价的60%；\n余款于质保期满后付清。",
        # a retention of another base beside the list
        "合同总价为人民币100万元。\n签订后支付合同总价的30%；验收后支付合同总价的65%；\n质保金为结算价的5%，期满后支付。",
        # two lists under the one total that was found
        "合同总价为人民币100万元。甲包签订后支付合同总价的40%，验收后支付合同总价的60%；"
        "乙包签订后支付合同总价的50%，验收后支付合同总价的50%。",
    ],
)
def test_an_instalment_list_that_is_not_the_whole_payment_is_not_summed(text: str) -> None:
    report = audit_string(text)
    assert report.counts["instalments"] >= 2
    assert [f for f in report.findings if f.rule.startswith("instalments")] == []


def test_a_table_amount_merged_in_a_docx_is_the_sum_of_its_rows() -> None:
    """Merged cells in a .docx: see tests/test_audit_docx.py; here the rows of text with the amount
    written once and left empty below."""
    text = "项目\t单价\t数量\t金额\n甲\t100.00\t2\t500.00\n乙\t150.00\t2\t\n合计\t\t\t500.00\n"
    report = audit_string(text)
    assert report.findings == [] and report.counts["table_rows"] == 1
