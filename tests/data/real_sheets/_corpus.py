"""What the corpus's files share: the people filed so far, the stations built, the county's name."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from tests.data.real_sheets._people import People, Person

COUNTY = "东岭县"  # fictional
UNION = f"{COUNTY}总工会"
FOOTER = ("单位负责人：", "审核人：", "填表人：", "联系电话：")


@dataclass
class Filed:
    """A household a correct import has filed, with the file that filed it."""

    head: Person
    file: str
    township: str
    file_no: str | None = None
    members: list[Person] = field(default_factory=list)


@dataclass
class Built:
    """A station or rest stop a correct import has stored."""

    name: str
    township: str
    file: str
    code: str | None = None
    built: dt.date | None = None  # no 服务人次 is reported for a month before it


@dataclass
class Corpus:
    people: People
    households: list[Filed] = field(default_factory=list)
    stations: list[Built] = field(default_factory=list)

    def filed(self, file: str) -> list[Filed]:
        return [h for h in self.households if h.file == file]

    def built(self, file: str) -> list[Built]:
        return [s for s in self.stations if s.file == file]


def footer_row(width: int) -> list[Any]:
    """单位负责人 / 审核人 / 填表人 / 联系电话 spread over a footer row, as sheets sent upward end."""
    row: list[Any] = [None] * max(width, 8)
    step = max(width // 4, 2)
    for i, label in enumerate(FOOTER):
        row[i * step] = label
    return row[:width] if width >= 8 else row


def unit_line(width: int, unit: str, date: dt.date) -> list[Any]:
    row: list[Any] = [None] * width
    row[0] = f"填报单位（盖章）：{unit}"
    row[max(width - 3, 1)] = f"填报日期：{date.year}年{date.month}月{date.day}日"
    return row
