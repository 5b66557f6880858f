"""The rule that reads every free-text value of a spec as audit reads a contract.

A 大写 or a figure a drafter typed into special terms, a fee note or a name is printed as written,
so it is checked like the computed ones: its 大写 form (PBOC rules) and whether it agrees with
the figure it stands beside, and English amounts in words against their figures."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from ..errors import Problem
from ..spec.model import Contract, SpecPath, Text
from .registry import CheckOptions, rule

# The audit checks that make sense on one value alone (totals and schedules need the contract).
TEXT_CHECKS = ("capital.form", "capital.figure", "words.figure")
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def spec_path(dotted_path: str) -> SpecPath:
    """'clauses.special_terms[0].text' -> ('clauses', 'special_terms', 0, 'text')."""
    return tuple(int(m.group(2)) if m.group(2) else m.group(1) for m in _PART.finditer(dotted_path))


def texts(node: object) -> Iterator[Text]:
    """Every Text value in the contract model, in declaration order."""
    if isinstance(node, Text):
        yield node
    elif isinstance(node, tuple | list):
        for item in node:
            yield from texts(item)
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        for f in dataclasses.fields(node):
            yield from texts(getattr(node, f.name))


def text_problems(text: Text) -> Iterator[Problem]:
    """What audit finds in one value, in Chinese and in English, at the value's spec path."""
    from .audit import audit_string  # here: validate runs no text rule and needs no audit

    path = spec_path(text.path)
    for language, value in (("zh", text.zh), ("en", text.en)):
        if not value or (language == "en" and value == text.zh):
            continue
        for finding in audit_string(value, text.path).findings:
            if finding.rule in TEXT_CHECKS:
                prefix = "(English) " if language == "en" else ""
                yield Problem(path, f"{prefix}{finding.message}", finding.severity)


@rule("text.amounts", reads=(), regulation="支付结算办法 附件一", blocking=False)
def _text_amounts(c: Contract, options: CheckOptions) -> Iterator[Problem]:
    """A 大写 or figure typed into free text is checked as audit checks a contract."""
    seen: set[str] = set()
    for text in texts(c):
        if text.path in seen or not text.path:
            continue
        seen.add(text.path)
        yield from text_problems(text)
