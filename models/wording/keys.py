"""Lookup keys for a cell's wording: width, spaces, brackets, numbering and the affixes clerks add."""

from __future__ import annotations

import re
from functools import lru_cache

from models.validation import fold_text

# fold_text already turns （） into (); the other bracket shapes people type become () too.
_BRACKETS = str.maketrans(
    dict.fromkeys("【〔［[{〈《「", "(") | dict.fromkeys("】〕］]}〉》」", ")")
)
_SPACES = re.compile(r"\s+")
# "6.患重特大疾病", "3、下岗失业", "(2)", "③": options copied from a numbered 填表说明.
_NUMBERING = re.compile(r"(?:[0-9]{1,2}[.、)]|\([0-9]{1,2}\)|[①-⑩])")
_EDGE_PUNCTUATION = "。.，,;；、:：!！?？\"'“”‘’·-—_*＊"
_BRACKETED = re.compile(r"\([^()]*\)")

# The suffixes clerks add to a list value (深度困难户, 下岗职工, 教育系统, 交通运输业), longest first.
SUFFIXES: tuple[str, ...] = ("职工", "人员", "系统", "家庭", "户", "类", "业")
# "因病致困", "因学致贫": the 因X wording of 致困原因 (扶贫 system and 档案库 alike).
_CAUSE_TAILS: tuple[str, ...] = ("致困户", "致困", "致贫", "返贫", "导致困难", "造成困难")
# 因病 → 病, 患癌症 → 癌症, 已停用 → 停用: words put before a value.
_PREFIXES: tuple[str, ...] = ("因", "身患", "患有", "患", "已")


def key(text: str) -> str:
    """The form of `text` that matching compares: folded, spaceless, casefolded, unnumbered."""
    folded = _SPACES.sub("", fold_text(text).translate(_BRACKETS)).casefold()
    folded = folded.strip(_EDGE_PUNCTUATION)
    numbered = _NUMBERING.match(folded)
    if numbered and numbered.end() < len(folded):
        folded = folded[numbered.end() :].strip(_EDGE_PUNCTUATION)
    return folded


def without_brackets(k: str) -> str:
    """The key with its bracketed qualifiers dropped: 听力残疾一级(极重度) → 听力残疾一级."""
    return _BRACKETED.sub("", k)


def bracketed_text(text: str) -> str | None:
    """What the first brackets of a cell hold, as written: 患重特大疾病（尿毒症） → 尿毒症."""
    found = _BRACKETED.search(fold_text(text).translate(_BRACKETS))
    if found is None:
        return None
    return found.group()[1:-1].strip() or None


@lru_cache(maxsize=65_536)
def derived_keys(k: str) -> tuple[str, ...]:
    """Other keys the same wording may be filed under, most faithful first, without `k` itself."""
    found: list[str] = []

    def add(candidate: str) -> None:
        if candidate and candidate != k and candidate not in found:
            found.append(candidate)

    for stem in (without_brackets(k), k.replace("(", "").replace(")", "")):
        add(stem)
    for base in [k, *found]:
        for tail in _CAUSE_TAILS:
            if base.endswith(tail) and len(base) - len(tail) >= 2:
                add(base[: -len(tail)])
        for suffix in SUFFIXES:
            if base.endswith(suffix) and len(base) - len(suffix) >= 2:
                add(base[: -len(suffix)])
    for base in [k, *found]:
        for prefix in _PREFIXES:
            if base.startswith(prefix) and len(base) - len(prefix) >= 2:
                add(base[len(prefix) :])
                break
    return tuple(found)


_NEGATIONS = frozenset("未非无不没否")


def negated(k: str) -> bool:
    """Whether the wording says "not" somewhere; a partial match must agree on it."""
    return not _NEGATIONS.isdisjoint(k)


def is_subsequence(short: str, long: str) -> bool:
    """Every character of `short` appears in `long`, in order (职工医疗保险 in 城镇职工基本医疗保险)."""
    chars = iter(long)
    return all(char in chars for char in short)
