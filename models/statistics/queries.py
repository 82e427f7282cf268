"""The aggregate SQL behind the statistics: every figure is a GROUP BY in the database, never a loop.

Each section function takes an open read session and a Period and returns its frozen figures; it
also adds its per-township columns to a TownshipTable, so the by-township table costs no extra
scans. Soft-deleted rows (deleted_at set) are left out everywhere, and so is everything hanging
off a deleted household or station.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, case, distinct, extract, func, or_, select, union
from sqlalchemy.orm import Session

from models import lifecycle, vocab
from models.schema import (
    Activity,
    Assistance,
    Household,
    HouseholdMember,
    Station,
    StationUsage,
    StatusChange,
    Township,
)
from models.statistics.figures import (
    ZERO,
    ActivityFigures,
    ActivityLine,
    AidLine,
    AssistanceFigures,
    CategorySpecific,
    ClassLine,
    FeaturedActivity,
    HouseholdCount,
    HouseholdFigures,
    MonthVisits,
    NamedCount,
    ProgrammeFigures,
    RestStopFigures,
    StationFigures,
    StationTypeLine,
    TownshipLine,
)
from models.statistics.periods import Period

REST_STOP = "户外劳动者服务站点"
EDUCATION_AID = "子女助学/金秋助学"
WARMTH_AID = "送温暖慰问"
EDUCATION_ACTIVITY = "金秋助学"
WARMTH_ACTIVITY = "送温暖"
RETIRED = "撤销"  # a station status: it no longer exists
NO_TOWNSHIP = "（未填乡镇）"
TOTAL = "合计"

SPECIFIC_COLUMNS = (
    "cases", "money_recovered", "new_unions", "new_members", "new_migrant_members",
    "contest_trades", "contestants", "training_sessions", "trainees", "students",
)  # fmt: skip


def _int(value: Any) -> int:
    return int(value or 0)


def _money(value: Any) -> Decimal:
    """A SUM over a Money column (already Decimal 元) or nothing summed (None)."""
    return value if isinstance(value, Decimal) else ZERO


def _month(year: Any, month: Any) -> str:
    return f"{int(year)}-{int(month):02d}"


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


# ---- 困难职工档案 ----------------------------------------------------------------------------


def _member_counts() -> Any:
    return (
        select(HouseholdMember.household_id.label("household_id"), func.count().label("n"))
        .where(HouseholdMember.deleted_at.is_(None))
        .group_by(HouseholdMember.household_id)
        .subquery("member_counts")
    )


def _persons(members: Any) -> Any:
    """SUM of people over the households of a query: each head plus the file's live members."""
    return func.sum(1 + func.coalesce(members.c.n, 0))


def _status_on(day: dt.date) -> Select[Any]:
    """(household id, status on `day`) for every live file filed by then.

    The status on a day is the target of the file's last step dated on or before it (ties broken
    by entry order); a file without any history (older data) falls back to its current status.
    """
    ranked = (
        select(
            StatusChange.household_id,
            StatusChange.to_status,
            func.row_number()
            .over(
                partition_by=StatusChange.household_id,
                order_by=(StatusChange.date.desc(), StatusChange.id.desc()),
            )
            .label("step"),
        )
        .where(StatusChange.date <= day)
        .subquery("ranked")
    )
    last = select(ranked.c.household_id, ranked.c.to_status).where(ranked.c.step == 1).subquery()
    return (
        select(
            Household.id.label("household_id"),
            func.coalesce(last.c.to_status, Household.status).label("status"),
        )
        .outerjoin(last, last.c.household_id == Household.id)
        .where(Household.deleted_at.is_(None), Household.filed_date <= day)
    )


def _count_of(rows: Iterable[Any]) -> HouseholdCount:
    households = persons = 0
    for row in rows:
        households += _int(row.households)
        persons += _int(row.persons)
    return HouseholdCount(households, persons)


