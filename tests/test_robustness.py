"""Mutated specs never crash: every run ends in exit 0 or 1 with a message, never a traceback."""

from __future__ import annotations

import copy
import json
import random
import re
from pathlib import Path

import pytest
import yaml
from conftest import SPECS

from generator.proof.registry import RULES, ensure_loaded

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


def _assert_reports_agree(cli, spec: Path) -> None:
    """validate: exit 0 and 'valid', or exit 1 and one located message per problem, which check reports
    too (field problems as rule spec, the others under their blocking rule)."""
    lines = spec.read_text(encoding="utf-8").splitlines()
    validate = cli("validate", spec)
    check = cli("check", "--json", spec)
    assert validate.code in (0, 1), validate.err
    assert check.code in (0, 1), check.err
    [report] = json.loads(check.out)["specs"]
    assert check.code == (1 if report["errors"] else 0)
    ensure_loaded()
    spec_findings = sorted(
        f"{f['file']}:{f['line']}:{f['column']}: {f['path']}: {f['message']}"
        for f in report["findings"]
        if f["rule"] == "spec" or RULES[f["rule"]].blocking
    )
    if validate.code == 0:
        assert (validate.out, validate.err) == (f"{spec}: valid\n", "")
        assert spec_findings == []
        return
    assert validate.out == ""
    *messages, summary = validate.err.splitlines()
    assert messages, validate.err
    assert summary == f"{spec}: invalid ({len(messages)} problem{'s' if len(messages) != 1 else ''})"
    for message in messages:
        m = re.match(rf"{re.escape(str(spec))}:(\d+):(\d+): \S+: .", message)
        assert m, f"not located: {message}"
        assert 1 <= int(m.group(1)) <= len(lines) and int(m.group(2)) >= 1, message
    assert spec_findings == sorted(messages)  # check reports the same problems, in the same words
    assert check.code == 1


# 100 mutated specs here; scripts/fuzz.py runs 10,000 mutations of the same kind and many others.
@pytest.mark.parametrize("seed", range(4))
def test_mutated_specs_give_messages_not_tracebacks(cli, tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(25):
        data = yaml.safe_load(rng.choice(SPECS).read_text(encoding="utf-8"))
        _mutate(data, rng)
        spec = tmp_path / "mutated.yaml"
        spec.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        _assert_reports_agree(cli, spec)


AUDIT_PIECES = [*"零壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆角分整正千百十一二两三四五六七八九〇毛另",
                "人民币", "¥", "【", "】", "%", "合同总价的", "即", "支付", "，", "。", "\t", "\n", "一式", "份",
                "各执", "甲乙双方", "合计", "单价", "数量", "金额", "月数", "万元", "大写：", "约", "1,234.56",
                "0.083", "99999999999999999999", "3.5", "100", "0", "0.0", "0.0000001", "982000", "60"]  # fmt: skip


WHERE = re.compile(r"line (?P<line>\d+)(?P<table> \(table \d+\))?")


@pytest.mark.parametrize("seed", range(4))
def test_audit_reads_any_text_without_crashing(seed: int) -> None:
    """Any text gives a well-formed report: each finding names a line that exists and quotes it."""
    from generator.proof.audit import audit_units, text_units

    rng = random.Random(seed)
    findings = 0
    for _ in range(400):
        text = "".join(rng.choice(AUDIT_PIECES) for _ in range(rng.randint(1, 120)))
        lines = text.splitlines()
        report = audit_units(text_units(text), "random.txt")
        assert report.file == "random.txt"
        assert all(isinstance(n, int) and n >= 0 for n in report.counts.values()), report.counts
        for f in report.findings:
            assert f.severity in ("error", "warning") and re.fullmatch(r"[a-z]+(\.[a-z-]+)*", f.rule), f
            assert f.message.strip(), f
            where = WHERE.fullmatch(f.where)
            assert where and 1 <= int(where["line"]) <= len(lines), f
            line = lines[int(where["line"]) - 1]
            assert bool(where["table"]) == ("\t" in line), (f, line)  # a tab-separated line is a table row
            shown = " | ".join(cell.strip() for cell in line.split("\t"))  # how a row is quoted
            quoted = f.snippet.removeprefix("…").removesuffix("…")
            assert quoted and quoted in shown, (f, shown)
        findings += len(report.findings)
    assert findings > 100  # the text is random enough to give findings, so the checks above ran
