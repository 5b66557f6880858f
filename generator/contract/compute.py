"""Derived figures: pure functions that fill the derived() fields of the contract model, each
figure computed once, here.

The one rounding rule (documented in README): a derived amount is rounded half up to whole 分;
among instalments given by percentage, the last one takes the remainder, so the instalments
always sum exactly to the total. Compute never rejects a spec: whatever does not add up stays in
the model for the rules (proof.rules) to report; it reports only what it cannot compute (a
working day in a year the holiday schedule does not know).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from ..domain import money
from ..domain.money import Amount, Percent
from ..domain.workdays import CalendarUnknownError, add_months, add_working_days, is_working_day
from ..errors import Problem
from ..spec.model import (
    Assessment,
    Contract,
    Deadline,
    Due,
    DueEvent,
    Every,
    FeeLine,
    Instalment,
    Liability,
    PerformanceSecurity,
    PeriodBasis,
    PeriodStart,
    ScoreBand,
    Service,
    ServicePeriod,
    Share,
    Side,
)

HUNDRED = Decimal(100)
MONTHS_IN = {Every.MONTH: 1, Every.QUARTER: 3, Every.YEAR: 12}


def service_months(period: ServicePeriod) -> int | None:
    """The length of the service period in whole months, when it is one."""
    if period.months is not None:
        return period.months
    if period.start is None or period.end is None:
        return None
    months = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1
    return months if add_months(period.start, months) - dt.timedelta(days=1) == period.end else None


def recurring_instalments(c: Contract, period: ServicePeriod) -> tuple[Instalment, ...]:
    """The instalments payment.recurring stands for: one per period, each its share of the recurring
    part of the total rounded half up to 分, the last taking the remainder. None when the service
    period is not a whole number of periods (rule payment.recurring-periods says so)."""
    recurring, months = c.recurring, service_months(period)
    if recurring is None or c.total is None or not months or months % MONTHS_IN[recurring.every]:
        return ()
    count = months // MONTHS_IN[recurring.every]
    part = share_of(c.total.value, recurring.percent)
    each = money.round_fen(part / count)
    amounts = [each] * (count - 1) + [part - each * (count - 1)]
    return tuple(
        Instalment(
            at=recurring.at,
            stated_amount=amount,
            due=Due(
                event=DueEvent.PERIOD_END,
                every=recurring.every,
                period=k,
                days=recurring.days,
                working_days=recurring.working_days,
                at=recurring.at,
            ),
        )
        for k, amount in enumerate(amounts, start=1)
    )


def share_of(total: Decimal, pct: Decimal) -> Decimal:
    """pct percent of total, rounded half up to 分."""
    return money.round_fen(total * pct / HUNDRED)


def true_percent(part: Decimal, total: Decimal) -> Decimal:
    """The exact percentage part is of total (to 10 places)."""
    return (part * HUNDRED / total).quantize(Decimal("1e-10")).normalize() if total else Decimal(0)


def fee_line_amount(unit_price: Decimal, quantity: Decimal, months: Decimal) -> Decimal:
    """unit × quantity × months, rounded half up to 分."""
    return money.round_fen(unit_price * quantity * months)


def instalment_amounts(total: Decimal, items: list[tuple[Decimal | None, Decimal | None]]) -> list[Decimal] | None:
    """Amounts of instalments given as (stated percent, stated amount); None if one gives neither.

    A percentage gives share_of(total, pct) and a stated amount alone is kept. The last
    instalment given by percentage takes the remainder of the total, when the percentages add
    up (all of them to 100%) and the remainder differs from its share only by rounding.
    """
    amounts: list[Decimal] = []
    for pct, stated in items:
        if pct is not None:
            amounts.append(share_of(total, pct))
        elif stated is not None:
            amounts.append(stated)
        else:
            return None
    percents = [pct for pct, _ in items if pct is not None]
    by_percent = [i for i, (pct, _) in enumerate(items) if pct is not None]
    if by_percent and (len(percents) < len(items) or sum(percents, Decimal(0)) == HUNDRED):
        last = by_percent[-1]
        remainder = total - sum((a for i, a in enumerate(amounts) if i != last), Decimal(0))
        if abs(remainder - amounts[last]) <= Decimal("0.01") * len(by_percent):
            amounts[last] = remainder
    return amounts


def legal_last_day(day: dt.date) -> dt.date:
    """The last day of a period that would end on day: a statutory rest day (a weekend that is not
    a make-up working day, or a holiday) moves it to the next working day (《民法典》第二百零三条).
    Raises CalendarUnknownError when the holiday schedule of that year is not known."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def add_deadline(start: dt.date, deadline: Deadline, *, roll: bool = False) -> dt.date:
    """The last day of a deadline counted from start (start itself not counted, 第二百零一条);
    with roll, a last day on a rest day moves to the next working day. Raises CalendarUnknownError
    for a year the holiday schedule does not cover."""
    if deadline.unit == "working_days":
        return add_working_days(start, deadline.count)
    end = start + dt.timedelta(days=deadline.count) if deadline.unit == "days" else add_months(start, deadline.count)
    return legal_last_day(end) if roll else end


