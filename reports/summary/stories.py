"""典型 stories: a featured activity's 内容摘要 retold, its figures replaced by citable Facts."""

# Why this shape:
# * The clerk's 内容摘要 is the only place that holds the story (who, where, what was said), so
#   it is told in its own words: its first sentence or two, places, units and quotes kept.
# * A number in the text is printed only when it is one of the activity's own recorded figures
#   (参与人数, 挽回经济损失 …): it then becomes the catalogue's Fact, written in the house number
#   style and listed in 数据来源. A clause holding a number the record does not back is left out,
#   so no figure reaches print that cannot be traced.

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation

from models.statistics import FeaturedActivity
from reports.narrative_facts import MONEY_UNIT, Fact, Story

__all__ = ["MAX_STORY_CHARS", "clauses", "quoted", "story_of"]

MAX_STORY_CHARS = 120  # a second sentence is told only while the story stays this short
MAX_STORY_FIGURES = 1  # a story is told for its scene; its figures are the record's, a few suffice
_SENTENCE = re.compile(r"[^。！？]+[。！？]?")
# A figure in free text: digits (with thousands commas) and the unit that says what it counts.
_FIGURE = re.compile(r"(\d[\d,]*(?:\.\d+)?)(万元|元|户次|人次|户|人|名|件|起|家|个|期|场|项)")
_MONEY_WORDS = ("万元", "元")
# Units that count the same thing: a clerk's "2家" is the record's 个, "279名" its 人.
_KINDS = {"人": "人", "名": "人", "家": "个", "个": "个", "件": "件", "起": "件"}
FactOf = Callable[[str], Fact | None]
# The opening clerks write ("8月13日，南关街道总工会在南关街道党群服务中心开展……活动"), retold in
# one of several orders so that stories side by side do not read as one form filled in twice.
_LEAD = re.compile(
    r"^(?P<date>\d{1,2}月\d{1,2}日)，(?P<org>[^，。在]{2,30}?)在(?P<place>[^，。]{2,40}?)"
    r"(?P<verb>开展|举办|组织|举行)(?P<name>[^，。]+?)(?:活动)?(?=，|。|$)"
)
_LEADS = (
    "{date}，{org}在{place}{verb}{name}",
    "{date}，由{org}主办的{name}在{place}举行",
    "在{place}，{org}于{date}{verb}{name}",
    "{name}于{date}在{place}举行",
)
# The clerks' other openings, kept in their order but with the place said once:
# "为……，{org}于{date}在{place}{verb}{name}" and "{date}，{name}在{place}举行，活动由……主办".
_PURPOSE_LEAD = re.compile(
    r"^(?P<why>为[^，。]{2,40})，(?P<org>[^，。在]{2,30}?)于(?P<date>\d{1,2}月\d{1,2}日)"
    r"在(?P<place>[^，。]{2,40}?)(?P<verb>开展|举办|组织|举行)(?P<name>[^，。]+?)(?:活动)?(?=，|。|$)"
)
_NAMED_LEAD = re.compile(
    r"^(?P<date>\d{1,2}月\d{1,2}日)，(?P<name>[^，。]+?)在(?P<place>[^，。]{2,40}?)举行(?=，|。|$)"
)
# The same orders for a lead with no place left to say (the title already names it).
_PLACELESS_LEADS = (
    "{date}，{org}{verb}{name}",
    "{date}，由{org}主办的{name}举行",
    "{org}于{date}{verb}{name}",
    "{name}于{date}举行",
)
# Where a place name ends: "新集镇便民服务中心" is the hall of 新集镇, "县职工服务中心" the county's.
_LOCALITY = re.compile(r"^.{1,6}?(?:街道|社区|镇|乡|村)")
# A name already marking its own slogan or work ("“中国梦·劳动美”主题宣讲", "《劳动法》宣讲").
_MARKED = re.compile(r"[“”‘’\"《》]")
# Endings that already say what kind of event the name is; any other name gets "活动" after it
# when it stands unquoted before a verb ("……宣讲进新集镇活动于8月7日举行").
_EVENT_ENDINGS = ("会", "赛", "班", "展", "节", "堂", "演", "营", "行动", "活动", "仪式")


def quoted(name: str) -> str:
    """The name as the papers print it: in “” when bare; as it is when it holds its own “”
    or 《》 (“‘中国梦·劳动美’主题宣讲进新集镇” nests a quote the slogan already carries)."""
    inner = name.replace('"', "“", 1).replace('"', "”", 1) if name.count('"') == 2 else name
    if _MARKED.search(inner):
        return inner.replace("‘", "“").replace("’", "”")
    return f"“{inner}”"


def _place_after(name: str, place: str) -> str:
    """The place, less the locality the name already ends on ("…进新集镇" at "新集镇便民服务中心"
    is at "便民服务中心"); empty when the name holds the whole place."""
    if place in name:
        return ""
    locality = _LOCALITY.match(place)
    if locality and locality.group(0) in name:
        return place[locality.end() :]
    return place


