"""Word output: the block model -> a deterministic .docx (the only module using python-docx)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator

from docx import Document as new_docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt
from docx.table import _Row
from lxml import etree

from ..render.blocks import (
    MARGIN_CM,
    PAGE_WIDTH_CM,
    TEXT_WIDTH_CM,
    Block,
    Document,
    PageBreak,
    Paragraph,
    Parallel,
    Table,
)
from .package import normalize_zip, take_open_xml, take_xml

LATIN_FONT = "Times New Roman"
BODY_FONT = "宋体"
HEADING_FONT = "黑体"
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}

# style name -> (east-asian font, size pt, bold, alignment, first-line indent pt, left indent pt, space before pt)
_STYLES = {
    "CG Title": (HEADING_FONT, 18, True, "center", 0, 0, 12),
    "CG Cover Title": (HEADING_FONT, 22, True, "center", 0, 0, 120),
    "CG Cover Line": (BODY_FONT, 14, False, "left", 0, 56, 12),
    "CG Cover Line More": (BODY_FONT, 14, False, "left", 0, 56, 0),
    "CG Subtitle": (BODY_FONT, 12, False, "center", 0, 0, 0),
    "CG Heading": (HEADING_FONT, 14, True, "left", 0, 0, 12),
    "CG Body": (BODY_FONT, 12, False, "left", 24, 0, 0),
    "CG Body Plain": (BODY_FONT, 12, False, "left", 0, 0, 0),
    "CG Clause": (BODY_FONT, 12, False, "left", 0, 0, 0),
    "CG Item": (BODY_FONT, 12, False, "left", 0, 24, 0),
    "CG Party": (HEADING_FONT, 12, True, "left", 0, 0, 6),
    "CG Party Field": (BODY_FONT, 12, False, "left", 0, 24, 0),
    "CG Center": (BODY_FONT, 12, False, "center", 0, 0, 6),
    "CG Annex Title": (HEADING_FONT, 16, True, "center", 0, 0, 0),
    "CG Table": (BODY_FONT, 10.5, False, "left", 0, 0, 0),
    "CG Header": (BODY_FONT, 9, False, "center", 0, 0, 0),
    "CG Spacer": (BODY_FONT, 6, False, "left", 0, 0, 0),
    "CG End": (BODY_FONT, 1, False, "left", 0, 0, 0),
}
# Chinese text is set flush left: every character is one em wide, so lines end flush anyway, and
# justification would letter-space a line that ends before an unbreakable run (an amount, a date).
# English at full width is justified (it stretches word spaces only).
_JUSTIFIED_ENGLISH = {"body", "clause", "item"}
_COLUMN_SIZE, _COLUMN_SIZES, _COLUMN_LINE_SPACING = 10.5, {"heading": 12}, 1.3
_BLOCK_STYLES = {
    "title": "CG Title",
    "cover_title": "CG Cover Title",
    "cover_line": "CG Cover Line",
    "cover_line_more": "CG Cover Line More",
    "subtitle": "CG Subtitle",
    "heading": "CG Heading",
    "body": "CG Body",
    "body_plain": "CG Body Plain",
    "clause": "CG Clause",
    "item": "CG Item",
    "party": "CG Party",
    "party_field": "CG Party Field",
    "center": "CG Center",
    "annex_title": "CG Annex Title",
}


def _set_fonts(rpr: BaseOxmlElement, east_asia: str) -> None:
    """Set every font slot explicitly (python-docx's font.name sets only the Latin ones)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:cs"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asia)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")


def _drop_styles_with_effects(doc: WordDocument) -> None:
    """python-docx's template carries a Word 2010 stylesWithEffects part that our styles would
    contradict; validators flag the mismatch, and Word does not need the part."""
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rel_id)


