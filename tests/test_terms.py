"""Terms as data: who signs, and other terms a spec states instead of the template."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import ROOT, starter_with

from generator.pipeline import load_contract
from generator.render.blocks import plain_text
from generator.render.compose import compose

XIAN = ROOT / "specs" / "xian-12393-2023.yaml"


def spec_from(tmp_path: Path, source: Path, *replacements: tuple[str, str]) -> Path:
    text = source.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / source.name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_signature_block_prints_who_signs(tmp_path: Path) -> None:
    spec = spec_from(
        tmp_path,
        XIAN,
        ("      role: legal_representative\n      name: {zh: 郑国栋, en: Zheng Guodong}\n", "      role: agent\n"),
    )
    contract = load_contract(spec)
    assert contract.supplier.representative_role == "agent" and contract.supplier.representative_name is None
    zh = plain_text(compose(contract, "zh"))
    zh_en = plain_text(compose(contract, "zh-en"))  # signed in Chinese: its English alone has no lines to sign on
    assert "委托代理人（签字）：" in zh and "法定代表人（签字）：" in zh  # the supplier's agent, the buyer's 法定代表人
    assert "负责人（签字）" not in zh and "郑国栋" not in zh  # no role or name printed that the spec does not give
    assert "Authorised Agent (signature):" in zh_en


def test_without_a_representative_the_signature_line_is_generic(tmp_path: Path) -> None:
    from generator.spec.starter import starter_spec

    path = tmp_path / "s.yaml"
    path.write_text(
        starter_spec("x").replace("    representative: {role: legal_representative, name: 王五}\n", ""),
        encoding="utf-8",
    )
    zh = plain_text(compose(load_contract(path), "zh"))
    assert "法定代表人或委托代理人（签字）：" in zh and "王五" not in zh


ARTICLES = """
articles:
  omit: [integrity]
  replace:
    - id: force_majeure
      text:
        - {zh: 不可抗力按《中华人民共和国民法典》第一百八十条处理。, en: Force majeure is governed by Article 180 of the Civil Code.}
  append:
    - id: payment
      text:
        - {zh: "甲方以财政资金支付的，付款以资金到位为前提。\\n§ 不是新条款", en: "Where Party A pays from public funds, payment depends on their release."}
  insert:
    - after: payment
      id: invoices
      title: {zh: 发票, en: Invoices}
      text:
        - {zh: "乙方应在每期付款前十日提交发票，见{{ ref('payment') }}。", en: Party B submits its invoice ten days before each payment.}
"""


def test_an_article_inserted_at_the_start_comes_first(tmp_path: Path) -> None:
    first = """
articles:
  insert:
    - after: start
      id: purpose
      title: {zh: 协议目的, en: Purpose}
      text:
        - {zh: 为保障热线服务连续，双方订立本合同，见ref(payment)。, en: The parties conclude this Contract to keep the hotline running; see ref(payment).}
