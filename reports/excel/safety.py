"""Checks a file must pass before any reader touches it: kind, size, zip directory, encryption, XML."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any, ClassVar

from models.errors import LedgerError

# Limits that no real roster comes near but that stop a file from exhausting memory or time.
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_XLS_BYTES = 60 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 2 * 1024 * 1024 * 1024
MAX_PART_RATIO = 250  # sheet XML compresses ~10-30×; hundreds-fold is a zip bomb
MIN_RATIO_CHECK_BYTES = 10 * 1024 * 1024
MAX_CELLS_PER_SHEET = 12_000_000  # a dense sheet of this many cells still fits in memory
MAX_ROWS_PER_SHEET = 300_000
MAX_COLUMNS = 1000

ZIP_SIGNATURE = b"PK\x03\x04"
CFB_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")  # OLE compound file: .xls, or an encrypted .xlsx

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
# Cell references, scanned fast; when they reach too far the scan is redone counting only cells
# that hold something: the reader allocates up to the farthest of those, while empty formatted
# cells (<c r="Z900000" s="1"/>) are skipped by it.
_ANY_CELL_REF = re.compile(rb'<(?:\w+:)?c r="([A-Z]{1,3})([0-9]{1,7})"')
_CELL_REF = re.compile(rb'<(?:\w+:)?c r="([A-Z]{1,3})([0-9]{1,7})"[^>/]*>')
_SAVE_AS = "请用 Excel 或 WPS 打开后“另存为” .xlsx 格式再导入。"


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
        _check_zip(path)
        return FileCheck(path, "xlsx")
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
    return FileCheck(path, "xls")


def _check_zip(path: Path) -> None:
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
                    _check_xml_part(path, archive, info)
    except zipfile.BadZipFile as exc:
        raise FileRefused(
            path, "文件已损坏或没有完整保存（可能下载或拷贝中断）。请重新获取原文件。"
        ) from exc
    except (OSError, EOFError, zlib_error()) as exc:
        raise FileRefused(path, "文件已损坏，读取时出错。请重新获取原文件。") from exc
    except (ValueError, NotImplementedError, RuntimeError) as exc:
        # zipfile on a damaged directory: undecodable names, unknown compression or flag bits.
        raise FileRefused(path, "文件已损坏，读取时出错。请重新获取原文件。") from exc


def zlib_error() -> type[Exception]:
    import zlib

    return zlib.error


def _check_xml_part(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """No DTD anywhere (entity expansion, external entities); sheets sized by their real cells."""
    is_sheet = info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
    with archive.open(info) as fh:
        # A DOCTYPE may only stand before the root element, so the first block tells.
        first = fh.read(64 * 1024)
        if _DOCTYPE.search(first):
            raise FileRefused(
                path,
                "工作簿里含有文档类型定义（DTD），可用来发起“实体扩展”攻击，为安全起见拒绝读取。",
            )
        if is_sheet and not _within_limits(_sheet_extent(first, fh, _ANY_CELL_REF)):
            with archive.open(info) as again:
                _refuse_extent(path, _sheet_extent(again.read(64 * 1024), again, _CELL_REF))


def _sheet_extent(first: bytes, fh: Any, pattern: re.Pattern[bytes]) -> tuple[int, int]:
    """(last row, last column) reached by the cell references `pattern` finds in a sheet's XML."""
    max_row = max_col = 0
    tail = b""
    chunk = first
    while chunk:
        buf = tail + chunk
        cut = buf.rfind(b"<")
        body, tail = (buf[:cut], buf[cut:]) if cut > 0 else (buf, b"")
        refs = pattern.findall(body)
        # set/map/itemgetter keep the per-cell work in C: this scan must stay cheap on big sheets.
        rows = set(map(itemgetter(1), refs))
        if rows:
            max_row = max(max_row, *map(int, rows))
        columns = set(map(itemgetter(0), refs))
        if columns:
            max_col = max(max_col, *map(_column_number, columns))
        if max_row > 10 * MAX_ROWS_PER_SHEET:
            break  # already far beyond any limit
        chunk = fh.read(8 * 1024 * 1024)
    return max_row, max_col


def _within_limits(extent: tuple[int, int]) -> bool:
    rows, columns = extent
    return (
        rows <= MAX_ROWS_PER_SHEET + 100
        and columns <= MAX_COLUMNS
        and rows * columns <= MAX_CELLS_PER_SHEET
    )


def _refuse_extent(path: Path, extent: tuple[int, int]) -> None:
    """Refuse a sheet whose real cells span an absurd area (the reader would allocate all of it)."""
    max_row, max_col = extent
    if max_row > MAX_ROWS_PER_SHEET + 100:
        raise FileRefused(
            path,
            f"工作表中有内容的单元格远至第{max_row}行，超过{MAX_ROWS_PER_SHEET}行的上限。"
            "如果那里只是误输入的字符，请删除后再导入；数据确实这么多，请拆分成几个文件。",
        )
    if max_col > MAX_COLUMNS:
        raise FileRefused(
            path,
            f"工作表中有内容的单元格远至第{max_col}列，列数异常。请删除表格右侧多余的内容后再导入。",
        )
    if max_row * max_col > MAX_CELLS_PER_SHEET:
        raise FileRefused(
            path, "工作表的行数×列数过大，无法一次读入内存。请拆分成几个文件分别导入。"
        )


def _column_number(letters: bytes) -> int:
    number = 0
    for char in letters:
        number = number * 26 + (char - 64)
    return number
