"""The rule registry: every rule across fields, once, with its id, severity, regulation, whether a
finding blocks the spec (validation rejects it) and whether a spec may waive it. Validation runs
the blocking rules; `check` runs them all and reports each finding under its rule's id."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from ..errors import Problem
from ..spec.model import Contract

# The 1-year Loan Prime Rate in percent, as published on 2025-05-20; `check --lpr` overrides it.
ONE_YEAR_LPR_PERCENT = Decimal("3.0")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    WAIVED = "waived"


@dataclass(frozen=True)
class CheckOptions:
    """Facts outside the spec that rules need."""

    lpr: Decimal = ONE_YEAR_LPR_PERCENT  # 1-year Loan Prime Rate, percent a year
    lpr_published: dt.date | None = None  # when that rate was published, if the user said (a settings file)
    templates: Path | None = None  # the template folder the contract renders with (None: the project's)


RuleCheck = Callable[[Contract, CheckOptions], Iterator[Problem]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity  # of its findings, unless a finding says otherwise
    blocking: bool  # a finding makes the spec unusable: validate rejects it, render writes nothing
    waivable: bool  # a spec may waive it (waivers:) with a written reason
    regulation: str | None
    reads: tuple[str, ...]  # top-level spec sections it reads: skipped while one fails its field rules
    check: RuleCheck


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str,
    *,
    reads: tuple[str, ...],
    regulation: str | None = None,
    blocking: bool = True,
    severity: Severity = Severity.ERROR,
) -> Callable[[RuleCheck], RuleCheck]:
    """Register a rule. Blocking rules cannot be waived; the others (compliance) can."""

    def register(check: RuleCheck) -> RuleCheck:
        assert rule_id not in RULES, f"rule {rule_id} registered twice"
        RULES[rule_id] = Rule(rule_id, severity, blocking, not blocking, regulation, reads, check)
        return check

    return register


def runnable(rules: Iterable[Rule], failed_sections: frozenset[str]) -> list[Rule]:
    """The rules whose sections all passed their field rules."""
    return [r for r in rules if not failed_sections.intersection(r.reads)]


def ensure_loaded() -> None:
    """Import the modules that register rules (the registry is complete after this)."""
    from . import deposit_rules, form_rules, overage_rules, printed_terms, rules, stated_terms, text_rules  # noqa: F401
