"""Honours and named channels of the service positions: 最美驿站, 示范点 titles, the 12351 hotline."""

# The station record keeps its honours as text ("全总最美工会户外劳动者服务站点（2024年）",
# "省级职工书屋示范点"), one or more per station. A title with a year is an award of that year,
# counted in the period it falls in; a title without one is a standing title, counted for the
# stations that hold it at the period end. Activities carry no honours field, so none come from
# the activity log. Stations count under the same rule as everywhere else: built by the period
# end (or no date) and not 撤销.

from __future__ import annotations

import re

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models.schema import Station, StationFunction
from models.statistics.figures import HonourFigures, HonourLine
from models.statistics.periods import Period

HOTLINE = "12351热线"
RETIRED = "撤销"
_SPLIT = re.compile(r"[；;、，,\n]+")
_DATED = re.compile(r"^(?P<title>.+?)\s*[（(]\s*(?P<year>\d{4})\s*年?\s*[)）]$")


def _titles(text: str) -> list[tuple[str, int | None]]:
    out = []
    for part in _SPLIT.split(text):
        part = part.strip()
        if not part:
            continue
        match = _DATED.match(part)
        out.append((match["title"], int(match["year"])) if match else (part, None))
    return out


def honour_figures(s: Session, period: Period) -> HonourFigures:
    existing = (
        Station.deleted_at.is_(None),
        Station.status != RETIRED,
        or_(Station.built_date.is_(None), Station.built_date <= period.end),
    )
    counts: dict[tuple[str, bool], int] = {}
    for (text,) in s.execute(select(Station.honors).where(Station.honors.is_not(None), *existing)):
        seen: set[tuple[str, bool]] = set()
        for title, year in _titles(text):
            if year is not None and not period.first_year <= year <= period.last_year:
                continue
            key = (title, year is not None)
            if key not in seen:  # a station counts once per title
                seen.add(key)
                counts[key] = counts.get(key, 0) + 1
    hotline = s.execute(
        select(StationFunction.station_id)
        .join(Station, Station.id == StationFunction.station_id)
        .where(StationFunction.function == HOTLINE, *existing)
        .distinct()
    ).all()
    lines = sorted(
        (HonourLine(title, n, dated) for (title, dated), n in counts.items()),
        key=lambda line: (-line.stations, line.title),
    )
    return HonourFigures(honours=tuple(lines), hotline=len(hotline))
