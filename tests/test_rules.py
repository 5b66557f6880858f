"""Every registered rule fires on a spec made to break it, at the right field, and nowhere else.

A rule added to the registry without a case here fails test_every_rule_has_a_case: each rule must
have a test that fails when its body is emptied (scripts/mutate_rules.py proves it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import dotted
from generator.pipeline import check_spec
from generator.proof.registry import RULES, ensure_loaded
from generator.spec.starter import starter_spec

SECURITY = (
    "performance_security:\n  percent: 5\n  amount: 60000\n  forms: [bank_guarantee]\n  return_working_days: 7\n\n"
)
FEES = (
    "  nature: fixed              # fixed or unit_price\n",
    "  nature: fixed\n  fee_schedule:\n"
    "    - {item: 坐席, unit_price: 5000, unit: 元/席/月, quantity: 10, months: 12, amount: 600001}\n"
    "    - {item: 平台, unit_price: 50000, unit: 元/月, quantity: 1, months: 12}\n",
)
ASSESSMENT = (
    "liability:\n",
    "assessment:\n  frequency: monthly\n  kpis:\n"
    "    - {indicator: 接通率, definition: 接通量/呼入量, weight: 60}\n"
    "    - {indicator: 满意度, definition: 回访满意量/回访量, weight: 30}\n\nliability:\n",
)
OUTPUT = "  prevailing_language: zh    # which version prevails in en / zh-en output\n"
BANDS = (
    "      due: {after: final_acceptance, days: 30}\n",
    "      due: {after: final_acceptance, days: 30}\n"
    "      assessment: {bands: [{min_score: 80, pay_percent: 100}, {min_score: 60, pay_percent: 50}]}\n",
)

# rule -> (replacements in the starter, the finding's path, a part of its message)
CASES: dict[str, tuple[list[tuple[str, str]], str, str]] = {
    "period.form": ([("{start: 2026-04-01, end: 2027-03-31}", "{start: 2026-04-01, months: 12}")], "service.period", "give one of: start and end"),
    "period.order": ([("end: 2027-03-31}", "end: 2026-03-31}")], "service.period.end", "is not after start"),
    "deadline.one-unit": ([("setup: {days: 15}", "setup: {days: 15, months: 1}")], "service.setup", "exactly one of days"),
    "due.event-terms": ([("{after: signing, days: 30}", "{after: date}")], "payment.instalments[0].due", "after: date needs date"),
    "payment.instalments-given": ([("  instalments:               # percent or amount (or both, which must agree); they must add up\n    - percent: 50\n      due: {after: signing, days: 30}\n    - percent: 50\n      due: {after: final_acceptance, days: 30}\n", "")], "payment", "give instalments, or recurring"),
    "payment.recurring-periods": ([("  instalments:               # percent or amount (or both, which must agree); they must add up\n    - percent: 50\n      due: {after: signing, days: 30}\n    - percent: 50\n      due: {after: final_acceptance, days: 30}\n", "  recurring: {every: quarter, days: 10}\n"), ("end: 2027-03-31}", "end: 2027-01-31}")], "payment.recurring", "10 months is not a whole number of quarters"),
    "instalments.percent-or-amount": ([("    - percent: 50\n      due: {after: signing", "    - due: {after: signing")], "payment.instalments[0]", "give percent or amount"),
    "score.bands-or-linear": ([BANDS, ("{bands: [", "{linear: {zero_score: 60, full_score: 90}, bands: ["), ("{min_score: 60, pay", "{min_score: 0, pay")], "payment.instalments[1].assessment", "one of bands, linear or coefficient"),
    "score.bands-cover": ([BANDS], "payment.instalments[1].assessment.bands", "lowest band starts at 60"),
    "deductions.amount-or-percent": ([("  breach_penalty_percent: 10\n", "  breach_penalty_percent: 10\n  deductions:\n    - {event: 漏接, amount: 100, percent_of_total: 1}\n")], "liability.deductions[0]", "exactly one of amount"),
    "confidentiality.years": ([("{term: permanent}", "{term: years}")], "clauses.confidentiality", "years: N goes with term: years"),
    "annexes.once": ([("[scope, payment_schedule, integrity]", "[scope, payment_schedule, scope]")], "annexes[2]", "listed twice"),
    "annexes.have-content": ([("[scope, payment_schedule, integrity]", "[scope, fee_schedule]")], "annexes[1]", "needs price.fee_schedule"),
    "annexes.titled": ([("annexes: [", "annex_titles: [{annex: fee_schedule, title: 资费标准}]\nannexes: [")], "annex_titles[0].annex", "does not attach the annex 'fee_schedule'"),
    "output.labels": ([(OUTPUT, OUTPUT + "  labels: [{key: party_fields.adress, text: 地址}]\n")], "output.labels[0].key", "close keys: party_fields.address"),
    "output.fee-columns": ([FEES, ("amount: 600001}", "amount: 600000}"), ("[scope, payment_schedule, integrity]", "[scope, fee_schedule]"), (OUTPUT, OUTPUT + "  fee_columns: [item, unit_price, quantity, amount]\n")], "output.fee_columns", "line 1 runs for 12 months"),
    "output.cover": ([(OUTPUT, OUTPUT + "  cover_date: month\n")], "output.cover_date", "no cover page"),
    "articles.known-ids": ([("annexes: [", "articles: {omit: [no_such_article]}\nannexes: [")], "articles.omit[0]", "no article 'no_such_article'"),
    "articles.omit-referenced": ([("annexes: [", "articles: {omit: [liability]}\nannexes: [")], "articles.omit[0]", "'liability' cannot be left out: article or annex 'period' refers to it"),
    "articles.items-match": ([("annexes: [", "articles: {append: [{id: payment, text: [{zh: \"甲方可：\\n- 暂停付款\\n- 解除\", en: \"Party A may:\\n- suspend payment\"}]}]}\nannexes: [")], "articles.append[0].text[0]", "2 items ('- ' lines) in zh but 1 in en"),
    "articles.refs": ([("annexes: [", "articles: {append: [{id: payment, text: ['见ref(payment.nope)。']}]}\nannexes: [")], "articles.append[0].text[0]", "article 'payment' has no sub-clause 'nope'"),
    "articles.changes-printed": ([("annexes: [", "articles: {omit: [termination.successor]}\nannexes: [")], "articles.omit[0]", "does not print sub-clause 'termination.successor' (it prints only when clauses.serve_until_successor_days is given), so there is nothing to change; set clauses.serve_until_successor_days to print it"),
    "payment.payee": ([('bank: {account_name: 某信息技术有限公司,', 'bank: {account_name: 某信息技术有限公司某分公司,')], "parties.supplier.bank.account_name", "neither Party B nor a payee"),
    "terms.printed": ([("annexes: [", "articles: {omit: [liability.quality]}\nannexes: [")], "liability.breach_penalty_percent", "the contract no longer prints this term"),
    "terms.stated-once": ([("annexes: [", "articles: {append: [{id: supplier_duties, text: [{zh: 乙方应在5个工作日内调换甲方认为不称职的人员。, en: Party B replaces unfit staff within 5 working days.}]}]}\nannexes: [")], "articles.append[0].text[0]", "this text says 5个工作日"),
    "deposit.exceeds-instalment": ([("liability:\n", "deposit: {amount: 600000.01}\n\nliability:\n")], "deposit.amount", "is more than instalment 1 (600,000.00)"),
    "payment.overage-term": ([FEES, ("amount: 600001}", "amount: 600000, overage: 超出部分按每席每月5000元计}")], "payment.overage", "no clause says when or how those charges are paid"),
    "deposit.credited-instalment": ([("liability:\n", "deposit: {amount: 1000, credited_to_instalment: 3}\n\nliability:\n")], "deposit.credited_to_instalment", "no instalment 3"),
    "arith.instalments-percent": ([("    - percent: 50\n      due: {after: signing", "    - percent: 40\n      due: {after: signing")], "payment.instalments", "percentages sum to 90%"),
    "arith.instalment-amount": ([("    - percent: 50\n      due: {after: signing", "    - percent: 50\n      amount: 600000.01\n      due: {after: signing")], "payment.instalments[0].amount", "but the amount says 600,000.01"),
    "arith.instalments-total": ([("    - percent: 50\n      due: {after: signing", "    - amount: 600000.50\n      due: {after: signing")], "payment.instalments", "instalments sum to 1,200,000.50"),
    "arith.rounded-share": ([("    - percent: 50\n      due: {after: signing", "    - percent: 50.1\n      amount: 600000\n      share: rounded\n      due: {after: signing")], "payment.instalments[0].percent", "50.1% is not the share of the amount rounded to 1 decimal: 600,000.00 is 50% of the total 1,200,000.00, which rounds to 50.0%"),
    "due.period-terms": ([("{after: signing, days: 30}", "{after: signing, days: 30, in_next_period: true}")], "payment.instalments[0].due.in_next_period", "in_next_period is only used with after: period_end"),
    "fee-line.priced": ([FEES, ("amount: 600001}", "amount: 600000}"), ("{item: 平台, unit_price: 50000, unit: 元/月, quantity: 1, months: 12}", "{item: 平台, unit_price: 50000, months: 12}")], "price.fee_schedule[1]", "give unit_price, unit and quantity together"),
    "arith.fee-schedule": ([FEES], "price.fee_schedule[0].amount", "but the amount says 600,001.00"),
    "arith.security-amount": ([("liability:\n", SECURITY.replace("60000", "60000.5") + "liability:\n")], "performance_security.amount", "5% of the total is 60,000.00"),
    "arith.counterparts": ([("    total: 4\n", "    total: 5\n")], "clauses.counterparts.total", "5 counterparts in all, but the holders keep 4"),
    "arith.kpi-weights": ([ASSESSMENT], "assessment.kpis", "KPI weights sum to 90, not the full score 100"),
    "arith.capitals": ([], "price.total", "does not read back"),  # needs a broken 大写 writer: see the test
    "dispute.one-route": ([("{route: litigation}", "{route: litigation, commission: 某仲裁委员会}")], "clauses.dispute.commission", "litigation names no arbitration"),
    "waivers.used": ([("annexes: [", "waivers: [{rule: civil-code.deposit-cap, reason: 试}]\nannexes: [")], "waivers[0].rule", "waives nothing"),
    "waivers.waivable": ([("annexes: [", "waivers: [{rule: arith.counterparts, reason: 试}]\nannexes: [")], "waivers[0].rule", "cannot be waived"),
    "dates.holiday-schedule": ([("{after: signing, days: 30}", "{after: signing, days: 700}")], "payment.instalments[0].due", "no date printed"),
    "dates.periods-basis": ([("due: {after: signing, days: 30}", "due: {after: signing, days: 30}\n    - percent: 0\n      due: {after: assessment, every: quarter, period: 1, from: signing, days: 10}")], "payment.instalments[1].due.from", "counts its periods from signing"),
    "dates.fixed-rest-day": ([("due: {after: signing, days: 30}", "due: {after: date, date: 2026-03-07}")], "payment.instalments[0].due.date", "2026-03-07 is a rest day"),
    "documents.amendments-rank": ([("  documents:", "  amendments_prevail: false\n  documents:")], "contract.amendments_prevail", "an amendment would lose"),
    "dates.service-after-signing": ([("{start: 2026-04-01, end: 2027-03-31}", "{start: 2026-02-01, end: 2027-01-31}")], "service.period.start", "before the contract is signed"),
    "dates.service-after-setup": ([("setup: {days: 15}", "setup: {days: 45}")], "service.period.start", "before the set-up is due on 2026-04-15"),
    "score.basis": ([BANDS, ("{min_score: 60, pay", "{min_score: 0, pay")], "payment.instalments[1].assessment", "say which score it pays on"),
    "security.delivery": ([("liability:\n", SECURITY + "liability:\n")], "performance_security.delivery_working_days", "no time is set"),
    "security.validity-start": ([("liability:\n", SECURITY.replace("return_working_days: 7\n", "return_working_days: 7\n  validity: 一年\n") + "liability:\n")], "performance_security.validity", "not from when"),
    "contract.rank-in-list": ([("  signing_date: 2026-03-01", "  signing_date: 2026-03-01\n  contract_rank: 9")], "contract.contract_rank", "can rank 1 to"),
    "liability.deductions-cap": ([("  breach_penalty_percent: 10\n", "  breach_penalty_percent: 10\n  missing_staff_percent: 1\n")], "liability.deductions_cap_percent", "no overall cap"),
    "assessment.kpi-frequency": ([(ASSESSMENT[0], "assessment:\n  frequency: quarterly\n  failed_kpi_deduction_percent: 1\n  kpis:\n    - {indicator: 接通率, definition: 接通量/呼入量, target: ≥95%, frequency: yearly}\n    - {indicator: 满意度, definition: 回访满意量/回访量, target: ≥90%, frequency: quarterly}\n\nliability:\n")], "assessment.kpis[0].frequency", "indicators 1 (接通率, yearly) are measured less often"),
    "assessment.scoring": ([ASSESSMENT, ("weight: 30", "weight: 40")], "assessment.scoring", "no rule says how a missed target"),
    "liability.staff-period": ([("  breach_penalty_percent: 10\n", "  breach_penalty_percent: 10\n  missing_staff_percent: 1\n")], "liability.missing_staff_per", "not per what"),
    "contract.self-name": ([("title: 规则热线服务合同", "title: 规则热线服务协议")], "contract.title", "calls the document 协议"),
    "liability.double-penalty": ([ASSESSMENT, ("  breach_penalty_percent: 10\n", "  breach_penalty_percent: 10\n  deductions:\n    - {event: 满意度不达标, amount: 1000}\n"), ("frequency: monthly\n  kpis:", "frequency: monthly\n  failed_kpi_deduction_percent: 1\n  kpis:"), ("weight: 30", "weight: 40")], "liability.deductions[0].event", "penalised twice"),
    "blanks.listed": ([("  number: HT-2026-001", "  number: blank")], "contract.number", "left blank"),
    "recommended.facts": ([("  tax_included: true\n", "")], "price.tax_included", "whether the price includes VAT"),
    "gpl.security-cap": ([("liability:\n", SECURITY.replace("percent: 5\n  amount: 60000\n", "percent: 12\n") + "liability:\n")], "performance_security.percent", "may not exceed 10%"),
    "gpl.security-non-cash": ([("liability:\n", SECURITY.replace("bank_guarantee", "cash") + "liability:\n")], "performance_security.forms", "non-cash form"),
    "sme.payment-term": ([("{after: final_acceptance, days: 30}", "{after: final_acceptance, days: 45}")], "payment.instalments[1].due", "about 45 days"),
    "sme.acceptance-deadline": ([("  acceptance_working_days: 10   #", "  #")], "payment.instalments[1].due.after", "acceptance deadline"),
    "sme.late-interest": ([("late_interest_percent_per_day: 0.05", "late_interest_percent_per_day: 0.005")], "payment.late_interest_percent_per_day", "below the 1-year LPR"),
    "civil-code.deposit-cap": ([("liability:\n", "deposit: {amount: 240000.01}\n\nliability:\n")], "deposit.amount", "exceeds 20%"),
    "gpl.signing-deadline": ([("  signing_date: 2026-03-01", "  award_date: 2026-01-30\n  signing_date: 2026-03-02")], "contract.signing_date", "31 days after"),
    "civil-code.elements": ([("  breach_penalty_percent: 10\n", "  buyer_late_payment_days: 30\n")], "liability", "no specific liability"),
    "text.amounts": ([("  method: 银行转账\n", "  method: 银行转账，手续费人民币伍拾元由乙方承担\n")], "payment.method", "整 is missing after 元"),
}  # fmt: skip


def spec_with(tmp_path: Path, replacements: list[tuple[str, str]]) -> Path:
    text = starter_spec("规则")
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} must occur once in the starter"
        text = text.replace(old, new)
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_rule_has_a_case() -> None:
    ensure_loaded()
    assert set(RULES) == set(CASES)


@pytest.mark.parametrize("rule_id", sorted(set(CASES) - {"arith.capitals"}))
def test_rule_fires_where_it_should(rule_id: str, tmp_path: Path) -> None:
    replacements, path, message = CASES[rule_id]
    report = check_spec(spec_with(tmp_path, replacements))
    mine = [f for f in report.findings if f.rule == rule_id]
    assert [(dotted(f.path), message in f.message) for f in mine] == [(path, True)], [
        f.message for f in report.findings
    ]
    others = {f.rule for f in report.findings} - {rule_id}
    assert not others & {r for r in RULES if RULES[r].blocking}, f"other blocking rules fired too: {others}"


def test_capitals_catch_a_wrong_capital_writer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Amounts derive their 大写 from one writer; the rule reads them back independently."""
    from generator.domain import money

    real = money.rmb_words
    monkeypatch.setattr(money, "rmb_words", lambda value: real(value).replace("整", ""))
    report = check_spec(spec_with(tmp_path, []))
    findings = [f for f in report.findings if f.rule == "arith.capitals"]
    assert findings and dotted(findings[0].path) == "price.total" and "整 is missing" in findings[0].message


