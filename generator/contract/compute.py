"""Derived figures: pure functions from validated spec data to the frozen contract model.

The one rounding rule (documented in README): a derived amount is rounded half up to whole 分;
among instalments given by percentage, the last one takes the remainder, so the instalments
always sum exactly to the total.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..domain import money
from ..domain.workdays import add_months, add_working_days
from .model import (
    Amount,
    Assessment,
    BankAccount,
    Clauses,
    Contact,
    Contract,
    Deadline,
    Deduction,
    Due,
    FeeLine,
    Holder,
    Instalment,
    Kpi,
    Liability,
    LinearPay,
    Party,
    Percent,
    PerformanceSecurity,
    ScopeItem,
    ScoreBand,
    Service,
    ServiceLevel,
    ServicePeriod,
    Text,
    Waiver,
)

HUNDRED = Decimal(100)
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def amount(value: Decimal | int) -> Amount:
    """The one place an amount gets its digits and words."""
    exact = money.to_money(Decimal(value))
    return Amount(exact, money.format_yuan(exact), money.rmb_words(exact), money.english_words(exact))


def percent(value: Decimal | int) -> Percent:
    """A percentage with its display: exact when it has at most 3 decimals, else rounded to 3."""
    exact = Decimal(value)
    shown = exact.quantize(Decimal("0.001"), rounding="ROUND_HALF_UP")
    is_exact = shown == exact
    return Percent(exact, money.plain_decimal(exact) if is_exact else f"{shown:f}", is_exact)


def share_of(total: Decimal, pct: Decimal) -> Decimal:
    """pct percent of total, rounded half up to 分."""
    return money.round_fen(total * pct / HUNDRED)


def true_percent(part: Decimal, total: Decimal) -> Decimal:
    """The exact percentage part is of total (to 10 places)."""
    return (part * HUNDRED / total).quantize(Decimal("1e-10")).normalize() if total else Decimal(0)


@dataclass(frozen=True)
class SplitProblem:
    """Why a list of instalments does not add up; index None means the list as a whole."""

    index: int | None
    field: str
    message: str


def split_instalments(
    total: Decimal, items: list[tuple[Decimal | None, Decimal | None]]
) -> tuple[list[Decimal], list[SplitProblem]]:
    """Amounts of instalments given as (percent, amount) pairs, and any problems.

    Stated amounts are kept; percentages give share_of(total, pct), except the last instalment
    given by percentage, which takes the remainder. Where both are stated they must agree.
    """
    problems: list[SplitProblem] = []
    by_percent = [i for i, (pct, _) in enumerate(items) if pct is not None]
    amounts: list[Decimal] = []
    for pct, stated in items:
        if pct is not None:
            amounts.append(share_of(total, pct))
        else:
            assert stated is not None, "validation requires percent or amount"
            amounts.append(stated)
    percents = [pct for pct, _ in items if pct is not None]
    if len(percents) == len(items):
        pct_sum = sum(percents, Decimal(0))
        if pct_sum != HUNDRED:
            problems.append(SplitProblem(None, "", f"percentages sum to {money.plain_decimal(pct_sum)}%, not 100%"))
            return amounts, problems
    if by_percent:
        last = by_percent[-1]
        others = sum((a for i, a in enumerate(amounts) if i != last), Decimal(0))
        remainder = total - others
        if abs(remainder - amounts[last]) <= Decimal("0.01") * len(by_percent):
            amounts[last] = remainder
    for i, (pct, stated) in enumerate(items):
        if pct is not None and stated is not None and stated != amounts[i]:
            rule = "the remainder of the total" if by_percent and i == by_percent[-1] else "rounded half up"
            problems.append(
                SplitProblem(
                    i,
                    "amount",
                    f"{money.plain_decimal(pct)}% of {money.format_yuan(total)} is "
                    f"{money.format_yuan(amounts[i])} ({rule}), but the amount says {money.format_yuan(stated)} "
                    f"(= {money.plain_decimal(true_percent(stated, total))}% of the total)",
                )
            )
    amount_sum = sum(amounts, Decimal(0))
    if not problems and amount_sum != total:
        problems.append(
            SplitProblem(
                None,
                "",
                f"instalments sum to {money.format_yuan(amount_sum)}, not the total {money.format_yuan(total)} "
                f"(difference {money.format_yuan(abs(total - amount_sum))})",
            )
        )
    return amounts, problems


def fee_line_amount(unit_price: Decimal, quantity: Decimal, months: Decimal) -> Decimal:
    """unit × quantity × months, rounded half up to 分."""
    return money.round_fen(unit_price * quantity * months)


def fee_line(line: dict[str, Any], index: int) -> FeeLine:
    """A fee-schedule line of the spec, its amount computed (a stated amount is only checked)."""
    path = f"price.fee_schedule[{index}]"
    unit_price, quantity, months = (
        Decimal(line["unit_price"]),
        Decimal(line["quantity"]),
        Decimal(line.get("months", 1)),
    )
    return FeeLine(
        number=index + 1,
        item=text(line["item"], f"{path}.item"),
        unit_price=amount(unit_price),
        unit=text(line["unit"], f"{path}.unit"),
        quantity=quantity,
        months=months,
        amount=amount(fee_line_amount(unit_price, quantity, months)),
        overage=opt_text(line.get("overage"), f"{path}.overage"),
        note=opt_text(line.get("note"), f"{path}.note"),
    )


def deadline_of(data: dict[str, Any] | None) -> Deadline | None:
    """The first of days / working_days / months present in data, as a Deadline."""
    if not data:
        return None
    for unit in ("days", "working_days", "months"):
        if data.get(unit) is not None:
            return Deadline(int(data[unit]), unit)
    return None


def add_deadline(start: dt.date, deadline: Deadline) -> dt.date:
    """The date a deadline ends; raises CalendarUnknownError for unknown working-day years."""
    if deadline.unit == "days":
        return start + dt.timedelta(days=deadline.count)
    if deadline.unit == "months":
        return add_months(start, deadline.count)
    return add_working_days(start, deadline.count)


def service_dates(period: dict[str, Any], signing: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """Start and end of the service when they can be known from the spec."""
    if period.get("start"):
        start = period["start"]
    elif period.get("from") == "signing":
        start = signing
    else:
        return None, None
    if period.get("end"):
        return start, period["end"]
    return start, add_months(start, int(period["months"])) - dt.timedelta(days=1)


def due_date(due: dict[str, Any], signing: dt.date, start: dt.date | None, end: dt.date | None) -> dt.date | None:
    """Calendar date an instalment falls due, or None when its event's date is not known yet."""
    event = due["after"]
    if event == "date":
        return due["date"]
    anchor = {
        "signing": signing,
        "service_start": start,
        "service_end": end,
    }.get(event)
    if event == "quarter_assessment" and start is not None:
        anchor = add_months(start, 3 * int(due["quarter"])) - dt.timedelta(days=1)
    if anchor is None:
        return None
    deadline = deadline_of(due)
    return add_deadline(anchor, deadline) if deadline else anchor


