"""Reading a spec file: YAML text -> plain data with the file/line/column of every value.

Numbers are exact: a YAML float such as 2700000.6 becomes Decimal("2700000.6") from its text,
never through float. Duplicate keys, syntax errors, non-UTF-8 bytes and a document that is not
a mapping are reported as SpecError with their line.

Whatever the file holds, reading it is bounded (LIMITS: file size, nesting depth, values after
alias expansion, digits of a number, characters of a value) and every problem is a located
issue. A value the loader cannot construct (an impossible date, an unknown tag, a number out of
range) is reported and left out, and reading goes on, so the field rules still report the rest.
Lines and columns count only \\n, \\r\\n and \\r as line breaks, as editors do.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from ..errors import Location, SpecError, SpecIssue
from ..files import read_bytes

try:  # libyaml's scanner and parser, in C: several times faster than PyYAML's own
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml: the pure-Python reader does the same, slower
    CParser = None  # type: ignore[assignment,misc]

Path_ = tuple[str | int, ...]

# --- limits (documented in README, "Limits") -----------------------------------------------------
# A real spec is 5–15 KB with 200–400 values, nested 6 deep. The limits leave room for a spec with
# 5,000 rows in every table (2.4 MB, 385,000 values: the benchmark's largest) and refuse anything
# far beyond it before it costs more than a few seconds or a few hundred MiB.
MAX_SPEC_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 32  # mappings and lists inside each other
MAX_NODES = 500_000  # keys and values, each alias counted as a copy of what it names
MAX_ITEMS = 10_000  # items of one list, keys of one mapping (a fee schedule has a few dozen lines)
MAX_VALUE_CHARS = 20_000  # one scalar; fields have lower limits of their own (spec.model)
MAX_KEY_CHARS = 100  # a key (the longest field name has 30)
MAX_INTEGER_DIGITS = 30  # a whole number (account numbers written without quotes are codes)
MAX_WHOLE_DIGITS = 15  # digits before the point of a number written with a point or exponent
MAX_DECIMAL_PLACES = 10  # digits after the point (trailing zeros not counted)
MAX_CHARACTER_ISSUES = 10  # listed one by one; the rest are counted in one more issue

_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_KEY_TAGS = {_STR_TAG, _INT_TAG, _FLOAT_TAG, _BOOL_TAG, _NULL_TAG, _TIMESTAMP_TAG}
_NULL_TEXTS = {"", "~", "null", "Null", "NULL"}
_PLAIN_DECIMAL = re.compile(r"^[-+]?(\d[\d_]*)?(\.\d[\d_]*)?([eE][-+]?\d+)?$")

# What PyYAML's reader refuses (it would stop at the first, located by character offset), plus
# the characters it takes for line breaks though editors show none: U+0085, U+2028, U+2029. A
# line break nobody sees could move text into a new key, so these are refused everywhere.
_REFUSED_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
    # bidirectional embeddings, overrides and isolates: they make a line read differently
    # from how it is stored ("Trojan Source"), so a reviewer would not see what is parsed
    "|[\u202a-\u202e\u2066-\u2069]"
)


def describe_character(ch: str) -> str:
    """'U+0001 (a control character)', 'U+202E (RIGHT-TO-LEFT OVERRIDE)'."""
    code = f"U+{ord(ch):04X}"
    if unicodedata.category(ch) == "Cc":
        return f"{code} (a control character)"
    if unicodedata.category(ch) == "Cs":
        return f"{code} (half of a surrogate pair)"
    return f"{code} ({unicodedata.name(ch, 'a noncharacter')})"


def _character_problem(ch: str) -> str:
    if ch in "\x85\u2028\u2029":
        return (
            f"character {describe_character(ch)} is read by YAML as a line break though editors "
            "show none; replace it with a newline or delete it"
        )
    return f"character {describe_character(ch)} is not allowed in a spec; delete it"


class SourceInt(int):
    """An int from YAML that remembers its text, so '0200…' account numbers keep their zeros."""

    text: str

    def __new__(cls, text: str) -> SourceInt:
        value = super().__new__(cls, int(text.replace("_", "")))
        value.text = text
        return value


@dataclass
class LoadedSpec:
    """A spec as data, plus where each value (and each mapping key) stands in the file.

    issues: what the loader could not read (the value is left out of data, as None), and
    unreadable: the paths of those values, whose field rules would only repeat the issue.
    """

    file: str
    data: dict[str, Any]
    value_locations: dict[Path_, Location] = field(default_factory=dict)
    key_locations: dict[Path_, Location] = field(default_factory=dict)
    issues: list[SpecIssue] = field(default_factory=list)
    unreadable: set[Path_] = field(default_factory=set)

    def locate(self, path: Path_, *, key: bool = False) -> Location:
        """Location of path's value (or key), falling back to the nearest located ancestor."""
        table = self.key_locations if key else self.value_locations
        if path in table:
            return table[path]
        for end in range(len(path) - 1, -1, -1):
            if path[:end] in self.value_locations:
                return self.value_locations[path[:end]]
        return Location(self.file, 1, 1)

    def is_unreadable(self, path: Path_) -> bool:
        """Whether path is, or lies inside, a value the loader could not read."""
        return any(path[:end] in self.unreadable for end in range(len(path) + 1))


