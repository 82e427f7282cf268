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


# ---- what the reader allocates never exceeds what the checks measured --------------------------

_PREFIX = st.sampled_from([b"", b"", b"x:"])


@st.composite
def _cell(draw: st.DrawFn) -> bytes:
    """One cell, spelled any way the reader accepts: with or without r=, in odd attribute forms."""
    col, row = draw(st.integers(1, 60)), draw(st.integers(1, 40))
    letters = (b"" if col <= 26 else bytes([64 + (col - 1) // 26])) + bytes([65 + (col - 1) % 26])
    ref = draw(
        st.sampled_from(
            [
                b"",
                b' r="%s%d"' % (letters, row),
                b" r='%s%d'" % (letters.lower(), row),
                b' s="1" r="%s%d"' % (letters, row),
                b' r="A1" r="%s%d"' % (letters, row),
                b' s="1"r="%s%d"' % (letters, row),
                b' r = "%s%d" s="/"' % (letters, row),
            ]
        )
    )
    prefix = draw(_PREFIX)
    kind = draw(st.sampled_from(["number", "text", "empty", "closed"]))
    if kind == "closed":
        return b"<%sc%s/>" % (prefix, ref)
    body = {"number": b"<%sv>7</%sv>" % (prefix, prefix), "empty": b""}.get(kind)
    if body is None:
        ref += b' t="inlineStr"'
        body = b"<%sis><%st>x</%st></%sis>" % (prefix, prefix, prefix, prefix)
    return b"<%sc%s>%s</%sc>" % (prefix, ref, body, prefix)


@st.composite
def _sheet_rows(draw: st.DrawFn) -> list[bytes]:
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        prefix = draw(_PREFIX)
        number = draw(st.one_of(st.none(), st.integers(1, 40)))
        attrs = b"" if number is None else draw(st.sampled_from([b' r="%d"', b" r='%d'"])) % number
        cells = b"".join(draw(st.lists(_cell(), max_size=6)))
        if not cells and draw(st.booleans()):
            rows.append(b"<%srow%s/>" % (prefix, attrs))
        else:
            rows.append(b"<%srow%s>%s</%srow >" % (prefix, attrs, cells, prefix))
    return rows


@FUZZ
@given(rows=_sheet_rows(), chunk=st.sampled_from([64, 200, 8 * 1024 * 1024]))
def test_measured_extent_covers_what_the_reader_allocates(
    tmp_path: Path, rows: list[bytes], chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Small chunks too: a row or a tag may straddle two of them."""
    import zipfile as zf

    import python_calamine as pc

    from reports.excel import xml_extent
    from reports.excel.xml_extent import Extent, measure_sheet
    from tests.reports.excel.raw_sheets import with_sheet

    monkeypatch.setattr(xml_extent, "CHUNK_BYTES", chunk)

    path = with_sheet(tmp_path / "形状.xlsx", rows)
    try:
        book = pc.CalamineWorkbook.from_path(str(path))
        sheet = book.get_sheet_by_name("s")
    except pc.CalamineError:
        return  # the reader refuses this spelling: nothing is allocated
    if sheet.start is None:
        return
    unlimited = Extent(10**9, 10**9, 10**9, 10**9)
    with zf.ZipFile(path) as archive:
        opener = lambda: archive.open("xl/worksheets/sheet1.xml")  # noqa: E731
        for measured in (
            measure_sheet(opener, unlimited),
            measure_sheet(opener, unlimited, content_only=True),
        ):
            assert measured.rows >= sheet.start[0] + sheet.height, (rows, measured, sheet.start)
            assert measured.columns >= sheet.start[1] + sheet.width, (rows, measured, sheet.start)
            held = sum(1 for row in sheet.to_python() for value in row if value != "")
            assert measured.cells >= held


_XLS_CELL = st.tuples(
    st.sampled_from(["number", "label", "mulrk"]), st.integers(0, 200), st.integers(0, 50)
)


@FUZZ
@given(cells=st.lists(_XLS_CELL, max_size=12))
def test_measured_xls_extent_covers_what_the_reader_allocates(
    tmp_path: Path, cells: list[tuple[str, int, int]]
) -> None:
    import struct

    import python_calamine as pc

    from reports.excel.xls_extent import measure_xls
    from tests.reports.excel import biff

    records = []
    for kind, row, col in cells:
        if kind == "number":
            records.append(biff.number(row, col, 1.5))
        elif kind == "label":
            records.append(biff.label(row, col, "甲"))
        else:  # three RK numbers from `col` on
            rk = struct.pack("<HI", 0, 2 << 2 | 2) * 3
            records.append(
                biff.record(0x00BD, struct.pack("<HH", row, col) + rk + struct.pack("<H", col + 2))
            )
    path = biff.write_xls(tmp_path / "形状.xls", biff.workbook_stream([("s", records)]))
    measured = measure_xls(path.read_bytes()).sheets[0]
    sheet = pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("s")
    if sheet.start is not None:
        assert measured.rows >= sheet.start[0] + sheet.height
        assert measured.columns >= sheet.start[1] + sheet.width
