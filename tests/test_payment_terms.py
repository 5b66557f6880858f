"""Payment terms written as real contracts write them: shares stated rounded beside the amounts
that govern, instalments with no share, quarters counted from the contract's entry into force,
the first days of the next quarter as the deadline, and terms printed without their dates."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import starter_with

from generator.errors import dotted
from generator.pipeline import check_spec, load_contract
from generator.proof.audit import audit_file
from generator.proof.reports import check_text
from generator.render.blocks import plain_text
from generator.render.compose import compose
from generator.word.writer import build_docx

TWO_HALVES = (
    "    - percent: 50\n      due: {after: signing, days: 30}\n"
    "    - percent: 50\n      due: {after: final_acceptance, days: 30}\n"
)
# 296,000.00 of 1,200,000.00 is 24.666…%, 544,000.00 is 45.333…%: stated to one decimal
ROUNDED = (
    "    - {amount: 296000, percent: 24.7, share: rounded, due: {after: signing, days: 30}}\n"
    "    - {amount: 544000, percent: 45.3, share: rounded, due: {after: service_start, days: 30}}\n"
    "    - {name: 尾款, amount: 360000, share: none, due: {after: final_acceptance, days: 30}}\n"
)


def texts(spec: Path) -> dict[str, str]:
    contract = load_contract(spec)
    return {lang: plain_text(compose(contract, lang)) for lang in ("zh", "en")}


def payment_article(text: str, lang: str) -> str:
    start = text.index("付款方式\n" if lang == "zh" else "Payment\n")
    return text[start : text.index("\n第七条" if lang == "zh" else "\nArticle 7")]


def instalment_items(article: str) -> str:
    """The instalment lines of sub-clause 6.1."""
    return "\n".join(
        line for line in article.splitlines() if line.startswith(("（", "(")) and ("期" in line or "Instalment" in line)
    )


def test_rounded_shares_print_as_stated_once_declared(tmp_path: Path) -> None:
    zh, en = texts(starter_with(tmp_path, [(TWO_HALVES, ROUNDED)])).values()
    article = payment_article(zh, "zh")
    assert "第1期：本合同签订后30日内（即不迟于2026年3月31日），支付合同价款总额的24.7%，即¥296,000.00" in article
    assert "第3期（尾款）：项目最终验收合格后30日内，支付¥360,000.00（大写" in article
    assert "约" not in instalment_items(article)  # neither 约24.667% nor 约30%
    declared = "6.2 第6.1款中第1、2期所列的比例，系按各该期金额占合同价款总额的比例四舍五入得出；各该期应付金额以所列金额为准。"
    assert declared in zh and zh.count("四舍五入得出") == 1
    assert (
        "6.2 The percentages of the Contract Price given for Instalments 1 and 2 in Clause 6.1 are the shares their "
        "amounts bear to the Contract Price, rounded half up; the amount payable in each of those instalments is the "
        "amount stated there." in en
    )
    assert "Party A shall pay RMB 360,000.00 (in words" in en
    assert "approx." not in instalment_items(payment_article(en, "en"))
    # the payment schedule shows the shares as the clause does
    assert "第1期 | 本合同签订后30日内 / （即不迟于2026年3月31日） | 24.7% | 296,000.00" in zh
    assert "第3期 / 尾款 | 项目最终验收合格后30日内 | — | 360,000.00" in zh
    assert "合计 |  | 100% | 1,200,000.00" in zh


def test_one_rounded_share_is_named_alone(tmp_path: Path) -> None:
    one = (
        "    - {amount: 296000, percent: 24.7, share: rounded, due: {after: signing, days: 30}}\n"
        "    - {amount: 904000, due: {after: final_acceptance, days: 30}}\n"
    )
    zh, en = texts(starter_with(tmp_path, [(TWO_HALVES, one)])).values()
    assert "第6.1款中第1期所列的比例，系按该期金额占合同价款总额的比例四舍五入得出；该期应付金额以所列金额为准。" in zh
    assert "The percentage of the Contract Price given for Instalment 1 in Clause 6.1 is the share its amount" in en
    assert "约75.333%" in zh  # an amount alone keeps its true share


def test_no_shares_at_all(tmp_path: Path) -> None:
    spec = starter_with(tmp_path, [("  method: 银行转账\n", "  method: 银行转账\n  shares: none\n")])
    zh, en = texts(spec).values()
    article = payment_article(zh, "zh")
    assert "%" not in instalment_items(article) and "四舍五入" not in article
    assert "第1期：本合同签订后30日内（即不迟于2026年3月31日），支付¥600,000.00（大写" in article
    assert "%" not in instalment_items(payment_article(en, "en"))
    header = next(line for line in zh.splitlines() if line.startswith("期次 |"))
    assert "比例" not in header  # the share column holds only —: left out
    # the percentages still give the amounts, and check still shows the true shares
    money = check_spec(spec).summary["instalments"]
    assert [(i["amount"], i["share"], i["true_percent"]) for i in money] == [("600000.00", "none", "50")] * 2


@pytest.mark.parametrize("lang", ["zh", "zh-en"])
def test_audit_reads_rounded_shares_and_amounts_alone_as_the_contract_declares(tmp_path: Path, lang: str) -> None:
    contract = load_contract(starter_with(tmp_path, [(TWO_HALVES, ROUNDED)]))
    path = tmp_path / "contract.docx"
    path.write_bytes(build_docx(compose(contract, lang)))
    report = audit_file(path)
    assert report.findings == [], [f.message for f in report.findings]
    assert report.counts["instalments"] == 3 and report.counts["percent_amounts"] >= 2
    # without the sentence that declares them, 24.7% beside 296,000.00 is wrong again
    undeclared = path.with_suffix(".txt")
    undeclared.write_text(
        "\n".join(line for line in plain_text(compose(contract, "zh")).splitlines() if "四舍五入得出" not in line),
        encoding="utf-8",
    )
    assert [f.rule for f in audit_file(undeclared).findings] == ["percent.amount", "percent.amount"]


QUARTERS = (
    "    - percent: 40\n      due: {after: assessment, every: quarter, period: 1, from: effectiveness, days: 10, in_next_period: true}\n"
    "    - percent: 60\n      due: {after: period_end, every: quarter, period: 2, from: signing, working_days: 10, in_next_period: true}\n"
)  # fmt: skip


def test_quarters_from_effectiveness_within_the_first_days_of_the_next(tmp_path: Path) -> None:
    spec = starter_with(tmp_path, [(TWO_HALVES, QUARTERS)])
    contract = load_contract(spec)
    # signed 2026-03-01: quarter 1 ends on 2026-06-01, the corresponding day; 10 days on is a Thursday.
    # Quarter 2 ends on 2026-09-01; its 10th working day after is 2026-09-15.
    assert [i.due.date for i in contract.instalments] == [dt.date(2026, 6, 11), dt.date(2026, 9, 15)]
    zh, en = texts(spec).values()
    assert "第1期：根据本合同生效后第1个季度的考核结果，于次季度的前10日内（即不迟于2026年6月11日），支付" in zh
    assert "第2期：本合同签订后第2个季度届满后，于次季度的前10个工作日内（即不迟于2026年9月15日），支付" in zh
    assert (
        "Instalment 1: on the basis of the assessment for quarter 1 counted from the entry into force of this Contract, within the "
        "first 10 days of the following quarter (that is, on or before 11 June 2026), Party A shall pay" in en
    )
    assert (
        "Instalment 2: within the first 10 working days of the quarter following quarter 2 counted from the "
        "signing of this Contract (that is, on or before 15 September 2026), Party A shall pay" in en
    )


def test_terms_without_their_dates(tmp_path: Path) -> None:
    spec = starter_with(
        tmp_path, [(TWO_HALVES, QUARTERS), ("  method: 银行转账\n", "  method: 银行转账\n  print_due_dates: false\n")]
    )
    zh, en = texts(spec).values()
    assert "于次季度的前10日内，支付" in zh and "即不迟于" not in zh
    assert "of the following quarter, Party A shall pay" in en and "that is, on or before" not in en
    assert "| 根据本合同生效后第1个季度的考核结果，于次季度的前10日内 | 40% |" in zh  # no date line in the schedule
    # check still shows the dates, rolled off rest days
    report = check_spec(spec)
    assert [i["due_date"] for i in report.summary["instalments"]] == ["2026-06-11", "2026-09-15"]
    assert "due 2026-06-11" in check_text(report)


def test_rest_day_roll_over_of_the_first_days_of_the_next_quarter(tmp_path: Path) -> None:
    # signed 2026-02-04: quarter 1 ends on 2026-05-04; 10 days on is Thursday 2026-05-14; signed
    # 2026-02-06: 2026-05-16, a Saturday, moves to Monday 2026-05-18 (《民法典》第二百零三条)
    for signed, due in (("2026-02-04", dt.date(2026, 5, 14)), ("2026-02-06", dt.date(2026, 5, 18))):
        spec = starter_with(
            tmp_path,
            [
                (TWO_HALVES, QUARTERS),
                ("signing_date: 2026-03-01", f"signing_date: {signed}"),
                ("{start: 2026-04-01, end: 2027-03-31}", "{start: 2026-03-01, end: 2027-02-28}"),
            ],
        )
        assert load_contract(spec).instalments[0].due.date == due


def test_no_date_when_the_spec_rewrites_when_the_contract_takes_effect(tmp_path: Path) -> None:
    rewritten = "articles:\n  replace:\n    - {id: effectiveness.entry_into_force, text: [{zh: 本合同自甲方收到履约保函之日起生效。, en: This Contract takes effect when Party A receives the performance guarantee.}]}\nannexes: ["  # fmt: skip
    spec = starter_with(tmp_path, [(TWO_HALVES, QUARTERS), ("annexes: [", rewritten)])
    first, second = load_contract(spec).instalments
    assert first.due.date is None  # counted from the entry into force, which the spec moved
    assert second.due.date == dt.date(2026, 9, 15)  # counted from the signing
    assert "即不迟于" not in payment_article(texts(spec)["zh"], "zh").split("第2期")[0]


def test_due_terms_name_the_document_as_the_spec_calls_it(tmp_path: Path) -> None:
    """An agreement's due terms say 本协议生效后 / 本协议签订后, not 本合同 (the due events' labels too)."""
    terms = (
        "    - percent: 40\n      due: {after: assessment, every: quarter, period: 1, from: effectiveness, days: 10, in_next_period: true}\n"
        "    - percent: 60\n      due: {after: signing, working_days: 10}\n"
    )  # fmt: skip
    spec = starter_with(
        tmp_path, [("  title: x热线服务合同", "  title: x热线服务协议\n  called: agreement"), (TWO_HALVES, terms)]
    )
    zh, en = texts(spec).values()
    assert "第1期：根据本协议生效后第1个季度的考核结果" in zh and "第2期：本协议签订后10个工作日内" in zh
    assert (
        "quarter 1 counted from the entry into force of this Agreement" in en
        and "after the signing of this Agreement" in en
    )
    assert "本合同" not in zh and "this Contract" not in en


# --- the 法务 review of session 5 (review REVIEW.md: SB1, T4, SB2, BJ1) -------------------------------

DEPOSIT = ("liability:\n", "deposit: {amount: 100000.55}\n\nliability:\n")
BANDS = (
    "      due: {after: final_acceptance, days: 30}\n",
    "      due: {after: final_acceptance, days: 30}\n"
    "      assessment: {bands: [{min_score: 80, pay_percent: 100}, {min_score: 0, pay_percent: 50}], basis: annual}\n",
)
NET_ZH = "定金¥100,000.55抵作该期价款，甲方支付余额¥499,999.45（大写：人民币肆拾玖万玖仟玖佰玖拾玖元肆角伍分）"
NET_EN = (
    "the earnest money of RMB 100,000.55 is credited against this instalment, and Party A shall pay the balance of "
    "RMB 499,999.45 (in words: RMB Four Hundred Ninety-Nine Thousand Nine Hundred Ninety-Nine Yuan Four Jiao Five Fen)"
)


def schedule_rows(spec: Path, lang: str) -> list[str]:
    """The rows of the payment schedule annex, as plain_text prints them."""
    text = plain_text(compose(load_contract(spec), lang))
    annex = text[text.index("附件2：付款计划表" if lang == "zh" else "Annex 2: Payment Schedule") :]
    return [line for line in annex.splitlines() if re.match(r"(第|Instalment )\d", line)]


def test_the_deposit_credited_to_an_instalment_leaves_a_balance_stated_once_computed(tmp_path: Path) -> None:
    """SB1: the 定金 credited against instalment 1 is taken off its amount once, in compute (Decimal),
    and the clause, the payment schedule, the invoice sub-clause and check all say what Party A pays."""
    spec = starter_with(tmp_path, [DEPOSIT])
    first, second = load_contract(spec).instalments
    assert first.amount.value == Decimal("600000.00") and first.deposit_credit.value == Decimal("100000.55")
    assert first.net_amount.value == Decimal("499999.45") and isinstance(first.net_amount.value, Decimal)
    assert second.deposit_credit is None and second.net_amount is None
    zh, en = texts(spec).values()
    item_zh = instalment_items(payment_article(zh, "zh")).splitlines()[0]
    assert item_zh.endswith("即¥600,000.00（大写：人民币陆拾万元整），" + NET_ZH + "。")
    assert instalment_items(payment_article(en, "en")).splitlines()[0].endswith("; " + NET_EN + ".")
    assert "（第1期的金额包括抵作该期价款的定金）" in zh and "(for Instalment 1, including the earnest money" in en
    rows_zh, rows_en = schedule_rows(spec, "zh"), schedule_rows(spec, "en")
    assert NET_ZH in rows_zh[0] and "| 600,000.00 |" in rows_zh[0] and "定金" not in rows_zh[1]
    assert NET_EN in rows_en[0]
    report = check_spec(spec)
    money = report.summary["instalments"][0]
    assert (
        money["deposit_credit"]["digits"] == "100,000.55"
        and money["net"]["words"] == "肆拾玖万玖仟玖佰玖拾玖元肆角伍分"
    )
    assert (
        "定金 ¥100,000.55 credited; Party A pays the balance ¥499,999.45  人民币肆拾玖万玖仟玖佰玖拾玖元肆角伍分"
        in check_text(report)
    )
    for lang in ("zh", "en", "zh-en"):  # the balance and its 大写 (or words) read as a pair, nothing else
        docx = tmp_path / f"x.{lang}.docx"
        docx.write_bytes(build_docx(compose(load_contract(spec), lang)))
        assert audit_file(docx).findings == [], lang


def test_a_deposit_credited_to_a_later_or_an_assessed_instalment(tmp_path: Path) -> None:
    later = starter_with(
        tmp_path, [("liability:\n", "deposit: {amount: 100000.55, credited_to_instalment: 2}\n\nliability:\n")]
    )
    first, second = load_contract(later).instalments
    assert first.net_amount is None and second.net_amount.value == Decimal("499999.45")
    assert "（第2期的金额包括抵作该期价款的定金）" in texts(later)["zh"]
    assessed = starter_with(
        tmp_path,
        [BANDS, ("liability:\n", "deposit: {amount: 100000, credited_to_instalment: 2}\n\nliability:\n")],
    )
    second = load_contract(assessed).instalments[1]
    assert second.deposit_credit.value == Decimal("100000.00") and second.net_amount is None  # the score decides
    item = instalment_items(payment_article(texts(assessed)["zh"], "zh")).splitlines()[1]
    assert item.endswith("实际支付金额按本合同第十一条约定的考核结果确定，定金¥100,000.00抵作该期价款。")
    assert check_spec(assessed).summary["instalments"][1]["net"] is None


def test_the_payment_schedule_says_what_an_assessed_instalment_pays_as_the_clause_does(tmp_path: Path) -> None:
    """T4: the row of an instalment whose amount the assessment decides says so, in the clause's words."""
    spec = starter_with(tmp_path, [BANDS])
    zh, en = texts(spec).values()
    phrase_zh = "实际支付金额按本合同第十条约定的考核结果确定"
    phrase_en = "the amount actually paid is determined by the assessment result under Article 10"
    assert phrase_zh in instalment_items(payment_article(zh, "zh")).splitlines()[1]
    assert phrase_en in instalment_items(payment_article(en, "en")).splitlines()[1]
    rows_zh, rows_en = schedule_rows(spec, "zh"), schedule_rows(spec, "en")
    assert phrase_zh in rows_zh[1] and phrase_zh not in rows_zh[0]
    assert phrase_en in rows_en[1] and phrase_en not in rows_en[0]


