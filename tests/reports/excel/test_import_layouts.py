"""Import of the layouts townships really send: titles, two-row headers, merges, footers, CSV …"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl.styles import PatternFill

from models.services import HouseholdQuery, RecordQuery
from reports.excel.parse import parse_workbook
from reports.excel.reading import open_workbook
from tests.reports.excel.messy import (
    HEAD,
    ids,
    people,
    rewrite_part,
    set_cached_value,
    write_csv,
    write_xlsx,
)


def run(
    ledger: Any, kind: str, path: Path, *, dry_run: bool = False, sheets: list[str] | None = None
):
    with open_workbook(path) as book:
        parsed = parse_workbook(kind, book, sheets)
        result = ledger.imports.apply(kind, parsed.rows, file_name=path.name, dry_run=dry_run)
    return parsed, result


def households(ledger: Any) -> list[Any]:
    svc = ledger.households
    return svc.rows(svc.search_ids(HouseholdQuery(sort="id")))


def test_title_unit_lines_total_and_footer_are_skipped(ledger, tmp_path):
    rows = [
        ["XX县总工会2024年困难职工花名册"],
        ["填报单位：城关镇工会", None, None, None, None, "填报日期：2024年12月31日"],
        HEAD,
        *people(3),
        [None, None, None, None],  # blank
        [4],  # pre-numbered row holding only a 序号
        [5, None, None],
        ["合计", None, None, None, None, None, "3,600.00"],
        ["单位负责人：张三", None, "审核人：李四", None, "填表人：王五"],
        ["说明：本表由乡镇工会填报"],
    ]
    path = write_xlsx(
        tmp_path / "roster.xlsx",
        [("花名册", rows)],
        prepare=lambda book, ws: ws.merge_cells("A1:H1"),
    )
    parsed, result = run(ledger, "households", path)
    assert [(s.name, s.header_row, s.unknown_columns) for s in parsed.sheets] == [("花名册", 3, [])]
    assert (result.rows_read, result.inserted, result.rejected) == (3, 3, [])
    found = households(ledger)
    assert {h.hardship_class for h in found} == {"深度困难"}  # 深度困难职工 → 深度困难
    assert {h.monthly_income for h in found} == {Decimal("1200.00")}
    assert {h.filed_date for h in found} == {dt.date(2024, 3, 1)}


def test_two_row_header_with_merged_groups_and_units(ledger, tmp_path):
    top = ["序号", "户主信息", None, None, "家庭收入情况", None, "困难类别", "主要致困原因"]
    sub = [
        None,
        "姓名",
        "公民身份号码",
        "乡镇(街道)",
        "月收入(元)",
        "家庭年总收入（万元）",
        None,
        None,
    ]
    data = [[1, "王芳", ids(1)[0], "东关街道", 1500, 2.4, "相对困难", "下岗失业"]]

    def merge(book, ws):
        ws.merge_cells("A1:A2")
        ws.merge_cells("B1:D1")
        ws.merge_cells("E1:F1")
        ws.merge_cells("G1:G2")
        ws.merge_cells("H1:H2")

    path = write_xlsx(tmp_path / "two.xlsx", [("Sheet1", [top, sub, *data])], prepare=merge)
    parsed, result = run(ledger, "households", path)
    assert parsed.sheets[0].header_row == 2
    assert result.inserted == 1, [r.message for r in result.rejected]
    (h,) = households(ledger)
    assert (h.name, h.township, h.hardship_class) == ("王芳", "东关街道", "相对困难")
    assert h.family_annual_income == Decimal("24000.00")  # 2.4 万元
    assert h.monthly_income == Decimal("1500.00")


def test_merged_data_cells_apply_to_every_row_they_span(ledger, tmp_path):
    rows = [HEAD, *people(3)]
    rows[1][3] = "北山镇"
    for row in rows[2:]:
        row[3] = None

    path = write_xlsx(
        tmp_path / "m.xlsx", [("s", rows)], prepare=lambda b, ws: ws.merge_cells("D2:D4")
    )
    _, result = run(ledger, "households", path)
    assert result.inserted == 3
    assert {h.township for h in households(ledger)} == {"北山镇"}


def test_hidden_rows_and_columns_are_data_and_formula_values_are_cached(ledger, tmp_path):
    head = [*HEAD, "家庭年总收入(元)"]
    rows = [head, *[[*r, None] for r in people(3)]]
    rows[1][-1] = "=G2*12"

    def hide(book, ws):
        ws.row_dimensions[3].hidden = True
        ws.column_dimensions["C"].hidden = True

    path = write_xlsx(tmp_path / "h.xlsx", [("s", rows)], prepare=hide)
    set_cached_value(path, "I2", "14400")
    _, result = run(ledger, "households", path)
    assert result.inserted == 3
    incomes = [h.family_annual_income for h in households(ledger)]
    assert Decimal("14400.00") in incomes
    assert incomes.count(None) == 2  # the blank cells stay blank


def test_every_data_sheet_is_read_and_other_sheets_skipped(ledger, tmp_path):
    path = write_xlsx(
        tmp_path / "multi.xlsx",
        [
            ("填表说明", [["请按下列要求填写"], ["1. 身份证号用文本格式"]]),
            ("城关镇", [HEAD, *people(2)]),
            ("汇总", [["乡镇", "户数"], ["城关镇", 2]]),
            ("东关街道", [["东关街道困难职工名单"], HEAD, *people(2, start=10)]),
            ("下拉选项", [["深度困难", "相对困难"], ["男", "女"]]),
        ],
    )
    parsed, result = run(ledger, "households", path)
    assert [(s.name, s.header_row) for s in parsed.sheets] == [("城关镇", 1), ("东关街道", 2)]
    assert set(parsed.skipped_sheets) == {"填表说明", "汇总", "下拉选项"}
    assert result.inserted == 4
    _, only = run(ledger, "households", path, dry_run=True, sheets=["城关镇"])
    assert only.unchanged == 2 and only.rows_read == 2


def test_stated_dimension_is_not_trusted(ledger, tmp_path):
    path = write_xlsx(tmp_path / "dim.xlsx", [("s", [HEAD, *people(5)])])
    rewrite_part(
        path, "xl/worksheets/sheet1.xml", lambda x: x.replace('ref="A1:H6"', 'ref="A1:B2"')
    )
    _, result = run(ledger, "households", path)
    assert result.inserted == 5


def test_repeated_header_rows_and_unknown_columns(ledger, tmp_path):
    head = [*HEAD, "微信号", "家庭情况简述"]
    rows = [
        head,
        *[[*r, "wx", "无"] for r in people(2)],
        head,
        *[[*r, "", ""] for r in people(2, 5)],
    ]
    parsed, result = run(ledger, "households", write_xlsx(tmp_path / "r.xlsx", [("s", rows)]))
    assert parsed.sheets[0].unknown_columns == ["微信号", "家庭情况简述"]
    assert (result.rows_read, result.inserted) == (4, 4)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_every_encoding(ledger, tmp_path, encoding):
    path = write_csv(tmp_path / "名单.csv", [HEAD, *people(3)], encoding)
    parsed, result = run(ledger, "households", path)
    assert parsed.sheets[0].header_row == 1
    assert result.inserted == 3, [r.message for r in result.rejected]
    assert {h.name for h in households(ledger)} == {"职工0", "职工1", "职工2"}


def test_csv_rows_are_record_numbers(ledger, tmp_path):
    rows = [HEAD, *people(2)]
    rows[2][2] = "4.11602E+17"
    path = write_csv(tmp_path / "x.csv", rows, "utf-8")
    _, result = run(ledger, "households", path)
    (rejected,) = result.rejected
    assert (rejected.row.row, rejected.code) == (3, "id_precision_lost")


def test_id_typed_as_number_is_refused_never_guessed(ledger, tmp_path):
    rows = [HEAD, *people(2)]
    rows[1][2] = float(rows[1][2][:17] + "0")  # what Excel keeps of an 18-digit number
    _, result = run(ledger, "households", write_xlsx(tmp_path / "n.xlsx", [("s", rows)]))
    assert result.inserted == 1
    (rejected,) = result.rejected
    assert rejected.code == "id_precision_lost" and rejected.row.row == 2
    assert "文本" in rejected.message


def test_values_in_every_common_form(ledger, tmp_path):
    head = ["姓名", "身份证号", "乡镇", "困难类别", "致困原因", "次要致困原因", "月收入", "家庭年收入",
            "建档日期", "手机号", "是否单亲"]  # fmt: skip
    rows = [
        head,
        ["Ａ　甲", ids(1)[0], "城关镇", "低保户", "患重特大疾病", "子女上学、下岗失业",
         "1200元", "￥24,000", 45352, "138 1234 5678", "√"],
        ["乙", ids(2)[1], "城关镇", "深度困难", "其他", "子女上学/无劳动能力",
         800.5, "2万元", "2024.3.1", "+86 13912345678", "否"],
    ]  # fmt: skip
    _, result = run(ledger, "households", write_xlsx(tmp_path / "v.xlsx", [("s", rows)]))
    assert result.inserted == 2, [r.message for r in result.rejected]
    first, second = sorted(households(ledger), key=lambda h: h.id)
    assert first.name == "A 甲" and first.hardship_class == "深度困难"
    assert first.hardship_class_original == "低保户"
    assert first.secondary_causes == ("子女上学", "下岗失业")
    assert (first.monthly_income, first.family_annual_income) == (
        Decimal("1200.00"),
        Decimal("24000.00"),
    )
    assert first.filed_date == dt.date(2024, 3, 1)  # Excel serial 45352
    assert first.phone == "13812345678" and first.single_parent is True
    assert second.family_annual_income == Decimal("20000.00")
    assert second.phone == "13912345678" and second.filed_date == dt.date(2024, 3, 1)


def test_bad_values_are_rejected_with_codes(ledger, tmp_path):
    good = ids(6)
    rows = [
        HEAD,
        [
            1,
            "甲",
            good[0][:17] + ("0" if good[0][17] != "0" else "1"),
            "城关镇",
            "深度困难",
            "其他",
            1,
            "2024-01-01",
        ],
        [2, "乙", good[1][:16], "城关镇", "深度困难", "其他", 1, "2024-01-01"],
        [3, "丙", good[2], "城关镇", "很困难", "其他", 1, "2024-01-01"],
        [4, "丁", good[3], "城关镇", "深度困难", "其他", "约一千", "2024-01-01"],
        [5, "戊", good[4], "城关镇", "深度困难", "其他", 1, "2024年13月1日"],
        [6, "己", good[5], None, "深度困难", "其他", 1, "2024-01-01"],
    ]
    _, result = run(ledger, "households", write_xlsx(tmp_path / "bad.xlsx", [("s", rows)]))
    codes = [(r.row.row, r.code, r.first.field) for r in result.rejected]
    assert codes == [
        (2, "id_checksum", "id_number"),
        (3, "id_length", "id_number"),
        (4, "invalid_choice", "hardship_class"),
        (5, "amount_unparseable", "monthly_income"),
        (6, "date_unparseable", "filed_date"),
        (7, "missing_required", "township"),
    ]
    choice = result.rejected[2].message
    assert "深度困难、相对困难、意外致困" in choice  # the allowed values are named
    assert result.inserted == 0


def test_duplicates_inside_the_file_first_wins(ledger, tmp_path):
    rows = [HEAD, *people(3)]
    rows.append(list(rows[2]))
    _, result = run(ledger, "households", write_xlsx(tmp_path / "d.xlsx", [("s", rows)]))
    assert result.inserted == 3
    (dup,) = result.rejected
    assert dup.code == "duplicate_in_file" and dup.row.row == 5
    assert "第3行" in dup.message


def test_reimport_changes_nothing_and_updates_are_detected(ledger, tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", [("s", [HEAD, *people(4)])])
    _, first = run(ledger, "households", path)
    assert first.inserted == 4 and first.batch_id is not None
    audit_before = ledger.audit.count()
    _, again = run(ledger, "households", path)
    assert (again.unchanged, again.inserted, again.updated, again.batch_id) == (4, 0, 0, None)
    assert ledger.audit.count() == audit_before
    rows = [HEAD, *people(4)]
    rows[2][6] = "1,500"
    _, changed = run(ledger, "households", write_xlsx(tmp_path / "b.xlsx", [("s", rows)]))
    assert (changed.updated, changed.unchanged) == (1, 3)


def test_dry_run_writes_nothing(ledger, tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", [("s", [HEAD, *people(4)])])
    _, preview = run(ledger, "households", path, dry_run=True)
    assert preview.inserted == 4 and preview.batch_id is None and preview.dry_run
    assert households(ledger) == [] and ledger.audit.count() == 0
    assert ledger.imports.batches() == []


def test_members_and_assistance_need_a_filed_household(ledger, tmp_path):
    head_id = ids(1)[0]
    run(ledger, "households", write_xlsx(tmp_path / "h.xlsx", [("s", [HEAD, *people(1)])]))
    stranger = ids(1, start=50)[0]
    member_rows = [
        ["户主身份证号", "姓名", "与户主关系", "身份证号", "人员身份"],
        [head_id, "李四", "配偶", ids(1, start=60)[0], "灵活就业"],
        [stranger, "赵六", "子女", None, "学生"],
    ]
    _, members = run(ledger, "members", write_xlsx(tmp_path / "m.xlsx", [("s", member_rows)]))
    assert members.inserted == 1
    assert [r.code for r in members.rejected] == ["unknown_household"]
    aid_rows = [
        ["身份证号", "姓名", "帮扶日期", "帮扶类别", "金额", "资金来源"],
        [head_id, "职工0", "2024-01-20", "送温暖", "500元", "本级工会经费"],
        [stranger, "某人", "2024-01-20", "送温暖", 500, "本级工会经费"],
    ]
    _, aid = run(ledger, "assistance", write_xlsx(tmp_path / "a.xlsx", [("s", aid_rows)]))
    assert aid.inserted == 1 and [r.code for r in aid.rejected] == ["unknown_household"]
    _, aid_again = run(ledger, "assistance", write_xlsx(tmp_path / "a.xlsx", [("s", aid_rows)]))
    assert aid_again.unchanged == 1 and aid_again.inserted == 0


def test_stations_reststops_usage_and_activities(ledger, tmp_path):
    stations = [
        ["名称", "乡镇", "地址", "经度", "纬度", "面积", "投入资金（万元）", "设施"],
        [
            "城关驿站",
            "城关镇",
            "人民路1号",
            "113°37'31\"E",
            "34.7466",
            "20㎡",
            3,
            "饮水、微波炉、桌椅",
        ],
    ]
    _, result = run(ledger, "reststops", write_xlsx(tmp_path / "s.xlsx", [("s", stations)]))
    assert result.inserted == 1, [r.message for r in result.rejected]
    (station,) = ledger.stations.rows(ledger.stations.search_ids(RecordQuery()))
    assert station.station_type == "户外劳动者服务站点"
    assert station.investment == Decimal("30000.00") and station.area == Decimal("20.00")
    assert station.longitude == Decimal("113.625278")
    usage = [
        ["站点名称", "月份", "服务人次"],
        ["城关驿站", "2025年3月", "1,200人次"],
        ["城关驿站", "2025-03", 5],
    ]
    _, used = run(ledger, "usage", write_xlsx(tmp_path / "u.xlsx", [("s", usage)]))
    assert used.inserted == 1 and [r.code for r in used.rejected] == ["duplicate_in_file"]
    activities = [
        ["活动名称", "活动类别", "开始日期", "参与人数", "依托阵地"],
        ["夏送清凉", "夏送清凉", "2025-07-01", "300人", "城关驿站"],
        ["+职工读书会", "职工文化", "2025-07-02", 10, None],
    ]
    _, acts = run(ledger, "activities", write_xlsx(tmp_path / "act.xlsx", [("s", activities)]))
    assert acts.inserted == 2, [r.message for r in acts.rejected]


def test_legacy_xls_is_read(ledger, tmp_path):
    import shutil
    import subprocess

    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is needed to make an .xls file")
    path = write_xlsx(
        tmp_path / "old.xlsx",
        [("s", [["标题"], HEAD, *people(2)])],
        prepare=lambda b, ws: (ws.merge_cells("A1:H1"), setattr(ws["A1"], "fill", PatternFill())),
    )
    subprocess.run(
        [office, "--headless", "--convert-to", "xls", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    parsed, result = run(ledger, "households", tmp_path / "old.xls")
    assert parsed.sheets[0].header_row == 2
    assert result.inserted == 2


def test_table_starting_away_from_a1_keeps_excel_row_numbers(ledger, tmp_path):
    def place(book, ws):
        for r, row in enumerate([HEAD, *people(2)], start=5):
            for c, value in enumerate(row, start=3):
                ws.cell(r, c, value)
        ws.cell(7, 5, "12345")  # a bad ID in Excel row 7

    parsed, result = run(
        ledger, "households", write_xlsx(tmp_path / "off.xlsx", [("s", [])], prepare=place)
    )
    assert parsed.sheets[0].header_row == 5
    assert result.inserted == 1 and [(r.row.row, r.code) for r in result.rejected] == [
        (7, "id_length")
    ]
