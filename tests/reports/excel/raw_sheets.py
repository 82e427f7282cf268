"""Workbooks whose sheet XML is written byte by byte, to test what the reader makes of it."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

from tests.reports.excel.messy import HEAD, write_xlsx

SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = b"</sheetData></worksheet>"


def with_sheet(path: Path, chunks: Iterable[bytes], part: str = "xl/worksheets/sheet1.xml") -> Path:
    """A workbook whose first sheet's XML is streamed from `chunks` (built on the fly, deflated)."""
    base = write_xlsx(path.with_suffix(".base.xlsx"), [("s", [HEAD])])
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info, src.read(info.filename))
        target = zipfile.ZipInfo(part)
        target.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(target, "w", force_zip64=True) as out:
            out.write(SHEET_HEAD)
            for chunk in chunks:
                out.write(chunk)
            out.write(SHEET_TAIL)
    base.unlink()
    return path
