"""The flat catalogue of figures: a stable key, a Chinese label, unit, 口径 and last period's value.

The report cites figures by these keys (its placeholders and the 数据来源 appendix), the desktop
and the Excel 年度统计表 show the labels. Keys are ASCII and never change meaning; a value list
entry the catalogue does not know (older data) gets its Chinese name as the key segment.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from models.statistics.figures import (
    AidLine,
    HouseholdCount,
    PeriodFigures,
    ProgrammeFigures,
    StationTypeLine,
)

Number = int | Decimal

HARDSHIP_SLUGS = {"深度困难": "deep", "相对困难": "relative", "意外致困": "accident"}
LIFT_ROUTE_SLUGS = {
    "就业创业": "employment", "社保兜底": "social_security", "社会救助": "social_aid",
    "工会帮扶": "union_aid", "其他": "other",
}  # fmt: skip
CLOSE_REASON_SLUGS = {
    "死亡": "death", "退休": "retired", "调离": "transferred", "不再符合条件": "ineligible",
    "重复建档": "duplicate",
}  # fmt: skip
AID_CATEGORY_SLUGS = {
    "生活救助": "living", "医疗救助": "medical", "子女助学/金秋助学": "schooling",
    "送温暖慰问": "warmth_visits", "临时救助": "temporary", "就业帮扶": "employment", "其他": "other",
}  # fmt: skip
FUNDING_SLUGS = {
    "中央财政": "central", "省财政": "provincial", "市县财政": "local",
    "本级工会经费": "union_funds", "上级工会拨款": "upper_union", "社会捐助": "donations",
}  # fmt: skip
STATION_SLUGS = {
    "县级职工服务中心": "county_centre", "乡镇(街道)职工服务站": "township_station",
    "村(社区)职工服务点": "community_point", "企业职工服务站": "enterprise_station",
    "户外劳动者服务站点": "outdoor", "职工书屋": "book_house",
    "爱心妈妈小屋(母婴室)": "mother_room", "职工法律援助工作站": "legal_aid",
    "爱心早餐供应点": "breakfast",
}  # fmt: skip
# The four service-centre types together: "职工服务中心（站、点）".
SERVICE_CENTRE_TYPES = (
    "县级职工服务中心",
    "乡镇(街道)职工服务站",
    "村(社区)职工服务点",
    "企业职工服务站",
)
ACTIVITY_SLUGS = {
    "思想引领": "ideology", "职工文化": "culture", "劳动和技能竞赛": "competition",
    "职工技能培训": "training", "劳模工匠": "model_workers", "送温暖": "warmth",
    "夏送清凉": "cooling", "金秋助学": "education", "春送岗位/就业服务": "jobs",
    "法律援助与维权": "rights", "建会入会": "organising", "劳动保护(安康杯)": "safety",
    "疫情防控": "epidemic", "其他": "other",
}  # fmt: skip

# A featured activity's category figures (the record's own columns), cited when its story is told.
FEATURED_SPECIFIC = {
    "cases": ("维权案件数", "件"), "money_recovered": ("挽回经济损失", "元"),
    "new_unions": ("新建工会数", "个"), "new_members": ("新发展会员数", "人"),
    "new_migrant_members": ("新发展农民工会员数", "人"), "contest_trades": ("竞赛工种数", "个"),
    "contestants": ("参赛人数", "人"), "training_sessions": ("培训期数", "期"),
    "trainees": ("培训人次", "人次"), "students": ("受助学生数", "名"),
}  # fmt: skip

SOURCE_FILES = "困难职工档案"
SOURCE_AID = "困难职工档案·帮扶记录"
SOURCE_STATIONS = "服务阵地"
SOURCE_USAGE = "服务阵地·服务人次"
SOURCE_ACTIVITIES = "活动台账"
SOURCE_BOTH = "帮扶记录与活动台账"


@dataclass(frozen=True)
class Figure:
    """One citable figure: `value` for the period, `previous` for the period before it."""

    key: str
    label: str
    value: Number
    unit: str
    previous: Number | None = None
    source: str = ""  # which ledger it comes from (数据来源)
    basis: str = ""  # how it is counted (口径), in Chinese
    # A stock on the period's last day (在档, 累计建成) rather than a flow within it: over several
    # years only a stock has a sound comparison, with the day before the period began.
    at_end: bool = False

    def to_dict(self) -> dict[str, object]:
        def text(n: Number | None) -> object:
            return str(n.quantize(Decimal("0.01"))) if isinstance(n, Decimal) else n

        return {
            "label": self.label,
            "value": text(self.value),
            "previous": text(self.previous),
            "unit": self.unit,
            "source": self.source,
            "basis": self.basis,
        }


def _slug(slugs: dict[str, str], name: str) -> str:
    return slugs.get(name, name)


class _Catalogue:
    """Builds the facts of one period and its predecessor side by side (the same getters)."""

    def __init__(self, current: PeriodFigures, previous: PeriodFigures | None) -> None:
        self.current, self.previous = current, previous
        self.out: dict[str, Figure] = {}

    def add(
        self,
        key: str,
        label: str,
        unit: str,
        get: Callable[[PeriodFigures], Number],
        source: str,
        basis: str = "",
        *,
        at_end: bool = False,
    ) -> None:
        previous = get(self.previous) if self.previous is not None else None
        self.out[key] = Figure(
            key, label, get(self.current), unit, previous, source, basis, at_end=at_end
        )

    def pair(
        self,
        key: str,
        label: str,
        get: Callable[[PeriodFigures], HouseholdCount],
        basis: str,
        source: str = SOURCE_FILES,
        *,
        at_end: bool = False,
    ) -> None:
        """户 under `key`, 人 under `key`_persons ("帮助1573户、5661人实现解困脱困")."""
        self.add(
            key, f"{label}户数", "户", lambda p: get(p).households, source, basis, at_end=at_end
        )
        self.add(
            f"{key}_persons",
            f"{label}人数",
            "人",
            lambda p: get(p).persons,
            source,
            basis + "；人数为户主加档案中的家庭成员",
            at_end=at_end,
        )


def _line(lines: tuple[AidLine, ...], name: str) -> AidLine:
    return next((line for line in lines if line.name == name), AidLine(name))


def _station(p: PeriodFigures, station_type: str) -> StationTypeLine:
    return next(
        (line for line in p.stations.by_type if line.station_type == station_type),
        StationTypeLine(station_type),
    )


def facts_of(current: PeriodFigures, previous: PeriodFigures | None = None) -> dict[str, Figure]:
    """Every figure of the period under its stable key, in reading order."""
    c = _Catalogue(current, previous)
    multi_year = not current.period.is_single_year
    _household_facts(c)
    _assistance_facts(c)
    _programme_facts(c, "assistance.education", lambda p: p.education, "受助学生", "助学")
    _programme_facts(c, "assistance.warmth", lambda p: p.warmth, "慰问户", "送温暖")
    _station_facts(c, multi_year)
    _honour_facts(c)
    _activity_facts(c)
    return c.out


def _honour_facts(c: _Catalogue) -> None:
    for line in c.current.honours.honours:

        def held(p: PeriodFigures, title: str = line.title, dated: bool = line.dated) -> int:
            return next(
                (h.stations for h in p.honours.honours if h.title == title and h.dated == dated), 0
            )

        if line.dated:
            c.add(
                f"stations.honours.awarded.{line.title}",
                f"获评“{line.title}”的阵地数",
                "个",
                held,
                SOURCE_STATIONS,
                "荣誉栏写明年份且年份在统计期内的阵地（未撤销），同一阵地同一称号计一次",
            )
        else:
            c.add(
                f"stations.honours.held.{line.title}",
                f"“{line.title}”阵地数",
                "个",
                held,
                SOURCE_STATIONS,
                "统计期末已建成且未撤销、荣誉栏有该称号（未写年份）的阵地",
                at_end=True,
            )
    c.add(
        "stations.hotline.total",
        "开通12351热线的阵地数",
        "个",
        lambda p: p.honours.hotline,
        SOURCE_STATIONS,
        "统计期末已建成且未撤销、服务功能含“12351热线”的阵地",
        at_end=True,
    )


# Figures a review of several years also gives for its first and last year ("从2023年的…增加到
# 2025年的…"), under "years.<year>.<key>".
YEARLY_KEYS = (
    "stations.outdoor.total",
    "stations.outdoor.visits",
    "assistance.total",
    "assistance.households",
    "activities.total",
    "activities.reach",
    "activities.rights.cases",
    "activities.organising.new_members",
    "activities.training.attendance",
)


def year_facts(years: tuple[PeriodFigures, ...]) -> dict[str, Figure]:
    """The YEARLY_KEYS figures of single years, keyed "years.2023.stations.outdoor.total"."""
    out: dict[str, Figure] = {}
    for figures in years:
        year = figures.period.last_year
        facts = facts_of(figures)
        for key in YEARLY_KEYS:
            f = facts.get(key)
            if f is None:
                continue
            label = f"{year}年底{f.label}" if f.at_end else f"{year}年{f.label}"
            out[f"years.{year}.{key}"] = Figure(
                f"years.{year}.{key}", label, f.value, f.unit, None, f.source, f.basis,
                at_end=f.at_end,
            )  # fmt: skip
    return out


def _household_facts(c: _Catalogue) -> None:
    c.pair("households.new", "新建档", lambda p: p.households.new, "建档日期在统计期内的档案")
    c.pair(
        "households.lifted",
        "解困脱困",
        lambda p: p.households.lifted,
        "统计期内有“脱困”记录的档案（同一档案只计一次）",
    )
    c.pair("households.closed", "销档", lambda p: p.households.closed, "统计期内有“销档”记录的档案")
    c.pair(
        "households.returned", "返困", lambda p: p.households.returned, "统计期内有“返困”记录的档案"
    )
    c.pair(
        "households.filed",
        "在档困难职工",
        lambda p: p.households.on_file,
        "统计期末（12月31日）状态为“在档”的档案",
        at_end=True,
    )
    c.pair(
        "households.lifted_on_record",
        "已脱困（跟踪）",
        lambda p: p.households.lifted_on_record,
        "统计期末状态为“已脱困”的档案",
        at_end=True,
    )
    c.pair(
        "households.covered",
        "期内曾在档",
        lambda p: p.households.covered,
        "统计期内任何时候处于“在档”状态的档案",
    )
    for line in c.current.households.by_class:
        name = line.hardship_class
        slug = _slug(HARDSHIP_SLUGS, name)

        def of_class(p: PeriodFigures, name: str = name) -> HouseholdCount:
            return next(
                (x.on_file for x in p.households.by_class if x.hardship_class == name),
                HouseholdCount(),
            )

        def new_of_class(p: PeriodFigures, name: str = name) -> HouseholdCount:
            return next(
                (x.new for x in p.households.by_class if x.hardship_class == name), HouseholdCount()
            )

        c.pair(
            f"households.class.{slug}.filed",
            f"在档{name}",
            of_class,
            f"统计期末在档、困难类别为“{name}”的档案",
            at_end=True,
        )
        c.add(
            f"households.class.{slug}.new",
            f"新建档{name}户数",
            "户",
            lambda p, f=new_of_class: f(p).households,
            SOURCE_FILES,
            f"统计期内建档、困难类别为“{name}”的档案",
        )
    for route in c.current.households.lift_routes:
        c.add(
            f"households.lift_route.{_slug(LIFT_ROUTE_SLUGS, route.name)}",
            f"通过{route.name}脱困户数",
            "户",
            lambda p, n=route.name: next(
                (r.households for r in p.households.lift_routes if r.name == n), 0
            ),
            SOURCE_FILES,
            f"统计期内脱困路径为“{route.name}”的脱困记录数",
        )
    for reason in c.current.households.close_reasons:
        c.add(
            f"households.close_reason.{_slug(CLOSE_REASON_SLUGS, reason.name)}",
            f"因{reason.name}销档户数",
            "户",
            lambda p, n=reason.name: next(
                (r.households for r in p.households.close_reasons if r.name == n), 0
            ),
            SOURCE_FILES,
            f"统计期内销档原因为“{reason.name}”的销档记录数",
        )


def _aid_facts(
    c: _Catalogue, prefix: str, label: str, get: Callable[[PeriodFigures], AidLine], basis: str
) -> None:
    c.add(f"{prefix}.cash", f"{label}现金", "元", lambda p: get(p).cash, SOURCE_AID, basis)
    c.add(f"{prefix}.in_kind", f"{label}实物折价", "元", lambda p: get(p).goods, SOURCE_AID, basis)
    c.add(
        f"{prefix}.total",
        f"{label}资金物资合计",
        "元",
        lambda p: get(p).total,
        SOURCE_AID,
        basis + "；现金与实物折价之和",
    )
    c.add(
        f"{prefix}.households",
        f"{label}户数",
        "户",
        lambda p: get(p).households,
        SOURCE_AID,
        basis + "；同一户只计一次",
    )
    c.add(
        f"{prefix}.times",
        f"{label}户次",
        "户次",
        lambda p: get(p).records,
        SOURCE_AID,
        basis + "；每条帮扶记录计一户次",
    )


def _assistance_facts(c: _Catalogue) -> None:
    _aid_facts(
        c, "assistance", "帮扶", lambda p: p.assistance.total, "帮扶日期在统计期内的帮扶记录"
    )
    for line in c.current.assistance.by_category:
        _aid_facts(
            c,
            f"assistance.category.{_slug(AID_CATEGORY_SLUGS, line.name)}",
            line.name,
            lambda p, n=line.name: _line(p.assistance.by_category, n),
            f"统计期内类别为“{line.name}”的帮扶记录",
        )
    for line in c.current.assistance.by_source:
        _aid_facts(
            c,
            f"assistance.source.{_slug(FUNDING_SLUGS, line.name)}",
            f"{line.name}资金",
            lambda p, n=line.name: _line(p.assistance.by_source, n),
            f"统计期内资金来源为“{line.name}”的帮扶记录",
        )


def _programme_facts(
    c: _Catalogue,
    prefix: str,
    get: Callable[[PeriodFigures], ProgrammeFigures],
    people_label: str,
    money_label: str,
) -> None:
    programme = get(c.current)
    students = programme.unit == "名"
    people_key = "students" if students else "households"
    unit = "人" if students else "户"
    rule = "取帮扶记录与活动台账两种来源中较大者，两者可能记录同一批帮扶，不相加"
    c.add(
        f"{prefix}.{people_key}",
        f"{programme.name}{people_label}数",
        unit,
        lambda p: get(p).people,
        SOURCE_BOTH if students else SOURCE_AID,
        rule if students else "有“送温暖慰问”帮扶记录的档案，同一户只计一次",
    )
    c.add(
        f"{prefix}.money",
        f"{programme.name}{money_label}资金",
        "元",
        lambda p: get(p).money,
        SOURCE_BOTH,
        rule + "；现金与实物折价之和",
    )
    file_basis = (
        "类别为“子女助学/金秋助学”的帮扶记录，每条记录计一名学生"
        if programme.unit == "名"
        else "类别为“送温暖慰问”的帮扶记录，同一户只计一次"
    )
    c.add(
        f"{prefix}.files.{people_key}",
        f"{programme.name}（帮扶记录）{people_label}数",
        unit,
        lambda p: get(p).file_people,
        SOURCE_AID,
        file_basis,
    )
    c.add(
        f"{prefix}.files.money",
        f"{programme.name}（帮扶记录）资金",
        "元",
        lambda p: get(p).file_money,
        SOURCE_AID,
        file_basis,
    )
    activity_basis = f"类别为“{programme.name}”的活动，" + (
        "受助学生数之和" if students else "受益户数之和；同一户每受访一次计一次，故为户次"
    )
    c.add(
        f"{prefix}.activities.count",
        f"{programme.name}活动场次",
        "场",
        lambda p: get(p).activity_count,
        SOURCE_ACTIVITIES,
        f"类别为“{programme.name}”的活动",
    )
    c.add(
        f"{prefix}.activities.{people_key}",
        f"{programme.name}（活动）{people_label}数"
        if students
        else f"{programme.name}（活动）受益户次",
        unit if students else "户次",
        lambda p: get(p).activity_people,
        SOURCE_ACTIVITIES,
        activity_basis,
    )
    c.add(
        f"{prefix}.activities.money",
        f"{programme.name}（活动）投入资金",
        "元",
        lambda p: get(p).activity_money,
        SOURCE_ACTIVITIES,
        activity_basis,
    )


def _station_facts(c: _Catalogue, multi_year: bool) -> None:
    exist = "统计期末已建成（建成日期不晚于期末或未填）且未撤销"
    last = c.current.period.last_year

    def type_facts(
        slug: str, label: str, get: Callable[[PeriodFigures], StationTypeLine], unit: str = "个"
    ) -> None:
        c.add(
            f"stations.{slug}.total",
            f"{label}累计建成数",
            unit,
            lambda p: get(p).existing,
            SOURCE_STATIONS,
            exist,
            at_end=True,
        )
        c.add(
            f"stations.{slug}.new",
            f"新建{label}数",
            unit,
            lambda p: get(p).new,
            SOURCE_STATIONS,
            "建成日期在统计期内且未撤销",
        )
        if multi_year:
            c.add(
                f"stations.{slug}.new_last_year",
                f"{last}年新建{label}数",
                unit,
                lambda p: get(p).new_last_year,
                SOURCE_STATIONS,
                f"建成日期在{last}年内且未撤销",
            )

    type_facts("all", "服务阵地", lambda p: p.stations.total)
    for line in c.current.stations.by_type:
        slug = _slug(STATION_SLUGS, line.station_type)
        type_facts(
            slug,
            line.station_type,
            lambda p, t=line.station_type: _station(p, t),
            "家" if slug in ("outdoor", "book_house") else "个",
        )

    def centres(p: PeriodFigures) -> StationTypeLine:
        lines = [_station(p, t) for t in SERVICE_CENTRE_TYPES]
        return StationTypeLine(
            "职工服务中心（站、点）",
            existing=sum(x.existing for x in lines),
            new=sum(x.new for x in lines),
            new_last_year=sum(x.new_last_year for x in lines),
        )

    type_facts("service_centre", "职工服务中心（站、点）", centres)
    c.add(
        "stations.outdoor.visits",
        "户外劳动者服务站点服务人次",
        "人次",
        lambda p: p.rest_stops.visits,
        SOURCE_USAGE,
        "统计期内各月服务人次之和（含已撤销站点）",
    )
    c.add(
        "stations.outdoor.reporting",
        "填报服务人次的驿站数",
        "家",
        lambda p: p.rest_stops.reporting,
        SOURCE_USAGE,
        "统计期内至少有一个月服务人次的驿站",
    )
    c.add(
        "stations.all.visits",
        "服务阵地服务人次",
        "人次",
        lambda p: p.stations.total.visits,
        SOURCE_USAGE,
        "统计期内各类阵地各月服务人次之和",
    )


def _activity_facts(c: _Catalogue) -> None:
    def line_facts(
        prefix: str,
        label: str,
        get: Callable[[PeriodFigures], object],
        basis: str,
        count_key: str = "count",
    ) -> None:
        fields = (
            (count_key, "场次", "场", "count"), ("participants", "参与人数", "人", "participants"),
            ("reach", "覆盖人次", "人次", "person_times"), ("households", "受益户数", "户", "households"),
            ("cash", "现金投入", "元", "cash"), ("in_kind", "实物折价", "元", "goods"),
            ("money", "投入资金物资合计", "元", "money"),
        )  # fmt: skip
        for suffix, what, unit, attr in fields:
            c.add(
                f"{prefix}.{suffix}",
                f"{label}{what}",
                unit,
                lambda p, a=attr: getattr(get(p), a),
                SOURCE_ACTIVITIES,
                basis,
            )

    # The grand total's count is "activities.total" (the narrative's name for 活动场次).
    line_facts(
        "activities",
        "活动",
        lambda p: p.activities.total,
        "开始日期在统计期内的活动",
        count_key="total",
    )
    for line in c.current.activities.by_category:
        line_facts(
            f"activities.{_slug(ACTIVITY_SLUGS, line.name)}",
            line.name,
            lambda p, n=line.name: next(x for x in p.activities.by_category if x.name == n),
            f"统计期内类别为“{line.name}”的活动",
        )
    specific = (
        ("activities.rights.cases", "维权案件数", "件", "cases"),
        ("activities.rights.recovered", "挽回经济损失", "元", "money_recovered"),
        ("activities.organising.new_unions", "新建工会数", "个", "new_unions"),
        ("activities.organising.new_members", "新发展会员数", "人", "new_members"),
        ("activities.organising.new_migrant_members", "新发展农民工会员数", "人",
         "new_migrant_members"),
        ("activities.competition.trades", "竞赛工种数", "个", "contest_trades"),
        ("activities.competition.entrants", "参赛人数", "人", "contestants"),
        ("activities.training.sessions", "培训期数", "期", "training_sessions"),
        ("activities.training.attendance", "培训人次", "人次", "trainees"),
    )  # fmt: skip
    for key, label, unit, attr in specific:
        c.add(
            key,
            label,
            unit,
            lambda p, a=attr: getattr(p.activities.specific, a),
            SOURCE_ACTIVITIES,
            "统计期内各活动所填该项数字之和",
        )
    for a in c.current.activities.featured:
        own = f"活动“{a.name}”（{a.start_date.isoformat()}）"
        values: tuple[tuple[str, str, str, Number | None], ...] = (
            ("money", "投入资金物资", "元", a.money if a.money else None),
            ("participants", "参与人数", "人", a.participants),
            ("reach", "覆盖人次", "人次", a.person_times),
            ("households", "受益户数", "户", a.households_benefited),
        )
        if a.goods:  # the summary may name the cash alone ("发放慰问金3000元")
            values += (("cash", "现金投入", "元", a.cash if a.cash else None),)
        values += tuple(
            (field, what, unit, a.specific[field])
            for field, (what, unit) in FEATURED_SPECIFIC.items()
            if field in a.specific
        )
        for suffix, what, unit, value in values:
            if value is not None:
                key = f"activities.featured.{a.id}.{suffix}"
                c.out[key] = Figure(
                    key, f"{a.name}{what}", value, unit, None, SOURCE_ACTIVITIES, own
                )
