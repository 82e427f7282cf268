"""Builds small .xls files (BIFF8 records in an OLE compound file) for the reader-bounds tests."""

from __future__ import annotations

import struct
from collections.abc import Sequence
from pathlib import Path

SECTOR = 512
END_OF_CHAIN, FREE, FAT_SECTOR, NO_STREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def record(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def bof(substream: int) -> bytes:
    return record(0x0809, struct.pack("<HHHHII", 0x0600, substream, 0, 1997, 0, 6))


def number(row: int, col: int, value: float) -> bytes:
    return record(0x0203, struct.pack("<HHHd", row, col, 0, value))


def label(row: int, col: int, text: str) -> bytes:
    """A LABEL record (BIFF8 strings in UTF-16)."""
    return record(
        0x0204, struct.pack("<HHHHB", row, col, 0, len(text), 1) + text.encode("utf-16-le")
    )


def dimensions(first_row: int, last_row: int, first_col: int, last_col: int) -> bytes:
    """DIMENSIONS as Excel writes it: the last row and column are one past the used range."""
    return record(0x0200, struct.pack("<IIHHH", first_row, last_row, first_col, last_col, 0))


def merged(ranges: Sequence[tuple[int, int, int, int]], count: int | None = None) -> bytes:
    body = b"".join(struct.pack("<4H", *r) for r in ranges)
    return record(0x00E5, struct.pack("<H", len(ranges) if count is None else count) + body)


def sst(strings: Sequence[str], unique: int | None = None) -> bytes:
    body = b"".join(struct.pack("<HB", len(s), 1) + s.encode("utf-16-le") for s in strings)
    count = len(strings) if unique is None else unique
    return record(0x00FC, struct.pack("<Ii", len(strings), count) + body)


def workbook_stream(
    sheets: Sequence[tuple[str, Sequence[bytes]]], *, extra_globals: bytes = b"", shift: int = 0
) -> bytes:
    """Globals (BOF, one BOUNDSHEET per sheet, EOF) then each sheet's records between BOF and EOF.

    `shift` moves every sheet's stated position (to test a position outside the stream).
    """

    def boundsheet(position: int, name: str) -> bytes:
        raw = name.encode("utf-16-le")
        return record(0x0085, struct.pack("<IBBBB", position, 0, 0, len(name), 1) + raw)

    head_len = len(bof(5)) + len(extra_globals) + len(record(0x000A))
    head_len += sum(len(boundsheet(0, name)) for name, _ in sheets)
    bodies = [bof(0x10) + b"".join(records) + record(0x000A) for _, records in sheets]
    positions, at = [], head_len
    for body in bodies:
        positions.append(at + shift)
        at += len(body)
    globals_ = bof(5) + b"".join(
        boundsheet(p, n) for p, (n, _) in zip(positions, sheets, strict=True)
    )
    return globals_ + extra_globals + record(0x000A) + b"".join(bodies)


def write_xls(path: Path, stream: bytes) -> Path:
    """Wrap a Workbook stream in a version-3 compound file: FAT, directory, then the stream."""
    stream = stream.ljust(max(len(stream), 4096), b"\0")  # smaller streams live in the mini stream
    count = -(-len(stream) // SECTOR)
    assert count + 2 <= SECTOR // 4, "one FAT sector is enough for the test files"
    fat = [FAT_SECTOR, END_OF_CHAIN] + [2 + i + 1 for i in range(count - 1)] + [END_OF_CHAIN]
    fat += [FREE] * (SECTOR // 4 - len(fat))
    header = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIII", 0, 1, 1, 0, 4096, END_OF_CHAIN, 0, END_OF_CHAIN)
    header += struct.pack("<II", 0, 0) + struct.pack("<I", FREE) * 108  # the FAT is sector 0

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = (name + "\0").encode("utf-16-le") if name else b""
        return (
            raw.ljust(64, b"\0")
            + struct.pack("<HBB", len(raw), kind, 1)
            + struct.pack("<III", NO_STREAM, NO_STREAM, child)
            + b"\0" * 36
            + struct.pack("<IQ", start, size)
        )

    directory = entry("Root Entry", 5, 1, END_OF_CHAIN, 0) + entry(
        "Workbook", 2, NO_STREAM, 2, len(stream)
    )
    directory += entry("", 0, NO_STREAM, 0, 0) * 2
    body = header + struct.pack(f"<{SECTOR // 4}I", *fat) + directory
    path.write_bytes(body + stream.ljust(count * SECTOR, b"\0"))
    return path
