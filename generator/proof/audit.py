"""Auditing contract text written by anyone (.docx or .txt): do its amounts add up?

Reads the text as units (paragraphs, lines, table rows), joins lines that run on into each other
into passages, and checks: 大写 forms (PBOC 《正确填写票据和结算凭证的基本规定》), figures against the
大写 or English amount in words written for them, "合同总价的N%，即X元" against the total declared
for them, instalment lists, table rows (unit × quantity × months) and column totals, and
counterparts. Every finding names the two things it compares, quoted as written. An error is
what the rules reject or what does not add up; a tolerated variant, a rounding, or a reference
that cannot be told for sure is a warning. Pure apart from read_document, which reads the file.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.money import (
    AmountError,
    format_yuan,
    read_rmb_words,
    rmb_words,
    round_fen,
    rounded_share,
    written_places,
)
from ..errors import InputError
from ..files import read_bytes
from . import audit_sums as sums
from .audit_pairs import Pair, Passage, agree, make_passage, pair_up, runs_on
from .audit_tables import Row, check_table, columns
from .audit_text import Capital, Figure, Words

if TYPE_CHECKING:  # python-docx is imported when a .docx is read or annotated, not for text
    from ..word.reader import Anchor

COUNT = "零一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾\\d"
COUNTERPARTS = re.compile(f"一式[【\\[]?([{COUNT}]{{1,4}})[】\\]]?份(?P<rest>[^。]{{0,120}})")
COPIES = re.compile(f"[【\\[]?([{COUNT}]{{1,4}})[】\\]]?份")
MAX_OTHER_TOTALS = 50  # totals looked at for 'that share of another total' (keeps audit linear)
_HOLDER_COUNTS = {
    "双": 2,
    "两": 2,
    "二": 2,
    "贰": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
}
_UNCLEAR_HOLDERS = ("成员", "各方", "等", "各单位", "有关", "相关", "各自", "各级")


@dataclass(frozen=True)
class Unit:
    """A paragraph, a line, or a table row (cells kept), with where it is.

    anchor: for a .docx, the path to its paragraph (or row) for --annotate; cell_anchors and
    merged: for a table row from a .docx, each cell's anchor and vertical merge."""

    where: str
    text: str
    table: int | None = None
    cells: tuple[str, ...] = ()
    anchor: Anchor = ()
    cell_anchors: tuple[Anchor, ...] = ()
    merged: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """What read_document gives: the units, and what the reader had to read defensively."""

    units: list[Unit]
    notes: tuple[tuple[str, str], ...] = ()  # (where, note)


@dataclass(frozen=True)
class AuditFinding:
    """One finding of audit: the rule, how it counts, where in the text, the text itself, and why.

    also: the other places it compares (their where), when it reaches beyond its own unit;
    anchor: the .docx paragraph or cell it is about (for --annotate)."""

    rule: str
    severity: str  # 'error' | 'warning'
    where: str
    snippet: str
    message: str
    also: tuple[str, ...] = ()
    anchor: Anchor = ()


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


def _docx_document(raw: bytes, path: Path) -> Document:
    """Paragraphs and table rows of a .docx; borderless (layout) tables read as paragraphs."""
    units: list[Unit] = []
    notes: list[tuple[str, str]] = []
    paragraph = 0
    from ..word.reader import DocxTable, read_docx

    for block in read_docx(raw, str(path)):
        if isinstance(block, DocxTable):
            notes += [(f"table {block.number}", note) for note in block.notes]
            if not block.layout:
                for row_number, cells in enumerate(block.cells, start=1):
                    texts = tuple(c.text for c in cells)
                    units.append(
                        Unit(
                            f"table {block.number}, row {row_number}",
                            " | ".join(texts),
                            block.number,
                            texts,
                            cells[0].anchor if cells else (),
                            tuple(c.anchor for c in cells),
                            tuple(c.merge for c in cells),
                        )
                    )
                continue
            for text, anchor in zip(block.paragraphs, block.paragraph_anchors, strict=True):
                paragraph += 1
                units.append(Unit(f"paragraph {paragraph} (table {block.number})", text, anchor=anchor))
            continue
        paragraph += 1
        units.append(Unit(f"paragraph {paragraph}", block.text, anchor=block.anchor))
    return Document(units, tuple(notes))


