"""The demo county: deterministic, as big as asked, and every value obeys the services' rules."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import create_engine, inspect, text

import main
from models import lifecycle, vocab
from models.demo import DemoOptions, build_demo, dibao_standards, parse_years, window_for
from models.demo.calendar import Window
from models.demo.households import HouseholdGenerator
from models.demo.review_cases import AID_AFTER_CLOSING_NOTE
from models.errors import DatabaseProblem, DuplicatePerson, InvalidValue
from models.income import per_capita_monthly, suggest_class
from models.normalize import normalize_record
from models.services import Ledger
from models.services.households import (
    ASSISTANCE_COLUMNS,
    HOUSEHOLD_COLUMNS,
    MEMBER_COLUMNS,
)
from models.services.stations import STATION_COLUMNS
from models.validation import check_id_consistency, normalize_id_number

HOUSEHOLDS = 60
SEED = 7
# Columns that record when the demo ran (the audit trail and settings rows), not what it made.
RUN_TIME_COLUMNS = {
    ("audit_log", "at"),
    *((table, column) for table in ("settings", "townships", "dibao_standards")
      for column in ("created_at", "updated_at")),
}  # fmt: skip


def _url(folder: Path) -> str:
    return "sqlite:///" + str(folder / "demo.sqlite3")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    ledger = Ledger.open(_url(tmp_path_factory.mktemp("demo")), create=True)
    build_demo(ledger, DemoOptions(households=HOUSEHOLDS, seed=SEED))
    yield ledger
    ledger.close()


def rows(ledger: Ledger, sql: str) -> list[dict[str, Any]]:
    with ledger.db.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql))]


def table_dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = create_engine(url)
    try:
        dump = {}
        with engine.connect() as conn:
            for table in sorted(inspect(conn).get_table_names()):
                columns = [
                    c["name"]
                    for c in inspect(conn).get_columns(table)
                    if (table, c["name"]) not in RUN_TIME_COLUMNS
                ]
                quoted = ", ".join(f'"{c}"' for c in columns)
                dump[table] = list(conn.execute(text(f'SELECT {quoted} FROM "{table}" ORDER BY 1')))
        return dump
    finally:
        engine.dispose()


# ---- options ---------------------------------------------------------------------------------


def test_years_are_read_in_the_ways_clerks_write_them() -> None:
    assert parse_years("2023-2025") == (2023, 2025)
    assert parse_years("2023—2025") == (2023, 2025)
    assert parse_years("２０２３至２０２５") == (2023, 2025)
    assert parse_years("2024") == (2024, 2024)
    with pytest.raises(InvalidValue, match="起始年-结束年"):
        parse_years("去年")


def test_window_refuses_backwards_future_and_too_long_ranges() -> None:
    today = dt.date(2026, 5, 10)
    with pytest.raises(InvalidValue, match="起始年不能晚于结束年"):
        window_for(DemoOptions(first_year=2025, last_year=2023), today)
    with pytest.raises(InvalidValue, match="不能晚于今年"):
        window_for(DemoOptions(first_year=2025, last_year=2027), today)
    with pytest.raises(InvalidValue, match="最多生成10年"):
        window_for(DemoOptions(first_year=2010, last_year=2025), today)
    with pytest.raises(InvalidValue, match="户数"):
        window_for(DemoOptions(households=0), today)
    # The current year stops at today: no record may carry a future date.
    assert window_for(DemoOptions(first_year=2025, last_year=2026), today).end == today
    assert window_for(DemoOptions(), today).end == dt.date(2025, 12, 31)


# ---- what is written -------------------------------------------------------------------------


def test_counts_are_as_requested_and_every_kind_is_present(demo: Ledger) -> None:
    assert demo.households.count() == HOUSEHOLDS
    assert demo.settings.org_name == "桐川县总工会"
    assert len(demo.settings.townships()) >= 18
    assert set(demo.settings.dibao_standards()) == {2023, 2024, 2025}
    stations = rows(demo, "SELECT station_type FROM stations")
    types = Counter(s["station_type"] for s in stations)
    assert set(types) == set(vocab.STATION_TYPES)
    # A county of 21 townships: a station per township, some 40 rest stops (sources: test_demo_
    # figures.py), and the village, enterprise and reading-room network around them.
    assert 120 <= len(stations) <= 250
    assert 30 <= types["户外劳动者服务站点"] <= 60
    categories = Counter(a["category"] for a in rows(demo, "SELECT category FROM activities"))
    # 疫情防控 belongs to 2020–2022 only: the default 2023–2025 county has every other category.
    assert set(categories) == set(vocab.ACTIVITY_CATEGORIES) - {"疫情防控"}
    assert 900 <= sum(categories.values()) <= 2000
    assert rows(demo, "SELECT COUNT(*) AS n FROM station_usage")[0]["n"] > 1000
    statuses = Counter(h["status"] for h in rows(demo, "SELECT status FROM households"))
    assert set(statuses) <= set(lifecycle.STATUSES) and statuses[lifecycle.ON_FILE] > HOUSEHOLDS / 2


def test_one_summary_audit_entry_per_kind(demo: Ledger) -> None:
    entries = rows(
        demo, "SELECT entity, changes, note FROM audit_log WHERE entity_label = '演示数据'"
    )
    by_entity = {e["entity"]: e for e in entries}
    assert set(by_entity) == {
        "households", "household_members", "assistance", "stations", "station_usage",
        "activities", "photos",
    }  # fmt: skip
    assert f"困难职工档案{HOUSEHOLDS}户" in by_entity["households"]["note"]
    assert len(rows(demo, "SELECT id FROM audit_log")) < 20


def test_photos_exist_on_disk_as_small_jpegs(demo: Ledger) -> None:
    photos = rows(demo, "SELECT path, caption, activity_id, station_id FROM photos")
    assert 20 <= len(photos) <= 60
    assert any(p["station_id"] for p in photos) and any(p["activity_id"] for p in photos)
    for photo in photos:
        file = demo.db.files_dir / photo["path"]
        assert file.is_file() and file.stat().st_size < 80_000
        assert photo["caption"]
        with Image.open(file) as image:
            assert image.format == "JPEG"
    flagged = rows(
        demo,
        "SELECT a.include_in_summary, a.summary FROM photos p JOIN activities a"
        " ON a.id = p.activity_id",
    )
    assert all(a["include_in_summary"] and a["summary"] for a in flagged)


# ---- rules -----------------------------------------------------------------------------------


def test_id_numbers_are_valid_and_no_person_is_in_two_active_files(demo: Ledger) -> None:
    people = rows(
        demo,
        "SELECT h.id AS household, h.status, h.id_number, h.gender, h.birth_date FROM households h"
        " UNION ALL SELECT h.id, h.status, m.id_number, m.gender, m.birth_date"
        " FROM household_members m JOIN households h ON h.id = m.household_id"
        " WHERE m.id_number IS NOT NULL",
    )
    assert len(people) > HOUSEHOLDS * 2
    for person in people:
        assert normalize_id_number(person["id_number"]) == person["id_number"]
        check_id_consistency(person["id_number"], person["gender"], person["birth_date"])
    active = [p["id_number"] for p in people if p["status"] in lifecycle.ACTIVE_STATUSES]
    assert len(active) == len(set(active))


def test_every_value_passes_the_services_cleaning_unchanged(demo: Ledger) -> None:
    service = demo.households
    for household in service.rows(service.search_ids(_all_households())):
        values = {
            f: getattr(household, f) for f in HOUSEHOLD_COLUMNS if f != "hardship_class_original"
        }
        values["secondary_causes"] = household.secondary_causes
        clean = service.clean_household(values, partial=False)
        for field in values:
            assert clean[field] == values[field] or (
                values[field] is None and clean[field] in ("", None)
            ), field
        detail = service.detail(household.id)
        assert household.family_size == 1 + len(detail.members)
        for member in detail.members:
            values = {f: getattr(member, f) for f in MEMBER_COLUMNS}
            assert service.clean_member(values, partial=False) == values
        for aid in detail.assistance:
            values = {f: getattr(aid, f) for f in ASSISTANCE_COLUMNS}
            clean = service.clean_assistance(values, partial=False)
            assert clean["cash"] == aid.cash and clean["category"] == aid.category
    for station in demo.stations.rows(list(range(1, 400))):
        values = {f: getattr(station, f) for f in STATION_COLUMNS}
        values |= {"facilities": station.facilities, "functions": station.functions}
        clean = demo.stations.clean(values, partial=False)
        for field in ("code", "station_type", "longitude", "latitude", "area", "investment"):
            assert clean[field] == values[field], field
    for usage in rows(demo, "SELECT year, month, visits FROM station_usage LIMIT 500"):
        _clean, errors = normalize_record(
            "usage", {"month": f"{usage['year']}-{usage['month']:02d}", "visits": usage["visits"]}
        )
        assert not errors
    for activity in demo.activities.rows(list(range(1, 4000, 7))):
        values = {f: getattr(activity, f) for f in demo.activities.columns}
        clean = demo.activities.clean(values, partial=False)
        assert clean["category"] == activity.category and clean["cash"] == activity.cash


def _all_households() -> Any:
    from models.services.households import HouseholdQuery

    return HouseholdQuery()


def test_status_histories_follow_the_lifecycle(demo: Ledger) -> None:
    changes: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for change in rows(demo, "SELECT * FROM status_changes ORDER BY household_id, date, id"):
        changes[change["household_id"]].append(change)
    households = rows(demo, "SELECT id, status, filed_date FROM households")
    end = dt.date(2025, 12, 31)
    for h in households:
        history = changes[h["id"]]
        first = history[0]
        assert (first["action"], first["from_status"], first["to_status"]) == ("建档", None, "在档")
        assert _day(first["date"]) == _day(h["filed_date"])
        for before, after in zip(history, history[1:], strict=False):
            assert after["from_status"] == before["to_status"]
            allowed = {t.action: t for t in lifecycle.allowed_from(before["to_status"])}
            assert (
                after["action"] in allowed and allowed[after["action"]].target == after["to_status"]
            )
            assert _day(before["date"]) <= _day(after["date"]) <= end
            assert after["reviewer"] and after["reason"]
            if after["action"] == lifecycle.LIFT:
                assert after["route"] in vocab.LIFT_ROUTES
            if after["action"] == lifecycle.CLOSE:
                assert after["reason"] in vocab.CLOSE_REASONS
        assert history[-1]["to_status"] == h["status"]


def test_dates_are_in_order_everywhere(demo: Ledger) -> None:
    files = {h["id"]: h for h in rows(demo, "SELECT id, filed_date, reviewed_date FROM households")}
    for h in files.values():
        assert h["reviewed_date"] is None or _day(h["filed_date"]) <= _day(h["reviewed_date"])
    for aid in rows(demo, "SELECT household_id, date FROM assistance"):
        assert (
            _day(files[aid["household_id"]]["filed_date"])
            <= _day(aid["date"])
            <= dt.date(2025, 12, 31)
        )
    built = {
        s["id"]: _day(s["built_date"]) for s in rows(demo, "SELECT id, built_date FROM stations")
    }
    for usage in rows(demo, "SELECT station_id, year, month FROM station_usage"):
        day = built[usage["station_id"]]
        assert (usage["year"], usage["month"]) >= (day.year, day.month)
    for a in rows(demo, "SELECT a.start_date, a.end_date, s.built_date FROM activities a"
                        " LEFT JOIN stations s ON s.id = a.station_id"):  # fmt: skip
        assert a["end_date"] is None or _day(a["start_date"]) <= _day(a["end_date"])
        assert a["built_date"] is None or _day(a["built_date"]) <= _day(a["start_date"])


def test_assistance_is_given_while_on_file_and_in_its_season(demo: Ledger) -> None:
    steps: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    for c in rows(
        demo, "SELECT household_id, date, to_status FROM status_changes ORDER BY date, id"
    ):
        steps[c["household_id"]].append((_day(c["date"]), c["to_status"]))
    aid = rows(
        demo,
        "SELECT household_id, date, category, cash, goods_value, funding_source, remarks"
        " FROM assistance",
    )
    assert {a["category"] for a in aid} >= {"送温暖慰问", "生活救助", "子女助学/金秋助学"}
    planted = [a for a in aid if a["remarks"] == AID_AFTER_CLOSING_NOTE]
    assert len(planted) == 1  # the cross-check's case (models.demo.review_cases)
    for a in aid:
        day = _day(a["date"])
        status = [s for d, s in steps[a["household_id"]] if d <= day][-1]
        assert status == (lifecycle.CLOSED if a in planted else lifecycle.ON_FILE)
        assert a["cash"] or a["goods_value"]
        assert a["funding_source"] in vocab.FUNDING_SOURCES
        if a["category"] == "送温暖慰问":
            assert day.month in (1, 2, 12)
        if a["category"] == "子女助学/金秋助学":
            assert day.month in (8, 9)


def test_hardship_class_mostly_agrees_with_income(demo: Ledger) -> None:
    dibao = demo.settings.dibao_standards()
    agree = total = 0
    for h in demo.households.rows(demo.households.search_ids(_all_households())):
        if h.hardship_class == "意外致困":
            continue
        suggested, _why = suggest_class(
            per_capita_monthly(h.family_annual_income, h.annual_rigid_expense, h.family_size),
            dibao[h.filed_date.year],
        )
        total += 1
        agree += suggested == h.hardship_class
    assert total and agree / total >= 0.85


def test_category_figures_are_numbers_where_the_category_has_them(demo: Ledger) -> None:
    acts = rows(demo, "SELECT * FROM activities")
    by = defaultdict(list)
    for a in acts:
        by[a["category"]].append(a)
    assert all(a["cases"] and a["money_recovered"] for a in by["法律援助与维权"])
    assert all(
        a["new_unions"] and a["new_migrant_members"] <= a["new_members"] for a in by["建会入会"]
    )
    assert all(a["contest_trades"] and a["contestants"] for a in by["劳动和技能竞赛"])
    assert all(a["training_sessions"] and a["trainees"] for a in by["职工技能培训"])
    assert all(a["students"] for a in by["金秋助学"])
    assert all(a["cases"] is None for a in by["职工文化"])
    assert len({(a["name"], a["start_date"]) for a in acts}) == len(acts)


def test_epidemic_work_stays_in_its_years(tmp_path: Path) -> None:
    # 疫情防控 ran from the outbreak of 2020 to the end of 2022 (乙类乙管 from 8 January 2023): a
    # 2023 or later activity of it would put a programme of another time into a year-end summary.
    ledger = Ledger.open(_url(tmp_path), create=True)
    try:
        build_demo(ledger, DemoOptions(households=20, first_year=2019, last_year=2024, seed=SEED))
        years = Counter(
            _day(a["start_date"]).year
            for a in rows(ledger, "SELECT start_date FROM activities WHERE category = '疫情防控'")
        )
    finally:
        ledger.close()
    assert set(years) == {2020, 2021, 2022}


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


# ---- replaying through the services ----------------------------------------------------------


def test_a_sample_replays_through_the_services_without_a_refusal(demo: Ledger, db_url: str) -> None:
    """The strongest proof that bulk-inserted values obey the rules: the services accept them."""
    target = Ledger.open(db_url)
    try:
        _replay_households(demo, target, list(range(1, 26)))
        _replay_stations_and_activities(demo, target)
    finally:
        target.close()


def _replay_households(source: Ledger, target: Ledger, ids: list[int]) -> None:
    for hid in ids:
        detail = source.households.detail(hid)
        h = detail.household
        values = {
            f: getattr(h, f)
            for f in HOUSEHOLD_COLUMNS
            if f not in ("file_no", "hardship_class_original")
        }
        values["secondary_causes"] = h.secondary_causes
        created = target.households.create(values)
        for member in detail.members:
            target.households.add_member(
                created.id, {f: getattr(member, f) for f in MEMBER_COLUMNS}
            )
        events = [(c.date, 0, c) for c in detail.history[1:]]
        events += [(a.date, 1, a) for a in detail.assistance]
        for _when, order, item in sorted(events, key=lambda e: (e[0], e[1])):
            if order == 0:
                target.households.change_status(
                    created.id, item.action, date=item.date, reason=item.reason, route=item.route,
                    reviewer=item.reviewer,
                )  # fmt: skip
            else:
                target.households.add_assistance(
                    created.id, {f: getattr(item, f) for f in ASSISTANCE_COLUMNS}
                )
        assert target.households.get(created.id).status == h.status


def _replay_stations_and_activities(source: Ledger, target: Ledger) -> None:
    mapping = {}
    for station in source.stations.rows(list(range(1, 400))):
        values = {f: getattr(station, f) for f in STATION_COLUMNS}
        values |= {"facilities": station.facilities, "functions": station.functions}
        mapping[station.id] = target.stations.create(values).id
        for usage in source.stations.usage(station.id)[:1]:  # the month nearest the built date
            target.stations.set_usage(
                mapping[station.id],
                {"month": f"{usage.year}-{usage.month}", "visits": usage.visits},
            )
    for activity in source.activities.rows(list(range(1, 4000, 25))):
        values = {f: getattr(activity, f) for f in source.activities.columns}
        if values["station_id"]:
            values["station_id"] = mapping[values["station_id"]]
        target.activities.create(values)


def test_duplicate_files_are_closed_and_never_share_an_active_person(db_url: str) -> None:
    """重复建档: a spouse re-filed the family without the partner's ID; the services allow that."""
    window = Window(2023, 2025, dt.date(2025, 12, 31))
    generator = HouseholdGenerator(random.Random("dup"), window, dibao_standards(window), 4000)
    bundles = list(generator.generate(generator.filing_dates()))
    duplicates = [b for b in bundles if b.changes[-1]["reason"] == "重复建档"]
    assert duplicates, "4000 files should include a few 重复建档"
    for dup in duplicates:
        assert dup.household["status"] == lifecycle.CLOSED
        assert all(m["id_number"] is None for m in dup.members)
        partner = dup.members[0]
        source = next(
            b for b in bundles
            if b.household["name"] == partner["name"] and b.household["birth_date"] == partner["birth_date"]
        )  # fmt: skip
        spouse = next(m for m in source.members if m["relation"] == "配偶")
        assert spouse["id_number"] is None and spouse["name"] == dup.household["name"]
    target = Ledger.open(db_url)
    try:
        dup = duplicates[0]
        values = {
            k: v for k, v in dup.household.items() if k in HOUSEHOLD_COLUMNS and k != "file_no"
        }
        values["secondary_causes"] = [c["cause"] for c in dup.causes]
        first = target.households.create(values)
        with pytest.raises(DuplicatePerson):  # the same head twice is still refused
            target.households.create(values)
        target.households.change_status(
            first.id, lifecycle.CLOSE, date=dup.changes[-1]["date"], reason="重复建档"
        )
    finally:
        target.close()


