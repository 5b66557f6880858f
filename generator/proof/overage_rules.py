"""The rule on charges for use beyond a fee line's quantity (price.fee_schedule[].overage): they are
payable on top of the total, which the instalments exhaust, so the contract must say when and how
they are paid (payment.overage prints it in the payment article)."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Problem
from ..spec.model import Contract
from .registry import CheckOptions, Severity, rule


@rule("payment.overage-term", reads=("price", "payment"), blocking=False, severity=Severity.WARNING)
def _overage_term(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """Fee lines that charge use beyond their quantity come with a term for paying those charges;
    a term for paying them comes with such a line (else the payment article does not print it)."""
    charged = [line for line in c.fee_lines if line.overage is not None]
    if charged and c.overage is None:
        numbers = [str(line.number) for line in charged]
        lines = (
            f"fee lines {', '.join(numbers[:-1])} and {numbers[-1]} charge"
            if len(numbers) > 1
            else f"fee line {numbers[0]} charges"
        )
        yield Problem(
            c.where("overage"),
            f"{lines} for use beyond the quantity on top of the total ({charged[0].overage.zh}), "  # type: ignore[union-attr]
            "but no clause says when or how those charges are paid: give payment.overage (every: month, quarter "
            "or year; payment_days), or state it in the contract's own words and waive this rule",
        )
    elif c.overage is not None and not charged:
        yield Problem(
            c.where("overage"),
            "no fee line charges use beyond its quantity (price.fee_schedule[].overage), so the payment article "
            "does not print payment.overage: remove it",
        )
