"""The side-by-side (zh-en) document: pairing the Chinese and English blocks of each unit."""

from __future__ import annotations

from dataclasses import replace

from ..errors import RenderError
from .blocks import Block, PageBreak, Paragraph, Parallel, Table
from .tables import fit_widths

Unit = tuple[str, list[Block]]  # (key, blocks): 'cover', 'clause:payment', 'annex:scope' …

_FULL_WIDTH = {"title", "annex_title", "center", "cover_title", "cover_line"}
_WITH_NEXT = {"heading", "party"}  # shares its row with the paragraph after it
# A cover-page line in English under its Chinese: set close to it (the Chinese one has the space above).
_SECOND = {"cover_title": "title", "cover_line": "cover_line_more"}


def _second(p: Paragraph) -> Paragraph:
    return replace(p, style=_SECOND[p.style]) if p.style in _SECOND else p


def pair_units(zh: list[Unit], en: list[Unit]) -> list[Block]:
    """Both languages' units, which must come in the same order, paired into one block list."""
    blocks: list[Block] = []
    for (key_zh, blocks_zh), (key_en, blocks_en) in zip(zh, en, strict=False):  # lengths compared below
        if key_zh != key_en:
            raise RenderError(f"article order differs between languages: {key_zh} / {key_en}")
        last = blocks[-1] if blocks else None
        ends = [b for b in blocks_zh + blocks_en if isinstance(b, Paragraph)]
        if key_zh == "end" and isinstance(last, Parallel) and len(ends) == len(blocks_zh + blocks_en):
            # （以下无正文） goes in the last row of the text, under each column, so it never stands on a
            # page alone
            left = tuple(b for b in ends if b.lang == "zh")
            right = tuple(b for b in ends if b.lang != "zh")
            blocks[-1] = Parallel(last.left + left, last.right + right, last.keep_next)
            continue
        blocks.extend(pair(blocks_zh, blocks_en, key_zh))
    if len(zh) != len(en):
        raise RenderError(f"article order differs between languages: {len(zh)} / {len(en)} units")
    return blocks


def _runs(blocks: list[Block]) -> list[list[Paragraph] | Block]:
    """Consecutive paragraphs grouped (full-width ones apart from the rest); other blocks alone."""
    out: list[list[Paragraph] | Block] = []
    for b in blocks:
        if isinstance(b, Paragraph):
            last = out[-1] if out else None
            if isinstance(last, list) and (last[-1].style in _FULL_WIDTH) == (b.style in _FULL_WIDTH):
                last.append(b)
            else:
                out.append([b])
        else:
            out.append(b)
    return out


def _segments(run: list[Paragraph], at_clauses_only: bool) -> list[list[Paragraph]]:
    """A run cut before each paragraph (or only before each numbered sub-clause), a heading staying
    with the paragraph after it."""
    out: list[list[Paragraph]] = []
    for p in run:
        starts = not out or (p.style == "clause" if at_clauses_only else True)
        if starts and not (out and out[-1][-1].style in _WITH_NEXT):
            out.append([p])
        else:
            out[-1].append(p)
    return out


def _rows(zh: list[Paragraph], en: list[Paragraph]) -> list[Block]:
    """Side-by-side rows for two runs of paragraphs: a row per paragraph (a heading with the next) when
    both languages have the same paragraphs, else a row per sub-clause, else the run in one row."""
    for at_clauses_only in (False, True):
        left, right = _segments(zh, at_clauses_only), _segments(en, at_clauses_only)
        if len(left) == len(right) and all(
            [p.style for p in a] == [p.style for p in b] for a, b in zip(left, right, strict=True)
        ):
            return [
                Parallel(tuple(a), tuple(b), all(p.keep_next for p in a + b)) for a, b in zip(left, right, strict=True)
            ]
    return [Parallel(tuple(zh), tuple(en), all(p.keep_next for p in zh + en))]


def pair(zh: list[Block], en: list[Block], unit: str = "") -> list[Block]:
    """Side-by-side blocks: paragraph runs become Parallel rows, tables merge cell by cell."""
    where = f"{unit}: " if unit else ""
    left, right = _runs(zh), _runs(en)
    if len(left) != len(right):
        raise RenderError(f"{where}the Chinese and English templates produce different structures (tables or pages)")
    result: list[Block] = []
    for a, b in zip(left, right, strict=True):
        if isinstance(a, list) and isinstance(b, list):
            if all(p.style in _FULL_WIDTH for p in a + b):
                # titles stay full width: each Chinese line, then its English
                if len(a) == len(b):
                    result.extend(x for za, eb in zip(a, b, strict=True) for x in (za, _second(eb)))
                else:
                    result.extend(a + b)
            else:
                result.extend(_rows(a, b))
        elif isinstance(a, Table) and isinstance(b, Table):
            result.append(merge_tables(a, b, where))
        elif isinstance(a, PageBreak) and isinstance(b, PageBreak):
            result.append(a)
        else:
            raise RenderError(f"{where}the Chinese and English templates produce different structures")
    return result


def merge_tables(zh: Table, en: Table, where: str = "") -> Table:
    """One table with each cell's Chinese and English (once when they are the same)."""
    shape_zh = (len(zh.widths), zh.header is None, [len(row) for row in zh.rows], len(zh.caption))
    if shape_zh != (len(en.widths), en.header is None, [len(row) for row in en.rows], len(en.caption)):
        raise RenderError(f"{where}the Chinese and English tables differ in shape")

    def cell(a: str, b: str) -> str:
        return a if a == b else f"{a}\n{b}"

    header = tuple(cell(a, b) for a, b in zip(zh.header, en.header, strict=True)) if zh.header and en.header else None
    rows = tuple(
        tuple(cell(a, b) for a, b in zip(ra, rb, strict=True)) for ra, rb in zip(zh.rows, en.rows, strict=True)
    )
    caption = tuple(line for pair in zip(zh.caption, en.caption, strict=True) for line in pair)
    widths = fit_widths(header, rows, zh.total_rows) if zh.borders else zh.widths  # the merged text decides
    return Table(header, rows, widths, zh.align, zh.total_rows, zh.borders, zh.keep_together, caption)
