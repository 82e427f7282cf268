"""Columns as real sheets head them: other names, monthly figures, kind-aware words, statuses."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from models.services import HouseholdQuery, RecordQuery
from reports.excel.aliases import match_heading
from reports.excel.parse import parse_workbook
from reports.excel.reading import open_workbook
from tests.reports.excel.messy import ids, write_xlsx


def run(ledger: Any, kind: str, path: Path) -> tuple[Any, Any]:
    with open_workbook(path) as book:
        parsed = parse_workbook(kind, book)
        result = ledger.imports.apply(kind, parsed.rows, file_name=path.name)
    return parsed, result


def households(ledger: Any) -> list[Any]:
    svc = ledger.households
    return svc.rows(svc.search_ids(HouseholdQuery(sort="id")))


# The headings of a provincial 困难职工档案表 and of township rosters (DOMAIN.md §5).
PROVINCIAL = ["职工编号", "姓名", "身份证号", "所属乡镇(街道)", "困难类别", "致困主要原因",
              "本人月平均收入", "家庭年度总收入", "是否进入医保", "联系方式"]  # fmt: skip


def test_provincial_headings_are_understood(ledger, tmp_path):
    (person,) = ids(1)
    row = ["KN2024001", "王芳", person, "城关镇", "相对困难", "患重特大疾病", 1500, "36,000",
           "城乡居民医保", "13812345678"]  # fmt: skip
    path = write_xlsx(tmp_path / "档案表.xlsx", [("档案表", [PROVINCIAL, row])])
    parsed, result = run(ledger, "households", path)
    assert parsed.sheets[0].unknown_columns == []
    assert result.inserted == 1, [r.message for r in result.rejected]
    (h,) = households(ledger)
    assert (h.file_no, h.main_cause, h.phone) == ("KN2024001", "患重特大疾病", "13812345678")
    assert h.monthly_income == Decimal("1500.00")
    assert h.family_annual_income == Decimal("36000.00")
    assert h.medical_insurance == "城乡居民基本医疗保险"


def test_monthly_family_income_is_stored_as_a_year_and_said_so(ledger, tmp_path):
    head = ["姓名", "身份证号", "乡镇", "困难类别", "致困原因", "家庭月收入(元)"]
    first, second = ids(2)
    rows = [
        head,
        ["甲", first, "城关镇", "深度困难", "患重特大疾病", "1,500"],
        ["乙", second, "城关镇", "深度困难", "患重特大疾病", "800.50"],
    ]
    parsed, result = run(ledger, "households", write_xlsx(tmp_path / "r.xlsx", [("s", rows)]))
    assert result.inserted == 2, [r.message for r in result.rejected]
    incomes = {h.name: h.family_annual_income for h in households(ledger)}
    assert incomes == {"甲": Decimal("18000.00"), "乙": Decimal("9606.00")}
    (note,) = parsed.sheets[0].notes
    assert "家庭月收入" in note and "×12" in note and "家庭年总收入" in note


def test_a_bracketed_qualifier_is_read_before_it_is_dropped():
    # 次要 and 家庭 change what the column is: it must not become the bracket-less field.
    assert match_heading("households", "致困原因(次要)").field == "secondary_causes"
    assert match_heading("households", "致困原因（主要）").field == "main_cause"
    monthly = match_heading("households", "月收入(家庭)")
    assert (monthly.field, monthly.factor) == ("family_annual_income", 12)
    assert match_heading("members", "身份证号(户主)").field == "head_id_number"
    assert match_heading("members", "关系(是户主的)").field == "relation"
    # A qualifier that names nothing else is dropped as before.
    assert match_heading("households", "困难类别(深度/相对)").field == "hardship_class"
    assert match_heading("households", "户主身份证号码(18位)").field == "id_number"


def test_service_words_mean_what_the_sheet_is_about(ledger, tmp_path):
    rest = [
        ["驿站名称", "所属乡镇", "服务功能", "投用时间", "当前状态"],
        ["城关驿站", "城关镇", "饮水、热饭、休息桌椅", "2023-06-01", "正常运行"],
    ]
    parsed, result = run(ledger, "reststops", write_xlsx(tmp_path / "驿站.xlsx", [("s", rest)]))
    assert parsed.sheets[0].unknown_columns == []
    assert result.inserted == 1, [r.message for r in result.rejected]
    centre = [
        ["名称", "类型", "所属乡镇", "服务内容"],
        ["县职工服务中心", "县级职工服务中心", "城关镇", "困难帮扶、法律援助"],
    ]
    _, result = run(ledger, "stations", write_xlsx(tmp_path / "中心.xlsx", [("s", centre)]))
    assert result.inserted == 1, [r.message for r in result.rejected]
    found = {s.name: s for s in ledger.stations.rows(ledger.stations.search_ids(RecordQuery()))}
    stop, hall = found["城关驿站"], found["县职工服务中心"]
    assert set(stop.facilities) == {"饮水", "热饭(微波炉)", "休息桌椅"} and not stop.functions
    assert str(stop.built_date) == "2023-06-01" and stop.status == "运行"
    assert set(hall.functions) == {"困难帮扶", "法律援助"} and not hall.facilities


def test_opening_hours_of_24_hours_mark_the_stop_open_round_the_clock(ledger, tmp_path):
    rest = [
        ["驿站名称", "所属乡镇", "开放时间"],
        ["城关驿站", "城关镇", "24小时"],
        ["河口驿站", "城关镇", "全天24小时开放"],
        ["北街驿站", "城关镇", "8:00-18:00"],
    ]
    _, result = run(ledger, "reststops", write_xlsx(tmp_path / "驿站.xlsx", [("s", rest)]))
    assert result.inserted == 3, [r.message for r in result.rejected]
    found = {s.name: s for s in ledger.stations.rows(ledger.stations.search_ids(RecordQuery()))}
    assert found["城关驿站"].open_24h and found["河口驿站"].open_24h
    assert not found["北街驿站"].open_24h
    stated = [
        ["驿站名称", "所属乡镇", "开放时间", "是否24小时开放"],
        ["南街驿站", "城关镇", "24小时", "否"],
    ]
    _, result = run(ledger, "reststops", write_xlsx(tmp_path / "b.xlsx", [("s", stated)]))
    found = {s.name: s for s in ledger.stations.rows(ledger.stations.search_ids(RecordQuery()))}
    assert result.inserted == 1 and not found["南街驿站"].open_24h  # the sheet's own answer wins


def test_a_closed_file_is_not_filed_as_open(ledger, tmp_path):
    head = ["姓名", "身份证号", "乡镇", "困难类别", "致困原因", "当前状态"]
    open_one, closed_one = ids(2)
    rows = [
        head,
        ["甲", open_one, "城关镇", "深度困难", "患重特大疾病", "在档"],
        ["乙", closed_one, "城关镇", "深度困难", "患重特大疾病", "销档"],
    ]
    path = write_xlsx(tmp_path / "r.xlsx", [("s", rows)])
    _, result = run(ledger, "households", path)
    assert result.inserted == 1
    (refused,) = result.rejected
    assert refused.row.row == 3 and refused.first.field == "status"
    assert "已销档" in refused.message and "在档" in refused.message
    assert [h.name for h in households(ledger)] == ["甲"]
    # A file on record stays as it is, and a sheet saying otherwise is told so.
    again = [head, ["甲", open_one, "城关镇", "深度困难", "患重特大疾病", "已脱困"]]
    _, result = run(ledger, "households", write_xlsx(tmp_path / "again.xlsx", [("s", again)]))
    (refused,) = result.rejected
    assert refused.first.field == "status" and "已脱困" in refused.message
    assert households(ledger)[0].status == "在档"


def test_a_status_outside_the_list_is_refused_with_the_list(ledger, tmp_path):
    rows = [
        ["姓名", "身份证号", "乡镇", "困难类别", "致困原因", "档案状态"],
        ["甲", ids(1)[0], "城关镇", "深度困难", "患重特大疾病", "暂缓"],
    ]
    _, result = run(ledger, "households", write_xlsx(tmp_path / "r.xlsx", [("s", rows)]))
    (refused,) = result.rejected
    assert refused.first.field == "status" and "在档" in refused.message


def test_columns_not_read_are_reported_not_dropped(ledger, tmp_path):
    head = ["姓名", "身份证号", "乡镇", "困难类别", "致困原因", "家庭月人均收入", "家庭其他年收入",
            "联系电话", "手机"]  # fmt: skip
    row = ["甲", ids(1)[0], "城关镇", "深度困难", "患重特大疾病", 500, 3000, "13812345678", None]
    parsed, result = run(
        ledger, "households", write_xlsx(tmp_path / "r.xlsx", [("s", [head, row])])
    )
    assert result.inserted == 1
    sheet = parsed.sheets[0]
    assert sheet.unknown_columns == ["家庭其他年收入"]
    notes = "\n".join(sheet.notes)
    assert "家庭月人均收入" in notes and "不导入" in notes
    assert "手机" in notes and "联系电话" in notes


def test_the_command_line_summary_says_what_it_did_with_columns(capsys, db_url, tmp_path):
    import main

    rows = [
        ["姓名", "身份证号", "乡镇", "困难类别", "致困原因", "家庭月收入", "家庭月人均收入"],
        ["甲", ids(1)[0], "城关镇", "深度困难", "患重特大疾病", 1000, 300],
    ]
    path = write_xlsx(tmp_path / "r.xlsx", [("s", rows)])
    assert main.main(["--database-url", db_url, "import", "households", str(path)]) == 0
    out = capsys.readouterr().out
    assert "“家庭月收入”是月数，已×12记为“家庭年总收入(元)”" in out
    assert "“家庭月人均收入”由系统计算，不导入" in out


def test_a_roster_of_closed_and_lifted_files_re_imports_unchanged(ledger, tmp_path):
    import datetime as dt

    from reports.excel.export import export_kind
    from tests.models.factories import household_values

    svc = ledger.households
    kept, lifted, closed = (
        svc.create(household_values(name=name, id_number=number))
        for name, number in zip(("甲", "乙", "丙"), ids(3), strict=True)
    )
    svc.change_status(lifted.id, "脱困", date=dt.date.today(), reason="就业", route="就业创业")
    svc.change_status(closed.id, "销档", date=dt.date.today(), reason="调离")
    out = tmp_path / "花名册.xlsx"
    assert export_kind(ledger, "households", out, unmask=True) == 3
    parsed, result = run(ledger, "households", out)
    assert result.rejected == [] and result.unchanged == 3
    assert {h.name: h.status for h in households(ledger)} == {
        "甲": "在档", "乙": "已脱困", "丙": "已销档"
    }  # fmt: skip


def test_a_group_heading_over_start_and_end_keeps_both_dates(ledger, tmp_path):
    rows = [
        ["活动名称", "活动类别", "活动时间", None, "参与人数"],
        [None, None, "开始", "结束", None],
        ["职工运动会", "职工文化", "2025-05-01", "2025-05-03", 500],
    ]

    def merge(book: Any, ws: Any) -> None:
        ws.merge_cells("C1:D1")
        for column in "ABE":
            ws.merge_cells(f"{column}1:{column}2")

    path = write_xlsx(tmp_path / "活动.xlsx", [("s", rows)], prepare=merge)
    parsed, result = run(ledger, "activities", path)
    assert parsed.sheets[0].unknown_columns == []
    assert result.inserted == 1, [r.message for r in result.rejected]
    (activity,) = ledger.activities.rows(ledger.activities.search_ids(RecordQuery()))
    assert (str(activity.start_date), str(activity.end_date)) == ("2025-05-01", "2025-05-03")
