"""Narrative layer: sentences from figures, zero themes left out, no repeats, placeholders."""

from __future__ import annotations

import random
import re
from collections import Counter
from decimal import Decimal

import pytest

from reports.narrative import (
    CHANGE_SUFFIX,
    DEFAULT_CLAIMS,
    ComparisonRule,
    Document,
    ThemeText,
    Writer,
    change_text,
    figure_text,
    fill_placeholders,
    find_placeholders,
    split_sentences,
)
from reports.narrative_facts import Bullet, Fact, Programme, Theme
from reports.numbers_zh import Approx, NumberStyle

YEAR = 2024


def station_facts(new: int = 12, total: int = 196, visits: int = 403_387) -> tuple[Fact, ...]:
    return (
        Fact("stations.outdoor.new", new, "家", "新建户外劳动者驿站", previous=10),
        Fact("stations.outdoor.total", total, "家", "累计建成"),
        Fact("stations.outdoor.visits", visits, "人次", "服务户外劳动者", previous=350_000),
        Fact("stations.mother_room.total", 0, "家", "建成爱心妈妈小屋"),
        Fact("stations.book_house.total", None, "家", "建成职工书屋"),
    )


def breakfast(
    cash: Decimal | None = Decimal("4068000"),
    people: int | None = 4092,
    reach: int | None = 403_387,
) -> Programme:
    return Programme(
        key="breakfast",
        name="“爱心早餐”行动",
        action="提供免费早餐",
        beneficiaries="环卫工人",
        money=Fact("breakfast.cash", cash, "元"),
        people=Fact("breakfast.people", people, "名"),
        reach=Fact("breakfast.reach", reach, "人次"),
        sites=Fact("stations.breakfast.total", 36, "个", "设立{}“爱心早餐”供应点"),
    )


def hardship_facts() -> tuple[Fact, ...]:
    return (
        Fact(
            "households.lifted",
            1573,
            "户",
            "帮助{}实现解困脱困",
            together=(Fact("households.lifted_persons", 5661, "人"),),
        ),
        Fact(
            "activities.organising.new_members",
            74_017,
            "人",
            "新发展工会会员",
            previous=60_000,
            parts=(Fact("activities.organising.new_migrant_members", 44_734, "人", "农民工会员"),),
        ),
    )


def all_text(themes: list[ThemeText | None]) -> str:
    return "".join(p for t in themes if t for p in t.paragraphs)


# --- figures --------------------------------------------------------------------------------


def test_figure_text_follows_the_unit() -> None:
    assert figure_text(Fact("a", 196, "家")) == "196家"
    assert figure_text(Fact("a", 403_387, "人次")) == "40.3万人次"  # visit tallies: plain
    assert figure_text(Fact("a", 74_017, "人")) == "7.4万余人"  # people: marked
    assert figure_text(Fact("a", 99_950, "人")) == "近10万人"
    assert figure_text(Fact("a", Decimal("4068000"), "元")) == "406.8万元"
    assert figure_text(Fact("a", Decimal("9304567"), "元")) == "930.45万余元"  # money: floor
    assert figure_text(Fact("a", Decimal("88.2"), "%")) == "88.2%"
    own = Fact("a", 20_480, "场", style=NumberStyle(Approx.MARKED, 0, more="多"))
    assert figure_text(own) == "2万多场"


def test_change_text_picks_a_sound_comparison() -> None:
    assert change_text(Fact("a", 12, "家", previous=10)) == "比上年增加2家"  # small base
    assert change_text(Fact("a", 1129, "人", previous=1000)) == "比上年增长12.9%"
    assert change_text(Fact("a", 966, "人", previous=1000)) == "比上年下降3.4%"
    assert change_text(Fact("a", 500, "人", previous=500)) == "与上年持平"
    assert change_text(Fact("a", 12, "家", previous=0)) is None  # zero base: no comparison
    assert change_text(Fact("a", 12, "家")) is None
    assert change_text(Fact("a", Decimal("50"), "元", previous=Decimal("40"))) == "比上年增长25%"
    rate = Fact("a", Decimal("90.1"), "%", previous=Decimal("88.6"))
    assert change_text(rate) == "比上年提高1.5个百分点"