_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
# The theme's fonts: Latin text Times New Roman; East Asian 黑体 for headings (major), 宋体 for body (minor).
_THEME_FONTS = {"majorFont": HEADING_FONT, "minorFont": BODY_FONT}
# The fonts the document names, for Word and WPS to substitute from when one is missing (panose and
# charset 86, GB2312, are those of the Windows fonts; altName their English names).
_FONT_TABLE = (
    (LATIN_FONT, None, "02020603050405020304", "00", "roman"),
    (BODY_FONT, "SimSun", "02010600030101010101", "86", "auto"),
    (HEADING_FONT, "SimHei", "02010609060101010101", "86", "modern"),
)


def _part(doc: WordDocument, name: str):  # type: ignore[no-untyped-def]
    return next(part for part in doc.part.package.iter_parts() if part.partname == name)


def _setup_fonts(doc: WordDocument) -> None:
    """The theme and the font table of python-docx's template name Japanese faces and Calibri/Cambria:
    replace them with the contract's fonts. Both parts are plain python-docx Parts whose bytes live in
    the private `_blob`, which is what is saved."""
    theme = _part(doc, "/word/theme/theme1.xml")
    root = etree.fromstring(theme.blob)
    for scheme, east_asia in _THEME_FONTS.items():
        fonts = root.find(f".//{_A}{scheme}")
        fonts.find(f"{_A}latin").set("typeface", LATIN_FONT)
        fonts.find(f"{_A}ea").set("typeface", east_asia)
        for font in fonts.findall(f"{_A}font"):
            if font.get("script") == "Jpan":
                fonts.remove(font)
            elif font.get("script") == "Hans":
                font.set("typeface", east_asia)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    table = etree.Element(qn("w:fonts"), nsmap={"w": _W_NS})
    for name, alt, panose, charset, family in _FONT_TABLE:
        font = etree.SubElement(table, qn("w:font"), {qn("w:name"): name})
        if alt:
            etree.SubElement(font, qn("w:altName"), {qn("w:val"): alt})
        etree.SubElement(font, qn("w:panose1"), {qn("w:val"): panose})
        etree.SubElement(font, qn("w:charset"), {qn("w:val"): charset})
        etree.SubElement(font, qn("w:family"), {qn("w:val"): family})
        etree.SubElement(font, qn("w:pitch"), {qn("w:val"): "variable"})
    _part(doc, "/word/fontTable.xml")._blob = etree.tostring(
        table, xml_declaration=True, encoding="UTF-8", standalone=True
    )


def _setup_styles(doc: WordDocument) -> None:
    styles_element = doc.styles.element
    defaults = styles_element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, BODY_FONT)
    normal = doc.styles["Normal"]
    _set_fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    normal.font.size = Pt(12)
    for name, (east_asia, size, bold, align, first, left, before) in _STYLES.items():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        assert style.style_id == name.replace(" ", ""), "_set_style relies on this id"
        style.base_style = normal
        style.quick_style = True
        _set_fonts(style.element.get_or_add_rPr(), east_asia)
        style.font.size = Pt(size)
        style.font.bold = bold
        fmt = style.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if align == "justify" else _ALIGN[align]
        fmt.first_line_indent = Pt(first)
        fmt.left_indent = Pt(left)
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(0)
        if name in ("CG Table", "CG Header"):
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        elif name in ("CG Spacer", "CG End"):  # the gap after a table: one short line
            fmt.line_spacing = Pt(size)
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        else:
            fmt.line_spacing = 1.5
        if name in ("CG Title", "CG Cover Title", "CG Heading", "CG Party", "CG Annex Title"):
            fmt.keep_with_next = True
        fmt.widow_control = True
    # themeFontLang: East Asian text is Chinese, not the template's Japanese default.
    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = OxmlElement("w:themeFontLang")
        settings.append(theme_lang)
    theme_lang.set(qn("w:val"), "en-US")
    theme_lang.set(qn("w:eastAsia"), "zh-CN")


