"""Year-end narrative: turns Facts into union-news sentences, deterministic per year and section."""

# How it fits together (and why):
# * Inputs are the frozen values of reports.narrative_facts, so the text layer is tested without a
#   database. The statistics layer builds them; the PDF layer lays out the ThemeText returned.
# * One Document per generated report is the registry that enforces DOMAIN.md §6: a sentence is
#   never written twice, a figure (fact key) is stated once, and every stated figure is listed
#   with its key for the 数据来源 appendix. Claims (the lead phrases) are never reused either.
# * A Writer chooses phrasings with a random.Random seeded from sha256(year, salt, section key):
#   the same inputs give the same text on every machine and run (no hash() randomisation), while
#   different sections read differently.
# * Sentences are built from pieces (literal text or figure references) and rendered at the end,
#   either with figures as text or as "{驿站总数}" tokens. Every decision (phrasing, dropping a
#   duplicate) is taken on the text rendering, so a placeholder document filled with
#   Document.values_for(...) is the same text as the document written with figures.
# * Number style per figure is a fixed function of the fact (figure_text), never a random choice,
#   for the same reason: a refreshed placeholder must read as the generator would have written it.

from __future__ import annotations

import hashlib
import random
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from reports.narrative_facts import (
    FACT_NAMES,
    MONEY_UNIT,
    PERCENT_UNIT,
    SLOT,
    Bullet,
    Fact,
    Programme,
    Progression,
    Story,
    Theme,
)
from reports.numbers_zh import (
    Approx,
    NumberStyle,
    change_count,
    change_percent,
    change_points,
    cn_digit,
    count,
    money,
    percent,
)

__all__ = [
    "CHANGE_SUFFIX",
    "DEFAULT_CLAIMS",
    "Document",
    "StatedFigure",
    "ThemeText",
    "Writer",
    "change_text",
    "figure_text",
    "fill_placeholders",
    "find_placeholders",
    "opening",
    "split_sentences",
    "style_for",
]

# A placeholder is "{name}" with a name free of braces and spaces; "{}" (a label slot) never is.
PLACEHOLDER_RE = re.compile(r"\{([^{}\s]+)\}")
CHANGE_SUFFIX = "同比"  # "{驿站总数同比}" holds "比上年增长12.9%"

# Figure styles the writer uses (see numbers_zh for what each approximation means):
MONEY_STYLE = NumberStyle(Approx.FLOOR, 2)  # never overstate funds: 930.45万余元
VISITS_STYLE = NumberStyle(Approx.PLAIN, 1)  # visit tallies as the articles print them: 40.3万人次
COUNT_STYLE = NumberStyle(Approx.MARKED, 2)  # households, people, sites: exact or 余/近-marked
VISIT_UNITS = frozenset({"人次", "户次", "场次", "件次"})
# Below this previous value a percentage says little ("增长50%" for 2 → 3 stations): state the
# absolute change instead ("比上年增加1家").
SMALL_BASE = 100

DEFAULT_CLAIMS: Mapping[str, tuple[str, ...]] = {
    "困难帮扶": (
        "困难职工帮扶工作扎实推进",
        "解困脱困成果持续巩固",
        "常态化帮扶机制不断完善",
    ),
    "服务阵地": (
        "职工服务阵地建设持续推进",
        "户外劳动者服务站点布局不断完善",
        "服务职工的阵地网络进一步织密",
    ),
    "思想引领": (
        "职工思想政治引领不断加强",
        "党的创新理论深入职工群众",
        "职工听党话、跟党走的思想基础更加牢固",
    ),
    "职工文化": (
        "职工文化生活日益丰富",
        "职工文体活动丰富多彩",
        "职工精神文化家园建设不断加强",
    ),
    "劳动和技能竞赛": (
        "劳动和技能竞赛广泛深入开展",
        "职工建功立业热情持续高涨",
    ),
    "职工技能培训": (
        "职工技能素质不断提升",
        "职工技能培训提质扩面",
    ),
    "劳模工匠": (
        "劳模精神、劳动精神、工匠精神广泛弘扬",
        "劳模工匠人才队伍不断壮大",
    ),
    "送温暖": (
        "把党和政府的温暖送到职工心坎上",
        "送温暖活动覆盖面持续扩大",
    ),
    "夏送清凉": (
        "夏送清凉活动深入开展",
        "高温下的一线职工感受到工会温度",
    ),
    "金秋助学": (
        "金秋助学帮助困难职工子女圆梦",
        "助学帮扶精准到户到人",
    ),
    "就业服务": (
        "就业服务精准有效",
        "春送岗位助力职工就业",
    ),
    "法律援助与维权": (
        "职工合法权益得到有效维护",
        "维权服务机制不断完善",
    ),
    "建会入会": (
        "基层工会组织覆盖面不断扩大",
        "建会入会工作成效明显",
    ),
    "劳动保护": (
        "劳动保护工作扎实开展",
        "安康杯竞赛深入开展",
    ),
}

