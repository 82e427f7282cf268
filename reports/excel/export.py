"""花名册 exports: streamed workbooks laid out the way sheets are sent up to the city union.

Row 1 a merged title, row 2 填报单位/填报日期, row 3 the bold frozen header (canonical labels from
models.kinds), then the data, a 合计 row and a signature footer. ID numbers, bank cards and phones
are text cells, dates real dates, money two decimals; A4 landscape, fit to width, header repeated,
“第N页 共M页”. Written with XlsxWriter in constant_memory mode (reports.excel.styles): each row goes
to disk as the next one starts, so 100,000 files take as little memory as ten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from xlsxwriter.worksheet import Worksheet

from models.errors import InvalidValue
from models.kinds import KINDS, Type, masked_names, names_of
from models.services.exports import ExportFilter
from reports.excel.styles import (
    FORMULA_START,
    SIGNATURES,
    Formats,
    check_workbook_name,
    header_row,
    print_setup,
    set_widths,
    title_rows,
    writing,
)

# Per field name (models.kinds: a name has one type in every kind): personal numbers written as
# text whatever they look like, with how each is masked; money, dates and counts.
TEXT_FIELDS = masked_names()
MONEY_FIELDS = names_of(Type.MONEY)
DATE_FIELDS = names_of(Type.DATE)
COUNT_FIELDS = names_of(Type.COUNT)
# 合计 adds these up; a per-capita figure summed over files would mean nothing.
SUMMED = (MONEY_FIELDS | COUNT_FIELDS) - {"per_capita_monthly"}
WIDE_FIELDS = {
    "address": 30,
    "employer": 24,
    "remarks": 24,
    "summary": 40,
    "name": 12,
    "honors": 24,
    "original_wording": 30,
}
HEAD_ROWS = 3  # title, 填报单位, header
EXCEL_ROWS = 1_048_576  # rows in one sheet
SHEET_ROWS = EXCEL_ROWS - HEAD_ROWS - 3  # data rows per sheet, leaving room for 合计 and signatures

Progress = Callable[[int], None] | None


@dataclass(frozen=True)
class Layout:
    """The parts of a 花名册 around its data."""

    title: str
    org: str
    fields: Sequence[str]
    labels: Sequence[str]


def export_columns(kind: str) -> list[str]:
    return [f.name for f in KINDS[kind].roster_fields()]


def roster_labels(kind: str, fields: Sequence[str]) -> list[str]:
    return [KINDS[kind][f].label for f in fields]


def export_kind(
    ledger: Any,
    kind: str,
    out: Path,
    *,
    year: int | None = None,
    township: str | None = None,
    status: str | None = None,
    unmask: bool = False,
    progress: Progress = None,
) -> int:
    """Write one kind's 花名册 (or the 统计表 for kind "stats"); returns the number of records.

    A township or status no record can have is refused (ExportService.check_filter) rather than
    written as an empty roster, as is any file name but .xlsx (see check_export_name).
    """
    out = check_export_name(Path(out))
    if kind == "stats":
        from reports.excel.stats_sheets import write_stats

        return write_stats(ledger, out, year or dt.date.today().year)
    flt = ExportFilter(year, township, status)
    ledger.exports.check_filter(kind, flt)
    what = f"{KINDS[kind].label}花名册"
    if unmask:
        # Checked and audited before a byte is written, so a refusal leaves no file behind.
        ledger.privacy.audit_unmasked(f"{what} → {out.name}", use="export")
    else:
        ledger.exports.require("export")
    org = ledger.settings.org_name
    fields = export_columns(kind)
    title = f"{org}{f'{year}年' if year else ''}{KINDS[kind].label}花名册"
    layout = Layout(title, org, fields, roster_labels(kind, fields))
    return write_roster(
        out, layout, ledger.exports.rows(kind, flt), unmask=unmask, progress=progress
    )


def check_export_name(out: Path) -> Path:
    """The export's path when it ends in .xlsx (and can be written); anything else is refused.

    CSV is refused, not written: Excel and WPS open a CSV on a double-click and read every
    18-digit 身份证号 and 16-19-digit bank card as a number, keeping 15 significant digits
    (4.11602E+17); saved again, the digits are gone. Each cure breaks something else: ="…" makes
    the cell a formula (the very injection these exports neutralise) and a leading tab or
    apostrophe changes the text that another system would read. A clerk who needs CSV saves the
    .xlsx as CSV from Excel, where text cells stay text.
    """
    if out.suffix.lower() == ".csv":
        raise InvalidValue(
            "file", out.name,
            "本程序不导出 CSV：用 Excel 或 WPS 直接打开 CSV 时，身份证号、银行卡号会被当成数字，"
            "只保留前 15 位（显示成 4.11602E+17），再保存就永久丢失了。请把文件名改成 .xlsx；"
            "如另一个系统需要 CSV，可在 Excel 中打开 .xlsx 后“另存为”CSV。",
            label="导出文件",
        )  # fmt: skip
    return check_workbook_name(out)


def write_roster(
    out: Path,
    layout: Layout,
    records: Iterable[dict[str, Any]],
    *,
    unmask: bool = False,
    progress: Progress = None,
) -> int:
    """Stream records into a styled 花名册; written to a temporary file and moved into place.

    More records than one sheet holds continue on 花名册（2）, 花名册（3）… each with the title and
    header (the importer reads every data sheet); the 合计 row closes the last sheet.
    """
    today = dt.date.today()
    dated = f"填报日期：{today.year}年{today.month}月{today.day}日"
    widths = [_width(n, label) for n, label in zip(layout.fields, layout.labels, strict=True)]
    with writing(out, private=unmask) as (book, fmt):

        def start_sheet(number: int) -> Worksheet:
            ws = book.add_worksheet("花名册" if number == 1 else f"花名册（{number}）")
            set_widths(ws, widths)
            ws.freeze_panes(HEAD_ROWS, 0)
            print_setup(ws, repeat=(0, HEAD_ROWS - 1), gridlines=True)
            width = len(layout.fields)
            title_rows(ws, fmt, layout.title, layout.org, width, dated if width > 2 else None)
            header_row(ws, fmt, HEAD_ROWS - 1, layout.labels)
            return ws

        ws, row, totals, count = _write_records(
            start_sheet, fmt, layout.fields, records, unmask, progress
        )
        _write_total(ws, fmt, layout, totals, row, count)
        ws.write_string(row + 2, 0, SIGNATURES, fmt("info"))
    return count


def _write_records(
    start_sheet: Callable[[int], Worksheet],
    fmt: Formats,
    fields: Sequence[str],
    records: Iterable[dict[str, Any]],
    unmask: bool,
    progress: Progress,
) -> tuple[Worksheet, int, dict[int, Any], int]:
    """The data rows: each value in its cell type, with its column's format. Returns the last
    sheet, its next free row, the 合计 figures (exact: Decimal money, int counts) and the count.

    The hot loop of a 100,000-file export (≈4 million cells): per column the mask and formats are
    looked up once, and each value is dispatched on its exact class.
    """
    date_format = fmt("date")
    plan = []
    for col, name in enumerate(fields):
        number_format = _column_format(fmt, name)
        guarded = fmt(*(("text",) if name in TEXT_FIELDS else ()), "guard")
        plan.append((col, name, TEXT_FIELDS.get(name), number_format, guarded))
    summed = [(col, name) for col, name in enumerate(fields) if name in SUMMED]
    totals: dict[int, Any] = {col: 0 for col, _ in summed}
    sheets = 1
    ws = start_sheet(sheets)
    write_string, write_number, write_datetime = ws.write_string, ws.write_number, ws.write_datetime
    row = HEAD_ROWS
    full = HEAD_ROWS + SHEET_ROWS
    count = 0
    for record in records:
        if row == full:
            sheets += 1
            ws = start_sheet(sheets)
            write_string, write_number = ws.write_string, ws.write_number
            write_datetime = ws.write_datetime
            row = HEAD_ROWS
        get = record.get
        for col, name, mask, number_format, guarded in plan:
            value = get(name)
            if value is None:
                continue
            kind = value.__class__
            if kind is str or mask is not None:
                if mask is not None:
                    value = str(value) if unmask else mask(str(value))
                if value:
                    write_string(
                        row,
                        col,
                        value,
                        guarded if value.startswith(FORMULA_START) else number_format,
                    )
            elif kind is int or kind is float:
                write_number(row, col, value, number_format)
            elif kind is Decimal:
                write_number(row, col, float(value), number_format)
            elif kind is dt.date or kind is dt.datetime:
                write_datetime(row, col, value, date_format)
            elif kind is bool:
                write_string(row, col, "是" if value else "否", number_format)
            elif kind is tuple or kind is list:
                joined = "、".join(value)
                if joined:
                    write_string(
                        row, col, joined, guarded if joined.startswith(FORMULA_START) else None
                    )
            else:
                write_string(row, col, str(value), number_format)
        for col, name in summed:
            value = get(name)
            if value is not None and value != "":
                totals[col] += value
        row += 1
        count += 1
        if progress is not None and count % 5000 == 0:
            progress(count)
    return ws, row, totals, count


def _column_format(fmt: Formats, name: str) -> Any:
    if name in TEXT_FIELDS:
        return fmt("text")
    if name in MONEY_FIELDS:
        return fmt("money")
    return None


def _width(name: str, label: str) -> float:
    if name in TEXT_FIELDS:
        return 21 if "id_number" in name or name == "bank_card" else 14
    if name in DATE_FIELDS:
        return 12
    wide = WIDE_FIELDS.get(name)
    return float(max(wide or 8, min(len(label) * 2 + 2, 20)))


def _write_total(
    ws: Any, fmt: Formats, layout: Layout, totals: dict[int, Any], row: int, count: int
) -> None:
    """合计（N条） in the first column, then each summed column's total (money to the 分)."""
    ws.write_string(row, 0, f"合计（{count}条）", fmt("bold", "center", "grid"))
    for col, total in totals.items():
        if col == 0:
            continue
        if layout.fields[col] in MONEY_FIELDS:
            ws.write_number(row, col, float(Decimal(total).quantize(Decimal("0.01"))),
                            fmt("bold", "grid", "money"))  # fmt: skip
        else:
            ws.write_number(row, col, total, fmt("bold", "grid", "count"))


def cell_value(name: str, value: Any, unmask: bool) -> Any:
    """A record's value as the roster writes it (the benchmark's plain baseline uses this too)."""
    if value is None or value == "":
        return None
    mask = TEXT_FIELDS.get(name)
    if mask is not None:
        return str(value) if unmask else mask(str(value))
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, tuple | list):
        return "、".join(value) or None
    return value
