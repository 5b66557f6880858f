"""Passages and pairs: which figure a 大写 (or English amount in words) is written for.

A passage is what audit reads as one piece of text: a table row, or a paragraph or line together
with the lines it runs on into (a 大写 or its figure broken over a line end). A 大写 is paired with
the figure it stands beside with only labels and brackets between them ('450,000.00元（大写：…）',
'（大写）壹拾贰万元整（¥120,000.00）', '1,000元至8,000元（大写：壹仟元整至捌仟元整）'), never with a
figure that another 大写 stands between. Pure.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from .audit_text import (
    CAPITAL_DIGITS,
    Capital,
    Figure,
    Normal,
    Percentage,
    Words,
    capitals,
    english_amounts,
    figures,
    normalize,
    percentages,
)

# What may stand between an amount and its 大写: labels, brackets, the currency, a colon.
_CONNECTOR = re.compile(
    r"(?:[\s（）()【】\[\]：:，,、|“”\"'<>《》]|大写金额|金额大写|大写|小写金额|小写|金额|人民币|币种|RMB|CNY|¥|即|为|计|是|含增值税|含税价|含税|"
    r"say|in words|in figures|namely|i\.e\.)*+",
    re.IGNORECASE,
)
_LIST_JOINS = ("至", "到", "~", "～", "-", "—", "－", "、", "或", "和", "及", "以及")
_TERMINAL = tuple("。；;！!？?")
_RUN_ON_TAIL = (
    "人民币",
    "大写",
    "小写",
    "（",
    "(",
    "【",
    "¥",
    "￥",
    "：",
    ":",
    "为",
    "即",
    "计",
    "约",
    "元",
    "币",
    "RMB",
)
_RUN_ON_HEAD = ("人民币", "大写", "小写", "万元", "亿元", "元", "（", "(", "【", "¥", "￥", "RMB")
_CAPITAL_CHARS = CAPITAL_DIGITS + "零拾佰仟万亿元圆角分整正"


def runs_on(previous: str, following: str) -> bool:
    """Whether a line is cut in the middle of an amount or between an amount and its 大写: it
    ends without a full stop at a 大写 character, a digit or a label, and the next begins with one."""
    tail, head = previous.rstrip(), following.lstrip()
    if not tail or not head or tail.endswith(_TERMINAL):
        return False
    tail_ok = tail[-1] in _CAPITAL_CHARS or tail[-1].isdigit() or tail.endswith(_RUN_ON_TAIL)
    head_ok = head[0] in _CAPITAL_CHARS or head[0].isdigit() or head.startswith(_RUN_ON_HEAD)
    return tail_ok and head_ok


@dataclass(frozen=True)
class Pair:
    """A 大写 (or words) and the figure written for it; tight when only labels stand between."""

    words: Capital | Words
    figure: Figure
    tight: bool


@dataclass
class Passage:
    """Text read as one piece: one table row, or consecutive lines that run on into each other."""

    units: list[int]  # indices of the units it is made of
    starts: list[int]  # where each unit's text starts in source
    normal: Normal
    table: int | None = None
    figures: list[Figure] = field(default_factory=list)
    capitals: list[Capital] = field(default_factory=list)
    words: list[Words] = field(default_factory=list)
    percentages: list[Percentage] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    _pair_index: dict[int, Pair] = field(default_factory=dict, repr=False)

    @property
    def text(self) -> str:
        return self.normal.text

    def locate(self, position: int) -> tuple[int, int]:
        """(unit index, offset in that unit's text) of a position in the normalised text."""
        source = self.normal.origin[min(position, len(self.normal.origin) - 1)]
        k = max(0, bisect_right(self.starts, source) - 1)
        return self.units[k], source - self.starts[k]

    def quote(self, start: int, end: int) -> str:
        return self.normal.quote(start, end)

    def pair_of(self, item: Capital | Words | Figure) -> Pair | None:
        if len(self._pair_index) != 2 * len(self.pairs):
            self._pair_index = {id(p.words): p for p in self.pairs} | {id(p.figure): p for p in self.pairs}
        return self._pair_index.get(id(item))


def make_passage(units: list[int], texts: list[str], table: int | None = None) -> Passage:
    source = "\n".join(texts)
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    normal = normalize(source)
    passage = Passage(units, starts, normal, table)
    text = normal.text
    passage.figures = figures(text)
    passage.capitals = capitals(text)
    passage.words = english_amounts(text)
    passage.percentages = percentages(text)
    return passage


def _bare_in_brackets(text: str, figure: Figure, opening_before: bool) -> bool:
    """A number with no currency is a figure only when bracketed right beside a 大写 and written
    like an amount (thousands separators or decimals): '捌仟万元整（88,900,000.00）'."""
    number = text[figure.number_start : figure.end]
    looks_like_money = "," in number or "." in number
    closes = text[figure.end : figure.end + 1] in ("）", ")")
    opens = text[max(0, figure.start - 1) : figure.start] in ("（", "(")
    return looks_like_money and closes and (opens or not opening_before)


def _gap_kind(gap: str) -> str | None:
    """'tight' when only labels and brackets stand between, 'loose' when a short phrase with a
    大写 label does, else None."""
    if len(gap) <= 16 and _CONNECTOR.fullmatch(gap):
        return "tight"
    if len(gap) <= 16 and ("大写" in gap or "小写" in gap) and not any(ch in gap for ch in "。；;"):
        return "loose"
    return None


def _list_groups(items: list[Figure | Capital | Words], text: str, kind: type) -> list[list[int]]:
    """Runs of items of one kind joined by 至 / 、 / 或 …: a range or a list written together."""
    groups: list[list[int]] = []
    for index, item in enumerate(items):
        if not isinstance(item, kind):
            continue
        previous = groups[-1][-1] if groups else None
        if previous is not None and previous == index - 1 and text[items[previous].end : item.start] in _LIST_JOINS:
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def _before_remark(items: list[Figure | Capital | Words], index: int, text: str) -> Figure | None:
    """The figure before a bracketed remark that ends right before items[index], when only
    labels stand between it and the remark."""
    if index < 2 or not isinstance(items[index - 2], Figure):
        return None
    outer, inner = items[index - 2], items[index - 1]
    opening = max(text.rfind("（", outer.end, inner.start), text.rfind("(", outer.end, inner.start))
    closing = text[inner.end : items[index].start]
    if opening < 0 or closing[:1] not in ("）", ")"):
        return None
    assert isinstance(outer, Figure)
    gap = text[outer.end : opening] + closing[1:]
    return outer if _gap_kind(gap) == "tight" else None


def pair_up(passage: Passage, money_cells: list[tuple[int, int]] = ()) -> None:  # type: ignore[assignment]
    """Pair each 大写 and English amount with its figure (passage.pairs).

    money_cells: spans of table cells whose column holds amounts, where a bare number is money."""
    text = passage.text
    money = []
    for f in passage.figures:
        in_money_cell = any(a <= f.number_start < b for a, b in money_cells)
        if f.money or in_money_cell:
            money.append(f)
        elif f.places or "," in text[f.number_start : f.end]:
            money.append(f)  # bare: kept only if bracketed beside a 大写 (below)
    words: list[Capital | Words] = [*passage.capitals, *passage.words]
    items: list[Figure | Capital | Words] = sorted([*money, *words], key=lambda i: (i.start, i.end))
    bare = {id(f) for f in money if not f.money and not any(a <= f.number_start < b for a, b in money_cells)}
    used: set[int] = set()
    pairs: list[Pair] = []

    def usable(figure: Figure, words_item: Capital | Words, figure_first: bool) -> bool:
        if id(figure) in used or figure.per_unit:
            return False
        if id(figure) in bare:
            return isinstance(words_item, Capital) and _bare_in_brackets(text, figure, not figure_first)
        return True

    # ranges and lists: '1,000元至8,000元（大写：壹仟元整至捌仟元整）' pairs in order
    figure_groups = [g for g in _list_groups(items, text, Figure) if len(g) >= 2]
    word_groups = [g for g in (*_list_groups(items, text, Capital), *_list_groups(items, text, Words)) if len(g) >= 2]
    for fg in figure_groups:
        for wg in word_groups:
            if len(fg) != len(wg):
                continue
            first, second = (fg, wg) if fg[-1] + 1 == wg[0] else (wg, fg) if wg[-1] + 1 == fg[0] else (None, None)
            if first is None or second is None:
                continue
            if _gap_kind(text[items[first[-1]].end : items[second[0]].start]) != "tight":
                continue
            for fi, wi in zip(fg, wg, strict=True):
                figure, words_item = items[fi], items[wi]
                assert isinstance(figure, Figure) and not isinstance(words_item, Figure)
                if id(figure) not in used and id(words_item) not in used:
                    pairs.append(Pair(words_item, figure, True))
                    used.update((id(figure), id(words_item)))

    for index, item in enumerate(items):
        if isinstance(item, Figure) or id(item) in used:
            continue
        candidates: list[tuple[int, Figure, str]] = []  # (preference, figure, kind)
        if index > 0 and isinstance(items[index - 1], Figure):
            previous = items[index - 1]
            assert isinstance(previous, Figure)
            gap = text[previous.end : item.start]
            kind = _gap_kind(gap)
            if (
                kind == "tight"
                and gap[:1] in ("）", ")")
                and text[max(0, previous.start - 1) : previous.start] not in "（("
            ):
                # '45,600元（其中易损件12,000元）（大写：…）': the figure before closed a remark; the
                # 大写 is written for the figure before the remark
                outer = _before_remark(items, index, text)
                if outer is not None and usable(outer, item, True):
                    candidates.append((0, outer, "tight"))
                kind = "loose"
            if kind and usable(previous, item, True):
                inside = any(b in gap for b in "（(【[") and text[item.end : item.end + 1] in ("）", ")", "】", "]")
                candidates.append((0 if inside else 2, previous, kind))
        if index + 1 < len(items) and isinstance(items[index + 1], Figure):
            following = items[index + 1]
            assert isinstance(following, Figure)
            gap = text[item.end : following.start]
            kind = _gap_kind(gap)
            if kind and usable(following, item, False):
                inside = gap.rstrip("¥：:").endswith(("（", "(", "【", "["))
                candidates.append((1 if inside else 3, following, kind))
        if not candidates:
            continue
        candidates.sort(key=lambda c: (c[2] != "tight", c[0]))
        _, figure, kind = candidates[0]
        pairs.append(Pair(item, figure, kind == "tight"))
        used.update((id(figure), id(item)))
    passage.pairs = sorted(pairs, key=lambda p: p.words.start)


def agree(pair: Pair) -> tuple[str, str] | None:
    """None when a 大写 and its figure say the same amount, else (severity, why not).

    A figure in 万元 or 亿元 shows the amount to its last decimal ('3,852.11万元' beside
    叁仟捌佰伍拾贰万壹仟壹佰叁拾元柒角 agrees); so does '约' within one step of the last digit."""
    figure, words = pair.figure, pair.words
    capital_currency = words.currency if isinstance(words, Capital) else "CNY"
    if capital_currency and figure.currency and capital_currency != figure.currency:
        return ("warning", f"the figure is in {figure.currency} but the amount in words in {capital_currency}")
    stated, written = figure.value, words.value
    if stated == written:
        return None
    step = figure.quantum if figure.money else Decimal("0.01")
    difference = abs(stated - written)
    if figure.approx and difference <= step:
        return None
    if difference * 2 < step:  # 3.5亿元 stands for [3.45亿, 3.55亿): rounded half up
        if figure.multiplier > 1:
            return None  # 3,852.11万元: rounded to the 万元 decimals shown
        return ("warning", "the figure is rounded; the amount in words is exact")
    return ("error" if pair.tight else "warning", "")
