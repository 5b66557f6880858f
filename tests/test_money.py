from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from generator.contract.compute import instalment_amounts
from generator.domain.money import MAX_AMOUNT, AmountError, english_words, read_rmb_words, rmb_words, to_money

# The PBOC examples (《正确填写票据和结算凭证的基本规定》, first form of each), then the edge cases the issue names.
CAPITALS = [
    ("1409.50", "壹仟肆佰零玖元伍角"),
    ("6007.14", "陆仟零柒元壹角肆分"),
    ("1680.32", "壹仟陆佰捌拾元零叁角贰分"),
    ("107000.53", "壹拾万柒仟元零伍角叁分"),
    ("16409.02", "壹万陆仟肆佰零玖元零贰分"),
    ("325.04", "叁佰贰拾伍元零肆分"),
    ("0", "零元整"),
    ("0.05", "伍分"),
    ("1.01", "壹元零壹分"),
    ("10", "壹拾元整"),
    ("100000", "壹拾万元整"),
    ("100000001", "壹亿零壹元整"),
    ("10700", "壹万零柒佰元整"),
    ("100001000", "壹亿零壹仟元整"),
    ("982000", "玖拾捌万贰仟元整"),
    ("2700000.60", "贰佰柒拾万元零陆角"),
    ("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
]


@pytest.mark.parametrize(("amount", "words"), CAPITALS)
def test_rmb_words(amount: str, words: str) -> None:
    assert rmb_words(Decimal(amount)) == words


def test_above_largest_amount_is_refused() -> None:
    with pytest.raises(AmountError, match="above the largest supported amount"):
        rmb_words(MAX_AMOUNT + Decimal("0.01"))


@pytest.mark.parametrize("bad", ["-1", "1.005", "1311315.856"])
def test_unwritable_amounts(bad: str) -> None:
    with pytest.raises(AmountError):
        rmb_words(Decimal(bad))


@given(amount=st.decimals(min_value=Decimal(0), max_value=MAX_AMOUNT, places=2))
def test_capitals_read_back_as_their_amount(amount: Decimal) -> None:
    """Any amount's 大写 uses only the PBOC characters and the independent reader reads it as the amount."""
    words = rmb_words(amount)
    assert set(words) <= set("壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分零整")
    assert read_rmb_words(words) == amount
    assert not words.startswith("零") or amount == 0
    assert "零零" not in words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("982000", "RMB Nine Hundred Eighty-Two Thousand Yuan Only"),
        ("1680.32", "RMB One Thousand Six Hundred Eighty Yuan Three Jiao Two Fen"),
        ("0.05", "RMB Five Fen"),
        ("2700000.60", "RMB Two Million Seven Hundred Thousand Yuan Six Jiao"),
    ],
)
def test_english_words(amount: str, words: str) -> None:
    assert english_words(Decimal(amount)) == words


def test_to_money_keeps_two_places() -> None:
    assert str(to_money(Decimal("2700000.6"))) == "2700000.60"


totals = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999.99"), places=2)
splits = st.lists(st.integers(min_value=1, max_value=1000), min_size=1, max_size=8)


@given(total=totals, weights=splits)
def test_percentage_instalments_always_sum_to_the_total(total: Decimal, weights: list[int]) -> None:
    # Percentages with up to 4 decimals that sum to exactly 100.
    raw = [Decimal(w) * 100 / sum(weights) for w in weights]
    pcts = [p.quantize(Decimal("0.0001")) for p in raw[:-1]]
    pcts.append(Decimal(100) - sum(pcts, Decimal(0)))
    assume(pcts[-1] > 0)  # rounding the others up could leave nothing for the last one
    amounts = instalment_amounts(total, [(p, None) for p in pcts])
    assert amounts is not None and len(amounts) == len(pcts)
    # The rule (README): total × percent rounded half up to the 分; the last one takes the remainder.
    for amount, percent in zip(amounts[:-1], pcts[:-1], strict=True):
        assert amount == (total * percent / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert amounts[-1] == total - sum(amounts[:-1])
    assert sum(amounts) == total
    assert all(a == a.quantize(Decimal("0.01")) for a in amounts)


def test_luohe_split_gives_the_remainder_to_the_last_instalment() -> None:
    total = Decimal("3278289.64")
    amounts = instalment_amounts(total, [(Decimal(p), None) for p in (40, 20, 20, 20)])
    assert amounts is not None
    assert amounts[0] == Decimal("1311315.86")  # 1,311,315.856 rounded half up
    assert amounts[-1] == total - sum(amounts[:-1])
    assert sum(amounts) == total


def test_a_percentage_gives_the_amount_whatever_amount_is_stated() -> None:
    # the rule arith.instalment-amount reports the disagreement (tests/test_rules.py)
    amounts = instalment_amounts(Decimal("982000"), [(Decimal(60), Decimal("589000")), (Decimal(40), None)])
    assert amounts == [Decimal("589200.00"), Decimal("392800.00")]
