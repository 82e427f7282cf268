"""Dates the demo builder needs: the demo window, random days in it, and 春节 of each year."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

# 春节 (正月初一) by year; 送温暖 visits cluster in the weeks before it.
SPRING_FESTIVAL: dict[int, dt.date] = {
    2015: dt.date(2015, 2, 19), 2016: dt.date(2016, 2, 8), 2017: dt.date(2017, 1, 28),
    2018: dt.date(2018, 2, 16), 2019: dt.date(2019, 2, 5), 2020: dt.date(2020, 1, 25),
    2021: dt.date(2021, 2, 12), 2022: dt.date(2022, 2, 1), 2023: dt.date(2023, 1, 22),
    2024: dt.date(2024, 2, 10), 2025: dt.date(2025, 1, 29), 2026: dt.date(2026, 2, 17),
    2027: dt.date(2027, 2, 6), 2028: dt.date(2028, 1, 26), 2029: dt.date(2029, 2, 13),
    2030: dt.date(2030, 2, 3),
}  # fmt: skip


def spring_festival(year: int) -> dt.date:
    """正月初一 of the year; outside the table, early February is close enough for demo data."""
    return SPRING_FESTIVAL.get(year, dt.date(year, 2, 5))


@dataclass(frozen=True)
class Window:
    """The demo's span: from 1 January of the first year to `end` (31 December, or today)."""

    first_year: int
    last_year: int
    end: dt.date

    @property
    def start(self) -> dt.date:
        return dt.date(self.first_year, 1, 1)

    @property
    def years(self) -> range:
        return range(self.first_year, self.end.year + 1)

    def clamp(self, day: dt.date) -> dt.date:
        return min(max(day, self.start), self.end)

    def year_start(self, year: int) -> dt.date:
        return max(dt.date(year, 1, 1), self.start)

    def year_end(self, year: int) -> dt.date:
        return min(dt.date(year, 12, 31), self.end)


def between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    """A uniformly drawn day from first to last inclusive (first when the span is empty)."""
    span = (last - first).days
    return first if span <= 0 else first + dt.timedelta(days=rng.randint(0, span))


def days_after(day: dt.date, days: int) -> dt.date:
    return day + dt.timedelta(days=days)


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def birth_for_age(rng: random.Random, age: int, on: dt.date) -> dt.date:
    """A birth date that makes someone exactly `age` years old on `on`."""
    latest = _years_before(on, age)
    earliest = _years_before(on, age + 1) + dt.timedelta(days=1)
    return between(rng, earliest, latest)


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)
