"""Reading amounts in text written by anyone: figures, 大写, English amounts in words, percentages.

Owns the normalisation audit reads through (full-width forms, spaces and line breaks inside a
figure or a 大写) and every pattern it matches. Each pattern runs in linear time: unbounded
repeats are possessive, and a pattern that starts with a run (digits) has a lookbehind so that it
can only start where the run starts; everything else is read from bounded windows. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..domain.money import MAX_AMOUNT, read_rmb_words, rmb_words_problems

# --- normalisation ------------------------------------------------------------------------------

_FULL_WIDTH: dict[int, str] = {ord("０") + i: chr(ord("0") + i) for i in range(10)}
_FULL_WIDTH.update({ord("Ａ") + i: chr(ord("A") + i) for i in range(26)})
_FULL_WIDTH.update({ord("ａ") + i: chr(ord("a") + i) for i in range(26)})
_FULL_WIDTH.update({ord("％"): "%", ord("￥"): "¥", ord("＄"): "$"})


@dataclass(frozen=True)
class Normal:
    """Text as audit reads it, with where each character came from.

    origin[i] is the index in the source of text[i] (origin has one more entry, the source length,
    so that a span's end maps too)."""

    text: str
    origin: tuple[int, ...]
    source: str

    def quote(self, start: int, end: int) -> str:
        """The source text of a span of the normalised text, as the reader wrote it."""
        if end <= start:
            return ""
        a, b = self.origin[start], self.origin[end - 1] + 1
        return " ".join(self.source[a:b].split()) if "\n" in self.source[a:b] else self.source[a:b]


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def normalize(source: str) -> Normal:
    """Full-width digits, letters, ％ and ￥ made ASCII; a run of spaces or line breaks dropped
    unless it separates two ASCII letters or digits (where it stays as one space), so that
    '捌万 元整', '1250 万 元' and a 大写 broken over two lines read as written to be read."""
    translated = source.translate(_FULL_WIDTH)
    out: list[str] = []
    origin: list[int] = []
    i, n = 0, len(translated)
    while i < n:
        ch = translated[i]
        if ch.isspace():
            j = i
            while j < n and translated[j].isspace():
                j += 1
            if out and j < n and _ascii_alnum(out[-1]) and _ascii_alnum(translated[j]):
                out.append(" ")
                origin.append(i)
            i = j
            continue
        if ch == "．":  # a full-width full stop is a decimal point only between digits
            ch = "." if out and out[-1].isdigit() and i + 1 < n and translated[i + 1].isdigit() else "。"
        out.append(ch)
        origin.append(i)
        i += 1
    origin.append(len(source))
    return Normal("".join(out), tuple(origin), source)


# --- figures ------------------------------------------------------------------------------------

# A number starts where a run of digits starts (the lookbehind), so a failed match inside a long
# run costs nothing; thousands separators may be full-width commas ('8，600元').
NUMBER = re.compile(r"(?<![\d.,])(?<!\d，)(?:\d{1,3}(?:[,，]\d{3})++(?!\d)|\d++)(?:\.\d++)?")
CURRENCIES = {
    "人民币": "CNY", "RMB": "CNY", "CNY": "CNY", "¥": "CNY", "元": "CNY", "圆": "CNY", "YUAN": "CNY",
    "USD": "USD", "US$": "USD", "$": "USD", "美元": "USD",
    "EUR": "EUR", "€": "EUR", "欧元": "EUR",
    "HKD": "HKD", "HK$": "HKD", "港币": "HKD", "港元": "HKD",
    "JPY": "JPY", "日元": "JPY", "GBP": "GBP", "£": "GBP", "英镑": "GBP",
}  # fmt: skip
_CURRENCY_WORDS = "|".join(re.escape(c) for c in sorted(set(CURRENCIES) - {"元", "圆", "YUAN"}, key=len, reverse=True))
# What may stand before a number: a currency, then a colon, a bracket (¥【982000】元).
_PREFIX = re.compile(rf"(?P<cur>{_CURRENCY_WORDS})\s?(?:[：:])?(?:[【\[（(])?$", re.IGNORECASE)
_SUFFIX = re.compile(
    r"(?:[】\]])?\s?(?P<mult>千万|百万|万|亿|千)?"
    r"(?P<cur>元人民币|人民币|元|圆|美元|欧元|港元|港币|日元|英镑|yuan(?![A-Za-z])|RMB(?![A-Za-z]))?",
    re.IGNORECASE,
)
_BRACKETED_UNIT = re.compile(r"[（(](?P<mult>万|亿)?(?P<cur>元)[）)]")
_MULTIPLIERS = {"": 1, "千": 10**3, "万": 10**4, "百万": 10**6, "千万": 10**7, "亿": 10**8}
_APPROX = ("约", "大约", "近", "逾", "超过", "不超过", "不低于", "不少于", "约合", "约为", "估算")
FIGURE_LIMIT = Decimal(10) ** 15


@dataclass(frozen=True)
class Figure:
    """A number in the text: a sum of money when it has a currency or 元, else a bare number."""

    start: int  # normalised text, including the currency and the unit
    end: int
    number_start: int
    value: Decimal  # in the currency's unit (万元 figures multiplied out)
    currency: str  # 'CNY', 'USD', …; '' for a bare number
    multiplier: int  # 1, 10**4 (万元), 10**8 (亿元)
    places: int  # decimals written
    approx: bool  # 约, 超过 … before it
    per_unit: bool  # 元/月, 元/W: a rate, not a sum

    @property
    def money(self) -> bool:
        return bool(self.currency)

    @property
    def quantum(self) -> Decimal:
        """The smallest step the figure as written can show (0.01 for ¥1.23, 100 for 1.23万元)."""
        return Decimal(self.multiplier) / Decimal(10) ** self.places


def _number_value(digits: str) -> Decimal | None:
    if len(digits) > 24:
        return None  # a digit string, not an amount anyone writes
    try:
        value = Decimal(digits.replace(",", "").replace("，", ""))
    except InvalidOperation:
        return None
    return value if value < FIGURE_LIMIT else None


def _currency_code(word: str) -> str:
    return CURRENCIES.get(word.upper() if word.isascii() else word.removeprefix("元") or word, "CNY")


def figures(text: str) -> list[Figure]:
    """Every number with what stands around it, in order."""
    found = []
    for m in NUMBER.finditer(text):
        value = _number_value(m.group(0))
        if value is None:
            continue
        after = text[m.end() : m.end() + 12]
        if after[:1] in ("%", "‰"):
            continue
        before = text[max(0, m.start() - 12) : m.start()]
        prefix = _PREFIX.search(before)
        suffix = _SUFFIX.match(after)
        assert suffix is not None  # every part of it is optional
        if not suffix.group(0) and (bracketed := _BRACKETED_UNIT.match(after)):
            suffix = bracketed  # '2,965,000.00（元）
        suffix_word = suffix.group("cur") or ""
        currency = _currency_code(prefix.group("cur")) if prefix else ""
        if suffix_word and currency in ("", "CNY"):
            currency = _currency_code(suffix_word)
        tail = after[suffix.end() : suffix.end() + 6]
        if not currency and suffix.group("mult") in ("万", "亿") and tail[:1] in "（(，," and "大写" in tail:
            currency = "CNY"  # '10.5亿（大写：壹拾亿伍仟万元整）': its 大写 says it is money
        if currency and (suffix_word or suffix.group("mult")):
            end, mult_word = m.end() + suffix.end(), suffix.group("mult") or ""
        else:
            # '3万吨', '1.2亿人次': not money, and the 万 multiplies nothing
            end, mult_word = m.end() + (1 if after[:1] in "】]" and currency else 0), ""
        lead = before[: len(before) - len(prefix.group(0))] if prefix else before
        multiplier = _MULTIPLIERS[mult_word]
        found.append(
            Figure(
                start=m.start() - len(prefix.group(0)) if prefix else m.start(),
                end=end,
                number_start=m.start(),
                value=value * multiplier,
                currency=currency,
                multiplier=multiplier,
                places=len(m.group(0).partition(".")[2]),
                approx=lead.endswith(_APPROX),
                per_unit=text[end : end + 1] in ("/", "／"),
            )
        )
    return found


# --- 大写 ---------------------------------------------------------------------------------------

CAPITAL_DIGITS = "壹贰叁肆伍陆柒捌玖貳參叄陸"
LOWER_DIGITS = "〇一二两三四五六七八九十百千"
# Look-alike characters typed for a capital digit (染 for 柒): read as meant, reported as wrong.
TYPOS = {"染": "柒", "肄": "肆", "什": "仟", "伯": "佰", "念": "贰拾", "参": "叁", "园": "圆", "貮": "贰"}
# Variants PBOC accepts when reading (《正确填写票据和结算凭证的基本规定》: 貳 陸 億 萬 圓 …).
_ACCEPTED = str.maketrans({"叄": "叁"})
_RUN_CHARS = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆角分整正貳參叄陸萬億圓" + LOWER_DIGITS + "毛另" + "".join(TYPOS)
CAPITAL_RUN = re.compile(f"[{_RUN_CHARS}]++")
_UNIT_FIRST = "元圆圓角分整正万萬亿億毛"
_DIGIT_CHARS = "零壹贰叁肆伍陆柒捌玖貳參叄陸〇一二两三四五六七八九另" + "".join(TYPOS)
_MONEY_UNITS = "元圆圓角分"
_MEASURE_WORDS = "个股份年月日天周次人台套件项吨米亩张部集期条款页名位家座栋辆只篇册户"
_FOREIGN_AFTER = re.compile("(美元|欧元|港元|港币|日元|英镑)[整正]?")
CAPITAL_LIMIT = 40  # 玖仟玖佰玖拾玖亿…玖角玖分 is 28 characters; longer runs are not one amount


@dataclass(frozen=True)
class Capital:
    """An amount in 大写 and what is wrong with its form (severity, message)."""

    start: int
    end: int
    text: str  # as written (normalised), the amount only
    value: Decimal
    currency: str  # from the word before it (人民币, 美元 …); '' when none is written
    problems: tuple[tuple[str, str], ...]
    labelled: bool  # 大写 written just before it


_CURRENCY_WORD = re.compile(
    "|".join(
        re.escape(w) for w in sorted(set(CURRENCIES) - {"元", "圆", "YUAN", "$", "£", "€", "¥"}, key=len, reverse=True)
    ),
    re.IGNORECASE,
)


def _label_before(text: str, start: int) -> tuple[bool, str]:
    """Whether 大写 labels the amount at start, and the currency word written just before it
    ('人民币（大写）', '（大写：欧元' …)."""
    lead = text[max(0, start - 8) : start]
    words = _CURRENCY_WORD.findall(lead)
    currency = CURRENCIES[words[-1].upper() if words[-1].isascii() else words[-1]] if words else ""
    return "大写" in lead, currency


def _split_run(start: int, run: str) -> list[tuple[int, str]]:
    """The amounts in a run of capital characters: each ends at 整/正, else at its last 分 or 角
    written after a digit, else at its last 元; none starts with a unit. So '伍万元整一次性' gives
    伍万元整, and '伍万元分两次' gives 伍万元 (分 there divides, it is no 分 of money)."""
    pieces = []
    for m in re.finditer("[^整正]*+[整正]?", run):
        if not m.group(0):
            continue
        piece, piece_start = m.group(0), start + m.start()
        offset = 0
        while offset < len(piece) and piece[offset] in _UNIT_FIRST:
            offset += 1
        piece, piece_start = piece[offset:], piece_start + offset
        if not piece:
            continue
        if piece[-1] not in "整正":
            piece = _up_to_last_unit(piece)
        pieces.append((piece_start, piece))
    return pieces


def _up_to_last_unit(piece: str) -> str:
    for enders in ("分角", "元圆圓"):
        for i in range(len(piece) - 1, -1, -1):
            if piece[i] in enders and (enders == "元圆圓" or (i > 0 and piece[i - 1] in _DIGIT_CHARS)):
                return piece[: i + 1]
    return piece


def capital_problems(written: str) -> tuple[Decimal, list[tuple[str, str]]]:
    """The value of a 大写 and what breaks PBOC's rules in it (all errors: a form PBOC rejects)."""
    problems: list[tuple[str, str]] = []
    typos = [ch for ch in dict.fromkeys(written) if ch in TYPOS]
    corrected = written.translate(_ACCEPTED)
    for ch in typos:
        corrected = corrected.replace(ch, TYPOS[ch])
    value, found = rmb_words_problems(corrected)
    if typos:
        problems.append(("error", "wrong character " + ", ".join(f"{ch} (write {TYPOS[ch]})" for ch in typos)))
    problems += [("error", p) for p in found]
    return value, problems


def capitals(text: str) -> list[Capital]:
    """大写 amounts in order: runs of capital characters with 元/角/分 and a capital digit, or
    lower-case digits where the writer plainly meant 大写 (after 大写, or ending in 整), or a
    大写 with no 元 at all after 大写/人民币."""
    found = []
    for m in CAPITAL_RUN.finditer(text):
        if m.end() - m.start() < 2:
            continue  # one character is never an amount
        for start, piece in _split_run(m.start(), m.group(0)):
            capital = _capital(text, start, piece)
            if capital is not None:
                found.append(capital)
    return found


def _capital(text: str, start: int, piece: str) -> Capital | None:
    if len(piece) > CAPITAL_LIMIT:
        return None
    end = start + len(piece)
    labelled, currency = _label_before(text, start)
    # 拾佰仟 are never written in lower-case text, so they mark 大写 as surely as 壹…玖 do
    has_capital = any(ch in CAPITAL_DIGITS or ch in TYPOS or ch in "拾佰仟" for ch in piece)
    has_lower = any(ch in LOWER_DIGITS for ch in piece)
    has_unit = any(TYPOS.get(ch, ch) in _MONEY_UNITS for ch in piece)
    ends_whole = piece[-1] in "整正"
    after = text[end : end + 6]
    if not has_unit and has_capital and (foreign := _FOREIGN_AFTER.match(after)):
        # '贰拾万美元整': a foreign currency written where 元 would be; PBOC's forms are for RMB
        value = read_rmb_words(piece + "元")
        return Capital(start, end + foreign.end(), piece, value, CURRENCIES[foreign.group(1)], (), labelled)
    if not has_unit:
        # 大写 with no 元 ('…肆仟伍佰人民币', '伍万整'): only where money is plainly meant.
        big = sum(ch in "拾佰仟万亿萬億" for ch in piece)
        money_context = (
            labelled
            or text[max(0, start - 3) : start].endswith("人民币")
            or after.startswith(("人民币", "(人民币", "（人民币"))
        )
        measured = bool(after) and after[0] in _MEASURE_WORDS and not after.startswith("人民币")
        whole = ends_whole and any(c in "万亿萬億" for c in piece)  # '伍万整'
        if not (has_capital and ((big >= 2 and money_context) or whole)) or measured:
            return None
        value = read_rmb_words(piece.rstrip("整正") + "元")
        return Capital(start, end, piece, value, currency, (("error", "no 元 after the amount (…元整)"),), labelled)
    if not has_capital and piece != "零元整" and not (has_lower and (labelled or ends_whole)):
        return None  # 三角, 十分, 一万元 in running text: not 大写
    if len(piece) <= 2 and not (labelled or ends_whole):
        return None  # 陆元, 伍角 standing alone: as likely part of a name (登陆元…) as money
    if ends_whole is False and piece[-1] in "元圆圓" and after.startswith(("人民币整", "人民币正")):
        # '…元人民币整': the 整 is written, after the currency
        checked = piece + "整"
        end += len("人民币整")
    else:
        checked = piece
    if read_rmb_words(checked.translate(_ACCEPTED)) > MAX_AMOUNT:
        return None  # beyond what anyone writes in 大写 here; not checked
    value, problems = capital_problems(checked)
    return Capital(start, end, piece, value, currency, tuple(problems), labelled)


# --- English amounts in words -------------------------------------------------------------------

_EN_ONES = {
    w: i
    for i, w in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    )
}  # fmt: skip
_EN_TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
}
_EN_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
_EN_WORDS = [*_EN_ONES, *_EN_TENS, "hundred", *_EN_SCALES, "and", "yuan", "jiao", "fen", "only", "cents", "cent"]
EN_RUN = re.compile(
    r"(?<![A-Za-z])(?:(?:" + "|".join(sorted(_EN_WORDS, key=len, reverse=True)) + r")(?![A-Za-z])[ ,-]*+)++",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Words:
    """An English amount in words ('Two Million Yuan Six Jiao')."""

    start: int
    end: int
    text: str
    value: Decimal


def _english_value(words: list[str]) -> Decimal | None:
    total = current = 0
    yuan: int | None = None
    jiao = fen = 0
    pending: int | None = None
    seen_number = False
    for word in words:
        if word in _EN_ONES or word in _EN_TENS:
            current += _EN_ONES.get(word, 0) + _EN_TENS.get(word, 0)
            pending = current
            seen_number = True
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _EN_SCALES:
            total += (current or 1) * _EN_SCALES[word]
            current = 0
        elif word == "yuan":
            if yuan is not None:
                return None
            yuan, total, current, pending = total + current, 0, 0, None
        elif word == "jiao":
            jiao, current, pending = pending or 0, 0, None
        elif word in ("fen", "cent", "cents"):
            fen, current, pending = pending or 0, 0, None
    if not seen_number or (yuan is None and not (jiao or fen)):
        return None
    if jiao > 9 or fen > 99 or (fen > 9 and jiao):
        return None
    return Decimal(yuan or 0) + Decimal(jiao) / 10 + Decimal(fen) / 100


def english_amounts(text: str) -> list[Words]:
    """'RMB Two Million Seven Hundred Thousand Yuan Six Jiao': runs of number words with Yuan."""
    found = []
    for m in EN_RUN.finditer(text):
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", m.group(0))]
        if len(words) > 40 or not any(w in ("yuan", "jiao", "fen") for w in words):
            continue
        value = _english_value(words)
        if value is None:
            continue
        end = m.start() + len(m.group(0).rstrip(" ,-"))
        found.append(Words(m.start(), end, text[m.start() : end], value))
    return found


# --- percentages --------------------------------------------------------------------------------

PERCENT = re.compile(r"(?<![\d.])(?P<num>\d++(?:\.\d++)?)%")


@dataclass(frozen=True)
class Percentage:
    start: int  # 约 included
    end: int
    value: Decimal
    approx: bool


def percentages(text: str) -> list[Percentage]:
    found = []
    for m in PERCENT.finditer(text):
        if len(m.group("num")) > 20:
            continue
        approx = text[max(0, m.start() - 1) : m.start()] == "约"
        found.append(Percentage(m.start() - approx, m.end(), Decimal(m.group("num")), approx))
    return found