# Opening words of a theme's first figure sentence; "{year}" is the report year.
LEADS = ("全年", "{year}年，", "一年来，")
OPENING_LEADS = ("全年", "{year}年", "一年来")  # after "claim，" a second comma would stumble
STATISTICS_LEADS = ("全年", "{year}年")  # after "据统计，" a second comma would stumble
# The same leads for a period of several years (Writer(since_year=…)): "全年" would be false.
PERIOD_LEADS = {
    LEADS: ("{span}年来，", "{since}年以来，", "{since}—{year}年，"),
    OPENING_LEADS: ("{span}年来", "{since}年以来"),
    STATISTICS_LEADS: ("{span}年来", "{since}年以来"),
}
# Sentence openers that join a sentence to the one before. The seeds open one sentence in twenty
# with one of them and never the same twice in a row, so most follow-on sentences get none
# (NO_CONNECTOR_WEIGHT blanks to one connector) and the last one used is never used next.
CONNECTORS = ("同时，", "此外，", "与此同时，", "在此基础上，")
NO_CONNECTOR_WEIGHT = 5
# After a section's stories, a line that makes them stand for the whole (seed 004: "这是周口市总
# 工会为职工维权服务的一个缩影。"). It names the programme the stories told (Story.topic), never
# the section's, and is left out when the stories tell different programmes. The openings differ
# from one another and from the other stock lines (LEAD_IMAGES, codas): a reader notices "一件件…"
# three times in one article even when the words after it change.
STORY_CLOSERS = (
    "这是全县各级工会做好{topic}工作的一个缩影",
    "一个个场景，记录着工会{topic}工作的坚实足迹",
    "点滴之间，见证着{topic}工作的温度与力度",
    "小切口连着大民生，{topic}工作就在这样的日常里见到实效",
    "事不在大，贵在用心，{topic}工作做到了职工心坎上",
    "以点带面，{topic}工作在全县各地开花结果",
)
OPENING_CHARS = 3  # two stock lines opening with the same three characters read as one line twice
PROGRESSION_LEADS = ("分年度看，", "从年度变化看，", "逐年来看，")
CHUNKS = (2, 3)  # figure clauses per sentence, varied: articles run two to four to a full stop

# Phrasings of a theme's opening: claim then figures, in the articles' manners.
CLAIM_PHRASINGS = ("claim.sentence", "claim.opening", "claim.closing", "claim.statistics")
PLAIN_PHRASINGS = ("plain.lead", "plain.statistics")
PROGRAMME_PHRASINGS = ("programme.invest", "programme.launch", "programme.benefit")
BULLET_PHRASINGS = ("bullet.sentence", "bullet.clause")
PARTS_PHRASINGS = ("parts.inline", "parts.bracket")

_SENTENCE_END_RE = re.compile(r"[。；！？]")


