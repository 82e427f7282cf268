"""`python main.py stats`: the JSON schema, the Chinese text report, empty years and bad input."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import main
from models.services import Ledger
from tests.models.test_statistics import BACKENDS, build_county, module_ledger

MONEY = re.compile(r"^\d+\.\d\d$")


@pytest.fixture(scope="module", params=BACKENDS)
def county_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[list[str]]:
    """The command-line options that name the county database (SQLite file or server URL)."""
    with module_ledger(request.param, tmp_path_factory, "cli_county") as ledger:
        build_county(ledger)
        path = ledger.db.path
        yield ["--db", str(path)] if path else ["--database-url", ledger.db.url]


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    assert main.main(["stats", *argv, "--json"]) == 0
    out = capsys.readouterr().out
    return json.loads(out)  # type: ignore[no-any-return]


def money_values(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every value under a key that holds money in the figures tree."""
    money_keys = {"cash", "goods", "total", "money", "file_money", "activity_money",
                  "assistance_money", "money_recovered"}  # fmt: skip
    if isinstance(node, dict):
        for key, value in node.items():
            if key in money_keys and not isinstance(value, dict):
                yield f"{path}.{key}", value
            yield from money_values(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from money_values(value, f"{path}[{i}]")


def test_json_schema(capsys: pytest.CaptureFixture[str], county_db: list[str]) -> None:
    data = run_json(capsys, "2025", *county_db)
    assert set(data) == {
        "schema", "year", "since_year", "period", "previous_period", "money_format", "empty",
        "figures", "previous_figures", "facts",
    }  # fmt: skip
    assert (data["schema"], data["year"], data["since_year"], data["empty"]) == (
        1,
        2025,
        None,
        False,
    )
    assert data["period"] == {
        "first_year": 2025, "last_year": 2025, "start": "2025-01-01", "end": "2025-12-31",
        "label": "2025年",
    }  # fmt: skip
    assert data["previous_period"]["label"] == "2024年"
    sections = {"period", "households", "assistance", "education", "warmth", "stations",
                "rest_stops", "activities", "townships", "honours"}  # fmt: skip
    assert set(data["figures"]) == set(data["previous_figures"]) == sections
    f = data["figures"]
    assert f["households"]["lifted"] == {"households": 1, "persons": 2}
    assert f["households"]["on_file"] == {"households": 3, "persons": 4}
    assert f["assistance"]["total"] == {
        "name": "合计", "cash": "8600.50", "goods": "500.00", "records": 7, "households": 4,
        "total": "9100.50",
    }  # fmt: skip
    assert f["rest_stops"]["visits"] == 440
    assert f["education"]["people"] == 10 and f["education"]["money"] == "20000.00"
    assert [a["name"] for a in f["activities"]["featured"]] == [
        "2025年金秋助学金发放仪式",
        "职工技能大赛",
    ]
    assert f["townships"][0]["township"] == "城关镇"
    assert data["previous_figures"]["households"]["on_file"]["households"] == 2
    moneys = list(money_values(data["figures"])) + list(money_values(data["previous_figures"]))
    assert moneys and all(isinstance(v, str) and MONEY.match(v) for _, v in moneys), moneys
    lifted = data["facts"]["households.lifted"]
    assert lifted == {
        "label": "解困脱困户数", "value": 1, "previous": 1, "unit": "户", "source": "困难职工档案",
        "basis": "统计期内有“脱困”记录的档案（同一档案只计一次）",
    }  # fmt: skip
    assert data["facts"]["assistance.total"]["value"] == "9100.50"
    assert all(fact["label"] and fact["unit"] for fact in data["facts"].values())


def test_json_is_utf8_even_on_a_gbk_console(
    monkeypatch: pytest.MonkeyPatch, county_db: list[str]
) -> None:
    raw = io.BytesIO()
    console = io.TextIOWrapper(raw, encoding="gbk")
    monkeypatch.setattr("sys.stdout", console)
    assert main.main(["stats", "2025", "--json", *county_db]) == 0
    console.flush()
    data = json.loads(raw.getvalue().decode("utf-8"))
    assert data["facts"]["households.filed"]["label"] == "在档困难职工户数"


def test_period_since_year(capsys: pytest.CaptureFixture[str], county_db: list[str]) -> None:
    data = run_json(capsys, "2025", "--since-year", "2024", *county_db)
    assert data["since_year"] == 2024
    assert data["period"]["label"] == "2024—2025年"
    assert data["previous_period"]["label"] == "2022—2023年"
    assert data["figures"]["households"]["new"] == {"households": 4, "persons": 9}
    assert len(data["figures"]["assistance"]["by_month"]) == 24
    assert data["facts"]["stations.outdoor.new_last_year"]["value"] == 1


def row_of(text: str, label: str) -> list[str]:
    line = next(line for line in text.splitlines() if line.strip().startswith(label))
    return line.split()[1:]


def test_text_report(capsys: pytest.CaptureFixture[str], county_db: list[str]) -> None:
    assert main.main(["stats", "2025", *county_db]) == 0
    out = capsys.readouterr().out
    assert out.startswith("工会台账统计  2025年（对比2024年）")
    for heading in (
        "一、困难帮扶",
        "二、服务阵地",
        "三、户外劳动者驿站",
        "四、活动",
        "五、分乡镇情况",
    ):
        assert heading in out
    assert "本年" in out and "上年" in out and "增减" in out
    assert row_of(out, "解困脱困（人）") == ["2", "1", "+1（+100.0%）"]
    assert row_of(out, "期末在档（户）") == ["3", "2", "+1（+50.0%）"]
    assert row_of(out, "帮扶资金物资合计（元）") == ["9,100.50", "800.00", "+8,300.50（+1037.6%）"]
    assert row_of(out, "服务户外劳动者（人次）") == ["440", "40", "+400（+1000.0%）"]
    assert row_of(out, "驿站累计建成（家）") == ["2", "1", "+1（+100.0%）"]
    assert row_of(out, "活动场次（场）") == ["6", "1", "+5（+500.0%）"]
    assert row_of(out, "挽回经济损失（元）") == ["12,345.67", "0.00", "+12,345.67"]
    assert "2025-08-20 金秋助学 2025年金秋助学金发放仪式 城关镇：投入20,000.00元" in out
    assert "暂无数据" not in out
    assert row_of(out, "河东乡") == ["1", "2", "5,900.50", "2", "1", "2"]


def test_text_report_of_a_period(capsys: pytest.CaptureFixture[str], county_db: list[str]) -> None:
    assert main.main(["stats", "2025", "--since-year", "2024", *county_db]) == 0
    out = capsys.readouterr().out
    assert "2024—2025年（对比2022—2023年）" in out
    assert "本期" in out and "上期" in out
    # S2 built in 2025, S1 in 2023: the last year of each period.
    assert row_of(out, "其中最后一年新建（个）") == ["1", "1", "±0"]


def test_empty_database(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    Ledger.open("sqlite:///" + str(path), create=True).close()
    assert main.main(["stats", "2025", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "2025年暂无数据" in out
    assert out.count("该年度暂无数据") == 4
    data = run_json(capsys, "2025", "--db", str(path))
    assert data["empty"] is True
    assert data["figures"]["assistance"]["total"]["total"] == "0.00"
    assert data["figures"]["households"]["on_file"] == {"households": 0, "persons": 0}


def test_start_after_the_year_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "never.sqlite3"
    assert main.main(["stats", "2024", "--since-year", "2025", "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert "起始年" in err and "2024" in err and "Traceback" not in err
    assert not path.exists()


def test_missing_database_file_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "typo.sqlite3"
    assert main.main(["stats", "2025", "--db", str(path)]) == 2
    captured = capsys.readouterr()
    assert "找不到数据库文件" in captured.err and captured.out == ""
    assert not path.exists()


def test_bad_year_is_an_argument_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main.main(["stats", "二〇二五"])
    assert info.value.code == 2
    assert "不是年份" in capsys.readouterr().err
