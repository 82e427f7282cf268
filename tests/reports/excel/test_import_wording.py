"""How a township words a descriptive value never costs the clerk a row (issue 10).

The sheets below are written the way township clerks write them (issue 10, DOMAIN.md §5 and the
sources of tests/models/test_wording.py): 因病 for 患重特大疾病, 交通运输业 for the GB/T 4754 name,
肢体四级 in one cell, several causes in one cell, 县总拨付 for a funding source.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from models.services import HouseholdQuery, RecordQuery
from models.wording import OfficeVocabulary
from reports.excel.export import export_kind
from reports.excel.parse import parse_workbook
from reports.excel.reading import open_workbook
from tests.models.factories import household_values
from tests.reports.excel.messy import ids, write_xlsx


def run(ledger: Any, kind: str, path: Path, **parse: Any) -> tuple[Any, Any]:
    with open_workbook(path) as book:
        parsed = parse_workbook(kind, book, **parse)
        result = ledger.imports.apply(kind, parsed.rows, file_name=path.name)
    return parsed, result


def households(ledger: Any) -> dict[str, Any]:
    svc = ledger.households
    return {h.name: h for h in svc.rows(svc.search_ids(HouseholdQuery(sort="id")))}


ROSTER_HEAD = ["姓名", "身份证号", "乡镇", "困难类别", "致困原因", "所属行业", "住房情况",
               "残疾", "政治面貌", "医保"]  # fmt: skip


def township_roster(tmp_path: Path) -> Path:
    a, b, c, d, e = ids(5)
    rows = [
        ROSTER_HEAD,
        ["王　芳", a, "城关镇", "深度困难", "因病", "交通运输业", "借住亲戚家", None, "预备党员",
         "城镇职工医疗保险"],
        ["李强", b, "城关镇", "相对困难", "因学", "教育系统", "自有住房", "肢体四级", "群众", None],
        ["赵敏", c, "城关镇", "深度困难", "单亲", "制造业", "住在桥洞下", None, None, None],
        ["刘静", d, "城关镇", "意外致困", "患重特大疾病、子女上学", "不详", None, None, None, None],
        ["陈伟", e, "城关镇", "深度困难", "因病", "制造业", None, None, None, None],
    ]  # fmt: skip
    return write_xlsx(tmp_path / "城关镇花名册.xlsx", [("花名册", rows)])


def test_a_roster_in_the_townships_own_words_is_imported_whole(ledger, tmp_path):
    parsed, result = run(ledger, "households", township_roster(tmp_path))
    assert result.rejected == [] and result.inserted == 5
    found = households(ledger)
    wang, li, zhao, liu = found["王芳"], found["李强"], found["赵敏"], found["刘静"]
    assert (wang.main_cause, wang.industry, wang.housing_type) == (
        "患重特大疾病", "交通运输、仓储和邮政业", "借住"
    )  # fmt: skip
    assert (wang.political_status, wang.medical_insurance) == ("中共党员", "城镇职工基本医疗保险")
    assert (li.main_cause, li.industry) == ("子女上学", "教育")
    assert (li.disability_kind, li.disability_grade) == ("肢体", "四级")
    assert (zhao.main_cause, zhao.single_parent, zhao.housing_type) == ("其他", True, "其他")
    assert (liu.main_cause, liu.secondary_causes, liu.industry) == (
        "患重特大疾病", ("子女上学",), None
    )  # fmt: skip
    # What the township wrote stays on the record, beside the value it became.
    assert dict(wang.original_wording) == {
        "main_cause": "因病", "industry": "交通运输业", "housing_type": "借住亲戚家",
        "political_status": "预备党员", "medical_insurance": "城镇职工医疗保险",
    }  # fmt: skip
    assert zhao.original_wording["housing_type"] == "住在桥洞下"
    assert liu.original_wording["industry"] == "不详"
    assert dict(found["陈伟"].original_wording) == {"main_cause": "因病"}
    # Every wording that was not the list's own is counted, with what it became and how.
    mapped = {(m["field"], m["value"]): m for m in parsed.wording.mapped()}
    assert mapped[("main_cause", "因病")] == {
        "field": "main_cause", "value": "因病", "to": "患重特大疾病", "count": 2, "how": "synonym"
    }  # fmt: skip
    assert mapped[("industry", "交通运输业")]["how"] == "fuzzy"
    assert mapped[("housing_type", "住在桥洞下")] | {"count": 0} == {
        "field": "housing_type", "value": "住在桥洞下", "to": "其他", "count": 0, "how": "other"
    }  # fmt: skip
    assert mapped[("industry", "不详")]["to"] == ""
    assert ("industry", "制造业") not in mapped


def test_strict_and_required_wording_is_refused_and_offered_for_mapping(ledger, tmp_path):
    a, b, c = ids(3)
    rows = [
        ["姓名", "身份证号", "乡镇", "困难类别", "致困原因", "性别", "民族"],
        ["甲", a, "城关镇", "特别困难", "因病", None, None],
        ["乙", b, "城关镇", "深度困难", "因病", "不详", None],
        ["丙", c, "城关镇", "深度困难", "因病", None, "穿青人"],
    ]
    parsed, result = run(ledger, "households", write_xlsx(tmp_path / "r.xlsx", [("s", rows)]))
    # 丙 comes in: an unknown 民族 stays blank (it is never made 汉族), the wording is kept
    assert result.inserted == 1
    third = households(ledger)["丙"]
    assert third.ethnicity is None and third.original_wording["ethnicity"] == "穿青人"
    refused = {r.first.field: r for r in result.rejected}
    assert set(refused) == {"hardship_class", "gender"}
    assert "深度困难、相对困难、意外致困" in refused["hardship_class"].message
    assert "男、女" in refused["gender"].message
    assert all(r.code == "invalid_choice" for r in result.rejected)
    entries = {(e.field, e.value): e for e in parsed.wording.entries()}
    assert entries[("hardship_class", "特别困难")].refused
    assert (
        not entries[("ethnicity", "穿青人")].refused and entries[("main_cause", "因病")].count == 3
    )
    assert not any(m["value"] == "特别困难" for m in parsed.wording.mapped())


def test_the_offices_vocabulary_answers_the_next_sheet_without_questions(ledger, tmp_path):
    (person,) = ids(1)
    rows = [["姓名", "身份证号", "乡镇", "困难类别", "致困原因"],
            ["甲", person, "城关镇", "特别困难", "收入低"]]  # fmt: skip
    office = OfficeVocabulary(
        {("hardship_class", "特别困难"): "深度困难", ("main_cause", "收入低"): "无劳动能力"}
    )
    path = write_xlsx(tmp_path / "r.xlsx", [("s", rows)])
    parsed, result = run(ledger, "households", path, office=office)
    assert result.inserted == 1, [r.message for r in result.rejected]
    (h,) = households(ledger).values()
    assert (h.hardship_class, h.main_cause) == ("深度困难", "无劳动能力")
    assert {m["how"] for m in parsed.wording.mapped()} == {"office"}


def test_other_kinds_words_for_funding_category_and_station_state(ledger, tmp_path):
    head = ledger.households.create(household_values())
    aid = [
        ["户主身份证号", "帮扶日期", "帮扶类别", "现金金额", "资金来源"],
        [head.id_number, "2025-01-10", "助学金", 2000, "县总拨付"],
        [head.id_number, "2025-02-10", "生活救助", 500, "省总补助"],
    ]
    _, result = run(ledger, "assistance", write_xlsx(tmp_path / "帮扶.xlsx", [("s", aid)]))
    assert result.inserted == 2, [r.message for r in result.rejected]
    got = {(a.category, a.funding_source) for a in ledger.households.detail(head.id).assistance}
    assert got == {("子女助学/金秋助学", "本级工会经费"), ("生活救助", "上级工会拨款")}
    stops = [
        ["驿站名称", "所属乡镇", "驿站状态", "服务功能"],
        ["城关驿站", "城关镇", "正常运营", "饮水、热饭、休息"],
        ["河口驿站", "河口乡", "在建", None],
    ]
    _, result = run(ledger, "reststops", write_xlsx(tmp_path / "驿站.xlsx", [("s", stops)]))
    assert result.inserted == 2, [r.message for r in result.rejected]
    found = {s.name: s for s in ledger.stations.rows(ledger.stations.search_ids(RecordQuery()))}
    assert (found["城关驿站"].status, found["河口驿站"].status) == ("运行", "停用")
    assert found["城关驿站"].facilities == ("休息桌椅", "热饭(微波炉)", "饮水")
    assert found["城关驿站"].original_wording["facilities"] == "饮水、热饭、休息"


def test_the_export_shows_the_wording_and_its_re_import_keeps_it(ledger, tmp_path):
    run(ledger, "households", township_roster(tmp_path))
    out = tmp_path / "花名册.xlsx"
    export_kind(ledger, "households", out)
    ws = openpyxl.load_workbook(out)["花名册"]
    header = [c.value for c in ws[3]]
    assert header[-1] == "原始填写"
    cells = {row[1].value: row[-1].value for row in ws.iter_rows(min_row=4, max_row=8)}
    assert cells["陈伟"] == "主要致困原因：因病"
    assert cells["王芳"].startswith("政治面貌：预备党员；所属行业：交通运输业")
    parsed, result = run(ledger, "households", out)
    assert result.rejected == [] and result.unchanged == 5
    assert any("原始填写" in note and "不作为数据导入" in note for note in parsed.sheets[0].notes)
    assert dict(households(ledger)["陈伟"].original_wording) == {"main_cause": "因病"}
    # A clerk who changes the value in the form also drops the wording that explained it.
    chen = households(ledger)["陈伟"]
    ledger.households.update(chen.id, {"main_cause": "下岗失业"})
    assert dict(households(ledger)["陈伟"].original_wording) == {}
    # A later sheet that brings another value in its own words keeps those.
    wang = households(ledger)["王芳"]
    rows = [["姓名", "身份证号", "乡镇", "困难类别", "致困原因"],
            ["王芳", wang.id_number, "城关镇", "深度困难", "因下岗"]]  # fmt: skip
    _, result = run(ledger, "households", write_xlsx(tmp_path / "again.xlsx", [("s", rows)]))
    assert result.updated == 1
    kept = households(ledger)["王芳"].original_wording
    assert (kept["main_cause"], kept["industry"]) == ("因下岗", "交通运输业")


def test_facilities_ticked_one_column_each_under_a_group_heading(ledger, tmp_path):
    rows = [
        ["序号", "基本情况", "基本情况", "配套设施", "配套设施", "配套设施", "配套设施"],
        ["序号", "站点名称", "所属乡镇", "饮水", "微波炉", "桌椅", "空调"],
        [1, "公交总站驿站", "城关镇", "√", "√", None, "有"],
        [2, "人民公园驿站", "城关镇", "√", "×", "√", None],
    ]

    def merge(book: Any, ws: Any) -> None:
        ws.merge_cells("B1:C1")
        ws.merge_cells("D1:G1")
        ws.merge_cells("A1:A2")

    path = write_xlsx(tmp_path / "驿站台账.xlsx", [("s", rows)], prepare=merge)
    parsed, result = run(ledger, "reststops", path)
    assert parsed.sheets[0].unknown_columns == []
    assert any("勾选列" in note and "“饮水”" in note for note in parsed.sheets[0].notes)
    assert result.inserted == 2, [r.message for r in result.rejected]
    found = {s.name: s for s in ledger.stations.rows(ledger.stations.search_ids(RecordQuery()))}
    assert set(found["公交总站驿站"].facilities) == {"饮水", "热饭(微波炉)", "空调/风扇"}
    assert set(found["人民公园驿站"].facilities) == {"饮水", "休息桌椅"}


def test_the_wizards_mapping_step_survey_choose_import_and_remember(ledger, tmp_path):
    """The API the import wizard's value-mapping page uses (reports.excel.values)."""
    from reports.excel.values import choices, mappings, survey

    a, b = ids(2)
    rows = [["姓名", "身份证号", "乡镇", "困难类别", "致困原因"],
            ["甲", a, "城关镇", "特别困难", "收入低"], ["乙", b, "城关镇", "深度困难", "因病"]]  # fmt: skip
    path = write_xlsx(tmp_path / "r.xlsx", [("s", rows)])
    with open_workbook(path) as book:
        entries = survey(parse_workbook("households", book, office=ledger.vocabulary.office()))
    assert [(e.field, e.value, e.to, e.how, e.refused) for e in entries] == [
        ("hardship_class", "特别困难", None, "unmatched", True),
        ("main_cause", "因病", "患重特大疾病", "synonym", False),
        ("main_cause", "收入低", "其他", "other", False),
    ]
    assert choices("households", "hardship_class") == ("深度困难", "相对困难", "意外致困")
    chosen = mappings(
        "households", {("hardship_class", "特别困难"): "深度困难", ("main_cause", "收入低"): None}
    )
    with open_workbook(path) as book:
        parsed = parse_workbook("households", book, office=ledger.vocabulary.office(chosen))
        result = ledger.imports.apply(
            "households", parsed.rows, file_name=path.name, vocabulary=chosen
        )
    assert result.inserted == 1 and [r.first.field for r in result.rejected] == ["main_cause"]
    assert ledger.vocabulary.mappings() == chosen  # kept for the next township's sheet
