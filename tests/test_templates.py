"""Template folders: clauses are reworded and added without Python; template errors are named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SPECS

from generator.errors import RenderError
from generator.pipeline import load_contract
from generator.render.blocks import plain_text
from generator.render.compose import compose
from generator.spec.model import Contract

LUOHE = next(s for s in SPECS if "luohe" in s.name)


@pytest.fixture(scope="module")
def luohe() -> Contract:
    return load_contract(LUOHE)


@pytest.fixture
def template_copy(tmp_path: Path) -> Path:
    target = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", target)
    return target


def test_an_optional_clause_is_added_and_later_clauses_renumber(template_copy: Path, luohe: Contract) -> None:
    manifest = template_copy / "contract.yaml"
    text = manifest.read_text(encoding="utf-8")
    new = '  - {id: hotline_brand, title: {zh: 热线标识, en: Hotline Branding}, when: "c.service.staff"}\n'
    manifest.write_text(text.replace("  - {id: period,", new + "  - {id: period,"), encoding="utf-8")
    (template_copy / "clauses" / "hotline_brand.zh.j2").write_text(
        "§ 乙方以{{ c.service.hotlines | join('、') }}热线名义提供服务，服务费见{{ ref('payment') }}。\n",
        encoding="utf-8",
    )
    (template_copy / "clauses" / "hotline_brand.en.j2").write_text(
        "§ Party B serves under the name of the {{ c.service.hotlines | join(', ') }} hotline; fees: {{ ref('payment') }}.\n",
        encoding="utf-8",
    )
    contract = luohe
    before = plain_text(compose(contract, "zh"))
    after = plain_text(compose(contract, "zh", template_copy))
    assert "第四条　热线标识" in after and "4.1 乙方以12345热线名义提供服务，服务费见第七条。" in after
    assert "第六条　付款方式" in before and "第七条　付款方式" in after  # renumbered, and so is every ref
    assert "Article 4  Hotline Branding" in plain_text(compose(contract, "en", template_copy))


def test_rewording_a_clause(template_copy: Path, luohe: Contract) -> None:
    clause = template_copy / "clauses" / "force_majeure.zh.j2"
    clause.write_text(
        clause.read_text(encoding="utf-8").replace("地震、洪水、火灾", "地震、台风、洪水、火灾"), encoding="utf-8"
    )
    assert "地震、台风、洪水、火灾" in plain_text(compose(luohe, "zh", template_copy))


def test_undefined_variable_names_the_template(template_copy: Path, luohe: Contract) -> None:
    clause = template_copy / "clauses" / "notices.zh.j2"
    clause.write_text(clause.read_text(encoding="utf-8") + "{{ c.no_such_field }}\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"clauses/notices\.zh\.j2: undefined variable: .*no_such_field"):
        compose(luohe, "zh", template_copy)


def test_a_filter_called_with_wrong_arguments_names_the_template(template_copy: Path, luohe: Contract) -> None:
    clause = template_copy / "clauses" / "ip.en.j2"
    clause.write_text(clause.read_text(encoding="utf-8") + "{{ 3 | plural('day') }}\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"clauses/ip\.en\.j2: plural\(\) missing 1 required positional argument"):
        compose(luohe, "en", template_copy)


def test_reference_to_a_missing_clause_is_an_error(template_copy: Path, luohe: Contract) -> None:
    clause = template_copy / "clauses" / "ip.zh.j2"
    clause.write_text(clause.read_text(encoding="utf-8") + "见{{ ref('no_such_clause') }}\n", encoding="utf-8")
    with pytest.raises(RenderError, match="refers to clause 'no_such_clause', which does not exist"):
        compose(luohe, "zh", template_copy)


def test_sub_clause_names_agree_between_languages(template_copy: Path) -> None:
    from generator.render.templates import load_templates

    clause = template_copy / "clauses" / "termination.en.j2"
    clause.write_text(clause.read_text(encoding="utf-8").replace("§[handover] ", "§[hand_over] "), encoding="utf-8")
    with pytest.raises(RenderError, match="the zh and en templates name different sub-clauses"):
        load_templates(template_copy)


def test_reference_to_a_sub_clause_no_template_names(template_copy: Path, luohe: Contract) -> None:
    clause = template_copy / "clauses" / "ip.zh.j2"
    clause.write_text(clause.read_text(encoding="utf-8") + "见{{ ref('payment.nothing') }}\n", encoding="utf-8")
    with pytest.raises(RenderError, match="refers to sub-clause 'payment.nothing', which no clause template names"):
        compose(luohe, "zh", template_copy)


def test_schema_lists_the_named_sub_clauses(cli) -> None:
    out = cli("schema").out
    assert "    termination.settlement  本合同解除的，甲方…" in out
    assert "    payment.invoice  " in out


def test_render_cli_with_templates_and_a_broken_folder(cli, template_copy: Path, tmp_path: Path) -> None:
    result = cli("render", LUOHE, "-o", tmp_path / "out", "--templates", template_copy)
    assert result.code == 0
    broken = cli("render", LUOHE, "-o", tmp_path / "out2", "--templates", tmp_path)
    assert broken.code == 2 and "not a template folder" in broken.err
    assert not (tmp_path / "out2").exists()


def test_pdf_without_libreoffice_is_a_clear_error(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("generator.word.pdf.shutil.which", lambda name: None)
    result = cli("render", LUOHE, "-o", tmp_path, "--pdf")
    assert result.code == 2 and "--pdf needs LibreOffice" in result.err
    assert list(tmp_path.iterdir()) == []  # no .docx either: nothing is written after a failure


def test_spec_default_language(cli, tmp_path: Path) -> None:
    spec = tmp_path / "en.yaml"
    spec.write_text(LUOHE.read_text(encoding="utf-8").replace("  language: zh", "  language: en"), encoding="utf-8")
    result = cli("render", spec, "-o", tmp_path / "out")
    assert result.code == 0 and (tmp_path / "out" / "en.en.docx").is_file()
