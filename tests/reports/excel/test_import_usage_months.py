"""服务人次 as townships report it: one row per station, 1月…12月 across the columns, the year in a
年份 column, the title or the sheet's name — read into one 服务人次 row per station and month."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from models.services import RecordQuery
from reports.excel.parse import parse_workbook
from reports.excel.reading import open_workbook
from tests.reports.excel.messy import write_xlsx

MONTHS = [f"{m}月" for m in range(1, 13)]


def run(ledger: Any, path: Path) -> tuple[Any, Any]:
    with open_workbook(path) as book:
        parsed = parse_workbook("usage", book)
        result = ledger.imports.apply("usage", parsed.rows, file_name=path.name)
    return parsed, result


def stations(ledger: Any) -> dict[str, Any]:
    for name, town in (("城关驿站", "城关镇"), ("河口驿站", "河口乡")):
        ledger.stations.create(
            {"name": name, "station_type": "户外劳动者服务站点", "township": town}
        )
    return {s.name: s for s in ledger.stations.rows(ledger.stations.search_ids(RecordQuery()))}


def visits(ledger: Any, station: Any) -> dict[tuple[int, int], int]:
    return {(u.year, u.month): u.visits for u in ledger.stations.usage(station.id)}


def test_months_across_with_the_year_in_the_title(ledger, tmp_path):
    found = stations(ledger)
    rows = [
        ["示例县2024年户外劳动者服务站点服务人次统计表"],
        ["填报单位：示例县总工会"],
        ["序号", "站点名称", "所属乡镇", *MONTHS, "合计"],
        [1, "城关驿站", "城关镇", 320, 280, 410, None, None, None, None, None, None, None, None,
         1200, 2210],
        [2, "河口驿站", "河口乡", "150人次", 0, None, None, None, None, None, None, None, None,
         None, None, 150],
        ["合计", None, None, 470, 280, 410, None, None, None, None, None, None, None, None, 1200],
    ]  # fmt: skip
    parsed, result = run(ledger, write_xlsx(tmp_path / "人次.xlsx", [("Sheet1", rows)]))
    assert parsed.sheets[0].unknown_columns == []
    assert result.rejected == [], [r.message for r in result.rejected]
    assert result.inserted == 6
    assert visits(ledger, found["城关驿站"]) == {
        (2024, 1): 320, (2024, 2): 280, (2024, 3): 410, (2024, 12): 1200
    }  # fmt: skip
    assert visits(ledger, found["河口驿站"]) == {(2024, 1): 150, (2024, 2): 0}
    notes = "\n".join(parsed.sheets[0].notes)
    assert "1月" in notes and "12月" in notes and "2024年" in notes and "合计" in notes
    _, again = run(ledger, write_xlsx(tmp_path / "人次.xlsx", [("Sheet1", rows)]))
    assert (again.inserted, again.unchanged, again.rejected) == (0, 6, [])


def test_a_year_column_or_the_sheet_name_gives_the_year(ledger, tmp_path):
    found = stations(ledger)
    rows = [
        ["站点名称", "年份", "一月", "二月", "三月份"],
        ["城关驿站", "2023年", 90, 95, 100],
        ["城关驿站", 2024, 120, None, 130],
    ]
    _, result = run(ledger, write_xlsx(tmp_path / "a.xlsx", [("s", rows)]))
    assert result.rejected == [] and result.inserted == 5
    assert visits(ledger, found["城关驿站"])[(2023, 2)] == 95
    named = [["站点名称", "1月", "2月"], ["河口驿站", 10, 20]]
    _, result = run(ledger, write_xlsx(tmp_path / "b.xlsx", [("2025年人次", named)]))
    assert result.inserted == 2
    assert visits(ledger, found["河口驿站"]) == {(2025, 1): 10, (2025, 2): 20}


def test_without_a_year_anywhere_the_rows_are_refused_saying_where_to_put_it(ledger, tmp_path):
    stations(ledger)
    rows = [["站点名称", "1月", "2月"], ["城关驿站", 10, 20]]
    _, result = run(ledger, write_xlsx(tmp_path / "c.xlsx", [("人次", rows)]))
    assert result.inserted == 0 and len(result.rejected) == 2
    first = result.rejected[0]
    assert first.first.field == "month" and "年份" in first.message and "标题" in first.message
