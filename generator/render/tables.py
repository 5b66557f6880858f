"""The tables a template places with `@table NAME args`: the registry TABLES, name -> builder."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ..contract.compute import pay_at_score
from ..domain.money import plain_decimal
from ..errors import RenderError
from ..spec.model import Instalment
from .blocks import Table
from .markup import unmark

if TYPE_CHECKING:
    from .renderer import Renderer


@dataclass(frozen=True)
class TableKind:
    """A table builder and the arguments it takes after its name (`@table bands 2`: instalment)."""

    build: Callable[..., Table]
    args: tuple[str, ...] = ()


def build_table(r: Renderer, name: str, args: list[str]) -> Table:
    """The table `@table name args` in the template r is rendering."""
    kind = TABLES.get(name)
    if kind is None:
        raise RenderError(f"{r.current}: unknown table {name!r} (known: {', '.join(sorted(TABLES))})")
    if len(args) != len(kind.args):
        wanted = " ".join(f"<{a}>" for a in kind.args)
        raise RenderError(
            f"{r.current}: @table {name} takes {len(kind.args)} argument(s): @table {name} {wanted}".rstrip()
        )
    return kind.build(r, *args)


def _headers(r: Renderer, name: str) -> tuple[str, ...]:
    return r.templates.labels.texts(f"tables.{name}", r.lang)


def fee_schedule(r: Renderer) -> Table:
    w = r.words
    rows = tuple(
        (
            str(line.number),
            w.text(line.item),
            line.unit_price.digits,
            w.text(line.unit),
            plain_decimal(line.quantity),
            plain_decimal(line.months),
            line.amount.digits,
            w.join([w.text(t) for t in (line.note, line.overage) if t]),
        )
        for line in r.contract.fee_lines
    )
    total = (w.fixed("total_row"), "", "", "", "", "", r.contract.total.digits, "")
    return Table(
        _headers(r, "fee_schedule"),
        rows + (total,),
        (0.9, 2.9, 2.2, 2.2, 1.0, 1.3, 2.7, 2.7),
        ("center", "left", "right", "center", "right", "right", "right", "left"),
        total_rows=1,
    )


def payment_schedule(r: Renderer) -> Table:
    w = r.words

    def row(i: Instalment) -> tuple[str, ...]:
        name = w.instalment(i.number) + (f"\n{w.text(i.name)}" if i.name else "")  # a second line in the cell
        return (name, unmark(r.due(i.due)), w.pct(i.percent), i.amount.digits, w.words(i.amount))

    rows = tuple(row(i) for i in r.contract.instalments)
    total = (w.fixed("total_row"), "", w.whole_percent(), r.contract.total.digits, w.words(r.contract.total))
    return Table(
        _headers(r, "payment_schedule"),
        rows + (total,),
        (2.3, 4.0, 2.4, 2.9, 4.3),
        ("center", "left", "right", "right", "left"),
        total_rows=1,
    )


def kpis(r: Renderer) -> Table:
    w = r.words
    assessment = r.contract.assessment
    if assessment is None:
        raise RenderError(f"{r.current}: @table kpis: the contract has no assessment")
    headers = _headers(r, "kpis")
    not_applicable = w.fixed("not_applicable")
    rows = [
        (
            str(k.number),
            w.text(k.indicator),
            w.text(k.definition),
            w.text(k.target) if k.target else not_applicable,
            w.label("frequency", k.frequency) if k.frequency else not_applicable,
            plain_decimal(k.weight) if k.weight is not None else "",
        )
        for k in assessment.kpis
    ]
    if assessment.weighted:
        total = (w.fixed("total_row"), "", "", "", "", plain_decimal(assessment.full_score))
        return Table(
            headers,
            tuple(rows) + (total,),
            (1.0, 2.6, 7.3, 2.2, 1.5, 1.3),
            ("center", "left", "left", "left", "center", "right"),
            total_rows=1,
        )
    return Table(  # without points: no points column and no total row
        headers[:5],
        tuple(row[:5] for row in rows),
        (1.0, 2.8, 7.7, 2.6, 1.8),
        ("center", "left", "left", "left", "center"),
    )


def _instalment(r: Renderer, table: str, number: str) -> Instalment:
    instalments = r.contract.instalments
    if not number.isdigit() or not 1 <= int(number) <= len(instalments):
        raise RenderError(f"{r.current}: @table {table} {number}: no instalment {number}")
    return instalments[int(number) - 1]


def bands(r: Renderer, number: str) -> Table:
    instalment = _instalment(r, "bands", number)
    w = r.words
    rows = tuple(
        (w.score_range(b.min_score, b.max_score), w.pct(b.pay_percent), b.pays.digits) for b in instalment.bands
    )
    return Table(_headers(r, "score_bands"), rows, (6.3, 4.0, 5.6), ("left", "right", "right"))


def score_pays(r: Renderer, number: str) -> Table:
    """What a pro-rata or coefficient instalment pays at each whole score between its thresholds."""
    instalment = _instalment(r, "score_pays", number)
    rule = instalment.linear or instalment.coefficient
    if rule is None:
        raise RenderError(f"{r.current}: @table score_pays {number}: instalment {number} is not paid pro rata")
    low, high = (rule.zero_score, rule.full_score) if instalment.linear else (rule.zero_below, rule.full_from)  # type: ignore[union-attr]
    full = r.contract.assessment.full_score if r.contract.assessment else Decimal(100)
    w = r.words
    rows = [(w.score_range(Decimal(0), low), pay_at_score(instalment, low - 1, full).digits)]
    score = math.ceil(low)
    while score < high:
        rows.append((plain_decimal(Decimal(score)), pay_at_score(instalment, Decimal(score), full).digits))
        score += 1
    rows.append((w.score_range(high, None), pay_at_score(instalment, high, full).digits))
    return Table(_headers(r, "score_pays"), tuple(rows), (7.9, 8.0), ("left", "right"))


def service_levels(r: Renderer) -> Table:
    w = r.words
    rows = tuple(
        (
            w.text(s.level),
            w.text(s.definition),
            w.text(s.response),
            w.minutes(s.restore_minutes) if s.restore_minutes else w.fixed("not_applicable"),
        )
        for s in r.contract.service_levels
    )
    return Table(_headers(r, "service_levels"), rows, (3.0, 5.6, 5.3, 2.0), ("left", "left", "left", "center"))


def scope(r: Renderer) -> Table:
    w = r.words
    rows = tuple((str(n), w.text(s.title), w.text(s.text)) for n, s in enumerate(r.contract.service.scope, start=1))
    return Table(_headers(r, "scope"), rows, (1.2, 3.5, 11.2), ("center", "left", "left"))


def documents(r: Renderer) -> Table:
    rows = tuple((str(n), r.words.text(d)) for n, d in enumerate(r.contract.documents, start=1))
    return Table(_headers(r, "documents"), rows, (1.5, 14.4), ("center", "left"))


TABLES: dict[str, TableKind] = {
    "fee_schedule": TableKind(fee_schedule),
    "payment_schedule": TableKind(payment_schedule),
    "kpis": TableKind(kpis),
    "bands": TableKind(bands, ("instalment",)),
    "score_pays": TableKind(score_pays, ("instalment",)),
    "service_levels": TableKind(service_levels),
    "scope": TableKind(scope),
    "documents": TableKind(documents),
}
