"""The articles of one contract (第N条): which entries of contract.yaml apply (`when`), their numbers,
cross-references, and each article's blocks from its clause template."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import jinja2

from ..errors import RenderError
from ..spec.model import Contract
from .blocks import Block, Paragraph
from .templates import TemplateSet

if TYPE_CHECKING:
    from .renderer import Renderer


class ArticlePlan:
    """The included articles in order, numbered from 1, and the annexes numbered in spec order."""

    def __init__(self, templates: TemplateSet, contract: Contract, output_lang: str, env: jinja2.Environment):
        self.templates = templates
        self.entries: list[dict[str, Any]] = [
            entry for entry in templates.manifest["articles"] if self._included(entry, env, contract, output_lang)
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
            why = "which this contract leaves out" if clause_id in known else "which does not exist"
            raise RenderError(f"{where}: refers to clause {clause_id!r}, {why}")
        return self.numbers[clause_id]


def article(r: Renderer, entry: dict[str, Any], n: int) -> list[Block]:
    """Article n: its heading and the blocks of clauses/<id>.<lang>.j2."""
    heading = Paragraph(r.words.heading(n, entry["title"][r.lang]), "heading", "", r.lang)
    name = f"{entry['id']}.{r.lang}.j2"
    body = r.blocks(name, n)
    if not body:
        raise RenderError(f"{r.templates.where(f'clauses/{name}')}: clause {entry['id']} rendered no text")
    return [heading, *body]
