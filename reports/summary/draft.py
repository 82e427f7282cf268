"""The generated draft of a year-end summary: every editable paragraph, with placeholders."""

# Why this shape:
# * The draft is written once with placeholders ("{驿站总数}") by one narrative Document, so a
#   sentence and a figure are never written twice across the whole summary. Its texts are what
#   the drafts service stores as generated_text; the printed text fills them with current figures.
# * Sections outside the themes (headline, lead, closing, opening, problems, plans) are stock
#   wording chosen deterministically from the year and organisation, plus data-driven problems
#   (驿站 that report no visits, files never assisted): a starting point the clerk edits.
# * 核心提示 repeats the biggest figures on purpose, so it has a Document of its own.

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from models.statistics import Figure, YearFigures
from reports.narrative import (
    CHANGE_SUFFIX,
    ComparisonRule,
    Document,
    StatedFigure,
    Writer,
    change_text,
    figure_text,
    fill_placeholders,
)
from reports.narrative_facts import Fact, Theme
from reports.numbers_zh import cn_digit, cn_number
from reports.summary.privacy import unnamed_figures
from reports.summary.themes import (
    THEME_SPECS,
    build_themes,
    fact_for,
    placeholder_names,
    placeholder_values,
)

__all__ = [
    "ARTICLE_SECTIONS",
    "OFFICIAL_SECTIONS",
    "SECTION_TITLES",
    "Draft",
    "DraftParagraph",
    "generate_draft",
]

THEME_KEYS = tuple(spec.key for spec in THEME_SPECS)
ARTICLE_SECTIONS = ("headline", "lead", *THEME_KEYS, "closing")
OFFICIAL_SECTIONS = ("opening", *THEME_KEYS, "problems", "plans")
SECTION_TITLES = {
    "headline": "大标题",
    "lead": "导语",
    "opening": "开头段",
    "closing": "结束语",
    "problems": "存在的问题",
    "plans": "下一步工作打算",
    **{spec.key: spec.official_heading for spec in THEME_SPECS},
}

HEADLINES = (
    "凝心聚力谱新篇 竭诚服务暖人心",
    "踔厉奋发担使命 服务职工显温度",
    "砥砺奋进谋发展 守正创新开新局",
    "聚力建功新时代 用心当好娘家人",
)


@dataclass(frozen=True)
class DraftParagraph:
    """One generated paragraph: its section and slot (stable position), text with placeholders."""

    section: str
    slot: str
    text: str

    @property
    def is_bullet(self) -> bool:
        return self.text.startswith("——")


@dataclass(frozen=True)
class Draft:
    """Everything generated for a year: paragraphs, key figures, placeholder values and sources."""

    year: int
    since_year: int | None
    org: str
    paragraphs: tuple[DraftParagraph, ...]
    key_points: tuple[str, ...]  # 核心提示: one prose paragraph, figures written out
    values: Mapping[str, str]  # placeholder name → current text
    names: Mapping[str, str]  # placeholder name → catalogue key
    stated: tuple[StatedFigure, ...]  # figures the generated text states, in order
    facts: Mapping[str, Figure]  # the catalogue (exact values for the appendix)
    theme_keys: tuple[str, ...]  # themes with something to say, in order

    def section(self, key: str) -> tuple[DraftParagraph, ...]:
        return tuple(p for p in self.paragraphs if p.section == key)


