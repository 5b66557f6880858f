"""The line markup of rendered templates -> blocks, and the literal marks that keep printed values out of it.

A template's own lines are markup: '§ text' a numbered sub-clause ('§[name] text' one that a spec
and ref('article.name') can address), '¶[name] text' a paragraph without a number that a spec can
address (the opening sentence of an annex; '¶ text' one more such paragraph), '- text' an item,
'@table NAME args' a table, any other line a plain paragraph. What a template prints with {{ … }} is never
markup: the environment's finalize hook wraps every printed value in LITERAL_START … LITERAL_END
(see literal()), and the parser below neither splits lines nor reads markup inside such a span; it
removes the marks from the text it puts in a block. A line break inside a value thus stays in its
paragraph, where Word shows it as a line break.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from .blocks import Block, Paragraph, Table

# Unicode noncharacters, which the standard reserves for a program's internal use: no real text
# contains them, and any that a spec value carries are dropped.
LITERAL_START = "\ufdd0"
LITERAL_END = "\ufdd1"
_UNMARK = str.maketrans({LITERAL_START: None, LITERAL_END: None})
_SPAN = re.compile(f"{LITERAL_START}[^{LITERAL_END}]*{LITERAL_END}")
# A cross-reference to a sub-clause, whose number is known only once every article is parsed:
# REF_START id REF_END in the text, replaced by resolve_refs().
REF_START = "\ufdd2"
REF_END = "\ufdd3"
_REF = re.compile(f"{REF_START}([^{REF_END}]*){REF_END}")
# A named sub-clause or paragraph line: '§[name] text', '¶[name] text'.
_NAMED = re.compile(r"[§¶]\[([a-z][a-z0-9_]*)\] ")
SUBCLAUSE, PARAGRAPH = "§", "¶"  # the marks of a numbered sub-clause and of an addressable paragraph
# The line boundaries of str.splitlines, which the markup has always split on.
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def literal(value: object) -> str:
    """A printed value, marked so that markup never reads it (the Jinja finalize hook)."""
    text = unmark(str(value))  # a value holding marked text (a macro, the due filter) becomes one span
    return f"{LITERAL_START}{text}{LITERAL_END}" if text else ""


def unmark(text: str) -> str:
    """Text without literal marks."""
    return text.translate(_UNMARK)


def replace_outside_literals(rendered: str, old: str, new: str) -> str:
    """rendered with old replaced by new in the template's own text only (printed values are kept)."""
    pieces: list[str] = []
    position = 0
    for span in [*_SPAN.finditer(rendered), None]:
        end = span.start() if span else len(rendered)
        pieces.append(rendered[position:end].replace(old, new))
        if span:
            pieces.append(span.group())
            position = span.end()
    return "".join(pieces)


def split_lines(rendered: str) -> list[str]:
    """The lines of rendered text; a line break inside a literal span does not end its line."""
    lines: list[str] = []
    current = ""
    position = 0
    for span in [*_SPAN.finditer(rendered), None]:
        plain = rendered[position : span.start() if span else len(rendered)]
        first, *rest = _LINE_BREAK.split(plain)
        current += first
        for piece in rest:
            lines.append(current)
            current = piece
        if span:
            current += span.group()
            position = span.end()
    lines.append(current)
    return lines


TableMaker = Callable[[str, list[str]], Table]


def subclause_name(line: str) -> str | None:
    """The name of a '§[name] text' or '¶[name] text' line (stripped), None for any other line. A
    name may hold a printed number (deduction_{{ loop.index }}), so it is read without the literal marks."""
    named = _NAMED.match(unmark(line[: line.find("] ") + 2])) if line.startswith(("§[", "¶[")) else None
    return named.group(1) if named else None


def subclause_text(line: str) -> str:
    """The text of a '§ text', '§[name] text', '¶ text' or '¶[name] text' line (stripped)."""
    return line[line.find("] ") + 2 :] if line.startswith(("§[", "¶[")) else line[2:]


def sub_clause_segments(lines: list[str]) -> list[list[str]]:
    """Lines cut before each sub-clause ('§' line) and each addressable paragraph ('¶' line): the
    lines before the first, then one list per sub-clause with its items and paragraphs, or per
    paragraph with its items (a line after those starts a list of its own)."""
    segments: list[list[str]] = [[]]
    for line in lines:
        stripped = line.strip()
        own_paragraph = segments[-1] and segments[-1][0].strip().startswith(PARAGRAPH)
        if stripped.startswith((SUBCLAUSE, PARAGRAPH)) or (own_paragraph and not stripped.startswith("- ")):
            segments.append([])
        segments[-1].append(line)
    return segments


def ref_mark(target: str) -> str:
    """A sub-clause reference in text, resolved once all numbers are known (resolve_refs)."""
    return f"{REF_START}{target}{REF_END}"


def resolve_refs(text: str, word: Callable[[str], str]) -> str:
    """text with each sub-clause reference worded by word(target)."""
    return _REF.sub(lambda m: word(m.group(1)), text) if REF_START in text else text


def resolve_block_refs(block: Block, word: Callable[[str], str]) -> Block:
    """A block with the sub-clause references in its text worded by word(target)."""
    if isinstance(block, Paragraph):
        text = resolve_refs(block.text, word)
        return block if text == block.text else replace(block, text=text)
    if isinstance(block, Table):
        return replace(
            block,
            header=tuple(resolve_refs(cell, word) for cell in block.header) if block.header else None,
            rows=tuple(tuple(resolve_refs(cell, word) for cell in row) for row in block.rows),
            caption=tuple(resolve_refs(line, word) for line in block.caption),
        )
    return block


def parse(
    rendered: str,
    *,
    lang: str,
    clause_number: Callable[[int], str],
    item_number: Callable[[int], str],
    table: TableMaker,
    gap: str = " ",
    numbered: Callable[[str, str], None] | None = None,
) -> list[Block]:
    """Rendered template text -> blocks; numbers are counted here and worded by the two callables;
    numbered(name, number) hears the number of each named sub-clause."""
    blocks: list[Block] = []
    sub = item = 0
    for raw in split_lines(rendered):
        line = raw.strip()
        if not unmark(line).strip():
            continue
        name = subclause_name(line)
        if line.startswith(("¶ ", "¶[")):
            item = 0
            blocks.append(Paragraph(unmark(subclause_text(line)).strip(), "body", "", lang, name=name or ""))
        elif line.startswith("§ ") or name:
            sub += 1
            item = 0
            number = clause_number(sub)
            if name and numbered:
                numbered(name, number)
            blocks.append(Paragraph(unmark(subclause_text(line)).strip(), "clause", number, lang, gap, name=name or ""))
        elif line.startswith("- "):
            item += 1
            blocks.append(Paragraph(unmark(line[2:]).strip(), "item", item_number(item), lang, gap))
        elif line.startswith("@table "):
            name, *args = (unmark(word) for word in line.split()[1:])
            blocks.append(table(name, args))
        else:
            blocks.append(Paragraph(unmark(line).strip(), "body", "", lang))
    return blocks