def _set_style(paragraph, name: str) -> None:  # type: ignore[no-untyped-def]
    """Point a paragraph at one of our styles by id (style ids are the names without spaces).

    Written directly because python-docx's `paragraph.style = …` re-scans every style of the
    template for the default on each call, which made rendering several times slower.
    """
    paragraph._p.style = name.replace(" ", "")


def _add_field(paragraph, instruction: str, cached: str) -> None:  # type: ignore[no-untyped-def]
    """A complex field (begin, instruction, separate, cached result, end).

    python-docx has no API for fields, so the w:fldChar and w:instrText elements are appended to
    each run's XML element (run._r).
    """
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("text", cached), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)
        elif kind == "text":
            run.text = text or ""
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def _setup_page(doc: WordDocument, document: Document) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    # A cover page has its own (empty) header and footer; python-docx writes w:titlePg for this.
    section.different_first_page_header_footer = document.cover
    header = section.header.paragraphs[0]
    _set_style(header, "CG Header")
    header.add_run(document.header_text)
    footer = section.footer.paragraphs[0]
    _set_style(footer, "CG Header")
    before, between, after = document.footer
    footer.add_run(before)
    _add_field(footer, "PAGE", "1")
    footer.add_run(between)
    _add_field(footer, "NUMPAGES", "1")
    if after:
        footer.add_run(after)


def _borders(table, visible: bool) -> None:  # type: ignore[no-untyped-def]
    """Table borders: python-docx has no API for them, so w:tblBorders goes into the table's
    properties element (table._tbl.tblPr) directly."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single" if visible else "nil")
        if visible:
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    # Schema order inside w:tblPr: tblBorders comes before these siblings.
    successors = {qn(f"w:{name}") for name in ("shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption")}
    following = next((child for child in tbl_pr if child.tag in successors), None)
    if following is None:
        tbl_pr.append(borders)
    else:
        following.addprevious(borders)


def _row_flags(row, header: bool) -> None:  # type: ignore[no-untyped-def]
    # "can't split" and "repeat as header row" have no python-docx API: set them on the row's XML.
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _fill_cell(cell, text: str, style: str, align: str, bold: bool) -> None:  # type: ignore[no-untyped-def]
    lines = text.split("\n")
    first = cell.paragraphs[0]
    for index, line in enumerate(lines):
        paragraph = first if index == 0 else cell.add_paragraph()
        _set_style(paragraph, style)
        paragraph.alignment = _ALIGN[align]
        if line:
            run = paragraph.add_run(line)
            run.bold = bold or None


def _label_span(values: tuple[str, ...]) -> int:
    """How many cells a total row's label covers: itself and the empty cells after it."""
    span = 1
    while span < len(values) - 1 and not values[span]:
        span += 1
    return span


def _rows_xml(  # type: ignore[no-untyped-def]
    table, count: int, make_row: Callable[[int], _Row], *, page_break: bool, keep_together: bool = False
) -> Iterator[bytes]:
    """A table's XML row by row: make_row(i) makes row i in the table's element, which is written
    and taken out of the tree before the next is made, so that a table of any length holds one row
    in memory. page_break: its first paragraph starts a page; keep_together: every row on the page
    of the last one."""
    start, end = take_open_xml(table._tbl)
    yield start
    for index in range(count):
        row = make_row(index)
        if page_break and index == 0:
            row.cells[0].paragraphs[0].paragraph_format.page_break_before = True
        if keep_together and index < count - 1:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
        yield take_xml(row._tr)
    yield end


