"""Reading a .docx as text: body paragraphs and tables in document order (for audit).

Each paragraph and cell keeps its anchor, the path of child indices from the body to its element,
so that a finding can be written back as a Word comment on it (word.comments). A package is
refused before it is unpacked when its members are implausibly large (a zip bomb), and a table
cell's gridSpan is read defensively (not a number: 1; more columns than Word allows: clamped).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from docx.document import Document as WordDocument
from docx.oxml.ns import qn

from ..errors import InputError

# A contract's document.xml is a few MB; nothing in a .docx anyone sends needs more than this.
MAX_MEMBER_BYTES = 128 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_RATIO = 200  # uncompressed / compressed, for members above 1 MB: XML compresses ~10×
MAX_COLUMNS = 63  # Word's limit on the columns of a table

Anchor = tuple[int, ...]


@dataclass(frozen=True)
class DocxParagraph:
    """A non-empty body paragraph."""

    text: str
    anchor: Anchor = ()


@dataclass(frozen=True)
class DocxCell:
    """A cell under one grid column: its text, its anchor, and whether it is merged with the rows
    below ('restart'), continues a merge from above ('continue'), or neither ('')."""

    text: str
    anchor: Anchor
    merge: str = ""


@dataclass(frozen=True)
class DocxTable:
    """A table: its rows (a merged cell repeated as empty cells, so columns stay aligned), and its
    non-empty paragraphs in order. layout is True for a borderless table that lays text out
    (side-by-side columns, signature blocks) rather than tabulating figures."""

    number: int
    rows: tuple[tuple[str, ...], ...]
    paragraphs: tuple[str, ...]
    layout: bool
    cells: tuple[tuple[DocxCell, ...], ...] = ()
    paragraph_anchors: tuple[Anchor, ...] = ()
    notes: tuple[str, ...] = ()  # what was read defensively (a gridSpan clamped …)


def _text(element) -> str:  # type: ignore[no-untyped-def]
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _is_layout_table(table) -> bool:  # type: ignore[no-untyped-def]
    borders = table.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    if borders is None or not len(borders):
        return False
    return all(edge.get(qn("w:val")) in ("nil", "none") for edge in borders)


def check_package(raw: bytes, name: str) -> None:
    """InputError unless raw is a zip whose members are of a plausible size (read from the
    central directory before anything is inflated; zipfile never inflates past those sizes)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError) as e:
        raise InputError(f"{name}: not a readable .docx (not a zip package: {e})") from e
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise InputError(f"{name}: refused: {len(members)} parts in the package (at most {MAX_MEMBERS})")
    total = 0
    for info in members:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_BYTES or (info.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise InputError(
                f"{name}: refused: part {info.filename} would expand to {info.file_size:,} bytes from "
                f"{info.compress_size:,} (a zip bomb, or not a contract)"
            )
    if total > MAX_TOTAL_BYTES:
        raise InputError(f"{name}: refused: the package would expand to {total:,} bytes (at most {MAX_TOTAL_BYTES:,})")


def _grid_span(cell, limit: int, notes: list[str], where: str) -> int:  # type: ignore[no-untyped-def]
    span = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
    if span is None:
        return 1
    raw = span.get(qn("w:val")) or ""
    try:
        value = int(raw)
    except ValueError:
        notes.append(f"{where}: gridSpan {raw[:20]!r} is not a number; read as 1")
        return 1
    if value < 1:
        notes.append(f"{where}: gridSpan {value} read as 1")
        return 1
    if value > limit:
        notes.append(f"{where}: gridSpan {value:,} is more than the table's {limit} columns; read as {limit}")
        return limit
    return value


def _merge(cell) -> str:  # type: ignore[no-untyped-def]
    merge = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    if merge is None:
        return ""
    return "restart" if merge.get(qn("w:val")) == "restart" else "continue"


def _path(element, root) -> Anchor:  # type: ignore[no-untyped-def]
    path = []
    while element is not root:
        parent = element.getparent()
        path.append(parent.index(element))
        element = parent
    return tuple(reversed(path))


def _blocks(body) -> Iterator:  # type: ignore[no-untyped-def]
    """Body paragraphs and tables in order, looking inside content controls (w:sdt)."""
    for element in body.iterchildren():
        if element.tag == qn("w:sdt"):
            content = element.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content)
        elif element.tag in (qn("w:p"), qn("w:tbl")):
            yield element


def _table(element, number: int, body) -> DocxTable:  # type: ignore[no-untyped-def]
    grid = element.find(qn("w:tblGrid"))
    limit = min(MAX_COLUMNS, max(len(grid), 1)) if grid is not None and len(grid) else MAX_COLUMNS
    notes: list[str] = []
    rows = []
    cells = []
    for row_number, row in enumerate(element.findall(qn("w:tr")), start=1):
        row_cells: list[DocxCell] = []
        for cell in row.findall(qn("w:tc")):
            text = "\n".join(_text(p) for p in cell.iter(qn("w:p"))).strip()
            span = _grid_span(cell, limit, notes, f"table {number}, row {row_number}")
            merge = _merge(cell)
            anchor = _path(cell, body)
            row_cells.append(DocxCell(text, anchor, merge))
            row_cells += [DocxCell("", anchor, merge)] * (span - 1)
            if len(row_cells) > MAX_COLUMNS:
                notes.append(f"table {number}, row {row_number}: more than {MAX_COLUMNS} columns; the rest not read")
                row_cells = row_cells[:MAX_COLUMNS]
                break
        cells.append(tuple(row_cells))
        rows.append(tuple(c.text for c in row_cells))
    paragraphs = [(t, _path(p, body)) for p in element.iter(qn("w:p")) if (t := _text(p).strip())]
    return DocxTable(
        number,
        tuple(rows),
        tuple(t for t, _ in paragraphs),
        _is_layout_table(element),
        tuple(cells),
        tuple(a for _, a in paragraphs),
        tuple(dict.fromkeys(notes)),
    )


def open_docx(raw: bytes, name: str) -> WordDocument:
    """The .docx in raw, after the package check; InputError when python-docx cannot read it."""
    check_package(raw, name)
    try:
        return docx.Document(io.BytesIO(raw))
    except Exception as e:  # python-docx raises several kinds for a broken package
        raise InputError(f"{name}: not a readable .docx ({e})") from e


def read_docx(raw: bytes, name: str) -> Iterator[DocxParagraph | DocxTable]:
    """The body of a .docx in order; InputError when the bytes are not a readable .docx.

    Walks the body XML rather than python-docx's document.paragraphs / document.tables, which
    list the two kinds separately and lose their order.
    """
    body = open_docx(raw, name).element.body
    table_number = 0
    for element in _blocks(body):
        if element.tag == qn("w:p"):
            text = _text(element).strip()
            if text:
                yield DocxParagraph(text, _path(element, body))
        else:
            table_number += 1
            yield _table(element, table_number, body)
