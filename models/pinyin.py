"""Pinyin collation keys: how a list sorts names the way a clerk reads them (按拼音), not by code point."""

from __future__ import annotations

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
    syllables: list[str] = []
    rest = name
    for surname, reading in _SURNAMES.items():
        if rest.startswith(surname):
            syllables.extend(reading)
            rest = rest[len(surname) :]
            break
    syllables.extend(_reader()(rest))
    return "".join(f"{s.lower()} " for s in syllables if s.strip())[:MAX_LEN]


@cache
def _reader() -> Callable[[str], list[str]]:
    # pypinyin loads its dictionaries on import (~1 s, ~50 MB): only once a name is written,
    # never for a program run that only reads.
    from pypinyin import Style, lazy_pinyin

    def read(text: str) -> list[str]:
        return lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True, errors=list)

    return read
