"""Reading workbooks and CSV files as plain rows of cell values, merged cells filled in.

.xlsx and .xls go through python-calamine (a Rust reader, ~20× faster than openpyxl's read-only
mode): it returns the cached value of formulas, reads hidden rows and columns like any other and
sizes a sheet by its real cells, not by the stated dimension. Merged ranges come from calamine too
and are applied here to every row they span. Files are checked by `safety.check_file` first:
calamine allocates a sheet densely, so a stray cell far away must be refused before it is read.
A big sheet is read in slices (reports.excel.sliced_sheet), so that memory stays flat.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reports.excel import sliced_sheet
from reports.excel.safety import MAX_ROWS_PER_SHEET, FileCheck, FileRefused, check_file
from reports.excel.sliced_sheet import SlicedSheet
from reports.excel.xlsx_parts import find_parts

Cells = list[Any]

CSV_SAMPLE_BYTES = 1024 * 1024
csv.field_size_limit(1024 * 1024)  # one cell over 1 MB is a broken file, not a roster
# csv.reader builds a whole record before we see it: bound the line, or one line of commas becomes
# millions of cells. A thousand columns of a thousand characters each still fit.
CSV_MAX_LINE_CHARS = 1024 * 1024


@dataclass
class Sheet:
    """One worksheet (or the single table of a CSV file) as rows numbered the way the clerk sees them."""

    name: str
    visible: bool = True
    merged: list[tuple[int, int, int, int]] = field(
        default_factory=list
    )  # r0, c0, r1, c1 (0-based)
    _source: Any = None
    _column_offset: int = 0
    is_csv: bool = False

    def rows(self) -> Iterator[tuple[int, Cells]]:
        """(row number, cells from column A); for CSV the number of the record."""
        if self.is_csv:
            yield from self._source()
            return
        if isinstance(self._source, SlicedSheet):
            yield from _with_merges(self._bounded(self._source.rows()), self.merged)
            return
        yield from _with_merges(self._calamine_rows(), self.merged)

    def _bounded(self, rows: Iterator[tuple[int, Cells]]) -> Iterator[tuple[int, Cells]]:
        for number, cells in rows:
            if number > MAX_ROWS_PER_SHEET + 100:
                raise FileRefused(self.name, f"工作表“{self.name}”超过{MAX_ROWS_PER_SHEET}行。")
            yield number, cells

    def _calamine_rows(self) -> Iterator[tuple[int, Cells]]:
        pad = [""] * self._column_offset
        # calamine yields from row 1 (index 0) and from the first column holding anything.
        for index, cells in enumerate(self._source.iter_rows()):
            if index >= MAX_ROWS_PER_SHEET + 100:
                raise FileRefused(self.name, f"工作表“{self.name}”超过{MAX_ROWS_PER_SHEET}行。")
            yield index + 1, pad + cells if pad else cells


@dataclass
class Workbook:
    path: Path
    kind: str
    sheets: list[Sheet]
    _handle: Any = None

    def close(self) -> None:
        for sheet in self.sheets:
            if isinstance(sheet._source, SlicedSheet):
                sheet._source.close()
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_workbook(path: Path | str) -> Workbook:
    """Check the file, then open it; every failure becomes a FileRefused with a Chinese reason."""
    checked = check_file(path)
    if checked.kind == "csv":
        return Workbook(checked.path, "csv", [_csv_sheet(checked)])
    return _open_with_calamine(checked)


def _open_with_calamine(checked: FileCheck) -> Workbook:
    import python_calamine as pc

    path = checked.path
    try:
        book = pc.CalamineWorkbook.from_path(str(path))
    except pc.PasswordError as exc:
        raise FileRefused(path, "该工作簿设置了打开密码。请去掉密码后另存，再导入。") from exc
    except (pc.CalamineError, OSError, ValueError) as exc:
        raise FileRefused(path, _UNREADABLE) from exc
    except BaseException as exc:
        if _is_panic(exc):
            raise FileRefused(path, _UNREADABLE) from exc
        raise
    sheets = []
    try:
        big = _big_sheets(path, checked.plain_parts) if checked.kind == "xlsx" else {}
        for meta in book.sheets_metadata:
            if meta.typ != pc.SheetTypeEnum.WorkSheet:
                continue  # chart sheets and macro sheets hold no rows
            visible = meta.visible == pc.SheetVisibleEnum.Visible
            sliced = _sliced(path, meta.name, big.get(meta.name))
            if sliced is not None:
                sheets.append(Sheet(meta.name, visible, sliced.merged, _source=sliced))
                continue
            try:
                data = book.get_sheet_by_name(meta.name)
            except pc.CalamineError as exc:
                raise FileRefused(path, f"工作表“{meta.name}”已损坏，无法读取。") from exc
            start = data.start
            merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (data.merged_cell_ranges or [])]
            sheets.append(
                Sheet(
                    name=meta.name,
                    visible=visible,
                    merged=merged,
                    _source=data if start is not None else _EmptySheet(),
                    _column_offset=start[1] if start is not None else 0,
                )
            )
    except BaseException as exc:
        Workbook(path, checked.kind, sheets, book).close()
        if _is_panic(exc):
            raise FileRefused(path, _UNREADABLE) from exc
        raise
    return Workbook(path, checked.kind, sheets, book)


def _big_sheets(path: Path, plain: frozenset[str]) -> dict[str, str]:
    """Sheet name → part, for the plainly written sheets too big to be read whole."""
    with zipfile.ZipFile(path) as archive:
        sizes = {info.filename: info.file_size for info in archive.infolist()}
        parts = find_parts(archive).sheets
    return {
        name: part
        for part, name in parts.items()
        if part in plain and sizes.get(part, 0) > sliced_sheet.SLICE_ABOVE_BYTES
    }


def _sliced(path: Path, name: str, part: str | None) -> SlicedSheet | None:
    """The sheet read in slices, or None to read it whole (small, or not written plainly)."""
    if part is None:
        return None
    import python_calamine as pc

    try:
        with zipfile.ZipFile(path) as archive:
            return sliced_sheet.slice_sheet(archive, part, name)
    except sliced_sheet.Irregular:
        return None
    except (pc.CalamineError, zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError) as exc:
        raise FileRefused(path, _UNREADABLE) from exc


_UNREADABLE = (
    "文件已损坏或不是能读取的 Excel 工作簿。请用 Excel/WPS 打开确认，再“另存为” .xlsx 后导入。"
)


def _is_panic(exc: BaseException) -> bool:
    """The reader's Rust panics arrive as pyo3's PanicException, a BaseException: a damaged file."""
    return type(exc).__name__ == "PanicException"


class _EmptySheet:
    @staticmethod
    def iter_rows() -> Iterator[Cells]:
        return iter(())


def _with_merges(
    rows: Iterator[tuple[int, Cells]], merged: list[tuple[int, int, int, int]]
) -> Iterator[tuple[int, Cells]]:
    """Give every cell of a merged range the value of its top-left cell (Excel keeps only that one)."""
    if not merged:
        yield from rows
        return
    by_start: dict[int, list[tuple[int, int, int, int]]] = {}
    for rng in merged:
        by_start.setdefault(rng[0], []).append(rng)
    active: list[tuple[int, int, int, Any]] = []  # last row, first col, last col, value
    for number, cells in rows:
        index = number - 1
        for _r0, c0, r1, c1 in by_start.pop(index, ()):
            value = cells[c0] if c0 < len(cells) else ""
            active.append((r1, c0, c1, value))
        if active:
            active = [a for a in active if a[0] >= index]
            for _, c0, c1, value in active:
                if len(cells) <= c1:
                    cells = cells + [""] * (c1 + 1 - len(cells))
                for col in range(c0, c1 + 1):
                    cells[col] = value
        yield number, cells


# ---- CSV --------------------------------------------------------------------------------------


def _csv_sheet(checked: FileCheck) -> Sheet:
    path = checked.path
    encoding = detect_encoding(path)
    with path.open("r", encoding=encoding, newline="", errors="strict") as fh:
        try:
            sample = fh.read(64 * 1024)
        except UnicodeDecodeError as exc:
            raise FileRefused(path, _ENCODING_REASON) from exc
    if "\x00" in sample:
        raise FileRefused(path, "文件里含有二进制内容，不是文本格式的 CSV 文件。")
    delimiter = _guess_delimiter(sample)

    def rows() -> Iterator[tuple[int, Cells]]:
        with path.open("r", encoding=encoding, newline="", errors="strict") as fh:
            reader = csv.reader(_bounded_lines(path, fh), delimiter=delimiter)
            try:
                for number, record in enumerate(reader, start=1):
                    if number > MAX_ROWS_PER_SHEET + 100:
                        raise FileRefused(path, f"文件超过{MAX_ROWS_PER_SHEET}行，请拆分后导入。")
                    yield number, list(record)
            except UnicodeDecodeError as exc:
                raise FileRefused(path, _ENCODING_REASON) from exc
            except csv.Error as exc:
                raise FileRefused(
                    path,
                    f"第{reader.line_num}行的格式有误（引号不配对或单元格过长），请检查后再导入。",
                ) from exc

    return Sheet(name=path.stem, is_csv=True, _source=rows)


def _bounded_lines(path: Path, fh: io.TextIOBase) -> Iterator[str]:
    number = 0
    while line := fh.readline(CSV_MAX_LINE_CHARS + 1):
        number += 1
        if len(line) > CSV_MAX_LINE_CHARS:
            raise FileRefused(
                path,
                f"第{number}行过长（超过{CSV_MAX_LINE_CHARS // 10000}万个字符），不是正常的表格行。"
                "请用 Excel/WPS 打开检查该行，删除多余的内容后另存，再导入。",
            )
        yield line


_ENCODING_REASON = (
    "文件的文字编码无法识别（不是 UTF-8，也不是 GBK/GB18030）。"
    "请用 Excel 或 WPS 打开后另存为 .xlsx，或另存为“CSV UTF-8”格式。"
)


def detect_encoding(path: Path) -> str:
    """utf-8-sig / utf-16 by BOM; otherwise UTF-8 when the start decodes as UTF-8, else GB18030."""
    with path.open("rb") as fh:
        head = fh.read(CSV_SAMPLE_BYTES)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # Excel's “Unicode 文本”
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=len(head) < CSV_SAMPLE_BYTES)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    # GB18030 is a superset of GBK and GB2312: what Chinese Excel and WPS write by default.
    try:
        codecs.getincrementaldecoder("gb18030")().decode(head, final=False)
    except UnicodeDecodeError:
        raise FileRefused(path, _ENCODING_REASON) from None
    return "gb18030"


def _guess_delimiter(sample: str) -> str:
    lines = [line for line in io.StringIO(sample).read().splitlines()[:20] if line.strip()]
    best, best_score = ",", 0
    for candidate in (",", "\t", ";", "，"):
        score = sum(line.count(candidate) for line in lines)
        if score > best_score:
            best, best_score = candidate, score
    return best