def _rng(year: int, org: str, salt: str) -> random.Random:
    digest = hashlib.sha256(f"{year}|{org}|{salt}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _period_words(year: int, since_year: int | None) -> tuple[str, str]:
    """("2025年", "一年来") or ("2021年以来", "五年来")."""
    if since_year is None or since_year >= year:
        return f"{year}年", "一年来"
    return f"{since_year}年以来", f"{cn_digit(year - since_year + 1)}年来"


MAX_KEY_POINTS = 3
KEY_POINT_AIMS = (
    "紧紧围绕全县中心工作，以职工为中心，把竭诚服务职工落到实处",
    "坚持以构建和谐劳动关系为主线，以满足职工对美好生活的向往为目标",
    "把握“维权服务”这条主线，打出惠民举措“组合拳”",
)
KEY_POINT_RESULTS = (
    "一项项实事汇聚起服务职工的温暖力量",
    "在服务大局、竭诚服务职工中交出了一份有温度的答卷",
    "职工群众的获得感幸福感安全感不断增强",
)
KEY_POINT_KEYS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # The box names families; the people in them are the body's (one figure fewer up front).
    ("households.lifted", "帮助{}在档困难职工解困脱困", ()),
    ("assistance.total", "发放帮扶资金物资{}", ()),
    ("stations.outdoor.total", "户外劳动者驿站达到{}", ()),
    ("stations.outdoor.visits", "驿站服务户外劳动者{}", ()),
    ("activities.total", "开展各类服务职工活动{}", ("activities.reach",)),
    ("assistance.education.students", "金秋助学资助困难职工子女{}", ()),
    ("activities.rights.recovered", "为职工挽回经济损失{}", ()),
    ("activities.organising.new_members", "新发展工会会员{}", ()),
)


def _key_points(figures: YearFigures, facts: Mapping[str, Figure], org: str) -> tuple[str, ...]:
    """The 核心提示 as one prose paragraph, as seed 004 prints it: what the union set out to do,
    three to five of the biggest figures in a run of clauses, and what they add up to. The box
    repeats figures of the body on purpose, so it is written apart from the body's Document,
    no comparisons. Empty when the year has none of the figures."""
    names = {key: name for name, key in placeholder_names(facts).items()}
    lines: list[str] = []
    for key, label, extra in KEY_POINT_KEYS:
        fact = fact_for(facts, key, label, names=names, compare=False, period=figures.period)
        if fact is None or not fact.present:
            continue
        texts = [figure_text(fact)]
        for other in extra:
            more = fact_for(facts, other, names=names, compare=False, period=figures.period)
            if more is not None and more.present:
                texts.append(figure_text(more))
        if key == "activities.total" and len(texts) > 1:
            lines.append(f"{label.replace('{}', texts[0])}，覆盖职工{texts[1]}")
        else:
            lines.append(label.replace("{}", "、".join(texts)))
        if len(lines) == MAX_KEY_POINTS:
            break
    if not lines:
        return ()
    when, _ = _period_words(figures.year, figures.since_year)
    rng = _rng(figures.year, org, "key points")
    aim = rng.choice(KEY_POINT_AIMS)
    result = rng.choice(KEY_POINT_RESULTS)
    return (f"{when}，{org}{aim}，{'，'.join(lines)}，{result}。",)


