"""Figures → themed sections: which statistics the year-end summary states, in which words and order."""

# Why this shape:
# * The statistics layer's catalogue (YearFigures.facts(): stable key → Figure) is the only source
#   of numbers. This module only chooses and labels: each theme names catalogue keys with a prose
#   label ("新建户外劳动者驿站{}"); a key absent from the catalogue or zero yields no Fact at all,
#   so a theme with no data disappears (the narrative layer never writes "0家").
# * Placeholder names are stable per key (FACT_NAMES, else the catalogue's Chinese label), because
#   a clerk's edited paragraph keeps "{驿站总数}" across years and rebuilds.
# * Themes are shared by both layouts; each carries an article heading line and an official
#   （一） heading.

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from models import vocab
from models.statistics import Figure, Period, YearFigures
from models.statistics.facts import ACTIVITY_SLUGS
from models.statistics.figures import FeaturedActivity
from reports.narrative import CHANGE_SUFFIX, change_text, figure_text
from reports.narrative_facts import (
    FACT_NAMES,
    Bullet,
    Fact,
    Programme,
    Progression,
    Story,
    Theme,
)
from reports.numbers_zh import Approx, NumberStyle
from reports.summary.stories import MAX_STORY_FIGURES, quoted, story_of

__all__ = [
    "CATEGORIES",
    "THEME_SPECS",
    "CategoryWords",
    "ThemeSpec",
    "build_themes",
    "category_words",
    "fact_for",
    "placeholder_names",
    "placeholder_values",
]

Facts = Mapping[str, Figure]


@dataclass(frozen=True)
class ThemeSpec:
    """A themed section: stable key, article heading line, official （一） heading, topic."""

    key: str
    article_heading: str
    official_heading: str
    topic: str


THEME_SPECS: tuple[ThemeSpec, ...] = (
    ThemeSpec("ideology", "强化思想政治引领 凝聚职工奋进力量", "强化职工思想政治引领", "思想引领"),
    ThemeSpec("culture", "丰富职工文化生活 建设职工精神家园", "丰富职工精神文化生活", "职工文化"),
    ThemeSpec("achievement", "组织职工建功立业 助推经济社会发展", "组织职工建功立业", "劳动和技能竞赛"),
    ThemeSpec("rights", "突出维权服务主责 构建和谐劳动关系", "依法维护职工合法权益", "法律援助与维权"),
    ThemeSpec("hardship", "紧扣职工需求 深化困难职工帮扶", "扎实做好困难职工帮扶", "困难帮扶"),
    ThemeSpec("service", "做实就业服务 把关爱送到职工身边", "做好职工就业服务和关爱工作", "就业服务"),
    ThemeSpec("stations", "织密服务阵地 打通服务职工“最后一公里”", "推进职工服务阵地建设", "服务阵地"),
    ThemeSpec("self", "加强自身建设 扩大工会组织覆盖", "加强工会组织自身建设", "建会入会"),
)  # fmt: skip


@dataclass(frozen=True)
class CategoryWords:
    """How an activity category is told: the theme it belongs to (its figures and its featured
    activities alike, so the two can never land apart), what a featured activity did and for
    whom (the action must read before a 人次 figure), and the labels of its figures."""

    theme: str
    action: str
    who: str
    count: str = ""  # "组织宣讲、诵读等思想引领活动{}"
    reach: str = ""  # 覆盖人次
    participants: str = ""  # said only when there is no 人次 (the two overlap)
    money: str = ""
    claim: str = ""  # the "——" bullet's lead when it is not the theme's own category
    how: str = ""  # how the bullet's work was done, said before its figures ("围绕…，")
    topic: str = ""  # the work a closing line after its stories names ("做好{topic}工作")


