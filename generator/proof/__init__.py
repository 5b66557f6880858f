"""Stage 5, proof: the rule registry (what validation rejects and what `check` reports), check reports
over the model, and `audit` of any contract text."""
