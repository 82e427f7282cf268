"""The import service: bulk inserts equal the form's, one transaction, batches undone as a whole."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from models.errors import InvalidValue
from models.normalize import normalize_record
from models.schema import AuditEntry, Household, StatusChange
from models.services import HouseholdQuery
from models.services.imports import ImportRow
from tests.models.factories import household_values, id_number


def row(values: dict, number: int = 2, **keys) -> ImportRow:
    clean, errors = normalize_record("households", values, partial=True)
    assert not errors
    return ImportRow("s", number, clean, keys)


def apply(ledger, kind, rows, **kw):
    return ledger.imports.apply(kind, rows, file_name="t.xlsx", **kw)


def test_bulk_insert_writes_what_create_does(ledger):
    values = household_values(
        secondary_causes="子女上学、下岗失业", phone="13812345678", remarks="x"
    )
    by_form = ledger.households.create(dict(values, file_no="KN2023F0001"))
    ledger.households.change_status(by_form.id, "销档", date=dt.date.today(), reason="重复建档")
    result = apply(ledger, "households", [row(dict(values, file_no="KN2023I0001"))])
    assert result.inserted == 1, [r.message for r in result.rejected]
    imported = ledger.households.by_file_no("KN2023I0001")
    skip = {"id", "file_no", "updated_at", "status"}
    for name in by_form.__dataclass_fields__:
        if name not in skip:
            assert getattr(imported, name) == getattr(by_form, name), name
    with ledger.db.read() as s:
        changes = [
            s.scalars(
                select(AuditEntry.changes).where(
                    AuditEntry.entity_id == h,
                    AuditEntry.action == "create",
                    AuditEntry.entity == "households",
                )
            ).one()
            for h in (by_form.id, imported.id)
        ]
        steps = [
            s.execute(select(StatusChange.action, StatusChange.reason, StatusChange.date)
                      .where(StatusChange.household_id == h).order_by(StatusChange.id)).first()
            for h in (by_form.id, imported.id)
        ]  # fmt: skip
    changes[0].pop("file_no"), changes[1].pop("file_no")
    assert changes[0] == changes[1]
    assert steps[0] == steps[1]


def test_person_already_in_an_active_file_is_refused(ledger):
    person = id_number()
    head = ledger.households.create(household_values())
    ledger.households.add_member(head.id, {"name": "李四", "relation": "配偶", "id_number": person})
    result = apply(ledger, "households", [row(household_values(id_number=person))])
    assert [r.code for r in result.rejected] == ["duplicate_person"]
    assert head.file_no in result.rejected[0].message


def test_closed_file_is_unchanged_when_equal_and_refused_when_changed(ledger):
    values = household_values()
    h = ledger.households.create(values)
    ledger.households.change_status(h.id, "销档", date=dt.date.today(), reason="死亡")
    same = apply(ledger, "households", [row(dict(values, file_no=h.file_no))])
    assert same.unchanged == 1
    changed = apply(ledger, "households", [row(dict(values, file_no=h.file_no, address="新地址"))])
    assert changed.rejected and "已销档" in changed.rejected[0].message


def test_legacy_class_is_kept_when_the_file_says_the_current_name(ledger):
    h = ledger.households.create(household_values(hardship_class="低保户"))
    result = apply(ledger, "households", [row(household_values(id_number=h.id_number))])
    assert result.unchanged == 1
    assert ledger.households.get(h.id).hardship_class_original == "低保户"


def test_undo_reverts_updates_and_bins_inserts(ledger):
    kept = ledger.households.create(household_values(address="老地址", monthly_income="800"))
    new_values = household_values()
    result = apply(
        ledger,
        "households",
        [
            row({"id_number": kept.id_number, "address": "新地址", "monthly_income": "1000"}),
            row(new_values, 3),
        ],
    )
    assert (result.updated, result.inserted) == (1, 1)
    assert ledger.households.get(kept.id).address == "新地址"
    reverted = ledger.imports.undo(result.batch_id)
    assert reverted == 2
    back = ledger.households.get(kept.id)
    assert (back.address, back.monthly_income) == ("老地址", Decimal("800.00"))
    assert ledger.households.count(HouseholdQuery()) == 1
    with ledger.db.read() as s:
        binned = s.scalar(select(Household).where(Household.id_number == new_values["id_number"]))
        assert binned.deleted_at is not None
    assert ledger.imports.batches()[0].undone_at is not None


def test_undo_is_refused_after_a_later_change(ledger):
    result = apply(ledger, "households", [row(household_values())])
    (h,) = ledger.households.rows(ledger.households.search_ids(HouseholdQuery()))
    ledger.households.update(h.id, {"address": "手工改过"})
    with pytest.raises(InvalidValue) as refused:
        ledger.imports.undo(result.batch_id)
    assert "又有人修改" in refused.value.message
    assert ledger.households.get(h.id).address == "手工改过"


def test_undo_refused_when_the_new_file_got_members_elsewhere(ledger):
    result = apply(ledger, "households", [row(household_values())])
    (h,) = ledger.households.rows(ledger.households.search_ids(HouseholdQuery()))
    ledger.households.add_member(h.id, {"name": "李四", "relation": "配偶"})
    with pytest.raises(InvalidValue):
        ledger.imports.undo(result.batch_id)


def test_members_update_and_undo(ledger):
    h = ledger.households.create(household_values())
    member = {"name": "李四", "relation": "配偶", "identity": "无业"}
    rows = [
        ImportRow(
            "s", 2, normalize_record("members", member, partial=True)[0], {"file_no": h.file_no}
        )
    ]
    first = apply(ledger, "members", rows)
    assert first.inserted == 1
    changed = dict(member, identity="灵活就业")
    rows = [
        ImportRow(
            "s",
            2,
            normalize_record("members", changed, partial=True)[0],
            {"head_id_number": h.id_number},
        )
    ]
    second = apply(ledger, "members", rows)
    assert second.updated == 1
    ledger.imports.undo(second.batch_id)
    (m,) = ledger.households.detail(h.id).members
    assert m.identity == "无业"


def test_import_needs_the_import_permission(ledger):
    from models.errors import PermissionDenied
    from models.services import Actor

    viewer = ledger.as_actor(Actor("访客", "guest", "查看"))
    with pytest.raises(PermissionDenied):
        viewer.imports.apply("households", [], file_name="x")
