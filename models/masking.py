"""Masked display of ID numbers, phone numbers and bank cards for lists, printouts and logs."""

from __future__ import annotations

import re

# Masking is for display only: it must never raise, whatever half-typed value a list holds.

_MASK = "*"


def _text(value: object) -> str:
    return "" if value is None else re.sub(r"\s+", "", str(value))


def _keep_last(text: str, keep: int) -> str:
    """Mask everything but the last `keep` characters (used for values too short for a pattern)."""
    if len(text) <= keep:
        return _MASK * len(text)
    return _MASK * (len(text) - keep) + text[-keep:]


def mask_id_number(value: str | None) -> str:
    """411602199001011234 → 411602********1234 (region code and last four kept)."""
    text = _text(value)
    if len(text) < 15:
        return _keep_last(text, 4) if len(text) > 8 else _MASK * len(text)
    return text[:6] + _MASK * (len(text) - 10) + text[-4:]


def mask_phone(value: str | None) -> str:
    """13812345678 → 138****5678; 0371-12345678 → 0371-******78 (area code and last two kept)."""
    text = _text(value)
    if re.fullmatch(r"1[0-9]{10}", text):
        return text[:3] + _MASK * 4 + text[-4:]
    landline = re.fullmatch(r"(0[0-9]{2,3}-)([0-9]+)(.*)", text)
    if landline:
        area, local, extension = landline.groups()
        return area + _keep_last(local, 2) + extension
    return _mask_digits(text, keep_last=2)


def _mask_digits(text: str, keep_last: int) -> str:
    """Mask the digits but the last few, keeping separators: 400-123-4567 → ***-***-**67."""
    positions = [i for i, char in enumerate(text) if char.isdigit()]
    if len(positions) <= keep_last:
        return _MASK * len(text)
    hidden = set(positions[:-keep_last])
    return "".join(_MASK if i in hidden else char for i, char in enumerate(text))


def mask_bank_card(value: str | None) -> str:
    """6222021234567891234 → 6222 **** **** *** 1234 (first four and last four kept)."""
    digits = _text(value).replace("-", "")
    if len(digits) <= 8:
        return _keep_last(digits, 4) if len(digits) > 4 else _MASK * len(digits)
    hidden = len(digits) - 8
    groups = [_MASK * min(4, hidden - start) for start in range(0, hidden, 4)]
    return " ".join([digits[:4], *groups, digits[-4:]])


def could_be(masked: str | None, number: str | None) -> bool:
    """Whether a masked number (411602********1234, any masking pattern) may stand for `number`.

    Every character that is not a mask must be the same at the same place; the lengths must agree.
    """
    shown, full = _text(masked), _text(number)
    if len(shown) != len(full):
        return False
    return all(s == _MASK or s.upper() == f.upper() for s, f in zip(shown, full, strict=True))
