"""Activities are one event per name + start date + place (or township when no place is given):
a county's 送温暖 on New Year's day in three townships is three events, not duplicates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from models.errors import DuplicateRecord
from models.services import RecordQuery
from reports.excel.parse import parse_workbook
from reports.excel.reading import open_workbook
from tests.reports.excel.messy import write_xlsx

HEAD = ["活动名称", "活动类别", "活动日期", "活动地点", "所属乡镇"]


def run(ledger: Any, path: Path) -> Any:
    with open_workbook(path) as book:
        parsed = parse_workbook("activities", book)
        return ledger.imports.apply("activities", parsed.rows, file_name=path.name)


def activities(ledger: Any) -> list[Any]:
    return ledger.activities.rows(ledger.activities.search_ids(RecordQuery(sort="id")))


def test_same_name_same_day_in_other_places_are_other_events(ledger, tmp_path):
    rows = [
        HEAD,
        ["新春送温暖", "送温暖", "2025-01-20", "城关镇文化广场", "城关镇"],
        ["新春送温暖", "送温暖", "2025-01-20", "河口乡政府", "河口乡"],
        ["新春送温暖", "送温暖", "2025-01-20", None, "北山镇"],
        ["新春送温暖", "送温暖", "2025-01-20", None, "南河乡"],
        ["新春送温暖", "送温暖", "2025-01-20", "河口乡政府", "河口乡"],  # the second row again
    ]
    path = write_xlsx(tmp_path / "活动.xlsx", [("s", rows)])
    result = run(ledger, path)
    assert result.inserted == 4
    (dup,) = result.rejected
    assert dup.code == "duplicate_in_file" and dup.row.row == 6 and "第3行" in dup.message
    again = run(ledger, path)
    assert (again.inserted, again.unchanged, len(again.rejected)) == (0, 4, 1)


def test_a_place_added_later_completes_the_event_it_was_missing_from(ledger, tmp_path):
    first = [HEAD, ["夏送清凉", "夏送清凉", "2025-07-10", None, "城关镇"]]
    run(ledger, write_xlsx(tmp_path / "a.xlsx", [("s", first)]))
    later = [HEAD, ["夏送清凉", "夏送清凉", "2025-07-10", "城关镇环卫所", "城关镇"]]
    result = run(ledger, write_xlsx(tmp_path / "b.xlsx", [("s", later)]))
    assert (result.inserted, result.updated) == (0, 1)
    (only,) = activities(ledger)
    assert only.place == "城关镇环卫所"


def test_the_form_keeps_events_apart_the_same_way(ledger):
    base = {"name": "职工运动会", "category": "职工文化", "start_date": "2025-05-01"}
    ledger.activities.create(dict(base, place="县体育馆"))
    ledger.activities.create(dict(base, place="城关镇中学"))
    ledger.activities.create(dict(base, township="河口乡"))
    with pytest.raises(DuplicateRecord) as caught:
        ledger.activities.create(dict(base, place="县体育馆"))
    assert "县体育馆" in caught.value.message
    with pytest.raises(DuplicateRecord):
        ledger.activities.create(dict(base, township="河口乡"))
    moved = activities(ledger)[1]
    with pytest.raises(DuplicateRecord):
        ledger.activities.update(moved.id, {"place": "县体育馆"})
    assert len(activities(ledger)) == 3