# More ways to break the rules of rounded shares and periodic due terms: (replacements, [(path, message part)])
MORE_CASES = {
    "rounded share without its amount": (
        [("    - percent: 50\n      due: {after: signing", "    - percent: 50\n      share: rounded\n      due: {after: signing")],
        [("payment.instalments[0]", "share: rounded prints the percent beside the amount it is the rounded share of")],
    ),
    "payment.shares: rounded, no amounts": (
        [("  method: 银行转账\n", "  method: 银行转账\n  shares: rounded\n")],
        [("payment.instalments[0]", "payment.shares: rounded prints"), ("payment.instalments[1]", "payment.shares: rounded prints")],
    ),
    "two decimals written": (
        [("    - percent: 50\n      due: {after: signing", "    - percent: 33.30\n      amount: 400000\n      share: rounded\n      due: {after: signing")],
        [("payment.instalments[0].percent", "33.30% is not the share of the amount rounded to 2 decimals: 400,000.00 is 33.3333333333% of the total 1,200,000.00, which rounds to 33.33%")],
    ),
    "from: with an event that has no periods": (
        [("{after: signing, days: 30}", "{after: signing, days: 30, from: effectiveness}")],
        [("payment.instalments[0].due.from", "from: is only used with after: period_end, assessment or quarter_assessment")],
    ),
    "the first months of the next period": (
        [("{after: final_acceptance, days: 30}", "{after: period_end, every: quarter, period: 4, months: 1, in_next_period: true}")],
        [("payment.instalments[1].due", "give days or working_days (not months)")],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(MORE_CASES))
def test_rounded_shares_and_periodic_terms(case: str, tmp_path: Path) -> None:
    replacements, expected = MORE_CASES[case]
    report = check_spec(spec_with(tmp_path, replacements))
    found = [
        (dotted(f.path), f.message) for f in report.findings if f.rule in ("arith.rounded-share", "due.period-terms")
    ]
    assert [(path, part in message) for (path, message), (_, part) in zip(found, expected, strict=False)] == [
        (path, True) for path, _ in expected
    ], found
    assert len(found) == len(expected), found


def test_rounded_shares_neither_give_amounts_nor_sum_to_100(tmp_path: Path) -> None:
    """33.3 + 33.3 + 33.3 of amounts that make the total: valid, the amounts governing."""
    thirds = "".join(
        f"    - {{percent: 33.3, amount: 400000, share: rounded, due: {{after: signing, days: {days}}}}}\n"
        for days in (30, 60, 90)
    )
    spec = spec_with(
        tmp_path,
        [
            (
                "    - percent: 50\n      due: {after: signing, days: 30}\n    - percent: 50\n      due: {after: final_acceptance, days: 30}\n",
                thirds,
            )
        ],
    )
    report = check_spec(spec)
    assert not [f for f in report.findings if RULES[f.rule].blocking], [f.message for f in report.findings]
    money = report.summary["instalments"]
    assert [(i["amount"], i["percent"], i["share"], i["true_percent"]) for i in money] == [
        ("400000.00", "33.3", "rounded", "33.333")
    ] * 3
    # an amount whose share still rounds to 33.3% but that breaks the total: the amounts govern,
    # so it is the total that does not add up
    broken = spec.read_text(encoding="utf-8").replace(
        "percent: 33.3, amount: 400000,", "percent: 33.3, amount: 400100,", 1
    )
    spec.write_text(broken, encoding="utf-8")
    findings = [(f.rule, dotted(f.path)) for f in check_spec(spec).findings if RULES[f.rule].blocking]
    assert findings == [("arith.instalments-total", "payment.instalments")], findings


# Field checks of the cerberus validator (spec.validate): check_with name -> (replacement, path, message part)
FIELD_CASES = {
    "code": (('phone: "0000-00000001"', 'phone: " "'), "parties.buyer.contact.phone", "is empty"),
    "text": (("name: 某市政务服务管理局", 'name: ""'), "parties.buyer.name", "is empty"),
    "fen": (("total: 1200000.00", "total: 1200000.001"), "price.total", "more than two decimal places"),
    "date_or_blank": (
        ("signing_date: 2026-03-01", "signing_date: soon"),
        "contract.signing_date",
        "or blank, got text 'soon'",
    ),
    "uscc": (("11000000000000000U", "11000000000000000X"), "parties.buyer.credit_code", "check character is X"),
    "days": (
        ("force_majeure_notice_days: 15", "force_majeure_notice_days: {working_days: 0}"),
        "clauses.force_majeure_notice_days",
        "working_days: must be at least 1, got 0",
    ),
}


def test_every_field_check_has_a_case() -> None:
    from generator.spec.validate import SpecValidator

    names = {n.removeprefix("_check_with_") for n in dir(SpecValidator) if n.startswith("_check_with_")}
    assert names == set(FIELD_CASES)


@pytest.mark.parametrize("name", sorted(FIELD_CASES))
def test_field_check_fires(name: str, tmp_path: Path) -> None:
    replacement, path, message = FIELD_CASES[name]
    report = check_spec(spec_with(tmp_path, [replacement]))
    assert [(f.rule, dotted(f.path), message in f.message) for f in report.findings] == [("spec", path, True)]
