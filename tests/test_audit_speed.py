"""audit stays fast on anything: every pattern is linear, so one long run of digits, spaces or 亿
costs no more than its length, and thousands of short texts take seconds.

These bound the worst case (a pattern that backtracks is quadratic or worse: 100,000 digits took
minutes); typical timings are in scripts/benchmark.py."""

from __future__ import annotations

import random
import time

import pytest

from generator.proof.audit import audit_string

LONG = 100_000


@pytest.mark.parametrize(
    "line",
    [
        "1" * LONG,
        " " * LONG,
        "亿" * LONG,
        "\u3000" * LONG,
        "1," * (LONG // 2),
        "壹" * LONG,
        "元整" * (LONG // 2),
        "1%" * (LONG // 2),
        "合同总价的1%，即1元" * (LONG // 10),
        "One Hundred " * (LONG // 12),
        "一式" * (LONG // 2),
        "人民币" + "9" * LONG + "元",
        "（" * LONG,
    ],
    ids=lambda line: f"{line[:6]!r}…",
)
def test_one_long_line_takes_well_under_a_second(line: str) -> None:
    start = time.perf_counter()
    report = audit_string(f"合同总价为{line}（大写：壹元整）")
    assert time.perf_counter() - start < 1.0
    assert report.file == "text"


PIECES = ["合同总价为人民币", "1,200,000.00元", "（大写：壹佰贰拾万元整）", "支付合同总价的30%，即人民币360,000.00元",
          "；", "。", "\n", "一式肆份，甲乙双方各执贰份", "单价\t数量\t金额\n", "100\t2\t200\n", "合计\t\t200\n",
          "RMB 1,000.00 (say: RMB One Thousand Yuan Only)", "每逾期一日按合同总额的0.1%支付违约金"]  # fmt: skip


def test_three_thousand_short_texts_in_under_a_minute() -> None:
    rng = random.Random(12)
    texts = ["".join(rng.choice(PIECES) for _ in range(rng.randint(5, 30))) for _ in range(3000)]
    start = time.perf_counter()
    findings = sum(len(audit_string(text).findings) for text in texts)
    assert time.perf_counter() - start < 60
    assert findings > 0  # the texts were read (some of them do not add up)