def test_facts_refuse_bad_figures() -> None:
    with pytest.raises(ValueError):
        Fact("a", -1, "人")
    with pytest.raises(TypeError):
        Fact("a", 1.5, "元")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Fact("a", 1, "人", name="{坏}")
    with pytest.raises(ValueError):
        Fact("", 1, "人")
    with pytest.raises(ValueError):
        Fact("a", 1, "人", label="{}和{}")


# --- sentences ------------------------------------------------------------------------------


def test_a_theme_states_its_claim_and_figures() -> None:
    theme = Theme(
        "stations", "关爱户外劳动者", claims=("户外劳动者服务阵地不断完善",), facts=station_facts()
    )
    written = Writer(YEAR).theme(theme)
    assert written is not None
    text = written.paragraphs[0]
    assert "户外劳动者服务阵地不断完善" in text
    assert "新建户外劳动者驿站12家，比上年增加2家" in text
    assert "累计建成196家" in text
    assert "服务户外劳动者40.3万人次，比上年增长15.3%" in text
    assert text.endswith("。")
    assert written.heading == "关爱户外劳动者"
    assert [f.key for f in written.figures] == [
        "stations.outdoor.new",
        "stations.outdoor.total",
        "stations.outdoor.visits",
    ]


def test_zero_and_missing_figures_are_left_out() -> None:
    text = all_text([Writer(YEAR).theme(Theme("stations", "驿站", facts=station_facts()))])
    assert "爱心妈妈小屋" not in text
    assert "职工书屋" not in text
    assert not re.search(r"(?<![\d.])0[^\d.%]", text)


def test_a_theme_with_nothing_to_say_is_left_out() -> None:
    writer = Writer(YEAR)
    empty = Theme(
        "empty",
        "空",
        topic="服务阵地",
        facts=(Fact("a", 0, "家", "新建驿站"), Fact("b", None, "人", "服务")),
        programmes=(
            Programme(
                "cool",
                "“送清凉”行动",
                "送去清凉物品",
                "一线职工",
                money=Fact("m", Decimal(0), "元"),
                people=Fact("p", None, "名"),
            ),
        ),
        bullets=(Bullet("x", "加大维权力度", (Fact("c", 0, "件", "受理案件"),)),),
    )
    assert writer.theme(empty) is None
    assert writer.document.sources() == ()
    assert writer.paragraph("loose", [Fact("d", 0, "人", "培训")], topic="职工技能培训") is None


def test_pairs_of_households_and_people() -> None:
    written = Writer(YEAR).theme(Theme("hardship", "解困脱困", facts=hardship_facts()))
    assert written is not None
    assert "帮助1573户、5661人实现解困脱困" in written.paragraphs[0]


def test_a_zero_member_of_a_pair_is_dropped_alone() -> None:
    pair = Fact(
        "households.lifted",
        0,
        "户",
        "帮助{}实现解困脱困",
        together=(Fact("households.lifted_persons", 5661, "人"),),
    )
    text = Writer(YEAR).paragraph("hardship", [pair])
    assert text is not None
    assert "帮助5661人实现解困脱困" in text
    assert "0户" not in text


def test_parts_follow_their_total() -> None:
    texts = {Writer(year).paragraph("org", hardship_facts()[1:]) for year in range(2000, 2030)}
    for text in texts:
        assert text is not None
        assert "新发展工会会员7.4万余人" in text
        assert "其中农民工会员4.47万余人" in text
    assert any("7.4万余人（其中农民工会员4.47万余人），比上年增长23.4%" in t for t in texts if t)
    assert any("7.4万余人，比上年增长23.4%，其中农民工会员4.47万余人" in t for t in texts if t)


def test_parts_stand_alone_when_the_total_is_missing() -> None:
    fact = Fact(
        "activities.organising.new_members",
        None,
        "人",
        "新发展工会会员",
        parts=(Fact("activities.organising.new_migrant_members", 4_734, "人", "新发展农民工会员"),),
    )
    text = Writer(YEAR).paragraph("org", [fact])
    assert text is not None
    assert "新发展农民工会员4734人" in text
    assert "其中" not in text


