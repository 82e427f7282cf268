"""An import's choice cells read through the wording matcher (models.normalize.read_choice), and the
clerk's original wording kept on the record as long as the value it explains (models.wording.original).

Wordings are the researched ones of tests/models/test_wording.py and issue 10's township sheets.
"""

from __future__ import annotations

import pytest

from models.errors import UnmappedChoice
from models.normalize import normalize_field, read_choice, settle_row
from models.wording import Matcher
from models.wording.original import KeptWording, describe, merged


@pytest.fixture
def matcher() -> Matcher:
    return Matcher()


# --- names --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "typed", "stored"),
    [
        ("households", "王　芳", "王芳"),  # ideographic space lining up a two-character name
        ("households", " 欧阳 娜娜 ", "欧阳娜娜"),
        ("members", "李　小　明", "李小明"),
        ("members", "阿依古丽 · 买买提", "阿依古丽·买买提"),
        ("households", "John Smith", "John Smith"),  # a space between Latin words is the name's
    ],
)
def test_names_are_stored_without_padding(kind: str, typed: str, stored: str) -> None:
    assert normalize_field(kind, "name", typed) == stored


# --- one cell -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "wording", "value"),
    [
        ("main_cause", "因病", "患重特大疾病"),
        ("main_cause", "因学", "子女上学"),
        ("industry", "交通运输业", "交通运输、仓储和邮政业"),
        ("industry", "教育系统", "教育"),
        ("housing_type", "借住亲戚家", "借住"),
        ("political_status", "预备党员", "中共党员"),
        ("medical_insurance", "城镇职工医疗保险", "城镇职工基本医疗保险"),
        ("housing_type", "住在桥洞下", "其他"),  # nothing like it: 其他, the wording kept
    ],
)
def test_descriptive_wording_is_stored_as_its_list_value_and_kept(
    matcher: Matcher, field: str, wording: str, value: str
) -> None:
    found = read_choice("households", field, wording, matcher)
    assert found.problem is None
    assert (found.value, found.original) == (value, wording)
    assert [(f, m.original) for f, m in found.parts] == [(field, wording)]


def test_the_lists_own_wording_is_not_kept_or_reported(matcher: Matcher) -> None:
    found = read_choice("households", "industry", "制造业", matcher)
    assert (found.value, found.original, found.parts, found.problem) == ("制造业", None, (), None)


def test_unmatched_wording_of_a_list_without_other_leaves_the_field_blank(matcher: Matcher) -> None:
    found = read_choice("households", "industry", "不详", matcher)
    assert (found.value, found.original, found.problem) == (None, "不详", None)
    # 民族 too: a blank stays blank (never 汉族), the clerk's wording is kept
    found = read_choice("households", "ethnicity", "穿青人", matcher)
    assert (found.value, found.original, found.problem) == (None, "穿青人", None)
    assert found.parts[0][1].how == "unmatched"


@pytest.mark.parametrize(
    ("kind", "field", "wording"),
    [
        ("households", "gender", "不详"),  # strict list
        ("households", "hardship_class", "特别困难"),  # strict and required
        ("assistance", "funding_source", "自己想办法"),  # required, and no 其他 to fall back on
    ],
)
def test_wording_that_cannot_be_blank_or_other_is_refused_naming_the_values(
    matcher: Matcher, kind: str, field: str, wording: str
) -> None:
    found = read_choice(kind, field, wording, matcher)
    assert isinstance(found.problem, UnmappedChoice)
    assert found.problem.code == "invalid_choice" and found.problem.field == field
    assert wording in found.problem.message and "--map" in found.problem.message


def test_an_office_mapping_makes_a_strict_wording_acceptable() -> None:
    office = Matcher({("hardship_class", "特别困难"): "深度困难"})
    found = read_choice("households", "hardship_class", "特别困难", office)
    assert found.problem is None and found.value == ("深度困难", None)
    assert found.parts[0][1].how == "office" and found.original == "特别困难"


