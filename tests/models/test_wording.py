"""Matching real sheets' wording to the value lists (models.wording).

The wordings below are copied from provincial 困难职工档案表 / 填表说明, 驿站 and 职工服务中心
reports and national code tables (GB/T 4754, 4761, 4762, 26341); models/wording/synonyms.py
names each source by letter, and the letter is repeated here. None of them is spelled as the
app's list value, which is the point.
"""

from __future__ import annotations

import pytest

from models import vocab
from models.wording import FLAG_LIST, Matcher, OfficeVocabulary, is_head_relation, synonyms
from models.wording.keys import key


@pytest.fixture
def matcher() -> Matcher:
    return Matcher()


# --- normalisation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("list_name", "wording", "expected"),
    [
        ("work_status", "下（待）岗", "下(待)岗"),  # full-width brackets of a Word form
        ("work_status", "失 (无) 业", "失(无)业"),  # spaces typed around the brackets
        ("political_status", "群　众", "群众"),  # ideographic space padding
        ("facilities", "ＷＩＦＩ", "WiFi"),  # full-width letters, other case
        ("hukou_type", " 非农业 ", "非农业"),
    ],
)
def test_width_spaces_and_case_do_not_make_a_wording_different(
    matcher: Matcher, list_name: str, wording: str, expected: str
) -> None:
    found = matcher.match(list_name, wording)
    assert (found.value, found.how) == (expected, "exact")
    assert not found.reported


@pytest.mark.parametrize(
    ("list_name", "wording", "expected"),
    [
        ("main_cause", "6.患重特大疾病", "患重特大疾病"),  # D's numbered option list, copied
        ("main_cause", "9、子女上学", "子女上学"),
        ("main_cause", "③下岗失业", "下岗失业"),
        ("hardship_class", "【低保户】", "深度困难"),
        ("station_status", "已停用。", "停用"),
    ],
)
def test_numbering_brackets_and_punctuation_around_a_value_are_dropped(
    matcher: Matcher, list_name: str, wording: str, expected: str
) -> None:
    assert matcher.match(list_name, wording).value == expected


@pytest.mark.parametrize(
    ("list_name", "wording", "expected"),
    [
        ("hardship_class", "深度困难户", "深度困难"),  # 户 suffix
        ("work_status", "退休人员", "退休"),  # 人员 suffix
        ("industry", "教育系统", "教育"),  # 系统 suffix
        ("industry", "建筑", "建筑业"),  # 业 left off
        ("main_cause", "因病致困", "患重特大疾病"),  # S: 因病致贫致困
        ("main_cause", "因下岗", "下岗失业"),  # 因X
        ("main_cause", "因学致贫", "子女上学"),
        ("health", "患一般疾病", "一般疾病"),
        ("status", "已解困", "已脱困"),
    ],
)
def test_suffixes_and_yin_forms(
    matcher: Matcher, list_name: str, wording: str, expected: str
) -> None:
    found = matcher.match(list_name, wording)
    assert found.value == expected
    assert found.how in ("synonym", "fuzzy")
    assert found.reported


def test_the_key_folds_every_bracket_shape_and_strips_numbering() -> None:
    assert key("〔1〕听力残疾一级［极重度］") == "听力残疾一级(极重度)"
    assert key("（2）ＡＥＤ") == "aed"
    assert key("12351热线") == "12351热线"  # a number that is part of the value stays


# --- one list at a time: wordings of real forms ------------------------------------------------

