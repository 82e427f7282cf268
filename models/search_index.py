"""The list search inside values: one text per file (numbers, names, members), kept on every write.

A file's text holds its 档案编号, the head's 姓名, 身份证号, 电话 and 地址 and each live member's 姓名
and 身份证号, one value a line, upper-cased. A search of three characters or more matches inside any
value (the last four digits of a masked ID or phone); two characters match the start or the end
of a value (a given name: 小明 finds 王小明); one character the start of a name or number
(and anywhere in an address).

On SQLite an FTS5 trigram index over the text answers in milliseconds at a million files; on
PostgreSQL a pg_trgm GIN index does, where the server lets the ledger's owner create the
extension (without it the same query scans the texts: still right, only slower).

ORM writes keep the texts through a flush hook (`keep_in_step`); Core bulk inserts (the importer)
call `refresh` with the files they wrote.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    column,
    event,
    insert,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

from models.schema import Household, HouseholdMember, HouseholdSearch

SEPARATOR = "\n"
FTS_TABLE = "household_search_fts"  # SQLite: FTS5 over household_search (migration 0005)
TRGM_INDEX = "ix_household_search_text_trgm"  # PostgreSQL: GIN gin_trgm_ops, where allowed
MIN_INSIDE = 3  # a trigram index finds substrings of three characters and more
_CHUNK = 900  # ids per IN (...), under every driver's parameter limit

HOUSEHOLD_FIELDS = ("file_no", "name", "id_number", "phone", "address")
MEMBER_FIELDS = ("name", "id_number")
_MEMBER_WATCHED = (*MEMBER_FIELDS, "deleted_at", "household_id")


def not_in_models(name: str | None) -> bool:
    """Names of what the migration makes beside the ORM tables (the FTS5 table and its shadow
    tables, the trigram index): schema comparisons leave them out."""
    return bool(name) and (str(name).startswith(FTS_TABLE) or name == TRGM_INDEX)


def compose(household: Iterable[Any], members: Iterable[Iterable[Any]]) -> str:
    """The searched text of a file from its values (HOUSEHOLD_FIELDS) and its live members'."""
    values = [str(x) for x in household if x not in (None, "")]
    for member in members:
        values.extend(str(x) for x in member if x not in (None, ""))
    return (SEPARATOR + SEPARATOR.join(values) + SEPARATOR).upper()


def refresh(s: Session | Connection, household_ids: Iterable[int], *, new: bool = False) -> None:
    """Rewrite the searched texts of these files from what is stored now (inside the caller's
    transaction, so a rolled-back save leaves the old text); `new` files have none yet."""
    ids = sorted(set(household_ids))
    h, m = Household.__table__.c, HouseholdMember.__table__.c
    dialect = (s.get_bind() if isinstance(s, Session) else s).dialect.name
    for start in range(0, len(ids), _CHUNK):
        part = ids[start : start + _CHUNK]
        heads = select(h.id, *(h[f] for f in HOUSEHOLD_FIELDS)).where(h.id.in_(part))
        if not new:
            # Two clerks adding members to one file on a server: the second waits here for the
            # first to commit, then reads both members (SQLite writes one at a time anyway).
            heads = heads.with_for_update()
        found = s.execute(heads).all()
        members: dict[int, list[tuple[Any, ...]]] = {}
        for row in s.execute(
            select(m.household_id, *(m[f] for f in MEMBER_FIELDS))
            .where(m.household_id.in_(part), m.deleted_at.is_(None))
            .order_by(m.household_id, m.id)
        ):
            members.setdefault(row[0], []).append(tuple(row[1:]))
        rows = [
            {"household_id": row[0], "text": compose(row[1:], members.get(row[0], ()))}
            for row in found
        ]
        if rows:
            s.execute(insert(HouseholdSearch.__table__) if new else _upsert(dialect), rows)


def _upsert(dialect: str) -> Any:
    module = postgresql if dialect == "postgresql" else sqlite
    stmt = module.insert(HouseholdSearch.__table__)
    return stmt.on_conflict_do_update(
        index_elements=[HouseholdSearch.household_id], set_={"text": stmt.excluded.text}
    )


def keep_in_step(factory: sessionmaker[Session]) -> None:
    """Refresh the texts of the files a flush of this factory's sessions touched."""
    event.listen(factory, "after_flush", _after_flush)


def _after_flush(session: Session, _context: Any) -> None:
    touched: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Household):
            if obj in session.new or _changed(obj, HOUSEHOLD_FIELDS):
                touched.add(obj.id)
        elif isinstance(obj, HouseholdMember):
            if obj in session.new or obj in session.deleted or _changed(obj, _MEMBER_WATCHED):
                touched.add(obj.household_id)
                old = sa_inspect(obj).attrs.household_id.history.deleted
                touched.update(i for i in old if i is not None)
    touched.discard(None)  # type: ignore[arg-type]
    if touched:
        refresh(session, touched)


def _changed(obj: Any, fields: Iterable[str]) -> bool:
    attrs = sa_inspect(obj).attrs
    return any(attrs[f].history.has_changes() for f in fields)


def matches(dialect: str, text: str) -> ColumnElement[bool]:
    """The files whose values the search `text` (already folded) matches, as a condition."""
    query = text.upper()
    if len(query) == 1:
        return _starts_with(query)
    if len(query) == 2:
        patterns = [SEPARATOR + query, query + SEPARATOR]
    else:
        patterns = [query]
    if dialect == "sqlite":
        phrases = " OR ".join('"' + p.replace('"', '""') + '"' for p in patterns)
        fts = table(FTS_TABLE, column("rowid"))
        found = select(fts.c.rowid).where(literal_column(FTS_TABLE).op("MATCH")(phrases))
    else:
        # The whole pattern as one value: the planner reads its trigrams for the GIN index.
        searched = HouseholdSearch.text
        found = select(HouseholdSearch.household_id).where(
            or_(*(searched.like(f"%{_escaped(p)}%", escape="/") for p in patterns))
        )
    return Household.id.in_(found)


def _starts_with(query: str) -> ColumnElement[bool]:
    # One character is no trigram: the start of a name or number, through their indexes, and
    # anywhere in the address (a village's 王村), as the search always did.
    members = select(HouseholdMember.household_id).where(
        HouseholdMember.deleted_at.is_(None),
        or_(
            prefix_range(HouseholdMember.name, query),
            prefix_range(HouseholdMember.id_number, query),
        ),
    )
    return or_(
        prefix_range(Household.name, query),
        prefix_range(Household.id_number, query),
        prefix_range(Household.file_no, query),
        prefix_range(Household.phone, query),
        Household.address.contains(query, autoescape=True),
        Household.id.in_(members),
    )


def prefix_range(column: Any, prefix: str) -> ColumnElement[bool]:
    """`column` starts with `prefix`, written as a range so SQLite can use the index."""
    return and_(column >= prefix, column < prefix + "\uffff")


def _escaped(text: str) -> str:
    return text.replace("/", "//").replace("%", "/%").replace("_", "/_")
