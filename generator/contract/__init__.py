"""Stage 2, the contract: checked spec data -> the frozen contract model, with every derived figure
computed once (amounts and their 大写, instalments, due dates, score bands)."""
