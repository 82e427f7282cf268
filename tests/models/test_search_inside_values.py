"""The list search finds what a clerk sees in a masked list (last digits), members, given names,
on every write path (forms, import, recycle bin, migration); names sort by pinyin."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text

from models import database, pinyin, search_index
from models.errors import DuplicatePerson
from models.masking import mask_id_number, mask_phone
from models.normalize import normalize_record
from models.schema import Household
from models.services import HouseholdQuery, Ledger
from models.services.imports import ImportRow
from tests.models.factories import household_values, id_number


def found(ledger: Ledger, typed: str) -> set[int]:
    return set(ledger.households.search_ids(HouseholdQuery(text=typed)))


def shown_tail(masked: str) -> str:
    """The digits a masked value still shows at its end ("138****5678" → "5678")."""
    return masked.rstrip().split("*")[-1]


def test_the_digits_a_masked_list_shows_find_the_file(ledger: Ledger) -> None:
    a = ledger.households.create(household_values(name="王秀英", phone="13907351234"))
    b = ledger.households.create(household_values(name="刘德明", phone="15873425566"))
    id_tail = shown_tail(mask_id_number(a.id_number))
    assert len(id_tail) >= 3 and not a.id_number.startswith(id_tail)
    assert a.id in found(ledger, id_tail)
    assert found(ledger, shown_tail(mask_phone(b.phone))) == {b.id}
    assert found(ledger, "3425") == {b.id}  # the middle of a number too
    assert found(ledger, a.file_no[-4:]) >= {a.id}


def test_members_names_and_id_numbers_are_searched(ledger: Ledger) -> None:
    h = ledger.households.create(household_values(name="陈建华"))
    other = ledger.households.create(household_values(name="周桂兰"))
    child = id_number(dt.date(2009, 9, 1), male=False)
    ledger.households.add_member(h.id, {"name": "陈思琪", "relation": "子女", "id_number": child})
    assert found(ledger, "陈思琪") == {h.id}
    assert found(ledger, child[-6:]) == {h.id}
    assert found(ledger, "思琪") == {h.id}  # a given name: the end of a name
    assert found(ledger, "陈") == {h.id}
    assert found(ledger, "桂兰") == {other.id}
    assert found(ledger, "建") == set()  # one character: the start of a value only


def test_a_given_name_in_the_middle_of_a_value_needs_three_characters(ledger: Ledger) -> None:
    h = ledger.households.create(household_values(name="欧阳晓明", address="城关镇解放路12号"))
    assert found(ledger, "晓明") == {h.id}
    assert found(ledger, "阳晓") == set()  # two characters: start or end of a value
    assert found(ledger, "阳晓明") == {h.id}
    assert found(ledger, "解放路") == {h.id}


def test_like_wildcards_and_quotes_are_plain_characters(ledger: Ledger) -> None:
    ledger.households.create(household_values(name="王秀英", address="城关镇"))
    for typed in ("%%%", "___", '"王"', "%_", "'"):
        assert found(ledger, typed) == set(), typed


def test_search_follows_edits_removals_and_restores(ledger: Ledger) -> None:
    h = ledger.households.create(household_values(name="赵国强", phone="13600001111"))
    m = ledger.households.add_member(h.id, {"name": "孙丽娟", "relation": "配偶"})
    ledger.households.update(h.id, {"phone": "13755552222"})
    assert found(ledger, "1111") == set()
    assert found(ledger, "2222") == {h.id}
    ledger.households.update_member(m.id, {"name": "孙丽华"})
    assert found(ledger, "孙丽娟") == set()
    assert found(ledger, "孙丽华") == {h.id}
    ledger.households.remove_member(m.id)
    assert found(ledger, "孙丽华") == set()
    ledger.recycle.restore("household_members", m.id)
    assert found(ledger, "孙丽华") == {h.id}


def test_a_refused_save_leaves_the_search_as_it_was(ledger: Ledger) -> None:
    a = ledger.households.create(household_values(name="钱学文"))
    b = ledger.households.create(household_values(name="吴春梅", phone="13811112222"))
    with pytest.raises(DuplicatePerson):
        ledger.households.update(b.id, {"id_number": a.id_number, "phone": "13933334444"})
    assert found(ledger, "3333") == set()
    assert found(ledger, "1112") == {b.id}


def test_imported_files_and_members_are_searched_and_sorted(ledger: Ledger) -> None:
    values = household_values(name="单国栋", phone="13512349876", file_no="CG-2023-017")
    clean, errors = normalize_record("households", values, partial=True)
    assert not errors
    result = ledger.imports.apply(
        "households", [ImportRow("s", 2, clean, {})], file_name="花名册.xlsx"
    )
    assert result.inserted == 1, [r.message for r in result.rejected]
    h = ledger.households.by_file_no("CG-2023-017")
    assert h is not None
    member, _ = normalize_record("members", {"name": "单晓燕", "relation": "子女"}, partial=True)
    result = ledger.imports.apply(
        "members", [ImportRow("s", 2, member, {"file_no": h.file_no})], file_name="成员.xlsx"
    )
    assert result.inserted == 1, [r.message for r in result.rejected]
    assert found(ledger, "9876") == {h.id}
    assert found(ledger, "晓燕") == {h.id}
    # 单 as a surname is shàn: after 沙, before 邵 (not among the d's by its reading dān).
    for name in ("邵明", "沙丽", "丁伟"):
        ledger.households.create(household_values(name=name))
    by_name = ledger.households.search_ids(HouseholdQuery(sort="name"))
    assert [r.name for r in ledger.households.rows(by_name)] == ["丁伟", "沙丽", "单国栋", "邵明"]


def test_names_sort_by_pinyin_and_follow_renames(ledger: Ledger) -> None:
    # Sorted by code point these run 张 (U+5F20) < 李 (U+674E) < 王 (U+738B) < 赵 (U+8D75).
    names = ["赵丽", "王芳", "李娜", "张伟", "阿依古丽", "李", "张三丰", "张三"]
    ids = {ledger.households.create(household_values(name=n)).id: n for n in names}
    order = ledger.households.search_ids(HouseholdQuery(sort="name"))
    expected = ["阿依古丽", "李", "李娜", "王芳", "张三", "张三丰", "张伟", "赵丽"]
    assert [ids[i] for i in order] == expected
    down = ledger.households.search_ids(HouseholdQuery(sort="name", descending=True))
    assert [ids[i] for i in down] == expected[::-1]
    renamed = next(i for i, n in ids.items() if n == "赵丽")
    ledger.households.update(renamed, {"name": "白丽"})
    ids[renamed] = "白丽"
    order = ledger.households.search_ids(HouseholdQuery(sort="name"))
    assert [ids[i] for i in order][:2] == ["阿依古丽", "白丽"]


def test_0005_fills_search_and_sort_keys_of_files_stored_before(db_url: str) -> None:
    db = database.connect(db_url)
    database.upgrade(db, "0003")
    ledger = Ledger(db)  # writes at 0003 as the released version did
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "insert into households (file_no, status, filed_date, hardship_class, main_cause,"
                " name, gender, id_number, birth_date, phone, township, single_parent,"
                " zero_employment, family_size, original_wording, created_by, version)"
                " values ('KN2021000031', '在档', '2021-04-02', '深度困难', '患重特大疾病',"
                " '曾凡华', '男', :idn, '1978-05-06', '13974561234', '城关镇', false, false,"
                " 3, '{}', '', 1)"
            ),
            {"idn": id_number()},
        )
        hid = conn.execute(text("select id from households")).scalar()
        conn.execute(
            text(
                "insert into household_members (household_id, name, relation, original_wording,"
                " created_by, version) values (:h, '曾小雨', '子女', '{}', '', 1)"
            ),
            {"h": hid},
        )
    database.upgrade(db)
    with db.engine.connect() as conn:  # the index that keeps a million files fast is there
        if db.engine.dialect.name == "sqlite":
            names = "select name from sqlite_master where type = 'table'"
            assert search_index.FTS_TABLE in conn.execute(text(names)).scalars().all()
        else:
            names = "select indexname from pg_indexes where tablename = 'household_search'"
            assert search_index.TRGM_INDEX in conn.execute(text(names)).scalars().all()
    assert found(ledger, "1234") == {hid}
    assert found(ledger, "小雨") == {hid}
    with db.read() as s:
        assert s.scalar(select(Household.sort_name)) == "zeng1 fan2 hua2 "
    db.dispose()


def test_the_demo_county_is_searchable(ledger: Ledger) -> None:
    from models.demo import DemoOptions, build_demo

    build_demo(ledger, DemoOptions(households=60))
    some = ledger.households.rows(ledger.households.search_ids(HouseholdQuery(), limit=60))
    head = next(r for r in some if r.phone)
    assert head.id in found(ledger, head.phone[-4:])
    member = next(m for r in some for m in ledger.households.detail(r.id).members)
    assert member.household_id in found(ledger, member.name)
    by_name = ledger.households.search_ids(HouseholdQuery(sort="name"))
    keys = [pinyin.sort_key(r.name) for r in ledger.households.rows(by_name)]
    assert keys == sorted(keys)


def test_two_clerks_adding_members_to_one_file_are_both_found(db_url: str) -> None:
    """On a server two clerks may add members to one file at the same moment: the second waits
    for the first, and the file is found by both members' names."""
    import threading

    first, second = Ledger.open(db_url), Ledger.open(db_url)
    try:
        h = first.households.create(household_values(name="黄志强"))
        clean = first.households.clean_member({"name": "黄晓玲", "relation": "子女"}, partial=False)
        done = threading.Event()
        with first.db.begin() as s:  # the first clerk's save, not committed yet
            first.households.add_member_in(s, first.households._load(s, h.id), clean)
            s.flush()
            other = threading.Thread(
                target=lambda: (
                    second.households.add_member(h.id, {"name": "黄晓婷", "relation": "子女"}),
                    done.set(),
                )
            )
            other.start()
            other.join(timeout=1.0)  # SQLite: waits on the write lock; server: on the file's row
            assert not done.is_set()
        other.join(timeout=30)
        assert done.is_set()
        assert found(first, "黄晓玲") == found(first, "黄晓婷") == {h.id}
    finally:
        first.close()
        second.close()
