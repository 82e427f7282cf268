"""Writes the whole demo county into an empty database in one transaction with Core bulk inserts.

The per-record services are far too slow for 100 000 files (each insert flushes, audits and
checks uniqueness one by one), so the generators produce values already in the form the services
would store and this module inserts them in chunks with `executemany`. Rules the services enforce
hold by construction; tests feed samples back through the services' own checks.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, func, select
from sqlalchemy.orm import Session

from models import lifecycle, search_index
from models.demo import names
from models.demo.activities import ActivityGenerator
from models.demo.calendar import Window
from models.demo.calibration import DEFAULT_HOUSEHOLDS
from models.demo.households import Bundle, HouseholdGenerator
from models.demo.photos import draw_photo, photo_name
from models.demo.review_cases import plant_review_cases
from models.demo.stations import REST_STOP, StationGenerator
from models.demo.wording import TownshipWording
from models.errors import DatabaseProblem, InvalidValue
from models.schema import (
    Activity,
    Assistance,
    DibaoStandard,
    FollowUp,
    Household,
    HouseholdCause,
    HouseholdMember,
    HouseholdReview,
    ImportBatch,
    Photo,
    Setting,
    Station,
    StationFacility,
    StationFunction,
    StationUsage,
    StatusChange,
    Township,
)
from models.services.settings import ORG_NAME
from models.validation import clean_text

if TYPE_CHECKING:
    from models.services.ledger import Ledger

Progress = Callable[[str], None]

# Free-text columns go through the same folding the services apply on save, so that what the demo
# stores is byte for byte what a clerk typing the same words would get.
TEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    "households": ("name", "disease", "employer", "address", "bank_name", "remarks"),
    "household_members": ("name", "school", "grade"),
    "status_changes": ("reason",),
    "assistance": ("goods", "remarks"),
    "stations": ("name", "address", "host_unit", "manager", "opening_hours", "honors", "remarks"),
    "activities": ("name", "place", "organizer", "undertaker", "summary"),
    "photos": ("caption",),
}

# The desktop benchmark's largest case is 1,000,000 households (~10 min, ~2.8 GB); beyond that a
# typo (an extra zero) would fill the disk rather than test anything.
MAX_HOUSEHOLDS = 1_000_000
MAX_SPAN_YEARS = 10
CHUNK = 5_000  # rows per executemany: big enough to be fast, small enough to keep memory flat
HOUSEHOLD_BATCH = 2_000
ACTIVITY_PHOTOS = 30
STATION_PHOTOS = 6

# Tables whose rows mean the database already holds a clerk's work (deleted rows count too).
RECORD_TABLES: tuple[tuple[Any, str, str], ...] = (
    (Household, "困难职工档案", "户"),
    (HouseholdMember, "家庭成员", "人"),
    (Assistance, "帮扶记录", "条"),
    (Station, "服务阵地", "个"),
    (StationUsage, "服务人次记录", "条"),
    (Activity, "活动", "项"),
    (Photo, "照片", "张"),
    (Township, "乡镇(街道)", "个"),
    (DibaoStandard, "低保标准", "年"),
    (ImportBatch, "导入批次", "批"),
)


@dataclass(frozen=True)
class DemoOptions:
    """What to generate; `as_of` (default: today) is the last day any record may carry."""

    households: int = DEFAULT_HOUSEHOLDS
    first_year: int = 2023
    last_year: int = 2025
    seed: int = 2025
    as_of: dt.date | None = None


@dataclass
class DemoSummary:
    """What was written: rows per table and a few figures for the closing lines of the CLI."""

    window: Window
    seed: int
    counts: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    photos_dir: Path | None = None

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def parse_years(text: str) -> tuple[int, int]:
    """ "2023-2025" (also 2023—2025, 2023至2025, 2023~2025) or a single "2025"."""
    folded = text.strip().translate({0xFF10 + i: 0x30 + i for i in range(10)})
    match = re.fullmatch(r"(\d{4})\s*(?:[-—–~～至到]+\s*(\d{4}))?", folded)
    if not match:
        raise InvalidValue(
            "years",
            text,
            "请写成“起始年-结束年”，如 2023-2025，或只写一个年份，如 2025。",
            label="年份范围",
        )
    first = int(match.group(1))
    last = int(match.group(2) or first)
    return first, last


def window_for(options: DemoOptions, today: dt.date | None = None) -> Window:
    """Check the options and turn them into the demo's date window."""
    today = today or dt.date.today()
    first, last = options.first_year, options.last_year
    label = "年份范围"
    if first > last:
        raise InvalidValue("years", f"{first}-{last}", "起始年不能晚于结束年。", label=label)
    if first < 2000:
        raise InvalidValue("years", f"{first}-{last}", "起始年不能早于2000年。", label=label)
    if last > today.year:
        raise InvalidValue(
            "years",
            f"{first}-{last}",
            f"结束年不能晚于今年（{today.year}年）：台账里不能有未来的日期。",
            label=label,
        )
    if last - first + 1 > MAX_SPAN_YEARS:
        raise InvalidValue(
            "years", f"{first}-{last}", f"最多生成{MAX_SPAN_YEARS}年的数据。", label=label
        )
    if not 1 <= options.households <= MAX_HOUSEHOLDS:
        raise InvalidValue(
            "households", options.households, f"户数应在1到{MAX_HOUSEHOLDS}之间。", label="档案户数"
        )
    end = min(dt.date(last, 12, 31), options.as_of or today, today)
    if end < dt.date(first, 1, 1):
        raise InvalidValue("years", f"{first}-{last}", "所选年份还没有到来。", label=label)
    return Window(first, last, end)


