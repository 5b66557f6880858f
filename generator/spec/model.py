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
import re
import types
import typing
from collections.abc import Callable
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


class DocumentName(StrEnum):
    """What the document calls itself in its clauses."""

    CONTRACT = "contract"  # 本合同 / this Contract
    AGREEMENT = "agreement"  # 本协议 / this Agreement


class StaffPeriod(StrEnum):
    """What a missing-staff deduction is counted per."""

    DAY = "day"
    MONTH = "month"


class PartyKind(StrEnum):
    GOVERNMENT = "government"
    PUBLIC_INSTITUTION = "public_institution"
    ENTERPRISE = "enterprise"
    OTHER = "other"


class RepresentativeRole(StrEnum):
    LEGAL_REPRESENTATIVE = "legal_representative"  # 法定代表人 of a company or body
    PRINCIPAL = "principal"  # 负责人 of a branch or unincorporated organisation
    AGENT = "agent"  # 委托代理人, signing under a written authorisation


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
    INVOICE = "invoice"  # Party A's receipt of a valid invoice (see Due.invoice)
    PERIOD_END = "period_end"  # the end of month or quarter N of the service period (Due.every, Due.period)
    ASSESSMENT = "assessment"  # that period's assessment is done (Due.every, Due.period)
    DATE = "date"


class PeriodBasis(StrEnum):
    """What the periods of a due term (quarter N, month N) are counted from."""

    SERVICE_PERIOD = "service_period"  # 服务期第N个季度: from the first day of service
    EFFECTIVENESS = "effectiveness"  # 本合同生效后第N个季度: from the day the contract takes effect
    SIGNING = "signing"  # 本合同签订后第N个季度


class BankLines(StrEnum):
    """Where the parties' bank details print, besides Party B's account in the payment article."""

    EVERYWHERE = "everywhere"  # under the parties' names and on the signature page
    HEAD = "head"  # under the parties' names only
    PAYMENT = "payment"  # nowhere else


class Share(StrEnum):
    """How an instalment's share of the total is printed beside its amount."""

    EXACT = "exact"  # the percent that gives the amount, or the amount's true share (约 when not exact)
    ROUNDED = "rounded"  # the stated percent is the amount's share rounded; the amount governs
    NONE = "none"  # no share: the amount alone


