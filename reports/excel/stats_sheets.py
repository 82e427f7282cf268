"""统计表: one sheet per figure, townships down the side and categories across, with 合计 both ways."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from xlsxwriter.worksheet import Worksheet

from models.services.exports import StatsTable
from reports.excel.styles import Formats, header_row, print_setup, set_widths, title_rows, writing

HEAD_ROWS = 3  # title, 填报单位, header


def write_stats(ledger: Any, out: Path, year: int) -> int:
    """Write every 统计表 of the year into one workbook; returns the number of tables."""
    tables = ledger.exports.stats_tables(year)
    org = ledger.settings.org_name
    with writing(out) as (book, fmt):
        for number, table in enumerate(tables, start=1):
            write_table(book.add_worksheet(f"表{number}"), fmt, table, org)
    return len(tables)


def write_table(ws: Worksheet, fmt: Formats, table: StatsTable, org: str) -> None:
    """One table: title, 填报单位/单位/日期, header, a row per township, then the 合计 row."""
    money = table.unit == "元"
    zero: Decimal | int = Decimal("0.00") if money else 0
    heads = [table.row_label, *table.columns, "合计"]
    set_widths(ws, [max(10, min(len(text) * 2 + 2, 22)) for text in heads])
    ws.freeze_panes(HEAD_ROWS, 1)
    print_setup(ws, repeat=(0, HEAD_ROWS - 1))
    today = dt.date.today()
    title_rows(ws, fmt, f"{org}{table.title}", org, len(heads),
               f"单位：{table.unit}  填报日期：{today:%Y-%m-%d}")  # fmt: skip
    header_row(ws, fmt, HEAD_ROWS - 1, heads)
    totals = [zero for _ in table.columns]
    row = HEAD_ROWS
    for township, figures in table.rows:
        for index, figure in enumerate(figures):
            totals[index] += figure
        _write_row(ws, fmt, row, [township, *figures, sum(figures, zero)], money)
        row += 1
    _write_row(ws, fmt, row, ["合计", *totals, sum(totals, zero)], money, bold=True)


def _write_row(ws: Worksheet, fmt: Formats, row: int, values: list[Any], money: bool,
               *, bold: bool = False) -> None:  # fmt: skip
    extra = ("bold",) if bold else ()
    ws.write_string(row, 0, values[0], fmt("grid", *extra))
    number = fmt("grid", "money" if money else "count", *extra)
    for col, value in enumerate(values[1:], start=1):
        ws.write_number(row, col, float(value) if money else value, number)
