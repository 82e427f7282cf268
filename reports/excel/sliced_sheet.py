"""A big worksheet read slice by slice, so memory stays flat however many rows it has.

calamine holds a whole sheet in memory at once (about 1.5 KB a row of a 花名册, twice that
while it builds it). A sheet whose XML is big is therefore copied, in one streaming pass, into
a private temporary workbook as several sheets of a few thousand rows each (cut between two
rows, every cell keeping its own r="B7" reference), which calamine then reads one at a time.
The copy keeps the workbook's styles (dates), shared strings and date system; the sheet's tail
(merged ranges) becomes a sheet of its own. Only sheets written the way Excel, WPS and the
common libraries write them are sliced (every cell referenced, as safety.check_file finds; no
prefixed rows, no CDATA); any other is read whole, as before.
"""

from __future__ import annotations

import os
import posixpath
import re
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reports.excel.safety import FileRefused
from reports.excel.xlsx_parts import WORKBOOK, WORKBOOK_RELS

# Sheets with more XML than this are sliced (a 花名册 row is ~1 KB of XML: some 30,000 rows).
SLICE_ABOVE_BYTES = 32 * 1024 * 1024
SLICE_BYTES = 8 * 1024 * 1024  # XML per slice: what calamine holds at once
_READ_BYTES = 4 * 1024 * 1024

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORKBOOK_PR = re.compile(rb"<workbookPr\b[^>]*>")
_TARGET = re.compile(r'Type="[^"]*/(styles|sharedStrings)"[^>]*?Target="([^"]+)"|'
                     r'Target="([^"]+)"[^>]*?Type="[^"]*/(styles|sharedStrings)"')  # fmt: skip
_SHEET_DATA = re.compile(rb"<sheetData\s*>")
_END_SHEET_DATA = b"</sheetData>"


class Irregular(Exception):
    """The sheet is not written plainly enough to cut between rows: read it whole."""


class SlicedSheet:
    """The rows of one big sheet, numbered as in the original, from a temporary sliced copy."""

    def __init__(self, name: str, path: Path, slices: int) -> None:
        import python_calamine as pc

        self.name = name
        self.path = path
        self.slices = slices
        self.book = pc.CalamineWorkbook.from_path(str(path))
        if os.name == "posix":
            # The reader keeps the file open: unlinked now, a killed import leaves no copy of
            # the cells behind (elsewhere it goes on close).
            path.unlink()
        tail = self.book.get_sheet_by_name("tail")
        self.merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (tail.merged_cell_ranges or [])]

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        """(row number, cells from column A) of every slice in turn."""
        import python_calamine as pc

        for index in range(self.slices):
            try:
                data = self.book.get_sheet_by_name(f"s{index}")
            except pc.CalamineError as exc:
                raise FileRefused(self.name, f"工作表“{self.name}”已损坏，无法读取。") from exc
            start = data.start
            if start is None:
                continue
            first, pad = start[0] + 1, [""] * start[1]
            # skip_empty_area: from the slice's first cell (iter_rows would pad from row 1).
            block = data.to_python(skip_empty_area=True)
            del data
            for offset, cells in enumerate(block):
                yield first + offset, pad + cells if pad else cells
            del block

    def close(self) -> None:
        self.book.close()
        self.path.unlink(missing_ok=True)


def slice_sheet(archive: zipfile.ZipFile, part: str, name: str) -> SlicedSheet:
    """The sheet at `part` copied into slices; Irregular when it cannot be cut safely."""
    fd, temp = tempfile.mkstemp(prefix="union-ledger-import-", suffix=".xlsx")  # owner-only
    path = Path(temp)
    try:
        with os.fdopen(fd, "wb") as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_STORED) as out:
            slices = _write_slices(archive, part, out)
            _write_workbook(archive, out, slices)
        return SlicedSheet(name, path, slices)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _write_slices(archive: zipfile.ZipFile, part: str, out: zipfile.ZipFile) -> int:
    head = b""
    buf = b""
    slices = 0
    with archive.open(part) as fh:
        while not head:
            block = fh.read(_READ_BYTES)
            if not block:
                raise Irregular(part)
            buf += block
            found = _SHEET_DATA.search(buf)
            if found:
                head, buf = buf[: found.end()], buf[found.end() :]
                if b"<worksheet" not in head:
                    raise Irregular(
                        part
                    )  # a prefixed root: the slices' closing tags would not match
            elif len(buf) > SLICE_BYTES:
                raise Irregular(part)  # no plain <sheetData> near the start
        while True:
            block = fh.read(_READ_BYTES)
            buf += block
            while len(buf) >= SLICE_BYTES and buf.find(_END_SHEET_DATA, 0, SLICE_BYTES) < 0:
                cut = buf.rfind(b"</row>", 0, SLICE_BYTES)
                if cut < 0:
                    raise Irregular(part)
                cut += len(b"</row>")
                _write_slice(out, slices, head, buf[:cut])
                slices += 1
                buf = buf[cut:]
            if not block:
                break
    end = buf.find(_END_SHEET_DATA)
    if end < 0:
        raise Irregular(part)
    _write_slice(out, slices, head, buf[:end])
    slices += 1
    out.writestr("xl/worksheets/tail.xml", head + buf[end:])
    return slices


def _write_slice(out: zipfile.ZipFile, index: int, head: bytes, rows: bytes) -> None:
    _check_plain(rows)
    out.writestr(f"xl/worksheets/s{index}.xml", head + rows + b"</sheetData></worksheet>")


def _check_plain(rows: bytes) -> None:
    """Rows that can be cut at each </row> (the safety check has seen every cell referenced)."""
    if b"<![CDATA[" in rows or b":row" in rows:
        raise Irregular("prefixed rows or CDATA")


def _write_workbook(archive: zipfile.ZipFile, out: zipfile.ZipFile, slices: int) -> None:
    """workbook.xml listing the slices and the tail, with the original's date system, styles
    and shared strings."""
    names = [f"s{i}" for i in range(slices)] + ["tail"]
    props = _WORKBOOK_PR.search(archive.read(WORKBOOK))
    sheets = "".join(
        f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, n in enumerate(names)
    )
    out.writestr(
        WORKBOOK,
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'.encode()
        + (props.group(0) if props else b"")
        + f"<sheets>{sheets}</sheets></workbook>".encode(),
    )
    rels = [
        f'<Relationship Id="rId{i + 1}" Type="{_REL}/worksheet" Target="worksheets/{n}.xml"/>'
        for i, n in enumerate(names)
    ]
    for kind, target in _parts(archive):
        local = f"{kind}.xml"
        out.writestr(f"xl/{local}", archive.read(target))
        rels.append(f'<Relationship Id="r{kind}" Type="{_REL}/{kind}" Target="{local}"/>')
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    out.writestr(WORKBOOK_RELS, f'<Relationships xmlns="{pkg}">{"".join(rels)}</Relationships>')
    for name in ("[Content_Types].xml", "_rels/.rels"):
        out.writestr(name, archive.read(name))


def _parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(styles|sharedStrings, part name) as the workbook's relationships name them."""
    names = set(archive.namelist())
    found: dict[str, str] = {}
    text = archive.read(WORKBOOK_RELS).decode("utf-8", "replace")
    for match in _TARGET.finditer(text):
        kind = match.group(1) or match.group(4)
        target = (match.group(2) or match.group(3)).replace("\\", "/")
        if target.startswith("/"):
            part = posixpath.normpath(target.lstrip("/"))
        else:
            part = posixpath.normpath(posixpath.join("xl", target))
        if part in names:
            found.setdefault(kind, part)
    return sorted(found.items())
