"""The one strict Jinja environment of a language: every filter and global is registered here."""

from __future__ import annotations

from typing import TYPE_CHECKING

import jinja2

from ..domain.money import plain_decimal
from ..errors import RenderError
from ..spec.model import Blank, Days, Due, Text
from .markup import literal

if TYPE_CHECKING:
    from .renderer import Renderer

FILTER_NAMES = (
    "t",
    "refs",
    "in_article_order",
    "money",
    "yuan",
    "per_unit",
    "words",
    "pct",
    "date",
    "month",
    "num",
    "cn_count",
    "plural",
    "due",
    "instalment_list",
    "instalment_terms",
)
GLOBAL_NAMES = ("ref", "label", "annex_title")


def plural(count: int | Days, one: str, other: str) -> str:
    """The noun for a count: {{ n }} {{ n | plural('day', 'days') }} (Chinese needs none)."""
    return one if (count.count if isinstance(count, Days) else count) == 1 else other


def build_environment(r: Renderer) -> jinja2.Environment:
    """The environment for r's language; templates come from r's template folder."""
    env = jinja2.Environment(
        loader=r.templates.loader,
        bytecode_cache=r.templates.compiled,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # The output is Word text (python-docx escapes XML), not HTML; what needs guarding is the
        # line markup, so every printed value is marked literal instead.
        autoescape=False,
        # a `blank` fact prints as a line to write on
        finalize=lambda value: literal(r.words.fixed("blank") if isinstance(value, Blank) else value),
    )
    words = r.words

    def text(value: Text | Blank | None) -> str:
        if value is None:
            raise RenderError(f"{r.current}: a text value is missing")
        return words.text(value)

    def refs(value: Text) -> str:  # a sub-clause the spec writes: its ref(id)s worded as numbers
        return r.spec_text(value)

    def due(value: Due) -> str:
        return r.due(value)

    def label(group: str, key: str) -> str:
        try:
            return words.label(group, key)
        except RenderError as e:
            raise RenderError(f"{r.current}: {e}") from e

    env.filters.update(
        t=text,
        refs=refs,
        in_article_order=lambda ids: sorted(ids, key=lambda i: r.plan.numbers.get(i, 0)),
        money=words.money,
        yuan=words.yuan,
        per_unit=words.per_unit,
        words=words.words,
        pct=words.pct,
        date=words.date,
        month=words.month,
        num=plain_decimal,
        cn_count=words.count,
        plural=plural,
        due=due,
        instalment_list=lambda numbers: words.instalment_list(list(numbers)),
        instalment_terms=r.instalment_terms,
    )
    env.globals.update(ref=r.ref, label=label, annex_title=r.annex_title)
    assert set(env.filters) >= set(FILTER_NAMES) and set(env.globals) >= set(GLOBAL_NAMES)
    return env