def service_period(period: ServicePeriod, signing: dt.date | None) -> ServicePeriod:
    """The period with start and end filled in when they can be known from the spec."""
    fixed = period.start is not None or period.end is not None
    by_month = period.start_month is not None or period.end_month is not None
    if by_month and not fixed and period.start_month and period.end_month:
        first = dt.date.fromisoformat(f"{period.start_month}-01")
        last = add_months(dt.date.fromisoformat(f"{period.end_month}-01"), 1) - dt.timedelta(days=1)
        return dataclasses.replace(period, start=first, end=last, fixed=False, by_month=True)
    start = period.start
    if start is None and period.counted_from == PeriodStart.SIGNING:
        start = signing
    end = period.end
    if end is None and start is not None and period.months is not None:
        end = add_months(start, period.months) - dt.timedelta(days=1)
    return dataclasses.replace(period, start=start, end=end, fixed=fixed, by_month=by_month)


PERIODIC = (DueEvent.PERIOD_END, DueEvent.ASSESSMENT, DueEvent.QUARTER_ASSESSMENT)


def period_last_day(due: Due, start: dt.date | None, effective: dt.date | None) -> dt.date | None:
    """The last day of the period a periodic due term names (quarter N, month N …), counted as
    due.periods_from says, or None when that is not known. Counted from the first day of service,
    period N ends the day before the N-th month-step from it; counted from an event (the contract's
    signing or entry into force), the event's day is not counted (《民法典》第二百零一条) and
    period N ends on the corresponding day N steps on, or the month's last day (第二百零二条)."""
    if due.event == DueEvent.QUARTER_ASSESSMENT:
        months = MONTHS_IN[Every.QUARTER] * due.quarter if due.quarter else None
    else:
        months = MONTHS_IN[due.every] * due.period if due.every and due.period else None
    if months is None:
        return None
    if due.periods_from in (PeriodBasis.EFFECTIVENESS, PeriodBasis.SIGNING):
        return add_months(effective, months) if effective is not None else None
    return add_months(start, months) - dt.timedelta(days=1) if start is not None else None


def due_date(
    due: Due,
    signing: dt.date | None,
    start: dt.date | None,
    end: dt.date | None,
    *,
    roll: bool = False,
    effective: dt.date | None = None,
) -> dt.date | None:
    """Calendar date an instalment falls due, or None when its event's date is not known yet: an
    assessment's completion and the receipt of an invoice happen on days no one knows in advance,
    so a deadline counted from them has no date (printing one would bind Party A to a guess). The
    first days of the next period (in_next_period) are counted from the period's end, whatever
    its assessment; effective is the day the contract takes effect, when known."""
    if due.event == DueEvent.DATE:
        return due.on_date
    anchor = {DueEvent.SIGNING: signing, DueEvent.SERVICE_START: start, DueEvent.SERVICE_END: end}.get(due.event)
    if due.event in PERIODIC and (due.event == DueEvent.PERIOD_END or due.in_next_period):
        basis = signing if due.periods_from == PeriodBasis.SIGNING else effective
        anchor = period_last_day(due, start, basis)
    if anchor is None:
        return None
    deadline = due.deadline
    return add_deadline(anchor, deadline, roll=roll) if deadline else anchor


def score_bands(instalment: Instalment) -> tuple[ScoreBand, ...]:
    """Money paid in each score band, highest band first."""
    if instalment.score_rule is None or instalment.amount is None:
        return ()
    result = []
    upper: Decimal | None = None
    for band in sorted(instalment.score_rule.bands, key=lambda b: b.min_score, reverse=True):
        pays = share_of(instalment.amount.value, band.pay_percent.value)
        result.append(
            ScoreBand(min_score=band.min_score, max_score=upper, pay_percent=band.pay_percent, pays=Amount(pays))
        )
        upper = band.min_score
    return tuple(result)


