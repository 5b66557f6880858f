"""Checks on a spec: arithmetic proofs over the contract model and compliance rules with their
sources (DOMAIN.md §4), waivers, and the money summary. Pure: takes the loaded spec and model.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..contract.compute import fee_line_amount, share_of
from ..contract.model import Amount, Contract
from ..domain.money import plain_decimal, read_rmb_words, rmb_words_problems
from ..errors import Location, SpecIssue, dotted
from ..spec.loader import LoadedSpec

# The 1-year Loan Prime Rate in percent, as published on 2025-05-20; `check --lpr` overrides it.
ONE_YEAR_LPR_PERCENT = Decimal("3.0")
GOVERNMENT_BUYERS = ("government", "public_institution")
AFTER_DELIVERY = ("setup_acceptance", "final_acceptance", "service_end", "quarter_assessment")

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # 'error' | 'warning' | 'waived'
    location: Location | None
    path: str
    message: str
    regulation: str | None = None
    waiver: str | None = None


@dataclass
class CheckReport:
    spec: str
    findings: list[Finding] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)
    summary: dict[str, Any] | None = None

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")


@dataclass(frozen=True)
class CheckOptions:
    """Facts outside the spec that rules need."""

    lpr: Decimal = ONE_YEAR_LPR_PERCENT  # 1-year Loan Prime Rate, percent a year


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str  # 'arithmetic' | 'compliance'
    regulation: str | None
    check: Callable[[Contract, CheckOptions], Iterator[tuple[Path_, str, str]]]  # -> (path, severity, message)


RULES: list[Rule] = []


def rule(rule_id: str, kind: str, regulation: str | None = None):  # type: ignore[no-untyped-def]
    def register(function):  # type: ignore[no-untyped-def]
        RULES.append(Rule(rule_id, kind, regulation, function))
        return function

    return register


# --- arithmetic -------------------------------------------------------------------------------


@rule("arith.instalments-total", "arithmetic")
def _instalments_total(c: Contract, options: CheckOptions) -> Iterator[tuple[Path_, str, str]]:
    total = sum((i.amount.value for i in c.instalments), Decimal(0))
    if total != c.total.value:
        yield ("payment", "instalments"), "error", f"instalments sum to {total}, not the total {c.total.value}"


@rule("arith.instalments-percent", "arithmetic")
def _instalments_percent(c: Contract, options: CheckOptions) -> Iterator[tuple[Path_, str, str]]:
    """Exact percentages (stated, or derived from amounts) of instalments that sum to the total
    must make exactly 100%."""
    if all(i.percent.exact for i in c.instalments):
        pct_sum = sum((i.percent.value for i in c.instalments), Decimal(0))
        if pct_sum != 100:
            yield ("payment", "instalments"), "error", f"percentages sum to {plain_decimal(pct_sum)}%, not 100%"


@rule("arith.fee-schedule", "arithmetic")
def _fee_schedule(c: Contract, options: CheckOptions) -> Iterator[tuple[Path_, str, str]]:
    for n, line in enumerate(c.fee_lines):
        if fee_line_amount(line.unit_price.value, line.quantity, line.months) != line.amount.value:
            yield ("price", "fee_schedule", n), "error", "line amount is not unit × quantity × months"
    if c.fee_lines and sum(line.amount.value for line in c.fee_lines) != c.total.value:
        yield ("price", "fee_schedule"), "error", "fee lines do not sum to the total"


@rule("arith.security-amount", "arithmetic")
def _security_amount(c: Contract, options: CheckOptions) -> Iterator[tuple[Path_, str, str]]:
    if c.security and c.security.amount.value != share_of(c.total.value, c.security.percent.value):
        yield ("performance_security",), "error", "security amount is not percent × total"


@rule("arith.counterparts", "arithmetic")
def _counterparts(c: Contract, options: CheckOptions) -> Iterator[tuple[Path_, str, str]]:
    if sum(h.copies for h in c.clauses.holders) != c.clauses.counterparts_total:
        yield ("clauses", "counterparts"), "error", "holders' copies do not add up to the total"


@rule("arith.kpi-weights", "arithmetic")
def _kpi_weights(c: Contract, options: CheckOptions) -> Iterator[tuple[Path_, str, str]]:
    a = c.assessment
    if a and a.weighted and sum(k.weight or 0 for k in a.kpis) != a.full_score:
        yield ("assessment", "kpis"), "error", "KPI weights do not sum to the full score"


@rule("arith.capitals", "arithmetic", "《支付结算办法》附件一《正确填写票据和结算凭证的基本规定》")
def _capitals(c: Contract, options: CheckOptions) -> Iterator[tuple[Path_, str, str]]:
    """Every 大写 the contract will print reads back, by an independent reader, as its figure."""
    for path, amount in _amounts(c):
        value, problems = rmb_words_problems(amount.words_zh)
        if problems or value != amount.value or read_rmb_words(amount.words_zh) != amount.value:
            yield path, "error", f"大写 {amount.words_zh} does not read back as {amount.digits}: {problems}"


def _amounts(c: Contract) -> Iterator[tuple[Path_, Amount]]:
    yield ("price", "total"), c.total
    for n, i in enumerate(c.instalments):
        yield ("payment", "instalments", n), i.amount
        for band in i.bands:
            yield ("payment", "instalments", n, "assessment"), band.pays
    for n, line in enumerate(c.fee_lines):
        yield ("price", "fee_schedule", n), line.amount
    if c.security:
        yield ("performance_security",), c.security.amount
    for n, d in enumerate(c.liability.deductions):
        yield ("liability", "deductions", n), d.amount


# --- compliance -------------------------------------------------------------------------------


@rule("gpl.security-cap", "compliance", "《政府采购法实施条例》第四十八条")
def _security_cap(c: Contract, options: CheckOptions) -> Iterator[tuple[Path_, str, str]]:
    if c.security and c.security.percent.value > 10:
        yield (
            ("performance_security", "percent"),
            "error",
            f"performance security is {c.security.percent.display}% of the contract amount; it may not exceed 10%",
        )


@rule("gpl.security-non-cash", "compliance", "《政府采购法实施条例》第四十八条；《保障中小企业款项支付条例》第十三条")
def _security_non_cash(c: Contract, options: CheckOptions) -> Iterator[tuple[Path_, str, str]]:
    if c.security and set(c.security.forms) <= {"cash"}:
        yield (
            ("performance_security", "forms"),
            "error",
            "the supplier must be allowed a non-cash form (cheque, draft, promissory note or guarantee)",
        )


def _sme_and_government(c: Contract) -> bool:
    return c.supplier.sme and c.buyer.kind in GOVERNMENT_BUYERS


@rule("sme.payment-term", "compliance", "《保障中小企业款项支付条例》第九条")
def _sme_payment_term(c: Contract, options: CheckOptions) -> Iterator[tuple[Path_, str, str]]:
    if not _sme_and_government(c):
        return
    for n, i in enumerate(c.instalments):
        d = i.due
        if d.event not in AFTER_DELIVERY or d.deadline is None:
            continue
        days = {
            "days": d.deadline.count,
            "months": d.deadline.count * 31,
            "working_days": math.ceil(d.deadline.count * 7 / 5),
        }[d.deadline.unit]
        where: Path_ = ("payment", "instalments", n, "due")
        if days > 60:
            yield (
                where,
                "error",
                f"payment about {days} days after delivery or acceptance; an SME must be paid within 60 days at most",
            )
        elif days > 30:
            yield (
                where,
                "warning",
                f"payment about {days} days after delivery or acceptance; over 30 days must be agreed expressly",
            )


@rule("sme.acceptance-deadline", "compliance", "《保障中小企业款项支付条例》第十条")
def _sme_acceptance_deadline(c: Contract, options: CheckOptions) -> Iterator[tuple[Path_, str, str]]:
    if not _sme_and_government(c) or c.service.acceptance_working_days is not None:
        return
    for n, i in enumerate(c.instalments):
        if i.due.event in ("setup_acceptance", "final_acceptance"):
            yield (
                ("payment", "instalments", n, "due", "after"),
                "error",
                "payment depends on acceptance, so the contract must state the acceptance deadline "
                "(service.acceptance_working_days)",
            )
            return


@rule("sme.late-interest", "compliance", "《保障中小企业款项支付条例》第十七条")
def _sme_late_interest(c: Contract, options: CheckOptions) -> Iterator[tuple[Path_, str, str]]:
    if not _sme_and_government(c):
        return
    rate = c.late_interest_percent_per_day
    if rate is None:
        yield (
            ("payment",),
            "warning",
            "no late-payment interest agreed: the statutory 0.05% per day applies to late payment",
        )
    elif rate.value * 365 < options.lpr:
        yield (
            ("payment", "late_interest_percent_per_day"),
            "error",
            f"{rate.display}% per day is {(rate.value * 365).normalize():f}% a year, below the 1-year LPR of {options.lpr}%",
        )


@rule(
    "dispute.one-route", "compliance", "《仲裁法》第十六条、第十八条；最高法《关于适用〈仲裁法〉若干问题的解释》第七条"
)
def _dispute(c: Contract, options: CheckOptions) -> Iterator[tuple[Path_, str, str]]:
    cl = c.clauses
    if cl.dispute_route == "arbitration" and (cl.commission is None or cl.court is not None):
        yield ("clauses", "dispute"), "error", "arbitration must name one commission and no court"
    if cl.dispute_route == "litigation" and cl.commission is not None:
        yield ("clauses", "dispute"), "error", "litigation may not also name an arbitration commission"


@rule("civil-code.deposit-cap", "compliance", "《民法典》第五百八十六条")
def _deposit(c: Contract, options: CheckOptions) -> Iterator[tuple[Path_, str, str]]:
    if c.deposit and c.deposit.value * 100 > c.total.value * 20:
        yield ("deposit", "amount"), "error", f"定金 {c.deposit.digits} exceeds 20% of the contract amount"


@rule("gpl.signing-deadline", "compliance", "《政府采购法》第四十六条")
def _signing(c: Contract, options: CheckOptions) -> Iterator[tuple[Path_, str, str]]:
    if c.award_date and (c.signing_date - c.award_date).days > 30:
        days = (c.signing_date - c.award_date).days
        yield ("contract", "signing_date"), "error", f"signed {days} days after the award notice; the limit is 30 days"


@rule("civil-code.elements", "compliance", "《民法典》第四百七十条")
def _elements(c: Contract, options: CheckOptions) -> Iterator[tuple[Path_, str, str]]:
    s, li = c.service, c.liability
    if not (s.seats or s.staff or c.fee_lines):
        yield ("service",), "warning", "no quantity stated (seats, staff or a fee schedule)"
    if not (s.standards or c.assessment or c.service_levels):
        yield ("service",), "warning", "no quality terms stated (standards, assessment or service levels)"
    if not (li.breach_penalty or li.deductions or li.missing_staff_deduction or li.termination_events):
        yield ("liability",), "warning", "no specific liability for breach stated"


def _waived(c: Contract) -> dict[str, tuple[int, str]]:
    """rule id -> (index in the spec's waivers, the reason as written in Chinese)."""
    return {w.rule: (n, w.reason.zh) for n, w in enumerate(c.waivers)}


def run_checks(spec: LoadedSpec, contract: Contract, options: CheckOptions | None = None) -> CheckReport:
    """Every rule on a valid spec, waivers applied, with the money summary."""
    options = options or CheckOptions()
    report = CheckReport(spec.file)
    waivers = _waived(contract)
    known = {r.id for r in RULES}
    for name, (n, _) in waivers.items():
        if name not in known:
            path: Path_ = ("waivers", n, "rule")
            report.findings.append(
                Finding(
                    "waiver.unknown-rule",
                    "error",
                    spec.locate(path),
                    dotted(path),
                    f"no check rule {name!r}; rules: {', '.join(sorted(known))}",
                )
            )
    for r in RULES:
        results = list(r.check(contract, options))
        if not results:
            report.passed.append(r.id)
        for path, severity, message in results:
            waiver = waivers.get(r.id)
            reason = waiver[1] if waiver else None
            if waiver:
                severity = "waived"
            report.findings.append(
                Finding(r.id, severity, spec.locate(path), dotted(path), message, r.regulation, reason)
            )
    report.summary = money_summary(contract)
    return report


def invalid_report(file: str, issues: list[SpecIssue]) -> CheckReport:
    """A report for a spec that did not validate: its issues are the findings."""
    report = CheckReport(file)
    for issue in issues:
        report.findings.append(Finding("spec", "error", issue.location, dotted(issue.path), issue.message))
    return report


def _money(amount: Amount) -> dict[str, str]:
    return {
        "amount": f"{amount.value:.2f}",
        "digits": amount.digits,
        "words": amount.words_zh,
        "words_en": amount.words_en,
    }


def money_summary(c: Contract) -> dict[str, Any]:
    """Every amount of the contract, as the report and the JSON output show it."""
    return {
        "total": _money(c.total),
        "instalments": [
            {
                "number": i.number,
                **_money(i.amount),
                "percent": i.percent.display,
                "percent_exact": i.percent.exact,
                "due_event": i.due.event,
                "due_date": i.due.date.isoformat() if i.due.date else None,
                "score_bands": [
                    {"min_score": str(b.min_score), "pay_percent": b.pay_percent.display, **_money(b.pays)}
                    for b in i.bands
                ],
                "score_linear": None
                if i.linear is None
                else {
                    "zero_score": plain_decimal(i.linear.zero_score),
                    "full_score": plain_decimal(i.linear.full_score),
                },
            }
            for i in c.instalments
        ],
        "performance_security": None
        if c.security is None
        else {"percent": c.security.percent.display, **_money(c.security.amount)},
        "fee_lines": [
            {
                "number": line.number,
                "item": line.item.zh,
                "unit_price": f"{line.unit_price.value:.2f}",
                "quantity": plain_decimal(line.quantity),
                "months": plain_decimal(line.months),
                **_money(line.amount),
            }
            for line in c.fee_lines
        ],
        "deductions": [{"event": d.event.zh, **_money(d.amount)} for d in c.liability.deductions],
    }