def _stock(
    year: int,
    since_year: int | None,
    org: str,
    theme_keys: Sequence[str],
    problems: Sequence[str],
    document: Document,
) -> dict[str, list[str]]:
    when, span = _period_words(year, since_year)
    rng = _rng(year, org, "stock")
    out: dict[str, list[str]] = {}
    out["headline"] = [rng.choice(HEADLINES)]
    # The image is the lead's own line: one opening as a section's line already did is left out.
    images = [i for i in LEAD_IMAGES if not document.has_opening(i)]
    out["lead"] = [
        # The 核心提示 above opens with "{when}，{org}": the lead opens with the span instead.
        f"{span}，{org}在县委和上级工会的坚强领导下，坚持以职工为中心，团结引领广大职工听党话、"
        f"跟党走，在服务大局中建功立业，在竭诚服务中传递温暖，各项工作取得新成效。"
        + (rng.choice(images) if images else "")
    ]
    out["opening"] = [
        f"{when}，{org}在县委、县政府和上级工会的坚强领导下，紧紧围绕全县中心工作，"
        f"认真履行维权服务基本职责，扎实推进各项工作。现将{'全年' if span == '一年来' else span}"
        f"工作情况总结如下。"
    ]
    focus = "、".join([CLOSING_FOCUS[k] for k in theme_keys if k in CLOSING_FOCUS][:3])
    out["closing"] = [
        rng.choice(CLOSING_IMAGES)
        + f"{year + 1}年，{org}将坚持以职工为中心，"
        + (f"在{focus}上持续用力，" if focus else "")
        + "把党的关怀和工会的温暖送到广大职工心坎上，为全县经济社会高质量发展凝聚起强大的职工力量。"
    ]
    issues = list(problems) + [
        "服务职工的精准度还需提高，对新就业形态劳动者等群体的需求掌握还不够全面。",
        "基层工会服务能力不平衡，部分乡镇（街道）工作力量相对薄弱。",
    ]
    out["problems"] = [f"{_ordinal(i + 1)}{text}" for i, text in enumerate(issues)]
    plans = {
        "ideology": "持续深化职工思想政治引领，创新宣讲、诵读等活动形式，引导职工听党话、跟党走。",
        "culture": "丰富职工精神文化生活，办好职工文艺汇演、运动会和书画摄影展等活动。",
        "achievement": "广泛开展劳动和技能竞赛与职工技能培训，让劳模精神、劳动精神、工匠精神蔚然成风。",
        "rights": "健全职工维权服务机制，加强法律援助，推动构建和谐劳动关系。",
        "hardship": "巩固困难职工解困脱困成果，做好防返困跟踪和常态化送温暖工作。",
        "service": "做实春送岗位、夏送清凉等服务，把工会关爱送到一线职工身边。",
        "stations": "推进户外劳动者驿站等服务阵地提质增效，完善服务人次等运行情况的日常填报。",
        "self": "加强基层工会规范化建设，持续推进新就业形态劳动者建会入会。",
    }
    numbered = [plans[k] for k in theme_keys if k in plans] or list(plans.values())[:3]
    out["plans"] = [f"{_ordinal(i + 1)}{text}" for i, text in enumerate(numbered)]
    return out


LEAD_IMAGES = (
    "从车间班组到工地站点，从困难职工家中到户外劳动者驿站，处处可见工会人忙碌的身影。",
    "一件件实事落地见效，一项项服务直抵人心，“职工之家”的牌子擦得更亮。",
    "职工有所呼，工会有所应，“娘家人”的形象在职工心中更加可亲可信。",
)
CLOSING_IMAGES = (
    "征程万里风正劲，重任千钧再奋蹄。",
    "新征程催人奋进，新使命重任在肩。",
    "雄关漫道真如铁，而今迈步从头越。",
)
# What the coming year builds on, per theme told (the plans of the 公文 in a phrase each).
CLOSING_FOCUS = {
    "ideology": "思想引领",
    "culture": "文化惠民",
    "achievement": "建功立业",
    "rights": "维权服务",
    "hardship": "解困脱困",
    "service": "就业服务和关爱职工",
    "stations": "阵地提质",
    "self": "建会入会",
}


def _ordinal(n: int) -> str:
    return f"{cn_number(n)}是"  # 一是、二是 (never 两是)


def _problems(facts: Mapping[str, Figure]) -> list[str]:
    """Problems the data shows: 驿站 without visit reports, files on record never assisted. The
    gaps are derived counts stated nowhere else, so no figure of the themes is repeated."""
    out: list[str] = []
    total = facts.get("stations.outdoor.total")
    reporting = facts.get("stations.outdoor.reporting")
    if total is not None and reporting is not None and total.value > reporting.value:
        missing = int(total.value) - int(reporting.value)
        out.append(f"驿站运行情况掌握还不够全面，有{missing}家户外劳动者驿站没有填报服务人次。")
    covered = facts.get("households.covered")
    helped = facts.get("assistance.households")
    if covered is not None and helped is not None and covered.value > helped.value:
        gap = int(covered.value) - int(helped.value)
        out.append(
            f"帮扶覆盖面仍需扩大，统计期内处于在档状态的困难职工家庭中有{gap}户没有帮扶记录。"
        )
    return out