# Every category of the value list, in the theme it is told in. The seeds file 书画展 and 文体活动
# under 职工文化, 招聘会 under 就业服务, 安康杯 under 和谐劳动关系; 送温暖 and 金秋助学 are the
# hardship programmes (their figures come from both ledgers, see ProgrammeFigures).
CATEGORIES: Mapping[str, CategoryWords] = {
    "思想引领": CategoryWords(
        "ideology", "开展宣讲诵读", "职工", "组织宣讲、诵读等思想引领活动{}",
        reach="覆盖职工{}", participants="参与职工{}",
        topic="思想引领",
    ),
    "职工文化": CategoryWords(
        "culture", "送去文化服务", "职工", "举办文艺汇演、书画摄影展、运动会等职工文化活动{}",
        reach="惠及职工{}", participants="参与职工{}",
        topic="职工文化",
    ),
    "劳动和技能竞赛": CategoryWords("achievement", "组织竞赛", "职工", topic="劳动和技能竞赛"),
    "职工技能培训": CategoryWords(
        "achievement", "开展技能培训", "职工", claim="职工技能素质不断提升",
        how="围绕产业发展和职工需求，",
        topic="职工技能培训",
    ),
    "劳模工匠": CategoryWords(
        "achievement", "开展劳模工匠服务", "职工", "开展劳模工匠选树宣传活动{}",
        reach="覆盖职工{}", participants="参与职工{}",
        claim="劳模精神、劳动精神、工匠精神广泛弘扬",
        how="讲好劳模故事、唱响劳动赞歌，",
        topic="关爱劳模工匠",
    ),
    "法律援助与维权": CategoryWords("rights", "提供法律服务", "职工", topic="法律援助与维权"),
    "劳动保护(安康杯)": CategoryWords(
        "rights", "开展劳动保护服务", "职工", "开展“安康杯”等劳动保护活动{}",
        reach="覆盖职工{}", participants="参与职工{}", claim="劳动保护工作扎实开展",
        how="坚持安全发展、预防为主，",
        topic="“安康杯”劳动保护",
    ),
    "送温暖": CategoryWords("hardship", "送去慰问", "困难职工", topic="送温暖"),
    "金秋助学": CategoryWords("hardship", "发放助学金", "困难职工子女", topic="金秋助学"),
    "春送岗位/就业服务": CategoryWords(
        "service", "提供就业服务", "求职职工", "举办招聘会等就业服务活动{}",
        reach="服务求职职工{}", participants="参与职工{}",
        topic="就业服务",
    ),
    "夏送清凉": CategoryWords(
        "service", "送去清凉", "一线职工", "开展夏送清凉活动{}", reach="慰问一线职工{}",
        participants="慰问一线职工{}", money="投入资金物资{}", claim="夏送清凉把关爱送到一线",
        topic="夏送清凉",
    ),
    "疫情防控": CategoryWords(
        "service", "开展防疫服务", "职工", "开展疫情防控服务活动{}", reach="服务职工{}",
        participants="参与职工{}", money="投入防疫专项资金物资{}", claim="疫情防控工作有力有序",
        topic="疫情防控",
    ),
    "其他": CategoryWords(
        "service", "提供服务", "职工", "开展心理关爱、普惠服务等关爱职工活动{}",
        reach="服务职工{}", participants="参与职工{}", claim="关爱职工服务贴心暖心",
    ),
    "建会入会": CategoryWords("self", "开展入会服务", "职工", topic="建会入会"),
}  # fmt: skip


