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
from reports.narrative_facts import FACT_NAMES, Bullet, Fact, Programme, Theme

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


# Every category of the value list, in the theme it is told in. The seeds file 书画展 and 文体活动
# under 职工文化, 招聘会 under 就业服务, 安康杯 under 和谐劳动关系; 送温暖 and 金秋助学 are the
# hardship programmes (their figures come from both ledgers, see ProgrammeFigures).
CATEGORIES: Mapping[str, CategoryWords] = {
    "思想引领": CategoryWords(
        "ideology", "开展宣讲诵读", "职工", "组织宣讲、诵读等思想引领活动{}",
        reach="覆盖职工{}", participants="参与职工{}",
    ),
    "职工文化": CategoryWords(
        "culture", "送去文化服务", "职工", "举办文艺汇演、书画摄影展、运动会等职工文化活动{}",
        reach="惠及职工{}", participants="参与职工{}", money="投入资金{}",
    ),
    "劳动和技能竞赛": CategoryWords("achievement", "组织竞赛", "职工"),
    "职工技能培训": CategoryWords(
        "achievement", "开展技能培训", "职工", claim="职工技能素质不断提升"
    ),
    "劳模工匠": CategoryWords(
        "achievement", "开展劳模工匠服务", "职工", "开展劳模工匠选树宣传活动{}",
        reach="覆盖职工{}", participants="参与职工{}",
        claim="劳模精神、劳动精神、工匠精神广泛弘扬",
    ),
    "法律援助与维权": CategoryWords("rights", "提供法律服务", "职工"),
    "劳动保护(安康杯)": CategoryWords(
        "rights", "开展劳动保护服务", "职工", "开展“安康杯”等劳动保护活动{}",
        reach="覆盖职工{}", participants="参与职工{}", claim="劳动保护工作扎实开展",
    ),
    "送温暖": CategoryWords("hardship", "送去慰问", "困难职工"),
    "金秋助学": CategoryWords("hardship", "发放助学金", "困难职工子女"),
    "春送岗位/就业服务": CategoryWords(
        "service", "提供就业服务", "求职职工", "举办招聘会等就业服务活动{}",
        reach="服务求职职工{}", participants="参与职工{}",
    ),
    "夏送清凉": CategoryWords(
        "service", "送去清凉", "一线职工", "开展夏送清凉活动{}", reach="慰问一线职工{}",
        participants="慰问一线职工{}", money="投入资金物资{}", claim="夏送清凉把关爱送到一线",
    ),
    "疫情防控": CategoryWords(
        "service", "开展防疫服务", "职工", "开展疫情防控服务活动{}", reach="服务职工{}",
        participants="参与职工{}", claim="疫情防控工作有力有序",
    ),
    "其他": CategoryWords(
        "service", "提供服务", "职工", "开展心理关爱、普惠服务等关爱职工活动{}",
        reach="服务职工{}", participants="参与职工{}", claim="关爱职工服务贴心暖心",
    ),
    "建会入会": CategoryWords("self", "开展入会服务", "职工"),
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
    )


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
                self.f("activities.training.money", "投入培训资金{}"),
            ],
            "法律援助与维权": lambda: [
                self.f("activities.rights.cases", "办理职工法律援助和维权案件{}"),
                self.f("activities.rights.recovered", "为职工挽回经济损失{}"),
                self.f("activities.rights.count", "开展普法维权活动{}"),
            ],
            "建会入会": lambda: [
                self.f("activities.organising.new_unions", "新建基层工会组织{}"),
                self.f(
                    "activities.organising.new_members",
                    "新发展工会会员{}",
                    parts=[self.f("activities.organising.new_migrant_members", "农民工会员{}")],
                ),
                self.f("activities.organising.count", "开展建会入会集中行动{}"),
            ],
        }
        build = special.get(category)
        found = build() if build is not None else self.category(category)
        return [f for f in found if f is not None]

    def bullets_of(self, theme: str, lead: str) -> tuple[Bullet, ...]:
        """A "——" bullet for every other category told in the theme, in value-list order."""
        return tuple(
            Bullet(category_slug(c), category_words(c).claim, tuple(self.facts_of(c)))
            for c in vocab.ACTIVITY_CATEGORIES
            if c != lead and category_words(c).theme == theme and c not in PROGRAMME_CATEGORIES
        )

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
        sources = [
            self.f(f"assistance.source.{slug}.total", f"{name}{{}}", compare=False)
            for slug, name in (
                ("central", "中央财政"),
                ("provincial", "省财政"),
                ("local", "市县财政"),
                ("upper_union", "上级工会拨款"),
                ("union_funds", "本级工会经费"),
                ("donations", "社会捐助"),
            )
        ]
        total = self.f(
            "assistance.total",
            "发放帮扶资金物资{}",
            parts=sources if sum(1 for s in sources if s and s.present) > 1 else (),
        )
        categories = [
            self.f(f"assistance.category.{slug}.total", f"{name}{{}}")
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
            facts=[
                f
                for f in (
                    self.f("households.new", "新建困难职工档案{}"),
                    lifted,
                    self.f(
                        "assistance.households",
                        "帮扶困难职工家庭{}",
                        together=[self.f("assistance.times")],
                    ),
                    total,
                    self.f(
                        "households.filed",
                        "期末在档困难职工{}",
                        together=[self.f("households.filed_persons")],
                    ),
                )
                if f is not None
            ],
            claims=("困难职工帮扶工作扎实推进", "常态化帮扶机制不断完善"),
            programmes=programmes,
            bullets=(
                Bullet("categories", "分类施策、精准帮扶", tuple(c for c in categories if c)),
            ),
        )

    def new_and_total(self, slug: str, new_label: str, total_label: str) -> list[Fact | None]:
        """New this period and the cumulative count; all new → only the new count is said."""
        new = self.f(f"stations.{slug}.new", new_label)
        total = self.f(f"stations.{slug}.total", total_label)
        if new is not None and total is not None and new.value == total.value:
            return [new]
        return [new, total]

    def stations(self) -> Theme:
        span = "累计建成{}" if not self.multi_year else "期末累计建成{}"
        return self._theme(
            "stations",
            facts=[
                f
                for f in (
                    *self.new_and_total("outdoor", "新建户外劳动者驿站{}", span),
                    self.f("stations.outdoor.visits", "服务户外劳动者{}"),
                    *self.new_and_total(
                        "service_centre",
                        "新建职工服务中心（站、点）{}",
                        "职工服务中心（站、点）达到{}",
                    ),
                    *self.new_and_total("book_house", "新建职工书屋{}", "职工书屋达到{}"),
                    self.f("stations.mother_room.total", "建成爱心妈妈小屋{}"),
                    self.f("stations.legal_aid.total", "设立职工法律援助工作站{}"),
                    self.f("stations.breakfast.total", "设立“爱心早餐”供应点{}"),
                )
                if f is not None
            ],
            claims=("职工服务阵地建设持续推进", "服务职工的阵地网络进一步织密"),
        )

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
        featured = tuple(self.featured_in(key))
        return Theme(
            key=key,
            heading=spec.article_heading,
            topic=spec.topic,
            claims=tuple(claims),
            facts=tuple(facts),
            programmes=(*programmes, *featured),
            bullets=tuple(bullets),
        )

    def featured_in(self, theme: str) -> list[Programme]:
        return [self.programme(a) for a in told_featured(self.figures, theme)]

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


