"""The side-by-side (zh-en) document: pairing the Chinese and English blocks of each unit."""

from __future__ import annotations

from ..errors import RenderError
from .blocks import Block, PageBreak, Paragraph, Parallel, Table

Unit = tuple[str, list[Block]]  # (key, blocks): 'cover', 'clause:payment', 'annex:scope' …

_FULL_WIDTH = {"title", "annex_title", "center"}


def pair_units(zh: list[Unit], en: list[Unit]) -> list[Block]:
    """Both languages' units, which must come in the same order, paired into one block list."""
    blocks: list[Block] = []
    for (key_zh, blocks_zh), (key_en, blocks_en) in zip(zh, en, strict=False):  # lengths compared below
        if key_zh != key_en:
            raise RenderError(f"article order differs between languages: {key_zh} / {key_en}")
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
                result.extend(a + b)  # titles stay full width: the Chinese line, then the English
            else:
                result.append(Parallel(tuple(a), tuple(b)))
        elif isinstance(a, Table) and isinstance(b, Table):
            result.append(merge_tables(a, b, where))
        elif isinstance(a, PageBreak) and isinstance(b, PageBreak):
            result.append(a)
        else:
            raise RenderError(f"{where}the Chinese and English templates produce different structures")
    return result


def merge_tables(zh: Table, en: Table, where: str = "") -> Table:
    """One table with each cell's Chinese and English (once when they are the same)."""
    shape_zh = (len(zh.widths), zh.header is None, [len(row) for row in zh.rows])
    if shape_zh != (len(en.widths), en.header is None, [len(row) for row in en.rows]):
        raise RenderError(f"{where}the Chinese and English tables differ in shape")

    def cell(a: str, b: str) -> str:
        return a if a == b else f"{a}\n{b}"

    header = tuple(cell(a, b) for a, b in zip(zh.header, en.header, strict=True)) if zh.header and en.header else None
    rows = tuple(
        tuple(cell(a, b) for a, b in zip(ra, rb, strict=True)) for ra, rb in zip(zh.rows, en.rows, strict=True)
    )
    return Table(header, rows, zh.widths, zh.align, zh.total_rows, zh.borders)
