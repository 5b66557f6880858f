"""What a legal reviewer found in generated contracts, as tests that fail if it comes back.

zh, en and zh-en of one spec are one set (same articles under the same numbers, the language
clause in each); the drafting faults the review listed (a first incident "each time", a list of
one item, ¥ and 元 around one figure, an obligation before the contract exists, 投标文件 in a
negotiated procurement …) and the English glossary (docs/GLOSSARY.md) hold for every example."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, SPECS, starter_with

from generator.pipeline import load_contract
from generator.render.blocks import plain_text
from generator.render.compose import compose, outline

_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int:
    """第N条's N for N < 100 (二十三 -> 23, 十 -> 10, 十二 -> 12)."""
    if "十" not in text:
        return _DIGITS[text]
    tens, _, ones = text.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def test_chinese_numbers() -> None:
    assert [chinese_number(t) for t in ("一", "九", "十", "十二", "二十", "二十三", "九十九")] == [
        1, 9, 10, 12, 20, 23, 99
    ]  # fmt: skip


_ZH_ARTICLE = re.compile(r"^第([一二三四五六七八九十]+)条　", re.M)
_EN_ARTICLE = re.compile(r"^Article (\d+)  ", re.M)
_SUB = re.compile(r"^(\d+\.\d+) ", re.M)


@pytest.fixture(scope="module")
def text() -> Callable[[Path, str], str]:
    cache: dict[tuple[Path, str], str] = {}
    contracts = {}

    def get(spec: Path, lang: str) -> str:
        if (spec, lang) not in cache:
            if spec not in contracts:
                contracts[spec] = load_contract(spec)
            cache[spec, lang] = plain_text(compose(contracts[spec], lang))
        return cache[spec, lang]

    return get


def articles_zh(text: str) -> list[int]:
    return [chinese_number(n) for n in _ZH_ARTICLE.findall(text)]


def articles_en(text: str) -> list[int]:
    return [int(n) for n in _EN_ARTICLE.findall(text)]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.stem)
def test_zh_en_and_zh_en_have_the_same_articles_and_subclauses(spec: Path, text: Callable[[Path, str], str]) -> None:
    zh, en, both = text(spec, "zh"), text(spec, "en"), text(spec, "zh-en")
    assert articles_zh(zh) == articles_en(en) == list(range(1, len(articles_zh(zh)) + 1))
    assert articles_zh(both) == articles_zh(zh) and articles_en(both) == articles_en(en)
    assert _SUB.findall(zh) == _SUB.findall(en)
    assert Counter(_SUB.findall(both)) == Counter(_SUB.findall(zh)) + Counter(_SUB.findall(en))


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.stem)
def test_the_language_clause_is_in_every_version_or_in_none(spec: Path, text: Callable[[Path, str], str]) -> None:
    """A bilingual spec's three versions each say which language prevails; a Chinese-only spec's none."""
    has_clause = [
        "合同文本语言" in text(spec, "zh"),
        bool(re.search(r"^Article \d+  Language$", text(spec, "en"), re.M)),
        "合同文本语言" in text(spec, "zh-en"),
    ]
    assert has_clause == [load_contract(spec).bilingual] * 3


# --- drafting faults that must not come back (each pattern with the review's example) ---------

ZH_FAULTS = {
    "a first or second incident charged for each occurrence": r"第[一二三]次[^。；]*每发生一次",
    "¥ before a figure that 元 follows": r"¥[\d,]+(?:\.\d+)?元",
    "an obligation before the contract exists": r"应(?:于|在)本合同(?:签订|签署)前",
    "a doubled adjective": r"相等的(?:等额|同等)",
    "a percentage with trailing zeros": r"\d\.\d*0%",
    "a slash between alternatives": r"成交/中标|中标/成交|投标/响应",
    "the software's words for rounding": r"取余额",
}


