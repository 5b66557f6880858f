"""What validation accepts, render renders: specs generated from the schema (every field, every
choice, any unicode text including control characters and surrogates) either fail validation
with located issues or render in Chinese and side by side; nothing else may happen.

The generator follows generator.spec.schema.SCHEMA field by field. A spec drawn at random breaks
some rule across fields almost surely, so most drawn specs are first repaired (percentages made
to add up, one unit per deadline, copies summed …) and reach the renderer; a few keep odd values
(a wrong type, a control character) and exercise the refusals.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

from generator.domain.money import MAX_AMOUNT
from generator.errors import SpecError
from generator.pipeline import load_contract
from generator.proof.registry import RULES, ensure_loaded
from generator.render.compose import compose
from generator.spec.schema import SCHEMA
from generator.word.writer import build_docx

ensure_loaded()
WAIVABLE = sorted(r.id for r in RULES.values() if r.waivable)
# Dates in years the working-day calendar knows, so working-day deadlines can be computed.
FIRST_DAY, LAST_DAY = dt.date(2024, 1, 1), dt.date(2026, 6, 30)

ORDINARY = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf", "Co", "Cn")), min_size=1, max_size=12
).filter(str.strip)
ANY_CHARACTER = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=()), max_size=12)
WILD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**40), 10**40), ANY_CHARACTER, st.just([]), st.just({}), st.dates()
)


class _Dumper(yaml.SafeDumper):
    """YAML with Decimal written as its digits (the loader reads them back exactly)."""


_Dumper.add_representer(
    Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", format(value, "f"))
)


def _text(draw: st.DrawFn, wild: bool) -> Any:
    piece = ANY_CHARACTER if wild and draw(st.integers(0, 3)) == 0 else ORDINARY
    if draw(st.booleans()):
        return draw(piece)
    value = {"zh": draw(piece)}
    if draw(st.booleans()):
        value["en"] = draw(piece)
    return value


def _value(draw: st.DrawFn, rule: dict[str, Any], wild: bool) -> Any:
    """A value for one field rule of the schema."""
    kind = rule["type"]
    if wild and kind not in ("dict", "list") and draw(st.integers(0, 30)) == 0:
        return draw(WILD_VALUES)
    if kind == "dict":
        return _mapping(draw, rule["schema"], wild)
    if kind == "list":
        low = rule.get("minlength", 0)
        return [_value(draw, rule["schema"], wild) for _ in range(draw(st.integers(low, max(low, 2))))]
    if "allowed" in rule:
        return draw(st.sampled_from(rule["allowed"]))
    if kind == "text":
        return _text(draw, wild)
    if kind == "code":
        return draw(st.one_of(ORDINARY, st.integers(0, 10**20)))
    at_limit = draw(st.integers(0, 19)) == 0  # now and then a figure at its field's limit
    if kind == "money":
        return MAX_AMOUNT if at_limit else draw(st.decimals(min_value=rule["min"], max_value=10**7, places=2))
    if kind == "decimal":
        places = draw(st.integers(0, 3))
        return rule["max"] if at_limit else draw(st.decimals(min_value=rule["min"], max_value=1000, places=places))
    if kind == "integer":
        return draw(st.integers(rule["min"], rule["max"]))
    if kind == "days":  # calendar days, or {working_days: N}
        count = draw(st.integers(rule["min"], rule["max"]))
        return {"working_days": count} if draw(st.booleans()) else count
    if kind == "boolean":
        return draw(st.booleans())
    if kind == "date":
        return draw(st.dates(FIRST_DAY, LAST_DAY))
    if kind == "date_or_blank":
        return draw(st.one_of(st.dates(FIRST_DAY, LAST_DAY), st.just("blank")))
    if "regex" in rule:  # e-mail
        return draw(st.from_regex(r"[a-z0-9.]{1,8}@[a-z]{1,8}\.(cn|com)", fullmatch=True))
    return draw(st.sampled_from(WAIVABLE))  # the one plain string: a waived rule


def _mapping(draw: st.DrawFn, fields: dict[str, Any], wild: bool) -> dict[str, Any]:
    return {
        name: _value(draw, rule, wild) for name, rule in fields.items() if rule.get("required") or draw(st.booleans())
    }


# --- repair: the rules across fields ------------------------------------------------------------


def _fen(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _one_unit(deadline: dict[str, Any]) -> None:
    units = [u for u in ("days", "working_days", "months") if u in deadline]
    for unit in units[1:]:
        del deadline[unit]
    if "working_days" in deadline:  # stays within the years the calendar knows
        deadline["working_days"] = min(deadline["working_days"], 30)


def _repair(spec: dict[str, Any]) -> None:
    for party in spec["parties"].values():
        if "credit_code" in party:  # a checksum random text cannot meet
            party["credit_code"] = "11000000000000000U"
    service = spec["service"]
    period = service["period"]
    if "start" in period or "end" in period or "months" not in period:
        start = period.get("start", FIRST_DAY)
        service["period"] = {"start": start, "end": max(period.get("end", start), start + dt.timedelta(days=1))}
    else:
        period.setdefault("from", "signing")
        period.pop("start", None)
        period.pop("end", None)
    if "setup" in service:
        _one_unit(service["setup"])
        if not service["setup"]:
            service["setup"] = {"days": 15}

    price = spec["price"]
    if price.get("fee_schedule"):
        for line in price["fee_schedule"]:
            line.pop("amount", None)
            line.setdefault("unit_price", Decimal(1))  # a priced line (a lump sum has only its amount)
            line.setdefault("unit", "元/月")
            line.setdefault("quantity", 1)
        price["total"] = sum(
            (_fen(ln["unit_price"] * ln["quantity"] * ln.get("months", 1)) for ln in price["fee_schedule"]), Decimal(0)
        )
        if price["total"] == 0:
            price["fee_schedule"][0].update(unit_price=Decimal(1), quantity=1, months=1)
            price["total"] = Decimal(1) + sum(
                (_fen(ln["unit_price"] * ln["quantity"] * ln.get("months", 1)) for ln in price["fee_schedule"][1:]),
                Decimal(0),
            )

    # recurring payments need a service period of whole months or quarters, and article changes the
    # ids of the template folder: both are left to the unit tests (tests/test_terms.py)
    spec["payment"].pop("recurring", None)
    spec.pop("articles", None)
    instalments = spec["payment"].setdefault("instalments", [{"due": {"after": "signing"}}])
    for n, item in enumerate(instalments):
        item.pop("amount", None)
        item["percent"] = 100 // len(instalments) + (100 % len(instalments) if n == len(instalments) - 1 else 0)
        due = item["due"]
        _one_unit(due)
        if due["after"] == "date":
            due.setdefault("date", LAST_DAY)
            for unit in ("days", "working_days", "months", "quarter"):
                due.pop(unit, None)
        else:
            due.pop("date", None)
        if due["after"] == "quarter_assessment":
            due.setdefault("quarter", 1)
        else:
            due.pop("quarter", None)
        if "working_days" in due and due["after"] != "signing":
            due["days"] = due.pop("working_days")
        score = item.get("assessment")
        if score is not None:
            if score.get("bands"):
                score.pop("linear", None)
                scores = sorted({band["min_score"] for band in score["bands"]} | {Decimal(0)})
                score["bands"] = [{**band, "min_score": s} for band, s in zip(score["bands"] * 3, scores, strict=False)]
            else:
                score.pop("bands", None)
                linear = score.setdefault("linear", {"zero_score": 0, "full_score": 1})
                if linear["zero_score"] >= linear["full_score"]:
                    linear["full_score"] = linear["zero_score"] + 1

    if "performance_security" in spec:
        spec["performance_security"].pop("amount", None)
    assessment = spec.get("assessment")
    if assessment is not None:
        for kpi in assessment["kpis"]:
            kpi.pop("weight", None)
    for deduction in spec["liability"].get("deductions", []):
        if "amount" in deduction:
            deduction.pop("percent_of_total", None)
        else:
            deduction.setdefault("percent_of_total", 1)

    clauses = spec["clauses"]
    confidentiality = clauses.setdefault("confidentiality", {})  # optional: then no term is stated
    if confidentiality.get("term") == "years":
        confidentiality.setdefault("years", 3)
    else:
        confidentiality.pop("years", None)
    dispute = clauses["dispute"]
    if dispute["route"] == "arbitration":
        dispute.setdefault("commission", "某仲裁委员会")
        dispute.pop("court", None)
    else:
        dispute.pop("commission", None)
    holders = clauses["counterparts"]["holders"]
    for holder in holders:
        holder["copies"] = min(holder["copies"], 99 // len(holders))
    clauses["counterparts"]["total"] = sum(holder["copies"] for holder in holders)

    has = {
        "fee_schedule": bool(price.get("fee_schedule")),
        "assessment": assessment is not None,
        "service_levels": bool(spec.get("service_levels")),
    }
    if "annexes" in spec:
        spec["annexes"] = [a for a in dict.fromkeys(spec["annexes"]) if has.get(a, True)]


@st.composite
def specs(draw: st.DrawFn) -> dict[str, Any]:
    """A spec from the schema: mostly repaired so that it should validate, sometimes left wild."""
    wild = draw(st.integers(0, 4)) == 0
    spec = _mapping(draw, SCHEMA, wild)
    if not wild:
        _repair(spec)
    return spec


def _write(spec: dict[str, Any], folder: Path) -> Path:
    path = folder / "generated.yaml"
    path.write_text(yaml.dump(spec, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _validates(spec: dict[str, Any], folder: Path) -> bool:
    try:
        load_contract(_write(spec, folder))
    except SpecError:
        return False
    return True


SETTINGS = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)


@SETTINGS
@given(spec=specs(), language=st.sampled_from(["zh", "zh-en"]))
def test_a_generated_spec_is_refused_with_located_issues_or_renders(
    spec: dict[str, Any], language: str, tmp_path: Path
) -> None:
    path = _write(spec, tmp_path)
    try:
        contract = load_contract(path)
    except SpecError as e:
        assert e.issues and all(str(issue).startswith(f"{path}:") for issue in e.issues)
        return
    document = compose(contract, language)
    assert build_docx(document)[:2] == b"PK"


def test_the_generator_reaches_the_renderer(tmp_path: Path) -> None:
    """Without this the property above could hold by refusing everything."""
    spec = find(
        specs(),
        lambda s: bool(s["clauses"]["counterparts"]["holders"]) and _validates(s, tmp_path),
        settings=settings(
            max_examples=20,
            deadline=None,
            database=None,
            phases=[Phase.generate],  # the first spec that validates will do; no need to shrink it
            suppress_health_check=list(HealthCheck),
        ),
    )
    assert load_contract(_write(spec, tmp_path)).total is not None
