"""Writing notes into a copy of a .docx as Word comments, each on the paragraph or table cell it
is about (audit --annotate), so that a reviewer sees them in Word or WPS.

The same document and notes always give the same bytes: comments carry no date, and the package
is rewritten with fixed timestamps."""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from .package import normalize_zip
from .reader import Anchor, open_docx

AUTHOR = "contractgen audit"
INITIALS = "CG"


def _element(body, anchor: Anchor):  # type: ignore[no-untyped-def]
    element = body
    for index in anchor:
        if index >= len(element):
            return None
        element = element[index]
    return element


def annotate(raw: bytes, notes: Sequence[tuple[Anchor, str]], name: str) -> bytes:
    """A copy of the .docx with each (anchor, text) written as a comment on the paragraph or cell
    the anchor names (read_docx gives the anchors); a note whose anchor is gone is put on the
    first paragraph, so that nothing is lost."""
    document = open_docx(raw, name)
    body = document.element.body
    for anchor, text in notes:
        element = _element(body, anchor) if anchor else None
        if element is not None and element.tag == qn("w:tc"):
            element = element.find(qn("w:p"))
        if element is None or element.tag != qn("w:p"):
            element = body.find(qn("w:p"))
        paragraph = document.add_paragraph() if element is None else Paragraph(element, document._body)
        runs = paragraph.runs or [paragraph.add_run("")]
        comment = document.add_comment(runs, text=text, author=AUTHOR, initials=INITIALS)
        # python-docx stamps the current time; the copy must not depend on when it is made
        comment._comment_elm.date = None
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue())