def household_figures(s: Session, period: Period, towns: TownshipTable) -> HouseholdFigures:
    members = _member_counts()
    start, end = period.start, period.end

    # Status at the period end, by status × class × township: one pass over the files.
    status = _status_on(end).subquery("status_at_end")
    at_end = s.execute(
        select(
            status.c.status,
            Household.hardship_class,
            Household.township,
            func.count().label("households"),
            _persons(members).label("persons"),
        )
        .select_from(status)
        .join(Household, Household.id == status.c.household_id)
        .outerjoin(members, members.c.household_id == Household.id)
        .group_by(status.c.status, Household.hardship_class, Household.township)
    ).all()
    for row in at_end:
        if row.status == lifecycle.ON_FILE:
            towns.add(row.township, on_file=_int(row.households), on_file_persons=_int(row.persons))
        elif row.status == lifecycle.LIFTED:
            towns.add(row.township, lifted_on_record=_int(row.households))

    # Files filed in the period, by class.
    new_rows = s.execute(
        select(
            Household.hardship_class,
            func.count().label("households"),
            _persons(members).label("persons"),
        )
        .outerjoin(members, members.c.household_id == Household.id)
        .where(Household.deleted_at.is_(None), Household.filed_date.between(start, end))
        .group_by(Household.hardship_class)
    ).all()

    # Lifecycle steps of the period: each file counted once per kind of step.
    steps = (
        select(StatusChange.action, StatusChange.household_id)
        .where(StatusChange.date.between(start, end))
        .distinct()
        .subquery("steps")
    )
    step_rows = s.execute(
        select(
            steps.c.action,
            func.count().label("households"),
            _persons(members).label("persons"),
        )
        .select_from(steps)
        .join(Household, Household.id == steps.c.household_id)
        .outerjoin(members, members.c.household_id == Household.id)
        .where(Household.deleted_at.is_(None))
        .group_by(steps.c.action)
    ).all()
    by_action = {
        row.action: HouseholdCount(_int(row.households), _int(row.persons)) for row in step_rows
    }

    # A 脱困 step names its route, a 销档 step its reason (a value of the reason list).
    why = func.coalesce(StatusChange.route, StatusChange.reason)
    reasons = s.execute(
        select(StatusChange.action, why.label("name"), func.count().label("n"))
        .join(Household, Household.id == StatusChange.household_id)
        .where(
            Household.deleted_at.is_(None),
            StatusChange.date.between(start, end),
            StatusChange.action.in_((lifecycle.LIFT, lifecycle.CLOSE)),
        )
        .group_by(StatusChange.action, why)
    ).all()

    # 在档 at some time in the period: on file the day before it began, filed or reopened in it.
    before = _status_on(start - dt.timedelta(days=1)).subquery("status_before")
    reached = union(
        select(before.c.household_id).where(before.c.status == lifecycle.ON_FILE),
        select(Household.id).where(Household.filed_date.between(start, end)),
        select(StatusChange.household_id).where(
            StatusChange.date.between(start, end), StatusChange.to_status == lifecycle.ON_FILE
        ),
    ).subquery("reached")
    covered = s.execute(
        select(func.count().label("households"), _persons(members).label("persons"))
        .select_from(reached)
        .join(Household, Household.id == reached.c.household_id)
        .outerjoin(members, members.c.household_id == Household.id)
        .where(Household.deleted_at.is_(None))
    ).one()

    def ordered(action: str, known: tuple[str, ...]) -> tuple[NamedCount, ...]:
        counts = {r.name: _int(r.n) for r in reasons if r.action == action}
        names = [n for n in known if n in counts] + sorted(n for n in counts if n not in known)
        return tuple(NamedCount(n, counts[n]) for n in names)

    classes = list(vocab.HARDSHIP_CLASSES) + sorted(
        {r.hardship_class for r in (*at_end, *new_rows)} - set(vocab.HARDSHIP_CLASSES)
    )
    by_class = tuple(
        ClassLine(
            hardship_class=c,
            on_file=_count_of(
                r for r in at_end if r.hardship_class == c and r.status == lifecycle.ON_FILE
            ),
            new=_count_of(r for r in new_rows if r.hardship_class == c),
        )
        for c in classes
    )
    return HouseholdFigures(
        new=_count_of(new_rows),
        lifted=by_action.get(lifecycle.LIFT, HouseholdCount()),
        closed=by_action.get(lifecycle.CLOSE, HouseholdCount()),
        returned=by_action.get(lifecycle.RETURN, HouseholdCount()),
        on_file=_count_of(r for r in at_end if r.status == lifecycle.ON_FILE),
        lifted_on_record=_count_of(r for r in at_end if r.status == lifecycle.LIFTED),
        closed_on_record=_count_of(r for r in at_end if r.status == lifecycle.CLOSED),
        covered=HouseholdCount(_int(covered.households), _int(covered.persons)),
        by_class=by_class,
        lift_routes=ordered(lifecycle.LIFT, vocab.LIFT_ROUTES),
        close_reasons=ordered(lifecycle.CLOSE, vocab.CLOSE_REASONS),
    )