def score_bands(instalment_amount: Decimal, bands: list[dict[str, Any]]) -> tuple[ScoreBand, ...]:
    """Money paid in each score band, highest band first."""
    ordered = sorted(bands, key=lambda b: b["min_score"], reverse=True)
    result = []
    upper: Decimal | None = None
    for band in ordered:
        pays = share_of(instalment_amount, Decimal(band["pay_percent"]))
        result.append(ScoreBand(Decimal(band["min_score"]), upper, percent(band["pay_percent"]), amount(pays)))
        upper = Decimal(band["min_score"])
    return tuple(result)


def pay_at_score(instalment: Instalment, score: Decimal) -> Amount:
    """What an assessment-dependent instalment pays at a given score (rounded half up to 分)."""
    if instalment.linear is not None:
        low, high = instalment.linear.zero_score, instalment.linear.full_score
        share = min(max((score - low) / (high - low), Decimal(0)), Decimal(1))
        return amount(money.round_fen(instalment.amount.value * share))
    if not instalment.bands:
        return instalment.amount
    for band in instalment.bands:
        if score >= band.min_score:
            return band.pays
    return amount(0)


# --- building the model -------------------------------------------------------------------


def text(value: Any, path: str) -> Text:
    """Spec free text (string or {zh, en}) as Text."""
    if isinstance(value, dict):
        return Text(value["zh"].strip(), (value.get("en") or "").strip() or None, path)
    plain = str(value).strip()
    # Text with no Chinese in it ('100%', 'GB/T 33358-2016') reads the same in English.
    return Text(plain, None if _CJK.search(plain) else plain, path)


def opt_text(value: Any, path: str) -> Text | None:
    return None if value is None else text(value, path)


def code(value: Any) -> str:
    """Identifiers keep the text they were written with."""
    return getattr(value, "text", None) or str(value)


def opt_code(value: Any) -> str | None:
    return None if value is None else code(value)


