"""Validation of a loaded spec: cerberus field rules, then cross-field rules; all issues at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from cerberus import TypeDefinition, Validator, errors

from ..contract.compute import (
    due_date,
    fee_line,
    service_dates,
    share_of,
    split_instalments,
)
from ..domain import money
from ..domain.uscc import uscc_problem
from ..domain.workdays import CalendarUnknownError
from ..errors import SpecError, SpecIssue
from .loader import LoadedSpec, SourceInt
from .schema import SCHEMA

Path_ = tuple[str | int, ...]


class SpecValidator(Validator):  # type: ignore[misc]
    """cerberus Validator with the spec's own types: text, code, money, decimal."""

    types_mapping = {
        **Validator.types_mapping,
        "text": TypeDefinition("text", (str, dict), ()),
        "code": TypeDefinition("code", (str, SourceInt), ()),
        "money": TypeDefinition("money", (int, Decimal), (bool,)),
        "decimal": TypeDefinition("decimal", (int, Decimal), (bool,)),
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

    def _check_with_fen(self, field: str, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            return
        try:
            money.to_money(Decimal(value))
        except money.AmountError:
            self._error(field, f"{value} has more than two decimal places; amounts are in 元 to the 分")

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
    elif code == errors.REGEX_MISMATCH.code:
        message = f"{value!r} is not a valid e-mail address"
    elif code == errors.CUSTOM.code:
        message = str(error.info[0])
    else:
        message = f"fails rule {error.rule}: {error.constraint}"
    return SpecIssue(location, path, message)


class _Rules:
    """Cross-field rules; each adds issues through self.add."""

    def __init__(self, spec: LoadedSpec):
        self.spec = spec
        self.data = spec.data
        self.issues: list[SpecIssue] = []

    def add(self, path: Path_, message: str) -> None:
        self.issues.append(SpecIssue(self.spec.locate(path), path, message))

    def period(self) -> None:
        period = self.data["service"]["period"]
        fixed = period.get("start") is not None or period.get("end") is not None
        counted = period.get("months") is not None or period.get("from") is not None
        where = ("service", "period")
        if fixed and counted:
            self.add(where, "give either start and end, or months and from; not both")
        elif fixed:
            if period.get("start") is None or period.get("end") is None:
                self.add(where, "a fixed service period needs both start and end")
            elif period["end"] <= period["start"]:
                self.add(where + ("end",), f"end {period['end']} is not after start {period['start']}")
        elif period.get("months") is None or period.get("from") is None:
            self.add(where, "give start and end, or months and from (signing or setup_acceptance)")

    def deadlines(self) -> None:
        setup = self.data["service"].get("setup")
        if setup is not None:
            self._one_unit(("service", "setup"), setup)
        for i, item in enumerate(self.data["payment"]["instalments"]):
            due = item["due"]
            path: Path_ = ("payment", "instalments", i, "due")
            units = [u for u in ("days", "working_days", "months") if due.get(u) is not None]
            if len(units) > 1:
                self.add(path, f"give one of days, working_days, months; got {', '.join(units)}")
            if due["after"] == "date":
                if due.get("date") is None:
                    self.add(path, "after: date needs date: YYYY-MM-DD")
                if units:
                    self.add(path, "after: date takes no days, working_days or months")
            elif due.get("date") is not None:
                self.add(path + ("date",), f"date is only used with after: date, not after: {due['after']}")
            if due["after"] == "quarter_assessment" and due.get("quarter") is None:
                self.add(path, "after: quarter_assessment needs quarter: N (1 for the first quarter)")
            if due["after"] != "quarter_assessment" and due.get("quarter") is not None:
                self.add(path + ("quarter",), "quarter is only used with after: quarter_assessment")

    def _one_unit(self, path: Path_, data: dict[str, Any]) -> None:
        units = [u for u in ("days", "working_days", "months") if data.get(u) is not None]
        if len(units) != 1:
            self.add(path, "give exactly one of days, working_days, months")

    def due_dates(self) -> None:
        """Working-day deadlines must fall in years the holiday schedule knows."""
        signing = self.data["contract"]["signing_date"]
        start, end = service_dates(self.data["service"]["period"], signing)
        for i, item in enumerate(self.data["payment"]["instalments"]):
            try:
                due_date(item["due"], signing, start, end)
            except CalendarUnknownError as e:
                self.add(("payment", "instalments", i, "due", "working_days"), str(e))
            except OverflowError:
                self.add(("payment", "instalments", i, "due"), "the due date falls outside the calendar")

    def instalments(self) -> None:
        total = Decimal(self.data["price"]["total"])
        items = self.data["payment"]["instalments"]
        pairs = []
        for i, item in enumerate(items):
            pct, stated = item.get("percent"), item.get("amount")
            if pct is None and stated is None:
                self.add(("payment", "instalments", i), "give percent or amount (or both)")
                return
            pairs.append((None if pct is None else Decimal(pct), None if stated is None else Decimal(stated)))
        _, problems = split_instalments(total, pairs)
        for p in problems:
            if p.index is None:
                self.add(("payment", "instalments"), p.message)
            else:
                self.add(("payment", "instalments", p.index, p.field), p.message)
        for i, item in enumerate(items):
            where: Path_ = ("payment", "instalments", i, "assessment")
            assessment = item.get("assessment") or {}
            if item.get("assessment") is not None and ("bands" in assessment) == ("linear" in assessment):
                self.add(where, "give either bands or linear")
            linear = assessment.get("linear")
            if linear and linear["zero_score"] >= linear["full_score"]:
                self.add(where + ("linear",), "zero_score must be below full_score")
            bands = assessment.get("bands") or []
            scores = [b["min_score"] for b in bands]
            if len(set(scores)) != len(scores):
                self.add(("payment", "instalments", i, "assessment", "bands"), "two bands have the same min_score")
            elif bands and min(scores) != 0:
                self.add(
                    ("payment", "instalments", i, "assessment", "bands"),
                    f"the lowest band starts at {min(scores)}; add a band with min_score: 0 so every score pays something defined",
                )

    def fee_schedule(self) -> None:
        price = self.data["price"]
        lines = price.get("fee_schedule") or []
        if not lines:
            return
        computed = []
        for i, line in enumerate(lines):
            built = fee_line(line, i)
            value = built.amount.value
            computed.append(value)
            stated = line.get("amount")
            if stated is not None and Decimal(stated) != value:
                self.add(
                    ("price", "fee_schedule", i, "amount"),
                    f"{built.unit_price.digits} × {money.plain_decimal(built.quantity)} × "
                    f"{money.plain_decimal(built.months)} = {built.amount.digits}, "
                    f"but the amount says {money.format_yuan(Decimal(stated))}",
                )
        line_sum = sum(computed, Decimal(0))
        if line_sum != Decimal(price["total"]):
            self.add(
                ("price", "total"),
                f"the fee schedule lines sum to {money.format_yuan(line_sum)}, "
                f"not the total {money.format_yuan(Decimal(price['total']))}",
            )

    def security(self) -> None:
        sec = self.data.get("performance_security")
        if not sec or sec.get("amount") is None:
            return
        expected = share_of(Decimal(self.data["price"]["total"]), Decimal(sec["percent"]))
        if Decimal(sec["amount"]) != expected:
            self.add(
                ("performance_security", "amount"),
                f"{money.plain_decimal(Decimal(sec['percent']))}% of the total is {money.format_yuan(expected)}, "
                f"but the amount says {money.format_yuan(Decimal(sec['amount']))}",
            )

    def counterparts(self) -> None:
        cp = self.data["clauses"]["counterparts"]
        held = sum(h["copies"] for h in cp["holders"])
        if held != cp["total"]:
            self.add(
                ("clauses", "counterparts", "total"),
                f"{cp['total']} counterparts in all, but the holders keep {held}",
            )

    def kpi_weights(self) -> None:
        assess = self.data.get("assessment")
        if not assess:
            return
        weights = [k.get("weight") for k in assess["kpis"]]
        given = [w for w in weights if w is not None]
        if not given:
            return
        if len(given) != len(weights):
            missing = [i for i, w in enumerate(weights) if w is None]
            self.add(("assessment", "kpis", missing[0], "weight"), "either every KPI has a weight or none has")
            return
        full = Decimal(assess.get("full_score", 100))
        if sum(given) != full:
            self.add(("assessment", "kpis"), f"KPI weights sum to {sum(given)}, not the full score {full}")

    def dispute(self) -> None:
        dispute = self.data["clauses"]["dispute"]
        where: Path_ = ("clauses", "dispute")
        if dispute["route"] == "arbitration":
            if dispute.get("commission") is None:
                self.add(where, "arbitration must name the arbitration commission (commission: …)")
            if dispute.get("court") is not None:
                self.add(
                    where + ("court",),
                    "choose one route: arbitration names no court (an 'arbitration or court' clause voids the arbitration agreement)",
                )
        elif dispute.get("commission") is not None:
            self.add(where + ("commission",), "choose one route: litigation names no arbitration commission")

    def deductions(self) -> None:
        for i, d in enumerate(self.data["liability"].get("deductions") or []):
            if (d.get("amount") is None) == (d.get("percent_of_total") is None):
                self.add(("liability", "deductions", i), "give exactly one of amount or percent_of_total")

    def confidentiality(self) -> None:
        conf = self.data["clauses"]["confidentiality"]
        if (conf["term"] == "years") != (conf.get("years") is not None):
            self.add(("clauses", "confidentiality"), "years: N goes with term: years, and only with it")

    def annexes(self) -> None:
        needs = {
            "fee_schedule": ("price", "fee_schedule"),
            "assessment": ("assessment",),
            "service_levels": ("service_levels",),
        }
        seen: set[str] = set()
        for i, name in enumerate(self.data.get("annexes") or []):
            if name in seen:
                self.add(("annexes", i), f"annex {name} is listed twice")
            seen.add(name)
            source = needs.get(name)
            if source:
                node: Any = self.data
                for part in source:
                    node = (node or {}).get(part)
                if not node:
                    self.add(("annexes", i), f"annex {name} needs {'.'.join(source)} in the spec")


# Each rule with the top-level sections it reads: it runs only when those passed the schema.
CROSS_RULES: tuple[tuple[Callable[[_Rules], None], tuple[str, ...]], ...] = (
    (_Rules.period, ("service",)),
    (_Rules.deadlines, ("service", "payment")),
    (_Rules.due_dates, ("contract", "service", "payment")),
    (_Rules.instalments, ("price", "payment")),
    (_Rules.fee_schedule, ("price",)),
    (_Rules.security, ("price", "performance_security")),
    (_Rules.counterparts, ("clauses",)),
    (_Rules.kpi_weights, ("assessment",)),
    (_Rules.dispute, ("clauses",)),
    (_Rules.deductions, ("liability",)),
    (_Rules.confidentiality, ("clauses",)),
    (_Rules.annexes, ("annexes", "price", "assessment", "service_levels")),
)


def validate_spec(spec: LoadedSpec) -> None:
    """Raise SpecError with every field and cross-field issue of spec; return if it is valid."""
    validator = SpecValidator(SCHEMA, allow_unknown=False)
    validator.validate(spec.data)
    issues = [_cerberus_issue(spec, e) for e in _leaves(validator._errors)]
    failed_sections = {i.path[0] for i in issues if i.path}
    if issues and not all(i.path for i in issues):
        failed_sections.add("*")
    rules = _Rules(spec)
    for rule, sections in CROSS_RULES:
        if "*" in failed_sections or failed_sections.intersection(sections):
            continue
        if rule is _Rules.due_dates and rules.issues:
            continue  # dates are computed only from a well-formed period and well-formed deadlines
        rule(rules)
    issues.extend(rules.issues)
    if issues:
        raise SpecError(issues)
