"""Auditing contract text written by anyone (.docx or .txt): do its amounts add up?

Reads the text as units (paragraphs, lines, table rows) and checks: 大写 forms (PBOC 《正确填写票据和结算凭证的基本规定》),
figures against the 大写 beside them, "合同总价的N%，即X元" against the total, instalment lists,
table rows (unit × quantity × months) and column totals, and counterparts. Pure apart from
read_units, which reads the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..domain.money import AmountError, format_yuan, read_rmb_words, rmb_words_problems, round_fen
from ..errors import InputError
from ..files import read_bytes
from ..word.reader import DocxTable, read_docx

CAPITAL_RUN = re.compile("[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆角分整正千百十一二两三四五六七八九〇毛另貳參陸萬億圓]+")
_CAPITAL_DIGITS = set("壹贰叁肆伍陆柒捌玖貳參陸")
FIGURE = re.compile(
    r"(?P<cur>¥|￥|人民币|RMB)?\s*[【\[]?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"\s*[】\]]?\s*(?P<unit>万元|元)?"
)
PERCENT = re.compile(r"(?P<approx>约)?(?P<num>\d+(?:\.\d+)?)\s*[%％]")
TOTAL_KEYWORDS = (
    "合同价款总额",
    "合同总金额",
    "协议总金额",
    "合同总价",
    "合同总额",
    "总金额",
    "合同价款",
    "合同金额",
    "总价",
)
PAYMENT_WORDS = ("支付", "付款")
NOT_INSTALMENT_WORDS = ("保证金", "违约金", "扣", "赔偿", "罚")
COUNT = "零一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾\\d"
COUNTERPARTS = re.compile(f"一式\\s*[【\\[]?\\s*([{COUNT}]+)\\s*[】\\]]?\\s*份(?P<rest>[^。]*)")
COPIES = re.compile(f"[【\\[]?\\s*([{COUNT}]+)\\s*[】\\]]?\\s*份")
FIGURE_LIMIT = Decimal(10) ** 15
TOTAL_ROW = re.compile(r"^\s*(合计|总计|总额|费用总额|总价|Total)")


@dataclass(frozen=True)
class Unit:
    """A paragraph, a line, or a table row (cells kept), with where it is."""

    where: str
    text: str
    table: int | None = None
    cells: tuple[str, ...] = ()


@dataclass(frozen=True)
class AuditFinding:
    """One finding of audit: the rule, how it counts, where in the text, the text itself, and why."""

    rule: str
    severity: str  # 'error' | 'warning'
    where: str
    snippet: str
    message: str


@dataclass(frozen=True)
class Figure:
    value: Decimal
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class PercentStatement:
    """'合同总价的60%，即X元': a percentage of the total, with the figure stated for it (if any)."""

    unit: Unit
    start: int
    end: int
    percent: Decimal
    approx: bool  # written 约N%
    times: int  # '第二、三、四季度分别…20%' states it for 3 instalments
    figure: Figure | None
    is_payment: bool


@dataclass
class AuditReport:
    file: str
    total: Decimal | None
    findings: list[AuditFinding] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")


# --- reading ----------------------------------------------------------------------------------


def _docx_units(raw: bytes, path: Path) -> list[Unit]:
    """Paragraphs and table rows of a .docx; borderless (layout) tables read as paragraphs."""
    units: list[Unit] = []
    paragraph = 0
    for block in read_docx(raw, str(path)):
        if isinstance(block, DocxTable) and not block.layout:
            for row_number, cells in enumerate(block.rows, start=1):
                units.append(Unit(f"table {block.number}, row {row_number}", " | ".join(cells), block.number, cells))
            continue
        texts = block.paragraphs if isinstance(block, DocxTable) else (block.text,)
        for text in texts:
            paragraph += 1
            where = f"paragraph {paragraph}" + (f" (table {block.number})" if isinstance(block, DocxTable) else "")
            units.append(Unit(where, text))
    return units


def read_units(path: Path) -> list[Unit]:
    """Paragraphs and table rows of a .docx, or lines of a .txt (tab-separated lines are rows)."""
    raw = read_bytes(path)
    if path.suffix.lower() == ".docx":
        return _docx_units(raw, path)
    try:
        return text_units(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not UTF-8 text (save it as UTF-8, or give the .docx)") from e


def text_units(text: str) -> list[Unit]:
    units: list[Unit] = []
    table = 0
    in_table = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if "\t" in line:
            if not in_table:
                table += 1
                in_table = True
            cells = tuple(c.strip() for c in line.split("\t"))
            units.append(Unit(f"line {number} (table {table})", " | ".join(cells), table, cells))
        else:
            in_table = False
            units.append(Unit(f"line {number}", line.strip()))
    return units


# --- pieces of text -----------------------------------------------------------------------------


def figures(text: str) -> list[Figure]:
    """Money figures: a number with ¥/人民币 before it or 元/万元 after it."""
    found = []
    for m in FIGURE.finditer(text):
        if not (m.group("cur") or m.group("unit")):
            continue
        if text[m.end() : m.end() + 1] in ("%", "％"):
            continue
        try:
            value = Decimal(m.group("num").replace(",", ""))
        except InvalidOperation:
            continue
        if m.group("unit") == "万元":
            value *= 10000
        if not _plausible(value):
            continue
        found.append(Figure(value, m.start(), m.end(), m.group(0).strip()))
    return found


def _trim_capital(start: int, run: str) -> tuple[int, str]:
    """The amount inside a run: it cannot start with a unit, and it ends at 整/正 or 分 (else at
    its last 角/元), so '伍万元整一次性' is read as 伍万元整."""
    while run and run[0] in "元圆角分整正万亿":
        start, run = start + 1, run[1:]
    for enders in ("整正分", "角", "元圆"):
        cut = max(run.rfind(ch) for ch in enders)
        if cut >= 0:
            return start, run[: cut + 1]
    return start, run


def capitals(text: str) -> list[tuple[int, int, str]]:
    """大写 amounts: runs of capital characters with a digit and 元/角/分 (or after 大写)."""
    found = []
    for m in CAPITAL_RUN.finditer(text):
        start, run = _trim_capital(m.start(), m.group(0))
        if read_rmb_words(run) >= FIGURE_LIMIT:
            continue  # not a sum of money anyone writes (nonsense such as 亿亿亿)
        after_label = "大写" in text[max(0, start - 6) : start]
        if not any(u in run for u in "元圆角分"):
            continue
        if not (set(run) & _CAPITAL_DIGITS or after_label or run == "零元整"):
            continue
        found.append((start, start + len(run), run))
    return found


def _snippet(text: str, start: int, end: int) -> str:
    a, b = max(0, start - 12), min(len(text), end + 12)
    return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")


def _plausible(value: Decimal) -> bool:
    """Below 10^15 with at most 6 decimals: a sum of money or a quantity, not a digit string."""
    return value < FIGURE_LIMIT and value == value.quantize(Decimal("0.000001"))


def _cell_number(cell: str) -> Decimal | None:
    m = re.search(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", cell)
    if not m:
        return None
    value = Decimal(m.group(0).replace(",", ""))
    return value if _plausible(value) else None


def _count(text: str) -> int:
    """'捌' / '八' / '【8】' / '12' as an integer."""
    return int(read_rmb_words(text.strip("【】[] ") + "元")) if not text.isdigit() else int(text)


# --- the audit ------------------------------------------------------------------------------


class _Auditor:
    def __init__(self, units: list[Unit], file: str):
        self.units = units
        self.report = AuditReport(file, None)
        self.counts = self.report.counts

    def add(self, rule: str, severity: str, unit: Unit, start: int, end: int, message: str) -> None:
        self.report.findings.append(AuditFinding(rule, severity, unit.where, _snippet(unit.text, start, end), message))

    def bump(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1

    def run(self) -> AuditReport:
        self.report.total = self.find_total()
        headers = self.table_headers()
        for unit in self.units:
            self.capitals_and_pairs(unit, headers.get(unit.table) if unit.table else None)
            self.counterparts(unit)
        self.percent_statements()
        self.tables(headers)
        return self.report

    def find_total(self) -> Decimal | None:
        """The first figure after a total keyword, preferring one confirmed by the 大写 beside it."""
        first: Decimal | None = None
        for unit in self.units:
            if unit.table is not None:
                continue
            starts = [i for i in (unit.text.find(k) for k in TOTAL_KEYWORDS) if i >= 0]
            if not starts:
                continue
            capitals_here = capitals(unit.text)
            for fig in (f for f in figures(unit.text) if f.start >= min(starts) and f.value > 0):
                first = first if first is not None else round_fen(fig.value)
                confirmed = any(
                    0 <= start - fig.end <= 40 and read_rmb_words(run) == round_fen(fig.value)
                    for start, _, run in capitals_here
                )
                if confirmed:
                    return round_fen(fig.value)
        return first

    # 大写 forms, and the figures they stand with
    def capitals_and_pairs(self, unit: Unit, header: dict[str, int] | None) -> None:
        text = unit.text
        row_figures = figures(text)
        if header and unit.cells and "amount" in header and header["amount"] < len(unit.cells):
            value = _cell_number(unit.cells[header["amount"]])
            if value is not None:
                offset = text.find(unit.cells[header["amount"]])
                row_figures.append(
                    Figure(value, offset, offset + len(unit.cells[header["amount"]]), unit.cells[header["amount"]])
                )
        for start, end, run in capitals(text):
            self.bump("capitals")
            value, problems = rmb_words_problems(run)
            for problem in problems:
                self.add("capital.form", "error", unit, start, end, f"大写 {run}: {problem}")
            before = [f for f in row_figures if f.end <= start and start - f.end <= 40]
            after = [f for f in row_figures if f.start >= end and f.start - end <= 20]
            partner = before[-1] if before else (after[0] if after else None)
            if partner is None:
                continue
            self.bump("pairs")
            if round_fen(partner.value) != value:
                self.add(
                    "capital.figure",
                    "error",
                    unit,
                    partner.start,
                    end,
                    f"the figure {partner.text} ({format_yuan(round_fen(partner.value))}) and the 大写 {run} "
                    f"({format_yuan(value)}) disagree",
                )

    # "合同总价的60%，即人民币589200元"
    def find_percent_statements(self) -> list[PercentStatement]:
        statements = []
        for unit in self.units:
            if unit.table is not None:
                continue
            text = unit.text
            previous_end = 0
            for m in PERCENT.finditer(text):
                lead = text[max(0, m.start() - 14) : m.start()]
                if any(k in lead for k in TOTAL_KEYWORDS) and Decimal(m.group("num")) <= 1000:
                    span = text[previous_end : m.start()]
                    next_pct = PERCENT.search(text, m.end())
                    limit = min(m.end() + 40, next_pct.start() if next_pct else len(text))
                    fig = next((f for f in figures(text) if m.end() <= f.start < limit), None)
                    clause = text[max(0, m.start() - 40) : (fig.end if fig else m.end()) + 4]
                    statements.append(
                        PercentStatement(
                            unit,
                            m.start(),
                            m.end(),
                            Decimal(m.group("num")),
                            bool(m.group("approx")),
                            span.count("、") + 1 if "分别" in span else 1,
                            fig,
                            any(w in clause for w in PAYMENT_WORDS)
                            and not any(w in clause for w in NOT_INSTALMENT_WORDS),
                        )
                    )
                previous_end = m.end()
        return statements

    def percent_statements(self) -> None:
        total = self.report.total
        statements = self.find_percent_statements()
        self.counts["percent_statements"] = len(statements)
        if total is None:
            if statements:
                first = statements[0]
                self.add(
                    "total.missing",
                    "warning",
                    first.unit,
                    first.start,
                    first.end,
                    "percentages of the total, but no total found",
                )
            return
        instalments = self.instalment_figures()
        amount_sum = sum((f.value for _, f in instalments), Decimal(0))
        for statement in statements:
            self.percent_statement(
                statement, total, instalments, remainder_ok=len(instalments) >= 2 and amount_sum == total
            )
        payment = [s for s in statements if s.is_payment]
        # every instalment given by percentage: the percentages must make 100%
        if payment and (not instalments or len(instalments) == sum(s.times for s in payment)):
            pct_sum = sum((s.percent * s.times for s in payment), Decimal(0))
            tolerance = Decimal("0.001") * len(payment) if any(s.approx for s in payment) else Decimal(0)
            if abs(pct_sum - 100) > tolerance:
                first = payment[0]
                self.add(
                    "instalments.percent",
                    "error",
                    first.unit,
                    first.start,
                    first.end,
                    f"instalment percentages sum to {pct_sum}%, not 100%",
                )
        if len(instalments) >= 2:
            self.counts["instalments"] = len(instalments)
            if amount_sum != total:
                unit, fig = instalments[0]
                self.add(
                    "instalments.sum",
                    "error",
                    unit,
                    fig.start,
                    fig.end,
                    f"the {len(instalments)} instalments sum to {format_yuan(amount_sum)}, not the total {format_yuan(total)}",
                )

    def percent_statement(
        self, s: PercentStatement, total: Decimal, instalments: list[tuple[Unit, Figure]], remainder_ok: bool
    ) -> None:
        share = total * s.percent / 100
        if s.figure is None:
            if share != share.quantize(Decimal("0.01")):
                self.add(
                    "percent.fen",
                    "warning",
                    s.unit,
                    s.start,
                    s.end,
                    f"{s.percent}% of the total {format_yuan(total)} is {share.normalize():f}, not a whole 分; "
                    "state the amount or the rounding rule",
                )
            return
        stated = s.figure.value
        true = stated * 100 / total
        if s.approx:
            exponent = s.percent.as_tuple().exponent
            places = -exponent if isinstance(exponent, int) else 0
            if abs(true - s.percent) <= Decimal(5) / Decimal(10) ** (places + 1):
                return
        elif round_fen(share) == stated:
            return
        is_last = bool(instalments) and instalments[-1] == (s.unit, s.figure)
        if remainder_ok and is_last and abs(round_fen(share) - stated) <= Decimal("0.01") * len(instalments):
            return  # the last instalment takes the rounding remainder
        self.add(
            "percent.amount",
            "error",
            s.unit,
            s.start,
            s.figure.end,
            f"{s.percent}% of the total {format_yuan(total)} is {format_yuan(round_fen(share))}, "
            f"but the text says {format_yuan(round_fen(stated))} (= {true.quantize(Decimal('0.001'))}%)",
        )

    def instalment_figures(self) -> list[tuple[Unit, Figure]]:
        """Payment amounts stated as 'N%，即X元' / '支付尾款，即X元' in the body text."""
        found = []
        for unit in self.units:
            if unit.table is not None or not any(w in unit.text for w in PAYMENT_WORDS):
                continue
            for fig in figures(unit.text):
                lead = unit.text[max(0, fig.start - 6) : fig.start]
                context = unit.text[max(0, fig.start - 30) : fig.start]
                if "即" not in lead or any(w in context for w in NOT_INSTALMENT_WORDS):
                    continue
                if fig.value == self.report.total:
                    continue
                found.append((unit, fig))
        return found

    # tables: rows and column totals
    def table_headers(self) -> dict[int, dict[str, int]]:
        headers: dict[int, dict[str, int]] = {}
        for unit in self.units:
            if unit.table is None or unit.table in headers:
                continue
            columns: dict[str, int] = {}
            for index, cell in enumerate(unit.cells):
                if "单价" in cell:
                    columns.setdefault("unit", index)
                elif "数量" in cell:
                    columns.setdefault("quantity", index)
                elif "月数" in cell or "月份" in cell:
                    columns.setdefault("months", index)
                elif "大写" in cell:
                    continue
                elif "金额" in cell:
                    columns.setdefault("amount", index)
            headers[unit.table] = columns
        return headers

    def tables(self, headers: dict[int, dict[str, int]]) -> None:
        rows_by_table: dict[int, list[Unit]] = {}
        for unit in self.units:
            if unit.table is not None:
                rows_by_table.setdefault(unit.table, []).append(unit)
        for table, rows in rows_by_table.items():
            self.bump("tables")
            header = headers.get(table, {})
            data = rows[1:]
            self.table_rows(header, data)
            self.column_totals(data)

    def table_rows(self, header: dict[str, int], rows: list[Unit]) -> None:
        if not {"unit", "quantity", "amount"} <= set(header):
            return
        for row in rows:
            cells = row.cells
            if TOTAL_ROW.match(cells[0] if cells else "") or max(header.values()) >= len(cells):
                continue
            price, quantity, amount = (_cell_number(cells[header[k]]) for k in ("unit", "quantity", "amount"))
            if price is None or quantity is None or amount is None or price * quantity == 0:
                continue
            self.bump("table_rows")
            if "months" in header and (months := _cell_number(cells[header["months"]])) is not None:
                expected = round_fen(price * quantity * months)
                if expected != amount:
                    self.add(
                        "table.row",
                        "error",
                        row,
                        0,
                        len(row.text),
                        f"{price} × {quantity} × {months} = {format_yuan(expected)}, but the row says {format_yuan(amount)}",
                    )
                continue
            ratio = amount / (price * quantity)
            if ratio != ratio.to_integral_value() or not 1 <= ratio <= 120:
                self.add(
                    "table.row",
                    "error",
                    row,
                    0,
                    len(row.text),
                    f"{format_yuan(amount)} is not {price} × {quantity} × a whole number of months "
                    f"({format_yuan(amount)} ÷ {format_yuan(round_fen(price * quantity))} = {ratio.quantize(Decimal('0.0001'))})",
                )

    def column_totals(self, rows: list[Unit]) -> None:
        totals = [r for r in rows if r.cells and TOTAL_ROW.match(r.cells[0])]
        if not totals:
            return
        total_row = totals[0]
        data = [r for r in rows[: rows.index(total_row)] if r.cells]
        for column, cell in enumerate(total_row.cells):
            if column == 0:
                continue
            expected = _cell_number(cell)
            if expected is None:
                continue
            values = [_cell_number(r.cells[column]) for r in data if column < len(r.cells)]
            present = [v for v in values if v is not None]
            if len(present) < 2:
                continue
            self.bump("column_totals")
            approx = any("约" in r.cells[column] for r in data if column < len(r.cells))
            tolerance = Decimal("0.001") * len(present) if approx else Decimal(0)
            column_sum = sum(present, Decimal(0))
            if abs(column_sum - expected) > tolerance:
                self.add(
                    "table.total",
                    "error",
                    total_row,
                    0,
                    len(total_row.text),
                    f"column {column + 1} sums to {column_sum.normalize():f}, but the total row says {cell}",
                )

    def counterparts(self, unit: Unit) -> None:
        for m in COUNTERPARTS.finditer(unit.text):
            try:
                total = _count(m.group(1))
            except (AmountError, InvalidOperation, ValueError):
                continue
            held = 0
            for segment in re.split("[，,；;]", m.group("rest")):
                copies = COPIES.search(segment)
                if not copies:
                    continue
                try:
                    n = _count(copies.group(1))
                except (AmountError, InvalidOperation, ValueError):
                    continue
                holders = 1
                if "各" in segment:
                    holders = segment.count("、") + 1 if "、" in segment else 2
                held += n * holders
            if held == 0:
                continue
            self.bump("counterparts")
            if held != total:
                self.add(
                    "counterparts",
                    "error",
                    unit,
                    m.start(),
                    m.end(),
                    f"{total} counterparts in all, but the holders listed keep {held}",
                )


def audit_units(units: list[Unit], file: str) -> AuditReport:
    """Audit already-read text units (pure)."""
    return _Auditor(units, file).run()


def audit_file(path: Path) -> AuditReport:
    """Read and audit a .docx or .txt contract."""
    return audit_units(read_units(path), str(path))