class _Lines:
    """Character offset -> line and column, counting \\n, \\r\\n and \\r as line breaks."""

    def __init__(self, text: str, file: str):
        self.file = file
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def location(self, index: int) -> Location:
        line = bisect.bisect_right(self.starts, index)
        return Location(self.file, line, index - self.starts[line - 1] + 1)

    def mark(self, mark: yaml.Mark | None) -> Location:
        return self.location(mark.index) if mark is not None else Location(self.file, 1, 1)


class _Refused(Exception):
    """Reading stops: the document is too deep, too large, or contains itself."""

    def __init__(self, mark: Any, message: str):  # a yaml Mark (typed loosely by types-PyYAML)
        super().__init__(message)
        self.mark = mark
        self.message = message


class _BoundedComposer(Composer):
    """PyYAML's composer, with the depth and the expanded size of the document bounded.

    An alias is a reference to a node composed before; building the data copies it, so a few
    hundred bytes of nested aliases ("billion laughs") would expand to gigabytes. The composer
    counts every node with each alias counted at the size of what it names, and stops at
    MAX_NODES; an alias inside the node it names (a value that contains itself) is refused.
    """

    peek_event: Callable[[], Any]  # the parser's, in the loader this is mixed into

    def _start_bounds(self) -> None:
        self.depth = 0  # nodes being composed around the current one
        self.reach = 0  # the deepest depth reached inside the current node, aliases expanded
        self.nodes = 0
        self.anchored: dict[int, tuple[int, int]] = {}  # id(anchored node) -> (expanded size, height)

    _too_deep = f"values are nested more than {MAX_DEPTH} deep (aliases expanded); a spec nests about 6"

    def _too_many(self, mark: Any) -> _Refused:
        return _Refused(
            mark,
            f"the spec has more than {MAX_NODES:,} values (an alias * counts as a copy of what it names); "
            "a spec has a few hundred",
        )

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            target = self.anchors.get(event.anchor)
            if target is not None:  # (an unknown alias is PyYAML's error)
                if id(target) not in self.anchored:  # still being composed: the alias is inside it
                    raise _Refused(
                        event.start_mark,
                        f"alias *{event.anchor} is inside &{event.anchor}: a value cannot contain itself",
                    )
                size, height = self.anchored[id(target)]
                self.nodes += size
                if self.nodes > MAX_NODES:
                    raise self._too_many(event.start_mark)
                if self.depth + height > MAX_DEPTH:
                    raise _Refused(event.start_mark, self._too_deep)
                self.reach = max(self.reach, self.depth + height)
            return super().compose_node(parent, index)
        if self.depth >= MAX_DEPTH:
            raise _Refused(event.start_mark, self._too_deep)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self._too_many(event.start_mark)
        start, outer_reach = self.nodes - 1, self.reach
        self.depth += 1
        self.reach = self.depth
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        if event.anchor is not None:
            self.anchored[id(node)] = (self.nodes - start, self.reach - self.depth)
        self.reach = max(outer_reach, self.reach)
        return node


class _BoundedLoader(_BoundedComposer, yaml.SafeLoader):
    """PyYAML's pure-Python reader, scanner and parser under the bounded composer: the reference
    whose syntax messages are reported, and the reader when libyaml is not installed."""

    def __init__(self, text: str):
        yaml.SafeLoader.__init__(self, text)
        self._start_bounds()


