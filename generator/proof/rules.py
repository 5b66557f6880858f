"""Every rule across fields, over the contract model: the shape of terms, the arithmetic that must
add up (blocking), and compliance rules with their regulations (reported by `check`, waivable).
Each yields Problems located by spec path; the registry says how each finding counts."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from ..contract.compute import MONTHS_IN, PERIODIC, service_months, true_percent
from ..domain.money import (
    MAX_AMOUNT,
    Amount,
    format_yuan,
    plain_decimal,
    read_rmb_words,
    rmb_words_problems,
    rounded_share,
    written_places,
)
from ..domain.workdays import CalendarUnknownError, add_working_days, is_working_day
from ..errors import LeftOutArticleError, Problem, RenderError, UnprintedSubClauseError, dotted
from ..spec.model import (
    BLANK,
    Annex,
    ConfidentialityTerm,
    Contract,
    DisputeRoute,
    DocumentName,
    DueEvent,
    Frequency,
    Instalment,
    Kpi,
    PartyKind,
    PeriodBasis,
    Record,
    SecurityForm,
    Share,
    Side,
    SpecPath,
    Text,
    article_of,
    clause_items,
    referred_ids,
)
from .registry import CheckOptions, Rule, Severity, rule

HUNDRED = Decimal(100)
GOVERNMENT_BUYERS = (PartyKind.GOVERNMENT, PartyKind.PUBLIC_INSTITUTION)
AFTER_DELIVERY = (
    DueEvent.SETUP_ACCEPTANCE,
    DueEvent.FINAL_ACCEPTANCE,
    DueEvent.SERVICE_END,
    DueEvent.QUARTER_ASSESSMENT,
    DueEvent.ASSESSMENT,
    DueEvent.PERIOD_END,
    DueEvent.INVOICE,
)

# --- the shape of terms ------------------------------------------------------------------------


@rule("period.form", reads=("service",))
def _period_form(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    period = c.service.period
    where = period.at
    counted = period.months is not None or period.counted_from is not None
    if [period.fixed, period.by_month, counted].count(True) > 1:
        yield Problem(where, "give one of: start and end, start_month and end_month, or months and from")
    elif period.by_month:
        if period.start_month is None or period.end_month is None:
            yield Problem(where, "a service period by the month needs both start_month and end_month")
    elif period.fixed:
        if period.start is None or period.end is None:
            yield Problem(where, "a fixed service period needs both start and end")
    elif period.months is None or period.counted_from is None:
        yield Problem(where, "give start and end, or months and from (signing or setup_acceptance)")


@rule("period.order", reads=("service",))
def _period_order(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    period = c.service.period
    if period.by_month and period.start and period.end and period.end <= period.start:
        yield Problem(
            period.where("end_month"), f"end_month {period.end_month} is before start_month {period.start_month}"
        )
    elif period.fixed and period.start and period.end and period.end <= period.start:
        yield Problem(period.where("end"), f"end {period.end} is not after start {period.start}")


@rule("deadline.one-unit", reads=("service", "payment"))
def _one_unit(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    setup = c.service.setup
    if setup is not None and len(setup.units) != 1:
        yield Problem(setup.at, "give exactly one of days, working_days, months")
    for i in c.instalments:
        if len(i.due.units) > 1:
            yield Problem(i.due.at, f"give one of days, working_days, months; got {', '.join(i.due.units)}")


@rule("due.event-terms", reads=("payment",))
def _due_event_terms(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """Each due event takes the terms that make sense for it: a date, a quarter, or a deadline."""
    for i in c.instalments:
        due = i.due
        if due.event == DueEvent.DATE:
            if due.on_date is None:
                yield Problem(due.at, "after: date needs date: YYYY-MM-DD")
            if due.units:
                yield Problem(due.at, "after: date takes no days, working_days or months")
        elif due.on_date is not None:
            yield Problem(due.where("on_date"), f"date is only used with after: date, not after: {due.event}")
        if due.event == DueEvent.QUARTER_ASSESSMENT and due.quarter is None:
            yield Problem(due.at, "after: quarter_assessment needs quarter: N (1 for the first quarter)")
        if due.event != DueEvent.QUARTER_ASSESSMENT and due.quarter is not None:
            yield Problem(due.where("quarter"), "quarter is only used with after: quarter_assessment")
        periodic = due.event in (DueEvent.PERIOD_END, DueEvent.ASSESSMENT)
        if periodic and (due.every is None or due.period is None):
            yield Problem(due.at, f"after: {due.event} needs every: month, quarter or year, and period: N")
        if not periodic and (due.every is not None or due.period is not None):
            yield Problem(due.at, "every and period are only used with after: period_end or after: assessment")
        if due.invoice is not None:
            if due.event != DueEvent.INVOICE:
                yield Problem(
                    due.where("invoice"), f"invoice: is only used with after: invoice, not after: {due.event}"
                )
            elif due.invoice.event in (DueEvent.INVOICE, DueEvent.DATE):
                yield Problem(due.invoice.where("event"), f"the invoice cannot be issued after: {due.invoice.event}")
            elif due.invoice.deadline is None:
                yield Problem(due.invoice.at, "give one of days or working_days")
            if (due.invoice.event == DueEvent.QUARTER_ASSESSMENT) != (due.invoice.quarter is not None):
                yield Problem(due.invoice.at, "quarter: N goes with after: quarter_assessment, and only with it")


@rule("payment.instalments-given", reads=("payment",))
def _instalments_given(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    if not c.instalments and c.recurring is None:
        yield Problem(("payment",), "give instalments, or recurring payments, or both")


@rule("payment.recurring-periods", reads=("payment", "service"))
def _recurring_periods(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """Recurring payments divide the service period into whole months or quarters."""
    if c.recurring is None:
        return
    months = service_months(c.service.period)
    step = MONTHS_IN[c.recurring.every]
    if months is None:
        yield Problem(
            c.recurring.at, "the service period is not a whole number of months, so it has no periods to pay for"
        )
    elif months % step:
        yield Problem(
            c.recurring.at, f"a service period of {months} months is not a whole number of {c.recurring.every}s"
        )
    if c.recurring.days is not None and c.recurring.working_days is not None:
        yield Problem(c.recurring.at, "give days or working_days, not both")


@rule("instalments.percent-or-amount", reads=("payment",))
def _percent_or_amount(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    for i in c.instalments:
        if i.stated_percent is None and i.stated_amount is None:
            yield Problem(i.at, "give percent or amount (or both)")
            return


@rule("score.bands-or-linear", reads=("payment", "assessment"))
def _bands_or_linear(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    for i in c.instalments:
        score = i.score_rule
        if score is None:
            continue
        if sum((bool(score.bands), score.linear is not None, score.coefficient is not None)) != 1:
            yield Problem(score.at, "give one of bands, linear or coefficient")
        if score.linear and score.linear.zero_score >= score.linear.full_score:
            yield Problem(score.linear.at, "zero_score must be below full_score")
        top = c.assessment.full_score if c.assessment else HUNDRED
        k = score.coefficient
        if k and not k.zero_below < k.full_from <= top:
            yield Problem(k.at, f"zero_below must be below full_from, and full_from at most the full score {top}")


@rule("score.bands-cover", reads=("payment",))
def _bands_cover(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """Bands have distinct lower bounds and the lowest is 0, so every score pays something defined."""
    for i in c.instalments:
        bands = i.score_rule.bands if i.score_rule else ()
        scores = [b.min_score for b in bands]
        if len(set(scores)) != len(scores):
            yield Problem(i.score_rule.where("bands"), "two bands have the same min_score")  # type: ignore[union-attr]
        elif bands and min(scores) != 0:
            yield Problem(
                i.score_rule.where("bands"),  # type: ignore[union-attr]
                f"the lowest band starts at {min(scores)}; add a band with min_score: 0 so every score pays something defined",
            )


@rule("deductions.amount-or-percent", reads=("liability",))
def _deduction_amount_or_percent(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    for d in c.liability.deductions:
        given = [d.stated_amount, d.percent_of_total, d.percent_of_instalment]
        if sum(x is not None for x in given) != 1:
            yield Problem(d.at, "give exactly one of amount, percent_of_total or percent_of_instalment")


@rule("confidentiality.years", reads=("clauses",))
def _confidentiality_years(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    cl = c.clauses
    if (cl.confidentiality_term == ConfidentialityTerm.YEARS) != (cl.confidentiality_years is not None):
        yield Problem(cl.at + ("confidentiality",), "years: N goes with term: years, and only with it")


@rule("annexes.once", reads=("annexes",))
def _annexes_once(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    seen: set[str] = set()
    for n, name in enumerate(c.annexes):
        if name in seen:
            yield Problem(("annexes", n), f"annex {name} is listed twice")
        seen.add(name)


# annex -> (the spec path of what it shows, whether the model has it)
_ANNEX_CONTENT = {
    Annex.FEE_SCHEDULE: ("price.fee_schedule", lambda c: bool(c.fee_lines)),
    Annex.ASSESSMENT: ("assessment", lambda c: c.assessment is not None),
    Annex.SERVICE_LEVELS: ("service_levels", lambda c: bool(c.service_levels)),
    Annex.DOCUMENTS: ("contract.documents", lambda c: bool(c.documents)),
}


@rule("annexes.have-content", reads=("annexes", "price", "assessment", "service_levels", "contract"))
def _annexes_have_content(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    for n, name in enumerate(c.annexes):
        if name in _ANNEX_CONTENT and not _ANNEX_CONTENT[name][1](c):
            yield Problem(("annexes", n), f"annex {name} needs {_ANNEX_CONTENT[name][0]} in the spec")


@rule("contract.rank-in-list", reads=("contract",))
def _contract_rank(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """The contract document's rank is a place in the documents' order: at most one after the last."""
    if c.contract_rank > len(c.documents) + 1:
        yield Problem(
            c.where("contract_rank"),
            f"rank {c.contract_rank}, but contract.documents lists {len(c.documents)}: "
            f"this contract document can rank 1 to {len(c.documents) + 1}",
        )


@rule("annexes.titled", reads=("annexes", "annex_titles"))
def _annexes_titled(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """A title the spec gives is for an annex it attaches, once."""
    seen: set[str] = set()
    for titled in c.annex_titles:
        if titled.annex not in c.annexes:
            yield Problem(titled.where("annex"), f"the spec does not attach the annex '{titled.annex}' (annexes:)")
        elif titled.annex in seen:
            yield Problem(titled.where("annex"), f"the annex '{titled.annex}' is given a title twice")
        seen.add(titled.annex)


@rule("articles.known-ids", reads=("articles",))
def _article_ids(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """The spec's article changes name articles the template folder has (or that the spec inserts),
    or named sub-clauses of them (article.name), once each; a new article's id is new."""
    if c.articles is None:
        return
    from ..render.articles import FIRST
    from ..render.templates import load_templates  # here: a spec without articles: needs no templates

    templates = load_templates(options.templates)
    standard = [entry["id"] for entry in templates.manifest["articles"]]
    known = set(standard)
    for new in c.articles.insert:
        if new.after not in known | {FIRST}:
            yield Problem(
                new.where("after"),
                f"no article {new.after!r} to insert after; articles: {', '.join(standard)} (or {FIRST}: first of all)",
            )
        if new.id in known:
            yield Problem(new.where("id"), f"there is already an article {new.id!r}; choose a new id")
        known.add(new.id)
    for move in c.articles.move:
        if move.id not in known:
            yield Problem(move.where("id"), f"no article {move.id!r} to move; articles: {', '.join(standard)}")
        if move.after not in known | {FIRST} or move.after == move.id:
            yield Problem(
                move.where("after"),
                f"no article {move.after!r} to move {move.id!r} after; articles: {', '.join(standard)} (or {FIRST})",
            )
    changed: dict[str, str] = {}
    for kind, ids in (
        ("omit", [(("articles", "omit", n), a) for n, a in enumerate(c.articles.omit)]),
        ("replace", [(r.where("id"), r.id) for r in c.articles.replace]),
        ("append", [(r.where("id"), r.id) for r in c.articles.append]),
    ):
        for path, clause_id in ids:
            article = article_of(clause_id)
            if article not in known and not (clause_id != article and article in templates.annexes_named()):
                yield Problem(path, f"no article {article!r}; articles: {', '.join(standard)}")
            elif clause_id != article and not templates.names_subclause(article, clause_id.split(".", 1)[1]):
                names = templates.subclauses.get(article, ())
                listed = f"its named sub-clauses: {', '.join(names)}" if names else "it has no named sub-clauses"
                yield Problem(path, f"article {article!r} has no sub-clause {clause_id!r}; {listed}")
            elif clause_id in changed and (kind, changed[clause_id]) != ("append", "replace"):
                yield Problem(path, f"{clause_id!r} is already in articles.{changed[clause_id]}")
            elif clause_id != article and changed.get(article) in ("omit", "replace"):
                yield Problem(path, f"article {article!r} is in articles.{changed[article]} as a whole")
            changed.setdefault(clause_id, kind)
    retitled: set[str] = set()
    for renamed in c.articles.retitle:
        if renamed.id not in standard:
            yield Problem(renamed.where("id"), f"no standard article {renamed.id!r}; articles: {', '.join(standard)}")
        elif renamed.id in retitled or changed.get(renamed.id) == "omit":
            yield Problem(renamed.where("id"), f"article {renamed.id!r} is left out or retitled already")
        retitled.add(renamed.id)


