"""Tables in contract text: rows where unit × quantity (× months) should give the amount, and
columns that should add up to the total row.

An amount merged over several rows (one supplier's subtotal: a .docx vertical merge, or in text
the rows below left empty) is checked against the sum of those rows. Where rows of a text table
have fewer cells than their header, the merged cells cannot be placed, and audit says nothing
rather than guess; a row with more cells than the total row has its leading cells merged over
the rows below, and is aligned from the right. A difference within the rounding of the figures
shown is a warning. Pure.
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
    """The one number in a cell ('5000元/月' -> 5000); None for none, several, or a percentage. A
    cell of lines that each hold the same one number is that number: a side-by-side contract's
    cell, its Chinese over its English ('3,000.00元/席/月' / 'RMB 3,000.00 per seat per month')."""
    whole = _one_number(cell)
    lines = [line for line in cell.split("\n") if line.strip()]
    if whole is not None or len(lines) < 2:
        return whole
    values = {_one_number(line) for line in lines}
    return values.pop() if len(values) == 1 else None


def _one_number(cell: str) -> Decimal | None:
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


def _is_total(row: Row) -> bool:
    label = next((c for c in row.cells if c.strip()), "")
    return bool(TOTAL_ROW.match(label))


def _is_subtotal(row: Row) -> bool:
    label = next((c for c in row.cells if c.strip()), "")
    return bool(SUBTOTAL_ROW.match(label))


def check_table(rows: list[Row]) -> tuple[list[TableIssue], dict[str, int]]:
    """Row products and column totals of one table."""
    counts = {"table_rows": 0, "column_totals": 0}
    header_at = _header_index(rows) or 0
    header = columns(rows[header_at].cells)
    body = rows[header_at + 1 :]
    issues = _row_products(body, len(rows[header_at].cells), header, counts)
    issues += _column_totals(body, rows[header_at].cells, header, counts)
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


def _merged_rows(rows: list[Row], index: int, width: int, column: int) -> tuple[list[Row], bool]:
    """The rows an amount cell covers, and whether the document says so (a .docx vertical merge)
    rather than audit inferring it (the rows below have the same cells and an empty amount)."""
    row = rows[index]
    covered = [row]
    explicit = row.merged[column] == "restart"
    for following in rows[index + 1 :]:
        if len(following.cells) != width or _is_total(following) or _is_subtotal(following):
            break
        if explicit and following.merged[column] != "continue":
            break
        if not explicit and (following.cells[column].strip() or following.merged[column] == "restart"):
            break
        covered.append(following)
    return covered, explicit


def _row_products(rows: list[Row], width: int, header: Columns, counts: dict[str, int]) -> list[TableIssue]:
    if header.unit_price is None or header.quantity is None or header.amount is None:
        return []
    issues = []
    column = header.amount
    for index, row in enumerate(rows):
        if len(row.cells) != width or _is_total(row) or _is_subtotal(row) or row.merged[column] == "continue":
            continue
        product = _product(row, header)
        amount = cell_number(row.cells[column])
        if product is None or amount is None:
            continue
        amount *= header.multipliers[column]
        counts["table_rows"] += 1
        step = _step(row.cells[column]) * header.multipliers[column]
        if abs(product - amount) * 2 <= step:
            continue
        covered, explicit = _merged_rows(rows, index, width, column)
        if len(covered) > 1:
            products = [_product(r, header) for r in covered]
            if any(p is None for p in products):
                continue
            product = sum((p for p in products if p is not None), Decimal(0))
            if abs(product - amount) * 2 <= step:
                continue  # one amount for the rows it is merged over: their sum
        elif header.months is None:
            ratio = amount / product
            if ratio == ratio.to_integral_value() and 1 <= ratio <= 120:
                continue  # × a whole number of months not shown in a column
        following = rows[index + 1 : index + 2]
        if len(covered) == 1 and following and len(following[0].cells) < width:
            continue  # the amount may be merged over the rows below, as this text cannot show
        ratio = amount / product
        if header.multipliers[column] == header.multipliers[header.unit_price] == 1 and _power_of_ten(ratio):
            continue  # units not given in the header: 元 against 万元 cannot be told
        price_step = _step(row.cells[header.unit_price]) * header.multipliers[header.unit_price]
        quantities = sum((cell_number(r.cells[header.quantity]) or Decimal(0) for r in covered), Decimal(0))
        rounded_price = abs(product - amount) * 2 <= price_step * quantities
        shown = f" × 「{row.cells[header.months]}」" if header.months is not None and len(covered) == 1 else ""
        what = (
            f"the {len(covered)} rows the amount covers: Σ unit × quantity"
            + (" × months" if header.months is not None else "")
            if len(covered) > 1
            else f"「{row.cells[header.unit_price]}」 × 「{row.cells[header.quantity]}」{shown}"
        )
        message = f"{what} = {_plain(product)}, but the amount cell 「{row.cells[column]}」 says {_plain(amount)}"
        severity = "error"
        if rounded_price:
            severity, message = "warning", message + " (the unit price may be rounded)"
        elif len(covered) > 1 and not explicit:
            severity, message = "warning", message + " (if the amount is merged over those rows)"
        issues.append(TableIssue("table.row", row.unit, column, message, severity))
    return issues


def _column_totals(
    body: list[Row], header_cells: tuple[str, ...], header: Columns, counts: dict[str, int]
) -> list[TableIssue]:
    """Columns against the first total row. Cells are matched to the total row's; a longer row
    has leading cells merged into the rows above it, so it is aligned from the right; a shorter
    one cannot be placed, and then the table is not summed."""
    totals = [r for r in body if _is_total(r)]
    if not totals:
        return []
    total_row = totals[0]
    width = len(total_row.cells)
    offset = len(header_cells) - width  # header columns the total row does not have (merged)
    data = [r for r in body[: body.index(total_row)]]
    if offset < 0 or any(len(r.cells) < width for r in data):
        return []
    data = [Row(r.unit, r.cells[len(r.cells) - width :], r.merged[len(r.merged) - width :]) for r in data]
    label_at = next(i for i, c in enumerate(total_row.cells) if c.strip())
    issues = []
    for column, cell in enumerate(total_row.cells):
        if column <= label_at or column + offset not in header.summable:
            continue
        expected = cell_number(cell)
        if expected is None:
            continue
        present = [v for r in data if not _is_subtotal(r) and (v := cell_number(r.cells[column])) is not None]
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
        message = f"column {column + offset + 1} sums to {_plain(sums[0])}, but the total row says 「{cell}」"
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
