"""Every kind's import outcomes: what a new record holds, re-import, changes, refusals and undo.

Each kind's imported record must equal what its form writes (record and audit entry), and the
outcomes must not depend on where a file's rows fall between the applier's chunks: the tests run
with the real chunk size and with chunks of two rows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from models.normalize import normalize_record
from models.schema import AuditEntry
from models.services import RecordQuery
from models.services import imports as imports_module
from models.services.imports import ImportRow
from tests.models.factories import household_values, id_number

SKIP = {"id", "version", "updated_at", "created_at", "household_id", "station_id"}


@pytest.fixture(params=["chunked", "two_rows"])
def chunk(request, monkeypatch):
    if request.param == "two_rows":
        monkeypatch.setattr(imports_module, "CHUNK", 2)
    return request.param


def row(kind: str, values: dict, number: int = 2, **keys: Any) -> ImportRow:
    clean, errors = normalize_record(kind, values, partial=True)
    assert not errors, errors
    return ImportRow("s", number, clean, keys)


def apply(ledger, kind, rows):
    return ledger.imports.apply(kind, rows, file_name="t.xlsx")


def counts(result) -> tuple[int, int, int, list[str]]:
    return result.inserted, result.updated, result.unchanged, [r.code for r in result.rejected]


def same_record(a: Any, b: Any, *differ: str) -> None:
    for name in (f.name for f in dataclasses.fields(a)):
        if name not in SKIP and name not in differ:
            assert getattr(a, name) == getattr(b, name), name


def created(ledger, entity: str, entity_id: int) -> tuple[str, dict]:
    with ledger.db.read() as s:
        entry = s.scalars(
            select(AuditEntry).where(
                AuditEntry.entity == entity,
                AuditEntry.entity_id == entity_id,
                AuditEntry.action == "create",
            )
        ).one()
        return entry.entity_label, dict(entry.changes)


def file(ledger, **overrides):
    return ledger.households.create(household_values(**overrides))


# ---- members ---------------------------------------------------------------------------------

CHILD = {"name": "赵小六", "relation": "子女", "identity": "学生", "school": "城关镇中心小学",
         "grade": "三年级", "health": "良好"}  # fmt: skip


def test_member_import_writes_what_the_form_does(ledger, chunk):
    by_form, by_import = file(ledger), file(ledger)
    values = dict(CHILD, id_number=id_number(dt.date(2015, 3, 4)), monthly_income="0")
    form = ledger.households.add_member(by_form.id, values)
    other = dict(values, id_number=id_number(dt.date(2015, 3, 5)))
    result = apply(ledger, "members", [row("members", other, file_no=by_import.file_no)])
    assert counts(result) == (1, 0, 0, [])
    (imported,) = ledger.households.detail(by_import.id).members
    same_record(form, imported, "id_number", "birth_date")
    form_label, form_changes = created(ledger, "household_members", form.id)
    label, changes = created(ledger, "household_members", imported.id)
    assert label == form_label.replace(by_form.file_no, by_import.file_no)
    for c in (form_changes, changes):
        c.pop("id_number"), c.pop("birth_date")
    assert changes == form_changes


def test_member_outcomes_and_undo(ledger, chunk):
    h = file(ledger)
    spouse = {"name": "王芳", "relation": "配偶", "id_number": id_number(dt.date(1980, 2, 3),
                                                                     male=False)}  # fmt: skip
    rows = [
        row("members", spouse, 2, file_no=h.file_no),
        row("members", CHILD, 3, head_id_number=h.id_number),
        row("members", dict(CHILD, identity="无业"), 4, file_no=h.file_no),  # twice in the file
        row("members", {"name": "某某", "relation": "子女"}, 5, file_no="KN1999NONE"),
    ]
    first = apply(ledger, "members", rows)
    assert counts(first) == (2, 0, 0, ["duplicate_in_file", "unknown_household"])
    again = apply(ledger, "members", rows[:2])
    assert counts(again) == (0, 0, 2, [])
    changed = apply(
        ledger,
        "members",
        [row("members", dict(CHILD, identity="无业"), 2, file_no=h.file_no), rows[0]],
    )
    assert counts(changed) == (0, 1, 1, [])
    names = {m.name: m.identity for m in ledger.households.detail(h.id).members}
    assert names == {"王芳": None, "赵小六": "无业"}
    assert ledger.imports.undo(changed.batch_id) == 1
    names = {m.name: m.identity for m in ledger.households.detail(h.id).members}
    assert names["赵小六"] == "学生"


def test_member_rows_of_one_person_without_and_with_id_are_one_member(ledger, chunk):
    h = file(ledger)
    person = id_number(dt.date(2010, 1, 1))
    rows = [
        row("members", CHILD, 2, file_no=h.file_no),
        row("members", {"name": "其他人", "relation": "子女"}, 3, file_no=h.file_no),
        row("members", dict(CHILD, id_number=person), 4, file_no=h.file_no),
    ]
    result = apply(ledger, "members", rows)
    assert counts(result) == (2, 1, 0, [])
    (child,) = [m for m in ledger.households.detail(h.id).members if m.name == "赵小六"]
    assert child.id_number == person
    assert ledger.imports.undo(result.batch_id) == 3
    assert ledger.households.detail(h.id).members == ()


def test_member_refusals(ledger, chunk):
    h, other = file(ledger), file(ledger)
    taken = id_number(dt.date(1990, 6, 6))
    ledger.households.add_member(other.id, {"name": "李四", "relation": "配偶", "id_number": taken})
    closed = file(ledger)
    ledger.households.change_status(closed.id, "销档", date=dt.date.today(), reason="死亡")
    rows = [
        row("members", {"name": "李四", "relation": "配偶", "id_number": taken}, 2,
            file_no=h.file_no),
        row("members", {"name": "周七", "relation": "配偶", "id_number": other.id_number}, 3,
            file_no=h.file_no),
        row("members", CHILD, 4, file_no=closed.file_no),
        row("members", {"name": "孙八"}, 5, file_no=h.file_no),
        row("members", CHILD, 6, file_no=h.file_no),
    ]  # fmt: skip
    result = apply(ledger, "members", rows)
    assert counts(result) == (1, 0, 0, [
        "duplicate_person", "duplicate_person", "invalid_value", "missing_required",
    ])  # fmt: skip
    assert other.file_no in result.rejected[0].message
    assert "已销档" in result.rejected[2].message


def test_member_given_an_id_earlier_in_the_file_holds_it(ledger, chunk):
    h, other = file(ledger), file(ledger)
    ledger.households.add_member(h.id, CHILD)
    person = id_number(dt.date(2012, 2, 2))
    rows = [
        row("members", dict(CHILD, id_number=person), 2, file_no=h.file_no),
        row("members", {"name": "钱九", "relation": "子女", "id_number": person}, 3,
            file_no=other.file_no),
    ]  # fmt: skip
    result = apply(ledger, "members", rows)
    assert counts(result) == (0, 1, 0, ["duplicate_person"])
    assert h.file_no in result.rejected[0].message
    assert [m.id_number for m in ledger.households.detail(h.id).members] == [person]


def test_change_to_a_member_of_a_closed_file_is_refused(ledger, chunk):
    h = file(ledger)
    ledger.households.add_member(h.id, CHILD)
    ledger.households.add_member(h.id, {"name": "王芳", "relation": "配偶", "identity": "在岗"})
    ledger.households.change_status(h.id, "销档", date=dt.date.today(), reason="死亡")
    open_file = file(ledger)
    ledger.households.add_member(open_file.id, CHILD)
    rows = [
        row("members", dict(CHILD, identity="无业"), 2, file_no=open_file.file_no),
        row("members", CHILD, 3, file_no=h.file_no),
        row("members", dict(CHILD, name="赵小七"), 4, file_no=h.file_no),
        row("members", {"name": "王芳", "relation": "配偶", "identity": "无业"}, 5,
            file_no=h.file_no),
        row("members", {"name": "王芳", "relation": "配偶"}, 6, file_no=open_file.file_no),
    ]  # fmt: skip
    result = apply(ledger, "members", rows)
    assert counts(result) == (1, 1, 1, ["invalid_value", "invalid_value"])
    assert all("已销档" in r.message for r in result.rejected)
    assert [m.identity for m in ledger.households.detail(h.id).members] == ["学生", "在岗"]
    assert [m.identity for m in ledger.households.detail(open_file.id).members] == ["无业", None]


def test_head_row_in_a_member_sheet_is_the_head(ledger, chunk):
    h = file(ledger, health="良好")
    rows = [
        row("members", {"name": h.name, "health": "良好"}, 2,
            file_no=h.file_no, head=True),
        row("members", {"name": h.name, "id_number": h.id_number,
                        "health": "一般疾病"}, 3, file_no=h.file_no),
    ]  # fmt: skip
    result = apply(ledger, "members", rows)
    assert counts(result) == (0, 0, 1, ["duplicate_in_file"])
    result = apply(ledger, "members", rows[1:])
    assert counts(result) == (0, 1, 0, [])
    assert ledger.households.get(h.id).health == "一般疾病"
    assert ledger.households.detail(h.id).members == ()


# ---- assistance ------------------------------------------------------------------------------

AID = {"date": "2024-02-02", "category": "送温暖", "cash": "300", "goods": "米面油",
       "goods_value": "120.50", "funding_source": "本级工会经费", "remarks": "春节"}  # fmt: skip


def test_assistance_import_writes_what_the_form_does(ledger, chunk):
    by_form, by_import = file(ledger), file(ledger)
    form = ledger.households.add_assistance(by_form.id, AID)
    result = apply(ledger, "assistance", [row("assistance", AID, file_no=by_import.file_no)])
    assert counts(result) == (1, 0, 0, [])
    (imported,) = ledger.households.detail(by_import.id).assistance
    same_record(form, imported)
    form_label, form_changes = created(ledger, "assistance", form.id)
    label, changes = created(ledger, "assistance", imported.id)
    assert label == form_label.replace(by_form.file_no, by_import.file_no).replace(
        by_form.name, by_import.name
    )
    assert changes == form_changes


def test_assistance_outcomes_and_undo(ledger, chunk):
    h = file(ledger)
    rows = [
        row("assistance", AID, 2, file_no=h.file_no),
        row("assistance", dict(AID, date="2024-06-01", cash="200", goods_value="0"), 3,
            head_id_number=h.id_number),
        row("assistance", AID, 4, file_no=h.file_no),
        row("assistance", dict(AID, cash="0", goods_value="0"), 5, file_no=h.file_no),
    ]  # fmt: skip
    first = apply(ledger, "assistance", rows)
    assert counts(first) == (2, 0, 0, ["duplicate_in_file", "invalid_value"])
    again = apply(ledger, "assistance", rows[:2])
    assert counts(again) == (0, 0, 2, [])
    changed = apply(ledger, "assistance", [row("assistance", dict(AID, remarks="改"), 2,
                                               file_no=h.file_no)])  # fmt: skip
    assert counts(changed) == (0, 1, 0, [])
    assert {a.remarks for a in ledger.households.detail(h.id).assistance} == {"改", "春节"}
    assert ledger.imports.undo(changed.batch_id) == 1
    assert {a.remarks for a in ledger.households.detail(h.id).assistance} == {"春节"}


def test_assistance_refusals(ledger, chunk):
    closed = file(ledger)
    ledger.households.change_status(closed.id, "销档", date=dt.date.today(), reason="死亡")
    h = file(ledger)
    later = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    rows = [
        row("assistance", AID, 2, file_no=closed.file_no),
        row("assistance", AID, 3, head_id_number=id_number(dt.date(1955, 1, 1))),
        row("assistance", {"date": "2024-01-01", "cash": "100"}, 4, file_no=h.file_no),
        row("assistance", dict(AID, date=later), 5, file_no=h.file_no),
        row("assistance", AID, 6, file_no=h.file_no, head_name="另一个人"),
    ]
    result = apply(ledger, "assistance", rows)
    assert counts(result) == (0, 0, 0, [
        "invalid_value", "unknown_household", "missing_required", "invalid_value",
        "identity_conflict",
    ])  # fmt: skip
    assert "已销档" in result.rejected[0].message


# ---- stations and rest stops -----------------------------------------------------------------

STATION = {"name": "城关镇职工服务站", "station_type": "乡镇(街道)职工服务站", "township": "城关镇",
           "address": "城关镇人民路1号", "manager": "刘主任", "built_date": "2020-05-01",
           "facilities": "饮水、休息桌椅", "functions": "法律援助、困难帮扶", "area": "120",
           "open_24h": "否", "remarks": "示范"}  # fmt: skip


def stations(ledger) -> list[Any]:
    return ledger.stations.rows(ledger.stations.search_ids(RecordQuery(sort="id")))


def test_station_import_writes_what_the_form_does(ledger, chunk):
    form = ledger.stations.create(STATION)
    other = dict(STATION, name="东关街道职工服务站")
    result = apply(ledger, "stations", [row("stations", other)])
    assert counts(result) == (1, 0, 0, [])
    imported = stations(ledger)[-1]
    same_record(form, imported, "name", "code")
    assert (form.code, imported.code) == ("FWZ0001", "FWZ0002")
    form_label, form_changes = created(ledger, "stations", form.id)
    label, changes = created(ledger, "stations", imported.id)
    assert label == "FWZ0002 东关街道职工服务站"
    for c in (form_changes, changes):
        c.pop("name"), c.pop("code")
    assert changes == form_changes


@pytest.mark.parametrize("kind", ["stations", "reststops"])
def test_station_outcomes_codes_and_undo(ledger, chunk, kind):
    deleted = ledger.stations.create(dict(STATION, name="旧站", code="YZ0009"))
    ledger.stations.delete(deleted.id)
    stop = {"name": "环卫工人爱心驿站", "station_type": "户外劳动者服务站点",
            "township": "城关镇", "facilities": "饮水、热饭(微波炉)"}  # fmt: skip
    rows = [
        row("stations", stop, 2),
        row("stations", dict(stop, name="快递小哥驿站"), 3),
        row("stations", dict(stop, name="快递小哥驿站", address="x"), 4),  # twice in the file
        row("stations", dict(stop, name="站三", code="YZ0009"), 5),  # a binned station's code
        row("stations", dict(stop, name="站四", code="YZ0100"), 6),
        row("stations", {"name": "站五", "township": "城关镇"}, 7),
    ]
    first = apply(ledger, kind, rows)
    assert counts(first) == (3, 0, 0, [
        "duplicate_in_file", "invalid_value", "missing_required",
    ])  # fmt: skip
    assert [s.code for s in stations(ledger)] == ["YZ0002", "YZ0003", "YZ0100"]
    again = apply(ledger, kind, [rows[0], row("stations", {"code": "YZ0100", "name": "站四"}, 3)])
    assert counts(again) == (0, 0, 2, [])
    changed = apply(
        ledger,
        kind,
        [
            row("stations", dict(stop, facilities="饮水"), 2),
            row("stations", {"code": "YZ0003", "status": "停用"}, 3),
        ],
    )
    assert counts(changed) == (0, 2, 0, [])
    now = {s.code: s for s in stations(ledger)}
    assert (now["YZ0002"].facilities, now["YZ0003"].status) == (("饮水",), "停用")
    assert ledger.imports.undo(changed.batch_id) == 2
    now = {s.code: s for s in stations(ledger)}
    assert (sorted(now["YZ0002"].facilities), now["YZ0003"].status) == (
        ["热饭(微波炉)", "饮水"], "运行",
    )  # fmt: skip


# ---- usage -----------------------------------------------------------------------------------


def test_usage_import_writes_what_the_form_does(ledger, chunk):
    a = ledger.stations.create(dict(STATION, code="FWZ0001"))
    b = ledger.stations.create(dict(STATION, name="东关站", code="FWZ0002"))
    form = ledger.stations.set_usage(a.id, {"month": "2024-03", "visits": 120, "remarks": "春"})
    incoming = row("usage", {"month": "2024-03", "visits": 120, "remarks": "春"},
                   station_code="FWZ0002")  # fmt: skip
    assert counts(apply(ledger, "usage", [incoming])) == (1, 0, 0, [])
    (imported,) = ledger.stations.usage(b.id)
    same_record(form, imported)
    form_label, form_changes = created(ledger, "station_usage", form.id)
    label, changes = created(ledger, "station_usage", imported.id)
    assert label == form_label.replace(STATION["name"], "东关站")
    assert changes == form_changes


def test_usage_outcomes_refusals_and_undo(ledger, chunk):
    a = ledger.stations.create(dict(STATION, code="FWZ0001"))
    ledger.stations.create(dict(STATION, name="同名站", township="东关街道"))
    ledger.stations.create(dict(STATION, name="同名站", township="西湖乡"))
    gone = ledger.stations.set_usage(a.id, {"month": "2024-01", "visits": 5})
    ledger.stations.delete_usage(gone.id)
    rows = [
        row("usage", {"month": "2024-03", "visits": 120}, 2, station_code="FWZ0001"),
        row("usage", {"month": "2024-04", "visits": 90}, 3, station_name=STATION["name"],
            township="城关镇"),
        row("usage", {"month": "2024-03", "visits": 7}, 4, station_name=STATION["name"]),
        row("usage", {"month": "2024-01", "visits": 8}, 5, station_code="FWZ0001"),  # revived
        row("usage", {"month": "2019-01", "visits": 8}, 6, station_code="FWZ0001"),
        row("usage", {"month": "2024-05", "visits": 8}, 7, station_code="NOPE"),
        row("usage", {"month": "2024-05", "visits": 8}, 8, station_name="同名站"),
        row("usage", {"month": "2024-05", "visits": 8}, 9, station_name="没有的站"),
    ]  # fmt: skip
    first = apply(ledger, "usage", rows)
    assert counts(first) == (3, 0, 0, [
        "duplicate_in_file", "invalid_value", "unknown_station", "invalid_value",
        "unknown_station",
    ])  # fmt: skip
    months = {(u.year, u.month): u.visits for u in ledger.stations.usage(a.id)}
    assert months == {(2024, 1): 8, (2024, 3): 120, (2024, 4): 90}
    again = apply(ledger, "usage", rows[:2])
    assert counts(again) == (0, 0, 2, [])
    changed = apply(ledger, "usage", [
        row("usage", {"month": "2024-03", "visits": 121}, 2, station_code="FWZ0001"),
        row("usage", {"month": "2024-04", "visits": 90, "remarks": "补"}, 3,
            station_code="FWZ0001"),
    ])  # fmt: skip
    assert counts(changed) == (0, 2, 0, [])
    assert ledger.imports.undo(changed.batch_id) == 2
    months = {(u.year, u.month): (u.visits, u.remarks) for u in ledger.stations.usage(a.id)}
    assert months == {(2024, 1): (8, None), (2024, 3): (120, None), (2024, 4): (90, None)}


# ---- activities ------------------------------------------------------------------------------

EVENT = {"name": "新春送温暖", "category": "送温暖", "start_date": "2025-01-20",
         "place": "城关镇文化广场", "township": "城关镇", "organizer": "县总工会",
         "participants": 30, "cash": "5000", "summary": "走访慰问困难职工"}  # fmt: skip


def events(ledger) -> list[Any]:
    return ledger.activities.rows(ledger.activities.search_ids(RecordQuery(sort="id")))


def test_activity_import_writes_what_the_form_does(ledger, chunk):
    form = ledger.activities.create(EVENT)
    result = apply(ledger, "activities", [row("activities", dict(EVENT, name="夏送清凉"))])
    assert counts(result) == (1, 0, 0, [])
    imported = events(ledger)[-1]
    same_record(form, imported, "name")
    form_label, form_changes = created(ledger, "activities", form.id)
    label, changes = created(ledger, "activities", imported.id)
    assert label == form_label.replace("新春送温暖", "夏送清凉")
    for c in (form_changes, changes):
        c.pop("name")
    assert changes == form_changes


def test_activity_outcomes_station_and_undo(ledger, chunk):
    station = ledger.stations.create(dict(STATION, code="FWZ0001"))
    unplaced = ledger.activities.create(dict(EVENT, name="职工运动会", place=None))
    rows = [
        row("activities", EVENT, 2),
        row("activities", dict(EVENT, place="河口乡政府", township="河口乡"), 3),
        row("activities", dict(EVENT, summary="又一行"), 4),  # twice in the file
        row("activities", dict(EVENT, name="法律讲座", category="法律援助与维权"), 5,
            station_name=STATION["name"]),
        row("activities", dict(EVENT, name="读书会"), 6, station_name="没有的站"),
        row("activities", dict(EVENT, name="职工运动会", participants=80), 7),  # place now known
        row("activities", {"name": "无类别", "start_date": "2025-02-01"}, 8),
    ]  # fmt: skip
    first = apply(ledger, "activities", rows)
    assert counts(first) == (3, 1, 0, [
        "duplicate_in_file", "unknown_station", "missing_required",
    ])  # fmt: skip
    by_name = {(e.name, e.place): e for e in events(ledger)}
    assert by_name[("法律讲座", EVENT["place"])].station_id == station.id
    assert by_name[("职工运动会", EVENT["place"])].id == unplaced.id
    again = apply(ledger, "activities", rows[:2])
    assert counts(again) == (0, 0, 2, [])
    changed = apply(ledger, "activities", [row("activities", dict(EVENT, participants=31))])
    assert counts(changed) == (0, 1, 0, [])
    assert ledger.imports.undo(changed.batch_id) == 1
    assert {e.participants for e in events(ledger) if e.name == "新春送温暖"} == {30}


def test_undo_bins_what_each_kind_inserted(ledger, chunk):
    h = file(ledger)
    station = ledger.stations.create(dict(STATION, code="FWZ0001"))
    batches = [
        apply(ledger, "members", [row("members", CHILD, file_no=h.file_no)]),
        apply(ledger, "assistance", [row("assistance", AID, file_no=h.file_no)]),
        apply(ledger, "stations", [row("stations", dict(STATION, name="新站"))]),
        apply(
            ledger,
            "usage",
            [row("usage", {"month": "2024-03", "visits": 9}, station_code="FWZ0001")],
        ),  # fmt: skip
        apply(ledger, "activities", [row("activities", EVENT)]),
    ]
    assert [b.inserted for b in batches] == [1, 1, 1, 1, 1]
    for batch in reversed(batches):
        assert ledger.imports.undo(batch.batch_id) == 1
    detail = ledger.households.detail(h.id)
    assert (detail.members, detail.assistance) == ((), ())
    assert [s.id for s in stations(ledger)] == [station.id]
    assert ledger.stations.usage(station.id) == []
    assert events(ledger) == []