REAL_WORDINGS = [
    # M: GB/T 4762 names and the 预备党员 of school and HR forms
    ("political_status", "预备党员", "中共党员", "synonym"),
    ("political_status", "中国共产党预备党员", "中共党员", "synonym"),
    ("political_status", "九三学社社员", "民主党派", "synonym"),
    ("political_status", "无党派民主人士", "其他", "synonym"),
    # A, B, C, E: 健康状况 by disease
    ("health", "癌症", "患重特大疾病", "synonym"),
    ("health", "尿毒症", "患重特大疾病", "synonym"),
    ("health", "恶性肿瘤", "患重特大疾病", "synonym"),
    ("health", "终末期肾病", "患重特大疾病", "synonym"),
    ("health", "严重帕金森病", "患重特大疾病", "synonym"),
    ("health", "高血压病", "一般疾病", "synonym"),
    ("health", "腰颈椎病", "一般疾病", "synonym"),
    # A, B: 工作状态
    ("work_status", "离休", "退休", "synonym"),
    ("work_status", "下岗职工", "下(待)岗", "synonym"),
    # A, B, H: 住房类型 of older forms and the 上海 房屋产权 options
    ("housing_type", "承租单位公房", "租住公房", "synonym"),
    ("housing_type", "政府廉租房", "租住公房", "synonym"),
    ("housing_type", "自购房", "自有住房", "synonym"),
    ("housing_type", "自建房", "自有住房", "synonym"),
    ("housing_type", "经济适用房", "自有住房", "synonym"),
    ("housing_type", "两限房", "自有住房", "synonym"),
    ("housing_type", "售后公房", "自有住房", "synonym"),
    ("housing_type", "租赁私房", "租住私房", "synonym"),
    ("housing_type", "借住亲戚家", "借住", "synonym"),
    ("housing_type", "借住在朋友家", "借住", "fuzzy"),
    # A, B: 所属行业 by the old 系统; L: GB/T 4754 大类 and 2002 门类 names
    ("industry", "纺织系统", "制造业", "synonym"),
    ("industry", "冶金系统", "制造业", "synonym"),
    ("industry", "煤炭系统", "采矿业", "synonym"),
    ("industry", "金融保险业", "金融业", "synonym"),
    ("industry", "医疗卫生", "卫生和社会工作", "synonym"),
    ("industry", "国家机关", "公共管理、社会保障和社会组织", "synonym"),
    ("industry", "道路运输业", "交通运输、仓储和邮政业", "synonym"),
    ("industry", "餐饮业", "住宿和餐饮业", "synonym"),
    ("industry", "信息传输、计算机服务和软件业", "信息传输、软件和信息技术服务业", "synonym"),
    ("industry", "交通运输业", "交通运输、仓储和邮政业", "fuzzy"),
    ("industry", "环境卫生", "水利、环境和公共设施管理业", "synonym"),
    # N: 医保 as real forms name it
    ("medical_insurance", "城镇职工医疗保险", "城镇职工基本医疗保险", "synonym"),
    ("medical_insurance", "城镇居民医疗保险", "城乡居民基本医疗保险", "synonym"),
    ("medical_insurance", "新型农村合作医疗", "城乡居民基本医疗保险", "synonym"),
    ("medical_insurance", "全公费", "公费医疗", "synonym"),
    ("medical_insurance", "未参加医疗保险", "未参保", "fuzzy"),
    ("medical_insurance", "商业医疗保险", "其他", "other"),
    # A, B, F: 困难类别 of older forms
    ("hardship_class", "低保户", "深度困难", "synonym"),
    ("hardship_class", "低保边缘户", "相对困难", "synonym"),
    ("hardship_class", "意外致困户", "意外致困", "synonym"),
    ("hardship_class", "享受低保", "深度困难", "synonym"),
    ("hardship_class", "低保线以上", "相对困难", "synonym"),
    # D, S, T: 致困原因
    ("main_cause", "因病", "患重特大疾病", "synonym"),
    ("main_cause", "因学", "子女上学", "synonym"),
    ("main_cause", "因残", "无劳动能力", "synonym"),
    ("main_cause", "缺劳力", "无劳动能力", "synonym"),
    ("main_cause", "因灾", "遭受自然灾害", "synonym"),
    ("main_cause", "意外伤害", "遭受意外事故", "synonym"),
    ("main_cause", "6", "患重特大疾病", "synonym"),
    ("main_cause", "收入低", "其他", "other"),
    ("main_cause", "交通条件落后", "其他", "other"),
    # Q: 驿站 states
    ("station_status", "正常运营", "运行", "synonym"),
    ("station_status", "在建", "停用", "synonym"),
    ("station_status", "暂停运营", "停用", "synonym"),
    ("station_status", "停止开放", "停用", "synonym"),
    # D: 解困脱困
    ("status", "销档", "已销档", "synonym"),
    ("status", "解困", "已脱困", "synonym"),
    # U: GB/T 4761 家庭关系
    ("relation", "独生子", "子女", "synonym"),
    ("relation", "养女或继女", "子女", "synonym"),
    ("relation", "继父或养父", "父母", "synonym"),
    ("relation", "嫂", "其他", "other"),
    # R, O: 帮扶类别
    ("assistance_category", "助学金", "子女助学/金秋助学", "synonym"),
    ("assistance_category", "金秋助学", "子女助学/金秋助学", "synonym"),
    ("assistance_category", "创业就业服务", "就业帮扶", "synonym"),
    ("assistance_category", "两节送温暖", "送温暖慰问", "synonym"),
    ("assistance_category", "非工伤意外伤害及家庭财产火灾损失免费保障", "其他", "other"),
    # O: 资金来源
    ("funding_source", "县总拨付", "本级工会经费", "synonym"),
    ("funding_source", "省总补助", "上级工会拨款", "synonym"),
    ("funding_source", "市总下拨", "上级工会拨款", "synonym"),
    ("funding_source", "全总下拨", "上级工会拨款", "synonym"),
    ("funding_source", "中央财政帮扶资金", "中央财政", "synonym"),
    ("funding_source", "企业捐赠", "社会捐助", "synonym"),
    ("funding_source", "一日捐", "社会捐助", "synonym"),
    # P, X: station types
    ("station_type", "劳动者港湾", "户外劳动者服务站点", "synonym"),
    ("station_type", "户外职工站", "户外劳动者服务站点", "synonym"),
    ("station_type", "爱心妈咪小屋", "爱心妈妈小屋(母婴室)", "synonym"),
    ("station_type", "妈妈小屋", "爱心妈妈小屋(母婴室)", "synonym"),
    # P: facilities
    ("facilities", "多功能充电设备", "充电", "synonym"),
    ("facilities", "急救药箱", "应急药箱", "synonym"),
    ("facilities", "独立卫生间", "卫生间", "synonym"),
    ("facilities", "储物柜", None, "unmatched"),
    # V: 职工服务中心 windows
    ("functions", "法律维权", "法律援助", "synonym"),
    ("functions", "困难救助", "困难帮扶", "synonym"),
    ("functions", "职工服务热线", "12351热线", "synonym"),
    # identities of family members
    ("identity", "大学生", "学生", "fuzzy"),
    # township sheets of the real-sheets corpus (tests/data/real_sheets/SOURCES.md)
    ("main_cause", "车祸", "遭受意外事故", "synonym"),
    ("main_cause", "没有社保", "未参加社会保险", "synonym"),
    ("main_cause", "无社保", "未参加社会保险", "synonym"),
    ("health", "好", "良好", "synonym"),
    ("assistance_category", "困难补助", "生活救助", "synonym"),
    ("assistance_category", "大病救助", "医疗救助", "synonym"),
    ("functions", "法律咨询", "法律援助", "synonym"),
    ("functions", "普法宣传", "法律援助", "synonym"),
    ("functions", "职业介绍", "就业服务", "synonym"),
    ("activity_category", "普法宣传", "法律援助与维权", "synonym"),
    ("activity_category", "法律咨询", "法律援助与维权", "synonym"),
    ("activity_category", "劳模座谈", "劳模工匠", "synonym"),
    ("host_kind", "农商行", "银行网点", "synonym"),
    ("build_mode", "联建", "共建共享", "synonym"),
]


