"""Generates the demo 活动台账: every category, in its season, with the figures summaries quote."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from models.demo import names
from models.demo.calendar import Window, between, days_after, spring_festival
from models.demo.households import pick, yuan

Row = dict[str, Any]
REST_STOP = "户外劳动者服务站点"


@dataclass(frozen=True)
class Kind:
    """How one category's activities look: yearly count, months, names and where they happen."""

    category: str
    per_year: int
    months: tuple[int, ...]  # months it happens in (empty: any)
    titles: tuple[str, ...]  # "{town}" and "{year}" are filled in
    station_types: tuple[str, ...] = ()  # stations it may be held at
    days: tuple[int, int] = (0, 0)  # extra days after the start


KINDS: tuple[Kind, ...] = (
    Kind(
        "思想引领",
        110,
        (),
        (
            "{town}职工“大学习”课堂",
            "{town}职工诵读会",
            "“中国梦·劳动美”主题宣讲进{town}",
            "{town}工会干部学习贯彻工会十八大精神宣讲",
            "{town}新就业形态劳动者“学思想”分享会",
        ),
        ("职工书屋", "乡镇(街道)职工服务站", "县级职工服务中心"),
    ),
    Kind(
        "职工文化",
        120,
        (1, 3, 4, 5, 9, 10, 12),
        (
            "{town}职工文艺汇演",
            "{town}职工趣味运动会",
            "{town}职工书画摄影展",
            "{town}职工广场舞展演",
            "{town}职工篮球赛",
            "{town}“书香三八”读书分享会",
            "{town}职工迎新春联欢会",
        ),
        ("职工书屋", "乡镇(街道)职工服务站"),
        (0, 2),
    ),
    Kind(
        "劳动和技能竞赛",
        60,
        (4, 5, 6, 7, 8, 9, 10),
        (
            "{town}职工职业技能竞赛",
            "{town}重点项目劳动竞赛",
            "{town}家政服务员技能比武",
            "{town}电工技能大赛",
            "{town}快递员技能比武",
            "{town}厨师烹饪技能竞赛",
        ),
        (),
        (0, 3),
    ),
    Kind(
        "职工技能培训",
        110,
        (),
        (
            "{town}育婴员技能培训班",
            "{town}电工培训班",
            "{town}电子商务直播培训班",
            "{town}叉车操作培训班",
            "{town}农民工技能提升培训",
            "{town}中式面点师培训班",
        ),
        ("县级职工服务中心", "乡镇(街道)职工服务站"),
        (0, 6),
    ),
    Kind(
        "劳模工匠",
        40,
        (3, 4, 5, 9, 10),
        (
            "{town}劳模工匠进企业宣讲",
            "{town}劳模创新工作室交流会",
            "“{town}工匠”推荐评选",
            "{town}劳模疗休养座谈会",
        ),
    ),
    Kind(
        "送温暖",
        130,
        (1, 2, 12),
        (
            "{town}“两节”送温暖慰问",
            "{town}春节困难职工走访慰问",
            "{town}“冬日暖阳”慰问户外劳动者",
            "{town}新春慰问一线职工",
        ),
        (REST_STOP,),
    ),
    Kind(
        "夏送清凉",
        110,
        (6, 7, 8),
        (
            "{town}“夏送清凉”慰问一线职工",
            "{town}高温慰问环卫工人",
            "{town}“清凉驿站”送清凉",
            "{town}夏送清凉进工地",
        ),
        (REST_STOP,),
    ),
    Kind(
        "金秋助学",
        50,
        (8, 9),
        (
            "{town}金秋助学金发放仪式",
            "{town}困难职工子女助学金发放",
            "{town}“金秋助学”入户走访",
        ),
    ),
    Kind(
        "春送岗位/就业服务",
        70,
        (2, 3, 4),
        (
            "{town}“春风行动”招聘会",
            "{town}“春送岗位”专场招聘",
            "{town}农民工返岗就业服务",
            "{town}高校毕业生就业服务活动",
        ),
        ("县级职工服务中心", "乡镇(街道)职工服务站"),
    ),
    Kind(
        "法律援助与维权",
        80,
        (),
        (
            "{town}农民工工资清欠专项行动",
            "{town}“尊法守法·携手筑梦”法律服务",
            "{town}劳动争议调解",
            "{town}法律援助进企业",
            "{town}新就业形态劳动者权益保障宣传",
        ),
        ("职工法律援助工作站",),
    ),
    Kind(
        "建会入会",
        60,
        (),
        (
            "{town}新就业形态劳动者集中入会",
            "{town}百人以上企业建会攻坚",
            "{town}货车司机入会行动",
            "{town}小微企业联合工会建会",
            "{town}快递外卖骑手入会仪式",
        ),
    ),
    Kind(
        "劳动保护(安康杯)",
        40,
        (3, 4, 5, 6, 9, 10, 11),
        (
            "{town}“安康杯”知识竞赛",
            "{town}安全生产月宣传",
            "{town}职业病防治宣传",
            "{town}安全生产隐患排查",
        ),
    ),
    Kind(
        "疫情防控",
        0,
        (1, 2, 3, 11, 12),
        (
            "{town}疫情防控一线职工慰问",
            "{town}防疫物资发放",
            "{town}冬春季传染病防控宣传",
        ),
    ),
    Kind(
        "其他",
        20,
        (),
        (
            "{town}职工心理健康讲座",
            "{town}单身职工联谊会",
            "{town}职工义诊",
            "{town}工会会员普惠活动",
        ),
        ("县级职工服务中心",),
    ),
)
# 疫情防控 follows the epidemic: none before 2020, and it ended with the winter wave of early 2023
# (乙类乙管 from 8 January 2023), so no year after 2023 has any and 2023 only January–February.
EPIDEMIC_BY_YEAR = {2020: 160, 2021: 120, 2022: 140, 2023: 24}
EPIDEMIC_MONTHS = {2023: (1, 2)}