# The seeds compare with last year about once in 3,000 characters: a summary compares only a rise
# that carries the story (10% and more), one per section, two in all.
COMPARISONS = ComparisonRule(limit=2, per_section=1, min_growth=Decimal("0.1"))
MAX_DECLINES = 4  # a 问题 lists the falls that matter most, not every one


def _declines(
    themes: Sequence[Theme], facts: Mapping[str, Figure], names: Mapping[str, str]
) -> tuple[str | None, list[StatedFigure]]:
    """The 公文's problem of figures that fell: the themes state them without a comparison (a
    fall is no achievement), so their falls are named here, largest first, as live placeholders
    ("新建职工书屋数{新建职工书屋数同比}"). Household counts are left out: fewer families in
    hardship is no problem."""
    by_key = {v: k for k, v in names.items()}
    falls: dict[str, Fact] = {}
    for theme in themes:
        for fact in theme.walk():
            if fact.key.startswith("households.") or not fact.falls:
                continue
            if change_text(fact) is not None:
                falls.setdefault(fact.key, fact)
    if not falls:
        return None, []
    ranked = sorted(falls.values(), key=lambda f: f.value / f.previous)  # type: ignore[operator]
    chosen = ranked[:MAX_DECLINES]
    clauses = []
    stated = []
    for fact in chosen:
        name = by_key[fact.key]
        label = _prose_label(facts[fact.key].label, fact.key)
        clauses.append(f"{label}{{{name}{CHANGE_SUFFIX}}}")
        stated.append(
            StatedFigure(fact.key, name + CHANGE_SUFFIX, change_text(fact) or "", "problems")
        )
    text = f"部分工作有所回落，{'，'.join(clauses)}，需深入分析原因，在今后工作中加以改进。"
    return text, stated


def _prose_label(label: str, key: str = "") -> str:
    """A catalogue label in running text: full-width brackets, as Chinese prose prints them; the
    catch-all activity category said as 其他活动 ("其他覆盖人次" names nothing), and a word the
    label says twice over said once ("金秋助学助学资金" → "金秋助学资金")."""
    label = label.replace("(", "（").replace(")", "）")
    if key.startswith("activities.other.") and not label.startswith("其他活动"):
        label = "其他活动" + label.removeprefix("其他")
    return re.sub(r"(.{2})\1", r"\1", label)


def generate_draft(figures: YearFigures, org: str) -> Draft:
    """Write the whole draft for the year (or period) from the statistics layer's figures."""
    figures = unnamed_figures(figures)
    facts = figures.facts()
    names = placeholder_names(facts)
    values = placeholder_values(facts, figures.period)
    document = Document(COMPARISONS)
    writer = Writer(
        figures.year, document, placeholders=True, since_year=figures.since_year, salt=org
    )
    paragraphs: list[DraftParagraph] = []
    theme_keys: list[str] = []
    themes = build_themes(figures)
    for theme in themes:
        written = writer.theme(theme)
        if written is None:
            continue  # a theme with no data is left out, never printed as "0家"
        theme_keys.append(theme.key)
        for index, text in enumerate(written.paragraphs):
            paragraphs.append(DraftParagraph(theme.key, f"p{index + 1}", text))
    fallen, fall_figures = _declines(themes, facts, names)
    problems = ([fallen] if fallen else []) + _problems(facts)
    for section, texts in _stock(
        figures.year, figures.since_year, org, theme_keys, problems, document
    ).items():
        for index, text in enumerate(texts):
            paragraphs.append(DraftParagraph(section, f"p{index + 1}", text))
    return Draft(
        year=figures.year,
        since_year=figures.since_year,
        org=org,
        paragraphs=tuple(paragraphs),
        key_points=_key_points(figures, facts, org),
        values=values,
        names=names,
        stated=(*document.sources(), *fall_figures),
        facts=facts,
        theme_keys=tuple(theme_keys),
    )


def filled(text: str, draft: Draft) -> str:
    return fill_placeholders(text, draft.values)