def dibao_standards(window: Window) -> dict[int, Decimal]:
    """The county's monthly 低保标准 per year: 500 元 in 2018, up 25 元 a year (a typical climb)."""
    return {year: Decimal(max(500 + 25 * (year - 2018), 300)) for year in window.years}


def build_demo(
    ledger: Ledger, options: DemoOptions, progress: Progress | None = None
) -> DemoSummary:
    """Fill an empty database with the demo county; all or nothing, refusing any non-empty one."""
    say = progress or (lambda _line: None)
    window = window_for(options)
    ledger.settings.require("settings")
    ledger.households.require("edit")
    started = time.perf_counter()
    summary = DemoSummary(window=window, seed=options.seed)
    written: list[Path] = []
    try:
        with ledger.db.begin() as session:
            refuse_unless_empty(session, ledger.db.display_name)
            _Writer(ledger, session, options, window, summary, written, say).run()
            say("正在提交事务……")
    except BaseException:
        for path in written:  # no orphan photo files when the data did not go in
            path.unlink(missing_ok=True)
        raise
    summary.seconds = time.perf_counter() - started
    summary.photos_dir = ledger.db.files_dir
    return summary


def refuse_unless_empty(session: Session, where: str) -> None:
    found = []
    for model, label, unit in RECORD_TABLES:
        count = session.scalar(select(func.count()).select_from(model)) or 0
        if count:
            found.append(f"{label}{count}{unit}")
    org = session.get(Setting, ORG_NAME)
    if org is not None and org.value:
        found.append(f"填报单位“{org.value}”")
    if found:
        raise DatabaseProblem(
            f"数据库 {where} 里已经有数据（{'、'.join(found[:4])}），演示数据只能写入空的数据库，"
            "以免虚构的档案混进真实台账。没有改动任何数据。"
            "请用 --db 指定一个新的文件，例如：python main.py demo --db 演示数据.sqlite3"
        )


@cache
def stored_text(value: str) -> str:
    """Text as the services store it (full-width letters and punctuation folded, spaces collapsed)."""
    return clean_text(value, "text") or ""


CAPTIONS = (
    "{month}月{day}日，{place}，{name}现场",
    "{name}在{place}举行",
    "{place}，{name}活动现场",
    "{month}月{day}日，{name}",
)
SECOND_CAPTIONS = ("{name}：职工代表合影", "{name}结束后，参加活动的职工合影留念")


def photo_caption(rng: random.Random, activity: dict[str, Any], position: int) -> str:
    """A caption the way a clerk writes one under a photo, in a few shapes (not one form)."""
    day = activity["start_date"]
    shapes = SECOND_CAPTIONS if position else CAPTIONS
    return rng.choice(shapes).format(
        month=day.month, day=day.day, place=activity["place"], name=activity["name"]
    )


