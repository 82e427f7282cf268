"""出生年月 written only to the month (1978.05, 1978年5月) beside the person's ID number: the ID
number gives the day when it was born in that month; another month stays refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from models.validation import build_id_number
from reports.excel.parse import parse_workbook
from reports.excel.reading import open_workbook
from tests.reports.excel.messy import write_xlsx

HEAD = ["姓名", "身份证号", "出生年月", "所在乡镇", "困难类别", "主要致困原因", "建档日期"]
BORN = dt.date(1978, 5, 17)
ID = build_id_number("411602", BORN, 11)


def run(ledger: Any, kind: str, path: Path) -> Any:
    with open_workbook(path) as book:
        parsed = parse_workbook(kind, book)
        return ledger.imports.apply(kind, parsed.rows, file_name=path.name)


def roster(tmp_path: Path, born: Any) -> Path:
    row = ["王芳", ID, born, "城关镇", "深度困难", "因病", "2024年3月1日"]
    return write_xlsx(tmp_path / "花名册.xlsx", [("Sheet1", [HEAD, row])])


def stored_birth(ledger: Any) -> dt.date | None:
    head = ledger.households.active_by_id_number(ID)
    return head.birth_date if head else None


def test_a_month_the_id_number_agrees_with_takes_the_day_from_it(ledger, tmp_path):
    for written in ("1978.05", "1978年5月", "1978-5"):
        result = run(ledger, "households", roster(tmp_path, written))
        assert result.rejected == [], [r.message for r in result.rejected]
    assert stored_birth(ledger) == BORN


def test_a_month_typed_into_a_number_cell_is_read_beside_the_id_number(ledger, tmp_path):
    result = run(ledger, "households", roster(tmp_path, 1978.05))
    assert result.rejected == [], [r.message for r in result.rejected]
    assert stored_birth(ledger) == BORN


def test_a_month_the_id_number_does_not_agree_with_stays_refused(ledger, tmp_path):
    result = run(ledger, "households", roster(tmp_path, "1978.06"))
    [refused] = result.rejected
    assert refused.code == "date_unparseable"
    assert "1978.06" in refused.message
    assert stored_birth(ledger) is None


def test_other_month_only_dates_stay_refused(ledger, tmp_path):
    row = ["王芳", ID, "1978.05", "城关镇", "深度困难", "因病", "2024年3月"]
    result = run(ledger, "households", write_xlsx(tmp_path / "a.xlsx", [("s", [HEAD, row])]))
    [refused] = result.rejected
    assert refused.code == "date_unparseable" and "建档" in refused.message


def test_a_member_sheet_takes_the_day_from_the_member_s_own_id_number(ledger, tmp_path):
    run(ledger, "households", roster(tmp_path, BORN))
    child_born = dt.date(2006, 9, 3)
    child = build_id_number("411602", child_born, 22)
    rows = [
        ["户主身份证号", "姓名", "与户主关系", "身份证号", "出生年月"],
        [ID, "王小明", "子", child, "2006.09"],
    ]
    result = run(ledger, "members", write_xlsx(tmp_path / "成员.xlsx", [("成员", rows)]))
    assert result.rejected == [], [r.message for r in result.rejected]
    head = ledger.households.active_by_id_number(ID)
    [member] = ledger.households.detail(head.id).members
    assert member.birth_date == child_born
