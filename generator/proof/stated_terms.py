"""The rule that finds a spec's free text stating a period that one of its terms states otherwise.

A drafter who writes a real contract's sentence into the spec ("在7个工作日内调换") while the
standard clause prints the term's own value ("接到通知后7日内完成调换") gives the contract two
periods for one duty. Which clause is about which term is read from the Chinese text: a sentence
of free text (split at 。；！？ and line ends) that names a term's subject and states a period in the
term's kind of unit
(days, working days, months, hours) is compared with what the contract prints for that term.
Only a term the contract prints counts (found as terms.printed finds it: by changing the term a
little and rendering again), so that a sentence that replaces the standard one is never reported."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from typing import Any

from ..errors import Problem
from ..spec.model import Contract, Days, SpecPath
from .printed_terms import zh_text
from .registry import CheckOptions, Severity, rule
from .rules import spec_clause_texts

# A period written in a sentence: a count and its unit. Not a date (2025年11月15日, 每月15日) and
# not an ordinal (第3日).
_PERIOD = re.compile(r"(?<![0-9年月第.])([0-9]+)\s*(个工作日|工作日|个自然日|自然日|日历天|天|日|个月|月|小时)(?!份)")
_UNITS = {
    "个工作日": "working_days",
    "工作日": "working_days",
    "个自然日": "days",
    "自然日": "days",
    "日历天": "days",
    "天": "days",
    "日": "days",
    "个月": "months",
    "月": "months",
    "小时": "hours",
}
_SHOWN = {"days": "{}日", "working_days": "{}个工作日", "months": "{}个月", "hours": "{}小时"}

# Subjects: the words that say a clause is about a group of terms (section.field), and the terms
# of the group. A period in such a clause should be one of the group's printed periods.
_SUBJECTS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"^(?!.*提前).*(调换|更换|替换)"), ("clauses.staff_replacement_days",)),  # replacing unfit staff
    (re.compile(r"提前.*(调换|更换|变更|调整)|(调换|更换|变更|调整).*提前"), ("clauses.staff_change_notice_days",)),
    (re.compile(r"(账户|账号).*变更|变更.*(账户|账号)"), ("clauses.account_change_notice_days",)),
    (re.compile(r"(地址|联系方式|联系人).*变更|变更.*(地址|联系方式|联系人)"), ("clauses.contact_change_notice_days",)),
    (re.compile(r"不可抗力"), ("clauses.force_majeure_notice_days", "clauses.force_majeure_talks_days")),
    (re.compile(r"复核"), ("clauses.assessment_review_working_days",)),
    (re.compile(r"安全事件|泄露|泄漏"), ("clauses.incident_report_hours",)),
    (re.compile(r"故障.*报告|报告.*故障"), ("clauses.fault_report_days",)),
    (re.compile(r"整改|纠正|改正"), ("clauses.cure_days", "liability.termination_cure_days")),
    (re.compile(r"(逾期|迟延|延迟)(付款|支付)|拖欠"), ("liability.buyer_late_payment_days",)),
    (re.compile(r"退还|退回"), ("clauses.refund_days", "clauses.settlement_refund_days")),
    (re.compile(r"移交|交接"), ("clauses.handover_working_days",)),
)
_PARTS = re.compile(r"[^；;。！？\n]+")


def _unit(name: str) -> str:
    """The unit a plain-number term counts in, from its name."""
    for suffix, unit in (("_working_days", "working_days"), ("_days", "days"), ("_months", "months")):
        if name.endswith(suffix):
            return unit
    return "hours"


def _period(c: Contract, term: str) -> tuple[int, str] | None:
    """The period term (section.field) states (count, unit), or None when it is not set."""
    section, name = term.split(".")
    value = getattr(getattr(c, section), name)
    if isinstance(value, Days):
        return value.count, value.unit
    if isinstance(value, int) and not isinstance(value, bool) and value:
        return value, _unit(name)
    return None


def _bumped(c: Contract, term: str) -> Contract:
    """c with term (section.field) a day (or an hour, a month) longer."""
    section, name = term.split(".")
    record = getattr(c, section)
    value = getattr(record, name)
    changes: dict[str, Any] = {
        name: dataclasses.replace(value, count=value.count + 1) if isinstance(value, Days) else value + 1
    }
    return dataclasses.replace(c, **{section: dataclasses.replace(record, **changes)})


def _periods(text: str) -> Iterator[tuple[str, tuple[int, str]]]:
    """(the sentence, a period it states) for each period written in text."""
    for part in _PARTS.findall(text):
        for match in _PERIOD.finditer(part):
            yield part, (int(match.group(1)), _UNITS[match.group(2)])


@rule("terms.stated-once", reads=("articles", "clauses", "liability"), blocking=False, severity=Severity.WARNING)
def _stated_once(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """A period the spec's own text states for a duty is the one its term prints, if that prints."""
    rendered: dict[str, str | None] = {}

    def text(contract: Contract, key: str) -> str | None:  # rendered only for a conflicting period
        if key not in rendered:
            rendered[key] = zh_text(contract, options)
        return rendered[key]

    def printed_at(name: str) -> str | None:
        """Where the contract prints term name (the number of its clause), or None if it does not."""
        if _period(c, name) is None:
            return None
        this = text(c, "")
        other = text(_bumped(c, name), name)
        if this is None or other is None or this == other:
            return None
        line = next(a for a, b in zip(this.splitlines(), other.splitlines(), strict=False) if a != b)
        return line.split(" ", 1)[0] if " " in line else "the contract"

    for path, zh in _zh_texts(c):
        for part, period in _periods(zh):
            for subject, names in _SUBJECTS:
                if not subject.search(part):
                    continue
                units = {_unit(n) for n in names}
                if period[1] not in units and not ({period[1]} | units) <= {"days", "working_days"}:
                    continue  # a period of another kind (months beside a days term): not this term's
                yield from _conflict(path, part, period, names, c, printed_at)


def _conflict(
    path: SpecPath,
    part: str,
    period: tuple[int, str],
    names: tuple[str, ...],
    c: Contract,
    printed_at: Callable[[str], str | None],
) -> Iterator[Problem]:
    printed = {n: printed_at(n) for n in names}
    printed = {n: where for n, where in printed.items() if where is not None}
    if not printed or any(_period(c, n) == period for n in printed):
        return  # no term of the subject prints, or one of them says the same
    said = _SHOWN[period[1]].format(period[0])
    terms = "; ".join(f"{n} prints {_shown(_period(c, n))} in {where}" for n, where in printed.items())
    yield Problem(
        path,
        f"this text says {said} ({part.strip().removeprefix('- ')}), but {terms}: the contract would give two periods for one duty; "
        "set the term to what the text says, or leave the standard sub-clause out (articles.omit)",
    )


def _shown(period: tuple[int, str] | None) -> str:
    assert period is not None  # only printed terms are shown, and a printed term is set
    return _SHOWN[period[1]].format(period[0])


def _zh_texts(c: Contract) -> Iterator[tuple[SpecPath, str]]:
    """The Chinese of each text the spec writes into the clauses (articles, special terms, preamble)."""
    seen: set[tuple[SpecPath, str]] = set()
    for path, text in spec_clause_texts(c):
        if re.search(r"[\u4e00-\u9fff]", text) and (path, text) not in seen:
            seen.add((path, text))
            yield path, text