def _table_xml(doc: WordDocument, block: Table, page_break: bool) -> Iterator[bytes]:
    """A table, row by row (_rows_xml); a caption is its first row."""
    table = doc.add_table(rows=0, cols=len(block.widths))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borders(table, block.borders)
    style = "CG Table" if block.borders else "CG Body Plain"
    for column, width in zip(table.columns, block.widths, strict=True):
        column.width = Cm(width)
    rows = ((block.header,) if block.header else ()) + block.rows
    total_from = len(rows) - block.total_rows
    captioned = int(bool(block.caption))

    def make_row(index: int) -> _Row:
        if index < captioned:
            return _caption_row(table, block.caption)
        r = index - captioned
        values = rows[r]
        row = table.add_row()
        is_header = bool(block.header) and r == 0
        _row_flags(row, is_header)
        cells = list(row.cells)
        for c, cell in enumerate(cells):
            cell.width = Cm(block.widths[c])
        span = _label_span(values) if r >= total_from else 1
        if span > 1:  # merge before writing: merging concatenates text
            cells[0] = cells[0].merge(cells[span - 1])
            cells[0].width = Cm(sum(block.widths[:span]))
        for c in [0, *range(span, len(values))]:
            align = "center" if is_header or (c == 0 and span > 1) else block.align[c]
            _fill_cell(cells[c], values[c], style, align, is_header or r >= total_from)
        return row

    yield from _rows_xml(
        table, captioned + len(rows), make_row, page_break=page_break, keep_together=block.keep_together
    )


def _caption_row(table, lines: tuple[str, ...]) -> _Row:  # type: ignore[no-untyped-def]
    """A row across all columns, the lines centred."""
    row = table.add_row()
    _row_flags(row, False)
    cells = row.cells
    cell = cells[0].merge(cells[-1]) if len(cells) > 1 else cells[0]
    _fill_cell(cell, "\n".join(lines), "CG Center", "center", False)
    return row


def _parallel_xml(doc: WordDocument, blocks: list[Parallel], page_break: bool) -> Iterator[bytes]:
    """Consecutive side-by-side rows as one borderless two-column table, row by row (_rows_xml)."""
    table = doc.add_table(rows=0, cols=2)
    table.autofit = False
    _borders(table, False)
    half = Cm(TEXT_WIDTH_CM / 2)
    for column in table.columns:
        column.width = half

    def make_row(index: int) -> _Row:
        block = blocks[index]
        row = table.add_row()
        for cell, paragraphs in zip(row.cells, (block.left, block.right), strict=True):
            cell.width = half
            for n, p in enumerate(paragraphs):
                target = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
                _write_paragraph(doc, target, p, indent=False)
                if block.keep_next:
                    target.paragraph_format.keep_with_next = True
                    target.paragraph_format.keep_together = True
        return row

    yield from _rows_xml(table, len(blocks), make_row, page_break=page_break)


def _write_paragraph(doc: WordDocument, target, block: Paragraph, indent: bool = True):  # type: ignore[no-untyped-def]
    _set_style(target, _BLOCK_STYLES[block.style])
    if block.style == "body" and not indent:  # a half-width column of a side-by-side contract
        target.paragraph_format.first_line_indent = Pt(0)
    if indent and block.lang == "en" and block.style in _JUSTIFIED_ENGLISH:
        target.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY  # narrow columns stay flush left: fewer gaps
    if block.keep_next:
        target.paragraph_format.keep_with_next = True
        target.paragraph_format.keep_together = True
    runs = [target.add_run(block.text)]
    if block.number:
        # （1） ends in a full-width bracket, which is its own gap: a further space would double it.
        runs[0].text = block.number + ("" if block.number.endswith("）") else block.gap)
        runs.append(target.add_run(block.text))
    if not indent:  # a half-width column: 五号 type, closer lines (the two languages share the width)
        target.paragraph_format.line_spacing = _COLUMN_LINE_SPACING
        for run in runs:
            run.font.size = Pt(_COLUMN_SIZES.get(block.style, _COLUMN_SIZE))
    return target


def _least_paragraph(doc: WordDocument, style: str, *, page_break: bool = False) -> bytes:
    """A paragraph of one short line and no text: the gap after a table (CG Spacer); the paragraph
    a Word body must end with, and the one that parts two tables (CG End)."""
    paragraph = doc.add_paragraph()
    _set_style(paragraph, style)
    if page_break:
        paragraph.paragraph_format.page_break_before = True
    return take_xml(paragraph._p)