class _Writer:
    """One demo build inside the caller's transaction."""

    def __init__(
        self,
        ledger: Ledger,
        session: Session,
        options: DemoOptions,
        window: Window,
        summary: DemoSummary,
        written: list[Path],
        say: Progress,
    ) -> None:
        self.ledger = ledger
        self.session = session
        self.conn: Connection = session.connection()
        self.options = options
        self.window = window
        self.summary = summary
        self.written = written
        self.say = say
        self.note = f"种子{options.seed}，{window.first_year}—{window.last_year}年"
        self.wording = TownshipWording(random.Random(f"{options.seed}:wording"))

    def run(self) -> None:
        dibao = dibao_standards(self.window)
        self._settings(dibao)
        stations = self._stations()
        self._households(dibao)
        activities = self._activities(stations)
        self._photos(activities, stations)
        plant_review_cases(self.session, self.window, self.options.seed)
        self._recount()
        self._audit_summary()
        self._reset_sequences((Household, Station, Activity))

    # ---- settings ------------------------------------------------------------------------

    def _settings(self, dibao: dict[int, Decimal]) -> None:
        settings = self.ledger.settings
        settings.set_in(self.session, ORG_NAME, names.ORG_NAME)
        settings.set_townships_in(self.session, [t.name for t in names.TOWNSHIPS])
        for year, amount in dibao.items():
            settings.set_dibao_standard_in(self.session, year, amount)
        standards = "、".join(f"{y}年{a}元" for y, a in dibao.items())
        self.say(
            f"填报单位：{names.ORG_NAME}；乡镇(街道){len(names.TOWNSHIPS)}个；低保标准：{standards}"
        )

    # ---- stations ------------------------------------------------------------------------

    def _stations(self) -> list[dict[str, Any]]:
        self.say("正在生成服务阵地和服务人次……")
        rng = random.Random(f"{self.options.seed}:stations")
        result = StationGenerator(rng, self.window).generate()
        self.wording.apply("stations", result.stations)
        self._insert(Station, result.stations)
        self._insert(StationFacility, result.facilities)
        self._insert(StationFunction, result.functions)
        self._insert(StationUsage, result.usage)
        rest_stops = sum(1 for s in result.stations if s["station_type"] == REST_STOP)
        self.say(f"  服务阵地{len(result.stations)}个（其中户外劳动者服务站点{rest_stops}个）")
        return result.stations

    # ---- households ----------------------------------------------------------------------

    def _households(self, dibao: dict[int, Decimal]) -> None:
        total = self.options.households
        self.say(f"正在生成困难职工档案{total}户……")
        rng = random.Random(f"{self.options.seed}:households")
        generator = HouseholdGenerator(rng, self.window, dibao, total)
        batch: list[Bundle] = []
        done = 0
        step = max(total // 10, HOUSEHOLD_BATCH)
        next_report = step
        for bundle in generator.generate(generator.filing_dates()):
            batch.append(bundle)
            if len(batch) >= HOUSEHOLD_BATCH:
                done += self._write_households(batch)
                batch = []
                if done >= next_report and done < total:
                    self.say(f"  已写入{done}/{total}户")
                    next_report += step
        done += self._write_households(batch)

    def _write_households(self, batch: Sequence[Bundle]) -> int:
        if not batch:
            return 0
        households = [b.household for b in batch]
        aid = [a for b in batch for a in b.assistance]
        town = {h["id"]: h["township"] for h in households}
        self.wording.apply("households", households)
        self.wording.apply("assistance", aid, lambda a: town[a["household_id"]])
        self._insert(Household, households)
        self._insert(HouseholdCause, [c for b in batch for c in b.causes])
        self._insert(HouseholdMember, [m for b in batch for m in b.members])
        search_index.refresh(self.conn, [b.household["id"] for b in batch], new=True)
        self._insert(StatusChange, [c for b in batch for c in b.changes])
        self._insert(Assistance, aid)
        for status, count in Counter(b.household["status"] for b in batch).items():
            # Added up over the batches (dict.update kept only the last batch's counts).
            self.summary.statuses[status] = self.summary.statuses.get(status, 0) + count
        return len(batch)

    # ---- activities ----------------------------------------------------------------------

    def _activities(self, stations: list[dict[str, Any]]) -> list[dict[str, Any]]:
        self.say("正在生成活动台账……")
        rng = random.Random(f"{self.options.seed}:activities")
        rows = ActivityGenerator(rng, self.window, stations, self.options.households).generate()
        self.wording.apply("activities", rows)
        self._insert(Activity, rows)
        by_category = Counter(r["category"] for r in rows)
        flagged = sum(1 for r in rows if r["include_in_summary"])
        self.say(f"  活动{len(rows)}项，覆盖{len(by_category)}个类别，其中写入年度总结{flagged}项")
        return rows

    # ---- photos --------------------------------------------------------------------------

    def _photos(self, activities: list[dict[str, Any]], stations: list[dict[str, Any]]) -> None:
        rng = random.Random(f"{self.options.seed}:photos")
        flagged = [a for a in activities if a["include_in_summary"]]
        chosen = sorted(
            rng.sample(flagged, min(ACTIVITY_PHOTOS, len(flagged))), key=lambda a: a["id"]
        )
        stops = [s for s in stations if s["station_type"] == REST_STOP and s["status"] == "运行"]
        stop_choice = sorted(
            rng.sample(stops, min(STATION_PHOTOS, len(stops))), key=lambda s: s["id"]
        )
        doubles = len(chosen[::5])  # every fifth activity gets a second photo (a group picture)
        self.say(f"正在绘制照片{len(chosen) + doubles + len(stop_choice)}张……")
        folder = self.ledger.db.files_dir
        rows: list[dict[str, Any]] = []
        for number, activity in enumerate(chosen):
            for position in range(2 if number % 5 == 0 else 1):
                day = activity["start_date"]
                caption = photo_caption(rng, activity, position)
                data = draw_photo(
                    f"{self.options.seed}:photo:a{activity['id']}:{position}", activity["category"]
                )
                rows.append(
                    self._photo_row(
                        folder, data, caption[:200], day, position, activity_id=activity["id"]
                    )
                )
        for station in stop_choice:
            caption = f"{station['name']}外景"
            data = draw_photo(f"{self.options.seed}:photo:s{station['id']}", "station")
            day = max(station["built_date"], self.window.start)
            rows.append(
                self._photo_row(folder, data, caption[:200], day, 0, station_id=station["id"])
            )
        self._insert(Photo, rows)

    def _photo_row(
        self,
        folder: Path,
        data: bytes,
        caption: str,
        day: dt.date,
        position: int,
        *,
        activity_id: int | None = None,
        station_id: int | None = None,
    ) -> dict[str, Any]:
        relative = photo_name(data)
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.write_bytes(data)
            self.written.append(target)
        stamp = dt.datetime.combine(day, dt.time(18))
        return {
            "activity_id": activity_id, "station_id": station_id, "path": relative,
            "caption": caption, "taken_on": day, "position": position, "description": None,
            "created_at": stamp, "updated_at": stamp, "created_by": names.CLERKS[0],
        }  # fmt: skip

    # ---- audit ---------------------------------------------------------------------------

    def _recount(self) -> None:
        """The figures as the database holds them once everything is written: the planted review
        cases add members and aid, change statuses and take usage away, so counts kept while
        generating would state what the ledger does not hold."""
        s = self.session
        for model in (
            Household, HouseholdMember, Assistance, StatusChange, StationUsage,
            HouseholdReview, FollowUp,
        ):  # fmt: skip
            self.summary.counts[model.__tablename__] = (
                s.scalar(select(func.count()).select_from(model)) or 0
            )
        statuses = s.execute(select(Household.status, func.count()).group_by(Household.status))
        self.summary.statuses = {status: count for status, count in statuses.all()}
        visits = s.scalar(select(func.coalesce(func.sum(StationUsage.visits), 0)))
        c, st = self.summary.counts, self.summary.statuses
        self.say(
            f"  困难职工档案{c['households']}户（在档{st.get(lifecycle.ON_FILE, 0)}户、"
            f"已脱困{st.get(lifecycle.LIFTED, 0)}户、已销档{st.get(lifecycle.CLOSED, 0)}户），"
            f"家庭成员{c['household_members']}人，帮扶记录{c['assistance']}条；"
            f"服务人次记录{c['station_usage']}条，合计{visits}人次"
        )

    def _audit_summary(self) -> None:
        """One "演示数据" audit entry per kind with its count, not one per generated row."""
        counts = self.summary.counts
        statuses = self.summary.statuses
        entries = (
            ("households", f"困难职工档案{counts.get('households', 0)}户（在档{statuses.get(lifecycle.ON_FILE, 0)}、"
             f"已脱困{statuses.get(lifecycle.LIFTED, 0)}、已销档{statuses.get(lifecycle.CLOSED, 0)}），"
             f"状态变更{counts.get('status_changes', 0)}条"),
            ("household_members", f"家庭成员{counts.get('household_members', 0)}人"),
            ("assistance", f"帮扶记录{counts.get('assistance', 0)}条"),
            ("stations", f"服务阵地{counts.get('stations', 0)}个"),
            ("station_usage", f"服务人次记录{counts.get('station_usage', 0)}条"),
            ("activities", f"活动{counts.get('activities', 0)}项"),
            ("photos", f"照片{counts.get('photos', 0)}张"),
        )  # fmt: skip
        service = self.ledger.households
        for entity, text in entries:
            service.audit(
                self.session,
                "create",
                entity,
                None,
                "演示数据",
                {"count": [None, counts.get(entity, 0)]},
                note=f"生成演示数据：{text}（{self.note}）",
            )

    # ---- plumbing ------------------------------------------------------------------------

    def _insert(self, model: Any, rows: Iterable[dict[str, Any]]) -> None:
        table: Table = model.__table__
        rows = list(rows)
        if not rows:
            return
        for column in TEXT_COLUMNS.get(table.name, ()):
            for row in rows:
                if row[column]:
                    row[column] = stored_text(row[column])
        statement = table.insert()
        for start in range(0, len(rows), CHUNK):
            self.conn.execute(statement, rows[start : start + CHUNK])
        self.summary.counts[table.name] = self.summary.counts.get(table.name, 0) + len(rows)

    def _reset_sequences(self, models: Iterable[Any]) -> None:
        """Ids were given explicitly; PostgreSQL's sequences must be moved past them."""
        if self.conn.dialect.name != "postgresql":
            return
        for model in models:
            name = model.__table__.name
            self.conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
            )
