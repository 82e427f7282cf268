"""花名册 exports: streamed write-only workbooks laid out the way sheets are sent up to the city union.

Row 1 a merged title, row 2 填报单位/填报日期, row 3 the bold frozen header (canonical labels from
models.fields), then the data, a 合计 row and a signature footer. ID numbers, bank cards and phones
are text cells, dates real dates, money two decimals; A4 landscape, fit to width, header repeated,
“第N页 共M页”. Styled cells reuse one template cell per column: openpyxl's write-only writer
serialises a row as soon as it is appended, so the template can take the next row's value.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from models.fields import FIELDS_BY_KIND, KIND_LABELS
from models.masking import mask_bank_card, mask_id_number, mask_phone
from models.services.exports import ExportFilter

# Fields written as text whatever they look like, and how each is masked.
TEXT_FIELDS = {
    "id_number": mask_id_number, "head_id_number": mask_id_number, "phone": mask_phone,
    "bank_card": mask_bank_card,
}  # fmt: skip
MONEY_FIELDS = {
    "monthly_income", "family_annual_income", "annual_rigid_expense", "per_capita_monthly",
    "cash", "goods_value", "investment", "money_recovered",
}  # fmt: skip
DATE_FIELDS = {
    "birth_date",
    "filed_date",
    "reviewed_date",
    "date",
    "built_date",
    "start_date",
    "end_date",
}
COUNT_FIELDS = {
    "family_size", "visits", "participants", "person_times", "households_benefited", "cases",
    "new_unions", "new_members", "new_migrant_members", "contest_trades", "contestants",
    "training_sessions", "trainees", "students", "books", "periodicals",
}  # fmt: skip
# 合计 adds these up; a per-capita figure summed over files would mean nothing.
SUMMED = (MONEY_FIELDS | COUNT_FIELDS) - {"per_capita_monthly"}
WIDE_FIELDS = {
    "address": 30,
    "employer": 24,
    "remarks": 24,
    "summary": 40,
    "name": 12,
    "honors": 24,
}
# What a roster leaves out: columns that only make sense inside the app.
EXPORT_SKIP: dict[str, set[str]] = {}
FORMULA_START = ("=", "+", "-", "@")

PAPER_A4 = 9  # the OOXML paper size code of A4
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

Progress = Callable[[int], None] | None


@dataclass(frozen=True)
class Layout:
    """The parts of a 花名册 around its data."""

    title: str
    org: str
    fields: Sequence[str]
    labels: Sequence[str]


def export_columns(kind: str) -> list[str]:
    fields = [f for f in FIELDS_BY_KIND[kind] if f not in EXPORT_SKIP.get(kind, set())]
    return fields


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
    """Write one kind's 花名册 (or the 统计表 for kind "stats"); returns the number of records."""
    if kind == "stats":
        from reports.excel.stats_sheets import write_stats

        return write_stats(ledger, out, year or dt.date.today().year)
    flt = ExportFilter(year, township, status)
    what = f"{KIND_LABELS.get(kind, kind)}花名册"
    if unmask:
        # Checked and audited before a byte is written, so a refusal leaves no file behind.
        ledger.privacy.audit_unmasked(f"{what} → {out.name}", use="export")
    else:
        ledger.exports.require("export")
    org = ledger.settings.org_name
    fields = export_columns(kind)
    title = f"{org}{f'{year}年' if year else ''}{KIND_LABELS.get(kind, kind)}花名册"
    layout = Layout(title, org, fields, [FIELDS_BY_KIND[kind][f] for f in fields])
    return write_roster(
        out, layout, ledger.exports.rows(kind, flt), unmask=unmask, progress=progress
    )