"""
    contract = load_contract(spec_from(tmp_path, XIAN, ("\nannexes:", first + "\nannexes:")))
    zh, en = plain_text(compose(contract, "zh")), plain_text(compose(contract, "en"))
    assert "第一条　协议目的\n1.1 为保障热线服务连续，双方订立本合同，见第七条。" in zh  # payment moved from 第六条
    assert "Article 1  Purpose" in en and "see Article 7." in en


def test_an_article_moved_takes_its_new_place_and_references_follow(tmp_path: Path) -> None:
    moved = "\narticles:\n  move:\n    - {id: assessment, after: dispute}\n"
    zh = plain_text(compose(load_contract(spec_from(tmp_path, XIAN, ("\nannexes:", moved + "\nannexes:"))), "zh"))
    titles = [line.split("　") for line in zh.splitlines() if line.startswith("第") and "条　" in line]
    names = [title for _, title in titles]
    assert names.index("考核") == names.index("争议解决") + 1  # Xi'an: 第十条 before the move
    assert ["第十条", "服务等级及故障处理"] in titles  # the articles after it moved up by one
    number = next(n for n, title in titles if title == "考核")
    assert number == "第十八条" and f"实际支付金额按本合同{number}约定的考核结果确定" in zh  # ref() follows


def test_a_move_naming_no_article_is_a_located_error(cli, tmp_path: Path) -> None:
    bad = "\narticles:\n  move:\n    - {id: paymnt, after: dispute}\n"
    result = cli("validate", spec_from(tmp_path, XIAN, ("\nannexes:", bad + "\nannexes:")))
    assert result.code == 1 and "articles.move[0].id: no article 'paymnt' to move" in result.err


def test_articles_from_the_spec(tmp_path: Path) -> None:
    spec = spec_from(tmp_path, XIAN, ("\nannexes:", ARTICLES + "\nannexes:"))
    contract = load_contract(spec)
    zh = plain_text(compose(contract, "zh"))
    en = plain_text(compose(contract, "en"))
    assert "廉洁诚信" not in zh.split("（以下无正文）")[0] and "Integrity" not in en.split("(The remainder")[0]
    # inserted after payment (第六条) as 第七条, so everything after it moves by one
    # ref() in the spec's text names the article by its number, as a template's does
    assert "第七条　发票" in zh and "7.1 乙方应在每期付款前十日提交发票，见第六条。" in zh
    assert "Article 7  Invoices" in en
    # the appended sub-clause continues the payment article's numbering, literally (no new clause)
    payment = zh[zh.index("第六条　付款方式") : zh.index("第七条　发票")]
    last = payment.strip().splitlines()[-2:]
    assert last[0].startswith("6.") and "甲方以财政资金支付的" in last[0] and last[1] == "§ 不是新条款"
    # the replaced article prints the spec's text only
    fm = zh[zh.index("不可抗力\n") :].split("\n第")[0]
    assert "不可抗力按《中华人民共和国民法典》第一百八十条处理。" in fm and "地震" not in fm
    assert plain_text(compose(contract, "zh-en")).count("Invoices") >= 1
    # the articles the spec rewrote, added to or inserted prevail where they differ (Art. 2 says so)
    assert (
        "本合同第六条、第七条、第十八条中依本项目约定改写、补充或增加的内容，与本合同其他条款不一致的，以该等内容为准。"
        in zh
    )
    assert "The provisions of Article 6, Article 7, Article 18 that this project's terms rewrite" in en


def test_unknown_article_ids_are_located_errors(cli, tmp_path: Path) -> None:
    bad = ARTICLES.replace("after: payment", "after: paymnt").replace(
        "omit: [integrity]", "omit: [integrity, integrity]"
    )
    spec = spec_from(tmp_path, XIAN, ("\nannexes:", bad + "\nannexes:"))
    result = cli("validate", spec)
    assert result.code == 1
    lines = result.err.splitlines()
    assert any(
        ":" in line and "articles.insert[0].after: no article 'paymnt' to insert after" in line for line in lines
    )
    assert any("articles.omit[1]: 'integrity' is already in articles.omit" in line for line in lines)


MINIMAL = {  # what the starter says that a contract does not need, and how the starter says it
    "number": ("  number: HT-2026-001\n", ""),
    "method": ("  procurement_method: competitive_consultation   # public_tender, single_source, inquiry, …\n", ""),
    "project": ("  project_name: x热线运营服务项目\n", ""),
    "tax": ("  tax_included: true\n", ""),
    "place": ("  signing_place: 某省某市\n", ""),
    "location": ("  location: 甲方提供的热线服务场所\n", ""),
    "nature": ("  nature: fixed              # fixed or unit_price\n", ""),
    "payment_method": ("  method: 银行转账\n", ""),
    "invoice": ("  invoice: 增值税普通发票\n", ""),
    "confidentiality": ("  confidentiality: {term: permanent}\n", ""),
    "documents": ("  documents:                 # in order of precedence, after this contract and its annexes\n    - 本项目采购文件\n    - 乙方的响应文件\n", ""),
}  # fmt: skip


def starter_without(tmp_path: Path, *names: str, extra: tuple[tuple[str, str], ...] = ()) -> Path:
    return starter_with(tmp_path, [MINIMAL[n] for n in names] + list(extra))


def test_facts_left_out_are_not_printed(tmp_path: Path) -> None:
    spec = starter_without(tmp_path, *MINIMAL)
    contract = load_contract(spec)
    zh, en = plain_text(compose(contract, "zh")), plain_text(compose(contract, "en"))
    for absent in (
        "合同编号",
        "项目名称",
        "竞争性磋商",
        "含税价",
        "不含增值税",
        "签订地点",
        "本项目采购文件",
        "服务地点",
        "固定总价",
        "付款方式：",
        "None",
    ):
        assert absent not in zh, absent
    assert "甲方进行采购，确定乙方为供应商" in zh and "本合同依据本项目采购的结果订立" in zh
    assert (
        "（1） 本合同书及其附件" not in zh and "本合同由本合同书及其附件组成。" in zh
    )  # a sentence, not a one-item list
    assert "Party A has conducted a procurement and has selected Party B" in en and "tax" not in en
    assert "合同价款总额为¥1,200,000.00" in zh and "The Contract Price is RMB 1,200,000.00" in en
    assert "保密义务不因本合同的解除或终止而失效。" in zh and "永久" not in zh
    assert "开具金额与该期实际应付金额相等的发票；" in zh and "issue to Party A an invoice for an amount" in en
    assert "The obligation of confidentiality does not cease upon" in en


def test_blank_facts_print_a_line_to_write_on(tmp_path: Path, cli) -> None:
    spec = starter_without(
        tmp_path,
        extra=(
            ("  number: HT-2026-001\n", "  number: blank\n"),
            ("  signing_date: 2026-03-01\n", "  signing_date: blank\n"),
            ("name: 王五}", "name: blank}"),
        ),
    )
    contract = load_contract(spec)
    zh = plain_text(compose(contract, "zh"))
    assert (
        "合同编号：＿＿＿＿＿＿" in zh and "签署日期：＿＿＿＿年＿＿月＿＿日" in zh and "法定代表人：＿＿＿＿＿＿" in zh
    )
    assert "blank" not in zh.lower()
    # dates counted from signing cannot be printed; the terms still read
    assert contract.instalments[0].due.date is None and "本合同签订后30日内，支付" in zh
    report = cli("check", spec)
    blanks = [line for line in report.out.splitlines() if "blanks.listed" in line]
    assert len(blanks) == 3 and all(line.startswith("warning") for line in blanks), report.out
    render = cli("render", spec, "-o", tmp_path / "out", "--lang", "zh-en")
    assert render.code == 0, render.err


def test_prose_cannot_hide_in_a_code_field(cli, tmp_path: Path) -> None:
    spec = starter_without(tmp_path, extra=(('phone: "13900000000"', 'phone: "13900000000，甲方放弃全部权利。"'),))
    result = cli("validate", spec)
    assert result.code == 1 and "parties.supplier.contact.phone: is not a code" in result.err


def test_due_upon_an_event_and_after_an_invoice(tmp_path: Path) -> None:
    spec = starter_without(
        tmp_path,
        extra=(
            ("{after: signing, days: 30}", "{after: final_acceptance}"),
            (
                "{after: final_acceptance, days: 30}",
                "{after: invoice, days: 15, invoice: {after: signing, working_days: 5}}",
            ),
        ),
    )
    contract = load_contract(spec)
    zh, en = plain_text(compose(contract, "zh")), plain_text(compose(contract, "en"))
    assert "第1期：项目最终验收合格后，支付" in zh and "后内" not in zh
    assert "Instalment 1: after the project has passed final acceptance, Party A shall pay 50%" in en
    # signed 2026-03-01 (Sunday); 5 working days: 03-06; + 15 days = 03-21, a Saturday: Monday 03-23
    # the deadline runs from the invoice's receipt, a day no one knows in advance: no date is printed
    assert contract.instalments[1].due.date is None
    assert "乙方于本合同签订后5个工作日内开具发票，甲方收到乙方合法有效的发票后15日内，支付" in zh
    assert (
        "Party B shall issue an invoice within 5 working days after the signing of this Contract, and within 15 days "
        "after Party A has received a lawful and valid invoice from Party B, Party A shall pay" in en
    )


def test_a_score_coefficient(tmp_path: Path) -> None:
    from decimal import Decimal

    from generator.contract.compute import pay_at_score

    spec = starter_without(
        tmp_path,
        extra=(
            (
                "      due: {after: final_acceptance, days: 30}\n",
                "      due: {after: final_acceptance, days: 30}\n"
                "      assessment: {coefficient: {zero_below: 60, full_from: 95}, basis: average}\n",
            ),
        ),
    )
    contract = load_contract(spec)
    last = contract.instalments[-1]  # 600,000.00
    assert pay_at_score(last, Decimal(95)).value == Decimal("600000.00")
    assert pay_at_score(last, Decimal("94.5")).value == Decimal("567000.00")  # × 94.5 / 100
    assert pay_at_score(last, Decimal(60)).value == Decimal("360000.00")
    assert pay_at_score(last, Decimal("59.9")).value == Decimal(0)
    zh = plain_text(compose(contract, "zh"))
    assert "按考核得分系数支付：得分不低于95分的全额支付，低于60分的不予支付" in zh
    assert "所依据的考核得分为服务期内历次考核得分的平均分" in zh


LIABILITY = """  deductions:
    - {event: 热线中断, amount: 2000, per_day: true, cap: 20000}
    - {event: 甲方迟延提供场地, owed_by: buyer, percent_of_total: 0.1}
  deductions_cap_percent: 10
  termination_cure_days: 10
  termination_events: [服务中断超过三日]
