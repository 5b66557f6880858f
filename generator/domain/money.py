"""Money as a value: exact Decimal amounts in 元, their display, 人民币大写 and English words."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

FEN = Decimal("0.01")
# 9,999 亿 9,999 万 9,999.99 元: the largest amount the 大写 writer supports (below 万亿).
MAX_AMOUNT = Decimal("999999999999.99")
_MAX_ADJUSTED = 25

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
    # 26 digits before the point (+2 after) is what quantize can hold at Decimal's 28 digits; a
    # derived amount can reach 10^26 (unit price × quantity × months at their limits) and must
    # reach the rules that refuse it, not crash here.
    if not amount.is_finite() or amount.adjusted() > _MAX_ADJUSTED:
        raise AmountError(f"not an amount: {value!r}")
    quantized = amount.quantize(FEN)
    if quantized != amount:
        raise AmountError(f"{value} has more than two decimal places (finer than 1 分)")
    return quantized


def round_fen(value: Decimal) -> Decimal:
    """Round to whole 分, half up: the project's one rounding rule for derived amounts."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def written_places(value: Decimal) -> int:
    """The decimals a number is written with: 24.7 -> 1, 24.70 -> 2, 30 -> 0."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def rounded_share(part: Decimal, whole: Decimal, places: int) -> Decimal:
    """The percentage part is of whole, rounded half up to places decimals, exactly: 667,188.00
    of 2,700,000.60 is 24.711…%, 24.7 at one decimal. A rounded share written beside an amount
    (the amount governs) must be this."""
    with localcontext() as exact:
        # a quotient p/q that is not a tie lies at least 1/(q·10^(places+1)) from one: 60 digits
        # keep every amount and total within the limits exact enough to round right
        exact.prec = 60
        return (part * 100 / whole).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_yuan(amount: Decimal) -> str:
    """982000 -> '982,000.00' (thousands separators, always two decimals)."""
    return f"{to_money(amount):,.2f}"


def plain_decimal(value: Decimal | int) -> str:
    """A number as written by hand: 60, 4.05, 0.5, 1440 (no exponent, no trailing zeros)."""
    return format(Decimal(value).normalize(), "f")


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
    """人民币大写 of an amount in one canonical form, without the 人民币 prefix.

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


# --- reading 大写 written by others (audit) --------------------------------------------------

# Traditional and alternative characters PBOC accepts when reading (not when writing).
_READ_ALIASES = str.maketrans(
    {"圆": "元", "圓": "元", "貳": "贰", "參": "叁", "陸": "陆", "萬": "万", "億": "亿", "正": "整"}
)
# Characters that must not appear in 大写, with the character to write instead.
WRONG_CHARACTERS = {
    "一": "壹", "二": "贰", "两": "贰", "三": "叁", "四": "肆", "五": "伍", "六": "陆", "七": "柒",
    "八": "捌", "九": "玖", "十": "拾", "百": "佰", "千": "仟", "〇": "零", "0": "零", "毛": "角", "另": "零",
}  # fmt: skip
_VALUE_OF = {**{ch: i for i, ch in enumerate(_DIGITS)}, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9, "〇": 0, "0": 0, "另": 0}  # fmt: skip
_SMALL_UNITS = {"拾": 10, "十": 10, "佰": 100, "百": 100, "仟": 1000, "千": 1000}