def one_item_lists(text: str) -> list[str]:
    """Numbered lists（1）… with exactly one item."""
    lines = text.splitlines()
    found = []
    for n, line in enumerate(lines):
        if line.startswith(("（1）", "(1)")):
            following = lines[n + 1] if n + 1 < len(lines) else ""
            if not following.startswith(("（2）", "(2)")):
                found.append(line)
    return found


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.stem)
def test_no_drafting_fault_in_the_chinese(spec: Path, text: Callable[[Path, str], str]) -> None:
    zh = text(spec, "zh")
    faults = {name: re.findall(p, zh) for name, p in ZH_FAULTS.items()}
    assert {name: found for name, found in faults.items() if found} == {}
    assert one_item_lists(zh) == []


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.stem)
def test_no_one_item_list_in_the_english(spec: Path, text: Callable[[Path, str], str]) -> None:
    assert one_item_lists(text(spec, "en")) == []


def test_the_fault_patterns_catch_what_the_review_found() -> None:
    """Each pattern matches the sentence the review quoted (so the tests above can fail)."""
    quoted = {
        "a first or second incident charged for each occurrence": "发生第一次严重舆论事件的，每发生一次，甲方扣减",
        "¥ before a figure that 元 follows": "单价¥3,000.00元/席/月",
        "an obligation before the contract exists": "乙方应于本合同签订前向甲方提交履约保证金",
        "a doubled adjective": "开具与该期付款金额相等的等额的发票",
        "a percentage with trailing zeros": "约30.000%",
        "a slash between alternatives": "（成交/中标通知书日期：2026年3月10日）",
        "the software's words for rounding": "最后一期按比例计算的款项取余额",
    }
    for name, sentence in quoted.items():
        assert re.search(ZH_FAULTS[name], sentence), name
    assert one_item_lists("（1） 乙方的其他违约行为。\n第十三条　保密") == ["（1） 乙方的其他违约行为。"]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.stem)
def test_one_word_for_the_suppliers_offer(spec: Path, text: Callable[[Path, str], str]) -> None:
    """投标文件 after a tender, 响应文件 after a negotiation or consultation: never both in one contract."""
    zh = text(spec, "zh")
    assert not ("投标文件" in zh and "响应文件" in zh.replace("投标（响应）文件", ""))
    assert not ("中标通知书" in zh and "成交通知书" in zh)


# --- the English glossary -------------------------------------------------------------------

GLOSSARY = ROOT / "docs" / "GLOSSARY.md"


def glossary() -> dict[str, str]:
    """Forbidden English words -> the term to use, from docs/GLOSSARY.md's "Not" column."""
    rows = [line.split("|") for line in GLOSSARY.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    forbidden = {}
    for cells in rows[2:]:  # the header and its rule line
        zh, term, nots = (c.strip() for c in cells[1:4])
        for word in filter(None, (w.strip().strip('“”"') for w in nots.split(";"))):
            forbidden[word] = f"{term} ({zh})"
    return forbidden


def test_the_glossary_lists_forbidden_words() -> None:
    words = glossary()
    assert "Principal" in words and "say:" in words


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.stem)
def test_english_follows_the_glossary(spec: Path, text: Callable[[Path, str], str]) -> None:
    en = text(spec, "en")
    used = {word: term for word, term in glossary().items() if re.search(rf"(?<![A-Za-z]){re.escape(word)}", en)}
    assert used == {}, "use the glossary's term instead"


# --- obligations in the English are "shall" ---------------------------------------------------

_SUBJECT = (
    r"(?:Party [AB]|[Tt]he Supplier|[Tt]he Buyer|[Tt]he receiving party|[Tt]he disclosing party|[Tt]he providing party|"
    r"[Tt]he affected party|[Tt]he other party|[Tt]he party in breach|[Tt]he non-breaching party|[Ee]ach party|"
    r"[Ee]ither party|[Nn]either party|[Aa] party|[Tt]hat party)"
)
_PRESENT_TENSE = re.compile(
    rf"\b{_SUBJECT} (?!shall|may|has|have|is|are|was|were|will|does|did|and|or|in|of|to|under|at|on|as|its|this|thus)"
    r"([a-z]+s)\b"
)
_PLURAL_SUBJECT = re.compile(
    r"\b(?:[Bb]oth parties|[Tt]he parties|Party A and Party B|Party A's staff|Party B's staff) "
    r"(?!shall|may|have|are|were|will|do|did|and|or|in|of|to|under|at|on|as|its|their|jointly|each|who|which|that|"
    r"is|was|has|during|through|by|for|with|from|before|after|upon|within|without|against)\b"
    r"([a-z]+)\b(?! of| to| for)"
)
# A present tense after "where", "if", "that" … in the same clause is a condition or a description,
# not an obligation ("where Party B fails to …", "the data that Party B processes").
_CONDITION = re.compile(
    r"\b(?:[Ww]here|[Ii]f|[Ww]hen|[Oo]nce|[Uu]nless|[Uu]ntil|that|which|whether|[Bb]efore|[Aa]fter|[Ee]xcept)\b"
)


