"""Template folders are checked when loaded: a missing or malformed label is a RenderError naming key and file."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, SPECS

from generator.errors import RenderError
from generator.render.labels import ENUM_VALUES, REQUIRED_LABELS, Columns, Labels, WordList, Words, check, words
from generator.render.templates import load_templates, templates_dir

LUOHE = next(s for s in SPECS if "luohe" in s.name)
Edit = Callable[[dict[str, Any]], None]


def copy_with(tmp_path: Path, labels: Edit | None = None, manifest: Edit | None = None) -> Path:
    """A copy of templates/ with labels.yaml and contract.yaml edited as data."""
    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", folder)
    for name, edit in (("labels.yaml", labels), ("contract.yaml", manifest)):
        if edit is not None:
            data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
            edit(data)
            (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def problems(folder: Path) -> str:
    with pytest.raises(RenderError) as error:
        load_templates(folder)
    return str(error.value)


def test_the_shipped_folder_has_every_label() -> None:
    load_templates(templates_dir())  # raises if anything is missing
    shipped = yaml.safe_load((templates_dir() / "labels.yaml").read_text(encoding="utf-8"))
    for group, values in ENUM_VALUES.items():
        assert set(shipped[group]) == set(values), group


def test_a_copy_of_the_folder_loads(tmp_path: Path) -> None:
    assert load_templates(copy_with(tmp_path, labels=lambda d: None)).labels.text("total_row", "en") == "Total"


def test_an_entry_without_english_is_named_with_its_file(tmp_path: Path) -> None:
    folder = copy_with(tmp_path, labels=lambda d: d["due_event"]["final_acceptance"].pop("en"))
    assert problems(folder) == f"{folder / 'labels.yaml'}: labels.due_event.final_acceptance.en: missing"


def test_a_group_without_one_of_its_values(tmp_path: Path) -> None:
    folder = copy_with(tmp_path, labels=lambda d: d["due_event"].pop("final_acceptance"))
    assert problems(folder) == f"{folder / 'labels.yaml'}: labels.due_event.final_acceptance: missing"


def test_every_problem_is_listed(tmp_path: Path) -> None:
    def edit(d: dict[str, Any]) -> None:
        del d["minutes"]
        d["signature"]["seal"]["zh"] = None
        d["tables"]["kpis"].pop()
        d["article"]["en"] = "Article {number}"
        d["footer"]["zh"] = ["第 ", " 页"]
        d["percent"]["exact"]["zh"] = "{value%"

    lines = problems(copy_with(tmp_path, labels=edit)).splitlines()
    found = sorted(line.split(": ", 1)[1] for line in lines)
    assert found == [
        "labels.article.en: unknown placeholder {number} (known: {n})",
        "labels.footer.zh: 2 texts, needs 3",
        "labels.minutes: missing",
        "labels.percent.exact.zh: not a valid {placeholder} text: expected '}' before end of string",
        "labels.signature.seal.zh: missing",
        "labels.tables.kpis: 5 column headers, the table has 6",
    ]


def test_an_article_title_without_english(tmp_path: Path) -> None:
    folder = copy_with(tmp_path, manifest=lambda d: d["articles"][2]["title"].pop("en"))
    assert problems(folder) == f"{folder / 'contract.yaml'}: contract.articles[2].title.en: missing"


def test_labels_that_are_not_a_mapping(tmp_path: Path) -> None:
    folder = copy_with(tmp_path)
    (folder / "labels.yaml").write_text("- a list\n", encoding="utf-8")
    assert problems(folder) == f"{folder / 'labels.yaml'}: labels: should be a mapping"


def test_render_cli_with_a_folder_missing_a_label(cli, tmp_path: Path) -> None:
    folder = copy_with(tmp_path, labels=lambda d: d["due_event"]["final_acceptance"].pop("en"))
    result = cli("render", LUOHE, "-o", tmp_path / "out", "--templates", folder)
    assert result.code == 2
    assert "labels.due_event.final_acceptance.en: missing" in result.err and str(folder / "labels.yaml") in result.err
    assert "Traceback" not in result.err and result.out == ""
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("value", "shape", "expected"),
    [
        ({"zh": "第{n}条", "en": "Article {n}"}, words("n"), []),
        ({"zh": "第{n}条"}, words("n"), ["k.en: missing"]),
        ({"zh": 1, "en": "x"}, words(), ["k.zh: should be text"]),
        ("text", words(), ["k: should be a mapping with zh and en"]),
        ({"zh": "{}", "en": "x"}, words("n"), ["k.zh: unknown placeholder {} (known: {n})"]),
        ({"zh": "{braces} are kept", "en": "x"}, words(), []),  # printed as is, never formatted
        ({"zh": ["a"], "en": "a"}, WordList(1), ["k.en: should be a list of 1 texts"]),
        ([{"zh": "a", "en": "b"}, {"zh": "c"}], Columns(("a", "b")), ["k[1].en: missing"]),
        ({"a": Words()}, {"a": words(), "b": words()}, ["k.a: should be a mapping with zh and en", "k.b: missing"]),
    ],
)
def test_check(value: Any, shape: Any, expected: list[str]) -> None:
    assert check(value, shape, "k") == expected


def test_code_reads_only_declared_labels() -> None:
    labels = Labels(yaml.safe_load((templates_dir() / "labels.yaml").read_text(encoding="utf-8")))
    assert labels.text("due_event.signing", "zh") == "本合同签订"
    assert "due_event" in REQUIRED_LABELS and "no_such_label" not in REQUIRED_LABELS
    with pytest.raises(AssertionError, match="not in REQUIRED_LABELS"):
        labels.text("no_such_label", "zh")
