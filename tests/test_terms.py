"""Terms as data: who signs, and other terms a spec states instead of the template."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT

from generator.pipeline import load_contract
from generator.render.blocks import plain_text
from generator.render.compose import compose

XIAN = ROOT / "specs" / "xian-12393-2023.yaml"


def spec_from(tmp_path: Path, source: Path, *replacements: tuple[str, str]) -> Path:
    text = source.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / source.name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_signature_block_prints_who_signs(tmp_path: Path) -> None:
    text = XIAN.read_text(encoding="utf-8")
    supplier = text.index("  supplier:")
    role = text.index("role: principal", supplier)
    name_line = text[role:].split("\n")[1]  # the name after the role
    spec = spec_from(tmp_path, XIAN, ("role: principal\n" + name_line + "\n", "role: agent\n"))
    contract = load_contract(spec)
    assert contract.supplier.representative_role == "agent" and contract.supplier.representative_name is None
    zh = plain_text(compose(contract, "zh"))
    en = plain_text(compose(contract, "en"))
    assert "委托代理人（签字）：" in zh and "法定代表人（签字）：" in zh  # the supplier's agent, the buyer's 法定代表人
    assert "负责人（签字）" not in zh and "负责人：" not in zh  # no role printed that the spec does not give
    assert "Authorised agent (signature):" in en


def test_without_a_representative_the_signature_line_is_generic(tmp_path: Path) -> None:
    from generator.spec.starter import starter_spec

    path = tmp_path / "s.yaml"
    path.write_text(
        starter_spec("x").replace("    representative: {role: legal_representative, name: 王五}\n", ""),
        encoding="utf-8",
    )
    zh = plain_text(compose(load_contract(path), "zh"))
    assert "法定代表人或委托代理人（签字）：" in zh and "王五" not in zh