def obligations_in_present_tense(text: str) -> list[str]:
    """ "Party A pays …" (and "both parties observe …") outside a condition; a list item continues
    the condition of the paragraph that introduces it ("… where any of the following occurs:"), and
    a party right after a comma starts the main clause ("Where …, Party A pays")."""
    found = []
    lead = ""
    for line in text.splitlines():
        item = re.match(r"\(\d+\) ", line)
        if not item:
            lead = line
        for pattern in (_PRESENT_TENSE, _PLURAL_SUBJECT):
            for m in pattern.finditer(line):
                before = line[: m.start()]
                clause = "" if before.endswith(", ") else re.split(r"[;:.] ", before)[-1]  # ", Party A pays"
                if item and clause == before:
                    clause = re.split(r"; ", lead)[-1] + " " + clause
                if not _CONDITION.search(clause):
                    found.append(m.group(0))
    return found


def test_present_tense_pattern_catches_an_obligation() -> None:
    assert _PRESENT_TENSE.search("Party A pays the Contract Price")
    assert not _PRESENT_TENSE.search("Party A shall pay the Contract Price")
    assert obligations_in_present_tense("5.1 Party A pays the Contract Price.") == ["Party A pays"]
    assert obligations_in_present_tense("8.2 The receiving party discloses nothing.") == [
        "The receiving party discloses"
    ]
    assert obligations_in_present_tense("12.1 Both parties observe the rules.") == ["Both parties observe"]
    assert obligations_in_present_tense("13.2 Where Party B fails to pay, Party A may terminate.") == []
    assert obligations_in_present_tense("13.2 Where Party B fails to pay, Party A terminates.") == [
        "Party A terminates"
    ]
    assert (
        obligations_in_present_tense(
            "13.2 Party A may terminate where any of the following occurs:\n(1) Party B fails to pay;"
        )
        == []
    )
    assert obligations_in_present_tense("1. Party A selected Party B as the supplier.") == []


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.stem)
def test_english_obligations_use_shall(spec: Path, text: Callable[[Path, str], str]) -> None:
    """ "Party A pays" reads as a description; an obligation is "Party A shall pay" (a "may" stays "may")."""
    assert obligations_in_present_tense(text(spec, "en")) == []


def test_an_agreement_calls_itself_an_agreement(text: Callable[[Path, str], str]) -> None:
    """Beijing's contract is a 服务协议 (contract.called: agreement): no clause says 本合同 or this Contract."""
    beijing = ROOT / "specs" / "beijing-ybj-2025.yaml"
    assert load_contract(beijing).called == "agreement"
    assert "本合同" not in text(beijing, "zh") and "本协议" in text(beijing, "zh")
    assert not re.search(r"[Tt]his Contract", text(beijing, "en")) and "this Agreement" in text(beijing, "en")


def test_the_document_name_is_replaced_in_template_text_only() -> None:
    from generator.render.markup import literal, replace_outside_literals, unmark

    rendered = "§ 本合同自签字之日起生效。" + literal("乙方承诺遵守本合同附件。")
    replaced = unmark(replace_outside_literals(rendered, "本合同", "本协议"))
    assert replaced == "§ 本协议自签字之日起生效。乙方承诺遵守本合同附件。"  # a spec value is printed as written


