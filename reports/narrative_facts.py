"""Plain inputs of the year-end narrative: frozen Fact, Programme, Bullet, Theme; fact names."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from reports.numbers_zh import NumberStyle

__all__ = [
    "FACT_NAMES",
    "MONEY_UNIT",
    "PERCENT_UNIT",
    "SLOT",
    "Bullet",
    "Fact",
    "Programme",
    "Progression",
    "Story",
    "Theme",
]

MONEY_UNIT = "元"  # every money Fact holds 元 as Decimal; 万元/亿元 is a prose decision
PERCENT_UNIT = "%"  # a rate in percent; compared in 个百分点, not in percent of percent
SLOT = "{}"  # where the figure goes in a label: "帮助{}实现解困脱困"

# Placeholder names ("{驿站总数}") for the figures the statistics layer is expected to hand over.
# Keys are the statistics layer's; a Fact can also carry its own `name`. Names must be unique:
# they are what a clerk's edited paragraph keeps to refresh figures later.
FACT_NAMES: Mapping[str, str] = {
    # 困难职工档案
    "households.filed": "在档困难职工户数",
    "households.filed_persons": "在档困难职工人数",
    "households.new": "新建档户数",
    "households.lifted": "解困脱困户数",
    "households.lifted_persons": "解困脱困人数",
    "households.new_persons": "新建档人数",
    "households.closed": "销档户数",
    "assistance.households": "帮扶户数",
    "assistance.times": "帮扶户次",
    "assistance.cash": "帮扶资金",
    "assistance.in_kind": "实物折价",
    "assistance.total": "帮扶资金物资合计",
    "assistance.education.students": "助学人数",
    "assistance.education.money": "助学金",
    "assistance.warmth.households": "送温暖户数",
    "assistance.warmth.money": "送温暖资金",
    # 服务阵地
    "stations.all.total": "服务阵地总数",
    "stations.outdoor.new": "新建驿站数",
    "stations.outdoor.total": "驿站总数",
    "stations.outdoor.visits": "驿站服务人次",
    "stations.service_centre.total": "职工服务中心站点数",
    "stations.service_centre.new": "新建职工服务中心站点数",
    "stations.book_house.new": "新建职工书屋数",
    "stations.book_house.total": "职工书屋总数",
    "stations.mother_room.total": "爱心妈妈小屋数",
    "stations.legal_aid.total": "法律援助工作站数",
    "stations.breakfast.total": "爱心早餐供应点数",
    # 活动台账
    "activities.total": "活动场次",
    "activities.participants": "参与人数",
    "activities.reach": "覆盖人次",
    "activities.cash": "活动现金投入",
    "activities.money": "活动投入资金",
    "activities.rights.cases": "维权案件数",
    "activities.rights.recovered": "挽回经济损失",
    "activities.organising.new_unions": "新建工会数",
    "activities.organising.new_members": "新发展会员数",
    "activities.organising.new_migrant_members": "新发展农民工会员数",
    "activities.competition.trades": "竞赛工种数",
    "activities.competition.entrants": "参赛人数",
    "activities.training.sessions": "培训期数",
    "activities.training.attendance": "培训人次",
    "activities.jobs.count": "就业服务活动场次",
    "activities.jobs.reach": "就业服务人次",
    "activities.cooling.money": "夏送清凉资金",
    "activities.cooling.reach": "夏送清凉覆盖人次",
}

_NAME_RE = re.compile(r"[^{}\s]+")


Number = int | Decimal


@dataclass(frozen=True)
class Fact:
    """One figure: what it counts (`label`, with `{}` where the number goes, else it follows),
    its unit, the value it is compared with and what that value is (`basis`: "上年", or
    "2022年底" in a review of 2023–2025), 其中 parts and figures sharing the clause.

    `together` members share this fact's label and are joined with 、: a Fact(label="帮助{}实现
    解困脱困", unit="户") with a together member in 人 reads "帮助1573户、5661人实现解困脱困".
    A value of None (missing) or 0 means "say nothing": the clause is left out.
    """

    key: str
    value: Number | None
    unit: str
    label: str = ""
    previous: Number | None = None
    basis: str = "上年"
    parts: tuple[Fact, ...] = ()
    together: tuple[Fact, ...] = ()
    name: str | None = None
    style: NumberStyle | None = None

    def __post_init__(self) -> None:
        if not self.key:
            raise ValueError("a Fact needs a key: it is how the report cites its source")
        for figure in (self.value, self.previous):
            if isinstance(figure, bool | float):
                # Floats misstate money and counts alike; bool is an int by accident.
                raise TypeError(f"{self.key}: use int or Decimal, got {figure!r}")
            if figure is not None and figure < 0:
                raise ValueError(f"{self.key}: a figure in prose is never negative ({figure})")
        if self.name is not None and not _NAME_RE.fullmatch(self.name):
            raise ValueError(f"{self.key}: placeholder name {self.name!r} has braces or spaces")
        if self.label.count(SLOT) > 1:
            raise ValueError(f"{self.key}: a label has at most one {SLOT} slot")

    @property
    def falls(self) -> bool:
        """True when the figure is below the one it is compared with (a decline)."""
        return self.value is not None and self.previous is not None and self.value < self.previous

    @property
    def present(self) -> bool:
        """True when there is something to say: a value that is neither missing nor zero."""
        return self.value is not None and self.value != 0

    def walk(self) -> Iterator[Fact]:
        """This fact, its together members and its 其中 parts, depth first."""
        yield self
        for member in self.together:
            yield from member.walk()
        for part in self.parts:
            yield from part.walk()


@dataclass(frozen=True)
class Programme:
    """A single activity flagged 写入年度总结, told as one sentence: money spent, people reached,
    service given, visits and sites ("投入406.8万元为4092名环卫工人提供免费早餐40.3万人次").

    `action` is the verb phrase ("提供免费早餐"), `beneficiaries` who is served ("环卫工人");
    `sites` is a Fact whose label says what was set up ("设立{}“爱心早餐”供应点").
    """

    key: str
    name: str
    action: str
    beneficiaries: str
    money: Fact | None = None
    people: Fact | None = None
    reach: Fact | None = None
    sites: Fact | None = None
    partner: str = ""  # e.g. "联合": said before 投入 when the money was raised jointly
    # Visits are left out once money and people reach this many figures (None: no limit): a
    # single activity among the section's stories needs no more than two.
    max_figures: int | None = None

    def facts(self) -> tuple[Fact, ...]:
        return tuple(f for f in (self.sites, self.money, self.people, self.reach) if f is not None)

    def walk(self) -> Iterator[Fact]:
        for fact in self.facts():
            yield from fact.walk()


@dataclass(frozen=True)
class Progression:
    """A figure's first and last year of a review ("驿站从2023年底的76家增加到2025年底的129家").
    Told only as a rise: a fall is no achievement (see Writer). `label` names what is counted;
    `when` says how a year is named ("{}年" or "{}年底" for a stock)."""

    key: str
    label: str
    first_year: int
    last_year: int
    first: Fact
    last: Fact
    when: str = "{}年"

    def walk(self) -> Iterator[Fact]:
        yield self.first
        yield self.last


@dataclass(frozen=True)
class Story:
    """A featured activity retold from its 内容摘要: literal text with the activity's own figures
    in place ("8月13日，南关街道总工会……为职工挽回经济损失", Fact, "。"). The text carries its own
    punctuation; every figure is a Fact, so the story is cited like any other sentence."""

    key: str
    pieces: tuple[str | Fact, ...]
    # The programme the story tells ("“安康杯”竞赛"), as a closing line after it names it; empty
    # when the activity belongs to none a closing could name.
    topic: str = ""

    def walk(self) -> Iterator[Fact]:
        for piece in self.pieces:
            if isinstance(piece, Fact):
                yield from piece.walk()


@dataclass(frozen=True)
class Bullet:
    """A "——" paragraph: a short claim followed by its figures."""

    key: str
    claim: str
    facts: tuple[Fact, ...] = ()

    def walk(self) -> Iterator[Fact]:
        for fact in self.facts:
            yield from fact.walk()


@dataclass(frozen=True)
class Theme:
    """One themed section: heading line, claim phrases (or a `topic` to draw stock claims from),
    principles (one opens the section before its figures), codas (one closes its figures), the
    figures, stories, programmes and
    "——" bullets. `key` is stable: it seeds the phrasing choice."""

    key: str
    heading: str
    topic: str = ""
    claims: tuple[str, ...] = ()
    facts: tuple[Fact, ...] = ()
    programmes: tuple[Programme, ...] = ()
    bullets: tuple[Bullet, ...] = ()
    principles: tuple[str, ...] = ()
    codas: tuple[str, ...] = ()  # a sentence of effect closing the first paragraph of figures
    stories: tuple[Story, ...] = ()
    progressions: tuple[Progression, ...] = ()  # a review of several years: first → last year

    def walk(self) -> Iterator[Fact]:
        """Every figure the theme could state (for refreshing placeholder values)."""
        for fact in self.facts:
            yield from fact.walk()
        for programme in self.programmes:
            yield from programme.walk()
        for story in self.stories:
            yield from story.walk()
        for progression in self.progressions:
            yield from progression.walk()
        for bullet in self.bullets:
            yield from bullet.walk()