def fill_placeholders(text: str, values: Mapping[str, str]) -> str:
    """Put current figures into "{名称}" tokens; unknown names stay visible as they are."""
    return PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def find_placeholders(text: str) -> tuple[str, ...]:
    """The placeholder names in a text, first occurrence order, each once."""
    return tuple(dict.fromkeys(PLACEHOLDER_RE.findall(text)))


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, normalised for comparison (no "——", spaces or end marks)."""
    parts = _SENTENCE_END_RE.split(text.replace("——", ""))
    return [_normalise(p) for p in parts if _normalise(p)]


def opening(sentence: str) -> str:
    """The first OPENING_CHARS characters of a sentence, as a reader hears it begin."""
    return _normalise(sentence)[:OPENING_CHARS]


def _normalise(sentence: str) -> str:
    return re.sub(r"\s+", "", sentence).strip("，、：")


def style_for(fact: Fact) -> NumberStyle:
    """The number style the writer uses for a fact (its own `style` first)."""
    if fact.style is not None:
        return fact.style
    if fact.unit == MONEY_UNIT:
        return MONEY_STYLE
    if fact.unit in VISIT_UNITS:
        return VISITS_STYLE
    return COUNT_STYLE


def figure_text(fact: Fact) -> str:
    """The figure as prose: "196家", "40.3万人次", "406.8万元", "88.2%"."""
    if fact.value is None:
        raise ValueError(f"{fact.key}: no value to write")
    style = style_for(fact)
    if fact.unit == PERCENT_UNIT:
        return percent(fact.value, style.decimals)
    if fact.unit == MONEY_UNIT:
        return money(fact.value, style)
    return count(fact.value, fact.unit, style)


def change_text(fact: Fact) -> str | None:
    """The comparison with the fact's basis ("比上年…", "比2022年底…"), or None when there is
    nothing sound to say.

    Rates change in 个百分点; money and large counts in percent; counts on a base below
    SMALL_BASE in absolute terms; a zero base gets no comparison (growth from zero is undefined
    and "比上年增加12家" next to "12家" says nothing new)."""
    if fact.value is None or fact.previous is None:
        return None
    basis = fact.basis
    if fact.unit == PERCENT_UNIT:
        return change_points(
            fact.value, fact.previous, decimals=style_for(fact).decimals, basis=basis
        )
    if fact.previous == 0:
        return None
    if fact.unit != MONEY_UNIT and fact.previous < SMALL_BASE:
        return change_count(int(fact.value), int(fact.previous), fact.unit, basis=basis)
    return change_percent(fact.value, fact.previous, basis=basis)


@dataclass(frozen=True)
class ComparisonRule:
    """When a figure is compared with its basis. The seeds compare almost never, so a summary
    compares only a rise that carries the story: at least `min_growth` (a share: 0.1 = 10%),
    at most `per_section` in a section and `limit` in the document (None: no limit)."""

    limit: int | None = None
    per_section: int | None = None
    min_growth: Decimal = Decimal(0)


EVERY_RISE = ComparisonRule()


@dataclass(frozen=True)
class StatedFigure:
    """A figure the document states: source key, placeholder name, text as written, section."""

    key: str
    name: str
    text: str
    section: str


@dataclass(frozen=True)
class ThemeText:
    """A written theme: heading line, paragraphs (bullets start with "——"), figures stated."""

    key: str
    heading: str
    paragraphs: tuple[str, ...]
    figures: tuple[StatedFigure, ...]


class Document:
    """Registry of one generated report: sentences written, figures stated, names given."""

    def __init__(self, comparisons: ComparisonRule = EVERY_RISE) -> None:
        self.comparisons = comparisons
        self.compared: Counter[str] = Counter()  # section → comparisons written
        self.last_connector = ""  # the connector of the last sentence that had one
        self.templates: set[str] = set()  # stock lines handed out (each once per document)
        self._figures: dict[str, StatedFigure] = {}
        self._name_of: dict[str, str] = {}  # fact key → placeholder name
        self._key_of: dict[str, str] = {}  # placeholder name (incl. 同比 names) → fact key
        self._sentences: set[str] = set()
        self._claims: set[str] = set()
        self.phrasings: Counter[str] = Counter()  # phrasing id → sentences using it

    def is_stated(self, key: str) -> bool:
        return key in self._figures

    def has_sentence(self, sentence: str) -> bool:
        return _normalise(sentence) in self._sentences

    def has_opening(self, sentence: str) -> bool:
        """Whether a written sentence opens with the same OPENING_CHARS characters."""
        return opening(sentence) in {opening(s) for s in self._sentences}

    def has_claim(self, claim: str) -> bool:
        return _normalise(claim) in self._claims

    def sources(self) -> tuple[StatedFigure, ...]:
        """Every stated figure in the order stated: the 数据来源 appendix."""
        return tuple(self._figures.values())

    def names(self) -> dict[str, str]:
        """Placeholder name → fact key, for every name handed out (keep it with edited text)."""
        return dict(self._key_of)

    def name_for(self, fact: Fact, hint: str = "") -> str:
        """The placeholder name of a fact, assigned once per key and unique in the document:
        its own `name`, else FACT_NAMES, else its label, else the caller's hint, else its key."""
        if fact.key in self._name_of:
            return self._name_of[fact.key]
        base = fact.name or FACT_NAMES.get(fact.key) or _derived_name(fact, hint)
        name, serial = base, 1
        # A name and its 同比 twin must both be free, or a refresh could fill the wrong figure.
        while name in self._key_of or name + CHANGE_SUFFIX in self._key_of:
            serial += 1
            name = f"{base}{serial}"
        self._name_of[fact.key] = name
        self._key_of[name] = fact.key
        self._key_of[name + CHANGE_SUFFIX] = fact.key
        return name

    def values_for(self, facts: Iterable[Fact]) -> dict[str, str]:
        """Current text for every placeholder this document handed out, from fresh facts.

        Walks parts and together members; a figure whose value (or comparison) is now missing is
        left out, so its token stays visible rather than vanishing from an edited paragraph."""
        values: dict[str, str] = {}
        for top in facts:
            for fact in top.walk():
                name = self._name_of.get(fact.key)
                if name is None or fact.value is None:
                    continue
                values[name] = figure_text(fact)
                change = change_text(fact)
                if change is not None:
                    values[name + CHANGE_SUFFIX] = change
        return values

    def may_compare(self, section: str, fact: Fact) -> bool:
        """Whether the rule leaves room for one more comparison of this (risen) figure here."""
        rule = self.comparisons
        if rule.limit is not None and sum(self.compared.values()) >= rule.limit:
            return False
        if rule.per_section is not None and self.compared[section] >= rule.per_section:
            return False
        if rule.min_growth and fact.unit != PERCENT_UNIT and fact.previous:
            growth = (Decimal(fact.value or 0) - Decimal(fact.previous)) / Decimal(fact.previous)
            return growth >= rule.min_growth
        return True

    def _commit(self, unit: _Unit, section: str) -> None:
        self._sentences.add(unit.norm)
        if unit.connector:
            self.last_connector = unit.connector
        self.compared[section] += sum(
            1 for p in unit.pieces if isinstance(p, _Ref) and not p.is_value
        )
        if unit.claim:
            self._claims.add(_normalise(unit.claim))
        self.phrasings.update(unit.phrasings)
        for piece in unit.pieces:
            if isinstance(piece, _Ref) and piece.is_value:
                self._figures[piece.key] = StatedFigure(piece.key, piece.name, piece.text, section)


