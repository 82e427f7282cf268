"""Duplicate people across files and townships: the pairs a clerk would call one person are
found with their reasons, namesakes born on other days are not, and a ruled-out pair stays out.

The slips are the ones county files really carry: a 15-digit number upgraded with one digit
mistyped (so the check character is right again), a traditional-character 户口簿 (陳建華), a
pinyin IME's homophone (张伟/张玮), a spouse re-filed as head in another township.
"""

from __future__ import annotations

import datetime as dt

import pytest

from models.errors import InvalidValue, PermissionDenied
from models.schema import HouseholdMember
from models.services import ROLE_VIEWER, Actor, Ledger
from models.services.households import HouseholdQuery
from models.validation import build_id_number
from tests.models.factories import household_values

D = dt.date


def _head(ledger: Ledger, name: str, region: str, born: dt.date, seq: int, **extra: object) -> int:
    values = household_values(name=name, id_number=build_id_number(region, born, seq), **extra)
    return ledger.households.create(values).id


def _pairs(ledger: Ledger) -> dict[frozenset[str], list[str]]:
    return {frozenset(p.file_nos): list(p.reasons) for p in ledger.reviews.duplicates()}


def _no(ledger: Ledger, hid: int) -> str:
    return ledger.households.get(hid).file_no


def test_id_numbers_one_digit_or_one_swap_apart_with_the_same_name(ledger: Ledger) -> None:
    a = _head(ledger, "李秀英", "411621", D(1968, 3, 14), 123, township="城关镇")
    b = _head(ledger, "李秀英", "411621", D(1968, 3, 14), 128, township="练寺镇")  # 17th digit
    c = _head(ledger, "李秀英", "411622", D(1968, 3, 14), 123, township="大新镇")  # 6th digit
    # Not the same name: 李秀云 with a number one digit from 李秀英's is someone else.
    _head(ledger, "李秀云", "411621", D(1968, 3, 14), 127, township="城关镇")
    pairs = _pairs(ledger)
    assert pairs[frozenset({_no(ledger, a), _no(ledger, b)})] == ["同名，身份证号仅第17位不同"]
    assert pairs[frozenset({_no(ledger, a), _no(ledger, c)})] == ["同名，身份证号仅第6位不同"]
    assert len(pairs) == 2  # b and c differ in two digits


def test_two_neighbouring_digits_swapped(ledger: Ledger) -> None:
    a = _head(ledger, "王建华", "411602", D(1975, 6, 21), 135)
    b = _head(ledger, "王建华", "411602", D(1975, 6, 21), 153)
    crossing = _head(ledger, "王建华", "411602", D(1975, 12, 6), 135)  # 19751206 vs 19750621
    pairs = _pairs(ledger)
    assert pairs[frozenset({_no(ledger, a), _no(ledger, b)})] == [
        "同名，身份证号第16、17位前后颠倒"
    ]
    assert frozenset({_no(ledger, a), _no(ledger, crossing)}) not in pairs


def test_homophone_and_variant_names_with_the_same_birth_date_and_contact(ledger: Ledger) -> None:
    born = D(1975, 4, 12)
    a = _head(ledger, "张伟", "411602", born, 211, phone="13907551234", township="城关镇")
    b = _head(ledger, "张玮", "411621", born, 301, phone="139-0755-1234", township="东关街道")
    c = _head(ledger, "陈建华", "411602", D(1969, 9, 9), 41, address="城关镇人民路18号3单元")
    d = _head(ledger, "陳建華", "411622", D(1969, 9, 9), 77, address="城关镇人民路18号 3单元")
    pairs = _pairs(ledger)
    assert pairs[frozenset({_no(ledger, a), _no(ledger, b)})] == [
        "姓名同音，出生日期相同，电话相同"
    ]
    assert pairs[frozenset({_no(ledger, c), _no(ledger, d)})] == [
        "姓名写法不同（繁体或异体字），出生日期相同，住址相同"
    ]


