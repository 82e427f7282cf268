"""A field the clerk left blank is stored blank (民族, incomes), from the form and from an import,
and shows blank in the 花名册 export; nothing is filled with a value nobody chose."""

from __future__ import annotations

from models.normalize import normalize_record
from models.services.exports import ExportFilter
from models.services.imports import ImportRow
from tests.models.factories import household_values

BLANK_FIELDS = ("ethnicity", "family_annual_income", "annual_rigid_expense")


def _without_blanks() -> dict:
    values = household_values()
    for field in BLANK_FIELDS:
        values.pop(field, None)
    return values


def test_a_form_left_blank_stays_blank(ledger):
    row = ledger.households.create(_without_blanks())
    for field in BLANK_FIELDS:
        assert getattr(row, field) is None, field
    assert ledger.households.get(row.id).ethnicity is None


def test_clearing_a_field_stores_blank(ledger):
    row = ledger.households.create(household_values(ethnicity="回族"))
    changed = ledger.households.update(
        row.id,
        {"ethnicity": "", "family_annual_income": ""},
        expected_version=row.version,
    )
    assert changed.ethnicity is None and changed.family_annual_income is None


def test_an_import_with_blank_cells_stays_blank(ledger):
    values = dict(_without_blanks(), file_no="KN2023I0001", ethnicity="", family_annual_income="")
    clean, errors = normalize_record("households", values, partial=True)
    assert not errors
    result = ledger.imports.apply("households", [ImportRow("s", 2, clean, {})], file_name="t.xlsx")
    assert result.inserted == 1, [r.message for r in result.rejected]
    imported = ledger.households.by_file_no("KN2023I0001")
    for field in BLANK_FIELDS:
        assert getattr(imported, field) is None, field


def test_blank_shows_blank_in_the_export(ledger):
    row = ledger.households.create(_without_blanks())
    records = [r for r in ledger.exports.rows("households", ExportFilter()) if r["id"] == row.id]
    assert records and all(records[0][field] is None for field in BLANK_FIELDS)
