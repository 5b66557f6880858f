"""The block model between clause rendering and Word: paragraphs, tables, page breaks.

Pagination is said here as properties, never as empty paragraphs: a PageBreak makes the next block
start a page (Word's "page break before"), `keep_next` keeps a block on the page of the one after it.
"""

from __future__ import annotations

from dataclasses import dataclass

PAGE_WIDTH_CM = 21.0  # A4
MARGIN_CM = 2.54
TEXT_WIDTH_CM = PAGE_WIDTH_CM - 2 * MARGIN_CM  # table column widths add up to this


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; style names a paragraph style of docx_writer (body, heading, item, …)."""

    text: str
    style: str = "body"
    number: str = ""
    lang: str = "zh"
    gap: str = ""  # printed between the number and the text (labels.yaml numbering.gap)
    keep_next: bool = False  # on the same page as the next block (its lines kept together too)
    name: str = ""  # a named sub-clause's or paragraph's name (§[name], ¶[name]), for `contractgen clauses`


@dataclass(frozen=True)
class Table:
    """A table; widths in cm adding up to TEXT_WIDTH_CM; the last total_rows rows are totals (bold)."""

    header: tuple[str, ...] | None
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    align: tuple[str, ...]
    total_rows: int = 0
    borders: bool = True
    keep_together: bool = False  # all rows on one page (the signature page)
    caption: tuple[str, ...] = ()  # lines centred above the rows, inside the table (so they stay with it)


@dataclass(frozen=True)
class PageBreak:
    """The next block starts a new page."""


@dataclass(frozen=True)
class Parallel:
    """One row of a side-by-side contract: Chinese paragraphs left, English right. Consecutive rows
    form one two-column table; a row breaks across pages only inside its paragraphs."""

    left: tuple[Paragraph, ...]
    right: tuple[Paragraph, ...]
    keep_next: bool = False  # on the same page as the next row


Block = Paragraph | Table | PageBreak | Parallel


@dataclass(frozen=True)
class Document:
    """A whole rendered contract, ready for the Word writer."""

    lang: str
    title: str
    header_text: str
    footer: tuple[str, str, str]  # text before PAGE, between PAGE and NUMPAGES, after NUMPAGES
    author: str
    subject: str
    signing_date: str | None  # ISO date, for core properties (None: left blank in the spec)
    blocks: tuple[Block, ...]
    warnings: tuple[str, ...] = ()
    cover: bool = False  # the first page is a cover page: no page header or footer on it


def plain_text(document: Document) -> str:
    """The text of a document, a line per paragraph or table row (golden files, audits)."""
    lines: list[str] = []

    def para(p: Paragraph) -> str:
        return f"{p.number} {p.text}".strip() if p.number else p.text

    for block in document.blocks:
        if isinstance(block, Paragraph):
            lines.append(para(block))
        elif isinstance(block, Table):
            lines.extend(block.caption)
            for row in ((block.header,) if block.header else ()) + block.rows:
                lines.append(" | ".join(cell.replace("\n", " / ") for cell in row))
        elif isinstance(block, Parallel):
            lines.extend(para(p) for p in block.left)
            lines.extend(para(p) for p in block.right)
        else:
            lines.append("\f")
    return "\n".join(lines) + "\n"
