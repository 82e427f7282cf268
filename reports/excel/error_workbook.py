"""The clerk's rejected rows given back as a workbook: their own cells, a 错误原因 column, bad cells marked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from xlsxwriter.worksheet import Worksheet

from models.services.imports import Rejection
from reports.excel.layout import Header
from reports.excel.styles import Formats, header_row, set_widths, write_value, writing

REASON_HEADING = "错误原因"
ROW_HEADING = "原行号"
AUTHOR = {"author": "工会台账"}


def write_error_workbook(
    path: Path | str, rejected: Sequence[Rejection], headers: dict[str, Header]
) -> int:
    """One sheet per source sheet with rejections; returns the number of rows written.

    The rows are read once to size each sheet and once per sheet to write it (they may be
    spooled on disk: a roster refused almost whole is never held in memory).
    """
    widths: dict[str, int] = {}  # sheet → widest row, in the order the sheets first appear
    for rejection in rejected:
        sheet = rejection.row.sheet
        widths[sheet] = max(widths.get(sheet, 0), len(rejection.row.source or ()))
    written = 0
    # Owner-only: the rows are echoed as the clerk typed them, full ID and bank numbers included.
    with writing(path, private=True) as (book, fmt):
        taken: list[str] = []
        for sheet_name, longest in widths.items():
            header = headers.get(sheet_name)
            title = _safe_title(sheet_name, taken)
            taken.append(title)
            ws = book.add_worksheet(title)
            width = max(max(header.labels, default=-1) + 1 if header else 0, longest)
            set_widths(ws, [14] * width + [60, 8])
            ws.freeze_panes(1, 0)
            head = [header.labels.get(col, "") if header else "" for col in range(width)]
            header_row(ws, fmt, 0, head + [REASON_HEADING, ROW_HEADING])
            mine = (r for r in rejected if r.row.sheet == sheet_name)
            for row, rejection in enumerate(mine, start=1):
                _write_row(ws, fmt, row, rejection, width)
                written += 1
        if not widths:
            book.add_worksheet("没有错误").write_string(0, 0, "没有被拒绝的行。")
    return written


def _safe_title(name: str, taken: list[str]) -> str:
    title = "".join("_" if ch in "[]:*?/\\'" else ch for ch in name)[:31] or "Sheet"
    base, n = title, 2
    while title.lower() in {t.lower() for t in taken}:
        title = f"{base[:27]}({n})"
        n += 1
    return title


def _write_row(ws: Worksheet, fmt: Formats, row: int, rejection: Rejection, width: int) -> None:
    """The clerk's own cells as they were (text stays text), bad cells marked and explained."""
    source = list(rejection.row.source or ())[:width]
    bad: dict[int, list[str]] = {}
    for problem in rejection.problems:
        col = rejection.row.columns.get(problem.field or "")
        if col is None and problem.field == "id_number":
            col = rejection.row.columns.get("head_id_number")
        if col is not None:
            bad.setdefault(col, []).append(problem.message)
    for col in range(width):
        value = _plain(source[col] if col < len(source) else None)
        # Long numbers typed as text stay text: "@" on every text cell.
        names = ("text",) if isinstance(value, str) else ()
        if col in bad:
            write_value(ws, fmt, row, col, value, *names, "bad")
            ws.write_comment(row, col, "\n".join(bad[col]), AUTHOR)
        else:
            write_value(ws, fmt, row, col, value, *names)
    ws.write_string(row, width, rejection.message, fmt("reason"))
    ws.write_number(row, width + 1, rejection.row.row)


def _plain(value: Any) -> Any:
    if value == "" or value is None:
        return None
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    return value
