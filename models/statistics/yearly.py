"""Entry points: year_figures (a year or Y0–YEAR, with the period before it) and dashboard_figures."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy.orm import Session

from models.statistics import queries
from models.statistics.facts import Figure, facts_of, year_facts
from models.statistics.figures import ActivityLine, AidLine, PeriodFigures, Plain, plain
from models.statistics.honours import honour_figures
from models.statistics.household_queries import household_figures
from models.statistics.periods import Period
from models.statistics.privacy import names_in
from models.statistics.sums import TownshipTable, has_deleted_files

SCHEMA_VERSION = 1  # of to_dict(); bump when a key changes meaning or goes away


class _Readable(Protocol):
    def read(self) -> Any: ...


def _database(source: Any) -> _Readable:
    """A Ledger (has .db) or a Database (has .read())."""
    db = getattr(source, "db", source)
    if not hasattr(db, "read"):
        raise TypeError(f"expected a Ledger or a Database, got {type(source).__name__}")
    return db  # type: ignore[no-any-return]


def periods_figures(s: Session, periods: Sequence[Period]) -> list[PeriodFigures]:
    """Every figure of each period, read inside the caller's session (one consistent snapshot).

    The household figures of all periods come from one pass over the files (household_queries).
    """
    towns = [TownshipTable(s) for _ in periods]
    any_deleted = has_deleted_files(s)
    households = household_figures(s, periods, towns, any_deleted)
    result = []
    for period, town_table, household in zip(periods, towns, households, strict=True):
        assistance = queries.assistance_figures(s, period, town_table, any_deleted)
        stations, rest_stops = queries.station_figures(s, period, town_table)
        activities, activity_rows = queries.activity_figures(s, period, town_table)
        education, warmth = queries.programme_figures(assistance, activity_rows)
        result.append(
            PeriodFigures(
                period=period,
                households=household,
                assistance=assistance,
                education=education,
                warmth=warmth,
                stations=stations,
                rest_stops=rest_stops,
                activities=activities,
                townships=town_table.lines(),
                honours=honour_figures(s, period),
            )
        )
    return result


def period_figures(s: Session, period: Period) -> PeriodFigures:
    """Every figure of one period, read inside the caller's session."""
    return periods_figures(s, [period])[0]


@dataclasses.dataclass(frozen=True)
class YearFigures(Plain):
    """The figures a year-end summary quotes: the period and the period of equal length before it."""

    year: int
    since_year: int | None
    current: PeriodFigures
    previous: PeriodFigures
    # A review of several years: its first and its last year alone, for "从2023年的…到2025年的…".
    ends: tuple[PeriodFigures, ...] = ()
    # Household heads and members the featured activities' texts name: never printed, never in
    # to_dict().
    private_names: frozenset[str] = frozenset()

    @property
    def period(self) -> Period:
        return self.current.period

    @property
    def is_empty(self) -> bool:
        return self.current.is_empty

    def facts(self) -> dict[str, Figure]:
        """Flat key → Figure (label, value, unit, previous value, 数据来源, 口径), in reading order."""
        return {**facts_of(self.current, self.previous), **year_facts(self.ends)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "year": self.year,
            "since_year": self.since_year,
            "period": self.current.period.to_dict(),
            "previous_period": self.previous.period.to_dict(),
            "money_format": '元，字符串，保留两位小数（如 "1234.50"）',
            "empty": self.is_empty,
            "figures": plain(self.current),
            "previous_figures": plain(self.previous),
            "facts": {key: f.to_dict() for key, f in self.facts().items()},
        }


def year_figures(source: Any, year: int, since_year: int | None = None) -> YearFigures:
    """The figures of `year` (or of since_year–year) and of the period before, from a Ledger or
    Database; all read in one transaction, so the two periods agree with each other."""
    period = Period.of(year, since_year)
    ends = [] if period.is_single_year else [Period.of(period.first_year), Period.of(year)]
    with _database(source).read() as s:
        current, previous, *yearly = periods_figures(s, [period, period.previous(), *ends])
        featured = current.activities.featured
        private = names_in(s, [t for a in featured for t in (a.name, a.place, a.summary)])
    return YearFigures(
        year=year,
        since_year=since_year,
        current=current,
        previous=previous,
        ends=tuple(yearly),
        private_names=private,
    )


# ---- 工作台 (the desktop's dashboard) -------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Compared(Plain):
    """This year's value and last year's."""

    value: int | Decimal
    previous: int | Decimal

    @property
    def change(self) -> int | Decimal:
        return self.value - self.previous

    @property
    def percent(self) -> Decimal | None:
        """Change in percent to one decimal, None when last year was zero."""
        if not self.previous:
            return None
        return (Decimal(self.change) * 100 / Decimal(self.previous)).quantize(Decimal("0.1"))


@dataclasses.dataclass(frozen=True)
class DashboardFigures(Plain):
    """What the 工作台 shows for one year, each tile with last year's value."""

    year: int
    on_file: Compared  # households 在档 at the year end
    lifted: Compared  # households lifted out during the year
    assistance_money: Compared  # cash + goods value
    assistance_households: Compared
    rest_stops: Compared  # existing at the year end
    rest_stop_visits: Compared
    activities: Compared
    activity_reach: Compared  # 覆盖人次
    assistance_by_month: tuple[AidLine, ...]  # the 12 months of the year
    activities_by_category: tuple[ActivityLine, ...]
    empty: bool


def dashboard_figures(source: Any, year: int) -> DashboardFigures:
    """The dashboard tiles and charts for `year` (the same queries as year_figures)."""
    figures = year_figures(source, year)
    now, before = figures.current, figures.previous

    def pair(get: Any) -> Compared:
        return Compared(get(now), get(before))

    return DashboardFigures(
        year=year,
        on_file=pair(lambda p: p.households.on_file.households),
        lifted=pair(lambda p: p.households.lifted.households),
        assistance_money=pair(lambda p: p.assistance.total.total),
        assistance_households=pair(lambda p: p.assistance.total.households),
        rest_stops=pair(lambda p: p.rest_stops.existing),
        rest_stop_visits=pair(lambda p: p.rest_stops.visits),
        activities=pair(lambda p: p.activities.total.count),
        activity_reach=pair(lambda p: p.activities.total.person_times),
        assistance_by_month=now.assistance.by_month,
        activities_by_category=now.activities.by_category,
        empty=now.is_empty,
    )
