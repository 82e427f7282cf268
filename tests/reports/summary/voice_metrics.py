"""Measures of a summary's voice (comparisons, openings, skeletons, figure density, tautologies)."""

# The same measures run on the seed articles and on generated text, so the voice test's bounds
# come from the articles themselves. Only prose counts: headings, bylines, captions and other
# short lines are left out (a seed's photo captions are not its voice).

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MIN_PROSE_CHARS = 40  # shorter lines are headings, bylines, captions
SENTENCE_END = re.compile(r"[。！？；]")
# A figure: digits (with 万/亿 and a marker) followed by a unit the articles count in.
FIGURE = re.compile(
    r"[近约]?\d+(?:[.,]\d+)*(?:余|多)?(?:万亿|万|亿)?(?:余|多)?"
    r"(?:个百分点|万元|亿元|户次|人次|场次|元|户|人|名|家|个|场|期|件|起|项|次|所|条|座|%)"
)
# One match per comparison: "比上年增长12.9%" is one, as is a bare "增长12.9%".
COMPARISON = re.compile(
    r"(?:比上年|同比|较上年|比\d{4}年底?|比\d+年前)[^，。；]{0,12}"
    r"|(?:增长|下降|提高|减少|增加)\d+(?:\.\d+)?(?:%|个百分点)"
)
CONNECTORS = ("与此同时", "同时", "此外", "开展")
QUOTED = re.compile(r"“[^”]*”|《[^》]*》")
NUMBER = re.compile(r"[近约]?\d+(?:[.,]\d+)*(?:余|多)?(?:万亿|万|亿)?(?:余|多)?")
# "为366名职工提供服务366人次": the same number said of people and of visits.
TAUTOLOGY = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)(?:万)?[名人户][^。；，]{0,24}?(?<![\d.])\1(?:万)?人次"
)


def prose(text: str) -> list[str]:
    """The prose paragraphs of an article's text: long lines, without heading marks."""
    out = []
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if len(line) >= MIN_PROSE_CHARS:
            out.append(line)
    return out


def sentences(paragraphs: Iterable[str]) -> list[str]:
    out = []
    for paragraph in paragraphs:
        for part in SENTENCE_END.split(paragraph.replace("——", "")):
            part = part.strip("，、： ")
            if part:
                out.append(part)
    return out


def opening(sentence: str) -> str:
    """The connector a sentence opens with ("此外"), or ""."""
    return next((c for c in CONNECTORS if sentence.startswith(c)), "")


def skeleton(sentence: str) -> str:
    """A sentence with its figures and names blanked: what stays is its build."""
    return NUMBER.sub("#", QUOTED.sub("Q", sentence))


@dataclass(frozen=True)
class Voice:
    """The measures of one text."""

    chars: int
    sentences: int
    comparisons_per_1000: float
    connector_share: float  # sentences opening with 开展/此外/同时/与此同时
    same_connector_in_a_row: int  # a sentence opening with the connector of the one before
    repeated_skeleton_share: float  # sentences whose skeleton another sentence shares
    figures_per_100: float
    tautologies: tuple[str, ...]
    mean_sentence: float
    sentence_spread: float  # standard deviation of sentence length / mean

    def as_row(self) -> str:
        return (
            f"{self.chars}字 {self.sentences}句 比较{self.comparisons_per_1000:.2f}/千字 "
            f"连接词开头{self.connector_share:.0%} 连续同连接词{self.same_connector_in_a_row} "
            f"重复句式{self.repeated_skeleton_share:.0%} 数字{self.figures_per_100:.2f}/百字 "
            f"句长{self.mean_sentence:.0f}±{self.sentence_spread:.2f}"
        )


def measure(paragraphs: Sequence[str]) -> Voice:
    text = "".join(paragraphs)
    chars = len(re.sub(r"\s", "", text))
    said = sentences(paragraphs)
    openings = [opening(s) for s in said]
    in_a_row = sum(1 for a, b in zip(openings, openings[1:], strict=False) if a and a == b)
    # A sentence printed twice is a copy-paste slip (the seeds have some), not a pattern.
    distinct = list(dict.fromkeys(said))
    skeletons = Counter(skeleton(s) for s in distinct)
    repeated = sum(n for n in skeletons.values() if n > 1)
    lengths = [len(s) for s in said] or [0]
    mean = sum(lengths) / len(lengths)
    spread = (sum((n - mean) ** 2 for n in lengths) / len(lengths)) ** 0.5 / mean if mean else 0.0
    per = max(chars, 1)
    return Voice(
        chars=chars,
        sentences=len(said),
        comparisons_per_1000=len(COMPARISON.findall(text)) * 1000 / per,
        connector_share=sum(1 for o in openings if o) / max(len(said), 1),
        same_connector_in_a_row=in_a_row,
        repeated_skeleton_share=repeated / max(len(distinct), 1),
        figures_per_100=len(FIGURE.findall(text)) * 100 / per,
        tautologies=tuple(m.group(0) for m in TAUTOLOGY.finditer(text)),
        mean_sentence=mean,
        sentence_spread=spread,
    )
