"""The articles of one contract (第N条): which entries of contract.yaml apply (`when`), their numbers,
cross-references, and each article's blocks from its clause template."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import jinja2

from ..errors import LeftOutArticleError, RenderError
from ..spec.model import ArticleChanges, Contract, Text
from .blocks import Block, Paragraph
from .templates import TemplateSet

if TYPE_CHECKING:
    from .renderer import Renderer


class ArticlePlan:
    """The included articles in order, numbered from 1, and the annexes numbered in spec order."""

    def __init__(self, templates: TemplateSet, contract: Contract, output_lang: str, env: jinja2.Environment):
        self.templates = templates
        changes = contract.articles
        omitted = set(changes.omit) if changes else set()
        self.entries: list[dict[str, Any]] = [
            entry
            for entry in with_spec_articles(templates.manifest["articles"], changes)
            if entry["id"] not in omitted and self._included(entry, env, contract, output_lang)
        ]
        self.numbers = {entry["id"]: n for n, entry in enumerate(self.entries, start=1)}
        self.annex_numbers = {name: n for n, name in enumerate(contract.annexes, start=1)}

    def _included(self, entry: dict[str, Any], env: jinja2.Environment, contract: Contract, lang: str) -> bool:
        when = entry.get("when")
        if not when:
            return True
        try:
            return bool(env.compile_expression(when)(c=contract, lang=lang))
        except jinja2.TemplateError as e:
            raise RenderError(f"{self.templates.where('contract.yaml')}: clause {entry['id']}: when: {e}") from e

    def number(self, clause_id: str, where: str) -> int:
        """The number of an article referred to (by id) from the template at where."""
        if clause_id not in self.numbers:
            known = {entry["id"] for entry in self.templates.manifest["articles"]}
            why = (
                "which this contract leaves out (when:, or the spec's articles.omit)"
                if clause_id in known
                else "which does not exist"
            )
            message = f"{where}: refers to clause {clause_id!r}, {why}"
            if clause_id in known:
                raise LeftOutArticleError(message, clause_id, where)
            raise RenderError(message)
        return self.numbers[clause_id]


FIRST = "start"  # articles.insert[].after: the new article comes before every other


def with_spec_articles(manifest: list[dict[str, Any]], changes: ArticleChanges | None) -> list[dict[str, Any]]:
    """The manifest's articles with the spec's changes: inserted articles after their anchor (in
    spec order), replaced text, appended sub-clauses and new titles attached to their entries. An entry with
    `text` is printed from the spec, not from a template; `more` is printed after its template."""
    if changes is None:
        return list(manifest)
    entries = [dict(entry) for entry in manifest]
    # an unknown id or anchor is rule articles.known-ids' finding
    for new in changes.insert:
        _put_after(entries, new.after, {"id": new.id, "title": new.title, "text": new.text})
    for moved in changes.move:
        here = next((i for i, entry in enumerate(entries) if entry["id"] == moved.id), None)
        if here is not None:
            _put_after(entries, moved.after, entries.pop(here))
    by_id = {entry["id"]: entry for entry in entries}
    for replaced in changes.replace:
        if replaced.id in by_id:  # a sub-clause's replacement (article.name) is the renderer's
            by_id[replaced.id]["text"] = replaced.text
    for added in changes.append:
        if added.id in by_id:
            by_id[added.id]["more"] = by_id[added.id].get("more", ()) + added.text
    for renamed in changes.retitle:
        if renamed.id in by_id:  # an id it does not have is rule articles.known-ids' finding
            by_id[renamed.id]["title"] = renamed.title
    return entries


def _put_after(entries: list[dict[str, Any]], after: str, entry: dict[str, Any]) -> None:
    """Place entry right after the article after (FIRST: before all; unknown: at the end)."""
    anchor = -1 if after == FIRST else next((i for i, e in enumerate(entries) if e["id"] == after), len(entries) - 1)
    entries.insert(anchor + 1, entry)


def article(r: Renderer, entry: dict[str, Any], n: int) -> list[Block]:
    """Article n: its heading, and its text: clauses/<id>.<lang>.j2, or the spec's sub-clauses."""
    title = entry["title"]
    heading = Paragraph(
        r.words.heading(n, r.words.text(title) if isinstance(title, Text) else title[r.lang]), "heading", "", r.lang
    )
    name = f"{entry['id']}.{r.lang}.j2"
    spec_lines = r.spec_subclauses(entry.get("text", ()) + entry.get("more", ()))
    body = r.parse("\n".join(spec_lines), n, name) if "text" in entry else r.blocks(name, n, extra_lines=spec_lines)
    if not body:
        raise RenderError(f"{r.templates.where(f'clauses/{name}')}: clause {entry['id']} rendered no text")
    return [heading, *body]
