"""The fixed pages around the clauses: cover with the parties and preamble, end mark, signature page, annexes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..spec.model import Annex, BankLines, CoverDate, Party
from .blocks import TEXT_WIDTH_CM, Block, Paragraph, Table

if TYPE_CHECKING:
    from .renderer import Renderer


def cover(r: Renderer) -> list[Block]:
    blocks = identity(r, "title", "subtitle")
    for party in (r.contract.buyer, r.contract.supplier):
        blocks.extend(party_lines(r, party))
    blocks.extend(r.blocks(f"preamble.{r.lang}.j2", None))
    return blocks


def identity(r: Renderer, title_style: str, style: str) -> list[Block]:
    """The title, then the contract number, project name and project number the spec gives."""
    c, w, lang = r.contract, r.words, r.lang
    blocks: list[Block] = [Paragraph(w.text(c.title), title_style, "", lang)]
    if c.number:
        blocks.append(Paragraph(w.format("cover_number", number=w.code(c.number)), style, "", lang))
    if c.project_name:
        blocks.append(Paragraph(w.format("cover_project", name=w.text(c.project_name)), style, "", lang))
    if c.project_number:
        blocks.append(Paragraph(w.format("cover_project_number", number=c.project_number), style, "", lang))
    return blocks


def party_heading(r: Renderer, p: Party) -> str:
    """甲方（采购人） / Party A (Buyer), or 甲方 / Party A when the spec leaves the roles out."""
    return r.words.fixed(p.side if r.contract.party_roles else f"party_plain.{p.side}")


def party_lines(r: Renderer, p: Party) -> list[Block]:
    """A party's name under its heading (甲方（采购人）), then each field it has."""
    w, lang = r.words, r.lang
    lines: list[Block] = [Paragraph(w.field(party_heading(r, p), w.text(p.name)), "party", "", lang)]

    def field(key: str, value: str | None) -> None:
        if value:
            lines.append(Paragraph(w.field(w.fixed(f"party_fields.{key}"), value), "party_field", "", lang))

    field("credit_code", p.credit_code)
    field("address", w.text(p.address))
    field("postcode", p.postcode)
    if p.representative_role and p.representative_name:  # a blank name prints a line to write on
        field(p.representative_role, w.text(p.representative_name))
    field("contact", w.text(p.contact.name) if p.contact.name else None)
    field("phone", p.contact.phone)
    field("fax", p.contact.fax)
    field("email", p.contact.email)
    if p.bank and r.contract.bank_lines != BankLines.PAYMENT:
        field("account_name", w.text(p.bank.account_name) if p.bank.account_name else None)
        field("bank", w.text(p.bank.bank))
        field("account", p.bank.account)
    return lines


def end_mark(r: Renderer) -> list[Block]:
    return [Paragraph(r.words.fixed("no_more_text"), "center", "", r.lang)]


def title_page(r: Renderer) -> list[Block]:
    """The cover page (output.cover): the title, the contract and project numbers, the parties (unless
    output.cover_parties is false) and the signing date, or its month alone, or nothing of it
    (output.cover_date; a line to fill in unless the spec prints it); only facts the spec gives."""
    c, w, lang = r.contract, r.words, r.lang
    blocks = identity(r, "cover_title", "cover_line")
    if c.cover_parties:
        for p in (c.buyer, c.supplier):
            blocks.append(Paragraph(w.field(party_heading(r, p), w.text(p.name)), "cover_line", "", lang))
    if c.cover_date == CoverDate.DATE:
        blocks.append(Paragraph(w.fixed("signature.date") + signing_date(r), "cover_line", "", lang))
    elif c.cover_date == CoverDate.MONTH:
        month = w.month(c.signed_on) if c.print_signing_date and c.signed_on else w.fixed("signature.month_blank")
        blocks.append(Paragraph(month, "cover_line", "", lang))
    return blocks


def signing_date(r: Renderer) -> str:
    """The signing date as the signature page prints it: the date when the spec says to print it
    (output.signature_date) and gives one, else a line to fill in by hand."""
    c, w = r.contract, r.words
    if c.print_signing_date and c.signed_on:
        return w.date(c.signed_on)
    return w.fixed("signature.date_blank")


def reference_translation(r: Renderer) -> bool:
    """r renders the English reference translation of a contract signed in Chinese only
    (output.language: zh): nothing in it is to be signed. A zh-en rendering keeps the Chinese lines."""
    return r.output_lang == "en" and not r.contract.bilingual


def signature_page(r: Renderer) -> list[Block]:
    """《…》签署页: the title, then a row per line (seal, signature, date, bank) with a column per party,
    so the parties' lines stand level; kept on one page. The English reference translation of a
    contract signed in Chinese only says that it translates the Chinese page and prints the parties'
    names, the signing date if the spec prints it and the bank lines, but no line to sign or fill in."""
    c, w = r.contract, r.words
    parties = (c.buyer, c.supplier)
    reference = reference_translation(r)

    def signatory(p: Party) -> str:
        role = p.representative_role
        return w.fixed(f"signature.signatory_as.{role}" if role else "signature.signatory")

    rows: list[tuple[str, ...]]
    if reference:
        rows = [tuple(w.field(party_heading(r, p), w.text(p.name)) for p in parties)]
        if c.print_signing_date and c.signed_on:
            rows.append((w.fixed("signature.date") + w.date(c.signed_on),) * 2)
    else:
        rows = [
            tuple(w.field(party_heading(r, p) + w.fixed("signature.seal"), w.text(p.name)) for p in parties),
            ("\n", "\n"),  # room for the seals
            tuple(signatory(p) for p in parties),
            ("\n", "\n"),  # room for the signatures
            (w.fixed("signature.date") + signing_date(r),) * 2,
        ]
    if any(p.bank for p in parties) and c.bank_lines == BankLines.EVERYWHERE:

        def bank_line(p: Party, key: str) -> str:
            if p.bank is None:
                return ""
            written = {"account_name": p.bank.account_name, "bank": p.bank.bank}.get(key)
            value = w.text(written) if written is not None else p.bank.account if key == "account" else None
            return w.field(w.fixed(f"party_fields.{key}"), value) if value else ""

        keys = ("account_name", "bank", "account") if any(p.bank and p.bank.account_name for p in parties) else ()
        rows.extend(tuple(bank_line(p, key) for p in parties) for key in keys or ("bank", "account"))
    caption = [w.format("signature_title", title=w.text(c.title))]
    if reference:
        caption.append(w.fixed("signature.translation"))
    if c.signing_place:
        caption.append(w.fixed("signature.place") + w.text(c.signing_place))
    width = TEXT_WIDTH_CM / 2
    # The title is a row of the table: LibreOffice does not keep a paragraph with the table after it.
    return [
        Table(
            None, tuple(rows), (width, width), ("left",) * 2, borders=False, keep_together=True, caption=tuple(caption)
        )
    ]


def annex(r: Renderer, name: Annex) -> list[Block]:
    """Annex n: its title line and the blocks of clauses/annex_<name>.<lang>.j2."""
    n = r.plan.annex_numbers[name]
    title_format = r.templates.manifest["annex_title"][r.lang]
    title = title_format.format(n=n, title=r.annex_title(name))
    return [Paragraph(title, "annex_title", "", r.lang), *r.blocks(f"annex_{name}.{r.lang}.j2", None)]
