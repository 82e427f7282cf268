"""The clerk's original wording kept beside the values an import mapped: {field: the cell's text}.

An import stores 患重特大疾病 for a 致困原因 cell that said 因病 and keeps 因病 on the record, so
the form and the 花名册 show what the township wrote. A wording lives as long as the value it
explains: when that field changes (in a form, or by a later import) its entry goes, unless the
change brings a wording of its own; a field left as it is keeps its entry, so re-importing an
export (whose cells are list values) never erases what the first sheet said.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from models.kinds import KINDS, by_table
from models.masking import mask_id_number

COLUMN = "original_wording"
MAX_TEXT = 200  # characters kept of one cell's wording (a cell of free text is cut, not refused)
# A run of digits as long as a phone, card or ID number: masked wherever the wording is shown,
# since the wording is not a column the export masks by type.
_LONG_NUMBER = re.compile(r"[0-9Xx]{11,}")


def merged(
    old: Mapping[str, str] | None,
    incoming: Mapping[str, str] | None,
    changed: Iterable[str],
    *,
    new: bool = False,
) -> dict[str, str] | None:
    """The record's wording after a save: entries of `changed` fields dropped, then the incoming
    wording of changed fields (of every field, for a `new` record) added; None when empty."""
    changed = set(changed)
    kept = {name: text for name, text in (old or {}).items() if name not in changed}
    for name, text in (incoming or {}).items():
        if new or name in changed:
            kept[name] = text[:MAX_TEXT]
    return kept or None


def initial(values: Mapping[str, Any]) -> dict[str, str] | None:
    """The wording a new record is created with (what the import read beside its values)."""
    return merged(None, values.get(COLUMN), (), new=True)


def settle(
    obj: Any,
    values: Mapping[str, Any],
    changes: dict[str, list[Any]],
    columns: Iterable[str],
) -> None:
    """Bring `obj.original_wording` in line with an update (see `merged`) and audit the change.

    A field counts as changed when `changes` has it or, for the values kept outside the record's
    columns (secondary causes, facilities), when the update names it: forms and imports pass only
    what changed.
    """
    outside = {name for name in values if name not in set(columns)}
    before = getattr(obj, COLUMN)
    after = merged(before, values.get(COLUMN), set(changes) | outside)
    if (before or None) != after:
        setattr(obj, COLUMN, after)
        changes[COLUMN] = [before or None, after]


def describe(kind: str, wording: Mapping[str, str] | None) -> str:
    """'主要致困原因：因病；所属行业：交通运输业' in the kind's field order, long numbers masked."""
    each = KINDS[kind]
    pairs = sorted((wording or {}).items(), key=lambda pair: _position(kind, pair[0]))
    return "；".join(
        f"{each[name].label if name in each else name}：{_masked(text)}" for name, text in pairs
    )


def _position(kind: str, name: str) -> int:
    names = [f.name for f in KINDS[kind].fields]
    return names.index(name) if name in names else len(names)


def _masked(text: str) -> str:
    return _LONG_NUMBER.sub(lambda found: mask_id_number(found.group()), text)


class KeptWording(Mapping[str, str]):
    """A record's original wording as its row carries it: a read-only {field: text} mapping
    (`row.original_wording.get("main_cause")`) whose text is the 花名册's 原始填写 cell."""

    __slots__ = ("_kind", "_pairs")

    def __init__(self, kind: str, wording: Mapping[str, str] | None = None) -> None:
        self._kind = kind
        self._pairs = tuple(sorted((wording or {}).items(), key=lambda p: _position(kind, p[0])))

    @classmethod
    def of(cls, table: str, wording: Mapping[str, str] | None) -> KeptWording:
        """The wording of a record stored in `table` (households, stations …)."""
        found = by_table(table)
        if found is None:
            raise ValueError(f"no record kind is stored in {table!r}")
        return cls(found.name, wording)

    def __getitem__(self, name: str) -> str:
        for field, text in self._pairs:
            if field == name:
                return text
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return (field for field, _ in self._pairs)

    def __len__(self) -> int:
        return len(self._pairs)

    def __hash__(self) -> int:
        return hash(self._pairs)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self._pairs) == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"KeptWording({self._kind!r}, {dict(self._pairs)!r})"

    def __str__(self) -> str:
        return describe(self._kind, dict(self._pairs))