# ---- determinism, refusal, command line ------------------------------------------------------


def test_same_seed_same_data_other_seed_other_data(tmp_path: Path) -> None:
    urls = []
    for name, seed in (("a", 11), ("b", 11), ("c", 12)):
        folder = tmp_path / name
        folder.mkdir()
        ledger = Ledger.open(_url(folder), create=True)
        build_demo(ledger, DemoOptions(households=40, seed=seed))
        ledger.close()
        urls.append(_url(folder))
    first, second, other = (table_dump(u) for u in urls)
    assert first == second
    assert first["households"] != other["households"]
    photos_a = sorted((tmp_path / "a" / "附件" / "照片").iterdir())
    photos_b = sorted((tmp_path / "b" / "附件" / "照片").iterdir())
    assert [p.name for p in photos_a] == [p.name for p in photos_b]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(photos_a, photos_b, strict=True))


def test_refuses_a_database_that_already_has_records(ledger: Ledger) -> None:
    ledger.stations.create(
        {"name": "真实驿站", "station_type": "户外劳动者服务站点", "township": "城关镇"}
    )
    with pytest.raises(DatabaseProblem, match="--db") as refused:
        build_demo(ledger, DemoOptions(households=5))
    assert "服务阵地1个" in refused.value.message
    assert ledger.settings.townships() == [] and ledger.settings.org_name == ""
    assert ledger.households.count() == 0
    assert not (ledger.db.files_dir / "照片").exists()