def _party(data: dict[str, Any], side: str) -> Party:
    p = f"parties.{side}"
    contact = data["contact"]
    bank = data.get("bank")
    return Party(
        side=side,
        name=text(data["name"], f"{p}.name"),
        credit_code=opt_code(data.get("credit_code")),
        kind=data.get("kind"),
        sme=bool(data.get("sme", False)),
        address=text(data["address"], f"{p}.address"),
        postcode=opt_code(data.get("postcode")),
        representative_role=data["representative"]["role"],
        representative_name=text(data["representative"]["name"], f"{p}.representative.name"),
        contact=Contact(
            text(contact["name"], f"{p}.contact.name"),
            code(contact["phone"]),
            opt_code(contact.get("fax")),
            contact.get("email"),
        ),
        bank=None
        if bank is None
        else BankAccount(
            text(bank["account_name"], f"{p}.bank.account_name"),
            text(bank["bank"], f"{p}.bank.bank"),
            code(bank["account"]),
        ),
    )


def _texts(values: list[Any] | None, path: str) -> tuple[Text, ...]:
    return tuple(text(v, f"{path}[{i}]") for i, v in enumerate(values or []))


def _titled(values: list[dict[str, Any]] | None, path: str, body: str = "text") -> tuple[ScopeItem, ...]:
    return tuple(
        ScopeItem(text(v["title"], f"{path}[{i}].title"), text(v[body], f"{path}[{i}].{body}"))
        for i, v in enumerate(values or [])
    )


