"""Identity safety of imports: a natural key that finds someone else's record is a conflict, never an update."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

import main
from models.masking import could_be, mask_id_number
from models.normalize import normalize_record
from models.services.imports import ImportRow
from models.validation import build_id_number, name_key
from tests.models.factories import household_values, id_number
from tests.reports.excel.messy import write_xlsx


def row(kind: str, values: dict, number: int = 2, **keys) -> ImportRow:
    clean, errors = normalize_record(kind, values, partial=True)
    assert not errors
    return ImportRow("s", number, clean, keys)


def apply(ledger, kind, rows, **kw):
    return ledger.imports.apply(kind, rows, file_name="t.xlsx", **kw)


AID = {"date": "2024-02-02", "category": "送温暖", "cash": "300", "funding_source": "本级工会经费"}
CHILD = {"name": "赵六", "relation": "子女"}


def filed(ledger, **overrides):
    """A household file with a member and an aid payment (what an overwrite would hand over)."""
    h = ledger.households.create(household_values(**overrides))
    ledger.households.add_member(
        h.id, {"name": "王芳", "relation": "配偶", "id_number": id_number()}
    )
    ledger.households.add_assistance(h.id, dict(AID, date="2024-01-20", cash="500"))
    return h


def assert_untouched(ledger, h):
    now = ledger.households.detail(h.id)
    assert (now.household.name, now.household.id_number) == (h.name, h.id_number)
    assert [m.name for m in now.members] == ["王芳"]
    assert len(now.assistance) == 1


def only_conflict(result):
    assert [r.code for r in result.rejected] == ["identity_conflict"], [
        r.message for r in result.rejected
    ]
    assert (result.inserted, result.updated) == (0, 0)
    return result.rejected[0].message


# ---- what counts as the same ----------------------------------------------------------------


def test_names_compare_ignoring_width_spacing_and_the_form_of_the_dot():
    assert name_key("张\u3000三") == name_key("张 三") == name_key("张三")
    assert (
        name_key("阿依古丽·买买提") == name_key("阿依古丽•买买提") == name_key("阿依古丽・买买提")
    )
    assert name_key("ＬＩ Ｍｉｎｇ") == name_key("li ming")
    assert name_key("张三") != name_key("张山")


def test_a_masked_number_could_be_only_numbers_it_shows():
    number = "41160219780506203X"
    assert could_be(mask_id_number(number), number)
    assert could_be("4116**********203x", number)  # another masking pattern, lower-case x
    assert not could_be("411602********2036", number)
    assert not could_be("411602*******203X", number)  # one digit short
    assert not could_be(None, number)


# ---- households ----------------------------------------------------------------------------


@pytest.mark.parametrize("dry_run", [False, True])
def test_file_number_of_another_person_is_refused_naming_both(ledger, dry_run):
    h = filed(ledger)
    newcomer = id_number(dt.date(1985, 2, 3))
    incoming = household_values(name="李四", id_number=newcomer, file_no=h.file_no)
    message = only_conflict(
        apply(ledger, "households", [row("households", incoming)], dry_run=dry_run)
    )
    assert "张建国" in message and "李四" in message
    assert mask_id_number(h.id_number) in message and mask_id_number(newcomer) in message
    assert h.id_number not in message and newcomer not in message  # masked, as everywhere else
    assert "档案编号" in message and "身份证号" in message and "核对" in message
    assert_untouched(ledger, h)
    assert ledger.imports.batches() == []


def test_same_file_number_with_another_name_but_no_id_column_is_refused(ledger):
    h = filed(ledger)
    message = only_conflict(
        apply(ledger, "households", [row("households", {"file_no": h.file_no, "name": "李四"})])
    )
    assert "张建国" in message and "李四" in message
    assert_untouched(ledger, h)


def test_id_number_of_a_head_with_another_name_is_refused(ledger):
    h = filed(ledger)
    changed = {"id_number": h.id_number, "name": "张建军", "address": "新地址"}
    message = only_conflict(apply(ledger, "households", [row("households", changed)]))
    assert "张建国" in message and "张建军" in message and h.file_no in message
    assert "打开该档案" in message  # a real change of name is made in the file's form
    assert_untouched(ledger, h)
    assert ledger.households.get(h.id).address is None


def test_masked_id_number_of_someone_else_is_a_conflict(ledger):
    h = filed(ledger)
    other = mask_id_number(id_number(dt.date(1990, 9, 9)))
    assert other != mask_id_number(h.id_number)
    refused = apply(
        ledger,
        "households",
        [row("households", {"file_no": h.file_no, "address": "甲"}, masked={"id_number": other})],
    )
    assert other in only_conflict(refused)
    mine = mask_id_number(h.id_number)
    accepted = apply(
        ledger,
        "households",
        [row("households", {"file_no": h.file_no, "address": "乙"}, masked={"id_number": mine})],
    )
    assert accepted.updated == 1 and not accepted.rejected
    assert ledger.households.get(h.id).address == "乙"


def test_ids_that_look_alike_when_masked_are_told_apart(ledger):
    h = filed(ledger)
    twin = next(
        candidate
        for day in range(1, 400)
        if (
            candidate := build_id_number(
                h.id_number[:6],
                dt.date(1960, 1, 1) + dt.timedelta(days=day),
                int(h.id_number[14:17]),
            )
        )[-4:]
        == h.id_number[-4:]
    )
    assert mask_id_number(twin) == mask_id_number(h.id_number) and twin != h.id_number
    incoming = {"file_no": h.file_no, "id_number": twin, "name": "张建国"}
    message = only_conflict(apply(ledger, "households", [row("households", incoming)]))
    assert "中间" in message  # the two masks are equal: say where they differ
    assert_untouched(ledger, h)


def test_name_written_with_other_spacing_or_width_is_the_same_person(ledger):
    h = filed(ledger, name="阿依古丽·买买提")
    spelled = [
        {"file_no": h.file_no, "name": "阿依古丽•买买提", "address": "新地址"},
        {"id_number": h.id_number, "name": "阿依古丽 · 买买提"},
    ]
    result = apply(
        ledger, "households", [row("households", v, n) for n, v in enumerate(spelled, 2)]
    )
    assert not result.rejected and (result.updated, result.unchanged) == (1, 1)
    assert ledger.households.get(h.id).name == "阿依古丽·买买提"  # the stored spelling is kept


def test_namesake_born_on_another_day_without_id_column_is_refused(ledger):
    h = filed(ledger, name="张伟")
    incoming = {"file_no": h.file_no, "name": "张伟", "birth_date": "1990-10-10"}
    message = only_conflict(apply(ledger, "households", [row("households", incoming)]))
    assert "1978年5月6日" in message and "1990年10月10日" in message and "出生日期" in message
    assert_untouched(ledger, h)


def test_same_person_same_file_still_updates(ledger):
    h = filed(ledger)
    result = apply(
        ledger,
        "households",
        [row("households", {"file_no": h.file_no, "id_number": h.id_number, "name": "张 建国",
                            "address": "新地址"})],
    )  # fmt: skip
    assert result.updated == 1 and not result.rejected
    assert ledger.households.get(h.id).address == "新地址"


# ---- members -------------------------------------------------------------------------------


def member_row(h, values, number=2):
    return row("members", values, number, file_no=h.file_no)


def test_member_id_number_with_another_name_is_refused(ledger):
    h = filed(ledger)
    (wife,) = ledger.households.detail(h.id).members
    incoming = {"name": "赵六", "relation": "子女", "id_number": wife.id_number}
    message = only_conflict(apply(ledger, "members", [member_row(h, incoming)]))
    assert "王芳" in message and "赵六" in message and mask_id_number(wife.id_number) in message
    assert_untouched(ledger, h)


def test_member_name_with_another_id_number_is_refused(ledger):
    h = filed(ledger)
    (wife,) = ledger.households.detail(h.id).members
    other = id_number(dt.date(1982, 4, 4), male=False)
    incoming = {"name": "王芳", "relation": "配偶", "id_number": other}
    message = only_conflict(apply(ledger, "members", [member_row(h, incoming)]))
    assert mask_id_number(wife.id_number) in message and mask_id_number(other) in message
    assert [m.id_number for m in ledger.households.detail(h.id).members] == [wife.id_number]


def test_member_without_ids_born_on_another_day_is_another_person(ledger):
    h = ledger.households.create(household_values())
    ledger.households.add_member(
        h.id, {"name": "张小明", "relation": "子女", "birth_date": "2010-05-01"}
    )
    incoming = {
        "name": "张小明",
        "relation": "子女",
        "birth_date": "1950-05-01",
        "identity": "退休",
    }
    message = only_conflict(apply(ledger, "members", [member_row(h, incoming)]))
    assert "2010" in message and "1950" in message
    same = dict(incoming, birth_date="2010-05-01", identity="学生")
    assert apply(ledger, "members", [member_row(h, same)]).updated == 1


def test_member_row_naming_the_head_under_another_name_is_refused(ledger):
    h = filed(ledger)
    incoming = {"name": "李四", "relation": "子女", "id_number": h.id_number}
    message = only_conflict(apply(ledger, "members", [member_row(h, incoming)]))
    assert "张建国" in message and "李四" in message
    assert_untouched(ledger, h)


@pytest.mark.parametrize("kind", ["members", "assistance"])
def test_file_number_and_head_id_of_different_files_is_a_conflict(ledger, kind):
    h = filed(ledger)
    other = ledger.households.create(household_values(name="李四"))
    values = CHILD if kind == "members" else AID
    incoming = row(kind, values, file_no=h.file_no, head_id_number=other.id_number)
    message = only_conflict(apply(ledger, kind, [incoming]))
    assert "张建国" in message and mask_id_number(other.id_number) in message
    assert_untouched(ledger, h)
    assert ledger.households.detail(other.id).members == ()
    assert ledger.households.detail(other.id).assistance == ()


@pytest.mark.parametrize("kind", ["members", "assistance"])
def test_head_name_that_is_not_the_files_head_is_a_conflict(ledger, kind):
    h = filed(ledger)
    values = CHILD if kind == "members" else AID
    incoming = row(kind, values, head_id_number=h.id_number, head_name="李四")
    message = only_conflict(apply(ledger, kind, [incoming]))
    assert "张建国" in message and "李四" in message
    assert_untouched(ledger, h)
    right = row(kind, values, head_id_number=h.id_number, head_name="张 建国")
    assert apply(ledger, kind, [right]).inserted == 1


def test_masked_member_id_is_not_dropped_silently(ledger):
    h = ledger.households.create(household_values())
    masked = mask_id_number(id_number())
    incoming = row("members", {"name": "赵六", "relation": "子女"}, file_no=h.file_no,
                   masked={"id_number": masked})  # fmt: skip
    result = apply(ledger, "members", [incoming])
    assert result.inserted == 0 and len(result.rejected) == 1
    assert "遮蔽" in result.rejected[0].message
    assert ledger.households.detail(h.id).members == ()


# ---- stations ------------------------------------------------------------------------------


def station(ledger, name="城关镇职工之家", code="ZD0001"):
    return ledger.stations.create(
        {"code": code, "name": name, "station_type": "乡镇(街道)职工服务站", "township": "城关镇"}
    )


def test_station_code_with_another_name_is_refused(ledger):
    s = station(ledger)
    incoming = {"code": "ZD0001", "name": "东关驿站", "township": "城关镇", "address": "新址"}
    message = only_conflict(apply(ledger, "stations", [row("stations", incoming)]))
    assert "城关镇职工之家" in message and "东关驿站" in message and "ZD0001" in message
    assert "更名" in message  # how a real rename is made
    now = ledger.stations.get(s.id)
    assert (now.name, now.address) == ("城关镇职工之家", None)


def test_station_name_written_with_other_width_or_spaces_is_the_same(ledger):
    s = station(ledger, name="城关镇职工之家(一站)")
    incoming = {"code": "ZD0001", "name": "城关镇 职工之家（一站）", "address": "新址"}
    result = apply(ledger, "stations", [row("stations", incoming)])
    assert result.updated == 1 and not result.rejected
    now = ledger.stations.get(s.id)
    assert (now.name, now.address) == ("城关镇职工之家(一站)", "新址")


def test_usage_row_whose_code_and_name_are_different_stations_is_refused(ledger):
    s = station(ledger)
    station(ledger, name="东关驿站", code="ZD0002")
    incoming = row("usage", {"month": "2024-03", "visits": 120}, station_code="ZD0001",
                   station_name="东关驿站")  # fmt: skip
    message = only_conflict(apply(ledger, "usage", [incoming]))
    assert "城关镇职工之家" in message and "东关驿站" in message
    assert ledger.stations.usage(s.id) == []


# ---- what the clerk sees: dry run, --json, error workbook ------------------------------------


def test_conflict_flows_through_json_report_and_error_workbook(capsys, ledger, db_url, tmp_path):
    h = filed(ledger)
    newcomer = id_number(dt.date(1985, 2, 3))
    sheet = [
        ["档案编号", "姓名", "身份证号码", "所在乡镇", "困难类别", "主要致困原因"],
        [h.file_no, "李四", newcomer, "城关镇", "深度困难", "患重特大疾病"],
    ]
    path = write_xlsx(tmp_path / "名单.xlsx", [("城关镇", sheet)])
    errors = tmp_path / "错误.xlsx"
    for extra in (["--dry-run"], ["--errors", str(errors)]):
        code = main.main(
            ["--database-url", db_url, "import", "households", str(path), "--json", *extra]
        )
        out, err = capsys.readouterr()
        assert code == 0, err
        report = json.loads(out)
        assert (report["updated"], report["inserted"]) == (0, 0)
        (item,) = report["rejected"]
        assert (item["code"], item["field"], item["row"]) == ("identity_conflict", "id_number", 2)
        assert item["value"] == newcomer  # the clerk's own cell, as typed
        assert "张建国" in item["message"] and "李四" in item["message"]
    ws = openpyxl.load_workbook(errors)["城关镇"]
    header = [c.value for c in ws[1]]
    (bad,) = ws.iter_rows(min_row=2)
    assert "李四" in bad[header.index("错误原因")].value
    assert bad[2].comment is not None and "张建国" in bad[2].comment.text
    assert_untouched(ledger, h)


def test_aid_sheet_whose_name_column_is_not_the_head_is_refused(ledger, tmp_path):
    from reports.excel.parse import parse_workbook
    from reports.excel.reading import open_workbook

    h = filed(ledger)
    sheet = [
        ["身份证号", "姓名", "帮扶日期", "帮扶类别", "金额", "资金来源"],
        [h.id_number, "李四", "2024-02-02", "送温暖", "300", "本级工会经费"],
        [h.id_number, "张建国", "2024-03-03", "送温暖", "300", "本级工会经费"],
    ]
    path = write_xlsx(tmp_path / "帮扶.xlsx", [("s", sheet)])
    with open_workbook(path) as book:
        parsed = parse_workbook("assistance", book)
        result = apply(ledger, "assistance", parsed.rows)
    assert result.inserted == 1
    assert [(r.row.row, r.code, r.first.field) for r in result.rejected] == [
        (2, "identity_conflict", "head_name")
    ]
    assert len(ledger.households.detail(h.id).assistance) == 2
