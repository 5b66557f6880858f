"""The tables a template places with `@table NAME args`: the registry TABLES, name -> builder."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ..contract.compute import pay_at_score
from ..domain.money import plain_decimal
from ..errors import RenderError
from ..spec.model import FeeLine, Instalment, Share
from .blocks import TEXT_WIDTH_CM, Table
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


# --- Column widths from content ---------------------------------------------------------------------
# Widths are estimated from the text, in ems of the table font (10.5 pt): a Chinese character or a
# full-width sign is 1 em, Latin text about half. A column is at least as wide as its widest word (a
# header word, an amount, a date) and shares out the rest of the line in proportion to what its
# longest line would need; so no header breaks inside a word and narrow columns give way to text.
_EM_CM = 10.5 / 72 * 2.54
_CELL_PADDING_CM = 0.6  # LibreOffice's and Word's cell margins (0.19 cm each side) and the borders
_BOLD = 1.08  # header and total rows are bold
_WORD_EMS = 4  # a cell line this short is one word (第1期)
_SHORT_EMS = 8  # a cell line this short is kept whole while the line has room (约24.711%)
_NARROW_CM = 2.5  # a column this narrow (numbers, short codes) gets no more than it needs
# a run printed as one word: a Latin word or figure, a Chinese date, a bracketed （元） after a word
_WORD = re.compile(
    r"（?即?\d{4}年\d{1,2}月\d{1,2}日[前后内]?）?|\d{1,2}\u00a0[A-Za-z]+\u00a0\d{4}\)?|[^\s\u2e80-\uffef]+|（[^（）]{1,3}）|[\u2e80-\uffef]"
)
_HEADER_WORD = re.compile(r"[^\s（(]+|[（(][^）)]*[）)]")


def _ems(text: str) -> float:
    def width(ch: str) -> float:
        if unicodedata.east_asian_width(ch) in "WF":
            return 1.0
        if ch.isupper() or ch in "%@&":
            return 0.7
        if ch in " .,:;'!|ilj()[]":
            return 0.3
        return 0.5

    # Word and LibreOffice put a quarter-em space between Chinese and Latin text or digits (第 1 期)
    wide = [unicodedata.east_asian_width(ch) in "WF" for ch in text]
    spaces = sum(a != b for a, b in zip(wide, wide[1:], strict=False))
    return sum(width(ch) for ch in text) + 0.25 * spaces


def _word_ems(word: str, is_header: bool) -> float:
    """The width a word needs unbroken; a header word as long as a short line (超出部分核算标准) may
    break once, over two lines."""
    ems = _ems(word)
    return math.ceil(ems / 2) if is_header and ems >= _SHORT_EMS else ems


def _cm(ems: float, bold: bool = False) -> float:
    return ems * _EM_CM * (_BOLD if bold else 1) + _CELL_PADDING_CM


def fit_widths(
    header: tuple[str, ...] | None, rows: tuple[tuple[str, ...], ...], total_rows: int = 0
) -> tuple[float, ...]:
    """Column widths (cm, adding up to TEXT_WIDTH_CM) for cells of these texts.

    Each column gets, while the line has room, in turn: its widest header word or figure (an amount, a
    date: never broken), its widest word, its short lines whole (第1期, 约24.711%), its longest line;
    what a step cannot give in full it shares out in proportion to what each column lacks. Room left
    at the end goes to the columns of longer text."""
    columns = len(header) if header else len(rows[0])
    # widest header word or figure, widest word, short lines whole, longest line
    steps = [[0.0] * columns for _ in range(4)]
    cells: list[tuple[int, str, bool, bool]] = [(c, text, True, True) for c, text in enumerate(header or ())]
    for r, row in enumerate(rows):
        total = r >= len(rows) - total_rows
        for c, text in enumerate(row):
            if total and c == 0 and c + 1 < columns and not row[c + 1]:
                continue  # a total row's label spans the empty cells after it
            cells.append((c, text, False, total))
    for c, text, is_header, bold in cells:
        for line in text.split("\n"):
            ems = _ems(line)
            words = [line] if ems <= _WORD_EMS else (_HEADER_WORD if is_header else _WORD).findall(line)
            firm = [w for w in words if is_header or any(ch.isdigit() for ch in w)]
            steps[0][c] = max(steps[0][c], *(_cm(_word_ems(w, is_header), bold) for w in firm), 0.0)
            steps[1][c] = max(steps[1][c], *(_cm(_word_ems(w, is_header), bold) for w in words), 0.0)
            steps[2][c] = max(steps[2][c], _cm(ems if ems <= _SHORT_EMS else 0.0, bold))
            steps[3][c] = max(steps[3][c], _cm(ems, bold))
    widths = [0.0] * columns
    for step in steps:
        lack = [max(0.0, s - w) for s, w in zip(step, widths, strict=True)]
        room = TEXT_WIDTH_CM - sum(widths)
        share = 1.0 if sum(lack) <= room else max(room, 0.0) / sum(lack)
        widths = [w + x * share for w, x in zip(widths, lack, strict=True)]
        if share < 1:
            break
    if sum(widths) > TEXT_WIDTH_CM:  # the widest words alone overfill the line: they must break
        widths = [w * TEXT_WIDTH_CM / sum(widths) for w in widths]
    room = TEXT_WIDTH_CM - sum(widths)
    if room > 0:  # the rest goes to the columns of longer text
        wide = [w if w > _NARROW_CM else 0.0 for w in widths] if max(widths) > _NARROW_CM else widths
        widths = [w + x * room / sum(wide) for w, x in zip(widths, wide, strict=True)]
    rounded = [round(w, 2) for w in widths[:-1]]
    return (*rounded, round(TEXT_WIDTH_CM - sum(rounded) - 0.01, 2))  # 0.01 short: never over the line


def _table(
    r: Renderer,
    header: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    align: tuple[str, ...],
    total_rows: int = 0,
) -> Table:
    """A table whose columns fit their content; a column holding only "—" or nothing is left out."""
    body = rows[: len(rows) - total_rows]
    placeholders = {"", r.words.fixed("not_applicable")}
    keep = [c for c in range(len(header)) if not body or any(row[c] not in placeholders for row in body)]

    def kept(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(values[c] for c in keep)

    header, rows = kept(header), tuple(kept(row) for row in rows)
    return Table(header, rows, fit_widths(header, rows, total_rows), kept(align), total_rows=total_rows)


def _date_on_its_own_line(text: str, date: str) -> str:
    """A cell's text with the phrase holding the date (（即…前）, (that is, on or before …)) starting a
    line, and the date's own spaces no-break spaces (28 January 2023), so the date stays whole."""
    at = text.find(date)
    start = max(text.rfind("（", 0, at), text.rfind("(", 0, at))
    if at < 0:
        return text
    text = text[:at] + date.replace(" ", "\u00a0") + text[at + len(date) :]
    return text[:start].rstrip() + "\n" + text[start:] if start > 0 else text


