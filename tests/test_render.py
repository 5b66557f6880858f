"""Rendered output: golden text, determinism, no placeholders, valid OOXML, template parity."""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest
from conftest import LANGS, SPECS
from jinja2 import meta, nodes

from generator.pipeline import load_contract
from generator.render.blocks import TEXT_WIDTH_CM, Document, Table, plain_text
from generator.render.compose import compose, templates_dir
from generator.render.environment import FILTER_NAMES
from generator.render.labels import ENUM_VALUES
from generator.render.renderer import Renderer
from generator.render.tables import TABLES
from generator.render.templates import load_templates
from generator.spec.model import Contract, Text
from generator.word.writer import build_docx

GOLDEN = Path(__file__).parent / "golden"
CASES = [(spec, lang) for spec in SPECS for lang in LANGS]
_CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


def ids(case: tuple[Path, str]) -> str:
    return f"{case[0].stem}-{case[1]}"


@pytest.fixture(scope="module")
def contracts() -> dict[Path, Contract]:
    """Each example loaded once (the model is frozen, so tests may share it)."""
    return {spec: load_contract(spec) for spec in SPECS}


@pytest.fixture(scope="module")
def rendered(contracts: dict[Path, Contract]) -> Callable[[Path, str], Document]:
    """compose() of an example in a language, once per module."""
    documents: dict[tuple[Path, str], Document] = {}

    def get(spec: Path, lang: str) -> Document:
        if (spec, lang) not in documents:
            documents[spec, lang] = compose(contracts[spec], lang)
        return documents[spec, lang]

    return get


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_golden_text(
    case: tuple[Path, str], rendered: Callable[[Path, str], Document], request: pytest.FixtureRequest
) -> None:
    spec, lang = case
    text = plain_text(rendered(spec, lang))
    golden = GOLDEN / f"{spec.stem}.{lang}.txt"
    if request.config.getoption("--update-golden"):
        golden.write_text(text, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), "golden", "rendered"))
    assert not diff, f"rendered text differs from {golden.name} (rerun with --update-golden if intended):\n{diff}"


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_no_placeholders_or_template_syntax(case: tuple[Path, str], rendered: Callable[[Path, str], Document]) -> None:
    text = plain_text(rendered(*case))
    for bad in ("{{", "}}", "{%", "%}", "None", "TODO", "（）", "()", "【】", "Undefined", "§", "@table"):
        assert bad not in text, f"{bad!r} in output"