if CParser is not None:

    class _LibyamlLoader(_BoundedComposer, CParser, SafeConstructor, Resolver):
        """libyaml's scanner and parser (C) under the same bounded composer (Python): the same nodes
        and the same locations, read several times faster."""

        def __init__(self, text: str):
            CParser.__init__(self, text)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self._start_bounds()


def _compose(text: str) -> Node | None:
    """The document's node tree, through libyaml when it is installed. A document libyaml cannot
    parse is read again by PyYAML's own parser, whose message is the one reported: the messages
    and their locations are the same with libyaml or without it."""
    if CParser is not None:
        fast = _LibyamlLoader(text)
        try:
            return fast.get_single_node()
        except yaml.YAMLError:
            pass
        finally:
            fast.dispose()
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _decimal_places(number: Decimal) -> int:
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # finite
    trailing_zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -(exponent + trailing_zeros))


def _taken(node: MappingNode) -> Iterator[tuple[Node, Node]]:
    """A mapping node's entries in order, each taken out of the node as it is given."""
    entries, node.value = node.value, []
    entries.reverse()
    while entries:
        yield entries.pop()


class _Builder:
    """Turns a composed YAML node tree into Python values, recording locations."""

    def __init__(self, spec: LoadedSpec, lines: _Lines, *, spans: bool = True):
        self.spec = spec
        self.lines = lines
        self.issues: list[SpecIssue] = []
        self.spans = spans  # whether path_at will be asked (kept only then: a large spec has many scalars)
        self.scalars: list[tuple[int, int, Path_]] = []  # character span of each scalar, and its path
        self._constructor = SafeConstructor()

    def _loc(self, node: Node) -> Location:
        return self.lines.mark(node.start_mark)

    def build(self, node: Node, path: Path_) -> Any:
        self.spec.value_locations[path] = self._loc(node)
        if isinstance(node, MappingNode | SequenceNode) and len(node.value) > MAX_ITEMS:
            kind, items = ("mapping", "keys") if isinstance(node, MappingNode) else ("list", "items")
            self._unreadable(node, path, f"a {kind} of {len(node.value):,} {items}; at most {MAX_ITEMS:,}")
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, path, release=not path)  # () is the root's path alone
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ_TAG:
                self._issue(node, path, f"unsupported YAML tag {_short_tag(node.tag)}; a list needs none")
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        if self.spans:
            self.scalars.append((node.start_mark.index, node.end_mark.index, path))
        return self._scalar(node, path)

    def _mapping(self, node: MappingNode, path: Path_, *, release: bool = False) -> dict[str, Any]:
        """The mapping's data; with release (the root, which no alias can name), each entry's nodes
        are let go once built, so that the node tree and the data are not both whole at once."""
        if node.tag != _MAP_TAG:
            self._issue(node, path, f"unsupported YAML tag {_short_tag(node.tag)}; a mapping needs none")
        merged: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.tag == _MERGE_TAG:
                merged = {**self._merge(value_node, path), **merged}  # the first merged mapping wins
        result: dict[str, Any] = {}
        for key_node, value_node in _taken(node) if release else node.value:
            if isinstance(key_node, ScalarNode) and key_node.tag == _MERGE_TAG:
                continue
            if not isinstance(key_node, ScalarNode):
                self._issue(key_node, path, "a mapping key must be a plain name")
                continue
            key = str(key_node.value)
            if len(key) > MAX_KEY_CHARS:
                self._issue(key_node, path, f"a key of {len(key):,} characters; at most {MAX_KEY_CHARS}")
                continue
            if key_node.tag not in _KEY_TAGS:
                self._issue(key_node, path + (key,), f"unsupported YAML tag {_short_tag(key_node.tag)} on a key")
                continue
            if key in result:
                first = self.spec.key_locations[path + (key,)]
                self._issue(key_node, path + (key,), f"duplicate key (first defined at line {first.line})")
                continue
            self.spec.key_locations[path + (key,)] = self._loc(key_node)
            result[key] = self.build(value_node, path + (key,))
        return {**{k: v for k, v in merged.items() if k not in result}, **result}

    def _merge(self, node: Node, path: Path_) -> dict[str, Any]:
        """The entries a merge key (<<: *anchor or <<: [*a, *b]) brings in; the first source wins."""
        sources = node.value if isinstance(node, SequenceNode) else [node]
        if not all(isinstance(source, MappingNode) for source in sources):
            self._issue(node, path, "<< (merge) needs a mapping or a list of mappings")
            return {}
        merged: dict[str, Any] = {}
        for source in reversed(sources):
            merged.update(self._mapping(source, path))
        return merged

    def _unreadable(self, node: Node, path: Path_, message: str) -> None:
        self._issue(node, path, message)
        self.spec.unreadable.add(path)

    def _scalar(self, node: ScalarNode, path: Path_) -> Any:
        text = node.value
        if len(text) > MAX_VALUE_CHARS:
            self._unreadable(node, path, f"a value of {len(text):,} characters; at most {MAX_VALUE_CHARS:,}")
            return None
        if node.tag == _INT_TAG or node.tag == _FLOAT_TAG:
            return self._number(node, path)
        if node.tag == _BOOL_TAG:
            if text.lower() not in SafeConstructor.bool_values:
                self._unreadable(node, path, f"{_shorten(text)} is not true or false")
                return None
            return SafeConstructor.bool_values[text.lower()]
        if node.tag == _NULL_TAG:
            if text not in _NULL_TEXTS:
                self._unreadable(node, path, f"{_shorten(text)} is not null")
            return None
        if node.tag == _TIMESTAMP_TAG:
            if not SafeConstructor.timestamp_regexp.match(text):
                self._unreadable(
                    node, path, f"not a valid date: {text if len(text) <= 40 else text[:40] + '…'} (write YYYY-MM-DD)"
                )
                return None
            try:
                value = self._constructor.construct_yaml_timestamp(node)
            except (ValueError, OverflowError) as e:
                self._unreadable(node, path, f"not a valid date: {text} ({e})")
                return None
            return value.date() if isinstance(value, dt.datetime) else value
        if node.tag != _STR_TAG:
            self._unreadable(node, path, f"unsupported YAML tag {_short_tag(node.tag)}")
            return None
        return text

    def _number(self, node: ScalarNode, path: Path_) -> SourceInt | Decimal | None:
        text = node.value.replace("_", "")
        if node.tag == _INT_TAG and re.fullmatch(r"[-+]?\d+", text):
            digits = len(text.lstrip("+-"))
            if digits > MAX_INTEGER_DIGITS:
                self._unreadable(
                    node,
                    path,
                    f"a number of {digits:,} digits; at most {MAX_INTEGER_DIGITS} (write a long code in quotes)",
                )
                return None
            return SourceInt(node.value)
        if not _PLAIN_DECIMAL.match(text) or not re.search(r"\d", text):
            self._unreadable(node, path, f"{_shorten(node.value)} is not a plain decimal number")
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            self._unreadable(node, path, f"{_shorten(node.value)} is not a number")
            return None
        if not number.is_finite():
            self._unreadable(node, path, f"{_shorten(node.value)} is not a finite number")
            return None
        if number and number.adjusted() >= MAX_WHOLE_DIGITS:
            self._unreadable(
                node, path, f"{_shorten(node.value)} is too large: at most {MAX_WHOLE_DIGITS} digits before the point"
            )
            return None
        if _decimal_places(number) > MAX_DECIMAL_PLACES:
            self._unreadable(
                node, path, f"{_shorten(node.value)} has more than {MAX_DECIMAL_PLACES} digits after the point"
            )
            return None
        return number

    def _issue(self, node: Node, path: Path_, message: str) -> None:
        self.issues.append(SpecIssue(self._loc(node), path, message))

    def path_at(self, index: int) -> Path_:
        """The path of the scalar whose text holds this character offset; () outside any value."""
        for start, end, path in self.scalars:
            if start <= index < end:
                return path
        return ()