# Categories told as the hardship theme's programmes, not as bullets of their own.
PROGRAMME_CATEGORIES = frozenset({"送温暖", "金秋助学"})
MAX_FEATURED_PER_THEME = 4  # more single sentences in a row read like a list, not an article


def quoted(name: str) -> str:
    """“名称”, with quotes inside turned into ‘’ as Chinese nesting wants."""
    if name.startswith("《") and name.endswith("》"):
        return name
    inner = name.strip('“”"').replace("“", "‘").replace("”", "’")
    return f"“{inner}”"


def featured_theme(activity: FeaturedActivity) -> str:
    return category_words(activity.category).theme


def told_featured(figures: YearFigures, theme: str | None = None) -> list[FeaturedActivity]:
    """The featured activities that get a sentence of their own: per theme the largest by money,
    then 人次, then people, one per name (a series of sessions is told once)."""
    by_theme: dict[str, list[FeaturedActivity]] = {}
    for a in figures.current.activities.featured:
        by_theme.setdefault(featured_theme(a), []).append(a)
    out: list[FeaturedActivity] = []
    for key, items in by_theme.items():
        if theme is not None and key != theme:
            continue
        items.sort(key=lambda a: (a.money, a.person_times or 0, a.participants or 0), reverse=True)
        names: set[str] = set()
        kept = []
        for a in items:
            if a.name in names:
                continue
            names.add(a.name)
            kept.append(a)
            if len(kept) == MAX_FEATURED_PER_THEME:
                break
        out += sorted(kept, key=lambda a: a.start_date)
    return out


def build_themes(figures: YearFigures) -> tuple[Theme, ...]:
    """The summary's themes in reading order (THEME_SPECS); empty ones are still returned and
    vanish when written (Writer.theme returns None)."""
    b = _Builder(figures)
    return (
        b.category_theme(
            "ideology", "思想引领", ("职工思想政治引领不断加强", "党的创新理论走近职工身边")
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
