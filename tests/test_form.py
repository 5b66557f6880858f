"""The form of the contract outside the clauses, as a spec chooses it: its own words for labels
(output.labels), the fee schedule's columns and opening paragraph (output.fee_columns,
annex_fee_schedule.intro) and what the cover page shows (output.cover_parties, output.cover_date)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOT, starter_with

from generator.contract.build import build_contract
from generator.contract.compute import compute
from generator.pipeline import check_spec, load_contract
from generator.proof.audit import audit_file
from generator.proof.audit_tables import cell_number
from generator.render.blocks import PageBreak, Paragraph, Table, plain_text
from generator.render.compose import compose, outline
from generator.render.labels import OVERRIDABLE, REQUIRED_LABELS, Columns
from generator.spec.loader import read_spec
from generator.spec.model import Contract
from generator.word.writer import build_docx

XIAN = ROOT / "specs" / "xian-12393-2023.yaml"
OUTPUT = "  prevailing_language: zh    # which version prevails in en / zh-en output\n"
SIGNATURE_DATE = "  signature_date: true\n"
# a fee schedule of a priced line (with a unit, a note and an overage charge) and a lump sum
FEES = (
    "  nature: fixed              # fixed or unit_price\n",
    "  nature: fixed\n  fee_schedule:\n"
    "    - {item: {zh: 坐席, en: Seats}, unit_price: 5000, unit: {zh: 元/席/月, en: per seat per month}, quantity: 10,"
    " months: 12, note: {zh: 含话费, en: calls included},"
    " overage: {zh: 超出部分按每席每月5000元计, en: RMB 5000 per extra seat per month}}\n"
    "    - {item: {zh: 平台, en: Platform}, amount: 600000}\n",
)
ANNEX = ("annexes: [scope, payment_schedule, integrity]", "annexes: [scope, fee_schedule, payment_schedule]")


def with_output(*lines: str) -> tuple[str, str]:
    return OUTPUT, OUTPUT + "".join(f"  {line}\n" for line in lines)


def texts(contract: Contract) -> dict[str, str]:
    return {lang: plain_text(compose(contract, lang)) for lang in ("zh", "en", "zh-en")}


# --- labels -----------------------------------------------------------------------------------------

LABELS = with_output(
    "labels:",
    "  - {key: party_fields.address, text: {zh: 地址, en: Address}}",
    "  - {key: party_fields.credit_code, text: {zh: 税号, en: Tax No.}}",
    "  - {key: buyer, text: {zh: 甲方, en: Party A}}",
    "  - key: signature.signatory_as.legal_representative",
    '    text: {zh: "法定代表人或授权代表（签字）：", en: "Legal Representative or Authorised Representative (signature):"}',
    "  - {key: tables.payment_schedule.instalment, text: {zh: 期数, en: Payment}}",
    '  - {key: signature_title, text: {zh: "（本页为《{title}》签字页，无正文）", en: "(Signatures to the {title})"}}',
)


def test_a_spec_rewords_labels_in_every_language(tmp_path: Path) -> None:
    contract = load_contract(starter_with(tmp_path, [LABELS]))
    zh, en, zh_en = texts(contract).values()
    head = zh.split("根据")[0]
    assert "地址：某市某区某路1号" in head and "住所" not in head
    assert "税号：11000000000000000U" in head and "统一社会信用代码" not in head
    assert "甲方：某市政务服务管理局" in head.splitlines() and "乙方（供应商）：某信息技术有限公司" in head.splitlines()
    assert zh.count("法定代表人或授权代表（签字）：") == 2 and "法定代表人（签字）" not in zh
    assert "期数 | 付款条件及期限 | 比例 | 金额（元） | 大写金额" in zh.splitlines()
    assert "（本页为《x热线服务合同》签字页，无正文）" in zh.splitlines()
    assert "Tax No.: 11000000000000000U" in en and "Unified social credit code" not in en
    assert "Payment | " in en
    # the English of a contract signed in Chinese only has no lines to sign on; the side-by-side one has
    assert "Legal Representative or Authorised Representative (signature):" not in en
    assert "Legal Representative or Authorised Representative (signature):" in zh_en
    assert "(Signatures to the x热线服务合同)" in en.splitlines()
    assert "期数\nPayment" not in zh_en and "地址：某市某区某路1号" in zh_en  # the zh-en table cell: 期数 / Payment
    plain = texts(load_contract(starter_with(tmp_path, [])))["zh"]
    assert "住所：某市某区某路1号" in plain and "期次 | 付款条件及期限" in plain  # the standard words otherwise


def test_the_bank_labels_are_reworded_in_the_payment_article_too(tmp_path: Path) -> None:
    labels = with_output("labels:", "  - {key: party_fields.account_name, text: {zh: 账户名称, en: Account holder}}")
    zh, en, _ = texts(load_contract(starter_with(tmp_path, [labels]))).values()
    assert "开户名称" not in zh and zh.count("账户名称：某信息技术有限公司") >= 2  # the head and the payment article
    assert "（1） 账户名称：某信息技术有限公司" in zh and "(1) Account holder: " in en


def test_a_label_without_english_prints_the_chinese_and_warns(cli, tmp_path: Path) -> None:
    source = XIAN.read_text(encoding="utf-8")  # a contract with every text in English too
    output = "output:\n"
    assert source.count(output) == 1
    spec = tmp_path / "xian.yaml"
    spec.write_text(
        source.replace(output, output + "  labels: [{key: party_fields.address, text: 地址}]\n"), encoding="utf-8"
    )
    document = compose(load_contract(spec), "en")
    assert "地址: No. 60 Jinye 1st Road" in plain_text(document)
    assert document.warnings == ("output.labels[0].text",)
    assert compose(load_contract(spec), "zh").warnings == ()
    result = cli("render", spec, "-o", tmp_path / "out", "--lang", "zh-en", "--strict")
    assert result.code == 1 and "output.labels[0].text" in result.err and not (tmp_path / "out").exists()
    assert cli("render", XIAN, "-o", tmp_path / "out", "--lang", "zh-en", "--strict").code == 0


@pytest.mark.parametrize(
    ("entry", "path", "message"),
    [
        (
            "{key: party_fields.adress, text: 地址}",
            "[0].key",
            "no label 'party_fields.adress' that a spec may reword; close keys: party_fields.address",
        ),
        ("{key: address, text: 地址}", "[0].key", "close keys: party_fields.address"),
        (
            "{key: party_fields, text: 地址}",
            "[0].key",
            "'party_fields' is a group of labels; name one of them: party_fields.credit_code, party_fields.address",
        ),
        ("{key: due_event.signing, text: 签约}", "[0].key", "'due_event' holds the words of a spec choice"),
        ("{key: months, text: 月}", "[0].key", "'months' is a list of texts"),
        ("{key: tables.fee_schedule.price, text: 单价}", "[0].key", "close keys: tables.fee_schedule.unit_price"),
        ('{key: article, text: "第{number}条"}', "[0].text", "unknown placeholder {number} (the entry has {n})"),
        ('{key: article, text: "第{number}条"}', "[0].text", "the placeholder {n} is missing (the entry has {n})"),
        ('{key: article, text: {zh: "第{n}条", en: "Art. {x}"}}', "[0].text", "en: unknown placeholder {x}"),
        ('{key: signature.seal, text: "（盖章{n}）"}', "[0].text", "unknown placeholder {n} (the entry has no"),
        ('{key: article, text: "第{n条"}', "[0].text", "not a valid {placeholder} text"),
        ("[{key: buyer, text: 甲方}, {key: buyer, text: 甲方}]", "[1].key", "the label 'buyer' is reworded twice"),
    ],
)
def test_a_wrong_label_is_a_located_error(cli, tmp_path: Path, entry: str, path: str, message: str) -> None:
    listed = entry if entry.startswith("[") else f"[{entry}]"
    spec = starter_with(tmp_path, [with_output(f"labels: {listed}")])
    result = cli("validate", spec)
    line = next(n for n, text in enumerate(spec.read_text(encoding="utf-8").splitlines(), 1) if "labels:" in text)
    assert result.code == 1 and f"starter.yaml:{line}:" in result.err, result.err
    assert f"output.labels{path}: " in result.err and message in result.err, result.err
    assert "Traceback" not in result.err


def test_every_plain_label_and_column_can_be_reworded() -> None:
    columns = [shape for shape in REQUIRED_LABELS["tables"].values() if isinstance(shape, Columns)]  # type: ignore[union-attr]
    assert sum(len(c.names) for c in columns) == sum(1 for key in OVERRIDABLE if key.startswith("tables."))
    assert "signature.signatory_as.legal_representative" in OVERRIDABLE and "cover_number" in OVERRIDABLE
    assert not any(key.startswith(("due_event", "role.", "months", "footer")) for key in OVERRIDABLE)


def test_schema_lists_the_label_keys_and_the_annex_paragraphs(cli) -> None:
    out = cli("schema").out
    assert "  party_fields.address  住所 / Address\n" in out
    assert "  tables.fee_schedule.unit_price  单价（元） / Unit price (RMB)\n" in out
    assert "  signature_title  （本页为《{title}》签署页） / (Signature page of the {title})\n" in out
    assert "    annex_fee_schedule.intro  " in out


# --- the fee schedule ---------------------------------------------------------------------------


def fee_table(text: str, header_start: str) -> list[str]:
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    return lines[at - 1 : at + 4]  # the opening paragraph, the header, two lines and the total


def test_the_fee_schedule_prints_the_columns_the_spec_chooses(tmp_path: Path) -> None:
    columns = with_output(
        SIGNATURE_DATE.strip(), "fee_columns: [item, unit_price, quantity, months, amount, overage, remarks]"
    )
    contract = load_contract(starter_with(tmp_path, [FEES, ANNEX, columns]))
    zh, en, zh_en = texts(contract).values()
    assert (
        fee_table(zh, "项目 |")
        == [
            "金额按“单价×数量×月数”计算，精确到分；各项金额之和等于合同价款总额¥1,200,000.00（大写：人民币壹佰贰拾万元整）。",
            "项目 | 单价（元） | 数量 | 月数 | 金额（元） | 超出部分计费 | 说明",
            "坐席 | 5,000.00元/席/月 | 10 | 12 | 600,000.00 | 超出部分按每席每月5000元计 | 含话费",  # the unit follows the price
            "平台 | — | — | — | 600,000.00 | — | ",
            "合计 |  |  |  | 1,200,000.00 |  | ",
        ]
    )
    assert fee_table(en, "Item |")[1:3] == [
        "Item | Unit price (RMB) | Qty | Months | Amount (RMB) | Charge beyond the quantity | Remarks",
        "Seats | RMB 5,000.00 per seat per month | 10 | 12 | 600,000.00 | RMB 5000 per extra seat per month | calls included",
    ]
    assert "坐席 / Seats | 5,000.00元/席/月 / RMB 5,000.00 per seat per month | 10 | 12 | 600,000.00 |" in zh_en
    standard = texts(load_contract(starter_with(tmp_path, [FEES, ANNEX])))["zh"]
    assert fee_table(standard, "序号 | 项目 |")[1:3] == [
        "序号 | 项目 | 单价（元） | 计价单位 | 数量 | 月数 | 金额（元） | 说明",
        "1 | 坐席 | 5,000.00 | 元/席/月 | 10 | 12 | 600,000.00 | 含话费；超出部分按每席每月5000元计",
    ]


@pytest.mark.parametrize("lang", ["zh", "en", "zh-en"])
def test_a_fee_schedule_of_chosen_columns_audits_clean(tmp_path: Path, lang: str) -> None:
    columns = with_output("fee_columns: [item, unit_price, quantity, months, amount, overage, remarks]")
    contract = load_contract(starter_with(tmp_path, [FEES, ANNEX, columns]))
    path = tmp_path / "contract.docx"
    path.write_bytes(build_docx(compose(contract, lang)))
    report = audit_file(path)
    assert report.findings == []
    assert report.counts["column_totals"] >= 1
    if lang != "en":  # English headers are not read as unit price and quantity
        assert report.counts["table_rows"] == 1  # 5,000.00元/席/月 × 10 × 12, read in the side-by-side cell too


def test_the_opening_paragraph_says_only_the_arithmetic_the_table_shows(tmp_path: Path) -> None:
    one_month = (FEES[0], FEES[1].replace(" months: 12,", "").replace("quantity: 10,", "quantity: 120,"))
    zh, en, _ = texts(load_contract(starter_with(tmp_path, [one_month, ANNEX]))).values()
    assert fee_table(zh, "序号 | 项目 |")[:2] == [
        "金额按“单价×数量”计算，精确到分；各项金额之和等于合同价款总额¥1,200,000.00（大写：人民币壹佰贰拾万元整）。",
        "序号 | 项目 | 单价（元） | 计价单位 | 数量 | 金额（元） | 说明",  # no months column: no line runs for months
    ]
    assert 'Each amount is calculated as "unit price × quantity", accurate to the fen;' in en
    lumps = (
        FEES[0],
        "  nature: fixed\n  fee_schedule:\n    - {item: 坐席, amount: 600000}\n    - {item: 平台, amount: 600000}\n",
    )
    zh, en, _ = texts(load_contract(starter_with(tmp_path, [lumps, ANNEX]))).values()
    assert fee_table(zh, "序号 | 项目 |")[:2] == [
        "各项金额之和等于合同价款总额¥1,200,000.00（大写：人民币壹佰贰拾万元整）。",
        "序号 | 项目 | 金额（元）",
    ]
    assert "\nThe sum of the amounts equals the Contract Price, RMB 1,200,000.00" in en


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ("[item, unit_price, quantity, amount, remarks]", "line 1 runs for 12 months: without the months column"),
        (
            "[item, unit_price, months, amount, remarks]",
            "line 1 is a unit price times a quantity: without the quantity",
        ),
        ("[item, unit_price, quantity, months, amount, overage]", "line 1 has a note, which only the remarks column"),
        ("[item, amount]", "line 1 has an overage charge: list the overage or remarks column"),
        ("[number, amount, remarks]", "the fee schedule needs the item column"),
        ("[item, remarks]", "the fee schedule needs the amount column"),
        ("[amount, item, remarks]", "the first column is number or item"),
        ("[item, amount, item, remarks]", "lists item more than once"),
    ],
)
def test_chosen_columns_that_cannot_show_the_lines_are_refused(cli, tmp_path: Path, columns: str, message: str) -> None:
    spec = starter_with(tmp_path, [FEES, ANNEX, with_output(f"fee_columns: {columns}")])
    result = cli("validate", spec)
    assert result.code == 1 and "output.fee_columns: " in result.err and message in result.err, result.err


def test_fee_columns_need_a_fee_schedule(cli, tmp_path: Path) -> None:
    result = cli("validate", starter_with(tmp_path, [FEES, with_output("fee_columns: [item, amount]")]))
    assert result.code == 1 and "annexes: does not list fee_schedule" in result.err


def unchecked(spec: Path) -> Contract:
    """The computed model of a spec without the blocking rules (articles.known-ids does not know the
    annexes' paragraphs yet: see test_the_opening_paragraph_of_the_fee_schedule_validates)."""
    contract, problems = compute(build_contract(read_spec(spec).data, str(spec)))
    assert not problems
    return contract


def articles(text: str) -> tuple[str, str]:
    return ANNEX[0], f"articles:\n{text}\n{ANNEX[1]}"


def test_the_opening_paragraph_of_the_fee_schedule_is_a_named_paragraph(tmp_path: Path) -> None:
    contract = load_contract(starter_with(tmp_path, [FEES, ANNEX]))
    lines = outline(contract, "zh")
    at = lines.index("[annex_fee_schedule]")
    assert lines[at + 1 : at + 3] == [
        "  附件2：费用明细表",
        "  [annex_fee_schedule.intro] 金额按“单价×数量×月数”计算，精确到分；各项金额之和等于合同价款总额"
        "¥1,200,000.00（大写：人民币壹佰贰拾万元整）。",
    ]
    omitted = unchecked(starter_with(tmp_path, [FEES, articles("  omit: [annex_fee_schedule.intro]")]))
    for lang, text in texts(omitted).items():
        assert "金额按" not in text and "Each amount is" not in text, lang
        opening = {"zh": "附件2：费用明细表\n序号 | ", "en": "Annex 2: Fee Schedule\nNo. | "}
        assert opening.get(lang, "附件2：费用明细表\nAnnex 2: Fee Schedule\n序号 / No. | ") in text, lang
    replaced = unchecked(
        starter_with(
            tmp_path,
            [
                FEES,
                articles(
                    "  replace:\n    - id: annex_fee_schedule.intro\n      text:\n"
                    '        - {zh: "费用如下：\\n- 坐席按月计；\\n- 平台一次计。", en: "The fees:\\n- seats by the month;\\n- the platform once."}\n'
                    "        - {zh: 以上费用均含税。, en: All fees include tax.}"
                ),
            ],
        )
    )
    zh, en, zh_en = texts(replaced).values()
    assert "附件2：费用明细表\n费用如下：\n（1） 坐席按月计；\n（2） 平台一次计。\n以上费用均含税。\n序号 | " in zh
    assert (
        "Annex 2: Fee Schedule\nThe fees:\n(1) seats by the month;\n(2) the platform once.\nAll fees include tax.\nNo. | "
        in en
    )
    assert "费用如下：" in zh_en and "The fees:" in zh_en and "金额按" not in zh_en
    blocks = compose(replaced, "zh").blocks
    at = next(i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.text == "费用如下：")
    assert blocks[at].number == "" and blocks[at].name == "intro" and blocks[at + 3].number == ""  # no numbers
    assert isinstance(blocks[at + 4], Table)
    appended = unchecked(
        starter_with(tmp_path, [FEES, articles("  append:\n    - {id: annex_fee_schedule.intro, text: [按月结算。]}")])
    )
    assert "合同价款总额¥1,200,000.00（大写：人民币壹佰贰拾万元整）。\n按月结算。\n序号 | " in texts(appended)["zh"]
    # Article 2's sentence on the articles the spec rewrites names no annex
    assert "中依本项目约定改写" not in texts(replaced)["zh"]


def test_a_paragraph_of_an_annex_has_no_number_to_refer_to(cli, tmp_path: Path) -> None:
    refer = articles("  append:\n    - {id: payment, text: [按ref(annex_fee_schedule.intro)计算。]}")
    result = cli("validate", starter_with(tmp_path, [FEES, refer]))
    assert result.code == 1 and "ref(annex_fee_schedule.intro): no article 'annex_fee_schedule'" in result.err


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        ("5,000.00元/席/月\nRMB 5,000.00 per seat per month", Decimal(5000)),  # a side-by-side cell
        ("12\n12", Decimal(12)),
        ("100\n万元", Decimal(1000000)),  # one number over two lines reads as a whole
        ("5,000.00元/席/月\nRMB 6,000.00 per seat per month", None),  # two numbers that differ
        ("1\n2", None),
    ],
)
def test_audit_reads_a_side_by_side_cell_as_its_number(cell: str, number: Decimal | None) -> None:
    assert cell_number(cell) == number