UNIT_PRICE = ("  nature: fixed              # fixed or unit_price\n", "  nature: unit_price\n")


@pytest.mark.parametrize(
    ("terms", "settlement", "termination"),
    [
        ("", "15日", "15日"),
        ("  settlement_refund_days: {working_days: 5}\n", "5个工作日", "15日"),
        ("  refund_days: 20\n", "15日", "20日"),
    ],
    ids=["defaults", "settlement", "termination"],
)
def test_the_settlement_refund_has_its_own_term(tmp_path: Path, terms: str, settlement: str, termination: str) -> None:
    """SB2: the refund after the end-of-term settlement of a unit-price contract is its own term
    (clauses.settlement_refund_days), not the refund period after termination (clauses.refund_days)."""
    spec = starter_with(tmp_path, [UNIT_PRICE, ("\nclauses:\n", "\nclauses:\n" + terms)])
    zh = texts(spec)["zh"]
    assert f"乙方应在结算完成后{settlement}内退还不足部分" in zh
    assert f"乙方应在解除之日起{termination}内退还甲方" in zh


def test_the_settlement_refund_term_is_documented() -> None:
    from generator.spec.schema import describe

    reference = describe()
    assert "clauses.settlement_refund_days" in reference and "payment.settlement" in reference


OVERAGE_LINES = (
    "  nature: fixed              # fixed or unit_price\n",
    "  nature: fixed\n  fee_schedule:\n"
    "    - {item: {zh: 外呼套餐, en: Outbound calls}, unit_price: 50000, unit: {zh: 元/月, en: per month}, quantity: 1,"
    " months: 12, overage: {zh: 超出部分按每分钟0.1元收取, en: RMB 0.1 per minute beyond the package}}\n"
    "    - {item: {zh: 坐席, en: Seats}, amount: 600000}\n",
)
OVERAGE_TERM = (
    "  invoice: 增值税普通发票\n",
    "  invoice: 增值税普通发票\n  overage: {every: quarter, payment_days: {working_days: 10}}\n",
)
OVERAGE_ZH = (
    "本合同第五条约定的超出部分费用不计入各期款项，按服务期每个季度结算：每个季度结束后，乙方应向甲方提交该期间的实际用量及"
    "超出部分费用清单，甲方应在收到清单之日起10个工作日内核对并支付；服务期最后不足一个季度的，按实际期间结算。"
)
OVERAGE_EN = (
    "The charges for use beyond the agreed quantities under Article 5 are not part of the instalments and shall be "
    "settled for each quarter of the Service Period: after the end of each quarter, Party B shall submit to Party A a "
    "statement of the actual usage and the charges for use beyond the quantities in that quarter, and Party A shall "
    "check and pay them within 10 working days after receiving the statement; a last period of the Service Period "
    "shorter than a quarter shall be settled for the time it actually lasts."
)