@pytest.mark.parametrize(("list_name", "wording", "expected", "how"), REAL_WORDINGS)
def test_real_wordings(
    matcher: Matcher, list_name: str, wording: str, expected: str | None, how: str
) -> None:
    found = matcher.match(list_name, wording)
    assert (found.value, found.how) == (expected, how)
    assert found.original == wording
    assert found.reported  # none of them is the list's own spelling


def test_every_list_is_covered_by_a_real_wording() -> None:
    covered = {list_name for list_name, *_ in REAL_WORDINGS}
    descriptive_lists_seen_in_sheets = {
        "political_status", "health", "work_status", "housing_type", "industry",
        "medical_insurance", "hardship_class", "main_cause", "station_status", "status",
        "relation", "assistance_category", "funding_source", "station_type", "facilities",
        "functions", "identity",
    }  # fmt: skip
    assert descriptive_lists_seen_in_sheets <= covered


# --- combined cells ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wording", "kind", "grade"),
    [
        ("肢体四级", "肢体", "四级"),  # issue 10: kind and grade in one cell
        ("听力残疾一级（极重度）", "听力", "一级"),  # C: GB/T 26341 with its degree
        ("言语残疾三级(中度)", "言语", "三级"),
        ("智力残疾（重度）", "智力", "二级"),  # the degree alone gives the grade
        ("一级智残", "智力", "一级"),  # I: older 残疾人证 short forms
        ("三级精残", "精神", "三级"),
        ("二级肢残", "肢体", "二级"),
        ("一级盲", "视力", "一级"),  # J: 盲 is 视力残疾一级/二级 …
        ("二级低视力", "视力", "四级"),  # … and 低视力 三级/四级
        ("一级聋", "听力", None),  # older 聋 grades do not line up with GB/T 26341
        ("肢体4级", "肢体", "四级"),
    ],
)
def test_disability_cells_split_into_kind_and_grade(
    matcher: Matcher, wording: str, kind: str, grade: str | None
) -> None:
    by_kind = matcher.match("disability_kind", wording)
    assert by_kind.value == kind
    assert by_kind.extras.get("disability_grade") == grade
    by_grade = matcher.match("disability_grade", wording)
    assert by_grade.value == grade
    assert by_grade.extras.get("disability_kind") == kind
    assert by_kind.reported and by_grade.reported


