"""Money as a value: exact Decimal amounts in 元, their display, 人民币大写 and English words."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

FEN = Decimal("0.01")
# 9,999 亿 9,999 万 9,999.99 元: the largest amount the 大写 writer supports (below 万亿).
MAX_AMOUNT = Decimal("999999999999.99")

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_IN_GROUP_UNITS = ("", "拾", "佰", "仟")
_GROUP_UNITS = ("", "万", "亿")


class AmountError(ValueError):
    """Raised when an amount cannot be written: negative, too large, or finer than 1 分."""


def to_money(value: Decimal | int | str) -> Decimal:
    """Return value as a Decimal with exactly two places; reject amounts finer than 1 分."""
    try:
        amount = Decimal(str(value)) if not isinstance(value, Decimal) else value
    except InvalidOperation as e:
        raise AmountError(f"not an amount: {value!r}") from e
    if not amount.is_finite():
        raise AmountError(f"not an amount: {value!r}")
    quantized = amount.quantize(FEN)
    if quantized != amount:
        raise AmountError(f"{value} has more than two decimal places (finer than 1 分)")
    return quantized


def round_fen(value: Decimal) -> Decimal:
    """Round to whole 分, half up: the project's one rounding rule for derived amounts."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def format_yuan(amount: Decimal) -> str:
    """982000 -> '982,000.00' (thousands separators, always two decimals)."""
    return f"{to_money(amount):,.2f}"


def format_percent(value: Decimal) -> str:
    """Decimal percent -> '60', '4.05', '24.711' (no trailing zeros)."""
    text = format(value.normalize(), "f")
    return text


def _group_words(group: int) -> str:
    """Capital words for 0 < group < 10000, with 零 for internal zero runs."""
    digits = f"{group:04d}"
    out: list[str] = []
    pending_zero = False
    started = False
    for position, ch in enumerate(digits):
        d = int(ch)
        unit = _IN_GROUP_UNITS[3 - position]
        if d == 0:
            if started:
                pending_zero = True
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(_DIGITS[d] + unit)
        started = True
    return "".join(out)


def rmb_words(value: Decimal | int | str) -> str:
    """人民币大写 of an amount in one canonical form (DOMAIN.md §1), without the 人民币 prefix.

    Written by hand rather than with cn2an: cn2an gives neither official form for 107000.53,
    truncates instead of rejecting sub-分 amounts, and has changed its output between patch
    releases. Canonical choices, following the first form of each PBOC example:
    - a zero run inside the integer part is one 零; a 万/亿 group that starts with zeros after a
      non-zero group gets 零 (10,700 -> 壹万零柒佰); trailing zeros of a group write nothing
      (107,000 -> 壹拾万柒仟);
    - 零 is written between 元 and 角 when the 元 digit is 0 and 角 is not (1680.32 -> …捌拾元零叁角…);
    - 零 is written when 角 is 0 and 分 is not (required);
    - 整 only after 元; none after 角 (1409.50 -> …元伍角), never after 分.
    """
    amount = to_money(value)
    if amount < 0:
        raise AmountError(f"negative amount {amount}")
    if amount > MAX_AMOUNT:
        raise AmountError(f"{amount} is above the largest supported amount {MAX_AMOUNT:,}")
    fen_total = int(amount * 100)
    yuan, cents = divmod(fen_total, 100)
    jiao, fen = divmod(cents, 10)

    parts: list[str] = []
    if yuan:
        groups = [(yuan // 10**8) % 10**4, (yuan // 10**4) % 10**4, yuan % 10**4]
        for index, group in enumerate(groups):
            if group == 0:
                continue
            higher_nonzero = any(groups[:index])
            if higher_nonzero and (group < 1000 or groups[index - 1] == 0):
                parts.append("零")
            parts.append(_group_words(group) + _GROUP_UNITS[2 - index])
        parts.append("元")
    if jiao == 0 and fen == 0:
        return "".join(parts) + "整" if yuan else "零元整"
    if jiao:
        if yuan and yuan % 10 == 0:
            parts.append("零")
        parts.append(_DIGITS[jiao] + "角")
    if fen:
        if yuan and not jiao:
            parts.append("零")
        parts.append(_DIGITS[fen] + "分")
    return "".join(parts)


_EN_ONES = [
    "Zero",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Eleven",
    "Twelve",
    "Thirteen",
    "Fourteen",
    "Fifteen",
    "Sixteen",
    "Seventeen",
    "Eighteen",
    "Nineteen",
]
_EN_TENS = ["_", "_", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"]
_EN_SCALES = ((10**9, "Billion"), (10**6, "Million"), (10**3, "Thousand"))


def _en_below_thousand(n: int) -> str:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words.append(f"{_EN_ONES[hundreds]} Hundred")
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(_EN_TENS[tens] + (f"-{_EN_ONES[ones]}" if ones else ""))
    elif rest:
        words.append(_EN_ONES[rest])
    return " ".join(words)


def _en_integer(n: int) -> str:
    if n == 0:
        return "Zero"
    words: list[str] = []
    for scale, name in _EN_SCALES:
        if n >= scale:
            words.append(f"{_en_below_thousand(n // scale)} {name}")
            n %= scale
    if n:
        words.append(_en_below_thousand(n))
    return " ".join(words)


def english_words(value: Decimal | int | str) -> str:
    """'RMB Nine Hundred Eighty-Two Thousand Yuan Only'; jiao and fen named after the yuan.

    Hand-written because num2words has no yuan/jiao/fen currency form.
    """
    amount = to_money(value)
    if amount < 0:
        raise AmountError(f"negative amount {amount}")
    if amount > MAX_AMOUNT:
        raise AmountError(f"{amount} is above the largest supported amount {MAX_AMOUNT:,}")
    yuan, cents = divmod(int(amount * 100), 100)
    jiao, fen = divmod(cents, 10)
    parts = []
    if yuan or not cents:
        parts.append(f"{_en_integer(yuan)} Yuan")
    if jiao:
        parts.append(f"{_EN_ONES[jiao]} Jiao")
    if fen:
        parts.append(f"{_EN_ONES[fen]} Fen")
    return "RMB " + " ".join(parts) + (" Only" if not cents else "")
