"""The Excel 年度统计表: the summary's figures, one sheet per theme, plus the appendix tables."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xlsxwriter.worksheet import Worksheet

from models.statistics import Figure
from models.statistics.facts import ACTIVITY_SLUGS
from reports.excel.styles import (
    Formats,
    check_workbook_name,
    header_row,
    print_setup,
    set_widths,
    title_rows,
    writing,
)
from reports.summary.appendix import table_data
from reports.summary.themes import CATEGORIES, THEME_SPECS, category_words

if TYPE_CHECKING:
    from reports.summary.build import Prepared

__all__ = ["sheet_of", "write_statistics_workbook"]

FONT = ("宋体", 10.5)  # the 公文 look of the printed summary
HEAD_ROWS = 3  # title, 填报单位/统计期间, header

THEME_TITLES = {
    "overview": "活动总览",
    "ideology": "思想引领",
    "culture": "职工文化",
    "achievement": "建功立业",
    "rights": "维权服务",
    "hardship": "困难帮扶",
    "service": "就业与关爱",
    "stations": "服务阵地",
    "self": "自身建设",
}
_THEME_OF_CATEGORY = {
    ACTIVITY_SLUGS[category]: words.theme
    for category, words in CATEGORIES.items()
    if category in ACTIVITY_SLUGS
}


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


def _write_rows(ws: Worksheet, fmt: Formats, rows: Sequence[Sequence[Any]]) -> None:
    """Body rows under the header: text as text, counts and 元 amounts as numbers, all ruled."""
    for row, values in enumerate(rows, start=HEAD_ROWS):
        for col, value in enumerate(values):
            if isinstance(value, float):
                raise TypeError("figures are int or Decimal")
            if value is None:
                ws.write_blank(row, col, None, fmt("grid"))
            elif isinstance(value, str):
                ws.write_string(row, col, value, fmt("grid"))
            elif "." in str(value):  # amounts in 元 carry their 分 (Decimal "12.50")
                ws.write_number(row, col, float(value), fmt("grid", "money"))
            else:
                ws.write_number(row, col, value, fmt("grid", "count"))


def write_statistics_workbook(prepared: Prepared, out: str | Path) -> Path:
    """Write the 年度统计表 (temporary file first, so a failure leaves no half workbook)."""
    out = check_workbook_name(Path(out))
    figures = prepared.figures
    period = figures.period.label
    before = figures.previous.period.label
    featured = {
        str(a.id): category_words(a.category).theme for a in figures.current.activities.featured
    }
    groups: dict[str, list[Figure]] = {key: [] for key in THEME_TITLES}
    for key, figure in prepared.draft.facts.items():
        if figure.value or figure.previous:
            groups[sheet_of(key, featured)].append(figure)

    order = ["overview", *(spec.key for spec in THEME_SPECS)]
    header = ["指标", period, before, "单位", "来源", "统计口径"]
    # writing() turns a file held open by Excel/WPS into a Chinese message (InvalidValue).
    with writing(out, font=FONT) as (book, fmt):
        for theme in order:
            rows = groups.get(theme) or []
            if not rows:
                continue  # like the PDF: a theme with no data gets no sheet
            ws = book.add_worksheet(THEME_TITLES[theme])
            set_widths(ws, (34, 16, 16, 8, 22, 50))
            ws.freeze_panes(HEAD_ROWS, 0)
            print_setup(ws, repeat=(HEAD_ROWS - 1, HEAD_ROWS - 1))
            title_rows(ws, fmt, f"{prepared.org}{period}年度统计表——{THEME_TITLES[theme]}",
                       prepared.org, len(header), f"统计期间：{period}    对比期间：{before}")  # fmt: skip
            header_row(ws, fmt, HEAD_ROWS - 1, header)
            _write_rows(ws, fmt, [
                (f.label, f.value, f.previous, f.unit, f.source, f.basis) for f in rows
            ])  # fmt: skip
        for title, head, table in table_data(figures):
            name = title.split(" ", 1)[-1][:31]
            ws = book.add_worksheet(name)
            set_widths(ws, [22] + [14] * (len(head) - 1))
            ws.freeze_panes(HEAD_ROWS, 1)
            print_setup(ws, repeat=(HEAD_ROWS - 1, HEAD_ROWS - 1))
            title_rows(ws, fmt, f"{prepared.org}{period}{name}", prepared.org, len(head),
                       f"统计期间：{period}")  # fmt: skip
            header_row(ws, fmt, HEAD_ROWS - 1, head)
            _write_rows(ws, fmt, table)
    return out
