"""The clerk's rejected rows given back as a workbook: their own cells, a 错误原因 column, bad cells marked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill

from models.services.imports import Rejection
from reports.excel.export import guard_text
from reports.excel.layout import Header

REASON_HEADING = "错误原因"
ROW_HEADING = "原行号"
BAD_FILL = PatternFill("solid", fgColor="FFC7CE")
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
BAD_FONT = Font(color="9C0006")


def write_error_workbook(
    path: Path | str, rejected: Sequence[Rejection], headers: dict[str, Header]
) -> int:
    """One sheet per source sheet with rejections; returns the number of rows written."""
    book = Workbook(write_only=True)
    by_sheet: dict[str, list[Rejection]] = {}
    for rejection in rejected:
        by_sheet.setdefault(rejection.row.sheet, []).append(rejection)
    written = 0
    for sheet_name, items in by_sheet.items():
        header = headers.get(sheet_name)
        ws = book.create_sheet(_safe_title(sheet_name, book.sheetnames))
        width = max(
            [max(header.labels, default=-1) + 1 if header else 0]
            + [len(r.row.source or ()) for r in items]
        )
        _widths(ws, width)
        ws.freeze_panes = "A2"
        head = [header.labels.get(col, "") if header else "" for col in range(width)]
        ws.append([_head_cell(ws, text) for text in head + [REASON_HEADING, ROW_HEADING]])
        for rejection in items:
            ws.append(_row_cells(ws, rejection, width))
            written += 1
    if not by_sheet:
        book.create_sheet("没有错误").append(["没有被拒绝的行。"])
    book.save(str(path))
    return written


def _safe_title(name: str, taken: list[str]) -> str:
    title = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:31] or "Sheet"
    base, n = title, 2
    while title in taken:
        title = f"{base[:28]}({n})"
        n += 1
    return title


def _widths(ws: Any, width: int) -> None:
    from openpyxl.utils import get_column_letter

    for col in range(1, width + 1):
        ws.column_dimensions[get_column_letter(col)].width = 14
    ws.column_dimensions[get_column_letter(width + 1)].width = 60


def _head_cell(ws: Any, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=text)
    cell.font = Font(bold=True)
    cell.fill = HEAD_FILL
    return cell


def _row_cells(ws: Any, rejection: Rejection, width: int) -> list[Any]:
    row = rejection.row
    source = list(row.source or ())
    source += [None] * (width - len(source))
    bad: dict[int, list[str]] = {}
    for problem in rejection.problems:
        col = row.columns.get(problem.field or "")
        if col is None and problem.field == "id_number":
            col = row.columns.get("head_id_number")
        if col is not None:
            bad.setdefault(col, []).append(problem.message)
    cells = []
    for col, value in enumerate(source[:width]):
        cell = WriteOnlyCell(ws, value=_plain(value))
        if isinstance(value, str):
            cell.number_format = "@"  # keep long numbers typed as text as text
            guard_text(cell, value)
        elif isinstance(value, dt.datetime | dt.date):
            cell.number_format = "yyyy-mm-dd"
        if col in bad:
            cell.fill = BAD_FILL
            cell.font = BAD_FONT
            cell.comment = Comment("\n".join(bad[col]), "工会台账")
        cells.append(cell)
    reason = WriteOnlyCell(ws, value=rejection.message)
    reason.font = BAD_FONT
    reason.alignment = Alignment(wrap_text=True, vertical="top")
    cells.append(reason)
    cells.append(row.row)
    return cells


def _plain(value: Any) -> Any:
    if value == "" or value is None:
        return None
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    return value
