"""服务人次 rows naming a station the ledger does not have (先建站后报人次), or a month before the
station was built: refused, saying which station and what to do."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from reports.excel.parse import parse_workbook
from reports.excel.reading import open_workbook
from tests.reports.excel.messy import write_xlsx


def run(ledger: Any, path: Path) -> Any:
    with open_workbook(path) as book:
        parsed = parse_workbook("usage", book)
        return ledger.imports.apply("usage", parsed.rows, file_name=path.name)


def station(ledger: Any, built: dt.date | None = None) -> None:
    values = {
        "name": "城关驿站",
        "code": "YZ-001",
        "station_type": "户外劳动者服务站点",
        "township": "城关镇",
        "built_date": built,
    }
    ledger.stations.create(values)


def test_a_station_not_in_the_ledger_is_unknown_station_named_in_the_message(ledger, tmp_path):
    station(ledger)
    rows = [
        ["站点名称", "所属乡镇", "月份", "服务人次"],
        ["城关驿站", "城关镇", "2024年3月", 120],
        ["县城北客运站驿站", "城关镇", "2024年3月", 300],
    ]
    result = run(ledger, write_xlsx(tmp_path / "人次.xlsx", [("月报", rows)]))
    assert result.inserted == 1
    [refused] = result.rejected
    assert refused.code == "unknown_station"
    assert "县城北客运站驿站" in refused.message
    assert "站点" in refused.message and "先" in refused.message and "导入" in refused.message


def test_an_unknown_station_code_is_unknown_station_too(ledger, tmp_path):
    station(ledger)
    rows = [["站点编号", "月份", "服务人次"], ["YZ-009", "2024-03", 50]]
    result = run(ledger, write_xlsx(tmp_path / "人次.xlsx", [("月报", rows)]))
    [refused] = result.rejected
    assert refused.code == "unknown_station"
    assert "YZ-009" in refused.message


def test_a_month_before_the_station_was_built_is_refused_saying_what_to_check(ledger, tmp_path):
    station(ledger, built=dt.date(2024, 3, 8))
    rows = [
        ["站点名称", "所属乡镇", "月份", "服务人次"],
        ["城关驿站", "城关镇", "2024年2月", 80],
        ["城关驿站", "城关镇", "2024年3月", 120],
    ]
    result = run(ledger, write_xlsx(tmp_path / "人次.xlsx", [("月报", rows)]))
    assert result.inserted == 1
    [refused] = result.rejected
    assert refused.code == "invalid_value"
    assert "2024-03-08" in refused.message and "核对" in refused.message


def test_an_activity_at_a_station_not_in_the_ledger_is_unknown_station(ledger, tmp_path):
    station(ledger)
    rows = [
        ["活动名称", "活动类别", "开始日期", "依托阵地"],
        ["夏送清凉", "夏送清凉", "2024-07-01", "城关驿站"],
        ["职工读书会", "职工文化", "2024-07-02", "北街职工书屋"],
    ]
    path = write_xlsx(tmp_path / "活动.xlsx", [("s", rows)])
    with open_workbook(path) as book:
        parsed = parse_workbook("activities", book)
        result = ledger.imports.apply("activities", parsed.rows, file_name=path.name)
    assert result.inserted == 1
    [refused] = result.rejected
    assert refused.code == "unknown_station" and "北街职工书屋" in refused.message
