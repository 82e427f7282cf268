"""No household member named in print: featured activities' texts told without their names."""

# The summary is sent to the paper and to the 市总工会; a clerk's 内容摘要 or an activity's name
# may name the family visited ("走访慰问困难职工张建国一家"). Every name the ledger holds as a
# household head or member (YearFigures.private_names) is taken out before anything is written,
# so stories, programme sentences, 数据来源 labels and photo captions all read the same text:
# * after a title ("困难职工张建国") the title and name become "一名困难职工" ("…一家": "一户困难职工
#   家庭");
# * a clause still naming someone ("为其子张小明送去助学金", "张建国说") is left out, and with it a
#   quotation that clause introduced (a remark without its speaker reads as the union's);
# * an activity's name keeps its title and loses the name ("看望困难职工张建国" → "看望困难职工").

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection

from models.statistics import FeaturedActivity, YearFigures
from reports.summary.stories import clauses

__all__ = ["NEUTRAL", "NEUTRAL_FAMILY", "unnamed", "unnamed_figures", "unnamed_name"]

NEUTRAL = "一名困难职工"
NEUTRAL_FAMILY = "一户困难职工家庭"  # "困难职工张建国一家"
_TITLE = r"(?:困难职工|困难户|职工|户主)"
_HONORIFIC = r"(?:同志|师傅)?"
_SENTENCE = re.compile(r"[^。！？]+[。！？]?")


def _names(names: Collection[str]) -> str:
    # Longest first: "张建国" is not left half-matched as "张建".
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


def _named(text: str, names: Collection[str]) -> bool:
    return any(n in text for n in names)


def _quotation(clause: str) -> bool:
    return clause.startswith("“") and clause.rstrip("。！？").endswith("”")


def unnamed(text: str | None, names: Collection[str]) -> str | None:
    """The text with every clause naming one of `names` neutralised or left out."""
    if not text or not names or not _named(text, names):
        return text
    titled = re.compile(f"{_TITLE}(?:{_names(names)}){_HONORIFIC}(一家)?")
    out = []
    for sentence in _SENTENCE.findall(text):
        end = sentence[-1] if sentence[-1] in "。！？" else ""
        parts = clauses(sentence.rstrip("。！？"))
        parts = [titled.sub(lambda m: NEUTRAL_FAMILY if m[1] else NEUTRAL, p) for p in parts]
        dropped = {i for i, p in enumerate(parts) if _named(p, names)}
        dropped |= {
            j
            for i in dropped
            for j in (i - 1, i + 1)
            if 0 <= j < len(parts) and _quotation(parts[j])
        }
        kept = [p for i, p in enumerate(parts) if i not in dropped]
        if kept:
            out.append("，".join(kept) + (end or "。"))
    return "".join(out)


def unnamed_name(name: str, names: Collection[str]) -> str:
    """An activity's name without the names: after a title the name goes, elsewhere it becomes
    the title."""
    if not _named(name, names):
        return name
    pattern = _names(names)
    name = re.sub(f"({_TITLE})(?:{pattern}){_HONORIFIC}(?:一家|家)?", r"\1", name)
    return re.sub(f"(?:{pattern}){_HONORIFIC}", "困难职工", name)


def _activity(a: FeaturedActivity, names: Collection[str]) -> FeaturedActivity:
    return dataclasses.replace(
        a,
        name=unnamed_name(a.name, names),
        place=unnamed_name(a.place, names) if a.place else a.place,
        summary=unnamed(a.summary, names),
    )


def unnamed_figures(figures: YearFigures) -> YearFigures:
    """The figures with their featured activities told without household names."""
    names = figures.private_names
    if not names:
        return figures
    current = figures.current
    featured = tuple(_activity(a, names) for a in current.activities.featured)
    activities = dataclasses.replace(current.activities, featured=featured)
    return dataclasses.replace(
        figures,
        current=dataclasses.replace(current, activities=activities),
        private_names=frozenset(),
    )
