"""What seed 004 says and the summary now says too: period totals with 余/近, first-to-last-year
progressions, stories retold from 内容摘要, honours, a prose 核心提示 and a closing on next year."""

from __future__ import annotations

from typing import Any

from models.statistics import Figure, Period, year_figures
from reports.narrative import figure_text, fill_placeholders
from reports.summary.draft import generate_draft
from reports.summary.themes import fact_for

ORG = "平安县总工会"
QUOTE = "“有了工会撑腰，心里踏实多了。”"


def _text(draft: Any) -> str:
    return "".join(fill_placeholders(p.text, draft.values) for p in draft.paragraphs)


def _review_county(ledger: Any) -> dict[str, int]:
    ledger.settings.set_org_name(ORG)
    for index, built in enumerate(("2021-08-01", "2023-03-01", "2023-05-01", *["2025-04-01"] * 3)):
        ledger.stations.create(
            {"name": f"驿站{index}", "station_type": "户外劳动者服务站点", "township": "城关镇",
             "built_date": built}
        )  # fmt: skip
    for year, cases, recovered, members in (("2023", 3, "123456", 700), ("2025", 7, "234567", 873)):
        ledger.activities.create(
            {"name": f"{year}年欠薪专项维权", "category": "法律援助与维权", "start_date": f"{year}-06-01",
             "participants": 80, "cases": cases, "money_recovered": recovered}
        )  # fmt: skip
        ledger.activities.create(
            {"name": f"{year}年集中入会", "category": "建会入会", "start_date": f"{year}-07-01",
             "participants": members, "new_unions": 5, "new_members": members}
        )  # fmt: skip
    story = ledger.activities.create(
        {"name": "“尊法守法”法律服务", "category": "法律援助与维权", "start_date": "2025-03-05",
         "place": "城关镇职工服务站", "participants": 60, "cases": 4, "money_recovered": "88000",
         "include_in_summary": True,
         "summary": "3月5日，城关镇总工会在城关镇职工服务站开展“尊法守法”法律服务活动，办结欠薪案件4件，"
                    "另有20名律师参与。职工李某说：" + QUOTE}
    )  # fmt: skip
    return {"story": story.id if hasattr(story, "id") else story["id"]}


def test_a_review_tells_its_totals_and_first_to_last_year(ledger: Any) -> None:
    _review_county(ledger)
    draft = generate_draft(year_figures(ledger, 2025, 2023), ORG)
    text = _text(draft)
    # Period totals in the articles' manner; the stock at the end stays exact.
    assert "为职工挽回经济损失44.6万余元" in text  # 123,456 + 234,567 + 88,000 元
    assert "新发展工会会员近1600人" in text  # 700 + 873
    assert "新建户外劳动者驿站5家" in text
    # First to last year, from the years' own figures, each cited in 数据来源; the stock's rise
    # ends on the period's closing figure, so "期末累计建成6家" is not said a second time.
    assert "户外劳动者驿站从2023年底的3家增加到2025年底的6家" in text
    assert "期末累计建成" not in text
    assert "办理维权案件从2023年的3件增加到2025年的11件" in text
    assert "新发展会员从2023年的700人增加到2025年的873人" in text
    stated = {f.key for f in draft.stated}
    assert {"years.2023.stations.outdoor.total", "years.2025.stations.outdoor.total"} <= stated
    assert "比上年" not in text


def test_a_fall_over_the_period_is_no_progression(ledger: Any) -> None:
    _review_county(ledger)
    ledger.activities.create(
        {"name": "2023年建会攻坚", "category": "建会入会", "start_date": "2023-09-01",
         "participants": 500, "new_members": 500}
    )  # fmt: skip
    text = _text(generate_draft(year_figures(ledger, 2025, 2023), ORG))
    assert "新发展会员从" not in text  # 1,200 in 2023, 873 in 2025