# ---- 帮扶记录 --------------------------------------------------------------------------------


def _aid_select(period: Period, *group: Any) -> Select[Any]:
    return (
        select(
            *group,
            func.sum(Assistance.cash).label("cash"),
            func.sum(Assistance.goods_value).label("goods"),
            func.count().label("records"),
            func.count(distinct(Assistance.household_id)).label("households"),
        )
        .join(Household, Household.id == Assistance.household_id)
        .where(
            Assistance.deleted_at.is_(None),
            Household.deleted_at.is_(None),
            Assistance.date.between(period.start, period.end),
        )
    )


def _aid_line(name: str, row: Any | None) -> AidLine:
    if row is None:
        return AidLine(name)
    return AidLine(
        name, _money(row.cash), _money(row.goods), _int(row.records), _int(row.households)
    )


def _lines_in_order(
    rows: Iterable[Any], known: Iterable[str], make: Any, key: str = "name"
) -> tuple[Any, ...]:
    """One line per known name (zeros included), then names found only in the data."""
    found = {getattr(r, key): r for r in rows}
    names = list(known)
    names += sorted(n for n in found if n not in names and n is not None)
    return tuple(make(n, found.get(n)) for n in names)


def assistance_figures(s: Session, period: Period, towns: TownshipTable) -> AssistanceFigures:
    total = s.execute(_aid_select(period)).one()
    by_category = s.execute(
        _aid_select(period, Assistance.category.label("name")).group_by(Assistance.category)
    ).all()
    by_source = s.execute(
        _aid_select(period, Assistance.funding_source.label("name")).group_by(
            Assistance.funding_source
        )
    ).all()
    year, month = extract("year", Assistance.date), extract("month", Assistance.date)
    by_month = s.execute(
        _aid_select(period, year.label("y"), month.label("m")).group_by(year, month)
    ).all()
    for row in s.execute(
        _aid_select(period, Household.township.label("name")).group_by(Household.township)
    ):
        towns.add(
            row.name,
            assistance_money=_money(row.cash) + _money(row.goods),
            assistance_households=_int(row.households),
        )
    months = {_month(r.y, r.m): r for r in by_month}
    return AssistanceFigures(
        total=_aid_line(TOTAL, total),
        by_category=_lines_in_order(by_category, vocab.ASSISTANCE_CATEGORIES, _aid_line),
        by_source=_lines_in_order(by_source, vocab.FUNDING_SOURCES, _aid_line),
        by_month=tuple(_aid_line(m, months.get(m)) for m in period.months()),
    )


# ---- 服务阵地 --------------------------------------------------------------------------------


def station_figures(
    s: Session, period: Period, towns: TownshipTable
) -> tuple[StationFigures, RestStopFigures]:
    start, end = period.start, period.end
    last_start = dt.date(period.last_year, 1, 1)
    built = Station.built_date
    existing = s.execute(
        select(
            Station.station_type,
            Station.township,
            func.count().label("existing"),
            func.sum(case((built >= start, 1), else_=0)).label("new"),
            func.sum(case((built >= last_start, 1), else_=0)).label("new_last_year"),
        )
        .where(
            Station.deleted_at.is_(None),
            Station.status != RETIRED,
            or_(built.is_(None), built <= end),
        )
        .group_by(Station.station_type, Station.township)
    ).all()
    usage = s.execute(
        select(
            Station.station_type,
            Station.township,
            func.sum(StationUsage.visits).label("visits"),
            func.count(distinct(StationUsage.station_id)).label("stations"),
        )
        .join(Station, Station.id == StationUsage.station_id)
        .where(
            StationUsage.deleted_at.is_(None),
            Station.deleted_at.is_(None),
            StationUsage.year.between(period.first_year, period.last_year),
        )
        .group_by(Station.station_type, Station.township)
    ).all()
    rest_months = s.execute(
        select(StationUsage.year, StationUsage.month, func.sum(StationUsage.visits).label("visits"))
        .join(Station, Station.id == StationUsage.station_id)
        .where(
            StationUsage.deleted_at.is_(None),
            Station.deleted_at.is_(None),
            Station.station_type == REST_STOP,
            StationUsage.year.between(period.first_year, period.last_year),
        )
        .group_by(StationUsage.year, StationUsage.month)
    ).all()

    per_type: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in existing:
        line = per_type[row.station_type]
        line["existing"] += _int(row.existing)
        line["new"] += _int(row.new)
        line["new_last_year"] += _int(row.new_last_year)
        towns.add(
            row.township,
            stations=_int(row.existing),
            rest_stops=_int(row.existing) if row.station_type == REST_STOP else 0,
        )
    reporting = 0
    for row in usage:
        per_type[row.station_type]["visits"] += _int(row.visits)
        if row.station_type == REST_STOP:
            reporting += _int(row.stations)
            towns.add(row.township, rest_stop_visits=_int(row.visits))

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
    months = {_month(r.year, r.month): _int(r.visits) for r in rest_months}
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
    ).where(
        Activity.deleted_at.is_(None),
        Activity.start_date.between(period.start, period.end),
    )


