"""What a sheet's column heading means for a record kind: its field, stated unit and conversion.

The headings themselves (canonical labels, the aliases real sheets use, period conversions such
as 家庭月收入) are facts of the fields in models.kinds; this module matches a heading against them.
Matching ignores spaces, full/half width, a leading * (required marker), a trailing colon and a
unit in brackets; a bracketed qualifier is read as part of the name first ("致困原因(次要)" is
次要致困原因, "月收入(家庭)" is 家庭月收入) and dropped only when that names nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from models import validation as v
from models.kinds import KINDS, Type

# 序号 columns, and the two columns our own error workbook adds (so a fixed one re-imports quietly).
SEQUENCE_HEADINGS = ("序号", "No", "No.", "行号", "错误原因", "原行号")

# Units a heading may state in brackets or after a slash; what they scale is the field's business
# (models.kinds.SCALES).
UNITS = (
    "元", "万元", "人", "人次", "万人次", "户", "个", "次", "场", "期", "册", "种", "家", "名", "㎡",
    "平方米", "m2", "m²",
)  # fmt: skip

_UNIT_SUFFIX = re.compile(r"^(.*?)[(\[]([^()\[\]]+)[)\]]$")
_QUALIFIED = re.compile(r"^(.*?)\(([^()]+)\)(.*)$")
_BRACKETED = re.compile(r"\([^)]*\)")


@dataclass(frozen=True)
class Column:
    """What a heading means: a field (None for 序号 and columns not read), its unit, a factor."""

    field: str | None
    unit: str | None = None
    factor: int = 1  # 12 for a monthly figure of a yearly field (家庭月收入)
    note: str | None = None  # what the import report says about the column, if anything
    skipped: str | None = None  # the field a column names that an import does not read
    month: int | None = None  # 1–12: the figure of that month (a sheet with 1月…12月 across)
    item: str | None = None  # a tick column of a multi-choice field: the value its heading names
    year: int | None = None  # the year the heading names with its month (2024年1月)


@dataclass(frozen=True)
class _Entry:
    field: str
    factor: int = 1
    note: str | None = None


def heading_text(value: object) -> str:
    """A heading as compared: folded, no spaces, no required marker or trailing colon."""
    text = v.fold_text("" if value is None else str(value))
    text = re.sub(r"\s+", "", text).replace("【", "(").replace("】", ")")
    return text.strip("*＊:：").casefold()


def split_unit(text: str) -> tuple[str, str | None]:
    """('投入资金', '万元') from '投入资金(万元)'; a bracket that is not a unit stays part of the name."""
    base, unit = _split_bracketed_unit(text)
    if unit is not None:
        return base, unit
    for unit in ("万元", "元"):  # "金额万元", "投入资金/万元"
        for sep in ("/", "", "："):
            if text.endswith(sep + unit) and len(text) > len(sep + unit) + 1:
                base = text[: -len(sep + unit)]
                if base in _known_bases():
                    return base, unit
    return text, None


_UNIT_KEYS = {u.casefold(): u for u in UNITS} | {"单位:万元": "万元", "单位:元": "元"}


def _split_bracketed_unit(text: str) -> tuple[str, str | None]:
    match = _UNIT_SUFFIX.match(text)
    if match and match.group(2) in _UNIT_KEYS:
        return match.group(1), _UNIT_KEYS[match.group(2)]
    return text, None


@cache
def _known_bases() -> frozenset[str]:
    bases = set()
    for name, each in KINDS.items():
        if each.importable:
            bases.update(_table(name))
    return frozenset(bases)


@cache
def _table(kind_name: str) -> dict[str, _Entry]:
    """heading → meaning for one kind: labels first, then aliases and conversions, then the same
    headings without their unit or bracketed part."""
    fields = [f for f in KINDS[kind_name] if f.type is not Type.REFERENCE]
    table: dict[str, _Entry] = {}
    for f in fields:
        table.setdefault(heading_text(f.label), _Entry(f.name))
    for f in fields:
        for name in (f.label_alone, *f.aliases):
            table.setdefault(heading_text(name), _Entry(f.name))
        for conversion in f.conversions:
            entry = _Entry(f.name, conversion.factor, conversion.note(f.label))
            table.setdefault(heading_text(conversion.heading), entry)
    for key, entry in list(table.items()):
        table.setdefault(_split_bracketed_unit(key)[0], entry)
        table.setdefault(_BRACKETED.sub("", key), entry)
    return table


def _lookup(table: dict[str, _Entry], base: str) -> _Entry | None:
    found = table.get(base)
    if found is not None:
        return found
    qualified = _QUALIFIED.match(base)
    if qualified:
        name, qualifier = qualified.group(1) + qualified.group(3), qualified.group(2)
        for reading in (qualifier + name, name + qualifier):
            found = table.get(reading)
            if found is not None:
                return found
    return table.get(_BRACKETED.sub("", base))


# 1月 … 12月, 一月, 3月份, 2024年1月: one month's column of a sheet laid out by month.
_MONTH_HEADING = re.compile(
    r"(?:((?:19|20)[0-9]{2})年)?(1[0-2]|0?[1-9]|十[一二]|[元一二三四五六七八九十])月份?"
)
_CHINESE_MONTHS = {"元": 1, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                   "九": 9, "十": 10, "十一": 11, "十二": 12}  # fmt: skip
# The row total of such a sheet: the months' sum, not a figure of its own.
_ROW_TOTALS = frozenset(
    {"合计", "总计", "小计", "全年", "全年合计", "年度合计", "全年累计", "累计"}
)


def _by_month(kind_name: str, text: str) -> Column | None:
    """A month's column (or the row total) of a kind counted per month (服务人次), else None."""
    each = KINDS[kind_name]
    if not any(f.type is Type.MONTH for f in each):
        return None
    base, unit = split_unit(text)
    if base in _ROW_TOTALS:
        return Column(None, note=f"“{text}”是各月之和，不导入")
    found = _MONTH_HEADING.fullmatch(base)
    if found is None:
        return None
    figure = next(f for f in each if f.type is Type.COUNT and f.required)
    written = found.group(2)
    month = int(written) if written.isdigit() else _CHINESE_MONTHS[written]
    year = int(found.group(1)) if found.group(1) else None
    return Column(figure.name, unit, month=month, year=year)


def match_heading(kind_name: str, value: object) -> Column | None:
    """The column a heading names for this kind, or None when it is not known."""
    text = heading_text(value)
    if not text:
        return None
    if text in (s.casefold() for s in SEQUENCE_HEADINGS):
        return Column(None)
    table = _table(kind_name)
    entry = table.get(text)
    unit = None
    if entry is None:
        base, unit = split_unit(text)
        entry = _lookup(table, base)
    if entry is None:
        return _by_month(kind_name, text)
    if not KINDS[kind_name][entry.field].read:
        return Column(None, skipped=entry.field)
    if unit is None:
        unit = _split_bracketed_unit(text)[1]
    return Column(entry.field, unit, entry.factor, entry.note)