class Every(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class ForceMajeureProof(StrEnum):
    END = "end"
    OCCURRENCE = "occurrence"


class Subcontracting(StrEnum):
    WITH_CONSENT = "with_consent"
    FORBIDDEN = "forbidden"


class ReportEvery(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    NONE = "none"  # no regular report


class ScoreBasis(StrEnum):
    """Which score an assessment-dependent instalment pays on."""

    PERIOD = "period"  # the assessment of the period that instalment pays for
    AVERAGE = "average"  # the average of the period scores over the service period
    LOWEST = "lowest"  # the lowest period score
    ANNUAL = "annual"  # the annual (overall) assessment


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


class FeeColumn(StrEnum):
    """A column of the fee schedule (output.fee_columns), as labels.yaml tables.fee_schedule lists them."""

    NUMBER = "number"  # 序号
    ITEM = "item"  # 项目
    UNIT_PRICE = "unit_price"  # 单价
    UNIT = "unit"  # 计价单位 (left out: the unit follows the unit price in its cell)
    QUANTITY = "quantity"  # 数量
    MONTHS = "months"  # 月数
    AMOUNT = "amount"  # 金额
    REMARKS = "remarks"  # 说明: the note, and the overage unless it has its own column
    OVERAGE = "overage"  # 超出部分计费: how use beyond the quantity is charged


FEE_COLUMNS = tuple(column.value for column in FeeColumn)
# The columns the fee schedule prints unless the spec chooses (output.fee_columns)
STANDARD_FEE_COLUMNS = FEE_COLUMNS[:-1]


class CoverDate(StrEnum):
    """What the cover page says of the signing date."""

    DATE = "date"  # 签署日期：2025年11月6日 (or a line to fill in)
    MONTH = "month"  # 2025年11月, on its own
    NONE = "none"


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


def _field(rule: dict[str, Any], doc: str, key: str | None, default: Any = None, blankable: bool = False) -> Any:
    rule = {**rule, "meta": {"doc": doc}}
    if default is not None:
        rule["meta"]["default"] = default
    if blankable:  # the spec may write `blank` instead of a value (see Blank)
        rule["meta"]["blank"] = True
        rule["meta"]["doc"] += "; or blank, to fill in at signing"
    return dataclasses.field(default=None, metadata={"rule": rule, "key": key, "default": default, "blank": blankable})


# How a contract prints a free-text value, so that a drafter writes it to read right in every language.
TEXT_FORMS = {
    "name": "; a name or title, printed as written where the contract names it",
    "phrase": "",  # the field's doc says which sentence embeds it
    "sentence": "; one or more whole sentences, printed as their own paragraph",
    "cell": "; printed in a table cell",
    "note": "; not printed in the contract",
}


def text(
    doc: str,
    required: bool = True,
    *,
    key: str | None = None,
    default: dict[str, str] | None = None,
    blankable: bool = False,
    form: str = "name",
) -> Any:
    """Free text: a string, or {zh: …, en: …} for bilingual output; form says how it is printed."""
    rule = {"type": "text", "required": required, "check_with": "text"}
    return _field(rule, doc + TEXT_FORMS[form] + " (text, or {zh: …, en: …})", key, default, blankable)


def code(doc: str, required: bool = True, *, key: str | None = None, blankable: bool = False) -> Any:
    """An identifier written as digits or text (phone, account, number); kept as written."""
    return _field({"type": "code", "required": required, "check_with": "code"}, doc, key, None, blankable)


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


def integer(
    doc: str,
    required: bool = True,
    minimum: int = 0,
    maximum: int = 3650,
    *,
    key: str | None = None,
    default: int | None = None,
) -> Any:
    """A whole number; the default maximum (3650, ten years of days) keeps dates computable."""
    return _field({"type": "integer", "required": required, "min": minimum, "max": maximum}, doc, key, default)


def term(doc: str, default: int, *, key: str | None = None, minimum: int = 1, maximum: int = 3650) -> Any:
    """A number a standard clause uses (days, hours …): optional, with the default it prints."""
    return integer(doc, False, minimum, maximum, key=key, default=default)


WORKING_DAYS = "working_days"  # the key of a day count given in working days: {working_days: 5}


def day_term(doc: str, default: int | None, *, key: str | None = None, minimum: int = 1, maximum: int = 3650) -> Any:
    """A number of days a standard clause prints (a notice, a replacement or cure period): calendar days
    written as a number (7: 7日 / 7 days), or working days written {working_days: 5} (5个工作日 / 5
    working days). Optional: left out, it is default (None: the clause is left out or worded without it)."""
    rule = {"type": "days", "required": False, "min": minimum, "max": maximum, "check_with": "days"}
    return _field(rule, doc + f"; a number of calendar days, or {{{WORKING_DAYS}: N}}", key, default)


def choice(
    options: type[StrEnum], doc: str, required: bool = True, *, key: str | None = None, default: Any = None
) -> Any:
    return _field({"type": "string", "required": required, "allowed": [o.value for o in options]}, doc, key, default)


def flag(doc: str, required: bool = False, *, key: str | None = None, default: Any = None) -> Any:
    return _field({"type": "boolean", "required": required}, doc, key, default)


def date(doc: str, required: bool = True, *, key: str | None = None, blankable: bool = False) -> Any:
    if blankable:  # 'blank' is text: the range is checked by the validator's date_or_blank check
        rule = {"type": "date_or_blank", "required": required, "check_with": "date_or_blank"}
        return _field(rule, doc + " (YYYY-MM-DD)", key, None, True)
    return _field(
        {"type": "date", "required": required, "min": EARLIEST_DATE, "max": LATEST_DATE}, doc + " (YYYY-MM-DD)", key
    )


def month(doc: str, *, key: str | None = None) -> Any:
    """A calendar month written YYYY-MM (optional)."""
    return _field({"type": "string", "required": False, "regex": r"[0-9]{4}-(0[1-9]|1[0-2])"}, doc + " (YYYY-MM)", key)


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


def derived(*sources: str) -> Any:
    """A field compute fills from others; not in the spec. sources name the fields of the same record
    it is worked out from (breach_penalty from breach_penalty_percent), so that a message about a
    clause printed when the figure is there can name the terms a spec writes (spec_fields)."""
    return dataclasses.field(default=None, metadata={"derived": True, "sources": sources})


def spec_key(field: dataclasses.Field[Any]) -> tuple[str, ...]:
    """Where a declared field sits below its record's mapping: ('representative', 'role')."""
    return tuple((field.metadata.get("key") or field.name).split("."))


@dataclasses.dataclass(frozen=True, kw_only=True)
class Record:
    """Base of every declared record: `at` is its spec path (set by contract.build)."""

    # Mappings that only group fields of this record (a key with a dot names one): their docs.
    GROUPS: ClassVar[dict[str, tuple[str, bool]]] = {}
    at: SpecPath = dataclasses.field(default=(), compare=False, repr=False, metadata={"derived": True})
    # the fields the spec writes (the others hold their defaults), for rules that care which is which
    given: frozenset[str] = dataclasses.field(
        default=frozenset(), compare=False, repr=False, metadata={"derived": True}
    )

    def where(self, name: str) -> SpecPath:
        """The spec path of one of this record's fields."""
        return self.at + spec_key(_fields(type(self))[name])


def _fields(cls: type) -> dict[str, dataclasses.Field[Any]]:
    return {f.name: f for f in dataclasses.fields(cls)}


def _record_of(hint: Any) -> Any:
    """The declared record inside Optional[...] or tuple[..., ...] (None if there is none)."""
    args = [a for a in typing.get_args(hint) if a is not type(None) and a is not Ellipsis]
    if typing.get_origin(hint) in (typing.Union, types.UnionType, tuple) and len(args) == 1:
        return _record_of(args[0])
    return hint if isinstance(hint, type) and issubclass(hint, Record) else None


def spec_fields(attributes: tuple[str, ...], cls: type[Record] | None = None) -> list[tuple[SpecPath, Any]]:
    """The spec fields a chain of attributes of the contract model reads (('liability',
    'breach_penalty') -> liability.breach_penalty_percent, the term it is derived from), each with its
    declaration; [] when the chain is not one of declared fields (a property, a method)."""
    record: Any = cls or Contract
    path: SpecPath = ()
    for depth, name in enumerate(attributes):
        field = _fields(record).get(name)
        if field is None:
            return []
        last = depth == len(attributes) - 1
        if field.metadata.get("derived"):
            sources = field.metadata.get("sources") or ()
            if not last or not sources:
                return []
            return [(path + spec_key(_fields(record)[s]), _fields(record)[s]) for s in sources]
        path += spec_key(field)
        if last:
            return [(path, field)]
        record = _record_of(typing.get_type_hints(record)[name])
        if record is None:
            return []
    return []


# --- values -------------------------------------------------------------------------------------


class Blank:
    """A fact left to be filled in by hand at signing: the spec writes `blank`, the contract prints a
    line to write on (labels.yaml `blank`), and `check` lists it."""

    _instance: Blank | None = None

    def __new__(cls) -> Blank:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "BLANK"

    def __bool__(self) -> bool:
        return True


BLANK = Blank()
BLANK_WORD = "blank"


@dataclasses.dataclass(frozen=True)
class Days:
    """A day count of a standard clause (day_term): calendar days, or working days. Templates print it
    with the deadline macro of _macros (7日 / 7个工作日, 7 days / 7 working days), as they print the
    term of a due date."""

    count: int
    working: bool = False
    path: str = dataclasses.field(default="", compare=False)  # dotted spec path, for messages

    @property
    def unit(self) -> str:
        """days or working_days, as Deadline.unit names them."""
        return WORKING_DAYS if self.working else "days"

    def __str__(self) -> str:
        """The bare number, for a template that prints {{ n }}日 (a copy made before working days were
        possible): right for calendar days only, so working days refuse to be printed that way."""
        if self.working:
            raise TypeError(
                f"{self.path or 'a day count'} is given in working days; print it with the deadline macro "
                "of _macros (deadline(...)), not as a bare number"
            )
        return str(self.count)


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
    name: Text | None = text("contact person (left out: notices go to the party at its address)", False)
    phone: str = code("telephone")
    fax: str | None = code("fax", required=False)
    email: str | None = email("e-mail")


@dataclasses.dataclass(frozen=True, kw_only=True)
class BankAccount(Record):
    account_name: Text | None = text("account name (户名); left out: the contract prints none", False)
    bank: Text = text("bank and branch (开户行)")
    account: str = code("account number")


@dataclasses.dataclass(frozen=True, kw_only=True)
class Payee(Record):
    """Who receives Party B's payments and issues its invoices when that is not Party B itself (a branch)."""

    name: Text = text("the payee's registered name, e.g. Party B's branch")
    tax_id: str | None = _field(
        {"type": "code", "required": False, "check_with": "uscc"},
        "its 纳税人识别号 / 统一社会信用代码 (18 characters, checksum verified)",
        None,
    )


@dataclasses.dataclass(frozen=True, kw_only=True)
class Party(Record):
    GROUPS = {"representative": ("who signs for the party: 法定代表人, 负责人 or 委托代理人", False)}
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
    representative_role: RepresentativeRole | None = choice(
        RepresentativeRole,
        "legal_representative (法定代表人), principal (负责人 of a branch) or agent (委托代理人)",
        key="representative.role",
    )
    representative_name: Text | Blank | None = text(
        "the signatory's name (left out: the contract prints none)", False, key="representative.name", blankable=True
    )
    contact: Contact = record("contact person for notices")
    bank: BankAccount | None = record("bank account for payments", required=False)


@dataclasses.dataclass(frozen=True, kw_only=True)
class TitledText(Record):
    title: Text = text("item title")
    text: Text = text("what the supplier does", form="sentence")


@dataclasses.dataclass(frozen=True, kw_only=True)
class SpecialTerm(Record):
    title: Text = text("term title")
    text: Text = text("term text", form="sentence")


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

    start: dt.date | None = date("first day of service (a period known by the month: start_month)", required=False)
    end: dt.date | None = date("last day of service (a period known by the month: end_month)", required=False)
    start_month: str | None = month("first month of service, from its first day, printed as the month (2025年11月)")
    end_month: str | None = month("last month of service, to its last day, printed as the month (2026年10月)")
    months: int | None = integer("length in months (with from:)", required=False, minimum=1, maximum=120)
    counted_from: PeriodStart | None = choice(PeriodStart, "what the months count from", False, key="from")
    fixed: bool = derived("start", "end")  # the spec gave start or end (rather than months and from)
    by_month: bool = derived("start_month", "end_month")  # the spec gave start_month or end_month


@dataclasses.dataclass(frozen=True, kw_only=True)
class Service(Record):
    name: Text = text("name of the service")
    hotlines: tuple[str, ...] = listing(
        code("a hotline number"), "hotline numbers the supplier operates (left out: none is named)", required=False
    )
    scope: tuple[TitledText, ...] = listing("a scope item", "service scope items", min_items=1)
    standards: tuple[Text, ...] = listing(text("a standard"), "service standards to meet", required=False)
    hours: Text = text(
        "service hours, a phrase printed after 服务时间： / Service hours:, e.g. 7×24小时 or 工作日9:00—18:00",
        form="phrase",
    )
    seats: int | None = integer("number of seats", required=False, minimum=1, maximum=100000)
    staff: int | None = integer(
        "headcount the supplier keeps on the service", required=False, minimum=1, maximum=100000
    )
    location: Text | None = text(
        "where the service is performed, a phrase printed after 服务地点： / Place of service: (left out: the "
        "contract does not say)",
        False,
        form="phrase",
    )
    premises_by: Side | None = choice(Side, "who provides premises (left out: the contract does not say)", False)
    equipment_by: Side | None = choice(
        Side, "who provides equipment and systems (left out: the contract does not say)", False
    )
    period: ServicePeriod = record("service period: start and end, or months counted from an event")
    setup: Deadline | None = record("set-up deadline", required=False)
    acceptance_working_days: int | None = integer(
        "working days the buyer has to accept after the supplier applies", required=False, minimum=1
    )
    final_acceptance_months: int | None = integer(
        "months after the Service Period ends within which both parties complete the final acceptance",
        required=False,
        minimum=1,
        maximum=24,
    )
    setup_due: dt.date | None = derived()  # the last day of the set-up, when it can be known


@dataclasses.dataclass(frozen=True, kw_only=True)
class FeeLine(Record):
    number: int = derived()
    item: Text = text("line item")
    unit_price: Amount | None = money("unit price (left out with unit and quantity: a lump sum, give amount)", False)
    unit: Text | None = text(
        "unit after the price: {zh: 元/席/月, en: per seat per month} (a zh unit not starting with 元 prints as ¥price/unit)",
        False,
        form="cell",
    )
    quantity: Decimal | None = decimal("quantity", required=False)
    months: Decimal = decimal("months", required=False, default=Decimal(1))
    stated_amount: Decimal | None = money(
        "stated line amount, checked against unit × quantity × months; alone: a lump sum", False, key="amount"
    )
    overage: Text | None = text(
        "how use beyond the quantity is charged, a clause printed after the line's amount and a semicolon",
        required=False,
        form="phrase",
    )
    note: Text | None = text("remark", required=False, form="cell")
    amount: Amount = derived()  # unit price × quantity × months, rounded half up to 分, or the lump sum

    @property
    def priced(self) -> bool:
        """The line is unit price × quantity (× months), not a lump sum."""
        return self.unit_price is not None


@dataclasses.dataclass(frozen=True, kw_only=True)
class InvoiceTerm(Record):
    """When Party B issues the invoice a payment waits for: N days or working days after an event."""

    event: DueEvent = choice(
        DueEvent, "the event after which Party B issues the invoice (any but invoice and date)", key="after"
    )
    days: int | None = integer("calendar days after the event", required=False)
    working_days: int | None = integer("working days after the event", required=False)
    quarter: int | None = integer("the quarter of the service period (with after: quarter_assessment)", False, 1, 40)

    @property
    def deadline(self) -> Deadline | None:
        units = {u: getattr(self, u) for u in ("days", "working_days") if getattr(self, u) is not None}
        return Deadline(**units, at=self.at) if len(units) == 1 else None


@dataclasses.dataclass(frozen=True, kw_only=True)
class Due(Record):
    """When an instalment falls due: an event, and N days / working days / months after it."""

    event: DueEvent = choice(DueEvent, "the event that starts the payment term", key="after")
    days: int | None = integer("calendar days after the event", required=False)
    working_days: int | None = integer("working days (工作日) after the event", required=False)
    months: int | None = integer("months after the event", required=False, maximum=120)
    on_date: dt.date | None = date("the calendar date (with after: date)", required=False, key="date")
    quarter: int | None = integer(
        "with after: quarter_assessment, which quarter (1 = the first; of the service period unless from: says)",
        False,
        1,
        40,
    )
    invoice: InvoiceTerm | None = record(
        "with after: invoice, when Party B issues the invoice (left out: the date is not known in advance)",
        required=False,
    )
    every: Every | None = choice(
        Every, "with after: period_end or assessment, the length of the periods: month, quarter or year", False
    )
    period: int | None = integer(
        "with after: period_end or assessment, which period (1 = the first; of the service period unless from: says)",
        False,
        1,
        120,
    )
    periods_from: PeriodBasis = choice(
        PeriodBasis,
        "with after: period_end, assessment or quarter_assessment, what the periods are counted from: "
        "service_period (服务期第N个季度), effectiveness (本合同生效后第N个季度: from the day the contract "
        "takes effect, its signing under the effectiveness article) or signing (本合同签订后第N个季度)",
        False,
        key="from",
        default=PeriodBasis.SERVICE_PERIOD,
    )
    in_next_period: bool = flag(
        "with after: period_end, assessment or quarter_assessment and days or working_days: the days are "
        "the first days of the next period, counted from the end of the period (次季度的前10日内 / within "
        "the first 10 days of the following quarter); after: assessment then pays on that period's "
        "assessment result within them",
        default=False,
    )
    date: dt.date | None = derived()  # the calendar date, when the event's date is known
    undated: str | None = derived()  # why the date is not known although its event's date is
    printed_date: dt.date | None = derived()  # the date the contract prints after the term (即不迟于…), if any

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
class OveragePayment(Record):
    """How the charges for use beyond a fee line's quantity (price.fee_schedule[].overage), which are
    payable on top of the total, are settled and paid: for each period of the service period, on
    Party B's statement of the usage, besides the instalments."""

    every: Every = choice(Every, "the period for which the usage and its charges are reckoned: month, quarter or year")
    payment_days: Days = day_term(
        "days after Party A receives Party B's statement of a period's usage within which it checks and pays the "
        "charges",
        15,
    )


@dataclasses.dataclass(frozen=True, kw_only=True)
class Recurring(Record):
    """Equal payments in arrears for each period of the service period, after the instalments;
    each is its share of `percent` of the total, rounded half up, the last taking the remainder."""

    every: Every = choice(Every, "month or quarter")
    percent: Decimal = decimal("the share of the total paid this way", False, default=Decimal(100))
    days: int | None = integer("calendar days after each period ends", required=False)
    working_days: int | None = integer("working days after each period ends", required=False)


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
class Coefficient(Record):
    """Pays amount × score ÷ full score; all of it from full_from, nothing below zero_below."""

    zero_below: Decimal = decimal("below this score nothing is paid")
    full_from: Decimal = decimal("at or above this score all is paid")


@dataclasses.dataclass(frozen=True, kw_only=True)
class ScoreRule(Record):
    bands: tuple[BandRule, ...] = listing("a score band", "score bands, highest first", False, 1)
    linear: LinearPay | None = record("pro-rata payment between two scores", required=False)
    coefficient: Coefficient | None = record(
        "payment by the score as a coefficient (score ÷ full score) between two thresholds", required=False
    )
    basis: ScoreBasis | None = choice(
        ScoreBasis,
        "which score it pays on: period (that period's assessment), average, lowest (of the period scores) or annual",
        False,
    )


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
    stated_share: Share | None = choice(
        Share,
        "how the share prints beside the amount: exact (the percent gives the amount; an amount alone "
        "prints its true share, 约 when not a whole 0.001%), rounded (percent and amount both given, the "
        "percent the amount's share rounded half up to the decimals written, e.g. 24.7; the amount governs "
        "and the contract says so) or none (the amount alone) (left out: payment.shares)",
        False,
        key="share",
    )
    due: Due = record("when the instalment falls due")
    score_rule: ScoreRule | None = record(
        "the instalment depends on the assessment score: bands, linear or coefficient", required=False, key="assessment"
    )
    share: Share = derived()  # stated_share, or payment.shares
    percent: Percent = derived()  # the stated percentage (as written, when rounded), or the true share of the amount
    true_share: Percent = derived()  # the share the amount is of the total
    amount: Amount = derived()  # the stated amount, or the share of the total (rounding rule)
    bands: tuple[ScoreBand, ...] = derived()
    # the 定金 credited against this instalment (deposit.credited_to_instalment), and what Party A still
    # pays of it after that credit: None for an instalment the 定金 is not credited to, one whose amount
    # the assessment decides, or one smaller than the 定金 (rule deposit.exceeds-instalment)
    deposit_credit: Amount | None = derived()
    net_amount: Amount | None = derived()

    @property
    def linear(self) -> LinearPay | None:
        return self.score_rule.linear if self.score_rule else None

    @property
    def coefficient(self) -> Coefficient | None:
        return self.score_rule.coefficient if self.score_rule else None

    @property
    def depends_on_score(self) -> bool:
        return self.score_rule is not None

    @property
    def percent_governs(self) -> bool:
        """The stated percentage gives the amount (rounding rule): it is not a rounded share."""
        return self.stated_percent is not None and self.share != Share.ROUNDED


@dataclasses.dataclass(frozen=True, kw_only=True)
class PerformanceSecurity(Record):
    percent: Percent = percent("share of the total")
    stated_amount: Decimal | None = money("stated amount, checked against percent × total", False, key="amount")
    delivery_working_days: int | None = integer(
        "working days after signing within which Party B provides it (left out: the contract sets no time; check warns)",
        False,
        1,
    )
    forms: tuple[SecurityForm, ...] = listing(choice(SecurityForm, "a form"), "accepted forms", min_items=1)
    validity: Text | None = text(
        "how long a guarantee stays valid, from when to when, printed in 保函有效期为{validity} / a guarantee "
        "remaining valid {validity}, e.g. {zh: 自本合同签订之日起至服务期届满后30日止, en: from the signing of this "
        "Contract until 30 days after the Service Period ends}",
        required=False,
        form="phrase",
    )
    return_working_days: int | None = integer(
        "working days to return it, counted from the day the return condition is met (自该条件成就之日起, so the "
        "period has a start) or, on termination, from the settlement (left out: no period is printed)",
        required=False,
        minimum=1,
    )
    return_condition: Text | None = text(
        "when the security is returned, printed in {condition}的，甲方应…退还 / Once {condition}, Party A returns …",
        required=False,
        form="phrase",
    )
    amount: Amount = derived()

    GUARANTEES = (SecurityForm.BANK_GUARANTEE, SecurityForm.INSURANCE_GUARANTEE)

    @property
    def guarantee_validity(self) -> Text | None:
        """The validity to print: only when a guarantee is among the accepted forms."""
        return self.validity if any(f in self.GUARANTEES for f in self.forms) else None

    @property
    def guarantees_only(self) -> bool:
        """Every accepted form is a guarantee: it is returned, not repaid."""
        return all(f in self.GUARANTEES for f in self.forms)


@dataclasses.dataclass(frozen=True, kw_only=True)
class Kpi(Record):
    number: int = derived()
    indicator: Text = text("indicator")
    definition: Text = text("definition or calculation", form="cell")
    target: Text | None = text("target value", required=False, form="cell")
    frequency: Frequency | None = choice(Frequency, "how often measured", required=False)
    weight: Decimal | None = decimal("weight or full score", required=False)
    deducted: bool = flag(
        "a miss of this KPI costs the per-KPI deduction (false: a liability deduction deals with it instead)",
        default=True,
    )


@dataclasses.dataclass(frozen=True, kw_only=True)
class Assessment(Record):
    full_score: Decimal = decimal("full score", required=False, minimum=1, default=Decimal(100))
    frequency: Frequency = choice(Frequency, "how often the overall assessment runs")
    kpis: tuple[Kpi, ...] = listing("a KPI", "KPI table", min_items=1)
    failed_kpi_deduction_percent: Percent | None = percent("percent of the total deducted per failed KPI", False)
    failed_kpi_deduction: Amount | None = derived("failed_kpi_deduction_percent")
    scoring: Text | None = text(
        "how a KPI that misses its target loses points, whole sentences printed after the KPI table, e.g. "
        "达到目标值的得该项全部分值；每低于目标值1个百分点扣该项分值的10%，扣完为止。",
        required=False,
        form="sentence",
    )

    @property
    def weighted(self) -> bool:
        """KPIs carry weights (points) that add up to the full score."""
        return any(k.weight is not None for k in self.kpis)

    @property
    def kpis_on_own_frequency(self) -> bool:
        """Some KPI is measured more or less often than the assessment runs."""
        return any(k.frequency is not None and k.frequency != self.frequency for k in self.kpis)

    @property
    def kpis_not_deducted(self) -> tuple[int, ...]:
        """The numbers of the KPIs whose miss a liability deduction deals with instead."""
        return tuple(k.number for k in self.kpis if not k.deducted)


@dataclasses.dataclass(frozen=True, kw_only=True)
class ServiceLevel(Record):
    level: Text = text("fault class, e.g. 一级故障")
    definition: Text = text("what the class means", form="cell")
    response: Text = text("response commitment", form="cell")
    restore_minutes: int | None = integer("maximum minutes to restore service", required=False, minimum=1)


@dataclasses.dataclass(frozen=True, kw_only=True)
class Deduction(Record):
    event: Text = text("what triggers it, printed in 发生{event}的 / For each occurrence of {event}", form="phrase")
    owed_by: Side = choice(
        Side, "who owes it: supplier (Party A deducts it) or buyer (Party A pays it)", False, default="supplier"
    )
    stated_amount: Decimal | None = money("fixed amount per incident", required=False, key="amount")
    percent_of_total: Percent | None = percent("percent of the total per incident", required=False)
    percent_of_instalment: Percent | None = percent(
        "percent of the instalment payable for the period it happens in (no fixed amount)", required=False
    )
    per_day: bool = flag("the amount runs for each day the event lasts, not once per occurrence", default=False)
    each_occurrence: bool = flag(
        "the amount is due again for each occurrence (false: once, e.g. for a first or a second incident)",
        default=True,
    )
    cap: Amount | None = money("the most one occurrence costs (left out: no cap)", required=False)
    also_kpi: bool = flag(
        "the event is also a KPI whose failure the assessment deducts, and both deductions apply", default=False
    )
    amount: Amount = derived()


@dataclasses.dataclass(frozen=True, kw_only=True)
class Liability(Record):
    breach_penalty_percent: Percent | None = percent("liquidated damages for material breach, percent of total", False)
    breach_penalty: Amount | None = derived("breach_penalty_percent")
    deductions: tuple[Deduction, ...] = listing(
        "a deduction: amount or percent_of_total", "per-incident deductions", required=False
    )
    missing_staff_percent: Percent | None = percent("percent of the total deducted per missing staff member", False)
    missing_staff_per: StaffPeriod | None = choice(
        StaffPeriod,
        "the deduction counts each missing person per day or per month (left out: per finding; check warns)",
        False,
    )
    missing_staff_deduction: Amount | None = derived("missing_staff_percent")
    deductions_cap_percent: Percent | None = percent(
        "the most all deductions together come to, percent of the total (left out: no overall cap)", False
    )
    deductions_cap: Amount | None = derived("deductions_cap_percent")
    buyer_late_payment_days: int | None = integer(
        "days late (逾期付款达N日) at which the supplier may terminate; a contract saying 超过60日 is 61",
        required=False,
        minimum=1,
    )
    termination_events: tuple[Text, ...] = listing(
        text("an event, a phrase printed as an item of 乙方有下列情形之一的 / any of the following", form="phrase"),
        "events letting the buyer terminate",
        required=False,
    )
    termination_catch_all: bool = flag(
        "the buyer's grounds to terminate end with any other breach by Party B that defeats the purpose of the "
        "contract (乙方的其他违约行为致使合同目的不能实现; without termination_events it is the only ground); false: "
        "only the termination_events listed, e.g. when the last of them is already such a ground (with no events, "
        "sub-clause termination.buyer_termination is then not printed)",
        default=True,
    )
    refund_all_on_breach: bool = flag(
        "when the contract is terminated for Party B's breach, Party B refunds all fees paid, not only those for "
        "services not rendered",
        default=False,
    )
    termination_cure_days: Days | None = day_term(
        "days a written notice gives Party B to cure a breach not listed as a ground to terminate, after which "
        "Party A may terminate (left out: no such ground)",
        None,
    )


@dataclasses.dataclass(frozen=True, kw_only=True)
class Holder(Record):
    holder: Text = text("who keeps them")
    copies: int = integer("copies", minimum=1, maximum=99)


@dataclasses.dataclass(frozen=True, kw_only=True)
class ClauseChoices(Record):
    GROUPS = {
        "confidentiality": ("confidentiality", False),
        "dispute": ("dispute resolution", True),
        "counterparts": ("counterparts", True),
    }
    confidentiality_term: ConfidentialityTerm | None = choice(
        ConfidentialityTerm,
        "how long confidentiality lasts (left out: the contract says only that it survives termination)",
        False,
        key="confidentiality.term",
    )
    confidentiality_years: int | None = integer(
        "years (with term: years)", required=False, minimum=1, maximum=100, key="confidentiality.years"
    )
    ip_owner: Owner | None = choice(Owner, "who owns the work products (left out: the contract does not say)", False)
    data_security: bool = flag(
        "include the data and information security article (compliance, data ownership, personal information, "
        "incidents); false: the article is left out, and the one sentence saying that the data produced in the "
        "Services belong to Party A stands among Party A's rights instead (buyer_duties.data_rights, which "
        "articles: omits or replaces like any sub-clause); with true that sub-clause is not printed",
        required=True,
    )
    dispute_route: DisputeRoute = choice(DisputeRoute, "litigation or arbitration: exactly one", key="dispute.route")
    court: Text | None = text("court (with litigation), default: the buyer's local court", False, key="dispute.court")
    commission: Text | None = text(
        "arbitration commission (with arbitration)", required=False, key="dispute.commission"
    )
    force_majeure_notice_days: Days | None = day_term(
        "days to give proof of force majeure (left out: within a reasonable time)", None
    )
    force_majeure_proof_from: ForceMajeureProof = choice(
        ForceMajeureProof,
        "what the days to give proof count from: the end of the event, or its occurrence",
        False,
        default="end",
    )
    force_majeure_talks_days: int = term(
        "days of force majeure after which the parties decide whether to continue, amend or end", 30
    )
    account_change_notice_days: Days = day_term("days' notice a party gives before changing its bank account", 10)
    contact_change_notice_days: Days = day_term("days after a change of address or contact within which to notify", 3)
    staff_replacement_days: Days = day_term("days Party B has to replace staff Party A finds unfit", 7)
    staff_change_notice_days: Days = day_term("days' written notice Party B gives before changing key staff", 7)
    assessment_review_working_days: int = term(
        "working days after receiving an assessment result within which Party B may ask for a review", 5
    )
    incident_report_hours: int = term(
        "hours within which Party B reports a data-security incident to Party A", 2, maximum=720
    )
    fault_response: Text = text(
        "when Party B responds to faults, printed in 乙方应提供{…}故障响应服务 / provides fault response {…}",
        False,
        default={"zh": "7×24小时", "en": "24 hours a day, 7 days a week"},
        form="phrase",
    )
    fault_report_days: Days = day_term("days after a fault is cleared within which Party B reports on it", 2)
    cure_days: Days = day_term(
        "days after written notice within which Party B corrects non-conforming services, a delay or an interruption",
        7,
    )
    rest_day_rollover: bool = flag(
        "a period whose last day is a statutory rest day ends on the next working day (《民法典》第二百零三条); "
        "false: it ends on that day as agreed (第二百零四条)",
        default=True,
    )
    service_reports: ReportEvery = choice(
        ReportEvery,
        "how often Party B reports on the Services with data analysis, sub-clause supplier_duties.reports (none: "
        "no such sub-clause; the duty to report potential defects and faults, supplier_duties.defects, stays)",
        False,
        default="month",
    )
    deemed_acceptance: bool = flag(
        "acceptance not done and not objected to in time counts as passed (needs service.acceptance_working_days)",
        default=True,
    )
    terms_confidential: bool = flag("the terms of the contract are among the confidential information", default=True)
    work_products: Text = text(
        "the work products the IP clause names, a list printed before 等全部工作成果 / in all work products … including",
        False,
        default={
            "zh": "分析报告、运营标准、培训材料、知识库内容",
            "en": "analysis reports, operating standards, training materials and knowledge-base content",
        },
        form="phrase",
    )
    subcontracting: Subcontracting = choice(
        Subcontracting,
        "with_consent: parts of the Services may be subcontracted with Party A's written consent, as the bid said "
        "(《政府采购法》第四十八条); forbidden: none",
        False,
        default="with_consent",
    )
    convenience_notice_months: int = term(
        "months of written notice on which Party A may end the contract for convenience, paying for the services "
        "rendered (0: no such right)",
        3,
        minimum=0,
        maximum=24,
    )
    refund_days: Days = day_term(
        "days after termination within which fees paid for services not rendered are refunded", 15
    )
    settlement_refund_days: Days = day_term(
        "days after the settlement at the end of a unit-price contract (price.nature: unit_price, sub-clause "
        "payment.settlement) within which Party B refunds what the last instalment is too small to absorb",
        15,
    )
    handover_working_days: int = term("working days Party B has to hand over materials, data and access at the end", 10)
    serve_until_successor_days: int | None = integer(
        "at most this many days Party B keeps serving after the Service Period, on Party A's written request and "
        "at the contract's rates, until the next supplier takes over (left out: no such duty)",
        required=False,
        minimum=1,
        maximum=366,
    )
    headcount_check: bool = flag(
        "Party A may check the team's size, attendance and proof of wages and social insurance", default=True
    )
    personal_information: bool = flag(
        "the entrusted processing of personal information (《个人信息保护法》第二十一条), in the data article",
        default=True,
    )
    third_party_assessment: bool = flag("Party A may entrust a third party with the assessment", default=True)
    breach_costs: bool = flag(
        "the party in breach bears the other's reasonable costs of enforcing the contract (litigation or "
        "arbitration fees, preservation, reasonable lawyers' fees)",
        default=True,
    )
    counterparts_total: int = integer("copies in all", minimum=1, maximum=99, key="counterparts.total")
    holders: tuple[Holder, ...] = listing("a holder", "who keeps how many", min_items=1, key="counterparts.holders")
    special_terms: tuple[SpecialTerm, ...] = listing(
        "a special term", "special terms agreed for this procurement", required=False
    )


def article_id(doc: str, *, key: str | None = None) -> Any:
    """The id of an article of the template folder (contract.yaml), e.g. force_majeure."""
    return _field({"type": "string", "required": True, "empty": False}, doc, key)


def spec_subclauses() -> Any:
    """The sub-clauses a spec writes for an article: numbered, each with its items."""
    return listing(
        text("a sub-clause; lines starting with '- ' are its items, printed (1), (2) …", form="sentence"),
        "numbered sub-clauses, in order",
        min_items=1,
    )


@dataclasses.dataclass(frozen=True, kw_only=True)
class ArticleText(Record):
    id: str = article_id("the article's id (contract.yaml)")
    text: tuple[Text, ...] = spec_subclauses()


@dataclasses.dataclass(frozen=True, kw_only=True)
class ArticleMove(Record):
    id: str = article_id("an article's id (standard or inserted)")
    after: str = article_id("the id of the article it follows after the move (start: before the first article)")


@dataclasses.dataclass(frozen=True, kw_only=True)
class ArticleTitle(Record):
    id: str = article_id("a standard article's id (contract.yaml)")
    title: Text = text("the title it takes instead of its standard one")


@dataclasses.dataclass(frozen=True, kw_only=True)
class AnnexTitle(Record):
    annex: Annex = choice(Annex, "an annex the spec attaches")
    title: Text = text("its title, e.g. {zh: 坐席外包服务内容资费标准, en: Seat Outsourcing Services and Fees}")


@dataclasses.dataclass(frozen=True, kw_only=True)
class LabelText(Record):
    key: str = _field(
        {"type": "string", "required": True, "empty": False},
        "a dotted key of templates/labels.yaml, e.g. party_fields.address (`contractgen schema` lists them)",
        None,
    )
    text: Text = text(
        "the words printed instead, with the same {placeholders} as the entry, e.g. {zh: 地址, en: Address}",
        form="phrase",
    )


@dataclasses.dataclass(frozen=True, kw_only=True)
class NewArticle(Record):
    after: str = article_id("the id of the article it follows (start: before the first article)")
    id: str = article_id("its own id, for ref('id') in templates")
    title: Text = text("its title")
    text: tuple[Text, ...] = spec_subclauses()


@dataclasses.dataclass(frozen=True, kw_only=True)
class ArticleChanges(Record):
    """Changes to the standard articles; every article keeps its number order and cross-references."""

    omit: tuple[str, ...] = listing(
        article_id("an article id, or article.sub_clause (`contractgen clauses SPEC` shows them in the contract)"),
        "articles and sub-clauses left out",
        required=False,
    )
    replace: tuple[ArticleText, ...] = listing(
        "an article or sub-clause and the sub-clauses that replace its standard text",
        "articles and sub-clauses reworded by the spec",
        required=False,
    )
    append: tuple[ArticleText, ...] = listing(
        "an article (added at its end) or sub-clause (added after it) and the sub-clauses added",
        "sub-clauses added",
        required=False,
    )
    insert: tuple[NewArticle, ...] = listing("a new article", "articles added by the spec", required=False)
    retitle: tuple[ArticleTitle, ...] = listing(
        "an article and its new title", "standard articles that take another title", required=False
    )
    move: tuple[ArticleMove, ...] = listing(
        "an article and the article it comes after",
        "articles printed elsewhere in the order (numbers and references follow)",
        required=False,
    )

    @property
    def changed_ids(self) -> tuple[str, ...]:
        """The articles whose text the spec rewrites, adds to or inserts, each once, in that order
        (not the annexes whose paragraphs it changes)."""
        ids = [article_of(a.id) for a in (*self.replace, *self.append)] + [a.id for a in self.insert]
        return tuple(i for i in dict.fromkeys(ids) if i not in ANNEX_TEMPLATES)

    def of_subclauses(self) -> SubClauseChanges:
        """The changes that name a sub-clause (article.name) rather than a whole article."""
        return SubClauseChanges(
            omit=frozenset(i for i in self.omit if "." in i),
            replace={a.id: a.text for a in self.replace if "." in a.id},
            append={a.id: a.text for a in self.append if "." in a.id},
        )


def article_of(clause_id: str) -> str:
    """The article an id names or lies in: termination.settlement -> termination."""
    return clause_id.split(".", 1)[0]


def annex_template(annex: str) -> str:
    """The template of an annex, and its id where a spec's articles: change its named paragraphs
    (annex_fee_schedule.intro): fee_schedule -> annex_fee_schedule."""
    return f"annex_{annex}"


ANNEX_TEMPLATES = tuple(annex_template(annex) for annex in Annex)


# ref(id) in a spec's text: a cross-reference to an article (ref(security)) or a named sub-clause
# (ref(termination.settlement)), printed as its number.
# A template's way of writing it, {{ ref('id') }}, is read the same.
SPEC_REF = re.compile(r"(?:\{\{\s*)?ref\(\s*(['\"]?)([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)?)\1\s*\)(?:\s*\}\})?")


def spec_refs(text: str, word: Callable[[str], str]) -> str:
    """text with each ref(id) replaced by word(id)."""
    return SPEC_REF.sub(lambda m: word(m.group(2)), text)


_ITEM = re.compile(r"\n-(?:[ \t]+|(?=\n)|$)")


def clause_items(text: str) -> list[str]:
    """A sub-clause the spec writes, split into its sentence and its items: each line that starts
    with '- ' is an item, printed (1), (2) … under it."""
    return _ITEM.split(text)


def referred_ids(text: str) -> list[str]:
    """The ids that ref(id) in text refers to."""
    return [m.group(2) for m in SPEC_REF.finditer(text)]


@dataclasses.dataclass(frozen=True)
class SubClauseChanges:
    """The spec's changes to named sub-clauses, by id (article.name)."""

    omit: frozenset[str] = frozenset()
    replace: dict[str, tuple[Text, ...]] = dataclasses.field(default_factory=dict)
    append: dict[str, tuple[Text, ...]] = dataclasses.field(default_factory=dict)

    @property
    def ids(self) -> set[str]:
        return set(self.omit) | set(self.replace) | set(self.append)


@dataclasses.dataclass(frozen=True, kw_only=True)
class Waiver(Record):
    rule: str = _field({"type": "string", "required": True}, "check rule id", None)
    path: str | None = _field(
        {"type": "string", "required": False, "regex": r"[a-z_]+(\.[a-z_]+|\[[0-9]+\])*"},
        "the spec field whose findings it waives, dotted (e.g. service.location; left out: every finding of the rule)",
        None,
    )
    reason: Text = text("why", form="note")

    def covers(self, rule_id: str, path: str) -> bool:
        """Whether this waiver waives a finding of rule_id at the dotted spec path."""
        if self.rule != rule_id:
            return False
        return self.path is None or path == self.path or path.startswith((self.path + ".", self.path + "["))


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
    cover: bool = flag(
        "start with a cover page: the title, contract and project numbers, the parties and the signing date "
        "(a line to fill in unless output.signature_date)",
        key="output.cover",
        default=False,
    )
    cover_parties: bool = flag(
        "the cover page names the parties (false: it does not)", key="output.cover_parties", default=True
    )
    cover_date: CoverDate = choice(
        CoverDate,
        "what the cover page says of the signing date: date (签署日期：2025年11月6日), month (2025年11月, on its "
        "own) or none; either is a line to fill in unless output.signature_date",
        False,
        key="output.cover_date",
        default="date",
    )
    party_roles: bool = flag(
        "head the parties 甲方（采购人） / 乙方（供应商）; false: 甲方 / 乙方",
        key="output.party_roles",
        default=True,
    )
    bank_lines: BankLines = choice(
        BankLines,
        "where the parties' bank details print besides Party B's in the payment article: everywhere (under "
        "the parties' names and on the signature page), head (under the names only) or payment (nowhere else)",
        False,
        key="output.bank_lines",
        default=BankLines.EVERYWHERE,
    )
    print_signing_date: bool = flag(
        "print the signing date on the signature page (left out: date lines to fill in by hand)",
        key="output.signature_date",
        default=False,
    )
    fee_columns: tuple[FeeColumn, ...] = listing(
        choice(FeeColumn, "a column"),
        "the columns of the fee schedule, in order (left out: "
        + ", ".join(STANDARD_FEE_COLUMNS)
        + "); item and amount are needed, the first is number or item, and a column no line fills is left out",
        required=False,
        min_items=2,
        key="output.fee_columns",
    )
    labels: tuple[LabelText, ...] = listing(
        "a label and the words it prints instead",
        "the contract's own words for fixed wording outside the clauses (templates/labels.yaml): party "
        "labels, signature lines, table headers, cover lines; `contractgen schema` lists the keys",
        required=False,
        key="output.labels",
    )
    title: Text = text("contract title, e.g. …热线服务采购项目采购合同", key="contract.title")
    preamble: Text | None = text(
        "the contract's opening paragraph instead of the standard one (根据…法律法规，甲方…确定乙方为供应商…), "
        "a whole paragraph; ref(id) names an article",
        False,
        key="contract.preamble",
        form="sentence",
    )
    called: DocumentName = choice(
        DocumentName,
        "what the clauses call the document: contract (本合同 / this Contract) or agreement (本协议 / this Agreement)",
        False,
        key="contract.called",
        default="contract",
    )
    number: str | Blank | None = code("contract number", False, key="contract.number", blankable=True)
    project_name: Text | None = text("procurement project name", False, key="contract.project_name")
    project_number: str | None = code("procurement project number", required=False, key="contract.project_number")
    procurement_method: ProcurementMethod | None = choice(
        ProcurementMethod, "procurement method", False, key="contract.procurement_method"
    )
    award_date: dt.date | None = date(
        "date of the award notice (中标/成交通知书)", required=False, key="contract.award_date"
    )
    signing_date: dt.date | Blank = date("signing date", key="contract.signing_date", blankable=True)
    signing_place: Text | Blank | None = text("place of signing", False, key="contract.signing_place", blankable=True)
    documents: tuple[Text, ...] = listing(
        text("a document"),
        "documents forming the contract besides this contract and its annexes, in order of precedence",
        False,
        1,
        key="contract.documents",
    )
    contract_rank: int = term(
        "where this contract document and its annexes rank among contract.documents in the order of precedence "
        "(1: first; 3: after the first two documents listed)",
        1,
        key="contract.contract_rank",
        maximum=99,
    )
    amendments_prevail: bool = flag(
        "a supplementary agreement prevails over the terms it amends (false: it ranks as contract.documents list it)",
        key="contract.amendments_prevail",
        default=True,
    )
    buyer: Party = record("the buyer (甲方)", key="parties.buyer", side="buyer (甲方)")
    supplier: Party = record("the supplier (乙方)", key="parties.supplier", side="supplier (乙方)")
    service: Service = record("the service bought")
    total: Amount = money("contract total", key="price.total", minimum=Decimal("0.01"))
    tax_included: bool | None = flag(
        "the total includes VAT (left out: the contract does not say)", key="price.tax_included"
    )
    price_nature: PriceNature | None = choice(
        PriceNature,
        "fixed total price, or unit prices × actual quantities (left out: the contract does not say, and is "
        "settled as a total price)",
        False,
        key="price.nature",
    )
    price_notes: tuple[Text, ...] = listing(
        text("a whole sentence, e.g. 合同价款含……的费用。", form="sentence"),
        "further sentences on the price, each a sub-clause of the price article",
        required=False,
        key="price.notes",
    )
    fee_lines: tuple[FeeLine, ...] = listing(
        "a fee line", "fee schedule: lines that sum to the total", required=False, key="price.fee_schedule"
    )
    payment_method: Text | None = text(
        "how money is paid, a phrase printed after 付款方式： / Method of payment:, e.g. 银行转账 (left out: the "
        "contract names only the account)",
        False,
        key="payment.method",
        form="phrase",
    )
    invoice: Text | None = text(
        "the kind of invoice, a noun phrase printed in 乙方…开具与该期付款金额相等的{invoice} / Party B issues "
        "{invoice} equal to that payment, e.g. {zh: 增值税专用发票, en: a special VAT invoice} (left out: 发票 / an "
        "invoice, of no named kind)",
        False,
        key="payment.invoice",
        form="phrase",
    )
    payee: Payee | None = record(
        "a payee other than Party B that receives the payments and issues the invoices for it (a branch); "
        "payment to the account is payment to Party B",
        False,
        key="payment.payee",
    )
    shares: Share = choice(
        Share,
        "how each instalment's share prints, unless it says (share:): exact, rounded or none (see share)",
        False,
        key="payment.shares",
        default=Share.EXACT,
    )
    print_due_dates: bool = flag(
        "print the date a due term works out to after it (（即不迟于2026年5月11日）); false: the term alone "
        "(check still shows the dates)",
        key="payment.print_due_dates",
        default=True,
    )
    instalments: tuple[Instalment, ...] = listing(
        "an instalment: percent or amount (or both: they agree, or with share: rounded the percent is the "
        "amount's rounded share)",
        "payment instalments (with recurring: those paid besides the recurring ones)",
        required=False,
        min_items=1,
        key="payment.instalments",
    )
    recurring: Recurring | None = record(
        "equal payments in arrears for each month or quarter of the service period", False, key="payment.recurring"
    )
    overage: OveragePayment | None = record(
        "how the charges for use beyond the quantities (price.fee_schedule[].overage) are settled and paid, printed "
        "in the payment article (sub-clause payment.overage): for each month, quarter or year of the service period "
        "on Party B's statement of the usage, besides the instalments (left out: the contract does not say; check "
        "warns when a fee line has an overage charge)",
        False,
        key="payment.overage",
    )
    subject_to_funds: bool = flag(
        "print that payment from public funds follows their release and that a treasury-procedure delay "
        "is not Party A's breach (payment.public_funds); Party B's right to terminate for late payment "
        "(liability.buyer_late_payment_days) then excepts a delay the contract says is not Party A's breach",
        key="payment.subject_to_funds",
        default=True,
    )
    late_interest_percent_per_day: Percent | None = _field(
        {"type": "decimal", "required": False, "min": 0, "max": 100},
        "late-payment interest the buyer pays, percent per day",
        "payment.late_interest_percent_per_day",
    )
    late_interest_grace_days: int | None = integer(
        "days of delay before late-payment interest runs (left out: from the first day)",
        required=False,
        minimum=1,
        key="payment.late_interest_grace_days",
    )
    late_interest_cap_percent: Percent | None = percent(
        "the most late-payment interest comes to, percent of the overdue amount (left out: no cap)",
        False,
        key="payment.late_interest_cap_percent",
    )
    security: PerformanceSecurity | None = record(
        "performance security (履约保证金/保函)", required=False, key="performance_security"
    )
    deposit: Amount | None = money("定金 amount", key="deposit.amount")
    deposit_payment_working_days: int = term(
        "working days after signing within which Party A pays the 定金", 5, key="deposit.payment_working_days"
    )
    deposit_credited_to: int = term(
        "the instalment against which the 定金 is credited", 1, key="deposit.credited_to_instalment", maximum=100
    )
    assessment: Assessment | None = record("assessment (考核)", required=False)
    service_levels: tuple[ServiceLevel, ...] = listing(
        "a fault class", "fault classes and restore times", required=False
    )
    liability: Liability = record("liability for breach")
    clauses: ClauseChoices = record("clause choices")
    articles: ArticleChanges | None = record(
        "changes to the standard articles: omit, replace or append to them, insert new ones", required=False
    )
    annexes: tuple[Annex, ...] = listing(choice(Annex, "an annex"), "annexes attached, in order", required=False)
    annex_titles: tuple[AnnexTitle, ...] = listing(
        "an annex and the title it takes", "annexes under another title than the standard one", required=False
    )
    waivers: tuple[Waiver, ...] = listing(
        "a waived check rule", "compliance rules waived, each with a written reason", required=False
    )

    @property
    def bilingual(self) -> bool:
        """The contract is made in Chinese and English (output.language is en or zh-en): every version
        then carries the language article. With output.language zh the signed contract is Chinese
        only, and an English rendering is a translation for reference that says nothing of its force."""
        return self.language != Language.ZH

    @property
    def fee_schedule_columns(self) -> tuple[str, ...]:
        """The columns the fee schedule prints, in order: the spec's choice (output.fee_columns) or the
        standard ones, less those no line fills (no unit price, unit or quantity, a single month, no
        remark); without a column of its own the unit follows the unit price, the overage the note."""
        chosen = [str(column) for column in self.fee_columns or ()] or list(STANDARD_FEE_COLUMNS)
        overage_own = FeeColumn.OVERAGE in chosen
        lines = self.fee_lines or ()
        filled = {
            FeeColumn.UNIT_PRICE: any(line.unit_price is not None for line in lines),
            FeeColumn.UNIT: any(line.unit is not None for line in lines),
            FeeColumn.QUANTITY: any(line.quantity is not None for line in lines),
            FeeColumn.MONTHS: any(line.months != 1 for line in lines),
            FeeColumn.REMARKS: any(line.note or (line.overage and not overage_own) for line in lines),
            FeeColumn.OVERAGE: any(line.overage for line in lines),
        }
        return tuple(column for column in chosen if filled.get(FeeColumn(column), True))

    def annex_title(self, annex: str) -> Text | None:
        """The title the spec gives an annex, if it gives one."""
        return next((t.title for t in self.annex_titles if t.annex == annex), None)

    def omits(self, article_id: str) -> bool:
        """The spec leaves the standard article out (articles: omit)."""
        return self.articles is not None and article_id in self.articles.omit

    @property
    def changed_articles(self) -> tuple[str, ...]:
        """The articles whose text the spec rewrites, adds to or inserts."""
        return self.articles.changed_ids if self.articles is not None else ()

    @property
    def signed_on(self) -> dt.date | None:
        """The signing date, or None when the spec leaves it blank."""
        return self.signing_date if isinstance(self.signing_date, dt.date) else None
