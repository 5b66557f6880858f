"""labels.yaml: the entries the renderer needs (REQUIRED_LABELS), checking a file against them, and lookup."""

from __future__ import annotations

import difflib
import string
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..spec.model import (
    FEE_COLUMNS,
    Annex,
    ConfidentialityTerm,
    DocumentName,
    DueEvent,
    Every,
    Frequency,
    Owner,
    PartyKind,
    ProcurementMethod,
    RepresentativeRole,
    ScoreBasis,
    SecurityForm,
    Side,
    StaffPeriod,
)

LANGS = ("zh", "en")

# The spec's enumerated fields, one labels.yaml group each (the values come from spec.model).
ENUMS: dict[str, type[StrEnum]] = {
    "procurement_method": ProcurementMethod,
    "party_kind": PartyKind,
    "role": RepresentativeRole,
    "side": Side,
    "due_event": DueEvent,
    "security_form": SecurityForm,
    "frequency": Frequency,
    "confidentiality_term": ConfidentialityTerm,
    "ip_owner": Owner,
    "annex": Annex,
    "score_basis": ScoreBasis,
    "every": Every,
    "called": DocumentName,
    "staff_period": StaffPeriod,
}
ENUM_VALUES: dict[str, tuple[str, ...]] = {group: tuple(e.value for e in enum) for group, enum in ENUMS.items()}

# What the documents of a procurement are called depends on its method (投标文件 after a tender,
# 响应文件 after a negotiation or consultation …); "unspecified" words a spec that gives no method.
METHOD_WORDS: dict[str, tuple[str, ...]] = {
    group: (*ENUM_VALUES["procurement_method"], "unspecified")
    for group in ("solicitation_documents", "bid_documents", "award_notice")
}


@dataclass(frozen=True)
class Words:
    """{zh: …, en: …}; fields are the {placeholders} the renderer fills (none: the text is printed as is)."""

    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class WordList:
    """{zh: [...], en: [...]}, each a list of exactly `length` texts."""

    length: int


@dataclass(frozen=True)
class Columns:
    """A table's header: a list of Words, one per column; `names` name the columns in order (a spec's
    output.labels rewords one as tables.<table>.<name>, and the table builders pick columns by name)."""

    names: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.names)


@dataclass(frozen=True)
class Group:
    """An enumerated field: one Words per value."""

    values: tuple[str, ...]


Shape = Words | WordList | Columns | Group | dict[str, "Shape"]


def words(*fields: str) -> Words:
    return Words(fields)


_PARTY_FIELDS = (
    "credit_code",
    "address",
    "postcode",
    "contact",
    "phone",
    "fax",
    "email",
    "account_name",
    "bank",
    "account",
)

# Every entry of labels.yaml the renderer reads. Lookups of undeclared keys fail (Labels._shape),
# so this is the whole list; a template folder is checked against it when loaded.
REQUIRED_LABELS: dict[str, Shape] = {
    "cover_number": words("number"),
    "cover_project": words("name"),
    "cover_project_number": words("number"),
    **{side: words() for side in ENUM_VALUES["side"]},  # the party headings: 甲方（采购人）
    "party_plain": {side: words() for side in ENUM_VALUES["side"]},  # without the role (output.party_roles)
    "party_fields": {name: words() for name in (*_PARTY_FIELDS, *ENUM_VALUES["role"])},
    "article": words("n"),
    "no_more_text": words(),
    "signature_title": words("title"),
    "signature": {
        "seal": words(),
        "signatory": words(),
        "signatory_as": {role: words() for role in ENUM_VALUES["role"]},
        "date": words(),
        "date_blank": words(),
        "month_blank": words(),
        "place": words(),
        "translation": words(),
    },
    "footer": WordList(3),
    "total_row": words(),
    "not_applicable": words(),
    "blank": words(),
    "tables": {
        "fee_schedule": Columns(FEE_COLUMNS),
        "payment_schedule": Columns(("instalment", "due", "share", "amount", "words")),
        "kpis": Columns(("number", "indicator", "definition", "target", "frequency", "points")),
        "score_bands": Columns(("score", "share", "amount")),
        "score_pays": Columns(("score", "amount")),
        "service_levels": Columns(("class", "definition", "response", "restore")),
        "scope": Columns(("number", "service", "description")),
        "documents": Columns(("number", "document")),
    },
    "money": {
        "figures": words("digits"),
        "words": words("words"),
        "both": words("figures", "words"),
        "unit_word": words(),
        "per_unit": words("digits", "unit"),
        "per_other_unit": words("figures", "unit"),
    },
    "percent": {"exact": words("value"), "approximate": words("value")},
    "date": words("year", "month", "day"),
    "month": words("year", "month"),
    "months": WordList(12),
    "numbering": {
        "subclause": words("article", "n"),
        "subclause_ref": words("number"),
        "annex_subclause": words("n"),
        "item": words("n"),
        "gap": words(),
    },
    "heading": words("article", "title"),
    "page_header": words("title", "number"),
    "title_zh_en": words("zh", "en"),
    "field": words("name", "value"),
    "list_separator": words(),
    "instalment": words("n"),
    "instalments": words("numbers", "last"),
    "number_separator": words(),
    "score_band": {"top": words("low"), "bottom": words("high"), "middle": words("low", "high")},
    "minutes": words("n"),
    **{group: Group(values) for group, values in ENUM_VALUES.items()},
    **{group: Group(values) for group, values in METHOD_WORDS.items()},
    "next_period": Group(ENUM_VALUES["every"]),  # the period after one of them: 次季度的前10日内
}