# A section opens with a principle or an image before its figures (seed 004: "政治性是群团组织的
# 灵魂。", "助力脱贫攻坚，工会在行动。"); the writer picks one per year. Parallel 四字格 where the
# seeds use them.
PRINCIPLES: Mapping[str, tuple[str, ...]] = {
    "ideology": (
        "政治性是工会组织的灵魂。工会牢牢把握正确政治方向，把团结引导职工听党话、跟党走作为首要"
        "政治责任，让党的声音在职工中入脑入心。",
        "思想引领是工会工作的“生命线”。用职工喜闻乐见的形式、浅显易懂的语言，把党的创新理论送到"
        "车间班组、工地站点。",
        "把党的声音传到职工身边，是工会义不容辞的政治责任。宣讲进企业、诵读进书屋、课堂进车间，"
        "思想引领有了更多“打开方式”。",
    ),
    "culture": (
        "文化是职工的精神家园。把舞台搭到车间旁、把展览办到职工身边，让文化服务走进基层、"
        "走近职工。",
        "一场演出、一次展览、一场比赛，丰富的是生活，凝聚的是人心。各级工会创新职工文化生活形式，"
        "精彩纷呈的文体活动在全县遍地开花。",
        "职工文化是企业的软实力，也是职工的幸福感。从文化广场到职工书屋，处处涌动着职工群众的"
        "文化热情。",
    ),
    "achievement": (
        "团结动员职工在岗位上建功立业，是工会组织的时代课题。围绕全县中心工作，工会打出劳动和"
        "技能竞赛“优势牌”、职工技能提升“特色牌”。",
        "技能是职工立身之本，竞赛是人才成长之路。比技能、赛本领、争一流，岗位就是建功立业的舞台。",
        "产业发展需要技能人才，技能人才需要成长平台。工会以赛促学、以训促技，为职工搭起成长成才"
        "的阶梯。",
    ),
    "rights": (
        "依法维护职工合法权益，是工会的基本职责，也是职工对“娘家”最朴素的期待。职工有诉求，工会"
        "有回应；权益受了侵害，工会就站在职工身后。",
        "“要维权，找工会。”为职工撑腰，为职工权益发声，工会一直在行动，与多部门联动发力，走出了"
        "一条职工称赞、社会满意的维权服务路径。",
        "促进劳动关系和谐是工会关注的焦点、工作的重点。坚持维权维稳相结合，把劳动关系矛盾解决在"
        "基层、化解在萌芽状态。",
    ),
    "hardship": (
        "把困难职工的事当作自家的事，是工会人的本分。盯住职工最急最忧最盼的事，工会把常态化帮扶"
        "做强做优，让帮扶既有温度、又有力度。",
        "作为广大职工的“娘家”，工会把困难职工的冷暖放在心上。精准识别、建档立卡、分类帮扶，一户"
        "一策推动解困脱困。",
        "困难职工的急难愁盼，就是工会用心用情的方向。从建档到帮扶，从帮扶到脱困，每一步都连着职工"
        "的家。",
    ),
    "service": (
        "春送岗位、夏送清凉，工会的关爱一年四季不断线。把服务送到职工最需要的地方，是工会不变的"
        "承诺。",
        "就业是最基本的民生，关爱是最直接的服务。工会搭平台、送岗位、解难题，让职工在家门口找到"
        "机会。",
        "职工在哪里，工会的服务就跟到哪里。烈日下的工地、招聘会的展位，都有工会人忙碌的身影。",
    ),
    "stations": (
        "累了有地歇脚、渴了有水可喝、饭菜有处可热，户外劳动者有了自己的“家”。工会把服务阵地建在"
        "职工身边，服务就在职工抬脚可及的地方。",
        "阵地建在职工身边，服务送到职工心坎。工会自建与共建共享并举，服务网络越织越密。",
        "一座座驿站、一间间书屋，把服务职工的“最后一公里”变成了“零距离”。建好、管好、用好阵地，"
        "是工会服务职工的基本功。",
    ),
    "self": (
        "职工走到哪里，工会组织就建到哪里。坚持以党建带工建，把工会的触角伸进园区、楼宇和新业态，"
        "让更多职工找到“娘家”。",
        "组织覆盖到哪里，服务就延伸到哪里。聚焦新就业形态劳动者和农民工集中的领域，建会入会集中"
        "行动持续发力。",
        "把职工组织起来、把会员凝聚起来，是工会的立身之本。让更多新就业形态劳动者融入工会大家庭，"
        "是建会入会工作的着力点。",
    ),
}


# What the figures mean for the people behind them: one closes a section's first paragraph, as the
# seeds follow their figures with a sentence of effect ("职工群众的幸福感获得感显著提升").
CODAS: Mapping[str, tuple[str, ...]] = {
    "ideology": (
        "党的声音传进了车间班组，听党话、跟党走成为广大职工的自觉行动",
        "理论宣讲接地气、冒热气，职工听得懂、记得住、用得上",
    ),
    "culture": (
        "职工群众的参与热情持续高涨，精神文化生活日益丰富",
        "文化惠民、以文润心，职工的幸福感获得感不断增强",
    ),
    "achievement": (
        "比学赶超、争先创优的浓厚氛围在全县上下持续升温",
        "一批技术能手、岗位标兵在竞赛和培训中脱颖而出",
    ),
    "rights": (
        "一桩桩案件的依法化解，让职工真切感受到“娘家人”的撑腰底气",
        "劳动关系矛盾化解在基层、解决在萌芽，和谐劳动关系的基础更加牢固",
    ),
    "hardship": (
        "一件件看得见、摸得着、得实惠的实事，让困难职工感受到工会组织的温度和力度",
        "精准识别、动态管理、分类帮扶，困难职工的日子有了盼头",
    ),
    "service": (
        "岗位送到家门口，清凉送到工地上，职工的获得感实实在在",
        "从求职到酷暑，工会的服务始终在职工最需要的时候出现",
    ),
    "stations": (
        "户外劳动者歇脚有处、饮水有源、冷暖有依，阵地成了职工身边的“暖心港湾”",
        "服务阵地从“有没有”走向“好不好”，职工的满意度不断提升",
    ),
    "self": (
        "越来越多的新就业形态劳动者找到了“娘家”，工会组织的吸引力凝聚力不断增强",
        "组织建起来、会员聚起来、活动活起来，基层工会的活力不断迸发",
    ),
}


