"""Generates the demo 活动台账: every programme in its season and years, with figures drawn, not made.

Why the figures look the way they do:
* 人次 is counted, not multiplied: it is the people of each day or session added up (a trainee who
  misses a day is not counted that day), or the people present plus those reached around them.
* Each programme draws its own number of events each year, and no two programmes of a year hold
  the same number (a summary that says 123场 twice reads as made up).
* County-wide events are bigger because they draw from a bigger crowd, not because a township
  figure is multiplied by three.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal
from typing import Any

from models.demo import calibration, names
from models.demo.calendar import Window, between, days_after, spring_festival
from models.demo.entries import EntryWriter
from models.demo.households import pick, yuan
from models.demo.programmes import (
    EDITIONS,
    GROUPS,
    PLACES,
    PROGRAMMES,
    TIED_WORDS,
    TRADES,
    Programme,
    fits,
)

Row = dict[str, Any]
GROWTH = 0.05  # a little more work each year
SPACING = 1.12  # each programme's yearly 人次 at least this much above the next smaller one
COUNTY_SHARE = 0.12  # events the county union itself runs
COUNTY_CROWD = 2.6  # a county-wide event draws this many times a township's crowd (median)
UNDERTAKERS = (
    "县职工服务中心",
    "县总工会女职工委员会",
    "县总工会法律工作部",
    "县总工会组织宣传部",
    "县总工会经费审查委员会",
)
FUNDING = (("本级工会经费", 55), ("上级工会拨款", 25), ("社会捐助", 12), ("市县财政", 8))
# 人次 reached per person present, for the categories whose 覆盖人次 counts more than the room:
# online viewers of a lecture, passers-by at an exhibition (median, spread).
REACH = {
    "思想引领": (1.9, 0.5),
    "职工文化": (2.6, 0.6),
    "劳模工匠": (1.5, 0.4),
    "劳动保护(安康杯)": (2.2, 0.6),
    "疫情防控": (1.8, 0.5),
    "其他": (1.4, 0.3),
}


def lognormal(rng: random.Random, median: float, sigma: float, low: int = 1) -> int:
    return max(round(median * math.exp(rng.gauss(0, sigma))), low)


def attendance(rng: random.Random, people: int, days: int, rate: float = 0.93) -> int:
    """人次 over `days` days of `people` enrolled, each day's absentees drawn."""
    total = 0
    for _ in range(days):
        spread = math.sqrt(people * rate * (1 - rate))
        total += min(max(round(people * rate + rng.gauss(0, spread)), 0), people)
    return total


def _key(name: str, start: dt.date, county_wide: bool) -> tuple[str, int, int]:
    """What may not repeat: a county event's title within its year, a township's within a month
    (the year written before a title does not make it another event)."""
    base = name.removeprefix(f"{start.year}年")
    return base, start.year, 0 if county_wide else start.month


