"""A small county's year through the services: files, aid, stations, visits, activities, a photo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PIL import Image

from models.services import Ledger
from tests.models.factories import household_values, id_number

YEAR = 2024
HEAD_NAMES = ("张建国", "李秀英", "王德胜", "赵桂芳", "刘志强", "陈玉兰", "杨国庆", "周淑珍")
MEMBER_NAME = "张小明"
TOWNS = ("城关镇", "东关街道", "西城乡")


def build_year(ledger: Ledger, tmp_path: Path, *, year: int = YEAR) -> dict[str, Any]:
    """Fill the ledger with a year (and a thinner year before it); returns ids of interest."""
    ledger.settings.set_org_name("平安县总工会")
    ledger.settings.set_townships(list(TOWNS))
    households = []
    for index, name in enumerate(HEAD_NAMES):
        filed = dt.date(year - 1 if index < 3 else year, 3 + index % 6, 10)
        row = ledger.households.create(
            household_values(
                name=name,
                id_number=id_number(dt.date(1970 + index, 5, 6), male=index % 2 == 0),
                township=TOWNS[index % 3],
                filed_date=filed.isoformat(),
            )
        )
        households.append(row)
    ledger.households.add_member(
        households[0].id,
        {"name": MEMBER_NAME, "relation": "子女", "id_number": id_number(dt.date(2008, 1, 2))},
    )
    for index, row in enumerate(households):
        for month, category, cash in (
            (1, "送温暖慰问", "1500"),
            (4, "生活救助", "2000"),
            (9, "子女助学/金秋助学", "3000"),
        ):
            if index % 3 == 2 and category == "子女助学/金秋助学":
                continue
            ledger.households.add_assistance(
                row.id,
                {
                    "date": f"{year}-{month:02d}-{10 + index:02d}",
                    "category": category,
                    "cash": cash,
                    "funding_source": "本级工会经费" if index % 2 else "上级工会拨款",
                },
            )
    ledger.households.add_assistance(
        households[0].id,
        {"date": f"{year - 1}-06-01", "category": "生活救助", "cash": "1800",
         "funding_source": "本级工会经费"},
    )  # fmt: skip
    ledger.households.change_status(
        households[1].id, "脱困", date=f"{year}-10-01", reason="务工收入稳定", route="就业创业"
    )
    ledger.households.change_status(
        households[2].id, "脱困", date=f"{year}-11-05", reason="纳入低保", route="社保兜底"
    )
    stations = []
    for index in range(5):
        station = ledger.stations.create(
            {
                "name": f"{TOWNS[index % 3]}第{index + 1}工会驿站",
                "station_type": "户外劳动者服务站点",
                "township": TOWNS[index % 3],
                "built_date": f"{year - 1 if index < 2 else year}-04-0{index + 1}",
                "status": "运行",
            }
        )
        stations.append(station)
        for month in range(1, 13):
            if station.built_date and (year, month) < (
                station.built_date.year,
                station.built_date.month,
            ):
                continue
            ledger.stations.set_usage(
                station.id, {"month": f"{year}-{month:02d}", "visits": 900 + 37 * month + index}
            )
    ledger.stations.create(
        {"name": "县职工书屋", "station_type": "职工书屋", "township": "城关镇",
         "built_date": f"{year}-05-01", "status": "运行"}
    )  # fmt: skip
    activities = {}
    specs: tuple[tuple[str, str, dict[str, Any]], ...] = (
        ("职工诵读进车间", "思想引领", {"participants": 320, "person_times": 1200}),
        ("“中国梦·劳动美”宣讲", "思想引领", {"participants": 500, "person_times": 2600}),
        ("全县职工运动会", "职工文化", {"participants": 860, "cash": "52000"}),
        ("电工技能竞赛", "劳动和技能竞赛", {"contest_trades": 6, "contestants": 240}),
        (
            "家政服务技能培训",
            "职工技能培训",
            {"training_sessions": 13, "trainees": 650, "cash": "500000"},
        ),
        ("农民工欠薪维权", "法律援助与维权", {"cases": 52, "money_recovered": "2134000"}),
        (
            "快递员集中入会",
            "建会入会",
            {"new_unions": 18, "new_members": 2400, "new_migrant_members": 1300},
        ),
        (
            "爱心早餐",
            "夏送清凉",
            {
                "participants": 4092,
                "person_times": 403387,
                "cash": "4068000",
                "include_in_summary": True,
            },
        ),
        ("金秋助学发放仪式", "金秋助学", {"students": 120, "cash": "360000"}),
    )
    for name, category, extra in specs:
        row = ledger.activities.create(
            {"name": name, "category": category, "start_date": f"{year}-07-15",
             "township": "城关镇", **extra}
        )  # fmt: skip
        activities[name] = row
    photo = tmp_path / "breakfast.jpg"
    Image.new("RGB", (2400, 1600), (200, 120, 60)).save(photo, quality=90)
    ledger.activities.add_photo(
        photo, "环卫工人在爱心早餐点用餐", activity_id=activities["爱心早餐"].id
    )
    ledger.activities.create(
        {"name": "上年宣讲", "category": "思想引领", "start_date": f"{year - 1}-05-01",
         "participants": 100, "person_times": 900}
    )  # fmt: skip
    return {"households": households, "stations": stations, "activities": activities}