def test_without_documents_article_2_is_a_sentence_not_a_one_item_list(tmp_path: Path) -> None:
    spec = starter_with(tmp_path, [("    - 本项目采购文件\n    - 乙方的响应文件\n", ""), ("  documents:", "  #")])
    for lang in ("zh", "en"):
        text = plain_text(compose(load_contract(spec), lang))
        assert one_item_lists(text) == []
        assert "§" not in text and "：- " not in text  # no markup glued to the line before
    assert "本合同由本合同书及其附件组成。" in plain_text(compose(load_contract(spec), "zh"))


def test_an_omitted_acceptance_article_leaves_no_acceptance_behind(tmp_path: Path) -> None:
    spec = starter_with(tmp_path, [("annexes: [", "articles: {omit: [acceptance]}\nannexes: [")])
    zh = plain_text(compose(load_contract(spec), "zh"))
    assert "“验收”指" not in zh and "组织验收" not in zh


def test_a_party_without_a_contact_person_prints_none(tmp_path: Path) -> None:
    spec = starter_with(
        tmp_path, [('contact: {name: 李四, phone: "0000-00000001"}', 'contact: {phone: "0000-00000001"}')]
    )
    zh = plain_text(compose(load_contract(spec), "zh"))
    assert "李四" not in zh and "联系人：赵六" in zh  # the buyer gave none, the supplier did


def test_protective_sub_clauses_switch_alone(tmp_path: Path) -> None:
    """headcount_check, personal_information and third_party_assessment each remove their words only."""
    on = starter_with(tmp_path, [])
    off = tmp_path / "off.yaml"
    off.write_text(
        on.read_text(encoding="utf-8").replace(
            "\nclauses:\n",
            "\nclauses:\n  headcount_check: false\n  personal_information: false\n  third_party_assessment: false\n",
            1,
        ),
        encoding="utf-8",
    )
    words = ("核查乙方服务团队的人数", "受甲方委托处理来电人等个人信息")
    zh_on, zh_off = (plain_text(compose(load_contract(p), "zh")) for p in (on, off))
    assert all(w in zh_on for w in words) and not any(w in zh_off for w in words)
    luohe = ROOT / "specs" / "luohe-12345-2025.yaml"  # third_party_assessment: false, as its contract
    assert "第三方开展考核" not in plain_text(compose(load_contract(luohe), "zh"))
    assert re.search(r"^\d+\.\d+ Where Party B disagrees", plain_text(compose(load_contract(luohe), "en")), re.M)


# --- the 法务 review of session 5 (review REVIEW.md: T1, T2, T3, BJ4) ---------------------------------

BEIJING = ROOT / "specs" / "beijing-ybj-2025.yaml"
SHEBAO = ROOT / "specs" / "example-shebao-hotline.yaml"
COEFFICIENT = ROOT / "specs" / "example-12393-coefficient.yaml"


def annex_of(text: str, title: str) -> str:
    """The text of the annex titled title (附件N：title / Annex N: title), up to the next annex."""
    start = re.search(rf"^(?:附件\d+：|Annex \d+: ){re.escape(title)}$", text, re.M)
    assert start, title
    rest = text[start.end() :]
    end = re.search(r"^(?:附件\d+：|Annex \d+: )", rest, re.M)
    return rest[: end.start()] if end else rest


def subclause(text: str, number: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(number + " "))


@pytest.mark.parametrize("spec", [BEIJING, SHEBAO], ids=lambda s: s.stem)
def test_the_confidentiality_annex_returns_information_as_the_article_says(
    spec: Path, text: Callable[[Path, str], str]
) -> None:
    """T1: the undertaking's item on returning information refers to the article's return sub-clause
    and states no exception of its own, so the two cannot give different exceptions."""
    zh, en = text(spec, "zh"), text(spec, "en")
    article = next(line for line in zh.splitlines() if "返还或销毁保密信息，不得以任何形式留存" in line)
    number = article.split(" ", 1)[0]  # 12.5
    assert "为审计、档案管理所必需的除外" in article
    annex_zh, annex_en = annex_of(zh, "保密承诺"), annex_of(en, "Confidentiality Undertaking")
    own_name = "本协议" if load_contract(spec).called == "agreement" else "本合同"
    assert f"应依照{own_name}第{number}款的约定返还或者销毁保密信息" in annex_zh
    assert f"as agreed in Clause {number}." in annex_en
    assert "除外" not in annex_zh and "except" not in annex_en


