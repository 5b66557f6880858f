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
