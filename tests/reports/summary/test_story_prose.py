"""Stories as an editor reads them: closings that fit, figures in their sentence, clean leads."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest

from models.demo import DemoOptions, build_demo
from models.services import Ledger
from models.statistics import FeaturedActivity, year_figures
from reports.narrative import Document, Writer, fill_placeholders
from reports.narrative_facts import Fact, Theme
from reports.summary.draft import ARTICLE_SECTIONS, generate_draft
from reports.summary.stories import quoted, story_of
from reports.summary.themes import build_themes

ORG = "桐川县总工会"
YEARS = [(2023, None), (2024, None), (2025, None), (2025, 2023)]

# What an editor expects a closing line about each kind of activity to name: the words of the
# programmes as county unions report them (安康杯 is a 劳动保护 contest, 劳模 a 劳模工匠 item).
PROGRAMME_WORDS = {
    "思想引领": ("思想引领", "宣讲"),
    "职工文化": ("职工文化", "文体"),
    "劳动和技能竞赛": ("竞赛",),
    "职工技能培训": ("培训",),
    "劳模工匠": ("劳模",),
    "法律援助与维权": ("维权", "法律"),
    "劳动保护(安康杯)": ("安康杯", "劳动保护"),
    "送温暖": ("送温暖",),
    "金秋助学": ("助学",),
    "春送岗位/就业服务": ("就业", "岗位"),
    "夏送清凉": ("清凉",),
    "建会入会": ("建会", "入会"),
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    folder = tmp_path_factory.mktemp("stories")
    ledger = Ledger.open("sqlite:///" + str(folder / "demo.sqlite3"), create=True)
    build_demo(ledger, DemoOptions(households=600, seed=2025, as_of=dt.date(2026, 3, 1)))
    yield ledger
    ledger.close()


def _sentences(paragraph: str) -> list[str]:
    return [s for s in re.findall(r"[^。！？]+[。！？]”?", paragraph) if s.strip()]


def _activity(
    summary: str, name: str, category: str = "思想引领", id_: int = 1
) -> FeaturedActivity:
    return FeaturedActivity(
        id=id_, name=name, category=category, start_date=dt.date(2024, 8, 7), end_date=None,
        township=None, place=None, cash=Decimal(0), goods=Decimal(0), participants=120,
        person_times=None, households_benefited=None, summary=summary, specific={},
    )  # fmt: skip


# ---- 1. a closing names what the stories above it told -----------------------------------


@pytest.mark.parametrize(("year", "since"), YEARS)
def test_story_closings_name_the_programme_told(demo: Ledger, year: int, since: int | None) -> None:
    figures = year_figures(demo, year, since)
    category = {a.id: a.category for a in figures.current.activities.featured}
    writer = Writer(year, Document())
    wrong = []
    for theme in build_themes(figures):
        written = writer.theme(theme)
        if written is None or not theme.stories:
            continue
        told = [category[int(s.key.split(".")[2])] for s in theme.stories]
        story_text = "".join(p for s in theme.stories for p in s.pieces if isinstance(p, str))
        for paragraph in written.paragraphs:
            sentences = _sentences(paragraph)
            last = sentences[-1].rstrip("。") if sentences else ""
            if not last or not any(
                s[:8] in paragraph for s in story_text.split("。") if len(s) > 8
            ):
                continue  # not the stories' paragraph
            if last[:8] in story_text or re.search(r"\d", last):
                continue  # the paragraph ends on a story: no closing to judge
            for kind in told:
                if not any(w in last for w in PROGRAMME_WORDS.get(kind, (kind,))):
                    wrong.append(f"{theme.key}: 「{last}」 after a {kind} story")
    assert wrong == []


# ---- 2. a figure sits in the sentence it qualifies ---------------------------------------


def test_no_figure_is_stranded_after_the_claim() -> None:
    facts = (
        Fact("contests.count", 24, "场", "组织劳动和技能竞赛{}"),
        Fact("contests.trades", 43, "个", "涵盖{}工种"),
        Fact("contests.people", 1188, "人", "参赛职工{}"),
    )
    theme = Theme(key="achievement", heading="", topic="劳动和技能竞赛", facts=facts)
    stranded = []
    for year in range(2000, 2060):
        written = Writer(year, Document(), salt="桐川县总工会").theme(theme)
        assert written is not None
        for sentence in _sentences("".join(written.paragraphs)):
            if re.search(r"\d", sentence) and "，" not in sentence:
                stranded.append(sentence)
    assert stranded == []


# ---- 3. a retold lead says each place once and nests its quotes --------------------------


def test_a_title_ending_in_a_place_is_not_followed_by_that_place() -> None:
    summary = (
        "8月7日，新集镇总工会在新集镇便民服务中心开展“中国梦·劳动美”主题宣讲进新集镇活动，"
        "120名职工参加。"
    )
    for turn in range(8):
        activity = _activity(summary, "“中国梦·劳动美”主题宣讲进新集镇", id_=turn)
        story = story_of(activity, lambda key: None, ())
        assert story is not None
        text = "".join(p for p in story.pieces if isinstance(p, str))
        assert text.count("新集镇") <= 2, text  # the union and the title, never the hall again
        assert "进新集镇”在新集镇" not in text and "“‘" not in text and "’”" not in text, text
        # Opening on the hall alone, the reader would not yet know whose hall it is.
        assert not text.startswith("在便民服务中心"), text


@pytest.mark.parametrize(
    "summary",
    [
        "为把节日的关怀送到困难职工家中，南关街道总工会于1月19日在南关街道党群服务中心举办"
        "南关街道春节困难职工走访慰问，走访慰问困难职工43户。",
        "5月26日，2024年“永远跟党走”东城街道职工红色观影在东城街道工业园区举行，"
        "活动由东城街道总工会主办，190名职工参加。",
    ],
)
def test_other_clerk_openings_say_the_place_once_more_at_most(summary: str) -> None:
    town = "南关街道" if "南关" in summary else "东城街道"
    story = story_of(_activity(summary, "走访慰问"), lambda key: None, ())
    assert story is not None
    text = "".join(p for p in story.pieces if isinstance(p, str))
    assert text.count(town) < summary.count(town), text


def test_quotes_nest_as_the_papers_print_them() -> None:
    # A name with its own slogan in quotes is printed as it is: the slogan carries the quotes.
    assert quoted("“中国梦·劳动美”主题宣讲进新集镇") == "“中国梦·劳动美”主题宣讲进新集镇"
    assert quoted("桐川县“书香三八”读书分享会") == "桐川县“书香三八”读书分享会"
    assert quoted("《劳动法》宣讲") == "《劳动法》宣讲"
    assert quoted("“春风行动”") == "“春风行动”"
    assert quoted("桐川县职工拔河比赛") == "“桐川县职工拔河比赛”"


@pytest.mark.parametrize(("year", "since"), YEARS)
def test_article_has_no_doubled_quote_marks(demo: Ledger, year: int, since: int | None) -> None:
    draft = generate_draft(year_figures(demo, year, since), ORG)
    text = "".join(
        fill_placeholders(p.text, draft.values)
        for p in draft.paragraphs
        if p.section in ARTICLE_SECTIONS
    )
    assert re.findall(r"“‘|’”", text) == []


# ---- 4. no stock line twice in one article -----------------------------------------------


@pytest.mark.parametrize(("year", "since"), YEARS)
def test_no_stock_closing_repeats_in_an_article(demo: Ledger, year: int, since: int | None) -> None:
    draft = generate_draft(year_figures(demo, year, since), ORG)
    paragraphs = [
        fill_placeholders(p.text, draft.values)
        for p in draft.paragraphs
        if p.section in ARTICLE_SECTIONS
    ]
    # A paragraph's last sentence without a figure is the writer's own line, not the record's.
    closings = [
        last
        for p in paragraphs
        if (sentences := _sentences(p)) and not re.search(r"\d", last := sentences[-1])
    ]
    openings = [c[:3] for c in closings]
    repeated = sorted({o for o in openings if openings.count(o) > 1})
    assert repeated == [], [c for c in closings if c[:3] in repeated]
