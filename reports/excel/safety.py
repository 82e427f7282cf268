"""Checks a file must pass before any reader touches it: kind, size, zip directory, encryption, XML,
and what the reader would inflate and allocate for it."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from models.errors import LedgerError
from reports.excel import xlsx_parts
from reports.excel.xls_extent import CFB_SIGNATURE, DamagedXls, XlsBook, measure_xls
from reports.excel.xml_extent import Extent, measure_sheet, xml_chunks

# Limits that no real roster comes near but that stop a file from exhausting memory or time.
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_XLS_BYTES = 60 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 2 * 1024 * 1024 * 1024
MAX_PART_RATIO = 250  # sheet XML compresses ~10-30×; hundreds-fold is a zip bomb
MIN_RATIO_CHECK_BYTES = 10 * 1024 * 1024
MAX_CELLS_PER_SHEET = 12_000_000  # a dense sheet of this many cells still fits in memory
MAX_ROWS_PER_SHEET = 300_000
MAX_COLUMNS = 1000
MAX_MERGES_PER_SHEET = 1_000_000

# What the reader (calamine) may inflate and hold. Measured on the 花名册 of
# tests/benchmarks/bench_import.py (37 columns, 30 filled per row) written by openpyxl with inline
# strings, the bulkiest way a sheet is written: 100,000 rows → sheet XML 173 MB, the reader holds
# 322 MB; 200,000 rows → 350 MB of XML, 632 MB held, estimated below at 798 MB. The same 200,000
# rows written by XlsxWriter (shared strings): 211 MB of XML + 25 MB of shared strings, 509 MB
# held, estimated at 870 MB (python-calamine 0.9.1, resident memory). The limits leave 2.4-4×
# room above a 200,000-row roster; a 300,000-row one (the row limit) still fits the memory cap.
MAX_SHEET_XML_BYTES = 1024 * 1024 * 1024
MAX_SHARED_STRINGS_BYTES = 256 * 1024 * 1024
MAX_WORKBOOK_XML_BYTES = 32 * 1024 * 1024  # workbook.xml and its relationships: a few KB normally
MAX_READER_BYTES = 2 * 1024 * 1024 * 1024  # per import: every sheet is held at once
# Memory per item as measured (Linux, resident): a stored cell 40 B plus its own copy of its text
# (~32-40 B), with room for the vector's doubling; a slot of the dense grid 32 B (.xlsx) or 64 B
# (.xls: held by the workbook and copied for us) and 24 B for the .xls formula grid; a shared
# string 24 B plus its heap block; a merged range as calamine and our list of tuples hold it.
READER_BYTES_PER_CELL = 100
READER_BYTES_PER_SLOT = 32
XLS_BYTES_PER_SLOT = 64
XLS_BYTES_PER_FORMULA_SLOT = 24
READER_BYTES_PER_STRING = 64
READER_BYTES_PER_MERGE = 320

ZIP_SIGNATURE = b"PK\x03\x04"

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_SHARED_STRING = re.compile(rb"<(?:[^\s<>/!?=:]+:)?si[\s/>]")
_SAVE_AS = "请用 Excel 或 WPS 打开后“另存为” .xlsx 格式再导入。"
_SPLIT = "请按乡镇或年份拆分成几个文件分别导入"
_DAMAGED = "文件已损坏，读取时出错。请重新获取原文件。"


class FileRefused(LedgerError):
    """The file itself cannot be imported (not a workbook, damaged, encrypted, unsafe, too big)."""

    code: ClassVar[str] = "file_refused"
    template: ClassVar[str] = "无法导入“{value}”：{reason}"

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(None, Path(path).name, reason)


@dataclass(frozen=True)
class FileCheck:
    """What the checks found: the format to read it as."""

    path: Path
    kind: str  # "xlsx", "xls" or "csv"
    # .xlsx sheet parts whose every cell is placed by its own r="B7" (the reader may slice them)
    plain_parts: frozenset[str] = frozenset()


def check_file(path: Path | str) -> FileCheck:
    """Refuse anything that is not a safe, readable .xlsx/.xls/.csv before reading it."""
    path = Path(path)
    if not path.exists():
        raise FileRefused(path, "文件不存在，请检查路径和文件名。")
    if not path.is_file():
        raise FileRefused(path, "这不是一个文件（可能是文件夹）。")
    size = path.stat().st_size
    if size == 0:
        raise FileRefused(path, "文件是空的（0字节），可能没有保存完整，请重新获取该文件。")
    if size > MAX_FILE_BYTES:
        raise FileRefused(
            path,
            f"文件有{size // 1024 // 1024}MB，超过{MAX_FILE_BYTES // 1024 // 1024}MB的上限。"
            "请按乡镇或年份拆分成几个文件分别导入。",
        )
    with path.open("rb") as fh:
        head = fh.read(8)
    suffix = path.suffix.lower()
    if head.startswith(CFB_SIGNATURE):
        return _check_compound(path, suffix, size)
    if head.startswith(ZIP_SIGNATURE):
        if suffix in (".csv", ".txt"):
            raise FileRefused(
                path, "扩展名是 .csv，内容却是 Excel 工作簿。请把扩展名改为 .xlsx 再导入。"
            )
        return FileCheck(path, "xlsx", _check_zip(path))
    if suffix in (".csv", ".txt"):
        return FileCheck(path, "csv")
    if suffix in (".xlsx", ".xlsm", ".xls", ".et"):
        if head.lstrip().startswith((b"<", b"\xef\xbb\xbf<")):
            raise FileRefused(
                path, "这是网页（HTML/XML）格式的表格，只是扩展名为 Excel。" + _SAVE_AS
            )
        raise FileRefused(
            path, "文件已损坏或不是 Excel 工作簿（文件开头不是工作簿的格式）。" + _SAVE_AS
        )
    raise FileRefused(path, "只能导入 .xlsx、.xls 或 .csv 文件。" + _SAVE_AS)


def _check_compound(path: Path, suffix: str, size: int) -> FileCheck:
    with path.open("rb") as fh:
        data = fh.read(min(size, 4 * 1024 * 1024))
    # An encrypted .xlsx is an OLE container holding these streams (names are UTF-16 in the directory).
    if (
        "EncryptedPackage".encode("utf-16-le") in data
        or "EncryptionInfo".encode("utf-16-le") in data
    ):
        raise FileRefused(
            path,
            "该工作簿设置了打开密码。请在 Excel/WPS 中打开，删除密码（文件→信息→保护工作簿）"
            "后另存，再导入。",
        )
    if suffix not in (".xls", ".et"):
        raise FileRefused(
            path, "这是旧版 Excel 97-2003（.xls）格式的文件，但扩展名不是 .xls。" + _SAVE_AS
        )
    if size > MAX_XLS_BYTES:
        raise FileRefused(path, "旧版 .xls 文件过大，无法安全读取。" + _SAVE_AS)
    _check_xls(path)
    return FileCheck(path, "xls")


def _check_zip(path: Path) -> frozenset[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "xl/workbook.xml" not in names:
                if "word/document.xml" in names:
                    raise FileRefused(path, "这是 Word 文档，不是 Excel 工作簿。")
                if "content.xml" in names:
                    raise FileRefused(path, "这是 ODS（WPS/LibreOffice）表格格式。" + _SAVE_AS)
                raise FileRefused(path, "压缩包里没有 Excel 工作簿，不是有效的 .xlsx 文件。")
            total = 0
            for info in infos:
                total += info.file_size
                if info.flag_bits & 0x1:
                    raise FileRefused(path, "工作簿内部被加密，无法读取。请去掉密码后另存再导入。")
                if info.file_size > MIN_RATIO_CHECK_BYTES and info.file_size > MAX_PART_RATIO * max(
                    info.compress_size, 1
                ):
                    raise FileRefused(
                        path, "文件内容的压缩比异常（可能是“压缩炸弹”），为安全起见拒绝读取。"
                    )
            if total > MAX_UNCOMPRESSED_BYTES:
                raise FileRefused(path, "工作簿解压后超过2GB，过大无法导入。请拆分成几个文件。")
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    _check_doctype(path, archive, info)
            return _check_reader_budget(path, archive)
    except zipfile.BadZipFile as exc:
        raise FileRefused(
            path, "文件已损坏或没有完整保存（可能下载或拷贝中断）。请重新获取原文件。"
        ) from exc
    except (OSError, EOFError, zlib_error()) as exc:
        raise FileRefused(path, _DAMAGED) from exc
    except (ValueError, NotImplementedError, RuntimeError, KeyError) as exc:
        # zipfile on a damaged directory: undecodable names, unknown compression or flag bits;
        # relationships that are not well-formed XML.
        raise FileRefused(path, _DAMAGED) from exc


def zlib_error() -> type[Exception]:
    import zlib

    return zlib.error


def _check_doctype(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """No DTD anywhere (entity expansion, external entities)."""
    with archive.open(info) as fh:
        # A DOCTYPE may only stand before the root element, so the first block tells.
        if _DOCTYPE.search(fh.read(64 * 1024)):
            raise FileRefused(
                path,
                "工作簿里含有文档类型定义（DTD），可用来发起“实体扩展”攻击，为安全起见拒绝读取。",
            )


def _check_reader_budget(path: Path, archive: zipfile.ZipFile) -> frozenset[str]:
    """Bound every part the reader inflates by its size in the zip directory first (the reader
    stops at the size stated there), then by what streaming it shows, then all of it together.
    Returns the sheet parts written plainly (every cell with its own reference)."""
    sizes = {info.filename: info.file_size for info in archive.infolist()}
    for part in (xlsx_parts.WORKBOOK, xlsx_parts.WORKBOOK_RELS):
        if sizes.get(part, 0) > MAX_WORKBOOK_XML_BYTES:
            raise FileRefused(
                path, f"工作簿的结构文件 {part} 大得异常，不是正常的工作簿。" + _SAVE_AS
            )
    parts = xlsx_parts.find_parts(archive)
    for part, name in parts.sheets.items():
        if sizes[part] > MAX_SHEET_XML_BYTES:
            raise FileRefused(
                path,
                f"工作表“{name}”解压后有{_mb(sizes[part])}MB，超过{_mb(MAX_SHEET_XML_BYTES)}MB的上限"
                f"（20万行的花名册约350MB）。数据确实这么多，{_SPLIT}；否则表格里可能有大量多余的"
                "内容，" + _SAVE_AS,
            )
    for part in parts.shared_strings:
        if sizes[part] > MAX_SHARED_STRINGS_BYTES:
            raise FileRefused(
                path,
                f"工作簿的共享文字表解压后有{_mb(sizes[part])}MB，超过{_mb(MAX_SHARED_STRINGS_BYTES)}MB"
                f"的上限。{_SPLIT}。",
            )
    needed = sum(_shared_strings_bytes(archive, part) for part in parts.shared_strings)
    plain = set()
    for part, name in parts.sheets.items():
        extent = _check_sheet(path, archive, part, name)
        needed += extent.cells * READER_BYTES_PER_CELL + extent.merges * READER_BYTES_PER_MERGE
        needed += extent.rows * extent.columns * READER_BYTES_PER_SLOT
        if extent.regular:
            plain.add(part)
    _check_memory(path, needed)
    return frozenset(plain)


def _check_sheet(path: Path, archive: zipfile.ZipFile, part: str, name: str) -> Extent:
    give_up = Extent(
        MAX_ROWS_PER_SHEET + 100, MAX_COLUMNS, MAX_CELLS_PER_SHEET, MAX_MERGES_PER_SHEET
    )
    extent = measure_sheet(lambda: archive.open(part), give_up)
    if not _within_limits(extent) and extent.regular:
        # The reader skips empty formatted cells (<c r="Z900000" s="1"/>): measure without them.
        extent = measure_sheet(lambda: archive.open(part), give_up, content_only=True)
    _refuse_extent(path, name, extent)
    return extent


def _shared_strings_bytes(archive: zipfile.ZipFile, part: str) -> int:
    """The reader keeps every shared string: its text (at most the XML's size) and a header."""
    size = count = 0
    with archive.open(part) as fh:
        for body in xml_chunks(fh):
            size += len(body)
            count += len(_SHARED_STRING.findall(body))
    return size + count * READER_BYTES_PER_STRING


def _check_memory(path: Path, needed: int) -> None:
    if needed > MAX_READER_BYTES:
        raise FileRefused(
            path,
            f"读入这个工作簿约需{_mb(needed)}MB内存，超过每次导入{_mb(MAX_READER_BYTES)}MB的上限。"
            f"{_SPLIT}；如果表格并没有这么多内容，" + _SAVE_AS,
        )


def _within_limits(extent: Extent) -> bool:
    return (
        extent.rows <= MAX_ROWS_PER_SHEET + 100
        and extent.columns <= MAX_COLUMNS
        and extent.rows * extent.columns <= MAX_CELLS_PER_SHEET
        and extent.cells <= MAX_CELLS_PER_SHEET
        and extent.merges <= MAX_MERGES_PER_SHEET
    )


def _refuse_extent(path: Path, name: str, extent: Extent) -> None:
    """Refuse a sheet whose real cells span an absurd area (the reader would allocate all of it)."""
    if extent.rows > MAX_ROWS_PER_SHEET + 100:
        raise FileRefused(
            path,
            f"工作表“{name}”中有内容的单元格远至第{extent.rows}行，超过{MAX_ROWS_PER_SHEET}行的上限。"
            f"如果那里只是误输入的字符，请删除后再导入；数据确实这么多，{_SPLIT}。",
        )
    if extent.columns > MAX_COLUMNS:
        raise FileRefused(
            path,
            f"工作表“{name}”中有内容的单元格远至第{extent.columns}列，列数异常（上限{MAX_COLUMNS}列）。"
            "请删除表格右侧多余的内容后再导入。",
        )
    if extent.rows * extent.columns > MAX_CELLS_PER_SHEET or extent.cells > MAX_CELLS_PER_SHEET:
        raise FileRefused(
            path,
            f"工作表“{name}”的单元格超过{MAX_CELLS_PER_SHEET // 10000}万个的上限，无法一次读入内存。"
            f"{_SPLIT}。",
        )
    if extent.merges > MAX_MERGES_PER_SHEET:
        raise FileRefused(
            path,
            f"工作表“{name}”的合并单元格超过{MAX_MERGES_PER_SHEET // 10000}万处的上限。"
            "请取消不必要的合并后另存，再导入。",
        )


def _check_xls(path: Path) -> None:
    """The reader parses every sheet of an .xls on opening it: bound them all before that."""
    try:
        book = measure_xls(path.read_bytes())
    except DamagedXls as exc:
        raise FileRefused(path, "文件已损坏（内部结构不完整或互相矛盾）。" + _SAVE_AS) from exc
    for sheet in book.sheets:
        extent = Extent(sheet.rows, sheet.columns, sheet.cells, sheet.merges)
        _refuse_extent(path, sheet.name, extent)
        if sheet.reserved > MAX_CELLS_PER_SHEET:
            raise FileRefused(
                path,
                f"工作表“{sheet.name}”记录的表格范围（{sheet.reserved}个单元格）与内容不符，"
                "文件可能已损坏。" + _SAVE_AS,
            )
    _check_memory(path, _xls_bytes(book))


def _xls_bytes(book: XlsBook) -> int:
    needed = book.stream_bytes + book.strings * READER_BYTES_PER_STRING
    for sheet in book.sheets:
        needed += max(sheet.cells, sheet.reserved) * READER_BYTES_PER_CELL
        needed += sheet.rows * sheet.columns * XLS_BYTES_PER_SLOT
        needed += sheet.formula_slots * XLS_BYTES_PER_FORMULA_SLOT
        needed += sheet.merges * READER_BYTES_PER_MERGE
    return needed


def _mb(size: int) -> int:
    return max(1, round(size / 1024 / 1024))
