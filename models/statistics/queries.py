"""The aggregate SQL of assistance, stations, rest stops and activities (households: household_queries).

Every figure is a GROUP BY in the database, never a loop over rows. Each section function takes
an open read session and a Period and returns its frozen figures; it also adds its per-township
columns to a TownshipTable, so the by-township table costs no extra scans. Soft-deleted rows
(deleted_at set) are left out everywhere, and so is everything hanging off a deleted household
or station.

Aggregates run through the session's connection (Core rows): the ORM's result machinery costs
more than a small GROUP BY itself. Only the featured activities are read as ORM objects.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, NamedTuple

from sqlalchemy import Select, case, distinct, extract, func, literal, select, union_all
from sqlalchemy.orm import Session

from models import vocab
from models.schema import (
    Activity,
    Assistance,
    Household,
    Station,
    StationUsage,
)
from models.statistics.figures import (
    ZERO,
    ActivityFigures,
    ActivityLine,
    AidLine,
    AssistanceFigures,
    CategorySpecific,
    FeaturedActivity,
    MonthVisits,
    ProgrammeFigures,
    RestStopFigures,
    StationFigures,
    StationTypeLine,
)
from models.statistics.periods import Period
from models.statistics.selections import (
    REST_STOP,
    activities_held,
    stations_existing,
    usage_in,
)
from models.statistics.sums import TOTAL, TownshipTable, as_int, as_money, month_key

EDUCATION_AID = "子女助学/金秋助学"
WARMTH_AID = "送温暖慰问"
EDUCATION_ACTIVITY = "金秋助学"
WARMTH_ACTIVITY = "送温暖"

ONE_DAY = dt.timedelta(days=1)
SPECIFIC_COLUMNS = (
    "cases", "money_recovered", "new_unions", "new_members", "new_migrant_members",
    "contest_trades", "contestants", "training_sessions", "trainees", "students",
)  # fmt: skip


# ---- 帮扶记录 --------------------------------------------------------------------------------


def _live_aid(
    period: Period,
    any_deleted: bool = True,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> tuple[Any, ...]:
    """Assistance of the period (or of start–end) not in the recycle bin, of files not deleted.

    Deleted files are few (usually none): testing against their ids keeps the scan on the
    covering index ix_assistance_stats instead of joining 500k rows to their households, and
    when there are none (any_deleted False, see sums.has_deleted_files) the test is left out.
    """
    live = [
        Assistance.deleted_at.is_(None),
        Assistance.date.between(start or period.start, end or period.end),
    ]
    if any_deleted:
        deleted = select(Household.id).where(Household.deleted_at.is_not(None))
        live.append(Assistance.household_id.not_in(deleted))
    return tuple(live)


def _aid_select(period: Period, *group: Any, any_deleted: bool = True) -> Select[Any]:
    return select(
        *group,
        func.sum(Assistance.cash).label("cash"),
        func.sum(Assistance.goods_value).label("goods"),
        func.count().label("records"),
        func.count(distinct(Assistance.household_id)).label("households"),
    ).where(*_live_aid(period, any_deleted))


class _AidStatements(NamedTuple):
    by_category: Select[Any]
    by_source: Select[Any]
    by_month: Select[Any]
    by_town: Select[Any]


@functools.lru_cache(maxsize=32)
def _aid_statements(period: Period, any_deleted: bool) -> _AidStatements:
    """The assistance statements of a period, built once per process: SQLAlchemy statements are
    immutable and their cache keys are memoised, so reusing them skips the construction (a
    sizeable share of the work for the dashboard's repeated calls and the 60-month union)."""
    by_category = _aid_select(
        period, Assistance.category.label("name"), any_deleted=any_deleted
    ).group_by(Assistance.category)
    by_source = _aid_select(
        period, Assistance.funding_source.label("name"), any_deleted=any_deleted
    ).group_by(Assistance.funding_source)
    # Each month from its own date range: SQLite then reads the months off the date index one
    # after another, instead of computing and sorting a month key for every record.
    firsts = [dt.date(int(m[:4]), int(m[5:]), 1) for m in period.months()]
    after = [*firsts[1:], dt.date(period.last_year + 1, 1, 1)]
    months = union_all(
        *(
            select(
                literal(first.strftime("%Y-%m")).label("name"),
                func.sum(Assistance.cash).label("cash"),
                func.sum(Assistance.goods_value).label("goods"),
                func.count().label("records"),
                func.count(distinct(Assistance.household_id)).label("households"),
            ).where(*_live_aid(period, any_deleted, first, following - ONE_DAY))
            for first, following in zip(firsts, after, strict=True)
        )
    ).subquery("months")
    # Per household first (on the index), then to townships: each file lies in one township,
    # so the townships' household counts add up to the distinct households of the period.
    per_household = (
        select(
            Assistance.household_id,
            func.sum(Assistance.cash).label("cash"),
            func.sum(Assistance.goods_value).label("goods"),
            func.count().label("records"),
        )
        .where(*_live_aid(period, any_deleted))
        .group_by(Assistance.household_id)
        .subquery("per_household")
    )
    by_town = (
        select(
            Household.township,
            func.sum(per_household.c.cash).label("cash"),
            func.sum(per_household.c.goods).label("goods"),
            func.sum(per_household.c.records).label("records"),
            func.count().label("households"),
        )
        .join(Household, Household.id == per_household.c.household_id)
        .group_by(Household.township)
    )
    return _AidStatements(by_category, by_source, select(months), by_town)


def _aid_line(name: str, row: Any | None) -> AidLine:
    if row is None:
        return AidLine(name)
    return AidLine(
        name, as_money(row.cash), as_money(row.goods), as_int(row.records), as_int(row.households)
    )


def _lines_in_order(
    rows: Iterable[Any], known: Iterable[str], make: Any, key: str = "name"
) -> tuple[Any, ...]:
    """One line per known name (zeros included), then names found only in the data."""
    found = {getattr(r, key): r for r in rows}
    names = list(known)
    names += sorted(n for n in found if n not in names and n is not None)
    return tuple(make(n, found.get(n)) for n in names)


def assistance_figures(
    s: Session, period: Period, towns: TownshipTable, any_deleted: bool = True
) -> AssistanceFigures:
    statements = _aid_statements(period, any_deleted)
    conn = s.connection()
    by_category = conn.execute(statements.by_category).all()
    by_source = conn.execute(statements.by_source).all()
    months = {row.name: row for row in conn.execute(statements.by_month) if row.records}
    by_town = conn.execute(statements.by_town).all()
    for row in by_town:
        towns.add(
            row.township,
            assistance_money=as_money(row.cash) + as_money(row.goods),
            assistance_households=as_int(row.households),
        )
    categories = _lines_in_order(by_category, vocab.ASSISTANCE_CATEGORIES, _aid_line)
    total = AidLine(
        TOTAL,
        cash=sum((line.cash for line in categories), ZERO),
        goods=sum((line.goods for line in categories), ZERO),
        records=sum(line.records for line in categories),
        households=sum(as_int(row.households) for row in by_town),
    )
    return AssistanceFigures(
        total=total,
        by_category=categories,
        by_source=_lines_in_order(by_source, vocab.FUNDING_SOURCES, _aid_line),
        by_month=tuple(_aid_line(m, months.get(m)) for m in period.months()),
    )


# ---- 服务阵地 --------------------------------------------------------------------------------


@functools.lru_cache(maxsize=32)
def _station_statements(period: Period) -> tuple[Select[Any], Select[Any], Select[Any]]:
    """Existing stations, 服务人次 by type × township, rest-stop visits by month (built once)."""
    start = period.start
    last_start = dt.date(period.last_year, 1, 1)
    built = Station.built_date
    existing = (
        select(
            Station.station_type,
            Station.township,
            func.count().label("existing"),
            func.sum(case((built >= start, 1), else_=0)).label("new"),
            func.sum(case((built >= last_start, 1), else_=0)).label("new_last_year"),
        )
        .where(*stations_existing(period))
        .group_by(Station.station_type, Station.township)
    )
    usage = (
        select(
            Station.station_type,
            Station.township,
            func.sum(StationUsage.visits).label("visits"),
            func.count(distinct(StationUsage.station_id)).label("stations"),
        )
        .join(Station, Station.id == StationUsage.station_id)
        .where(*usage_in(period), Station.deleted_at.is_(None))
        .group_by(Station.station_type, Station.township)
    )
    rest_months = (
        select(StationUsage.year, StationUsage.month, func.sum(StationUsage.visits).label("visits"))
        .join(Station, Station.id == StationUsage.station_id)
        .where(*usage_in(period), Station.deleted_at.is_(None), Station.station_type == REST_STOP)
        .group_by(StationUsage.year, StationUsage.month)
    )
    return existing, usage, rest_months


def station_figures(
    s: Session, period: Period, towns: TownshipTable
) -> tuple[StationFigures, RestStopFigures]:
    conn = s.connection()
    existing, usage, rest_months = (
        conn.execute(statement).all() for statement in _station_statements(period)
    )
    per_type: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in existing:
        line = per_type[row.station_type]
        line["existing"] += as_int(row.existing)
        line["new"] += as_int(row.new)
        line["new_last_year"] += as_int(row.new_last_year)
        towns.add(
            row.township,
            stations=as_int(row.existing),
            rest_stops=as_int(row.existing) if row.station_type == REST_STOP else 0,
        )
    reporting = 0
    for row in usage:
        per_type[row.station_type]["visits"] += as_int(row.visits)
        if row.station_type == REST_STOP:
            reporting += as_int(row.stations)
            towns.add(row.township, rest_stop_visits=as_int(row.visits))

    types = list(vocab.STATION_TYPES) + sorted(t for t in per_type if t not in vocab.STATION_TYPES)
    by_type = tuple(StationTypeLine(t, **per_type.get(t, {})) for t in types)
    total = StationTypeLine(
        TOTAL,
        existing=sum(line.existing for line in by_type),
        new=sum(line.new for line in by_type),
        new_last_year=sum(line.new_last_year for line in by_type),
        visits=sum(line.visits for line in by_type),
    )
    rest = next(line for line in by_type if line.station_type == REST_STOP)
    months = {month_key(r.year, r.month): as_int(r.visits) for r in rest_months}
    rest_stops = RestStopFigures(
        existing=rest.existing,
        new=rest.new,
        new_last_year=rest.new_last_year,
        visits=rest.visits,
        reporting=reporting,
        by_month=tuple(MonthVisits(m, months.get(m, 0)) for m in period.months()),
    )
    return StationFigures(total=total, by_type=by_type), rest_stops


# ---- 活动台账 --------------------------------------------------------------------------------


def _activity_select(period: Period, *group: Any) -> Select[Any]:
    return select(
        *group,
        func.count().label("count"),
        func.sum(Activity.participants).label("participants"),
        func.sum(Activity.person_times).label("person_times"),
        func.sum(Activity.households_benefited).label("households"),
        func.sum(Activity.cash).label("cash"),
        func.sum(Activity.goods_value).label("goods"),
        func.sum(Activity.students).label("students"),
    ).where(*activities_held(period))


def _activity_line(name: str, row: Any | None) -> ActivityLine:
    if row is None:
        return ActivityLine(name)
    return ActivityLine(
        name,
        count=as_int(row.count),
        participants=as_int(row.participants),
        person_times=as_int(row.person_times),
        households=as_int(row.households),
        cash=as_money(row.cash),
        goods=as_money(row.goods),
    )


@functools.lru_cache(maxsize=32)
def _activity_statements(period: Period) -> tuple[Select[Any], ...]:
    """By category (with the category-specific sums), by month, by township, and the featured
    activities as ORM objects (built once per period)."""
    year, month = extract("year", Activity.start_date), extract("month", Activity.start_date)
    return (
        _activity_select(
            period,
            Activity.category.label("name"),
            *(func.sum(getattr(Activity, c)).label(c) for c in SPECIFIC_COLUMNS if c != "students"),
        ).group_by(Activity.category),
        _activity_select(period, year.label("y"), month.label("m")).group_by(year, month),
        _activity_select(period, Activity.township.label("name")).group_by(Activity.township),
        select(Activity)
        .where(
            Activity.deleted_at.is_(None),
            Activity.include_in_summary.is_(True),
            Activity.start_date.between(period.start, period.end),
        )
        .order_by(Activity.start_date, Activity.id),
    )


def activity_figures(
    s: Session, period: Period, towns: TownshipTable
) -> tuple[ActivityFigures, dict[str, Any]]:
    """The activities of the period; also the raw category rows (the programmes need students).

    The total and the category-specific sums are added up from the category rows (exact: ints
    and Decimals), which saves two passes over the activities."""
    conn = s.connection()
    statements = _activity_statements(period)
    by_category = conn.execute(statements[0]).all()
    by_month = conn.execute(statements[1]).all()
    for row in conn.execute(statements[2]):
        towns.add(
            row.name, activities=as_int(row.count), activity_person_times=as_int(row.person_times)
        )
    specific = CategorySpecific(
        **{
            c: sum((as_money(getattr(r, c)) for r in by_category), ZERO) if c == "money_recovered"
            else sum(as_int(getattr(r, c)) for r in by_category)
            for c in SPECIFIC_COLUMNS
        }
    )  # fmt: skip
    featured = tuple(_featured(a) for a in s.execute(statements[3]).scalars())
    months = {month_key(r.y, r.m): r for r in by_month}
    categories = _lines_in_order(by_category, vocab.ACTIVITY_CATEGORIES, _activity_line)
    figures = ActivityFigures(
        total=ActivityLine(
            TOTAL,
            count=sum(line.count for line in categories),
            participants=sum(line.participants for line in categories),
            person_times=sum(line.person_times for line in categories),
            households=sum(line.households for line in categories),
            cash=sum((line.cash for line in categories), ZERO),
            goods=sum((line.goods for line in categories), ZERO),
        ),
        by_category=categories,
        by_month=tuple(_activity_line(m, months.get(m)) for m in period.months()),
        specific=specific,
        featured=featured,
    )
    return figures, {r.name: r for r in by_category}


def _featured(a: Activity) -> FeaturedActivity:
    return FeaturedActivity(
        id=a.id,
        name=a.name,
        category=a.category,
        start_date=a.start_date,
        end_date=a.end_date,
        township=a.township,
        place=a.place,
        cash=a.cash or ZERO,
        goods=a.goods_value or ZERO,
        participants=a.participants,
        person_times=a.person_times,
        households_benefited=a.households_benefited,
        summary=a.summary,
        specific={c: getattr(a, c) for c in SPECIFIC_COLUMNS if getattr(a, c) is not None},
    )


# ---- 金秋助学 and 送温暖 ---------------------------------------------------------------------


def programme_figures(
    assistance: AssistanceFigures, activity_rows: dict[str, Any]
) -> tuple[ProgrammeFigures, ProgrammeFigures]:
    """Both programmes from the figures already gathered (see ProgrammeFigures for the rule)."""
    aid = {line.name: line for line in assistance.by_category}

    def programme(
        name: str, unit: str, aid_name: str, activity_name: str, people: str, reached: str
    ) -> ProgrammeFigures:
        line = aid.get(aid_name, AidLine(aid_name))
        act = activity_rows.get(activity_name)
        return ProgrammeFigures(
            name=name,
            unit=unit,
            file_records=line.records,
            file_households=line.households,
            file_people=getattr(line, people),
            file_money=line.total,
            activity_count=as_int(act.count) if act else 0,
            activity_people=as_int(getattr(act, reached)) if act else 0,
            activity_money=(as_money(act.cash) + as_money(act.goods)) if act else ZERO,
        )

    # 金秋助学 counts students (one per grant record); 送温暖 counts households.
    education = programme(
        "金秋助学", "名", EDUCATION_AID, EDUCATION_ACTIVITY, "records", "students"
    )
    warmth = programme("送温暖", "户", WARMTH_AID, WARMTH_ACTIVITY, "households", "households")
    return education, warmth


__all__ = [
    "TownshipTable",
    "activity_figures",
    "assistance_figures",
    "programme_figures",
    "station_figures",
]
