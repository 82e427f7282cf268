"""How township clerks word the values, and what a correct import stores for each (see SOURCES.md).

Each table maps a sheet's wording to (the stored values, the `how` the import report must give).
The canonical side is DOMAIN.md's national lists; `how` is "synonym" when the wording needs a
researched table (因病 → 患重特大疾病), "fuzzy" when normalising or a prefix/containment match to a
single list value finds it (深度困难职工 → 深度困难, 下岗 → 下岗失业), "other" when nothing matches
and the field takes 其他 (or blank), the wording kept. None: DOMAIN.md gives no list for the field
(医保, 住房) so neither a mapping nor a stored value is asserted, only that the row is accepted.
A wording absent from a table is a list value itself (no mapping is reported).
"""

from __future__ import annotations

from typing import Any

from tests.data.real_sheets._book import any_of, mapped

Stored = dict[str, Any]
Entry = tuple[Stored, str | None]

# 致困原因 (main + secondary). Sources: 困难职工档案表及填报说明 (numbered 1–10 list), 建档说明
# (因病致贫 / 因学致贫), issue 10 (因病、因学、单亲、收入低).
CAUSES: dict[str, Entry] = {
    "因病": ({"main_cause": "患重特大疾病"}, "synonym"),
    "因学": ({"main_cause": "子女上学"}, "synonym"),
    "因病致贫": ({"main_cause": "患重特大疾病"}, "synonym"),
    "因学致贫": ({"main_cause": "子女上学"}, "synonym"),
    "因灾": ({"main_cause": "遭受自然灾害"}, "synonym"),
    "车祸": ({"main_cause": "遭受意外事故"}, "synonym"),
    "大病": ({"main_cause": "患重特大疾病"}, "synonym"),
    "6": ({"main_cause": "患重特大疾病"}, "synonym"),  # the form's numbered list: 6.患重特大疾病
    "9": ({"main_cause": "子女上学"}, "synonym"),
    "没有社保": ({"main_cause": "未参加社会保险"}, "synonym"),
    "下岗": ({"main_cause": "下岗失业"}, "fuzzy"),
    "失业": ({"main_cause": "下岗失业"}, "fuzzy"),
    "未就业": ({"main_cause": "有劳动能力而未就业"}, "fuzzy"),
    "丧失劳动能力": ({"main_cause": "无劳动能力"}, "synonym"),
    "单亲": ({"main_cause": "其他"}, "other"),
    "收入低": ({"main_cause": "其他"}, "other"),
    "家庭负担重": ({"main_cause": "其他"}, "other"),
    "因病、因学": (
        {"main_cause": "患重特大疾病", "secondary_causes": ["子女上学"]},
        "synonym",
    ),
    "患重特大疾病、子女上学": (
        {"main_cause": "患重特大疾病", "secondary_causes": ["子女上学"]},
        "synonym",
    ),
    "下岗失业，子女上学": (
        {"main_cause": "下岗失业", "secondary_causes": ["子女上学"]},
        "synonym",
    ),
    "因病，因学，因灾": (
        {"main_cause": "患重特大疾病", "secondary_causes": ["子女上学", "遭受自然灾害"]},
        "synonym",
    ),
}
EXACT_CAUSES = (
    "无劳动能力", "有劳动能力而未就业", "下岗失业", "未参加社会保险", "社会保险待遇落实不到位",
    "患重特大疾病", "遭受自然灾害", "遭受意外事故", "子女上学", "其他",
)  # fmt: skip

# 困难类别 (strict, so only wordings a synonym or a normalised match reaches are accepted).
# Sources: 建档说明 (低保户/低保边缘户/意外致困户), 困難職工檔案表 (享受低保/低保线以上), DOMAIN §1.
CLASSES: dict[str, Entry] = {
    "深度困难职工": ({"hardship_class": "深度困难"}, "fuzzy"),
    "相对困难职工": ({"hardship_class": "相对困难"}, "fuzzy"),
    "意外致困职工": ({"hardship_class": "意外致困"}, "fuzzy"),
    "意外致困户": ({"hardship_class": "意外致困"}, "fuzzy"),
    "低保户": ({"hardship_class": "深度困难"}, "synonym"),
    "低保边缘户": ({"hardship_class": "相对困难"}, "synonym"),
    "享受低保": ({"hardship_class": "深度困难"}, "synonym"),
    # 低保线以上: above the line yet in hardship — never the deepest class. (未享受低保 is left out:
    # below the line but not receiving 低保 could be either class.)
    "低保线以上": ({"hardship_class": "相对困难"}, "synonym"),
}

# 健康状况 (+ 疾病名称). Sources: 填表说明 disease lists (癌症、尿毒症 …), 助学申请表 (健康).
HEALTH: dict[str, Entry] = {
    "健康": ({"health": "良好"}, "synonym"),
    "好": ({"health": "良好"}, "synonym"),
    "一般": ({"health": "一般疾病"}, "fuzzy"),
    "癌症": ({"health": "患重特大疾病", "disease": "癌症"}, "synonym"),
    "尿毒症": ({"health": "患重特大疾病", "disease": "尿毒症"}, "synonym"),
    "恶性肿瘤": ({"health": "患重特大疾病", "disease": "恶性肿瘤"}, "synonym"),
    "白血病": ({"health": "患重特大疾病", "disease": "白血病"}, "synonym"),
    # 残疾 with its kind and grade written in the 健康状况 cell (残疾情况 left blank).
    "肢残二级": (
        {"health": "残疾", "disability_kind": "肢体", "disability_grade": "二级"},
        "fuzzy",
    ),
    "视力三级": (
        {"health": "残疾", "disability_kind": "视力", "disability_grade": "三级"},
        "fuzzy",
    ),
}