def test_a_failure_half_way_leaves_nothing_behind(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    from models.demo import builder

    def explode(self: Any, activities: Any, stations: Any) -> None:
        raise RuntimeError("disk full")

    original = builder._Writer._photos

    def photos_then_explode(self: Any, activities: Any, stations: Any) -> None:
        original(self, activities, stations)
        explode(self, activities, stations)

    monkeypatch.setattr(builder._Writer, "_photos", photos_then_explode)
    with pytest.raises(RuntimeError):
        build_demo(ledger, DemoOptions(households=5))
    assert ledger.households.count() == 0 and ledger.settings.org_name == ""
    assert list((ledger.db.files_dir / "照片").glob("*.jpg")) == []


def test_cli_builds_then_refuses_a_second_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cli.sqlite3")
    assert main.main(["demo", "--db", db, "--households", "30", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert (
        "困难职工档案30户" in out and "完成：共写入" in out and "python main.py stats 2025" in out
    )
    assert main.main(["demo", "--db", db, "--households", "30"]) == 2
    err = capsys.readouterr().err
    assert "已经有数据" in err and "--db" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("years", "message"),
    [
        ("2025-2023", "起始年不能晚于结束年"),
        ("2020-2099", "不能晚于今年"),
        ("前年", "起始年-结束年"),
    ],
)
def test_cli_bad_years_get_a_chinese_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], years: str, message: str
) -> None:
    db = tmp_path / "bad.sqlite3"
    assert main.main(["demo", "--db", str(db), "--years", years]) == 2
    assert message in capsys.readouterr().err
    assert not db.exists()