def test_the_confidentiality_annex_calls_an_agreement_an_agreement(text: Callable[[Path, str], str]) -> None:
    """BJ4: the undertaking names the document as its clauses do (本协议 / this Agreement), never 合同."""
    annex_zh, annex_en = (
        annex_of(text(BEIJING, "zh"), "保密承诺"),
        annex_of(text(BEIJING, "en"), "Confidentiality Undertaking"),
    )
    assert "合同" not in annex_zh and annex_zh.count("本协议") == 5
    assert "Contract" not in annex_en and annex_en.count("this Agreement") == 3
    annex_shebao = annex_of(text(SHEBAO, "zh"), "保密承诺")  # a 合同 says 本合同 each time
    assert set(re.findall(r"(.)合同", annex_shebao)) == {"本"}


SECURITY_CASH = (
    "liability:\n",
    "performance_security:\n  percent: 5\n  forms: [cash]\n\nliability:\n",
)


@pytest.mark.parametrize(
    ("spec", "zh_phrase", "en_phrase"),
    [
        (
            COEFFICIENT,
            "结算完毕后10个工作日内，甲方应将保函退还乙方。",
            "within 10 working days after the accounts are settled, Party A shall return the guarantee to Party B.",
        ),
        (
            None,
            "结算完毕后，甲方应将余额无息退还乙方。",
            "once the accounts are settled, Party A shall return the balance to Party B without interest.",
        ),
    ],
    ids=["guarantee-with-days", "cash-without-days"],
)
def test_the_security_on_termination_names_the_settlement_once(
    spec: Path | None, zh_phrase: str, en_phrase: str, tmp_path: Path
) -> None:
    """T2: the return period after termination and its start (the settlement) are said once."""
    contract = load_contract(spec or starter_with(tmp_path, [SECURITY_CASH]))
    zh, en = plain_text(compose(contract, "zh")), plain_text(compose(contract, "en"))
    clause_zh, clause_en = subclause(zh, "7.3"), subclause(en, "7.3")
    assert clause_zh.startswith("7.3 本合同解除的，") and clause_zh.count("结算完毕") == 1 and zh_phrase in clause_zh
    assert clause_en.count("settle") == 1 and en_phrase in clause_en


DAMAGES_ZH = (
    "甲方依照本条扣减的服务费，计入乙方就同一违约行为应向甲方赔偿的损失；该损失超过已扣减服务费的，乙方应赔偿超过部分。"
)
DAMAGES_EN = (
    "Service fees deducted by Party A under this Article count towards the compensation due from Party B to "
    "Party A for loss caused by the same breach; where that loss exceeds the fees deducted, Party B shall "
    "compensate the excess."
)


@pytest.mark.parametrize(
    ("deductions", "printed"),
    [
        ("  deductions:\n    - {event: 数据泄露, amount: 5000}\n", True),
        ("  missing_staff_percent: 1\n  missing_staff_per: month\n", True),
        ("  deductions:\n    - {event: 逾期付款, owed_by: buyer, amount: 100}\n", False),  # Party A's, not a deduction
        ("", False),
    ],
    ids=["deduction", "missing-staff", "owed-by-buyer", "none"],
)
def test_a_deduction_counts_towards_damages_for_the_same_breach(tmp_path: Path, deductions: str, printed: bool) -> None:
    """T3: where Party A may deduct fees, the liability article says once that a deduction counts
    towards the damages for the same breach (as liability.quality sets it off against the 违约金)."""
    spec = starter_with(tmp_path, [("  breach_penalty_percent: 10\n", "  breach_penalty_percent: 10\n" + deductions)])
    contract = load_contract(spec)
    zh, en = plain_text(compose(contract, "zh")), plain_text(compose(contract, "en"))
    assert (zh.count(DAMAGES_ZH), en.count(DAMAGES_EN)) == ((1, 1) if printed else (0, 0))
    assert "乙方就同一违约行为已被扣减的服务费，从该违约金中扣除。" in zh  # the 违约金's set-off stands beside it
    if printed:
        names = [line for line in outline(contract, "zh") if "[liability.deductions_damages]" in line]
        assert len(names) == 1
