"""`review`: the lists as text, as the JSON the issue names (IDs and phones masked), and as one
sheet per list; bad dates and file names refused in Chinese with nothing written."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

import main


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "演示.sqlite3"
    assert main.main(["--db", str(db), "demo", "--households", "120", "--seed", "14"]) == 0
    return db


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "台账.sqlite3"
    shutil.copy(demo_db, copy)
    return copy


def _run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main.main(["--db", str(db), "review", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "意外错误" not in err, err
    return code, out, err


KEYS = {"not_reviewed_12m", "never_assisted", "not_assisted_this_year", "income_above_threshold",
        "follow_up_due", "possible_duplicates", "cross_checks"}  # fmt: skip


def test_json_has_the_lists_of_the_issue_with_masked_numbers(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, db, "--as-of", "2025-12-31", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["as_of"] == "2025-12-31"
    assert KEYS <= set(data["lists"])
    for key in KEYS - {"possible_duplicates", "cross_checks"}:
        for entry in data["lists"][key]:
            assert {"file_no", "name", "township"} <= set(entry)
            assert re.fullmatch(r"\d{6}\*{8}[\dX]{4}", entry["id_number"]), entry
            assert entry["phone"] is None or "****" in entry["phone"]
    for pair in data["lists"]["possible_duplicates"]:
        assert len(pair["file_nos"]) == 2 and pair["reasons"]
        assert all("********" in (p["id_number"] or "********") for p in pair["people"])
    # The demo plants content on every list.
    assert all(data["lists"][key] for key in KEYS), {k: len(v) for k, v in data["lists"].items()}
    assert re.search(r"\d{17}", out) is None  # no full ID number anywhere


def test_text_output_names_each_list(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, db, "--as-of", "2025年12月31日")
    assert code == 0
    for title in ("超过12个月未核查", "防返困回访到期", "疑似重复建档", "交叉核对发现"):
        assert f"【{title}】" in out


def test_export_writes_one_sheet_per_list(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "待办核查.xlsx"
    code, printed, _ = _run(capsys, db, "--as-of", "2025-12-31", "--export", str(out))
    assert code == 0 and "已导出 8 张工作表" in printed
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames[0] == "超过12个月未核查" and "疑似重复建档" in book.sheetnames
    rows = list(book["超过12个月未核查"].iter_rows(values_only=True))
    assert "待办核查清单：超过12个月未核查" in rows[0][0]
    assert rows[2][:4] == ("序号", "档案编号", "户主姓名", "身份证号")
    assert "********" in rows[3][3]
    assert rows[-3][0].startswith("合计（") and "审核人" in rows[-1][0]


def test_bad_arguments_are_refused_in_chinese(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main.main(["--db", str(db), "review", "--as-of", "2025-02-30"])
    assert exit_.value.code == 2
    assert "不是日期" in capsys.readouterr().err
    code, _, err = _run(capsys, db, "--export", str(tmp_path / "清单.csv"))
    assert code == 2 and ".xlsx" in err
    assert not list(tmp_path.glob("清单*"))


def test_a_missing_ledger_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main.main(["--db", str(tmp_path / "没有.sqlite3"), "review"])
    assert code == 2 and "init" in capsys.readouterr().err


def test_a_broken_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "坏的.sqlite3"
    broken.write_bytes(b"not a database" * 200)
    code = main.main(["--db", str(broken), "review", "--json"])
    assert code == 2 and "不是有效的工会台账数据库" in capsys.readouterr().err


def test_check_json_carries_the_cross_checks(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main.main(["--db", str(db), "check", "--json"])
    data = json.loads(capsys.readouterr().out)
    codes = {f["code"] for f in data["findings"]}
    assert "idle_rest_stop" in codes or "programme_money" in codes


def test_unmasked_export_is_audited(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from models.services import Ledger
    from models.services.audit import AuditQuery

    out = tmp_path / "完整号码.xlsx"
    code, _, _ = _run(capsys, db, "--as-of", "2025-12-31", "--export", str(out), "--unmask")
    assert code == 0
    rows = list(openpyxl.load_workbook(out, read_only=True)["超过12个月未核查"].iter_rows(
        values_only=True))  # fmt: skip
    assert re.fullmatch(r"\d{17}[\dX]", rows[3][3])
    ledger = Ledger.open("sqlite:///" + str(db))
    try:
        found = ledger.audit.search_ids(AuditQuery(action="export_unmasked"))
        entries = ledger.audit.rows(found)
    finally:
        ledger.close()
    assert any("待办核查清单" in e.entity_label for e in entries)
