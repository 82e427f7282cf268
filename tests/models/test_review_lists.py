"""The review lists' rules at their edges: exactly 12 months, the day of 脱困, 29 February, the
rounding of a per-capita figure at the 低保标准, and what a blank or deleted record means.

Names, townships and amounts are of the kind county rosters carry (城关镇 …, 送温暖慰问 800 元),
dates are fixed so that each boundary is the point of a test, not an accident of today's date.
"""

from __future__ import annotations

import datetime as dt

import pytest

from models.schema import AuditEntry
from models.services import Ledger
from tests.models.factories import household_values, id_number

D = dt.date


def _file(ledger: Ledger, name: str = "刘桂芳", **extra: object) -> int:
    values = household_values(name=name, id_number=id_number(D(1971, 8, 3), male=False), **extra)
    return ledger.households.create(values).id


def _listed(ledger: Ledger, key: str, as_of: dt.date) -> list[str]:
    return [e.file_no for e in ledger.reviews.lists(as_of).entries[key]]


def _file_no(ledger: Ledger, hid: int) -> str:
    return ledger.households.get(hid).file_no


def test_not_reviewed_for_exactly_twelve_months_is_listed(ledger: Ledger) -> None:
    reviewed = _file(ledger)
    never = _file(ledger, "马秀珍")
    lifted = _file(ledger, "赵德胜")
    ledger.reviews.record_review([reviewed, lifted], date="2025-12-07", reviewer="王丽",
                                 result="情况属实")  # fmt: skip
    ledger.households.change_status(lifted, "脱困", date="2025-12-08", reason="再就业",
                                    route="就业创业")  # fmt: skip
    no = _file_no(ledger, reviewed)
    assert no not in _listed(ledger, "not_reviewed_12m", D(2026, 12, 6))
    assert no in _listed(ledger, "not_reviewed_12m", D(2026, 12, 7))
    listed = _listed(ledger, "not_reviewed_12m", D(2026, 12, 6))
    assert _file_no(ledger, never) in listed  # never reviewed
    assert _file_no(ledger, lifted) not in listed  # 已脱困: followed up, not reviewed
    entry = ledger.reviews.lists(D(2026, 12, 7)).entries["not_reviewed_12m"]
    assert {e.detail for e in entry} == {"从未核查", "最近核查于2025年12月7日，已满12个月"}


def test_a_review_on_29_february_is_due_on_1_march(ledger: Ledger) -> None:
    hid = _file(ledger)
    ledger.reviews.record_review([hid], date="2024-02-29", reviewer="王丽", result="情况属实")
    no = _file_no(ledger, hid)
    assert no not in _listed(ledger, "not_reviewed_12m", D(2025, 2, 28))
    assert no in _listed(ledger, "not_reviewed_12m", D(2025, 3, 1))


def test_a_later_review_is_not_undone_by_an_earlier_one_entered_late(ledger: Ledger) -> None:
    hid = _file(ledger)
    ledger.reviews.record_review([hid], date="2026-05-10", reviewer="王丽", result="情况属实")
    ledger.reviews.record_review([hid], date="2026-01-15", reviewer="李强", result="已更新档案")
    assert ledger.households.get(hid).reviewed_date == D(2026, 5, 10)
    assert [r.date for r in ledger.reviews.reviews(hid)] == [D(2026, 5, 10), D(2026, 1, 15)]


def test_never_assisted_and_not_assisted_this_year(ledger: Ledger) -> None:
    never = _file(ledger)
    last_year = _file(ledger, "孙玉兰")
    new_year = _file(ledger, "周志刚")
    binned = _file(ledger, "吴淑华")
    aid = {"category": "送温暖慰问", "cash": "800", "funding_source": "本级工会经费"}
    ledger.households.add_assistance(last_year, aid | {"date": "2025-12-31"})
    ledger.households.add_assistance(new_year, aid | {"date": "2026-01-01"})
    gone = ledger.households.add_assistance(binned, aid | {"date": "2026-02-01"})
    ledger.households.remove_assistance(gone.id)  # in the recycle bin: not aid

    never_list = _listed(ledger, "never_assisted", D(2026, 1, 1))
    assert set(never_list) == {_file_no(ledger, never), _file_no(ledger, binned)}
    this_year = _listed(ledger, "not_assisted_this_year", D(2026, 1, 1))
    assert this_year == [_file_no(ledger, last_year)]  # aid on 1 January counts for the year
    assert _listed(ledger, "not_assisted_this_year", D(2025, 12, 31)) == []
    # Before the first aid, a file has not been assisted yet.
    assert _file_no(ledger, new_year) in _listed(ledger, "never_assisted", D(2025, 12, 31))