def untranslated_values(value: object) -> set[str]:
    """The Chinese of every spec text in the model that has no English."""
    if isinstance(value, Text):
        return {value.zh} if value.en is None else set()
    if dataclasses.is_dataclass(value):
        return set().union(*(untranslated_values(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, tuple):
        return set().union(*(untranslated_values(v) for v in value))
    return set()


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_english_has_no_chinese_and_chinese_no_english_template_text(
    spec: Path, contracts: dict[Path, Contract], rendered: Callable[[Path, str], Document]
) -> None:
    contract = contracts[spec]
    english = plain_text(rendered(spec, "en"))
    # Chinese may appear in English output only where a spec value has no English.
    for chinese in sorted(untranslated_values(contract), key=len, reverse=True):
        english = english.replace(chinese, "")
    assert not _CJK.findall(english)
    # ASCII words in the Chinese contract come only from the spec (numbers, codes, standards).
    source = spec.read_text(encoding="utf-8")
    chinese_text = plain_text(rendered(spec, "zh"))
    for word in set(re.findall(r"[A-Za-z]{2,}", chinese_text)):
        assert word in source, f"English word {word!r} in the Chinese contract comes from no spec value"


def test_real_examples_are_fully_translated(rendered: Callable[[Path, str], Document]) -> None:
    for spec in SPECS:
        if spec.stem.startswith("example-"):
            continue  # the made-up example is Chinese-only on purpose
        assert rendered(spec, "en").warnings == (), spec.name


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_tables_fill_the_text_width(case: tuple[Path, str], rendered: Callable[[Path, str], Document]) -> None:
    for block in rendered(*case).blocks:
        if isinstance(block, Table):
            assert TEXT_WIDTH_CM - 0.1 <= sum(block.widths) <= TEXT_WIDTH_CM, block.header


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_two_renders_are_byte_identical(case: tuple[Path, str], rendered: Callable[[Path, str], Document]) -> None:
    # One document from the shared model, one from a fresh load and render of the spec.
    assert build_docx(rendered(*case)) == build_docx(compose(load_contract(case[0]), case[1]))


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_openxml_audit_reports_no_errors(
    case: tuple[Path, str], rendered: Callable[[Path, str], Document], tmp_path: Path
) -> None:
    from openxml_audit import OpenXmlValidator

    path = tmp_path / "out.docx"
    path.write_bytes(build_docx(rendered(*case)))
    result = OpenXmlValidator().validate(str(path))
    assert result.error_count == 0, [e.description for e in result.errors]


def _template_signature(env: jinja2.Environment, name: str) -> tuple[set[str], list[str]]:
    """The variables a template reads and the conditions it tests, in order."""
    source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
    tree = env.parse(source)
    variables = set(meta.find_undeclared_variables(tree))
    attributes = {chain for n in tree.find_all(nodes.Getattr) if (chain := _chain(n))}
    conditions = []
    for node in tree.find_all((nodes.If, nodes.CondExpr, nodes.For)):
        test = node.test if not isinstance(node, nodes.For) else node.iter
        if test is not None:
            conditions.append(_dump(test))
    refs = sorted(
        str(n.args[0].value) if isinstance(n.args[0], nodes.Const) else f"({_dump(n.args[0])})"  # ref(id) in a loop
        for n in tree.find_all(nodes.Call)
        if isinstance(n.node, nodes.Name) and n.node.name in ("ref", "annex_title") and n.args
    )
    return variables | attributes | {f"ref:{r}" for r in refs}, sorted(conditions)


def _chain(node: nodes.Getattr) -> str | None:
    """'c.service.setup.count' for a chain of attributes on a name, else None."""
    parts = []
    current: nodes.Node = node
    while isinstance(current, nodes.Getattr):
        parts.append(current.attr)
        current = current.node
    return ".".join([current.name, *reversed(parts)]) if isinstance(current, nodes.Name) else None


def _dump(node: nodes.Node) -> str:
    # Language-specific literals (e.g. 'scope' in c.annexes) are part of the condition; strings in
    # conditions that are output text are not conditions, so only names/attrs/consts compare.
    return repr(node)


def template_pairs() -> list[str]:
    folder = templates_dir() / "clauses"
    stems = sorted({p.name.rsplit(".", 2)[0] for p in folder.glob("*.j2")})
    return stems


def test_every_clause_exists_in_both_languages() -> None:
    folder = templates_dir() / "clauses"
    for stem in template_pairs():
        assert (folder / f"{stem}.zh.j2").is_file(), f"{stem}.zh.j2 missing"
        assert (folder / f"{stem}.en.j2").is_file(), f"{stem}.en.j2 missing"
    import yaml

    manifest = yaml.safe_load((templates_dir() / "contract.yaml").read_text(encoding="utf-8"))
    for entry in manifest["articles"]:
        assert set(entry["title"]) == {"zh", "en"}
        assert entry["id"] in template_pairs()


@pytest.mark.parametrize("stem", template_pairs())
def test_clause_parity_same_variables_and_conditions(stem: str) -> None:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir() / "clauses")))
    env.filters.update({name: str for name in FILTER_NAMES})
    zh_vars, zh_conditions = _template_signature(env, f"{stem}.zh.j2")
    en_vars, en_conditions = _template_signature(env, f"{stem}.en.j2")
    assert zh_vars == en_vars, f"{stem}: variables differ: zh-only {zh_vars - en_vars}, en-only {en_vars - zh_vars}"
    assert _strip_strings(zh_conditions) == _strip_strings(en_conditions), f"{stem}: conditions differ"


def _strip_strings(conditions: list[str]) -> list[str]:
    """Conditions compared without their inline output literals (translated text)."""
    return [re.sub(r"Const\(value='[^']*[^\x00-\x7f][^']*'\)", "Const(text)", c) for c in conditions]


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("{% if c.security %}{{ c.total | money }}{% endif %}", "{{ c.total | money }}"),  # a condition dropped
        ("{{ c.service.acceptance_working_days }}个工作日", "{{ c.service.setup.count }} working days"),  # other field
        ("见{{ ref('payment') }}", "see {{ ref('price') }}"),  # another cross-reference
    ],
)
def test_parity_check_catches_a_broken_translation(zh: str, en: str) -> None:
    env = jinja2.Environment(loader=jinja2.DictLoader({"a.zh.j2": zh, "a.en.j2": en}))
    env.filters.update({name: str for name in FILTER_NAMES})
    assert _template_signature(env, "a.zh.j2") != _template_signature(env, "a.en.j2")


def test_examples_render_every_clause_annex_and_table(
    contracts: dict[Path, Contract], rendered: Callable[[Path, str], Document]
) -> None:
    # The golden texts pin only what some example renders: a clause, annex or table that none
    # of them reaches would change unseen.
    templates = load_templates()
    clauses = {entry["id"] for spec in SPECS for entry in Renderer(contracts[spec], "en", "en", templates).plan.entries}
    inserted = {new.id for c in contracts.values() if c.articles for new in c.articles.insert}
    assert clauses - inserted == {entry["id"] for entry in templates.manifest["articles"]}
    assert {name for c in contracts.values() for name in c.annexes} == set(ENUM_VALUES["annex"])
    headers = {block.header for spec in SPECS for block in rendered(spec, "zh").blocks if isinstance(block, Table)}
    for name in TABLES:
        table = "score_bands" if name == "bands" else name
        assert templates.labels.texts(f"tables.{table}", "zh")[:5] in {h[:5] for h in headers if h}, name