def _shorten(text: str, limit: int = 40) -> str:
    """repr of a value for a message, cut to a readable length."""
    return repr(text) if len(text) <= limit else repr(text[:limit]) + f"… ({len(text):,} characters)"


def read_spec_text(path: Path) -> str:
    """Read a spec as UTF-8, reporting the line of the first invalid byte."""
    raw = read_bytes(path, MAX_SPEC_BYTES)
    if len(raw) > MAX_SPEC_BYTES:
        raise SpecError(
            [
                SpecIssue(
                    Location(str(path), 1, 1),
                    (),
                    f"the file is larger than {MAX_SPEC_BYTES // 1024 // 1024} MiB, the largest spec read; a spec is 5–15 KB",
                )
            ]
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        column = len(raw[raw.rfind(b"\n", 0, e.start) + 1 : e.start].decode("utf-8", "replace")) + 1
        issue = SpecIssue(
            Location(str(path), line, column),
            (),
            f"the file is not UTF-8 (byte 0x{raw[e.start]:02x}); save it as UTF-8",
        )
        raise SpecError([issue]) from e


def _syntax_issue(e: yaml.MarkedYAMLError, lines: _Lines) -> SpecIssue:
    """A YAML syntax error, located where the reader can fix it: an unclosed bracket or quote at
    its opening (the parser notices only where the next thing does not fit), anything else where
    the parser stopped."""
    context, problem = e.context or "", e.problem or ""
    opening = e.context_mark is not None and (
        (context.startswith("while parsing a flow") and problem.startswith("expected ','"))
        or (context.startswith("while scanning a quoted") and ("end of stream" in problem or "separator" in problem))
    )
    if opening and e.problem_mark is not None:
        what = "[" if "sequence" in context else "{" if "mapping" in context else "quote"
        found = lines.mark(e.problem_mark)
        message = f"the {what} here is not closed (at line {found.line}, column {found.column}: {problem})"
        return SpecIssue(lines.mark(e.context_mark), (), f"YAML syntax error: {message}")
    mark = e.problem_mark or e.context_mark
    if context and e.context_mark is not None and e.problem_mark is not None:
        start = lines.mark(e.context_mark)
        context = f"{context} (from line {start.line})"
    message = " ".join(p for p in (context, problem) if p)
    return SpecIssue(lines.mark(mark), (), f"YAML syntax error: {message}")


def parse_spec_text(text: str, file: str) -> LoadedSpec:
    """Parse spec text, reading on past what cannot be read: spec.issues lists it.

    Raise SpecError only when there is no document to check (syntax error, too large, empty,
    not a mapping)."""
    spec = LoadedSpec(file=file, data={})
    lines = _Lines(text, file)
    refused = list(_REFUSED_CHARACTERS.finditer(text))
    if refused:  # reported below, once their values are known; a space keeps every offset
        text = _REFUSED_CHARACTERS.sub(" ", text)
    issues: list[SpecIssue] = []
    try:
        root = _compose(text)
    except _Refused as e:
        raise SpecError([SpecIssue(lines.mark(e.mark), (), e.message)]) from None
    except yaml.MarkedYAMLError as e:
        raise SpecError([_syntax_issue(e, lines)]) from None
    except yaml.YAMLError as e:  # a reader error has no mark; the scan above leaves none
        raise SpecError([SpecIssue(Location(file, 1, 1), (), f"YAML error: {e}")]) from None
    if root is None:
        raise SpecError([SpecIssue(Location(file, 1, 1), (), "the file is empty; a spec is a YAML mapping")])
    builder = _Builder(spec, lines, spans=bool(refused))
    data = builder.build(root, ())
    del root  # the node tree: as large again as the data, and no longer needed
    for n, match in enumerate(refused):
        if n == MAX_CHARACTER_ISSUES:
            issues.append(
                SpecIssue(
                    lines.location(match.start()),
                    (),
                    f"{len(refused) - n:,} more characters that are not allowed in a spec",
                )
            )
            break
        path = builder.path_at(match.start())
        issues.append(SpecIssue(lines.location(match.start()), path, _character_problem(match.group())))
        if path:
            spec.unreadable.add(path)
    if not isinstance(data, dict):
        if () in spec.unreadable:  # already reported: too large
            raise SpecError(builder.issues + issues)
        kind = "a list" if isinstance(data, list) else "a single value"
        builder.issues.append(
            SpecIssue(spec.locate(()), (), f"the document is {kind}; a spec must be a YAML mapping of fields")
        )
        raise SpecError(builder.issues + issues)
    spec.data = data
    spec.issues = builder.issues + issues
    return spec


def load_spec_text(text: str, file: str) -> LoadedSpec:
    """Parse spec text; raise SpecError listing every load problem."""
    spec = parse_spec_text(text, file)
    if spec.issues:
        raise SpecError(spec.issues)
    return spec


def read_spec(path: Path) -> LoadedSpec:
    """Read and parse the spec file at path, reading on past values it cannot read (spec.issues)."""
    return parse_spec_text(read_spec_text(path), str(path))


def load_spec(path: Path) -> LoadedSpec:
    """Read and parse the spec file at path; raise SpecError listing every load problem."""
    return load_spec_text(read_spec_text(path), str(path))
