"""Small builders of valid records for service tests (valid ID numbers, required fields)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from models.validation import build_id_number

_sequence = itertools.count(101)


def id_number(birth: dt.date = dt.date(1978, 5, 6), *, male: bool = True) -> str:
    seq = next(_sequence) * 2 + (1 if male else 0)
    return build_id_number("411602", birth, seq % 1000)


def household_values(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": "张建国",
        "id_number": id_number(),
        "township": "城关镇",
        "hardship_class": "深度困难",
        "main_cause": "患重特大疾病",
        "filed_date": "2023-03-01",
        "family_size": 3,
        "family_annual_income": "18000",
        "annual_rigid_expense": "6000",
    }
    values.update(overrides)
    return values