def _integer_forms(yuan: int) -> set[str]:
    """Every permitted way to write the integer part (without 元)."""
    groups = [(yuan // 10**8) % 10**4, (yuan // 10**4) % 10**4, yuan % 10**4]
    forms = {""}
    for index, group in enumerate(groups):
        if group == 0:
            continue
        words = _group_words(group) + _GROUP_UNITS[2 - index]
        if not any(groups[:index]):
            prefixes = [""]
        elif group < 1000:
            prefixes = ["零"]  # a zero between non-zero digits: required
        elif groups[index - 1] % 10 == 0:
            prefixes = ["", "零"]  # the 万/亿 digit is 0 and the 千 digit is not: optional
        else:
            prefixes = [""]
        forms = {f + p + words for f in forms for p in prefixes}
    return forms


def rmb_forms(value: Decimal | int | str) -> set[str]:
    """All forms of an amount's 大写 that PBOC's 《正确填写票据和结算凭证的基本规定》 permits (rmb_words gives one of them)."""
    amount = to_money(value)
    yuan, cents = divmod(int(amount * 100), 100)
    jiao, fen = divmod(cents, 10)
    heads = {""} if yuan == 0 else {f + "元" for f in _integer_forms(yuan)}
    zero_before_jiao = ["", "零"] if yuan and yuan % 10 == 0 else [""]
    if not jiao and not fen:
        return {h + "整" for h in heads} if yuan else {"零元整"}
    if jiao and not fen:
        return {h + z + _DIGITS[jiao] + "角" + end for h in heads for z in zero_before_jiao for end in ("", "整")}
    if not jiao:
        return {h + ("零" if yuan else "") + _DIGITS[fen] + "分" for h in heads}
    return {h + z + _DIGITS[jiao] + "角" + _DIGITS[fen] + "分" for h in heads for z in zero_before_jiao}


def read_rmb_words(text: str) -> Decimal:
    """The amount a 大写 text means, read leniently (wrong characters are read by their value)."""
    text = text.translate(_READ_ALIASES)
    integer_part, _, fraction = text.partition("元")
    if "元" not in text:
        integer_part, fraction = "", text
    total = section = number = 0
    for ch in integer_part:
        if ch in _VALUE_OF:
            number = _VALUE_OF[ch]
        elif ch in _SMALL_UNITS:
            section += (number or 1) * _SMALL_UNITS[ch]
            number = 0
        elif ch == "万":
            total += (section + number) * 10**4
            section = number = 0
        elif ch == "亿":
            total = (total + section + number) * 10**8
            section = number = 0
    yuan = total + section + number
    jiao = fen = 0
    digit = 0
    for ch in fraction:
        if ch in _VALUE_OF:
            digit = _VALUE_OF[ch]
        elif ch in ("角", "毛"):
            jiao, digit = digit, 0
        elif ch == "分":
            fen, digit = digit, 0
    return Decimal(yuan) + Decimal(jiao) / 10 + Decimal(fen) / 100


def rmb_words_problems(text: str) -> tuple[Decimal, list[str]]:
    """Read a 大写 amount and list what breaks PBOC's rules for 大写 (empty when it is a permitted form)."""
    value = read_rmb_words(text)
    normalized = text.translate(_READ_ALIASES)
    problems = []
    wrong = [ch for ch in dict.fromkeys(normalized) if ch in WRONG_CHARACTERS]
    if wrong:
        problems.append(
            "wrong character" + ("s " if len(wrong) > 1 else " ")
            + ", ".join(f"{ch} (write {WRONG_CHARACTERS[ch]})" for ch in wrong)
        )  # fmt: skip
    corrected = "".join(WRONG_CHARACTERS.get(ch, ch) for ch in normalized)
    try:
        forms = rmb_forms(value)
        canonical = rmb_words(value)
    except AmountError as e:
        return value, [*problems, str(e)]
    if corrected in forms:
        return value, problems
    if corrected + "整" in forms:
        problems.append("整 is missing after 元")
    elif corrected.endswith("分整") and corrected[:-1] in forms:
        problems.append("整 must not follow 分")
    elif corrected.startswith("拾"):
        problems.append(f"a bare 拾 at the start; write 壹拾 ({canonical})")
    elif corrected.replace("零", "") in {f.replace("零", "") for f in forms}:
        problems.append(f"零 is missing or misplaced; write {canonical}")
    else:
        problems.append(f"not a correct capital form of {format_yuan(value)}; write {canonical}")
    return value, problems


# --- value types -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Amount:
    """A money amount in 元 to the 分; its digits and words are derived from the one value, so
    they cannot disagree with it."""

    value: Decimal

    def __post_init__(self) -> None:
        value = self.value if isinstance(self.value, Decimal) else Decimal(self.value)
        object.__setattr__(self, "value", to_money(value))  # frozen: normalise once, here

    @property
    def digits(self) -> str:
        """'982,000.00'."""
        return format_yuan(self.value)

    @property
    def words_zh(self) -> str:
        """'玖拾捌万贰仟元整'."""
        return rmb_words(self.value)

    @property
    def words_en(self) -> str:
        """'RMB Nine Hundred Eighty-Two Thousand Yuan Only'."""
        return english_words(self.value)


@dataclass(frozen=True)
class Percent:
    """A percentage: the exact value, and its display (exact up to 3 decimals, else rounded to 3)."""

    value: Decimal
    # a share as the contract writes it, to the decimals it is written with (24.70 stays 24.70):
    # a rounded share is printed as stated, never re-rounded to 3 decimals
    as_written: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", Decimal(self.value))  # frozen: normalise once, here

    @property
    def exact(self) -> bool:
        """True when the display is the exact value (at most 3 decimals, or as written)."""
        return self.as_written or self.value.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP) == self.value

    @property
    def display(self) -> str:
        """'60', '24.711'; an approximate value drops trailing zeros (29.99999… is 约30%, not 约30.000%)."""
        if self.as_written:
            return format(self.value, "f")
        shown = self.value.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
        return plain_decimal(self.value if shown == self.value else shown)