def _article_texts(c: Contract) -> Iterator[tuple[SpecPath, Text]]:
    """Each sub-clause the spec writes under articles: (replace, append, insert), with its path."""
    if c.articles is not None:
        for changes in (c.articles.replace, c.articles.append, c.articles.insert):
            for changed in changes:
                for n, text in enumerate(changed.text):
                    yield (*changed.where("text"), n), text


def spec_clause_texts(c: Contract) -> Iterator[tuple[SpecPath, str]]:
    """Each sub-clause text the spec writes itself (articles, special terms), with its path, per language."""
    for path, text in _article_texts(c):
        yield path, text.zh
        if text.en:
            yield path, text.en
    if c.preamble is not None:
        yield ("contract", "preamble"), c.preamble.zh
        if c.preamble.en:
            yield ("contract", "preamble"), c.preamble.en
    for term in c.clauses.special_terms:
        yield term.where("text"), term.text.zh
        if term.text.en:
            yield term.where("text"), term.text.en


@rule("articles.items-match", reads=("articles",))
def _items_match(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """A sub-clause the spec writes has as many items ('- ' lines) in English as in Chinese, so that
    the versions and the side-by-side rows agree, and none of them is empty."""
    for path, text in _article_texts(c):
        zh, en = len(clause_items(text.zh)) - 1, len(clause_items(text.en)) - 1 if text.en else None
        if en is not None and zh != en:
            yield Problem(path, f"{zh} items ('- ' lines) in zh but {en} in en")
        elif any(not item.strip() for item in clause_items(text.zh) + clause_items(text.en or "x")):
            yield Problem(path, "an item ('- ' line) or the sentence before it is empty")


@rule("articles.refs", reads=("articles", "clauses"))
def _spec_refs(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """ref(id) in the spec's own clause text names an article or a named sub-clause."""
    texts = [(path, clause_id) for path, text in spec_clause_texts(c) for clause_id in referred_ids(text)]
    if not texts:
        return
    from ..render.templates import load_templates  # here: a spec without ref() needs no templates

    templates = load_templates(options.templates)
    articles = {entry["id"] for entry in templates.manifest["articles"]}
    articles |= {new.id for new in c.articles.insert} if c.articles else set()
    for path, clause_id in dict.fromkeys(texts):
        article = article_of(clause_id)
        name = clause_id.split(".", 1)[1] if "." in clause_id else None
        if article not in articles:
            yield Problem(path, f"ref({clause_id}): no article {article!r}")
        elif name is not None and not templates.names_subclause(article, name):
            names = ", ".join(templates.subclauses.get(article, ())) or "none"
            yield Problem(path, f"ref({clause_id}): article {article!r} has no sub-clause {name!r} (named: {names})")


def _trial_render(c: Contract, options: CheckOptions) -> RenderError | None:
    """What goes wrong rendering the contract in Chinese, which is the only way to know what the
    conditions of the templates print; None if it renders (or fails for a reason other rules report)."""
    from ..render.compose import compose  # here: only specs that change articles need a trial render

    try:
        compose(c, "zh", options.templates)
    except RenderError as e:
        return e
    except Exception:  # noqa: BLE001 - a spec other rules reject may not render at all; they report why
        return None
    return None


@rule("articles.omit-referenced", reads=("articles",))
def _omit_referenced(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """An article or sub-clause the spec leaves out is not one another printed clause refers to."""
    if c.articles is None or not c.articles.omit:
        return
    e = _trial_render(c, options)
    if isinstance(e, LeftOutArticleError) and e.article in c.articles.omit:
        what = "sub-clause" if "." in e.article else "article"
        if e.where:
            referrer = f"article or annex {Path(e.where).name.split('.')[0]!r}"
        else:  # the reference is in the spec's own text
            paths = [path for path, text in spec_clause_texts(c) if _refers_to(text, e.article)]
            referrer = f"the spec's text at {dotted(paths[0])}" if paths else "the spec's own text"
        yield Problem(
            ("articles", "omit", c.articles.omit.index(e.article)),
            f"{what} {e.article!r} cannot be left out: {referrer} refers to it; "
            "replace that one too (articles.replace) or keep this one",
        )


def _refers_to(text: str, clause_id: str) -> bool:
    """text has a ref() to clause_id, or to a sub-clause of the article clause_id."""
    return any(clause_id in (referred, article_of(referred)) for referred in referred_ids(text))


@rule("articles.changes-printed", reads=("articles", "clauses"))
def _changes_printed(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """Each sub-clause the spec changes is one this contract prints, and each ref(id) in the spec's
    text names a clause it prints."""
    subclause_changes = c.articles is not None and c.articles.of_subclauses().ids
    texts = [(path, clause_id) for path, text in spec_clause_texts(c) for clause_id in referred_ids(text)]
    if not subclause_changes and not texts:
        return
    e = _trial_render(c, options)
    if isinstance(e, UnprintedSubClauseError) and c.articles is not None:
        from ..render.templates import load_templates

        templates = load_templates(options.templates)
        paths: list[tuple[SpecPath, str]] = [(("articles", "omit", n), i) for n, i in enumerate(c.articles.omit)]
        paths += [(r.where("id"), r.id) for r in (*c.articles.replace, *c.articles.append)]
        for path, clause_id in paths:
            known = templates.names_subclause(article_of(clause_id), clause_id.split(".", 1)[-1])
            if clause_id in e.ids and known:  # an unknown name is articles.known-ids' finding
                switches = templates.subclause_switches(article_of(clause_id), clause_id.split(".", 1)[1])
                if switches is None:
                    why = "its template leaves it out for this spec), so there is nothing to change"
                else:  # the terms that switch it on, by their spec paths
                    condition, change = switches
                    why = f"it prints only when {condition}), so there is nothing to change" + (
                        f"; {change} to print it" if change else ""
                    )
                yield Problem(path, f"this contract does not print sub-clause {clause_id!r} ({why}")
    elif isinstance(e, LeftOutArticleError) and not (c.articles and e.article in c.articles.omit):
        for path, clause_id in dict.fromkeys(texts):
            if e.article in (clause_id, article_of(clause_id)):
                yield Problem(path, f"ref({clause_id}): this contract does not print {e.article!r}")


@rule("deposit.credited-instalment", reads=("deposit", "payment"))
def _deposit_instalment(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """The 定金 is credited against an instalment the contract has."""
    if c.deposit is not None and c.deposit_credited_to > len(c.instalments):
        yield Problem(
            ("deposit", "credited_to_instalment"),
            f"there is no instalment {c.deposit_credited_to}; the contract has {len(c.instalments)}",
        )


# --- arithmetic -------------------------------------------------------------------------------


# A percentage governs its instalment's amount unless it is a rounded share (share: rounded),
# which only describes an amount the spec states: such percentages are checked by
# arith.rounded-share, and neither sum to 100% nor give amounts.


def _percent_sum(c: Contract) -> Decimal | None:
    """The sum of the percentages when every instalment is given by percentage, else None."""
    percents = [i.stated_percent for i in c.instalments if i.stated_percent is not None and i.percent_governs]
    return sum(percents, Decimal(0)) if c.instalments and len(percents) == len(c.instalments) else None


def _last_by_percent(c: Contract) -> Instalment | None:
    return next((i for i in reversed(c.instalments) if i.percent_governs), None)


def _disagreeing(c: Contract) -> list[Instalment]:
    """Instalments whose stated amount is not what their stated percentage gives."""
    if _percent_sum(c) not in (None, HUNDRED) or any(i.amount is None for i in c.instalments):
        return []
    return [
        i
        for i in c.instalments
        if i.percent_governs and i.stated_amount is not None and i.stated_amount != i.amount.value
    ]


@rule("arith.instalments-percent", reads=("payment",))
def _instalments_percent(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """Instalments all given by percentage make exactly 100%."""
    pct_sum = _percent_sum(c)
    if pct_sum is not None and pct_sum != HUNDRED:
        yield Problem(("payment", "instalments"), f"percentages sum to {plain_decimal(pct_sum)}%, not 100%")


@rule("arith.instalment-amount", reads=("price", "payment"))
def _instalment_amount(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """A stated amount is what its percentage gives under the rounding rule."""
    last = _last_by_percent(c)
    total = c.total.value
    for i in _disagreeing(c):
        how = "the remainder of the total" if i is last else "rounded half up"
        yield Problem(
            i.where("stated_amount"),
            f"{plain_decimal(i.stated_percent)}% of {format_yuan(total)} is "  # type: ignore[arg-type]
            f"{format_yuan(i.amount.value)} ({how}), but the amount says {format_yuan(i.stated_amount)} "  # type: ignore[arg-type]
            f"(= {plain_decimal(true_percent(i.stated_amount, total))}% of the total)",  # type: ignore[arg-type]
        )


@rule("arith.instalments-total", reads=("price", "payment"))
def _instalments_total(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """The instalments add up to the total, to the 分."""
    if not c.instalments or _percent_sum(c) not in (None, HUNDRED) or _disagreeing(c):
        return
    if any(i.amount is None for i in c.instalments):
        return
    amount_sum = sum((i.amount.value for i in c.instalments), Decimal(0))
    total = c.total.value
    if amount_sum != total:
        yield Problem(
            ("payment", "instalments"),
            f"instalments sum to {format_yuan(amount_sum)}, not the total {format_yuan(total)} "
            f"(difference {format_yuan(abs(total - amount_sum))})",
        )


@rule("arith.rounded-share", reads=("price", "payment"))
def _rounded_share(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """A rounded share (share: rounded) states both its percent and its amount, and the percent is
    the amount's true share of the total rounded half up to the decimals it is written with."""
    total = c.total.value
    for i in c.instalments:
        if i.share != Share.ROUNDED:
            continue
        if i.stated_percent is None or i.stated_amount is None:
            why = "share: rounded" if i.stated_share is not None else "payment.shares: rounded"
            yield Problem(
                i.at,
                f"{why} prints the percent beside the amount it is the rounded share of: give percent and amount",
            )
            continue
        places = written_places(i.stated_percent)
        rounded = rounded_share(i.stated_amount, total, places)
        if rounded != i.stated_percent:
            decimals = f"{places} {'decimal' if places == 1 else 'decimals'}"
            yield Problem(
                i.where("stated_percent"),
                f"{format(i.stated_percent, 'f')}% is not the share of the amount rounded to {decimals}: "
                f"{format_yuan(i.stated_amount)} is {plain_decimal(true_percent(i.stated_amount, total))}% "
                f"of the total {format_yuan(total)}, which rounds to {format(rounded, 'f')}%",
            )


# The terms of a due date counted in periods. It belongs with due.event-terms (the shape of
# terms) and stands here only because that section was being edited at the same time.


@rule("due.period-terms", reads=("payment",))
def _due_period_terms(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """from: and in_next_period go with a due term counted in periods; the first days of the next
    period are days or working days."""
    for i in c.instalments:
        due = i.due
        if due.event not in PERIODIC:
            if "periods_from" in due.given:
                yield Problem(
                    due.where("periods_from"),
                    f"from: is only used with after: period_end, assessment or quarter_assessment, not after: {due.event}",
                )
            if due.in_next_period:
                yield Problem(
                    due.where("in_next_period"),
                    "in_next_period is only used with after: period_end, assessment or quarter_assessment, "
                    f"not after: {due.event}",
                )
        elif due.in_next_period and (due.days is None) == (due.working_days is None):
            yield Problem(
                due.at,
                "in_next_period counts the first days of the next period: give days or working_days (not months)",
            )


@rule("fee-line.priced", reads=("price",))
def _fee_line_priced(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """A fee line is unit price × quantity (with its unit), or a lump sum given as amount alone."""
    for line in c.fee_lines:
        priced = [line.unit_price is not None, line.unit is not None, line.quantity is not None]
        if any(priced) and not all(priced):
            yield Problem(line.at, "give unit_price, unit and quantity together, or amount alone for a lump sum")
        elif not any(priced) and line.stated_amount is None:
            yield Problem(line.at, "give unit_price, unit and quantity, or amount for a lump sum")


@rule("arith.fee-schedule", reads=("price",))
def _fee_schedule(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """Each fee line is unit × quantity × months, and the lines sum to the total."""
    if not c.fee_lines:
        return
    for line in c.fee_lines:
        if line.unit_price is None or line.quantity is None:
            continue  # a lump sum is its amount (rule fee-line.priced)
        if line.stated_amount is not None and line.stated_amount != line.amount.value:
            yield Problem(
                line.where("stated_amount"),
                f"{line.unit_price.digits} × {plain_decimal(line.quantity)} × {plain_decimal(line.months)} = "
                f"{line.amount.digits}, but the amount says {format_yuan(line.stated_amount)}",
            )
    if any(line.amount is None for line in c.fee_lines):
        return  # a line without an amount is rule fee-line.priced's finding
    line_sum = sum((line.amount.value for line in c.fee_lines), Decimal(0))
    if line_sum != c.total.value:
        yield Problem(
            ("price", "total"),
            f"the fee schedule lines sum to {format_yuan(line_sum)}, not the total {format_yuan(c.total.value)}",
        )


@rule("arith.security-amount", reads=("price", "performance_security"))
def _security_amount(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    sec = c.security
    if sec is not None and sec.stated_amount is not None and sec.stated_amount != sec.amount.value:
        yield Problem(
            sec.where("stated_amount"),
            f"{plain_decimal(sec.percent.value)}% of the total is {sec.amount.digits}, "
            f"but the amount says {format_yuan(sec.stated_amount)}",
        )


@rule("arith.counterparts", reads=("clauses",))
def _counterparts(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    cl = c.clauses
    held = sum(h.copies for h in cl.holders)
    if held != cl.counterparts_total:
        yield Problem(
            cl.where("counterparts_total"), f"{cl.counterparts_total} counterparts in all, but the holders keep {held}"
        )


@rule("arith.kpi-weights", reads=("assessment",))
def _kpi_weights(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """Either no KPI has a weight, or all have and they sum to the full score."""
    a = c.assessment
    if a is None or not a.weighted:
        return
    unweighted = [k for k in a.kpis if k.weight is None]
    if unweighted:
        yield Problem(unweighted[0].where("weight"), "either every KPI has a weight or none has")
        return
    weights = sum((k.weight for k in a.kpis if k.weight is not None), Decimal(0))
    if weights != a.full_score:
        yield Problem(a.where("kpis"), f"KPI weights sum to {weights}, not the full score {a.full_score}")


def _amounts(c: Contract) -> Iterator[tuple[SpecPath, Amount]]:
    """Every amount the contract prints, with where it comes from (None: not computable, which
    another rule reports)."""
    found: list[tuple[SpecPath, Amount | None]] = [(("price", "total"), c.total)]
    for i in c.instalments:
        found.append((i.at, i.amount))
        found.append((i.at, i.net_amount))  # the balance after the 定金 credited against it
        found += [(i.where("score_rule"), band.pays) for band in i.bands]
    found += [(line.at, line.amount) for line in c.fee_lines]
    if c.security:
        found.append((c.security.at, c.security.amount))
    found += [(d.at, d.amount) for d in c.liability.deductions]
    found += [(d.where("cap"), d.cap) for d in c.liability.deductions]
    yield from ((path, amount) for path, amount in found if amount is not None)


@rule(
    "arith.capitals",
    reads=("price", "payment", "performance_security", "liability"),
    regulation="《支付结算办法》附件一《正确填写票据和结算凭证的基本规定》",
)
def _capitals(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """Every 大写 the contract will print reads back, by an independent reader, as its figure."""
    for path, amount in _amounts(c):
        if amount.value > MAX_AMOUNT:  # a fee line of unit × quantity × months can reach 10^26
            yield Problem(path, f"{amount.digits} is above the largest amount 大写 can write, {MAX_AMOUNT:,}")
            continue
        value, problems = rmb_words_problems(amount.words_zh)
        if problems or value != amount.value or read_rmb_words(amount.words_zh) != amount.value:
            yield Problem(path, f"大写 {amount.words_zh} does not read back as {amount.digits}: {problems}")


@rule(
    "dispute.one-route",
    reads=("clauses",),
    regulation="《仲裁法》第十六条、第十八条；最高法《关于适用〈仲裁法〉若干问题的解释》第七条",
)
def _dispute(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """Litigation, or arbitration naming one commission and no court ('arbitration or court' is void)."""
    cl = c.clauses
    where = cl.at + ("dispute",)
    if cl.dispute_route == DisputeRoute.ARBITRATION:
        if cl.commission is None:
            yield Problem(where, "arbitration must name the arbitration commission (commission: …)")
        if cl.court is not None:
            yield Problem(
                cl.where("court"),
                "choose one route: arbitration names no court (an 'arbitration or court' clause voids the arbitration agreement)",
            )
    elif cl.commission is not None:
        yield Problem(cl.where("commission"), "choose one route: litigation names no arbitration commission")


@rule("waivers.waivable", reads=("waivers",))
def _waivers(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """A waiver names a rule that exists and may be waived (compliance rules, not arithmetic)."""
    from .registry import RULES

    for w in c.waivers:
        if w.rule not in RULES:
            known = sorted(r.id for r in RULES.values() if r.waivable)
            yield Problem(w.where("rule"), f"no check rule {w.rule!r}; rules that may be waived: {', '.join(known)}")
        elif not RULES[w.rule].waivable:
            yield Problem(w.where("rule"), f"{w.rule} cannot be waived: a spec that breaks it is not usable")


@rule("waivers.used", reads=("waivers",), blocking=False, severity=Severity.WARNING)
def _waivers_used(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """A waiver waives a finding: one whose finding is gone (or whose path names no finding) says so,
    so that waivers do not outlive their reason."""
    from .registry import RULES

    for w in c.waivers:
        waived = RULES.get(w.rule)
        if waived is None or not waived.waivable:
            continue  # rule waivers.waivable's finding
        if not any(w.covers(w.rule, dotted(p.path)) for p in _findings_of(waived, c, options)):
            what = f"{w.rule} at {w.path}" if w.path is not None else w.rule
            yield Problem(
                w.where("path") if w.path is not None else w.where("rule"),
                f"waives nothing: no finding of {what}; remove it",
            )


def _findings_of(waived: Rule, c: Contract, options: CheckOptions) -> list[Problem]:
    try:
        return list(waived.check(c, options))
    except Exception:  # noqa: BLE001 - a rule that cannot run here (a section failed) has no finding to waive
        return []


# --- dates (warnings: check reports them; a spec may waive them) -------------------------------


def warning(rule_id: str, reads: tuple[str, ...], regulation: str | None = None):  # type: ignore[no-untyped-def]
    return rule(rule_id, reads=reads, regulation=regulation, blocking=False, severity=Severity.WARNING)


@warning("payment.payee", ("parties", "payment"))
def _payee(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """Party B's account is in the name of Party B or of the payee the spec names."""
    bank = c.supplier.bank
    if bank is None or bank.account_name is None:
        return
    if bank.account_name.zh in (c.supplier.name.zh, c.payee.name.zh if c.payee else None):
        return
    yield Problem(
        bank.where("account_name"),
        f"the account is in the name of {bank.account_name.zh}, which is neither Party B nor "
        + (f"the payee {c.payee.name.zh}" if c.payee else "a payee: name it in payment.payee"),
    )


@warning("dates.holiday-schedule", ("payment",), "《民法典》第二百零三条")
def _holiday_schedule(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """A due date that may have to move off a holiday, in a year whose schedule is not known."""
    for i in c.instalments:
        if i.due.undated:
            yield Problem(i.due.at, f"no date printed for this instalment: {i.due.undated}")


@warning("dates.service-after-signing", ("contract", "service"))
def _service_after_signing(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    start = c.service.period.start
    if start is not None and c.signed_on is not None and start < c.signed_on:
        yield Problem(
            c.service.period.where("start"),
            f"the service period starts on {start}, before the contract is signed on {c.signed_on}; "
            "say so in the contract if it confirms services already begun",
        )


@warning("dates.service-after-setup", ("contract", "service"))
def _service_after_setup(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """The service period starts once the set-up is due and, if the set-up is accepted, once the
    acceptance may be done (else the service begins on a set-up not yet accepted)."""
    start, setup_due = c.service.period.start, c.service.setup_due
    signed = c.signed_on
    if start is None or setup_due is None or signed is None or start < signed:
        return  # unknown, or dates.service-after-signing's finding
    if start < setup_due:
        yield Problem(
            c.service.period.where("start"),
            f"the service period starts on {start}, before the set-up is due on {setup_due}",
        )
        return
    days = c.service.acceptance_working_days
    try:
        accepted_by = add_working_days(setup_due, days) if days else None
    except CalendarUnknownError:
        return  # the holiday schedule of that year is not published: dates.holiday-schedule's matter
    if accepted_by is not None and start < accepted_by:
        yield Problem(
            c.service.period.where("start"),
            f"the service period starts on {start}, but a set-up finished on its last day ({setup_due}) may be "
            f"accepted as late as {accepted_by} ({days} working days): shorten the set-up or the acceptance "
            "period, or start the service later",
        )


@warning("dates.periods-basis", ("contract", "service", "payment"))
def _periods_basis(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """Periods a payment counts from signing or effectiveness are the periods of service only when
    the service period starts then (else the last payment may fall before the service ends)."""
    period = c.service.period
    for i in c.instalments:
        basis = i.due.periods_from
        if basis == PeriodBasis.SERVICE_PERIOD or i.due.every is None and i.due.quarter is None:
            continue
        if period.start is not None and c.signed_on is not None and period.start == c.signed_on:
            continue
        begins = f"on {period.start}" if period.start is not None else "on an event after signing"
        yield Problem(
            i.due.where("periods_from"),
            f"this payment counts its periods from {basis}, but the service period begins {begins}: the "
            "periods paid for and the periods served differ; count them from the service period "
            "(from: service_period)",
        )
        return


@warning("documents.amendments-rank", ("contract",))
def _amendments_rank(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """A supplementary agreement prevails over what it amends, unless the spec says otherwise: then
    it ranks where contract.documents puts it, after the contract, and could not change a clause."""
    if not c.amendments_prevail:
        yield Problem(
            ("contract", "amendments_prevail"),
            "a supplementary agreement then ranks as contract.documents lists it, below this contract"
            + (f" and the {c.contract_rank - 1} document(s) before it" if c.contract_rank > 1 else "")
            + ": an amendment would lose to the clause it amends; leave amendments_prevail out (true)",
        )


@warning("dates.fixed-rest-day", ("payment",), "《民法典》第二百零三条")
def _fixed_rest_day(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """A payment due on a fixed date that is a rest day: the rest-day rule moves the end of a period,
    and whether it moves a date the contract names is open to argument."""
    for i in c.instalments:
        day = i.due.on_date
        try:
            rest = day is not None and not is_working_day(day)
        except CalendarUnknownError:
            continue
        if rest:
            yield Problem(
                i.due.where("on_date"),
                f"{day} is a rest day: a date the contract names is not a period's end, so whether payment may "
                "wait for the next working day is open; choose a working day",
            )


@warning("security.delivery", ("performance_security",), "《政府采购法实施条例》第四十八条")
def _security_delivery(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """The security has a time to be provided (an obligation before signing binds no one)."""
    if c.security is not None and c.security.delivery_working_days is None:
        yield Problem(
            c.security.where("delivery_working_days"),
            "no time is set for providing the security: give delivery_working_days (working days after signing)",
        )


@warning("security.validity-start", ("performance_security",), "《政府采购法实施条例》第四十八条")
def _validity_start(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """A guarantee's validity says from when it runs, not only how long (LEGAL: "valid for one year"
    with no start is a risk the reviewer flags)."""
    security = c.security
    if security is None or security.validity is None:
        return
    validity = security.validity
    if not any(word in validity.zh for word in ("自", "起", "至", "止")):
        yield Problem(
            security.where("validity"),
            f"{validity.zh} says how long the guarantee is valid but not from when: "
            "write e.g. 自开立之日起一年 or 至服务期届满后30日止",
        )


@warning("liability.deductions-cap", ("liability", "assessment"), "《民法典》第五百八十五条")
def _deductions_cap(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """Deductions that repeat (per occurrence, per day, per missing person, per failed KPI) have an
    overall cap (LEGAL: deductions "per missing person" or "per item" with no cap are a risk)."""
    if c.liability.deductions_cap is not None:
        return
    repeating = [f"{d.event.zh}" for d in c.liability.deductions if d.owed_by == Side.SUPPLIER and d.each_occurrence]
    if c.liability.missing_staff_deduction is not None:
        repeating.append("每少一人")
    if c.assessment is not None and c.assessment.failed_kpi_deduction is not None:
        repeating.append("每项未达标的考核指标")
    if repeating:
        yield Problem(
            c.liability.where("deductions_cap_percent"),
            f"no overall cap on deductions that repeat ({'; '.join(repeating)}): "
            "give deductions_cap_percent, or confirm that they are meant to be unlimited",
        )


@warning("assessment.scoring", ("assessment",), "《民法典》第五百一十条")
def _scoring(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """Indicators with points say how a missed target loses them (LEGAL: a score no one can compute)."""
    if c.assessment is not None and c.assessment.weighted and c.assessment.scoring is None:
        yield Problem(
            c.assessment.where("scoring"),
            "the indicators carry points but no rule says how a missed target loses them: give scoring",
        )


_FREQUENCY_ORDER = (Frequency.DAILY, Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.YEARLY)


@warning("assessment.kpi-frequency", ("assessment",), "《民法典》第五百一十条")
def _kpi_frequency(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """Each assessment that deducts for a failed indicator can tell whether it failed: an indicator
    measured less often than the assessments runs is known in only some of them, and one measured
    more often needs a rule that makes its results one (LEGAL: results with no combining rule)."""
    a = c.assessment
    if a is None or a.failed_kpi_deduction is None or a.frequency not in _FREQUENCY_ORDER:
        return
    runs = _FREQUENCY_ORDER.index(a.frequency)
    measured = [
        (k, _FREQUENCY_ORDER.index(k.frequency)) for k in a.kpis if k.frequency in _FREQUENCY_ORDER and k.deducted
    ]
    rarer = [k for k, at in measured if at > runs]
    oftener = [k for k, at in measured if at < runs]
    if rarer:
        yield Problem(
            rarer[0].where("frequency"),
            f"indicators {_numbers(rarer)} are measured less often than the assessment that deducts for a failed "
            f"indicator runs ({a.frequency}): say in which assessment their results count (they may be known "
            "only after the last instalment)",
        )
    if oftener and a.scoring is None:
        yield Problem(
            oftener[0].where("frequency"),
            f"indicators {_numbers(oftener)} are measured more often than they are assessed ({a.frequency}): give "
            "assessment.scoring to say how their results make one (every period met, the average, …)",
        )


def _numbers(kpis: list[Kpi]) -> str:
    return ", ".join(f"{k.number} ({k.indicator.zh}, {k.frequency})" for k in kpis)


@warning("liability.staff-period", ("liability",), "《民法典》第五百一十条")
def _staff_period(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """A deduction per missing person says what it counts per (LEGAL: "per missing person" with no period)."""
    if c.liability.missing_staff_deduction is not None and c.liability.missing_staff_per is None:
        yield Problem(
            c.liability.where("missing_staff_per"),
            "a deduction per missing person, but not per what: say missing_staff_per: day or month",
        )


@warning("contract.self-name", ("contract",), "《民法典》第四百六十六条")
def _self_name(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """The clauses call the document what its title calls it (a 协议 is 本协议, not 本合同)."""
    if c.title.zh.endswith("协议") and c.called != DocumentName.AGREEMENT:
        yield Problem(
            c.where("title"),
            f"the title calls the document 协议 ({c.title.zh}) but the clauses call it 本合同: "
            "say called: agreement, or title it …合同",
        )


@warning("score.basis", ("payment", "assessment"))
def _score_basis(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """An instalment that pays on 'the score' says which score when assessments run more than yearly."""
    frequency = c.assessment.frequency if c.assessment else None
    for i in c.instalments:
        if i.score_rule and i.score_rule.basis is None and frequency != Frequency.YEARLY:
            every = f"assessments run {frequency}" if frequency else "no assessment frequency is given"
            yield Problem(
                i.score_rule.at, f"say which score it pays on (basis: period, average, lowest or annual); {every}"
            )


@warning("liability.double-penalty", ("assessment", "liability"))
def _double_penalty(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """One event is not penalised twice (a failed KPI and a deduction for the same event) unless the
    spec says so (also_kpi: true)."""
    if c.assessment is None or c.assessment.failed_kpi_deduction is None:
        return
    for d in c.liability.deductions:
        kpi = next((k for k in c.assessment.kpis if k.indicator.zh in d.event.zh or d.event.zh in k.indicator.zh), None)
        if kpi is not None and kpi.deducted and d.owed_by == Side.SUPPLIER and not d.also_kpi:
            yield Problem(
                d.where("event"),
                f"{d.event.zh} is also KPI {kpi.number} ({kpi.indicator.zh}), whose failure the assessment deducts: "
                "the same event would be penalised twice (say deducted: false on the KPI to leave it to this "
                "deduction, or also_kpi: true if both are meant)",
            )


# --- facts left open (warnings) ------------------------------------------------------------------


def _records(value: object) -> Iterator[Record]:
    """Every declared record in a model, depth first."""
    if isinstance(value, Record):
        yield value
        for field in dataclasses.fields(value):
            yield from _records(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _records(item)


@warning("blanks.listed", ("contract", "parties"))
def _blanks(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """The facts the spec leaves blank, to be filled in by hand at signing."""
    for record in _records(c):
        for field in dataclasses.fields(record):
            if getattr(record, field.name) is BLANK:
                yield Problem(record.where(field.name), "left blank: fill it in by hand at signing")


# fact -> (the spec path, why a contract should state it)
_RECOMMENDED: tuple[tuple[str, SpecPath, str], ...] = (
    ("number", ("contract", "number"), "no contract number; give one, or write blank to fill it in at signing"),
    ("procurement_method", ("contract", "procurement_method"), "the procurement method is not stated"),
    ("tax_included", ("price", "tax_included"), "the contract does not say whether the price includes VAT"),
)
_RECOMMENDED_SERVICE = (("location", "the place of service is not stated (《民法典》第四百七十条: 履行地点)"),)


@warning("recommended.facts", ("contract", "price", "service"))
def _recommended(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """Facts a contract of this kind usually states; left out, the sentence that would say them is too."""
    for name, path, message in _RECOMMENDED:
        if getattr(c, name) is None:
            yield Problem(path, message)
    for name, message in _RECOMMENDED_SERVICE:
        if c.service is not None and getattr(c.service, name) is None:
            yield Problem(c.service.where(name), message)


# --- compliance (reported by check; a spec may waive them) -------------------------------------


def compliance(rule_id: str, regulation: str, reads: tuple[str, ...]):  # type: ignore[no-untyped-def]
    return rule(rule_id, reads=reads, regulation=regulation, blocking=False)


@compliance("gpl.security-cap", "《政府采购法实施条例》第四十八条", ("performance_security",))
def _security_cap(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    if c.security and c.security.percent.value > 10:
        yield Problem(
            c.security.where("percent"),
            f"performance security is {c.security.percent.display}% of the contract amount; it may not exceed 10%",
        )


@compliance(
    "gpl.security-non-cash",
    "《政府采购法实施条例》第四十八条；《保障中小企业款项支付条例》第十三条",
    ("performance_security",),
)
def _security_non_cash(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    if c.security and set(c.security.forms) <= {SecurityForm.CASH}:
        yield Problem(
            c.security.where("forms"),
            "the supplier must be allowed a non-cash form (cheque, draft, promissory note or guarantee)",
        )


def _sme_and_government(c: Contract) -> bool:
    return c.supplier.sme and c.buyer.kind in GOVERNMENT_BUYERS


@compliance("sme.payment-term", "《保障中小企业款项支付条例》第九条", ("parties", "payment"))
def _sme_payment_term(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    if not _sme_and_government(c):
        return
    for i in c.instalments:
        deadline = i.due.deadline
        if i.due.event not in AFTER_DELIVERY or deadline is None:
            continue
        days = {
            "days": deadline.count,
            "months": deadline.count * 31,
            "working_days": math.ceil(deadline.count * 7 / 5),
        }[deadline.unit]
        if days > 60:
            yield Problem(
                i.due.at,
                f"payment about {days} days after delivery or acceptance; an SME must be paid within 60 days at most",
            )
        elif days > 30:
            yield Problem(
                i.due.at,
                f"payment about {days} days after delivery or acceptance; over 30 days must be agreed expressly",
                Severity.WARNING,
            )


@compliance("sme.acceptance-deadline", "《保障中小企业款项支付条例》第十条", ("parties", "service", "payment"))
def _sme_acceptance_deadline(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    if not _sme_and_government(c) or c.service.acceptance_working_days is not None:
        return
    for i in c.instalments:
        if i.due.event in (DueEvent.SETUP_ACCEPTANCE, DueEvent.FINAL_ACCEPTANCE):
            yield Problem(
                i.due.where("event"),
                "payment depends on acceptance, so the contract must state the acceptance deadline "
                "(service.acceptance_working_days)",
            )
            return


@compliance("sme.late-interest", "《保障中小企业款项支付条例》第十七条", ("parties", "payment"))
def _sme_late_interest(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    if not _sme_and_government(c):
        return
    rate = c.late_interest_percent_per_day
    if rate is None:
        yield Problem(
            ("payment",),
            "no late-payment interest agreed: the statutory 0.05% per day applies to late payment",
            Severity.WARNING,
        )
    elif rate.value * 365 < options.lpr:
        yield Problem(
            ("payment", "late_interest_percent_per_day"),
            f"{rate.display}% per day is {(rate.value * 365).normalize():f}% a year, below the 1-year LPR of {options.lpr}%"
            + (f" (published {options.lpr_published.isoformat()})" if options.lpr_published else ""),
        )


@compliance("civil-code.deposit-cap", "《民法典》第五百八十六条", ("price", "deposit"))
def _deposit(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    if c.deposit and c.deposit.value * 100 > c.total.value * 20:
        yield Problem(("deposit", "amount"), f"定金 {c.deposit.digits} exceeds 20% of the contract amount")


@compliance("gpl.signing-deadline", "《政府采购法》第四十六条", ("contract",))
def _signing(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    if c.award_date and c.signed_on and (c.signed_on - c.award_date).days > 30:
        days = (c.signed_on - c.award_date).days
        yield Problem(("contract", "signing_date"), f"signed {days} days after the award notice; the limit is 30 days")


@compliance(
    "civil-code.elements", "《民法典》第四百七十条", ("service", "price", "assessment", "service_levels", "liability")
)
def _elements(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    s, li = c.service, c.liability
    if not (s.seats or s.staff or c.fee_lines):
        yield Problem(("service",), "no quantity stated (seats, staff or a fee schedule)", Severity.WARNING)
    if not (s.standards or c.assessment or c.service_levels):
        yield Problem(
            ("service",), "no quality terms stated (standards, assessment or service levels)", Severity.WARNING
        )
    if not (li.breach_penalty or li.deductions or li.missing_staff_deduction or li.termination_events):
        yield Problem(("liability",), "no specific liability for breach stated", Severity.WARNING)