def _headers(r: Renderer, name: str) -> tuple[str, ...]:
    return tuple(r.words.headers(name).values())


_FEE_ALIGN = {"number": "center", "item": "left", "unit": "center", "remarks": "left", "overage": "left"}


def fee_schedule(r: Renderer) -> Table:
    """The fee lines in the columns the contract prints (Contract.fee_schedule_columns); a unit
    without a column of its own follows the unit price (3,000.00元/席/月), an overage without one the note."""
    w, columns = r.words, r.contract.fee_schedule_columns
    none = w.fixed("not_applicable")
    unit_own, overage_own = "unit" in columns, "overage" in columns

    def price(line: FeeLine) -> str:
        if line.unit_price is None:
            return none  # a lump sum: its amount only
        if line.unit is None or unit_own:
            return line.unit_price.digits
        return w.per_unit(line.unit_price, w.text(line.unit))

    def cells(line: FeeLine) -> dict[str, str]:
        return {
            "number": str(line.number),
            "item": w.text(line.item),
            "unit_price": price(line),
            "unit": w.text(line.unit) if line.unit else none,
            "quantity": plain_decimal(line.quantity) if line.quantity is not None else none,
            "months": plain_decimal(line.months) if line.months != 1 else none,  # as the clause: no "× 1"
            "amount": line.amount.digits,
            "remarks": w.join([w.text(t) for t in (line.note, None if overage_own else line.overage) if t]),
            "overage": w.text(line.overage) if line.overage else none,
        }

    rows = tuple(tuple(cells(line)[c] for c in columns) for line in r.contract.fee_lines)
    total = tuple(
        w.fixed("total_row") if n == 0 else r.contract.total.digits if c == "amount" else ""
        for n, c in enumerate(columns)
    )
    headers = w.headers("fee_schedule")
    return _table(
        r,
        tuple(headers[c] for c in columns),
        rows + (total,),
        tuple(_FEE_ALIGN.get(c, "right") for c in columns),
        total_rows=1,
    )


def payment_schedule(r: Renderer) -> Table:
    w = r.words

    def row(i: Instalment) -> tuple[str, ...]:
        name = w.instalment(i.number) + (f"\n{w.text(i.name)}" if i.name else "")  # a second line in the cell
        due = unmark(r.due(i.due))
        if i.due.printed_date:
            due = _date_on_its_own_line(due, w.date(i.due.printed_date))
        terms = unmark(r.instalment_terms(i))  # as the clause says it: the assessment, the 定金 credited
        if terms:
            due += "\n" + terms
        share = w.fixed("not_applicable") if i.share == Share.NONE else w.pct(i.percent)  # as the clause prints it
        return (name, due, share, i.amount.digits, w.words(i.amount))

    rows = tuple(row(i) for i in r.contract.instalments)
    # no share printed for any instalment: none for the total either, and the column is left out
    no_shares = all(i.share == Share.NONE for i in r.contract.instalments)
    whole = w.fixed("not_applicable") if no_shares else w.whole_percent()
    total = (w.fixed("total_row"), "", whole, r.contract.total.digits, w.words(r.contract.total))
    return _table(
        r,
        _headers(r, "payment_schedule"),
        rows + (total,),
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
        return _table(
            r,
            headers,
            tuple(rows) + (total,),
            ("center", "left", "left", "left", "center", "right"),
            total_rows=1,
        )
    return _table(  # without points: no points column and no total row
        r, headers[:5], tuple(row[:5] for row in rows), ("center", "left", "left", "left", "center")
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
    return _table(r, _headers(r, "score_bands"), rows, ("left", "right", "right"))


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
    return _table(r, _headers(r, "score_pays"), tuple(rows), ("left", "right"))


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
    return _table(r, _headers(r, "service_levels"), rows, ("left", "left", "left", "center"))


def scope(r: Renderer) -> Table:
    w = r.words
    rows = tuple((str(n), w.text(s.title), w.text(s.text)) for n, s in enumerate(r.contract.service.scope, start=1))
    return _table(r, _headers(r, "scope"), rows, ("center", "left", "left"))


def documents(r: Renderer) -> Table:
    rows = tuple((str(n), r.words.text(d)) for n, d in enumerate(r.contract.documents, start=1))
    return _table(r, _headers(r, "documents"), rows, ("center", "left"))


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
