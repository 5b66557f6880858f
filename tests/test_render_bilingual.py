"""Side-by-side pairing: paragraphs in two columns, tables merged, different structures refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SPECS

from generator.errors import RenderError
from generator.pipeline import load_contract
from generator.render.bilingual import merge_tables, pair, pair_units
from generator.render.blocks import Block, PageBreak, Paragraph, Parallel, Table
from generator.render.compose import compose


def zh(text: str, style: str = "body") -> Paragraph:
    return Paragraph(text, style, "", "zh")


def en(text: str, style: str = "body") -> Paragraph:
    return Paragraph(text, style, "", "en")


def table(*cells: str, header: tuple[str, ...] | None = ("h",)) -> Table:
    return Table(header, tuple((c,) for c in cells), (15.92,), ("left",))


def test_paragraph_runs_become_parallel_rows() -> None:
    left = [zh("一"), zh("二", "clause")]
    right = [en("one"), en("two", "clause"), en("three", "item")]
    assert pair(left, right) == [Parallel(tuple(left), tuple(right))]  # runs, not paragraphs, must match


def test_titles_stay_full_width_chinese_first() -> None:
    blocks: list[Block] = [zh("标题", "title"), zh("正文")]
    assert pair(blocks, [en("Title", "title"), en("Body")]) == [
        zh("标题", "title"),
        en("Title", "title"),
        Parallel((zh("正文"),), (en("Body"),)),
    ]


def test_tables_merge_cell_by_cell_and_page_breaks_pair() -> None:
    merged = pair([table("合计", "100%"), PageBreak()], [table("Total", "100%"), PageBreak()])
    # the merged table's columns are fitted to the merged text: one column, the whole line (less 0.01 cm)
    assert merged == [Table(("h",), (("合计\nTotal",), ("100%",)), (15.91,), ("left",)), PageBreak()]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ([zh("一"), table("a")], [en("one")]),  # a table only in Chinese
        ([table("a")], [en("one")]),  # a table against a paragraph
        ([zh("一"), PageBreak()], [en("one"), table("a")]),
    ],
)
def test_different_structures_are_refused(left: list[Block], right: list[Block]) -> None:
    with pytest.raises(RenderError, match="article:x: the Chinese and English templates produce different structures"):
        pair(left, right, "article:x")


@pytest.mark.parametrize(
    "other",
    [table("a", "b"), table("a", header=None), Table(("h", "i"), (("a", "b"),), (8.0, 7.92), ("left", "left"))],
)
def test_tables_of_different_shapes_are_refused(other: Table) -> None:
    with pytest.raises(RenderError, match="tables differ in shape"):
        merge_tables(table("a"), other)


def test_units_must_come_in_the_same_order() -> None:
    with pytest.raises(RenderError, match="article order differs between languages: article:a / article:b"):
        pair_units([("article:a", [zh("一")])], [("article:b", [en("one")])])
    with pytest.raises(RenderError, match="article order differs"):
        pair_units([("cover", [zh("一")])], [("cover", [en("one")]), ("end", [en("end")])])


def test_an_english_template_without_the_table_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", folder)
    annex = folder / "clauses" / "annex_documents.en.j2"
    annex.write_text(annex.read_text(encoding="utf-8").replace("@table documents\n", ""), encoding="utf-8")
    contract = load_contract(next(s for s in SPECS if "luohe" in s.name))
    with pytest.raises(RenderError, match="annex:documents: the Chinese and English templates produce different"):
        compose(contract, "zh-en", folder)
