"""Column headings clerks and townships actually write, per record kind, mapped to canonical fields."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from models import validation as v
from models.fields import FIELDS_BY_KIND

# Beside the canonical label (models.fields) each field accepts these headings. Matching ignores
# spaces, full/half width, a leading * (required marker), a trailing colon and a unit in brackets.
_HOUSEHOLD = {
    "file_no": ("档案编号", "档案号", "建档编号", "编号"),
    "name": ("姓名", "职工姓名", "困难职工姓名", "户主", "户主名称"),
    "id_number": (
        "身份证号码",
        "公民身份号码",
        "身份证",
        "户主身份证号",
        "户主身份证号码",
        "证件号码",
        "身份证件号码",
        "身份证号",
        "居民身份证号码",
    ),
    "birth_date": ("出生年月", "出生年月日"),
    "health": ("身体状况", "健康情况"),
    "disease": ("所患疾病", "病种", "疾病"),
    "disability_kind": ("残疾类型",),
    "disability_grade": ("残疾级别",),
    "work_status": ("身份", "工作状态(身份)", "就业状态", "就业状况"),
    "model_worker": ("劳模", "是否劳模", "劳模类别"),
    "phone": ("手机号", "联系电话", "联系方式", "电话", "手机", "电话号码", "联系电话(手机)"),
    "employer": ("单位", "所在单位", "原工作单位", "工作单位名称"),
    "industry": ("行业",),
    "hukou_type": ("户籍类型", "户口性质", "户籍性质"),
    "housing_type": ("住房情况", "住房状况"),
    "address": ("住址", "家庭地址", "现住址", "居住地址", "家庭住址(详细)"),
    "township": (
        "所在乡镇",
        "乡镇(街道)",
        "乡镇",
        "街道",
        "乡镇街道",
        "所属乡镇",
        "所在乡镇(街道)",
        "所属街道",
        "乡(镇、街道)",
    ),
    "family_size": ("家庭人口数", "家庭人数", "人口数", "家庭成员数", "家庭人口(人)"),
    "monthly_income": ("月收入", "个人月收入", "本人月收入"),
    "family_annual_income": ("家庭年收入", "家庭年可支配收入", "年总收入", "家庭年总收入"),
    "annual_rigid_expense": ("刚性支出", "家庭年刚性支出", "年刚性支出"),
    "medical_insurance": ("医疗保险", "医保类型", "参保情况", "医保"),
    "single_parent": ("单亲", "单亲家庭"),
    "zero_employment": ("零就业家庭", "是否零就业"),
    "hardship_class": ("困难类型", "困难程度", "困难职工类别"),
    "main_cause": ("致困原因", "主要困难原因"),
    "secondary_causes": ("其他致困原因",),
    "bank_name": ("开户行",),
    "bank_card": ("银行账号", "卡号", "账号", "银行卡号(账号)", "社保卡号"),
    "filed_date": ("建档时间",),
    "reviewed_date": ("核查日期", "复核日期"),
}
_MEMBER = {
    "head_id_number": ("户主身份证号码", "户主身份证"),
    "file_no": ("档案号",),
    "head_name": ("户主姓名", "户主"),
    "name": ("成员姓名", "家庭成员姓名", "家属姓名"),
    "relation": ("关系", "家庭关系", "与户主的关系"),
    "id_number": ("身份证号码", "成员身份证号", "公民身份号码", "身份证"),
    "monthly_income": ("月收入",),
    "identity": ("身份", "就业状况", "职业"),
    "school": ("学校",),
    "grade": ("就读年级",),
}
_ASSISTANCE = {
    "head_id_number": ("身份证号", "身份证号码", "户主身份证号码", "公民身份号码"),
    "file_no": ("档案号",),
    "head_name": ("姓名", "受助人", "帮扶对象", "受助人姓名"),
    "date": ("日期", "发放日期", "救助日期", "帮扶时间"),
    "category": ("类别", "帮扶类型", "救助类别", "帮扶项目", "救助类型"),
    "cash": ("金额", "帮扶金额", "发放金额", "救助金额", "现金", "慰问金"),
    "goods": ("实物", "慰问品", "物品"),
    "goods_value": ("实物折款", "实物价值", "物品折价"),
    "funding_source": ("经费来源",),
}
_STATION = {
    "code": ("编号", "唯一编号"),
    "name": ("站点名称", "驿站名称", "阵地名称", "服务站名称", "名称"),
    "station_type": ("站点类型", "阵地类型", "类别"),
    "township": _HOUSEHOLD["township"],
    "address": ("详细地址", "站点地址", "地点"),
    "host_unit": ("所依托单位", "承建单位", "依托单位名称"),
    "host_kind": ("依托类型", "依托单位性质"),
    "build_mode": ("建设方式",),
    "manager": ("联系人", "管理员", "站长"),
    "phone": ("电话", "联系方式", "手机", "联系人电话"),
    "built_date": ("建成时间", "建设时间", "投用时间", "建成投用时间"),
    "area": ("使用面积", "建筑面积", "面积"),
    "investment": ("投资金额", "投入经费", "建设资金", "投入资金"),
    "open_24h": ("是否24小时开放",),
    "status": ("运行状态",),
    "facilities": ("配套设施", "服务设施", "设施配备"),
    "functions": ("功能",),
    "books": ("藏书量", "图书册数", "藏书"),
    "honors": ("获得荣誉",),
}
_USAGE = {
    "station_name": ("驿站名称", "名称", "站点"),
    "township": _HOUSEHOLD["township"],
    "month": ("统计月份", "月份"),
    "visits": ("人次", "服务人数", "服务人次数"),
}
_ACTIVITY = {
    "name": ("名称", "活动主题", "活动名"),
    "category": ("类别", "活动类型"),
    "start_date": ("活动日期", "日期", "活动时间", "开始时间"),
    "end_date": ("结束时间",),
    "place": ("地点",),
    "township": _HOUSEHOLD["township"],
    "station_name": ("依托阵地名称", "阵地"),
    "participants": ("参加人数", "参与人数"),
    "person_times": ("服务人次", "覆盖人次"),
    "cash": ("投入资金", "投入金额", "现金"),
    "summary": ("活动内容", "主要内容", "内容"),
}

ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "households": _HOUSEHOLD,
    "members": _MEMBER,
    "assistance": _ASSISTANCE,
    "stations": _STATION,
    "reststops": _STATION,
    "usage": _USAGE,
    "activities": _ACTIVITY,
}

# Columns that are understood but not imported: 序号, and figures the app computes or keeps itself.
IGNORED: dict[str, tuple[str, ...]] = {
    "households": ("status", "per_capita_monthly"),
    "members": ("head_name",),
    "assistance": ("head_name",),
}
# 序号 columns, and the two columns our own error workbook adds (so a fixed one re-imports quietly).
SEQUENCE_HEADINGS = ("序号", "No", "No.", "行号", "错误原因", "原行号")

UNITS = {
    "元": 1, "万元": 10_000, "人": 1, "人次": 1, "万人次": 10_000, "户": 1, "个": 1, "次": 1,
    "场": 1, "期": 1, "册": 1, "种": 1, "家": 1, "名": 1, "㎡": 1, "平方米": 1, "m2": 1, "m²": 1,
}  # fmt: skip

_UNIT_SUFFIX = re.compile(r"^(.*?)[(\[]([^()\[\]]+)[)\]]$")


@dataclass(frozen=True)
class Column:
    """What a heading means: a field (or None for 序号/ignored columns) and the unit it states."""

    field: str | None
    unit: str | None = None


def heading_text(value: object) -> str:
    """A heading as compared: folded, no spaces, no required marker or trailing colon."""
    text = v.fold_text("" if value is None else str(value))
    text = re.sub(r"\s+", "", text).replace("【", "(").replace("】", ")")
    return text.strip("*＊:：").casefold()


def split_unit(text: str) -> tuple[str, str | None]:
    """('投入资金', '万元') from '投入资金(万元)'; a bracket that is not a unit stays part of the name."""
    match = _UNIT_SUFFIX.match(text)
    if match and match.group(2) in _UNIT_KEYS:
        return match.group(1), _UNIT_KEYS[match.group(2)]
    for unit in ("万元", "元"):  # "金额万元", "投入资金/万元"
        for sep in ("/", "", "："):
            if text.endswith(sep + unit) and len(text) > len(sep + unit) + 1:
                base = text[: -len(sep + unit)]
                if base in _known_bases():
                    return base, unit
    return text, None


_UNIT_KEYS = {u.casefold(): u for u in UNITS} | {"单位:万元": "万元", "单位:元": "元"}


@cache
def _known_bases() -> frozenset[str]:
    bases = set()
    for kind in ALIASES:
        bases.update(_table(kind))
    return frozenset(bases)


@cache
def _table(kind: str) -> dict[str, str]:
    """heading → field for one kind; canonical labels first, then aliases, then bracket-less forms."""
    table: dict[str, str] = {}
    labels = FIELDS_BY_KIND[kind]
    for field, label in labels.items():
        table.setdefault(heading_text(label), field)
    for field, names in ALIASES[kind].items():
        for name in names:
            table.setdefault(heading_text(name), field)
    for key, field in list(table.items()):
        base, _unit = split_unit_simple(key)
        table.setdefault(base, field)
        table.setdefault(re.sub(r"\([^)]*\)", "", key), field)
    return table


def split_unit_simple(text: str) -> tuple[str, str | None]:
    match = _UNIT_SUFFIX.match(text)
    if match and match.group(2) in _UNIT_KEYS:
        return match.group(1), _UNIT_KEYS[match.group(2)]
    return text, None


def match_heading(kind: str, value: object) -> Column | None:
    """The column a heading names for this kind, or None when it is not known."""
    text = heading_text(value)
    if not text:
        return None
    if text in (s.casefold() for s in SEQUENCE_HEADINGS):
        return Column(None)
    table = _table(kind)
    field = table.get(text)
    unit = None
    if field is None:
        base, unit = split_unit(text)
        field = table.get(base) or table.get(re.sub(r"\([^)]*\)", "", base))
    if field is None:
        return None
    if field in IGNORED.get(kind, ()):
        return Column(None)
    if unit is None:
        unit = split_unit_simple(text)[1]
    return Column(field, unit)