def _plain_token(text: str) -> str:
    # Quotes, brackets and punctuation make a clumsy token; braces or spaces would break it.
    return re.sub(r"[\s{}“”‘’\"'《》（）()，、。：；]", "", text)


def _derived_name(fact: Fact, hint: str) -> str:
    """Name of a fact missing from FACT_NAMES: what it counts, else the caller's hint."""
    label = _plain_token(fact.label.replace(SLOT, ""))
    return label or _plain_token(hint) or _plain_token(fact.key)


@dataclass(frozen=True)
class _Ref:
    """A figure inside a sentence: rendered as `text`, or as "{name}" in placeholder mode."""

    key: str
    name: str
    text: str
    is_value: bool  # False for the 同比 phrase, which is derived and not a source figure


@dataclass(frozen=True)
class _Tag:
    """An invisible mark recording which phrasing produced the sentence it sits in."""

    phrasing: str


_Piece = str | _Ref | _Tag


@dataclass
class _Unit:
    """One sentence being written: its pieces, closing mark, and bookkeeping for the registry."""

    pieces: list[_Piece]
    end: str = "。"
    claim: str | None = None
    norm: str = ""
    connector: str = ""  # the opener joining it to the sentence before ("同时，"), if any

    def text(self, placeholders: bool) -> str:
        return "".join(_render(p, placeholders) for p in self.pieces)

    @property
    def has_figures(self) -> bool:
        return any(isinstance(p, _Ref) and p.is_value for p in self.pieces)

    @property
    def phrasings(self) -> list[str]:
        return [p.phrasing for p in self.pieces if isinstance(p, _Tag)]


def _render(piece: _Piece, placeholders: bool) -> str:
    if isinstance(piece, str):
        return piece
    if isinstance(piece, _Tag):
        return ""
    return f"{{{piece.name}}}" if placeholders else piece.text


def _joined(groups: Sequence[list[_Piece]], separator: str) -> list[_Piece]:
    out: list[_Piece] = []
    for index, group in enumerate(groups):
        if index:
            out.append(separator)
        out.extend(group)
    return out


@dataclass
class _Paragraph:
    units: list[_Unit]
    prefix: str = ""  # "——" for bullets
    intro: bool = False  # a lone claim introducing programmes or bullets: kept without figures


