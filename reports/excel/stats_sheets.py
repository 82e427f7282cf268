"""统计表: one sheet per figure, townships down the side and categories across, with 合计 both ways."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from models.services.exports import StatsTable
from reports.excel.export import PAPER_A4, _save

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def write_stats(ledger: Any, out: Path, year: int) -> int:
    """Write every 统计表 of the year into one workbook; returns the number of tables."""
    tables = ledger.exports.stats_tables(year)
    book = Workbook()
    book.remove(book.active)
    org = ledger.settings.org_name
    for number, table in enumerate(tables, start=1):
        ws = book.create_sheet(f"表{number}")
        write_table(ws, table, org)
    _save(book, out, len(tables))
    return len(tables)


def write_table(ws: Any, table: StatsTable, org: str) -> None:
    money = table.unit == "元"
    width = len(table.columns) + 2
    ws.cell(row=1, column=1, value=f"{org}{table.title}").font = Font(bold=True, size=14)
    ws.cell(row=1, column=1).alignment = CENTER
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    today = dt.date.today()
    ws.cell(row=2, column=1, value=f"填报单位：{org}")
    ws.cell(
        row=2, column=max(width - 1, 2), value=f"单位：{table.unit}  填报日期：{today:%Y-%m-%d}"
    )
    heads = [table.row_label, *table.columns, "合计"]
    for col, text in enumerate(heads, start=1):
        cell = ws.cell(row=3, column=col, value=text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        cell.alignment = CENTER
        cell.border = BORDER
        ws.column_dimensions[get_column_letter(col)].width = max(10, min(len(text) * 2 + 2, 22))
    totals: list[Decimal | int] = [Decimal(0) if money else 0 for _ in table.columns]
    row_number = 4
    for township, figures in table.rows:
        values = [township, *figures, sum(figures, Decimal(0) if money else 0)]
        for index, figure in enumerate(figures):
            totals[index] += figure
        _write_row(ws, row_number, values, money)
        row_number += 1
    grand = sum(totals, Decimal(0) if money else 0)
    _write_row(ws, row_number, ["合计", *totals, grand], money, bold=True)
    ws.freeze_panes = "B4"
    ws.print_title_rows = "1:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"


def _write_row(ws: Any, row: int, values: list[Any], money: bool, *, bold: bool = False) -> None:
    for col, value in enumerate(values, start=1):
        cell = ws.cell(
            row=row, column=col, value=float(value) if isinstance(value, Decimal) else value
        )
        cell.border = BORDER
        if bold:
            cell.font = Font(bold=True)
        if col > 1:
            cell.number_format = "#,##0.00" if money else "0"
