"""The rules on the form a spec gives its contract outside the clauses: its own words for labels
(output.labels), the columns of the fee schedule (output.fee_columns) and what the cover page
shows (output.cover_parties, output.cover_date). All blocking: a spec that asks for a form the
contract cannot take is refused, with where and why."""

from __future__ import annotations

from collections.abc import Iterator

from ..domain.money import plain_decimal
from ..errors import Problem
from ..render.labels import override_key_problem, override_text_problems
from ..spec.model import Annex, Contract, FeeColumn
from .registry import CheckOptions, rule


@rule("output.labels", reads=("output",))
def _own_labels(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """Each label the spec rewords is one labels.yaml has and a spec may reword, once, and its words
    keep exactly the entry's {placeholders} in each language given."""
    seen: set[str] = set()
    for own in c.labels:
        problem = override_key_problem(own.key)
        if problem is not None:
            yield Problem(own.where("key"), problem)
            continue
        if own.key in seen:
            yield Problem(own.where("key"), f"the label {own.key!r} is reworded twice")
        seen.add(own.key)
        texts = {"zh": own.text.zh}
        if own.text.en is not None and own.text.en != own.text.zh:
            texts["en"] = own.text.en
        for lang, text in texts.items():
            for message in override_text_problems(own.key, text):
                yield Problem(own.where("text"), f"{lang}: {message}" if len(texts) > 1 else message)


@rule("output.fee-columns", reads=("output", "price", "annexes"))
def _fee_columns(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """The fee schedule's chosen columns make a table that reads and adds up: each column once, the
    item and the amount, a first column for the total row's label, the quantity and months by which
    a unit price makes its amount, and a place for every note and overage a line gives."""
    if not c.fee_columns:
        return
    where = c.where("fee_columns")
    chosen = [FeeColumn(column) for column in c.fee_columns]
    if Annex.FEE_SCHEDULE not in c.annexes:
        yield Problem(where, "the contract has no fee schedule: annexes: does not list fee_schedule")
        return
    twice = sorted({column.value for column in chosen if chosen.count(column) > 1})
    if twice:
        yield Problem(where, f"lists {', '.join(twice)} more than once")
    for needed in (FeeColumn.ITEM, FeeColumn.AMOUNT):
        if needed not in chosen:
            yield Problem(where, f"the fee schedule needs the {needed.value} column")
    if chosen[0] not in (FeeColumn.NUMBER, FeeColumn.ITEM):
        yield Problem(where, "the first column is number or item (the total row's label stands in it)")
    priced = [line for line in c.fee_lines if line.unit_price is not None]
    if priced and FeeColumn.UNIT_PRICE in chosen:
        if FeeColumn.QUANTITY not in chosen:
            line = priced[0]
            yield Problem(
                where,
                f"line {line.number} is a unit price times a quantity: without the quantity column the table "
                "does not show how its amount is reached",
            )
        months = next((line for line in priced if line.months != 1), None)
        if months is not None and FeeColumn.MONTHS not in chosen:
            yield Problem(
                where,
                f"line {months.number} runs for {plain_decimal(months.months)} months: without the months column the table "
                "does not show how its amount is reached",
            )
    for line in c.fee_lines:
        if line.note is not None and FeeColumn.REMARKS not in chosen:
            yield Problem(where, f"line {line.number} has a note, which only the remarks column prints")
        if line.overage is not None and not {FeeColumn.REMARKS, FeeColumn.OVERAGE} & set(chosen):
            yield Problem(where, f"line {line.number} has an overage charge: list the overage or remarks column")


@rule("output.cover", reads=("output",))
def _cover(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """What the cover page shows is said only of a contract that has one."""
    if c.cover:
        return
    for name in ("cover_parties", "cover_date"):
        if name in c.given:
            yield Problem(c.where(name), "the contract has no cover page (output.cover is false)")
