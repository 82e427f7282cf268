"""Household service: every rule refuses with a typed error, leaves the database as it was, and audits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from models.errors import (
    ConcurrentEdit,
    DuplicatePerson,
    ForbiddenTransition,
    InvalidIdNumber,
    InvalidValue,
    LedgerError,
    MissingRequired,
)
from models.schema import AuditEntry, Household, HouseholdMember, StatusChange
from models.services import HouseholdQuery, Ledger
from models.services.audit import AuditQuery
from tests.models.factories import household_values, id_number


def table_counts(ledger: Ledger) -> dict[str, int]:
    with ledger.db.read() as s:
        return {
            model.__tablename__: s.scalar(select(func.count()).select_from(model)) or 0
            for model in (Household, HouseholdMember, StatusChange, AuditEntry)
        }


def test_create_derives_gender_and_birth_date_and_audits(ledger: Ledger) -> None:
    number = id_number(dt.date(1980, 2, 29), male=False)
    row = ledger.households.create(household_values(id_number=number, name="李桂兰"))
    assert row.gender == "女"
    assert row.birth_date == dt.date(1980, 2, 29)
    assert row.status == "在档"
    assert row.file_no.startswith("KN2023")
    history = ledger.households.detail(row.id).history
    assert [(c.action, c.to_status) for c in history] == [("建档", "在档")]
    entries = ledger.audit.history("households", row.id)
    assert entries[0].action == "create"
    assert entries[0].changes["name"] == [None, "李桂兰"]


def test_fifteen_digit_id_is_upgraded_never_stored_as_is(ledger: Ledger) -> None:
    eighteen = id_number(dt.date(1965, 7, 1))
    fifteen = eighteen[:6] + eighteen[8:17]
    row = ledger.households.create(household_values(id_number=fifteen))
    assert row.id_number == eighteen


@pytest.mark.parametrize(
    ("mutate", "code"),
    [
        (lambda n: n[:-1] + ("0" if n[-1] != "0" else "1"), "id_checksum"),
        (lambda n: n[:-2], "id_length"),
        (lambda n: 4.11602e17, "id_precision_lost"),
    ],
)
def test_bad_id_numbers_are_refused_with_a_typed_error(ledger: Ledger, mutate, code) -> None:
    before = table_counts(ledger)
    with pytest.raises(InvalidIdNumber) as caught:
        ledger.households.create(household_values(id_number=mutate(id_number())))
    assert caught.value.code == code
    assert "身份证号" in caught.value.message
    assert table_counts(ledger) == before


def test_gender_mismatch_with_id_is_reported(ledger: Ledger) -> None:
    with pytest.raises(InvalidValue) as caught:
        ledger.households.create(household_values(id_number=id_number(male=True), gender="女"))
    assert "性别" in caught.value.message


def test_one_active_file_per_person_as_head_and_as_member(ledger: Ledger) -> None:
    first = ledger.households.create(household_values())
    before = table_counts(ledger)
    with pytest.raises(DuplicatePerson) as caught:
        ledger.households.create(household_values(id_number=first.id_number, name="张建国"))
    assert caught.value.other_household_id == first.id
    assert first.file_no in caught.value.message
    assert table_counts(ledger) == before

    child = id_number(dt.date(2006, 9, 1))
    ledger.households.add_member(
        first.id, {"name": "张小军", "relation": "子女", "id_number": child}
    )
    with pytest.raises(DuplicatePerson):
        ledger.households.create(household_values(id_number=child, name="张小军"))
    second = ledger.households.create(household_values())
    with pytest.raises(DuplicatePerson):
        ledger.households.add_member(
            second.id, {"name": "张小军", "relation": "子女", "id_number": child}
        )


def test_closed_file_frees_the_person_for_a_new_file(ledger: Ledger) -> None:
    first = ledger.households.create(household_values())
    ledger.households.change_status(first.id, "销档", date="2024-01-10", reason="重复建档")
    again = ledger.households.create(household_values(id_number=first.id_number))
    assert again.id != first.id


def test_lifecycle_lift_return_close(ledger: Ledger) -> None:
    row = ledger.households.create(household_values())
    lifted = ledger.households.change_status(
        row.id,
        "脱困",
        date="2024-06-30",
        reason="实现稳定就业",
        route="就业创业",
        reviewer="王主任",
    )
    assert lifted.status == "已脱困"
    back = ledger.households.change_status(row.id, "返困", date="2025-02-01", reason="再次患病")
    assert back.status == "在档"
    closed = ledger.households.change_status(row.id, "销档", date="2025-09-01", reason="死亡")
    assert closed.status == "已销档"
    history = ledger.households.detail(row.id).history
    assert [c.action for c in history] == ["建档", "脱困", "返困", "销档"]
    assert history[1].route == "就业创业" and history[1].reviewer == "王主任"
    assert [a.action for a in ledger.audit.history("households", row.id)].count("status") == 3


@pytest.mark.parametrize(
    ("steps", "action"),
    [
        ([], "返困"),
        ([("销档", "死亡")], "脱困"),
        ([("销档", "死亡")], "返困"),
        ([("脱困", "就业")], "销档"),
    ],
)
def test_forbidden_transitions_leave_the_file_unchanged(ledger: Ledger, steps, action) -> None:
    row = ledger.households.create(household_values())
    for step, reason in steps:
        ledger.households.change_status(
            row.id, step, date="2024-01-05", reason=reason, route="就业创业"
        )
    before = table_counts(ledger)
    status = ledger.households.get(row.id).status
    with pytest.raises(ForbiddenTransition) as caught:
        ledger.households.change_status(row.id, action, date="2024-02-01", reason="x", route="其他")
    assert action in caught.value.message
    assert ledger.households.get(row.id).status == status
    assert table_counts(ledger) == before


def test_status_change_needs_reason_route_and_a_sensible_date(ledger: Ledger) -> None:
    row = ledger.households.create(household_values())
    with pytest.raises(LedgerError):
        ledger.households.change_status(
            row.id, "脱困", date="2024-01-01", reason="好转"
        )  # no route
    with pytest.raises(InvalidValue):
        ledger.households.change_status(row.id, "脱困", date="2022-01-01", reason="x", route="其他")
    with pytest.raises(InvalidValue):
        future = dt.date.today() + dt.timedelta(days=3)
        ledger.households.change_status(row.id, "脱困", date=future, reason="x", route="其他")
    with pytest.raises(LedgerError):
        ledger.households.change_status(row.id, "销档", date="2024-01-01", reason="搬家了")
    assert ledger.households.get(row.id).status == "在档"


def test_closed_file_cannot_be_edited_or_assisted(ledger: Ledger) -> None:
    row = ledger.households.create(household_values())
    ledger.households.change_status(row.id, "销档", date="2024-01-10", reason="调离")
    with pytest.raises(ForbiddenTransition):
        ledger.households.update(row.id, {"phone": "13812345678"})
    with pytest.raises(ForbiddenTransition):
        ledger.households.add_assistance(
            row.id,
            {
                "date": "2024-02-01",
                "category": "生活救助",
                "cash": 500,
                "funding_source": "中央财政",
            },
        )


def test_update_records_old_and_new_values(ledger: Ledger) -> None:
    row = ledger.households.create(household_values(phone="13812345678"))
    updated = ledger.households.update(
        row.id, {"phone": "0371-6666 8888", "family_size": "4"}, expected_version=row.version
    )
    assert updated.phone == "0371-66668888"
    assert updated.version == row.version + 1
    change = ledger.audit.history("households", row.id)[0]
    assert change.action == "update"
    assert change.changes == {"phone": ["13812345678", "0371-66668888"], "family_size": [3, 4]}


def test_stale_version_is_a_conflict_not_a_lost_update(ledger: Ledger) -> None:
    row = ledger.households.create(household_values())
    ledger.households.update(row.id, {"address": "城关镇幸福路1号"}, expected_version=row.version)
    with pytest.raises(ConcurrentEdit):
        ledger.households.update(row.id, {"address": "别的地址"}, expected_version=row.version)
    assert ledger.households.get(row.id).address == "城关镇幸福路1号"


def test_missing_required_fields_are_all_reported(ledger: Ledger) -> None:
    with pytest.raises(MissingRequired) as caught:
        ledger.households.create({"name": "王五"})
    fields = {caught.value.field, *(e.field for e in caught.value.others)}
    assert {"id_number", "township", "hardship_class", "main_cause"} <= fields


def test_per_capita_income_and_suggested_class(ledger: Ledger) -> None:
    ledger.settings.set_dibao_standard(2025, "600")
    deep = ledger.households.create(
        household_values(family_annual_income="18000", annual_rigid_expense="6000", family_size=3)
    )
    assessment = ledger.households.assess(deep.id, 2025)
    assert assessment.per_capita_monthly == Decimal("333.33")
    assert assessment.suggested_class == "深度困难"
    relative = ledger.households.create(
        household_values(family_annual_income="36000", annual_rigid_expense="0", family_size=3)
    )
    assert ledger.households.assess(relative.id, 2025).suggested_class == "相对困难"
    assert ledger.households.assess(relative.id, 2019).suggested_class is None  # no standard set


def test_assistance_totals_by_year_and_recycle_bin(ledger: Ledger) -> None:
    row = ledger.households.create(household_values())
    kept = ledger.households.add_assistance(
        row.id,
        {
            "date": "2024-01-20",
            "category": "送温暖慰问",
            "cash": "500",
            "goods": "米面油",
            "goods_value": "200",
            "funding_source": "本级工会经费",
        },
    )
    gone = ledger.households.add_assistance(
        row.id,
        {
            "date": "2025-08-20",
            "category": "子女助学",
            "cash": "2,000元",
            "funding_source": "省财政",
        },
    )
    assert ledger.households.detail(row.id).assistance_by_year() == {
        2024: Decimal("700.00"),
        2025: Decimal("2000.00"),
    }
    ledger.households.remove_assistance(gone.id)
    assert [a.id for a in ledger.households.detail(row.id).assistance] == [kept.id]
    assert [i.record_id for i in ledger.recycle.items("assistance")] == [gone.id]
    ledger.recycle.restore("assistance", gone.id)
    assert len(ledger.households.detail(row.id).assistance) == 2
    actions = [e.action for e in ledger.audit.history("assistance", gone.id)]
    assert actions == ["restore", "delete", "create"]


def test_assistance_needs_some_value(ledger: Ledger) -> None:
    row = ledger.households.create(household_values())
    with pytest.raises(InvalidValue):
        ledger.households.add_assistance(
            row.id, {"date": "2024-01-20", "category": "生活救助", "funding_source": "中央财政"}
        )


def test_restoring_a_member_respects_one_active_file(ledger: Ledger) -> None:
    first = ledger.households.create(household_values())
    child = id_number(dt.date(2008, 1, 1))
    member = ledger.households.add_member(
        first.id, {"name": "张乐", "relation": "子女", "id_number": child}
    )
    ledger.households.remove_member(member.id)
    ledger.households.create(household_values(id_number=child, name="张乐"))
    with pytest.raises(DuplicatePerson):
        ledger.recycle.restore("household_members", member.id)


def test_search_uses_prefixes_filters_and_sql_sorting(ledger: Ledger) -> None:
    a = ledger.households.create(household_values(name="王秀英", township="城关镇"))
    b = ledger.households.create(
        household_values(name="王建军", township="东城街道", phone="13900001111")
    )
    c = ledger.households.create(household_values(name="李四", township="东城街道", address="王村"))
    assert set(ledger.households.search_ids(HouseholdQuery(text="王"))) == {a.id, b.id, c.id}
    assert ledger.households.search_ids(HouseholdQuery(text="王", township="东城街道")) == [
        b.id,
        c.id,
    ]
    assert ledger.households.search_ids(HouseholdQuery(text="139")) == [b.id]
    assert ledger.households.search_ids(HouseholdQuery(text=a.id_number[:17])) == [a.id]
    by_name = ledger.households.search_ids(HouseholdQuery(sort="name", descending=True))
    assert [r.name for r in ledger.households.rows(by_name)] == sorted(
        ["王秀英", "王建军", "李四"], reverse=True
    )
    assert ledger.households.count(HouseholdQuery(township="东城街道")) == 2


def test_every_change_leaves_an_audit_row(ledger: Ledger) -> None:
    row = ledger.households.create(household_values())
    m = ledger.households.add_member(row.id, {"name": "刘芳", "relation": "配偶"})
    ledger.households.update_member(m.id, {"identity": "无业"})
    ledger.households.update(row.id, {"remarks": "已走访"})
    ledger.households.change_status(
        row.id, "脱困", date="2024-05-01", reason="就业", route="就业创业"
    )
    ledger.settings.set_org_name("示范县总工会")
    ledger.settings.set_townships(["城关镇", "东城街道"])
    actions = [
        (e.entity, e.action) for e in ledger.audit.rows(ledger.audit.search_ids(AuditQuery()))
    ]
    assert ("households", "create") in actions
    assert ("household_members", "create") in actions
    assert ("household_members", "update") in actions
    assert ("households", "update") in actions
    assert ("households", "status") in actions
    assert ("settings", "update") in actions
    assert ("townships", "update") in actions


@pytest.mark.parametrize(
    "township_numbers",
    [
        ["KN2023I0007"],  # a township's own scheme after the year (imported)
        ["KN202300001", "KN2023-012", "KN20230000A"],
        ["KN2023000123", "KN202300002"],  # six digits: not of our numbering
    ],
)
def test_new_file_numbers_skip_numbers_of_other_schemes(
    ledger: Ledger, township_numbers: list[str]
) -> None:
    for file_no in township_numbers:
        ledger.households.create(household_values(file_no=file_no, id_number=id_number()))
    made = [
        ledger.households.create(household_values(id_number=id_number())).file_no for _ in range(2)
    ]
    taken = set(township_numbers)
    assert len(set(made)) == 2 and not taken & set(made), made
    assert all(n.startswith("KN2023") and n[6:].isdigit() and len(n) == 11 for n in made)
