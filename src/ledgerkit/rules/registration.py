"""登録番号 (the qualified-invoice issuer's registration number): T + 13 digits, check digit."""

from __future__ import annotations

from typing import Any

from ledgerkit.core.issues import Issue
from ledgerkit.parse.codes import corp_check_digit, normalize_registration_no

__all__ = ["check_registration_no"]


def check_registration_no(value: Any) -> Issue | None:
    """A 登録番号 must be ``T`` + 13 digits (error); the 法人番号 check digit should hold (warning).

    Full-width characters, spaces, hyphens and a lower-case ``t`` are normalized first
    (DOMAIN.md §3.2). A failed check digit is only a warning: sole proprietors' numbers
    may not follow the corporate-number rule (DOMAIN.md §3.4); a leading 0 (never a
    corporate number's check digit) is a warning for the same reason
    (``registration_no_leading_zero``). A blank gives ``None`` (whether a number is
    required is the caller's decision).

    Examples:
        >>> check_registration_no("Ｔ８７００－１１０００－５９０１") is None
        True
        >>> check_registration_no("T870011000590").code
        'registration_no_format'
        >>> f = check_registration_no("T2835678256246")
        >>> (f.code, f.severity, f.expected)
        ('registration_no_check_digit', 'warning', 'T5835678256246')
        >>> f = check_registration_no("T0123456789012")
        >>> (f.code, f.severity)
        ('registration_no_leading_zero', 'warning')
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    raw = str(value)
    norm = normalize_registration_no(value)
    if len(norm) != 14 or norm[0] != "T" or not norm[1:].isascii() or not norm[1:].isdigit():
        # 13 digits typed without the T (often into a number cell): say what is missing
        bare = len(norm) == 13 and norm.isascii() and norm.isdigit() and norm[0] != "0"
        return Issue(
            "registration_no_format",
            severity="error",
            params={"value": raw, "hint": f" (先頭の T が抜けています: T{norm})" if bare else "",
                    "hint_en": f" (the leading T is missing: T{norm})" if bare else ""},
            field="registration_no",
            value=raw,
            expected={"ja": "T + 13桁", "en": "T + 13 digits"},
        )
    if norm[1] == "0":
        # DOMAIN.md §3.2: a corporate number's check digit is 1-9, never 0; whether a sole
        # proprietor's number follows that is as unconfirmed as §3.4, so a leading 0 is treated
        # like a failed check digit: a warning, not a format error
        return Issue(
            "registration_no_leading_zero",
            severity="warning",
            params={"value": norm},
            field="registration_no",
            value=raw,
            expected={"ja": "T + 13桁 (法人番号なら先頭は1-9)", "en": "T + 13 digits (the first 1-9 for a corporate number)"},
        )
    digit = corp_check_digit(norm[2:])
    if int(norm[1]) != digit:
        expected = f"T{digit}{norm[2:]}"
        return Issue(
            "registration_no_check_digit",
            severity="warning",
            params={"value": norm, "expected": expected, "digit": digit},
            field="registration_no",
            value=raw,
            expected=expected,
        )
    return None
