"""花名册 exports, templates and 统计表: layout, masking, neutralised text, and the round trip."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
from decimal import Decimal

import openpyxl
import pytest

import main
from models.errors import PermissionDenied
from models.services import Actor
from reports.excel.export import export_kind
from reports.excel.parse import parse_workbook
from reports.excel.reading import open_workbook
from reports.excel.templates import write_template
from tests.models.factories import household_values, id_number

KINDS = ("households", "members", "assistance", "stations", "reststops", "usage", "activities")


@pytest.fixture
def filled(ledger):
    ledger.settings.set_org_name("示例县总工会")
    hh = ledger.households
    first = hh.create(household_values(
        phone="13812345678", bank_card="6228480402564890018", secondary_causes="子女上学",
        monthly_income="1200.5", remarks="=1+1 不是公式", hardship_class="低保户",
    ))  # fmt: skip
    second = hh.create(household_values(name="李梅", township="东关街道", address="-3号院"))
    hh.add_member(first.id, {"name": "张小明", "relation": "子女", "id_number": id_number(dt.date(2010, 1, 1)),
                             "identity": "学生", "school": "城关一中"})  # fmt: skip
    hh.add_member(second.id, {"name": "李老", "relation": "父母", "identity": "退休"})
    aid = {"date": "2024-01-20", "category": "送温暖慰问", "cash": "500", "goods": "米、油",
           "goods_value": "150", "funding_source": "本级工会经费"}  # fmt: skip
    hh.add_assistance(first.id, aid)
    station = ledger.stations.create({
        "name": "城关驿站", "station_type": "户外劳动者服务站点", "township": "城关镇",
        "longitude": "113.625278", "latitude": "34.7466", "area": "20", "investment": "30000",
        "facilities": "饮水、空调", "built_date": "2023-06-01", "phone": "0371-12345678",
    })  # fmt: skip
    ledger.stations.create({"name": "县职工服务中心", "station_type": "县级职工服务中心", "township": "城关镇",
                            "functions": "困难帮扶、法律援助"})  # fmt: skip
    ledger.stations.set_usage(station.id, {"month": "2024-03", "visits": 1200})
    ledger.stations.set_usage(station.id, {"month": "2024-04", "visits": 900, "remarks": "@备注"})
    ledger.activities.create({"name": "夏送清凉", "category": "夏送清凉", "start_date": "2024-07-01",
                              "participants": 300, "cash": "20000", "station_id": station.id,
                              "township": "城关镇"})  # fmt: skip
    ledger.activities.create({"name": "+职工读书会", "category": "职工文化", "start_date": "2024-08-01",
                              "trainees": 40})  # fmt: skip
    return ledger


def test_roster_layout(filled, tmp_path):
    out = tmp_path / "花名册.xlsx"
    assert export_kind(filled, "households", out) == 2
    ws = openpyxl.load_workbook(out)["花名册"]
    assert ws["A1"].value == "示例县总工会困难职工档案花名册" and ws["A1"].font.bold
    assert "A1:" in str(ws.merged_cells)
    assert ws["A2"].value == "填报单位：示例县总工会"
    assert any(str(c.value).startswith("填报日期：") for c in ws[2] if c.value)
    header = [c.value for c in ws[3]]
    assert header[:3] == ["档案编号", "户主姓名", "性别"] and all(c.font.bold for c in ws[3])
    assert ws.freeze_panes == "A4"
    col = {name: i for i, name in enumerate(header)}
    data = list(ws.iter_rows(min_row=4, max_row=5))
    first = next(r for r in data if r[col["户主姓名"]].value == "张建国")
    id_cell = first[col["身份证号"]]
    assert id_cell.data_type == "s" and id_cell.number_format == "@" and "********" in id_cell.value
    assert first[col["手机号码"]].value == "138****5678"
    assert first[col["建档日期"]].is_date and first[col["建档日期"]].value.date() == dt.date(
        2023, 3, 1
    )
    assert first[col["本人月收入(元)"]].number_format == "#,##0.00"
    assert first[col["本人月收入(元)"]].value == pytest.approx(1200.5)
    remark = first[col["备注"]]
    assert remark.data_type == "s" and remark.value == "=1+1 不是公式" and remark.quotePrefix
    total = ws[6]
    assert total[0].value == "合计（2条）" and total[col["家庭人口"]].value == 6
    assert "单位负责人" in ws[8][0].value and "填表人" in ws[8][0].value
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    # fitToWidth left out means 1 (the OOXML default); fitToHeight 0 lets the pages run on.
    assert (ws.page_setup.fitToWidth or 1) == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_options.gridLines
    assert ws.print_title_rows == "$1:$3"
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"


def test_unmask_needs_permission_and_is_audited(filled, tmp_path):
    clerk = filled.as_actor(Actor("录入员甲", "clerk", "录入员"))
    with pytest.raises(PermissionDenied):
        export_kind(clerk, "households", tmp_path / "x.xlsx", unmask=True)
    assert not (tmp_path / "x.xlsx").exists()
    before = filled.audit.count()
    export_kind(filled, "households", tmp_path / "full.xlsx", unmask=True)
    assert filled.audit.count() == before + 1
    (entry,) = filled.audit.rows(
        filled.audit.search_ids(
            __import__("models.services.audit", fromlist=["AuditQuery"]).AuditQuery(
                action="export_unmasked"
            )
        )
    )
    assert "full.xlsx" in entry.entity_label
    ws = openpyxl.load_workbook(tmp_path / "full.xlsx").active
    values = [c.value for row in ws.iter_rows(min_row=4) for c in row]
    assert "6228480402564890018" in values and "13812345678" in values


@pytest.mark.parametrize("kind", KINDS)
def test_round_trip_reports_everything_unchanged(filled, tmp_path, kind):
    for unmask in (False, True):
        out = tmp_path / f"{kind}-{unmask}.xlsx"
        written = export_kind(filled, kind, out, unmask=unmask)
        assert written > 0
        with open_workbook(out) as book:
            parsed = parse_workbook(kind, book)
            result = filled.imports.apply(kind, parsed.rows, file_name=out.name)
        assert parsed.sheets[0].unknown_columns == []
        assert result.rejected == [], [r.message for r in result.rejected]
        assert (result.rows_read, result.unchanged, result.inserted, result.updated) == (
            written,
            written,
            0,
            0,
        )


def test_filters(filled, tmp_path):
    assert export_kind(filled, "households", tmp_path / "a.xlsx", township="东关街道") == 1
    assert export_kind(filled, "households", tmp_path / "b.xlsx", status="已销档") == 0
    assert export_kind(filled, "assistance", tmp_path / "c.xlsx", year=2023) == 0
    assert export_kind(filled, "usage", tmp_path / "d.xlsx", year=2024) == 2
    assert export_kind(filled, "reststops", tmp_path / "e.xlsx") == 1


def test_libreoffice_opens_the_export(filled, tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice not installed")
    out = tmp_path / "花名册.xlsx"
    export_kind(filled, "households", out, unmask=True)
    utf8_csv = "csv:Text - txt - csv (StarCalc):44,34,76"  # comma, double quote, UTF-8
    subprocess.run([office, "--headless", "--convert-to", utf8_csv, "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180)  # fmt: skip
    rows = list(csv.reader((tmp_path / "花名册.csv").open(encoding="utf-8")))
    assert rows[0][0] == "示例县总工会困难职工档案花名册"
    people = {r[1]: r for r in rows[3:5]}
    header = rows[2]
    zhang = people["张建国"]
    assert zhang[header.index("银行卡号")] == "6228480402564890018"
    assert zhang[header.index("建档日期")] == "2023-03-01"
    assert zhang[header.index("本人月收入(元)")] == "1,200.50"
    assert zhang[header.index("备注")] == "=1+1 不是公式"
    assert rows[5][0] == "合计（2条）"
    # …and LibreOffice's CSV of it re-imports unchanged.
    with open_workbook(tmp_path / "花名册.csv") as book:
        result = filled.imports.apply(
            "households", parse_workbook("households", book).rows, file_name="x.csv"
        )
    assert (result.unchanged, result.rejected) == (2, [])


@pytest.mark.parametrize("kind", KINDS)
def test_template(tmp_path, kind):
    out = write_template(kind, tmp_path / f"{kind}.xlsx", org_name="示例县总工会")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "填写说明" and book["选项"].sheet_state == "hidden"
    ws = book.worksheets[1]
    header = [c.value for c in ws[1]]
    from models.fields import FIELDS_BY_KIND

    assert set(header) <= set(FIELDS_BY_KIND[kind].values())
    assert ws[2][0].value is not None or any(c.value for c in ws[2])  # the example row
    validated = {
        str(rng).split(":")[0].rstrip("0123456789")
        for dv in ws.data_validations.dataValidation
        for rng in dv.sqref.ranges
    }
    if kind == "households":
        letters = {h: openpyxl.utils.get_column_letter(i + 1) for i, h in enumerate(header)}
        for label in ("性别", "民族", "困难类别", "主要致困原因", "工作状态", "是否单亲"):
            assert letters[label] in validated, label
        assert "次要致困原因" not in [h for h, letter in letters.items() if letter in validated]
        assert ws[f"{letters['身份证号']}5"].number_format == "@"
        assert ws[f"{letters['手机号码']}5"].number_format == "@"
        assert "文本" in book["填写说明"]["A5"].value
    # A clerk's filled-in template imports (header found, nothing unknown).
    with open_workbook(out) as wb:
        parsed = parse_workbook(kind, wb)
    assert parsed.sheets[0].unknown_columns == []


def test_stats_sheets(filled, tmp_path):
    out = tmp_path / "统计表.xlsx"
    code = main.main(
        ["--database-url", filled.db.url, "export", "stats", str(out), "--year", "2024"]
    )
    assert code == 0
    book = openpyxl.load_workbook(out)
    tables = {ws["A1"].value: ws for ws in book.worksheets}
    aid = next(ws for title, ws in tables.items() if "帮扶资金" in title)
    header = [c.value for c in aid[3]]
    assert header == ["乡镇(街道)", "送温暖慰问", "合计"]
    assert [c.value for c in aid[4]] == ["城关镇", 650, 650]
    usage = next(ws for title, ws in tables.items() if "服务人次" in title)
    assert [c.value for c in usage[5]] == ["合计", 2100, 2100]
    assert Decimal(str(aid[5][2].value)) == Decimal("650")


def test_more_records_than_a_sheet_holds_continue_on_the_next(filled, tmp_path, monkeypatch):
    from reports.excel import export

    monkeypatch.setattr(export, "SHEET_ROWS", 1)  # the real limit is Excel's 1,048,576 rows
    out = tmp_path / "分表.xlsx"
    assert export_kind(filled, "households", out) == 2
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["花名册", "花名册（2）"]
    first, second = book.worksheets
    assert [c.value for c in first[3]] == [c.value for c in second[3]]  # header on each sheet
    assert first.max_row == 4 and second[5][0].value == "合计（2条）"
    with open_workbook(out) as wb:
        parsed = parse_workbook("households", wb)
        result = filled.imports.apply("households", parsed.rows, file_name=out.name)
    assert (result.rows_read, result.unchanged, result.rejected) == (2, 2, [])


def test_risky_text_is_never_a_formula_in_the_file(filled, tmp_path):
    """In the sheet XML itself: no <f> element anywhere, the risky text is a plain string."""
    import zipfile

    out = tmp_path / "活动.xlsx"
    export_kind(filled, "activities", out)
    with zipfile.ZipFile(out) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "+职工读书会" in xml
    ws = openpyxl.load_workbook(out).active
    cell = next(c for row in ws.iter_rows(min_row=4) for c in row if c.value == "+职工读书会")
    assert cell.data_type == "s" and cell.quotePrefix


def test_error_workbook_keeps_risky_text_as_text(tmp_path):
    from models.errors import InvalidIdNumber
    from models.services.imports import ImportRow, Rejection
    from reports.excel.error_workbook import write_error_workbook
    from reports.excel.layout import Header

    row = ImportRow(
        sheet="城关镇", row=5, values={}, columns={"id_number": 1, "remarks": 2},
        source=["张三", "4116021990", "=HYPERLINK(\"http://x\")", dt.date(2024, 3, 1), 12.5],
    )  # fmt: skip
    problem = InvalidIdNumber("4116021990", "应为18位", "id_length")
    header = Header(3, {}, {0: "姓名", 1: "身份证号", 2: "备注", 3: "建档日期", 4: "金额"})
    out = tmp_path / "错误.xlsx"
    assert write_error_workbook(out, [Rejection(row, [problem])], {"城关镇": header}) == 1
    ws = openpyxl.load_workbook(out)["城关镇"]
    assert [c.value for c in ws[1]] == [
        "姓名",
        "身份证号",
        "备注",
        "建档日期",
        "金额",
        "错误原因",
        "原行号",
    ]
    cells = ws[2]
    assert cells[1].number_format == "@" and "应为18位" in cells[1].comment.text
    assert cells[1].fill.fgColor.rgb.endswith("FFC7CE")
    assert cells[2].data_type == "s" and cells[2].quotePrefix
    assert cells[3].is_date and cells[4].value == 12.5
    assert "身份证号" in cells[5].value and cells[6].value == 5


def test_a_file_held_open_by_excel_gives_a_chinese_message_and_no_leftovers(
    filled, tmp_path, monkeypatch
):
    from models import saving
    from models.errors import InvalidValue

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(saving.os, "replace", locked)
    folder = tmp_path / "导出"
    folder.mkdir()
    with pytest.raises(InvalidValue) as caught:
        export_kind(filled, "households", folder / "花名册.xlsx")
    assert "Excel 或 WPS 打开" in caught.value.message
    assert list(folder.iterdir()) == []  # neither the file nor the temporary one


def test_a_folder_that_cannot_be_written_gives_a_chinese_message(filled, tmp_path, monkeypatch):
    from xlsxwriter import Workbook

    from models.errors import InvalidValue

    def refused(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Workbook, "_store_workbook", refused)  # what close() does on a real disk
    folder = tmp_path / "只读"
    folder.mkdir()
    with pytest.raises(InvalidValue) as caught:
        export_kind(filled, "households", folder / "花名册.xlsx")
    assert "换一个位置" in caught.value.message
    assert list(folder.iterdir()) == []
