"""The rows an import refused: kept compactly, and past the first thousand spooled to a private
temporary file, so that refusing most rows of a 200,000-row roster still fits in memory.

A refused row keeps only what the report, the wizard and the error workbook show: its sheet and
row number, its cells as read and which column each field came from, and per problem its code,
field, value and Chinese message. The spool holds the cells as typed (full ID and bank numbers):
it is created owner-only and unlinked at once, and vanishes with the result.
"""

from __future__ import annotations

import pickle
import tempfile
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, overload

from models.errors import LedgerError

if TYPE_CHECKING:
    from models.services.imports import ImportRow

KEEP_IN_MEMORY = 1000  # refused rows held as objects; the rest are spooled
# The `code` values the import report may carry; anything else is reported as invalid_value.
REPORT_CODES = frozenset(
    {
        "id_checksum", "id_length", "id_precision_lost", "id_birthdate", "date_unparseable",
        "amount_unparseable", "invalid_choice", "missing_required", "unknown_household",
        "duplicate_in_file", "duplicate_person", "identity_conflict", "invalid_value",
        "unknown_station",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Problem:
    """What the report says about one refusal (a LedgerError as the clerk sees it)."""

    code: str
    field: str | None
    value: Any
    message: str
    label: str | None = None

    @classmethod
    def of(cls, error: LedgerError) -> Problem:
        return cls(error.code, error.field, error.value, error.message, error.label)


@dataclass(frozen=True)
class RefusedRow:
    """Where a refused row was and its cells as read (field → column index in `source`)."""

    sheet: str
    row: int
    source: list[Any] | None
    columns: dict[str, int]


@dataclass(frozen=True)
class Rejection:
    row: RefusedRow
    problems: list[Problem]

    @classmethod
    def of(cls, row: ImportRow, problems: list[LedgerError]) -> Rejection:
        kept = RefusedRow(row.sheet, row.row, row.source, row.columns)
        return cls(kept, [Problem.of(p) for p in problems])

    @property
    def first(self) -> Problem:
        return self.problems[0]

    @property
    def code(self) -> str:
        code = self.first.code
        return code if code in REPORT_CODES else "invalid_value"

    @property
    def message(self) -> str:
        return "；".join(dict.fromkeys(p.message for p in self.problems))


class RejectedRows(Sequence[Rejection]):
    """The refused rows in file order: a list to its readers, mostly on disk past KEEP_IN_MEMORY."""

    def __init__(self) -> None:
        self._kept: list[Rejection] = []
        self._spool: IO[bytes] | None = None
        self._offsets = array("q")

    def append(self, rejection: Rejection) -> None:
        if len(self._kept) < KEEP_IN_MEMORY:
            self._kept.append(rejection)
            return
        if self._spool is None:
            self._spool = tempfile.TemporaryFile(prefix="union-ledger-refused-")
        spool = self._spool
        spool.seek(0, 2)
        self._offsets.append(spool.tell())
        row = rejection.row
        problems = [(p.code, p.field, p.value, p.message, p.label) for p in rejection.problems]
        record = (row.sheet, row.row, row.source, row.columns, problems)
        spool.write(pickle.dumps(record, pickle.HIGHEST_PROTOCOL))

    def __len__(self) -> int:
        return len(self._kept) + len(self._offsets)

    @overload
    def __getitem__(self, index: int) -> Rejection: ...

    @overload
    def __getitem__(self, index: slice) -> list[Rejection]: ...

    def __getitem__(self, index: int | slice) -> Rejection | list[Rejection]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        if index < len(self._kept):
            return self._kept[index]
        return self._load(self._offsets[index - len(self._kept)])

    def __iter__(self) -> Iterator[Rejection]:
        yield from self._kept
        for offset in self._offsets:
            yield self._load(offset)

    def _load(self, offset: int) -> Rejection:
        assert self._spool is not None
        self._spool.seek(offset)
        sheet, number, source, columns, problems = pickle.load(self._spool)  # noqa: S301 - ours
        return Rejection(
            RefusedRow(sheet, number, source, columns), [Problem(*p) for p in problems]
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(repr(r) for r in self[:3])
        return f"RejectedRows([{shown}{', …' if len(self) > 3 else ''}], {len(self)} rows)"


__all__ = ["KEEP_IN_MEMORY", "REPORT_CODES", "Problem", "RefusedRow", "RejectedRows", "Rejection"]
