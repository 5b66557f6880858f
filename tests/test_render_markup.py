"""The line markup: numbering, items, tables, and literal spans that markup never reads."""

from __future__ import annotations

import pytest

from generator.render.blocks import Block, Paragraph, Table
from generator.render.markup import LITERAL_END, LITERAL_START, literal, parse, split_lines, unmark


def blocks(rendered: str, article: int | None = 5) -> list[Block]:
    def table(name: str, args: list[str]) -> Table:
        return Table((name, *args), (), (), ())  # the name and arguments, to check what was asked for

    return parse(
        rendered,
        lang="zh",
        clause_number=lambda n: f"{article}.{n}" if article else f"{n}.",
        item_number=lambda n: f"（{n}）",
        table=table,
    )


def summary(rendered: str, article: int | None = 5) -> list[tuple[str, str, str]]:
    out = []
    for b in blocks(rendered, article):
        if isinstance(b, Paragraph):
            out.append((b.style, b.number, b.text))
        else:
            assert isinstance(b, Table) and b.header
            out.append(("table", b.header[0], " ".join(b.header[1:])))
    return out


def test_numbering_of_sub_clauses_and_items() -> None:
    rendered = "引言\n§ 一\n- 甲\n- 乙\n§ 二\n- 丙\n  §   三  \n\n   \n结语\n"
    assert summary(rendered) == [
        ("body", "", "引言"),
        ("clause", "5.1", "一"),
        ("item", "（1）", "甲"),
        ("item", "（2）", "乙"),
        ("clause", "5.2", "二"),
        ("item", "（1）", "丙"),  # items count again under each sub-clause
        ("clause", "5.3", "三"),  # indentation and blank lines do not matter
        ("body", "", "结语"),
    ]


def test_outside_an_article_sub_clauses_are_numbered_alone() -> None:
    assert [n for _, n, _ in summary("§ a\n§ b\n", article=None)] == ["1.", "2."]


def test_markup_needs_its_space() -> None:
    assert summary("§a\n-b\n@table\n") == [("body", "", "§a"), ("body", "", "-b"), ("body", "", "@table")]


def test_a_table_line_gives_the_name_and_arguments() -> None:
    assert summary("@table bands 2\n@table kpis\n") == [("table", "bands", "2"), ("table", "kpis", "")]


def test_printed_values_are_literal() -> None:
    value = literal("甲\n§ 乙\n- 丙\n@table kpis")
    assert summary(f"§ 付款方式：{value}。\n") == [("clause", "5.1", "付款方式：甲\n§ 乙\n- 丙\n@table kpis。")]
    assert summary(f"{literal('- 甲')}\n{literal('§ 乙')}\n{literal('@table kpis')}\n") == [
        ("body", "", "- 甲"),
        ("body", "", "§ 乙"),
        ("body", "", "@table kpis"),
    ]


def test_a_printed_value_fills_template_markup() -> None:
    assert summary(f"@table bands {literal(2)}\n- {literal('甲')}\n") == [
        ("table", "bands", "2"),
        ("item", "（1）", "甲"),
    ]


def test_a_blank_printed_value_makes_no_paragraph() -> None:
    assert summary(f"{literal('  ')}\n{literal('')}\n正文\n") == [("body", "", "正文")]


def test_literal_marks_a_value_once() -> None:
    assert literal("") == ""
    assert literal(3) == f"{LITERAL_START}3{LITERAL_END}"
    # a value that holds printed values (a macro, the due filter) becomes one span
    assert literal(f"a{literal('b')}c") == f"{LITERAL_START}abc{LITERAL_END}"
    assert unmark(f"{LITERAL_START}a{LITERAL_END}{LITERAL_END}") == "a"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\u2028", "\x0c"])
def test_lines_split_where_splitlines_does_but_not_inside_a_value(newline: str) -> None:
    template = f"a{newline}b{newline}"
    assert [line for line in split_lines(template) if line] == template.splitlines()
    assert split_lines(f"a{literal(f'b{newline}c')}d{newline}e") == [f"a{literal(f'b{newline}c')}d", "e"]
