"""`check`: every registered rule on a spec, waivers applied, with the money summary.

Pure: takes the loaded spec (for locations), what validation found, and the computed model."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..domain.money import Amount, plain_decimal
from ..errors import Location, SpecIssue, dotted
from ..spec.loader import LoadedSpec
from ..spec.model import Contract, SpecPath
from .registry import RULES, CheckOptions, Rule, Severity, runnable

FIELD_RULE = "spec"  # the id under which field-rule issues (types, ranges, required fields) are reported


@dataclass(frozen=True)
class RuleFinding:
    """One finding of check: which rule, how it counts, where in the spec, and why."""

    rule: str
    severity: Severity
    location: Location | None
    path: SpecPath
    message: str
    regulation: str | None = None
    waiver: str | None = None

    def issue(self) -> SpecIssue:
        """The finding as a located spec issue (what validation prints)."""
        assert self.location is not None
        return SpecIssue(self.location, self.path, self.message)


@dataclass
class CheckReport:
    spec: str
    findings: list[RuleFinding] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)
    summary: dict[str, Any] | None = None

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == Severity.WARNING)

    @property
    def blocking(self) -> list[RuleFinding]:
        """Findings that make the spec unusable."""
        return [f for f in self.findings if f.rule == FIELD_RULE or (f.rule in RULES and RULES[f.rule].blocking)]


def run_rules(
    spec: LoadedSpec,
    contract: Contract,
    failed_sections: frozenset[str],
    options: CheckOptions,
    *,
    blocking_only: bool = False,
) -> CheckReport:
    """The findings of the registered rules that can run on contract (waivers applied)."""
    report = CheckReport(spec.file)
    waivers = contract.waivers or () if "waivers" not in failed_sections else ()
    rules: list[Rule] = [r for r in RULES.values() if r.blocking or not blocking_only]
    for r in runnable(rules, failed_sections):
        problems = list(r.check(contract, options))
        if not problems:
            report.passed.append(r.id)
        for problem in problems:
            severity = Severity(problem.severity or r.severity)
            waiver = next((n for n, w in enumerate(waivers) if w.covers(r.id, dotted(problem.path))), None)
            reason = waivers[waiver].reason.zh if waiver is not None and r.waivable else None
            report.findings.append(
                RuleFinding(
                    r.id,
                    Severity.WAIVED if reason else severity,
                    spec.locate(problem.path),
                    problem.path,
                    problem.message,
                    r.regulation,
                    reason,
                )
            )
    return report


def field_findings(issues: list[SpecIssue]) -> list[RuleFinding]:
    """Field-rule issues (and what compute could not compute) as findings of the rule `spec`."""
    return [RuleFinding(FIELD_RULE, Severity.ERROR, i.location, i.path, i.message) for i in issues]


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
                "share": str(i.share),  # how the contract prints the share: exact, rounded (as stated) or none
                "true_percent": i.true_share.display,
                "true_percent_exact": i.true_share.exact,
                "due_event": str(i.due.event),
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
                "score_coefficient": None
                if i.coefficient is None
                else {
                    "zero_below": plain_decimal(i.coefficient.zero_below),
                    "full_from": plain_decimal(i.coefficient.full_from),
                    "full_score": plain_decimal(c.assessment.full_score if c.assessment else Decimal(100)),
                },
                "score_basis": str(i.score_rule.basis) if i.score_rule and i.score_rule.basis else None,
                # the 定金 credited against this instalment, and the balance Party A still pays (None: the
                # assessment decides the amount)
                "deposit_credit": _money(i.deposit_credit) if i.deposit_credit else None,
                "net": _money(i.net_amount) if i.net_amount else None,
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
                "unit_price": f"{line.unit_price.value:.2f}" if line.unit_price else None,
                "quantity": plain_decimal(line.quantity) if line.quantity is not None else None,
                "months": plain_decimal(line.months),
                **_money(line.amount),
            }
            for line in c.fee_lines
        ],
        "deductions": [
            {
                "event": d.event.zh,
                "owed_by": str(d.owed_by),
                "per_day": d.per_day,
                "percent_of_instalment": d.percent_of_instalment.display if d.percent_of_instalment else None,
                "cap": f"{d.cap.value:.2f}" if d.cap else None,
                **(_money(d.amount) if d.amount else {}),
            }
            for d in c.liability.deductions
        ],
    }