def check(value: Any, shape: Shape, key: str) -> list[str]:
    """Problems of value against shape, each 'dotted.key: what is wrong'."""
    if value is None:
        return [f"{key}: missing"]
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            return [f"{key}: should be a mapping of {', '.join(shape)}"]
        return [p for name, sub in shape.items() for p in check(value.get(name), sub, f"{key}.{name}")]
    if isinstance(shape, Group):
        if not isinstance(value, dict):
            return [f"{key}: should be a mapping of {', '.join(shape.values)}"]
        return [p for name in shape.values for p in check(value.get(name), Words(), f"{key}.{name}")]
    if isinstance(shape, Columns):
        if not isinstance(value, list):
            return [f"{key}: should be a list of {shape.count} column headers"]
        problems = [p for i, column in enumerate(value) for p in check(column, Words(), f"{key}[{i}]")]
        if len(value) != shape.count:
            problems.append(f"{key}: {len(value)} column headers, the table has {shape.count}")
        return problems
    if not isinstance(value, dict):
        return [f"{key}: should be a mapping with zh and en"]
    problems = []
    for lang in LANGS:
        text = value.get(lang)
        where = f"{key}.{lang}"
        if text is None:
            problems.append(f"{where}: missing")
        elif isinstance(shape, WordList):
            if not isinstance(text, list) or not all(isinstance(t, str) for t in text):
                problems.append(f"{where}: should be a list of {shape.length} texts")
            elif len(text) != shape.length:
                problems.append(f"{where}: {len(text)} texts, needs {shape.length}")
        elif not isinstance(text, str):
            problems.append(f"{where}: should be text")
        elif shape.fields:
            problems.extend(f"{where}: {p}" for p in _placeholder_problems(text, shape.fields))
    return problems


def placeholders(text: str) -> list[str]:
    """The {placeholders} of a text (ValueError if its braces do not make one)."""
    return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]


def _placeholder_problems(text: str, fields: tuple[str, ...]) -> list[str]:
    # str.format would raise KeyError or ValueError at render time; say so when loading instead.
    try:
        used = placeholders(text)
    except ValueError as e:
        return [f"not a valid {{placeholder}} text: {e}"]
    known = ", ".join(f"{{{f}}}" for f in fields)
    return [f"unknown placeholder {{{name}}} (known: {known})" for name in used if name not in fields]


# --- a spec's own words (output.labels) ------------------------------------------------------------
# A spec may reword any plain entry and any table column, by its dotted key; not the words of a
# spec's choices (the groups: they print inside the clauses, which articles: rewords) nor the lists
# (the months, the page footer).


def overridable(shape: Shape = REQUIRED_LABELS, prefix: str = "") -> Iterator[tuple[str, Words]]:
    """Every key output.labels may reword, in labels.yaml order, with its shape."""
    assert isinstance(shape, dict)
    for name, sub in shape.items():
        key = f"{prefix}{name}"
        if isinstance(sub, Words):
            yield key, sub
        elif isinstance(sub, Columns):
            yield from ((f"{key}.{column}", Words()) for column in sub.names)
        elif isinstance(sub, dict):
            yield from overridable(sub, f"{key}.")


OVERRIDABLE: dict[str, Words] = dict(overridable())


