"""服务阵地 service: stations of every type, their facilities/functions and monthly 服务人次."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.errors import ConcurrentEdit, DuplicateRecord, InvalidValue, NotFound
from models.kinds import KINDS, REST_STOP
from models.normalize import normalize_record
from models.rows import StationRow, UsageRow, row_from
from models.schema import Station, StationFacility, StationFunction, StationUsage
from models.services.base import apply_changes, first_error, snapshot
from models.services.records import RecordService

# The standard kit a rest stop needs (DOMAIN.md §2); the form warns when one is missing.
STANDARD_KIT = ("休息桌椅", "饮水", "热饭(微波炉)", "应急药箱", "空调/风扇")

STATION_COLUMNS = KINDS["stations"].stored_columns()
USAGE_COLUMNS = KINDS["usage"].stored_columns()

TYPE_PREFIX = {
    "县级职工服务中心": "FWZX",
    "乡镇(街道)职工服务站": "FWZ",
    "村(社区)职工服务点": "FWD",
    "企业职工服务站": "QYZ",
    REST_STOP: "YZ",
    "职工书屋": "SW",
    "爱心妈妈小屋(母婴室)": "MY",
    "职工法律援助工作站": "FY",
    "爱心早餐供应点": "ZC",
}


def missing_kit(facilities: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Standard rest-stop items a station lacks (for a warning, not a refusal)."""
    return tuple(item for item in STANDARD_KIT if item not in facilities)