@pytest.mark.parametrize(
    ("hardship_class", "income", "listed", "suggestion"),
    [
        (
            "深度困难",
            "34799.82",
            True,
            "相对困难",
        ),  # (34799.82−6000)÷12÷3 = 799.995 元 → 800.00: the standard itself
        ("深度困难", "34799.64", False, None),  # 799.99 元
        ("深度困难", "63600", True, "脱困"),  # 1600.00 元: twice the standard
        ("相对困难", "63599.64", False, None),  # 1599.99 元
        ("相对困难", "63600", True, "脱困"),
        ("意外致困", "99999", False, None),  # not an income class
    ],
)
def test_income_above_the_class_threshold(
    ledger: Ledger, hardship_class: str, income: str, listed: bool, suggestion: str | None
) -> None:
    ledger.settings.set_dibao_standard(2026, "800")
    ledger.settings.set_dibao_standard(2025, "760")
    hid = _file(
        ledger, hardship_class=hardship_class, family_size=3, family_annual_income=income,
        annual_rigid_expense="6000",
    )  # fmt: skip
    entries = ledger.reviews.lists(D(2026, 3, 1)).entries["income_above_threshold"]
    assert [e.household_id for e in entries] == ([hid] if listed else [])
    if listed:
        assert entries[0].suggestion == suggestion
        assert "2026年低保标准" in entries[0].detail


def test_income_list_says_when_the_year_has_no_standard(ledger: Ledger) -> None:
    ledger.settings.set_dibao_standard(2025, "760")
    _file(ledger, family_annual_income="90000")
    result = ledger.reviews.lists(D(2026, 3, 1))
    assert result.entries["income_above_threshold"] == []
    assert any("尚未设置2026年低保标准" in n for n in result.notices)


def test_members_whose_age_or_schooling_changes_the_file(ledger: Ledger) -> None:
    hid = _file(ledger)
    leap = ledger.households.add_member(hid, {
        "name": "刘思雨", "relation": "子女", "birth_date": "2008-02-29", "identity": "学生",
        "grade": "高二",
    })  # fmt: skip
    ledger.households.add_member(hid, {"name": "刘思远", "relation": "子女",
                                       "birth_date": "2009-05-02", "identity": "学生",
                                       "grade": "高中三年级"})  # fmt: skip
    ledger.households.add_member(
        hid,
        {"name": "刘小宝", "relation": "孙子女", "birth_date": "2018-10-01", "identity": "学龄前"},
    )
    ledger.households.add_member(hid, {"name": "刘思琪", "relation": "子女",
                                       "birth_date": "2010-01-01", "identity": "学生",
                                       "grade": "初二"})  # fmt: skip

    def names(as_of: dt.date) -> dict[str, str]:
        entries = ledger.reviews.lists(as_of).entries["member_changes"]
        return {e.member_name or "": e.detail for e in entries}

    before = names(D(2026, 2, 28))
    assert "刘思雨" not in before  # 17 until 28 February is over
    assert "刘思远" in before and "本学年毕业" in before["刘思远"]
    assert "刘小宝" in before  # 7 since 1 October 2025, still 学龄前
    on = names(D(2026, 3, 1))
    assert on["刘思雨"] == "刘思雨于2026年3月1日年满18周岁，人员身份为学生"
    assert "刘思琪" not in on  # 初二: not a final year
    assert "刘小宝" in names(D(2025, 10, 1)) and "刘小宝" not in names(D(2025, 9, 30))
    # Twelve months after coming of age the member leaves the list.
    assert "刘思雨" in names(D(2027, 2, 28))
    assert "刘思雨" not in names(D(2027, 3, 1))
    ledger.households.update_member(leap.id, {"identity": "在岗"})
    assert "刘思雨" not in names(D(2026, 6, 1))