# A review of several years tells these figures from its first to its last year, per theme (one
# each: a run of "从……增加到……" reads as a table).
PROGRESSIONS: Mapping[str, tuple[tuple[str, str], ...]] = {
    "stations": (("stations.outdoor.total", "户外劳动者驿站"),),
    "hardship": (("assistance.total", "帮扶资金物资"),),
    "rights": (("activities.rights.cases", "办理维权案件"),),
    "self": (("activities.organising.new_members", "新发展会员"),),
    "achievement": (("activities.training.attendance", "职工技能培训"),),
}  # fmt: skip


def category_words(category: str) -> CategoryWords:
    """The words of a category; one the value list does not know (older data) reads as 其他."""
    return CATEGORIES.get(category, CATEGORIES["其他"])


_TOKEN_UNSAFE = re.compile(r"[\s{}]")


def _name_of(key: str, figure: Figure | None) -> str:
    if key in FACT_NAMES:
        return FACT_NAMES[key]
    label = figure.label if figure is not None else key
    return _TOKEN_UNSAFE.sub("", label) or key


def placeholder_names(facts: Facts) -> dict[str, str]:
    """Placeholder name → catalogue key for every figure of the year, unique and stable."""
    names: dict[str, str] = {}
    for key, figure in facts.items():
        name = _name_of(key, figure)
        if name in names and names[name] != key:
            name = f"{name}（{key}）"  # two catalogue labels alike: the key keeps them apart
        names[name] = key
    return names


def _unit_of(key: str, figure: Figure) -> str:
    """The prose unit of a key, the same wherever the figure appears (placeholders included):
    people served by a programme are counted in 名 ("4092名环卫工人")."""
    if key == "assistance.education.students" or (
        key.startswith("activities.featured.") and key.endswith(".participants")
    ):
        return "名"
    return figure.unit


def _number(value: int | Decimal) -> int | Decimal:
    return value if isinstance(value, Decimal) else int(value)


def fact_for(
    facts: Facts,
    key: str,
    label: str = "",
    *,
    compare: bool = True,
    parts: Sequence[Fact | None] = (),
    together: Sequence[Fact | None] = (),
    names: Mapping[str, str] | None = None,
    period: Period | None = None,
) -> Fact | None:
    """The narrative Fact of a catalogue figure, or None when the year has no such figure.

    A year is compared with the year before ("比上年"). A review of several years speaks of the
    period: a stock (在档, 累计建成) is compared with the day before the period began ("比2022年
    底"), a flow (新建, 服务人次) is not compared at all, since the years before the period are
    not "last year" and a period of equal length before it is no natural measure."""
    figure = facts.get(key)
    if figure is None:
        return None
    previous = figure.previous if compare else None
    basis = "上年"
    if period is not None and not period.is_single_year:
        basis = f"{period.first_year - 1}年底"
        if not figure.at_end:
            previous = None
    name = names.get(key) if names is not None else None
    style = None
    if period is not None and not period.is_single_year and _is_period_total(key, figure):
        style = _period_style(figure)
    return Fact(
        key=key,
        value=_number(figure.value),
        unit=_unit_of(key, figure),
        label=label,
        previous=_number(previous) if previous is not None else None,
        basis=basis,
        parts=tuple(p for p in parts if p is not None),
        together=tuple(t for t in together if t is not None),
        name=name or _name_of(key, figure),
        style=style,
    )


# A review of several years gives its totals as the articles do: "帮扶和带动4900余户近1万人",
# "投入资金713万余元". Money is cut (never overstated) to whole 万元 from 100万元, to one decimal
# below ("1.8万余元"); a count of 1,000 or more is given to two significant digits with 余/近.
# Stocks at the period end stay exact.
PERIOD_MONEY_STYLE = NumberStyle(Approx.FLOOR, 0)
PERIOD_SMALL_MONEY_STYLE = NumberStyle(Approx.FLOOR, 1)
WHOLE_WAN_FROM = 1_000_000
PERIOD_COUNT_STYLE = NumberStyle(Approx.MARKED, 1, small_sig=2)
PERIOD_ROUNDED_FROM = 1000


def _is_period_total(key: str, figure: Figure) -> bool:
    # Single years of the review and single activities are figures of their own, not totals.
    return not (figure.at_end or key.startswith(("years.", "activities.featured.")))


def _period_style(figure: Figure) -> NumberStyle | None:
    if figure.unit == "元":
        if figure.value < 10_000:
            return None
        return PERIOD_MONEY_STYLE if figure.value >= WHOLE_WAN_FROM else PERIOD_SMALL_MONEY_STYLE
    # Visits keep the writer's own style (40.3万人次): a decimal 万 figure already reads as rounded.
    if figure.unit in ("%", "人次") or figure.value < PERIOD_ROUNDED_FROM:
        return None
    return PERIOD_COUNT_STYLE


