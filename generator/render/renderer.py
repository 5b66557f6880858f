"""One language's renderer: the contract, its wording, clause plan and environment; templates -> text -> blocks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import jinja2

from ..errors import LeftOutArticleError, RenderError
from ..spec.model import (
    ANNEX_TEMPLATES,
    Contract,
    Due,
    Instalment,
    SubClauseChanges,
    Text,
    article_of,
    clause_items,
    spec_refs,
)
from .articles import ArticlePlan
from .blocks import Block, Table
from .environment import build_environment
from .markup import (
    PARAGRAPH,
    SUBCLAUSE,
    literal,
    parse,
    ref_mark,
    replace_outside_literals,
    resolve_block_refs,
    split_lines,
    sub_clause_segments,
    subclause_name,
    unmark,
)
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
        self.words = Wording(templates.labels, lang, {own.key: own.text for own in contract.labels or ()})
        self.current = ""  # the template being rendered, for error messages
        self.env = build_environment(self)
        self.plan = ArticlePlan(templates, contract, output_lang, self.env)
        self.changes = contract.articles.of_subclauses() if contract.articles else SubClauseChanges()
        self.changed: set[str] = set()  # the sub-clause changes made so far
        self.subclause_numbers: dict[str, str] = {}  # article.name -> its number (14.5), once parsed
        self.referred: dict[str, str] = {}  # article.name -> the first template that refers to it

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
        rendered = self.with_subclause_changes(self.render(name), name.split(".")[0])
        if extra_lines:
            rendered = rendered.rstrip("\n") + "\n" + "\n".join(extra_lines) + "\n"
        return self.parse(rendered, article, name)

    def parse(self, rendered: str, article: int | None, name: str) -> list[Block]:
        """Rendered markup -> blocks; errors name the template the text came from."""
        rendered = self.self_named(rendered)
        article_id = name.split(".")[0]

        def numbered(sub_clause: str, number: str) -> None:
            self.subclause_numbers[f"{article_id}.{sub_clause}"] = number

        with self._in(name):  # a wrong @table line names the template it is in
            return parse(
                rendered,
                lang=self.lang,
                clause_number=lambda n: self.words.subclause_number(article, n),
                item_number=self.words.item_number,
                table=self.table,
                gap=self.words.fixed("numbering.gap"),
                numbered=numbered,
            )

    def with_subclause_changes(self, rendered: str, article_id: str) -> str:
        """An article's rendered text with the spec's changes to its named sub-clauses: left out,
        replaced (the first new sub-clause keeps the name, for ref()), or followed by new ones."""
        if not self.changes.ids:
            return rendered
        segments = sub_clause_segments(split_lines(rendered))
        lines = segments[0]
        for segment in segments[1:]:
            name = subclause_name(segment[0].strip())
            clause_id = f"{article_id}.{name}" if name else ""
            # a spec's text in place of or after a paragraph without a number has none either
            mark = PARAGRAPH if segment[0].strip().startswith(PARAGRAPH) else SUBCLAUSE
            if clause_id in self.changes.omit:
                self.changed.add(clause_id)
            elif clause_id in self.changes.replace:
                self.changed.add(clause_id)
                lines.extend(self.spec_subclauses(self.changes.replace[clause_id], name, mark))
            else:
                lines.extend(segment)
            if clause_id in self.changes.append:
                self.changed.add(clause_id)
                lines.extend(self.spec_subclauses(self.changes.append[clause_id], mark=mark))
        return "\n".join(lines) + "\n"

    def spec_subclauses(self, texts: tuple[Text, ...], name: str | None = None, mark: str = SUBCLAUSE) -> list[str]:
        """Sub-clauses (or with mark ¶, paragraphs without a number) written in the spec as markup
        lines (the first one named name), their ref()s resolved; a line of the text starting with '- '
        is an item of its sub-clause ((1), (2) …)."""
        lines: list[str] = []
        for n, value in enumerate(texts):
            first, *items = clause_items(self.spec_text(value))
            lines.append(f"{mark}[{name}] {literal(first)}" if name and n == 0 else f"{mark} {literal(first)}")
            lines.extend(f"- {literal(item)}" for item in items)
        return lines

    def spec_text(self, value: Text) -> str:
        """A text of the spec in this language, each ref(id) in it worded as the article or sub-clause."""
        return spec_refs(self.words.text(value), self.ref)

    def unchanged_subclauses(self) -> list[str]:
        """The spec's sub-clause changes that found no sub-clause to change (this contract does not print it)."""
        return sorted(self.changes.ids - self.changed)

    def resolved(self, blocks: list[Block]) -> list[Block]:
        """blocks with each sub-clause reference worded by its number, known once every article is parsed."""

        def word(clause_id: str) -> str:
            number = self.subclause_numbers.get(clause_id)
            if number is None:
                where = self.referred[clause_id]
                left_out = article_of(clause_id) if self.contract.omits(article_of(clause_id)) else clause_id
                raise LeftOutArticleError(
                    f"{where}: refers to sub-clause {clause_id!r}, which this contract does not print", left_out, where
                )
            return self.words.format("numbering.subclause_ref", number=number)

        return [resolve_block_refs(block, word) for block in blocks]

    def self_named(self, rendered: str) -> str:
        """Template text that names the document (本合同 / this Contract) as the spec calls it."""
        standard, called = self.words.label("called", "contract"), self.words.label("called", self.contract.called)
        if called == standard:
            return rendered
        for old, new in ((standard, called), (standard[:1].upper() + standard[1:], called[:1].upper() + called[1:])):
            rendered = replace_outside_literals(rendered, old, new)
        return rendered

    def annex_title(self, name: str) -> str:
        """An annex's title: the spec's (annex_titles), else the standard one (labels.yaml annex)."""
        own = self.contract.annex_title(name)
        if own is not None:
            return self.words.text(own)
        try:
            return self.words.label("annex", name)
        except RenderError as e:
            raise RenderError(f"{self.current}: {e}") from e

    def table(self, name: str, args: list[str]) -> Table:
        return build_table(self, name, args)

    def due(self, due: Due) -> str:
        """When an instalment is due, worded by clauses/_due.<lang>.j2 (clause text and table alike)."""
        # The line break an editor leaves at the end of the file is not part of the phrase. The
        # phrase holds no spec text, only its template's words, labels, numbers and dates, so all
        # of it names the document as the spec calls it (本协议签订后, 本协议生效后第1个季度).
        return self.self_named(unmark(self.render(f"_due.{self.lang}.j2", d=due))).strip()

    def instalment_terms(self, instalment: Instalment) -> str:
        """What an instalment's amount is subject to (the assessment, the 定金 credited against it),
        worded by clauses/_instalment.<lang>.j2 for the clause and the payment schedule alike; "" if nothing."""
        # as with due(): the phrase holds no spec text, so all of it names the document as the spec calls it
        return self.self_named(unmark(self.render(f"_instalment.{self.lang}.j2", i=instalment))).strip()

    def ref(self, clause_id: str) -> str:
        """The article or sub-clause a cross-reference names: 第六条 / Article 6, 第14.5款 / Clause 14.5
        (a sub-clause's number is filled in by resolved())."""
        if "." not in clause_id:
            return self.words.article(self.plan.number(clause_id, self.current))
        article_id, name = clause_id.split(".", 1)
        if article_id in ANNEX_TEMPLATES:
            raise RenderError(f"{self.current}: refers to {clause_id!r}, a paragraph of an annex, which has no number")
        if not self.templates.names_subclause(article_id, name):
            raise RenderError(f"{self.current}: refers to sub-clause {clause_id!r}, which no clause template names")
        self.referred.setdefault(clause_id, self.current)
        return ref_mark(clause_id)
