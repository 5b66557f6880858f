"""统一社会信用代码 (GB 32100-2015): character set and check character."""

from __future__ import annotations

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


def check_character(first17: str) -> str:
    """The 18th character for the first 17 (all from CHARSET)."""
    total = sum(CHARSET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """None if code is a valid 统一社会信用代码, else why not.

    Written here rather than taken from python-stdnum: stdnum.cn.uscc rejects valid codes whose
    first 8 characters are not all digits, but the first two (登记管理部门码 and 机构类别码) may be
    letters such as Y.
    """
    if len(code) != 18:
        return f"must have 18 characters, has {len(code)}"
    bad = sorted({ch for ch in code if ch not in CHARSET})
    if bad:
        return f"character(s) {' '.join(bad)} not allowed (allowed: 0-9 and {CHARSET[10:]})"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"check character is {code[17]}, expected {expected}"
    return None
