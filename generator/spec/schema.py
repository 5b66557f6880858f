"""The spec format: the cerberus schema (field rules, each with its doc) and its exports.

The schema is data. `describe()` turns it into the readable reference printed by
`contractgen schema`; `json_schema()` into a JSON Schema for editors.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

FORMAT_VERSION = 1

LANGUAGES = ("zh", "en", "zh-en")
PROCUREMENT_METHODS = {
    "public_tender": ("公开招标", "open tender"),
    "invited_tender": ("邀请招标", "invited tender"),
    "competitive_negotiation": ("竞争性谈判", "competitive negotiation"),
    "competitive_consultation": ("竞争性磋商", "competitive consultation"),
    "single_source": ("单一来源采购", "single-source procurement"),
    "inquiry": ("询价", "request for quotations"),
    "framework_agreement": ("框架协议采购", "framework-agreement procurement"),
}
PARTY_KINDS = {
    "government": ("国家机关", "government body"),
    "public_institution": ("事业单位", "public institution"),
    "enterprise": ("企业", "enterprise"),
    "other": ("其他组织", "other organisation"),
}
REPRESENTATIVE_ROLES = {
    "legal_representative": ("法定代表人", "Legal Representative"),
    "principal": ("负责人", "Principal"),
}
SIDES = {"buyer": ("甲方", "Party A"), "supplier": ("乙方", "Party B")}
DUE_EVENTS = {
    "signing": ("本合同签订", "the signing of this Contract"),
    "setup_acceptance": ("服务准备工作验收合格", "acceptance of the service set-up"),
    "service_start": ("服务期开始", "the start of the service period"),
    "service_end": ("服务期届满", "the end of the service period"),
    "final_acceptance": ("项目最终验收合格", "final acceptance of the project"),
    "quarter_assessment": ("该季度考核完成", "the assessment of that quarter"),
    "date": ("约定日期", "the agreed date"),
}
SECURITY_FORMS = {
    "cash": ("现金（转账）", "cash (by bank transfer)"),
    "cheque": ("支票", "a cheque"),
    "draft": ("汇票", "a bank draft"),
    "promissory_note": ("本票", "a promissory note"),
    "bank_guarantee": ("银行保函", "a bank guarantee"),
    "insurance_guarantee": ("保险保函", "an insurance guarantee"),
}
KPI_FREQUENCIES = {
    "daily": ("每日", "daily"),
    "monthly": ("月度", "monthly"),
    "quarterly": ("季度", "quarterly"),
    "yearly": ("年度", "yearly"),
    "per_event": ("每次", "per event"),
}
CONFIDENTIALITY_TERMS = {
    "permanent": ("永久", "permanently"),
    "until_public": ("至相关信息依法公开之日止", "until the information lawfully becomes public"),
    "years": ("年", "years"),
}
IP_OWNERS = {
    "buyer": ("甲方", "Party A"),
    "supplier": ("乙方", "Party B"),
    "joint": ("甲乙双方共有", "Party A and Party B jointly"),
}
DISPUTE_ROUTES = ("litigation", "arbitration")
ANNEXES = {
    "scope": ("服务内容清单", "List of Services"),
    "fee_schedule": ("费用明细表", "Fee Schedule"),
    "payment_schedule": ("付款计划表", "Payment Schedule"),
    "assessment": ("考核表", "Assessment Table"),
    "service_levels": ("故障分级及服务承诺表", "Fault Classes and Service Commitments"),
    "integrity": ("廉洁诚信协议", "Integrity Agreement"),
    "confidentiality": ("保密协议", "Confidentiality Agreement"),
    "documents": ("构成合同的采购文件清单", "Procurement Documents Forming the Contract"),
}


def _doc(rule: dict[str, Any], doc: str) -> dict[str, Any]:
    rule.setdefault("meta", {})["doc"] = doc
    return rule


def text(doc: str, required: bool = True) -> dict[str, Any]:
    """Free text: a string, or {zh: …, en: …} for bilingual output."""
    return _doc({"type": "text", "required": required, "check_with": "text"}, doc + " (text, or {zh: …, en: …})")


def code(doc: str, required: bool = True) -> dict[str, Any]:
    """An identifier written as digits or text (phone, account, number); kept as written."""
    return _doc({"type": "code", "required": required, "check_with": "code"}, doc)


def money(doc: str, required: bool = True) -> dict[str, Any]:
    return _doc(
        {"type": "money", "required": required, "min": 0, "check_with": "fen"}, doc + " (元, at most 2 decimals)"
    )


def percent(doc: str, required: bool = True) -> dict[str, Any]:
    return _doc({"type": "decimal", "required": required, "min": 0, "max": 100}, doc + " (percent, 0–100)")


def integer(doc: str, required: bool = True, minimum: int = 0, maximum: int = 3650) -> dict[str, Any]:
    """A whole number; the default maximum (3650, ten years of days) keeps dates computable."""
    return _doc({"type": "integer", "required": required, "min": minimum, "max": maximum}, doc)


def choice(options: dict[str, Any] | tuple[str, ...], doc: str, required: bool = True) -> dict[str, Any]:
    return _doc({"type": "string", "required": required, "allowed": list(options)}, doc)


def mapping(fields: dict[str, Any], doc: str, required: bool = True) -> dict[str, Any]:
    return _doc({"type": "dict", "required": required, "schema": fields}, doc)


def listing(item: dict[str, Any], doc: str, required: bool = True, min_items: int = 0) -> dict[str, Any]:
    rule = {"type": "list", "required": required, "schema": item}
    if min_items:
        rule["minlength"] = min_items
    return _doc(rule, doc)


def flag(doc: str, required: bool = False) -> dict[str, Any]:
    return _doc({"type": "boolean", "required": required}, doc)


EARLIEST_DATE, LATEST_DATE = dt.date(2000, 1, 1), dt.date(2099, 12, 31)


def date(doc: str, required: bool = True) -> dict[str, Any]:
    rule = {"type": "date", "required": required, "min": EARLIEST_DATE, "max": LATEST_DATE}
    return _doc(rule, doc + " (YYYY-MM-DD)")


def _party(side: str) -> dict[str, Any]:
    fields = {
        "name": text(f"registered name of the {side}"),
        "credit_code": _doc(
            {"type": "code", "required": False, "check_with": "uscc"},
            "统一社会信用代码 (18 characters, checksum verified)",
        ),
        "kind": choice(PARTY_KINDS, "kind of organisation (for payment-term compliance rules)", required=False),
        "sme": flag("the party is a small or medium-sized enterprise (中小企业)"),
        "address": text("registered address"),
        "postcode": code("postcode", required=False),
        "representative": mapping(
            {
                "role": choice(REPRESENTATIVE_ROLES, "法定代表人 or 负责人"),
                "name": text("the representative's name"),
            },
            "legal representative or principal",
        ),
        "contact": mapping(
            {
                "name": text("contact person"),
                "phone": code("telephone"),
                "fax": code("fax", required=False),
                "email": _doc({"type": "string", "required": False, "regex": r"[^@\s]+@[^@\s]+\.[^@\s]+"}, "e-mail"),
            },
            "contact person for notices",
        ),
        "bank": mapping(
            {
                "account_name": text("account name (户名)"),
                "bank": text("bank and branch (开户行)"),
                "account": code("account number"),
            },
            "bank account for payments",
            required=False,
        ),
    }
    return mapping(fields, f"the {side}")


_DUE = mapping(
    {
        "after": choice(DUE_EVENTS, "the event that starts the payment term"),
        "days": integer("calendar days after the event", required=False),
        "working_days": integer("working days (工作日) after the event", required=False),
        "months": integer("months after the event", required=False, maximum=120),
        "date": date("the calendar date (with after: date)", required=False),
        "quarter": integer("the quarter of the service period (with after: quarter_assessment)", False, 1, 40),
    },
    "when the instalment falls due",
)

_SCORE_BAND = mapping(
    {
        "min_score": _doc({"type": "decimal", "required": True, "min": 0}, "lowest score of the band (inclusive)"),
        "pay_percent": percent("share of the instalment paid in this band"),
    },
    "a score band",
)

SCHEMA: dict[str, Any] = {
    "contractgen": _doc(
        {"type": "integer", "required": True, "allowed": [FORMAT_VERSION]}, "spec format version; write 1"
    ),
    "output": mapping(
        {
            "language": choice(LANGUAGES, "default language of `render` (zh, en or zh-en)", required=False),
            "prevailing_language": choice(("zh", "en"), "version that prevails in en / zh-en output", False),
        },
        "rendering defaults",
        required=False,
    ),
    "contract": mapping(
        {
            "title": text("contract title, e.g. …热线服务采购项目采购合同"),
            "number": code("contract number"),
            "project_name": text("procurement project name"),
            "project_number": code("procurement project number", required=False),
            "procurement_method": choice(PROCUREMENT_METHODS, "procurement method"),
            "award_date": date("date of the award notice (中标/成交通知书)", required=False),
            "signing_date": date("signing date"),
            "signing_place": text("place of signing"),
            "documents": listing(
                text("a document"),
                "documents forming the contract besides this contract and its annexes, in order of precedence",
                min_items=1,
            ),
        },
        "the procurement and this contract",
    ),
    "parties": mapping({"buyer": _party("buyer (甲方)"), "supplier": _party("supplier (乙方)")}, "the two parties"),
    "service": mapping(
        {
            "name": text("name of the service"),
            "hotlines": listing(code("a hotline number"), "hotline numbers served", min_items=1),
            "scope": listing(
                mapping({"title": text("item title"), "text": text("what the supplier does")}, "a scope item"),
                "service scope items",
                min_items=1,
            ),
            "standards": listing(text("a standard"), "service standards to meet", required=False),
            "hours": text("service hours, e.g. 7×24小时 or 工作日9:00—18:00"),
            "seats": integer("number of seats", required=False, minimum=1, maximum=100000),
            "staff": integer("headcount the supplier keeps on the service", required=False, minimum=1, maximum=100000),
            "location": text("where the service is performed"),
            "premises_by": choice(SIDES, "who provides premises"),
            "equipment_by": choice(SIDES, "who provides equipment and systems"),
            "period": mapping(
                {
                    "start": date("first day of service", required=False),
                    "end": date("last day of service", required=False),
                    "months": integer("length in months (with from:)", required=False, minimum=1, maximum=120),
                    "from": choice(("signing", "setup_acceptance"), "what the months count from", False),
                },
                "service period: start and end, or months counted from an event",
            ),
            "setup": mapping(
                {
                    "days": integer("calendar days after signing to finish set-up", required=False, minimum=1),
                    "working_days": integer("working days after signing to finish set-up", False, 1),
                    "months": integer("months after signing to finish set-up", required=False, minimum=1, maximum=120),
                },
                "set-up deadline",
                required=False,
            ),
            "acceptance_working_days": integer(
                "working days the buyer has to accept after the supplier applies", required=False, minimum=1
            ),
        },
        "the service bought",
    ),
    "price": mapping(
        {
            "total": _doc(
                {**money("contract total"), "min": Decimal("0.01")}, "contract total (元, at most 2 decimals)"
            ),
            "tax_included": flag("the total includes VAT", required=True),
            "nature": choice(("fixed", "unit_price"), "fixed total price, or unit prices × actual quantities"),
            "notes": listing(text("a note"), "what the price includes", required=False),
            "fee_schedule": listing(
                mapping(
                    {
                        "item": text("line item"),
                        "unit_price": money("unit price"),
                        "unit": text("unit, e.g. 元/席/月"),
                        "quantity": _doc({"type": "decimal", "required": True, "min": 0}, "quantity"),
                        "months": _doc({"type": "decimal", "required": False, "min": 0}, "months (default 1)"),
                        "amount": money("stated line amount, checked against unit × quantity × months", False),
                        "overage": text("how use beyond the quantity is charged", required=False),
                        "note": text("remark", required=False),
                    },
                    "a fee line",
                ),
                "fee schedule: lines that sum to the total",
                required=False,
            ),
        },
        "the price",
    ),
    "payment": mapping(
        {
            "method": text("how money is paid, e.g. 银行转账"),
            "invoice": text("invoice the supplier issues before each payment"),
            "instalments": listing(
                mapping(
                    {
                        "name": text("instalment name", required=False),
                        "percent": percent("share of the total", required=False),
                        "amount": money("amount", required=False),
                        "due": _DUE,
                        "assessment": mapping(
                            {
                                "bands": listing(_SCORE_BAND, "score bands, highest first", False, 1),
                                "linear": mapping(
                                    {
                                        "zero_score": _doc(
                                            {"type": "decimal", "required": True, "min": 0},
                                            "at or below this score nothing is paid",
                                        ),
                                        "full_score": _doc(
                                            {"type": "decimal", "required": True, "min": 0},
                                            "at or above this score all is paid",
                                        ),
                                    },
                                    "pro-rata payment between two scores",
                                    required=False,
                                ),
                            },
                            "the instalment depends on the assessment score: bands or linear",
                            required=False,
                        ),
                    },
                    "an instalment: percent or amount (or both, which must agree)",
                ),
                "payment instalments",
                min_items=1,
            ),
            "late_interest_percent_per_day": _doc(
                {"type": "decimal", "required": False, "min": 0, "max": 100},
                "late-payment interest the buyer pays, percent per day",
            ),
        },
        "payment",
    ),
    "performance_security": mapping(
        {
            "percent": percent("share of the total"),
            "amount": money("stated amount, checked against percent × total", required=False),
            "forms": listing(choice(SECURITY_FORMS, "a form"), "accepted forms", min_items=1),
            "validity": text("validity of a guarantee, e.g. 一年", required=False),
            "return_working_days": integer("working days after the end of service to return it", minimum=1),
            "return_condition": text("condition for return", required=False),
        },
        "performance security (履约保证金/保函)",
        required=False,
    ),
    "deposit": mapping(
        {"amount": money("定金 amount")},
        "earnest money (定金)",
        required=False,
    ),
    "assessment": mapping(
        {
            "full_score": _doc({"type": "decimal", "required": False, "min": 1}, "full score (default 100)"),
            "frequency": choice(KPI_FREQUENCIES, "how often the overall assessment runs"),
            "kpis": listing(
                mapping(
                    {
                        "indicator": text("indicator"),
                        "definition": text("definition or calculation"),
                        "target": text("target value", required=False),
                        "frequency": choice(KPI_FREQUENCIES, "how often measured", required=False),
                        "weight": _doc({"type": "decimal", "required": False, "min": 0}, "weight or full score"),
                    },
                    "a KPI",
                ),
                "KPI table",
                min_items=1,
            ),
            "failed_kpi_deduction_percent": percent("percent of the total deducted per failed KPI", False),
        },
        "assessment (考核)",
        required=False,
    ),
    "service_levels": listing(
        mapping(
            {
                "level": text("fault class, e.g. 一级故障"),
                "definition": text("what the class means"),
                "response": text("response commitment"),
                "restore_minutes": integer("maximum minutes to restore service", required=False, minimum=1),
            },
            "a fault class",
        ),
        "fault classes and restore times",
        required=False,
    ),
    "liability": mapping(
        {
            "breach_penalty_percent": percent("liquidated damages for material breach, percent of total", False),
            "deductions": listing(
                mapping(
                    {
                        "event": text("what triggers it"),
                        "amount": money("fixed amount per incident", required=False),
                        "percent_of_total": percent("percent of the total per incident", required=False),
                    },
                    "a deduction: amount or percent_of_total",
                ),
                "per-incident deductions",
                required=False,
            ),
            "missing_staff_percent": percent("percent of the total deducted per missing staff member", False),
            "buyer_late_payment_days": integer(
                "days of late payment after which the supplier may terminate", required=False, minimum=1
            ),
            "termination_events": listing(text("an event"), "events letting the buyer terminate", required=False),
        },
        "liability for breach",
    ),
    "clauses": mapping(
        {
            "confidentiality": mapping(
                {
                    "term": choice(CONFIDENTIALITY_TERMS, "how long confidentiality lasts"),
                    "years": integer("years (with term: years)", required=False, minimum=1, maximum=100),
                },
                "confidentiality",
            ),
            "ip_owner": choice(IP_OWNERS, "who owns the work products"),
            "data_security": flag("include the data and information security clause", required=True),
            "dispute": mapping(
                {
                    "route": choice(DISPUTE_ROUTES, "litigation or arbitration: exactly one"),
                    "court": text("court (with litigation), default: the buyer's local court", False),
                    "commission": text("arbitration commission (with arbitration)", required=False),
                },
                "dispute resolution",
            ),
            "force_majeure_notice_days": integer("days to give proof of force majeure", minimum=1),
            "counterparts": mapping(
                {
                    "total": integer("copies in all", minimum=1, maximum=99),
                    "holders": listing(
                        mapping(
                            {"holder": text("who keeps them"), "copies": integer("copies", minimum=1, maximum=99)},
                            "a holder",
                        ),
                        "who keeps how many",
                        min_items=1,
                    ),
                },
                "counterparts",
            ),
            "special_terms": listing(
                mapping({"title": text("term title"), "text": text("term text")}, "a special term"),
                "special terms agreed for this procurement",
                required=False,
            ),
        },
        "clause choices",
    ),
    "annexes": listing(choice(ANNEXES, "an annex"), "annexes attached, in order", required=False),
    "waivers": listing(
        mapping(
            {"rule": _doc({"type": "string", "required": True}, "check rule id"), "reason": text("why")},
            "a waived check rule",
        ),
        "compliance rules waived, each with a written reason",
        required=False,
    ),
}


def _walk(rule: dict[str, Any], path: str, lines: list[str]) -> None:
    doc = rule.get("meta", {}).get("doc", "")
    kind = rule.get("type", "")
    extra = []
    if "allowed" in rule:
        extra.append("one of: " + ", ".join(map(str, rule["allowed"])))
    if "min" in rule and kind in ("integer", "decimal", "money", "date") and rule["min"]:
        extra.append(f"min {rule['min']}")
    if "max" in rule:
        extra.append(f"max {rule['max']}")
    required = "required" if rule.get("required") else "optional"
    label = {"list": "list", "dict": "mapping"}.get(kind, kind)
    lines.append(f"{path}  [{label}, {required}]  {doc}" + (f"; {'; '.join(extra)}" if extra else ""))
    if kind == "dict":
        for name, sub in rule["schema"].items():
            _walk(sub, f"{path}.{name}", lines)
    elif kind == "list":
        _walk(rule["schema"], f"{path}[]", lines)


def describe() -> str:
    """A readable reference of every spec field, generated from SCHEMA."""
    lines = ["contractgen spec format, version 1 (every field; dotted paths, [] = list item)", ""]
    for name, rule in SCHEMA.items():
        _walk(rule, name, lines)
    return "\n".join(lines) + "\n"


_TEXT_JSON = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "properties": {"zh": {"type": "string"}, "en": {"type": "string"}},
            "required": ["zh"],
            "additionalProperties": False,
        },
    ]
}


def _to_json(rule: dict[str, Any]) -> dict[str, Any]:
    kind = rule.get("type")
    out: dict[str, Any]
    if kind == "text":
        out = dict(_TEXT_JSON)
    elif kind == "code":
        out = {"type": ["string", "integer"]}
    elif kind in ("money", "decimal"):
        out = {"type": "number"}
    elif kind == "integer":
        out = {"type": "integer"}
    elif kind == "boolean":
        out = {"type": "boolean"}
    elif kind == "date":
        out = {"type": "string", "format": "date"}
    elif kind == "dict":
        out = {
            "type": "object",
            "properties": {k: _to_json(v) for k, v in rule["schema"].items()},
            "required": [k for k, v in rule["schema"].items() if v.get("required")],
            "additionalProperties": False,
        }
    elif kind == "list":
        out = {"type": "array", "items": _to_json(rule["schema"])}
        if "minlength" in rule:
            out["minItems"] = rule["minlength"]
    else:
        out = {"type": "string"}
    if "allowed" in rule:
        out["enum"] = list(rule["allowed"])
    if "min" in rule and kind in ("integer", "decimal", "money"):
        if isinstance(rule["min"], Decimal):  # 0.01 元: for whole-分 amounts, the same as > 0
            out["exclusiveMinimum"] = 0
        else:
            out["minimum"] = rule["min"]
    if "max" in rule and kind != "date":
        out["maximum"] = rule["max"]
    doc = rule.get("meta", {}).get("doc")
    if doc:
        out["description"] = doc
    return out


def json_schema() -> dict[str, Any]:
    """JSON Schema (draft-07) of the spec, for editor completion and inline errors."""
    root = _to_json({"type": "dict", "schema": SCHEMA})
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://contractgen.invalid/spec-v1.json",
        "title": "contractgen spec",
        **root,
    }
