"""Reading a .docx as text: body paragraphs and tables in document order (for audit)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from docx.oxml.ns import qn

from ..errors import InputError


@dataclass(frozen=True)
class DocxParagraph:
    """A non-empty body paragraph."""

    text: str


@dataclass(frozen=True)
class DocxTable:
    """A table: its rows (a merged cell repeated as empty cells, so columns stay aligned), and its
    non-empty paragraphs in order. layout is True for a borderless table that lays text out
    (side-by-side columns, signature blocks) rather than tabulating figures."""

    number: int
    rows: tuple[tuple[str, ...], ...]
    paragraphs: tuple[str, ...]
    layout: bool


def _text(element) -> str:  # type: ignore[no-untyped-def]
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _is_layout_table(table) -> bool:  # type: ignore[no-untyped-def]
    borders = table.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    if borders is None or not len(borders):
        return False
    return all(edge.get(qn("w:val")) in ("nil", "none") for edge in borders)


def read_docx(raw: bytes, name: str) -> Iterator[DocxParagraph | DocxTable]:
    """The body of a .docx in order; InputError when the bytes are not a readable .docx.

    Walks the body XML rather than python-docx's document.paragraphs / document.tables, which
    list the two kinds separately and lose their order.
    """
    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as e:  # python-docx raises several kinds for a broken package
        raise InputError(f"{name}: not a readable .docx ({e})") from e
    table_number = 0
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            text = _text(element).strip()
            if text:
                yield DocxParagraph(text)
        elif element.tag == qn("w:tbl"):
            table_number += 1
            rows = []
            for row in element.iter(qn("w:tr")):
                cells: list[str] = []
                for cell in row.iter(qn("w:tc")):
                    text = "\n".join(_text(p) for p in cell.iter(qn("w:p")))
                    span = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
                    cells += [text.strip()] + [""] * (int(span.get(qn("w:val"))) - 1 if span is not None else 0)
                rows.append(tuple(cells))
            paragraphs = tuple(t for p in element.iter(qn("w:p")) if (t := _text(p).strip()))
            yield DocxTable(table_number, tuple(rows), paragraphs, _is_layout_table(element))