def test_a_legacy_class_keeps_its_own_column_not_the_wording(matcher: Matcher) -> None:
    found = read_choice("households", "hardship_class", "低保户", matcher)
    assert found.value == ("深度困难", "低保户") and found.original is None


def test_yes_no_cells(matcher: Matcher) -> None:
    assert read_choice("households", "single_parent", "√", matcher).value is True
    worded = read_choice("households", "single_parent", "单亲", matcher)
    assert (worded.value, worded.original) == (True, "单亲")
    assert read_choice("households", "single_parent", "不详", matcher).value is None


def test_multi_choice_cells_map_item_by_item(matcher: Matcher) -> None:
    found = read_choice("stations", "facilities", "饮水、热饭、休息", matcher)
    assert found.value == ("饮水", "热饭(微波炉)", "休息桌椅")
    assert found.original == "饮水、热饭、休息"
    assert sorted(m.original for _, m in found.parts) == ["休息", "热饭"]


def test_several_causes_in_one_cell_are_reported_as_the_cell(matcher: Matcher) -> None:
    found = read_choice("households", "main_cause", "因病、因学", matcher)
    assert found.value == "患重特大疾病"
    assert dict(found.extra)["secondary_causes"] == "子女上学"
    ((field, match),) = found.parts
    assert (field, match.original, match.value, match.how) == (
        "main_cause", "因病、因学", "患重特大疾病", "synonym"
    )  # fmt: skip


# --- one row ------------------------------------------------------------------------------------


def test_what_a_cell_says_about_other_fields_fills_only_blank_ones(matcher: Matcher) -> None:
    cells = {"disability_kind": "肢体四级", "main_cause": "患重特大疾病、子女上学、单亲"}
    values: dict = {}
    worded = {}
    for field, text in cells.items():
        worded[field] = read_choice("households", field, text, matcher)
        values[field] = worded[field].value
    settle_row("households", values, worded, set(cells))
    assert values["disability_kind"] == "肢体" and values["disability_grade"] == "四级"
    assert values["secondary_causes"] == ("子女上学", "其他")
    assert values["single_parent"] is True
    assert values["original_wording"] == cells
    # The sheet's own 残疾等级 column wins over what the 残疾 cell implies.
    values = {"disability_kind": "肢体", "disability_grade": "三级"}
    settle_row("households", values, {"disability_kind": worded["disability_kind"]},
               {"disability_kind", "disability_grade"})  # fmt: skip
    assert values["disability_grade"] == "三级"


def test_the_main_cause_is_not_repeated_among_the_secondary_ones(matcher: Matcher) -> None:
    values = {"main_cause": "患重特大疾病", "secondary_causes": ("患重特大疾病", "子女上学")}
    settle_row("households", values, {}, set(values))
    assert values["secondary_causes"] == ("子女上学",)


# --- the kept wording ---------------------------------------------------------------------------


def test_a_wording_lives_as_long_as_the_value_it_explains() -> None:
    old = {"main_cause": "因病", "industry": "交通运输业"}
    assert merged(old, None, ["industry"]) == {"main_cause": "因病"}  # a form changed 行业
    assert merged(old, {"industry": "运输"}, ["industry"]) == {**old, "industry": "运输"}
    assert merged(old, {"main_cause": "大病"}, []) == old  # same value, other words: kept as is
    assert merged(None, {"main_cause": "因病"}, [], new=True) == {"main_cause": "因病"}
    assert merged({"industry": "x"}, None, ["industry"]) is None


def test_the_kept_wording_reads_as_label_and_text_with_numbers_masked() -> None:
    kept = KeptWording("households", {"industry": "交通运输业", "main_cause": "因病"})
    assert str(kept) == "所属行业：交通运输业；主要致困原因：因病"
    assert kept["main_cause"] == "因病" and dict(kept) == {
        "industry": "交通运输业", "main_cause": "因病"
    }  # fmt: skip
    assert hash(kept) == hash(KeptWording("households", dict(kept)))
    assert describe("households", {"ethnicity": "见411602199001011234"}) == (
        "民族：见411602********1234"
    )