"""


def test_liability_terms(tmp_path: Path) -> None:
    spec = starter_without(
        tmp_path,
        extra=(
            ("  breach_penalty_percent: 10\n", "  breach_penalty_percent: 10\n" + LIABILITY),
            (
                "  late_interest_percent_per_day: 0.05",
                "  late_interest_grace_days: 15\n  late_interest_cap_percent: 5\n  late_interest_percent_per_day: 0.05",
            ),
        ),
    )
    contract = load_contract(spec)
    zh, en = plain_text(compose(contract, "zh")), plain_text(compose(contract, "en"))
    assert (
        "发生热线中断的，每持续一日，甲方有权扣减服务费¥2,000.00（大写：人民币贰仟元整），每一次事件的扣减额合计不超过¥20,000.00"
        in zh
    )
    assert "发生甲方迟延提供场地的，每发生一次，甲方应向乙方支付合同价款总额0.1%的违约金，即¥1,200.00" in zh
    assert "累计不超过合同价款总额的10%，即¥120,000.00（大写：人民币壹拾贰万元整）" in zh
    assert "乙方有其他违约行为，经甲方书面通知后10日内仍未纠正的，甲方有权书面通知乙方解除本合同" in zh
    assert (
        "自逾期第16日起，每逾期一日按应付未付金额的0.05%向乙方支付逾期利息，逾期利息累计不超过应付未付金额的5%。" in zh
    )
    assert (
        "Party A shall pay Party B interest on late payment of 0.05% of the amount due and unpaid "
        "for each day of delay after the first 15 days of delay" in en
    )
    assert "Party A shall, for each occurrence, pay Party B liquidated damages of 0.1% of the Contract Price" in en


def test_recurring_payments_in_arrears(tmp_path: Path) -> None:
    from decimal import Decimal

    spec = starter_without(
        tmp_path,
        extra=(
            ("    - percent: 50\n      due: {after: final_acceptance, days: 30}\n", ""),
            ("    - percent: 50\n", "    - percent: 10\n"),
            ("  late_interest", "  recurring: {every: month, percent: 90, days: 10}\n  late_interest"),
            ("  total: 1200000.00", "  total: 1000000.01"),
        ),
    )
    contract = load_contract(spec)
    monthly = contract.instalments[1:]
    assert len(monthly) == 12  # 2026-04-01 .. 2027-03-31
    assert [i.amount.value for i in monthly[:2]] == [Decimal("75000.00")] * 2  # 900,000.01 / 12, half up
    assert sum(i.amount.value for i in contract.instalments) == contract.total.value
    assert monthly[-1].amount.value == Decimal("75000.01")
    assert contract.instalments[0].amount.value == Decimal("100000.00")
    # month 1 ends 2026-04-30; + 10 days = 05-10, a Sunday: Monday 05-11
    assert monthly[0].due.date is not None and monthly[0].due.date.isoformat() == "2026-05-11"
    zh = plain_text(compose(contract, "zh"))
    assert "第2期：服务期第1个月届满后10日内（即不迟于2026年5月11日），支付合同价款总额的约7.5%" in zh
    en = plain_text(compose(contract, "en"))
    assert "within 10 days after the end of month 1 of the Service Period" in en


def test_an_invoice_after_a_quarter_assessment_names_its_quarter(tmp_path: Path, cli) -> None:
    due = "{after: invoice, days: 15, invoice: {after: quarter_assessment, working_days: 5}}"
    spec = starter_without(tmp_path, extra=(("{after: final_acceptance, days: 30}", due),))
    result = cli("validate", spec)
    assert result.code == 1 and "quarter: N goes with after: quarter_assessment" in result.err
    spec = starter_without(
        tmp_path, extra=(("{after: final_acceptance, days: 30}", due.replace("5}", "5, quarter: 2}")),)
    )
    zh = plain_text(compose(load_contract(spec), "zh"))
    assert "乙方于服务期第2季度考核完成后5个工作日内开具发票" in zh and "None" not in zh


def test_an_article_another_refers_to_cannot_be_left_out(tmp_path: Path, cli) -> None:
    spec = starter_without(tmp_path, extra=(("annexes: [", "articles: {omit: [liability]}\nannexes: ["),))
    result = cli("validate", spec)
    assert result.code == 1 and "articles.omit[0]: article 'liability' cannot be left out" in result.err
    assert cli("render", spec, "-o", tmp_path / "out").code == 1 and not (tmp_path / "out").exists()


def test_due_after_a_monthly_assessment_and_a_deduction_from_the_instalment(tmp_path: Path) -> None:
    spec = starter_without(
        tmp_path,
        extra=(
            ("{after: final_acceptance, days: 30}", "{after: assessment, every: month, period: 12, days: 10}"),
            (
                "  breach_penalty_percent: 10\n",
                "  breach_penalty_percent: 10\n  deductions:\n    - {event: 漏接, percent_of_instalment: 2}\n",
            ),
        ),
    )
    contract = load_contract(spec)
    zh, en = plain_text(compose(contract, "zh")), plain_text(compose(contract, "en"))
    # month 12 ends 2027-03-31; the date is not printed while the 2027 holiday schedule is unknown
    assert "服务期第12个月届满并完成该期考核后10日内" in zh
    assert "after the end of month 12 of the Service Period and the completion of the assessment for that period" in en
    assert "发生漏接的，每发生一次，甲方有权扣减当期应付款项的2%。" in zh


def test_standard_terms_the_spec_can_turn_off(tmp_path: Path) -> None:
    terms = "  service_reports: none\n  deemed_acceptance: false\n  terms_confidential: false\n  work_products: 知识库内容\n"
    spec = starter_without(tmp_path, extra=(("  ip_owner: buyer\n", "  ip_owner: buyer\n" + terms),))
    zh = plain_text(compose(load_contract(spec), "zh"))
    assert "按月向甲方报送" not in zh and "视为验收合格" not in zh and "本合同条款" not in zh
    assert "形成的知识库内容等全部工作成果" in zh and "软件代码" not in zh
    default = plain_text(compose(load_contract(starter_without(tmp_path)), "zh"))
    assert "按月向甲方报送" in default and "视为验收合格" in default and "包括本合同条款" in default


def test_a_guarantee_is_returned_not_repaid(tmp_path: Path) -> None:
    security = "performance_security:\n  percent: 5\n  forms: [bank_guarantee]\n  return_working_days: 7\n\n"
    zh = plain_text(
        compose(load_contract(starter_without(tmp_path, extra=(("liability:\n", security + "liability:\n"),))), "zh")
    )
    assert "将保函退还乙方" in zh and "无息退还" not in zh and "依保函向出具人索赔相应款项" in zh
    assert "原件" not in zh  # an electronic guarantee has no original


SUBCLAUSES = """articles:
  omit: [buyer_duties.headcount_check]
  replace:
    - id: payment.invoice
      text:
        - {zh: "乙方应在每期付款前开具合法有效的发票；解除时按ref(termination.settlement)结算。", en: "Party B shall issue a valid invoice before each payment; on termination, settlement follows ref(termination.settlement)."}
        - {zh: 未收到发票的，甲方付款期限顺延。, en: "Without the invoice, Party A's time for payment is extended."}
  append:
    - id: termination.settlement
      text:
        - {zh: "乙方未完成移交的，甲方可暂停支付未付款项，直至移交完成（见ref(payment.invoice)）。", en: "Until Party B completes the handover, Party A may withhold unpaid fees (see ref(payment.invoice))."}
