"""Rows for 花名册 exports, streamed straight from SQL, and the township × category 统计表
(figures of models.statistics.tables, so they agree with `stats YEAR`).

Exports of 100,000 files must not build 100,000 ORM objects: rows come from Core selects read in
chunks (`yield_per`) as plain dicts keyed by the canonical field names of models.fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, and_, func, select

from models.errors import InvalidChoice, InvalidValue
from models.income import per_capita_monthly
from models.kinds import KINDS
from models.schema import (
    Activity,
    Assistance,
    Household,
    HouseholdCause,
    HouseholdMember,
    Station,
    StationFacility,
    StationFunction,
    StationUsage,
    Township,
)
from models.services.base import Service
from models.services.stations import REST_STOP
from models.vocab import HOUSEHOLD_STATUSES, STATION_STATUSES
from models.wording import original

STREAM_CHUNK = 2000
TOWNSHIP_LABEL = "乡镇(街道)"
# The status a roster can be filtered by is the household's (members and assistance follow their
# household) or the station's; 服务人次 and 活动 have none.
STATUS_CHOICES: dict[str, tuple[str, ...]] = {
    "households": HOUSEHOLD_STATUSES,
    "members": HOUSEHOLD_STATUSES,
    "assistance": HOUSEHOLD_STATUSES,
    "stations": STATION_STATUSES,
    "reststops": STATION_STATUSES,
}
# Where each kind's township filter looks (see _select).
TOWNSHIP_COLUMN: dict[str, Any] = {
    "households": Household.township,
    "members": Household.township,
    "assistance": Household.township,
    "stations": Station.township,
    "reststops": Station.township,
    "usage": Station.township,
    "activities": Activity.township,
}


@dataclass(frozen=True)
class ExportFilter:
    year: int | None = None
    township: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class StatsTable:
    """One 统计表: rows are townships, columns are categories, each cell a figure."""

    title: str
    row_label: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[Decimal | int, ...]], ...]
    unit: str
    key: str = ""  # the statistics figure it splits (models.statistics.tables.CrossTable.key)


def _year_range(column: Any, year: int) -> Any:
    return and_(column >= dt.date(year, 1, 1), column <= dt.date(year, 12, 31))


class ExportService(Service):
    """Read-only: exporting needs the 'export' permission; unmasking is checked by PrivacyService."""

    def count(self, kind: str, flt: ExportFilter) -> int:
        self.require("export")
        stmt = self._select(kind, flt)
        with self.ledger.db.read() as s:
            return int(s.scalar(select(func.count()).select_from(stmt.subquery())) or 0)

    def rows(self, kind: str, flt: ExportFilter) -> Iterator[dict[str, Any]]:
        """Records of one kind in 花名册 order, as {field: value} dicts, streamed."""
        self.require("export")
        with self.ledger.db.read() as s:
            result = s.execute(self._select(kind, flt).execution_options(yield_per=STREAM_CHUNK))
            for part in result.mappings().partitions():
                extra = self._relations(s, kind, [r["id"] for r in part])
                for record in part:
                    yield self._finish(kind, dict(record), extra)

    def check_filter(self, kind: str, flt: ExportFilter) -> None:
        """Refuse a status or township no record of `kind` can have: a misspelt filter must not
        come back as an empty roster that looks like "nothing to report"."""
        self.require("export")
        statuses = STATUS_CHOICES.get(kind)
        if flt.status and statuses is not None and flt.status not in statuses:
            raise InvalidChoice("status", flt.status, statuses, label="状态")
        if flt.township:
            known = self.townships(kind)
            if flt.township not in known:
                if not known:
                    raise InvalidValue(
                        "township", flt.township, "台账里还没有任何乡镇(街道)。", label="乡镇(街道)"
                    )
                raise InvalidChoice("township", flt.township, known, label="乡镇(街道)")

    def townships(self, kind: str) -> list[str]:
        """The townships a `kind` export can be filtered by: the configured list (also those
        no longer in use), then any other township its records name, in that order."""
        column = TOWNSHIP_COLUMN[kind]
        with self.ledger.db.read() as s:
            listed = list(s.scalars(select(Township.name).order_by(Township.position)))
            used = s.scalars(select(column).where(column.is_not(None)).distinct().order_by(column))
            return list(dict.fromkeys([*listed, *used]))

    # ---- queries -------------------------------------------------------------------------

    def _select(self, kind: str, f: ExportFilter) -> Select[Any]:
        if kind == "households":
            stmt = select(*Household.__table__.c).where(Household.deleted_at.is_(None))
            if f.year:
                stmt = stmt.where(_year_range(Household.filed_date, f.year))
            if f.township:
                stmt = stmt.where(Household.township == f.township)
            if f.status:
                stmt = stmt.where(Household.status == f.status)
            return stmt.order_by(Household.township, Household.file_no)
        if kind in ("members", "assistance"):
            model = HouseholdMember if kind == "members" else Assistance
            stmt = (
                select(
                    *model.__table__.c,
                    Household.id_number.label("head_id_number"),
                    Household.file_no.label("file_no"),
                    Household.name.label("head_name"),
                )
                .join(Household, Household.id == model.household_id)
                .where(model.deleted_at.is_(None), Household.deleted_at.is_(None))
            )
            if f.year and kind == "assistance":
                stmt = stmt.where(_year_range(Assistance.date, f.year))
            if f.township:
                stmt = stmt.where(Household.township == f.township)
            if f.status:
                stmt = stmt.where(Household.status == f.status)
            order = (
                (Household.file_no, model.id) if kind == "members" else (Assistance.date, model.id)
            )
            return stmt.order_by(*order)
        if kind in ("stations", "reststops"):
            stmt = select(*Station.__table__.c).where(Station.deleted_at.is_(None))
            if kind == "reststops":
                stmt = stmt.where(Station.station_type == REST_STOP)
            if f.year:
                stmt = stmt.where(Station.built_date <= dt.date(f.year, 12, 31))
            if f.township:
                stmt = stmt.where(Station.township == f.township)
            if f.status:
                stmt = stmt.where(Station.status == f.status)
            return stmt.order_by(Station.township, Station.code)
        if kind == "usage":
            stmt = (
                select(
                    *StationUsage.__table__.c,
                    Station.code.label("station_code"),
                    Station.name.label("station_name"),
                    Station.township.label("township"),
                )
                .join(Station, Station.id == StationUsage.station_id)
                .where(StationUsage.deleted_at.is_(None), Station.deleted_at.is_(None))
            )
            if f.year:
                stmt = stmt.where(StationUsage.year == f.year)
            if f.township:
                stmt = stmt.where(Station.township == f.township)
            return stmt.order_by(
                Station.township, Station.code, StationUsage.year, StationUsage.month
            )
        if kind == "activities":
            stmt = (
                select(*Activity.__table__.c, Station.name.label("station_name"))
                .outerjoin(Station, Station.id == Activity.station_id)
                .where(Activity.deleted_at.is_(None))
            )
            if f.year:
                stmt = stmt.where(_year_range(Activity.start_date, f.year))
            if f.township:
                stmt = stmt.where(Activity.township == f.township)
            return stmt.order_by(Activity.start_date, Activity.id)
        raise ValueError(f"unknown export kind {kind!r}")

    @staticmethod
    def _relations(s: Any, kind: str, ids: list[int]) -> dict[str, dict[int, list[str]]]:
        found: dict[str, dict[int, list[str]]] = {}
        if kind == "households":
            pairs = s.execute(
                select(HouseholdCause.household_id, HouseholdCause.cause)
                .where(HouseholdCause.household_id.in_(ids))
                .order_by(HouseholdCause.household_id, HouseholdCause.position)
            )
            found["secondary_causes"] = _group(pairs)
        elif kind in ("stations", "reststops"):
            found["facilities"] = _group(
                s.execute(
                    select(StationFacility.station_id, StationFacility.facility).where(
                        StationFacility.station_id.in_(ids)
                    )
                )
            )
            found["functions"] = _group(
                s.execute(
                    select(StationFunction.station_id, StationFunction.function).where(
                        StationFunction.station_id.in_(ids)
                    )
                )
            )
        return found

    @staticmethod
    def _finish(
        kind: str, record: dict[str, Any], extra: dict[str, dict[int, list[str]]]
    ) -> dict[str, Any]:
        for name, by_id in extra.items():
            record[name] = tuple(by_id.get(record["id"], ()))
        if record.get(original.COLUMN):  # 原始填写: 字段：原文 pairs, long numbers masked
            record[original.COLUMN] = original.describe(
                KINDS[kind].record_kind, record[original.COLUMN]
            )
        if kind == "households":
            record["per_capita_monthly"] = per_capita_monthly(
                record["family_annual_income"],
                record["annual_rigid_expense"],
                record["family_size"],
            )
        elif kind == "usage":
            record["month"] = f"{record['year']}-{record['month']:02d}"
        return record

    # ---- 统计表 --------------------------------------------------------------------------

    def stats_tables(self, year: int) -> list[StatsTable]:
        """Per township × category figures of one year, from the statistics layer (so every
        total agrees with `stats YEAR`): one table per figure, all read in one snapshot."""
        # Imported here: the statistics layer is only needed for 统计表, not for every Ledger.
        from models.statistics.periods import Period
        from models.statistics.tables import township_tables

        self.require("export")
        period = Period.of(year)
        with self.ledger.db.read() as s:
            crosses = township_tables(s, period)
        return [
            StatsTable(
                title=f"{period.label}{c.label}分乡镇统计（按{c.category_label}）",
                row_label=TOWNSHIP_LABEL,
                columns=c.columns,
                rows=c.rows,
                unit=c.unit,
                key=c.key,
            )
            for c in crosses
        ]


def _group(pairs: Any) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    for owner, value in pairs:
        grouped.setdefault(owner, []).append(value)
    return grouped