def _named(name: str) -> str:
    """The name as a lead prints it: quoted, and ending on a noun before 于/举行."""
    told = quoted(name)
    if told != f"“{name}”" and not told.endswith(_EVENT_ENDINGS):
        told += "活动"  # unwrapped, "……宣讲进新集镇" needs a noun to end on
    return told


def _at(place: str) -> str:
    return f"在{place}" if place else ""


def _retold_lead(text: str, turn: int) -> str:
    match = _LEAD.match(text)
    if match is None:
        if purpose := _PURPOSE_LEAD.match(text):
            p = purpose.groupdict()
            at = _at(_place_after(p["name"], p["place"]))
            lead = f"{p['why']}，{p['org']}于{p['date']}{at}{p['verb']}{_named(p['name'])}"
            return lead + text[purpose.end() :]
        if named := _NAMED_LEAD.match(text):
            p = named.groupdict()
            lead = f"{p['date']}，{p['name']}{_at(_place_after(p['name'], p['place']))}举行"
            return lead + text[named.end() :]
        return text
    parts = match.groupdict()
    name = parts["name"]
    place = parts["place"]
    parts["place"] = _place_after(name, place)
    parts["name"] = _named(name)
    leads = _LEADS if parts["place"] else _PLACELESS_LEADS
    if parts["place"] != place:
        # "在便民服务中心，……" would open on a hall before saying whose: the union comes first.
        leads = tuple(lead for lead in leads if not lead.startswith("在"))
    return leads[turn % len(leads)].format(**parts) + text[match.end() :]


def clauses(sentence: str) -> list[str]:
    """Split on "，" outside quotes: a quoted remark stays whole."""
    out, current, depth = [], "", 0
    for char in sentence:
        if char in "“‘《":
            depth += 1
        elif char in "”’》" and depth:
            depth -= 1
        if char == "，" and depth == 0:
            out.append(current)
            current = ""
        else:
            current += char
    out.append(current)
    return [c for c in out if c]


def _value(digits: str, unit: str) -> Decimal | None:
    try:
        value = Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None
    return value * 10_000 if unit == "万元" else value


def _retold_clause(
    clause: str, candidates: Mapping[str, Fact], used: set[str]
) -> list[str | Fact] | None:
    """The clause with each number as the matching Fact, or None if a number is not recorded."""
    pieces: list[str | Fact] = []
    end = 0
    for match in _FIGURE.finditer(clause):
        value = _value(*match.groups())
        unit = match.group(2)
        kind = MONEY_UNIT if unit in _MONEY_WORDS else _KINDS.get(unit, unit)
        fact = next(
            (
                f
                for key, f in candidates.items()
                if key not in used
                and _KINDS.get(f.unit, f.unit) == kind
                and value is not None
                and Decimal(f.value or 0) == value
            ),
            None,
        )
        if fact is None:
            return None
        used.add(fact.key)
        pieces += [clause[end : match.start()], fact]
        end = match.end()
    pieces.append(clause[end:])
    return [p for p in pieces if p != ""]


def story_of(
    activity: FeaturedActivity,
    fact_of: FactOf,
    keys: tuple[str, ...],
    max_figures: int = MAX_STORY_FIGURES,
) -> Story | None:
    """The activity's story, or None when its summary is empty or holds no clause to tell.

    `keys` are the catalogue keys of the activity's own figures; `fact_of` turns one into the
    Fact the writer cites (never compared: a single activity has no last year). With
    `max_figures` 0 the story is its scene alone: clauses holding a number are left out."""
    # Braces would read as placeholders ("{驿站总数}") once the draft is stored.
    text = (activity.summary or "").strip().replace("{", "（").replace("}", "）")
    if not text:
        return None
    text = _retold_lead(text, activity.id)
    candidates = {
        k: f for k in keys[: len(keys) if max_figures else 0] if (f := fact_of(k)) and f.present
    }
    used: set[str] = set()
    pieces: list[str | Fact] = []
    told = 0
    for sentence in _SENTENCE.findall(text):
        body = sentence.rstrip("。！？")
        kept = []
        for clause in clauses(body):
            retold = _retold_clause(clause, candidates, used)
            if retold is None:
                continue
            if len(used) > max_figures:
                break  # the clause holding one figure too many is left out, and what follows
            kept.append(retold)
        if not kept:
            continue
        length = sum(len(p) if isinstance(p, str) else 6 for c in kept for p in c)
        if told and told + length > MAX_STORY_CHARS:
            break
        for index, clause in enumerate(kept):
            if index:
                pieces.append("，")
            pieces += clause
        pieces.append(sentence[-1] if sentence[-1] in "。！？" else "。")
        told += length
        if told >= MAX_STORY_CHARS:
            break
    if not pieces:
        return None
    return Story(f"activities.featured.{activity.id}.story", tuple(pieces))
