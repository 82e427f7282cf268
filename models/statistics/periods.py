"""The reporting period of the statistics: one calendar year or the years Y0–YEAR, and its predecessor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.errors import InvalidValue


@dataclass(frozen=True)
class Period:
    """Whole calendar years `first_year`..`last_year` (inclusive)."""

    first_year: int
    last_year: int

    def __post_init__(self) -> None:
        if self.first_year > self.last_year:
            raise InvalidValue(
                "since_year",
                self.first_year,
                f"不能晚于统计年份{self.last_year}年，请改为{self.last_year}年或更早。",
                label="起始年",
            )

    @classmethod
    def of(cls, year: int, since_year: int | None = None) -> Period:
        return cls(since_year if since_year is not None else year, year)

    @property
    def start(self) -> dt.date:
        return dt.date(self.first_year, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.last_year, 12, 31)

    @property
    def years(self) -> int:
        return self.last_year - self.first_year + 1

    @property
    def is_single_year(self) -> bool:
        return self.first_year == self.last_year

    @property
    def label(self) -> str:
        """How tables name the period: "2025年" or "2021—2025年"."""
        if self.is_single_year:
            return f"{self.last_year}年"
        return f"{self.first_year}—{self.last_year}年"

    def previous(self) -> Period:
        """The period of equal length just before this one (the comparison base)."""
        return Period(self.first_year - self.years, self.first_year - 1)

    def months(self) -> tuple[str, ...]:
        """Every month of the period as "YYYY-MM", in order (tables list empty months too)."""
        return tuple(
            f"{year}-{month:02d}"
            for year in range(self.first_year, self.last_year + 1)
            for month in range(1, 13)
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "first_year": self.first_year,
            "last_year": self.last_year,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "label": self.label,
        }
