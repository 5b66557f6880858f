"""The body streamed into document.xml element by element: what python-docx reads back, the XML of
the whole tree, and one table row in memory at a time."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from generator.render.blocks import Document, PageBreak, Paragraph, Parallel, Table
from generator.word import writer
from generator.word.package import DOCUMENT_PART, normalize_zip, take_open_xml, take_xml
from generator.word.writer import build_docx

# Text lxml and python-docx treat specially: spaces kept by xml:space, a tab element, a paragraph
# per line in a cell, escaped markup characters, full-width digits, an empty cell.
TEXTS = ("plain", "  spaced  ", "a\tb", "two\nlines", "<&>\"'", "１２３", "")
ROWS = 600


def _document(*blocks: Paragraph | Table | PageBreak | Parallel) -> Document:
    return Document("zh", "标题", "页眉", ("第 ", " 页 共 ", " 页"), "作者", "主题", None, blocks)


def _long_table() -> Table:
    rows = tuple((str(i), f"行{i}", TEXTS[i % len(TEXTS)], TEXTS[(i + 3) % len(TEXTS)]) for i in range(1, ROWS + 1))
    return Table(
        header=("序号", "名称", "说明", "备注"),
        rows=(*rows, ("合计", "", "", "100")),
        widths=(2.0, 4.0, 7.0, 2.92),
        align=("center", "left", "left", "right"),
        total_rows=1,
        caption=("附表", "第二行"),
        keep_together=True,
    )


def _parallel(i: int) -> Parallel:
    return Parallel((Paragraph(f"第{i}条", "heading"),), (Paragraph(f"Article {i}", "heading", lang="en"),))


DOCUMENT = _document(
    Paragraph("合同", "title"),
    PageBreak(),
    _long_table(),
    PageBreak(),
    _long_table(),
    *(_parallel(i) for i in range(300)),
    Paragraph("完", keep_next=True),
)


@pytest.fixture(scope="module")
def streamed() -> bytes:
    return build_docx(DOCUMENT)


def test_a_long_table_reads_back_cell_for_cell(streamed: bytes) -> None:
    word = docx.Document(io.BytesIO(streamed))
    assert len(word.tables) == 3
    block = _long_table()
    for table in word.tables[:2]:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        assert rows[0] == ["附表\n第二行"] * 4  # the caption: one cell across the table
        assert rows[1:-1] == [list(block.header or ()), *map(list, block.rows[:-1])]
        assert rows[-1] == ["合计", "合计", "合计", "100"]  # the total's label across the empty cells
    first = word.tables[0].rows[0].cells[0].paragraphs[0]
    assert first.paragraph_format.page_break_before
    pairs = [[cell.text for cell in row.cells] for row in word.tables[2].rows]
    assert pairs == [[f"第{i}条", f"Article {i}"] for i in range(300)]
    # the paragraph parting the tables, the spacers after the second table and the side-by-side rows
    assert [p.text for p in word.paragraphs] == ["合同", "", "", "", "完"]


def test_the_streamed_xml_is_the_whole_tree_s(streamed: bytes) -> None:
    """python-docx reads the whole tree and writes it back: document.xml is unchanged, so the stream
    is, byte for byte, what lxml writes for the document built in memory."""
    word = docx.Document(io.BytesIO(streamed))
    saved = io.BytesIO()
    word.save(saved)
    again = zipfile.ZipFile(io.BytesIO(normalize_zip(saved.getvalue())))
    assert again.read(DOCUMENT_PART) == zipfile.ZipFile(io.BytesIO(streamed)).read(DOCUMENT_PART)


def test_one_table_row_at_a_time_is_in_the_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    rows_in_tree: list[int] = []
    take = writer.take_xml

    def counting(element: etree._Element) -> bytes:
        if element.tag == qn("w:tr"):
            table = element.getparent()
            assert table.getparent() is None  # the table is already out of the body
            rows_in_tree.append(len(table.findall(qn("w:tr"))))
        else:
            body = element.getparent()
            assert [child.tag for child in body] == [element.tag, qn("w:sectPr")]
        return take(element)

    monkeypatch.setattr(writer, "take_xml", counting)
    build_docx(_document(_long_table(), _parallel(1), _parallel(2)))
    assert rows_in_tree == [1] * (1 + 1 + ROWS + 1 + 2)  # caption, header, rows, total; two side-by-side rows


def test_an_element_reads_as_in_its_document() -> None:
    word = docx.Document()
    paragraph = word.add_paragraph(" a & b ")
    whole = etree.tostring(word.element, encoding="UTF-8")
    table = word.add_table(rows=0, cols=2)._tbl
    xml = take_xml(paragraph._p)
    assert xml in whole and xml.startswith(b"<w:p>") and xml.endswith(b"</w:p>")
    assert paragraph._p.getparent() is None
    start, end = take_open_xml(table)
    assert start.startswith(b"<w:tbl><w:tblPr>") and start.endswith(b"</w:tblGrid>") and end == b"</w:tbl>"
    assert take_open_xml(OxmlElement("w:tr")) == (b"<w:tr>", b"</w:tr>")


def test_an_element_using_another_namespace_is_refused() -> None:
    link = OxmlElement("w:hyperlink", {qn("r:id"): "rId9"})
    with pytest.raises(ValueError, match="namespace"):
        take_xml(link)
