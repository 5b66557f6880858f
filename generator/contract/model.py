"""The contract model: frozen dataclasses holding every fact and every derived figure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Text:
    """Free text in Chinese, with an English version when the spec gives one."""

    zh: str
    en: str | None = None
    path: str = ""  # dotted spec path, for "untranslated field" warnings

    def __str__(self) -> str:
        return self.zh


@dataclass(frozen=True)
class Amount:
    """A money amount (元, two decimals) with its renderings computed from the one value."""

    value: Decimal
    digits: str  # '982,000.00'
    words_zh: str  # '玖拾捌万贰仟元整'
    words_en: str  # 'RMB Nine Hundred Eighty-Two Thousand Yuan Only'


@dataclass(frozen=True)
class Percent:
    """A percentage: exact value, and its display (rounded to 3 places when not exact)."""

    value: Decimal
    display: str  # '60', '24.711'
    exact: bool


@dataclass(frozen=True)
class Contact:
    name: Text
    phone: str
    fax: str | None
    email: str | None


@dataclass(frozen=True)
class BankAccount:
    account_name: Text
    bank: Text
    account: str


@dataclass(frozen=True)
class Party:
    side: str  # 'buyer' | 'supplier'
    name: Text
    credit_code: str | None
    kind: str | None
    sme: bool
    address: Text
    postcode: str | None
    representative_role: str
    representative_name: Text
    contact: Contact
    bank: BankAccount | None


@dataclass(frozen=True)
class ScopeItem:
    title: Text
    text: Text


@dataclass(frozen=True)
class ServicePeriod:
    start: dt.date | None
    end: dt.date | None
    months: int | None
    counted_from: str | None  # 'signing' | 'setup_acceptance' when months are counted


@dataclass(frozen=True)
class Deadline:
    """N units after an event: days, working_days or months."""

    count: int
    unit: str  # 'days' | 'working_days' | 'months'


@dataclass(frozen=True)
class Service:
    name: Text
    hotlines: tuple[str, ...]
    scope: tuple[ScopeItem, ...]
    standards: tuple[Text, ...]
    hours: Text
    seats: int | None
    staff: int | None
    location: Text
    premises_by: str
    equipment_by: str
    period: ServicePeriod
    setup: Deadline | None
    acceptance_working_days: int | None


@dataclass(frozen=True)
class FeeLine:
    number: int
    item: Text
    unit_price: Amount
    unit: Text
    quantity: Decimal
    months: Decimal
    amount: Amount
    overage: Text | None
    note: Text | None


@dataclass(frozen=True)
class ScoreBand:
    min_score: Decimal
    max_score: Decimal | None  # exclusive upper bound; None for the top band
    pay_percent: Percent
    pays: Amount


@dataclass(frozen=True)
class LinearPay:
    """Pays nothing at or below zero_score, all at or above full_score, pro rata in between."""

    zero_score: Decimal
    full_score: Decimal


@dataclass(frozen=True)
class Due:
    event: str
    deadline: Deadline | None
    on_date: dt.date | None
    quarter: int | None
    date: dt.date | None  # the computed calendar date, when the event's date is known


@dataclass(frozen=True)
class Instalment:
    number: int
    name: Text | None
    percent: Percent
    amount: Amount
    due: Due
    bands: tuple[ScoreBand, ...]
    linear: LinearPay | None = None

    @property
    def depends_on_score(self) -> bool:
        return bool(self.bands) or self.linear is not None


@dataclass(frozen=True)
class PerformanceSecurity:
    percent: Percent
    amount: Amount
    forms: tuple[str, ...]
    validity: Text | None
    return_working_days: int
    return_condition: Text | None


@dataclass(frozen=True)
class Kpi:
    number: int
    indicator: Text
    definition: Text
    target: Text | None
    frequency: str | None
    weight: Decimal | None


@dataclass(frozen=True)
class Assessment:
    full_score: Decimal
    frequency: str
    kpis: tuple[Kpi, ...]
    failed_kpi_deduction_percent: Percent | None
    failed_kpi_deduction: Amount | None

    @property
    def weighted(self) -> bool:
        """KPIs carry weights (points) that add up to the full score."""
        return any(k.weight is not None for k in self.kpis)


@dataclass(frozen=True)
class ServiceLevel:
    level: Text
    definition: Text
    response: Text
    restore_minutes: int | None


@dataclass(frozen=True)
class Deduction:
    event: Text
    amount: Amount
    percent_of_total: Percent | None


@dataclass(frozen=True)
class Liability:
    breach_penalty_percent: Percent | None
    breach_penalty: Amount | None
    deductions: tuple[Deduction, ...]
    missing_staff_percent: Percent | None
    missing_staff_deduction: Amount | None
    buyer_late_payment_days: int | None
    termination_events: tuple[Text, ...]


@dataclass(frozen=True)
class Holder:
    holder: Text
    copies: int


@dataclass(frozen=True)
class Clauses:
    confidentiality_term: str
    confidentiality_years: int | None
    ip_owner: str
    data_security: bool
    dispute_route: str
    court: Text | None
    commission: Text | None
    force_majeure_notice_days: int
    counterparts_total: int
    holders: tuple[Holder, ...]
    special_terms: tuple[ScopeItem, ...]


@dataclass(frozen=True)
class Waiver:
    rule: str
    reason: Text


@dataclass(frozen=True)
class Contract:
    """Everything a contract says, with every figure derived; built by compute.build_contract."""

    source: str
    language: str
    prevailing_language: str
    title: Text
    number: str
    project_name: Text
    project_number: str | None
    procurement_method: str
    award_date: dt.date | None
    signing_date: dt.date
    signing_place: Text
    documents: tuple[Text, ...]
    buyer: Party
    supplier: Party
    service: Service
    total: Amount
    tax_included: bool
    price_nature: str
    price_notes: tuple[Text, ...]
    fee_lines: tuple[FeeLine, ...]
    payment_method: Text
    invoice: Text
    instalments: tuple[Instalment, ...]
    late_interest_percent_per_day: Percent | None
    security: PerformanceSecurity | None
    deposit: Amount | None
    assessment: Assessment | None
    service_levels: tuple[ServiceLevel, ...]
    liability: Liability
    clauses: Clauses
    annexes: tuple[str, ...]
    waivers: tuple[Waiver, ...] = field(default=())
