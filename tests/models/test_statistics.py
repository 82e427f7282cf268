"""The statistics layer against a small county built through the services, every figure by hand."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import update

from models.errors import InvalidValue
from models.schema import Household
from models.services import Ledger
from models.statistics import (
    HouseholdCount,
    Period,
    YearFigures,
    dashboard_figures,
    year_figures,
)
from models.validation import build_id_number

D = Decimal
_people = iter(range(1, 1000))


def person(year: int = 1975) -> str:
    """A valid ID number, different on every call (the one-file-per-person rule is enforced)."""
    n = next(_people)
    return build_id_number("411602", dt.date(year, 1 + n % 12, 1 + n % 28), (n * 2 + 1) % 1000)


def file_household(
    ledger: Ledger, name: str, township: str, hardship: str, filed: str, members: int = 0
) -> int:
    row = ledger.households.create({
        "name": name, "id_number": person(), "township": township, "hardship_class": hardship,
        "main_cause": "患重特大疾病", "filed_date": filed, "family_size": members + 1,
        "family_annual_income": "12000",
    })  # fmt: skip
    for i in range(members):
        ledger.households.add_member(
            row.id, {"name": f"{name}家属{i}", "relation": "子女", "id_number": person(2005)}
        )
    return row.id


def aid(
    ledger: Ledger,
    household: int,
    date: str,
    category: str,
    source: str,
    cash: str = "0",
    goods: str = "0",
) -> int:
    return ledger.households.add_assistance(household, {
        "date": date, "category": category, "cash": cash, "goods_value": goods,
        "goods": "米面油" if goods != "0" else None, "funding_source": source,
    }).id  # fmt: skip


def station(
    ledger: Ledger, name: str, kind: str, township: str, built: str | None, status: str = "运行"
) -> int:
    return ledger.stations.create({
        "name": name, "station_type": kind, "township": township, "built_date": built,
        "status": status,
    }).id  # fmt: skip


def activity(ledger: Ledger, name: str, category: str, start: str, **values: Any) -> int:
    return ledger.activities.create(
        {"name": name, "category": category, "start_date": start, **values}
    ).id


REST = "户外劳动者服务站点"


def build_county(ledger: Ledger) -> dict[str, int]:
    """The dataset every figure below is computed from (see the comments for the story)."""
    ledger.settings.set_townships(["城关镇", "河东乡"])
    hh = ledger.households
    ids: dict[str, int] = {}
    # H1: filed 2024 with two members, one later removed; lifted in 2025.
    ids["h1"] = file_household(ledger, "甲", "城关镇", "深度困难", "2024-03-01", members=2)
    gone = hh.detail(ids["h1"]).members[0].id
    hh.remove_member(gone)
    hh.change_status(ids["h1"], "脱困", date="2025-06-01", reason="", route="就业创业")
    # H2: filed 2025, one member, stays 在档.
    ids["h2"] = file_household(ledger, "乙", "河东乡", "相对困难", "2025-02-10", members=1)
    # H3: filed 2023, lifted 2024, back in hardship (返困) in 2025.
    ids["h3"] = file_household(ledger, "丙", "城关镇", "意外致困", "2023-05-05")
    hh.change_status(ids["h3"], "脱困", date="2024-08-01", reason="", route="社保兜底")
    # H4: filed 2025 with three members, closed in 2025 (after its assistance below).
    ids["h4"] = file_household(ledger, "丁", "河东乡", "深度困难", "2025-01-15", members=3)
    # H5: filed after the year.
    ids["h5"] = file_household(ledger, "戊", "城关镇", "相对困难", "2026-01-10")
    # H6: filed on the last day of 2024, lifted in 2026: still 在档 at the end of 2025.
    ids["h6"] = file_household(ledger, "己", "城关镇", "深度困难", "2024-12-31")

    aid(ledger, ids["h1"], "2025-01-20", "生活救助", "市县财政", cash="1000")
    aid(ledger, ids["h1"], "2025-09-01", "子女助学/金秋助学", "本级工会经费", cash="2000")
    aid(ledger, ids["h2"], "2025-02-15", "送温暖慰问", "上级工会拨款", cash="500", goods="300")
    aid(ledger, ids["h2"], "2025-02-20", "子女助学/金秋助学", "本级工会经费", cash="1500")
    aid(ledger, ids["h2"], "2025-12-31", "医疗救助", "中央财政", cash="3000.50")
    aid(ledger, ids["h3"], "2024-06-01", "生活救助", "市县财政", cash="800")
    aid(ledger, ids["h3"], "2025-01-01", "送温暖慰问", "社会捐助", goods="200")
    aid(ledger, ids["h4"], "2025-03-01", "临时救助", "市县财政", cash="600")
    deleted = aid(ledger, ids["h4"], "2025-04-01", "生活救助", "市县财政", cash="999")
    hh.remove_assistance(deleted)
    aid(ledger, ids["h6"], "2026-01-02", "生活救助", "市县财政", cash="100")

    hh.change_status(ids["h3"], "返困", date="2025-03-01", reason="再次失业")
    hh.change_status(ids["h4"], "销档", date="2025-11-30", reason="死亡")
    hh.change_status(ids["h6"], "脱困", date="2026-01-05", reason="", route="工会帮扶")

    st = ledger.stations
    ids["s1"] = station(ledger, "城关驿站", REST, "城关镇", "2023-06-01")
    st.set_usage(ids["s1"], {"month": "2024-12", "visits": 40})
    st.set_usage(ids["s1"], {"month": "2025-01", "visits": 100})
    st.set_usage(ids["s1"], {"month": "2025-07", "visits": 250})
    ids["s2"] = station(ledger, "河东驿站", REST, "河东乡", "2025-05-01")
    st.set_usage(ids["s2"], {"month": "2025-05", "visits": 60})
    wrong = st.set_usage(ids["s2"], {"month": "2025-06", "visits": 70})
    st.delete_usage(wrong.id)
    ids["s3"] = station(ledger, "已撤驿站", REST, "城关镇", "2025-08-01", status="撤销")
    st.set_usage(ids["s3"], {"month": "2025-09", "visits": 30})
    ids["s4"] = station(ledger, "明年驿站", REST, "城关镇", "2026-03-01")
    ids["s5"] = station(ledger, "删除书屋", "职工书屋", "城关镇", "2025-02-01")
    st.delete(ids["s5"])
    ids["s6"] = station(ledger, "河东书屋", "职工书屋", "河东乡", None)
    ids["s7"] = station(ledger, "县职工服务中心", "县级职工服务中心", "城关镇", "2020-01-01")

    ids["a1"] = activity(
        ledger,
        "2025年金秋助学金发放仪式",
        "金秋助学",
        "2025-08-20",
        township="城关镇",
        students=10,
        cash="20000",
        participants=50,
        person_times=50,
        include_in_summary=True,
        summary="为10名困难职工子女发放助学金",
    )
    ids["a2"] = activity(
        ledger,
        "元旦春节送温暖",
        "送温暖",
        "2025-01-10",
        township="河东乡",
        households_benefited=1,
        cash="300",
        goods_value="200",
        participants=30,
        person_times=30,
    )
    ids["a3"] = activity(
        ledger,
        "农民工讨薪维权",
        "法律援助与维权",
        "2025-04-01",
        cases=5,
        money_recovered="12345.67",
        participants=5,
        person_times=20,
    )
    ids["a4"] = activity(
        ledger,
        "百日建会攻坚",
        "建会入会",
        "2025-05-01",
        township="城关镇",
        new_unions=3,
        new_members=120,
        new_migrant_members=80,
    )
    ids["a5"] = activity(
        ledger,
        "职工技能大赛",
        "劳动和技能竞赛",
        "2025-10-01",
        township="河东乡",
        contest_trades=4,
        contestants=200,
        participants=200,
        person_times=600,
        include_in_summary=True,
    )
    ids["a6"] = activity(
        ledger,
        "电工培训班",
        "职工技能培训",
        "2025-06-01",
        township="城关镇",
        training_sessions=2,
        trainees=90,
        participants=90,
        person_times=90,
    )
    ids["a7"] = activity(ledger, "三八文艺汇演", "职工文化", "2025-03-08", participants=300)
    ledger.activities.delete(ids["a7"])
    ids["a8"] = activity(
        ledger,
        "理论宣讲",
        "思想引领",
        "2024-05-01",
        township="城关镇",
        participants=40,
        person_times=40,
    )
    ids["a9"] = activity(ledger, "新年长跑", "职工文化", "2026-01-01", participants=10)
    return ids


BACKENDS = ["sqlite", "postgresql"] if os.environ.get("UNION_LEDGER_TEST_PG_URL") else ["sqlite"]


@contextlib.contextmanager
def module_ledger(
    backend: str, tmp_path_factory: pytest.TempPathFactory, name: str
) -> Iterator[Ledger]:
    """A database for a whole module: the same SQL must give the same figures on both engines."""
    folder = tmp_path_factory.mktemp(name)
    with pytest.MonkeyPatch.context() as mp, contextlib.ExitStack() as stack:
        mp.setenv("UNION_LEDGER_HOME", str(folder / "home"))
        if backend == "postgresql":
            from tests.pg import fresh_schema

            url = stack.enter_context(fresh_schema(os.environ["UNION_LEDGER_TEST_PG_URL"]))
        else:
            url = "sqlite:///" + str(folder / f"{name}.sqlite3")
        ledger = Ledger.open(url, create=True)
        try:
            yield ledger
        finally:
            ledger.close()


@pytest.fixture(scope="module", params=BACKENDS)
def county(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Ledger, dict[str, int]]]:
    with module_ledger(request.param, tmp_path_factory, "county") as ledger:
        yield ledger, build_county(ledger)


@pytest.fixture(scope="module")
def y2025(county: tuple[Ledger, dict[str, int]]) -> YearFigures:
    return year_figures(county[0], 2025)


def hc(households: int, persons: int) -> HouseholdCount:
    return HouseholdCount(households, persons)


# ---- 困难职工档案 ----------------------------------------------------------------------------


def test_household_lifecycle_figures_of_the_year(y2025: YearFigures) -> None:
    h = y2025.current.households
    assert h.new == hc(2, 6)  # H2 (2 people) and H4 (4)
    assert h.lifted == hc(1, 2)  # H1: head + the member still on the file
    assert h.closed == hc(1, 4)
    assert h.returned == hc(1, 1)
    assert h.on_file == hc(3, 4)  # H2, H3 (returned), H6 (lifted only in 2026)
    assert h.lifted_on_record == hc(1, 2)
    assert h.closed_on_record == hc(1, 4)
    # 在档 at some time in 2025: H1 and H6 from 2024, H2 and H4 filed, H3 returned.
    assert h.covered == hc(5, 10)
    assert [(r.name, r.households) for r in h.lift_routes] == [("就业创业", 1)]
    assert [(r.name, r.households) for r in h.close_reasons] == [("死亡", 1)]


def test_households_by_class(y2025: YearFigures) -> None:
    by_class = {c.hardship_class: (c.on_file, c.new) for c in y2025.current.households.by_class}
    assert list(by_class) == ["深度困难", "相对困难", "意外致困"]
    assert by_class["深度困难"] == (hc(1, 1), hc(1, 4))
    assert by_class["相对困难"] == (hc(1, 2), hc(1, 2))
    assert by_class["意外致困"] == (hc(1, 1), hc(0, 0))


def test_previous_year_uses_the_status_history(y2025: YearFigures) -> None:
    h = y2025.previous.households
    assert y2025.previous.period == Period(2024, 2024)
    assert h.new == hc(2, 3)  # H1, H6
    assert h.lifted == hc(1, 1)  # H3
    assert h.closed == hc(0, 0) and h.returned == hc(0, 0)
    assert h.on_file == hc(2, 3)  # H1, H6: H3 was lifted then
    assert h.lifted_on_record == hc(1, 1)
    assert h.covered == hc(3, 4)


def test_status_changes_after_the_year_do_not_leak_back(
    county: tuple[Ledger, dict[str, int]],
) -> None:
    ledger, ids = county
    # Today H6 is 已脱困 and H5 exists; at the end of 2025 neither shows.
    assert ledger.households.get(ids["h6"]).status == "已脱困"
    later = year_figures(ledger, 2026).current.households
    assert later.new == hc(1, 1)  # H5
    assert later.lifted == hc(1, 1)  # H6
    assert later.on_file == hc(3, 4)  # H2, H3, H5


def test_soft_deleted_household_is_left_out_everywhere(ledger: Ledger) -> None:
    kept = file_household(ledger, "留", "城关镇", "深度困难", "2025-01-05", members=1)
    dropped = file_household(ledger, "删", "城关镇", "深度困难", "2025-01-05", members=1)
    aid(ledger, kept, "2025-02-01", "生活救助", "市县财政", cash="100")
    aid(ledger, dropped, "2025-02-01", "生活救助", "市县财政", cash="700")
    ledger.households.change_status(dropped, "脱困", date="2025-03-01", reason="", route="其他")
    with ledger.db.begin() as s:  # no service deletes a file; older data may still carry one
        s.execute(
            update(Household).where(Household.id == dropped).values(deleted_at=dt.datetime.now())
        )
    f = year_figures(ledger, 2025).current
    assert f.households.new == hc(1, 2)
    assert f.households.on_file == hc(1, 2)
    assert f.households.lifted == hc(0, 0)
    assert f.households.covered == hc(1, 2)
    assert f.assistance.total.cash == D("100.00") and f.assistance.total.records == 1


# ---- 帮扶记录 --------------------------------------------------------------------------------


def test_assistance_totals(y2025: YearFigures) -> None:
    t = y2025.current.assistance.total
    assert (t.cash, t.goods, t.total) == (D("8600.50"), D("500.00"), D("9100.50"))
    assert (t.records, t.households) == (7, 4)
    p = y2025.previous.assistance.total
    assert (p.cash, p.goods, p.records, p.households) == (D("800.00"), D("0.00"), 1, 1)


def test_assistance_by_category_and_source(y2025: YearFigures) -> None:
    cat = {
        x.name: (x.cash, x.goods, x.records, x.households)
        for x in y2025.current.assistance.by_category
    }
    assert list(cat) == [
        "生活救助",
        "医疗救助",
        "子女助学/金秋助学",
        "送温暖慰问",
        "临时救助",
        "就业帮扶",
        "其他",
    ]
    assert cat["生活救助"] == (D(1000), D(0), 1, 1)  # the deleted 999 is not there
    assert cat["医疗救助"] == (D("3000.50"), D(0), 1, 1)
    assert cat["子女助学/金秋助学"] == (D(3500), D(0), 2, 2)
    assert cat["送温暖慰问"] == (D(500), D(500), 2, 2)
    assert cat["临时救助"] == (D(600), D(0), 1, 1)
    assert cat["就业帮扶"] == cat["其他"] == (D(0), D(0), 0, 0)
    src = {x.name: (x.total, x.records) for x in y2025.current.assistance.by_source}
    assert src == {
        "中央财政": (D("3000.50"), 1), "省财政": (D(0), 0), "市县财政": (D(1600), 2),
        "本级工会经费": (D(3500), 2), "上级工会拨款": (D(800), 1), "社会捐助": (D(200), 1),
    }  # fmt: skip


def test_assistance_by_month(y2025: YearFigures) -> None:
    months = y2025.current.assistance.by_month
    assert [m.name for m in months] == [f"2025-{i:02d}" for i in range(1, 13)]
    got = {m.name: (m.cash, m.goods, m.records, m.households) for m in months if m.records}
    assert got == {
        "2025-01": (D(1000), D(200), 2, 2),
        "2025-02": (D(2000), D(300), 2, 1),
        "2025-03": (D(600), D(0), 1, 1),
        "2025-09": (D(2000), D(0), 1, 1),
        "2025-12": (D("3000.50"), D(0), 1, 1),
    }


def test_programmes_take_the_larger_source_never_the_sum(y2025: YearFigures) -> None:
    e = y2025.current.education
    assert (e.file_records, e.file_households, e.file_people, e.file_money) == (2, 2, 2, D(3500))
    assert (e.activity_count, e.activity_people, e.activity_money) == (1, 10, D(20000))
    assert (e.people, e.money) == (10, D(20000))
    w = y2025.current.warmth
    assert (w.file_records, w.file_households, w.file_money) == (2, 2, D(1000))
    assert (w.activity_count, w.activity_people, w.activity_money) == (1, 1, D(500))
    assert (w.people, w.money) == (2, D(1000))


# ---- 服务阵地 --------------------------------------------------------------------------------


def test_stations_by_type(y2025: YearFigures) -> None:
    by_type = {x.station_type: x for x in y2025.current.stations.by_type}
    rest = by_type[REST]
    # S1 and S2 exist; S3 is 撤销, S4 built in 2026.
    assert (rest.existing, rest.new, rest.new_last_year, rest.visits) == (2, 1, 1, 440)
    books = by_type["职工书屋"]  # the deleted one is gone; one without a build date counts
    assert (books.existing, books.new) == (1, 0)
    centre = by_type["县级职工服务中心"]
    assert (centre.existing, centre.new) == (1, 0)
    total = y2025.current.stations.total
    assert (total.existing, total.new, total.visits) == (4, 1, 440)
    before = {x.station_type: x for x in y2025.previous.stations.by_type}
    assert (before[REST].existing, before[REST].new, before[REST].visits) == (1, 0, 40)
    assert y2025.previous.stations.total.existing == 3


def test_rest_stops(y2025: YearFigures) -> None:
    r = y2025.current.rest_stops
    assert (r.existing, r.new, r.visits, r.reporting) == (2, 1, 440, 3)
    visits = {m.month: m.visits for m in r.by_month if m.visits}
    assert visits == {"2025-01": 100, "2025-05": 60, "2025-07": 250, "2025-09": 30}
    assert len(r.by_month) == 12


# ---- 活动台账 --------------------------------------------------------------------------------


def test_activities_totals_and_categories(y2025: YearFigures) -> None:
    a = y2025.current.activities
    t = a.total
    assert (t.count, t.participants, t.person_times, t.households) == (6, 375, 790, 1)
    assert (t.cash, t.goods, t.money) == (D(20300), D(200), D(20500))
    cat = {x.name: x for x in a.by_category}
    assert cat["职工文化"].count == 0  # the deleted show; the 2026 run is next year
    assert (cat["金秋助学"].count, cat["金秋助学"].money) == (1, D(20000))
    assert (cat["劳动和技能竞赛"].participants, cat["劳动和技能竞赛"].person_times) == (200, 600)
    assert sum(x.count for x in a.by_category) == t.count
    s = a.specific
    assert (s.cases, s.money_recovered) == (5, D("12345.67"))
    assert (s.new_unions, s.new_members, s.new_migrant_members) == (3, 120, 80)
    assert (s.contest_trades, s.contestants, s.training_sessions, s.trainees) == (4, 200, 2, 90)
    assert s.students == 10
    months = {m.name: m.count for m in a.by_month if m.count}
    assert months == {
        "2025-01": 1,
        "2025-04": 1,
        "2025-05": 1,
        "2025-06": 1,
        "2025-08": 1,
        "2025-10": 1,
    }
    p = y2025.previous.activities.total
    assert (p.count, p.participants) == (1, 40)


def test_featured_activities(y2025: YearFigures, county: tuple[Ledger, dict[str, int]]) -> None:
    ids = county[1]
    featured = y2025.current.activities.featured
    assert [f.id for f in featured] == [ids["a1"], ids["a5"]]  # by start date
    first = featured[0]
    assert (first.name, first.category, first.township) == (
        "2025年金秋助学金发放仪式",
        "金秋助学",
        "城关镇",
    )
    assert (first.cash, first.money, first.participants, first.person_times) == (
        D(20000),
        D(20000),
        50,
        50,
    )
    assert first.summary == "为10名困难职工子女发放助学金"
    assert first.specific == {"students": 10}
    assert featured[1].specific == {"contest_trades": 4, "contestants": 200}


# ---- 乡镇 ------------------------------------------------------------------------------------


def test_township_table(y2025: YearFigures) -> None:
    towns = {t.township: t for t in y2025.current.townships}
    assert list(towns) == ["城关镇", "河东乡", "（未填乡镇）"]
    c, h, none = towns["城关镇"], towns["河东乡"], towns["（未填乡镇）"]
    assert (c.on_file, c.on_file_persons, c.lifted_on_record) == (2, 2, 1)
    assert (c.assistance_money, c.assistance_households) == (D(3200), 2)
    assert (c.stations, c.rest_stops, c.rest_stop_visits) == (2, 1, 380)
    assert (c.activities, c.activity_person_times) == (3, 140)
    assert (h.on_file, h.on_file_persons, h.assistance_money, h.assistance_households) == (
        1,
        2,
        D("5900.50"),
        2,
    )
    assert (h.stations, h.rest_stops, h.rest_stop_visits, h.activities) == (2, 1, 60, 2)
    assert (none.activities, none.on_file) == (1, 0)
    assert sum(t.activities for t in towns.values()) == y2025.current.activities.total.count


# ---- periods ---------------------------------------------------------------------------------


def test_period_since_year(county: tuple[Ledger, dict[str, int]]) -> None:
    f = year_figures(county[0], 2025, since_year=2024)
    assert f.current.period == Period(2024, 2025)
    assert f.previous.period == Period(2022, 2023)
    h = f.current.households
    assert h.new == hc(4, 9)  # H1, H6, H2, H4
    assert h.lifted == hc(2, 3)  # H3 (2024), H1 (2025)
    assert h.on_file == hc(3, 4)  # the end of 2025 again
    assert f.current.assistance.total.records == 8
    assert len(f.current.assistance.by_month) == 24
    rest = f.current.rest_stops
    assert (rest.existing, rest.new, rest.new_last_year, rest.visits) == (2, 1, 1, 480)
    assert f.previous.households.new == hc(1, 1)  # H3 in 2023
    assert f.previous.rest_stops.existing == 1  # S1 built 2023
    facts = f.facts()
    assert facts["stations.outdoor.new_last_year"].label == "2025年新建户外劳动者服务站点数"
    assert "stations.outdoor.new_last_year" not in year_figures(county[0], 2025).facts()


def test_period_refuses_a_start_after_the_year() -> None:
    with pytest.raises(InvalidValue) as info:
        Period.of(2024, 2025)
    assert "起始年" in info.value.message


def test_previous_period_has_the_same_length() -> None:
    assert Period(2021, 2025).previous() == Period(2016, 2020)
    assert Period(2025, 2025).previous() == Period(2024, 2024)
    assert Period(2021, 2025).label == "2021—2025年"


# ---- facts and JSON --------------------------------------------------------------------------


def test_facts_are_flat_labelled_and_compared(y2025: YearFigures) -> None:
    facts = y2025.facts()
    lifted = facts["households.lifted"]
    assert (lifted.label, lifted.value, lifted.previous, lifted.unit) == (
        "解困脱困户数",
        1,
        1,
        "户",
    )
    assert facts["households.lifted_persons"].value == 2
    assert facts["households.filed"].value == 3
    assert facts["assistance.total"].value == D("9100.50")
    assert facts["assistance.category.schooling.times"].value == 2
    assert facts["assistance.source.union_funds.total"].value == D(3500)
    assert facts["assistance.education.students"].value == 10
    assert facts["assistance.education.files.students"].value == 2
    assert facts["assistance.warmth.households"].value == 2
    assert facts["stations.outdoor.total"].value == 2
    assert facts["stations.outdoor.visits"].value == 440
    assert facts["stations.outdoor.visits"].previous == 40
    assert facts["stations.service_centre.total"].value == 1
    assert facts["stations.book_house.total"].value == 1
    assert facts["activities.total"].value == 6
    assert facts["activities.reach"].value == 790
    assert facts["activities.rights.recovered"].value == D("12345.67")
    assert facts["activities.training.attendance"].value == 90
    assert facts["activities.cooling.count"].value == 0
    assert facts[f"activities.featured.{y2025.current.activities.featured[0].id}.money"].value == (
        D(20000)
    )
    for key, figure in facts.items():
        assert figure.key == key and figure.label and figure.unit and figure.source, key
        assert isinstance(figure.value, int | Decimal) and not isinstance(figure.value, bool)


def test_to_dict_is_json_with_money_as_text(y2025: YearFigures) -> None:
    data = json.loads(json.dumps(y2025.to_dict(), ensure_ascii=False))
    assert data["year"] == 2025 and data["since_year"] is None
    assert data["period"]["label"] == "2025年"
    assert data["previous_period"]["first_year"] == 2024
    assert data["figures"]["assistance"]["total"]["total"] == "9100.50"
    assert data["figures"]["households"]["lifted"] == {"households": 1, "persons": 2}
    assert data["previous_figures"]["households"]["lifted"]["households"] == 1
    assert data["facts"]["assistance.cash"]["value"] == "8600.50"
    assert data["facts"]["assistance.cash"]["previous"] == "800.00"
    assert data["figures"]["activities"]["featured"][0]["start_date"] == "2025-08-20"
    assert data["empty"] is False


# ---- empty database and dashboard ------------------------------------------------------------


def test_empty_database_gives_zeros(ledger: Ledger) -> None:
    f = year_figures(ledger, 2025)
    assert f.is_empty
    assert f.current.households.on_file == hc(0, 0)
    assert f.current.assistance.total.total == D(0)
    assert [x.existing for x in f.current.stations.by_type] == [0] * 9
    assert f.current.townships == ()
    assert all(not figure.value for figure in f.facts().values())
    json.dumps(f.to_dict(), ensure_ascii=False)


def test_dashboard(county: tuple[Ledger, dict[str, int]]) -> None:
    d = dashboard_figures(county[0], 2025)
    assert (d.on_file.value, d.on_file.previous) == (3, 2)
    assert d.on_file.percent == D("50.0")
    assert (d.lifted.value, d.lifted.previous, d.lifted.change) == (1, 1, 0)
    assert (d.assistance_money.value, d.assistance_money.previous) == (D("9100.50"), D(800))
    assert (d.rest_stops.value, d.rest_stop_visits.value, d.rest_stop_visits.previous) == (
        2,
        440,
        40,
    )
    assert (d.activities.value, d.activity_reach.value) == (6, 790)
    assert len(d.assistance_by_month) == 12 and len(d.activities_by_category) == 14
    assert not d.empty
    assert Decimal(0) == dashboard_figures(county[0], 2030).assistance_money.value
    assert dashboard_figures(county[0], 2030).on_file.percent is not None  # 3 → 3 households


def test_lift_routes_and_close_reasons_are_counted_per_step(ledger: Ledger) -> None:
    hh = ledger.households
    same_name = [
        file_household(ledger, "王芳", "城关镇", "深度困难", "2025-01-02") for _ in range(3)
    ]
    hh.change_status(same_name[0], "脱困", date="2025-05-01", reason="", route="就业创业")
    hh.change_status(same_name[1], "脱困", date="2025-05-01", reason="", route="工会帮扶")
    hh.change_status(same_name[2], "脱困", date="2025-05-01", reason="", route="就业创业")
    closed = [file_household(ledger, "王芳", "河东乡", "相对困难", "2025-01-02") for _ in range(2)]
    hh.change_status(closed[0], "销档", date="2025-06-01", reason="调离")
    hh.change_status(closed[1], "销档", date="2025-06-01", reason="死亡")
    h = year_figures(ledger, 2025).current.households
    assert [(r.name, r.households) for r in h.lift_routes] == [("就业创业", 2), ("工会帮扶", 1)]
    assert [(r.name, r.households) for r in h.close_reasons] == [("死亡", 1), ("调离", 1)]
    facts = year_figures(ledger, 2025).facts()
    assert facts["households.lift_route.employment"].value == 2
    assert facts["households.close_reason.transferred"].value == 1


def test_steps_on_the_same_day_follow_their_entry_order(ledger: Ledger) -> None:
    flip = file_household(ledger, "同日", "城关镇", "深度困难", "2025-01-02")
    ledger.households.change_status(flip, "脱困", date="2025-05-01", reason="", route="其他")
    ledger.households.change_status(flip, "返困", date="2025-05-01", reason="复查仍困难")
    h = year_figures(ledger, 2025).current.households
    assert (h.lifted, h.returned) == (hc(1, 1), hc(1, 1))
    assert (h.on_file, h.lifted_on_record) == (hc(1, 1), hc(0, 0))


def test_a_file_without_history_counts_with_its_current_status(ledger: Ledger) -> None:
    """Older data may hold files whose 建档 step was never recorded."""
    with ledger.db.begin() as s:
        s.add(Household(
            file_no="OLD0001", status="已脱困", filed_date=dt.date(2020, 6, 1),
            hardship_class="相对困难", main_cause="其他", name="旧档", gender="男",
            id_number=person(), birth_date=dt.date(1970, 1, 1), township="城关镇",
        ))  # fmt: skip
    f = year_figures(ledger, 2025)
    assert f.current.households.lifted_on_record == hc(1, 1)
    assert f.current.households.on_file == hc(0, 0)
    assert f.current.households.lifted == hc(0, 0)  # no step, no 脱困 in the year
    assert year_figures(ledger, 2019).current.households.lifted_on_record == hc(0, 0)


# ---- the demo county: every breakdown adds up to its total ----------------------------------


@pytest.fixture(scope="module", params=BACKENDS)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Ledger]:
    from models.demo import DemoOptions, build_demo

    with module_ledger(request.param, tmp_path_factory, "demo") as ledger:
        build_demo(ledger, DemoOptions(households=400, first_year=2023, last_year=2025, seed=7))
        yield ledger


@pytest.mark.parametrize("since_year", [None, 2023])
def test_demo_figures_add_up(demo: Ledger, since_year: int | None) -> None:
    from models.services.households import HouseholdQuery

    figures = year_figures(demo, 2025, since_year)
    for p in (figures.current, figures.previous):
        h, a, towns = p.households, p.assistance, p.townships
        for lines in (a.by_category, a.by_source, a.by_month):
            assert sum(x.total for x in lines) == a.total.total
            assert sum(x.records for x in lines) == a.total.records
        assert sum(t.assistance_money for t in towns) == a.total.total
        assert sum(t.assistance_households for t in towns) == a.total.households
        assert sum(t.on_file for t in towns) == h.on_file.households
        assert sum(t.on_file_persons for t in towns) == h.on_file.persons
        assert sum(t.lifted_on_record for t in towns) == h.lifted_on_record.households
        assert sum(c.on_file.households for c in h.by_class) == h.on_file.households
        assert sum(c.new.persons for c in h.by_class) == h.new.persons
        assert sum(r.households for r in h.lift_routes) >= h.lifted.households
        assert h.covered.households >= max(h.new.households, h.on_file.households)
        assert sum(x.existing for x in p.stations.by_type) == p.stations.total.existing
        assert sum(t.stations for t in towns) == p.stations.total.existing
        assert sum(t.rest_stops for t in towns) == p.rest_stops.existing
        assert sum(m.visits for m in p.rest_stops.by_month) == p.rest_stops.visits
        assert sum(t.rest_stop_visits for t in towns) == p.rest_stops.visits
        for lines in (p.activities.by_category, p.activities.by_month):
            assert sum(x.count for x in lines) == p.activities.total.count
            assert sum(x.person_times for x in lines) == p.activities.total.person_times
        assert sum(t.activities for t in towns) == p.activities.total.count
        assert p.education.people == max(p.education.file_people, p.education.activity_people)
    now = figures.current
    # The demo writes nothing after 2025: the status at the end of 2025 is today's status.
    for status, count in (("在档", now.households.on_file), ("已脱困", now.households.lifted_on_record),
                          ("已销档", now.households.closed_on_record)):  # fmt: skip
        assert count.households == demo.households.count(HouseholdQuery(status=status))
    assert now.households.on_file.households > 0 and now.assistance.total.records > 0
    assert now.rest_stops.visits > 0 and now.activities.total.count > 0
    facts = figures.facts()
    assert facts["households.filed"].value == now.households.on_file.households
    assert facts["assistance.total"].value == now.assistance.total.total
    assert facts["stations.outdoor.visits"].previous == figures.previous.rest_stops.visits


def test_warmth_households_are_distinct_households_never_a_sum_over_activities(
    ledger: Ledger,
) -> None:
    # Two files visited at 春节 (one twice), and three 送温暖 activities whose 受益户数 add up to
    # 9: the same families are counted at every event they were visited at, so the sum is 户次.
    ledger.settings.set_townships(["城关镇"])
    first = file_household(ledger, "甲", "城关镇", "深度困难", "2024-03-01")
    second = file_household(ledger, "乙", "城关镇", "相对困难", "2024-03-01")
    aid(ledger, first, "2025-01-20", "送温暖慰问", "本级工会经费", cash="500")
    aid(ledger, first, "2025-12-20", "送温暖慰问", "本级工会经费", cash="500")
    aid(ledger, second, "2025-01-21", "送温暖慰问", "本级工会经费", cash="500")
    for day, households in (("2025-01-10", 2), ("2025-01-20", 3), ("2025-12-15", 4)):
        activity(ledger, f"送温暖{day}", "送温暖", day, households_benefited=households)
    figures = year_figures(ledger, 2025)
    warmth = figures.current.warmth
    assert (warmth.file_households, warmth.activity_people) == (2, 9)
    assert warmth.people == 2  # never 9: families on file are counted once
    facts = figures.facts()
    assert (
        facts["assistance.warmth.households"].value,
        facts["assistance.warmth.households"].unit,
    ) == (2, "户")
    by_activity = facts["assistance.warmth.activities.households"]
    assert (by_activity.value, by_activity.unit) == (9, "户次")
