"""The distinct wordings an import met that were not the lists' own, with how often and what
they became: the `--show-values` table, the wizard's value-mapping page and the report's `mapped`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from models.kinds import KINDS
from models.wording.matcher import How, WordingMatch

# How a wording became its value, as the --show-values table and the wizard say it.
HOW_LABELS: dict[str, str] = {
    "synonym": "常见写法",
    "fuzzy": "近似写法",
    "office": "本单位对应",
    "other": "归为其他",
    "unmatched": "对应不到",
    "exact": "标准写法",
}

# Distinct wordings kept per field: a column of free text put where a list belongs could bring a
# new one on every row; past this many the rest are only counted (`more`).
MAX_DISTINCT = 2000


@dataclass(frozen=True)
class ValueCount:
    """One distinct wording of one field: what the import made of it and in how many cells."""

    field: str
    list_name: str
    value: str  # the wording as the sheet has it (folded like a cell)
    to: str | None  # the list value it became; None: left blank (or refused, see `refused`)
    how: How
    count: int
    candidates: tuple[str, ...] = ()  # values it might be (an ambiguous or refused wording)
    extra: tuple[tuple[str, str], ...] = ()  # other fields the cell spoke for
    refused: bool = False  # a strict or required field: the row is refused until it is mapped

    def mapped_entry(self) -> dict[str, Any]:
        """The import report's `mapped` row."""
        return {
            "field": self.field,
            "value": self.value,
            "to": self.to or "",
            "count": self.count,
            "how": self.how,
        }


class WordingTally:
    """Counts the reported wordings of the rows of one file as they are read."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._found: dict[tuple[str, str], list[Any]] = {}  # (field, wording) → [match, count]
        self._per_field: dict[str, int] = {}
        self.more: dict[str, int] = {}  # field → cells of wordings past MAX_DISTINCT

    def add(self, parts: Iterable[tuple[str, WordingMatch]], *, refused: bool = False) -> None:
        """The reported parts of one cell; `refused` when the cell was refused (strict, required)."""
        for field, match in parts:
            key = (field, match.original)
            found = self._found.get(key)
            if found is not None:
                found[1] += 1
                continue
            if self._per_field.get(field, 0) >= MAX_DISTINCT:
                self.more[field] = self.more.get(field, 0) + 1
                continue
            self._per_field[field] = self._per_field.get(field, 0) + 1
            self._found[key] = [match, 1, refused]

    def entries(self) -> list[ValueCount]:
        """Every distinct wording, in the kind's field order, most frequent first."""
        order = {f.name: i for i, f in enumerate(KINDS[self.kind].fields)}
        entries = [
            ValueCount(
                field,
                match.list_name,
                wording,
                match.value,
                match.how,
                count,
                match.candidates,
                match.extra,
                refused,
            )
            for (field, wording), (match, count, refused) in self._found.items()
        ]
        entries.sort(key=lambda e: (order.get(e.field, len(order)), -e.count, e.value))
        return entries

    def mapped(self) -> list[dict[str, Any]]:
        """The `mapped` list of the import report: every wording stored as a list value or blank."""
        return [e.mapped_entry() for e in self.entries() if not e.refused]

    def __len__(self) -> int:
        return len(self._found)
