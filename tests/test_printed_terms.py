"""terms.printed: terms inside groups and the payment and document terms are tried too."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import dotted
from generator.pipeline import check_spec
from generator.spec.starter import starter_spec


def unprinted(tmp_path: Path, changes: str) -> list[str]:
    path = tmp_path / "spec.yaml"
    path.write_text(starter_spec("条款").replace("annexes: [", changes + "\nannexes: [", 1), encoding="utf-8")
    return [dotted(f.path) for f in check_spec(path).findings if f.rule == "terms.printed"]


@pytest.mark.parametrize(
    ("omitted", "term"),
    [
        ("confidentiality", "clauses.confidentiality.term"),  # a term inside a group
        ("definitions, documents", "contract.documents"),
        ("payment.invoice", "payment.invoice"),
        ("payment.account", "payment.method"),
    ],
)
def test_a_term_whose_only_sentence_is_left_out_is_reported(tmp_path: Path, omitted: str, term: str) -> None:
    assert term in unprinted(tmp_path, f"articles: {{omit: [{omitted}]}}")


def test_the_same_term_is_not_reported_when_the_spec_text_states_it(tmp_path: Path) -> None:
    text = (
        "{zh: 乙方应在每期付款前开具增值税普通发票。, en: Party B issues an ordinary VAT invoice before each payment.}"
    )
    assert "payment.invoice" not in unprinted(
        tmp_path, f"articles: {{replace: [{{id: payment.invoice, text: [{text}]}}]}}"
    )


def test_the_overage_payment_term_is_reported_when_its_sub_clause_is_reworded(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    text = starter_spec("条款").replace(
        "  nature: fixed              # fixed or unit_price\n",
        "  nature: fixed\n  fee_schedule:\n"
        "    - {item: 外呼套餐, unit_price: 50000, unit: 元/月, quantity: 1, months: 12, overage: 超出部分按每分钟0.1元收取}\n"
        "    - {item: 坐席, amount: 600000}\n",
    )
    text = text.replace(
        "  invoice: 增值税普通发票\n", "  invoice: 增值税普通发票\n  overage: {every: month, payment_days: 20}\n"
    )
    # the payment schedule refers to the sub-clause: it cannot be left out, but it can be reworded
    omitted = text.replace("annexes: [", "articles: {omit: [payment.overage]}\nannexes: [", 1)
    path.write_text(omitted, encoding="utf-8")
    assert "articles.omit-referenced" in {f.rule for f in check_spec(path).findings}
    reworded = "articles: {replace: [{id: payment.overage, text: [超出部分费用随下一期款项支付。]}]}\nannexes: ["
    path.write_text(text.replace("annexes: [", reworded, 1), encoding="utf-8")
    found = [dotted(f.path) for f in check_spec(path).findings if f.rule == "terms.printed"]
    assert found == ["payment.overage.every", "payment.overage.payment_days"]
