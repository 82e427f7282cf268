"""Declarative base, the Money column type (integer 分 in the database) and shared column mixins."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Integer, MetaData, String, func
from sqlalchemy.engine import ExecutionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

from models import pinyin

# Stable constraint names so Alembic batch mode (SQLite) and PostgreSQL agree on what to alter.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

CENT = Decimal("0.01")


class Money(TypeDecorator[Decimal]):
    """Yuan as Decimal in Python, whole 分 (BigInteger) in the database: sums stay exact on any engine."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> int | None:
        if value is None:
            return None
        return int((Decimal(value) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / 100).quantize(CENT)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def sort_name_of_insert(context: ExecutionContext) -> str | None:
    """The pinyin sort key of a Core insert's `name` (an executemany names no sort key)."""
    return pinyin.sort_key(context.get_current_parameters().get("name"))


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Stamped:
    """Who created a record and when it last changed; `version` guards against lost updates."""

    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=utcnow, server_default=func.now()
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=utcnow, onupdate=utcnow, server_default=func.now()
    )
    created_by: Mapped[str] = mapped_column(String(40), default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class SoftDeleted:
    """Recycle bin: a record with `deleted_at` set is hidden everywhere and can be restored."""

    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    deleted_by: Mapped[str | None] = mapped_column(String(40), default=None)


class Worded:
    """A record an import can fill from a sheet's own wording keeps that wording beside the value:
    {field name: the cell's text} for the fields whose stored value was mapped from it (see
    models.wording.original). SQL NULL, not JSON null, when there is none."""

    original_wording: Mapped[dict[str, str] | None] = mapped_column(
        JSON(none_as_null=True), default=None
    )


class Versioned(Stamped):
    """Optimistic locking: every UPDATE checks and bumps `version`, so a stale copy cannot overwrite."""

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}
