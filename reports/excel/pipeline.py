"""The one import pipeline, for the window and the command line alike: a file and the clerk's
choices as plain values in; the file's sheets, a preview, its wordings or an applied import out.

Each step opens the file and parses it once. The clerk's column choices and value mappings are
inputs to the parse (`ImportRequest`), never edits to what it found, so a worker thread can be
handed a request while the clerk goes on choosing.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.services.imports import ImportResult, ImportRow
from models.wording.tally import ValueCount
from reports.excel.layout import Header
from reports.excel.parse import ParsedFile, SheetInfo, parse_workbook
from reports.excel.reading import open_workbook

Progress = Callable[[int], None]  # rows read so far; may raise to cancel (nothing is written)
ColumnChoices = Mapping[str, Mapping[int, str | None]]  # sheet → column → field (None: not read)
ValueChoices = Mapping[tuple[str, str], str | None]  # (list name, wording) → value (None: blank)


@dataclass(frozen=True)
class ImportRequest:
    """What is imported and how: kind, file, sheets (empty: every data sheet), the clerk's column
    choices and value mappings, and whether a real import saves the mappings for the office."""

    kind: str
    path: Path
    sheets: tuple[str, ...] = ()
    columns: ColumnChoices = field(default_factory=dict)
    values: ValueChoices = field(default_factory=dict)
    save_values: bool = True

    def read_key(self) -> tuple[Any, ...]:
        """What the rows read depend on besides the value mappings: a survey holds while it holds."""
        columns = tuple(
            sorted((sheet, tuple(sorted(cols.items()))) for sheet, cols in self.columns.items())
        )
        return (self.kind, str(self.path), self.sheets, columns)


@dataclass(frozen=True)
class SheetStart:
    """A data sheet's heading as read with the clerk's choices, and its first rows."""

    info: SheetInfo
    header: Header
    rows: tuple[ImportRow, ...]


@dataclass
class ImportOutcome:
    """An import's result beside what the parse found (sheets, headings, skipped sheets, wordings)."""

    result: ImportResult
    parsed: ParsedFile

    def wordings(self) -> list[ValueCount]:
        """Every distinct wording that was not a list's own, as read (the rows are all read)."""
        return self.parsed.wording.entries()


def sheets(path: str | Path) -> list[tuple[str, bool]]:
    """Every worksheet of the file with its visibility."""
    with open_workbook(path) as book:
        return [(s.name, s.visible) for s in book.sheets]


def preview(request: ImportRequest, ledger: Any, rows: int) -> list[SheetStart]:
    """Each data sheet's heading and its first `rows` rows, read with the office's vocabulary."""
    with open_workbook(request.path) as book:
        parsed = _parse(request, book, ledger)
        return [
            SheetStart(
                info,
                parsed.headers[info.name],
                tuple(itertools.islice(parsed.sheet_rows[info.name](), rows)),
            )
            for info in parsed.sheets
        ]


def wordings(
    request: ImportRequest, ledger: Any, *, progress: Progress | None = None
) -> list[ValueCount]:
    """Read every row (writing nothing) and return the file's distinct wordings."""
    with open_workbook(request.path) as book:
        parsed = _parse(request, book, ledger)
        for _row in _counted(parsed.rows, progress):
            pass
    return parsed.wording.entries()


def run(
    request: ImportRequest, ledger: Any, *, dry_run: bool, progress: Progress | None = None
) -> ImportOutcome:
    """Parse with the office's vocabulary and the request's mappings and apply in one transaction
    (a dry run rolls back; a real one saves the mappings when the request says so)."""
    with open_workbook(request.path) as book:  # refuses a missing or unsafe file in Chinese
        parsed = _parse(request, book, ledger)
        result = ledger.imports.apply(
            request.kind,
            _counted(parsed.rows, progress),
            file_name=request.path.name,
            file_sha256=sha256(request.path),
            dry_run=dry_run,
            vocabulary=dict(request.values) if request.values and request.save_values else None,
        )
    return ImportOutcome(result, parsed)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _parse(request: ImportRequest, book: Any, ledger: Any) -> ParsedFile:
    return parse_workbook(
        request.kind,
        book,
        list(request.sheets) or None,
        office=ledger.vocabulary.office(dict(request.values)),
        columns=request.columns,
    )


def _counted(rows: Iterator[ImportRow], progress: Progress | None) -> Iterator[ImportRow]:
    for i, row in enumerate(rows, start=1):
        if progress is not None and (i == 1 or i % 200 == 0):
            progress(i)
        yield row