@pytest.mark.parametrize(
    ("wording", "kind", "grade"),
    [
        ("肢体四级", "肢体", "四级"),  # issue 10: a 健康状况 cell naming kind and grade
        ("肢残四级", "肢体", "四级"),
        ("视力二级", "视力", "二级"),
        ("听力残疾一级（极重度）", "听力", "一级"),
    ],
)
def test_a_health_cell_naming_a_disability_is_disabled_with_kind_and_grade(
    matcher: Matcher, wording: str, kind: str, grade: str
) -> None:
    found = matcher.match("health", wording)
    assert (found.value, found.how) == ("残疾", "fuzzy")
    assert found.extras == {"disability_kind": kind, "disability_grade": grade}
    assert found.reported


@pytest.mark.parametrize("wording", ["视力差", "精神病", "一级"])
def test_a_health_cell_is_not_a_disability_without_a_kind_and_grade(
    matcher: Matcher, wording: str
) -> None:
    assert matcher.match("health", wording).value != "残疾"


def test_two_kinds_in_one_cell_are_multiple_disability(matcher: Matcher) -> None:
    assert matcher.match("disability_kind", "听力言语残疾").value == "多重"
    assert matcher.match("disability_kind", "视力、肢体").value == "多重"


@pytest.mark.parametrize(
    ("wording", "value", "extra"),
    [
        ("患癌症", "患重特大疾病", {"disease": "癌症"}),
        ("肺癌晚期", "患重特大疾病", {"disease": "肺癌晚期"}),
        ("身患尿毒症", "患重特大疾病", {"disease": "尿毒症"}),
        ("患重特大疾病（尿毒症）", "患重特大疾病", {"disease": "尿毒症"}),
        ("糖尿病", "一般疾病", {"disease": "糖尿病"}),
        ("肢体残疾二级", "残疾", {"disability_kind": "肢体", "disability_grade": "二级"}),
        ("精神残疾", "残疾", {"disability_kind": "精神"}),
        ("精神病", "患重特大疾病", {"disease": "精神病"}),  # a disease, not 精神残疾
    ],
)
def test_health_cells_keep_the_disease_or_the_disability(
    matcher: Matcher, wording: str, value: str, extra: dict[str, str]
) -> None:
    found = matcher.match("health", wording)
    assert found.value == value
    assert found.extras == extra


