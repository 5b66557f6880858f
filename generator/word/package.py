"""The .docx bytes: python-docx's package rewritten with fixed timestamps, and the body's XML streamed
into word/document.xml element by element.

python-docx holds a document's whole element tree and serializes it at once; a contract with
thousands of table rows makes a tree of several hundred MiB. The writer instead builds each body
element (a paragraph, a table row) with python-docx, takes its XML here and drops the element, so
one element at a time is in memory; the XML written is byte for byte what lxml writes for the tree.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator

from docx.oxml.xmlchemy import BaseOxmlElement
from lxml import etree

DOCUMENT_PART = "word/document.xml"
_W_DECLARATION = b' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_BODY_START = b"<w:body>"
_TAG = re.compile(rb"<([\w:]+)")


def take_xml(element: BaseOxmlElement) -> bytes:
    """The XML of an element of document.xml as lxml writes it inside the document, taking the
    element out of its tree.

    Written by hand because lxml has no way to serialize an element as part of its document: out
    of the tree, the element carries a declaration of the one namespace it uses (xmlns:w), which
    document.xml makes once, on its root. That declaration is dropped from the start tag."""
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)
    xml: bytes = etree.tostring(element, encoding="UTF-8")
    start_tag = xml[: xml.index(b">")]  # lxml writes a > in an attribute value as &gt;
    if start_tag.count(b" xmlns") != 1 or _W_DECLARATION not in start_tag:
        raise ValueError(f"a body element uses a namespace document.xml's root does not declare: {start_tag!r}")
    return xml.replace(_W_DECLARATION, b"", 1)


def take_open_xml(element: BaseOxmlElement) -> tuple[bytes, bytes]:
    """A container's XML split around the children still to come (a table's rows): its start tag
    with the children it has so far, and its end tag. The element leaves its tree, as in take_xml."""
    xml = take_xml(element)
    end = b"</" + _TAG.match(xml).group(1) + b">"  # type: ignore[union-attr]
    if xml.endswith(b"/>"):  # no children yet: lxml closes the start tag itself
        return xml[:-2] + b">", end
    return xml[: -len(end)], end


def _with_body(document_xml: bytes, body: Iterable[bytes]) -> Iterator[bytes]:
    """document.xml with body's XML as the body's content, before its section properties (the one
    element python-docx's package keeps in the body)."""
    at = document_xml.index(_BODY_START) + len(_BODY_START)
    if not document_xml.startswith(b"<w:sectPr", at):
        raise ValueError("the package's body holds more than its section properties")
    yield document_xml[:at]
    yield from body
    yield document_xml[at:]


def normalize_zip(data: bytes, *, body: Iterable[bytes] | None = None) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, entries in their original order.

    With body, word/document.xml gets body's XML as its body's content, compressed as it comes:
    deflate's output does not depend on how its input is cut, so the bytes are those of the whole
    part written at once."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 0
            if body is not None and info.filename == DOCUMENT_PART:
                with target.open(fixed, "w") as entry:
                    for chunk in _with_body(source.read(info.filename), body):
                        entry.write(chunk)
            else:
                target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