def read_document(path: Path) -> Document:
    """A .docx (paragraphs and table rows) or a .txt (lines; a tab-separated line is a table row)."""
    raw = read_bytes(path)
    if path.suffix.lower() == ".docx":
        return _docx_document(raw, path)
    try:
        return Document(text_units(raw.decode("utf-8-sig")))
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not UTF-8 text (save it as UTF-8, or give the .docx)") from e


def read_units(path: Path) -> list[Unit]:
    return read_document(path).units


def text_units(text: str) -> list[Unit]:
    units: list[Unit] = []
    table = 0
    in_table = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            in_table = False
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


def passages(units: list[Unit]) -> list[Passage]:
    """Table rows one by one; other units joined while one runs on into the next."""
    found: list[Passage] = []
    group: list[int] = []

    def close() -> None:
        if group:
            found.append(make_passage(list(group), [units[i].text for i in group]))
            group.clear()

    for index, unit in enumerate(units):
        if unit.table is not None:
            close()
            found.append(make_passage([index], [unit.text], unit.table))
            continue
        if group and not runs_on(units[group[-1]].text, unit.text):
            close()
        group.append(index)
    close()
    return found


# --- the audit ------------------------------------------------------------------------------


def _snippet(text: str, start: int, end: int) -> str:
    a, b = max(0, start - 12), min(len(text), max(end, start + 1) + 12)
    return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")


def _count(text: str) -> int:
    """'捌' / '八' / '【8】' / '12' as an integer."""
    return int(read_rmb_words(text.strip("【】[] ") + "元")) if not text.isdigit() else int(text)


_WRITE_HINT = re.compile(r"(?: of [\d,.]+)?; write \S+$|; write 壹拾 \(\S+\)$")


def _words(value: Decimal) -> str:
    try:
        return rmb_words(round_fen(value))
    except AmountError:
        return "?"


def _yuan(value: Decimal) -> str:
    try:
        return format_yuan(round_fen(value))
    except AmountError:
        return f"{value:f}"


