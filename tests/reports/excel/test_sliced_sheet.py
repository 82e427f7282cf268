"""A big sheet read in slices gives exactly the rows, numbers and merged ranges of reading it whole."""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook as OpenpyxlBook
from xlsxwriter import Workbook as XlsxWriterBook

from reports.excel import sliced_sheet
from reports.excel.reading import open_workbook
from reports.excel.sliced_sheet import SlicedSheet

ROWS = 1500


def _record(i: int) -> list[Any]:
    return [
        i, f"王　芳{i}", "41052319800101" + f"{i:04d}", dt.datetime(2023, 1, 1) + dt.timedelta(i),
        "因病、因学" if i % 3 else None, 1200.5 + i, "" if i % 7 else "合计",
    ]  # fmt: skip


def _xlsxwriter(path: Path, *, date1904: bool = False) -> Path:
    book = XlsxWriterBook(str(path), {"date_1904": date1904})
    ws = book.add_worksheet("花名册")
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    ws.merge_range(0, 1, 0, 7, "某县总工会困难职工花名册")  # data from column B
    ws.write_row(2, 1, ["序号", "姓名", "身份证号", "建档日期", "致困原因", "月收入", "备注"])
    for i in range(ROWS):
        row = 3 + i + i // 500  # a blank row every 500
        for col, value in enumerate(_record(i), start=1):
            if isinstance(value, dt.datetime):
                ws.write_datetime(row, col, value, dates)
            elif value is not None:
                ws.write(row, col, value)
    ws.merge_range(ROWS + 10, 1, ROWS + 11, 3, "单位负责人：")
    book.close()
    return path


def _openpyxl(path: Path) -> Path:
    book = OpenpyxlBook(write_only=True)
    ws = book.create_sheet("花名册")
    ws.merged_cells.add("A1:G1")
    ws.append(["某县总工会困难职工花名册"])
    ws.append(["序号", "姓名", "身份证号", "建档日期", "致困原因", "月收入", "备注"])
    for i in range(ROWS):
        ws.append(_record(i))
    book.save(path)
    return path


def _read(path: Path) -> tuple[list[tuple[int, list[Any]]], list[Any], list[str]]:
    with open_workbook(path) as book:
        sheet = book.sheets[0]
        kinds = [type(s._source).__name__ for s in book.sheets]
        rows = [(n, _trimmed(cells)) for n, cells in sheet.rows()]
        return rows, sorted(sheet.merged), kinds


def _trimmed(cells: list[Any]) -> list[Any]:
    cells = list(cells)
    while cells and cells[-1] == "":
        cells.pop()
    return cells


@pytest.fixture
def slices(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every sheet sliced, in slices of a few dozen rows."""
    monkeypatch.setattr(sliced_sheet, "SLICE_ABOVE_BYTES", 0)
    monkeypatch.setattr(sliced_sheet, "SLICE_BYTES", 8 * 1024)


@pytest.mark.parametrize("write", [_xlsxwriter, _openpyxl], ids=["shared-strings", "inline"])
def test_slices_read_as_the_whole_sheet(
    tmp_path: Path, write: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "花名册.xlsx")
    whole, whole_merged, kinds = _read(path)
    assert kinds == ["CalamineSheet"]
    monkeypatch.setattr(sliced_sheet, "SLICE_ABOVE_BYTES", 0)
    monkeypatch.setattr(sliced_sheet, "SLICE_BYTES", 8 * 1024)
    sliced, sliced_merged, kinds = _read(path)
    assert kinds == ["SlicedSheet"]
    assert sliced_merged == whole_merged
    assert [n for n, _ in sliced] == [n for n, _ in whole]
    assert sliced == whole
    assert len(whole) > ROWS


def test_the_1904_date_system_is_kept(tmp_path: Path, slices: None) -> None:
    rows, _, _ = _read(_xlsxwriter(tmp_path / "1904.xlsx", date1904=True))
    first = next(cells for _n, cells in rows if cells[1:2] == [0.0] or cells[1:2] == [0])
    assert first[4] == dt.date(2023, 1, 1)  # not 1927: the workbook counts days from 1904


def test_the_temporary_copy_is_removed(tmp_path: Path, slices: None) -> None:
    with open_workbook(_openpyxl(tmp_path / "花名册.xlsx")) as book:
        source = book.sheets[0]._source
        assert isinstance(source, SlicedSheet)
        if os.name == "posix":  # unlinked once opened: a killed import leaves no copy behind
            assert not source.path.exists()
        assert len(list(book.sheets[0].rows())) == ROWS + 2
    assert not source.path.exists()


def test_the_sliced_sheet_keeps_its_name_for_the_clerk(tmp_path: Path, slices: None) -> None:
    with zipfile.ZipFile(_openpyxl(tmp_path / "花名册.xlsx")) as archive:
        made = sliced_sheet.slice_sheet(archive, "xl/worksheets/sheet1.xml", "花名册")
    try:
        assert made.name == "花名册"  # what a refusal of a damaged slice names
    finally:
        made.close()


def test_cells_without_references_are_read_whole(tmp_path: Path, slices: None) -> None:
    path = _openpyxl(tmp_path / "花名册.xlsx")
    unreferenced = tmp_path / "无引用.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(unreferenced, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<c r="[A-Z]+[0-9]+"', b"<c", data)
            out.writestr(info, data)
    rows, _, kinds = _read(unreferenced)
    assert kinds == ["CalamineSheet"]
    assert len(rows) == ROWS + 2 and rows[2][0] == 3
    assert rows[2][1][:3] == [0, "王　芳0", "410523198001010000"]