def test_namesakes_born_on_other_days_are_not_reported(ledger: Ledger) -> None:
    """Two 王秀兰 of one village, one phone (the village committee's), different birth dates."""
    _head(ledger, "王秀兰", "411602", D(1962, 1, 5), 402, phone="03948123456",
          address="练寺镇王庄村")  # fmt: skip
    _head(ledger, "王秀兰", "411602", D(1966, 7, 19), 506, phone="03948123456",
          address="练寺镇王庄村")  # fmt: skip
    assert _pairs(ledger) == {}


def test_a_member_of_one_file_who_heads_another(ledger: Ledger) -> None:
    born = D(1972, 11, 2)
    wife = _head(ledger, "赵丽娟", "411621", born, 84, township="城关镇")
    husband = _head(ledger, "孙国强", "411621", D(1970, 5, 5), 91, township="练寺镇")
    # The husband's file lists her without an ID number (the services allow that).
    ledger.households.add_member(
        husband, {"name": "赵丽娟", "relation": "配偶", "birth_date": born.isoformat()}
    )
    pairs = _pairs(ledger)
    assert pairs[frozenset({_no(ledger, wife), _no(ledger, husband)})] == [
        "家庭成员（未填身份证号）与另一档户主同名、出生日期相同"
    ]


def test_a_member_with_the_head_id_of_another_file_from_an_old_ledger(ledger: Ledger) -> None:
    """Ledgers older than the one-file-per-person rule hold such members: the search finds them."""
    head = _head(ledger, "周淑芬", "411602", D(1965, 2, 8), 62)
    other = _head(ledger, "吴志明", "411602", D(1963, 8, 8), 71)
    with ledger.db.begin() as s:
        s.add(HouseholdMember(
            household_id=other, name="周淑芬", relation="配偶",
            id_number=ledger.households.get(head).id_number, birth_date=D(1965, 2, 8),
        ))  # fmt: skip
    reasons = _pairs(ledger)[frozenset({_no(ledger, head), _no(ledger, other)})]
    assert "家庭成员是另一档的户主（身份证号相同）" in reasons


def test_not_the_same_person_is_remembered_and_audited(ledger: Ledger) -> None:
    a = _head(ledger, "李秀英", "411621", D(1968, 3, 14), 123)
    b = _head(ledger, "李秀英", "411621", D(1968, 3, 14), 128)
    (pair,) = ledger.reviews.duplicates()
    ledger.reviews.mark_not_same_person(pair.b.key, pair.a.key, note="两人，户口簿已核对")
    ledger.reviews.mark_not_same_person(pair.a.key, pair.b.key)  # twice: nothing more
    assert ledger.reviews.duplicates() == []
    history = [r for r in ledger.audit.history("not_same_person", 1)]
    assert [r.action for r in history] == ["not_same_person"]
    assert {a, b}  # both files untouched
    assert ledger.households.get(a).status == ledger.households.get(b).status == "在档"


def test_closing_one_file_as_a_duplicate(ledger: Ledger) -> None:
    a = _head(ledger, "李秀英", "411621", D(1968, 3, 14), 123)
    b = _head(ledger, "李秀英", "411621", D(1968, 3, 14), 128)
    ledger.reviews.close_as_duplicate(b, _no(ledger, a), date=dt.date.today())
    closed = ledger.households.detail(b)
    assert closed.household.status == "已销档" and closed.history[-1].reason == "重复建档"
    assert ledger.reviews.duplicates() == []  # a closed file holds no one
    notes = [r.note or "" for r in ledger.audit.history("households", b)]
    assert any(f"保留 {_no(ledger, a)}" in n for n in notes)


def test_people_in_one_file_are_not_paired(ledger: Ledger) -> None:
    hid = _head(ledger, "张伟", "411602", D(1975, 4, 12), 211, phone="13907551234")
    ledger.households.add_member(
        hid, {"name": "张玮", "relation": "兄弟姐妹", "birth_date": "1975-04-12"}
    )
    assert _pairs(ledger) == {}


