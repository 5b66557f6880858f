"""Values as words in one language: money, percentages, dates, numbers, enum values and spec text, from labels.yaml."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from ..domain.money import Amount, Percent, plain_decimal
from ..errors import RenderError
from ..spec.model import Blank, Text
from .labels import OVERRIDABLE, Labels
from .markup import unmark

# Numeral systems, not wording: Chinese article numbers and counts are written in these digits.
_CN_DIGITS = "零一二三四五六七八九"
_CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"


def cn_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 35 -> 三十五 (for 第N条; n < 100)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN_DIGITS[ones]
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def cn_count(n: int) -> str:
    """Counts in capital figures as contracts write them: 8 -> 捌, 12 -> 壹拾贰 (n < 100)."""
    tens, ones = divmod(int(n), 10)
    if tens == 0:
        return _CAPITAL_DIGITS[ones]
    return _CAPITAL_DIGITS[tens] + "拾" + (_CAPITAL_DIGITS[ones] if ones else "")


class Wording:
    """How one language (zh or en) writes each kind of value; collects English that fell back to Chinese."""

    def __init__(self, labels: Labels, lang: str, own: Mapping[str, Text] | None = None):
        self.labels = labels
        self.lang = lang
        self.own = own or {}  # the spec's words for labels (output.labels), by dotted key
        self.untranslated: dict[str, None] = {}  # spec paths, in the order first printed

    def text(self, value: Text | Blank) -> str:
        """Spec text in this language; English falls back to the Chinese (and is recorded); a blank
        is a line to write on."""
        if isinstance(value, Blank):
            return self.fixed("blank")
        if self.lang == "en":
            if value.en:
                return unmark(value.en)
            self.untranslated.setdefault(value.path or "(unnamed)", None)
        return unmark(value.zh)  # spec text never carries the renderer's literal marks

    def label(self, group: str, key: str) -> str:
        """The words for an enum value, e.g. label('due_event', 'signing') -> 本合同签订, or for a
        label a clause shares with the fixed pages (party_fields.bank): the spec's words if it gives them."""
        entries = self.labels.group(group)
        if entries is None and f"{group}.{key}" in OVERRIDABLE:  # a plain label, not an enum's
            return self.fixed(f"{group}.{key}")
        if entries is None or not isinstance(entries.get(key), dict) or self.lang not in entries[key]:
            raise RenderError(f"no label {group}.{key}")
        return str(entries[key][self.lang])

    def fixed(self, key: str) -> str:
        """A label: the spec's words for it (output.labels), else labels.yaml's."""
        standard = self.labels.text(key, self.lang)  # read even when reworded: only declared keys are
        return self._own(key) if key in self.own else standard

    def format(self, key: str, **values: object) -> str:
        """A label with its placeholders filled (the spec's words for it, else labels.yaml's)."""
        return self.labels.format(key, self.lang, self._own(key) if key in self.own else None, **values)

    def headers(self, table: str) -> dict[str, str]:
        """A table's column headers by column name (labels.yaml tables.<table>, each the spec's words
        for it if output.labels gives them)."""
        names = self.labels.columns(table)
        standard = self.labels.texts(f"tables.{table}", self.lang)
        keys = [f"tables.{table}.{name}" for name in names]
        return {
            name: self._own(key) if key in self.own else header
            for name, key, header in zip(names, keys, standard, strict=True)
        }

    def _own(self, key: str) -> str:
        """The spec's words for a label, with the spaces labels.yaml's words start and end with (the
        spec's text is read stripped; "Date: " joins the date that follows)."""
        standard = self.labels.standard(key, self.lang)
        lead, trail = len(standard) - len(standard.lstrip()), len(standard) - len(standard.rstrip())
        return standard[:lead] + self.text(self.own[key]) + standard[len(standard) - trail :]

    def yuan(self, amount: Amount) -> str:
        return self.format("money.figures", digits=amount.digits)

    def words(self, amount: Amount) -> str:
        return self.format("money.words", words=amount.words_zh if self.lang == "zh" else amount.words_en)

    def money(self, amount: Amount) -> str:
        """Figures and words together: ¥982,000.00（大写：人民币玖拾捌万贰仟元整）."""
        return self.format("money.both", figures=self.yuan(amount), words=self.words(amount))

    def per_unit(self, amount: Amount, unit: str) -> str:
        """A unit price: 3,000.00元/席/月, RMB 3,000.00 per seat per month; ¥120.00/小时 for a bare unit."""
        if unit.startswith(self.fixed("money.unit_word")):
            return self.format("money.per_unit", digits=amount.digits, unit=unit)
        return self.format("money.per_other_unit", figures=self.yuan(amount), unit=unit)

    def pct(self, value: Percent) -> str:
        return self.format("percent.exact" if value.exact else "percent.approximate", value=value.display)

    def whole_percent(self) -> str:
        """The share of a total row: 100%."""
        return self.format("percent.exact", value="100")

    def date(self, value: dt.date | Blank) -> str:
        """2025年11月6日 / 6 November 2025; a blank date is a line to write on."""
        if isinstance(value, Blank):
            return self.fixed("blank")
        month = self.labels.texts("months", self.lang)[value.month - 1]
        return self.format("date", year=value.year, month=month, day=value.day)

    def month(self, value: dt.date) -> str:
        """The month of a date: 2025年11月 / November 2025."""
        month = self.labels.texts("months", self.lang)[value.month - 1]
        return self.format("month", year=value.year, month=month)

    def count(self, n: int) -> str:
        """A count of copies: 捌 in Chinese, 8 in English."""
        return cn_count(n) if self.lang == "zh" else str(n)

    def article(self, n: int) -> str:
        """第六条 / Article 6."""
        return self.format("article", n=cn_numeral(n) if self.lang == "zh" else n)

    def heading(self, n: int, title: str) -> str:
        return self.format("heading", article=self.article(n), title=title)

    def subclause_number(self, article: int | None, n: int) -> str:
        if article is None:
            return self.format("numbering.annex_subclause", n=n)
        return self.format("numbering.subclause", article=article, n=n)

    def item_number(self, n: int) -> str:
        return self.format("numbering.item", n=n)

    def code(self, value: str | Blank) -> str:
        """An identifier as written, or a line to write on."""
        return self.fixed("blank") if isinstance(value, Blank) else value

    def field(self, name: str, value: str) -> str:
        """A labelled value: 开户银行：… / Bank: …"""
        return self.format("field", name=name, value=value)

    def join(self, parts: list[str]) -> str:
        return self.fixed("list_separator").join(parts)

    def instalment(self, n: int) -> str:
        return self.format("instalment", n=n)

    def instalment_list(self, numbers: list[int]) -> str:
        """Instalments named together: 第1期, 第1、2期, 第1、2、3期 / Instalment 1, Instalments 1 and 2."""
        if len(numbers) == 1:
            return self.instalment(numbers[0])
        separator = self.fixed("number_separator")
        return self.format("instalments", numbers=separator.join(str(n) for n in numbers[:-1]), last=numbers[-1])

    def minutes(self, n: int) -> str:
        return self.format("minutes", n=n)

    def score_range(self, low: Decimal, high: Decimal | None) -> str:
        """The scores of a band: 80分（含）以上, 60分以下, 60分（含）至80分（不含）."""
        if high is None:
            return self.format("score_band.top", low=plain_decimal(low))
        if low == 0:
            return self.format("score_band.bottom", high=plain_decimal(high))
        return self.format("score_band.middle", low=plain_decimal(low), high=plain_decimal(high))