@pytest.mark.parametrize(
    ("wording", "main", "secondary"),
    [
        ("患重特大疾病、子女上学", "患重特大疾病", ("子女上学",)),
        ("因病,因学", "患重特大疾病", ("子女上学",)),
        ("因病因学", "患重特大疾病", ("子女上学",)),
        ("因病致困因学致困", "患重特大疾病", ("子女上学",)),
        ("6、9", "患重特大疾病", ("子女上学",)),  # D's code numbers
        ("下岗及子女上学", "下岗失业", ("子女上学",)),
        ("因病、大病", "患重特大疾病", ()),  # the same cause twice counts once
        ("单亲、因病", "患重特大疾病", ("其他",)),  # 其他 gives way to a concrete cause
    ],
)
def test_several_causes_become_one_main_and_secondary_ones(
    matcher: Matcher, wording: str, main: str, secondary: tuple[str, ...]
) -> None:
    causes = matcher.match_causes(wording)
    assert causes.main is not None
    assert causes.main.value == main
    assert causes.secondary_values == secondary
    assert causes.overflow == ()
    assert causes.reported


def test_more_than_three_secondary_causes_are_reported_as_overflow(matcher: Matcher) -> None:
    causes = matcher.match_causes("因病、因学、下岗、因灾、火灾")
    assert causes.main is not None and causes.main.value == "患重特大疾病"
    assert causes.secondary_values == ("子女上学", "下岗失业", "遭受自然灾害")
    assert [part.value for part in causes.overflow] == ["遭受意外事故"]
    assert [part.original for part in causes.parts] == ["因病", "因学", "下岗", "因灾", "火灾"]


def test_a_main_cause_column_with_several_causes_carries_the_secondary_ones(
    matcher: Matcher,
) -> None:
    found = matcher.match("main_cause", "患重特大疾病、子女上学")
    assert found.value == "患重特大疾病"
    assert found.extras == {"secondary_causes": "子女上学"}
    assert found.reported


def test_single_parent_and_zero_employment_written_as_causes_set_their_flags(
    matcher: Matcher,
) -> None:
    assert matcher.match("main_cause", "单亲").extras == {"single_parent": "是"}
    causes = matcher.match_causes("单亲家庭、零就业")
    assert causes.extras == {"single_parent": "是", "zero_employment": "是"}
    assert causes.main is not None and causes.main.value == "有劳动能力而未就业"


def test_a_single_cause_cell_is_one_main_cause(matcher: Matcher) -> None:
    causes = matcher.match_causes("因病")
    assert causes.main is not None and causes.main.value == "患重特大疾病"
    assert causes.secondary == ()
    assert matcher.match_causes("").main is None
    assert matcher.match_causes("、 ，").main is None


def test_multi_choice_cells_match_item_by_item(matcher: Matcher) -> None:
    # P: what the 泉州 report lists for its stations
    found = matcher.match_many(
        "facilities", "桌椅、空调、饮水机、微波炉、储物柜、维修工具箱、应急药箱"
    )
    assert [f.value for f in found] == [
        "休息桌椅", "空调/风扇", "饮水", "热饭(微波炉)", None, "维修工具", "应急药箱",
    ]  # fmt: skip
    assert found[4].original == "储物柜" and found[4].how == "unmatched"


def test_items_meaning_the_same_value_count_once(matcher: Matcher) -> None:
    found = matcher.match_many("facilities", "饮水机、茶水、微波炉")
    assert [f.value for f in found] == ["饮水", "热饭(微波炉)"]


# --- ambiguity ---------------------------------------------------------------------------------


def test_a_wording_naming_two_values_is_not_guessed(matcher: Matcher) -> None:
    # A: 单位性质 “国有机关/事业单位”
    found = matcher.match("employer_nature", "国有机关/事业单位")
    assert (found.value, found.how) == ("其他", "other")
    assert found.candidates == ("机关", "事业单位")