class StationService(RecordService):
    model = Station
    kind = "stations"
    entity = "stations"
    what = "该服务阵地"
    columns = STATION_COLUMNS
    row_class = StationRow
    search_columns = ("name", "code", "host_unit")
    contains_columns = ("address",)
    kind_column = "station_type"
    date_column = "built_date"
    sort_keys = ("code", "name", "station_type", "township", "status", "star_level", "built_date")

    def check(self, clean: dict[str, Any], *, partial: bool) -> None:
        if clean.get("status") is None and not partial:
            clean["status"] = "运行"
        if clean.get("open_24h") is None and not partial:
            clean["open_24h"] = False

    def before_create(self, s: Session, obj: Any, clean: dict[str, Any]) -> None:
        self._refuse_duplicate(s, clean, None)
        if not clean.get("code"):
            clean["code"] = self._next_code(s, clean["station_type"])

    def before_update(self, s: Session, obj: Any, clean: dict[str, Any]) -> None:
        if "code" in clean and not clean["code"]:
            del clean["code"]
        self._refuse_duplicate(s, clean, obj)

    def _refuse_duplicate(self, s: Session, clean: dict[str, Any], obj: Station | None) -> None:
        if clean.get("code"):
            hit = s.scalar(select(Station.id).where(Station.code == clean["code"]))
            if hit and (obj is None or hit != obj.id):
                raise DuplicateRecord("code", clean["code"], label="站点编号")
        name = clean.get("name", obj.name if obj else None)
        township = clean.get("township", obj.township if obj else None)
        hit = s.scalar(
            select(Station.id).where(
                Station.name == name, Station.township == township, Station.deleted_at.is_(None)
            )
        )
        if hit and (obj is None or hit != obj.id):
            raise DuplicateRecord("name", f"{township} {name}", label="同一乡镇的阵地名称")

    def _next_code(self, s: Session, station_type: str) -> str:
        prefix = TYPE_PREFIX.get(station_type, "ZD")
        count = s.scalar(select(func.count(Station.id)).where(Station.code.like(f"{prefix}%"))) or 0
        seq = count + 1
        while s.scalar(select(Station.id).where(Station.code == f"{prefix}{seq:04d}")):
            seq += 1
        return f"{prefix}{seq:04d}"

    def set_relations(self, obj: Any, clean: dict[str, Any]) -> dict[str, list[Any]]:
        changes: dict[str, list[Any]] = {}
        if "facilities" in clean:
            old = sorted(f.facility for f in obj.facilities)
            new = sorted(clean["facilities"])
            if old != new:
                obj.facilities = [StationFacility(facility=f) for f in new]
                changes["facilities"] = [old or None, new]
        if "functions" in clean:
            old = sorted(f.function for f in obj.functions)
            new = sorted(clean["functions"])
            if old != new:
                obj.functions = [StationFunction(function=f) for f in new]
                changes["functions"] = [old or None, new]
        return changes

    def label(self, obj: Any) -> str:
        return f"{obj.code} {obj.name}"

    def to_row(self, obj: Any) -> StationRow:
        return row_from(
            StationRow,
            obj,
            facilities=tuple(f.facility for f in obj.facilities),
            functions=tuple(f.function for f in obj.functions),
        )

    def find(self, name: str, township: str) -> StationRow | None:
        """The live station with this name in this township (the importer's natural key)."""
        with self.ledger.db.read() as s:
            obj = s.scalar(
                select(Station).where(
                    Station.name == name, Station.township == township, Station.deleted_at.is_(None)
                )
            )
            return self.to_row(obj) if obj else None

    def by_code(self, code: str) -> StationRow | None:
        with self.ledger.db.read() as s:
            obj = s.scalar(
                select(Station).where(Station.code == code, Station.deleted_at.is_(None))
            )
            return self.to_row(obj) if obj else None

    # ---- monthly usage -------------------------------------------------------------------

    def usage(self, station_id: int, year: int | None = None) -> list[UsageRow]:
        stmt = select(StationUsage).where(
            StationUsage.station_id == station_id, StationUsage.deleted_at.is_(None)
        )
        if year:
            stmt = stmt.where(StationUsage.year == year)
        with self.ledger.db.read() as s:
            return [
                row_from(UsageRow, u)
                for u in s.scalars(stmt.order_by(StationUsage.year, StationUsage.month))
            ]

    def set_usage(self, station_id: int, values: Mapping[str, Any]) -> UsageRow:
        """Record (or correct) one month's 服务人次; values: month ("2025-03"), visits, remarks."""
        self.require("edit")
        clean, errors = normalize_record("usage", values)
        first_error(errors)
        with self.ledger.db.begin() as s:
            station = self._load(s, station_id)
            return row_from(UsageRow, self.set_usage_in(s, station, clean))

    def set_usages(self, station_id: int, entries: Sequence[Mapping[str, Any]]) -> None:
        """Several months at once (the 服务人次 grid): all saved, or none when one is refused."""
        self.require("edit")
        cleaned = []
        for values in entries:
            clean, errors = normalize_record("usage", values)
            first_error(errors)
            cleaned.append(clean)
        with self.ledger.db.begin() as s:
            station = self._load(s, station_id)
            for clean in cleaned:
                self.set_usage_in(s, station, clean)

    def set_usage_in(
        self, s: Session, station: Station, clean: dict[str, Any], *, batch_id: int | None = None
    ) -> StationUsage:
        year, month = clean["month"]
        if station.built_date and (year, month) < (
            station.built_date.year,
            station.built_date.month,
        ):
            raise InvalidValue(
                "month",
                f"{year}-{month:02d}",
                f"早于该站点的建成日期（{station.built_date.isoformat()}），那时站点还没有建成。"
                "请核对月份，或在“服务阵地”中核对该站点的建成日期。",
                label="月份",
            )
        values = {
            "year": year,
            "month": month,
            "visits": clean["visits"],
            "remarks": clean.get("remarks"),
        }
        entry = s.scalar(
            select(StationUsage).where(
                StationUsage.station_id == station.id,
                StationUsage.year == year,
                StationUsage.month == month,
            )
        )
        label = f"{station.name} {year}年{month}月"
        if entry is None:
            entry = StationUsage(station_id=station.id, created_by=self.actor.name, **values)
            s.add(entry)
            s.flush()
            self.audit(
                s,
                "create",
                "station_usage",
                entry.id,
                label,
                snapshot(entry, USAGE_COLUMNS),
                batch_id=batch_id,
            )
            return entry
        if entry.deleted_at is not None:  # re-entering a month that was deleted brings it back
            entry.deleted_at = None
            entry.deleted_by = None
        changes = apply_changes(entry, values, USAGE_COLUMNS)
        if changes:
            self.audit(s, "update", "station_usage", entry.id, label, changes, batch_id=batch_id)
        return entry

    def update_usage(
        self, usage_id: int, values: Mapping[str, Any], *, expected_version: int | None = None
    ) -> UsageRow:
        self.require("edit")
        with self.ledger.db.read() as s:
            entry = s.get(StationUsage, usage_id)
            if entry is None or entry.deleted_at is not None:
                raise NotFound("服务人次记录", usage_id)
            if expected_version is not None and entry.version != expected_version:
                raise ConcurrentEdit("该服务人次记录", usage_id, current=entry.version)
            station_id = entry.station_id
        return self.set_usage(station_id, values)

    def delete_usage(self, usage_id: int) -> None:
        self.ledger.recycle.delete("station_usage", usage_id)