@dataclass
class _Draft:
    """Everything one Writer call builds before anything is committed to the Document."""

    writer: Writer
    section: str
    rng: random.Random
    reserved: set[str] = field(default_factory=set)  # fact keys used in this draft
    claims: set[str] = field(default_factory=set)  # bullet claims used in this draft
    compared: int = 0  # comparisons written in this draft
    last_connector: str = ""

    # Figures -----------------------------------------------------------------------------

    def usable(self, fact: Fact | None) -> bool:
        return (
            fact is not None
            and fact.present
            and fact.key not in self.reserved
            and not self.writer.document.is_stated(fact.key)
        )

    def ref(self, fact: Fact, hint: str = "") -> _Ref:
        self.reserved.add(fact.key)
        name = self.writer.document.name_for(fact, hint)
        return _Ref(fact.key, name, figure_text(fact), True)

    def _ref_if(self, fact: Fact | None, hint: str) -> _Ref | None:
        return self.ref(fact, hint) if fact is not None and self.usable(fact) else None

    def change_ref(self, fact: Fact) -> _Ref | None:
        """The comparison of a figure that grew; a fall or a standstill is no achievement, so the
        figure then stands without one (a 公文 names falls among its problems)."""
        if fact.previous is None or fact.value is None or fact.value <= fact.previous:
            return None
        text = change_text(fact)
        if text is None or "持平" in text:
            return None
        document = self.writer.document
        planned = self.compared + document.compared[self.section]
        rule = document.comparisons
        if rule.per_section is not None and planned >= rule.per_section:
            return None
        if not document.may_compare(self.section, fact):
            return None
        self.compared += 1
        name = document.name_for(fact) + CHANGE_SUFFIX
        return _Ref(fact.key, name, text, False)

    def clause(self, fact: Fact) -> list[list[_Piece]]:
        """The clause(s) stating a fact: usually one; its parts alone if the fact is absent."""
        members = [m for m in (fact, *fact.together) if self.usable(m)]
        if not members:
            # The total is zero, missing or already said: its 其中 parts can still stand alone.
            return [c for part in fact.parts for c in self.clause(part)]
        figures = _joined([[self.ref(m)] for m in members], "、")
        before, slot, after = fact.label.partition(SLOT)
        pieces: list[_Piece] = [before, *figures, after] if slot else [fact.label, *figures]
        # Only a lone figure gets a comparison: "分别比上年…" has no single placeholder.
        change = self.change_ref(fact) if members == [fact] and not fact.together else None
        comparison: list[_Piece] = ["，", change] if change is not None else []
        parts = [c for part in fact.parts for c in self.clause(part)]
        if not parts:
            pieces += comparison
        else:
            phrasing = self.rng.choice(PARTS_PHRASINGS)
            listed: list[_Piece] = [_Tag(phrasing), *_joined(parts, "、")]
            # 其中 must sit next to the total it divides, so a comparison never comes between a
            # bracket and its figure: "7.4万余人（其中…），比上年…" or "7.4万余人，比上年…，其中…".
            if phrasing == "parts.inline":
                pieces += [*comparison, "，其中", *listed]
            else:
                pieces += ["（其中", *listed, "）", *comparison]
        return [[p for p in pieces if p != ""]]

    def clauses(self, facts: Iterable[Fact]) -> list[list[_Piece]]:
        return [c for fact in facts for c in self.clause(fact)]

    # Claims ------------------------------------------------------------------------------

    def claim(self, own: Sequence[str], topic: str) -> str | None:
        """First claim not yet used in the document: the theme's own (shuffled), then stock."""
        document = self.writer.document
        for pool in (list(own), list(DEFAULT_CLAIMS.get(topic, ()))):
            self.rng.shuffle(pool)
            for candidate in pool:
                claim = candidate.strip().rstrip("。；，")
                if not claim or claim in self.claims or document.has_claim(claim):
                    continue
                if not document.has_sentence(claim):
                    return claim
        return None

    # Sentences ---------------------------------------------------------------------------

    def lead(self, choices: Sequence[str]) -> str:
        writer = self.writer
        since = writer.since_year
        if since is None or since >= writer.year:
            return self.rng.choice(choices).format(year=writer.year)
        span = cn_digit(writer.year - since + 1)
        return self.rng.choice(PERIOD_LEADS[tuple(choices)]).format(
            year=writer.year, since=since, span=span
        )

    def opening(self, chunk: list[_Piece], claim: str | None) -> list[_Unit]:
        """The first figure sentence with the theme's claim, in one of several manners."""
        if claim is None:
            phrasing = self.rng.choice(PLAIN_PHRASINGS)
            if phrasing == "plain.statistics":
                body = [_Tag(phrasing), "据统计，", self.lead(STATISTICS_LEADS), *chunk]
            else:
                body = [_Tag(phrasing), self.lead(LEADS), *chunk]
            return [_Unit(body)]
        phrasing = self.rng.choice(CLAIM_PHRASINGS)
        tag = _Tag(phrasing)
        if phrasing == "claim.sentence":
            return [_Unit([claim], claim=claim), _Unit([tag, self.lead(LEADS), *chunk])]
        if phrasing == "claim.statistics":
            body = [tag, "据统计，", self.lead(STATISTICS_LEADS), *chunk]
            return [_Unit([claim], claim=claim), _Unit(body)]
        if phrasing == "claim.opening":
            return [_Unit([tag, claim, "，", self.lead(OPENING_LEADS), *chunk], claim=claim)]
        return [_Unit([tag, self.lead(LEADS), *chunk, "，", claim], claim=claim)]

    def connector(self) -> str:
        """A sentence opener, mostly none; never the one used last (here or in the document)."""
        last = self.last_connector or self.writer.document.last_connector
        choices = [c for c in CONNECTORS if c != last] + [""] * NO_CONNECTOR_WEIGHT
        choice = self.rng.choice(choices)
        if choice:
            self.last_connector = choice
        return choice

    def fresh(self, pool: Sequence[str], **words: str) -> str | None:
        """A stock line the document has not used yet ("这是……的一个缩影"), filled with `words`,
        or None: the same build twice in one article reads as a form, whatever words fill it,
        and so does a line opening as a sentence already written does."""
        document = self.writer.document
        unused = [
            t
            for t in pool
            if t not in document.templates and not document.has_opening(t.format(**words))
        ]
        if not unused:
            return None
        choice = self.rng.choice(unused)
        document.templates.add(choice)
        return choice.format(**words)

    def follow_on(self, chunk: list[_Piece]) -> _Unit:
        connector = self.connector()
        return _Unit([connector, *chunk], connector=connector)

    def progression(self, p: Progression) -> list[_Piece] | None:
        """ "驿站从2023年底的76家增加到2025年底的129家", or None unless both years can be said
        and the figure rose (a fall is told nowhere among the achievements)."""
        if not (self.usable(p.first) and self.usable(p.last)):
            return None
        if (p.last.value or 0) <= (p.first.value or 0):
            return None
        first, last = p.when.format(p.first_year), p.when.format(p.last_year)
        verb = "增加到" if p.first.unit != MONEY_UNIT else "增长到"
        return [p.label, "从", first, "的", self.ref(p.first), verb, last, "的", self.ref(p.last)]

    def story(self, story: Story) -> _Unit | None:
        """A featured activity retold from its 内容摘要: text with its own figures, or None when
        a figure of it is already stated or zero (the story would then say it twice or "0")."""
        pieces: list[_Piece] = [_Tag("story")]
        for piece in story.pieces:
            if isinstance(piece, str):
                pieces.append(piece)
            elif self.usable(piece):
                pieces.append(self.ref(piece))
            else:
                return None
        return _Unit(pieces, end="")

    def programme(self, programme: Programme) -> _Unit | None:
        """One sentence for a flagged activity, or None when it has no figure left to state."""
        sites = self.clause(programme.sites) if self.usable(programme.sites) else []
        # Programme figures usually have no label: name their placeholders after the programme.
        title = programme.name
        money_ref = self._ref_if(programme.money, f"{title}投入资金")
        people = self._ref_if(programme.people, f"{title}{programme.beneficiaries}人数")
        # "为366名职工提供服务366人次" says one figure twice: the visits then go unsaid, as
        # they do when money and people already fill the programme's max_figures.
        said = sum(r is not None for r in (money_ref, people))
        skip_reach = (
            people is not None
            and programme.reach is not None
            and programme.people is not None
            and programme.reach.value == programme.people.value
        ) or (programme.max_figures is not None and said >= programme.max_figures)
        reach = None if skip_reach else self._ref_if(programme.reach, f"{title}服务人次")
        if not sites and money_ref is None and people is None and reach is None:
            return None
        who: list[_Piece] = (
            [people, programme.beneficiaries] if people else [programme.beneficiaries]
        )
        served: list[_Piece] = [programme.action, reach] if reach else [programme.action]
        site_pieces: list[_Piece] = sites[0] if sites else []
        phrasing = self.rng.choice(PROGRAMME_PHRASINGS)
        groups: list[list[_Piece]]
        if phrasing == "programme.invest":
            # "设立36个供应点，联合投入406.8万元为4092名环卫工人提供免费早餐40.3万人次"
            invest: list[_Piece] = [programme.partner, "投入", money_ref] if money_ref else []
            if site_pieces:
                groups = [site_pieces, [*invest, "为", *who, *served]]
            elif invest:
                # Without sites the sentence would not say which programme it is: name it first.
                groups = [[programme.name, *invest], ["为", *who, *served]]
            else:
                groups = [[programme.name, "为", *who, *served]]
        elif phrasing == "programme.launch":
            funds: list[_Piece] = [f"{programme.partner}投入资金", money_ref] if money_ref else []
            groups = [["通过", programme.name], site_pieces, ["为", *who, *served], funds]
        else:
            funds = [f"{programme.partner}投入资金", money_ref] if money_ref else []
            tail: list[_Piece] = ["累计", *served] if reach else []
            body = [g for g in (site_pieces, funds, ["惠及", *who], tail) if g]
            groups = [[programme.name, *body[0]], *body[1:]]
        pieces = _joined([g for g in groups if g], "，")
        return _Unit([_Tag(phrasing), *(p for p in pieces if p != "")])