# 残疾: kind and grade in one cell. Sources: 填表说明 (听力残疾一级(极重度) …), issue 10 (肢体四级).
DISABILITY: dict[str, Entry] = {
    "肢体四级": ({"disability_kind": "肢体", "disability_grade": "四级"}, "fuzzy"),
    "肢体残疾二级": ({"disability_kind": "肢体", "disability_grade": "二级"}, "fuzzy"),
    "听力残疾一级（极重度）": ({"disability_kind": "听力", "disability_grade": "一级"}, "fuzzy"),
    "二级智力残疾": ({"disability_kind": "智力", "disability_grade": "二级"}, "fuzzy"),
}

# 政治面貌. Source: 助学申请表填表说明 (中共党员、中共预备党员、共青团员、群众).
POLITICAL: dict[str, Entry] = {
    "党员": ({"political_status": "中共党员"}, "fuzzy"),
    "预备党员": ({"political_status": "中共党员"}, "synonym"),
    "中共预备党员": ({"political_status": "中共党员"}, "synonym"),
    "团员": ({"political_status": "共青团员"}, "fuzzy"),
    "无党派人士": ({"political_status": "其他"}, "other"),
}

# 工作状态 / 身份. Source: 解困脱困档案表 (在岗、下(待)岗、失(无)业、退休、病休、内退、农民工).
WORK: dict[str, Entry] = {
    "下岗": ({"work_status": "下(待)岗"}, "fuzzy"),
    "下岗职工": ({"work_status": "下(待)岗"}, "fuzzy"),
    "待岗": ({"work_status": "下(待)岗"}, "fuzzy"),
    "失业": ({"work_status": "失(无)业"}, "fuzzy"),
    "无业": ({"work_status": "失(无)业"}, "fuzzy"),
    "在职": ({"work_status": "在岗"}, "synonym"),
    "进城务工": ({"work_status": "农民工"}, "synonym"),
    "灵活就业": ({"work_status": None}, "other"),  # the list has no 其他: blank, wording kept
}

MARITAL: dict[str, Entry] = {
    "离婚": ({"marital_status": "离异"}, "synonym"),
    "再婚": ({"marital_status": "已婚"}, "synonym"),
    "初婚": ({"marital_status": "已婚"}, "synonym"),
}
HUKOU: dict[str, Entry] = {
    "城镇": ({"hukou_type": "非农业"}, "synonym"),
    "农村": ({"hukou_type": "农业"}, "synonym"),
    "城镇户口": ({"hukou_type": "非农业"}, "synonym"),
}
MODEL_WORKER: dict[str, Entry] = {
    "市级劳模": ({"model_worker": "地市级劳模"}, "fuzzy"),
    "省级劳模": ({"model_worker": "省部级劳模"}, "synonym"),
}
ETHNICITY: dict[str, Entry] = {
    "汉": ({"ethnicity": "汉族"}, "fuzzy"),
    "回": ({"ethnicity": "回族"}, "fuzzy"),
}
GENDER: dict[str, Entry] = {
    "男性": ({"gender": "男"}, "fuzzy"),
    "女性": ({"gender": "女"}, "fuzzy"),
}

# Fields whose national list DOMAIN.md does not spell out: only acceptance (and, where one list
# value is certain, its spelling) is asserted. 所属行业 follows GB/T 4754-2017's 门类.
INDUSTRY: dict[str, Entry] = {
    "交通运输业": ({"industry": any_of("交通运输、仓储和邮政业")}, "fuzzy"),
    "教育系统": ({"industry": any_of("教育")}, "fuzzy"),
    "建筑": ({"industry": any_of("建筑业")}, "fuzzy"),
    "餐饮业": ({"industry": any_of("住宿和餐饮业")}, "fuzzy"),
    "纺织系统": ({}, None),
    "环卫": ({}, None),
}
INSURANCE: dict[str, Entry] = {
    "城镇职工医疗保险": ({}, None),
    "新农合": ({}, None),
    "居民医保": ({}, None),
    "无": ({}, None),
}
HOUSING: dict[str, Entry] = {
    "借住亲戚家": ({}, None),
    "租房": ({}, None),
    "自购房": ({}, None),
    "自建房": ({}, None),
    "廉租房": ({}, None),
}
TABLES: dict[str, dict[str, Entry]] = {
    "main_cause": CAUSES,
    "hardship_class": CLASSES,
    "health": HEALTH,
    "disability_kind": DISABILITY,
    "political_status": POLITICAL,
    "work_status": WORK,
    "marital_status": MARITAL,
    "hukou_type": HUKOU,
    "model_worker": MODEL_WORKER,
    "ethnicity": ETHNICITY,
    "gender": GENDER,
    "industry": INDUSTRY,
    "medical_insurance": INSURANCE,
    "housing_type": HOUSING,
}


def stored(field_name: str, wording: str) -> tuple[Stored, list[dict[str, Any]]]:
    """What a correct import stores for `wording` in that field, and the mapping it reports."""
    table = TABLES[field_name]
    if wording not in table:
        return {field_name: wording}, []
    values, how = table[wording]
    if how is None:  # the list's spelling is not known here: acceptance is all that is asserted
        return dict(values), []
    first_value = next(iter(values.values()), None)
    to = first_value if not isinstance(first_value, dict) else None
    return dict(values), [mapped(field_name, wording, to, how)]
