"""The demo county's figures read like a real county's: drawn, seasonal, and of a real county's size.

Ranges come from public reports, not from the generator (read through the project's search):
  A  全总 (人民日报 2025-01-17): 18.61万 驿站 at the end of 2024, nearly 8亿人次 in the year, i.e.
     about 4,300 a station a year; 最美驿站 3.45万 (caomuer.com/content/gndt/content-27-47319-1.html)
  B  太原市: 300 驿站, 100余万人次 in all since they opened, 19 全总最美 (kwik-find.com/20/4736.html)
  C  无棣县行政审批服务局驿站: 日服务二百余人次, the busiest hall reported (news.h-u.cn/20240505/3132284.html)
  D  七星关区 10 户外劳动者服务站; 孟村 3; 滨州市 292 for seven county-level units (about 40)
  E  在档困难职工 of one county: 密云县295名, 万秀区296名, 通山县423户, 湟中县682户
  F  金秋助学 in one county-year: 竹山县78名, 仙游县31名, 寿县51名, 端州区40名, 峄城区50余名
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import main
from models import lifecycle
from models.demo import DemoOptions, build_demo
from models.demo.calendar import spring_festival
from models.normalize import read_choice
from models.services import HouseholdQuery, Ledger
from models.statistics import year_figures
from models.wording import Matcher
from reports.numbers_zh import count

# Per rest stop and year (A ≈ 4,300; B's older, quieter network ≈ 1,000; a county's mean between).
STOP_YEAR_MEAN = (1_000, 9_000)
STOP_MONTH_MAX = 6_500  # C: about 200 a day is the busiest station reported
REST_STOPS = (3, 65)  # D: 3 in a small county, about 40 in a prefecture's average county
ON_FILE = (250, 750)  # E, for the default size
STUDENTS_A_YEAR = (25, 110)  # F, for the default size (the files' aid and the events' figures)
MULTIPLE_SHARE = 0.03  # records whose counts are exact multiples of each other (366 → 732 人次)
COUNTS = (
    "participants", "person_times", "households_benefited", "students", "contestants", "trainees",
    "new_members", "new_migrant_members", "cases", "new_unions",
)  # fmt: skip


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def rows(ledger: Ledger, sql: str) -> list[dict[str, Any]]:
    from sqlalchemy import text

    with ledger.db.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql))]


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    folder = tmp_path_factory.mktemp("county")
    ledger = Ledger.open("sqlite:///" + str(folder / "demo.sqlite3"), create=True)
    build_demo(ledger, DemoOptions())  # the default county, as the welcome page builds it
    yield ledger
    ledger.close()


def _multiple(values: list[int]) -> tuple[int, int] | None:
    for small in values:
        for big in values:
            if small >= 10 and big >= 2 * small and big % small == 0:
                return small, big
    return None


def test_counts_are_not_multiples_of_each_other(county: Ledger) -> None:
    acts = rows(county, "SELECT * FROM activities")
    flagged = [a for a in acts if _multiple([a[c] for c in COUNTS if a[c]])]
    assert len(flagged) / len(acts) <= MULTIPLE_SHARE, flagged[:5]
    # Nor the year's totals of one programme (what the summary prints: 为366名职工服务732人次).
    totals: dict[tuple[int, str], Counter[str]] = defaultdict(Counter)
    for a in acts:
        for c in COUNTS:
            totals[(_day(a["start_date"]).year, a["category"])][c] += a[c] or 0
    pairs = [(key, _multiple([v for v in t.values() if v])) for key, t in totals.items()]
    assert [p for p in pairs if p[1]] == []


def test_programmes_do_not_share_their_yearly_figures(county: Ledger) -> None:
    events: dict[int, Counter[str]] = defaultdict(Counter)
    reach: dict[int, Counter[str]] = defaultdict(Counter)
    for a in rows(county, "SELECT category, start_date, person_times FROM activities"):
        year = _day(a["start_date"]).year
        events[year][a["category"]] += 1
        reach[year][a["category"]] += a["person_times"] or 0
    for year, by_category in events.items():
        counts = list(by_category.values())
        assert len(counts) == len(set(counts)), (year, by_category)  # no 123场 twice in a year
        # Nor the same 人次 once printed to three figures (5.3万人次 twice).
        shown = [count(v, "人次") for v in reach[year].values() if v]
        assert len(shown) == len(set(shown)), (year, reach[year])
        ordered = sorted(v for v in reach[year].values() if v)
        assert all(b > a * 1.05 for a, b in zip(ordered, ordered[1:], strict=False)), (
            year,
            reach[year],
        )


def test_programmes_keep_their_seasons(county: Ledger) -> None:
    acts = rows(county, "SELECT category, start_date FROM activities")
    by: dict[str, list[dt.date]] = defaultdict(list)
    for a in acts:
        by[a["category"]].append(_day(a["start_date"]))
    for day in by["送温暖"]:  # the “两节”: December and the weeks before 春节
        festival = spring_festival(day.year)
        assert day.month == 12 or dt.timedelta(0) < festival - day <= dt.timedelta(days=40), day
    assert {d.month for d in by["夏送清凉"]} <= {6, 7, 8}
    assert {d.month for d in by["金秋助学"]} <= {8, 9}
    assert {d.month for d in by["春送岗位/就业服务"]} <= {1, 2, 3, 4, 5}
    months = Counter(d.month for d in by["劳动保护(安康杯)"])
    assert months.most_common(1)[0][0] == 6  # 安全生产月
    assert "疫情防控" not in by  # 2023–2025: the programme had ended
    # A title naming a festival or a national month is held then (三八 on 8 March, 五一 on 1 May,
    # 中秋 in September or October, 春节 between December and February, 安全生产月 in June).
    held = {"三八": {3}, "五一": {4, 5}, "中秋": {9, 10}, "春节": {12, 1, 2}, "新春": {1, 2},
            "安全生产月": {6}}  # fmt: skip
    for a in rows(county, "SELECT name, start_date FROM activities"):
        for word, months in held.items():
            if word in a["name"]:
                assert _day(a["start_date"]).month in months, a


def test_rest_stops_and_their_visits_are_a_real_countys(county: Ledger) -> None:
    stops = rows(
        county, "SELECT id, status FROM stations WHERE station_type = '户外劳动者服务站点'"
    )
    assert REST_STOPS[0] <= len(stops) <= REST_STOPS[1]
    usage = rows(
        county,
        "SELECT u.station_id, u.year, u.month, u.visits FROM station_usage u JOIN stations s"
        " ON s.id = u.station_id WHERE s.station_type = '户外劳动者服务站点'",
    )
    assert max(u["visits"] for u in usage) <= STOP_MONTH_MAX
    by_year: dict[tuple[int, int], list[int]] = defaultdict(list)
    for u in usage:
        by_year[(u["station_id"], u["year"])].append(u["visits"])
    full = [sum(v) for v in by_year.values() if len(v) == 12]  # stations open the whole year
    mean = sum(full) / len(full)
    assert STOP_YEAR_MEAN[0] <= mean <= STOP_YEAR_MEAN[1], mean
    # Stations differ: the busiest full year is several times the quietest.
    assert max(full) > 4 * min(full)
    # Summer heat and winter cold bring more workers in than spring.
    months = Counter()
    for u in usage:
        months[u["month"]] += u["visits"]
    assert months[7] > months[4] and months[1] > months[4]


def test_households_and_aid_are_a_real_countys(county: Ledger) -> None:
    on_file = county.households.count(HouseholdQuery(status=lifecycle.ON_FILE))
    assert ON_FILE[0] <= on_file <= ON_FILE[1]
    for year in (2024, 2025):
        students = year_figures(county, year).current.education.people
        assert STUDENTS_A_YEAR[0] <= students <= STUDENTS_A_YEAR[1], (year, students)


def test_names_and_summaries_vary_like_real_entries(county: Ledger) -> None:
    acts = rows(county, "SELECT category, name, summary, place FROM activities")
    names_ = Counter(a["name"] for a in acts)
    assert len(names_) / len(acts) > 0.5  # no one template filled in again and again
    summaries = [a for a in acts if a["summary"]]
    skeletons = Counter(re.sub(r"\d[\d,]*", "#", s["summary"]) for s in summaries)
    assert skeletons.most_common(1)[0][1] <= 3
    assert all(s["place"] in s["summary"] for s in summaries)
    quoted = [s for s in summaries if "”" in s["summary"] and "说。" in s["summary"]]
    posts = [
        s
        for s in summaries
        if re.search(r"(主席|书记|主任)[\u4e00-\u9fa5]{2,3}(出席|参加|带队)", s["summary"])
    ]
    assert 0.03 <= len(quoted) / len(summaries) <= 0.3
    assert 0.2 <= len(posts) / len(summaries) <= 0.7
    partners = [s for s in summaries if "联合县" in s["summary"]]
    assert partners
    # The county holds each of its own events once a year (two 职工气排球比赛 a week apart read
    # as a copy-paste); the year written before a title does not make it another event.
    county_titles = Counter(
        (_day(a["start_date"]).year, a["name"].removeprefix(f"{_day(a['start_date']).year}年"))
        for a in rows(county, "SELECT name, start_date FROM activities WHERE township IS NULL")
    )
    assert county_titles.most_common(1)[0][1] == 1, county_titles.most_common(3)
    # An entry is about the event its title names: 慰问环卫工人 visits 环卫工人, not 交警.
    for s in summaries:
        if s["category"] == "夏送清凉" and "环卫" in s["name"]:
            assert "环卫" in s["summary"], s


def test_some_stations_carry_honours_the_statistics_count(county: Ledger) -> None:
    honours = rows(county, "SELECT station_type, honors FROM stations WHERE honors IS NOT NULL")
    stops = [h["honors"] for h in honours if h["station_type"] == "户外劳动者服务站点"]
    assert any(re.search(r"全总最美工会户外劳动者服务站点（20\d\d年）", h) for h in stops)
    assert any("省级示范驿站" in h for h in stops) or any("市级星级驿站" in h for h in stops)
    figures = year_figures(county, 2025).current.honours
    titles = {line.title for line in figures.honours}
    assert "全总最美工会户外劳动者服务站点" in titles or "省级示范驿站" in titles


def test_township_wording_reads_back_as_the_stored_value(county: Ledger) -> None:
    matcher = Matcher()
    seen = 0
    for kind, table in (("households", "households"), ("assistance", "assistance"),
                        ("activities", "activities"), ("stations", "stations")):  # fmt: skip
        for record in rows(county, f"SELECT * FROM {table} WHERE original_wording IS NOT NULL"):
            import json

            wording = record["original_wording"]
            wording = json.loads(wording) if isinstance(wording, str) else wording
            for field, said in wording.items():
                read = read_choice(kind, field, said, matcher)
                assert read.value == record[field] and read.original == said, (kind, field, said)
                seen += 1
    assert seen >= 100
    legacy = rows(county, "SELECT hardship_class, hardship_class_original FROM households"
                          " WHERE hardship_class_original IS NOT NULL")  # fmt: skip
    assert legacy and all(
        read_choice("households", "hardship_class", h["hardship_class_original"], matcher).value
        == (h["hardship_class"], h["hardship_class_original"])
        for h in legacy
    )


# ---- what `demo` says it wrote ----------------------------------------------------------------

_FIGURE = re.compile(r"([\u4e00-\u9fa5()（）]+?)(\d[\d,]*)(户|人次|人|条|个|项|张|行)")


def test_demo_reports_exactly_what_it_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "said.sqlite3"
    assert main.main(["demo", "--db", str(db), "--households", "150", "--seed", "5"]) == 0
    out = capsys.readouterr().out
    ledger = Ledger.open("sqlite:///" + str(db))
    try:

        def n(sql: str) -> int:
            return rows(ledger, sql)[0]["n"]

        held = {
            "households": n("SELECT COUNT(*) AS n FROM households"),
            "members": n("SELECT COUNT(*) AS n FROM household_members"),
            "assistance": n("SELECT COUNT(*) AS n FROM assistance"),
            "changes": n("SELECT COUNT(*) AS n FROM status_changes"),
            "stations": n("SELECT COUNT(*) AS n FROM stations"),
            "stops": n(
                "SELECT COUNT(*) AS n FROM stations WHERE station_type = '户外劳动者服务站点'"
            ),
            "usage": n("SELECT COUNT(*) AS n FROM station_usage"),
            "visits": n("SELECT SUM(visits) AS n FROM station_usage"),
            "activities": n("SELECT COUNT(*) AS n FROM activities"),
            "featured": n("SELECT COUNT(*) AS n FROM activities WHERE include_in_summary"),
            "photos": n("SELECT COUNT(*) AS n FROM photos"),
            "categories": n("SELECT COUNT(DISTINCT category) AS n FROM activities"),
        }
        statuses = {
            s: ledger.households.count(HouseholdQuery(status=s)) for s in lifecycle.STATUSES
        }
        notes = {
            r["entity"]: r["note"]
            for r in rows(
                ledger, "SELECT entity, note FROM audit_log WHERE entity_label = '演示数据'"
            )
        }
    finally:
        ledger.close()
    said = out.replace(",", "")
    expected = [
        f"困难职工档案{held['households']}户", f"家庭成员{held['members']}人",
        f"帮扶记录{held['assistance']}条", f"服务阵地{held['stations']}个",
        f"户外劳动者服务站点{held['stops']}个", f"服务人次记录{held['usage']}条",
        f"合计{held['visits']}人次", f"活动{held['activities']}项",
        f"写入年度总结{held['featured']}项", f"照片{held['photos']}张",
        f"覆盖{held['categories']}个类别",
        *(f"{status}{count}户" for status, count in statuses.items() if status in said),
    ]  # fmt: skip
    assert [e for e in expected if e not in said] == []
    for status in (lifecycle.ON_FILE, lifecycle.LIFTED, lifecycle.CLOSED):
        assert f"{status}{statuses[status]}户" in said
    # Every figure the output and the audit notes state is one of the database's.
    stated = {int(m[2]) for text in (said, *notes.values()) for m in _FIGURE.finditer(text)}
    known = {*held.values(), *statuses.values()}
    years = {2023, 2024, 2025, 150, 5}
    assert stated - known - years - _run_figures(said) == set()
    assert f"困难职工档案{held['households']}户" in notes["households"]
    assert f"状态变更{held['changes']}条" in notes["households"]
    for entity, key, unit in (("household_members", "members", "人"), ("assistance", "assistance", "条"),
                              ("stations", "stations", "个"), ("station_usage", "usage", "条"),
                              ("activities", "activities", "项"), ("photos", "photos", "张")):  # fmt: skip
        assert f"{held[key]}{unit}" in notes[entity], (entity, notes[entity])


def _run_figures(out: str) -> set[int]:
    """Figures of the run itself (rows written, rows a second, 乡镇 count, 低保 standards)."""
    found = set()
    for pattern in (r"共写入(\d+)行", r"每秒约(\d+)行", r"乡镇\(街道\)(\d+)个", r"(\d+)元"):
        found |= {int(m) for m in re.findall(pattern, out)}
    return found


def test_households_scale_and_the_county_around_them_stays(tmp_path: Path) -> None:
    sizes = {}
    for households in (150, 1200):
        ledger = Ledger.open("sqlite:///" + str(tmp_path / f"s{households}.sqlite3"), create=True)
        try:
            build_demo(ledger, DemoOptions(households=households))
            sizes[households] = (
                ledger.households.count(),
                rows(ledger, "SELECT COUNT(*) AS n FROM stations")[0]["n"],
                year_figures(ledger, 2025).current.education.people,
            )
        finally:
            ledger.close()
    assert sizes[150][0] == 150 and sizes[1200][0] == 1200
    assert sizes[150][1] == sizes[1200][1]  # the stations are the county's, not the files'
    assert sizes[1200][2] > 4 * sizes[150][2]  # students helped follow the files
