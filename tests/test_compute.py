import datetime as dt
from decimal import Decimal
from pathlib import Path

from conftest import ROOT

from generator.contract.compute import pay_at_score
from generator.domain.money import rmb_words
from generator.pipeline import load_contract


def contract(name: str):
    return load_contract(ROOT / "specs" / f"{name}.yaml")


def test_luohe_quarters_security_and_staff_deduction() -> None:
    c = contract("luohe-12345-2025")
    assert sum(i.amount.value for i in c.instalments) == c.total.value
    assert [i.amount.digits for i in c.instalments] == ["1,311,315.86", "655,657.93", "655,657.93", "655,657.92"]
    assert [i.due.date for i in c.instalments] == [
        dt.date(2026, 2, 10),
        dt.date(2026, 5, 10),
        dt.date(2026, 8, 10),
        dt.date(2026, 11, 10),
    ]
    assert c.security is not None and c.security.amount.value == Decimal("163914.48")
    assert c.security.amount.words_zh == "壹拾陆万叁仟玖佰壹拾肆元肆角捌分"
    assert c.liability.missing_staff_deduction is not None
    assert c.liability.missing_staff_deduction.value == Decimal("32782.90")


def test_beijing_true_percentages_from_amounts() -> None:
    c = contract("beijing-ybj-2025")
    assert c.total.value == Decimal("2700000.60")
    assert sum(line.amount.value for line in c.fee_lines) == c.total.value
    first = c.instalments[0]
    assert first.percent.display == "24.711" and not first.percent.exact  # the contract said 24.7%
    assert first.due.date == dt.date(2025, 11, 15)
    assert c.instalments[2].due.date is None  # after final acceptance: not known in advance


def test_xian_bands_and_words() -> None:
    c = contract("xian-12393-2023")
    last = c.instalments[-1]
    assert last.amount.words_zh == "肆万玖仟壹佰元整"  # the contract itself wrote 肆万玖千壹佰
    assert pay_at_score(last, Decimal(85)).value == Decimal("49100.00")
    assert pay_at_score(last, Decimal(80)).value == Decimal("49100.00")
    assert pay_at_score(last, Decimal("79.5")).value == Decimal("41735.00")
    assert pay_at_score(last, Decimal(59)).value == Decimal(0)
    assert c.instalments[0].due.date == dt.date(2023, 1, 25)


def test_every_amount_word_comes_from_its_value() -> None:
    for name in ("luohe-12345-2025", "beijing-ybj-2025", "xian-12393-2023"):
        c = contract(name)
        for amount in [c.total] + [i.amount for i in c.instalments]:
            assert amount.words_zh == rmb_words(amount.value)


def test_working_day_deadline_crosses_national_day(tmp_path: Path) -> None:
    from generator.contract.compute import add_deadline
    from generator.spec.model import Deadline

    # 2025-09-30 is a working day, 10-01..10-08 are holidays, 10-11 (Saturday) is a make-up day.
    assert add_deadline(dt.date(2025, 9, 29), Deadline(working_days=7)) == dt.date(2025, 10, 15)


def test_linear_payment_by_score() -> None:
    c = contract("example-shebao-hotline")
    last = c.instalments[-1]
    assert last.linear is not None and last.amount.value == Decimal("315360.00")
    assert pay_at_score(last, Decimal(95)).value == Decimal("315360.00")
    assert pay_at_score(last, Decimal(90)).value == Decimal("315360.00")
    assert pay_at_score(last, Decimal(75)).value == Decimal("157680.00")  # halfway
    assert pay_at_score(last, Decimal("70.1")).value == Decimal("106171.20")  # 315360 × 10.1/30
    assert pay_at_score(last, Decimal(60)).value == Decimal(0)
