"""Mutated specs never crash: every run ends in exit 0 or 1 with a message, never a traceback."""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest
import yaml
from conftest import SPECS

REPLACEMENTS = [None, "", "x", 0, -1, 1.5, "2025/11/06", [], {}, {"zh": "a"}, {"en": "b"}, True, "1,000",
                10**15, "9" * 30, [1, 2], {"a": 1}, "9999-12-31"]  # fmt: skip


def _paths(node: object, prefix: tuple = ()) -> list[tuple]:
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            found += [prefix + (key,), *_paths(value, prefix + (key,))]
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += [prefix + (index,), *_paths(value, prefix + (index,))]
    return found


def _mutate(data: dict, rng: random.Random) -> None:
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(_paths(data))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        if rng.random() < 0.3:
            del parent[path[-1]]
        else:
            parent[path[-1]] = copy.deepcopy(rng.choice(REPLACEMENTS))


@pytest.mark.parametrize("seed", range(8))
def test_mutated_specs_give_messages_not_tracebacks(cli, tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(25):
        data = yaml.safe_load(rng.choice(SPECS).read_text(encoding="utf-8"))
        _mutate(data, rng)
        spec = tmp_path / "mutated.yaml"
        spec.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        for command in ("validate", "check"):
            result = cli(command, spec)
            assert result.code in (0, 1), result.err
            assert "Traceback" not in result.err + result.out


AUDIT_PIECES = [*"零壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆角分整正千百十一二两三四五六七八九〇毛另",
                "人民币", "¥", "【", "】", "%", "合同总价的", "即", "支付", "，", "。", "\t", "\n", "一式", "份",
                "各执", "甲乙双方", "合计", "单价", "数量", "金额", "月数", "万元", "大写：", "约", "1,234.56",
                "0.083", "99999999999999999999", "3.5", "100", "0", "0.0", "0.0000001", "982000", "60"]  # fmt: skip


@pytest.mark.parametrize("seed", range(4))
def test_audit_reads_any_text_without_crashing(seed: int) -> None:
    from generator.proof.audit import audit_units, text_units

    rng = random.Random(seed)
    for _ in range(400):
        text = "".join(rng.choice(AUDIT_PIECES) for _ in range(rng.randint(1, 120)))
        report = audit_units(text_units(text), "random.txt")
        assert all(f.severity in ("error", "warning") for f in report.findings)