def pay_at_score(instalment: Instalment, score: Decimal, full_score: Decimal = HUNDRED) -> Amount:
    """What an assessment-dependent instalment pays at a given score (rounded half up to 分)."""
    coefficient = instalment.coefficient
    if coefficient is not None:
        if score >= coefficient.full_from:
            return instalment.amount
        if score < coefficient.zero_below:
            return Amount(Decimal(0))
        return Amount(money.round_fen(instalment.amount.value * score / full_score))
    if instalment.linear is not None:
        low, high = instalment.linear.zero_score, instalment.linear.full_score
        share = min(max((score - low) / (high - low), Decimal(0)), Decimal(1))
        return Amount(money.round_fen(instalment.amount.value * share))
    if not instalment.bands:
        return instalment.amount
    for band in instalment.bands:
        if score >= band.min_score:
            return band.pays
    return Amount(Decimal(0))


def _setup_due(service: Service, signing: dt.date | None, roll: bool) -> dt.date | None:
    """The last day of the set-up (counted from signing), when the calendar knows it."""
    setup = service.setup
    if setup is None or signing is None or len(setup.units) != 1:
        return None
    try:
        return add_deadline(signing, setup, roll=roll)
    except (CalendarUnknownError, OverflowError):
        return None


def _fee_lines(c: Contract) -> tuple[FeeLine, ...]:
    def amount(line: FeeLine) -> Amount | None:
        if line.unit_price is not None and line.quantity is not None:
            return Amount(fee_line_amount(line.unit_price.value, line.quantity, line.months))
        # a lump sum; neither given: no amount (rule fee-line.priced rejects the spec)
        return Amount(line.stated_amount) if line.stated_amount is not None else None

    return tuple(
        dataclasses.replace(line, number=n, amount=amount(line))  # type: ignore[arg-type]
        for n, line in enumerate(c.fee_lines, start=1)
    )


def effective_on(c: Contract) -> dt.date | None:
    """The day the contract takes effect: its signing, as the standard effectiveness article says
    (signed and sealed); not known when the spec leaves out or rewrites when it takes effect."""
    changes = c.articles
    if changes is not None:
        rewritten = {*changes.omit, *(a.id for a in changes.replace)}
        if rewritten & {"effectiveness", "effectiveness.entry_into_force"}:
            return None
    return c.signed_on


def _share(c: Contract, item: Instalment, recurring: bool) -> Share:
    """How the instalment's share prints: its own share, else payment.shares (a recurring payment
    has no stated percent to round: exact unless shares are not printed)."""
    if item.stated_share is not None:
        return item.stated_share
    if recurring:
        return Share.NONE if c.shares == Share.NONE else Share.EXACT
    return c.shares or Share.EXACT


def _instalments(c: Contract, service: Service | None, problems: list[Problem]) -> tuple[Instalment, ...]:
    total = c.total.value if c.total is not None else None
    recurring = recurring_instalments(c, service.period) if service is not None else ()
    items = c.instalments + recurring
    shares = [_share(c, item, n >= len(c.instalments)) for n, item in enumerate(items)]
    # a rounded share is not a term: the amount governs (rule arith.rounded-share checks the percent)
    given = [
        (None, i.stated_amount)
        if share == Share.ROUNDED and i.stated_amount is not None
        else (i.stated_percent, i.stated_amount)
        for i, share in zip(items, shares, strict=True)
    ]
    amounts = instalment_amounts(total, given) if total is not None else None
    start, end = (service.period.start, service.period.end) if service is not None else (None, None)
    roll = c.clauses.rest_day_rollover if c.clauses is not None else True
    effective = effective_on(c)
    result = []
    for n, item in enumerate(items):
        date, undated = None, None
        try:
            date = due_date(item.due, c.signed_on, start, end, roll=roll, effective=effective)
        except CalendarUnknownError as e:
            if item.due.working_days is not None:
                problems.append(Problem(item.due.where("working_days"), str(e)))
            else:  # the date is known but not whether it must move off a holiday: print none
                undated = (
                    f"the installed chinese-calendar package has no holiday schedule for {e.year}, so whether the "
                    "period ends on a rest day and moves is not known (update the package once the State Council "
                    "has published that year)"
                )
        except OverflowError:
            problems.append(Problem(item.at + ("due",), "the due date falls outside the calendar"))
        printed = date if date is not None and item.due.event != DueEvent.DATE and c.print_due_dates else None
        derived: dict[str, object] = {
            "number": n + 1,
            "share": shares[n],
            "due": dataclasses.replace(item.due, date=date, undated=undated, printed_date=printed),
        }
        if amounts is not None and total is not None:
            amount = amounts[n]
            true_share = Percent(true_percent(amount, total))
            if shares[n] == Share.ROUNDED and item.stated_percent is not None:
                shown = Percent(item.stated_percent, as_written=True)
            elif item.stated_percent is not None:
                shown = Percent(item.stated_percent)
            else:
                shown = true_share
            derived.update(amount=Amount(amount), percent=shown, true_share=true_share)
        with_amount = dataclasses.replace(item, **derived)  # type: ignore[arg-type]
        result.append(dataclasses.replace(with_amount, bands=score_bands(with_amount)))
    return tuple(result)


