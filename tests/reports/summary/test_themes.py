"""Figures → themes: what is stated, what is left out, placeholder names, period wording."""

from __future__ import annotations

import re
from typing import Any

from models.statistics import year_figures
from reports.narrative import Document, Writer, split_sentences
from reports.summary.draft import generate_draft
from reports.summary.themes import build_themes, placeholder_names, placeholder_values
from tests.reports.summary.sample_data import YEAR


def _filled(draft: Any) -> list[str]:
    from reports.narrative import fill_placeholders

    return [fill_placeholders(p.text, draft.values) for p in draft.paragraphs]


def test_empty_theme_is_left_out_and_never_zero(ledger: Any, county: Any) -> None:
    draft = generate_draft(year_figures(ledger, YEAR), "平安县总工会")
    # No 疫情防控, 安康杯 or 劳模 activity was recorded: their bullets vanish, never "0场".
    text = "".join(_filled(draft))
    assert "疫情防控" not in text and "安康杯" not in text and "劳模工匠选树" not in text
    assert not re.search(r"(?<![\d.])0(家|户|人|名|元|场|个|件|期|万)", text)
    assert set(draft.theme_keys) == {
        "ideology",
        "culture",
        "achievement",
        "rights",
        "hardship",
        "service",
        "stations",
        "self",
    }


def test_theme_without_any_figure_disappears(ledger: Any) -> None:
    ledger.settings.set_org_name("空白县总工会")
    ledger.stations.create(
        {
            "name": "城关驿站",
            "station_type": "户外劳动者服务站点",
            "township": "城关镇",
            "built_date": f"{YEAR}-03-01",
        }
    )
    draft = generate_draft(year_figures(ledger, YEAR), "空白县总工会")
    assert draft.theme_keys == ("stations",)
    assert not draft.section("hardship") and not draft.section("ideology")
    assert "新建户外劳动者驿站1家" in "".join(_filled(draft))


def test_programme_of_a_featured_activity_has_its_own_figures(ledger: Any, county: Any) -> None:
    draft = generate_draft(year_figures(ledger, YEAR), "平安县总工会")
    service = " ".join(
        _filled(draft)[i] for i, p in enumerate(draft.paragraphs) if p.section == "service"
    )
    assert "“爱心早餐”" in service
    assert "406.8万元" in service and "4092名一线职工" in service and "40.3万人次" in service
    # The category total equals the one featured activity: it is not said a second time.
    assert service.count("406.8万元") == 1 and service.count("40.3万人次") == 1


def test_no_sentence_and_no_figure_is_repeated(ledger: Any, county: Any) -> None:
    draft = generate_draft(year_figures(ledger, YEAR), "平安县总工会")
    sentences = [s for text in _filled(draft) for s in split_sentences(text)]
    assert len(sentences) == len(set(sentences))
    keys = [f.key for f in draft.stated]
    assert len(keys) == len(set(keys))


def test_placeholders_are_unique_and_cover_every_figure(ledger: Any, county: Any) -> None:
    facts = year_figures(ledger, YEAR).facts()
    names = placeholder_names(facts)
    assert sorted(names.values()) == sorted(facts)  # one name per key, none lost
    values = placeholder_values(facts)
    assert values["驿站总数"] == "5家"
    assert values["驿站服务人次"] == "6万人次"
    assert values["新建驿站数同比"] == "比上年增加1家"


def test_multi_year_period_never_says_whole_year(ledger: Any, county: Any) -> None:
    figures = year_figures(ledger, YEAR, YEAR - 4)
    writer = Writer(YEAR, Document(), since_year=YEAR - 4)
    texts = [t for theme in build_themes(figures) if (t := writer.theme(theme))]
    joined = "".join(p for t in texts for p in t.paragraphs)
    assert "全年" not in joined and "一年来" not in joined
    assert not re.search(rf"(?<!—){YEAR}年，", joined)  # "2020—2024年，" is the period's lead
    assert any(w in joined for w in ("五年来", f"{YEAR - 4}年以来", f"{YEAR - 4}—{YEAR}年"))


def test_summary_names_no_household_member(ledger: Any, county: Any) -> None:
    from tests.reports.summary.sample_data import HEAD_NAMES, MEMBER_NAME

    draft = generate_draft(year_figures(ledger, YEAR), "平安县总工会")
    text = "".join(_filled(draft))
    assert not any(name in text for name in (*HEAD_NAMES, MEMBER_NAME))
