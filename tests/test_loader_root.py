"""The root mapping's entries are let go as they are built (spec.loader): aliases and merge keys
that reach across top-level sections still read whole, in the order written."""

from __future__ import annotations

from generator.spec.loader import parse_spec_text


def test_aliases_and_merges_across_top_level_sections_read_whole() -> None:
    text = "a: &x {k: 1, j: [1, 2]}\n<<: *x\nb: *x\nc: {<<: *x, k: 3}\nd: &y [*x]\ne: *y\n"
    spec = parse_spec_text(text, "f.yaml")
    assert spec.issues == []
    whole = {"k": 1, "j": [1, 2]}
    assert spec.data == {**whole, "a": whole, "b": whole, "c": {"j": [1, 2], "k": 3}, "d": [whole], "e": [whole]}
    assert list(spec.data) == ["k", "j", "a", "b", "c", "d", "e"]
    assert [spec.key_locations[(key,)].line for key in "abcde"] == [1, 3, 4, 5, 6]
