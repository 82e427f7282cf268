"""Pinyin collation keys: how a list sorts names the way a clerk reads them (按拼音), not by code point."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache

MAX_LEN = 200  # the stored key (households.sort_name); longer names are cut, still sorting right

# Surnames read differently from the character's everyday reading (单 shàn, not dān). pypinyin
# reads characters out of context, so a name starting with one of these would sort among the
# wrong letter; the readings are those of the surname lists in 《现代汉语词典》 and school primers.
_SURNAMES: dict[str, tuple[str, ...]] = {
    "万俟": ("mo4", "qi2"),
    "尉迟": ("yu4", "chi2"),
    "单于": ("chan2", "yu2"),
    "澹台": ("tan2", "tai2"),
    "长孙": ("zhang3", "sun1"),
    "仇": ("qiu2",),
    "区": ("ou1",),
    "召": ("shao4",),
    "任": ("ren2",),
    "华": ("hua4",),
    "朴": ("piao2",),
    "折": ("she2",),
    "单": ("shan4",),
    "黑": ("he4",),
    "解": ("xie4",),
    "繁": ("po2",),
    "纪": ("ji3",),
    "查": ("zha1",),
    "种": ("chong2",),
    "盖": ("ge3",),
    "缪": ("miao4",),
    "覃": ("qin2",),
    "曾": ("zeng1",),
    "乐": ("yue4",),
    "翟": ("zhai2",),
    "燕": ("yan1",),
    "员": ("yun4",),
    "宁": ("ning4",),
    "柏": ("bai3",),
}


def sort_key(name: str | None) -> str | None:
    """The collation key of a person's name: syllables with tone digits, one per character.

    "张三" → "zhang1 san1 "; every syllable ends with a space so a name sorts before the longer
    names it starts (张三 before 张三丰) and "li" before "lin". Characters without a reading
    (Latin letters, digits, the middle dot) keep their own lower-cased form.
    """
    if not name:
        return None
    surname = name[:2] if name[:2] in _SURNAMES else name[:1]
    syllables = list(_SURNAMES.get(surname, ()))
    rest = name[len(surname) :] if syllables else name
    syllables.extend(_syllable(ch) for ch in rest)
    return "".join(f"{s} " for s in syllables if not s.isspace())[:MAX_LEN]


@cache
def _syllable(character: str) -> str:
    """A character's everyday reading (the first pypinyin lists), e.g. 张 → "zhang1"."""
    return _lazy_pinyin()(character)[0].lower()


@cache
def _lazy_pinyin() -> Callable[[str], list[str]]:
    # Loaded once a name is first written, never for a run that only reads. Names are read a
    # character at a time (a given name is no dictionary word), so pypinyin's phrase dictionary
    # (~40 MB, most of its import time) is never loaded, nor its dictionaries copied.
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
    os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")
    from pypinyin import Style, lazy_pinyin

    def read(text: str) -> list[str]:
        return lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True, errors=list)

    return read
