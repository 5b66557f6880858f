"""The spec format and the contract model, declared once: every field says where it sits in the
YAML (its key, when that differs from its name), its rule and doc, and its type in the model.

`spec.schema` turns these declarations into the cerberus schema, the field reference and the
JSON Schema; `contract.build` turns checked spec data into these frozen dataclasses by the same
declarations; `contract.compute` fills the fields declared `derived()`. To add a term: declare
the field here (with its default, if it has one) and print it in the two clause templates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar

from ..domain.money import Amount, Percent

SpecPath = tuple[str | int, ...]
FORMAT_VERSION = 1
EARLIEST_DATE, LATEST_DATE = dt.date(2000, 1, 1), dt.date(2099, 12, 31)


# --- choices ------------------------------------------------------------------------------------
# The keys a spec writes; their wording in each language is in templates/labels.yaml.


class Language(StrEnum):
    ZH = "zh"
    EN = "en"
    ZH_EN = "zh-en"


class Prevailing(StrEnum):
    ZH = "zh"
    EN = "en"


class ProcurementMethod(StrEnum):
    PUBLIC_TENDER = "public_tender"
    INVITED_TENDER = "invited_tender"
    COMPETITIVE_NEGOTIATION = "competitive_negotiation"
    COMPETITIVE_CONSULTATION = "competitive_consultation"
    SINGLE_SOURCE = "single_source"
    INQUIRY = "inquiry"
    FRAMEWORK_AGREEMENT = "framework_agreement"


class PartyKind(StrEnum):
    GOVERNMENT = "government"
    PUBLIC_INSTITUTION = "public_institution"
    ENTERPRISE = "enterprise"
    OTHER = "other"


class RepresentativeRole(StrEnum):
    LEGAL_REPRESENTATIVE = "legal_representative"
    PRINCIPAL = "principal"


class Side(StrEnum):
    BUYER = "buyer"
    SUPPLIER = "supplier"


class DueEvent(StrEnum):
    SIGNING = "signing"
    SETUP_ACCEPTANCE = "setup_acceptance"
    SERVICE_START = "service_start"
    SERVICE_END = "service_end"
    FINAL_ACCEPTANCE = "final_acceptance"
    QUARTER_ASSESSMENT = "quarter_assessment"
    DATE = "date"


class PeriodStart(StrEnum):
    SIGNING = "signing"
    SETUP_ACCEPTANCE = "setup_acceptance"


class SecurityForm(StrEnum):
    CASH = "cash"
    CHEQUE = "cheque"
    DRAFT = "draft"
    PROMISSORY_NOTE = "promissory_note"
    BANK_GUARANTEE = "bank_guarantee"
    INSURANCE_GUARANTEE = "insurance_guarantee"


class Frequency(StrEnum):
    DAILY = "daily"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"
    PER_EVENT = "per_event"


class ConfidentialityTerm(StrEnum):
    PERMANENT = "permanent"
    UNTIL_PUBLIC = "until_public"
    YEARS = "years"


class Owner(StrEnum):
    BUYER = "buyer"
    SUPPLIER = "supplier"
    JOINT = "joint"


class DisputeRoute(StrEnum):
    LITIGATION = "litigation"
    ARBITRATION = "arbitration"


class PriceNature(StrEnum):
    FIXED = "fixed"
    UNIT_PRICE = "unit_price"


class Annex(StrEnum):
    SCOPE = "scope"
    FEE_SCHEDULE = "fee_schedule"
    PAYMENT_SCHEDULE = "payment_schedule"
    ASSESSMENT = "assessment"
    SERVICE_LEVELS = "service_levels"
    INTEGRITY = "integrity"
    CONFIDENTIALITY = "confidentiality"
    DOCUMENTS = "documents"


# --- field declarations -------------------------------------------------------------------------

# Limits of one value (README, "Limits"): far above any real contract, and low enough that every
# figure the model derives stays exact in Decimal and every accepted text renders in bounded time.
MAX_TEXT_CHARS = 5_000  # one text (a clause of special terms is a few hundred characters)
MAX_CODE_CHARS = 100  # a number, phone, account or postcode
MAX_EMAIL_CHARS = 254  # RFC 5321
MAX_QUANTITY = 10_000_000  # quantities, months, scores and weights (unit price × quantity × months stays exact)


def _field(rule: dict[str, Any], doc: str, key: str | None, default: Any = None) -> Any:
    rule = {**rule, "meta": {"doc": doc}}
    if default is not None:
        rule["meta"]["default"] = default
    return dataclasses.field(default=None, metadata={"rule": rule, "key": key, "default": default})


def text(doc: str, required: bool = True, *, key: str | None = None) -> Any:
    """Free text: a string, or {zh: …, en: …} for bilingual output."""
    return _field({"type": "text", "required": required, "check_with": "text"}, doc + " (text, or {zh: …, en: …})", key)


def code(doc: str, required: bool = True, *, key: str | None = None) -> Any:
    """An identifier written as digits or text (phone, account, number); kept as written."""
    return _field({"type": "code", "required": required, "check_with": "code"}, doc, key)


def money(doc: str, required: bool = True, *, key: str | None = None, minimum: Decimal | int = 0) -> Any:
    """An amount in 元 to the 分."""
    return _field(
        {"type": "money", "required": required, "min": minimum, "check_with": "fen"},
        doc + " (元, at most 2 decimals)",
        key,
    )


def percent(doc: str, required: bool = True, *, key: str | None = None) -> Any:
    return _field({"type": "decimal", "required": required, "min": 0, "max": 100}, doc + " (percent, 0–100)", key)


def decimal(doc: str, required: bool = True, *, key: str | None = None, minimum: int = 0, default: Any = None) -> Any:
    """A decimal number (quantities, scores, weights), at most MAX_QUANTITY."""
    return _field({"type": "decimal", "required": required, "min": minimum, "max": MAX_QUANTITY}, doc, key, default)


def integer(doc: str, required: bool = True, minimum: int = 0, maximum: int = 3650, *, key: str | None = None) -> Any:
    """A whole number; the default maximum (3650, ten years of days) keeps dates computable."""
    return _field({"type": "integer", "required": required, "min": minimum, "max": maximum}, doc, key)


def choice(
    options: type[StrEnum], doc: str, required: bool = True, *, key: str | None = None, default: Any = None
) -> Any:
    return _field({"type": "string", "required": required, "allowed": [o.value for o in options]}, doc, key, default)


def flag(doc: str, required: bool = False, *, key: str | None = None, default: Any = None) -> Any:
    return _field({"type": "boolean", "required": required}, doc, key, default)


def date(doc: str, required: bool = True, *, key: str | None = None) -> Any:
    return _field(
        {"type": "date", "required": required, "min": EARLIEST_DATE, "max": LATEST_DATE}, doc + " (YYYY-MM-DD)", key
    )


def email(doc: str, *, key: str | None = None) -> Any:
    # Each part of the domain excludes the dot, so a failed match backtracks linearly, not quadratically.
    return _field(
        {
            "type": "string",
            "required": False,
            "maxlength": MAX_EMAIL_CHARS,
            "regex": r"[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+",
        },
        doc,
        key,
    )


def record(doc: str, required: bool = True, *, key: str | None = None, side: str | None = None) -> Any:
    """A mapping whose fields are those of the annotated dataclass (side fills '{side}' in their docs)."""
    rule: dict[str, Any] = {"type": "dict", "required": required}
    if side:
        rule["side"] = side
    return _field(rule, doc, key)


def listing(item: Any, doc: str, required: bool = True, min_items: int = 0, *, key: str | None = None) -> Any:
    """A list; item is a field declaration for plain items, or the doc of a record item (the
    record's fields come from the annotated tuple[Record, ...])."""
    rule: dict[str, Any] = {"type": "list", "required": required}
    if min_items:
        rule["minlength"] = min_items
    item_rule = (
        {"type": "dict", "required": True, "meta": {"doc": item}} if isinstance(item, str) else item.metadata["rule"]
    )
    return _field({**rule, "schema": item_rule}, doc, key)


def derived() -> Any:
    """A field compute fills from others; not in the spec."""
    return dataclasses.field(default=None, metadata={"derived": True})


def spec_key(field: dataclasses.Field[Any]) -> tuple[str, ...]:
    """Where a declared field sits below its record's mapping: ('representative', 'role')."""
    return tuple((field.metadata.get("key") or field.name).split("."))


@dataclasses.dataclass(frozen=True, kw_only=True)
class Record:
    """Base of every declared record: `at` is its spec path (set by contract.build)."""

    # Mappings that only group fields of this record (a key with a dot names one): their docs.
    GROUPS: ClassVar[dict[str, tuple[str, bool]]] = {}
    at: SpecPath = dataclasses.field(default=(), compare=False, repr=False, metadata={"derived": True})

    def where(self, name: str) -> SpecPath:
        """The spec path of one of this record's fields."""
        return self.at + spec_key(_fields(type(self))[name])


def _fields(cls: type) -> dict[str, dataclasses.Field[Any]]:
    return {f.name: f for f in dataclasses.fields(cls)}


# --- values -------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Text:
    """Free text in Chinese, with an English version when the spec gives one."""

    zh: str
    en: str | None = None
    path: str = ""  # dotted spec path, for "untranslated field" warnings

    def __str__(self) -> str:
        return self.zh


# --- the records --------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class Contact(Record):
    name: Text = text("contact person")
    phone: str = code("telephone")
    fax: str | None = code("fax", required=False)
    email: str | None = email("e-mail")


@dataclasses.dataclass(frozen=True, kw_only=True)
class BankAccount(Record):
    account_name: Text = text("account name (户名)")
    bank: Text = text("bank and branch (开户行)")
    account: str = code("account number")


@dataclasses.dataclass(frozen=True, kw_only=True)
class Party(Record):
    GROUPS = {"representative": ("legal representative or principal", True)}
    side: Side = derived()
    name: Text = text("registered name of the {side}")
    credit_code: str | None = _field(
        {"type": "code", "required": False, "check_with": "uscc"},
        "统一社会信用代码 (18 characters, checksum verified)",
        None,
    )
    kind: PartyKind | None = choice(PartyKind, "kind of organisation (for payment-term compliance rules)", False)
    sme: bool = flag("the party is a small or medium-sized enterprise (中小企业)", default=False)
    address: Text = text("registered address")
    postcode: str | None = code("postcode", required=False)
    representative_role: RepresentativeRole = choice(
        RepresentativeRole, "法定代表人 or 负责人", key="representative.role"
    )
    representative_name: Text = text("the representative's name", key="representative.name")
    contact: Contact = record("contact person for notices")
    bank: BankAccount | None = record("bank account for payments", required=False)


@dataclasses.dataclass(frozen=True, kw_only=True)
class TitledText(Record):
    title: Text = text("item title")
    text: Text = text("what the supplier does")


@dataclasses.dataclass(frozen=True, kw_only=True)
class SpecialTerm(Record):
    title: Text = text("term title")
    text: Text = text("term text")


@dataclasses.dataclass(frozen=True, kw_only=True)
class Deadline(Record):
    """N days, working days or months after an event: exactly one of the three."""

    days: int | None = integer("calendar days after signing to finish set-up", required=False, minimum=1)
    working_days: int | None = integer("working days after signing to finish set-up", False, 1)
    months: int | None = integer("months after signing to finish set-up", required=False, minimum=1, maximum=120)

    UNITS: ClassVar[tuple[str, ...]] = ("days", "working_days", "months")

    @property
    def units(self) -> tuple[str, ...]:
        """The units given (one, in a valid spec)."""
        return tuple(u for u in self.UNITS if getattr(self, u) is not None)

    @property
    def unit(self) -> str:
        return self.units[0]

    @property
    def count(self) -> int:
        return int(getattr(self, self.unit))


@dataclasses.dataclass(frozen=True, kw_only=True)
class ServicePeriod(Record):
    """Fixed dates, or months counted from an event; compute fills start and end when known."""

    start: dt.date | None = date("first day of service", required=False)
    end: dt.date | None = date("last day of service", required=False)
    months: int | None = integer("length in months (with from:)", required=False, minimum=1, maximum=120)
    counted_from: PeriodStart | None = choice(PeriodStart, "what the months count from", False, key="from")
    fixed: bool = derived()  # the spec gave start or end (rather than months and from)


@dataclasses.dataclass(frozen=True, kw_only=True)
class Service(Record):
    name: Text = text("name of the service")
    hotlines: tuple[str, ...] = listing(code("a hotline number"), "hotline numbers served", min_items=1)
    scope: tuple[TitledText, ...] = listing("a scope item", "service scope items", min_items=1)
    standards: tuple[Text, ...] = listing(text("a standard"), "service standards to meet", required=False)
    hours: Text = text("service hours, e.g. 7×24小时 or 工作日9:00—18:00")
    seats: int | None = integer("number of seats", required=False, minimum=1, maximum=100000)
    staff: int | None = integer(
        "headcount the supplier keeps on the service", required=False, minimum=1, maximum=100000
    )
    location: Text = text("where the service is performed")
    premises_by: Side = choice(Side, "who provides premises")
    equipment_by: Side = choice(Side, "who provides equipment and systems")
    period: ServicePeriod = record("service period: start and end, or months counted from an event")
    setup: Deadline | None = record("set-up deadline", required=False)
    acceptance_working_days: int | None = integer(
        "working days the buyer has to accept after the supplier applies", required=False, minimum=1
    )


@dataclasses.dataclass(frozen=True, kw_only=True)
class FeeLine(Record):
    number: int = derived()
    item: Text = text("line item")
    unit_price: Amount = money("unit price")
    unit: Text = text("unit, e.g. 元/席/月")
    quantity: Decimal = decimal("quantity")
    months: Decimal = decimal("months", required=False, default=Decimal(1))
    stated_amount: Decimal | None = money(
        "stated line amount, checked against unit × quantity × months", False, key="amount"
    )
    overage: Text | None = text("how use beyond the quantity is charged", required=False)
    note: Text | None = text("remark", required=False)
    amount: Amount = derived()  # unit price × quantity × months, rounded half up to 分


@dataclasses.dataclass(frozen=True, kw_only=True)
class Due(Record):
    """When an instalment falls due: an event, and N days / working days / months after it."""

    event: DueEvent = choice(DueEvent, "the event that starts the payment term", key="after")
    days: int | None = integer("calendar days after the event", required=False)
    working_days: int | None = integer("working days (工作日) after the event", required=False)
    months: int | None = integer("months after the event", required=False, maximum=120)
    on_date: dt.date | None = date("the calendar date (with after: date)", required=False, key="date")
    quarter: int | None = integer("the quarter of the service period (with after: quarter_assessment)", False, 1, 40)
    date: dt.date | None = derived()  # the calendar date, when the event's date is known

    @property
    def units(self) -> tuple[str, ...]:
        return tuple(u for u in Deadline.UNITS if getattr(self, u) is not None)

    @property
    def deadline(self) -> Deadline | None:
        """The term after the event (the first unit given), or None when due on the event."""
        if not self.units:
            return None
        unit = self.units[0]
        return Deadline(**{unit: getattr(self, unit)}, at=self.at)


@dataclasses.dataclass(frozen=True, kw_only=True)
class BandRule(Record):
    min_score: Decimal = decimal("lowest score of the band (inclusive)")
    pay_percent: Percent = percent("share of the instalment paid in this band")


@dataclasses.dataclass(frozen=True, kw_only=True)
class LinearPay(Record):
    """Pays nothing at or below zero_score, all at or above full_score, pro rata in between."""

    zero_score: Decimal = decimal("at or below this score nothing is paid")
    full_score: Decimal = decimal("at or above this score all is paid")


@dataclasses.dataclass(frozen=True, kw_only=True)
class ScoreRule(Record):
    bands: tuple[BandRule, ...] = listing("a score band", "score bands, highest first", False, 1)
    linear: LinearPay | None = record("pro-rata payment between two scores", required=False)


@dataclasses.dataclass(frozen=True, kw_only=True)
class ScoreBand:
    """What an instalment pays in one score band (derived)."""

    min_score: Decimal
    max_score: Decimal | None  # exclusive upper bound; None for the top band
    pay_percent: Percent
    pays: Amount


@dataclasses.dataclass(frozen=True, kw_only=True)
class Instalment(Record):
    number: int = derived()
    name: Text | None = text("instalment name", required=False)
    stated_percent: Decimal | None = percent("share of the total", required=False, key="percent")
    stated_amount: Decimal | None = money("amount", required=False, key="amount")
    due: Due = record("when the instalment falls due")
    score_rule: ScoreRule | None = record(
        "the instalment depends on the assessment score: bands or linear", required=False, key="assessment"
    )
    percent: Percent = derived()  # the stated percentage, or the true share of the amount
    amount: Amount = derived()  # the stated amount, or the share of the total (rounding rule)
    bands: tuple[ScoreBand, ...] = derived()

    @property
    def linear(self) -> LinearPay | None:
        return self.score_rule.linear if self.score_rule else None

    @property
    def depends_on_score(self) -> bool:
        return self.score_rule is not None


@dataclasses.dataclass(frozen=True, kw_only=True)
class PerformanceSecurity(Record):
    percent: Percent = percent("share of the total")
    stated_amount: Decimal | None = money("stated amount, checked against percent × total", False, key="amount")
    forms: tuple[SecurityForm, ...] = listing(choice(SecurityForm, "a form"), "accepted forms", min_items=1)
    validity: Text | None = text("validity of a guarantee, e.g. 一年", required=False)
    return_working_days: int = integer("working days after the end of service to return it", minimum=1)
    return_condition: Text | None = text("condition for return", required=False)
    amount: Amount = derived()


@dataclasses.dataclass(frozen=True, kw_only=True)
class Kpi(Record):
    number: int = derived()
    indicator: Text = text("indicator")
    definition: Text = text("definition or calculation")
    target: Text | None = text("target value", required=False)
    frequency: Frequency | None = choice(Frequency, "how often measured", required=False)
    weight: Decimal | None = decimal("weight or full score", required=False)


@dataclasses.dataclass(frozen=True, kw_only=True)
class Assessment(Record):
    full_score: Decimal = decimal("full score", required=False, minimum=1, default=Decimal(100))
    frequency: Frequency = choice(Frequency, "how often the overall assessment runs")
    kpis: tuple[Kpi, ...] = listing("a KPI", "KPI table", min_items=1)
    failed_kpi_deduction_percent: Percent | None = percent("percent of the total deducted per failed KPI", False)
    failed_kpi_deduction: Amount | None = derived()

    @property
    def weighted(self) -> bool:
        """KPIs carry weights (points) that add up to the full score."""
        return any(k.weight is not None for k in self.kpis)


@dataclasses.dataclass(frozen=True, kw_only=True)
class ServiceLevel(Record):
    level: Text = text("fault class, e.g. 一级故障")
    definition: Text = text("what the class means")
    response: Text = text("response commitment")
    restore_minutes: int | None = integer("maximum minutes to restore service", required=False, minimum=1)


@dataclasses.dataclass(frozen=True, kw_only=True)
class Deduction(Record):
    event: Text = text("what triggers it")
    stated_amount: Decimal | None = money("fixed amount per incident", required=False, key="amount")
    percent_of_total: Percent | None = percent("percent of the total per incident", required=False)
    amount: Amount = derived()


@dataclasses.dataclass(frozen=True, kw_only=True)
class Liability(Record):
    breach_penalty_percent: Percent | None = percent("liquidated damages for material breach, percent of total", False)
    breach_penalty: Amount | None = derived()
    deductions: tuple[Deduction, ...] = listing(
        "a deduction: amount or percent_of_total", "per-incident deductions", required=False
    )
    missing_staff_percent: Percent | None = percent("percent of the total deducted per missing staff member", False)
    missing_staff_deduction: Amount | None = derived()
    buyer_late_payment_days: int | None = integer(
        "days of late payment after which the supplier may terminate", required=False, minimum=1
    )
    termination_events: tuple[Text, ...] = listing(
        text("an event"), "events letting the buyer terminate", required=False
    )


@dataclasses.dataclass(frozen=True, kw_only=True)
class Holder(Record):
    holder: Text = text("who keeps them")
    copies: int = integer("copies", minimum=1, maximum=99)


@dataclasses.dataclass(frozen=True, kw_only=True)
class ClauseChoices(Record):
    GROUPS = {
        "confidentiality": ("confidentiality", True),
        "dispute": ("dispute resolution", True),
        "counterparts": ("counterparts", True),
    }
    confidentiality_term: ConfidentialityTerm = choice(
        ConfidentialityTerm, "how long confidentiality lasts", key="confidentiality.term"
    )
    confidentiality_years: int | None = integer(
        "years (with term: years)", required=False, minimum=1, maximum=100, key="confidentiality.years"
    )
    ip_owner: Owner = choice(Owner, "who owns the work products")
    data_security: bool = flag("include the data and information security clause", required=True)
    dispute_route: DisputeRoute = choice(DisputeRoute, "litigation or arbitration: exactly one", key="dispute.route")
    court: Text | None = text("court (with litigation), default: the buyer's local court", False, key="dispute.court")
    commission: Text | None = text(
        "arbitration commission (with arbitration)", required=False, key="dispute.commission"
    )
    force_majeure_notice_days: int = integer("days to give proof of force majeure", minimum=1)
    counterparts_total: int = integer("copies in all", minimum=1, maximum=99, key="counterparts.total")
    holders: tuple[Holder, ...] = listing("a holder", "who keeps how many", min_items=1, key="counterparts.holders")
    special_terms: tuple[SpecialTerm, ...] = listing(
        "a special term", "special terms agreed for this procurement", required=False
    )


@dataclasses.dataclass(frozen=True, kw_only=True)
class Waiver(Record):
    rule: str = _field({"type": "string", "required": True}, "check rule id", None)
    reason: Text = text("why")


@dataclasses.dataclass(frozen=True, kw_only=True)
class Contract(Record):
    """Everything a contract says, with every figure derived (contract.compute fills them)."""

    GROUPS = {
        "output": ("rendering defaults", False),
        "contract": ("the procurement and this contract", True),
        "parties": ("the two parties", True),
        "price": ("the price", True),
        "payment": ("payment", True),
        "deposit": ("earnest money (定金)", False),
    }
    source: str = derived()  # the spec file
    format_version: int = _field(
        {"type": "integer", "required": True, "allowed": [FORMAT_VERSION]},
        "spec format version; write 1",
        "contractgen",
    )
    language: Language = choice(
        Language, "default language of `render` (zh, en or zh-en)", False, key="output.language", default="zh"
    )
    prevailing_language: Prevailing = choice(
        Prevailing, "version that prevails in en / zh-en output", False, key="output.prevailing_language", default="zh"
    )
    title: Text = text("contract title, e.g. …热线服务采购项目采购合同", key="contract.title")
    number: str = code("contract number", key="contract.number")
    project_name: Text = text("procurement project name", key="contract.project_name")
    project_number: str | None = code("procurement project number", required=False, key="contract.project_number")
    procurement_method: ProcurementMethod = choice(
        ProcurementMethod, "procurement method", key="contract.procurement_method"
    )
    award_date: dt.date | None = date(
        "date of the award notice (中标/成交通知书)", required=False, key="contract.award_date"
    )
    signing_date: dt.date = date("signing date", key="contract.signing_date")
    signing_place: Text = text("place of signing", key="contract.signing_place")
    documents: tuple[Text, ...] = listing(
        text("a document"),
        "documents forming the contract besides this contract and its annexes, in order of precedence",
        min_items=1,
        key="contract.documents",
    )
    buyer: Party = record("the buyer (甲方)", key="parties.buyer", side="buyer (甲方)")
    supplier: Party = record("the supplier (乙方)", key="parties.supplier", side="supplier (乙方)")
    service: Service = record("the service bought")
    total: Amount = money("contract total", key="price.total", minimum=Decimal("0.01"))
    tax_included: bool = flag("the total includes VAT", required=True, key="price.tax_included")
    price_nature: PriceNature = choice(
        PriceNature, "fixed total price, or unit prices × actual quantities", key="price.nature"
    )
    price_notes: tuple[Text, ...] = listing(
        text("a note"), "what the price includes", required=False, key="price.notes"
    )
    fee_lines: tuple[FeeLine, ...] = listing(
        "a fee line", "fee schedule: lines that sum to the total", required=False, key="price.fee_schedule"
    )
    payment_method: Text = text("how money is paid, e.g. 银行转账", key="payment.method")
    invoice: Text = text("invoice the supplier issues before each payment", key="payment.invoice")
    instalments: tuple[Instalment, ...] = listing(
        "an instalment: percent or amount (or both, which must agree)",
        "payment instalments",
        min_items=1,
        key="payment.instalments",
    )
    late_interest_percent_per_day: Percent | None = _field(
        {"type": "decimal", "required": False, "min": 0, "max": 100},
        "late-payment interest the buyer pays, percent per day",
        "payment.late_interest_percent_per_day",
    )
    security: PerformanceSecurity | None = record(
        "performance security (履约保证金/保函)", required=False, key="performance_security"
    )
    deposit: Amount | None = money("定金 amount", key="deposit.amount")
    assessment: Assessment | None = record("assessment (考核)", required=False)
    service_levels: tuple[ServiceLevel, ...] = listing(
        "a fault class", "fault classes and restore times", required=False
    )
    liability: Liability = record("liability for breach")
    clauses: ClauseChoices = record("clause choices")
    annexes: tuple[Annex, ...] = listing(choice(Annex, "an annex"), "annexes attached, in order", required=False)
    waivers: tuple[Waiver, ...] = listing(
        "a waived check rule", "compliance rules waived, each with a written reason", required=False
    )