def _lift(ledger: Ledger, hid: int, day: str) -> None:
    ledger.households.change_status(hid, "脱困", date=day, reason="实现稳定就业",
                                    route="就业创业")  # fmt: skip


def test_follow_ups_fall_due_after_three_six_and_twelve_months(ledger: Ledger) -> None:
    hid = _file(ledger)
    _lift(ledger, hid, "2025-11-30")

    def due(as_of: dt.date) -> list[tuple[dt.date | None, bool]]:
        return [(e.date, e.overdue) for e in ledger.reviews.lists(as_of).entries["follow_up_due"]]

    assert due(D(2025, 11, 30)) == []  # the day of 脱困
    assert due(D(2026, 2, 28)) == []
    assert due(D(2026, 3, 1)) == [(D(2026, 3, 1), False)]  # 30 November + 3 months
    assert due(D(2026, 3, 31)) == [(D(2026, 3, 1), False)]
    assert due(D(2026, 4, 1)) == [(D(2026, 3, 1), True)]  # a month late: overdue
    ledger.reviews.add_follow_up(hid, date="2026-03-05", way="电话", result="稳定")
    assert due(D(2026, 5, 29)) == []
    assert due(D(2026, 5, 30)) == [(D(2026, 5, 30), False)]
    ledger.reviews.add_follow_up(hid, date="2026-05-30", way="入户", result="有返困风险")
    (entry,) = ledger.reviews.lists(D(2026, 11, 30)).entries["follow_up_due"]
    assert entry.date == D(2026, 11, 30) and "有返困风险" in entry.detail
    ledger.reviews.add_follow_up(hid, date="2026-11-30", way="入户", result="稳定")
    assert due(D(2026, 12, 7)) == []  # all three done


def test_follow_up_on_29_february_and_custom_intervals(ledger: Ledger) -> None:
    hid = _file(ledger)
    _lift(ledger, hid, "2023-11-29")
    entries = ledger.reviews.lists(D(2024, 2, 29)).entries["follow_up_due"]
    assert [e.date for e in entries] == [D(2024, 2, 29)]
    ledger.reviews.set_follow_up_months("6，12")
    assert ledger.reviews.follow_up_months() == (6, 12)
    assert ledger.reviews.lists(D(2024, 2, 29)).entries["follow_up_due"] == []


def test_a_follow_up_finding_return_offers_the_return(ledger: Ledger) -> None:
    hid = _file(ledger)
    _lift(ledger, hid, "2026-01-10")
    ledger.reviews.add_follow_up(hid, date="2026-02-01", way="入户", result="已返困",
                                 note="妻子住院，家庭收入骤降")  # fmt: skip
    (entry,) = ledger.reviews.lists(D(2026, 2, 2)).entries["follow_up_due"]
    assert entry.suggestion == "返困"
    ledger.households.change_status(hid, "返困", date="2026-02-02", reason="回访发现已返困")
    assert ledger.reviews.lists(D(2026, 2, 2)).entries["follow_up_due"] == []


def test_follow_ups_are_refused_for_files_not_lifted_and_before_lifting(ledger: Ledger) -> None:
    from models.errors import InvalidValue

    hid = _file(ledger)
    with pytest.raises(InvalidValue, match="已脱困"):
        ledger.reviews.add_follow_up(hid, date="2026-02-01", way="电话", result="稳定")
    _lift(ledger, hid, "2026-01-10")
    with pytest.raises(InvalidValue, match="脱困日期"):
        ledger.reviews.add_follow_up(hid, date="2026-01-09", way="电话", result="稳定")
    with pytest.raises(InvalidValue, match="回访方式"):
        ledger.reviews.add_follow_up(hid, date="2026-02-01", way="微信", result="稳定")
    assert ledger.reviews.follow_ups(hid) == []


def _audit(ledger: Ledger, action: str) -> list[AuditEntry]:
    from sqlalchemy import select

    with ledger.db.read() as s:
        found = list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)))
        s.expunge_all()
        return found


