"""Totals, percentages of the total and instalment lists in contract text.

A total is declared ('合同总价为人民币X元', '合同金额：X', '总补偿款为X'); a percentage is of the
total only when its base is a total word with nothing that makes it a part ('设计费…此部分合同总价的
20%' and '设备合同总价款的70%' are not), and it is checked against the total declared nearest
before it, so two contracts in one text each keep their own. An instalment is a payment share of
the total: not cumulative ('累计支付至…的90%'), not a rate ('逾期每日按…的0.1%'), not a penalty or a
security. Instalments are summed per total, and only when they are written together. Pure.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from ..domain.money import format_yuan, round_fen
from .audit_pairs import Passage
from .audit_text import Capital, Figure, Percentage

TOTAL_WORDS = (
    "合同价款总额", "合同总金额", "合同总价款", "合同总价", "合同总额", "合同价款", "合同金额", "合同价格", "合同价",
    "合同额", "协议总金额", "协议总价款", "协议总价", "协议价款", "协议金额", "签约合同价", "中标总价", "中标金额",
    "中标价", "总价款", "总金额", "总价", "总造价", "总补偿款", "补偿款总额", "补偿总额", "交易总价", "交易价款",
)  # fmt: skip
_TOTAL_RE = re.compile("|".join(sorted(TOTAL_WORDS, key=len, reverse=True)))
_BY_LAST_CHARACTER: dict[str, list[str]] = {}
for _word in sorted(TOTAL_WORDS, key=len, reverse=True):
    _BY_LAST_CHARACTER.setdefault(_word[-1], []).append(_word)
# Words that may stand right before a total word without making it the total of a part.
_PLAIN_BEFORE = (
    "本", "该", "此", "其", "为", "付", "按", "照", "以", "占", "的", "是", "即", "向", "给", "方", "人", "商", "至", "到",
    "达", "和", "及", "与", "项目", "合同", "协议", "工程", "转让", "交易", "暂定", "暂估", "签约", "含税", "后",
)  # fmt: skip
_BREAKS = "，,。；;：:、（()）|\n"
_NOT_A_DECLARATION = ("的", "%", "包括", "包含", "不含", "以外", "之外", "其中", "扣除", "调整", "变更", "增加", "减少",
                      "超过", "以内", "每", "，", ",", "。", "；", ";")  # fmt: skip
_PAYMENT = ("付", "进度款", "尾款", "余款", "结算款", "质保金", "质量保证金", "保修金", "预付款", "首付款")
_NOT_INSTALMENT = ("违约", "罚", "赔偿", "滞纳", "利息", "履约", "保函", "担保", "扣", "逾期", "延期", "迟延", "延迟",
                   "上限", "最高", "不超过", "超过", "以内", "变更", "调整", "追加", "补充", "增加", "减少")  # fmt: skip
_RATE = (
    "每日",
    "每天",
    "每周",
    "每月",
    "每次",
    "每年",
    "每延",
    "每逾",
    "每迟",
    "按日",
    "日万分",
    "每一",
    "每项",
    "每少",
)
_CUMULATIVE = ("至", "到", "累计", "达")
_REMAINDER = ("尾款", "余款", "剩余", "余额", "其余", "余下")
_INTRO = ("即", "计", "为", "是", "金额", "合计", "共计", "总计", "约", "达")
# '各期比例系按金额占合同总价的比例四舍五入得出，应付金额以所列金额为准': the text says its
# instalment percentages are the amounts' shares rounded, and that the amounts govern
_AMOUNTS_GOVERN = re.compile("(?:金额|数额)为准")
_ROUNDED_SHARES = re.compile(r"(?:比例|百分比)[^。\n]{0,80}?(?:四舍五入|约数|近似)[^。\n]{0,60}$")
# an item of an instalment list, its label and a colon: '（3） 第3期（尾款）：…', '3. 第三期：…'
_INSTALMENT_ITEM = re.compile(
    r"\s*(?:[（(]\s*\d{1,3}\s*[）)]|\d{1,3}\s*[.、．])?\s*第\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*期"
    r"\s*(?:[（(][^（()）]{0,30}[）)])?\s*[：:]"
)


@dataclass(frozen=True)
class Declaration:
    """'合同总价为人民币X元': a total, where it is declared, and how sure the reading is."""

    passage: int
    start: int
    end: int
    value: Decimal
    currency: str
    approx: bool
    plain: bool  # the total word has no qualifier before it
    confirmed: bool  # its 大写 stands beside it and agrees


@dataclass
class Statement:
    """'合同总价的60%，即X元': a percentage of the total and the amount stated for it (if any)."""

    passage: int
    percent: Percentage
    base_start: int
    times: int  # '第二、三季度分别…20%' states it for 2 instalments
    cumulative: bool
    payment: bool
    instalment: bool
    stated: Figure | Capital | None
    stated_value: Decimal | None
    remainder: bool  # the sentence also speaks of a remainder (尾款, 剩余 …)


@dataclass
class AmountOnly:
    """'支付尾款，即X元': an instalment given by its amount alone."""

    passage: int
    figure: Figure


@dataclass
class Schedule:
    """The statements and instalments that belong to one declared total."""

    total: Declaration | None
    statements: list[Statement] = field(default_factory=list)
    amounts: list[AmountOnly] = field(default_factory=list)

    @property
    def instalments(self) -> list[Statement]:
        return [s for s in self.statements if s.instalment]


# a clause's number at the start of its line: '5.1　', '第五条 ', '（3） ', '3、'
_CLAUSE_NUMBER = re.compile(
    r"(?:^|\n)\s*(?:第[一二三四五六七八九十百\d]{1,6}[条款]|\d{1,3}(?:\.\d{1,3})*[.、．]?|[（(]\d{1,3}[）)])[\s\u3000]*$"
)


def _plain_before(text: str, start: int) -> bool:
    before = text[max(0, start - 2) : start]
    if not before or before[-1] in _BREAKS or before.endswith(_PLAIN_BEFORE):
        return True
    return _CLAUSE_NUMBER.search(text[max(0, start - 20) : start]) is not None or (
        _CLAUSE_NUMBER.fullmatch(text[:start]) is not None
    )


_REACH = 200  # how far a sentence is looked for around a figure: bounded, so that audit stays linear


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    floor, ceiling = max(0, start - _REACH), min(len(text), end + _REACH)
    a = max(floor - 1, *(text.rfind(ch, floor, start) for ch in "。；;\n")) + 1
    ends = [i for i in (text.find(ch, end, ceiling) for ch in "。；;\n") if i >= 0]
    return a, min(ends) if ends else ceiling


def _clause_start(text: str, position: int) -> int:
    floor = max(0, position - _REACH)
    return max(floor - 1, *(text.rfind(ch, floor, position) for ch in "，,。；;\n")) + 1


def _first_from(items: list[Figure | Capital], position: int) -> int:
    """Index of the first item starting at or after position (items are sorted by start)."""
    return bisect_left(items, position, key=lambda i: i.start)


def _item_value(passage: Passage, item: Figure | Capital) -> Decimal:
    if isinstance(item, Capital):
        pair = passage.pair_of(item)
        return pair.figure.value if pair and pair.figure.money and pair.figure.value == item.value else item.value
    return item.value


def _money_items(passage: Passage) -> list[Figure | Capital]:
    items: list[Figure | Capital] = [f for f in passage.figures if f.money and not f.per_unit]
    for capital in passage.capitals:
        pair = passage.pair_of(capital)
        if pair is None or not pair.figure.money:
            items.append(capital)  # a 大写 standing alone states the amount itself
    return sorted(items, key=lambda i: i.start)


def declarations(passages: list[Passage]) -> list[Declaration]:
    found = []
    for index, passage in enumerate(passages):
        if passage.table is not None:
            continue
        text = passage.text
        items = _money_items(passage)
        for m in _TOTAL_RE.finditer(text):
            at = _first_from(items, m.end())
            following = items[at] if at < len(items) else None
            if following is None or following.start - m.end() > 16:
                continue
            gap = text[m.end() : following.start]
            if any(word in gap for word in _NOT_A_DECLARATION):
                continue
            value = _item_value(passage, following)
            if value <= 0:
                continue
            pair = passage.pair_of(following)
            confirmed = pair is not None and pair.figure.value == pair.words.value
            approx = isinstance(following, Figure) and following.approx
            currency = following.currency if isinstance(following, Figure) else (following.currency or "CNY")
            found.append(
                Declaration(
                    index,
                    m.start(),
                    following.end,
                    value,
                    currency,
                    approx or "约" in gap,
                    _plain_before(text, m.start()),
                    confirmed,
                )
            )
    return found


def _base(text: str, start: int) -> tuple[int, bool] | None:
    """Where the total word before a percentage starts, and whether it is plain; None when the
    percentage is not of a total word ('管价的70%', '预付款总金额的30%' are not)."""
    j = start
    if text[max(0, j - 1) : j] == "的":
        j -= 1
    for word in _BY_LAST_CHARACTER.get(text[j - 1 : j], ()):
        if text.endswith(word, 0, j):
            return j - len(word), _plain_before(text, j - len(word))
    return None


def statements(passages: list[Passage]) -> list[Statement]:
    found = []
    for index, passage in enumerate(passages):
        if passage.table is not None:
            continue
        text = passage.text
        items = _money_items(passage)
        previous_end = 0
        for number, percent in enumerate(passage.percentages):
            base = _base(text, percent.start)
            span_start, previous_end = previous_end, percent.end
            if base is None or not base[1] or percent.value > 1000:
                continue
            base_start = base[0]
            s_start, s_end = _sentence(text, base_start, percent.end)
            sentence = text[s_start:s_end]
            clause = text[_clause_start(text, base_start) : s_end]
            cumulative = any(w in text[max(0, base_start - 6) : base_start] for w in _CUMULATIVE)
            limit = min(
                percent.end + 40,
                passage.percentages[number + 1].start if number + 1 < len(passage.percentages) else len(text),
                s_end,
            )
            stated = None
            for at in range(_first_from(items, percent.end), len(items)):
                item = items[at]
                if item.start >= limit:
                    break
                gap = text[percent.end : item.start]
                if gap.count("，") + gap.count(",") > 1 or _TOTAL_RE.search(gap):
                    break
                lead = re.sub(r"(人民币|（大写）|\(大写\)|大写|[：:（(【\[ ])+$", "", gap)
                if lead.endswith(_INTRO) or not lead:
                    stated = item
                break
            span = text[span_start : percent.start]
            times = span.count("、") + 1 if "分别" in span else 1
            payment = any(w in sentence for w in _PAYMENT)
            other = any(w in clause for w in _NOT_INSTALMENT) or "保证金" in clause.replace("质量保证金", "")
            rate = any(w in text[s_start : percent.start] for w in _RATE)
            found.append(
                Statement(
                    index,
                    percent,
                    base_start,
                    times,
                    cumulative,
                    payment,
                    payment and not (cumulative or other or rate),
                    stated,
                    _item_value(passage, stated) if stated is not None else None,
                    any(w in sentence for w in _REMAINDER),
                )
            )
    return found


def other_payment_percentages(passages: list[Passage]) -> list[int]:
    """Passages with a payment percentage of something other than the total ('结算价的60%',
    '管价的70%'): an instalment list beside them mixes bases, and its sum says nothing."""
    found = []
    for index, passage in enumerate(passages):
        if passage.table is not None:
            continue
        text = passage.text
        for percent in passage.percentages:
            base = _base(text, percent.start)
            if base is not None and base[1]:
                continue
            s_start, s_end = _sentence(text, percent.start, percent.end)
            sentence = text[s_start:s_end]
            if any(w in sentence for w in _PAYMENT) and not any(w in text[s_start : percent.start] for w in _RATE):
                found.append(index)
                break
    return found


def mentions_remainder(passage: Passage) -> bool:
    """Whether a passage speaks of a remainder (尾款, 余款, 剩余 …) to be paid."""
    return passage.table is None and any(w in passage.text for w in _REMAINDER)


def rounded_shares_declared(passages: list[Passage]) -> bool:
    """Whether the text says that its instalments' percentages are their amounts' shares rounded,
    the amounts governing: a percentage written with k decimals then agrees with an amount whose
    share of the total rounds (half up) to it at k decimals."""
    for passage in passages:
        if passage.table is not None:
            continue
        text = passage.text
        for m in _AMOUNTS_GOVERN.finditer(text):  # rare: the sentence before it is read only there
            if _ROUNDED_SHARES.search(text, max(0, m.start() - 150), m.start()):
                return True
    return False


def amount_only_instalments(passages: list[Passage], percents_at: set[int]) -> list[AmountOnly]:
    """'支付尾款，即X元' in a sentence with no percentage of the total, and an item of an instalment
    list that gives its amount alone ('（3） 第3期：验收合格后30日内，支付¥810,000.00')."""
    found = []
    for index, passage in enumerate(passages):
        if passage.table is not None or index in percents_at:
            continue
        text = passage.text
        item = _INSTALMENT_ITEM.match(text)
        for figure in passage.figures:
            if not figure.money or figure.per_unit:
                continue
            s_start, s_end = _sentence(text, figure.start, figure.end)
            sentence = text[s_start:s_end]
            if item and s_start == 0 and any(w in sentence for w in _PAYMENT):
                if not any(w in sentence for w in _NOT_INSTALMENT):
                    found.append(AmountOnly(index, figure))
                break  # the item's first amount is its instalment
            if "即" not in text[max(0, figure.start - 3) : figure.start] or not any(w in sentence for w in _PAYMENT):
                continue
            if any(w in sentence for w in _REMAINDER) and not any(w in sentence for w in _NOT_INSTALMENT):
                found.append(AmountOnly(index, figure))
    return found


def schedules(passages: list[Passage], totals: list[Declaration], found: list[Statement]) -> list[Schedule]:
    """Statements grouped under the total declared nearest before them (or the first one after)."""
    usable = [d for d in totals if d.plain] or totals
    percents_at = {s.passage for s in found}
    amounts = amount_only_instalments(passages, percents_at)
    groups: list[Schedule] = []
    by_total: dict[int, Schedule] = {}

    places = [(d.passage, d.end) for d in usable]

    def total_for(passage: int, position: int) -> Declaration | None:
        at = bisect_right(places, (passage, position))
        if at:
            return usable[at - 1]
        return usable[0] if usable else None

    def schedule_for(total: Declaration | None) -> Schedule:
        # one schedule per value declared in a row: the same total repeated keeps its schedule
        key = -1 if total is None else id(total)
        if key not in by_total:
            if groups and total is not None and groups[-1].total is not None and groups[-1].total.value == total.value:
                by_total[key] = groups[-1]
            else:
                by_total[key] = Schedule(total)
                groups.append(by_total[key])
        return by_total[key]

    entries: list[tuple[int, int, Statement | AmountOnly]] = [(s.passage, s.percent.start, s) for s in found]
    entries += [(a.passage, a.figure.start, a) for a in amounts]
    for passage, position, entry in sorted(entries, key=lambda e: (e[0], e[1])):
        schedule = schedule_for(total_for(passage, position))
        if isinstance(entry, Statement):
            schedule.statements.append(entry)
        else:
            schedule.amounts.append(entry)
    return groups


def together(indices: list[int]) -> bool:
    """Written together: in one passage or in passages that follow one another."""
    ordered = sorted(set(indices))
    return all(b - a <= 1 for a, b in zip(ordered, ordered[1:], strict=False))


def share_of(total: Decimal, percent: Decimal) -> Decimal:
    return total * percent / 100


def describe_total(total: Declaration) -> str:
    return format_yuan(round_fen(total.value))