def placeholder_values(facts: Facts, period: Period | None = None) -> dict[str, str]:
    """Current text of every placeholder a clerk may use: "{驿站总数}" → "196家", and each
    "{…同比}" → "比上年增长12.9%" (in a review of several years "比2022年底增加96家", stocks
    only) where a sound comparison exists."""
    values: dict[str, str] = {}
    for name, key in placeholder_names(facts).items():
        fact = fact_for(facts, key, names={key: name}, period=period)
        if fact is None or fact.value is None:
            continue
        values[name] = figure_text(fact)
        change = change_text(fact)
        if change is not None:
            values[name + CHANGE_SUFFIX] = change
    return values


class _Builder:
    def __init__(self, figures: YearFigures) -> None:
        self.figures = figures
        self.facts = figures.facts()
        self.names = {key: name for name, key in placeholder_names(self.facts).items()}
        self.period = figures.period
        self.multi_year = not figures.period.is_single_year
        self.featured_sums = self._featured_sums()

    def f(self, key: str, label: str = "", **kwargs: Any) -> Fact | None:
        fact = fact_for(self.facts, key, label, names=self.names, period=self.period, **kwargs)
        if fact is not None and fact.value == self.featured_sums.get(key):
            return None  # the featured activities' own sentence already says it, in full
        return fact

    def own(self, key: str) -> Fact | None:
        """A featured activity's own figure: never compared, never left out for the sums."""
        return fact_for(self.facts, key, names=self.names, compare=False)

    def _featured_sums(self) -> dict[str, int | Decimal]:
        """Category totals that the featured activities make up on their own."""
        sums: dict[str, int | Decimal] = {}
        for a in self.figures.current.activities.featured:
            slug = ACTIVITY_SLUGS.get(a.category, a.category)
            for suffix, value in (
                ("count", 1),
                ("participants", a.participants or 0),
                ("reach", a.person_times or 0),
                ("money", a.money),
                ("cash", a.cash),
                ("households", a.households_benefited or 0),
            ):
                key = f"activities.{slug}.{suffix}"
                sums[key] = sums.get(key, 0) + value
        return sums

    def category(self, category: str) -> list[Fact]:
        """A category's count with either its 人次 or its people (never both: they overlap)."""
        words = category_words(category)
        slug = category_slug(category)
        out = [self.f(f"activities.{slug}.count", words.count)]
        reach = self.f(f"activities.{slug}.reach", words.reach) if words.reach else None
        if reach is not None and reach.present:
            out.append(reach)
        elif words.participants:
            out.append(self.f(f"activities.{slug}.participants", words.participants))
        if words.money:
            out.append(self.f(f"activities.{slug}.money", words.money))
        return [f for f in out if f is not None]

    def facts_of(self, category: str) -> list[Fact]:
        """The figures of a category: its own (cases, 工种, 期数 …) where it has them."""
        special = {
            "劳动和技能竞赛": lambda: [
                self.f("activities.competition.count", "组织劳动和技能竞赛{}"),
                self.f("activities.competition.trades", "涵盖{}工种"),
                self.f("activities.competition.entrants", "参赛职工{}"),
            ],
            "职工技能培训": lambda: [
                self.f("activities.training.sessions", "举办职工技能培训{}"),
                self.f("activities.training.attendance", "培训职工{}"),
            ],
            "法律援助与维权": lambda: [
                self.f("activities.rights.cases", "办理职工法律援助和维权案件{}"),
                self.f("activities.rights.recovered", "为职工挽回经济损失{}"),
            ],
            "建会入会": lambda: [
                self.f("activities.organising.new_unions", "新建基层工会组织{}"),
                self.f(
                    "activities.organising.new_members",
                    "新发展工会会员{}",
                    parts=[self.f("activities.organising.new_migrant_members", "农民工会员{}")],
                ),
            ],
        }
        build = special.get(category)
        found = build() if build is not None else self.category(category)
        return [f for f in found if f is not None]

    def bullets_of(self, theme: str, lead: str) -> tuple[Bullet, ...]:
        """A "——" bullet for every other category told in the theme, in value-list order."""
        return tuple(
            Bullet(category_slug(c), category_words(c).claim, _led(self.bullet_facts(c), c))
            for c in vocab.ACTIVITY_CATEGORIES
            if c != lead and category_words(c).theme == theme and c not in PROGRAMME_CATEGORIES
        )

    def bullet_facts(self, category: str) -> list[Fact]:
        """A bullet names the work and gives whom it reached ("开展“安康杯”等劳动保护活动，覆盖
        职工1.6万人次"): the count of events is left to the tables, a bullet's figures are few.
        Categories with figures of their own (期数, 工种 …) keep them all."""
        facts = self.facts_of(category)
        words = category_words(category)
        if not words.count or len(facts) < 2 or not facts[0].key.endswith(".count"):
            return facts
        reach = facts[1]  # the count of events (facts[0]) is left to the tables
        named = words.count.replace("{}", "") + "，" + reach.label
        return [dataclasses.replace(reach, label=named), *facts[2:]]

    def category_theme(self, key: str, lead: str, claims: Sequence[str]) -> Theme:
        """A theme told from its activity categories: the lead's figures, then one bullet each."""
        return self._theme(
            key, facts=self.facts_of(lead), claims=claims, bullets=self.bullets_of(key, lead)
        )

    # Themes ------------------------------------------------------------------------------

    def hardship(self) -> Theme:
        lifted = self.f(
            "households.lifted",
            "帮助{}在档困难职工解困脱困",
            together=[self.f("households.lifted_persons")],
        )
        # Of the sources, the one the seeds name: what society gave beside the union's own funds.
        total = self.f(
            "assistance.total",
            "发放帮扶资金物资{}",
            parts=[self.f("assistance.source.donations.total", "社会捐助{}", compare=False)],
        )
        categories = [
            self.f(f"assistance.category.{slug}.total", f"发放{name}资金{{}}")
            for slug, name in (
                ("living", "生活救助"),
                ("medical", "医疗救助"),
                ("temporary", "临时救助"),
                ("employment", "就业帮扶"),
            )
        ]
        # Families on file are counted once; without 送温暖 records in the files the activities
        # can only say how many visits were made (户次).
        warmth = self.f("assistance.warmth.households")
        if warmth is None or not warmth.present:
            warmth = self.f("assistance.warmth.activities.households")
        programmes = (
            Programme(
                "education",
                "“金秋助学”活动",
                "发放助学金",
                "困难职工子女",
                money=self.f("assistance.education.money"),
                people=self.f("assistance.education.students"),
            ),
            Programme(
                "warmth",
                "“送温暖”活动",
                "送去慰问",
                "困难职工家庭",
                money=self.f("assistance.warmth.money"),
                people=warmth,
            ),
        )
        return self._theme(
            "hardship",
            # Files opened in the year are a clerk's count, not a family helped: they stay in
            # the appendix table, and the prose tells who was helped and lifted.
            facts=[
                f
                for f in (
                    lifted,
                    self.f("assistance.households", "帮扶困难职工家庭{}"),
                    total,
                    # A review of several years tells what the period did, as seed 004 does;
                    # the files left at its end are in the appendix table.
                    None if self.multi_year else self.f("households.filed", "期末在档困难职工{}"),
                )
                if f is not None
            ],
            claims=("困难职工帮扶工作扎实推进", "常态化帮扶机制不断完善"),
            programmes=programmes,
            bullets=(
                Bullet(
                    "categories",
                    "分类施策、精准帮扶",
                    tuple(_largest([c for c in categories if c is not None and c.present], 1)),
                ),
            ),
        )

    def new_and_total(self, slug: str, new_label: str, total_label: str) -> list[Fact | None]:
        """New this period and the cumulative count; all new → only the new count is said."""
        new = self.f(f"stations.{slug}.new", new_label)
        total = self.f(f"stations.{slug}.total", total_label)
        if new is not None and total is not None and new.value == total.value:
            return [new]
        if new is not None and total is not None and total.previous is not None:
            if total.value - total.previous == new.value:
                # "新建26家，累计建成129家，比上年增加26家" says the new ones twice.
                total = self.f(f"stations.{slug}.total", total_label, compare=False)
        return [new, total]

    def stations(self) -> Theme:
        span = "累计建成{}" if not self.multi_year else "期末累计建成{}"
        outdoor = (
            *self.new_and_total("outdoor", "新建户外劳动者驿站{}", span),
            self.f("stations.outdoor.visits", "服务户外劳动者{}"),
        )
        # The 驿站 network is the story; of the other kinds of station the first few that have
        # any are said, the rest stay in the appendix table (a list of every kind reads as one).
        others = [
            f
            for f in (
                self.f("stations.service_centre.total", "职工服务中心（站、点）达到{}"),
                *self.new_and_total("book_house", "新建职工书屋{}", "职工书屋达到{}"),
                self.f("stations.mother_room.total", "建成爱心妈妈小屋{}"),
                self.f("stations.legal_aid.total", "设立职工法律援助工作站{}"),
                self.f("stations.breakfast.total", "设立“爱心早餐”供应点{}"),
            )
            if f is not None and f.present
        ]
        told = 1 if self.multi_year else 0
        return self._theme(
            "stations",
            # A review's 驿站 progression takes one of the places the other kinds would have.
            facts=[*(f for f in outdoor if f is not None), *others[: MAX_OTHER_STATIONS - told]],
            claims=("职工服务阵地建设持续推进", "服务职工的阵地网络进一步织密"),
            bullets=(Bullet("honours", "品牌创建亮点纷呈", tuple(self.honours())),),
        )

    def honours(self) -> list[Fact]:
        """Titles the stations' records hold (awarded in the period, or standing), and the
        12351 hotline; the activity log keeps no honours, so none are claimed for activities."""
        out = []
        for key in sorted(self.facts, key=_honour_rank):
            title = key.rpartition(".")[2]
            if key.startswith("stations.honours.awarded."):
                out.append(self.f(key, f"{{}}阵地获评“{title}”", compare=False))
            elif key.startswith("stations.honours.held."):
                out.append(self.f(key, f"“{title}”{{}}", compare=False))
        told = [f for f in out if f is not None][:MAX_HONOURS]
        hotline = self.f("stations.hotline.total", "12351职工服务热线延伸到{}服务阵地")
        return [*told, *([hotline] if hotline is not None else [])]

    def _theme(
        self,
        key: str,
        *,
        facts: Sequence[Fact],
        claims: Sequence[str],
        programmes: Sequence[Programme] = (),
        bullets: Sequence[Bullet] = (),
    ) -> Theme:
        spec = next(s for s in THEME_SPECS if s.key == key)
        stories, featured = self.featured_in(key)
        progressions = tuple(
            p for k, label in PROGRESSIONS.get(key, ()) if (p := self.progression(k, label))
        )
        # A stock's rise "从2023年底的73家增加到2025年底的129家" already ends on the period's
        # closing figure: "期末累计建成129家" beside it would say it twice.
        ending = {
            p.key.removeprefix("years.")
            for p in progressions
            if "年底" in p.when and (p.last.value or 0) > (p.first.value or 0)
        }
        return Theme(
            key=key,
            heading=spec.article_heading,
            topic=spec.topic,
            claims=tuple(claims),
            facts=tuple(f for f in facts if f.key not in ending),
            programmes=(*programmes, *featured),
            bullets=tuple(bullets),
            principles=PRINCIPLES.get(key, ()),
            codas=CODAS.get(key, ()),
            stories=tuple(stories),
            progressions=progressions,
        )

    def progression(self, key: str, label: str) -> Progression | None:
        """The figure's first and last year of a review of several years, else None."""
        if not self.multi_year:
            return None
        first, last = self.period.first_year, self.period.last_year
        a = self.own(f"years.{first}.{key}")
        b = self.own(f"years.{last}.{key}")
        if a is None or b is None:
            return None
        at_end = self.facts[f"years.{last}.{key}"].at_end
        when = "{}年底" if at_end else "{}年"
        return Progression(f"years.{key}", label, first, last, a, b, when)

    def featured_in(self, theme: str) -> tuple[list[Story], list[Programme]]:
        """The theme's featured activities: told as stories where the 内容摘要 holds one (at most
        MAX_STORIES_PER_THEME), the rest as one programme sentence each, unless the stories
        already fill the section (a list of single figures after them adds nothing)."""
        stories: list[Story] = []
        programmes: list[Programme] = []
        for a in told_featured(self.figures, theme):
            prefix = f"activities.featured.{a.id}."
            keys = tuple(k for k in self.facts if k.startswith(prefix))
            # The first story of a theme carries its figure; the next is told for its scene, so
            # two stories side by side do not read as two more figures (the seeds' density).
            figures = MAX_STORY_FIGURES if not stories else 0
            story = (
                story_of(a, self.own, keys, figures)
                if len(stories) < MAX_STORIES_PER_THEME
                else None
            )
            if story is not None:
                stories.append(dataclasses.replace(story, topic=category_words(a.category).topic))
            else:
                programmes.append(self.programme(a))
        if len(stories) == MAX_STORIES_PER_THEME:
            programmes = []
        if len(stories) + len(programmes) > 1:  # among others, each says a little
            programmes = [dataclasses.replace(p, max_figures=FEATURED_FIGURES) for p in programmes]
        return stories, programmes

    def programme(self, a: FeaturedActivity) -> Programme:
        words = category_words(a.category)
        prefix = f"activities.featured.{a.id}"
        people = None
        if a.category == "送温暖":
            people = self.own(f"{prefix}.households")
        if people is None or not people.present:
            people = self.own(f"{prefix}.participants")
        return Programme(
            key=prefix,
            name=quoted(a.name),
            action=words.action,
            beneficiaries=words.who,
            money=self.own(f"{prefix}.money"),
            people=people,
            reach=self.own(f"{prefix}.reach"),
        )


