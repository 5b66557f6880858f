"""Field rules of a loaded spec through cerberus: types, ranges, choices, required and unknown fields,
with spec-specific types (text, code, money, decimal) and messages naming the field; all issues at once.

Rules across fields run on the contract model (proof.rules), not here."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from cerberus import TypeDefinition, Validator, errors

from ..domain import money
from ..domain.uscc import uscc_problem
from ..errors import SpecIssue
from .loader import LoadedSpec, SourceInt
from .model import BLANK_WORD, EARLIEST_DATE, LATEST_DATE
from .schema import SCHEMA

Path_ = tuple[str | int, ...]


# A code (phone, account, hotline or contract number) is short and has no sentence in it, so that
# prose cannot hide in a field that is printed as written in every language.
CODE_MAX = 64
CODE_PROSE = re.compile(r"[。，；！？,;!?\n\r\t]|\.\s")


class SpecValidator(Validator):  # type: ignore[misc]
    """cerberus Validator with the spec's own types: text, code, money, decimal."""

    types_mapping = {
        **Validator.types_mapping,
        "text": TypeDefinition("text", (str, dict), ()),
        "code": TypeDefinition("code", (str, SourceInt), ()),
        "money": TypeDefinition("money", (int, Decimal), (bool,)),
        "decimal": TypeDefinition("decimal", (int, Decimal), (bool,)),
        "date_or_blank": TypeDefinition("date_or_blank", (dt.date, str), ()),
    }

    # cerberus calls check_with rules even for values the type or nullable rule rejected; those
    # are reported once, by that rule, so each check below only looks at values of its type.

    def _check_with_text(self, field: str, value: Any) -> None:
        if not isinstance(value, str | dict):
            return
        if isinstance(value, str):
            if not value.strip():
                self._error(field, "is empty; write the text or remove the field")
            return
        extra = [k for k in value if k not in ("zh", "en")]
        if extra:
            listed = ", ".join(repr(k) for k in extra)
            self._error(
                field,
                f"text has unexpected key(s) {listed}; only zh: and en: are allowed "
                "(a comma inside {zh: …, en: …} splits the text: put such text in quotes)",
            )
        elif not isinstance(value.get("zh"), str) or not value["zh"].strip():
            self._error(field, "bilingual text needs zh: with the Chinese text")
        elif value.get("en") is not None and not isinstance(value["en"], str):
            self._error(field, "en: must be text")

    def _check_with_code(self, field: str, value: Any) -> None:
        if isinstance(value, str) and not value.strip():
            self._error(field, "is empty; write the value or remove the field")
        elif isinstance(value, str) and (len(value) > CODE_MAX or CODE_PROSE.search(value)):
            self._error(
                field,
                f"is not a code (number, phone, account…): at most {CODE_MAX} characters, no sentence "
                "punctuation or line breaks; put prose in a text field",
            )

    def _check_with_fen(self, field: str, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            return
        try:
            money.to_money(Decimal(value))
        except money.AmountError:
            self._error(field, f"{value} has more than two decimal places; amounts are in 元 to the 分")

    def _check_with_date_or_blank(self, field: str, value: Any) -> None:
        if isinstance(value, str) and value != BLANK_WORD:
            self._error(field, f"expected a date written YYYY-MM-DD, or {BLANK_WORD}, got text {value!r}")
        elif isinstance(value, dt.date) and not EARLIEST_DATE <= value <= LATEST_DATE:
            self._error(field, f"must be between {EARLIEST_DATE} and {LATEST_DATE}, got {value}")

    def _check_with_uscc(self, field: str, value: Any) -> None:
        if not isinstance(value, str | SourceInt) or (isinstance(value, str) and not value.strip()):
            return
        problem = uscc_problem(value.text if isinstance(value, SourceInt) else str(value))
        if problem:
            self._error(field, f"not a valid 统一社会信用代码: {problem}")


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, dt.date):
        return f"date {value.isoformat()}"
    if isinstance(value, int | Decimal):
        return f"number {value}"
    if isinstance(value, str):
        return f"text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "no value" if value is None else type(value).__name__


_TYPE_NAMES = {
    "text": "text (a string, or a mapping with zh: and optional en:)",
    "code": "a number or text (write it in quotes to keep leading zeros)",
    "money": "an amount in 元 with at most two decimals, e.g. 982000 or 2700000.60",
    "decimal": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "date": "a date written YYYY-MM-DD",
    "date_or_blank": "a date written YYYY-MM-DD, or blank",
    "dict": "a mapping of fields",
    "list": "a list",
    "string": "text",
}


def _schema_fields(path: Path_) -> dict[str, Any]:
    """The field rules of the mapping at path (list indexes skipped)."""
    fields = SCHEMA
    for part in path:
        if isinstance(part, int):
            continue
        rule = fields[part]
        while rule.get("type") == "list":
            rule = rule["schema"]
        fields = rule.get("schema", {})
    return fields


def _leaves(errs: list[Any]) -> Iterator[Any]:
    for error in errs:
        if error.is_group_error:
            yield from _leaves(error.child_errors)
        else:
            yield error


def _cerberus_issue(spec: LoadedSpec, error: Any) -> SpecIssue:
    path: Path_ = tuple(error.document_path)
    value = error.value
    code = error.code
    if code == errors.REQUIRED_FIELD.code:
        return SpecIssue(spec.locate(path[:-1]), path, "required field is missing")
    if code == errors.UNKNOWN_FIELD.code:
        known = ", ".join(_schema_fields(path[:-1]))
        return SpecIssue(spec.locate(path, key=True), path, f"unknown field; expected one of: {known}")
    location = spec.locate(path)
    if code == errors.NOT_NULLABLE.code:
        message = "has no value; write a value or remove the field"
    elif code == errors.BAD_TYPE.code:
        wanted = _TYPE_NAMES.get(error.constraint, error.constraint)
        message = f"expected {wanted}, got {_describe(value)}"
    elif code == errors.UNALLOWED_VALUE.code:
        message = f"expected one of: {', '.join(map(str, error.constraint))} but received: {value!r}"
    elif code == errors.MIN_VALUE.code:
        message = f"must be at least {error.constraint}, got {value}"
    elif code == errors.MAX_VALUE.code:
        message = f"must be at most {error.constraint}, got {value}"
    elif code == errors.MIN_LENGTH.code:
        message = f"must have at least {error.constraint} item(s)"
    elif code == errors.EMPTY_NOT_ALLOWED.code:
        message = "is empty; write the value or remove the field"
    elif code == errors.REGEX_MISMATCH.code:
        message = f"{value!r} is not a valid e-mail address"
    elif code == errors.CUSTOM.code:
        message = str(error.info[0])
    else:
        message = f"fails rule {error.rule}: {error.constraint}"
    return SpecIssue(location, path, message)


@functools.cache
def _validator() -> SpecValidator:
    """One validator for the process: cerberus checks and normalises the schema when it is built."""
    return SpecValidator(SCHEMA, allow_unknown=False)


def field_issues(spec: LoadedSpec) -> list[SpecIssue]:
    """Every field-rule issue of a spec (types, ranges, choices, required and unknown fields)."""
    validator = _validator()
    validator.validate(spec.data)
    return [_cerberus_issue(spec, e) for e in _leaves(validator._errors)]