def test_overage_charges_are_paid_as_the_spec_says(tmp_path: Path) -> None:
    """BJ1: charges beyond a fee line's quantity, payable on top of the total, are settled and paid
    as payment.overage says, in the payment article; the payment schedule points to it."""
    spec = starter_with(tmp_path, [OVERAGE_LINES, OVERAGE_TERM])
    zh, en = texts(spec).values()
    assert zh.count(OVERAGE_ZH) == 1 and "6.2 " + OVERAGE_ZH in payment_article(zh, "zh")
    assert en.count(OVERAGE_EN) == 1 and "6.2 " + OVERAGE_EN in payment_article(en, "en")
    assert "超出部分费用不计入本表所列各期款项，按本合同第6.2款的约定另行结算和支付。" in zh
    assert "they are settled and paid as agreed in Clause 6.2." in en
    assert "payment.overage-term" not in {f.rule for f in check_spec(spec).findings}
    monthly = starter_with(
        tmp_path,
        [OVERAGE_LINES, ("  invoice: 增值税普通发票\n", "  invoice: 增值税普通发票\n  overage: {every: month}\n")],
    )
    assert "按服务期每个月结算：每个月结束后" in texts(monthly)["zh"] and "收到清单之日起15日内" in texts(monthly)["zh"]


def test_without_an_overage_term_check_warns_and_nothing_is_printed(tmp_path: Path) -> None:
    silent = starter_with(tmp_path, [OVERAGE_LINES])
    zh = texts(silent)["zh"]
    assert "超出部分按每分钟0.1元收取" in zh and "不计入各期款项" not in zh  # the charge stands, with no term to pay it
    (finding,) = [f for f in check_spec(silent).findings if f.rule == "payment.overage-term"]
    assert finding.severity == "warning" and "fee line 1 charges for use beyond the quantity" in finding.message
    lone = starter_with(tmp_path, [OVERAGE_TERM])  # a term for charges no fee line makes: not printed, and said
    assert "超出部分费用" not in texts(lone)["zh"]
    (finding,) = [f for f in check_spec(lone).findings if f.rule == "payment.overage-term"]
    assert "does not print payment.overage: remove it" in finding.message


def test_beijing_states_no_overage_term_as_its_contract_states_none() -> None:
    """Beijing's contract prices use beyond two packages (Annex 1) but says nowhere when it is paid:
    the spec stays silent as its source does, and check says so."""
    beijing = Path(__file__).resolve().parent.parent / "specs" / "beijing-ybj-2025.yaml"
    assert load_contract(beijing).overage is None
    rules = [f.rule for f in check_spec(beijing).findings if f.severity == "warning"]
    assert "payment.overage-term" in rules


def test_an_overage_period_is_a_known_choice(tmp_path: Path) -> None:
    week = ("  invoice: 增值税普通发票\n", "  invoice: 增值税普通发票\n  overage: {every: week}\n")
    findings = check_spec(starter_with(tmp_path, [OVERAGE_LINES, week])).findings
    assert [(f.rule, dotted(f.path)) for f in findings if f.severity == "error"] == [("spec", "payment.overage.every")]
