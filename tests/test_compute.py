import dataclasses
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOT, SPECS

from generator.contract.compute import pay_at_score
from generator.domain.money import Amount, read_rmb_words
from generator.pipeline import load_contract


def contract(name: str):
    return load_contract(ROOT / "specs" / f"{name}.yaml")


def test_luohe_quarters_security_and_staff_deduction(tmp_path: Path) -> None:
    c = contract("luohe-12345-2025")
    assert sum(i.amount.value for i in c.instalments) == c.total.value
    assert [i.amount.digits for i in c.instalments] == ["1,311,315.86", "655,657.93", "655,657.93", "655,657.92"]
    # quarters of the service year, which starts at set-up acceptance: no date is known
    assert [i.due.date for i in c.instalments] == [None] * 4
    # quarters counted from the contract's entry into force (its signing, 2025-11-06): quarter N
    # ends on the corresponding day (民法典第二百零一、二百零二条), and the first 10 days of the next
    # quarter end 10 days later, moved off rest days (第二百零三条); check shows them, the
    # contract prints none (payment.print_due_dates: false)
    text = (ROOT / "specs" / "luohe-12345-2025.yaml").read_text(encoding="utf-8")
    effective = tmp_path / "luohe-effective.yaml"
    effective.write_text(text.replace("period: 1, days", "period: 1, from: effectiveness, days")
                         .replace("period: 2, days", "period: 2, from: effectiveness, days")
                         .replace("period: 3, days", "period: 3, from: effectiveness, days")
                         .replace("period: 4, days", "period: 4, from: effectiveness, days"), encoding="utf-8")  # fmt: skip
    counted = load_contract(effective).instalments
    assert [i.due.date for i in counted] == [
        dt.date(2026, 2, 24),  # 2-16 falls in the Spring Festival holiday (2-15 to 2-23)
        dt.date(2026, 5, 18),  # 5-16 is a Saturday
        dt.date(2026, 8, 17),  # 8-16 is a Sunday
        dt.date(2026, 11, 16),
    ]
    assert [i.due.printed_date for i in counted] == [None] * 4
    service_year = tmp_path / "luohe-service-year.yaml"
    service_year.write_text(text, encoding="utf-8")
    # with a fixed service year the quarters' deadlines are dates, moved off rest days
    fixed = tmp_path / "luohe-fixed.yaml"
    fixed.write_text(
        service_year.read_text(encoding="utf-8").replace(
            "    months: 12\n    from: setup_acceptance\n", "    start: 2025-11-01\n    end: 2026-10-31\n"
        ),
        encoding="utf-8",
    )
    assert [i.due.date for i in load_contract(fixed).instalments] == [
        dt.date(2026, 2, 10),
        dt.date(2026, 5, 11),  # 5-10 is a Sunday: the period ends on Monday (民法典第二百零三条)
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
    first, last = c.instalments[0], c.instalments[2]
    # the contract states 24.7%, the amount's share rounded: printed as stated, the amount governs
    assert first.share == "rounded" and first.amount.value == Decimal("667188.00")
    assert first.percent.display == "24.7" and first.percent.exact
    assert first.true_share.display == "24.711" and not first.true_share.exact
    assert last.share == "none" and last.true_share.display == "30" and not last.true_share.exact
    assert first.due.date == dt.date(2025, 11, 15)
    assert last.due.date is None  # after final acceptance: not known in advance


def test_xian_bands_and_words() -> None:
    c = contract("xian-12393-2023")
    last = c.instalments[-1]
    assert last.amount.words_zh == "肆万玖仟壹佰元整"  # the contract itself wrote 肆万玖千壹佰
    assert pay_at_score(last, Decimal(85)).value == Decimal("49100.00")
    assert pay_at_score(last, Decimal(80)).value == Decimal("49100.00")
    assert pay_at_score(last, Decimal("79.5")).value == Decimal("41735.00")
    assert pay_at_score(last, Decimal(59)).value == Decimal(0)
    # signing 2023-01-15 + 10 days = 01-25, inside the Spring Festival holiday (01-21..01-27); the
    # next working day is Saturday 01-28, a make-up working day (调休)
    assert c.instalments[0].due.date == dt.date(2023, 1, 28)


# 大写 written by hand (PBOC rules, first form), for amounts of the example specs that exercise each rule.
CAPITALS_BY_HAND = {
    "0.00": "零元整",  # Xi'an: the band that pays nothing
    "229.09": "贰佰贰拾玖元零玖分",  # no 角: 零 before 分
    "13773.04": "壹万叁仟柒佰柒拾叁元零肆分",
    "30239.88": "叁万零贰佰叁拾玖元捌角捌分",  # 零 for the 仟 digit
    "32782.90": "叁万贰仟柒佰捌拾贰元玖角",  # no 分: no 整 after 角
    "41735.00": "肆万壹仟柒佰叁拾伍元整",
    "100800.00": "壹拾万零捌佰元整",  # 壹拾 at the start; 零 for the 仟 digit after 万
    "163914.48": "壹拾陆万叁仟玖佰壹拾肆元肆角捌分",
    "420480.00": "肆拾贰万零肆佰捌拾元整",
    "540000.12": "伍拾肆万元零壹角贰分",  # 元 after zeros, then 零 before 角
    "655657.92": "陆拾伍万伍仟陆佰伍拾柒元玖角贰分",
    "810000.00": "捌拾壹万元整",
    "982000.00": "玖拾捌万贰仟元整",
    "1051200.00": "壹佰零伍万壹仟贰佰元整",  # 零 inside the 万 group
    "1222812.60": "壹佰贰拾贰万贰仟捌佰壹拾贰元陆角",
    "2313870.72": "贰佰叁拾壹万叁仟捌佰柒拾元零柒角贰分",
    "2700000.60": "贰佰柒拾万元零陆角",
    "3278289.64": "叁佰贰拾柒万捌仟贰佰捌拾玖元陆角肆分",
}
ENGLISH_BY_HAND = {
    "982000.00": "RMB Nine Hundred Eighty-Two Thousand Yuan Only",
    "1311315.86": "RMB One Million Three Hundred Eleven Thousand Three Hundred Fifteen Yuan Eight Jiao Six Fen",
    "2700000.60": "RMB Two Million Seven Hundred Thousand Yuan Six Jiao",
}
CAPITAL_CHARACTERS = set("零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整")


def amounts_in(node: object, path: str = "contract") -> list[tuple[str, Amount]]:
    """Every Amount anywhere in a contract model (dataclasses, tuples, lists, dicts), with its path."""
    if isinstance(node, Amount):
        return [(path, node)]
    found: list[tuple[str, Amount]] = []
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        for f in dataclasses.fields(node):
            found += amounts_in(getattr(node, f.name), f"{path}.{f.name}")
    elif isinstance(node, (tuple, list)):
        for index, item in enumerate(node):
            found += amounts_in(item, f"{path}[{index}]")
    elif isinstance(node, dict):
        for key, item in node.items():
            found += amounts_in(item, f"{path}[{key!r}]")
    return found


def test_the_amount_walk_finds_amounts_in_every_kind_of_place() -> None:
    paths = {path for spec in SPECS for path, _ in amounts_in(load_contract(spec))}
    for expected in (
        "contract.total",
        "contract.instalments[0].amount",
        "contract.instalments[2].bands[1].pays",
        "contract.fee_lines[0].unit_price",
        "contract.security.amount",
        "contract.deposit",
        "contract.liability.deductions[0].amount",
        "contract.assessment.failed_kpi_deduction",
    ):
        assert expected in paths


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_every_amount_prints_its_value(spec: Path) -> None:
    """Every Amount's 大写 reads back (independent reader) as its value, in the PBOC form; digits too."""
    found = amounts_in(load_contract(spec))
    assert found
    for path, amount in found:
        value, words = amount.value, amount.words_zh
        assert value.as_tuple().exponent == -2, path  # 元 with two decimals
        assert read_rmb_words(words) == value, f"{path}: {words} reads as {read_rmb_words(words)}, not {value}"
        assert set(words) <= CAPITAL_CHARACTERS, f"{path}: {words}"
        jiao, fen = int(value * 10) % 10, int(value * 100) % 10
        assert words.endswith("整") == (jiao == fen == 0), f"{path}: {words}"  # 整 only after 元
        assert ("角" in words) == (jiao != 0) and ("分" in words) == (fen != 0), f"{path}: {words}"
        assert words.count("元") == (1 if value >= 1 or value == 0 else 0), f"{path}: {words}"
        assert re.fullmatch(r"\d{1,3}(,\d{3})*\.\d\d", amount.digits), f"{path}: {amount.digits}"
        assert Decimal(amount.digits.replace(",", "")) == value, f"{path}: {amount.digits}"
        if str(value) in CAPITALS_BY_HAND:
            assert words == CAPITALS_BY_HAND[str(value)], path
        if str(value) in ENGLISH_BY_HAND:
            assert amount.words_en == ENGLISH_BY_HAND[str(value)], path


def test_every_hand_written_capital_is_an_amount_of_an_example() -> None:
    """The tables above check something: each of their values occurs in some example contract."""
    values = {str(amount.value) for spec in SPECS for _, amount in amounts_in(load_contract(spec))}
    assert set(CAPITALS_BY_HAND) <= values
    assert set(ENGLISH_BY_HAND) <= values


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


def test_a_spec_may_agree_not_to_roll_over_rest_days(tmp_path: Path) -> None:
    spec = tmp_path / "xian.yaml"
    text = (ROOT / "specs" / "xian-12393-2023.yaml").read_text(encoding="utf-8")
    spec.write_text(text.replace("\nclauses:\n", "\nclauses:\n  rest_day_rollover: false\n", 1), encoding="utf-8")
    assert load_contract(spec).instalments[0].due.date == dt.date(2023, 1, 25)


def test_calendar_days_in_a_year_without_a_holiday_schedule_print_no_date(tmp_path: Path) -> None:
    from generator.pipeline import check_spec

    spec = tmp_path / "later.yaml"
    text = (ROOT / "specs" / "xian-12393-2023.yaml").read_text(encoding="utf-8")
    spec.write_text(text.replace("signing, days: 10}", "signing, days: 2000}", 1), encoding="utf-8")
    due = load_contract(spec).instalments[0].due
    assert due.date is None and due.undated and "2028" in due.undated
    warnings = [f for f in check_spec(spec).findings if f.rule == "dates.holiday-schedule"]
    assert [(f.severity, f.path) for f in warnings] == [("warning", ("payment", "instalments", 0, "due"))]
