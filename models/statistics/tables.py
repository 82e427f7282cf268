"""Township × category tables (统计表) of one period, counted exactly as the rest of the statistics.

Each table is a figure of models.statistics split two ways, so its row totals are the by-township
figures (TownshipLine), its column totals the by-category ones (by_class, by_category, by_type)
and its grand total the headline figure of year_figures / `stats --json`:

    households.on_file / .on_file_persons / .new     × 困难类别 (household_queries' status rule)
    assistance.records / .money                      × 帮扶类别 (queries._live_aid)
    stations.existing / .visits                      × 阵地类型 (as StationTypeLine counts them)
    activities.count / .participants / .person_times × 活动类别 (queries._activity_select)

Townships come in the by-township table's order (the settings' list, zeros included, then other
names found, then （未填乡镇）); categories in their value list's order, then unknown ones, and
only those with a figure.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from models import lifecycle, vocab
from models.kinds import KINDS
from models.schema import (
    Activity,
    Assistance,
    Household,
    HouseholdMember,
    Station,
    StationUsage,
    StatusChange,
)
from models.statistics.figures import ZERO, Plain
from models.statistics.periods import Period
from models.statistics.queries import _activity_select, _live_aid
from models.statistics.selections import RETIRED
from models.statistics.sums import NO_TOWNSHIP, TownshipTable, as_int, as_money

NO_CATEGORY = "未填"
Number = int | Decimal


@dataclasses.dataclass(frozen=True)
class CrossTable(Plain):
    """One figure by township (rows) × category (columns)."""

    key: str  # e.g. "households.on_file": which figure of the statistics it splits
    label: str  # 在档户数
    unit: str  # 户, 人, 元, 人次, 个, 场
    category_label: str  # 困难类别
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[Number, ...]], ...]

    @property
    def zero(self) -> Number:
        return ZERO if self.unit == "元" else 0

    def row_totals(self) -> dict[str, Number]:
        return {name: sum(values, self.zero) for name, values in self.rows}

    def column_totals(self) -> dict[str, Number]:
        return {
            column: sum((values[i] for _, values in self.rows), self.zero)
            for i, column in enumerate(self.columns)
        }

    def total(self) -> Number:
        return sum(self.row_totals().values(), self.zero)


class _Cells:
    """Figures gathered cell by cell, turned into a CrossTable in the statistics' order."""

    def __init__(self, s: Session, key: str, label: str, unit: str, category_label: str,
                 known: Sequence[str]) -> None:  # fmt: skip
        self.spec = (key, label, unit, category_label)
        self.known = known
        self.towns = TownshipTable(s)  # only for the township order and （未填乡镇）
        self.cells: dict[tuple[str, str], Number] = defaultdict(int)

    def add(self, township: str | None, category: str | None, value: Number) -> None:
        self.towns.add(township)
        self.cells[(township or NO_TOWNSHIP, category or NO_CATEGORY)] += value

    def table(self) -> CrossTable:
        zero: Number = ZERO if self.spec[2] == "元" else 0
        found = {c for (_, c), v in self.cells.items() if v}
        columns = [c for c in self.known if c in found] + sorted(found - set(self.known))
        rows = tuple(
            (line.township, tuple(self.cells.get((line.township, c), zero) for c in columns))
            for line in self.towns.lines()
        )
        return CrossTable(*self.spec, columns=tuple(columns), rows=rows)


def _category(kind: str, field: str) -> tuple[str, tuple[str, ...]]:
    """The column heading (the field's label standing alone) and value list a table splits by."""
    spec = KINDS[kind][field]
    assert spec.values is not None
    return spec.label_alone, vocab.CHOICES[spec.values]


def _fill(cells: _Cells, rows: Iterable[Any], value: Any) -> _Cells:
    for row in rows:
        cells.add(row[0], row[1], value(row))
    return cells


