"""Builders of the messy workbooks and CSV files townships really send, for the import tests."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from models.validation import build_id_number

HEAD = [
    "序号",
    "姓名",
    "身份证号码",
    "所在乡镇",
    "困难类别",
    "主要致困原因",
    "月收入(元)",
    "建档日期",
]


def ids(count: int, start: int = 0) -> list[str]:
    born = dt.date(1975, 1, 1)
    return [
        build_id_number("411602", born + dt.timedelta(days=37 * (i + start)), 11)
        for i in range(count)
    ]


def people(count: int, start: int = 0) -> list[list[Any]]:
    """Valid roster rows matching HEAD."""
    return [
        [
            i + 1,
            f"职工{i + start}",
            id_no,
            "城关镇",
            "深度困难职工",
            "患重特大疾病",
            "1,200.00",
            "2024年3月1日",
        ]
        for i, id_no in enumerate(ids(count, start))
    ]


def write_xlsx(
    path: Path,
    sheets: Sequence[tuple[str, Sequence[Sequence[Any]]]],
    *,
    prepare: Callable[[Any, Any], None] | None = None,
) -> Path:
    """A workbook of the given sheets (rows from row 1); `prepare(book, sheet)` adds merges etc."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets:
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        if prepare is not None:
            prepare(book, ws)
    book.save(path)
    return path


def rewrite_part(path: Path, part: str, change: Callable[[str], str]) -> Path:
    """Edit one XML part of an .xlsx in place (to set cached formula values, fake dimensions …)."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == part:
                data = change(data.decode("utf-8")).encode("utf-8")
            dst.writestr(info, data)
    shutil.move(tmp, path)
    return path


def set_cached_value(path: Path, cell: str, value: str, sheet: int = 1) -> Path:
    """Give a formula cell openpyxl wrote the cached value Excel would have stored."""

    def change(xml: str) -> str:
        pattern = re.compile(rf'(<c r="{cell}"[^>]*>)<f>(.*?)</f><v\s*/?>(</v>)?')
        new, count = pattern.subn(lambda m: f"{m.group(1)}<f>{m.group(2)}</f><v>{value}</v>", xml)
        assert count == 1, xml[:2000]
        return new

    return rewrite_part(path, f"xl/worksheets/sheet{sheet}.xml", change)


def write_csv(path: Path, rows: Sequence[Sequence[Any]], encoding: str) -> Path:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path
