"""One language's renderer: the contract, its wording, clause plan and environment; templates -> text -> blocks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import jinja2

from ..errors import RenderError
from ..spec.model import Contract, Due
from .articles import ArticlePlan
from .blocks import Block, Table
from .environment import build_environment
from .markup import parse, replace_outside_literals
from .tables import build_table
from .templates import TemplateSet
from .wording import Wording


class Renderer:
    """Renders templates of one language (zh or en) for a contract whose output language is output_lang."""

    def __init__(self, contract: Contract, lang: str, output_lang: str, templates: TemplateSet):
        self.contract = contract
        self.lang = lang
        self.output_lang = output_lang  # what templates see as `lang`: zh, en or zh-en
        self.templates = templates
        self.words = Wording(templates.labels, lang)
        self.current = ""  # the template being rendered, for error messages
        self.env = build_environment(self)
        self.plan = ArticlePlan(templates, contract, output_lang, self.env)

    @contextmanager
    def _in(self, name: str) -> Iterator[str]:
        """Errors raised meanwhile name clauses/<name>; nested templates (the due filter) restore the outer one."""
        outer, self.current = self.current, self.templates.where(f"clauses/{name}")
        try:
            yield self.current
        finally:
            self.current = outer

    def render(self, name: str, **extra: Any) -> str:
        """A template of clauses/ rendered; printed values are marked literal (see markup)."""
        with self._in(name) as where:
            try:
                return self.env.get_template(name).render(c=self.contract, lang=self.output_lang, **extra)
            except jinja2.TemplateSyntaxError as e:
                # the error may be in a template this one imports (_macros)
                where = self.templates.where(f"clauses/{e.name}") if e.name else where
                raise RenderError(f"{where}:{e.lineno}: {e.message}") from e
            except jinja2.TemplateNotFound as e:
                raise RenderError(f"template {e.name} not found in {self.templates.root / 'clauses'}") from e
            except jinja2.UndefinedError as e:
                raise RenderError(f"{where}: undefined variable: {e.message}") from e
            except (jinja2.TemplateError, TypeError) as e:  # e.g. a filter or macro called with wrong arguments
                raise RenderError(f"{where}: {e}") from e

    def blocks(self, name: str, article: int | None, extra_lines: list[str] | None = None) -> list[Block]:
        """A template rendered (with extra markup lines after it) and parsed; § lines are numbered
        within article (None: 1., 2. …)."""
        rendered = self.render(name)
        if extra_lines:
            rendered = rendered.rstrip("\n") + "\n" + "\n".join(extra_lines) + "\n"
        return self.parse(rendered, article, name)

    def parse(self, rendered: str, article: int | None, name: str) -> list[Block]:
        """Rendered markup -> blocks; errors name the template the text came from."""
        rendered = self.self_named(rendered)
        with self._in(name):  # a wrong @table line names the template it is in
            return parse(
                rendered,
                lang=self.lang,
                clause_number=lambda n: self.words.subclause_number(article, n),
                item_number=self.words.item_number,
                table=self.table,
                gap=self.words.fixed("numbering.gap"),
            )

    def self_named(self, rendered: str) -> str:
        """Template text that names the document (本合同 / this Contract) as the spec calls it."""
        standard, called = self.words.label("called", "contract"), self.words.label("called", self.contract.called)
        if called == standard:
            return rendered
        for old, new in ((standard, called), (standard[:1].upper() + standard[1:], called[:1].upper() + called[1:])):
            rendered = replace_outside_literals(rendered, old, new)
        return rendered

    def table(self, name: str, args: list[str]) -> Table:
        return build_table(self, name, args)

    def due(self, due: Due) -> str:
        """When an instalment is due, worded by clauses/_due.<lang>.j2 (clause text and table alike)."""
        # The line break an editor leaves at the end of the file is not part of the phrase.
        return self.render(f"_due.{self.lang}.j2", d=due).strip()

    def ref(self, clause_id: str) -> str:
        """The article a cross-reference names: 第六条 / Article 6."""
        return self.words.article(self.plan.number(clause_id, self.current))
