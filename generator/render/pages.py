"""The fixed pages around the clauses: cover with the parties and preamble, end mark, signature page, annexes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..spec.model import Annex, Party
from .blocks import TEXT_WIDTH_CM, Block, Paragraph, Table

if TYPE_CHECKING:
    from .renderer import Renderer


def cover(r: Renderer) -> list[Block]:
    c, w, lang = r.contract, r.words, r.lang
    blocks: list[Block] = [Paragraph(w.text(c.title), "title", "", lang)]
    if c.number:
        blocks.append(Paragraph(w.format("cover_number", number=w.code(c.number)), "subtitle", "", lang))
    if c.project_name:
        blocks.append(Paragraph(w.format("cover_project", name=w.text(c.project_name)), "subtitle", "", lang))
    if c.project_number:
        blocks.append(Paragraph(w.format("cover_project_number", number=c.project_number), "subtitle", "", lang))
    for party in (c.buyer, c.supplier):
        blocks.extend(party_lines(r, party))
    blocks.extend(r.blocks(f"preamble.{lang}.j2", None))
    return blocks


def party_lines(r: Renderer, p: Party) -> list[Block]:
    """A party's name under its heading (甲方（采购人）), then each field it has."""
    w, lang = r.words, r.lang
    lines: list[Block] = [Paragraph(w.field(w.fixed(p.side), w.text(p.name)), "party", "", lang)]

    def field(key: str, value: str | None) -> None:
        if value:
            lines.append(Paragraph(w.field(w.fixed(f"party_fields.{key}"), value), "party_field", "", lang))

    field("credit_code", p.credit_code)
    field("address", w.text(p.address))
    field("postcode", p.postcode)
    if p.representative_role and p.representative_name:  # a blank name prints a line to write on
        field(p.representative_role, w.text(p.representative_name))
    field("contact", w.text(p.contact.name))
    field("phone", p.contact.phone)
    field("fax", p.contact.fax)
    field("email", p.contact.email)
    if p.bank:
        field("account_name", w.text(p.bank.account_name))
        field("bank", w.text(p.bank.bank))
        field("account", p.bank.account)
    return lines


def end_mark(r: Renderer) -> list[Block]:
    return [Paragraph(r.words.fixed("no_more_text"), "center", "", r.lang)]


def signature_page(r: Renderer) -> list[Block]:
    c, w, lang = r.contract, r.words, r.lang
    title = w.text(c.title)
    cells = []
    for p in (c.buyer, c.supplier):
        lines = [
            w.field(w.fixed(p.side) + w.fixed("signature.seal"), w.text(p.name)),
            "",
            "",  # room for the seal
            w.fixed(
                f"signature.signatory_as.{p.representative_role}" if p.representative_role else "signature.signatory"
            ),
            "",
            "",  # room for the signature
            w.fixed("signature.date") + w.date(c.signing_date),
        ]
        if p.bank:
            lines += [
                "",
                w.field(w.fixed("party_fields.account_name"), w.text(p.bank.account_name)),
                w.field(w.fixed("party_fields.bank"), w.text(p.bank.bank)),
                w.field(w.fixed("party_fields.account"), p.bank.account),
            ]
        cells.append("\n".join(lines))  # one cell per party, a paragraph per line
    place = w.fixed("signature.place") + w.text(c.signing_place) if c.signing_place else None
    page: list[Block] = [
        Paragraph(w.format("signature_title", title=title), "center", "", lang),
        Table(None, (tuple(cells),), (TEXT_WIDTH_CM / 2,) * 2, ("left", "left"), borders=False),
    ]
    return page + [Paragraph(place, "body_plain", "", lang)] if place else page


def annex(r: Renderer, name: Annex) -> list[Block]:
    """Annex n: its title line and the blocks of clauses/annex_<name>.<lang>.j2."""
    n = r.plan.annex_numbers[name]
    title_format = r.templates.manifest["annex_title"][r.lang]
    title = title_format.format(n=n, title=r.words.label("annex", name))
    return [Paragraph(title, "annex_title", "", r.lang), *r.blocks(f"annex_{name}.{r.lang}.j2", None)]
