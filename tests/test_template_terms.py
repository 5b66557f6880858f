"""No number in a standard clause that the spec cannot change: clause templates print numbers only
from the spec (fields with defaults, shown by `contractgen schema`), never from their own text."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes

from generator.render.compose import templates_dir

CLAUSES = templates_dir() / "clauses"

# Digits a template may write itself, each with why it is not a term of the procurement.
ALLOWED_DIGITS: dict[str, set[str]] = {
    # "Article 49 of the Government Procurement Law": the number of a statute's article (the Chinese
    # text writes it 第四十九条), not a term the parties agree.
    "amendments.en.j2": {"49"},
    # "Article 21 of the Personal Information Protection Law" (第二十一条 in the Chinese), likewise
    "data_security.en.j2": {"21"},
}


def literal_digits(source: str) -> list[str]:
    """Runs of digits in the literal text of a template (not in its expressions or tags)."""
    tree = jinja2.Environment().parse(source)
    return [d for node in tree.find_all(nodes.TemplateData) for d in re.findall(r"[0-9０-９]+", node.data)]


@pytest.mark.parametrize("path", sorted(CLAUSES.glob("*.j2")), ids=lambda p: p.name)
def test_no_number_in_literal_clause_text(path: Path) -> None:
    found = set(literal_digits(path.read_text(encoding="utf-8")))
    assert found <= ALLOWED_DIGITS.get(path.name, set()), f"{path.name} writes numbers of its own: {sorted(found)}"


def test_the_check_sees_literal_digits_only() -> None:
    assert literal_digits("§ 在{{ c.clauses.cure_days }}日内{% if x == 1 %}，10个工作日{% endif %}") == ["10"]
    assert literal_digits("within {{ n }} {{ n | plural('day', 'days') }}") == []