def override_key_problem(key: str) -> str | None:
    """Why output.labels cannot reword key (None: it can), with the keys it may have meant."""
    if key in OVERRIDABLE:
        return None
    top = key.split(".", 1)[0]
    if isinstance(REQUIRED_LABELS.get(top), Group):
        return (
            f"{top!r} holds the words of a spec choice, printed inside the clauses: they are not reworded here "
            "(reword the clause with articles.replace)"
        )
    if isinstance(REQUIRED_LABELS.get(key), WordList):
        return f"{key!r} is a list of texts, which a spec does not reword"
    below = [k for k in OVERRIDABLE if k.startswith(f"{key}.")]
    if below:
        return f"{key!r} is a group of labels; name one of them: {', '.join(below)}"
    last = key.rsplit(".", 1)[-1]
    close = [k for k in OVERRIDABLE if k.rsplit(".", 1)[-1] == last]
    close += [k for k in difflib.get_close_matches(key, list(OVERRIDABLE), n=5, cutoff=0.6) if k not in close]
    hint = f"; close keys: {', '.join(close[:5])}" if close else ""
    return f"no label {key!r} that a spec may reword{hint} (`contractgen schema` lists them)"


def override_text_problems(key: str, text: str) -> list[str]:
    """What is wrong with text as the words of key: it must keep exactly the entry's {placeholders}."""
    fields = OVERRIDABLE[key].fields
    try:
        used = placeholders(text)
    except ValueError as e:
        return [f"not a valid {{placeholder}} text: {e}"]
    wanted = ", ".join(f"{{{f}}}" for f in fields) or "no {placeholder}"
    problems = [
        f"unknown placeholder {{{name}}} (the entry has {wanted})" for name in dict.fromkeys(used) if name not in fields
    ]
    problems += [
        f"the placeholder {{{name}}} is missing (the entry has {wanted})" for name in fields if name not in used
    ]
    return problems


class Labels:
    """The entries of a checked labels.yaml, by dotted key ('signature.seal') and language."""

    def __init__(self, data: dict[str, Any]):
        self.data = data

    def text(self, key: str, lang: str) -> str:
        """A Words entry without placeholders."""
        shape = self._shape(key)
        assert isinstance(shape, Words) and not shape.fields, f"{key} is not plain text"
        return str(self._entry(key)[lang])

    def format(self, key: str, lang: str, own: str | None = None, **values: object) -> str:
        """A Words entry with its placeholders filled; own: the spec's words for it (output.labels)."""
        shape = self._shape(key)
        assert isinstance(shape, Words) and set(values) == set(shape.fields), f"{key} takes {shape}"
        return (str(self._entry(key)[lang]) if own is None else own).format(**values)

    def texts(self, key: str, lang: str) -> tuple[str, ...]:
        """A WordList entry (footer, months) or a table's column headers."""
        shape = self._shape(key)
        if isinstance(shape, Columns):
            return tuple(str(column[lang]) for column in self._entry(key))
        assert isinstance(shape, WordList), f"{key} is not a list"
        return tuple(self._entry(key)[lang])

    def standard(self, key: str, lang: str) -> str:
        """The words of a key output.labels may reword (a table column as tables.<table>.<column>),
        placeholders unfilled."""
        table, _, column = key.rpartition(".")
        shape = self._shape(table) if table.startswith("tables.") else None
        if isinstance(shape, Columns):
            return str(self._entry(table)[shape.names.index(column)][lang])
        return str(self._entry(key)[lang])

    def columns(self, table: str) -> tuple[str, ...]:
        """The names of a table's columns, in the order of its headers."""
        shape = self._shape(f"tables.{table}")
        assert isinstance(shape, Columns), f"{table} is not a table"
        return shape.names

    def group(self, group: str) -> dict[str, Any] | None:
        """A group's entries (an enum's, method words, next_period; values beyond those declared
        included), or None for no such group."""
        return self.data[group] if isinstance(REQUIRED_LABELS.get(group), Group) else None

    def _entry(self, key: str) -> Any:
        value: Any = self.data
        for part in key.split("."):
            value = value[part]
        return value

    @staticmethod
    def _shape(key: str) -> Shape:
        # Code may read only what REQUIRED_LABELS declares, so that loading checks all of it.
        shape: Shape = REQUIRED_LABELS
        for part in key.split("."):
            if isinstance(shape, Group):
                shape = Words()
            else:
                assert isinstance(shape, dict) and part in shape, f"labels.{key} is not in REQUIRED_LABELS"
                shape = shape[part]
        return shape
