"""Tests of the fixed value lists: DOMAIN.md wording, registry shape and the accepted spellings."""

from __future__ import annotations

import re

import pytest

from models import vocab
from models.fields import label_of
from models.validation import fold_text, parse_choice

# Copied from DOMAIN.md by hand, so that an edit to vocab.py cannot silently change the wording.
DOMAIN_LISTS: dict[str, tuple[str, ...]] = {
    "gender": ("男", "女"),
    "political_status": ("中共党员", "共青团员", "群众", "民主党派", "其他"),
    "health": ("良好", "一般疾病", "患重特大疾病", "残疾"),
    "disability_kind": ("视力", "听力", "言语", "智力", "肢体", "精神", "多重"),
    "disability_grade": ("一级", "二级", "三级", "四级"),
    "work_status": ("在岗", "下(待)岗", "失(无)业", "退休", "病休", "内退", "农民工"),
    "model_worker": ("全国劳模", "省部级劳模", "地市级劳模", "其他", "无"),
    "marital_status": ("已婚", "未婚", "离异", "丧偶"),
    "hukou_type": ("非农业", "农业", "农转居"),
    "hardship_class": ("深度困难", "相对困难", "意外致困"),
    "main_cause": (
        "无劳动能力", "有劳动能力而未就业", "下岗失业", "未参加社会保险",
        "社会保险待遇落实不到位", "患重特大疾病", "遭受自然灾害", "遭受意外事故", "子女上学",
        "其他",
    ),
    "status": ("在档", "已脱困", "已销档"),
    "lift_route": ("就业创业", "社保兜底", "社会救助", "工会帮扶", "其他"),
    "close_reason": ("死亡", "退休", "调离", "不再符合条件", "重复建档"),
    "assistance_category": (
        "生活救助", "医疗救助", "子女助学/金秋助学", "送温暖慰问", "临时救助", "就业帮扶", "其他",
    ),
    "funding_source": (
        "中央财政", "省财政", "市县财政", "本级工会经费", "上级工会拨款", "社会捐助",
    ),
    "station_type": (
        "县级职工服务中心", "乡镇(街道)职工服务站", "村(社区)职工服务点", "企业职工服务站",
        "户外劳动者服务站点", "职工书屋", "爱心妈妈小屋(母婴室)", "职工法律援助工作站",
        "爱心早餐供应点",
    ),
    "build_mode": ("工会自建", "共建共享"),
    "station_status": ("运行", "整改", "停用", "撤销"),
    "facilities": (
        "饮水", "热饭(微波炉)", "休息桌椅", "空调/风扇", "卫生间", "充电", "应急药箱", "冰箱",
        "WiFi", "书报", "雨具", "维修工具", "AED",
    ),
    "functions": (
        "困难帮扶", "法律援助", "信访接待", "就业服务", "技能培训", "心理咨询", "医疗互助",
        "12351热线",
    ),
    "demo_level": ("全国", "省", "市"),
    "nursing_grade": ("基础", "舒适"),
    "activity_category": (
        "思想引领", "职工文化", "劳动和技能竞赛", "职工技能培训", "劳模工匠", "送温暖", "夏送清凉",
        "金秋助学", "春送岗位/就业服务", "法律援助与维权", "建会入会", "劳动保护(安康杯)",
        "疫情防控", "其他",
    ),
}  # fmt: skip

REGISTRY_KEYS = {
    "gender", "ethnicity", "political_status", "health", "disability_kind", "disability_grade",
    "work_status", "model_worker", "marital_status", "hukou_type", "housing_type",
    "employer_nature", "industry", "medical_insurance", "hardship_class", "main_cause",
    "secondary_causes", "status", "lift_route", "close_reason", "relation", "identity",
    "assistance_category", "activity_category", "funding_source", "station_type", "host_kind",
    "build_mode", "station_status", "facilities", "functions", "demo_level", "nursing_grade",
}  # fmt: skip


def test_registry_has_exactly_the_agreed_keys() -> None:
    assert set(vocab.CHOICES) == REGISTRY_KEYS
    assert set(vocab.VARIANTS) <= REGISTRY_KEYS


@pytest.mark.parametrize("field", sorted(DOMAIN_LISTS))
def test_lists_are_domain_wording_word_for_word(field: str) -> None:
    assert vocab.CHOICES[field] == DOMAIN_LISTS[field]


def test_secondary_causes_share_the_main_cause_list() -> None:
    assert vocab.CHOICES["secondary_causes"] is vocab.CHOICES["main_cause"]
    assert vocab.MAX_SECONDARY_CAUSES == 3


