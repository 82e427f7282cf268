"""How far a worksheet's XML reaches (rows, columns, cells, merged ranges), counted while streaming.

The reader (calamine) places a cell by its r="B7" reference or, when a cell or row has none, by
counting cells and rows as it goes; then it allocates rows × columns densely. Excel, WPS and the
common libraries write r="…" as the first attribute of every cell, and then the references alone
tell the extent (the fast path). Anything else (cells without references, prefixed tags, odd
quoting or attribute order) is measured row by row with bounds that can only overestimate, so no
spelling the reader accepts can make it allocate more than measured here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import IO

CHUNK_BYTES = 8 * 1024 * 1024

_NAME = rb"[^\s<>/!?=:]+"  # an XML name as the reader splits it (any prefix is ignored)
# Every start tag the reader takes for a cell: <c>, <c r=…>, <c/>, and (slower to find) <x:c …>.
_PLAIN_CELL = re.compile(rb"<c[\s/>]")
_ANY_CELL = re.compile(rb"<(?:" + _NAME + rb":)?c[\s/>]")
_PREFIXED_CELL = re.compile(rb"<" + _NAME + rb":c[\s/>]")
# Every unprefixed cell tag. One written as Excel, WPS and the common libraries write it (r first,
# then short plain attributes such as s, t, cm, none of them r again: the reader keeps the last r)
# gives its column, row and whether it closes itself; any other spelling matches with empty groups.
_CELL = re.compile(rb'<c(?: r="([A-Z]{1,3})([0-9]{1,7})"(?: [a-qs-z][a-z]?="\w*")* ?(/?)>|[\s/>])')
# Any r="…" however spelled: a cell's reference (letters) or a row's number (none). Starting
# with the literal r keeps the search fast; a decoy inside another value only adds to the bound.
_LOOSE_R = re.compile(rb"""r(?<=[\s"']r)\s*=\s*["']([A-Za-z]*)([0-9]+)""")
# A row's end (captured: a self-closing row's own r= counts for the row it closes).
_ROW_END_TAIL = rb"""row(?:\s*[^\s=/>"']+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/>"""
_PLAIN_ROW_END = re.compile(rb"(</row\s*>|<" + _ROW_END_TAIL + rb")")
_ANY_ROW_END = re.compile(
    rb"(</(?:" + _NAME + rb":)?row\s*>|<(?:" + _NAME + rb":)?" + _ROW_END_TAIL + rb")"
)
_MERGE = re.compile(rb"mergeCell[\s/>]")


@dataclass
class Extent:
    """Upper bounds on what the reader builds from one sheet."""

    rows: int = 0  # the last row (1-based) a cell can land in
    columns: int = 0  # the last column (1-based)
    cells: int = 0  # cell elements: the reader stores at most this many values
    merges: int = 0
    regular: bool = True  # every cell written the way Excel writes it (the extent is exact)


Opener = Callable[[], IO[bytes]]


def measure_sheet(open_part: Opener, give_up: Extent, *, content_only: bool = False) -> Extent:
    """Stream the sheet's XML once (twice when it is irregular); stop once past `give_up`.

    `content_only` counts the extent of cells that may hold a value only (a second, rarer pass
    when the first one reached too far): self-closing formatted blanks do not count.
    """
    with open_part() as fh:
        extent = _measure_regular(fh, give_up, content_only)
    if extent is None:
        with open_part() as fh:
            extent = _measure_irregular(fh, give_up)
    return extent


def xml_chunks(fh: IO[bytes]) -> Iterator[bytes]:
    """The XML in chunks cut before a '<', so that no tag is split between two of them."""
    tail = b""
    while chunk := fh.read(CHUNK_BYTES):
        buf = tail + chunk
        cut = buf.rfind(b"<")
        body, tail = (buf[:cut], buf[cut:]) if cut > 0 else (buf, b"")
        yield body
    if tail:
        yield tail


def _past(extent: Extent, give_up: Extent) -> bool:
    return (
        extent.rows > give_up.rows
        or extent.columns > give_up.columns
        or extent.cells > give_up.cells
        or extent.merges > give_up.merges
    )


def _measure_regular(fh: IO[bytes], give_up: Extent, content_only: bool) -> Extent | None:
    """Extent from the references alone, or None as soon as one cell is not written plainly."""
    extent = Extent()
    for body in xml_chunks(fh):
        if b":c" in body and _PREFIXED_CELL.search(body):
            return None
        found = _CELL.findall(body)
        extent.cells += len(found)
        # set/map/itemgetter keep the per-cell work in C: this scan must stay cheap on big sheets.
        rows = set(map(itemgetter(1), found))
        if b"" in rows:
            return None
        if content_only:
            # A self-closing cell holds no value, and the reader skips it.
            found = [ref for ref in found if not ref[2]]
            rows = set(map(itemgetter(1), found))
        if rows:
            extent.rows = max(extent.rows, *map(int, rows))
        columns = set(map(itemgetter(0), found))
        if columns:
            extent.columns = max(extent.columns, *map(column_number, columns))
        extent.merges += len(_MERGE.findall(body))
        if _past(extent, give_up):
            break
    return extent


def _measure_irregular(fh: IO[bytes], give_up: Extent) -> Extent:
    """Row by row, as the reader counts: a cell without r= goes one right of the previous cell
    (back to the left edge after each row end), a row without r= one below the previous row."""
    extent = Extent(regular=False)
    next_row = 0  # 0-based row the reader is at once the previous row has ended
    cells = row_number = ref_column = 0  # of the row still open
    for body in xml_chunks(fh):
        # Only a chunk holding ":c" or ":row" can hold prefixed tags, which are slower to find.
        row_end = _ANY_ROW_END if b":row" in body else _PLAIN_ROW_END
        split = row_end.split(body)
        pieces, ends = split[0::2], split[1::2]  # each piece but the last is followed by a row end
        cell = _ANY_CELL if b":c" in body else _PLAIN_CELL
        counts = list(map(len, map(cell.findall, pieces)))
        found = list(map(_LOOSE_R.findall, pieces))
        found_at_end = list(map(_LOOSE_R.findall, ends)) + [[]]
        last = len(pieces) - 1
        for index in range(len(pieces)):
            cells += counts[index]
            if found[index] or found_at_end[index]:
                row_number, ref_column = _take_refs(
                    extent, found[index] + found_at_end[index], row_number, ref_column
                )
            if index < last:
                next_row = _close_row(extent, next_row, cells, row_number, ref_column)
                cells = row_number = ref_column = 0
        extent.merges += len(_MERGE.findall(body))
        # The open row counts too: one endless row must not stream on unnoticed.
        if _past(extent, give_up) or cells > give_up.cells or ref_column + cells > give_up.columns:
            break
    _close_row(extent, next_row, cells, row_number, ref_column)
    return extent


def _take_refs(
    extent: Extent, found: list[tuple[bytes, bytes]], row_number: int, ref_column: int
) -> tuple[int, int]:
    """Row numbers and cell references of the open row: (its highest r=, its farthest column)."""
    numbers = [int(digits) for letters, digits in found if not letters]
    refs = [(letters, digits) for letters, digits in found if letters]
    if numbers:
        row_number = max(row_number, *numbers)
    if refs:
        ref_column = max(ref_column, *map(column_number, {c for c, _ in refs}))
        extent.rows = max(extent.rows, *map(int, {r for _, r in refs}))
    return row_number, ref_column


def _close_row(extent: Extent, next_row: int, cells: int, row_number: int, ref_column: int) -> int:
    """Account for one row's cells; returns the row the reader is at after it."""
    # r="5" puts the row at index 4; a row going backwards is bounded by counting on instead.
    row = max(next_row, row_number - 1)
    extent.cells += cells
    # Cells without r= continue to the right of the last referenced one.
    extent.columns = max(extent.columns, ref_column + cells)
    if cells:
        extent.rows = max(extent.rows, row + 1)
    return row + 1


def column_number(letters: bytes) -> int:
    """A1-style column letters (any case) → 1-based column number."""
    number = 0
    for char in letters.upper():
        number = number * 26 + (char - 64)
    return number
