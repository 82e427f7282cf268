"""Turning a logical household/member row into sheet cells and its manifest expectation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from tests.data.real_sheets import _wording
from tests.data.real_sheets._book import Sheet, bad, ok
from tests.data.real_sheets._corpus import Corpus, Filed
from tests.data.real_sheets._people import Person

# Logical keys of a roster column whose wording is looked up in _wording.TABLES.
CHOICE_KEYS = {
    "gender": "gender",
    "ethnicity": "ethnicity",
    "class": "hardship_class",
    "cause": "main_cause",
    "health": "health",
    "disability": "disability_kind",
    "political": "political_status",
    "work": "work_status",
    "marital": "marital_status",
    "hukou": "hukou_type",
    "model": "model_worker",
    "industry": "industry",
    "insurance": "medical_insurance",
    "housing": "housing_type",
}
STATUS = {
    "在档": "在档",
    "销档": "已销档",
    "已销档": "已销档",
    "脱困": "已脱困",
    "已脱困": "已脱困",
}
MONEY_KEYS = {
    "income": "monthly_income",
    "family_income": "family_annual_income",
    "rigid": "annual_rigid_expense",
}


def clean_name(cell: str) -> str:
    """The name as stored: padding spaces (U+3000 or ASCII) between and around characters go."""
    return "".join(cell.split()).replace("\u3000", "")


def cell_of(value: Any) -> Any:
    """A logical value is either the cell itself or (cell, what a correct import stores)."""
    return value[0] if isinstance(value, tuple) else value


def stored_of(value: Any) -> Any:
    return value[1] if isinstance(value, tuple) else value


def household_row(
    corpus: Corpus,
    sheet: Sheet,
    file: str,
    keys: list[str | None],
    head: Person,
    values: dict[str, Any],
    *,
    defect: tuple[str, str] | tuple[str, str, str] | None = None,
    register: bool = True,
) -> int:
    """Append one roster row; `values` holds logical keys (see CHOICE_KEYS, MONEY_KEYS …)."""
    row = {"name": head.name, "id": head.id_number, **values}
    cells = [cell_of(row.get(k)) if k else None for k in keys]
    if defect is not None:
        return sheet.data(cells, bad(*defect))
    expect, maps = household_expect(row, keys, head)
    expectation = ok({"id_number": expect.pop("id_number")}, expect, maps, row.get("note"))
    number = sheet.data(cells, expectation)
    if register:
        corpus.households.append(
            Filed(head, file, stored_of(row.get("township")), row.get("file_no"))
        )
    return number


def household_expect(
    row: dict[str, Any], keys: list[str | None], head: Person
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    present = {k for k in keys if k}
    expect: dict[str, Any] = {
        "id_number": row.get("id_stored", head.id_number),
        "name": clean_name(str(cell_of(row["name"]))),
    }
    maps: list[dict[str, Any]] = []
    if "township" in present:
        expect["township"] = stored_of(row["township"])
    for key, field_name in CHOICE_KEYS.items():
        if key in present and row.get(key) not in (None, ""):
            values, found = _wording.stored(field_name, str(row[key]))
            expect.update(values)
            maps += found
    if "cause2" in present and row.get("cause2"):
        expect["secondary_causes"] = stored_of(row["cause2"])
    for key, field_name in MONEY_KEYS.items():
        if key in present and row.get(key) is not None:
            expect[field_name] = Decimal(str(stored_of(row[key])))
    if "family_income_month" in present:
        # 家庭月收入 is the family's monthly total: the stored 家庭年总收入 is twelve times it.
        expect["family_annual_income"] = Decimal(str(stored_of(row["family_income_month"]))) * 12
    if "family_size" in present and row.get("family_size") is not None:
        expect["family_size"] = int(stored_of(row["family_size"]))
    if "status" in present and row.get("status"):
        expect["status"] = STATUS[str(row["status"])]
    for key, field_name in (
        ("filed", "filed_date"),
        ("born", "birth_date"),
        # 出生年月 to the month beside an ID number born that month: the ID number's day.
        ("born_month", "birth_date"),
        ("reviewed", "reviewed_date"),
    ):
        if key in present and row.get(key) is not None:
            when = stored_of(row[key])
            assert isinstance(when, dt.date), (key, row[key])
            expect[field_name] = when
    return expect, maps
