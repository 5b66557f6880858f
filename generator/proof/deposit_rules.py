"""The rule on the 定金 credited against an instalment (deposit.credited_to_instalment): the payment
clause and the payment schedule print that instalment's amount, the 定金 credited and the balance
Party A still pays, which must not be less than nothing."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Problem
from ..spec.model import Contract
from .registry import CheckOptions, rule


@rule("deposit.exceeds-instalment", reads=("deposit", "payment", "price"))
def _deposit_exceeds_instalment(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """The 定金 is credited against an instalment at least as large: what is left of it is what
    Party A pays, and no contract can print a negative balance."""
    if c.deposit is None or not 1 <= c.deposit_credited_to <= len(c.instalments):
        return  # no 定金, or no such instalment (rule deposit.credited-instalment)
    instalment = c.instalments[c.deposit_credited_to - 1]
    if instalment.amount is not None and instalment.amount.value < c.deposit.value:
        yield Problem(
            ("deposit", "amount"),
            f"the 定金 {c.deposit.digits} is more than instalment {instalment.number} ({instalment.amount.digits}), "
            "against which it is credited: credit it against a larger instalment (credited_to_instalment)",
        )
