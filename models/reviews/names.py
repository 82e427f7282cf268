"""How two written names can be one person's: variant characters and same-sounding characters.

VARIANTS folds a character to the one the 通用规范汉字表 (国务院, 2013) writes: its 附件1
《规范字与繁体字、异体字对照表》 lists the traditional and variant forms of each standard
character. Kept here are those found in personal names, where a household registered from an old
户口簿 or typed with a traditional-character IME differs from another file: the commonest
surnames' traditional forms, the variants that table still allows in names (喆 哲, 堃 坤, 昇/陞
升, 甯 宁, 仝 同, 邨 村, 甦 苏, 犇 奔, 迺 乃), and 𠮷, the 吉 of family names such as 𠮷田 that no
pinyin table reads.

SURNAME_READINGS: the 百家姓 readings of surnames whose everyday reading differs (曾 zeng not
ceng, 单 shan, 覃 qin, 仇 qiu …); pypinyin reads the character, not the surname, so a file typed
增 and one typed 曾 would otherwise not sound alike.
"""

from __future__ import annotations

from functools import lru_cache

from pypinyin import lazy_pinyin

VARIANTS: dict[str, str] = {
    # Surnames (traditional → standard).
    "張": "张", "陳": "陈", "劉": "刘", "楊": "杨", "黃": "黄", "趙": "赵", "吳": "吴",
    "孫": "孙", "馬": "马", "許": "许", "鄭": "郑", "謝": "谢", "韓": "韩", "馮": "冯",
    "鄧": "邓", "蕭": "萧", "葉": "叶", "蘇": "苏", "盧": "卢", "蔣": "蒋", "賈": "贾",
    "閻": "阎", "錢": "钱", "湯": "汤", "陸": "陆", "萬": "万",
    "譚": "谭", "鄒": "邹", "龍": "龙", "嚴": "严", "賴": "赖", "顧": "顾",
    "龔": "龚", "鐘": "钟", "鍾": "钟", "範": "范",
    "單": "单", "聶": "聂", "羅": "罗", "鄺": "邝", "紀": "纪",
    "莊": "庄", "區": "区", "車": "车", "喬": "乔", "華": "华", "衛": "卫",
    "歐": "欧", "閔": "闵", "饒": "饶", "項": "项", "鮑": "鲍", "婁": "娄",
    # Given-name characters (traditional → standard).
    "偉": "伟", "國": "国", "軍": "军", "紅": "红", "麗": "丽", "輝": "辉",
    "強": "强", "傑": "杰", "濤": "涛", "鵬": "鹏", "慶": "庆", "東": "东", "蘭": "兰",
    "鳳": "凤", "寶": "宝", "貴": "贵", "榮": "荣", "樂": "乐", "雲": "云", "為": "为",
    "達": "达", "義": "义", "興": "兴", "剛": "刚", "艷": "艳",
    "豔": "艳", "穎": "颖", "嬌": "娇", "峯": "峰",
    "昇": "升", "陞": "升", "喆": "哲", "堃": "坤", "甯": "宁", "仝": "同", "邨": "村",
    "甦": "苏", "犇": "奔", "迺": "乃", "𠮷": "吉", "淸": "清", "靑": "青", "眞": "真",
}  # fmt: skip

SURNAME_READINGS: dict[str, str] = {
    "曾": "zeng", "单": "shan", "覃": "qin", "仇": "qiu", "解": "xie", "区": "ou",
    "朴": "piao", "查": "zha", "盖": "ge", "乐": "yue", "缪": "miao", "种": "chong",
    "召": "shao", "翟": "zhai", "尉": "yu", "繁": "po", "员": "yun", "冼": "xian",
    "秘": "bi", "句": "gou", "折": "she", "那": "na", "万俟": "moqi",
}  # fmt: skip


# str.translate runs in C: the duplicate search folds every name of 100,000 files at once.
_FOLD = str.maketrans(
    {**{ord(k): v for k, v in VARIANTS.items()}, **{ord(ch): None for ch in " \u3000·•・‧."}}
)


def standard_form(name: str) -> str:
    """The name with every variant character written the standard way, and no spaces or dots."""
    return name.translate(_FOLD)


@lru_cache(maxsize=65536)
def sound(name: str) -> str:
    """What the name sounds like, tones dropped (an IME types 张伟 and 张玮 with the same keys)."""
    standard = standard_form(name)
    if not standard:
        return ""
    surname = standard[:2] if standard[:2] in SURNAME_READINGS else standard[:1]
    head = SURNAME_READINGS.get(surname)
    rest = standard[len(surname) :] if head else standard
    syllables = lazy_pinyin(rest, errors=lambda chars: list(chars))
    return " ".join(([head] if head else []) + [s.lower() for s in syllables])


def how_alike(a: str, b: str) -> str | None:
    """Why two names may be one person's: 同名, 异体字 or 同音; None when they are not alike."""
    if a == b:
        return "同名"
    if standard_form(a) == standard_form(b):
        return "姓名写法不同（繁体或异体字）"
    if sound(a) and sound(a) == sound(b):
        return "姓名同音"
    return None