@pytest.mark.parametrize(
    ("list_name", "wording", "candidates"),
    [
        (
            "industry",
            "城建系统",
            ("电力、热力、燃气及水生产和供应业", "建筑业", "水利、环境和公共设施管理业"),
        ),
        (
            "industry",
            "社会服务业",
            ("租赁和商务服务业", "水利、环境和公共设施管理业", "居民服务、修理和其他服务业"),
        ),
        ("funding_source", "政府支持", ("中央财政", "省财政", "市县财政")),
        ("marital_status", "单身", ("未婚", "离异", "丧偶")),
    ],
)
def test_known_ambiguous_wordings_propose_their_candidates(
    matcher: Matcher, list_name: str, wording: str, candidates: tuple[str, ...]
) -> None:
    found = matcher.match(list_name, wording)
    assert (found.value, found.how) == (None, "unmatched")
    assert found.candidates == candidates
    assert not found.refused  # descriptive: the row stays, the field is blank


def test_a_short_form_of_a_value_with_commas_is_not_split_apart(matcher: Matcher) -> None:
    # 、 separates items of a list cell, but it is also part of 农、林、牧、渔业 (GB/T 4754 A)
    found = matcher.match("industry", "农、林、牧、渔")
    assert (found.value, found.how) == ("农、林、牧、渔业", "fuzzy")


def test_partial_matches_must_agree_on_negation(matcher: Matcher) -> None:
    assert matcher.match("medical_insurance", "没有医保").value == "未参保"
    # 就业 is inside 有劳动能力而未就业, but that value says 未: no partial match
    assert matcher.match("main_cause", "就业困难").value == "其他"


# --- strict lists ------------------------------------------------------------------------------


def test_strict_lists_refuse_unmatched_wording_naming_the_allowed_values(matcher: Matcher) -> None:
    found = matcher.match("gender", "不详")
    assert found.refused
    assert found.value is None
    assert found.candidates == ("男", "女")
    ambiguous = matcher.match("hardship_class", "困难户")
    assert ambiguous.refused and ambiguous.candidates == ("深度困难", "相对困难")
    assert matcher.match("station_status", "良好").refused


def test_strict_lists_still_take_synonyms(matcher: Matcher) -> None:
    found = matcher.match("hardship_class", "低保边缘户")
    assert not found.refused and found.value == "相对困难"


def test_strictness_can_be_chosen_by_the_caller(matcher: Matcher) -> None:
    assert matcher.match("industry", "军队", strict=True).refused
    loose = matcher.match("gender", "不详", strict=False)
    assert not loose.refused and loose.how == "unmatched"


# --- the office's own vocabulary ---------------------------------------------------------------


def test_office_mappings_win_over_synonyms_and_fill_the_gaps() -> None:
    office = Matcher(
        {
            ("industry", "城建系统"): "建筑业",
            ("station_status", "在建"): "整改",
            ("main_cause", "收入低"): "有劳动能力而未就业",
        }
    )
    assert (
        office.match("industry", "城建系统").value,
        office.match("industry", "城建系统").how,
    ) == (
        "建筑业",
        "office",
    )
    assert office.match("station_status", "在建").value == "整改"  # synonym says 停用
    assert office.match("station_status", "在建").how == "office"
    # a mapping saved for 主要致困原因 serves the secondary causes too
    causes = office.match_causes("因病、收入低")
    assert causes.secondary[0].value == "有劳动能力而未就业"
    assert causes.secondary[0].how == "office"


def test_office_wordings_compare_like_cells() -> None:
    office = Matcher({("industry", "ＣＪ系统"): "建筑业"})
    assert office.match("industry", "cj 系统").value == "建筑业"


def test_an_office_mapping_to_blank_leaves_the_field_blank() -> None:
    office = Matcher({("housing_type", "与父母同住"): None})
    found = office.match("housing_type", "与父母同住")
    assert (found.value, found.how) == (None, "office")
    assert Matcher().match("housing_type", "与父母同住").value == "其他"


def test_office_mappings_outside_the_list_are_set_aside() -> None:
    vocabulary = OfficeVocabulary(
        {("industry", "城建系统"): "城建", ("no_such_list", "x"): "y", ("gender", "M"): "男"}
    )
    assert len(vocabulary) == 1
    assert set(vocabulary.invalid) == {("industry", "城建系统", "城建"), ("no_such_list", "x", "y")}
    assert Matcher(vocabulary).match("industry", "城建系统").value is None


