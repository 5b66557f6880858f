"""Tables in contract text: rows where unit × quantity (× months) should give the amount, and
columns that should add up to the total row.

Rows are aligned to the header from the right when they have fewer cells (a cell merged over
several rows is written only in its first row, and leading cells are the ones merged). An amount
merged over several rows (one supplier's subtotal) is checked against the sum of those rows; where
a mismatch could be such a merge that the text does not show, audit says nothing. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .audit_text import NUMBER, normalize

TOTAL_ROW = re.compile(r"^\s*(合计|总计|总额|费用总额|总价|价格合计|金额合计|Total)", re.IGNORECASE)
SUBTOTAL_ROW = re.compile(r"^\s*(小计|Subtotal)", re.IGNORECASE)
_AMOUNT_WORDS = ("金额", "合价", "总价", "小计", "价格", "费用", "价款", "Amount")
_NOT_AMOUNT = ("名称", "类别", "类型", "项目", "说明", "备注", "方式", "内容", "条件", "时间", "日期", "大写")
_NOT_SUMMED = (
    "比例",
    "占比",
    "%",
    "率",
    "折扣",
    "序号",
    "编号",
    "年",
    "日期",
    "电话",
    "期次",
    "单价",
    "百分比",
    "系数",
)


@dataclass(frozen=True)
class Row:
    """A table row as read: its cells, and for each cell whether it is merged with the rows below
    ('restart'), continues the merge from above ('continue'), or neither ('')."""

    unit: int
    cells: tuple[str, ...]
    merged: tuple[str, ...]


@dataclass(frozen=True)
class Columns:
    unit_price: int | None
    quantity: int | None
    months: int | None
    amount: int | None
    multipliers: dict[int, int]  # column -> 1, 10**4 (万元) …
    summable: frozenset[int]  # columns whose values may add up to a total row


@dataclass(frozen=True)
class TableIssue:
    """A row or total that does not add up: the row, the cell, and why."""

    rule: str
    unit: int
    column: int
    message: str
    severity: str = "error"


def cell_number(cell: str) -> Decimal | None:
    """The one number in a cell ('5000元/月' -> 5000); None for none, several, or a percentage."""
    text = normalize(cell).text
    numbers = list(NUMBER.finditer(text))
    if len(numbers) != 1 or "%" in text:
        return None
    digits = numbers[0].group(0).replace(",", "").replace("，", "")
    if len(digits) > 24:
        return None
    value = Decimal(digits)
    after = text[numbers[0].end() :]
    if after.startswith(("万元", "万")):
        value *= 10**4
    elif after.startswith(("亿元", "亿")):
        value *= 10**8
    return value


def _multiplier(header: str) -> int:
    if "亿元" in header:
        return 10**8
    if "万元" in header:
        return 10**4
    return 1


def columns(header: tuple[str, ...]) -> Columns:
    found: dict[str, int] = {}
    summable = set()
    multipliers = {}
    for index, cell in enumerate(header):
        text = cell.replace("\n", " ")
        multipliers[index] = _multiplier(text)
        if "大写" in text:
            continue
        if "单价" in text:
            found.setdefault("unit", index)
        elif "数量" in text or "工程量" in text:
            found.setdefault("quantity", index)
            summable.add(index)
        elif "月数" in text:
            found.setdefault("months", index)
        elif any(w in text for w in _AMOUNT_WORDS) and not any(w in text for w in _NOT_AMOUNT):
            found.setdefault("amount", index)
            summable.add(index)
        elif not any(w in text for w in _NOT_SUMMED):
            summable.add(index)
    return Columns(
        found.get("unit"),
        found.get("quantity"),
        found.get("months"),
        found.get("amount"),
        multipliers,
        frozenset(summable),
    )


def _header_index(rows: list[Row]) -> int | None:
    for index, row in enumerate(rows[:2]):
        header = columns(row.cells)
        if header.amount is not None or (header.unit_price is not None and header.quantity is not None):
            return index
    return None


def _aligned(row: Row, width: int) -> Row | None:
    """The row with its cells under the header's columns (shorter rows aligned from the right)."""
    if len(row.cells) == width:
        return row
    if len(row.cells) > width:
        return None
    pad = width - len(row.cells)
    return Row(row.unit, ("",) * pad + row.cells, ("continue",) * pad + row.merged)


def _is_total(row: Row) -> bool:
    label = next((c for c in row.cells if c.strip()), "")
    return bool(TOTAL_ROW.match(label))


def _is_subtotal(row: Row) -> bool:
    label = next((c for c in row.cells if c.strip()), "")
    return bool(SUBTOTAL_ROW.match(label))


def check_table(rows: list[Row]) -> tuple[list[TableIssue], dict[str, int]]:
    """Row products and column totals of one table."""
    counts = {"table_rows": 0, "column_totals": 0}
    header_at = _header_index(rows)
    if header_at is None:
        header_at = 0
    header = columns(rows[header_at].cells)
    width = len(rows[header_at].cells)
    body = [a for r in rows[header_at + 1 :] if (a := _aligned(r, width)) is not None]
    issues = _row_products(rows[header_at + 1 :], width, header, counts)
    issues += _column_totals(body, header, counts)
    return issues, counts


