"""The rule that finds terms a spec gives which its contract no longer prints.

A spec that leaves out or replaces a standard article or sub-clause may take away the only sentence
that prints one of its own terms (a penalty percentage, a notice period, the team size): the term
then binds no one, though the spec says it. Which sentence prints which term is decided by the
templates' conditions, so it is found by trying: each term the spec sets is changed a little and
the contract rendered again, with the spec's changes to the articles and without them. A term that
shows in the standard contract but not in this one, and that the spec's own clause text does not
state either, is reported."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import Any

from ..contract.compute import liability_figures
from ..domain.money import Percent, plain_decimal
from ..errors import Problem
from ..spec.model import Contract, Days, Record, Text
from .registry import CheckOptions, Severity, rule
from .rules import spec_clause_texts

# The records whose terms the standard clauses print, and how a changed term is worked into the
# contract (liability amounts are derived from its percentages).
_SECTIONS: dict[str, Callable[[Contract, Any], Contract]] = {
    "service": lambda c, terms: dataclasses.replace(c, service=terms),
    "clauses": lambda c, terms: dataclasses.replace(c, clauses=terms),
    "liability": lambda c, terms: dataclasses.replace(
        c, liability=liability_figures(terms, c.total.value) if c.total is not None else terms
    ),
}
# Terms of the contract record itself that only a clause prints (the head and the figures aside).
_CONTRACT_TERMS = frozenset({"documents", "contract_rank", "payment_method", "invoice", "overage"})


def _nudged(value: Any) -> Any:
    """value changed so that a sentence printing it prints something else; None if it cannot be."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, StrEnum):  # a choice: another of its options
        return next((option for option in type(value) if option != value), None)
    if isinstance(value, int):
        return value + 1
    if isinstance(value, Days):
        return dataclasses.replace(value, count=value.count + 1)
    if isinstance(value, Percent):
        return Percent(value.value + 1)
    if isinstance(value, Text):
        return Text(value.zh + "〇", (value.en or "") + "〇" if value.en else None, value.path)
    if isinstance(value, tuple) and value and isinstance(value[0], Text):
        return (_nudged(value[0]), *value[1:])
    return None


def _given_terms(record: Record, only: frozenset[str] | None = None) -> Iterator[tuple[tuple[str, ...], Any]]:
    """The declared fields of a record that the spec writes (a default it repeats included), as
    (names down from record, value); a record inside it is walked into."""
    for field in dataclasses.fields(record):
        if field.name not in record.given or (only is not None and field.name not in only):
            continue  # derived fields are never given
        value = getattr(record, field.name)
        if isinstance(value, Record):
            for names, inner in _given_terms(value):
                yield (field.name, *names), inner
            continue
        if value is None or value is False or value == 0 or value == ():
            continue  # a term switched off (false, 0): that it prints nothing is what it says
        yield (field.name,), value


def _with(record: Record, names: tuple[str, ...], value: Any) -> Record:
    """record with the field at names (a path down its records) set to value."""
    name, *rest = names
    changes: dict[str, Any] = {name: value if not rest else _with(getattr(record, name), tuple(rest), value)}
    return dataclasses.replace(record, **changes)


def _where(record: Record, names: tuple[str, ...]) -> Any:
    """The spec path of the field at names below record."""
    for name in names[:-1]:
        record = getattr(record, name)
    return record.where(names[-1])


def _written(value: Any, texts: str) -> bool:
    """The spec's own clause texts state value (a number, a percentage, a text or each of a list)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, Days):
        value = value.count
    if isinstance(value, int):
        return re.search(rf"(?<![0-9]){value}(?![0-9])", texts) is not None
    if isinstance(value, Percent):
        return f"{plain_decimal(value.value)}%" in texts
    if isinstance(value, Text):
        return value.zh in texts
    if isinstance(value, tuple) and value and all(isinstance(v, Text) for v in value):
        return all(v.zh in texts for v in value)
    return False


def _without_article_changes(c: Contract) -> Contract:
    return dataclasses.replace(c, articles=None)


def zh_text(contract: Contract, options: CheckOptions) -> str | None:
    """The Chinese contract as plain text, or None when it does not render (other rules say why)."""
    from ..render.blocks import plain_text
    from ..render.compose import compose  # here: only the specs that need a render import these

    try:
        return plain_text(compose(contract, "zh", options.templates))
    except Exception:  # noqa: BLE001 - a contract that does not render is other rules' finding
        return None


@rule("terms.printed", reads=("articles", "service", "clauses", "liability"), blocking=False, severity=Severity.WARNING)
def _terms_printed(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """A term the spec sets still prints when the spec leaves out or replaces standard text."""
    if c.articles is None or not (c.articles.omit or c.articles.replace):
        return

    def text(contract: Contract) -> str | None:
        return zh_text(contract, options)

    this, standard = text(c), text(_without_article_changes(c))
    if this is None or standard is None:
        return
    written = "\n".join(text for _, text in spec_clause_texts(c))
    tried: list[tuple[Record, Callable[[Contract, Any], Contract], frozenset[str] | None]] = [
        (getattr(c, section), put, None) for section, put in _SECTIONS.items()
    ]
    tried.append((c, lambda _, contract: contract, _CONTRACT_TERMS))
    for record, put, only in tried:
        for names, value in _given_terms(record, only):
            nudged = _nudged(value)
            if nudged is None or _written(value, written):
                continue  # cannot be tried, or the spec's own text says it
            changed = put(c, _with(record, names, nudged))
            if text(changed) == this and text(_without_article_changes(changed)) != standard:
                yield Problem(
                    _where(record, names),
                    "the contract no longer prints this term: the standard text that printed it is left out "
                    "or replaced (articles:); write it into the new text, or remove it from the spec",
                )