def test_programme_sentence_in_the_articles_manner() -> None:
    sentences = [Writer(YEAR).programme(f"p{i}", breakfast()) for i in range(40)]
    for sentence in sentences:
        assert sentence is not None
        for figure in ("36个“爱心早餐”供应点", "406.8万元", "4092名环卫工人", "40.3万人次"):
            assert figure in sentence
    assert "设立36个“爱心早餐”供应点，投入406.8万元为4092名环卫工人提供免费早餐40.3万人次。" in (
        sentences
    )


def test_programme_without_money_or_people_still_reads() -> None:
    for i in range(20):
        writer = Writer(YEAR)
        sentence = writer.programme(f"p{i}", breakfast(cash=None, people=0))
        assert sentence is not None
        assert "投入" not in sentence
        assert "环卫工人" in sentence and "40.3万人次" in sentence
        assert "None" not in sentence and "0名" not in sentence


def test_programme_with_no_figures_is_left_out() -> None:
    empty = Programme("x", "“送清凉”行动", "送去清凉物品", "一线职工")
    assert Writer(YEAR).programme("x", empty) is None


def test_bullets_open_with_dashes_and_close_with_a_full_stop() -> None:
    bullets = [
        Bullet(
            "b1", "加大依法维权工作力度", (Fact("rights.cases", 621, "件", "受理职工法律援助案件"),)
        ),
        Bullet("b2", "推进建会入会", (Fact("org.unions", 0, "个", "新建工会组织"),)),
        Bullet("b3", "深化劳动保护", (Fact("safety.firms", 290, "家", "组织企业参加安康杯竞赛"),)),
        Bullet("b4", "开展技能竞赛", (Fact("skills.trades", None, "个", "竞赛工种"),)),
    ]
    paragraphs = Writer(YEAR).bullets("rights", bullets)
    assert len(paragraphs) == 2  # the zero and the missing bullet are left out
    assert all(p.startswith("——") for p in paragraphs)
    assert paragraphs[0].startswith("——加大依法维权工作力度")
    assert paragraphs[0].endswith("受理职工法律援助案件621件；")
    assert paragraphs[1].endswith("组织企业参加安康杯竞赛290家。")  # last kept one closes


def test_a_bullet_claim_is_said_once() -> None:
    writer = Writer(YEAR)
    first = writer.bullets("a", [Bullet("a1", "加大维权力度", (Fact("c1", 5, "件", "受理案件"),))])
    again = writer.bullets(
        "b",
        [
            Bullet("b1", "加大维权力度", (Fact("c2", 7, "件", "调解纠纷"),)),
            Bullet("b2", "加大维权力度", (Fact("c3", 9, "人", "受援职工"),)),
        ],
    )
    assert "加大维权力度" in first[0]
    assert again == ("——调解纠纷7件；", "——受援职工9人。")


def test_a_figure_is_stated_once_in_a_document() -> None:
    writer = Writer(YEAR)
    first = writer.theme(Theme("stations", "驿站", topic="服务阵地", facts=station_facts()))
    again = writer.theme(Theme("again", "驿站", topic="服务阵地", facts=station_facts()[1:2]))
    assert first is not None
    assert again is None  # its only figure was already said
    keys = [f.key for f in writer.document.sources()]
    assert len(keys) == len(set(keys))


# --- a long document ------------------------------------------------------------------------

TOPICS = ["困难帮扶", "服务阵地", "职工文化", "建会入会", "法律援助与维权", "职工技能培训"]
UNITS = ["户", "人", "人次", "家", "场", "元", "件", "%"]


def random_fact(rng: random.Random, key: str) -> Fact:
    unit = rng.choice(UNITS)
    value: int | Decimal | None = rng.choice(
        [0, None, rng.randint(1, 99), rng.randint(100, 9_999), rng.randint(10_000, 9_000_000)]
    )
    if unit in ("元", "%") and value is not None:
        value = Decimal(value) if unit == "元" else Decimal(rng.randint(1, 999)) / 10
    previous = rng.choice([None, 0, rng.randint(1, 50), rng.randint(100, 5_000_000)])
    if unit == "%" and previous is not None:
        previous = Decimal(rng.randint(1, 999)) / 10
    label = rng.choice(["开展活动", "服务职工", "覆盖", "帮扶困难职工", "投入资金", "受理案件"])
    # The quoted tag keeps labels distinct and keeps digits of the key away from the figure.
    return Fact(key, value, unit, f"{label}“项目{key[-3:]}”", previous=previous)