def _groups(blocks: tuple[Block, ...]) -> list[Paragraph | Table | PageBreak | list[Parallel]]:
    """The blocks, with each run of consecutive Parallel rows gathered into one list (one table)."""
    out: list[Paragraph | Table | PageBreak | list[Parallel]] = []
    for block in blocks:
        last = out[-1] if out else None
        if isinstance(block, Parallel) and isinstance(last, list):
            last.append(block)
        else:
            out.append([block] if isinstance(block, Parallel) else block)
    return out


def _body_xml(doc: WordDocument, blocks: tuple[Block, ...]) -> Iterator[bytes]:
    """The body's content, element by element: each is made in the body, written and taken out
    (package.take_xml) before the next is made."""
    new_page = False
    groups = _groups(blocks)
    for index, group in enumerate(groups):
        if isinstance(group, PageBreak):
            new_page = True  # a property of the next block's first paragraph, never a paragraph of its own
            continue
        if isinstance(group, Paragraph):
            paragraph = _write_paragraph(doc, doc.add_paragraph(), group)
            if new_page:
                paragraph.paragraph_format.page_break_before = True
            yield take_xml(paragraph._p)
        else:
            if new_page and index > 1 and not isinstance(groups[index - 2], Paragraph):
                # A table after a table: Word and LibreOffice join tables that touch, and a page break
                # inside a table is lost. The least paragraph there is parts them, and starts the page.
                yield _least_paragraph(doc, "CG End", page_break=True)
                new_page = False
            if isinstance(group, list):
                yield from _parallel_xml(doc, group, new_page)
            else:
                yield from _table_xml(doc, group, new_page)
            following = groups[index + 1] if index + 1 < len(groups) else None
            if following is None:  # a Word body ends with a paragraph: the least one there is
                yield _least_paragraph(doc, "CG End")
            elif not isinstance(following, PageBreak):  # (a spacer there could make a page of its own)
                # tables must not touch (Word joins them), and text after one needs a gap
                yield _least_paragraph(doc, "CG Spacer")
        new_page = False


def build_docx(document: Document) -> bytes:
    """The .docx bytes of a document; the same document always gives the same bytes.

    python-docx saves every part with the body empty; the body's XML is then made element by
    element and streamed into the package (package.normalize_zip), never held as a whole tree."""
    doc = new_docx()
    _drop_styles_with_effects(doc)
    _setup_fonts(doc)
    _setup_styles(doc)
    _setup_page(doc, document)
    for paragraph in doc.paragraphs:
        # python-docx cannot delete a paragraph: remove the template's empty one from the XML.
        paragraph._p.getparent().remove(paragraph._p)
    _core_properties(doc, document)
    package = io.BytesIO()
    doc.save(package)
    return normalize_zip(package.getvalue(), body=_body_xml(doc, document.blocks))


# The file's dates when the signing date is left blank: fixed, so that the same spec gives the same bytes.
UNDATED = dt.datetime(2000, 1, 1)


def _core_properties(doc: WordDocument, document: Document) -> None:
    signed = dt.datetime.fromisoformat(document.signing_date) if document.signing_date else UNDATED
    props = doc.core_properties
    # A core property holds at most 255 characters; a spec text may be longer (the body has it whole).
    props.title = document.title[:255]
    props.subject = document.subject[:255]
    props.author = document.author[:255]
    props.last_modified_by = document.author[:255]
    props.created = signed
    props.modified = signed
    props.last_printed = signed
    props.revision = 1
    props.keywords = "contractgen"
    props.comments = ""
    props.category = ""
    props.language = {"zh": "zh-CN", "en": "en-US", "zh-en": "zh-CN"}[document.lang]
