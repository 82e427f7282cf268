"""The Excel 年度统计表: the summary's figures, one sheet per theme, plus the appendix tables."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from models.errors import InvalidValue
from models.statistics import Figure
from models.statistics.facts import ACTIVITY_SLUGS
from reports.summary.appendix import table_data
from reports.summary.themes import FEATURED_WORDING, THEME_SPECS

if TYPE_CHECKING:
    from reports.summary.build import Prepared

__all__ = ["sheet_of", "write_statistics_workbook"]

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="EFE6D8")
TITLE_FONT = Font(name="宋体", size=14, bold=True)
HEAD_FONT = Font(name="宋体", size=10.5, bold=True)
BODY_FONT = Font(name="宋体", size=10.5)
MONEY_FORMAT = "#,##0.00"
COUNT_FORMAT = "#,##0"

THEME_TITLES = {
    "overview": "活动总览",
    "ideology": "思想引领",
    "achievement": "建功立业",
    "rights": "维权服务",
    "hardship": "困难帮扶",
    "stations": "服务阵地",
    "self": "自身建设",
}
_THEME_OF_CATEGORY = {
    ACTIVITY_SLUGS[category]: theme
    for category, (theme, _, _) in FEATURED_WORDING.items()
    if category in ACTIVITY_SLUGS
}
_THEME_OF_CATEGORY.update({"education": "hardship", "warmth": "hardship"})


def sheet_of(key: str, featured_categories: dict[str, str]) -> str:
    """Which theme sheet a catalogue key belongs on."""
    head, _, rest = key.partition(".")
    if head in ("households", "assistance"):
        return "hardship"
    if head == "stations":
        return "stations"
    slug = rest.split(".", 1)[0]
    if slug == "featured":
        activity_id = rest.split(".")[1]
        return featured_categories.get(activity_id, "self")
    if slug in ("total", "participants", "reach", "cash", "in_kind", "money", "households"):
        return "overview"
    return _THEME_OF_CATEGORY.get(slug, "self")


def _style_header(ws: Any, row: int, count: int) -> None:
    for col in range(1, count + 1):
        cell = ws.cell(row=row, column=col)
        cell.font, cell.fill, cell.border = HEAD_FONT, HEAD_FILL, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _title(ws: Any, title: str, subtitle: str, width: int) -> None:
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws["A1"].font = TITLE_FONT
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([subtitle])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws["A2"].font = BODY_FONT


def _number_cell(cell: Any, value: Any) -> None:
    cell.font, cell.border = BODY_FONT, BORDER
    if isinstance(value, float):
        raise TypeError("figures are int or Decimal")
    if value is not None and not isinstance(value, str):
        cell.number_format = MONEY_FORMAT if "." in str(value) else COUNT_FORMAT


def write_statistics_workbook(prepared: Prepared, out: str | Path) -> Path:
    """Write the 年度统计表 (temporary file first, so a failure leaves no half workbook)."""
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise InvalidValue("xlsx", str(out), "统计表文件名必须以 .xlsx 结尾。", label="统计表文件")
    if not out.parent.exists():
        raise InvalidValue("xlsx", str(out.parent), "保存位置的文件夹不存在。", label="统计表文件")
    figures = prepared.figures
    period = figures.period.label
    before = figures.previous.period.label
    featured = {
        str(a.id): FEATURED_WORDING.get(a.category, FEATURED_WORDING["其他"])[0]
        for a in figures.current.activities.featured
    }
    groups: dict[str, list[Figure]] = {key: [] for key in THEME_TITLES}
    for key, figure in prepared.draft.facts.items():
        if figure.value or figure.previous:
            groups[sheet_of(key, featured)].append(figure)

    wb = Workbook()
    wb.remove(wb.active)
    order = ["overview", *(spec.key for spec in THEME_SPECS)]
    header = ["指标", period, before, "单位", "来源", "统计口径"]
    for theme in order:
        rows = groups.get(theme) or []
        if not rows:
            continue  # like the PDF: a theme with no data gets no sheet
        ws = wb.create_sheet(THEME_TITLES[theme])
        _title(
            ws,
            f"{prepared.org}{period}年度统计表——{THEME_TITLES[theme]}",
            f"填报单位：{prepared.org}    统计期间：{period}    对比期间：{before}",
            len(header),
        )
        ws.append(header)
        _style_header(ws, 3, len(header))
        for figure in rows:
            ws.append(
                [
                    figure.label,
                    figure.value,
                    figure.previous,
                    figure.unit,
                    figure.source,
                    figure.basis,
                ]
            )
            r = ws.max_row
            for col in range(1, len(header) + 1):
                _number_cell(ws.cell(row=r, column=col), ws.cell(row=r, column=col).value)
        for col, width in enumerate((34, 16, 16, 8, 22, 50), start=1):
            ws.column_dimensions[get_column_letter(col)].width = width
        ws.freeze_panes = "A4"
    for title, head, rows in table_data(figures):
        name = title.split(" ", 1)[-1][:31]
        ws = wb.create_sheet(name)
        _title(ws, f"{prepared.org}{period}{name}", f"统计期间：{period}", len(head))
        ws.append(head)
        _style_header(ws, 3, len(head))
        for row in rows:
            ws.append(list(row))
            r = ws.max_row
            for col in range(1, len(head) + 1):
                _number_cell(ws.cell(row=r, column=col), ws.cell(row=r, column=col).value)
        ws.column_dimensions["A"].width = 22
        for col in range(2, len(head) + 1):
            ws.column_dimensions[get_column_letter(col)].width = 14
        ws.freeze_panes = "B4"
    for ws in wb.worksheets:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.print_title_rows = "3:3"
    partial = out.with_name(f".{out.name}.part")
    try:
        wb.save(partial)
        os.replace(partial, out)
    except PermissionError:
        partial.unlink(missing_ok=True)
        raise InvalidValue(
            "xlsx",
            str(out),
            "无法写入统计表：文件可能正被 Excel 或 WPS 打开，请关闭后重试。",
            label="统计表文件",
        ) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return out
