"""Stations, rest stops and activities sort by pinyin (按拼音): forms, import and migration keep the key."""

from __future__ import annotations

from sqlalchemy import select, text

from models import database
from models.normalize import normalize_record
from models.schema import Activity, Station
from models.services import Ledger, RecordQuery
from models.services.imports import ImportRow

# By code point these run 城 (U+57CE) < 张 (U+5F20) < 白 (U+767D); by pinyin bai < cheng < zhang.
STATIONS = ["城关镇职工服务站", "张家湾村职工服务点", "白沙镇职工服务站"]
STATIONS_BY_PINYIN = ["白沙镇职工服务站", "城关镇职工服务站", "张家湾村职工服务点"]
# 安 (U+5B89) < 职 (U+804C) < 金 (U+91D1) by code point; an < jin < zhi by pinyin.
ACTIVITIES = ["职工技能培训班", "安全生产知识竞赛", "金秋助学"]
ACTIVITIES_BY_PINYIN = ["安全生产知识竞赛", "金秋助学", "职工技能培训班"]


def names(service, **query) -> list[str]:
    return [r.name for r in service.rows(service.search_ids(RecordQuery(sort="name", **query)))]


def imported(ledger: Ledger, kind: str, values: list[dict]) -> None:
    rows = []
    for number, v in enumerate(values, start=2):
        clean, errors = normalize_record(kind, v, partial=True)
        assert not errors, errors
        rows.append(ImportRow("s", number, clean, {}))
    result = ledger.imports.apply(kind, rows, file_name="阵地台账.xlsx")
    assert result.inserted == len(values), [r.message for r in result.rejected]


def test_stations_and_rest_stops_sort_by_pinyin_and_follow_renames(ledger: Ledger) -> None:
    ids = {
        ledger.stations.create(
            {"name": n, "station_type": "乡镇(街道)职工服务站", "township": "城关镇"}
        ).id: n
        for n in STATIONS
    }
    assert names(ledger.stations) == STATIONS_BY_PINYIN
    assert names(ledger.stations, descending=True) == STATIONS_BY_PINYIN[::-1]
    renamed = next(i for i, n in ids.items() if n == "张家湾村职工服务点")
    ledger.stations.update(renamed, {"name": "阿拉沟村职工服务点"})
    assert names(ledger.stations)[0] == "阿拉沟村职工服务点"
    stops = ["城关镇环卫工人爱心驿站", "白沙镇户外劳动者驿站"]
    imported(
        ledger,
        "stations",
        [{"name": n, "station_type": "工会驿站", "township": "城关镇"} for n in stops],
    )
    assert names(ledger.stations, kind_filter="户外劳动者服务站点") == [
        "白沙镇户外劳动者驿站",
        "城关镇环卫工人爱心驿站",
    ]


def test_activities_sort_by_pinyin_from_forms_and_import(ledger: Ledger) -> None:
    ledger.activities.create(
        {"name": ACTIVITIES[0], "category": "职工技能培训", "start_date": "2025-03-12"}
    )
    imported(
        ledger,
        "activities",
        [{"name": n, "category": "金秋助学", "start_date": "2025-08-20"} for n in ACTIVITIES[1:]],
    )
    assert names(ledger.activities) == ACTIVITIES_BY_PINYIN
    with ledger.db.read() as s:
        assert s.scalar(select(Activity.sort_name).where(Activity.name == "金秋助学")) == (
            "jin1 qiu1 zhu4 xue2 "
        )


def test_0007_fills_sort_keys_of_stations_and_activities_stored_before(db_url: str) -> None:
    db = database.connect(db_url)
    database.upgrade(db, "0005")
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "insert into stations (code, name, station_type, township, status, open_24h,"
                " original_wording, created_by, version) values ('YZ0001', '白沙镇户外劳动者驿站',"
                " '工会驿站', '白沙镇', '运行', false, '{}', '', 1)"
            )
        )
        conn.execute(
            text(
                "insert into activities (name, category, start_date, cash, goods_value,"
                " include_in_summary, original_wording, created_by, version) values"
                " ('金秋助学', '金秋助学', '2025-08-20', 0, 0, false, '{}', '', 1)"
            )
        )
    database.upgrade(db)
    assert database.current_revision(db) == database.head_revision(db)
    with db.read() as s:
        assert (
            s.scalar(select(Station.sort_name))
            == "bai2 sha1 zhen4 hu4 wai4 lao2 dong4 zhe3 yi4 zhan4 "
        )
        assert s.scalar(select(Activity.sort_name)) == "jin1 qiu1 zhu4 xue2 "
    db.dispose()
