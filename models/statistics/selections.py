"""Which records a 工作台 figure counts, as SQL conditions: the statistics count with them and the
list a figure opens filters with them, so the list always shows exactly what the figure counts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, exists, func, or_, select

from models import lifecycle
from models.schema import Activity, Assistance, Household, Station, StationUsage, StatusChange
from models.statistics.periods import Period

REST_STOP = "户外劳动者服务站点"
RETIRED = "撤销"  # a station status: it no longer exists


def status_on_end(period: Period) -> Any:
    """A file's status on the period's last day: the target of its last step dated by then (the
    latest date, then the latest entry), or its present status when it has no step by then but was
    filed by then; NULL when it was filed later. household_queries computes the same per file."""
    day = period.end
    last_step = (
        select(StatusChange.to_status)
        .where(StatusChange.household_id == Household.id, StatusChange.date <= day)
        .order_by(StatusChange.date.desc(), StatusChange.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(last_step, case((Household.filed_date <= day, Household.status)))


def households_on_file(period: Period) -> tuple[Any, ...]:
    return (status_on_end(period) == lifecycle.ON_FILE,)


def households_lifted(period: Period) -> tuple[Any, ...]:
    """Files with a 脱困 step dated in the period (whatever happened to them afterwards)."""
    step = exists().where(
        StatusChange.household_id == Household.id,
        StatusChange.action == lifecycle.LIFT,
        StatusChange.date.between(period.start, period.end),
    )
    return (step,)


def assistance_in(period: Period) -> tuple[Any, ...]:
    """Assistance of the period not in the recycle bin (files not deleted are the caller's)."""
    return (
        Assistance.deleted_at.is_(None),
        Assistance.date.between(period.start, period.end),
    )


def households_aided(period: Period) -> tuple[Any, ...]:
    return (exists().where(Assistance.household_id == Household.id, *assistance_in(period)),)


def stations_existing(period: Period) -> tuple[Any, ...]:
    """Stations standing at the period's end: not retired, built by then (or date unknown)."""
    return (
        Station.deleted_at.is_(None),
        Station.status != RETIRED,
        or_(Station.built_date.is_(None), Station.built_date <= period.end),
    )


def usage_in(period: Period) -> tuple[Any, ...]:
    return (
        StationUsage.deleted_at.is_(None),
        StationUsage.year.between(period.first_year, period.last_year),
    )


def rest_stops_used(period: Period) -> tuple[Any, ...]:
    """Rest stops with 服务人次 recorded in the period (those the visits figure adds up)."""
    used = exists().where(StationUsage.station_id == Station.id, *usage_in(period))
    return (Station.station_type == REST_STOP, used)


def activities_held(period: Period) -> tuple[Any, ...]:
    return (
        Activity.deleted_at.is_(None),
        Activity.start_date.between(period.start, period.end),
    )


@dataclass(frozen=True)
class Selection:
    """The records behind one figure: which list shows them and how the filter reads there."""

    entity: str  # households, stations or activities
    label: str  # with {year}: how the list names the filter
    conditions: Callable[[Period], tuple[Any, ...]]


SELECTIONS: dict[str, Selection] = {
    "on_file": Selection("households", "{year}年末在档的户", households_on_file),
    "lifted": Selection("households", "{year}年内脱困的户", households_lifted),
    "assistance_money": Selection("households", "{year}年得到帮扶的户", households_aided),
    "assistance_households": Selection("households", "{year}年得到帮扶的户", households_aided),
    "rest_stops": Selection(
        "stations", "{year}年末在运行的驿站", lambda p: (*stations_existing(p),)
    ),
    "rest_stop_visits": Selection("stations", "{year}年有服务人次的驿站", rest_stops_used),
    "activities": Selection("activities", "{year}年开展的活动", activities_held),
    "activity_reach": Selection("activities", "{year}年开展的活动", activities_held),
}


def conditions(figure: tuple[str, int]) -> tuple[Any, ...]:
    """The WHERE conditions of (figure key, year), for the list's query."""
    key, year = figure
    return SELECTIONS[key].conditions(Period.of(year))


def label(figure: tuple[str, int]) -> str:
    key, year = figure
    return SELECTIONS[key].label.format(year=year)
