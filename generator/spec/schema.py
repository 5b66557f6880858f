"""The cerberus schema of the spec, derived from the declarations in spec.model, and its exports:
`describe()` (the reference printed by `contractgen schema`) and `json_schema()` (for editors)."""

from __future__ import annotations

import copy
import dataclasses
import types
import typing
from decimal import Decimal
from typing import Any

from .model import BLANK_WORD, WORKING_DAYS, Contract, spec_key


def _record_type(hint: Any) -> Any:
    """The dataclass inside Optional[...] or tuple[..., ...]."""
    args = [a for a in typing.get_args(hint) if a is not type(None) and a is not Ellipsis]
    if typing.get_origin(hint) in (typing.Union, types.UnionType, tuple) and len(args) == 1:
        return _record_type(args[0])
    return hint


def record_schema(cls: type, side: str = "") -> dict[str, Any]:
    """The cerberus schema of a declared record: each field's rule at its key, in declaration order;
    mappings that only group fields (GROUPS) are made on the way."""
    hints = typing.get_type_hints(cls)
    fields: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if field.metadata.get("derived"):
            continue
        rule = copy.deepcopy(field.metadata["rule"])
        rule["meta"]["doc"] = rule["meta"]["doc"].replace("{side}", side)
        inner_side = rule.pop("side", side)
        if rule["type"] == "dict":
            rule["schema"] = record_schema(_record_type(hints[field.name]), inner_side)
        elif rule["type"] == "list" and rule["schema"]["type"] == "dict":
            rule["schema"]["schema"] = record_schema(_record_type(hints[field.name]), inner_side)
        key = spec_key(field)
        node = fields
        for depth, part in enumerate(key[:-1]):
            if part not in node:
                doc, required = cls.GROUPS[".".join(key[: depth + 1])]  # type: ignore[attr-defined]
                node[part] = {"type": "dict", "required": required, "schema": {}, "meta": {"doc": doc}}
            node = node[part]["schema"]
        node[key[-1]] = rule
    return fields


SCHEMA: dict[str, Any] = record_schema(Contract)


def show_default(value: Any) -> str:
    """A default as a spec would write it: false, 7, 7×24小时 / 24 hours a day, 7 days a week."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return " / ".join(str(v) for v in value.values())
    return str(value)


def _walk(rule: dict[str, Any], path: str, lines: list[str]) -> None:
    doc = rule.get("meta", {}).get("doc", "")
    kind = rule.get("type", "")
    extra = []
    if "allowed" in rule:
        extra.append("one of: " + ", ".join(map(str, rule["allowed"])))
    if "min" in rule and kind in ("integer", "days", "decimal", "money", "date") and rule["min"]:
        extra.append(f"min {rule['min']}")
    if "max" in rule:
        extra.append(f"max {rule['max']}")
    if rule.get("meta", {}).get("default") is not None:
        extra.append(f"default {show_default(rule['meta']['default'])}")
    required = "required" if rule.get("required") else "optional"
    label = {"list": "list", "dict": "mapping"}.get(kind, kind)
    lines.append(f"{path}  [{label}, {required}]  {doc}" + (f"; {'; '.join(extra)}" if extra else ""))
    if kind == "dict":
        for name, sub in rule["schema"].items():
            _walk(sub, f"{path}.{name}", lines)
    elif kind == "list":
        _walk(rule["schema"], f"{path}[]", lines)


def describe() -> str:
    """A readable reference of every spec field, generated from SCHEMA."""
    lines = ["contractgen spec format, version 1 (every field; dotted paths, [] = list item)", ""]
    for name, rule in SCHEMA.items():
        _walk(rule, name, lines)
    return "\n".join(lines) + "\n"


_TEXT_JSON = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "properties": {"zh": {"type": "string"}, "en": {"type": "string"}},
            "required": ["zh"],
            "additionalProperties": False,
        },
    ]
}


def _to_json(rule: dict[str, Any]) -> dict[str, Any]:
    kind = rule.get("type")
    out: dict[str, Any]
    if kind == "text":
        out = dict(_TEXT_JSON)
    elif kind == "code":
        out = {"type": ["string", "integer"]}
    elif kind in ("money", "decimal"):
        out = {"type": "number"}
    elif kind == "integer":
        out = {"type": "integer"}
    elif kind == "days":  # 7, or {working_days: 5}
        count = {"type": "integer", "minimum": rule["min"], "maximum": rule["max"]}
        working = {"type": "object", "properties": {WORKING_DAYS: count}, "required": [WORKING_DAYS]}
        out = {"anyOf": [count, {**working, "additionalProperties": False}]}
    elif kind == "boolean":
        out = {"type": "boolean"}
    elif kind == "date":
        out = {"type": "string", "format": "date"}
    elif kind == "date_or_blank":
        out = {"anyOf": [{"type": "string", "format": "date"}, {"const": BLANK_WORD}]}
    elif kind == "dict":
        out = {
            "type": "object",
            "properties": {k: _to_json(v) for k, v in rule["schema"].items()},
            "required": [k for k, v in rule["schema"].items() if v.get("required")],
            "additionalProperties": False,
        }
    elif kind == "list":
        out = {"type": "array", "items": _to_json(rule["schema"])}
        if "minlength" in rule:
            out["minItems"] = rule["minlength"]
    else:
        out = {"type": "string"}
    if "allowed" in rule:
        out["enum"] = list(rule["allowed"])
    if "min" in rule and kind in ("integer", "decimal", "money"):
        if isinstance(rule["min"], Decimal):  # 0.01 元: for whole-分 amounts, the same as > 0
            out["exclusiveMinimum"] = 0
        else:
            out["minimum"] = rule["min"]
    if "max" in rule and kind not in ("date", "days"):
        out["maximum"] = rule["max"]
    doc = rule.get("meta", {}).get("doc")
    if doc:
        out["description"] = doc
    return out


def json_schema() -> dict[str, Any]:
    """JSON Schema (draft-07) of the spec, for editor completion and inline errors."""
    root = _to_json({"type": "dict", "schema": SCHEMA})
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://contractgen.invalid/spec-v1.json",
        "title": "contractgen spec",
        **root,
    }
