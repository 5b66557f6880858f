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
from cerberus.schema import DefinitionSchema, UnvalidatedSchema

from ..domain import money
from ..domain.uscc import uscc_problem
from ..errors import SpecIssue
from .loader import LoadedSpec, SourceInt, describe_character
from .model import BLANK_WORD, EARLIEST_DATE, LATEST_DATE, MAX_CODE_CHARS, MAX_TEXT_CHARS, WORKING_DAYS
from .schema import SCHEMA

Path_ = tuple[str | int, ...]


# A code (phone, account, hotline or contract number) has no sentence in it, so that prose cannot
# hide in a field that is printed as written in every language.
CODE_PROSE = re.compile(r"[。，；！？,;!?\n\r\t]|\.\s")


class SpecValidator(Validator):  # type: ignore[misc]
    """cerberus Validator with the spec's own types: text, code, money, decimal."""

    types_mapping = {
        **Validator.types_mapping,
        # YAML true is a Python int too: `staff: true` must not be read as one person.
        "integer": TypeDefinition("integer", (int,), (bool,)),
        "text": TypeDefinition("text", (str, dict), ()),
        "code": TypeDefinition("code", (str, SourceInt), ()),
        "money": TypeDefinition("money", (int, Decimal), (bool,)),
        "decimal": TypeDefinition("decimal", (int, Decimal), (bool,)),
        "date_or_blank": TypeDefinition("date_or_blank", (dt.date, str), ()),
        "days": TypeDefinition("days", (int, dict), (bool,)),  # 7, or {working_days: 5}
    }

    def _error(self, *args: Any) -> None:
        """cerberus, adding errors, sorts all it has so far and a tree of errors by schema rule, each
        time: quadratic in the number of errors (a list of 20,000 wrong items took minutes). Here
        errors are only collected; field_issues sorts them once."""
        if len(args) == 1:
            self._errors.extend(args[0])
            for error in args[0]:
                self.document_error_tree.add(error)  # read by cerberus's own rules; one node per value
                self.error_handler.emit(error)
            return
        super()._error(*args)

    # cerberus calls check_with rules even for values the type or nullable rule rejected; those
    # are reported once, by that rule, so each check below only looks at values of its type.

    def _check_with_text(self, field: str, value: Any) -> None:
        if not isinstance(value, str | dict):
            return
        if isinstance(value, str):
            if not value.strip():
                self._error(field, "is empty; write the text or remove the field")
            elif len(value) > MAX_TEXT_CHARS:
                self._error(field, _too_long(value, MAX_TEXT_CHARS))
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
        else:
            for language in ("zh", "en"):
                if isinstance(value.get(language), str) and len(value[language]) > MAX_TEXT_CHARS:
                    self._error(field, f"{language}: " + _too_long(value[language], MAX_TEXT_CHARS))

    def _check_with_code(self, field: str, value: Any) -> None:
        if isinstance(value, str) and not value.strip():
            self._error(field, "is empty; write the value or remove the field")
        elif isinstance(value, str) and len(value) > MAX_CODE_CHARS:
            self._error(field, _too_long(value, MAX_CODE_CHARS))
        elif isinstance(value, str) and CODE_PROSE.search(value):
            self._error(
                field,
                "is not a code (number, phone, account…): no sentence punctuation or line breaks; "
                "put prose in a text field",
            )

    def _check_with_fen(self, field: str, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            return
        exponent = Decimal(value).as_tuple().exponent
        if isinstance(exponent, int) and exponent < -2:  # as written: 3278289.640 is not accepted as …64
            self._error(field, f"{value} has more than two decimal places; amounts are in 元 to the 分")
        elif value > money.MAX_AMOUNT:
            self._error(field, f"{value} is above the largest amount supported, {money.MAX_AMOUNT:,}")

    def _check_with_date_or_blank(self, field: str, value: Any) -> None:
        if isinstance(value, str) and value != BLANK_WORD:
            self._error(field, f"expected a date written YYYY-MM-DD, or {BLANK_WORD}, got text {value!r}")
        elif isinstance(value, dt.date) and not EARLIEST_DATE <= value <= LATEST_DATE:
            self._error(field, f"must be between {EARLIEST_DATE} and {LATEST_DATE}, got {value}")

    def _check_with_days(self, field: str, value: Any) -> None:
        """A day count given in working days: {working_days: N}, N a whole number within the field's
        range (a plain number is checked by the type, min and max rules)."""
        if not isinstance(value, dict):
            return
        rule = self.schema[field]
        extra = [k for k in value if k != WORKING_DAYS]
        count = value.get(WORKING_DAYS)
        if extra:
            listed = ", ".join(repr(k) for k in extra)
            self._error(field, f"unexpected key(s) {listed}; write a number of calendar days, or {{{WORKING_DAYS}: N}}")
        elif isinstance(count, bool) or not isinstance(count, int):
            self._error(field, f"{WORKING_DAYS}: expected a whole number, got {_describe(count)}")
        elif count < rule["min"]:
            self._error(field, f"{WORKING_DAYS}: must be at least {rule['min']}, got {count}")
        elif count > rule["max"]:
            self._error(field, f"{WORKING_DAYS}: must be at most {rule['max']}, got {count}")

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
    "days": f"a whole number of calendar days, or {{{WORKING_DAYS}: N}}",
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
    elif code == errors.MAX_LENGTH.code:
        message = (
            f"has {len(value):,} {'items' if isinstance(value, list) else 'characters'}; at most {error.constraint}"
        )
    elif code == errors.REGEX_MISMATCH.code:
        message = f"{value!r} is not a valid e-mail address"
    elif code == errors.CUSTOM.code:
        message = str(error.info[0])
    else:
        message = f"fails rule {error.rule}: {error.constraint}"
    return SpecIssue(location, path, message)


@functools.cache
def _validator() -> SpecValidator:
    """One validator for the process, reused for every spec.

    cerberus would check the schema against its own rules each time a process starts (a third of
    a cold `validate`); the schema is generated from spec.model, and tests/test_schema.py checks it
    that way once (checked_validator), so here it is only expanded as cerberus would expand it."""
    return SpecValidator(UnvalidatedSchema(DefinitionSchema.expand(SCHEMA)), allow_unknown=False)


def checked_validator() -> SpecValidator:
    """A validator built the way cerberus checks a schema: SchemaError if SCHEMA is not valid."""
    return SpecValidator(SCHEMA, allow_unknown=False)


def _too_long(value: str, limit: int) -> str:
    return f"{len(value):,} characters; at most {limit:,}"


# Characters a contract text cannot hold: controls other than tab and newline, surrogates and
# noncharacters (Word's XML cannot store them), line and paragraph separators (a text's line
# break is a newline), and bidirectional overrides and isolates (they show text in another
# order than it is stored). The loader refuses them written raw; this catches them written as
# escapes ("\x01", "\uD800") in double quotes.
_NOT_IN_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)


def character_issues(spec: LoadedSpec) -> list[SpecIssue]:
    """One issue for each text value (of any field) holding a character no contract text can hold."""
    issues: list[SpecIssue] = []

    def walk(value: Any, path: Path_) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,))
        elif isinstance(value, str) and (bad := _NOT_IN_TEXT.search(value)):
            message = f"character {describe_character(bad.group())} is not allowed in a contract text"
            issues.append(SpecIssue(spec.locate(path), path, message))

    walk(spec.data, ())
    return issues


def field_issues(spec: LoadedSpec) -> list[SpecIssue]:
    """Every field-rule issue of a spec (types, ranges, choices, required and unknown fields, the
    characters of its texts), except on values the loader could not read (it reported those)."""
    validator = _validator()
    # The schema has no normalisation rules (defaults are documentation in meta, applied by
    # contract.build): skipping cerberus's normalisation pass saves a third of the time.
    validator.validate(spec.data, normalize=False)
    issues = [_cerberus_issue(spec, e) for e in _leaves(sorted(validator._errors))] + character_issues(spec)
    return [issue for issue in issues if not spec.is_unreadable(issue.path)]
