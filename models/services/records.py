"""Create/update/list shared by the flat record kinds (stations, activities); one class, many kinds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from models import validation as v
from models.errors import ConcurrentEdit, NotFound
from models.normalize import normalize_record
from models.rows import row_from
from models.search_index import prefix_range
from models.services.base import Service, all_ids, apply_changes, first_error, snapshot
from models.wording import original


@dataclass(frozen=True)
class RecordQuery:
    """A list view's search over a flat record kind; `kind_filter` is the type/category column."""

    text: str = ""
    township: str | None = None
    kind_filter: str | None = None
    kind_filter_not: str | None = None
    status: str | None = None
    year: int | None = None
    flag: bool | None = None  # activities: include_in_summary
    figure: tuple[str, int] | None = None  # (工作台 figure, year): the records it counts
    sort: str = "id"
    descending: bool = False


class RecordService(Service):
    """Generic service for one ORM model: subclasses name the model, columns, rows and labels."""

    model: ClassVar[Any]
    kind: ClassVar[str]  # key of models.normalize.RULES_BY_KIND
    entity: ClassVar[str]  # audit entity name (table name)
    what: ClassVar[str]  # Chinese name of one record, for messages
    columns: ClassVar[tuple[str, ...]]
    row_class: ClassVar[type]
    search_columns: ClassVar[tuple[str, ...]] = ("name",)
    contains_columns: ClassVar[tuple[str, ...]] = ()
    kind_column: ClassVar[str] = ""
    date_column: ClassVar[str] = ""
    sort_keys: ClassVar[tuple[str, ...]] = ()

    # ---- reading -------------------------------------------------------------------------

    def get(self, record_id: int) -> Any:
        with self.ledger.db.read() as s:
            return self.to_row(self._load(s, record_id))

    def rows(self, ids: Sequence[int]) -> list[Any]:
        if not ids:
            return []
        with self.ledger.db.read() as s:
            found = {
                o.id: self.to_row(o)
                for o in s.scalars(select(self.model).where(self.model.id.in_(list(ids))))
            }
        return [found[i] for i in ids if i in found]

    def search_ids(self, query: RecordQuery, limit: int | None = None) -> list[int]:
        m = self.model
        key = getattr(m, query.sort) if query.sort in self.sort_keys else m.id
        if query.sort == "name" and "name" in self.sort_keys:
            key = m.sort_name  # 按拼音, not by character code
        order = key.desc() if query.descending else key.asc()
        stmt = self._filtered(select(m.id), query).order_by(
            order, m.id.desc() if query.descending else m.id
        )
        if limit:
            stmt = stmt.limit(limit)
        with self.ledger.db.read() as s:
            return all_ids(s, stmt)

    def count(self, query: RecordQuery | None = None) -> int:
        stmt = self._filtered(select(func.count(self.model.id)), query or RecordQuery())
        with self.ledger.db.read() as s:
            return int(s.scalar(stmt) or 0)

    def _filtered(self, stmt: Select[Any], q: RecordQuery) -> Select[Any]:
        m = self.model
        stmt = stmt.where(m.deleted_at.is_(None))
        if q.township:
            stmt = stmt.where(m.township == q.township)
        if self.kind_column and q.kind_filter:
            stmt = stmt.where(getattr(m, self.kind_column) == q.kind_filter)
        if self.kind_column and q.kind_filter_not:
            stmt = stmt.where(getattr(m, self.kind_column) != q.kind_filter_not)
        if q.status and hasattr(m, "status"):
            stmt = stmt.where(m.status == q.status)
        if q.flag is not None and hasattr(m, "include_in_summary"):
            stmt = stmt.where(m.include_in_summary.is_(q.flag))
        if q.year and self.date_column:
            col = getattr(m, self.date_column)
            stmt = stmt.where(col >= dt.date(q.year, 1, 1), col <= dt.date(q.year, 12, 31))
        if q.figure:
            from models.statistics import selections  # only when a figure was clicked

            stmt = stmt.where(*selections.conditions(q.figure))
        text = v.fold_text(q.text or "")
        if text:
            stmt = stmt.where(
                or_(
                    *(prefix_range(getattr(m, c), text) for c in self.search_columns),
                    *(getattr(m, c).contains(text, autoescape=True) for c in self.contains_columns),
                )
            )
        return stmt

    # ---- writing -------------------------------------------------------------------------

    def clean(self, values: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
        """Normalise and check values as saving would; raises the first typed error."""
        clean, errors = normalize_record(self.kind, values, partial=partial)
        first_error(errors)
        self.check(clean, partial=partial)
        return clean

    def check(self, clean: dict[str, Any], *, partial: bool) -> None:
        """Cross-field rules of the kind (override)."""

    def create(self, values: Mapping[str, Any]) -> Any:
        self.require("edit")
        clean = self.clean(values, partial=False)
        with self.ledger.db.begin() as s:
            return self.to_row(self.create_in(s, clean))

    def create_in(self, s: Session, clean: dict[str, Any], *, batch_id: int | None = None) -> Any:
        obj = self.model(created_by=self.actor.name)
        self.before_create(s, obj, clean)
        for field in self.columns:
            if field in clean and clean[field] is not None:
                setattr(obj, field, clean[field])
        obj.original_wording = original.initial(clean)
        s.add(obj)
        s.flush()
        changes = snapshot(obj, self.columns) | self.set_relations(obj, clean)
        self.audit(s, "create", self.entity, obj.id, self.label(obj), changes, batch_id=batch_id)
        return obj

    def update(
        self, record_id: int, values: Mapping[str, Any], *, expected_version: int | None = None
    ) -> Any:
        self.require("edit")
        clean = self.clean(values, partial=True)
        with self.ledger.db.begin() as s:
            obj = self._load(s, record_id)
            if expected_version is not None and obj.version != expected_version:
                raise ConcurrentEdit(self.what, record_id, current=obj.version)
            self.update_in(s, obj, clean)
            s.flush()
            return self.to_row(obj)

    def update_in(
        self, s: Session, obj: Any, clean: dict[str, Any], *, batch_id: int | None = None
    ) -> dict[str, list[Any]]:
        self.before_update(s, obj, clean)
        changes = apply_changes(obj, clean, self.columns) | self.set_relations(obj, clean)
        if changes:
            self.audit(
                s, "update", self.entity, obj.id, self.label(obj), changes, batch_id=batch_id
            )
        return changes

    def delete(self, record_id: int) -> None:
        """Move to the recycle bin (restorable from there)."""
        self.ledger.recycle.delete(self.entity, record_id)

    def delete_many(self, record_ids: Sequence[int]) -> None:
        """Move several to the recycle bin in one go: all, or none when one is refused."""
        self.ledger.recycle.delete_many(self.entity, record_ids)

    # ---- hooks ---------------------------------------------------------------------------

    def before_create(self, s: Session, obj: Any, clean: dict[str, Any]) -> None:
        """Fill defaults and check uniqueness before insert (override)."""

    def before_update(self, s: Session, obj: Any, clean: dict[str, Any]) -> None:
        """Check uniqueness before update (override)."""

    def set_relations(self, obj: Any, clean: dict[str, Any]) -> dict[str, list[Any]]:
        """Apply multi-value fields; return their audit changes (override)."""
        return {}

    def label(self, obj: Any) -> str:
        return str(getattr(obj, "name", obj.id))

    def to_row(self, obj: Any) -> Any:
        return row_from(self.row_class, obj)

    def _load(self, s: Session, record_id: int) -> Any:
        obj = s.get(self.model, record_id)
        if obj is None or obj.deleted_at is not None:
            raise NotFound(self.what, record_id)
        return obj