MAX_HONOURS = 2  # the highest titles; every title stays in `stats` and its JSON
MAX_OTHER_STATIONS = 2  # figures of stations other than the 驿站 told in the prose
# Titles by level, highest first: 全总/全国, then 省, then 市, then any other.
_HONOUR_LEVELS = ("全总", "全国", "省", "市")


def _honour_rank(key: str) -> tuple[int, int, str]:
    title = key.rpartition(".")[2]
    level = next((i for i, word in enumerate(_HONOUR_LEVELS) if title.startswith(word)), 9)
    return (level, 0 if ".awarded." in key else 1, key)


def _led(facts: Sequence[Fact], category: str) -> tuple[Fact, ...]:
    """The bullet's figures, the first one's label led by how the work was done."""
    how = category_words(category).how
    if not facts or not how:
        return tuple(facts)
    first = facts[0]
    return (dataclasses.replace(first, label=how + first.label), *facts[1:])


def _largest(facts: Sequence[Fact], n: int) -> list[Fact]:
    """The n largest figures, in their given order."""
    keep = {f.key for f in sorted(facts, key=lambda f: f.value or 0, reverse=True)[:n]}
    return [f for f in facts if f.key in keep]


# Categories told as the hardship theme's programmes, not as bullets of their own.
PROGRAMME_CATEGORIES = frozenset({"送温暖", "金秋助学"})
MAX_FEATURED_PER_THEME = 3  # more single sentences in a row read like a list, not an article
MAX_STORIES_PER_THEME = 2
FEATURED_FIGURES = 2  # one of several featured activities states at most two figures


