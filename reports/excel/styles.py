"""The one way our workbooks are written: XlsxWriter books, their named formats and shared parts.

Every xlsx we write (花名册, templates, 统计表, error workbooks, the year-end 年度统计表) comes from
`writing()` and takes its look from STYLES, so a title or a 合计 row looks the same everywhere.
Reading stays with openpyxl/calamine (reports.excel.reading).

    with writing(out) as (book, fmt):
        ws = book.add_worksheet("花名册")
        ws.write_string(0, 0, "标题", fmt("title"))
        ws.write_number(3, 5, 1200.5, fmt("money", "grid"))
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from xlsxwriter import Workbook
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from models.errors import InvalidValue
from models.saving import cannot_save, check_target, saving

PAPER_A4 = 9  # the OOXML paper size code of A4
PAGE_FOOTER = "&C第 &P 页 共 &N 页"
SIGNATURES = "单位负责人：              审核人：              填表人：              联系电话："
GRID_COLOR = "#808080"
# Text starting with these is written as a string cell with a quote prefix: Excel never runs it,
# and it stays text when a clerk edits the cell. The value itself is unchanged (re-imports exactly).
FORMULA_START = ("=", "+", "-", "@")

# Named cell formats; a cell's format is the union of the names given to Formats.__call__.
STYLES: dict[str, dict[str, Any]] = {
    "title": {"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"},
    "subtitle": {"bold": True, "font_size": 14},
    "info": {"font_size": 11},
    "head": {
        "bold": True, "align": "center", "valign": "vcenter", "text_wrap": True,
        "bg_color": "#D9E1F2", "border": 1, "border_color": GRID_COLOR,
    },
    "grid": {"border": 1, "border_color": GRID_COLOR},
    "bold": {"bold": True},
    "center": {"align": "center", "valign": "vcenter"},
    "wrap": {"text_wrap": True, "valign": "top"},
    "text": {"num_format": "@"},  # ID numbers, bank cards, phones: never turned into numbers
    "date": {"num_format": "yyyy-mm-dd"},
    "money": {"num_format": "#,##0.00"},
    "count": {"num_format": "#,##0"},
    "guard": {"quote_prefix": True},
    "required": {"font_color": "#C00000"},  # template headings of required columns
    "example": {"font_color": "#808080", "italic": True},  # the template's example row
    "bad": {"bg_color": "#FFC7CE", "font_color": "#9C0006"},  # cells an import refused
    "reason": {"font_color": "#9C0006", "text_wrap": True, "valign": "top"},
}  # fmt: skip

# Workbook options: never turn a string into a formula, number or link, whatever it looks like.
SAFE_OPTIONS: dict[str, Any] = {
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
    "default_date_format": STYLES["date"]["num_format"],
}


class Formats:
    """The formats of one workbook, made on first use from STYLES names and cached."""

    def __init__(self, book: Workbook) -> None:
        self._book = book
        self._made: dict[tuple[str, ...], Format] = {}

    def __call__(self, *names: str) -> Format:
        found = self._made.get(names)
        if found is None:
            properties: dict[str, Any] = {}
            for name in names:
                properties.update(STYLES[name])
            found = self._made[names] = self._book.add_format(properties)
        return found


@contextmanager
def writing(
    out: Path | str,
    *,
    streamed: bool = True,
    font: tuple[str, float] | None = None,
    private: bool = False,
) -> Iterator[tuple[Workbook, Formats]]:
    """A workbook written to a temporary file beside `out` and moved into place when complete,
    so a failure never leaves a half-written file under the clerk's name (models.saving: a
    folder that cannot be written is refused before anything is laid out, in Chinese).

    streamed: XlsxWriter's constant_memory mode, each row written out as soon as a later row is
    started (rows must be written in order); memory stays flat however long the sheet.
    font: the workbook's default font name and size (e.g. 宋体 for documents sent up as 公文).
    private: owner-only (0600) from the first byte, for a workbook with full personal numbers.
    """
    out = check_workbook_name(Path(out))
    options = dict(SAFE_OPTIONS, constant_memory=streamed)
    if font is not None:
        options["default_format_properties"] = {"font_name": font[0], "font_size": font[1]}
    with saving(out, prefix=".导出中-", private=private) as tmp:
        book = Workbook(str(tmp), options)
        yield book, Formats(book)
        try:
            book.close()
        except FileCreateError as exc:  # XlsxWriter's wrapper around the OSError of the disk
            cause = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else None
            if cause is None:
                raise
            raise cannot_save(cause, out.parent) from None


def check_workbook_name(out: Path, *, probe: bool = False) -> Path:
    """Refuse a file name that does not end in .xlsx (the only kind of workbook written), and a
    path that cannot become a new file (`probe`: nor a folder that refuses one); returns it."""
    if out.suffix.lower() != ".xlsx" and not out.is_dir():
        raise InvalidValue(
            "file", out.name,
            "导出的表格都是 Excel 工作簿，文件名须以 .xlsx 结尾（WPS 表格也能打开），请改用 .xlsx。",
            label="保存的文件名",
        )  # fmt: skip
    return check_target(out, probe=probe)


def print_setup(
    ws: Worksheet, *, repeat: tuple[int, int] | None = None, gridlines: bool = False
) -> None:
    """A4 landscape, fit to one page wide, the heading rows repeated, “第N页 共M页” centred below."""
    ws.set_landscape()
    ws.set_paper(PAPER_A4)
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_footer(PAGE_FOOTER)
    if repeat is not None:
        ws.repeat_rows(*repeat)
    if gridlines:
        # The table's grid on paper without a border on every cell (0: shown and printed).
        ws.hide_gridlines(0)


def title_rows(
    ws: Worksheet, fmt: Formats, title: str, org: str, width: int, right: str | None = None
) -> None:
    """Rows 1–2 of a 表: the merged title, then 填报单位 (and e.g. 填报日期 towards the right)."""
    if width > 1:
        ws.merge_range(0, 0, 0, width - 1, title, fmt("title"))
    else:
        ws.write_string(0, 0, title, fmt("title"))
    ws.set_row(0, 30)
    ws.write_string(1, 0, f"填报单位：{org}", fmt("info"))
    if right:
        ws.write_string(1, max(width - 3, 1), right, fmt("info"))


def header_row(ws: Worksheet, fmt: Formats, row: int, labels: Sequence[str]) -> None:
    """A bold, shaded, bordered heading row; the rows above it and the heading stay frozen."""
    head = fmt("head")
    for col, label in enumerate(labels):
        ws.write_string(row, col, label, head)


def set_widths(ws: Worksheet, widths: Sequence[float]) -> None:
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)


def write_text(ws: Worksheet, row: int, col: int, text: str, plain: Format | None,
               guarded: Format) -> None:  # fmt: skip
    """A string cell; text that looks like a formula gets the quote-prefixed format."""
    ws.write_string(row, col, text, guarded if text.startswith(FORMULA_START) else plain)


def write_value(ws: Worksheet, fmt: Formats, row: int, col: int, value: Any,
                *names: str) -> None:  # fmt: skip
    """Any plain value in the cell type it is (text, number, date, 是/否), never as a formula."""
    if value is None or value == "":
        if names:
            ws.write_blank(row, col, None, fmt(*names))
        return
    if isinstance(value, str):
        write_text(ws, row, col, value, fmt(*names) if names else None, fmt(*names, "guard"))
    elif isinstance(value, bool):
        ws.write_string(row, col, "是" if value else "否", fmt(*names) if names else None)
    elif isinstance(value, int | float):
        ws.write_number(row, col, value, fmt(*names) if names else None)
    elif hasattr(value, "as_tuple"):  # Decimal
        ws.write_number(row, col, float(value), fmt(*names) if names else None)
    elif hasattr(value, "toordinal"):  # date or datetime
        ws.write_datetime(row, col, value, fmt("date", *names))
    else:
        ws.write_string(row, col, str(value), fmt(*names) if names else None)


__all__ = [
    "FORMULA_START",
    "Formats",
    "PAPER_A4",
    "SIGNATURES",
    "STYLES",
    "header_row",
    "print_setup",
    "set_widths",
    "title_rows",
    "write_text",
    "write_value",
    "writing",
]