def credit_deposit(instalments: tuple[Instalment, ...], deposit: Amount | None, number: int) -> tuple[Instalment, ...]:
    """The instalments with the 定金 credited against instalment number (《民法典》第五百八十七条: 抵作价款):
    the credit, and the balance Party A still pays, its amount less the 定金. No balance for an
    instalment whose amount the assessment decides (known only then), or one smaller than the 定金
    (rule deposit.exceeds-instalment reports it)."""
    if deposit is None:
        return instalments

    def credited(i: Instalment) -> Instalment:
        if i.number != number:
            return i
        balance = None
        if i.amount is not None and not i.depends_on_score and i.amount.value >= deposit.value:
            balance = Amount(i.amount.value - deposit.value)
        return dataclasses.replace(i, deposit_credit=deposit, net_amount=balance)

    return tuple(credited(i) for i in instalments)


def _security(security: PerformanceSecurity, total: Decimal) -> PerformanceSecurity:
    return dataclasses.replace(security, amount=Amount(share_of(total, security.percent.value)))


def _assessment(assessment: Assessment, total: Decimal | None) -> Assessment:
    failed = assessment.failed_kpi_deduction_percent
    return dataclasses.replace(
        assessment,
        kpis=tuple(dataclasses.replace(k, number=n) for n, k in enumerate(assessment.kpis, start=1)),
        failed_kpi_deduction=Amount(share_of(total, failed.value)) if failed and total is not None else None,
    )


def liability_figures(li: Liability, total: Decimal) -> Liability:
    """The liability terms with their amounts (breach penalty, deductions, caps) worked out of total."""

    def part(pct: Percent | None) -> Amount | None:
        return Amount(share_of(total, pct.value)) if pct is not None else None

    return dataclasses.replace(
        li,
        breach_penalty=part(li.breach_penalty_percent),
        missing_staff_deduction=part(li.missing_staff_percent),
        deductions_cap=part(li.deductions_cap_percent),
        deductions=tuple(
            dataclasses.replace(
                d,
                # neither given: no amount (rule deductions.amount-or-percent rejects the spec)
                amount=Amount(d.stated_amount) if d.stated_amount is not None else part(d.percent_of_total),  # type: ignore[arg-type]
            )
            for d in li.deductions
        ),
    )


def compute(c: Contract) -> tuple[Contract, list[Problem]]:
    """The contract with every derived field filled, and what could not be computed.

    Sections the builder left None (they failed their field rules) stay None, and figures that
    need them are not computed.
    """
    problems: list[Problem] = []
    total = c.total.value if c.total is not None else None
    service = c.service
    if service is not None:
        roll = c.clauses.rest_day_rollover if c.clauses is not None else True
        service = dataclasses.replace(
            service,
            period=service_period(service.period, c.signed_on),
            setup_due=_setup_due(service, c.signed_on, roll),
        )
    derived: dict[str, object] = {"service": service}
    if c.buyer is not None:
        derived.update(buyer=dataclasses.replace(c.buyer, side=Side.BUYER))
        derived.update(supplier=dataclasses.replace(c.supplier, side=Side.SUPPLIER))
    if c.fee_lines is not None:
        derived["fee_lines"] = _fee_lines(c)
    if c.instalments is not None:
        derived["instalments"] = credit_deposit(_instalments(c, service, problems), c.deposit, c.deposit_credited_to)
    if c.security is not None and total is not None:
        derived["security"] = _security(c.security, total)
    if c.assessment is not None:
        derived["assessment"] = _assessment(c.assessment, total)
    if c.liability is not None and total is not None:
        derived["liability"] = liability_figures(c.liability, total)
    return dataclasses.replace(c, **derived), problems  # type: ignore[arg-type]