class _Auditor:
    def __init__(self, document: Document, file: str):
        self.units = document.units
        self.notes = document.notes
        self.report = AuditReport(file, None)
        self.counts = self.report.counts
        self.order: list[tuple[int, int]] = []  # (unit, offset) of each finding, to sort them

    def bump(self, key: str, by: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + by

    def add(
        self,
        rule: str,
        severity: str,
        passage: Passage,
        start: int,
        end: int,
        message: str,
        *others: tuple[Passage, int],
        cell: int | None = None,
    ) -> None:
        """A finding about passage[start:end], naming the units of the other places it compares."""
        unit_index, offset = passage.locate(start)
        last_unit, last = passage.locate(max(start, end - 1))
        unit = self.units[unit_index]
        stop = last + 1 if last_unit == unit_index else len(unit.text)
        also = []
        for other, position in others:
            where = self.units[other.locate(position)[0]].where
            if where != unit.where and where not in also:
                also.append(where)
        if last_unit != unit_index and self.units[last_unit].where not in also:
            also.append(self.units[last_unit].where)
        if cell is None and unit.cells:
            cell = self._cell_at(unit, offset)
        anchor = unit.cell_anchors[cell] if cell is not None and cell < len(unit.cell_anchors) else unit.anchor
        self.report.findings.append(
            AuditFinding(rule, severity, unit.where, _snippet(unit.text, offset, stop), message, tuple(also), anchor)
        )
        self.order.append((unit_index, offset))

    @staticmethod
    def _cell_at(unit: Unit, offset: int) -> int:
        position = 0
        for index, cell in enumerate(unit.cells):
            position += len(cell) + 3  # ' | '
            if offset < position:
                return index
        return max(len(unit.cells) - 1, 0)

    def run(self) -> AuditReport:
        self.passages = passages(self.units)
        self.row_passages = {p.units[0]: p for p in self.passages if p.table is not None}
        headers = self._table_headers()
        for passage in self.passages:
            pair_up(passage, self._money_cells(passage, headers))
        for passage in self.passages:
            self.capitals_and_pairs(passage)
            self.counterparts(passage)
        self.percentages()
        self.tables()
        for where, note in self.notes:
            self.report.findings.append(AuditFinding("docx.structure", "warning", where, "", note))
            self.order.append((len(self.units), 0))
        # in the order of the text; within a unit, in the order of the checks
        ordered = sorted(zip(self.order, self.report.findings, strict=True), key=lambda p: p[0][0])
        self.report.findings = [f for _, f in ordered]
        return self.report

    # tables: which column holds amounts, so that a bare number there is money
    def _table_headers(self) -> dict[int, int]:
        amount_columns: dict[int, int] = {}
        seen: set[int] = set()
        for unit in self.units:
            if unit.table is None or unit.table in seen:
                continue
            seen.add(unit.table)
            header = columns(unit.cells)
            if header.amount is not None and header.multipliers.get(header.amount, 1) == 1:
                amount_columns[unit.table] = header.amount
        return amount_columns

    def _money_cells(self, passage: Passage, headers: dict[int, int]) -> list[tuple[int, int]]:
        if passage.table is None or passage.table not in headers:
            return []
        unit = self.units[passage.units[0]]
        column = headers[passage.table]
        if column >= len(unit.cells):
            return []
        start = sum(len(c) + 3 for c in unit.cells[:column])
        end = start + len(unit.cells[column])
        origin = passage.normal.origin
        return [(bisect_left(origin, start), bisect_left(origin, end))]

    # 大写 forms, and the figures they stand with
    def capitals_and_pairs(self, passage: Passage) -> None:
        reported: set[int] = set()
        for capital in passage.capitals:
            self.bump("capitals")
            if not capital.problems:
                continue
            severity = "error" if any(s == "error" for s, _ in capital.problems) else "warning"
            problems = [m for _, m in capital.problems]
            pair = passage.pair_of(capital)
            if pair is not None and agree(pair) is not None and pair.figure.value != capital.value:
                # a misformed 大写 is often misread too: say what the figure beside it says, and
                # do not advise a form of the misread value
                problems = [_WRITE_HINT.sub("", p) for p in problems]
                figure = pair.figure
                problems.append(
                    f"it reads as {_yuan(capital.value)}, but the figure 「{passage.quote(figure.start, figure.end)}」 "
                    f"says {_yuan(figure.value)}"
                    + (f" (大写 {_words(figure.value)})" if figure.multiplier == 1 else "")
                )
                reported.add(id(pair))
            self.add(
                "capital.form",
                severity,
                passage,
                capital.start,
                capital.end,
                f"大写 「{passage.quote(capital.start, capital.end)}」: " + "; ".join(problems),
            )
        for pair in passage.pairs:
            self.bump("pairs")
            verdict = agree(pair)
            if verdict is None or id(pair) in reported:
                continue
            self.pair_finding(passage, pair, *verdict)

    def pair_finding(self, passage: Passage, pair: Pair, severity: str, why: str) -> None:
        words, figure = pair.words, pair.figure
        kind = "大写" if isinstance(words, Capital) else "amount in words"
        rule = "capital.figure" if isinstance(words, Capital) else "words.figure"
        figure_text = passage.quote(figure.start, figure.end)
        words_text = passage.quote(words.start, words.end)
        message = (
            f"the figure 「{figure_text}」 ({_yuan(figure.value)}) and its {kind} 「{words_text}」 "
            f"({_yuan(words.value)}) " + (f"do not agree: {why}" if why else "disagree")
        )
        if not pair.tight and severity == "warning" and not why:
            message += " (they may not be written for each other)"
        start, end = min(words.start, figure.start), max(words.end, figure.end)
        self.add(rule, severity, passage, words.start, words.end, message, (passage, start), (passage, end - 1))

    # "合同总价的60%，即人民币589200元"
    def percentages(self) -> None:
        totals = sums.declarations(self.passages)
        plain = [d for d in totals if d.plain and not d.approx]
        confirmed = [d for d in plain if d.confirmed]
        chosen = (confirmed or plain)[:1]
        self.report.total = round_fen(chosen[0].value) if chosen else None
        found = sums.statements(self.passages)
        self.counts["percent_statements"] = len(found)
        self.rounded_shares = sums.rounded_shares_declared(self.passages)
        if not found:
            return
        if not totals:
            first = next((s for s in found if s.stated is not None), None)
            if first is not None:
                passage = self.passages[first.passage]
                self.add(
                    "total.missing",
                    "warning",
                    passage,
                    first.percent.start,
                    first.percent.end,
                    f"「{passage.quote(first.base_start, first.percent.end)}」: a percentage of the total, but no total found",
                )
            return
        others = sums.other_payment_percentages(self.passages)
        for schedule in sums.schedules(self.passages, totals, found):
            if schedule.total is None or schedule.total.currency not in ("CNY", ""):
                continue
            self.schedule(schedule, totals, others)

    def schedule(self, schedule: sums.Schedule, totals: list[sums.Declaration], others: list[int]) -> None:
        total = schedule.total
        assert total is not None
        instalments = schedule.instalments
        places = [s.passage for s in instalments] + [a.passage for a in schedule.amounts]
        # the passages around the list, from its total on
        last = min(max(places) + 2, len(self.passages)) if places else 0
        near = range(max(min(places) - 1, total.passage), last) if places else range(0)
        # cumulative milestones ('支付至…的95%') or shares of another base written beside the list:
        # its sum is not the whole payment, so it is not summed
        beside = bisect_left(others, near.start) < len(others) and others[bisect_left(others, near.start)] < near.stop
        summable = not beside and not any(s.cumulative and s.passage in near for s in schedule.statements)
        amounts = [s.stated_value for s in instalments if s.stated_value is not None]
        amounts += [a.figure.value for a in schedule.amounts]
        amount_sum = sum(amounts, Decimal(0))
        complete = len(amounts) >= 2 and all(s.stated_value is not None for s in instalments)
        sums_to_total = complete and amount_sum == total.value
        errors_before = self.report.errors
        for statement in schedule.statements:
            self.statement(statement, total, totals, schedule, sums_to_total)
        stated_wrong = self.report.errors > errors_before  # then the sum is wrong for that reason
        if instalments or schedule.amounts:
            self.bump("instalments", len(instalments) + len(schedule.amounts))
        written_together = sums.together(places)
        if not summable:
            return
        count = sum(s.times for s in instalments)
        percent_sum = sum((s.percent.value * s.times for s in instalments), Decimal(0))
        tolerance = Decimal("0.001") * len(instalments) if any(s.percent.approx for s in instalments) else Decimal(0)
        if self.rounded_shares:  # each share may be off by half a unit of its last decimal
            tolerance += sum(
                (Decimal(5).scaleb(-written_places(s.percent.value) - 1) * s.times for s in instalments), Decimal(0)
            )
        if schedule.amounts and percent_sum < 100:
            count = 0  # instalments given by amount alone make up the rest: the amounts are summed below
        remainder_unknown = not schedule.amounts and (
            any(s.remainder for s in instalments) or any(sums.mentions_remainder(self.passages[i]) for i in near)
        )
        several_lists = percent_sum > 100 and percent_sum % 100 == 0  # two contracts under one total found
        if count >= 2 and abs(percent_sum - 100) > tolerance and not (stated_wrong or several_lists):
            over = percent_sum > 100
            if (over or not remainder_unknown) and (written_together or over):
                first = instalments[0]
                passage = self.passages[first.passage]
                listed = " + ".join(
                    f"{s.percent.value}%" + (f" × {s.times}" if s.times > 1 else "") for s in instalments
                )
                self.add(
                    "instalments.percent",
                    "error" if written_together else "warning",
                    passage,
                    first.percent.start,
                    first.percent.end,
                    f"the instalments {listed} (「{passage.quote(first.base_start, first.percent.end)}」 …) "
                    f"sum to {percent_sum.normalize():f}%, not 100%",
                    *[(self.passages[s.passage], s.percent.start) for s in instalments[1:]],
                )
                return
        if complete and (percent_sum == 100 or schedule.amounts) and amount_sum != total.value and not stated_wrong:
            first_place = instalments[0] if instalments else None
            passage = self.passages[first_place.passage if first_place else schedule.amounts[0].passage]
            start = first_place.percent.start if first_place else schedule.amounts[0].figure.start
            total_passage = self.passages[total.passage]
            self.add(
                "instalments.sum",
                "error" if written_together and not total.approx and total.plain else "warning",
                passage,
                start,
                start + 1,
                f"the {len(amounts)} instalments sum to {_yuan(amount_sum)}, not the total "
                f"「{total_passage.quote(total.start, total.end)}」 ({_yuan(total.value)})",
                (total_passage, total.start),
            )

    def statement(
        self,
        s: sums.Statement,
        total: sums.Declaration,
        totals: list[sums.Declaration],
        schedule: sums.Schedule,
        sums_to_total: bool,
    ) -> None:
        passage = self.passages[s.passage]
        total_passage = self.passages[total.passage]
        share = sums.share_of(total.value, s.percent.value)
        said = passage.quote(s.base_start, s.percent.end)
        total_text = f"「{total_passage.quote(total.start, total.end)}」 ({_yuan(total.value)})"
        if s.stated is None or s.stated_value is None:
            if s.instalment and share != share.quantize(Decimal("0.01")) and not total.approx:
                self.add(
                    "percent.fen",
                    "warning",
                    passage,
                    s.percent.start,
                    s.percent.end,
                    f"「{said}」: {s.percent.value}% of the total {total_text} is {share.normalize():f}, "
                    "not a whole 分; state the amount or the rounding rule",
                    (total_passage, total.start),
                )
            return
        self.bump("percent_amounts")
        stated, item = s.stated_value, s.stated
        step = item.quantum if isinstance(item, Figure) else Decimal("0.01")
        if step <= Decimal("0.01"):
            if round_fen(share) == stated:
                return
        elif abs(share - stated) * 2 <= step:
            return  # '即40万元': right to the 万元 decimals shown
        true = stated * 100 / total.value
        places = written_places(s.percent.value)
        approx = s.percent.approx or total.approx or (isinstance(item, Figure) and item.approx)
        if approx and abs(true - s.percent.value) <= Decimal(5) / Decimal(10) ** (places + 1):
            return
        rounded = rounded_share(stated, total.value, places) if self.rounded_shares and s.instalment else None
        if rounded == s.percent.value:
            return  # the text says its shares are the amounts' shares rounded, and this one is
        difference = abs(round_fen(share) - stated)
        instalments = schedule.instalments
        last = sums_to_total and s.instalment and bool(instalments) and instalments[-1] is s
        if last and difference <= Decimal("0.01") * len(instalments):
            return  # the last instalment takes the rounding remainder
        stated_text = passage.quote(item.start, item.end)
        message = (
            f"「{said}」 of the total {total_text} is {_yuan(share)}, but 「{stated_text}」 says "
            f"{_yuan(stated)} (= {true.quantize(Decimal('0.001'))}%)"
        )
        if rounded is not None:
            message += f"; the text says its shares are rounded, but this one rounds to {rounded:f}%"
        severity = "error"
        if sums_to_total and difference < 1:
            severity, message = "warning", message + "; the instalments add up to the total, so a rounding rule applies"
        elif step == 1 and difference < Decimal("0.5"):
            severity, message = "warning", message + "; rounded to the 元"
        elif any(
            d is not total and abs(round_fen(sums.share_of(d.value, s.percent.value)) - stated) <= step
            for d in totals[:MAX_OTHER_TOTALS]
        ):
            severity, message = "warning", message + "; it is that share of another total in the text"
        elif not total.plain or total.approx:
            severity, message = "warning", message + "; the total it refers to is not certain"
        self.add("percent.amount", severity, passage, s.percent.start, item.end, message, (total_passage, total.start))

    # tables: rows and column totals
    def tables(self) -> None:
        rows_by_table: dict[int, list[Row]] = {}
        for index, unit in enumerate(self.units):
            if unit.table is not None:
                merged = unit.merged or ("",) * len(unit.cells)
                rows_by_table.setdefault(unit.table, []).append(Row(index, unit.cells, merged))
        for rows in rows_by_table.values():
            self.bump("tables")
            issues, counts = check_table(rows)
            for key, value in counts.items():
                self.bump(key, value)
            for issue in issues:
                unit = self.units[issue.unit]
                offset = sum(len(c) + 3 for c in unit.cells[: issue.column])
                passage = self.row_passages[issue.unit]
                start = min(bisect_left(passage.normal.origin, offset), len(passage.text))
                self.add(issue.rule, issue.severity, passage, start, start + 1, issue.message, cell=issue.column)

    def counterparts(self, passage: Passage) -> None:
        text = passage.text
        for m in COUNTERPARTS.finditer(text):
            try:
                total = _count(m.group(1))
            except (AmountError, InvalidOperation, ValueError):
                continue
            rest = m.group("rest")
            if "正本" in rest or "副本" in rest:
                continue  # originals and copies counted apart: not a sum of holders
            held = 0
            unclear = False
            for segment in re.split("[，,；;]", rest):
                copies = COPIES.search(segment)
                if not copies:
                    continue
                try:
                    n = _count(copies.group(1))
                except (AmountError, InvalidOperation, ValueError):
                    unclear = True
                    continue
                holders = _holders(segment[: copies.start()])
                if holders is None:
                    unclear = True
                    continue
                held += n * holders
            if held == 0 or unclear:
                continue
            self.bump("counterparts")
            if held != total:
                self.add(
                    "counterparts",
                    "error",
                    passage,
                    m.start(),
                    m.end(),
                    f"「{passage.quote(m.start(), m.end())}」: {total} counterparts in all, but the holders listed keep {held}",
                )


def _holders(segment: str) -> int | None:
    """How many hold the copies a segment names: 1, or with 各 the number of parties it lists
    ('甲乙双方各执' 2, '合同三方各执' 3, '财政局、代理机构各执' 2); None when it cannot be told."""
    if "各" not in segment:
        return 1
    named = re.search("([双两二贰三叁四肆五伍六陆])方各", segment)
    if named:
        return _HOLDER_COUNTS[named.group(1)]
    who = segment[: segment.index("各")]
    if not who or any(w in who for w in _UNCLEAR_HOLDERS):
        return None
    parts = [p for p in re.split("、|和|及|与|以及", who) if p]
    if len(parts) >= 2:
        return len(parts)
    return None


def audit_document(document: Document, file: str) -> AuditReport:
    """Audit already-read text (pure)."""
    return _Auditor(document, file).run()


def audit_units(units: list[Unit], file: str) -> AuditReport:
    """Audit already-read text units (pure)."""
    return audit_document(Document(units), file)


def audit_file(path: Path) -> AuditReport:
    """Read and audit a .docx or .txt contract."""
    return audit_document(read_document(path), str(path))


def audit_string(text: str, file: str = "text") -> AuditReport:
    """Audit a piece of text (a spec's free-text value, a line typed in): lines as in a .txt."""
    return audit_units(text_units(text), file)


def annotated_copy(path: Path, report: AuditReport) -> bytes:
    """A copy of the .docx at path with each finding of report as a Word comment on its paragraph
    or cell (audit --annotate)."""
    if path.suffix.lower() != ".docx":
        raise InputError(f"{path}: --annotate needs a .docx (comments are written into a copy of it)")
    notes = []
    for f in report.findings:
        also = f" (also {', '.join(f.also)})" if f.also else ""
        notes.append((f.anchor, f"{f.severity} {f.rule}: {f.message}{also}"))
    from ..word.comments import annotate

    return annotate(read_bytes(path), notes, str(path))


__all__ = [
    "AuditFinding",
    "AuditReport",
    "Document",
    "Unit",
    "Words",
    "annotated_copy",
    "audit_document",
    "audit_file",
    "audit_string",
    "audit_units",
    "read_document",
    "read_units",
    "text_units",
]