def long_document(seed: int, placeholders: bool = False) -> tuple[Writer, list[Theme], str]:
    rng = random.Random(seed)
    pool = [random_fact(rng, f"fact.{i:03d}") for i in range(160)]
    money_pool = [f for f in pool if f.unit == "元"]
    visit_pool = [f for f in pool if f.unit == "人次"]
    themes = []
    for index in range(40):
        # Themes share facts and topics on purpose: the registry must keep each said once.
        facts = tuple(rng.sample(pool, rng.randint(1, 7)))
        programme = Programme(
            f"prog{index}",
            f"“暖心{index}号”行动",
            "送去慰问品",
            "一线职工",
            money=rng.choice(money_pool),
            people=Fact(f"prog{index}.people", rng.randint(0, 5_000), "名"),
            reach=rng.choice(visit_pool),
        )
        bullets = tuple(
            Bullet(f"b{index}.{j}", f"重点工作{index}-{j}", tuple(rng.sample(pool, 2)))
            for j in range(rng.randint(0, 3))
        )
        themes.append(
            Theme(
                key=f"theme{index}",
                heading=f"主题{index}",
                topic=rng.choice(TOPICS),
                facts=facts,
                programmes=(programme,) if index % 3 == 0 else (),
                bullets=bullets,
            )
        )
    writer = Writer(YEAR, placeholders=placeholders)
    text = "\n".join(p for t in themes if (w := writer.theme(t)) for p in w.paragraphs)
    return writer, themes, text


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_sentence_is_repeated_in_a_long_document(seed: int) -> None:
    _, _, text = long_document(seed)
    sentences = split_sentences(text)
    assert len(sentences) > 80
    repeated = [s for s, n in Counter(sentences).items() if n > 1]
    assert repeated == []


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_each_figure_is_stated_once_and_sourced(seed: int) -> None:
    writer, themes, text = long_document(seed, placeholders=True)
    tokens = Counter(re.findall(r"\{([^{}]+)\}", text))
    values = {name: n for name, n in tokens.items() if not name.endswith(CHANGE_SUFFIX)}
    assert values and max(values.values()) == 1  # one mention of each figure
    sources = writer.document.sources()
    assert sorted(f.name for f in sources) == sorted(values)
    present = {f.key for t in themes for f in t.walk() if f.present}
    assert {f.key for f in sources} <= present  # never a zero or missing figure


def test_long_document_never_writes_a_zero_figure() -> None:
    writer, _, _ = long_document(4)
    assert all(not f.text.startswith("0") for f in writer.document.sources())


def test_claims_are_not_reused() -> None:
    for seed in (5, 6):
        _, _, text = long_document(seed)
        used = [claim for claims in DEFAULT_CLAIMS.values() for claim in claims if claim in text]
        assert len(used) >= 8  # themes share six topics: claims had to be spread out
        assert all(text.count(claim) == 1 for claim in used)


def test_phrasings_vary_across_sections() -> None:
    writer, _, _ = long_document(6)
    used = writer.document.phrasings
    openings = {p for p in used if p.startswith(("claim.", "plain."))}
    assert len(openings) >= 3
    assert {p for p in used if p.startswith("programme.")} == {
        "programme.invest",
        "programme.launch",
        "programme.benefit",
    }
    assert {p for p in used if p.startswith("bullet.")} == {"bullet.sentence", "bullet.clause"}


def test_same_inputs_give_the_same_text_and_years_differ() -> None:
    _, _, once = long_document(7)
    _, _, twice = long_document(7)
    assert once == twice
    texts = {
        all_text(
            [Writer(year).theme(Theme("stations", "驿站", topic="服务阵地", facts=station_facts()))]
        )
        for year in range(2015, 2030)
    }
    assert len(texts) >= 4


# --- placeholders ---------------------------------------------------------------------------


