"""Recycle bin: records are never hard-deleted; they are hidden with `deleted_at` and can come back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from models import lifecycle
from models.errors import ForbiddenTransition, NotFound
from models.schema import Activity, Assistance, HouseholdMember, Photo, Station, StationUsage
from models.schema.base import utcnow
from models.services.base import Service

RECYCLABLE: dict[str, tuple[Any, str]] = {
    "household_members": (HouseholdMember, "家庭成员"),
    "assistance": (Assistance, "帮扶记录"),
    "stations": (Station, "服务阵地"),
    "station_usage": (StationUsage, "服务人次"),
    "activities": (Activity, "活动"),
    "photos": (Photo, "照片"),
}


@dataclass(frozen=True)
class BinItem:
    entity: str
    what: str
    record_id: int
    label: str
    deleted_at: dt.datetime
    deleted_by: str | None


class RecycleBin(Service):
    def delete(self, entity: str, record_id: int) -> None:
        self.delete_many(entity, [record_id])

    def delete_many(self, entity: str, record_ids: Sequence[int]) -> None:
        """Move records to the bin: all of them, or none when one is refused."""
        self.require("edit")
        model, what = RECYCLABLE[entity]
        with self.ledger.db.begin() as s:
            for record_id in record_ids:
                obj = s.get(model, record_id)
                if obj is None or obj.deleted_at is not None:
                    raise NotFound(what, record_id)
                self._refuse_closed_household(obj)
                obj.deleted_at, obj.deleted_by = utcnow(), self.actor.name
                self.audit(s, "delete", entity, record_id, _label(obj))

    def labels(self, entity: str, record_ids: Sequence[int]) -> list[str]:
        """How the bin and the delete confirmation name these records (those still there)."""
        model, _ = RECYCLABLE[entity]
        with self.ledger.db.read() as s:
            found = (s.get(model, record_id) for record_id in record_ids)
            return [_label(obj) for obj in found if obj is not None]

    def restore(self, entity: str, record_id: int) -> None:
        self.require("edit")
        model, what = RECYCLABLE[entity]
        with self.ledger.db.begin() as s:
            obj = s.get(model, record_id)
            if obj is None or obj.deleted_at is None:
                raise NotFound(f"回收站中的{what}", record_id)
            self._refuse_closed_household(obj)
            if isinstance(obj, HouseholdMember) and obj.id_number:
                # Back in its file, the person must still be free of any other active file.
                self.ledger.households._check_person_free(s, obj.id_number, except_member=obj.id)
            obj.deleted_at, obj.deleted_by = None, None
            self.audit(s, "restore", entity, record_id, _label(obj))

    def items(self, entity: str | None = None) -> list[BinItem]:
        found: list[BinItem] = []
        with self.ledger.db.read() as s:
            for name, (model, what) in RECYCLABLE.items():
                if entity and name != entity:
                    continue
                for obj in s.scalars(
                    select(model)
                    .where(model.deleted_at.is_not(None))
                    .order_by(model.deleted_at.desc())
                ):
                    found.append(
                        BinItem(name, what, obj.id, _label(obj), obj.deleted_at, obj.deleted_by)
                    )
        return sorted(found, key=lambda item: item.deleted_at, reverse=True)

    @staticmethod
    def _refuse_closed_household(obj: Any) -> None:
        household = getattr(obj, "household", None)
        if household is not None and household.status == lifecycle.CLOSED:
            raise ForbiddenTransition(household.status, "修改", ())


def _label(obj: Any) -> str:
    if isinstance(obj, HouseholdMember):
        return f"{obj.household.file_no} {obj.name}"
    if isinstance(obj, Assistance):
        return f"{obj.household.file_no} {obj.household.name} {obj.date} {obj.category}"
    if isinstance(obj, StationUsage):
        return f"{obj.station.name} {obj.year}年{obj.month}月"
    if isinstance(obj, Photo):
        return obj.caption or obj.path
    if isinstance(obj, Activity):
        return f"{obj.start_date} {obj.name}"
    return str(getattr(obj, "name", obj.id))