def _product(row: Row, header: Columns) -> Decimal | None:
    assert header.unit_price is not None and header.quantity is not None
    price = cell_number(row.cells[header.unit_price])
    quantity = cell_number(row.cells[header.quantity])
    if price is None or quantity is None or price * quantity == 0:
        return None
    product = price * header.multipliers[header.unit_price] * quantity
    if header.months is not None:
        months = cell_number(row.cells[header.months])
        if months is None:
            return None
        product *= months
    return product


def _row_products(rows: list[Row], width: int, header: Columns, counts: dict[str, int]) -> list[TableIssue]:
    if header.unit_price is None or header.quantity is None or header.amount is None:
        return []
    issues = []
    amount_col = header.amount
    for index, row in enumerate(rows):
        if len(row.cells) != width or _is_total(row) or _is_subtotal(row):
            continue
        product = _product(row, header)
        if product is None or row.merged[amount_col] == "continue":
            continue
        amount = cell_number(row.cells[amount_col])
        if amount is None:
            continue
        amount *= header.multipliers[amount_col]
        counts["table_rows"] += 1
        rows_covered = [row]
        if row.merged[amount_col] == "restart":
            # an amount merged over the rows below: the sum of their products
            for following in rows[index + 1 :]:
                if len(following.cells) != width or following.merged[amount_col] != "continue":
                    break
                rows_covered.append(following)
            products = [_product(r, header) for r in rows_covered]
            if any(p is None for p in products):
                continue
            product = sum((p for p in products if p is not None), Decimal(0))
        step = _step(row.cells[amount_col]) * header.multipliers[amount_col]
        if abs(product - amount) * 2 <= step:
            continue
        price_step = _step(row.cells[header.unit_price]) * header.multipliers[header.unit_price]
        quantity = cell_number(row.cells[header.quantity]) or Decimal(1)
        rounded_price = abs(product - amount) * 2 <= price_step * quantity * len(rows_covered)
        if header.months is None and row.merged[amount_col] != "restart":
            ratio = amount / product
            if ratio == ratio.to_integral_value() and 1 <= ratio <= 120:
                continue  # × a whole number of months not shown in a column
        following_rows = rows[index + 1 : index + 2]
        if following_rows and (len(following_rows[0].cells) < width or not following_rows[0].cells[amount_col].strip()):
            continue  # the amount may be merged over the rows below, as this text cannot show
        ratio = amount / product
        if header.multipliers[amount_col] == header.multipliers[header.unit_price] == 1 and _power_of_ten(ratio):
            continue  # units not given in the header: 元 against 万元 cannot be told
        shown = f" × {row.cells[header.months]}" if header.months is not None else ""
        what = (
            f"rows {len(rows_covered)} merged: sum of unit × quantity{shown}"
            if len(rows_covered) > 1
            else f"「{row.cells[header.unit_price]}」 × 「{row.cells[header.quantity]}」{shown}"
        )
        message = f"{what} = {_plain(product)}, but the amount cell 「{row.cells[amount_col]}」 says {_plain(amount)}"
        if rounded_price:
            message += " (the unit price may be rounded)"
        issues.append(TableIssue("table.row", row.unit, amount_col, message, "warning" if rounded_price else "error"))
    return issues


def _column_totals(body: list[Row], header: Columns, counts: dict[str, int]) -> list[TableIssue]:
    totals = [r for r in body if _is_total(r)]
    if not totals:
        return []
    total_row = totals[0]
    data = body[: body.index(total_row)]
    label_at = next(i for i, c in enumerate(total_row.cells) if c.strip())
    issues = []
    for column, cell in enumerate(total_row.cells):
        if column <= label_at or column not in header.summable:
            continue
        expected = cell_number(cell)
        if expected is None:
            continue
        plain = [cell_number(r.cells[column]) for r in data if not _is_subtotal(r)]
        present = [v for v in plain if v is not None]
        if len(present) < 2:
            continue
        counts["column_totals"] += 1
        subtotals = [v for r in data if _is_subtotal(r) and (v := cell_number(r.cells[column])) is not None]
        approx = any("约" in r.cells[column] for r in data)
        tolerance = Decimal("0.001") * len(present) if approx else Decimal(0)
        step = _step(cell)
        sums = [sum(present, Decimal(0))] + ([sum(subtotals, Decimal(0))] if subtotals else [])
        difference = min(abs(s - expected) for s in sums)
        if difference <= max(tolerance, step / 2):
            continue
        message = f"column {column + 1} sums to {_plain(sums[0])}, but the total row says 「{cell}」"
        if difference * 2 <= step * len(present):
            # each value rounded to the step shown: their sum may miss the rounded total by that much
            issues.append(TableIssue("table.total", total_row.unit, column, message + " (within rounding)", "warning"))
        else:
            issues.append(TableIssue("table.total", total_row.unit, column, message))
    return issues


def _step(cell: str) -> Decimal:
    """The precision a number in a cell is written to (0.01 for 1,234.56)."""
    m = NUMBER.search(normalize(cell).text)
    places = len(m.group(0).partition(".")[2]) if m else 0
    return Decimal(1) / Decimal(10) ** places if places else Decimal("0.01")


def _power_of_ten(ratio: Decimal) -> bool:
    return any(ratio == Decimal(10) ** k for k in (-8, -4, 4, 8))


def _plain(value: Decimal) -> str:
    return f"{value.normalize():,f}"
