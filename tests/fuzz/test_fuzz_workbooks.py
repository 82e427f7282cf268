"""Fuzzing the workbook reader with broken files: refused with a Chinese FileRefused, never a crash."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.errors import LedgerError
from tests.fuzz.strategies import FUZZ, chinese

openpyxl = pytest.importorskip("openpyxl")
reading = pytest.importorskip("reports.excel.reading")


@pytest.fixture(scope="module")
def good_xlsx(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["户主姓名", "身份证号", "所属乡镇(街道)", "建档日期", "家庭人口"])
    for i in range(40):
        ws.append([f"职工{i}", f"41160219780506{i:04d}", "城关镇", "2024-03-01", 3])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _read_all(path: Path) -> None:
    try:
        with reading.open_workbook(path) as book:
            for sheet in book.sheets:
                for _number, _cells in sheet.rows():
                    pass
    except LedgerError as exc:
        assert chinese(exc.message), exc.message


def _rezip(data: bytes, part: str, change: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == part:
                content = change + content if change.startswith(b"<!") else content + change
            target.writestr(info.filename, content)
    return out.getvalue()


@FUZZ
@given(st.data())
def test_mutated_workbooks_are_refused_or_read(
    good_xlsx: bytes, tmp_path: Path, data: st.DataObject
) -> None:
    how = data.draw(st.sampled_from(["truncate", "flip", "splice", "entity", "garbage"]))
    raw = bytearray(good_xlsx)
    if how == "truncate":
        raw = raw[: data.draw(st.integers(0, len(raw) - 1))]
    elif how == "flip":
        for _ in range(data.draw(st.integers(1, 20))):
            i = data.draw(st.integers(0, len(raw) - 1))
            raw[i] = data.draw(st.integers(0, 255))
    elif how == "splice":
        i = data.draw(st.integers(0, len(raw)))
        raw[i:i] = data.draw(st.binary(max_size=200))
    elif how == "entity":
        bomb = (
            b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        )
        raw = bytearray(_rezip(good_xlsx, "xl/worksheets/sheet1.xml", bomb))
    else:
        raw = bytearray(data.draw(st.binary(max_size=2000)))
    suffix = data.draw(st.sampled_from([".xlsx", ".xls", ".csv"]))
    path = tmp_path / f"坏文件{suffix}"
    path.write_bytes(bytes(raw))
    _read_all(path)
