"""The template folder: finding it, reading contract.yaml, labels.yaml and clauses/, and checking them on load."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import yaml

from ..errors import RenderError, dotted
from ..spec.model import ANNEX_TEMPLATES, spec_fields
from .labels import REQUIRED_LABELS, Labels, check, words


def templates_dir() -> Path:
    """templates/ of a source checkout, else the copy installed inside the package."""
    package = Path(__file__).resolve().parent.parent
    source = package.parent / "templates"
    if (source / "contract.yaml").is_file():
        return source
    return package / "templates"


def shown(path: Path) -> str:
    """A path as a user would name it: relative to the working directory if inside."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class CompiledTemplates(jinja2.BytecodeCache):
    """The templates of one folder compiled once per process. Each renderer has an environment of
    its own (its filters speak its language and its contract), so without this every render
    compiled the same templates again (a third of a render). An entry is keyed by the template's
    name and checked against its source, so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


@dataclass(frozen=True)
class TemplateSet:
    """A checked folder of templates: contract.yaml (clause order), labels.yaml and clauses/*.j2."""

    root: Path
    manifest: dict[str, Any]
    labels: Labels
    loader: jinja2.BaseLoader
    compiled: CompiledTemplates = field(default_factory=CompiledTemplates, compare=False, repr=False)
    # article id -> the names of its '§[name]' sub-clauses, which a spec's articles: and ref() address
    subclauses: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)

    def subclause_gists(self) -> dict[str, dict[str, str]]:
        """Each article's named sub-clauses with the start of their Chinese text (what `schema` lists)."""
        gists: dict[str, dict[str, str]] = {}
        for article, names in self.subclauses.items():
            source = (self.root / "clauses" / f"{article}.zh.j2").read_text(encoding="utf-8")
            found: dict[str, str] = {}
            for m in _SUBCLAUSE_LINE.finditer(source):  # the first of two branches that share a name
                found.setdefault(_listed(m.group(1), m.group(2)), _gist(m.group(3)))
            gists[article] = {name: found[name] for name in names}
        return gists

    def subclause_condition(self, article: str, name: str) -> str | None:
        """The conditions of the Chinese template under which a named sub-clause (deduction_2 as
        deduction_N) prints (the `if`s around its line, joined by 'and'; a local name set from the contract written out); None if it
        always prints. Branches that share a name are joined by 'or'. An annex's paragraph prints only
        when the spec attaches the annex."""
        source = (self.root / "clauses" / f"{article}.zh.j2").read_text(encoding="utf-8")
        aliases: dict[str, str] = dict(_ALIAS.findall(source))  # {% set l = c.liability %}

        def spelt(expression: str) -> str:  # l.breach_penalty -> c.liability.breach_penalty; cure -> c.…
            return re.sub(r"(?<![\w.'])[a-z_]+\b", lambda m: aliases.get(m.group(), m.group()), expression)

        annex = article.removeprefix("annex_") if article in ANNEX_TEMPLATES else None
        stack: list[str] = [f"annexes lists {annex}"] if annex else []
        found: set[tuple[str, ...]] = set()
        for line in source.splitlines():
            block = _BLOCK_TAG.fullmatch(line.strip())
            if block:
                tag, expression = block.group(1), spelt((block.group(2) or "").strip())
                if tag in ("if", "for"):
                    loop = expression.split(" in ", 1)[-1].split(" if ", 1)[0]
                    stack.append(expression if tag == "if" else f"{loop} has an item for it")
                elif tag == "elif" and stack:
                    stack[-1] = expression
                elif tag == "else" and stack:
                    stack[-1] = f"not ({stack[-1]})"
                elif tag in ("endif", "endfor") and stack:
                    stack.pop()
                continue
            named = _SUBCLAUSE_LINE.match(line)
            if named and _listed(named.group(1), named.group(2)) == self.listed_name(article, name):
                found.add(tuple(stack))
        # an if and its else that both print the sub-clause print it either way
        merged = True
        while merged:
            merged = False
            for conditions in list(found):
                if conditions and conditions[:-1] + (f"not ({conditions[-1]})",) in found:
                    found -= {conditions, conditions[:-1] + (f"not ({conditions[-1]})",)}
                    found.add(conditions[:-1])
                    merged = True
                    break
        if not found or () in found:
            return None
        return " or ".join(sorted(" and ".join(conditions) for conditions in found))

    def subclause_switches(self, article: str, name: str) -> tuple[str, str] | None:
        """When a named sub-clause prints, in the terms of the spec, and what a spec changes to print
        it: ('liability.buyer_late_payment_days is given', 'set liability.buyer_late_payment_days');
        None if it always prints."""
        condition = self.subclause_condition(article, name)
        return None if condition is None else worded_condition(condition)

    def listed_name(self, article: str, name: str) -> str | None:
        """How the templates of article list a sub-clause name (deduction_N for deduction_2); None if
        they do not name it."""
        names = self.subclauses.get(article, ())
        numbered = re.fullmatch(r"(.+)_[1-9][0-9]*", name)
        if name in names:
            return name
        return numbered.group(1) + NUMBERED if numbered and numbered.group(1) + NUMBERED in names else None

    def annexes_named(self) -> tuple[str, ...]:
        """The annex templates that name paragraphs or sub-clauses a spec's articles: may change
        (annex_fee_schedule.intro), as if they were articles."""
        return tuple(template for template in ANNEX_TEMPLATES if template in self.subclauses)

    def names_subclause(self, article: str, name: str) -> bool:
        """The templates of article name a sub-clause name (deduction_2 for a numbered deduction_N)."""
        return self.listed_name(article, name) is not None

    def where(self, name: str) -> str:
        """A file of the folder (e.g. 'clauses/payment.zh.j2') for an error message."""
        return shown(self.root / name)


# A condition of a template over the contract model: a chain of attributes of c (c.clauses.data_security),
# negated or compared with a quoted value, or a loop over one; or the spec's leaving out an article.
_ATOM = re.compile(
    r"(?P<not>not\s+)?(?P<open>\()?(?<![\w.])c(?P<chain>(?:\.[a-z_]+)+)(?(open)\))"
    r"(?P<filter>(?=\s*\|(?!\s*length)))?(?P<length>\s*\|\s*length)?"
    r"(?:\s*(?P<op>==|!=)\s*(?:'(?P<value>[^']*)'|(?P<number>[0-9]+))|(?P<loop> has an item for it))?"
)
_OMITS = re.compile(r"(?P<not>not\s+)?c\.omits\('(?P<id>[a-z_.]+)'\)")


def worded_condition(condition: str) -> tuple[str, str]:
    """A template's condition (subclause_condition) in the terms of the spec, and what a spec changes
    to make it true: 'c.liability.breach_penalty' -> ('liability.breach_penalty_percent is given',
    'set liability.breach_penalty_percent'); a part that reads no spec field is kept as written."""
    changes: dict[str, list[str]] = {"set": [], "change": [], "add an item to": []}

    def worded(m: re.Match[str]) -> str:
        fields = spec_fields(tuple(m["chain"][1:].split(".")))
        if not fields:
            return m.group()
        paths = " or ".join(dotted(path) for path, _ in fields)
        kind, default = fields[0][1].metadata["rule"]["type"], fields[0][1].metadata.get("default")
        if m["filter"] is not None:  # c.instalments | selectattr(…): the field, its filter kept
            verb, words = "change", paths
        elif m["loop"]:
            verb, words = "add an item to", f"{paths} has an item for it"
        elif m["op"]:
            negated = "not " if m["op"] == "!=" else ""
            if m["length"]:  # c.service.standards | length == 1
                verb, words = "change", f"{paths} has {negated}{m['number']} item(s)"
            else:
                verb, words = "change", f"{paths} is {negated}{m['value'] if m['value'] is not None else m['number']}"
        elif kind == "boolean":
            verb, words = ("change", f"{paths} is false") if m["not"] else ("set", f"{paths} is true")
        elif m["not"]:
            verb, words = "change", f"{paths} is not given"
        else:
            verb, words = "set", f"{paths} is {'not 0' if isinstance(default, int) else 'given'}"
        for path, _ in fields:
            if not any(dotted(path) in listed for listed in changes.values()):
                changes[verb].append(dotted(path))
        return words

    def omitted(m: re.Match[str]) -> str:
        if "articles.omit" not in changes["change"]:
            changes["change"].append("articles.omit")
        return f"articles.omit {'does not list' if m['not'] else 'lists'} {m['id']}"

    text = _ATOM.sub(worded, _OMITS.sub(omitted, condition))
    hint = "; ".join(f"{verb} {', '.join(paths)}" for verb, paths in changes.items() if paths)
    return text, hint


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise RenderError(f"{path}: cannot read: {e}") from e


_TITLE = words()
_ANNEX_TITLE = words("n", "title")


def _manifest_problems(manifest: Any) -> list[str]:
    if not isinstance(manifest, dict):
        return ["contract: should be a mapping with articles and annex_title"]
    problems = check(manifest.get("annex_title"), _ANNEX_TITLE, "contract.annex_title")
    articles = manifest.get("articles")
    if not isinstance(articles, list) or not articles:
        return [*problems, "contract.articles: should be a list of articles"]
    seen: set[str] = set()
    for i, entry in enumerate(articles):
        key = f"contract.articles[{i}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            problems.append(f"{key}.id: missing")
            continue
        if entry["id"] in seen:
            problems.append(f"{key}.id: {entry['id']} is listed twice")
        seen.add(entry["id"])
        problems.extend(check(entry.get("title"), _TITLE, f"{key}.title"))
        if not isinstance(entry.get("when", ""), str):
            problems.append(f"{key}.when: should be an expression")
    return problems


# '§[name] ' (or '¶[name] ', a paragraph without a number) or, inside a loop, '§[name_{{ loop.index }}] ': one sub-clause per item, named name_1,
# name_2 …, listed as name_N.
_NAME = r"([a-z][a-z0-9_]*?)(_\{\{\s*loop\.index\s*\}\})?"
_SUBCLAUSE_LINE = re.compile(rf"^\s*[§¶]\[{_NAME}\] (.*)$", re.MULTILINE)
NUMBERED = "_N"


def _listed(name: str, numbered: str | None) -> str:
    return name + NUMBERED if numbered else name


_ALIAS = re.compile(r"\{%-?\s*set\s+([a-z_]+)\s*=\s*(c(?:\.[a-z_]+)+)\s*-?%\}")
_BLOCK_TAG = re.compile(r"\{%-?\s*(if|elif|else|endif|for|endfor)\b(.*?)-?%\}")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def _gist(template_line: str, length: int = 36) -> str:
    """The start of a sub-clause's template text, its Jinja shown as …."""
    text = re.sub(r"(…\s*)+", "…", _JINJA.sub("…", template_line)).strip()
    return text if len(text) <= length else text[:length] + "…"


def _subclause_names(folder: Path, manifest: dict[str, Any]) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """Each article's and annex's named sub-clauses and paragraphs, in template order (a name may
    stand in two branches of an if); the problems if the Chinese and English templates name different ones."""
    names: dict[str, tuple[str, ...]] = {}
    problems: list[str] = []
    for template in [entry["id"] for entry in manifest["articles"]] + list(ANNEX_TEMPLATES):
        found = {}
        for lang in ("zh", "en"):
            path = folder / "clauses" / f"{template}.{lang}.j2"
            source = path.read_text(encoding="utf-8") if path.is_file() else ""
            found[lang] = tuple(
                dict.fromkeys(_listed(m.group(1), m.group(2)) for m in _SUBCLAUSE_LINE.finditer(source))
            )
        if found["zh"] != found["en"]:
            problems.append(
                f"{shown(folder / 'clauses' / template)}.*.j2: the zh and en templates name different "
                f"sub-clauses: {', '.join(found['zh'])} / {', '.join(found['en'])}"
            )
        if found["zh"] or template not in ANNEX_TEMPLATES:
            names[template] = found["zh"]
    return names, problems


@cache
def load_templates(root: Path | None = None) -> TemplateSet:
    """The template set at root (default: the project's templates/); RenderError listing what is wrong."""
    folder = Path(root) if root is not None else templates_dir()
    if not (folder / "contract.yaml").is_file() or not (folder / "clauses").is_dir():
        raise RenderError(f"{folder}: not a template folder (needs contract.yaml, labels.yaml and clauses/)")
    manifest = _read_yaml(folder / "contract.yaml")
    labels = _read_yaml(folder / "labels.yaml")
    problems = [f"{shown(folder / 'contract.yaml')}: {p}" for p in _manifest_problems(manifest)]
    if not isinstance(labels, dict):
        problems.append(f"{shown(folder / 'labels.yaml')}: labels: should be a mapping")
    else:
        problems.extend(f"{shown(folder / 'labels.yaml')}: {p}" for p in check(labels, REQUIRED_LABELS, "labels"))
    subclauses: dict[str, tuple[str, ...]] = {}
    if not problems:
        subclauses, naming = _subclause_names(folder, manifest)
        problems.extend(naming)
    if problems:
        raise RenderError("\n".join(problems))
    loader = jinja2.FileSystemLoader(str(folder / "clauses"))
    return TemplateSet(folder, manifest, Labels(labels), loader, subclauses=subclauses)