def _status_at_end(period: Period) -> tuple[Any, Any]:
    """(the file's status on the period's last day, its people) as columns over live files.

    The rule of household_queries: the target of the file's last step dated on or before the
    day (ties broken by entry order); a file without such a step but filed by then counts with
    its current status. People: the head plus every member not in the recycle bin.
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
            .label("rank"),
        )
        .where(StatusChange.date <= period.end)
        .subquery("ranked")
    )
    last = select(ranked.c.household_id, ranked.c.to_status).where(ranked.c.rank == 1).subquery()
    members = (
        select(HouseholdMember.household_id, func.count().label("n"))
        .where(HouseholdMember.deleted_at.is_(None))
        .group_by(HouseholdMember.household_id)
        .subquery("members")
    )
    status = func.coalesce(
        last.c.to_status, case((Household.filed_date <= period.end, Household.status))
    )
    persons = 1 + func.coalesce(members.c.n, 0)
    files = (
        select(Household.township, Household.hardship_class, status.label("status"),
               persons.label("persons"))
        .select_from(Household)
        .outerjoin(last, last.c.household_id == Household.id)
        .outerjoin(members, members.c.household_id == Household.id)
        .where(Household.deleted_at.is_(None))
        .subquery("files")
    )  # fmt: skip
    return files, (files.c.township, files.c.hardship_class)


def household_tables(s: Session, period: Period) -> list[CrossTable]:
    """在档户数 and 在档人数 at the period end, 新建档案 in the period, by township × 困难类别."""
    files, keys = _status_at_end(period)
    on_file_rows = s.execute(
        select(*keys, func.count(), func.sum(files.c.persons))
        .where(files.c.status == lifecycle.ON_FILE)
        .group_by(*keys)
    ).all()
    new_rows = s.execute(
        select(Household.township, Household.hardship_class, func.count())
        .where(
            Household.deleted_at.is_(None),
            Household.filed_date.between(period.start, period.end),
        )
        .group_by(Household.township, Household.hardship_class)
    ).all()
    by, classes = _category("households", "hardship_class")
    return [
        _fill(_Cells(s, "households.on_file", "在档户数", "户", by, classes),
              on_file_rows, lambda r: as_int(r[2])).table(),
        _fill(_Cells(s, "households.on_file_persons", "在档人数", "人", by, classes),
              on_file_rows, lambda r: as_int(r[3])).table(),
        _fill(_Cells(s, "households.new", "新建档案户数", "户", by, classes),
              new_rows, lambda r: as_int(r[2])).table(),
    ]  # fmt: skip


def assistance_tables(s: Session, period: Period) -> list[CrossTable]:
    """帮扶户次 and 帮扶资金物资 (cash + goods value) of the period by township × 帮扶类别."""
    rows = s.execute(
        select(
            Household.township,
            Assistance.category,
            func.count(),
            func.sum(Assistance.cash),
            func.sum(Assistance.goods_value),
        )
        .select_from(Assistance)
        .join(Household, Household.id == Assistance.household_id)
        .where(*_live_aid(period))
        .group_by(Household.township, Assistance.category)
    ).all()
    by, known = _category("assistance", "category")
    return [
        _fill(_Cells(s, "assistance.records", "帮扶户次", "户次", by, known), rows,
              lambda r: as_int(r[2])).table(),
        _fill(_Cells(s, "assistance.money", "帮扶资金物资", "元", by, known), rows,
              lambda r: as_money(r[3]) + as_money(r[4])).table(),
    ]  # fmt: skip


def station_tables(s: Session, period: Period) -> list[CrossTable]:
    """Stations existing at the period end and 服务人次 of the period by township × 阵地类型."""
    built = Station.built_date
    existing = s.execute(
        select(Station.township, Station.station_type, func.count())
        .where(
            Station.deleted_at.is_(None),
            Station.status != RETIRED,
            or_(built.is_(None), built <= period.end),
        )
        .group_by(Station.township, Station.station_type)
    ).all()
    visits = s.execute(
        select(Station.township, Station.station_type, func.sum(StationUsage.visits))
        .join(Station, Station.id == StationUsage.station_id)
        .where(
            StationUsage.deleted_at.is_(None),
            Station.deleted_at.is_(None),
            StationUsage.year.between(period.first_year, period.last_year),
        )
        .group_by(Station.township, Station.station_type)
    ).all()
    by, known = _category("stations", "station_type")
    return [
        _fill(_Cells(s, "stations.existing", "服务阵地数", "个", by, known), existing,
              lambda r: as_int(r[2])).table(),
        _fill(_Cells(s, "stations.visits", "服务人次", "人次", by, known), visits,
              lambda r: as_int(r[2])).table(),
    ]  # fmt: skip


def activity_tables(s: Session, period: Period) -> list[CrossTable]:
    """活动场次, 参与人数 and 覆盖人次 of activities starting in the period, township × 活动类别."""
    rows = s.execute(
        _activity_select(period, Activity.township, Activity.category).group_by(
            Activity.township, Activity.category
        )
    ).all()
    by, known = _category("activities", "category")
    return [
        _fill(_Cells(s, "activities.count", "活动场次", "场", by, known), rows,
              lambda r: as_int(r.count)).table(),
        _fill(_Cells(s, "activities.participants", "活动参与人数", "人", by, known),
              rows, lambda r: as_int(r.participants)).table(),
        _fill(_Cells(s, "activities.person_times", "活动覆盖人次", "人次", by, known),
              rows, lambda r: as_int(r.person_times)).table(),
    ]  # fmt: skip


def township_tables(s: Session, period: Period) -> list[CrossTable]:
    """Every 统计表 of the period, read inside the caller's session (one consistent snapshot)."""
    return [
        *household_tables(s, period),
        *assistance_tables(s, period),
        *station_tables(s, period),
        *activity_tables(s, period),
    ]


__all__ = ["CrossTable", "township_tables"]
