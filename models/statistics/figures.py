"""Frozen figures of one period (households, assistance, stations, rest stops, activities, townships).

Every count is an int and every amount a Decimal in 元; `to_dict()` gives plain JSON values
(money as a string with two decimals, so no consumer ever sees a float rounding of 元).
What each figure counts (its 口径) is written on the field; models.statistics.facts repeats the
definitions in Chinese for the report's 数据来源 appendix.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from models.statistics.periods import Period

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def plain(value: Any) -> Any:
    """A figure (or a tree of them) as JSON-ready values: Decimal → "12.30", date → ISO text."""
    if isinstance(value, Period):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Decimal):
        return str(value.quantize(CENT))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


class Plain:
    """Mixin: `to_dict()` for every figure dataclass."""

    def to_dict(self) -> dict[str, Any]:
        return plain(self)  # type: ignore[no-any-return]


# ---- 困难职工档案 ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class HouseholdCount(Plain):
    """Households (户) and the people in them (人 = the head + live family members of the file).

    Member records carry no join or leave date, so people are counted from the file as it stands:
    the head plus every member not in the recycle bin.
    """

    households: int = 0
    persons: int = 0


@dataclasses.dataclass(frozen=True)
class ClassLine(Plain):
    """One 困难类别 (the file's current class; the class is not kept as history)."""

    hardship_class: str
    on_file: HouseholdCount  # 在档 at the end of the period
    new: HouseholdCount  # filed during the period


@dataclasses.dataclass(frozen=True)
class NamedCount(Plain):
    """A count under a name (脱困路径 or 销档原因)."""

    name: str
    households: int


@dataclasses.dataclass(frozen=True)
class HouseholdFigures(Plain):
    """The registry over a period; statuses "at the end" come from the status history."""

    new: HouseholdCount  # 建档日期 within the period
    lifted: HouseholdCount  # files with a 脱困 step in the period (each file once)
    closed: HouseholdCount  # files with a 销档 step in the period
    returned: HouseholdCount  # files with a 返困 step in the period
    on_file: HouseholdCount  # status 在档 on the last day of the period
    lifted_on_record: HouseholdCount  # status 已脱困 on the last day (kept for 防返困 follow-up)
    closed_on_record: HouseholdCount  # status 已销档 on the last day
    covered: HouseholdCount  # 在档 at any time during the period (the people the work reached)
    by_class: tuple[ClassLine, ...]
    lift_routes: tuple[NamedCount, ...]  # the 脱困 steps of the period by route
    close_reasons: tuple[NamedCount, ...]  # the 销档 steps of the period by reason


# ---- 帮扶记录 --------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class AidLine(Plain):
    """Assistance money of one category, source or month: cash, goods value and their total."""

    name: str
    cash: Decimal = ZERO
    goods: Decimal = ZERO  # 实物折价
    records: int = 0  # 帮扶户次: one assistance record is one 户次
    households: int = 0  # distinct households assisted
    total: Decimal = dataclasses.field(init=False, default=ZERO)

    def __post_init__(self) -> None:
        object.__setattr__(self, "total", self.cash + self.goods)


@dataclasses.dataclass(frozen=True)
class AssistanceFigures(Plain):
    """Assistance records dated within the period, of files not deleted."""

    total: AidLine
    by_category: tuple[AidLine, ...]  # every category of the value list, in its order
    by_source: tuple[AidLine, ...]  # every funding source, in its order
    by_month: tuple[AidLine, ...]  # every month of the period ("2025-01" …)


@dataclasses.dataclass(frozen=True)
class ProgrammeFigures(Plain):
    """金秋助学 or 送温暖, which clerks record in two places: per household in the files (帮扶记录 of
    the matching category) and as activities of the matching category in the 活动台账.

    The two often describe the same grants (the ceremony as an activity, each grant in a file), so
    they are never added: the headline `money` takes the larger of the two sources and both
    sources stay visible. For 金秋助学 people are students: one assistance record is one student's
    grant, an activity counts its 受助学生数, and `people` is the larger of the two. For 送温暖
    people are households, and only the files can tell them apart: `people` is the distinct
    households with a 送温暖慰问 record, while the activities' 受益户数 add up the families of
    every visit (a family visited at 春节 and again in December counts twice), i.e. 户次.
    """

    name: str
    unit: str  # 名 (students) or 户 (households)
    file_records: int = 0
    file_households: int = 0
    file_people: int = 0
    file_money: Decimal = ZERO
    activity_count: int = 0
    activity_people: int = 0
    activity_money: Decimal = ZERO
    people: int = dataclasses.field(init=False, default=0)
    money: Decimal = dataclasses.field(init=False, default=ZERO)

    def __post_init__(self) -> None:
        # Households summed over activities are 户次, never a count of households.
        people = (
            self.file_people if self.unit == "户" else max(self.file_people, self.activity_people)
        )
        object.__setattr__(self, "people", people)
        object.__setattr__(self, "money", max(self.file_money, self.activity_money))


# ---- 服务阵地 --------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class StationTypeLine(Plain):
    """Stations of one type. A station exists at the period end when built on or before that day
    (or with no 建成日期 recorded) and not 撤销; its status has no date, so a station 撤销 today
    is left out of every period, and `new` counts only stations that still exist."""

    station_type: str
    existing: int = 0  # at the end of the period (累计建成)
    new: int = 0  # built during the period
    new_last_year: int = 0  # built in the period's last year (= new for a one-year period)
    visits: int = 0  # 服务人次 entered for months of the period


@dataclasses.dataclass(frozen=True)
class StationFigures(Plain):
    total: StationTypeLine  # all types together (station_type "合计")
    by_type: tuple[StationTypeLine, ...]  # every type of the value list, in its order


@dataclasses.dataclass(frozen=True)
class MonthVisits(Plain):
    month: str
    visits: int = 0


@dataclasses.dataclass(frozen=True)
class RestStopFigures(Plain):
    """户外劳动者服务站点 (工会驿站/爱心驿站): counts as for stations, visits of the period by month.
    Visits count for every station not deleted, 撤销 ones included: the service was given."""

    existing: int
    new: int
    new_last_year: int
    visits: int
    reporting: int  # rest stops with at least one month of 服务人次 in the period
    by_month: tuple[MonthVisits, ...]


# ---- 活动台账 --------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ActivityLine(Plain):
    """Activities of one category (or month) starting within the period."""

    name: str
    count: int = 0
    participants: int = 0  # 参与人数
    person_times: int = 0  # 覆盖(服务)人次
    households: int = 0  # 受益户数
    cash: Decimal = ZERO
    goods: Decimal = ZERO
    money: Decimal = dataclasses.field(init=False, default=ZERO)

    def __post_init__(self) -> None:
        object.__setattr__(self, "money", self.cash + self.goods)


@dataclasses.dataclass(frozen=True)
class CategorySpecific(Plain):
    """The figures only some categories carry, summed over every activity of the period."""

    cases: int = 0  # 维权案件数
    money_recovered: Decimal = ZERO  # 挽回经济损失
    new_unions: int = 0  # 新建工会数
    new_members: int = 0  # 新发展会员
    new_migrant_members: int = 0  # 其中农民工会员
    contest_trades: int = 0  # 竞赛工种数
    contestants: int = 0  # 参赛人数
    training_sessions: int = 0  # 培训期数
    trainees: int = 0  # 培训人次
    students: int = 0  # 受助学生数 (金秋助学)


@dataclasses.dataclass(frozen=True)
class FeaturedActivity(Plain):
    """An activity marked 写入年度总结, with its own figures for a sentence of its own."""

    id: int
    name: str
    category: str
    start_date: dt.date
    end_date: dt.date | None
    township: str | None
    place: str | None
    cash: Decimal
    goods: Decimal
    participants: int | None
    person_times: int | None
    households_benefited: int | None
    summary: str | None
    specific: dict[str, int | Decimal]  # the category figures it carries (cases, students …)
    money: Decimal = dataclasses.field(init=False, default=ZERO)

    def __post_init__(self) -> None:
        object.__setattr__(self, "money", self.cash + self.goods)


@dataclasses.dataclass(frozen=True)
class ActivityFigures(Plain):
    total: ActivityLine
    by_category: tuple[ActivityLine, ...]  # every category of the value list, in its order
    by_month: tuple[ActivityLine, ...]
    specific: CategorySpecific
    featured: tuple[FeaturedActivity, ...]  # by start date


# ---- 荣誉 (服务阵地) --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class HonourLine(Plain):
    """Stations holding one title: awarded within the period (`dated`) or standing at its end."""

    title: str
    stations: int
    dated: bool


@dataclasses.dataclass(frozen=True)
class HonourFigures(Plain):
    honours: tuple[HonourLine, ...]  # by number of stations, then title
    hotline: int  # stations offering the 12351 hotline at the period end


# ---- 乡镇 ------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class TownshipLine(Plain):
    """One township (乡镇/街道): the settings' list in its order, then any other name in the data;
    activities without a township appear under "（未填乡镇）"."""

    township: str
    on_file: int = 0  # households 在档 at the period end
    on_file_persons: int = 0
    lifted_on_record: int = 0  # households 已脱困 at the period end
    assistance_money: Decimal = ZERO
    assistance_households: int = 0
    stations: int = 0  # existing at the period end, every type
    rest_stops: int = 0
    rest_stop_visits: int = 0
    activities: int = 0
    activity_person_times: int = 0


# ---- the whole period ------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class PeriodFigures(Plain):
    period: Period
    households: HouseholdFigures
    assistance: AssistanceFigures
    education: ProgrammeFigures  # 金秋助学
    warmth: ProgrammeFigures  # 送温暖
    stations: StationFigures
    rest_stops: RestStopFigures
    activities: ActivityFigures
    townships: tuple[TownshipLine, ...]
    honours: HonourFigures

    @property
    def is_empty(self) -> bool:
        """Nothing at all was recorded for the period (the CLI then says 暂无数据)."""
        h = self.households
        return not (
            h.new.households or h.lifted.households or h.closed.households
            or h.returned.households or h.on_file.households or h.lifted_on_record.households
            or self.assistance.total.records or self.stations.total.existing
            or self.rest_stops.visits or self.activities.total.count
        )  # fmt: skip
