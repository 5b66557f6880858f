import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from generator.errors import SpecError
from generator.spec.loader import load_spec, load_spec_text


def test_numbers_are_decimal_from_their_text() -> None:
    spec = load_spec_text("a: 2700000.6\nb: 0.1\nc: 982000\n", "x.yaml")
    assert spec.data["a"] == Decimal("2700000.6") and isinstance(spec.data["a"], Decimal)
    assert str(spec.data["b"]) == "0.1"
    assert spec.data["c"] == 982000 and spec.data["c"].text == "982000"


def test_dates_are_dates_and_locations_are_kept() -> None:
    spec = load_spec_text("x:\n  when: 2025-11-06\n", "x.yaml")
    assert spec.data["x"]["when"] == dt.date(2025, 11, 6)
    location = spec.locate(("x", "when"))
    assert (location.line, location.column) == (2, 9)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 1\na: 2\n", "x.yaml:2:1: a: duplicate key (first defined at line 1)"),
        ("- 1\n", "x.yaml:1:1: (document): the document is a list; a spec must be a YAML mapping of fields"),
        ("a: [1\n", "x.yaml:1:4: (document): YAML syntax error: the [ here is not closed (at line 2, column 1:"),
        ("", "x.yaml:1:1: (document): the file is empty"),
        ("a: .nan\n", "x.yaml:1:4: a: '.nan' is not a plain decimal number"),
        ("a: 2025-02-30\n", "x.yaml:1:4: a: not a valid date: 2025-02-30"),
    ],
)
def test_load_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(SpecError) as caught:
        load_spec_text(text, "x.yaml")
    assert str(caught.value).startswith(message)


def test_non_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes("a: 1\nb: 中文\n".encode("gbk"))
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    assert f"{path}:2:4: (document): the file is not UTF-8" in str(caught.value)
