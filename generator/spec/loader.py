"""Reading a spec file: YAML text -> plain data with the file/line/column of every value.

Numbers are exact: a YAML float such as 2700000.6 becomes Decimal("2700000.6") from its text,
never through float. Duplicate keys, syntax errors, non-UTF-8 bytes and a document that is not
a mapping are reported as SpecError with their line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Location, SpecError, SpecIssue
from ..files import read_bytes

Path_ = tuple[str | int, ...]

_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_STR_TAG = "tag:yaml.org,2002:str"
_PLAIN_DECIMAL = re.compile(r"^[-+]?(\d[\d_]*)?(\.\d[\d_]*)?([eE][-+]?\d+)?$")


class SourceInt(int):
    """An int from YAML that remembers its text, so '0200…' account numbers keep their zeros."""

    text: str

    def __new__(cls, text: str) -> SourceInt:
        value = super().__new__(cls, int(text.replace("_", "")))
        value.text = text
        return value


@dataclass
class LoadedSpec:
    """A spec as data, plus where each value (and each mapping key) stands in the file."""

    file: str
    data: dict[str, Any]
    value_locations: dict[Path_, Location] = field(default_factory=dict)
    key_locations: dict[Path_, Location] = field(default_factory=dict)

    def locate(self, path: Path_, *, key: bool = False) -> Location:
        """Location of path's value (or key), falling back to the nearest located ancestor."""
        table = self.key_locations if key else self.value_locations
        if path in table:
            return table[path]
        for end in range(len(path) - 1, -1, -1):
            if path[:end] in self.value_locations:
                return self.value_locations[path[:end]]
        return Location(self.file, 1, 1)


class _Builder:
    """Turns a composed YAML node tree into Python values, recording locations."""

    def __init__(self, spec: LoadedSpec):
        self.spec = spec
        self.issues: list[SpecIssue] = []
        self._constructor = SafeConstructor()

    def _loc(self, node: Node) -> Location:
        return Location(self.spec.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: Node, path: Path_) -> Any:
        self.spec.value_locations[path] = self._loc(node)
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self._scalar(node, path)

    def _mapping(self, node: MappingNode, path: Path_) -> dict[str, Any]:
        self._constructor.flatten_mapping(node)  # resolves YAML merge keys (<<: *anchor)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._issue(key_node, path, "a mapping key must be a plain name")
                continue
            key = str(key_node.value)
            if key in result:
                first = self.spec.key_locations[path + (key,)]
                self._issue(key_node, path + (key,), f"duplicate key (first defined at line {first.line})")
                continue
            self.spec.key_locations[path + (key,)] = self._loc(key_node)
            result[key] = self.build(value_node, path + (key,))
        return result

    def _scalar(self, node: ScalarNode, path: Path_) -> Any:
        text = node.value
        if node.tag == _INT_TAG or node.tag == _FLOAT_TAG:
            return self._number(node, path)
        if node.tag == _BOOL_TAG:
            return self._constructor.construct_yaml_bool(node)
        if node.tag == _NULL_TAG:
            return None
        if node.tag == _TIMESTAMP_TAG:
            try:
                value = self._constructor.construct_yaml_timestamp(node)
            except ValueError as e:
                self._issue(node, path, f"not a valid date: {text} ({e})")
                return text
            return value.date() if isinstance(value, dt.datetime) else value
        if node.tag != _STR_TAG:
            self._issue(node, path, f"unsupported YAML tag {node.tag}")
        return text

    def _number(self, node: ScalarNode, path: Path_) -> SourceInt | Decimal:
        text = node.value.replace("_", "")
        if node.tag == _INT_TAG and re.fullmatch(r"[-+]?\d+", text):
            return SourceInt(node.value)
        if not _PLAIN_DECIMAL.match(text):
            self._issue(node, path, f"{node.value!r} is not a plain decimal number")
            return Decimal(0)
        try:
            number = Decimal(text)
        except InvalidOperation:
            self._issue(node, path, f"{node.value!r} is not a number")
            return Decimal(0)
        if not number.is_finite():
            self._issue(node, path, f"{node.value!r} is not a finite number")
            return Decimal(0)
        return number

    def _issue(self, node: Node, path: Path_, message: str) -> None:
        self.issues.append(SpecIssue(self._loc(node), path, message))


def read_spec_text(path: Path) -> str:
    """Read a spec as UTF-8, reporting the line of the first invalid byte."""
    raw = read_bytes(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        column = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        issue = SpecIssue(
            Location(str(path), line, column),
            (),
            f"the file is not UTF-8 (byte 0x{raw[e.start]:02x}); save it as UTF-8",
        )
        raise SpecError([issue]) from e


def load_spec_text(text: str, file: str) -> LoadedSpec:
    """Parse spec text; raise SpecError listing every load problem."""
    spec = LoadedSpec(file=file, data={})
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(p for p in (e.context, e.problem) if p)
        raise SpecError([SpecIssue(Location(file, line, column), (), f"YAML syntax error: {problem}")]) from e
    except yaml.YAMLError as e:
        raise SpecError([SpecIssue(Location(file, 1, 1), (), f"YAML error: {e}")]) from e
    if root is None:
        raise SpecError([SpecIssue(Location(file, 1, 1), (), "the file is empty; a spec is a YAML mapping")])
    builder = _Builder(spec)
    data = builder.build(root, ())
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        builder.issues.append(
            SpecIssue(spec.locate(()), (), f"the document is {kind}; a spec must be a YAML mapping of fields")
        )
    if builder.issues:
        raise SpecError(builder.issues)
    spec.data = data
    return spec


def load_spec(path: Path) -> LoadedSpec:
    """Read and parse the spec file at path."""
    return load_spec_text(read_spec_text(path), str(path))
