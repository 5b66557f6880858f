import pytest

from generator.domain.uscc import check_character, uscc_problem


@pytest.mark.parametrize(
    "code", ["12610100MB2A10447X", "916100009206339437", "914100007286653122", "91110000710939135P"]
)
def test_valid_codes(code: str) -> None:
    assert uscc_problem(code) is None


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ("911100007109391350", "check character is 0, expected P"),
        ("91110000710939135", "must have 18 characters, has 17"),
        ("91110000710939135I", "character(s) I not allowed"),
        ("9111000071093913OP", "character(s) O not allowed"),
    ],
)
def test_invalid_codes(code: str, why: str) -> None:
    problem = uscc_problem(code)
    assert problem is not None and why in problem


def test_check_character_accepts_letters_in_the_first_eight() -> None:
    # stdnum.cn.uscc rejects these; GB 32100-2015 does not.
    assert check_character("12610100MB2A10447") == "X"
