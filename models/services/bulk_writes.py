"""Writing many new records at once: one executemany per chunk, and their audit entries beside them.

The importer decides a chunk of rows in memory and writes the new records here; what it writes
is what the services' `create_in` methods write one by one through the ORM (~20× slower), and
tests hold the two to the same records and audit entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from models import search_index
from models.schema import AuditEntry, HouseholdMember
from models.services.base import jsonable
from models.wording import original

MAX_IN = 900  # parameters per IN (...) list, well under every engine's limit


def chunks(items: Sequence[Any], size: int = MAX_IN) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass(eq=False)
class NewRecord:
    """A record decided on but not written yet: its column values, audit label and changes.

    Read like the ORM record it becomes (`new.name`): the values until it is written and loaded,
    the loaded record after, so a later row of the same chunk compares against what is stored.
    """

    values: dict[str, Any]
    label: str
    changes: dict[str, list[Any]]
    id: int | None = None
    loaded: Any = None
    relations: dict[str, list[str]] = field(default_factory=dict)  # facilities … of a station

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if self.loaded is not None:
            return getattr(self.loaded, name)
        return self.values.get(name)


def created_changes(
    table: Table, columns: Iterable[str], values: dict[str, Any]
) -> dict[str, list[Any]]:
    """base.snapshot for a record about to be inserted with `values` (column defaults for the
    columns it leaves out, as the ORM would fill them)."""
    changes: dict[str, list[Any]] = {}
    for name in columns:
        value = values[name] if name in values else _default(table, name)
        if value not in (None, "", False):
            changes[name] = [None, jsonable(value)]
    if values.get(original.COLUMN):
        changes[original.COLUMN] = [None, values[original.COLUMN]]
    return changes


def _default(table: Table, name: str) -> Any:
    default = table.c[name].default
    if default is None or not default.is_scalar:
        return None
    return default.arg


def insert_records(s: Session, table: Table, params: list[dict[str, Any]]) -> list[int]:
    """Insert the rows (one executemany per set of columns given) and return their new ids in
    order. Rows leave out the columns a form leaves unset, so those take their defaults."""
    ids = [0] * len(params)
    groups: dict[tuple[str, ...], list[int]] = {}
    for position, row in enumerate(params):
        groups.setdefault(tuple(row), []).append(position)
    stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    for positions in groups.values():
        found = s.execute(stmt, [params[p] for p in positions]).scalars().all()
        for position, new_id in zip(positions, found, strict=True):
            ids[position] = new_id
    if table.name == HouseholdMember.__tablename__:  # Core inserts pass the flush hook
        search_index.refresh(s, {row["household_id"] for row in params})
    return ids


def insert_audit(
    s: Session, operator: str, entity: str, records: Iterable[NewRecord], batch_id: int | None
) -> None:
    """The `create` audit entries of written records (what Service.audit adds one by one)."""
    rows = [
        {
            "operator": operator, "action": "create", "entity": entity, "entity_id": r.id,
            "entity_label": r.label[:200], "changes": r.changes, "batch_id": batch_id,
            "note": None,
        }
        for r in records
    ]  # fmt: skip
    if rows:
        s.execute(insert(AuditEntry.__table__), rows)