class ActivityGenerator:
    def __init__(
        self,
        rng: random.Random,
        window: Window,
        stations: list[Row],
        households: int = calibration.DEFAULT_HOUSEHOLDS,
    ) -> None:
        self.rng = rng
        self.window = window
        self.writer = EntryWriter(rng)
        warmth = next(p for p in PROGRAMMES if p.category == "送温暖")
        study = next(p for p in PROGRAMMES if p.category == "金秋助学")
        # 送温暖 and 金秋助学 events hand out what the household files record, so their beneficiary
        # figures follow the number of files (sources in calibration).
        self.warmth_per_event = max(households * calibration.WARMTH_PER_FILE / warmth.per_year, 2)
        self.students_per_event = max(
            households * calibration.STUDENTS_PER_FILE / study.per_year, 1
        )
        self.stations_by_type: dict[str, list[Row]] = {}
        for s in stations:
            self.stations_by_type.setdefault(s["station_type"], []).append(s)

    def generate(self) -> list[Row]:
        rows: list[Row] = []
        taken: set[tuple[str, int, int]] = set()
        for year in self.window.years:
            made_this_year: list[Row] = []
            for programme, count in self._counts(year).items():
                made = attempts = 0
                while made < count and attempts < count * 5:
                    attempts += 1
                    row = self._activity(programme, year, taken)
                    if row is not None:
                        made_this_year.append(row)
                        made += 1
            self._apart(made_this_year)
            rows += made_this_year
        rows.sort(key=lambda r: (r["start_date"], r["name"]))
        for i, row in enumerate(rows, start=1):
            row["id"] = i
        return rows

    def _apart(self, rows: list[Row]) -> None:
        """No two programmes of a year reach nearly the same 人次 (printed, 1.1万 and 1.1万 read as
        one figure copied): each total stays at least SPACING above the one below it, the biggest
        event of the programme taking the difference (and its 内容摘要 rewritten to match)."""
        by: dict[str, list[Row]] = {}
        for row in rows:
            if row["person_times"]:
                by.setdefault(row["category"], []).append(row)
        totals = {c: sum(r["person_times"] for r in rs) for c, rs in by.items()}
        below = 0
        for category in sorted(totals, key=lambda c: totals[c]):
            total = totals[category]
            if below and total < below * SPACING:
                biggest = max(by[category], key=lambda r: r["person_times"])
                extra = math.ceil(below * SPACING) - total + self.rng.randint(0, total // 40 + 1)
                biggest["person_times"] += extra
                total += extra
                if biggest["summary"]:
                    biggest["summary"] = self.writer.write(biggest)
            below = total

    def _counts(self, year: int) -> dict[Programme, int]:
        """Events of each programme this year: drawn, in its years only, no two the same."""
        rng, w = self.rng, self.window
        # A year the window cuts short (the current one) has the share of its days.
        share = ((w.year_end(year) - w.year_start(year)).days + 1) / 365
        counts: dict[Programme, int] = {}
        for programme in PROGRAMMES:
            first, last = programme.years
            if not first <= year <= last:
                continue
            mean = programme.per_year * (1 + GROWTH * (year - w.first_year)) * share
            count = max(round(rng.gauss(mean, mean * 0.12)), 1 if mean >= 1 else 0)
            while count and count in counts.values():
                count += rng.choice((-1, 1)) if count > 1 else 1
            if count:
                counts[programme] = count
        return counts

    def _activity(self, p: Programme, year: int, taken: set[tuple[str, int, int]]) -> Row | None:
        rng, w = self.rng, self.window
        start = self._start(p, year)
        if start is None:
            return None
        town = rng.choices(names.TOWNSHIPS, [3 if t.urban else 1 for t in names.TOWNSHIPS])[0]
        county_wide = rng.random() < COUNTY_SHARE
        name = self._name(p, names.COUNTY if county_wide else town.name, start)
        if county_wide and _key(name, start, county_wide) in taken:
            county_wide = False  # the county holds its 职工气排球比赛 once a year; a township may
            name = self._name(p, town.name, start)
        key = _key(name, start, county_wide)
        if key in taken:
            return None
        taken.add(key)
        end = min(days_after(start, rng.randint(*p.days)), w.end)
        # A county-wide event is held at a county venue, not at one township's station.
        station = None if county_wide else self._station(p, town.name, start)
        row: Row = {
            "name": name, "category": p.category, "start_date": start,
            "end_date": end if end > start else (start if rng.random() < 0.7 else None),
            "place": station["name"] if station else self._place(p, town, county_wide),
            "township": None if county_wide else town.name,
            "organizer": names.ORG_NAME if county_wide else f"{town.name}总工会",
            "undertaker": rng.choice(UNDERTAKERS) if county_wide else None,
            "station_id": station["id"] if station else None,
            "participants": None, "person_times": None, "households_benefited": None,
            "cash": Decimal(0), "goods_value": Decimal(0), "funding_source": None,
            "cases": None, "money_recovered": None, "new_unions": None, "new_members": None,
            "new_migrant_members": None, "contest_trades": None, "contestants": None,
            "training_sessions": None, "trainees": None, "students": None,
            "include_in_summary": False, "summary": None, "original_wording": None,
            "created_by": rng.choice(names.CLERKS),
        }  # fmt: skip
        self._figures(row, p, county_wide)
        row["include_in_summary"] = rng.random() < (0.18 if county_wide else 0.03)
        if row["include_in_summary"] or rng.random() < 0.6:
            row["summary"] = self.writer.write(row)
        stamp = dt.datetime.combine(row["end_date"] or start, dt.time(17, 30))
        row["created_at"] = row["updated_at"] = stamp
        return row

    def _name(self, p: Programme, where: str, start: dt.date) -> str:
        rng, year = self.rng, start.year
        titles = [t for t in p.titles if fits(t, start.month)] or [
            t for t in p.titles if not any(word in t for word, _m in TIED_WORDS)
        ]
        name = rng.choice(titles).format(
            town=where, year=year, trade=rng.choice(TRADES), group=rng.choice(GROUPS),
            nth=f"第{EDITIONS[rng.randrange(len(EDITIONS))]}届",
        )  # fmt: skip
        if not name.startswith(str(year)) and rng.random() < 0.2:
            name = f"{year}年{name}"
        if p.category == "职工技能培训" and rng.random() < 0.3:
            name = f"{name}（第{EDITIONS[rng.randrange(len(EDITIONS))]}期）"
        return name

    def _start(self, p: Programme, year: int) -> dt.date | None:
        rng, w = self.rng, self.window
        if p.category == "送温暖":
            # The “两节” visits: the weeks before 春节, and some in late December.
            festival = spring_festival(year)
            day = (
                days_after(festival, -int(rng.triangular(1, 35, 8)))
                if rng.random() < 0.8
                else between(rng, dt.date(year, 12, 10), dt.date(year, 12, 31))
            )
        else:
            month = rng.choices(range(1, 13), p.months)[0]
            last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
            day = between(rng, dt.date(year, month, 1), dt.date(year, month, last))
        if day < w.year_start(year) or day > w.year_end(year):
            return None
        return day

    def _station(self, p: Programme, town: str, start: dt.date) -> Row | None:
        rng = self.rng
        if not p.station_types or rng.random() > 0.35:
            return None
        candidates = [
            s for t in p.station_types for s in self.stations_by_type.get(t, ())
            if s["township"] == town and s["built_date"] <= start and s["status"] in ("运行", "整改")
        ]  # fmt: skip
        return rng.choice(candidates) if candidates else None

    def _place(self, p: Programme, town: names.Town, county_wide: bool) -> str:
        township, county = PLACES[p.category]
        if county_wide:
            return self.rng.choice(county)
        return self.rng.choice(township).format(town=town.name)

    def _figures(self, row: Row, p: Programme, county_wide: bool) -> None:
        rng = self.rng
        category = p.category
        median, sigma = p.people
        crowd = median * (COUNTY_CROWD if county_wide else 1)
        people = lognormal(rng, crowd, sigma, 5)
        days = ((row["end_date"] or row["start_date"]) - row["start_date"]).days + 1
        row["participants"] = people
        if category in REACH:
            reach_median, reach_sigma = REACH[category]
            around = lognormal(rng, people * (reach_median - 1), reach_sigma, 0)
            row["person_times"] = attendance(rng, people, days, 0.97) + around
        if category == "劳动和技能竞赛":
            row["contest_trades"] = lognormal(rng, 3 if county_wide else 1.2, 0.4)
            row["contestants"] = people
            row["participants"] = people + lognormal(rng, people * 0.4, 0.5, 3)  # judges, crowd
            row["cash"] = yuan(people * rng.uniform(40, 120), 100)
        elif category == "职工技能培训":
            sessions = 1 if rng.random() < 0.85 else rng.randint(2, 3)
            classes = [lognormal(rng, median, sigma, 12) for _ in range(sessions)]
            row["training_sessions"] = sessions
            row["trainees"] = row["participants"] = sum(classes)
            row["person_times"] = sum(attendance(rng, c, max(days, 2)) for c in classes)
            row["cash"] = yuan(row["trainees"] * rng.uniform(100, 300), 100)
        elif category == "送温暖":
            homes = lognormal(rng, self.warmth_per_event * (2.2 if county_wide else 0.85), 0.45)
            row["households_benefited"] = homes
            row["participants"] = lognormal(rng, 12 if county_wide else 6, 0.4, 2)  # visitors
            standard = rng.choice((300, 500, 500, 600, 800, 1000))
            row["cash"] = yuan(homes * standard * rng.uniform(0.9, 1.1), 100)
            row["goods_value"] = yuan(homes * rng.uniform(150, 300), 100)
        elif category == "夏送清凉":
            workers = people
            rounds = max(days, 1) + (rng.random() < 0.4)  # a second round the next week
            row["participants"] = workers
            row["person_times"] = attendance(rng, workers, rounds, 0.8) + lognormal(
                rng, workers * 0.3, 0.6, 0
            )
            row["goods_value"] = yuan(row["person_times"] * rng.uniform(8, 25), 100)
        elif category == "金秋助学":
            students = lognormal(rng, self.students_per_event * (2.5 if county_wide else 0.8), 0.4)
            row["students"] = students
            siblings = sum(1 for _ in range(students) if rng.random() < 0.08)
            row["households_benefited"] = max(students - siblings, 1)
            row["participants"] = students + lognormal(rng, students * 0.6, 0.4, 2)  # parents
            row["cash"] = yuan(sum(rng.choice((2000, 3000, 3000, 5000)) for _ in range(students)))
        elif category == "春送岗位/就业服务":
            row["person_times"] = people + lognormal(rng, people * 0.7, 0.5, 0)
        elif category == "法律援助与维权":
            row["cases"] = lognormal(rng, 5 if county_wide else 1.6, 0.6)
            row["money_recovered"] = yuan(
                sum(rng.lognormvariate(math.log(12_000), 0.7) for _ in range(row["cases"])), 100
            )
        elif category == "建会入会":
            unions = lognormal(rng, 4 if county_wide else 1.5, 0.5)
            members = [lognormal(rng, 24, 0.7, 3) for _ in range(unions)]
            row["new_unions"] = unions
            row["new_members"] = sum(members)
            row["new_migrant_members"] = sum(round(m * rng.uniform(0.2, 0.9)) for m in members)
            row["participants"] = row["new_members"] + lognormal(rng, 8, 0.4, 2)
        elif category in ("职工文化", "劳模工匠", "劳动保护(安康杯)") and rng.random() < 0.5:
            row["cash"] = yuan(people * rng.uniform(20, 80), 100)
        if row["cash"] or row["goods_value"]:
            row["funding_source"] = pick(rng, FUNDING)
