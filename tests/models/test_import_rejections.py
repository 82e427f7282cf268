"""Refused rows past the first thousand are spooled to disk, and read back exactly as they were."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from models.errors import InvalidIdNumber, InvalidValue, MissingRequired
from models.services import import_rejections
from models.services.import_rejections import RejectedRows
from models.services.imports import ImportRow
from reports.excel.error_workbook import write_error_workbook


def _refused(number: int) -> ImportRow:
    cells = [number, f"张三{number}", "41052319800101000X", dt.date(2024, 1, 2), Decimal("12.50")]
    problems = [
        InvalidIdNumber(cells[2], "校验码不对", "id_checksum", "id_number"),
        MissingRequired("hardship_class"),
    ]
    if number % 2:
        problems = [InvalidValue("remarks", "x", "不对", oddity="not a report code")]
    return ImportRow("花名册", number, {"name": cells[1]}, {}, problems, cells, {"id_number": 2})


@pytest.fixture
def spooled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_rejections, "KEEP_IN_MEMORY", 2)


def test_spooled_rows_read_back_as_they_were_refused(ledger, spooled: None) -> None:
    rows = [_refused(n) for n in range(3, 10)]
    result = ledger.imports.apply("households", iter(rows), file_name="t.xlsx")
    rejected = result.rejected
    assert isinstance(rejected, RejectedRows) and rejected._spool is not None
    assert len(rejected) == 7 and bool(rejected)
    assert [r.row.row for r in rejected] == list(range(3, 10))
    assert [r.code for r in rejected] == ["invalid_value", "id_checksum"] * 3 + ["invalid_value"]
    last = rejected[-1]
    assert last.row.source == [
        9,
        "张三9",
        "41052319800101000X",
        dt.date(2024, 1, 2),
        Decimal("12.50"),
    ]
    assert last.row.columns == {"id_number": 2} and last.row.sheet == "花名册"
    assert rejected[3].message == rows[3].problems[0].message + "；" + rows[3].problems[1].message
    assert (
        rejected[3].first.field == "id_number" and rejected[3].first.value == "41052319800101000X"
    )
    assert rejected[1:3] == [rejected[1], rejected[2]] and rejected == list(rejected)
    assert rejected != [] and RejectedRows() == []


def test_the_error_workbook_holds_every_spooled_row(ledger, spooled: None, tmp_path: Path) -> None:
    result = ledger.imports.apply("households", (_refused(n) for n in range(3, 10)), file_name="t")
    out = tmp_path / "错误.xlsx"
    assert write_error_workbook(out, result.rejected, {}) == 7
    ws = load_workbook(out).active
    found = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert [r[-1] for r in found] == list(range(3, 10))
    assert found[1][1] == "张三4" and "校验码不对" in found[1][-2]