def test_period_style_rounds_flows_only() -> None:
    period = Period(2023, 2025)
    facts = {
        "households.lifted": Figure("households.lifted", "解困脱困户数", 1573, "户"),
        "households.filed": Figure("households.filed", "在档户数", 1573, "户", at_end=True),
        "assistance.total": Figure("assistance.total", "帮扶", 7_134_560, "元"),
        "stations.outdoor.visits": Figure("stations.outdoor.visits", "服务人次", 403_387, "人次"),
    }
    text = {k: figure_text(fact_for(facts, k, period=period)) for k in facts}  # type: ignore[arg-type]
    assert text == {
        "households.lifted": "近1600户",
        "households.filed": "1573户",
        "assistance.total": "713万余元",
        "stations.outdoor.visits": "40.3万人次",
    }
    alone = {k: figure_text(fact_for(facts, k)) for k in facts}  # type: ignore[arg-type]
    assert alone["households.lifted"] == "1573户"


def test_a_story_is_retold_from_its_summary_with_recorded_figures_only(ledger: Any) -> None:
    ids = _review_county(ledger)
    draft = generate_draft(year_figures(ledger, 2025), ORG)
    rights = "".join(
        fill_placeholders(p.text, draft.values) for p in draft.paragraphs if p.section == "rights"
    )
    assert "城关镇职工服务站" in rights and "3月5日" in rights and "城关镇总工会" in rights
    assert "办结欠薪案件4件" in rights
    assert QUOTE in rights  # the quote is told as the clerk wrote it
    assert "20名律师" not in rights  # a number the record does not hold is not printed
    assert f"activities.featured.{ids['story']}.cases" in {f.key for f in draft.stated}


def test_honours_and_hotline_come_from_the_station_records(ledger: Any) -> None:
    ledger.settings.set_org_name(ORG)
    ledger.stations.create(
        {"name": "城关驿站", "station_type": "户外劳动者服务站点", "township": "城关镇",
         "built_date": "2024-03-01", "honors": "全总最美工会户外劳动者服务站点（2025年）"}
    )  # fmt: skip
    ledger.stations.create(
        {"name": "城关服务站", "station_type": "乡镇(街道)职工服务站", "township": "城关镇",
         "built_date": "2024-03-01", "functions": ["12351热线"]}
    )  # fmt: skip
    text = _text(generate_draft(year_figures(ledger, 2025), ORG))
    assert "1个阵地获评“全总最美工会户外劳动者服务站点”" in text
    assert "12351职工服务热线延伸到1个服务阵地" in text


def test_key_points_are_one_paragraph_and_the_closing_looks_ahead(ledger: Any) -> None:
    _review_county(ledger)
    draft = generate_draft(year_figures(ledger, 2025), ORG)
    assert len(draft.key_points) == 1
    (box,) = draft.key_points
    assert box.startswith(f"2025年，{ORG}") and box.endswith("。")
    assert "为职工挽回经济损失32.25万余元" in box  # 234,567 + 88,000 元 in 2025
    (closing,) = [p.text for p in draft.paragraphs if p.section == "closing"]
    assert f"2026年，{ORG}将" in closing


def test_special_funds_are_told_per_programme(ledger: Any) -> None:
    ledger.settings.set_org_name(ORG)
    for name, category, day, money in (
        ("春节一线职工防疫慰问", "疫情防控", "2023-01-10", {"cash": "18400"}),
        ("高温送清凉进工地", "夏送清凉", "2024-07-10", {"goods_value": "52000"}),
        ("高温送清凉进站点", "夏送清凉", "2025-07-12", {"goods_value": "61000"}),
    ):
        ledger.activities.create(
            {"name": name, "category": category, "start_date": day, "participants": 90,
             "person_times": 400, **money}
        )  # fmt: skip
    text = _text(generate_draft(year_figures(ledger, 2025, 2023), ORG))
    assert "投入防疫专项资金物资1.8万余元" in text
    assert "投入资金物资11.3万元" in text  # 夏送清凉 over the period, 52,000 + 61,000 元