def test_the_office_can_map_yes_no_wording() -> None:
    office = Matcher({(FLAG_LIST, "离异单身"): "是"})
    assert office.match_flag("离异单身").value == "是"
    assert office.match_flag("离异单身").how == "office"


# --- yes/no, heads, reports, cache -------------------------------------------------------------


@pytest.mark.parametrize(
    ("wording", "value", "how"),
    [
        ("是", "是", "exact"),
        ("否", "否", "exact"),
        ("√", "是", "synonym"),
        ("×", "否", "synonym"),
        ("有", "是", "synonym"),
        ("无", "否", "synonym"),
        (1, "是", "synonym"),
        (0, "否", "synonym"),
        ("Y", "是", "synonym"),
        ("是（离异）", "是", "synonym"),
        ("单亲家庭", "是", "synonym"),  # A: 是否单亲 answered with the family's kind
        ("非单亲", "否", "synonym"),
        ("已进入", "是", "synonym"),  # F: 是否进入医保
        ("不清楚", None, "unmatched"),
        ("", None, "exact"),
    ],
)
def test_yes_no_fields(matcher: Matcher, wording: object, value: str | None, how: str) -> None:
    found = matcher.match_flag(wording)
    assert (found.value, found.how) == (value, how)


@pytest.mark.parametrize(("wording", "head"), [("本人", True), ("户主", True), ("妻", False)])
def test_head_rows_of_member_sheets(wording: str, head: bool) -> None:
    assert is_head_relation(wording) is head


def test_report_entries_name_field_wording_target_count_and_how(matcher: Matcher) -> None:
    found = matcher.match("industry", "纺织系统")
    assert found.mapped_entry("industry", 12) == {
        "field": "industry",
        "value": "纺织系统",
        "to": "制造业",
        "count": 12,
        "how": "synonym",
    }
    assert matcher.match("industry", "制造业").mapped_entry("industry") is None
    assert matcher.match("industry", "").mapped_entry("industry") is None
    assert matcher.match("industry", None).value is None


def test_each_distinct_wording_is_matched_once(matcher: Matcher) -> None:
    first = matcher.match("main_cause", "因病")
    assert matcher.match("main_cause", "因病") is first
    assert matcher.match_causes("因病、因学") is matcher.match_causes("因病、因学")


def test_cells_of_different_types_are_cached_apart(matcher: Matcher) -> None:
    assert matcher.match_flag(True).value == "是"
    assert matcher.match("main_cause", 1).value == "无劳动能力"  # D's code 1
    assert matcher.match("main_cause", True).value == "其他"  # a 是 in a cause column


def test_unknown_list_names_are_a_programming_error(matcher: Matcher) -> None:
    with pytest.raises(ValueError, match="no value list"):
        matcher.match("no_such_list", "x")


# --- the tables themselves ---------------------------------------------------------------------


@pytest.mark.parametrize("list_name", sorted(synonyms.SYNONYMS))
def test_synonyms_point_at_values_of_their_own_list(list_name: str) -> None:
    allowed = vocab.CHOICES[list_name]
    variants = {key(w): v for w, v in vocab.VARIANTS.get(list_name, {}).items()}
    for wording, target in synonyms.SYNONYMS[list_name].items():
        assert target in allowed, f"{list_name}: {wording} → {target}"
        assert wording not in allowed, f"{list_name}: {wording} is a value already"
        assert key(wording) not in variants, f"{list_name}: {wording} is in vocab.VARIANTS"


@pytest.mark.parametrize("list_name", sorted(synonyms.AMBIGUOUS))
def test_ambiguous_wordings_name_list_values_and_are_not_synonyms(list_name: str) -> None:
    for wording, candidates in synonyms.AMBIGUOUS[list_name].items():
        assert len(candidates) >= 2
        assert set(candidates) <= set(vocab.CHOICES[list_name])
        assert wording not in synonyms.SYNONYMS.get(list_name, {})


def test_disease_tables_do_not_overlap() -> None:
    assert not set(synonyms.MAJOR_DISEASES) & set(synonyms.GENERAL_DISEASES)
