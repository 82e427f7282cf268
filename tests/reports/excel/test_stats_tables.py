"""The 统计表 export agrees with `stats YEAR --json`: row totals, column totals and grand totals."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import delete

import main
from models.schema import StatusChange
from models.services import Ledger
from models.statistics import Period
from models.statistics.tables import township_tables
from tests.models.test_statistics import build_county, file_household

CENT = Decimal("0.01")


@pytest.fixture
def county(ledger: Ledger) -> tuple[Ledger, dict[str, int]]:
    ledger.settings.set_org_name("示例县总工会")
    ids = build_county(ledger)
    # Older data: a file without any status history counts with its current status once filed.
    ids["old"] = file_household(ledger, "庚", "西山乡", "相对困难", "2024-02-02", members=1)
    with ledger.db.begin() as s:
        s.execute(delete(StatusChange).where(StatusChange.household_id == ids["old"]))
    return ledger, ids


def _stats_json(capsys: pytest.CaptureFixture[str], url: str, year: int) -> dict[str, Any]:
    capsys.readouterr()
    assert main.main(["--database-url", url, "stats", str(year), "--json"]) == 0
    return json.loads(capsys.readouterr().out)["figures"]


def _sheets(url: str, out: Path, year: int) -> dict[str, dict[str, Any]]:
    """Each table as {"columns": [...], "rows": {township: [...]}, "total": [...]}, by title."""
    code = main.main(["--database-url", url, "export", "stats", str(out), "--year", str(year)])
    assert code == 0
    tables = {}
    for ws in openpyxl.load_workbook(out).worksheets:
        values = [list(r) for r in ws.iter_rows(values_only=True)]
        header = values[2]
        assert header[0] == "乡镇(街道)" and header[-1] == "合计"
        body = {r[0]: r[1:] for r in values[3:] if r[0] and r[0] != "合计"}
        total = next(r[1:] for r in values[3:] if r[0] == "合计")
        tables[values[0][0]] = {"columns": header[1:-1], "rows": body, "total": total}
    return tables


def _table(tables: dict[str, dict[str, Any]], label: str) -> dict[str, Any]:
    (found,) = [t for title, t in tables.items() if f"{label}分乡镇统计" in title]
    return found


def _money(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(CENT)


def _check(table: dict[str, Any], by_column: dict[str, Any], by_row: dict[str, Any] | None,
           grand: Any, money: bool = False) -> None:  # fmt: skip
    """The table's 合计 row, 合计 column and corner against the statistics' figures."""
    norm = _money if money else int
    columns = table["columns"]
    expected = {name: norm(value) for name, value in by_column.items() if norm(value)}
    assert dict(zip(columns, map(norm, table["total"][:-1]), strict=True)) == expected
    for name, values in table["rows"].items():
        assert norm(values[-1]) == sum((norm(v) for v in values[:-1]), norm(0))
        if by_row is not None:
            assert norm(values[-1]) == norm(by_row.get(name, 0)), name
    assert norm(table["total"][-1]) == norm(grand)


@pytest.mark.parametrize("year", [2024, 2025])
def test_stats_tables_agree_with_stats_json(
    county: tuple[Ledger, dict[str, int]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    year: int,
) -> None:
    ledger, _ = county
    url = ledger.db.url
    figures = _stats_json(capsys, url, year)
    tables = _sheets(url, tmp_path / "统计表.xlsx", year)
    towns = {t["township"]: t for t in figures["townships"]}
    h = figures["households"]

    def town(key: str) -> dict[str, Any]:
        return {name: t[key] for name, t in towns.items()}

    classes = h["by_class"]
    _check(_table(tables, "在档户数"),
           {c["hardship_class"]: c["on_file"]["households"] for c in classes},
           town("on_file"), h["on_file"]["households"])  # fmt: skip
    _check(_table(tables, "在档人数"),
           {c["hardship_class"]: c["on_file"]["persons"] for c in classes},
           town("on_file_persons"), h["on_file"]["persons"])  # fmt: skip
    _check(_table(tables, "新建档案户数"),
           {c["hardship_class"]: c["new"]["households"] for c in classes},
           None, h["new"]["households"])  # fmt: skip
    aid = figures["assistance"]
    _check(_table(tables, "帮扶户次"), {a["name"]: a["records"] for a in aid["by_category"]},
           None, aid["total"]["records"])  # fmt: skip
    _check(_table(tables, "帮扶资金物资"), {a["name"]: a["total"] for a in aid["by_category"]},
           town("assistance_money"), aid["total"]["total"], money=True)  # fmt: skip
    st = figures["stations"]
    _check(_table(tables, "服务阵地数"), {t["station_type"]: t["existing"] for t in st["by_type"]},
           town("stations"), st["total"]["existing"])  # fmt: skip
    visits = _table(tables, "服务人次")
    _check(visits, {t["station_type"]: t["visits"] for t in st["by_type"]}, None,
           st["total"]["visits"])  # fmt: skip
    if "户外劳动者服务站点" in visits["columns"]:
        rest = visits["columns"].index("户外劳动者服务站点")
        assert {n: v[rest] for n, v in visits["rows"].items() if v[rest]} == {
            n: v for n, v in town("rest_stop_visits").items() if v
        }
    act = figures["activities"]
    _check(_table(tables, "活动场次"), {a["name"]: a["count"] for a in act["by_category"]},
           town("activities"), act["total"]["count"])  # fmt: skip
    _check(_table(tables, "活动参与人数"),
           {a["name"]: a["participants"] for a in act["by_category"]}, None,
           act["total"]["participants"])  # fmt: skip
    _check(_table(tables, "活动覆盖人次"),
           {a["name"]: a["person_times"] for a in act["by_category"]},
           town("activity_person_times"), act["total"]["person_times"])  # fmt: skip
    assert len(tables) == 10


def test_cells_by_hand(county: tuple[Ledger, dict[str, int]]) -> None:
    """2025 at the year end: H3 (returned) and H6 in 城关镇, H2 in 河东乡, the old file in 西山乡."""
    ledger, _ = county
    with ledger.db.read() as s:
        tables = {t.key: t for t in township_tables(s, Period.of(2025))}
    on_file = tables["households.on_file"]
    cells = {
        (town, column): value
        for town, values in on_file.rows
        for column, value in zip(on_file.columns, values, strict=True)
        if value
    }
    assert cells == {
        ("城关镇", "深度困难"): 1,  # H6, lifted only in 2026
        ("城关镇", "意外致困"): 1,  # H3, back in hardship in 2025
        ("河东乡", "相对困难"): 1,  # H2
        ("西山乡", "相对困难"): 1,  # no history: its current status
    }
    # The settings' townships come first, zeros included; others after them.
    assert [t for t, _ in on_file.rows] == ["城关镇", "河东乡", "西山乡"]
    assert [t for t, _ in tables["households.new"].rows] == ["城关镇", "河东乡"]
    assert tables["households.on_file_persons"].total() == 6
    money = tables["assistance.money"]
    assert money.unit == "元" and money.column_totals()["送温暖慰问"] == Decimal("1000.00")
    # Activities without a township sit in the statistics' own row for them.
    assert "（未填乡镇）" in dict(tables["activities.count"].rows)
