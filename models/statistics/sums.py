"""Shared pieces of the statistics SQL: NULL-safe sums, month keys and the by-township table."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.schema import Household, Township
from models.statistics.figures import ZERO, TownshipLine

NO_TOWNSHIP = "（未填乡镇）"
TOTAL = "合计"


def as_int(value: Any) -> int:
    return int(value or 0)


def as_money(value: Any) -> Decimal:
    """A SUM over a Money column (already Decimal 元) or nothing summed (None)."""
    return value if isinstance(value, Decimal) else ZERO


def month_key(year: Any, month: Any) -> str:
    return f"{int(year)}-{int(month):02d}"


def has_deleted_files(s: Session) -> bool:
    """Whether any household file is in the recycle bin (usually none: then the queries can skip
    testing every record against the deleted files; ix_households_deleted_at makes this instant)."""
    return (
        s.scalar(select(Household.id).where(Household.deleted_at.is_not(None)).limit(1)) is not None
    )


class TownshipTable:
    """The by-township table, filled column by column by the section queries."""

    def __init__(self, s: Session) -> None:
        self._rows: dict[str, dict[str, Any]] = defaultdict(dict)
        self._listed = list(
            s.scalars(
                select(Township.name)
                .where(Township.active.is_(True))
                .order_by(Township.position, Township.id)
            )
        )

    def add(self, township: str | None, **values: Any) -> None:
        row = self._rows[township or NO_TOWNSHIP]
        for key, value in values.items():
            row[key] = row.get(key, 0) + value

    def lines(self) -> tuple[TownshipLine, ...]:
        others = sorted(n for n in self._rows if n not in self._listed and n != NO_TOWNSHIP)
        names = self._listed + others + ([NO_TOWNSHIP] if NO_TOWNSHIP in self._rows else [])
        return tuple(TownshipLine(township=n, **self._rows.get(n, {})) for n in names)
