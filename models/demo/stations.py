"""Generates the demo county's 服务阵地: every station type, rest-stop facilities and 服务人次."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from models.demo import calibration, names
from models.demo.calendar import Window, between
from models.demo.households import People, pick
from models.services.stations import STANDARD_KIT, TYPE_PREFIX
from models.vocab import CENTRE_FUNCTIONS, STATION_FACILITIES

Row = dict[str, Any]
REST_STOP = "户外劳动者服务站点"
AREA_CODE = "0397"

# (type, how many, typical area ㎡, typical investment 元, monthly visits: median and spread).
# Rest stops follow calibration (sources there); the others are sized to the township network.
STATION_PLAN: tuple[tuple[str, int, tuple[int, int], tuple[int, int], tuple[int, float]], ...] = (
    ("县级职工服务中心", 1, (500, 900), (800_000, 1_500_000), (1400, 0.2)),
    ("乡镇(街道)职工服务站", len(names.TOWNSHIPS), (60, 200), (30_000, 150_000), (150, 0.6)),
    ("村(社区)职工服务点", 30, (20, 80), (5_000, 30_000), (55, 0.6)),
    ("企业职工服务站", 16, (30, 150), (10_000, 80_000), (90, 0.6)),
    (REST_STOP, calibration.REST_STOPS, (12, 60), (8_000, 60_000),
     (calibration.REST_STOP_MONTHLY_MEDIAN, calibration.REST_STOP_MONTHLY_SIGMA)),
    ("职工书屋", 22, (30, 160), (10_000, 80_000), (180, 0.6)),
    ("爱心妈妈小屋(母婴室)", 12, (8, 30), (5_000, 30_000), (40, 0.5)),
    ("职工法律援助工作站", 6, (20, 60), (10_000, 50_000), (22, 0.5)),
    ("爱心早餐供应点", 8, (20, 80), (3_000, 20_000), (600, 0.5)),
)  # fmt: skip
REST_STOP_HOSTS = (
    ("银行网点", 26), ("加油站", 14), ("环卫所", 16), ("社区", 14), ("商超", 10), ("政务大厅", 5),
    ("企业", 6), ("党群服务中心", 6), ("交通场站", 3),
)  # fmt: skip
EXTRA_FACILITIES = tuple(f for f in STATION_FACILITIES if f not in STANDARD_KIT)
# Outdoor work peaks in summer heat and winter cold; spring and autumn are quieter.
OPENING_HOURS = ("8:00-18:00", "8:30-17:30", "7:30-19:00", "9:00-17:00")
SHOP_KINDS = ("超市", "购物广场", "生活超市")
RURAL_STREETS = ("人民路", "建设路", "新街", "中心街", "集贸街")
SEASON = (1.15, 0.9, 0.85, 0.9, 1.0, 1.25, 1.35, 1.35, 1.05, 0.95, 1.0, 1.2)


# The word a station's name ends with, which a number keeps apart from the rest ("…6号工作站").
NAME_ENDINGS = ("服务中心", "工作站", "服务站", "服务点", "供应点", "驿站", "书屋", "小屋")


def _numbered(name: str, n: int) -> str:
    """A second station of one type in a township, numbered before its type word."""
    ending = next((e for e in NAME_ENDINGS if name.endswith(e)), "")
    stem = name.removesuffix(ending) if ending else name
    return f"{stem}{n}号{ending}" if ending else f"{name}（{n}号）"


@dataclass
class StationSet:
    stations: list[Row]
    facilities: list[Row]
    functions: list[Row]
    usage: list[Row]


class StationGenerator:
    def __init__(self, rng: random.Random, window: Window) -> None:
        self.rng = rng
        self.window = window
        self.people = People(rng)
        lon0, lon1 = names.LONGITUDE_RANGE
        lat0, lat1 = names.LATITUDE_RANGE
        seat = ((lon0 + lon1) / 2, (lat0 + lat1) / 2)
        self.centres = {
            t.name: (
                (seat[0] + rng.uniform(-0.03, 0.03), seat[1] + rng.uniform(-0.02, 0.02))
                if t.urban
                else (rng.uniform(lon0 + 0.03, lon1 - 0.03), rng.uniform(lat0 + 0.03, lat1 - 0.03))
            )
            for t in names.TOWNSHIPS
        }

    def generate(self) -> StationSet:
        result = StationSet([], [], [], [])
        taken: set[tuple[str, str]] = set()
        serial: dict[str, int] = {}
        for station_type, count, area, investment, visits in STATION_PLAN:
            for i in range(count):
                sid = len(result.stations) + 1
                serial[station_type] = serial.get(station_type, 0) + 1
                row = self._station(sid, station_type, i, area, investment, taken)
                row["code"] = f"{TYPE_PREFIX[station_type]}{serial[station_type]:04d}"
                result.stations.append(row)
                result.facilities += [
                    {"station_id": sid, "facility": f} for f in self._facilities(row)
                ]
                result.functions += [
                    {"station_id": sid, "function": f} for f in self._functions(row)
                ]
                result.usage += self._usage(row, visits)
        return result

    def _station(
        self,
        sid: int,
        station_type: str,
        index: int,
        area: tuple[int, int],
        investment: tuple[int, int],
        taken: set[tuple[str, str]],
    ) -> Row:
        rng, w = self.rng, self.window
        if station_type == "县级职工服务中心":
            town = names.TOWNSHIPS[0]
        elif station_type == "乡镇(街道)职工服务站":
            town = names.TOWNSHIPS[index]
        else:
            town = rng.choices(names.TOWNSHIPS, [3 if t.urban else 1 for t in names.TOWNSHIPS])[0]
        name, host_unit, host_kind = self._naming(station_type, town, taken)
        taken.add((name, town.name))
        # Most 驿站 were built in the national push of 2019–2022; fewer after (calibration A).
        before = 0.55 if station_type == REST_STOP else 0.25
        if station_type in ("县级职工服务中心", "乡镇(街道)职工服务站") or rng.random() < before:
            built = between(rng, dt.date(w.first_year - 6, 1, 1), dt.date(w.first_year - 1, 12, 31))
        else:
            built = between(rng, w.start, w.end)
        lon, lat = self.centres[town.name]
        has_point = rng.random() < 0.9
        status = pick(rng, (("运行", 88), ("整改", 6), ("停用", 4), ("撤销", 2)))
        is_rest_stop = station_type == REST_STOP
        open_24h = is_rest_stop and host_kind in ("加油站", "交通场站") and rng.random() < 0.7
        star = None
        if is_rest_stop or station_type in ("乡镇(街道)职工服务站", "村(社区)职工服务点"):
            star = int(pick(rng, (("1", 5), ("2", 15), ("3", 40), ("4", 28), ("5", 12))))
        manager_gender = rng.choice(("男", "女"))
        phone = (
            self.people.phone()
            if rng.random() < 0.6
            else f"{AREA_CODE}-{rng.randint(2, 8)}{rng.randrange(10**6, 10**7)}"
        )
        row: Row = {
            "id": sid,
            "name": name,
            "station_type": station_type,
            "township": town.name,
            "address": self._address(town, host_unit),
            "longitude": Decimal(f"{lon + rng.uniform(-0.02, 0.02):.6f}") if has_point else None,
            "latitude": Decimal(f"{lat + rng.uniform(-0.015, 0.015):.6f}") if has_point else None,
            "host_unit": host_unit,
            "host_kind": host_kind,
            "build_mode": "工会自建" if station_type == "县级职工服务中心" or rng.random() < 0.3 else "共建共享",
            "manager": self.people.name(manager_gender),
            "phone": phone,
            "built_date": built,
            "area": Decimal(f"{rng.uniform(*area):.2f}") if rng.random() < 0.5 else Decimal(rng.randint(*area)),
            "investment": Decimal(rng.randint(investment[0] // 1000, investment[1] // 1000) * 1000),
            "opening_hours": "24小时" if open_24h else rng.choice(OPENING_HOURS),
            "open_24h": open_24h,
            "status": status,
            "star_level": star,
            "honors": None,
            "remarks": "设施老化，已通知依托单位整改" if status == "整改" else None,
            "books": None,
            "periodicals": None,
            "demo_level": None,
            "nursing_grade": None,
            "created_by": rng.choice(names.CLERKS),
        }  # fmt: skip
        if is_rest_stop:
            row["honors"] = self._honours(built, star, status)
        elif station_type == "乡镇(街道)职工服务站" and rng.random() < 0.15:
            row["honors"] = "省级示范乡镇(街道)职工服务站"
        elif station_type == "县级职工服务中心":
            row["honors"] = "省级规范化县级职工服务中心"
        if station_type == "职工书屋":
            row["books"] = rng.randint(8, 200) * 100
            row["periodicals"] = rng.randint(10, 80)
            level = pick(rng, (("", 70), ("市", 18), ("省", 9), ("全国", 3)))
            row["demo_level"] = level or None
            if level:
                row["honors"] = (
                    f"{level}级职工书屋示范点" if level != "全国" else "全国职工书屋示范点"
                )
        if station_type == "爱心妈妈小屋(母婴室)":
            row["nursing_grade"] = pick(rng, (("基础", 65), ("舒适", 35)))
        stamp = dt.datetime.combine(max(built, w.start), dt.time(10))
        row["created_at"] = row["updated_at"] = stamp
        return row

    def _honours(self, built: dt.date, star: int | None, status: str) -> str | None:
        """Titles of a rest stop: 全总's are awarded for a year (after it opened), the others stand;
        only well-rated stops that still serve hold any."""
        rng, w = self.rng, self.window
        if status in ("停用", "撤销") or (star or 0) < 4:
            return None
        titles = []
        for title, share in calibration.HONOUR_SHARES:
            # Drawn among the 4–5 star stops (about 40 %): the share is of all rest stops.
            if rng.random() < share / 0.4:
                if title.startswith("全总"):
                    first = max(built.year + 1, w.first_year)
                    if first > w.end.year:
                        continue
                    titles.append(f"{title}（{rng.randint(first, w.end.year)}年）")
                else:
                    titles.append(title)
        return "；".join(titles) or None

    def _naming(
        self, station_type: str, town: names.Town, taken: set[tuple[str, str]]
    ) -> tuple[str, str, str]:
        for attempt in range(100):
            name, host, kind = self._name_once(station_type, town)
            if attempt > 5:
                name = _numbered(name, attempt)
            if (name, town.name) not in taken:
                return name, host, kind
        raise RuntimeError("no unique station name after 100 attempts")

    def _name_once(self, station_type: str, town: names.Town) -> tuple[str, str, str]:
        rng = self.rng
        company = (
            f"{names.COUNTY}{rng.choice(names.COMPANY_STEMS)}{rng.choice(names.COMPANY_TRADES)[0]}"
        )
        place = (
            rng.choice(names.COMMUNITIES)
            if town.urban
            else f"{rng.choice(names.VILLAGE_STEMS)}{rng.choice(names.VILLAGE_SUFFIXES)}"
        )
        if station_type == "县级职工服务中心":
            return f"{names.COUNTY}职工服务中心", names.ORG_NAME, "机关事业单位"
        if station_type == "乡镇(街道)职工服务站":
            return f"{town.name}职工服务站", f"{town.name}党群服务中心", "党群服务中心"
        if station_type == "村(社区)职工服务点":
            return (
                f"{town.name}{place}职工服务点",
                f"{place}党群服务中心",
                "社区" if town.urban else "党群服务中心",
            )
        if station_type == "企业职工服务站":
            return f"{company}职工服务站", company, "企业"
        if station_type == REST_STOP:
            kind = pick(rng, REST_STOP_HOSTS)
            host = {
                "银行网点": f"{rng.choice(names.BANKS)[0]}{town.name}{rng.choice(('营业所', '分理处', '支行营业部'))}",
                "加油站": f"中国石化{town.name}{rng.choice(('第一', '第二', '东站', '西站', '南站'))}加油站",
                "环卫所": f"{names.COUNTY}环境卫生管理所{town.name}{rng.choice(('环卫站', '清扫队'))}",
                "社区": f"{town.name}{place}" if town.urban else f"{town.name}{place}村委会",
                "商超": f"{names.COUNTY}{rng.choice(names.COMPANY_STEMS)}{rng.choice(SHOP_KINDS)}",
                "政务大厅": f"{town.name}便民服务中心",
                "企业": company,
                "党群服务中心": f"{town.name}{place}党群服务中心",
                "交通场站": f"{names.COUNTY}{rng.choice(('汽车站', '公交总站', '高速服务区'))}",
            }[kind]  # fmt: skip
            suffix = rng.choice(("工会驿站", "工会驿站", "爱心驿站", "户外劳动者驿站"))
            return f"{host}{suffix}", host, kind
        if station_type == "职工书屋":
            host, kind = rng.choice(
                (
                    (company, "企业"),
                    (f"{town.name}{place}", "社区"),
                    (f"{town.name}职工服务站", "党群服务中心"),
                )
            )
            return f"{host}职工书屋", host, kind
        if station_type == "爱心妈妈小屋(母婴室)":
            host, kind = rng.choice(
                (
                    (company, "企业"),
                    (f"{town.name}便民服务中心", "政务大厅"),
                    (f"{names.COUNTY}人民医院", "医院"),
                )
            )
            return f"{host}爱心妈妈小屋", host, kind
        if station_type == "职工法律援助工作站":
            return f"{town.name}职工法律援助工作站", f"{town.name}司法所", "机关事业单位"
        host = f"{town.name}{rng.choice(names.COMPANY_STEMS)}{rng.choice(('早餐店', '快餐店', '餐饮店'))}"
        return f"{host}爱心早餐供应点", host, "其他"

    def _address(self, town: names.Town, host_unit: str) -> str:
        rng = self.rng
        if town.urban:
            return f"{names.COUNTY}{town.name}{rng.choice(names.STREETS)}{rng.randint(1, 300)}号"
        return f"{names.COUNTY}{town.name}{rng.choice(RURAL_STREETS)}{rng.randint(1, 120)}号"

    def _facilities(self, row: Row) -> list[str]:
        rng = self.rng
        if row["station_type"] != REST_STOP:
            return []
        kit = list(STANDARD_KIT)
        if rng.random() < 0.12:
            kit.remove(rng.choice(kit))  # a few lack part of the standard kit: the form warns
        extras = rng.sample(EXTRA_FACILITIES, rng.randint(1, 6))
        return sorted(kit + extras)

    def _functions(self, row: Row) -> list[str]:
        rng = self.rng
        if row["station_type"] == "县级职工服务中心":
            return sorted(CENTRE_FUNCTIONS)
        if row["station_type"] == "乡镇(街道)职工服务站":
            core = ["困难帮扶", "法律援助", "就业服务"]
            return sorted(
                core + rng.sample([f for f in CENTRE_FUNCTIONS if f not in core], rng.randint(0, 3))
            )
        if row["station_type"] == "村(社区)职工服务点":
            return sorted(
                rng.sample(("困难帮扶", "就业服务", "技能培训", "心理咨询", "12351热线"), 2)
            )
        return []

    def _usage(self, row: Row, visits: tuple[int, float]) -> list[Row]:
        """Monthly 服务人次 from the later of built month and window start up to the last full month."""
        rng, w = self.rng, self.window
        end = w.end
        last = (end.year, end.month)
        if (end + dt.timedelta(days=1)).month == end.month:  # the current month is not over yet
            last = (end.year, end.month - 1) if end.month > 1 else (end.year - 1, 12)
        start = max(row["built_date"], w.start)
        year, month = start.year, start.month
        stop = None
        if row["status"] in ("停用", "撤销"):
            stop = between(rng, max(start, dt.date(end.year - 1, 1, 1)), end)
        median, sigma = visits
        low, high = calibration.REST_STOP_MONTHLY_RANGE
        base = min(max(rng.lognormvariate(0, sigma) * median, low), high)
        rows: list[Row] = []
        while (year, month) <= last:
            if stop and (year, month) >= (stop.year, stop.month):
                break
            factor = (
                SEASON[month - 1] if row["station_type"] == REST_STOP else rng.uniform(0.85, 1.15)
            )
            if row["status"] == "整改":
                factor *= 0.7
            count = max(int(base * factor * rng.uniform(0.8, 1.2)), 0)
            stamp = dt.datetime(year, month, 28, 16) + dt.timedelta(days=rng.randint(3, 12))
            stamp = min(stamp, dt.datetime.combine(end, dt.time(17)))
            rows.append(
                {
                    "station_id": row["id"], "year": year, "month": month, "visits": count,
                    "remarks": None, "created_at": stamp, "updated_at": stamp,
                    "created_by": row["created_by"],
                }
            )  # fmt: skip
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return rows