def test_the_opening_paragraph_of_the_fee_schedule_validates(tmp_path: Path) -> None:
    report = check_spec(starter_with(tmp_path, [FEES, articles("  omit: [annex_fee_schedule.intro]")]))
    assert not report.blocking, [f.message for f in report.blocking]


# --- the cover page -----------------------------------------------------------------------------


def cover(contract: Contract, lang: str) -> list[str]:
    blocks = compose(contract, lang).blocks
    end = next(i for i, b in enumerate(blocks) if isinstance(b, PageBreak))
    return [b.text for b in blocks[:end] if isinstance(b, Paragraph)]


def test_the_cover_shows_the_title_and_the_month_only(tmp_path: Path) -> None:
    spec = starter_with(
        tmp_path,
        [
            ("  number: HT-2026-001\n", ""),
            ("  project_name: x热线运营服务项目\n", ""),
            with_output("cover: true", "cover_parties: false", "cover_date: month", SIGNATURE_DATE.strip()),
        ],
    )
    contract = load_contract(spec)
    assert cover(contract, "zh") == ["x热线服务合同", "2026年3月"]
    assert cover(contract, "en") == ["x热线服务合同", "March 2026"]
    by_hand = load_contract(starter_with(tmp_path, [with_output("cover: true", "cover_date: month")]))
    assert cover(by_hand, "zh")[-3:] == [
        "甲方（采购人）：某市政务服务管理局",
        "乙方（供应商）：某信息技术有限公司",
        "＿＿＿＿年＿＿月",
    ]
    no_date = load_contract(starter_with(tmp_path, [with_output("cover: true", "cover_date: none")]))
    assert cover(no_date, "zh")[-1] == "乙方（供应商）：某信息技术有限公司"
    standard = load_contract(starter_with(tmp_path, [with_output("cover: true")]))
    assert cover(standard, "zh")[-1] == "签署日期：＿＿＿＿年＿＿月＿＿日"
