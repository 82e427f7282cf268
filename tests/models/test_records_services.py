"""Stations, usage, activities, photos and settings services: rules, natural keys, audit, recycle bin."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from models.errors import DuplicateRecord, InvalidChoice, InvalidValue, MissingRequired, NotFound
from models.services import Ledger, RecordQuery
from models.services.stations import missing_kit


def station(ledger: Ledger, **overrides):
    values = {"name": "城关镇环卫驿站", "station_type": "工会驿站", "township": "城关镇"}
    values.update(overrides)
    return ledger.stations.create(values)


def test_station_variants_codes_and_facilities(ledger: Ledger) -> None:
    row = station(
        ledger,
        facilities="饮水、微波炉，空调;WiFi",
        star_level="★★★★",
        area="15平方米",
        investment="3.5万元",
        longitude="116°23′45″",
        latitude="北纬39.9",
    )
    assert row.station_type == "户外劳动者服务站点"
    assert row.code == "YZ0001"
    assert set(row.facilities) == {"饮水", "热饭(微波炉)", "空调/风扇", "WiFi"}
    assert row.star_level == 4
    assert row.area == Decimal("15.00")
    assert row.investment == Decimal("35000.00")
    assert row.status == "运行"
    assert missing_kit(row.facilities) == ("休息桌椅", "应急药箱")


def test_station_refusals(ledger: Ledger) -> None:
    station(ledger)
    with pytest.raises(DuplicateRecord):
        station(ledger)
    with pytest.raises(InvalidChoice) as caught:
        station(ledger, name="另一个", station_type="小卖部")
    assert "户外劳动者服务站点" in caught.value.message
    with pytest.raises(InvalidValue):
        station(ledger, name="经度错", longitude="200")
    with pytest.raises(MissingRequired):
        ledger.stations.create({"name": "无类型"})


def test_usage_is_one_entry_per_month_and_corrections_update(ledger: Ledger) -> None:
    row = station(ledger, built_date="2023-05-01")
    first = ledger.stations.set_usage(row.id, {"month": "2024年3月", "visits": "1,200人次"})
    again = ledger.stations.set_usage(row.id, {"month": "2024-03", "visits": 1300})
    assert again.id == first.id and again.visits == 1300
    with pytest.raises(InvalidValue):
        ledger.stations.set_usage(row.id, {"month": "2023-01", "visits": 5})
    assert [(u.year, u.month, u.visits) for u in ledger.stations.usage(row.id)] == [(2024, 3, 1300)]
    history = ledger.audit.history("station_usage", first.id)
    assert [h.action for h in history] == ["update", "create"]


def test_stations_list_filters(ledger: Ledger) -> None:
    a = station(ledger)
    b = station(
        ledger, name="职工书屋", station_type="职工书屋", township="东城街道", books="3000册"
    )
    assert ledger.stations.search_ids(RecordQuery(kind_filter="户外劳动者服务站点")) == [a.id]
    assert ledger.stations.search_ids(RecordQuery(kind_filter_not="户外劳动者服务站点")) == [b.id]
    assert ledger.stations.search_ids(RecordQuery(text="职工")) == [b.id]
    ledger.stations.delete(a.id)
    assert ledger.stations.count() == 1
    ledger.recycle.restore("stations", a.id)
    assert ledger.stations.count() == 2


def test_activity_figures_and_rules(ledger: Ledger) -> None:
    row = ledger.activities.create(
        {
            "name": "2025年金秋助学",
            "category": "金秋助学",
            "start_date": "2025/8/20",
            "students": "35人",
            "cash": "7万元",
            "include_in_summary": "是",
            "participants": 40,
        }
    )
    assert row.cash == Decimal("70000.00") and row.students == 35 and row.include_in_summary
    with pytest.raises(DuplicateRecord):
        ledger.activities.create(
            {"name": "2025年金秋助学", "category": "金秋助学", "start_date": "2025-08-20"}
        )
    with pytest.raises(InvalidValue):
        ledger.activities.create(
            {
                "name": "倒序",
                "category": "送温暖",
                "start_date": "2025-02-01",
                "end_date": "2025-01-01",
            }
        )
    with pytest.raises(InvalidValue):
        ledger.activities.create(
            {
                "name": "建会",
                "category": "建会入会",
                "start_date": "2025-02-01",
                "new_members": 10,
                "new_migrant_members": 12,
            }
        )
    with pytest.raises(NotFound):
        ledger.activities.create(
            {"name": "依托", "category": "其他", "start_date": "2025-02-01", "station_id": 999}
        )
    updated = ledger.activities.update(
        row.id, {"person_times": "120"}, expected_version=row.version
    )
    assert updated.person_times == 120


def test_photos_are_copied_and_bad_files_refused(ledger: Ledger, tmp_path: Path) -> None:
    from PIL import Image

    activity = ledger.activities.create(
        {"name": "职工诵读", "category": "思想引领", "start_date": "2025-04-23"}
    )
    picture = tmp_path / "现场.jpg"
    Image.new("RGB", (64, 48), "red").save(picture)
    photo = ledger.activities.add_photo(picture, "职工诵读活动现场", activity_id=activity.id)
    stored = ledger.activities.photo_file(photo)
    assert stored.exists() and stored != picture
    assert ledger.activities.photos(activity_id=activity.id)[0].caption == "职工诵读活动现场"
    broken = tmp_path / "坏图.jpg"
    broken.write_bytes(b"not an image")
    with pytest.raises(InvalidValue) as caught:
        ledger.activities.add_photo(broken, "x", activity_id=activity.id)
    assert "图片" in caught.value.message
    assert len(ledger.activities.photos(activity_id=activity.id)) == 1


def test_first_photos_are_each_activitys_first_in_one_read(ledger: Ledger, tmp_path: Path) -> None:
    from PIL import Image

    picture = tmp_path / "现场.jpg"
    Image.new("RGB", (64, 48), "red").save(picture)
    made = [
        ledger.activities.create({"name": name, "category": "思想引领", "start_date": "2025-04-23"})
        for name in ("职工诵读", "劳模宣讲", "没有照片")
    ]
    for activity in made[:2]:
        for caption in ("第一张", "第二张"):
            ledger.activities.add_photo(
                picture, f"{activity.name}{caption}", activity_id=activity.id
            )
    first = ledger.activities.first_photos([a.id for a in made])
    assert {k: v.caption for k, v in first.items()} == {
        made[0].id: "职工诵读第一张",
        made[1].id: "劳模宣讲第一张",
    }
    assert ledger.activities.first_photos([]) == {}


def test_settings_townships_and_dibao(ledger: Ledger) -> None:
    ledger.settings.set_org_name("示范县总工会")
    ledger.settings.set_townships(["城关镇", "东城街道", "城关镇", " 西关镇 "])
    assert ledger.settings.townships() == ["城关镇", "东城街道", "西关镇"]
    ledger.settings.set_townships(["西关镇", "城关镇"])
    assert ledger.settings.townships() == ["西关镇", "城关镇"]
    assert "东城街道" in ledger.settings.townships(include_inactive=True)
    ledger.settings.set_dibao_standard("2025", "￥650")
    assert ledger.settings.dibao_standards() == {2025: Decimal("650.00")}
    with pytest.raises(InvalidValue):
        ledger.settings.set_dibao_standard(2025, 0)
    assert ledger.settings.org_name == "示范县总工会"


def test_conflicts_report_the_version_now_in_the_database(ledger: Ledger) -> None:
    from models.errors import ConcurrentEdit

    row = station(ledger)
    saved = ledger.stations.update(row.id, {"manager": "李强"}, expected_version=row.version)
    with pytest.raises(ConcurrentEdit) as caught:
        ledger.stations.update(row.id, {"manager": "王芳"}, expected_version=row.version)
    assert caught.value.current == saved.version


def test_changes_since_names_what_another_window_changed(db_url: str) -> None:
    mine, theirs = Ledger.open(db_url), Ledger.open(db_url)
    try:
        mark, entities = mine.audit.changes_since(None)
        assert entities == frozenset()
        station(theirs)
        theirs.settings.set_org_name("示范县总工会")
        newer, entities = mine.audit.changes_since(mark)
        assert newer > mark
        assert entities == {"stations", "settings"}
        assert mine.audit.changes_since(newer) == (newer, frozenset())
    finally:
        mine.close()
        theirs.close()
