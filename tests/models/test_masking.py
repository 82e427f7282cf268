"""Tests of masked display: ID numbers, phones and bank cards, including odd and empty values."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from models.masking import mask_bank_card, mask_id_number, mask_phone


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("411602199001011234", "411602********1234"),
        ("41160219900101123X", "411602********123X"),
        ("410102900101123", "410102*****1123"),  # legacy 15 digits: same head and tail
        ("4116021990", "******1990"),
        ("12345", "*****"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_id_number(value: str | None, expected: str) -> None:
    assert mask_id_number(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13812345678", "138****5678"),
        ("0371-12345678", "0371-******78"),
        ("010-87654321", "010-******21"),
        ("0371-6123456", "0371-*****56"),
        ("0371-12345678转801", "0371-******78转801"),
        ("400-123-4567", "***-***-**67"),
        ("12351", "***51"),
        ("12", "**"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_phone(value: str | None, expected: str) -> None:
    assert mask_phone(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("6222021234561234", "6222 **** **** 1234"),
        ("6222021234567891234", "6222 **** **** *** 1234"),
        ("622202123456", "6222 **** 3456"),
        ("6222 0212 3456 1234", "6222 **** **** 1234"),
        ("123456", "**3456"),
        ("1234", "****"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_bank_card(value: str | None, expected: str) -> None:
    assert mask_bank_card(value) == expected


@pytest.mark.parametrize("mask", [mask_id_number, mask_phone, mask_bank_card])
def test_masks_never_show_the_whole_value(mask: Callable[[str | None], str]) -> None:
    for value in ("411602199001011234", "13812345678", "6222021234561234"):
        assert mask(value) != value
        assert "*" in mask(value)
