"""Writing many new records at once: one executemany per chunk, and their audit entries beside them.

The importer decides a chunk of rows in memory and writes the new records here; what it writes
is what the services' `create_in` methods write one by one through the ORM (~20× slower), and
tests hold the two to the same records and audit entries (and `insert_rows` to what SQLAlchemy's
own insert stores). On SQLite the rows go to the driver already bound, with their ids given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from models import pinyin, search_index
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


def insert_rows(
    s: Session, table: Table, params: list[dict[str, Any]], *, ids: bool = False
) -> list[int]:
    """Insert the rows, one executemany per set of columns given, and with `ids` return their new
    ids in order. Rows leave out the columns a form leaves unset, so those take their defaults.

    On SQLite the statement goes to the driver with the values bound as the columns' types bind
    them (SQLAlchemy's per-row parameter handling costs more than the insert itself), and the new
    ids are given beforehand: the transaction holds the write lock, so the next ids are the
    table's own. Elsewhere SQLAlchemy's insertmanyvalues with RETURNING does both, as fast as the
    server allows.
    """
    if not params:
        return []
    if "sort_name" in table.c:
        # What the ORM keeps on a form's save, given here so the insert stays a plain one.
        for row in params:
            if "sort_name" not in row:
                row["sort_name"] = pinyin.sort_key(row.get("name"))
    new_ids = _insert(s, table, params, ids)
    if table.name == HouseholdMember.__tablename__:  # Core inserts pass the flush hook
        search_index.refresh(s, {row["household_id"] for row in params})
    return new_ids


def _insert(s: Session, table: Table, params: list[dict[str, Any]], ids: bool) -> list[int]:
    dialect = s.get_bind().dialect
    groups: dict[tuple[str, ...], list[int]] = {}
    for position, row in enumerate(params):
        groups.setdefault(tuple(row), []).append(position)
    if dialect.name != "sqlite":
        return _insert_returning(s, table, params, groups, ids)
    try:
        writers = {given: _writer(table, given, dialect, with_id=ids) for given in groups}
    except _NotPlain:
        return _insert_returning(s, table, params, groups, ids)
    first = 0
    if ids:
        first = s.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one() + 1
    conn = s.connection()
    for given, positions in groups.items():
        rows = [params[p] for p in positions]
        conn.exec_driver_sql(
            writers[given].sql,
            writers[given].parameters(rows, [first + p for p in positions]),  # type: ignore[arg-type]
        )
    return list(range(first, first + len(params))) if ids else []


def _insert_returning(
    s: Session,
    table: Table,
    params: list[dict[str, Any]],
    groups: dict[tuple[str, ...], list[int]],
    ids: bool,
) -> list[int]:
    found = [0] * len(params)
    stmt = insert(table)
    if ids:
        stmt = stmt.returning(table.c.id, sort_by_parameter_order=True)
    for positions in groups.values():
        done = s.execute(stmt, [params[p] for p in positions])
        if ids:
            for position, new_id in zip(positions, done.scalars().all(), strict=True):
                found[position] = new_id
    return found if ids else []


class _Writer:
    """A driver-level INSERT of one table for one set of given columns, and how a row's values
    become the statement's parameters as the columns' types would bind them."""

    def __init__(self, table: Table, given: tuple[str, ...], dialect: Any, with_id: bool) -> None:
        self.defaults = [
            c for c in table.columns
            if c.key not in given and c.key != "id" and c.default is not None
        ]  # fmt: skip
        for column in self.defaults:
            _default_now(column)  # a default computed from the row itself is no plain insert
        columns = (["id"] if with_id else []) + list(given) + [c.key for c in self.defaults]
        compiled = insert(table).compile(dialect=dialect, column_keys=columns)
        self.sql = str(compiled)
        order = list(compiled.positiontup or ())
        if sorted(order) != sorted(columns):
            raise _NotPlain(table.name)
        self.take = itemgetter(*order)
        self.single = len(order) == 1
        processors = {
            name: processor
            for name in order
            if (processor := table.c[name].type.dialect_impl(dialect).bind_processor(dialect))
        }
        defaulted = {c.key for c in self.defaults}
        # The defaults are the same for every row of a call: bound once, not per row.
        self.default_processors = {n: p for n, p in processors.items() if n in defaulted}
        self.processors = [
            (position, processors[name])
            for position, name in enumerate(order)
            if name in processors and name not in defaulted
        ]
        self.with_id = with_id

    def parameters(self, rows: list[dict[str, Any]], ids: list[int]) -> list[tuple[Any, ...]]:
        fixed = {c.key: _default_now(c) for c in self.defaults}
        for name, processor in self.default_processors.items():
            fixed[name] = processor(fixed[name])
        take, processors, out = self.take, self.processors, []
        for row, new_id in zip(rows, ids if self.with_id else [0] * len(rows), strict=True):
            merged = {**row, **fixed, "id": new_id} if self.with_id else {**row, **fixed}
            values = [take(merged)] if self.single else list(take(merged))
            for position, processor in processors:
                values[position] = processor(values[position])
            out.append(tuple(values))
        return out


class _NotPlain(Exception):
    """A table whose INSERT is not a plain positional one: written through SQLAlchemy instead."""


def _default_now(column: Any) -> Any:
    default = column.default
    if default.is_scalar:
        return default.arg
    if default.is_callable:
        try:
            return default.arg(None)  # wrapped by SQLAlchemy to take the execution context
        except AttributeError:  # a default computed from the row's own values
            raise _NotPlain(column.name) from None
    raise _NotPlain(column.name)


_WRITERS: dict[tuple[str, tuple[str, ...], str, bool], _Writer] = {}


def _writer(table: Table, given: tuple[str, ...], dialect: Any, *, with_id: bool) -> _Writer:
    key = (table.name, given, dialect.name, with_id)
    found = _WRITERS.get(key)
    if found is None:
        found = _WRITERS[key] = _Writer(table, given, dialect, with_id)
    return found


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
    insert_rows(s, AuditEntry.__table__, rows)