annexes: ["""


def _numbered(text: str, start: str) -> str:
    """The number of the line of text that starts (after its number) with start."""
    line = next(line for line in text.splitlines() if line.split(" ", 1)[-1].startswith(start))
    return line.split(" ", 1)[0]


def test_sub_clauses_left_out_replaced_and_added_to(tmp_path: Path) -> None:
    spec = starter_with(tmp_path, [("annexes: [", SUBCLAUSES)])
    contract = load_contract(spec)
    zh, en, zh_en = (plain_text(compose(contract, lang)) for lang in ("zh", "en", "zh-en"))
    body = zh.split("（以下无正文）")[0]
    assert "有权核查乙方服务团队的人数" not in body and "check the size" not in en
    # the replacement takes the invoice sub-clause's place and number; the second line follows it
    invoice = _numbered(zh, "乙方应在每期付款前开具合法有效的发票")
    article, n = invoice.split(".")
    assert _numbered(zh, "未收到发票的") == f"{article}.{int(n) + 1}"
    assert "金额与该期实际" not in body  # the standard invoice sub-clause is gone
    # added right after the settlement sub-clause, before the next standard one
    settlement = _numbered(zh, "本合同解除的，甲方")
    article, n = settlement.split(".")
    added = f"{article}.{int(n) + 1}"
    assert _numbered(zh, "乙方未完成移交的") == added
    # references in the spec's text name the numbers, in every language, both ways (back and forward)
    assert f"解除时按第{settlement}款结算" in zh and f"（见第{invoice}款）" in zh
    assert f"settlement follows Clause {settlement}." in en and f"(see Clause {invoice})" in en
    assert f"第{settlement}款" in zh_en and f"Clause {invoice}" in zh_en
    assert _numbered(en, "Party B shall issue a valid invoice") == invoice
    # Article 2 says the changed articles prevail
    assert "改写、补充或增加的内容" in zh


def test_sub_clause_changes_are_located_errors(cli, tmp_path: Path) -> None:
    bad = SUBCLAUSES.replace("payment.invoice\n", "payment.invoise\n", 1).replace(
        "omit: [buyer_duties.headcount_check]", "omit: [buyer_duties.headcount_check, payment]"
    )
    spec = starter_with(tmp_path, [("annexes: [", bad)])
    result = cli("validate", spec)
    assert result.code == 1
    assert "articles.replace[0].id: article 'payment' has no sub-clause 'payment.invoise'; its named sub-clauses:" in (
        result.err
    )
    assert "articles.append[0].id" not in result.err  # a sub-clause of another article is fine
    # a sub-clause that another clause refers to cannot be left out
    refund = "articles: {omit: [termination.settlement]}\nannexes: ["
    spec = starter_with(
        tmp_path, [("annexes: [", refund), ("liability:\n", "liability:\n  refund_all_on_breach: true\n")]
    )
    result = cli("validate", spec)
    assert result.code == 1
    assert (
        "articles.omit[0]: sub-clause 'termination.settlement' cannot be left out: article or annex 'termination'"
        in (result.err)
    )


def test_every_named_sub_clause_can_be_left_out_alone(tmp_path: Path) -> None:
    """Leaving out any one named sub-clause that the starter prints removes that one and nothing else."""
    from generator.render.templates import load_templates

    base = plain_text(compose(load_contract(starter_with(tmp_path, [])), "zh"))
    named = load_templates().subclauses
    tried = 0
    for article, names in named.items():
        for name in names:
            spec = starter_with(tmp_path, [("annexes: [", f"articles: {{omit: [{article}.{name}]}}\nannexes: [")])
            try:
                text = plain_text(compose(load_contract(spec), "zh"))
            except Exception:  # noqa: BLE001 - not printed for the starter, or referred to: validate says so
                continue
            tried += 1
            assert len(text.splitlines()) < len(base.splitlines()), f"{article}.{name}"
    assert tried > 60


def test_a_service_period_given_by_the_month(tmp_path: Path) -> None:
    months = ("{start: 2026-04-01, end: 2027-03-31}", "{start_month: 2026-04, end_month: 2027-03}")
    contract = load_contract(starter_with(tmp_path, [months]))
    assert (contract.service.period.start, contract.service.period.end) == (dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    zh, en = plain_text(compose(contract, "zh")), plain_text(compose(contract, "en"))
    assert "服务期自2026年4月起至2027年3月止。" in zh and "The Service Period runs from April 2026 to March 2027." in en
    # the same figures as the dates it stands for, the wording apart
    dated = load_contract(starter_with(tmp_path, []))
    assert contract.instalments == dated.instalments


@pytest.mark.parametrize(
    ("period", "message"),
    [
        (
            "{start_month: 2026-04}",
            "service.period: a service period by the month needs both start_month and end_month",
        ),
        (
            "{start_month: 2026-04, end_month: 2026-03}",
            "service.period.end_month: end_month 2026-03 is before start_month 2026-04",
        ),
        (
            "{start_month: 2026-04, end: 2027-03-31}",
            "service.period: give one of: start and end, start_month and end_month",
        ),
        ("{start_month: 2026-13, end_month: 2027-03}", "service.period.start_month"),
    ],
)
def test_a_wrong_period_by_the_month_is_a_located_error(cli, tmp_path: Path, period: str, message: str) -> None:
    spec = starter_with(tmp_path, [("{start: 2026-04-01, end: 2027-03-31}", period)])
    result = cli("validate", spec)
    assert result.code == 1 and message in result.err, result.err


def test_a_payee_other_than_party_b(tmp_path: Path) -> None:
    payee = (
        "  method: 银行转账\n",
        "  method: 银行转账\n  payee: {name: {zh: 某信息技术有限公司某分公司, en: X Co. Branch}, tax_id: 91350100M000100Y43}\n",
    )
    branch = ("bank: {account_name: 某信息技术有限公司,", "bank: {account_name: 某信息技术有限公司某分公司,")
    contract = load_contract(starter_with(tmp_path, [payee, branch]))
    zh, en = plain_text(compose(contract, "zh")), plain_text(compose(contract, "en"))
    assert "乙方指定某信息技术有限公司某分公司（纳税人识别号：91350100M000100Y43）收取本合同款项并开具发票" in zh
    assert "Party B has designated X Co. Branch (taxpayer identification number: 91350100M000100Y43)" in en
    assert _numbered(zh, "乙方指定") == _numbered(en, "Party B has designated")


def test_a_left_out_sub_clause_the_spec_refers_to_names_the_spec_text(cli, tmp_path: Path) -> None:
    changes = (
        "articles:\n  omit: [payment.invoice]\n"
        "  append:\n    - {id: payment, text: [{zh: 发票见ref(payment.invoice)。, en: See ref(payment.invoice).}]}\n"
        "annexes: ["
    )
    result = cli("validate", starter_with(tmp_path, [("annexes: [", changes)]))
    assert result.code == 1
    assert (
        "articles.omit[0]: sub-clause 'payment.invoice' cannot be left out: the spec's text at articles.append[0].text[0]"
        in result.err
    )


def test_a_misspelt_sub_clause_is_said_once(cli, tmp_path: Path) -> None:
    changes = "articles:\n  omit: [notices.change]\nannexes: ["
    result = cli("check", starter_with(tmp_path, [("annexes: [", changes)]))
    assert "article 'notices' has no sub-clause 'notices.change'" in result.out + result.err
    assert "does not print sub-clause 'notices.change'" not in result.out + result.err


def test_a_preamble_of_the_spec_and_an_account_without_a_name(tmp_path: Path) -> None:
    preamble = (
        "  title:",
        "  preamble: {zh: 为满足热线服务需求，双方本着友好合作的原则，订立本合同（服务内容见ref(service)）。,"
        " en: To meet the need for hotline services the parties enter into this Contract (services in ref(service)).}\n"
        "  title:",
    )
    nameless = ("bank: {account_name: 某信息技术有限公司, ", "bank: {")
    contract = load_contract(starter_with(tmp_path, [preamble, nameless]))
    zh, en = plain_text(compose(contract, "zh")), plain_text(compose(contract, "en"))
    assert "为满足热线服务需求，双方本着友好合作的原则，订立本合同（服务内容见第三条）。" in zh
    assert "(services in Article 3)." in en
    assert "政府采购法" not in zh.split("第一条")[0] and "Government Procurement Law" not in en.split("Article 1")[0]
    assert "开户名称" not in zh and "Account name" not in en
    assert "开户银行：某银行某支行" in zh


def test_sub_clauses_of_a_list_are_named_by_their_place(cli, tmp_path: Path) -> None:
    deductions = (
        "  breach_penalty_percent: 10\n",
        "  breach_penalty_percent: 10\n  deductions:\n"
        "    - {event: 漏接来电, amount: 100}\n    - {event: 泄露来电人信息, amount: 10000}\n",
    )
    after = (
        "annexes: [",
        "articles:\n  append:\n    - id: liability.deduction_1\n      text:\n"
        "        - {zh: 连续发生前述情形的，另按ref(liability.deduction_2)处理。, en: See ref(liability.deduction_2).}\n"
        "annexes: [",
    )
    zh = plain_text(compose(load_contract(starter_with(tmp_path, [deductions, after])), "zh"))
    first, second = _numbered(zh, "发生漏接来电的"), _numbered(zh, "发生泄露来电人信息的")
    article, n = first.split(".")
    assert _numbered(zh, "连续发生前述情形的") == f"{article}.{int(n) + 1}"
    assert second == f"{article}.{int(n) + 2}" and f"另按第{second}款处理" in zh
    # a third deduction does not exist: the located error says so
    three = (after[0], after[1].replace("id: liability.deduction_1", "id: liability.deduction_3"))
    result = cli("validate", starter_with(tmp_path, [deductions, three]))
    assert result.code == 1 and "does not print sub-clause 'liability.deduction_3'" in result.err
    assert "(it prints only when liability.deductions has an item for it)" in result.err
    assert "add an item to liability.deductions to print it" in result.err


def test_a_fee_line_given_as_a_lump_sum(cli, tmp_path: Path) -> None:
    fees = (
        "  nature: fixed              # fixed or unit_price\n",
        "  nature: fixed\n  fee_schedule:\n"
        "    - {item: 坐席, unit_price: 45000, unit: 元/月, quantity: 1, months: 12}\n"
        "    - {item: {zh: 平台维护, en: Platform upkeep}, amount: 660000}\n",
    )
    spec = starter_with(tmp_path, [fees, ("[scope, payment_schedule, integrity]", "[scope, fee_schedule]")])
    zh = plain_text(compose(load_contract(spec), "zh"))
    assert "（2） 平台维护：¥660,000.00。" in zh
    assert "2 | 平台维护 | — | — | — | — | 660,000.00" in zh  # the annex: its amount only
    assert cli("check", spec).code == 0
    wrong = (fees[0], fees[1].replace("amount: 660000", "amount: 660000.01"))
    result = cli("validate", starter_with(tmp_path, [wrong]))
    assert result.code == 1 and "price.total: the fee schedule" in result.err


def test_a_sub_clause_of_the_spec_with_items(tmp_path: Path) -> None:
    listed = (
        "annexes: [",
        "articles:\n  append:\n    - id: termination\n      text:\n"
        '        - {zh: "乙方有下列情形之一的，甲方可以解除本合同：\\n- 连续中断服务超过6小时的；\\n- 泄露来电人信息的。",'
        ' en: "Party A may terminate this Contract where Party B:\\n- interrupts the Services for more than 6 hours;'
        "\\n- discloses callers' information.\"}\n"
        "annexes: [",
    )
    contract = load_contract(starter_with(tmp_path, [listed]))
    zh, en = plain_text(compose(contract, "zh")).splitlines(), plain_text(compose(contract, "en")).splitlines()
    at = next(i for i, line in enumerate(zh) if line.endswith("乙方有下列情形之一的，甲方可以解除本合同："))
    assert zh[at + 1 : at + 3] == ["（1） 连续中断服务超过6小时的；", "（2） 泄露来电人信息的。"]
    at = next(i for i, line in enumerate(en) if line.endswith("Party A may terminate this Contract where Party B:"))
    assert en[at + 1] == "(1) interrupts the Services for more than 6 hours;"
    assert plain_text(compose(contract, "zh-en")).count("泄露来电人信息的。") == 1


def test_clauses_shows_each_sub_clause_with_its_id(cli, tmp_path: Path) -> None:
    spec = starter_with(tmp_path, [("annexes: [", SUBCLAUSES)])
    result = cli("clauses", spec)
    assert result.code == 0
    lines = result.out.splitlines()
    assert "[termination]" in lines
    settlement = next(line for line in lines if line.startswith("  [termination.settlement] "))
    number = settlement.split()[1]
    # the spec's replacement keeps the name it replaced; what it adds after a sub-clause has none
    assert any(line.startswith("  [payment.invoice] ") and "开具合法有效的发票" in line for line in lines)
    assert f"解除时按第{number}款结算" in result.out
    assert not any("headcount" in line for line in lines)
    assert cli("clauses", spec, "--lang", "en").out.count("[termination.settlement] ") == 1


def test_a_standard_article_retitled(cli, tmp_path: Path) -> None:
    renamed = (
        "annexes: [",
        "articles:\n  retitle:\n    - {id: period, title: {zh: 服务期限, en: Service Period}}\nannexes: [",
    )
    contract = load_contract(starter_with(tmp_path, [renamed]))
    zh, en = plain_text(compose(contract, "zh")), plain_text(compose(contract, "en"))
    assert "第四条　服务期限\n" in zh and "Article 4  Service Period\n" in en and "服务期限及准备" not in zh
    wrong = (renamed[0], renamed[1].replace("id: period", "id: period.term"))
    result = cli("validate", starter_with(tmp_path, [wrong]))
    assert result.code == 1 and "articles.retitle[0].id: no standard article 'period.term'" in result.err


def test_parties_headed_without_their_roles(tmp_path: Path) -> None:
    plain = ("  language: zh               #", "  party_roles: false\n  language: zh               #")
    contract = load_contract(starter_with(tmp_path, [plain]))
    zh, en = plain_text(compose(contract, "zh")), plain_text(compose(contract, "en"))
    assert "采购人" not in zh.split("根据")[0] and "甲方：某市政务服务管理局" in zh.splitlines()
    assert "甲方（盖章）：某市政务服务管理局 | 乙方（盖章）：某信息技术有限公司" in zh.splitlines()
    assert "Party A: " in en and "(Buyer)" not in en


def test_bank_details_only_in_the_payment_article(tmp_path: Path) -> None:
    once = ("  language: zh               #", "  bank_lines: payment\n  language: zh               #")
    zh = plain_text(compose(load_contract(starter_with(tmp_path, [once])), "zh"))
    assert zh.count("某银行某支行") == 1 and "（2） 开户银行：某银行某支行" in zh.splitlines()
    assert plain_text(compose(load_contract(starter_with(tmp_path, [])), "zh")).count("某银行某支行") == 3
    head = ("  language: zh               #", "  bank_lines: head\n  language: zh               #")
    zh = plain_text(compose(load_contract(starter_with(tmp_path, [head])), "zh"))
    signature_page = zh[zh.index("签署页") :]
    assert zh.count("某银行某支行") == 2 and "某银行某支行" not in signature_page  # the head and the payment article


def test_an_annex_under_its_own_title(tmp_path: Path) -> None:
    titled = (
        "annexes: [",
        "annex_titles:\n  - {annex: scope, title: {zh: 服务内容及要求, en: Services and Requirements}}\nannexes: [",
    )
    contract = load_contract(starter_with(tmp_path, [titled]))
    zh, en = plain_text(compose(contract, "zh")), plain_text(compose(contract, "en"))
    assert "附件1：服务内容及要求" in zh.splitlines() and "Annex 1: Services and Requirements" in en.splitlines()
    assert "《服务内容及要求》" in zh  # where a clause names the annex, it uses the same title


def test_an_empty_item_is_a_located_error(cli, tmp_path: Path) -> None:
    empty = ("annexes: [", 'articles:\n  append:\n    - {id: payment, text: ["甲方可：\\n- \\n- 解除"]}\nannexes: [')
    result = cli("validate", starter_with(tmp_path, [empty]))
    assert (
        result.code == 1
        and "articles.append[0].text[0]: an item ('- ' line) or the sentence before it is empty" in (result.err)
    )


def test_a_term_written_at_its_default_that_no_longer_prints(cli, tmp_path: Path) -> None:
    changes = [
        ("  # staff_replacement_days: 7", "  staff_replacement_days: 7"),
        ("annexes: [", "articles: {omit: [buyer_duties.staff_replacement]}\nannexes: ["),
    ]
    out = cli("check", starter_with(tmp_path, changes)).out
    assert "clauses.staff_replacement_days: the contract no longer prints this term" in out
    # left at its default without being written, it is no finding
    quiet = cli("check", starter_with(tmp_path, changes[1:])).out
    assert "staff_replacement_days" not in quiet.split("passed:")[0]