def test_fill_placeholders_keeps_unknown_tokens_visible() -> None:
    text = "我县已建成驿站{驿站总数}，{未知数}，{}不是占位符。"
    assert (
        fill_placeholders(text, {"驿站总数": "200家"})
        == "我县已建成驿站200家，{未知数}，{}不是占位符。"
    )
    assert find_placeholders(text + "{驿站总数}") == ("驿站总数", "未知数")


def test_placeholder_document_fills_back_to_the_written_document() -> None:
    themes = [
        Theme(
            "stations", "驿站", topic="服务阵地", facts=station_facts(), programmes=(breakfast(),)
        ),
        Theme("hardship", "帮扶", topic="困难帮扶", facts=hardship_facts()),
    ]
    for year in range(2018, 2026):
        with_figures = Writer(year)
        with_tokens = Writer(year, placeholders=True)
        written = all_text([with_figures.theme(t) for t in themes])
        tokens = all_text([with_tokens.theme(t) for t in themes])
        assert "{驿站总数}" in tokens and "196家" not in tokens
        values = with_tokens.document.values_for(f for t in themes for f in t.walk())
        assert fill_placeholders(tokens, values) == written


def test_an_edited_paragraph_keeps_live_figures() -> None:
    writer = Writer(YEAR, placeholders=True)
    writer.theme(Theme("stations", "驿站", facts=station_facts()))
    edited = "截至年底，全县累计建成户外劳动者驿站{驿站总数}，{新建驿站数同比}。"
    now = writer.document.values_for(
        [
            Fact("stations.outdoor.total", 215, "家"),
            Fact("stations.outdoor.new", 19, "家", previous=10),
        ]
    )
    assert (
        fill_placeholders(edited, now)
        == "截至年底，全县累计建成户外劳动者驿站215家，比上年增加9家。"
    )
    assert writer.document.names()["驿站总数"] == "stations.outdoor.total"


def test_clashing_names_get_distinct_tokens() -> None:
    writer = Writer(YEAR, placeholders=True)
    text = writer.paragraph(
        "clash",
        [
            Fact("a.one", 5, "家", "新建书屋", name="书屋数"),
            Fact("a.two", 7, "家", "改建书屋", name="书屋数"),
        ],
    )
    assert text is not None
    assert "{书屋数}" in text and "{书屋数2}" in text
    values = writer.document.values_for([Fact("a.one", 5, "家"), Fact("a.two", 7, "家")])
    assert values["书屋数"] == "5家" and values["书屋数2"] == "7家"


def test_document_can_be_shared_by_writers() -> None:
    document = Document()
    Writer(YEAR, document).theme(Theme("stations", "驿站", facts=station_facts()))
    assert Writer(YEAR, document).theme(Theme("again", "驿站", facts=station_facts())) is None


def test_a_programme_never_says_its_people_twice() -> None:
    # "为366名职工提供服务366人次": the visits equal the people, so only the people are said.
    lecture = Programme(
        "law",
        "“法律援助进企业”",
        "提供法律服务",
        "职工",
        people=Fact("law.people", 366, "名"),
        reach=Fact("law.reach", 366, "人次"),
    )
    for i in range(12):
        sentence = Writer(YEAR).programme(f"p{i}", lecture)
        assert sentence is not None and "366名职工" in sentence
        assert "366人次" not in sentence


def test_comparisons_follow_the_documents_rule() -> None:
    rule = ComparisonRule(limit=2, per_section=1, min_growth=Decimal("0.1"))
    writer = Writer(YEAR, Document(rule))
    themes = [
        Theme(
            f"t{i}",
            "驿站",
            facts=(
                Fact(f"small.{i}", 105, "家", f"新建“项目{i}”驿站", previous=100),  # +5%
                Fact(f"big.{i}", 240, "家", f"建成“项目{i}”驿站", previous=200),  # +20%
                Fact(f"more.{i}", 130, "家", f"改造“项目{i}”驿站", previous=100),  # +30%
            ),
        )
        for i in range(4)
    ]
    text = all_text([writer.theme(t) for t in themes])
    assert text.count("比上年") == 2  # one per section, two in all
    assert "比上年增加5家" not in text  # a 5% rise carries no story
    assert "建成“项目0”驿站240家，比上年增长20%" in text  # the first rise that does