def build_contract(data: dict[str, Any], source: str) -> Contract:
    """The contract model of a validated spec (validate.validate_spec has run first)."""
    c, svc, price, pay = data["contract"], data["service"], data["price"], data["payment"]
    total = money.to_money(price["total"])
    signing = c["signing_date"]
    start, end = service_dates(svc["period"], signing)

    fee_lines = tuple(fee_line(line, i) for i, line in enumerate(price.get("fee_schedule") or []))

    raw = pay["instalments"]
    amounts, _ = split_instalments(total, [(_dec(i.get("percent")), _money_or_none(i.get("amount"))) for i in raw])
    instalments = tuple(
        Instalment(
            number=n + 1,
            name=opt_text(item.get("name"), f"payment.instalments[{n}].name"),
            percent=percent(item["percent"])
            if item.get("percent") is not None
            else percent(true_percent(amounts[n], total)),
            amount=amount(amounts[n]),
            due=Due(
                event=item["due"]["after"],
                deadline=deadline_of(item["due"]),
                on_date=item["due"].get("date"),
                quarter=item["due"].get("quarter"),
                date=due_date(item["due"], signing, start, end),
            ),
            bands=score_bands(amounts[n], item["assessment"]["bands"])
            if (item.get("assessment") or {}).get("bands")
            else (),
            linear=_linear(item.get("assessment")),
        )
        for n, item in enumerate(raw)
    )

    sec = data.get("performance_security")
    security = None
    if sec:
        security = PerformanceSecurity(
            percent=percent(sec["percent"]),
            amount=amount(share_of(total, Decimal(sec["percent"]))),
            forms=tuple(sec["forms"]),
            validity=opt_text(sec.get("validity"), "performance_security.validity"),
            return_working_days=int(sec["return_working_days"]),
            return_condition=opt_text(sec.get("return_condition"), "performance_security.return_condition"),
        )

    assess = data.get("assessment")
    assessment = None
    if assess:
        kpis = tuple(
            Kpi(
                number=i + 1,
                indicator=text(k["indicator"], f"assessment.kpis[{i}].indicator"),
                definition=text(k["definition"], f"assessment.kpis[{i}].definition"),
                target=opt_text(k.get("target"), f"assessment.kpis[{i}].target"),
                frequency=k.get("frequency"),
                weight=_dec(k.get("weight")),
            )
            for i, k in enumerate(assess["kpis"])
        )
        failed = _dec(assess.get("failed_kpi_deduction_percent"))
        assessment = Assessment(
            full_score=Decimal(assess.get("full_score", 100)),
            frequency=assess["frequency"],
            kpis=kpis,
            failed_kpi_deduction_percent=percent(failed) if failed is not None else None,
            failed_kpi_deduction=amount(share_of(total, failed)) if failed is not None else None,
        )

    li = data["liability"]
    penalty = _dec(li.get("breach_penalty_percent"))
    missing = _dec(li.get("missing_staff_percent"))
    liability = Liability(
        breach_penalty_percent=percent(penalty) if penalty is not None else None,
        breach_penalty=amount(share_of(total, penalty)) if penalty is not None else None,
        deductions=tuple(
            Deduction(
                event=text(d["event"], f"liability.deductions[{i}].event"),
                amount=amount(d["amount"])
                if d.get("amount") is not None
                else amount(share_of(total, Decimal(d["percent_of_total"]))),
                percent_of_total=percent(d["percent_of_total"]) if d.get("percent_of_total") is not None else None,
            )
            for i, d in enumerate(li.get("deductions") or [])
        ),
        missing_staff_percent=percent(missing) if missing is not None else None,
        missing_staff_deduction=amount(share_of(total, missing)) if missing is not None else None,
        buyer_late_payment_days=li.get("buyer_late_payment_days"),
        termination_events=_texts(li.get("termination_events"), "liability.termination_events"),
    )

    cl = data["clauses"]
    clauses = Clauses(
        confidentiality_term=cl["confidentiality"]["term"],
        confidentiality_years=cl["confidentiality"].get("years"),
        ip_owner=cl["ip_owner"],
        data_security=bool(cl["data_security"]),
        dispute_route=cl["dispute"]["route"],
        court=opt_text(cl["dispute"].get("court"), "clauses.dispute.court"),
        commission=opt_text(cl["dispute"].get("commission"), "clauses.dispute.commission"),
        force_majeure_notice_days=int(cl["force_majeure_notice_days"]),
        counterparts_total=int(cl["counterparts"]["total"]),
        holders=tuple(
            Holder(text(h["holder"], f"clauses.counterparts.holders[{i}].holder"), int(h["copies"]))
            for i, h in enumerate(cl["counterparts"]["holders"])
        ),
        special_terms=_titled(cl.get("special_terms"), "clauses.special_terms"),
    )

    out = data.get("output") or {}
    period = svc["period"]
    late = _dec(pay.get("late_interest_percent_per_day"))
    return Contract(
        source=source,
        language=out.get("language", "zh"),
        prevailing_language=out.get("prevailing_language", "zh"),
        title=text(c["title"], "contract.title"),
        number=code(c["number"]),
        project_name=text(c["project_name"], "contract.project_name"),
        project_number=opt_code(c.get("project_number")),
        procurement_method=c["procurement_method"],
        award_date=c.get("award_date"),
        signing_date=signing,
        signing_place=text(c["signing_place"], "contract.signing_place"),
        documents=_texts(c["documents"], "contract.documents"),
        buyer=_party(data["parties"]["buyer"], "buyer"),
        supplier=_party(data["parties"]["supplier"], "supplier"),
        service=Service(
            name=text(svc["name"], "service.name"),
            hotlines=tuple(code(h) for h in svc["hotlines"]),
            scope=_titled(svc["scope"], "service.scope"),
            standards=_texts(svc.get("standards"), "service.standards"),
            hours=text(svc["hours"], "service.hours"),
            seats=svc.get("seats"),
            staff=svc.get("staff"),
            location=text(svc["location"], "service.location"),
            premises_by=svc["premises_by"],
            equipment_by=svc["equipment_by"],
            period=ServicePeriod(start, end, period.get("months"), period.get("from")),
            setup=deadline_of(svc.get("setup")),
            acceptance_working_days=svc.get("acceptance_working_days"),
        ),
        total=amount(total),
        tax_included=bool(price["tax_included"]),
        price_nature=price["nature"],
        price_notes=_texts(price.get("notes"), "price.notes"),
        fee_lines=fee_lines,
        payment_method=text(pay["method"], "payment.method"),
        invoice=text(pay["invoice"], "payment.invoice"),
        instalments=instalments,
        late_interest_percent_per_day=percent(late) if late is not None else None,
        security=security,
        deposit=amount(data["deposit"]["amount"]) if data.get("deposit") else None,
        assessment=assessment,
        service_levels=tuple(
            ServiceLevel(
                text(s["level"], f"service_levels[{i}].level"),
                text(s["definition"], f"service_levels[{i}].definition"),
                text(s["response"], f"service_levels[{i}].response"),
                s.get("restore_minutes"),
            )
            for i, s in enumerate(data.get("service_levels") or [])
        ),
        liability=liability,
        clauses=clauses,
        annexes=tuple(data.get("annexes") or ()),
        waivers=tuple(
            Waiver(w["rule"], text(w["reason"], f"waivers[{i}].reason"))
            for i, w in enumerate(data.get("waivers") or [])
        ),
    )


def _linear(assessment: dict[str, Any] | None) -> LinearPay | None:
    linear = (assessment or {}).get("linear")
    return LinearPay(Decimal(linear["zero_score"]), Decimal(linear["full_score"])) if linear else None


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value)


def _money_or_none(value: Any) -> Decimal | None:
    return None if value is None else money.to_money(Decimal(value))