class Writer:
    """Writes themes, programmes and "——" bullets into one Document.

    Deterministic: the phrasing of a section depends only on (year, salt, section key) and on
    what the Document already holds, i.e. on the order sections are written."""

    def __init__(
        self,
        year: int,
        document: Document | None = None,
        *,
        placeholders: bool = False,
        salt: str = "",
        since_year: int | None = None,
    ) -> None:
        self.year = year
        self.since_year = since_year  # a period since_year–year: leads say "五年来", not "全年"
        self.document = document if document is not None else Document()
        self.placeholders = placeholders
        self.salt = salt

    def _draft(self, section: str) -> _Draft:
        digest = hashlib.sha256(f"{self.year}|{self.salt}|{section}".encode()).digest()
        return _Draft(self, section, random.Random(int.from_bytes(digest[:8], "big")))

    def theme(self, theme: Theme) -> ThemeText | None:
        """The theme's paragraphs, or None when it has no figure to state (zero themes vanish)."""
        draft = self._draft(theme.key)
        paragraphs: list[_Paragraph] = []
        clauses = draft.clauses(theme.facts)
        chunks = []
        while clauses:
            size = draft.rng.choice(CHUNKS)
            if len(clauses) == size + 1:
                size += 1  # a lone clause left over would stand as a sentence of one figure
            chunks.append(_joined(clauses[:size], "，"))
            clauses = clauses[size:]
        told = [(s, u) for s in theme.stories if (u := draft.story(s)) is not None]
        stories = [u for _, u in told]
        # A closing names the programme the stories told; stories of two programmes get none.
        topics = {s.topic for s, _ in told}
        programmes = [u for p in theme.programmes if (u := draft.programme(p)) is not None]
        bullets = [p for b in theme.bullets if (p := self._bullet(draft, b)) is not None]
        if not (chunks or stories or programmes or bullets):
            return None
        claim = draft.claim(theme.claims, theme.topic)
        # A section opens with a principle or an image before its first figure, as the seeds do.
        principle = draft.rng.choice(theme.principles) if theme.principles else ""
        opener = [_Unit([principle.rstrip("。")])] if principle else []
        if chunks:
            units = [*opener, *draft.opening(chunks[0], claim)]
            units += [draft.follow_on(chunk) for chunk in chunks[1:]]
            rises = [c for p in theme.progressions if (c := draft.progression(p)) is not None]
            if rises:
                units.append(_Unit([draft.rng.choice(PROGRESSION_LEADS), *_joined(rises, "，")]))
            coda = draft.fresh(theme.codas)
            if coda:
                units.append(_Unit([coda]))
            paragraphs.append(_Paragraph(units))
            claim, opener = None, []
        if stories:
            topic = topics.pop() if len(topics) == 1 else ""
            closer = draft.fresh(STORY_CLOSERS, topic=topic) if topic else None
            tail = [_Unit([closer])] if closer else []
            paragraphs.append(_Paragraph([*opener, *stories, *tail], intro=True))
            opener = []
        if programmes:
            units = [*opener, *([_Unit([claim], claim=claim)] if claim else [])]
            claim = None
            # Each names its own activity: "同时，" between them would only be filler.
            units += programmes
            paragraphs.append(_Paragraph(units))
        if bullets:
            if claim:
                paragraphs.append(_Paragraph([_Unit([claim], claim=claim)], intro=True))
            paragraphs += bullets
        return self._finish(theme.key, theme.heading, paragraphs)

    def paragraph(
        self,
        section: str,
        facts: Sequence[Fact],
        *,
        claims: Sequence[str] = (),
        topic: str = "",
    ) -> str | None:
        """A claim-then-figures paragraph from loose facts, or None if none is worth stating."""
        written = self.theme(
            Theme(key=section, heading="", topic=topic, claims=tuple(claims), facts=tuple(facts))
        )
        return "".join(written.paragraphs) if written else None

    def programme(self, section: str, programme: Programme) -> str | None:
        """One programme sentence ("投入406.8万元为4092名环卫工人提供免费早餐40.3万人次。")."""
        unit = self._draft(section).programme(programme)
        if unit is None:
            return None
        written = self._finish(section, "", [_Paragraph([unit])])
        return written.paragraphs[0] if written else None

    def bullets(self, section: str, bullets: Sequence[Bullet]) -> tuple[str, ...]:
        """ "——" paragraphs, one per bullet with figures; "；" between, "。" after the last."""
        draft = self._draft(section)
        paragraphs = [p for b in bullets if (p := self._bullet(draft, b)) is not None]
        written = self._finish(section, "", paragraphs)
        return written.paragraphs if written else ()

    def _bullet(self, draft: _Draft, bullet: Bullet) -> _Paragraph | None:
        clauses = draft.clauses(bullet.facts)
        if not clauses:
            return None
        claim = bullet.claim.strip().rstrip("。；，")
        if self.document.has_claim(claim) or claim in draft.claims:
            claim = ""  # a lead phrase is said once per document; the figures still stand
        draft.claims.add(claim)
        figures = _joined(clauses, "，")
        phrasing = draft.rng.choice(BULLET_PHRASINGS)
        tag = _Tag(phrasing)
        if phrasing == "bullet.sentence" and claim:
            units = [_Unit([claim], claim=claim), _Unit([tag, *figures])]
        elif claim:
            units = [_Unit([tag, claim, "，", *figures], claim=claim)]
        else:
            units = [_Unit([tag, *figures])]
        return _Paragraph(units, prefix="——")

    def _finish(self, section: str, heading: str, paragraphs: list[_Paragraph]) -> ThemeText | None:
        """Drop repeated sentences and figureless paragraphs, close bullets, commit, render."""
        seen: set[str] = set()
        kept: list[_Paragraph] = []
        for paragraph in paragraphs:
            units = []
            for unit in paragraph.units:
                unit.norm = _normalise(unit.text(placeholders=False))
                if not unit.norm or unit.norm in seen or self.document.has_sentence(unit.norm):
                    continue  # DOMAIN §6: a sentence is never printed twice
                seen.add(unit.norm)
                units.append(unit)
            if units and (paragraph.intro or any(u.has_figures for u in units)):
                kept.append(_Paragraph(units, paragraph.prefix, paragraph.intro))
        if not any(u.has_figures for p in kept for u in p.units):
            return None
        bullets = [p for p in kept if p.prefix]
        for paragraph in bullets:
            paragraph.units[-1].end = "；"
        if bullets:
            bullets[-1].units[-1].end = "。"
        figures: list[StatedFigure] = []
        for paragraph in kept:
            for unit in paragraph.units:
                self.document._commit(unit, section)
        for paragraph in kept:
            for unit in paragraph.units:
                for piece in unit.pieces:
                    if isinstance(piece, _Ref) and piece.is_value:
                        figures.append(StatedFigure(piece.key, piece.name, piece.text, section))
        texts = tuple(
            paragraph.prefix + "".join(u.text(self.placeholders) + u.end for u in paragraph.units)
            for paragraph in kept
        )
        return ThemeText(section, heading, texts, tuple(figures))
