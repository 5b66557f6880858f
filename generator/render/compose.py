"""compose(): a contract and a template folder -> the block Document, in zh, en or zh-en. Pure: writes nothing.

The pieces: templates (the folder, checked on load), labels (what labels.yaml must hold), wording
(values as words), environment (the Jinja filters and globals), markup (lines -> blocks, printed
values kept literal), articles (which apply, numbering), tables, pages (cover, signature, annexes),
bilingual (zh-en pairing), renderer (one language's renderer that ties them together).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from ..errors import UnprintedSubClauseError
from ..spec.model import Contract
from .articles import article
from .bilingual import Unit, pair_units
from .blocks import Block, Document, PageBreak, Paragraph, Table
from .pages import annex, cover, end_mark, signature_page, title_page
from .renderer import Renderer
from .templates import load_templates, templates_dir

__all__ = ["compose", "outline", "templates_dir"]


def units(r: Renderer) -> list[Unit]:
    """(key, blocks) in document order; the same keys in every language."""
    result: list[Unit] = [("title_page", [*title_page(r), PageBreak()])] if r.contract.cover else []
    result.append(("cover", cover(r)))
    for n, entry in enumerate(r.plan.entries, start=1):
        result.append((f"article:{entry['id']}", article(r, entry, n)))
    # The last article stays on the page of （以下无正文）, which thus never stands alone on a page.
    key, last = result[-1]
    result[-1] = (key, [replace(b, keep_next=True) if isinstance(b, Paragraph) else b for b in last])
    result.append(("end", end_mark(r)))
    result.append(("signature", [PageBreak(), *signature_page(r)]))
    for name in r.contract.annexes:
        result.append((f"annex:{name}", [PageBreak(), *annex(r, name)]))
    return result


def resolved_units(r: Renderer) -> list[Unit]:
    """The units with their sub-clause references numbered; every change the spec makes to a
    sub-clause must have found that sub-clause."""
    built = units(r)
    unchanged = r.unchanged_subclauses()
    if unchanged:
        raise UnprintedSubClauseError(unchanged)
    return [(key, r.resolved(blocks)) for key, blocks in built]


def outline(contract: Contract, lang: str, templates: Path | None = None) -> list[str]:
    """The articles of the contract in zh or en, a line per paragraph, each article headed by its id
    and each named sub-clause led by its id (what `contractgen clauses SPEC` shows a drafter); then
    the annexes whose templates name paragraphs a spec may change, the same way."""
    template_set = load_templates(templates)
    r = Renderer(contract, lang, lang, template_set)
    built = resolved_units(r)
    addressable = {f"annex:{template.removeprefix('annex_')}": template for template in template_set.annexes_named()}
    lines: list[str] = []
    for key, blocks in built:
        if key.startswith("article:"):
            article_id = key.removeprefix("article:")
        elif key in addressable:
            article_id = addressable[key]
        else:
            continue
        lines.append(f"[{article_id}]")
        for block in blocks:
            if isinstance(block, Paragraph):
                named = f"[{article_id}.{block.name}] " if block.name else ""
                lines.append(
                    f"  {named}{block.number} {block.text}".rstrip() if block.number else f"  {named}{block.text}"
                )
            elif isinstance(block, Table):
                lines.append("  " + " | ".join(block.header or block.rows[0]) + " …")
    return lines


def compose(contract: Contract, lang: str, templates: Path | None = None) -> Document:
    """The contract in lang (zh, en or zh-en) as a block Document, from a template folder."""
    template_set = load_templates(templates)
    codes = ("zh", "en") if lang == "zh-en" else (lang,)
    renderers = {code: Renderer(contract, code, lang, template_set) for code in codes}
    unit_lists = {code: resolved_units(r) for code, r in renderers.items()}
    if lang == "zh-en":
        blocks: list[Block] = pair_units(unit_lists["zh"], unit_lists["en"])
    else:
        blocks = [b for _, unit in unit_lists[lang] for b in unit]
    # Outside the columns (title, page header and footer) a zh-en contract uses the Chinese wording.
    main = renderers["en" if lang == "en" else "zh"]
    title = header_title = main.words.text(contract.title)
    if lang == "zh-en":  # the page header keeps to one line: the Chinese title only
        title = main.words.format("title_zh_en", zh=title, en=renderers["en"].words.text(contract.title))
    number = main.words.format("cover_number", number=main.words.code(contract.number)) if contract.number else None
    footer = main.templates.labels.texts("footer", main.lang)
    return Document(
        lang=lang,
        title=title,
        header_text=main.words.format("page_header", title=header_title, number=number) if number else header_title,
        footer=(footer[0], footer[1], footer[2]),
        author=main.words.text(contract.buyer.name),
        subject=main.words.text(contract.project_name) if contract.project_name else "",
        signing_date=contract.signing_date.isoformat() if isinstance(contract.signing_date, dt.date) else None,
        blocks=tuple(blocks),
        warnings=tuple(renderers["en"].words.untranslated) if "en" in renderers else (),
        cover=contract.cover,
    )