ORGANIZERS = (names.ORG_NAME,)
UNDERTAKERS = (
    "县职工服务中心",
    "县总工会女职工委员会",
    "县总工会法律工作部",
    "县总工会经费审查委员会",
)
SEQUENCE = "一二三四五六七八九十"


@dataclass
class ActivitySet:
    activities: list[Row]


class ActivityGenerator:
    def __init__(
        self, rng: random.Random, window: Window, stations: list[Row], households: int = 1500
    ) -> None:
        self.rng = rng
        self.window = window
        # 送温暖 and 金秋助学 events hand out what the household files record, so their beneficiary
        # figures follow the number of files (送温暖 also reaches front-line workers without a file).
        warmth_kind = next(k for k in KINDS if k.category == "送温暖")
        study_kind = next(k for k in KINDS if k.category == "金秋助学")
        self.warmth_per_event = max(households * 1.3 / warmth_kind.per_year, 2)
        self.students_per_event = max(households * 0.16 / study_kind.per_year, 1)
        self.stations_by_type: dict[str, list[Row]] = {}
        for s in stations:
            self.stations_by_type.setdefault(s["station_type"], []).append(s)

    def generate(self) -> list[Row]:
        rows: list[Row] = []
        taken: set[tuple[str, dt.date]] = set()
        for year in self.window.years:
            for kind in KINDS:
                count = (
                    EPIDEMIC_BY_YEAR.get(year, 0) if kind.category == "疫情防控" else kind.per_year
                )
                count = round(
                    count * (1 + 0.06 * (year - self.window.first_year))
                )  # a bit more each year
                for _ in range(count):
                    row = self._activity(kind, year, taken)
                    if row is not None:
                        rows.append(row)
        rows.sort(key=lambda r: (r["start_date"], r["name"]))
        for i, row in enumerate(rows, start=1):
            row["id"] = i
        return rows

    def _activity(self, kind: Kind, year: int, taken: set[tuple[str, dt.date]]) -> Row | None:
        rng, w = self.rng, self.window
        start = self._start(kind, year)
        if start is None:
            return None
        town = rng.choices(names.TOWNSHIPS, [3 if t.urban else 1 for t in names.TOWNSHIPS])[0]
        county_wide = rng.random() < 0.12
        where = names.COUNTY if county_wide else town.name
        name = rng.choice(kind.titles).format(town=where, year=year)
        if (name, start) in taken or rng.random() < 0.15:
            name = (
                f"{name}（第{SEQUENCE[rng.randrange(10)]}期）"
                if kind.category == "职工技能培训"
                else f"{year}年{name}"
            )
        if (name, start) in taken:
            return None
        taken.add((name, start))
        end = min(days_after(start, rng.randint(*kind.days)), w.end)
        station = self._station(kind, town.name, start)
        row: Row = {
            "name": name, "category": kind.category, "start_date": start,
            "end_date": end if end > start else (start if rng.random() < 0.7 else None),
            "place": station["name"] if station else self._place(town, county_wide),
            "township": None if county_wide else town.name,
            "organizer": names.ORG_NAME if county_wide else f"{town.name}总工会",
            "undertaker": rng.choice(UNDERTAKERS) if county_wide else None,
            "station_id": station["id"] if station else None,
            "participants": None, "person_times": None, "households_benefited": None,
            "cash": Decimal(0), "goods_value": Decimal(0), "funding_source": None,
            "cases": None, "money_recovered": None, "new_unions": None, "new_members": None,
            "new_migrant_members": None, "contest_trades": None, "contestants": None,
            "training_sessions": None, "trainees": None, "students": None,
            "include_in_summary": False, "summary": None,
            "created_by": rng.choice(names.CLERKS),
        }  # fmt: skip
        self._figures(row, kind, county_wide)
        row["summary"] = self._summary(row) if rng.random() < 0.6 else None
        row["include_in_summary"] = rng.random() < (0.18 if county_wide else 0.03)
        if row["include_in_summary"] and row["summary"] is None:
            row["summary"] = self._summary(row)
        stamp = dt.datetime.combine(row["end_date"] or start, dt.time(17, 30))
        row["created_at"] = row["updated_at"] = stamp
        return row

    def _start(self, kind: Kind, year: int) -> dt.date | None:
        rng, w = self.rng, self.window
        if kind.category == "送温暖":
            festival = spring_festival(year)
            day = (
                days_after(festival, -rng.randint(0, 30))
                if rng.random() < 0.8
                else between(rng, dt.date(year, 12, 1), dt.date(year, 12, 31))
            )
        elif kind.months:
            month = rng.choice(
                EPIDEMIC_MONTHS.get(year, kind.months)
                if kind.category == "疫情防控"
                else kind.months
            )
            day = between(rng, dt.date(year, month, 1), dt.date(year, month, 28))
        else:
            day = between(rng, dt.date(year, 1, 1), dt.date(year, 12, 31))
        if day < w.year_start(year) or day > w.year_end(year):
            return None
        return day

    def _station(self, kind: Kind, town: str, start: dt.date) -> Row | None:
        rng = self.rng
        if not kind.station_types or rng.random() > 0.35:
            return None
        candidates = [
            s for t in kind.station_types for s in self.stations_by_type.get(t, ())
            if s["township"] == town and s["built_date"] <= start and s["status"] in ("运行", "整改")
        ]  # fmt: skip
        return rng.choice(candidates) if candidates else None

    def _place(self, town: names.Town, county_wide: bool) -> str:
        rng = self.rng
        if county_wide:
            return rng.choice(
                ("县职工服务中心", "县工人文化宫", "县体育中心", "县会展中心", "县职工培训基地")
            )
        return rng.choice(
            (
                f"{town.name}党群服务中心",
                f"{town.name}文化广场",
                f"{town.name}职工服务站",
                f"{town.name}中心小学操场",
            )
        )

    def _figures(self, row: Row, kind: Kind, county_wide: bool) -> None:
        rng = self.rng
        scale = 3 if county_wide else 1
        category = kind.category
        row["participants"] = rng.randint(20, 200) * scale
        if category in ("思想引领", "职工文化", "劳模工匠", "其他", "劳动保护(安康杯)", "疫情防控"):
            row["person_times"] = row["participants"] * rng.randint(1, 4)
        if category == "劳动和技能竞赛":
            row["contest_trades"] = rng.randint(1, 4) * scale
            row["contestants"] = rng.randint(20, 160) * scale
            row["participants"] = row["contestants"] + rng.randint(10, 60)
            row["cash"] = yuan(row["contestants"] * rng.uniform(40, 120), 100)
        elif category == "职工技能培训":
            row["training_sessions"] = rng.randint(1, 4) * scale
            row["trainees"] = row["training_sessions"] * rng.randint(25, 60)
            row["participants"] = row["trainees"]
            row["person_times"] = row["trainees"] * rng.randint(3, 10)
            row["cash"] = yuan(row["trainees"] * rng.uniform(100, 300), 100)
        elif category == "送温暖":
            row["households_benefited"] = (
                max(round(self.warmth_per_event * rng.uniform(0.5, 1.5)), 1) * scale
            )
            row["cash"] = yuan(row["households_benefited"] * rng.uniform(500, 1200), 100)
            row["goods_value"] = yuan(row["households_benefited"] * rng.uniform(150, 300), 100)
        elif category == "夏送清凉":
            row["person_times"] = rng.randint(150, 2000) * scale
            row["goods_value"] = yuan(row["person_times"] * rng.uniform(8, 25), 100)
        elif category == "金秋助学":
            row["students"] = max(round(self.students_per_event * rng.uniform(0.5, 1.5)), 1) * scale
            row["households_benefited"] = row["students"] - rng.randint(0, row["students"] // 5)
            row["cash"] = yuan(row["students"] * rng.uniform(1000, 4000), 500)
        elif category == "春送岗位/就业服务":
            row["person_times"] = rng.randint(200, 3000) * scale
        elif category == "法律援助与维权":
            row["cases"] = rng.randint(1, 18) * scale
            row["money_recovered"] = yuan(row["cases"] * rng.uniform(8_000, 60_000), 100)
        elif category == "建会入会":
            row["new_unions"] = rng.randint(1, 8) * scale
            row["new_members"] = row["new_unions"] * rng.randint(15, 80)
            row["new_migrant_members"] = int(row["new_members"] * rng.uniform(0.3, 0.8))
        elif category in ("职工文化", "劳模工匠", "劳动保护(安康杯)") and rng.random() < 0.5:
            row["cash"] = yuan(row["participants"] * rng.uniform(20, 80), 100)
        if row["cash"] or row["goods_value"]:
            row["funding_source"] = pick(
                rng,
                (("本级工会经费", 55), ("上级工会拨款", 25), ("社会捐助", 12), ("市县财政", 8)),
            )

    def _summary(self, row: Row) -> str:
        d = row["start_date"]
        who = row["organizer"]
        where = row["place"] or ""
        lead = f"{d.month}月{d.day}日，{who}在{where}开展{row['name']}活动"
        category = row["category"]
        if category == "送温暖":
            tail = f"，走访慰问困难职工{row['households_benefited']}户，发放慰问金{row['cash']:,.0f}元及米面油等物资"
        elif category == "夏送清凉":
            tail = (
                f"，为环卫工人、快递小哥等户外劳动者送去防暑降温物品，服务{row['person_times']}人次"
            )
        elif category == "金秋助学":
            tail = f"，资助困难职工子女{row['students']}名，发放助学金{row['cash']:,.0f}元"
        elif category == "法律援助与维权":
            tail = f"，办结劳动争议和欠薪案件{row['cases']}件，为职工挽回经济损失{row['money_recovered']:,.0f}元"
        elif category == "建会入会":
            tail = (
                f"，新建工会{row['new_unions']}家，发展会员{row['new_members']}人，"
                f"其中农民工会员{row['new_migrant_members']}人"
            )
        elif category == "劳动和技能竞赛":
            tail = f"，设{row['contest_trades']}个竞赛工种，{row['contestants']}名职工参赛"
        elif category == "职工技能培训":
            tail = f"，举办培训{row['training_sessions']}期，培训职工{row['trainees']}人次"
        elif category == "春送岗位/就业服务":
            tail = f"，提供就业岗位信息，服务求职职工{row['person_times']}人次"
        else:
            tail = f"，{row['participants']}名职工参加"
        return lead + tail + "。"