def featured_theme(activity: FeaturedActivity) -> str:
    return category_words(activity.category).theme


def told_featured(figures: YearFigures, theme: str | None = None) -> list[FeaturedActivity]:
    """The featured activities that get a sentence of their own: per theme the largest by money,
    then 人次, then people, one per name (a series of sessions is told once), each category of
    the theme first once before any category twice (two 送清凉 stories side by side read alike)."""
    by_theme: dict[str, list[FeaturedActivity]] = {}
    for a in figures.current.activities.featured:
        by_theme.setdefault(featured_theme(a), []).append(a)
    out: list[FeaturedActivity] = []
    for key, items in by_theme.items():
        if theme is not None and key != theme:
            continue
        items.sort(key=lambda a: (a.money, a.person_times or 0, a.participants or 0), reverse=True)
        unique = list({a.name: a for a in reversed(items)}.values())[::-1]  # largest of each name
        seen: dict[str, int] = {}
        ranked = []
        for a in unique:
            ranked.append((seen.get(a.category, 0), len(ranked), a))
            seen[a.category] = seen.get(a.category, 0) + 1
        kept = [a for _, _, a in sorted(ranked, key=lambda r: r[:2])][:MAX_FEATURED_PER_THEME]
        out += sorted(kept, key=lambda a: a.start_date)
    return out


def build_themes(figures: YearFigures) -> tuple[Theme, ...]:
    """The summary's themes in reading order (THEME_SPECS); empty ones are still returned and
    vanish when written (Writer.theme returns None)."""
    b = _Builder(figures)
    return (
        b.category_theme(
            "ideology", "思想引领", ("职工思想政治引领不断加强", "党的创新理论在职工中落地生根")
        ),
        b.category_theme("culture", "职工文化", ("职工文化生活丰富多彩", "职工文体活动蓬勃开展")),
        b.category_theme(
            "achievement",
            "劳动和技能竞赛",
            ("劳动和技能竞赛广泛深入开展", "职工建功立业热情持续高涨"),
        ),
        b.category_theme(
            "rights", "法律援助与维权", ("职工合法权益得到有效维护", "维权服务机制不断完善")
        ),
        b.hardship(),
        b.category_theme(
            "service", "春送岗位/就业服务", ("就业服务精准有效", "春送岗位助力职工就业")
        ),
        b.stations(),
        b.category_theme(
            "self", "建会入会", ("基层工会组织覆盖面不断扩大", "建会入会工作成效明显")
        ),
    )


def category_slug(category: str) -> str:
    return ACTIVITY_SLUGS.get(category, category)