def test_every_single_slip_is_found_wherever_it_falls() -> None:
    """Each of the 17 digits changed, and each of the 16 neighbouring swaps (also across the
    borders between region, year, date and sequence), is caught by the blocking keys."""
    from models.reviews.duplicates import HEAD, Person, _id_slips

    base = "41312719750621135"  # 17 digits, the check character does not take part

    def person(key: str, number: str, household: int) -> Person:
        return Person(key, household, f"KN{household}", "城关镇", HEAD, "王建华", number + "0",
                      None, None, None)  # fmt: skip

    variants = [base[:i] + str((int(base[i]) + 1) % 10) + base[i + 1 :] for i in range(17)]
    variants += [
        base[:i] + base[i + 1] + base[i] + base[i + 2 :]
        for i in range(16)
        if base[i] != base[i + 1]
    ]
    for number in variants:
        found = list(_id_slips([person("h1", base, 1), person("h2", number, 2)]))
        assert len(found) == 1, number


def test_merging_two_files_of_one_person(ledger: Ledger) -> None:
    keep = _head(ledger, "李秀英", "411621", D(1968, 3, 14), 123)
    other = _head(ledger, "李秀英", "411621", D(1968, 3, 14), 128)
    hh = ledger.households
    son = build_id_number("411621", D(1992, 6, 1), 135)
    hh.add_member(keep, {"name": "王磊", "relation": "子女", "id_number": son})
    with ledger.db.begin() as s:  # as an old sheet left it: the son in both files
        s.add(HouseholdMember(household_id=other, name="王磊", relation="子女", id_number=son,
                              birth_date=D(1992, 6, 1)))  # fmt: skip
    hh.add_member(other, {"name": "王芳", "relation": "子女", "birth_date": "1995-09-20"})
    hh.add_assistance(other, {"date": "2025-12-20", "category": "送温暖慰问", "cash": "800",
                              "funding_source": "本级工会经费"})  # fmt: skip
    ledger.reviews.record_review([other], date="2025-11-03", reviewer="王丽", result="情况属实")
    before = len(ledger.audit.history("households", keep))

    ledger.reviews.merge_duplicate(keep, other, date=dt.date.today())

    kept = hh.detail(keep)
    assert sorted(m.name for m in kept.members) == ["王磊", "王芳"]
    assert [a.cash for a in kept.assistance] == [800]
    assert [r.date for r in ledger.reviews.reviews(keep)] == [D(2025, 11, 3)]
    assert hh.get(keep).reviewed_date == D(2025, 11, 3)
    closed = hh.detail(other)
    assert closed.household.status == "已销档" and closed.history[-1].reason == "重复建档"
    assert closed.assistance == () and [m.name for m in closed.members] == ["王磊"]
    notes = [r.note or "" for r in ledger.audit.history("households", other)]
    assert any(f"并入档案 {_no(ledger, keep)}" in n for n in notes)
    assert len(ledger.audit.history("households", keep)) > before
    assert ledger.reviews.duplicates() == []
    # The list search finds a moved member under the file that now holds her.
    assert hh.search_ids(HouseholdQuery(text="王芳")) == [keep]


def test_a_file_is_not_merged_into_itself(ledger: Ledger) -> None:
    keep = _head(ledger, "李秀英", "411621", D(1968, 3, 14), 123)
    other = _head(ledger, "李秀英", "411621", D(1968, 3, 14), 128)
    with pytest.raises(InvalidValue):
        ledger.reviews.merge_duplicate(keep, keep, date=dt.date.today())
    assert ledger.households.get(keep).status == "在档"
    assert ledger.households.get(other).status == "在档"


def test_a_viewer_cannot_merge(ledger: Ledger) -> None:
    keep = _head(ledger, "李秀英", "411621", D(1968, 3, 14), 123)
    other = _head(ledger, "李秀英", "411621", D(1968, 3, 14), 128)
    viewer = ledger.as_actor(Actor("查阅员", "viewer", ROLE_VIEWER))
    with pytest.raises(PermissionDenied):
        viewer.reviews.merge_duplicate(keep, other, date=dt.date.today())
    assert ledger.households.get(other).status == "在档"
