"""Cells that hold several facts at once: 肢体四级, 听力残疾一级（极重度）, 因病因学, 患癌症."""

from __future__ import annotations

import re
from dataclasses import dataclass

from models import vocab
from models.validation import split_list
from models.wording import synonyms
from models.wording.keys import key

_GRADE = re.compile(r"([一二三四1-4壹贰叁肆])级")
_TRAILING_GRADE_DIGIT = re.compile(r"[^0-9]([1-4])$")
_GRADE_OF_CHAR = {
    char: grade
    for grade, chars in zip(
        vocab.DISABILITY_GRADES, ("一1壹", "二2贰", "三3叁", "四4肆"), strict=True
    )
    for char in chars
}
# Longest first, so that 低视力 is seen before 视力 and 极重度 before 重度.
_KIND_WORDS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        [
            *((kind, kind) for kind in vocab.DISABILITY_KINDS),
            *((word, kind) for word, kind in vocab.DISABILITY_KIND_VARIANTS.items()),
            *synonyms.DISABILITY_KIND_WORDS.items(),
        ],
        key=lambda pair: -len(pair[0]),
    )
)
_DEGREES = sorted(synonyms.DISABILITY_DEGREES.items(), key=lambda pair: -len(pair[0]))


@dataclass(frozen=True, slots=True)
class Disability:
    """Kind and grade read from one cell; either may be None."""

    kind: str | None
    grade: str | None


def read_disability(k: str) -> Disability:
    """Kind and grade from a key such as 肢体四级, 听力残疾一级(极重度), 二级低视力, 一级智残."""
    kinds: list[str] = []
    rest = k
    words: list[str] = []
    for word, kind in _KIND_WORDS:
        if word in rest:
            rest = rest.replace(word, " ")
            words.append(word)
            if kind not in kinds:
                kinds.append(kind)
    # Two kinds in one cell is 多重残疾 (GB/T 26341: two or more disabilities at once).
    kind = kinds[0] if len(kinds) == 1 else ("多重" if kinds else None)
    return Disability(kind, _grade(k, words))


def _grade(k: str, words: list[str]) -> str | None:
    if any(word in synonyms.OLD_HEARING_WORDS for word in words):
        return None
    written = _GRADE.search(k) or _TRAILING_GRADE_DIGIT.search(k)
    grade = _GRADE_OF_CHAR[written.group(1)] if written else None
    if grade and "低视力" in words:
        return synonyms.LOW_VISION_GRADES.get(grade)
    if grade:
        return grade
    for degree, degree_grade in _DEGREES:
        if degree in k:
            return degree_grade
    return None


# 因病因学 is two causes; 原因 is not the start of one.
_CAUSE_START = re.compile(r"(?<=[^原起])(?=因.)")
_CAUSE_JOINERS = re.compile(r"[及和与]")


def cause_parts(text: str) -> list[str]:
    """The causes one cell lists: 患重特大疾病、子女上学 / 因病,因学 / 因病因学 / 6、9."""
    parts: list[str] = []
    for item in split_list(text):
        for joined in _CAUSE_JOINERS.split(item):
            for part in _CAUSE_START.split(joined):
                part = part.strip()
                if part and part not in parts:
                    parts.append(part)
    return parts


_MAJOR = sorted(synonyms.MAJOR_DISEASES, key=len, reverse=True)
_GENERAL = sorted(synonyms.GENERAL_DISEASES, key=len, reverse=True)


def illness_of(k: str) -> str | None:
    """患重特大疾病 or 一般疾病 when the key names a disease the 填表说明 lists, else None."""
    if synonyms.CANCER_MARK in k or any(name in k for name in _MAJOR):
        return "患重特大疾病"
    if any(name in k for name in _GENERAL):
        return "一般疾病"
    return None


_ILLNESS_WORDS = re.compile(r"^(?:身患|患有|患)")


def disease_text(original: str) -> str:
    """The disease as the clerk wrote it, without the 患 in front: 患肺癌 → 肺癌."""
    return _ILLNESS_WORDS.sub("", original.strip())


def is_head_relation(text: str) -> bool:
    """Whether a 与户主关系 cell names the head himself (本人, 户主): a head row, not a member."""
    return key(text) in synonyms.HEAD_WORDS
