"""How far each sheet of an .xls reaches, read from its BIFF records before the reader sees them.

The reader (calamine) parses every sheet of an .xls as soon as it opens the file: it reserves room
for as many cells as a sheet's DIMENSIONS record claims, then allocates the sheet densely from its
first to its last cell, so a 5 KB file can make it ask for tens of gigabytes and abort. The same
records are walked here, inside the same OLE container (read with every chain bounded).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

CFB_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")  # OLE compound file: .xls, or an encrypted .xlsx
_END_OF_CHAIN = 0xFFFFFFFE
_STREAMS = ("workbook", "book")
# Records that put a value in a cell (row and column are the first two u16 of each).
_CELL_RECORDS = frozenset({0x0203, 0x0204, 0x0205, 0x027E, 0x00FD})
_FORMULA, _MULRK, _DIMENSIONS, _MERGED, _EOF = 0x0006, 0x00BD, 0x0200, 0x00E5, 0x000A
_BOUNDSHEET, _SST = 0x0085, 0x00FC
_HEADER = struct.Struct("<HH")
_U16X2 = struct.Struct("<HH")


class DamagedXls(ValueError):
    """The container or its records do not hold together (the reader would fail or panic)."""


@dataclass
class XlsSheet:
    """Upper bounds on what the reader builds from one sheet."""

    name: str
    rows: int = 0  # last row (1-based) holding a value
    columns: int = 0
    cells: int = 0
    reserved: int = 0  # cells the DIMENSIONS record makes the reader reserve room for
    formula_slots: int = 0  # the formula grid is allocated densely too
    merges: int = 0


@dataclass
class XlsBook:
    sheets: list[XlsSheet] = field(default_factory=list)
    strings: int = 0  # entries the shared string table claims (the reader reserves them all)
    stream_bytes: int = 0


def measure_xls(data: bytes) -> XlsBook:
    """Measure every sheet of the .xls held in `data`; DamagedXls when it does not hold together."""
    try:
        stream = workbook_stream(data)
        return _measure_stream(stream)
    except (struct.error, IndexError, UnicodeDecodeError) as exc:
        raise DamagedXls(str(exc)) from exc


def workbook_stream(data: bytes) -> bytes:
    """The Workbook (or BIFF5 Book) stream of an OLE compound file."""
    if len(data) < 512 or not data.startswith(CFB_SIGNATURE):
        raise DamagedXls("not a compound file")
    sector_shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if sector_shift not in (9, 12) or mini_shift != 6:
        raise DamagedXls("unusual sector size")
    size = 1 << sector_shift
    n_fat, first_dir, _, cutoff, first_mini_fat, _, first_difat, _ = struct.unpack_from(
        "<8I", data, 0x2C
    )
    sectors = (len(data) + size - 1) // size - 1

    def sector(index: int) -> bytes:
        if index >= sectors:
            raise DamagedXls("sector outside the file")
        return data[(index + 1) * size : (index + 2) * size]

    difat = list(struct.unpack_from("<109I", data, 0x4C))
    entries = size // 4
    next_difat = first_difat
    for _ in range(sectors):
        if next_difat >= _END_OF_CHAIN:
            break
        block = struct.unpack(f"<{entries}I", sector(next_difat).ljust(size, b"\0"))
        difat.extend(block[:-1])
        next_difat = block[-1]
    fat_sectors = [s for s in difat[: max(n_fat, 0)] if s < _END_OF_CHAIN]
    fat: list[int] = []
    for index in fat_sectors:
        fat.extend(struct.unpack(f"<{entries}I", sector(index).ljust(size, b"\0")))

    def chain(start: int, table: list[int], limit: int) -> list[int]:
        found = []
        while start < _END_OF_CHAIN - 2:  # ENDOFCHAIN, FATSECT, DIFSECT and FREESECT end it
            if start >= len(table) or len(found) > limit:
                raise DamagedXls("broken sector chain")
            found.append(start)
            start = table[start]
        return found

    directory = b"".join(sector(s) for s in chain(first_dir, fat, sectors))
    streams = []
    root_start = root_size = 0
    for offset in range(0, len(directory) - 127, 128):
        entry = directory[offset : offset + 128]
        name_len = min(struct.unpack_from("<H", entry, 64)[0], 64)
        name = entry[: max(name_len - 2, 0)].decode("utf-16-le", errors="replace").lower()
        kind = entry[66]
        start, length = struct.unpack_from("<IQ", entry, 116)
        if kind == 5 and offset == 0:
            root_start, root_size = start, length & 0xFFFFFFFF if size == 512 else length
        elif kind == 2 and name in _STREAMS:
            streams.append((_STREAMS.index(name), start, length & 0xFFFFFFFF))
    if not streams:
        raise DamagedXls("no Workbook stream")
    _, start, length = min(streams)  # "Workbook" first, as the reader looks for it
    if length > len(data):
        raise DamagedXls("stream longer than the file")
    if length >= cutoff:
        body = b"".join(sector(s) for s in chain(start, fat, sectors))
    else:
        mini_fat: list[int] = []
        for index in chain(first_mini_fat, fat, sectors):
            mini_fat.extend(struct.unpack(f"<{entries}I", sector(index).ljust(size, b"\0")))
        mini = b"".join(sector(s) for s in chain(root_start, fat, sectors))[:root_size]
        pieces = chain(start, mini_fat, len(mini) // 64 + 1)
        body = b"".join(mini[s * 64 : s * 64 + 64] for s in pieces)
    if len(body) < length:
        raise DamagedXls("stream cut short")
    return body[:length]


def _records(stream: bytes, offset: int):
    """(type, data) of each record from `offset` to its substream's EOF or the stream's end."""
    end = len(stream)
    while offset + 4 <= end:
        kind, length = _HEADER.unpack_from(stream, offset)
        data = stream[offset + 4 : offset + 4 + length]
        yield kind, data
        if kind == _EOF:
            return
        offset += 4 + length


def _measure_stream(stream: bytes) -> XlsBook:
    book = XlsBook(stream_bytes=len(stream))
    bound = []
    for kind, data in _records(stream, 0):
        if kind == _BOUNDSHEET and len(data) >= 8:
            position = struct.unpack_from("<I", data)[0]
            if position >= len(stream):
                raise DamagedXls("sheet outside the stream")
            # The reader parses chart and macro sheets too: every one is measured.
            bound.append((position, _sheet_name(data[6:], len(bound))))
        elif kind == _SST and len(data) >= 8:
            unique = struct.unpack_from("<i", data, 4)[0]
            # Each entry takes at least 3 bytes, so a larger count is a lie the reader believes.
            if unique < 0 or unique > len(stream) // 3:
                raise DamagedXls("shared string count")
            book.strings = unique
    for position, name in bound:
        book.sheets.append(_measure_sheet(stream, position, name))
    return book


def _measure_sheet(stream: bytes, position: int, name: str) -> XlsSheet:
    sheet = XlsSheet(name)
    formula_rows: list[int] = []
    formula_columns: list[int] = []
    for kind, data in _records(stream, position):
        if kind in _CELL_RECORDS or kind == _FORMULA:
            if len(data) < 4:
                continue
            row, column = _U16X2.unpack_from(data)
            sheet.cells += 1
            sheet.rows = max(sheet.rows, row + 1)
            sheet.columns = max(sheet.columns, column + 1)
            if kind == _FORMULA:
                formula_rows.append(row)
                formula_columns.append(column)
        elif kind == _MULRK and len(data) >= 6:
            row, first = _U16X2.unpack_from(data)
            count = (len(data) - 6) // 6
            sheet.cells += count
            sheet.rows = max(sheet.rows, row + 1)
            sheet.columns = max(sheet.columns, first + count)
        elif kind == _DIMENSIONS:
            sheet.reserved = max(sheet.reserved, _reserved(data))
        elif kind == _MERGED and len(data) >= 2:
            count = struct.unpack_from("<H", data)[0]
            if 2 + 8 * count > len(data):
                raise DamagedXls("merged cells record")
            sheet.merges += count
    if formula_rows:
        sheet.formula_slots = (max(formula_rows) - min(formula_rows) + 1) * (
            max(formula_columns) - min(formula_columns) + 1
        )
    return sheet


def _reserved(data: bytes) -> int:
    """What the reader computes from DIMENSIONS, wrapping as its unsigned 32-bit arithmetic does."""
    if len(data) == 10:
        first_row, last_row, first_col, last_col = struct.unpack_from("<4H", data)
    elif len(data) == 14:
        first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", data)
    else:
        return 0  # the reader refuses the record
    if last_row >= 1 and last_col >= 1:
        rows = (last_row - 1 - first_row + 1) % 2**32
        cols = (last_col - 1 - first_col + 1) % 2**32
    else:
        rows = cols = 1
    return rows * cols


def _sheet_name(data: bytes, index: int) -> str:
    """A BIFF8 short string (BIFF5 names are read as Latin-1: only shown in a message)."""
    if len(data) >= 2:
        count, flags = data[0], data[1]
        if flags & 1:
            return data[2 : 2 + 2 * count].decode("utf-16-le", errors="replace")
        if flags == 0:
            return data[2 : 2 + count].decode("latin-1")
    return f"第{index + 1}个工作表"
