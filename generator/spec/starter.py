"""The commented starter spec written by `contractgen init` (a test keeps it valid)."""

from __future__ import annotations

from .schema import SCHEMA, show_default

_STARTER = """\
# contractgen spec: one hotline service procurement. Field reference: `contractgen schema`.
# Free text may be a plain string or {zh: 中文, en: English}. Money is in 元 (at most 2 decimals).
# Names and numbers below are examples: replace every one of them.
contractgen: 1

output:
  language: zh               # default for `contractgen render`: zh, en or zh-en
  prevailing_language: zh    # which version prevails in en / zh-en output

contract:
  title: {{NAME}}热线服务合同
  number: HT-2026-001
  project_name: {{NAME}}热线运营服务项目
  procurement_method: competitive_consultation   # public_tender, single_source, inquiry, …
  signing_date: 2026-03-01
  signing_place: 某省某市
  documents:                 # in order of precedence, after this contract and its annexes
    - 本项目采购文件
    - 乙方的响应文件

parties:
  buyer:                     # 甲方
    name: 某市政务服务管理局
    kind: government         # government, public_institution, enterprise, other
    credit_code: 11000000000000000U   # 统一社会信用代码, checksum verified (optional)
    address: 某市某区某路1号
    representative: {role: legal_representative, name: 张三}
    contact: {name: 李四, phone: "0000-00000001"}
  supplier:                  # 乙方
    name: 某信息技术有限公司
    kind: enterprise
    sme: true                # 中小企业: enables the SME payment-term checks
    address: 某市某区某路2号
    representative: {role: legal_representative, name: 王五}
    contact: {name: 赵六, phone: "13900000000"}
    bank: {account_name: 某信息技术有限公司, bank: 某银行某支行, account: "6200000000000000"}

service:
  name: 12345政务服务便民热线运营服务
  hotlines: ["12345"]
  scope:
    - title: 热线受理
      text: 受理、答复、派发和回访市民来电。
  standards:
    - GB/T 33358-2016《政府热线服务规范》
  hours: 7×24小时
  staff: 20
  location: 甲方提供的热线服务场所
  premises_by: buyer         # buyer or supplier
  equipment_by: buyer
  period: {start: 2026-04-01, end: 2027-03-31}   # or {start_month: 2026-04, end_month: 2027-03}; or {months: 12, from: setup_acceptance}
  setup: {days: 15}          # days, working_days or months after signing
  acceptance_working_days: 10   # the buyer accepts within this many working days of the application

price:
  total: 1200000.00
  tax_included: true
  nature: fixed              # fixed or unit_price

payment:
  method: 银行转账
  invoice: 增值税普通发票
  instalments:               # percent or amount (or both, which must agree); they must add up
    - percent: 50
      due: {after: signing, days: 30}
    - percent: 50
      due: {after: final_acceptance, days: 30}
  late_interest_percent_per_day: 0.05   # at least the 1-year LPR a year (SME suppliers)

liability:
  breach_penalty_percent: 10

clauses:
  confidentiality: {term: permanent}
  ip_owner: buyer
  data_security: true
  dispute: {route: litigation}        # or {route: arbitration, commission: 某仲裁委员会}
  force_majeure_notice_days: 15        # days to give proof; or {working_days: N}
  counterparts:
    total: 4
    holders:
      - {holder: 甲方, copies: 2}
      - {holder: 乙方, copies: 2}

{{CLAUSE_TERMS}}
# Any standard article or named sub-clause can be left out, replaced or added to; `contractgen schema`
# lists their ids. ref(id) in such text prints the number of an article or sub-clause:
# articles:
#   omit: [buyer_duties.headcount_check]
#   replace:
#     - id: payment.invoice
#       text: [{zh: 乙方应在每期付款前开具发票，解除时按ref(termination.settlement)结算。, en: …}]

annexes: [scope, payment_schedule, integrity]
"""


def clause_terms() -> str:
    """Commented lines for the clauses: block: every term of the standard clauses with its default,
    from the declarations (uncommenting a line and changing its value changes the contract)."""
    lines = ["  # Terms the standard clauses print, with their defaults (`contractgen schema` explains each):"]
    for key, rule in SCHEMA["clauses"]["schema"].items():
        default = rule.get("meta", {}).get("default")
        if default is not None:
            value = (
                f'{{zh: "{default["zh"]}", en: "{default["en"]}"}}'
                if isinstance(default, dict)
                else show_default(default)
            )
            days = "   # or {working_days: N}" if rule["type"] == "days" else ""
            lines.append(f"  # {key}: {value}{days}")
    return "\n".join(lines) + "\n\n"


def starter_spec(name: str) -> str:
    """A commented spec for a new procurement called name; it validates as written."""
    return _STARTER.replace("{{NAME}}", name).replace("{{CLAUSE_TERMS}}\n", clause_terms())
