"""Checked spec data -> the declared records of spec.model, field by field, by their declarations:
each field's key says where its value is, its type how to convert it. No path is written by hand."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from ..domain.money import Amount, Percent, to_money
from ..errors import dotted
from ..spec.model import BLANK, BLANK_WORD, WORKING_DAYS, Blank, Contract, Days, Record, SpecPath, Text, spec_key

R = TypeVar("R", bound=Record)
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def text(value: Any, path: str) -> Text:
    """Spec free text (string or {zh, en}) as Text."""
    if isinstance(value, dict):
        return Text(value["zh"].strip(), (value.get("en") or "").strip() or None, path)
    plain = str(value).strip()
    # Text with no Chinese in it ('100%', 'GB/T 33358-2016') reads the same in English.
    return Text(plain, None if _CJK.search(plain) else plain, path)


def code(value: Any) -> str:
    """Identifiers keep the text they were written with (loader.SourceInt keeps leading zeros)."""
    return getattr(value, "text", None) or str(value)


def _convert(value: Any, hint: Any, path: SpecPath) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        if Blank in args and value == BLANK_WORD:
            return BLANK
        (inner,) = (a for a in args if a not in (type(None), Blank))
        return _convert(value, inner, path)
    if origin is tuple:
        return tuple(_convert(item, args[0], path + (i,)) for i, item in enumerate(value or ()))
    if isinstance(hint, type):
        if issubclass(hint, Record):
            return build(hint, value, path)
        if issubclass(hint, StrEnum):
            return hint(value)
        if hint is Text:
            return text(value, dotted(path))
        if hint is Days:  # 7, or {working_days: 5}
            if isinstance(value, dict):
                return Days(int(value[WORKING_DAYS]), True, dotted(path))
            return Days(int(value), False, dotted(path))
        if hint is Amount:
            return Amount(to_money(Decimal(value)))
        if hint is Percent:
            return Percent(Decimal(value))
        if hint is Decimal:
            return Decimal(value)
        if hint is bool:
            return bool(value)
        if hint is int:
            return int(value)
        if hint is str:
            return code(value)
        if hint is dt.date:
            return value
    raise TypeError(f"spec.model declares a type contract.build cannot convert: {hint!r}")


_Fields = tuple[tuple[dataclasses.Field[Any], tuple[str, ...], Any], ...]
_FIELDS: dict[type[Record], _Fields] = {}


def _fields(cls: type[Record]) -> _Fields:
    """(field, spec key, type) of each field of a record that the spec gives: worked out once per
    class (get_type_hints evaluates every annotation, and a spec may have thousands of rows)."""
    if cls not in _FIELDS:
        hints = typing.get_type_hints(cls)
        _FIELDS[cls] = tuple(
            (field, spec_key(field), hints[field.name])
            for field in dataclasses.fields(cls)
            if not field.metadata.get("derived")
        )
    return _FIELDS[cls]


def build(cls: type[R], data: dict[str, Any], at: SpecPath = (), *, skip: frozenset[str] = frozenset()) -> R:
    """The record cls from its spec mapping; fields declared derived() are left for compute, and
    fields under a top-level section in skip (one that failed its field rules) stay None."""
    values: dict[str, Any] = {"at": at}
    given: set[str] = set()
    for field, key, hint in _fields(cls):
        if key[0] in skip:
            continue
        value: Any = data
        for part in key:
            value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            value = field.metadata.get("default")
        else:
            given.add(field.name)
        values[field.name] = _convert(value, hint, at + key)
    return cls(**values, given=frozenset(given))


def build_contract(data: dict[str, Any], source: str, *, skip: frozenset[str] = frozenset()) -> Contract:
    """The contract model of field-checked spec data, before compute fills the derived fields."""
    return dataclasses.replace(build(Contract, data, skip=skip), source=source)