def test_reviews_and_follow_ups_are_audited(ledger: Ledger) -> None:
    a, b = _file(ledger), _file(ledger, "郑文华")
    ledger.reviews.record_review([a, b], date="2026-11-20", reviewer="王丽", result="情况属实",
                                 note="入户核实收入")  # fmt: skip
    entries = _audit(ledger, "review")
    assert sorted(e.entity_id for e in entries) == sorted([a, b])
    assert all(e.entity == "households" for e in entries)
    assert entries[0].changes["reviewed_date"] == [None, "2026-11-20"]
    assert "入户核实收入" in (entries[0].note or "")
    _lift(ledger, a, "2026-11-25")
    ledger.reviews.add_follow_up(a, date="2026-11-30", way="电话", result="稳定")
    (call,) = _audit(ledger, "follow_up")
    assert call.entity_id == a and call.changes["follow_up_result"] == [None, "稳定"]
    history = ledger.audit.history("households", a)
    assert {"review", "follow_up"} <= {h.action for h in history}


def test_a_bulk_review_with_one_bad_file_writes_nothing(ledger: Ledger) -> None:
    from models.errors import InvalidValue

    good, closed = _file(ledger), _file(ledger, "何建军")
    ledger.households.change_status(closed, "销档", date="2026-01-05", reason="调离")
    with pytest.raises(InvalidValue, match="已销档"):
        ledger.reviews.record_review([good, closed], date="2026-11-20", reviewer="王丽",
                                     result="情况属实")  # fmt: skip
    assert ledger.households.get(good).reviewed_date is None
    assert ledger.reviews.reviews(good) == []
    assert _audit(ledger, "review") == []


def test_review_input_is_checked_in_chinese(ledger: Ledger) -> None:
    from models.errors import InvalidValue, LedgerError, MissingRequired

    hid = _file(ledger)
    with pytest.raises(MissingRequired, match="核查人"):
        ledger.reviews.record_review([hid], date="2026-11-20", reviewer=" ", result="情况属实")
    with pytest.raises(InvalidValue, match="核查结果"):
        ledger.reviews.record_review([hid], date="2026-11-20", reviewer="王丽", result="通过")
    with pytest.raises(InvalidValue, match="建档日期"):
        ledger.reviews.record_review([hid], date="2020-01-01", reviewer="王丽", result="情况属实")
    with pytest.raises(LedgerError, match="晚于今天"):
        tomorrow = dt.date.today() + dt.timedelta(days=1)
        ledger.reviews.record_review([hid], date=tomorrow, reviewer="王丽", result="情况属实")


def test_lists_as_of_a_date_use_each_files_status_on_that_date(ledger: Ledger) -> None:
    lifted_later = _file(ledger, filed_date="2025-03-02")
    closed_before = _file(ledger, "马秀珍", filed_date="2025-03-02")
    ledger.households.change_status(lifted_later, "脱困", date="2026-04-20", reason="子女就业",
                                    route="就业创业")  # fmt: skip
    ledger.households.change_status(closed_before, "销档", date="2025-11-15",
                                    reason="调离")  # fmt: skip
    as_of = D(2026, 1, 10)
    for key in ("not_reviewed_12m", "never_assisted"):
        listed = _listed(ledger, key, as_of)
        assert _file_no(ledger, lifted_later) in listed, key  # still 在档 on 10 January
        assert _file_no(ledger, closed_before) not in listed, key
    # After the 脱困 it is no longer on those lists.
    assert _file_no(ledger, lifted_later) not in _listed(ledger, "never_assisted", D(2026, 5, 1))


def test_a_file_with_no_status_history_keeps_its_own_status(ledger: Ledger) -> None:
    # A ledger carried over from an older sheet may hold files without a single status step;
    # they are not dropped from the 在档 lists for want of one.
    from sqlalchemy import delete

    from models.schema import StatusChange

    hid = _file(ledger, filed_date="2025-03-02")
    with ledger.db.begin() as s:
        s.execute(delete(StatusChange).where(StatusChange.household_id == hid))
    assert _file_no(ledger, hid) in _listed(ledger, "never_assisted", D(2026, 1, 10))