def _activity_line(name: str, row: Any | None) -> ActivityLine:
    if row is None:
        return ActivityLine(name)
    return ActivityLine(
        name,
        count=_int(row.count),
        participants=_int(row.participants),
        person_times=_int(row.person_times),
        households=_int(row.households),
        cash=_money(row.cash),
        goods=_money(row.goods),
    )


def activity_figures(
    s: Session, period: Period, towns: TownshipTable
) -> tuple[ActivityFigures, dict[str, Any]]:
    """The activities of the period; also the raw category rows (the programmes need students)."""
    total = s.execute(_activity_select(period)).one()
    by_category = s.execute(
        _activity_select(period, Activity.category.label("name")).group_by(Activity.category)
    ).all()
    year, month = extract("year", Activity.start_date), extract("month", Activity.start_date)
    by_month = s.execute(
        _activity_select(period, year.label("y"), month.label("m")).group_by(year, month)
    ).all()
    for row in s.execute(
        _activity_select(period, Activity.township.label("name")).group_by(Activity.township)
    ):
        towns.add(
            row.name, activities=_int(row.count), activity_person_times=_int(row.person_times)
        )
    specific_row = s.execute(
        select(*(func.sum(getattr(Activity, c)).label(c) for c in SPECIFIC_COLUMNS)).where(
            Activity.deleted_at.is_(None),
            Activity.start_date.between(period.start, period.end),
        )
    ).one()
    specific = CategorySpecific(
        **{
            c: _money(getattr(specific_row, c)) if c == "money_recovered"
            else _int(getattr(specific_row, c))
            for c in SPECIFIC_COLUMNS
        }
    )  # fmt: skip
    featured = tuple(
        _featured(a)
        for a in s.execute(
            select(Activity)
            .where(
                Activity.deleted_at.is_(None),
                Activity.include_in_summary.is_(True),
                Activity.start_date.between(period.start, period.end),
            )
            .order_by(Activity.start_date, Activity.id)
        ).scalars()
    )
    months = {_month(r.y, r.m): r for r in by_month}
    figures = ActivityFigures(
        total=_activity_line(TOTAL, total),
        by_category=_lines_in_order(by_category, vocab.ACTIVITY_CATEGORIES, _activity_line),
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
    school_aid = aid.get(EDUCATION_AID, AidLine(EDUCATION_AID))
    school = activity_rows.get(EDUCATION_ACTIVITY)
    education = ProgrammeFigures(
        name="金秋助学",
        unit="名",
        file_records=school_aid.records,
        file_households=school_aid.households,
        file_people=school_aid.records,
        file_money=school_aid.total,
        activity_count=_int(school.count) if school else 0,
        activity_people=_int(school.students) if school else 0,
        activity_money=(_money(school.cash) + _money(school.goods)) if school else ZERO,
    )
    warm_aid = aid.get(WARMTH_AID, AidLine(WARMTH_AID))
    warm = activity_rows.get(WARMTH_ACTIVITY)
    warmth = ProgrammeFigures(
        name="送温暖",
        unit="户",
        file_records=warm_aid.records,
        file_households=warm_aid.households,
        file_people=warm_aid.households,
        file_money=warm_aid.total,
        activity_count=_int(warm.count) if warm else 0,
        activity_people=_int(warm.households) if warm else 0,
        activity_money=(_money(warm.cash) + _money(warm.goods)) if warm else ZERO,
    )
    return education, warmth


__all__ = [
    "TownshipTable",
    "activity_figures",
    "assistance_figures",
    "household_figures",
    "programme_figures",
    "station_figures",
]