def test_fifty_six_ethnic_groups() -> None:
    assert len(vocab.ETHNICITIES) == 56
    assert len(set(vocab.ETHNICITIES)) == 56
    assert all(name.endswith("族") for name in vocab.ETHNICITIES)
    assert vocab.ETHNICITIES[0] == "汉族"
    assert {"维吾尔族", "柯尔克孜族", "乌孜别克族", "基诺族"} <= set(vocab.ETHNICITIES)


def test_fourteen_activity_categories_and_nine_station_types() -> None:
    assert len(vocab.ACTIVITY_CATEGORIES) == 14
    assert len(vocab.STATION_TYPES) == 9


def test_industries_are_the_twenty_gbt_4754_sections() -> None:
    assert list(vocab.INDUSTRY_SECTIONS) == [chr(code) for code in range(ord("A"), ord("T") + 1)]
    assert vocab.INDUSTRIES[2] == "制造业"


def test_legacy_hardship_classes_map_to_current_ones() -> None:
    assert vocab.HARDSHIP_LEGACY == {
        "低保户": "深度困难",
        "低保边缘户": "相对困难",
        "意外致困户": "意外致困",
    }


def test_standard_kit_is_made_of_facilities() -> None:
    assert set(vocab.STATION_STANDARD_KIT) <= set(vocab.STATION_FACILITIES)


def test_multi_choice_fields_are_registry_keys() -> None:
    assert vocab.MULTI_CHOICE_FIELDS <= REGISTRY_KEYS


@pytest.mark.parametrize("field", sorted(REGISTRY_KEYS))
def test_list_values_are_unique_folded_and_nonempty(field: str) -> None:
    values = vocab.CHOICES[field]
    assert values, field
    assert len(set(values)) == len(values)
    assert all(value and fold_text(value) == value for value in values)


@pytest.mark.parametrize("field", sorted(REGISTRY_KEYS))
def test_every_list_has_a_chinese_label(field: str) -> None:
    label = vocab.LIST_LABELS.get(field) or label_of(field)
    assert re.search(r"[\u4e00-\u9fff]", label), f"{field} has no Chinese label"


@pytest.mark.parametrize("field", sorted(vocab.VARIANTS))
def test_variants_point_at_values_of_their_own_list(field: str) -> None:
    allowed = set(vocab.CHOICES[field])
    for spelling, target in vocab.VARIANTS[field].items():
        assert target in allowed, f"{field}: {spelling} → {target}"
        assert spelling not in allowed, f"{field}: variant {spelling} is itself a value"


@pytest.mark.parametrize("field", sorted(REGISTRY_KEYS))
def test_every_value_and_variant_parses_to_its_value(field: str) -> None:
    for value in vocab.CHOICES[field]:
        assert parse_choice(field, value) == value
    for spelling, target in vocab.VARIANTS.get(field, {}).items():
        assert parse_choice(field, spelling) == target, f"{field}: {spelling}"


@pytest.mark.parametrize(
    ("field", "spelling", "expected"),
    [
        ("hardship_class", "深度困难职工", "深度困难"),
        ("hardship_class", "低保户", "深度困难"),
        ("hardship_class", "低保边缘户", "相对困难"),
        ("hardship_class", "意外致困户", "意外致困"),
        ("gender", "男性", "男"),
        ("ethnicity", "汉", "汉族"),
        ("ethnicity", "维族", "维吾尔族"),
        ("ethnicity", "蒙古", "蒙古族"),
        ("political_status", "党员", "中共党员"),
        ("political_status", "团员", "共青团员"),
        ("station_type", "工会驿站", "户外劳动者服务站点"),
        ("station_type", "爱心驿站", "户外劳动者服务站点"),
        ("station_type", "户外劳动者驿站", "户外劳动者服务站点"),
        ("station_type", "母婴室", "爱心妈妈小屋(母婴室)"),
        ("facilities", "空调", "空调/风扇"),
        ("facilities", "微波炉", "热饭(微波炉)"),
        ("station_status", "运行中", "运行"),
        ("industry", "C制造业", "制造业"),
        ("industry", "农林牧渔业", "农、林、牧、渔业"),
        ("disability_grade", "2级", "二级"),
        ("relation", "妻子", "配偶"),
        ("identity", "在读", "学生"),
        ("activity_category", "安康杯", "劳动保护(安康杯)"),
    ],
)
def test_brief_examples_of_variants(field: str, spelling: str, expected: str) -> None:
    assert parse_choice(field, spelling) == expected
