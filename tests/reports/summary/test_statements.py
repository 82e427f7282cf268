"""Statements the summary must never make (issue 11): households counted per visit, a period
review that says 比上年, declines told as achievements, activities under another theme."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from models.statistics import Period, year_figures
from reports.narrative import change_text, fill_placeholders
from reports.summary import prepare
from reports.summary.build import assembled
from reports.summary.draft import generate_draft
from reports.summary.themes import THEME_SPECS, fact_for
from tests.reports.summary.sample_data import YEAR, build_year

ORG = "平安县总工会"


def _texts(draft: Any, section: str | None = None) -> list[str]:
    return [
        fill_placeholders(p.text, draft.values)
        for p in draft.paragraphs
        if section is None or p.section == section
    ]


def _section_of(draft: Any, words: str) -> str:
    themes = {s.key for s in THEME_SPECS}
    sections = {p.section for p in draft.paragraphs if words in p.text and p.section in themes}
    assert len(sections) == 1, (words, sections)
    return sections.pop()


# ---- 送温暖: households counted once -----------------------------------------------------


def test_warmth_households_are_the_distinct_families_on_file(ledger: Any, county: Any) -> None:
    # Every one of the 8 files got a 送温暖 visit in January; three 送温暖 events report 31
    # families between them, the same families counted at each event.
    for day, families in (("01-05", 10), ("01-18", 12), ("12-20", 9)):
        ledger.activities.create(
            {"name": f"送温暖慰问{day}", "category": "送温暖", "start_date": f"{YEAR}-{day}",
             "households_benefited": families, "cash": "6000"}
        )  # fmt: skip
    draft = generate_draft(year_figures(ledger, YEAR), ORG)
    text = "".join(_texts(draft, "hardship"))
    assert "8户困难职工家庭" in text
    households = [int(n) for n in re.findall(r"(\d+)户(?!次)", text)]
    assert households and max(households) <= 8, text  # no count of families above the files


def test_warmth_told_from_activities_alone_is_in_household_visits(ledger: Any) -> None:
    ledger.settings.set_org_name(ORG)
    for day, families in (("01-05", 10), ("01-18", 12)):
        ledger.activities.create(
            {"name": f"送温暖慰问{day}", "category": "送温暖", "start_date": f"{YEAR}-{day}",
             "households_benefited": families, "cash": "6000"}
        )  # fmt: skip
    draft = generate_draft(year_figures(ledger, YEAR), ORG)
    text = "".join(_texts(draft))
    assert "22户次" in text
    assert not re.search(r"22户(?!次)", text)


# ---- a period review speaks of the period -------------------------------------------------


def _period_county(ledger: Any, tmp_path: Path) -> None:
    build_year(ledger, tmp_path, year=YEAR + 1)  # 2024 (thin) and 2025
    for year in (2021, 2022):  # built before the period 2024–2025
        ledger.stations.create(
            {"name": f"老驿站{year}", "station_type": "户外劳动者服务站点", "township": "城关镇",
             "built_date": f"{year}-05-01", "status": "运行"}
        )  # fmt: skip


def test_period_review_never_says_last_year(ledger: Any, tmp_path: Path) -> None:
    _period_county(ledger, tmp_path)
    figures = year_figures(ledger, YEAR + 1, YEAR)
    draft = generate_draft(figures, ORG)
    text = "".join(_texts(draft))
    assert "比上年" not in text and "与上年" not in text
    assert "上年" not in "".join(draft.values.get(n, "") for n in draft.names)


def test_period_stocks_compare_with_the_end_of_the_year_before_the_period(
    ledger: Any, tmp_path: Path
) -> None:
    _period_county(ledger, tmp_path)
    facts = year_figures(ledger, YEAR + 1, YEAR).facts()
    total = fact_for(facts, "stations.outdoor.total", period=Period(YEAR, YEAR + 1))
    assert total is not None and (total.value, total.previous) == (7, 2)
    assert change_text(total) == "比2023年底增加5家"
    # A flow of the period (built in 2024–2025) has no sound "last year" to compare with.
    new = fact_for(facts, "stations.outdoor.new", period=Period(YEAR, YEAR + 1))
    assert new is not None and new.value == 5 and change_text(new) is None


# ---- a decline is never an achievement ----------------------------------------------------


def _falling_county(ledger: Any, tmp_path: Path) -> None:
    build_year(ledger, tmp_path)  # one book house built in 2024
    for month in (3, 6, 9):  # three in 2023
        ledger.stations.create(
            {"name": f"书屋{month}", "station_type": "职工书屋", "township": "城关镇",
             "built_date": f"{YEAR - 1}-{month:02d}-01", "status": "运行"}
        )  # fmt: skip
    ledger.activities.create(  # 80 cases in 2023, 52 in 2024
        {"name": "上年维权", "category": "法律援助与维权", "start_date": f"{YEAR - 1}-04-01",
         "cases": 80, "money_recovered": "900000"}
    )  # fmt: skip


def test_declines_are_not_told_as_achievements(ledger: Any, tmp_path: Path) -> None:
    _falling_county(ledger, tmp_path)
    draft = prepare(ledger, YEAR).draft
    themes = [s.key for s in THEME_SPECS]
    text = "".join(t for key in themes for t in _texts(draft, key))
    assert "新建职工书屋1家" in text and "52件" in text  # the figures stand, neutrally
    assert not re.search(r"减少|下降", text), text


def test_official_summary_names_declines_among_its_problems(ledger: Any, tmp_path: Path) -> None:
    _falling_county(ledger, tmp_path)
    doc = assembled(prepare(ledger, YEAR), "official")
    problems = "".join(p.text for p in doc.problems)
    assert re.search(r"新建职工书屋[^。；]*比上年减少2家", problems), problems
    assert re.search(r"案件[^。；]*比上年减少28件", problems), problems
    article = assembled(prepare(ledger, YEAR), "article")
    assert not re.search(r"减少|下降", "".join(article.body_texts()))


def test_declines_are_named_in_words_a_reader_knows(ledger: Any, tmp_path: Path) -> None:
    """The catalogue's labels are the data's own ("其他覆盖人次", "金秋助学助学资金"); in the
    problems they read as prose: 其他活动覆盖人次, 金秋助学资金."""
    build_year(ledger, tmp_path)
    for year, reach in ((YEAR - 1, 90000), (YEAR, 30000)):  # 其他 activities reached fewer
        ledger.activities.create(
            {"name": f"{year}年职工普惠服务", "category": "其他", "start_date": f"{year}-05-01",
             "person_times": reach}
        )  # fmt: skip
    ledger.activities.create(
        {"name": "上年金秋助学", "category": "金秋助学", "start_date": f"{YEAR - 1}-08-20",
         "students": 900, "cash": "9000000"}
    )  # fmt: skip
    problems = "".join(p.text for p in assembled(prepare(ledger, YEAR), "official").problems)
    assert "其他活动覆盖人次比上年" in problems and "金秋助学资金比上年" in problems, problems
    assert "其他覆盖" not in problems and "助学助学" not in problems, problems


# ---- an activity is told under its own theme ----------------------------------------------


def test_featured_activities_are_told_under_their_own_theme(ledger: Any, county: Any) -> None:
    for name, category, figures in (
        ("全县职工书画摄影展", "职工文化", {"participants": 380, "person_times": 1500}),
        ("“春风行动”招聘会", "春送岗位/就业服务", {"participants": 600, "person_times": 4200}),
        ("职工心理健康讲座", "其他", {"participants": 120, "person_times": 120}),
    ):
        ledger.activities.create(
            {"name": name, "category": category, "start_date": f"{YEAR}-03-15",
             "include_in_summary": True, **figures}
        )  # fmt: skip
    ledger.activities.create(  # not featured: the category's figures are more than the one above
        {"name": "农民工返岗就业服务", "category": "春送岗位/就业服务", "start_date": f"{YEAR}-02-20",
         "participants": 90, "person_times": 300}
    )  # fmt: skip
    draft = generate_draft(year_figures(ledger, YEAR), ORG)
    headings = {s.key: s.article_heading + s.official_heading for s in THEME_SPECS}
    assert "文化" in headings[_section_of(draft, "书画摄影展")]
    assert "就业" in headings[_section_of(draft, "招聘会")]
    # The category's own figures are told in the same theme as its featured activity.
    assert _section_of(draft, "书画摄影展") == _section_of(draft, "职工文化活动")
    assert _section_of(draft, "招聘会") == _section_of(draft, "就业服务活动")
    assert _section_of(draft, "心理健康讲座") not in ("self", "rights")