def write_roster(
    out: Path,
    layout: Layout,
    records: Iterable[dict[str, Any]],
    *,
    unmask: bool = False,
    progress: Progress = None,
) -> int:
    """Stream records into a styled 花名册; written to a temporary file and moved into place."""
    book = Workbook(write_only=True)
    ws = book.create_sheet("花名册")
    width = len(layout.fields)
    _setup_sheet(ws, layout)
    ws.append([_styled(ws, layout.title, Font(bold=True, size=16), CENTER)])
    ws.merged_cells.add(f"A1:{get_column_letter(width)}1")
    today = dt.date.today()
    info = [_styled(ws, f"填报单位：{layout.org}", Font(size=11))] + [None] * (width - 1)
    if width > 2:
        info[max(width - 3, 1)] = _styled(
            ws, f"填报日期：{today.year}年{today.month}月{today.day}日", Font(size=11)
        )
    ws.append(info)
    ws.append(
        [_styled(ws, label, Font(bold=True), CENTER, HEAD_FILL, BORDER) for label in layout.labels]
    )
    # Only money and text-number columns go through a template cell (dates get their format from
    # openpyxl itself); empty values are left out as openpyxl does for plain rows, and the grid
    # comes from printed gridlines, so the styled sheet writes the same cells as a plain one.
    plan = [
        (name, TEXT_FIELDS.get(name), _template(ws, name), _guard_template(ws, name))
        for name in layout.fields
    ]
    summed = [index for index, name in enumerate(layout.fields) if name in SUMMED]
    totals: dict[int, Any] = dict.fromkeys(summed, 0)
    count = 0
    for record in records:
        row: list[Any] = []
        append = row.append
        for name, mask, template, guard in plan:
            value = record.get(name)
            kind = value.__class__
            if value is None or value == "":
                append(None)
                continue
            if mask is not None:
                value = str(value) if unmask else mask(str(value))
            elif kind is Decimal:
                value = float(value)
            elif kind is bool:
                value = "是" if value else "否"
            elif kind is tuple or kind is list:
                value = "、".join(value) or None
            if value.__class__ is str and (value.startswith(FORMULA_START) or value in ERROR_CODES):
                guard.value = value  # stays text: never run as a formula or shown as an error
                guard.data_type = "s"
                append(guard)
            elif template is None:
                append(value)
            else:
                template.value = value
                append(template)
        for index in summed:
            value = row[index]
            if value is not None:
                totals[index] += value.value if isinstance(value, Cell) else value
        ws.append(row)
        count += 1
        if progress is not None and count % 5000 == 0:
            progress(count)
    _append_total(ws, layout, totals, count)
    ws.append([])
    ws.append(
        [
            _styled(
                ws,
                "单位负责人：              审核人：              填表人：              联系电话：",
                Font(size=11),
            )
        ]
    )
    return _save(book, out, count)


def _setup_sheet(ws: Any, layout: Layout) -> None:
    ws.freeze_panes = "A4"
    ws.print_title_rows = "1:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.print_options.gridLines = True  # the table's grid on paper, without a border on every cell
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.evenFooter.center.text = "第 &P 页 共 &N 页"
    for index, (name, label) in enumerate(zip(layout.fields, layout.labels, strict=True), start=1):
        ws.column_dimensions[get_column_letter(index)].width = _width(name, label)


def _width(name: str, label: str) -> float:
    if name in TEXT_FIELDS:
        return 21 if "id_number" in name or name == "bank_card" else 14
    if name in DATE_FIELDS:
        return 12
    wide = WIDE_FIELDS.get(name)
    return float(max(wide or 8, min(len(label) * 2 + 2, 20)))


def _styled(ws: Any, value: Any, font: Font | None = None, align: Alignment | None = None,
            fill: PatternFill | None = None, border: Border | None = None) -> WriteOnlyCell:  # fmt: skip
    cell = WriteOnlyCell(ws, value=value)
    if font is not None:
        cell.font = font
    if align is not None:
        cell.alignment = align
    if fill is not None:
        cell.fill = fill
    if border is not None:
        cell.border = border
    return cell


class _TemplateCell(Cell):
    """A reusable cell; openpyxl formats the repr of any cell handed to append (and drops it)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<cell>"


def _template(ws: Any, name: str) -> Cell | None:
    """The cell a column's values are written through, when the column needs a number format."""
    if name in TEXT_FIELDS:
        number_format = "@"
    elif name in MONEY_FIELDS:
        number_format = "#,##0.00"
    else:
        return None
    cell = _TemplateCell(ws)
    cell.number_format = number_format
    return cell


def _guard_template(ws: Any, name: str) -> Cell:
    cell = _template(ws, name) or _TemplateCell(ws)
    cell.quotePrefix = True
    return cell


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


def guard_text(cell: Any, text: str) -> None:
    """Text starting with = + - @ stays text: a string cell, marked quote-prefixed.

    Excel never evaluates a string cell, and the quote prefix keeps it text when someone edits it;
    the value itself is unchanged, so the file re-imports exactly (no apostrophe added).
    """
    risky = text.startswith(FORMULA_START)
    if risky or cell.data_type in ("f", "e"):
        cell.data_type = "s"
    if risky != bool(cell.quotePrefix):
        cell.quotePrefix = risky


def _append_total(ws: Any, layout: Layout, totals: dict[int, Any], count: int) -> None:
    row: list[Any] = [None] * len(layout.fields)
    row[0] = _styled(ws, f"合计（{count}条）", Font(bold=True), CENTER, None, BORDER)
    for index, total in totals.items():
        if index == 0:
            continue
        name = layout.fields[index]
        cell = _styled(
            ws,
            round(total, 2) if name in MONEY_FIELDS else total,
            Font(bold=True),
            None,
            None,
            BORDER,
        )
        cell.number_format = "#,##0.00" if name in MONEY_FIELDS else "0"
        row[index] = cell
    ws.append(row)


def _save(book: Workbook, out: Path, count: int) -> int:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", prefix=".导出中-", dir=out.parent)
    os.close(fd)
    try:
        book.save(tmp)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count
