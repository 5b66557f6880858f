"""Malformed specs: whatever the file holds, `render` answers with located messages, exit 1 and
no file, in bounded time; never a traceback (issue 14).

Each case is the starter spec (`contractgen init 某市12345`) with exact-text replacements, or a
whole text, and the exact messages `render` prints (FILE:LINE:COL: path: message), each checked
by hand against the patched text (test_validate.show_locations prints them with a caret).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import STARTER_NAME, apply_patch
from test_validate import show_locations

from generator.spec.loader import MAX_ITEMS, MAX_NODES, MAX_SPEC_BYTES
from generator.spec.starter import starter_spec

STARTER = starter_spec(STARTER_NAME)
# The starter's annexes line moves when a clause term with a default is added (the starter lists them).
ANNEXES = STARTER.splitlines().index("annexes: [scope, payment_schedule, integrity]") + 1
# "Billion laughs": 8 lines, each naming the one above nine times: 9^8 values once expanded.
LAUGHS = "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefg", "bcdefgh", strict=True)
)
CONTROL = "\x01"


@dataclass(frozen=True)
class Case:
    id: str
    replace: tuple[tuple[str, str], ...] = ()
    expected: tuple[str, ...] = ()
    whole: str | None = None  # a document that is not a patch of the starter

    def text(self) -> str:
        if self.whole is not None:
            return self.whole
        return apply_patch(STARTER, list(self.replace), self.id)


CASES = [
    # --- YAML the loader could not construct --------------------------------------------------
    Case(
        "bool_maybe",
        (("data_security: true", "data_security: !!bool maybe"),),
        ("case.yaml:76:18: clauses.data_security: 'maybe' is not true or false",),
    ),
    Case(
        "timestamp_hello",
        (("signing_date: 2026-03-01", "signing_date: !!timestamp hello"),),
        ("case.yaml:15:17: contract.signing_date: not a valid date: hello (write YYYY-MM-DD)",),
    ),
    Case(
        "merge_key_not_a_mapping",
        (("  ip_owner: buyer", "  <<: 5\n  ip_owner: buyer"),),
        ("case.yaml:75:7: clauses: << (merge) needs a mapping or a list of mappings",),
    ),
    Case(
        "recursive_alias",
        (("annexes: [scope, payment_schedule, integrity]", "annexes: &a [*a]"),),
        (f"case.yaml:{ANNEXES}:14: (document): alias *a is inside &a: a value cannot contain itself",),
    ),
    Case(
        "nested_500_deep",
        (("annexes: [scope, payment_schedule, integrity]", "annexes: " + "[" * 500 + "]" * 500),),
        (
            f"case.yaml:{ANNEXES}:41: (document): values are nested more than 32 deep (aliases expanded); a spec nests about 6",
        ),
    ),
    Case(
        "integer_of_5000_digits",
        (("staff: 20", "staff: " + "9" * 5000),),
        ("case.yaml:47:10: service.staff: a number of 5,000 digits; at most 30 (write a long code in quotes)",),
    ),
    Case(
        "python_object_tag_on_a_mapping",
        (("liability:\n", "liability: !!python/object:os.system\n"),),
        ("case.yaml:70:12: liability: unsupported YAML tag !!python/object:os.system; a mapping needs none",),
    ),
    # --- numbers ----------------------------------------------------------------------------------
    Case(
        "total_above_the_largest_amount",
        (("total: 1200000.00", "total: 1000000000000.00"),),
        ("case.yaml:56:10: price.total: 1000000000000.00 is above the largest amount supported, 999,999,999,999.99",),
    ),
    Case(
        "quantity_of_40_digits",
        (
            (
                "  nature: fixed ",
                "  fee_schedule: [{item: 坐席, unit_price: 1, unit: 元/席, quantity: "
                + "9" * 40
                + "}]\n  nature: fixed ",
            ),
        ),
        (
            "case.yaml:58:65: price.fee_schedule[0].quantity: a number of 40 digits; at most 30 (write a long code in quotes)",
        ),
    ),
    Case(
        "quantity_above_the_limit",
        (
            (
                "  nature: fixed ",
                "  fee_schedule: [{item: 坐席, unit_price: 1, unit: 元/席, quantity: 10000001}]\n  nature: fixed ",
            ),
        ),
        ("case.yaml:58:65: price.fee_schedule[0].quantity: must be at most 10000000, got 10000001",),
    ),
    Case(
        "fee_line_above_the_largest_amount",  # each figure within its limit, their product not
        (
            (
                "  nature: fixed ",
                "  fee_schedule: [{item: 坐席, unit_price: 999999999999.99, unit: 元/席, quantity: 10000000, "
                "months: 10000000}]\n  nature: fixed ",
            ),
        ),
        (
            "case.yaml:56:10: price.total: the fee schedule lines sum to 99,999,999,999,999,000,000,000,000.00, "
            "not the total 1,200,000.00",
            "case.yaml:58:18: price.fee_schedule[0]: 99,999,999,999,999,000,000,000,000.00 is above the largest "
            "amount 大写 can write, 999,999,999,999.99",
        ),
    ),
    Case(
        "weight_1e1000000",
        (
            (
                "annexes: [",
                "assessment:\n  frequency: monthly\n  kpis: [{indicator: 接通率, definition: 接通/呼入, weight: 1.0e+1000000}]\n"
                "annexes: [",
            ),
        ),
        (
            f"case.yaml:{ANNEXES + 2}:54: assessment.kpis[0].weight: '1.0e+1000000' is too large: at most 15 digits before the point",
        ),
    ),
    Case(
        "percentages_beyond_28_digits",
        (
            (
                "    - percent: 50\n      due: {after: signing",
                "    - percent: 40.0000000000000000000000000000001\n      due: {after: signing",
            ),
            (
                "    - percent: 50\n      due: {after: final",
                "    - percent: 59.9999999999999999999999999999999\n      due: {after: final",
            ),
        ),
        (
            "case.yaml:64:16: payment.instalments[0].percent: '40.0000000000000000000000000000001' has more than 10 digits after the point",
            "case.yaml:66:16: payment.instalments[1].percent: '59.9999999999999999999999999999999' has more than 10 digits after the point",
        ),
    ),
    Case(
        "three_decimals_written",
        (("total: 1200000.00", "total: 3278289.640"),),
        ("case.yaml:56:10: price.total: 3278289.640 has more than two decimal places; amounts are in 元 to the 分",),
    ),
    Case(
        "staff_true",
        (("staff: 20", "staff: true"),),
        ("case.yaml:47:10: service.staff: expected a whole number, got boolean true",),
    ),
    Case(
        "contractgen_true",
        (("contractgen: 1", "contractgen: true"),),
        ("case.yaml:4:14: contractgen: expected a whole number, got boolean true",),
    ),
    Case(
        "force_majeure_days_true",
        (("force_majeure_notice_days: 15", "force_majeure_notice_days: true"),),
        (
            "case.yaml:78:30: clauses.force_majeure_notice_days: expected a whole number of calendar days, or {working_days: N}, got boolean true",
        ),
    ),
    # --- characters -------------------------------------------------------------------------------
    Case(
        "control_character_escaped_in_text",
        (("hours: 7×24小时", 'hours: "7×24\\x01小时"'),),
        ("case.yaml:46:10: service.hours: character U+0001 (a control character) is not allowed in a contract text",),
    ),
    Case(
        "noncharacter_escaped_in_text",
        (("hours: 7×24小时", 'hours: "7×24\\uFFFE小时"'),),
        ("case.yaml:46:10: service.hours: character U+FFFE (a noncharacter) is not allowed in a contract text",),
    ),
    Case(
        "lone_surrogate_escaped_in_text",
        (("hours: 7×24小时", 'hours: {zh: "7×24\\uD800小时"}'),),
        (
            "case.yaml:46:15: service.hours.zh: character U+D800 (half of a surrogate pair) is not allowed in a contract text",
        ),
    ),
    Case(
        "bidi_override_escaped_in_a_code",
        (("number: HT-2026-001", 'number: "HT-\\u202E100-6202"'),),
        (
            "case.yaml:12:11: contract.number: character U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed in a contract text",
        ),
    ),
    Case(
        "control_byte_on_line_13",
        (("project_name: 某市12345热线", f"project_name: 某市12345{CONTROL}热线"),),
        (
            "case.yaml:13:24: contract.project_name: character U+0001 (a control character) is not allowed in a spec; delete it",
        ),
    ),
    Case(
        "control_byte_in_a_comment",
        (("# Names and numbers", f"# Names{CONTROL} and numbers"),),
        ("case.yaml:3:8: (document): character U+0001 (a control character) is not allowed in a spec; delete it",),
    ),
    # --- locations --------------------------------------------------------------------------------
    Case(
        "unclosed_brace",
        (("due: {after: final_acceptance, days: 30}", "due: {after: final_acceptance, days: 30"),),
        (
            "case.yaml:67:12: (document): YAML syntax error: the { here is not closed "
            "(at line 68, column 32: expected ',' or '}', but got ':')",
        ),
    ),
    Case(
        "line_separator_then_an_error_below",
        (("title: 某市12345热线服务合同", "title: 某市12345\u2028热线服务合同"), ("staff: 20", "staff: x")),
        (
            "case.yaml:11:17: contract.title: character U+2028 (LINE SEPARATOR) is read by YAML as a line break "
            "though editors show none; replace it with a newline or delete it",
            "case.yaml:47:10: service.staff: expected a whole number, got text 'x'",
        ),
    ),
    Case(
        "next_line_in_a_comment_then_an_error_below",
        (("# Names and numbers", "# Names\x85contractgen: 2"), ("staff: 20", "staff: x")),
        (
            "case.yaml:3:8: (document): character U+0085 (a control character) is read by YAML as a line break "
            "though editors show none; replace it with a newline or delete it",
            "case.yaml:47:10: service.staff: expected a whole number, got text 'x'",
        ),
    ),
    # --- every error at once, the loader's among them --------------------------------------------
    Case(
        "impossible_date_and_five_more",
        (
            ("signing_date: 2026-03-01", "signing_date: 2026-02-30"),
            ("staff: 20", "staff: x"),
            ("ip_owner: buyer", "ip_owner: nobody"),
            ("breach_penalty_percent: 10", "breach_penalty_percent: 101"),
            ("    - percent: 50\n      due: {after: signing", "    - percent: 40\n      due: {after: signing"),
            ("data_security: true", "data_security: !!bool maybe"),
        ),
        (
            "case.yaml:15:17: contract.signing_date: not a valid date: 2026-02-30 (day is out of range for month)",
            "case.yaml:47:10: service.staff: expected a whole number, got text 'x'",
            "case.yaml:64:5: payment.instalments: percentages sum to 90%, not 100%",
            "case.yaml:71:27: liability.breach_penalty_percent: must be at most 100, got 101",
            "case.yaml:75:13: clauses.ip_owner: expected one of: buyer, supplier, joint but received: 'nobody'",
            "case.yaml:76:18: clauses.data_security: 'maybe' is not true or false",
        ),
    ),
    # --- bombs and bounds -------------------------------------------------------------------------
    Case(
        "billion_laughs",
        whole=LAUGHS,
        expected=(
            f"case.yaml:6:32: (document): the spec has more than {MAX_NODES:,} values (an alias * counts as a copy of what it "
            "names); a spec has a few hundred",
        ),
    ),
    Case(
        "larger_than_the_limit",
        whole=STARTER + "#" * MAX_SPEC_BYTES,
        expected=(
            "case.yaml:1:1: (document): the file is larger than 4 MiB, the largest spec read; a spec is 5–15 KB",
        ),
    ),
    Case(
        "a_value_of_20001_characters",
        (("number: HT-2026-001", "number: " + "N" * 20_001),),
        ("case.yaml:12:11: contract.number: a value of 20,001 characters; at most 20,000",),
    ),
    Case(
        "contract_number_of_101_characters",
        (("number: HT-2026-001", "number: " + "N" * 101),),
        ("case.yaml:12:11: contract.number: 101 characters; at most 100",),
    ),
    Case(
        "text_of_5001_characters",
        (("hours: 7×24小时", "hours: {zh: " + "时" * 5001 + "}"),),
        ("case.yaml:46:10: service.hours: zh: 5,001 characters; at most 5,000",),
    ),
    Case(
        "list_of_one_item_too_many",
        (
            (
                "annexes: [scope, payment_schedule, integrity]",
                "annexes: [" + ", ".join(["scope"] * (MAX_ITEMS + 1)) + "]",
            ),
        ),
        (f"case.yaml:{ANNEXES}:10: annexes: a list of {MAX_ITEMS + 1:,} items; at most {MAX_ITEMS:,}",),
    ),
    Case(
        "key_of_101_characters",
        (("  ip_owner: buyer", "  " + "k" * 101 + ": 1\n  ip_owner: buyer"),),
        ("case.yaml:75:3: clauses: a key of 101 characters; at most 100",),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_malformed_spec_gives_located_messages_and_writes_nothing(
    cli, case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = case.text()
    (tmp_path / "case.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    start = time.perf_counter()
    result = cli("render", "case.yaml", "-o", "out")
    seconds = time.perf_counter() - start
    expected = "".join(f"{line}\n" for line in case.expected) + "case.yaml: invalid; nothing written\n"
    assert (result.code, result.out) == (1, "")
    assert result.err == expected, f"locations:\n{show_locations(result.err, text)}"
    assert not (tmp_path / "out").exists()
    assert seconds < 5, f"a refusal took {seconds:.1f} s"  # a hang detector, not a benchmark (~0.1 s here)