def test_cli_refuses_zero_households(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main.main(["demo", "--db", str(tmp_path / "x.sqlite3"), "--households", "0"])
    assert exited.value.code == 2
    assert "必须是正整数" in capsys.readouterr().err


def test_money_columns_hold_whole_fen(demo: Ledger) -> None:
    for h in demo.households.rows(list(range(1, HOUSEHOLDS + 1))):
        assert h.family_annual_income == h.family_annual_income.quantize(Decimal("0.01"))
        assert h.family_annual_income >= h.annual_rigid_expense


def test_the_million_household_benchmark_size_is_accepted_and_more_is_refused() -> None:
    import pytest

    from models.demo.builder import DemoOptions, window_for
    from models.errors import InvalidValue

    window_for(DemoOptions(households=1_000_000))  # tests/benchmarks desktop --households 1000000
    with pytest.raises(InvalidValue) as refused:
        window_for(DemoOptions(households=1_000_001))
    assert "户数" in refused.value.message


def test_the_audit_note_counts_what_the_database_holds(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written in several batches, the note still counts all of them (it once counted the last)."""
    from models.demo import builder
    from models.services import HouseholdQuery
    from models.services.audit import AuditQuery

    monkeypatch.setattr(builder, "HOUSEHOLD_BATCH", 25)
    ledger = Ledger.open(db_url)
    try:
        build_demo(ledger, DemoOptions(households=HOUSEHOLDS, seed=SEED))
        rows = ledger.audit.rows(ledger.audit.search_ids(AuditQuery()))
        note = next(r.note for r in rows if r.entity == "households" and r.note)
        for status in (lifecycle.ON_FILE, lifecycle.LIFTED, lifecycle.CLOSED):
            held = ledger.households.count(HouseholdQuery(status=status))
            assert f"{status}{held}" in note, note
    finally:
        ledger.close()


def test_the_default_size_is_read_without_loading_the_generators() -> None:
    """The welcome page shows the demo's size on the GUI thread: reading it loads no generator."""
    import subprocess
    import sys

    code = (
        "import sys, models.demo.calibration as c; "
        "print(c.DEFAULT_HOUSEHOLDS > 0, 'models.demo.builder' in sys.modules, 'PIL' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True
    ).stdout
    assert out.split() == ["True", "False", "False"]


def test_a_station_name_numbered_to_keep_it_apart_keeps_its_type_whole() -> None:
    # A township holding several stations of one type numbers them; the number goes before the
    # type ("…6号工作站"), never inside it ("…工6号作站", seen in a 2023 caption).
    from models.demo import names
    from models.demo.stations import StationGenerator

    generator = StationGenerator(random.Random(3), Window(2023, 2025, dt.date(2025, 12, 31)))
    town = names.TOWNSHIPS[0]
    for station_type in ("职工法律援助工作站", "乡镇(街道)职工服务站", "县级职工服务中心"):
        taken: set[tuple[str, str]] = set()
        for _ in range(12):
            name, _host, _kind = generator._naming(station_type, town, taken)
            taken.add((name, town.name))
        numbered = [n for n, _ in taken if "号" in n]
        assert numbered, station_type
        for name in numbered:
            number = re.search(r"\d+号", name)
            assert number is not None, name
            rest = name[number.end() :]
            assert rest in {"工作站", "服务站", "服务中心"}, name
