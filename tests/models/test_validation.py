"""Tests of the shared normalisation rules: each accepted form, each refusal and its message."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from models import validation as v
from models.errors import (
    InvalidAmount,
    InvalidChoice,
    InvalidDate,
    InvalidIdNumber,
    InvalidMonth,
    InvalidValue,
    LedgerError,
    MissingRequired,
)
from models.validation import (
    Axis,
    IdInfo,
    build_id_number,
    check_id_consistency,
    clean_text,
    fold_text,
    format_yuan,
    id_check_char,
    id_number_info,
    is_blank,
    normalize_bank_card,
    normalize_id_number,
    normalize_phone,
    parse_bool,
    parse_choice,
    parse_choices,
    parse_coordinate,
    parse_date,
    parse_decimal,
    parse_hardship_class,
    parse_int,
    parse_money,
    parse_month,
    parse_star_level,
    split_list,
)
from models.vocab import CHOICES

VALID_ID = "11010519491231002X"  # the GB 11643 standard's own example
CJK = re.compile(r"[\u4e00-\u9fff]")


def assert_clear_chinese(error: LedgerError, label: str) -> None:
    """Message is Chinese, names the field and ends a sentence (what is wrong + what to do)."""
    message = error.message
    assert CJK.search(message), message
    assert label in message, message
    assert message.endswith(("。", "？")), message


# --- fold_text, clean_text, is_blank, split_list ------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＡＢＣ１２３", "ABC123"),
        ("  张\u3000三  ", "张 三"),
        ("a\u00a0\t\n b", "a b"),
        ("（下）", "(下)"),
        ("面积120㎡", "面积120㎡"),
        ("中文不变", "中文不变"),
        ("零\u200b宽", "零宽"),
        ("", ""),
    ],
)
def test_fold_text(raw: str, expected: str) -> None:
    assert fold_text(raw) == expected


def test_fold_text_covers_the_whole_full_width_block() -> None:
    full = "".join(chr(code) for code in range(0xFF01, 0xFF5F))
    half = "".join(chr(code) for code in range(0x21, 0x7F))
    assert fold_text(full) == half


@pytest.mark.parametrize("value", [None, "", "  ", "\u3000", "\t\n", float("nan")])
def test_is_blank(value: object) -> None:
    assert is_blank(value)


@pytest.mark.parametrize("value", [0, "0", "a", 0.0, False])
def test_is_not_blank(value: object) -> None:
    assert not is_blank(value)


def test_clean_text() -> None:
    assert clean_text("  李　四 ", "name") == "李 四"
    assert clean_text(None, "name") is None
    assert clean_text("   ", "name") is None
    assert clean_text(2023001.0, "file_no") == "2023001"
    assert clean_text(2023001, "file_no") == "2023001"
    assert clean_text(date(2025, 3, 18), "remarks") == "2025-03-18"


def test_clean_text_multiline_keeps_line_breaks() -> None:
    text = " 第一行　\n\n\n\n  第二行 "
    assert clean_text(text, "remarks", multiline=True) == "第一行\n\n第二行"
    assert clean_text(text, "remarks") == "第一行 第二行"


def test_clean_text_required() -> None:
    with pytest.raises(MissingRequired) as caught:
        clean_text("  ", "name", required=True)
    assert caught.value.code == "missing_required"
    assert_clear_chinese(caught.value, "姓名")


def test_clean_text_too_long() -> None:
    with pytest.raises(InvalidValue) as caught:
        clean_text("一二三四五六", "name", max_len=5)
    assert "最多5个字" in caught.value.message
    assert_clear_chinese(caught.value, "姓名")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("饮水、空调，WiFi", ["饮水", "空调", "WiFi"]),
        ("a,b;c；d/e／f|g｜h", list("abcdefgh")),
        ("饮水\n书报\r\n雨具", ["饮水", "书报", "雨具"]),
        ("饮水、、 、饮水", ["饮水"]),
        ("ＷｉＦｉ、 冰箱 ", ["WiFi", "冰箱"]),
        (["冰箱", " 冰箱", "", None, "饮水"], ["冰箱", "饮水"]),
        ("", []),
        (None, []),
    ],
)
def test_split_list(raw: object, expected: list[str]) -> None:
    assert split_list(raw) == expected


# --- 身份证号: properties ------------------------------------------------------------------------

regions = st.from_regex(r"[1-9][0-9]{5}", fullmatch=True)
birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=date.today())
sequences = st.integers(min_value=0, max_value=999)


@given(regions, birth_dates, sequences)
def test_generated_ids_are_accepted_and_round_trip(region: str, born: date, seq: int) -> None:
    id18 = build_id_number(region, born, seq)
    assert len(id18) == 18
    assert normalize_id_number(id18) == id18
    assert normalize_id_number(id18.lower()) == id18
    assert normalize_id_number(f" {id18[:6]} {id18[6:14]} {id18[14:]} ") == id18
    info = id_number_info(id18)
    assert info == IdInfo(born, "男" if seq % 2 else "女", region)


@given(regions, birth_dates, sequences, st.integers(0, 17), st.sampled_from("0123456789X"))
def test_any_single_character_change_is_refused(
    region: str, born: date, seq: int, position: int, replacement: str
) -> None:
    id18 = build_id_number(region, born, seq)
    assume(id18[position] != replacement)
    changed = id18[:position] + replacement + id18[position + 1 :]
    assert changed != id18
    with pytest.raises(InvalidIdNumber) as caught:
        normalize_id_number(changed)
    assert caught.value.code in {"id_checksum", "id_birthdate", "id_length"}


@given(regions, birth_dates, sequences, st.integers(0, 15))
def test_adjacent_transpositions_are_refused(
    region: str, born: date, seq: int, position: int
) -> None:
    id18 = build_id_number(region, born, seq)
    a, b = id18[position], id18[position + 1]
    assume(a != b)
    swapped = id18[:position] + b + a + id18[position + 2 :]
    with pytest.raises(InvalidIdNumber):
        normalize_id_number(swapped)


@given(regions, st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)), sequences)
def test_fifteen_digit_ids_upgrade_correctly(region: str, born: date, seq: int) -> None:
    legacy = f"{region}{born:%y%m%d}{seq:03d}"
    assert normalize_id_number(legacy) == build_id_number(region, born, seq)
    assert normalize_id_number(int(legacy)) == build_id_number(region, born, seq)


@given(regions, birth_dates, sequences)
def test_eighteen_digit_numbers_from_excel_are_refused(region: str, born: date, seq: int) -> None:
    id18 = build_id_number(region, born, seq)
    if id18.endswith("X"):
        id18 = id18[:-1] + "0"  # only all-digit IDs can become numbers at all
    as_float = float(id18)
    for value in (as_float, f"{as_float:.5E}", str(as_float), int(id18), Decimal(id18)):
        with pytest.raises(InvalidIdNumber) as caught:
            normalize_id_number(value)
        assert caught.value.code == "id_precision_lost"


# --- 身份证号: examples -------------------------------------------------------------------------


def test_check_char_of_the_standard_example() -> None:
    assert id_check_char("11010519491231002") == "X"
    with pytest.raises(ValueError):
        id_check_char("1101051949123100")


def test_build_id_number_checks_its_arguments() -> None:
    with pytest.raises(ValueError):
        build_id_number("11010", date(1990, 1, 1), 1)
    with pytest.raises(ValueError):
        build_id_number("110105", date(1990, 1, 1), 1000)


@pytest.mark.parametrize(
    "value",
    [
        "11010519491231002x",
        "110105-19491231-002X",
        "１１０１０５１９４９１２３１００２Ｘ",
        "'11010519491231002X",
        "110105 1949 1231 002X",
    ],
)
def test_id_spellings_are_normalised(value: str) -> None:
    assert normalize_id_number(value) == VALID_ID


def test_fifteen_digit_example() -> None:
    assert normalize_id_number("110105491231002") == VALID_ID
    assert normalize_id_number(110105491231002.0) == VALID_ID
    assert normalize_id_number("110105491231002.0") == VALID_ID


@pytest.mark.parametrize(
    "value",
    [
        4.11602e17,
        411602199001011000.0,
        "4.11602E+17",
        "4.11602e17",
        "４.１１６０２Ｅ＋１７",
        411602199001011234,
        "411602199001011234.0",
        Decimal("4.11602E+17"),
    ],
)
def test_excel_rounded_ids_are_refused_never_guessed(value: object) -> None:
    with pytest.raises(InvalidIdNumber) as caught:
        normalize_id_number(value)
    assert caught.value.code == "id_precision_lost"
    assert "文本" in caught.value.message
    assert_clear_chinese(caught.value, "身份证号")


@pytest.mark.parametrize(
    ("value", "code", "hint"),
    [
        ("11010519491231002", "id_length", "17位"),
        ("1101051949123100212", "id_length", "19位"),
        ("11010519491231002Y", "id_length", "Y"),
        ("1101051949123X002X", "id_length", "最后一位"),
        ("110105194913310021", "id_birthdate", "19491331"),
        ("110105199902300021", "id_birthdate", "19990230"),
        ("110105189912310021", "id_birthdate", "1900"),
        ("110105194912310021", "id_checksum", "校验码"),
        ("110105491331002", "id_birthdate", "19491331"),
        (True, "id_length", "是/否"),
        (3.5, "id_length", "号码"),
    ],
)
def test_id_refusals(value: object, code: str, hint: str) -> None:
    with pytest.raises(InvalidIdNumber) as caught:
        normalize_id_number(value)
    assert caught.value.code == code
    assert hint in caught.value.message
    assert_clear_chinese(caught.value, "身份证号")


def test_id_born_in_the_future_is_refused() -> None:
    future = build_id_number("110105", date.today() + timedelta(days=400), 1)
    with pytest.raises(InvalidIdNumber) as caught:
        normalize_id_number(future)
    assert caught.value.code == "id_birthdate"
    assert "晚于今天" in caught.value.message


def test_checksum_message_mentions_excel_when_the_id_ends_in_zeros() -> None:
    with pytest.raises(InvalidIdNumber) as caught:
        normalize_id_number("411602199001011000")
    assert "Excel" in caught.value.message


def test_blank_id_number() -> None:
    with pytest.raises(MissingRequired) as caught:
        normalize_id_number("  ")
    assert_clear_chinese(caught.value, "身份证号")
    assert normalize_id_number("", required=False) is None
    assert normalize_id_number(None, required=False) is None


def test_id_number_info() -> None:
    assert id_number_info(VALID_ID) == IdInfo(date(1949, 12, 31), "女", "110105")
    male = build_id_number("411602", date(1990, 1, 1), 123)
    assert id_number_info(male).gender == "男"
    assert id_number_info("110105491231002").birth_date == date(1949, 12, 31)


def test_consistent_id_passes() -> None:
    check_id_consistency(VALID_ID, "女", date(1949, 12, 31))
    check_id_consistency(VALID_ID, "女性", "1949年12月31日")
    check_id_consistency(VALID_ID, None, None)


def test_gender_mismatch_is_named() -> None:
    with pytest.raises(InvalidValue) as caught:
        check_id_consistency(VALID_ID, "男", None)
    assert "身份证号显示性别为女，但填写的是男" in caught.value.message
    assert_clear_chinese(caught.value, "身份证号")


def test_birth_date_mismatch_is_named() -> None:
    with pytest.raises(InvalidValue) as caught:
        check_id_consistency(VALID_ID, "女", "1949-12-30")
    message = caught.value.message
    assert "身份证号显示出生日期为1949年12月31日，但填写的是1949年12月30日" in message
    assert "性别" not in message


def test_both_mismatches_in_one_message() -> None:
    with pytest.raises(InvalidValue) as caught:
        check_id_consistency(VALID_ID, "男", date(1950, 1, 1), field="id_number")
    assert "性别" in caught.value.message and "出生日期" in caught.value.message


# --- 电话 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("+8613812345678", "13812345678"),
        ("0086-13812345678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        (13812345678, "13812345678"),
        (13812345678.0, "13812345678"),
        ("013812345678", "13812345678"),
        ("19912345678", "19912345678"),
        ("0371-12345678", "0371-12345678"),
        ("037112345678", "0371-12345678"),
        ("(0371)12345678", "0371-12345678"),
        ("（0371）12345678", "0371-12345678"),
        ("0371 6123456", "0371-6123456"),
        ("010-87654321", "010-87654321"),
        ("02187654321", "021-87654321"),
        ("+86 371 12345678", "0371-12345678"),
        ("0371-12345678转801", "0371-12345678转801"),
        ("0371-12345678-801", "0371-12345678转801"),
        ("0371-12345678 分机 801", "0371-12345678转801"),
        ("0371-12345678 ext.12", "0371-12345678转12"),
        ("4001234567", "400-123-4567"),
        ("400-123-4567", "400-123-4567"),
        ("800 123 4567", "800-123-4567"),
        ("12351", "12351"),
        ("", None),
        (None, None),
    ],
)
def test_phone_normalised(value: object, expected: str | None) -> None:
    assert normalize_phone(value) == expected


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("12345678", "区号"),
        ("6123456", "区号"),
        ("12812345678", "13到19"),
        ("1381234567", "位数"),
        ("138123456789", "位数"),
        ("0371-123456", "位数"),
        ("010-1234567", "位数"),
        (37112345678, "0可能被Excel"),
        ("13812345678、13900001111", "一个电话号码"),
        ("电话13812345678", "只能包含数字"),
        ("13812345678转8", "位数"),
    ],
)
def test_phone_refusals(value: object, hint: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        normalize_phone(value)
    assert hint in caught.value.message
    assert_clear_chinese(caught.value, "手机号码")


def test_phone_message_uses_the_field_label() -> None:
    with pytest.raises(InvalidValue) as caught:
        normalize_phone("123", field="phone")
    assert caught.value.field == "phone"


# --- 日期 ---------------------------------------------------------------------------------------

MARCH_18 = date(2025, 3, 18)


@pytest.mark.parametrize(
    "value",
    [
        "2025-03-18",
        "2025-3-18",
        "2025/3/18",
        "2025.3.18",
        "2025年3月18日",
        "2025年03月18号",
        "2025 年 3 月 18 日",
        "2025年3月18",
        "20250318",
        "  2025-03-18  ",
        "２０２５－０３－１８",
        "２０２５年３月１８日",
        "2025-03-18 00:00:00",
        "2025-03-18T08:30",
        45734,
        45734.0,
        45734.75,
        Decimal(45734),
        20250318,
        MARCH_18,
        datetime(2025, 3, 18, 14, 5),
    ],
)
def test_dates_parsed(value: object) -> None:
    assert parse_date(value, "date") == MARCH_18


def test_excel_serial_edges() -> None:
    assert parse_date(61, "date") == date(1900, 3, 1)
    assert parse_date(73415, "date") == date(2100, 12, 31)


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("2025-02-30", "2025年2月没有30日"),
        ("2023-02-29", "2023年2月没有29日"),
        ("2025-13-01", "没有13月"),
        ("25-3-18", "两位"),
        ("25年3月18日", "两位"),
        ("25/03/18", "两位"),
        ("3/18/2025", "年、月、日的顺序"),
        ("18.03.2025", "年、月、日的顺序"),
        ("下周三", "看不出年、月、日"),
        ("2025", "看不出"),
        ("2023年5月", "只写到了月"),  # a month-only date stays strict, saying what is missing
        ("2021.10", "只写到了月"),
        ("2023-06", "只写到了月"),
        (2025, "只看到年份"),
        (2025.3, "只看到年份"),
        (1, "日期序号"),
        (60, "日期序号"),
        (99999, "日期序号"),
        ("1899-12-31", "1900"),
        ("2101-01-01", "2100"),
        (True, "是/否"),
        (float("inf"), "数字"),
    ],
)
def test_date_refusals(value: object, hint: str) -> None:
    with pytest.raises(InvalidDate) as caught:
        parse_date(value, "birth_date")
    assert caught.value.code == "date_unparseable"
    assert hint in caught.value.message
    assert_clear_chinese(caught.value, "出生日期")


def test_blank_date() -> None:
    assert parse_date(None, "date") is None
    assert parse_date("  ", "date") is None


def test_leap_day_accepted() -> None:
    assert parse_date("2024-02-29", "date") == date(2024, 2, 29)


@pytest.mark.parametrize(
    "value",
    [
        "2025-03",
        "2025-3",
        "2025/03",
        "2025.3",
        "2025年3月",
        "2025年03月份",
        "202503",
        202503,
        202503.0,
        "2025-03-18",
        "2025年3月18日",
        MARCH_18,
        datetime(2025, 3, 1),
        45734,
    ],
)
def test_months_parsed(value: object) -> None:
    assert parse_month(value, "month") == (2025, 3)


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("2025-13", "没有13月"),
        ("202500", "没有0月"),
        (2025.1, "小数"),
        ("三月", "看不出"),
        ("1800-01", "1900"),
        (True, "是/否"),
    ],
)
def test_month_refusals(value: object, hint: str) -> None:
    with pytest.raises(InvalidMonth) as caught:
        parse_month(value, "month")
    assert isinstance(caught.value, InvalidDate)  # callers catching InvalidDate still see it
    assert hint in caught.value.message
    assert "2025-03" in caught.value.message
    assert_clear_chinese(caught.value, "月份")


def test_blank_month() -> None:
    assert parse_month("", "month") is None


# --- 金额 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1200, "1200.00"),
        (1200.5, "1200.50"),
        (0.1, "0.10"),
        (Decimal("99.999"), "100.00"),
        (12.345, "12.35"),
        (0, "0.00"),
        ("1200", "1200.00"),
        ("1,200.00", "1200.00"),
        ("1，200", "1200.00"),
        ("1200元", "1200.00"),
        ("1200.00元整", "1200.00"),
        ("￥1,200", "1200.00"),
        ("¥1 200", "1200.00"),
        ("人民币1200元", "1200.00"),
        ("RMB 1200", "1200.00"),
        ("1.2万元", "12000.00"),
        ("1.2万", "12000.00"),
        ("0.35亿元", "35000000.00"),
        ("１２００元", "1200.00"),
        ("１，２００．５０", "1200.50"),
        ("  88.8 ", "88.80"),
        ("2.005", "2.01"),  # half up, not banker's rounding
    ],
)
def test_money_parsed(value: object, expected: str) -> None:
    assert parse_money(value, "cash") == Decimal(expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3, "30000.00"),
        ("406.8", "4068000.00"),
        (1.25, "12500.00"),
        ("1200元", "1200.00"),  # a unit written in the cell wins over the header's
        ("2万元", "20000.00"),
    ],
)
def test_money_in_wan_yuan_columns(value: object, expected: str) -> None:
    assert parse_money(value, "investment", unit="万元") == Decimal(expected)


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("-100", "负数"),
        (-0.5, "负数"),
        ("约500元", "准确数字"),
        ("500余元", "准确数字"),
        ("100,20", "看不出"),
        ("1,2,3", "看不出"),
        ("五百元", "看不出"),
        ("100-200", "看不出"),
        ("2e11", "看不出"),
        (2e10, "100亿"),
        ("2000000万元", "100亿"),
        (True, "是/否"),
        (float("inf"), "不是数字"),
    ],
)
def test_money_refusals(value: object, hint: str) -> None:
    with pytest.raises(InvalidAmount) as caught:
        parse_money(value, "cash")
    assert caught.value.code == "amount_unparseable"
    assert hint in caught.value.message
    assert_clear_chinese(caught.value, "现金金额")


def test_money_blank_and_bad_unit() -> None:
    assert parse_money(None, "cash") is None
    assert parse_money(" ", "cash") is None
    with pytest.raises(ValueError):
        parse_money(1, "cash", unit="千元")


def test_format_yuan() -> None:
    assert format_yuan(Decimal("1200")) == "1,200.00"
    assert format_yuan(Decimal("1234567.891")) == "1,234,567.89"
    assert format_yuan(Decimal("0.005")) == "0.01"
    assert format_yuan(0) == "0.00"
    assert format_yuan(None) == ""


# --- 整数、小数 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (120, 120),
        (120.0, 120),
        ("120", 120),
        ("1,234", 1234),
        ("120人", 120),
        ("35户", 35),
        ("300人次", 300),
        ("12家", 12),
        ("5 场", 5),
        ("1.2万人次", 12000),
        ("１２０人", 120),
        ("3.0", 3),
        (Decimal("7"), 7),
        (0, 0),
    ],
)
def test_int_parsed(value: object, expected: int) -> None:
    assert parse_int(value, "participants") == expected


@pytest.mark.parametrize(
    ("value", "kwargs", "hint"),
    [
        (3.5, {}, "整数"),
        ("3.5人", {}, "整数"),
        ("120余人", {}, "准确数字"),
        ("约300人次", {}, "准确数字"),
        ("近6000人", {}, "准确数字"),
        ("很多", {}, "准确数字"),
        ("一百", {}, "阿拉伯数字"),
        ("-3", {}, "负数"),
        (0, {"minimum": 1}, "不能小于1"),
        (101, {"maximum": 100}, "不能大于100"),
        (True, {}, "是/否"),
    ],
)
def test_int_refusals(value: object, kwargs: dict[str, int], hint: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_int(value, "participants", **kwargs)
    assert hint in caught.value.message
    assert_clear_chinese(caught.value, "参与人数")


def test_int_allows_negative_when_minimum_is_none() -> None:
    assert parse_int("-3", "participants", minimum=None) == -3
    assert parse_int("", "participants") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120㎡", "120.00"),
        ("85.5平方米", "85.50"),
        ("85.5 平米", "85.50"),
        ("60平方", "60.00"),
        ("12m2", "12.00"),
        ("12m²", "12.00"),
        ("1,200.456", "1200.46"),
        (12, "12.00"),
        (12.345, "12.35"),
    ],
)
def test_decimal_parsed(value: object, expected: str) -> None:
    assert parse_decimal(value, "area") == Decimal(expected)


def test_decimal_places_and_minimum() -> None:
    assert parse_decimal("3.14159", "area", places=4) == Decimal("3.1416")
    assert parse_decimal(None, "area") is None
    with pytest.raises(InvalidValue) as caught:
        parse_decimal("-5㎡", "area")
    assert_clear_chinese(caught.value, "面积")
    with pytest.raises(InvalidValue) as caught:
        parse_decimal("约50㎡", "area")
    assert "准确数字" in caught.value.message
    with pytest.raises(InvalidValue):
        parse_decimal("大", "area")


# --- 经纬度 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "axis", "expected"),
    [
        (116.397128, "longitude", "116.397128"),
        ("116.3971284", "longitude", "116.397128"),
        ("116.3971285", "longitude", "116.397129"),
        (Decimal("39.9"), "latitude", "39.900000"),
        ("116°23'45.6\"E", "longitude", "116.396000"),
        ("116°23′45.6″E", "longitude", "116.396000"),
        ("116度23分45.6秒", "longitude", "116.396000"),
        ("东经116°23′45″", "longitude", "116.395833"),
        ("E116.5", "longitude", "116.500000"),
        ("116.5E", "longitude", "116.500000"),
        ("北纬39°54'", "latitude", "39.900000"),
        ("39°54'N", "latitude", "39.900000"),
        ("N 39.9", "latitude", "39.900000"),
        ("39 ° 54 ' 0 \" N", "latitude", "39.900000"),
        ("１１６．３９", "longitude", "116.390000"),
        ("113º37'31\"", "longitude", "113.625278"),
    ],
)
def test_coordinates_parsed(value: object, axis: Axis, expected: str) -> None:
    assert parse_coordinate(value, axis, axis) == Decimal(expected)


@pytest.mark.parametrize(
    ("value", "axis", "hint"),
    [
        ("西经116.4", "longitude", "73°到136°"),
        ("116.4W", "longitude", "73°到136°"),
        ("南纬30", "latitude", "3°到54°"),
        (-116.4, "longitude", "73°到136°"),
        (151.2, "longitude", "国内"),
        (60, "latitude", "国内"),
        (39.9, "longitude", "填反"),
        (116.4, "latitude", "填反"),
        ("北纬39.9", "longitude", "经纬度是否填反"),
        ("116.4E", "latitude", "经纬度是否填反"),
        ("116°61'", "longitude", "小于60"),
        ("116°23'61\"", "longitude", "小于60"),
        ("116.39,39.91", "longitude", "同一格"),
        ("一百一十六度", "longitude", "看不懂"),
        (True, "longitude", "是/否"),
    ],
)
def test_coordinate_refusals(value: object, axis: Axis, hint: str) -> None:
    label = "经度" if axis == "longitude" else "纬度"
    with pytest.raises(InvalidValue) as caught:
        parse_coordinate(value, axis, axis)
    assert hint in caught.value.message
    assert_clear_chinese(caught.value, label)


def test_coordinate_blank_and_bad_axis() -> None:
    assert parse_coordinate("", "longitude", "longitude") is None
    with pytest.raises(ValueError):
        parse_coordinate(1, "longitude", "altitude")  # type: ignore[arg-type]


# --- 是/否 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["是", "有", "√", "✓", "Y", "y", "yes", "YES", "1", "true", "TRUE", "True", 1, 1.0, True, "Ｙ"],
)
def test_true_values(value: object) -> None:
    assert parse_bool(value, "single_parent") is True


@pytest.mark.parametrize(
    "value", ["否", "无", "×", "N", "n", "no", "NO", "0", "false", "FALSE", 0, 0.0, False]
)
def test_false_values(value: object) -> None:
    assert parse_bool(value, "single_parent") is False


def test_bool_blank_and_refusal() -> None:
    assert parse_bool("", "single_parent") is None
    with pytest.raises(InvalidValue) as caught:
        parse_bool("也许", "single_parent")
    assert "“是”或“否”" in caught.value.message
    assert_clear_chinese(caught.value, "是否单亲")
    with pytest.raises(InvalidValue):
        parse_bool(2, "single_parent")


# --- 固定选项 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("gender", "男", "男"),
        ("gender", " 女 ", "女"),
        ("gender", "Male", "男"),
        ("work_status", "下（待）岗", "下(待)岗"),
        ("work_status", "下待岗", "下(待)岗"),
        ("work_status", "下岗", "下(待)岗"),
        ("work_status", "失业", "失(无)业"),
        ("work_status", "待岗职工", "下(待)岗"),
        ("station_type", "爱心妈妈小屋（母婴室）", "爱心妈妈小屋(母婴室)"),
        ("station_type", "爱心妈妈小屋【母婴室】", "爱心妈妈小屋(母婴室)"),
        ("station_type", "爱心妈妈小屋", "爱心妈妈小屋(母婴室)"),
        ("station_type", "乡镇职工服务站", "乡镇(街道)职工服务站"),
        ("station_type", "乡镇（街道）职工服务站", "乡镇(街道)职工服务站"),
        ("facilities", "wifi", "WiFi"),
        ("facilities", "Ｗｉ－Ｆｉ", "WiFi"),
        ("facilities", "aed", "AED"),
        ("facilities", "风扇", "空调/风扇"),
        ("facilities", "热饭", "热饭(微波炉)"),
        ("assistance_category", "金秋助学", "子女助学/金秋助学"),
        ("assistance_category", "子女助学", "子女助学/金秋助学"),
        ("activity_category", "春送岗位", "春送岗位/就业服务"),
        ("activity_category", "劳动保护", "劳动保护(安康杯)"),
        ("disability_grade", 2, "二级"),
        ("disability_grade", 2.0, "二级"),
        ("industry", "c", "制造业"),
        ("industry", "C 制造业", "制造业"),
        ("ethnicity", "汉族 ", "汉族"),
    ],
)
def test_choice_parsed(field: str, value: object, expected: str) -> None:
    assert parse_choice(field, value) == expected


def test_choice_blank() -> None:
    assert parse_choice("gender", None) is None
    assert parse_choice("gender", "  ") is None


@pytest.mark.parametrize(
    ("field", "value", "label"),
    [
        ("gender", "未知", "性别"),
        ("station_status", "坏了", "站点状态"),
        ("hardship_class", "特困", "困难类别"),
        ("ethnicity", "汉人族", "民族"),
        ("assistance_category", "奖励", "帮扶类别"),
    ],
)
def test_choice_refusal_lists_allowed_values(field: str, value: str, label: str) -> None:
    with pytest.raises(InvalidChoice) as caught:
        parse_choice(field, value)
    error = caught.value
    assert error.code == "invalid_choice"
    assert error.allowed == CHOICES[field]
    assert "可选值：" in error.message
    assert_clear_chinese(error, label)


def test_unknown_registry_key_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        parse_choice("no_such_list", "x")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("饮水、空调、微波炉", ("饮水", "空调/风扇", "热饭(微波炉)")),
        ("空调/风扇；WiFi", ("空调/风扇", "WiFi")),
        ("空调、风扇", ("空调/风扇",)),
        (["饮水", "桌椅", "药箱"], ("饮水", "休息桌椅", "应急药箱")),
        ("饮水\n饮水机", ("饮水",)),
        ("", ()),
        (None, ()),
    ],
)
def test_choices_parsed(value: object, expected: tuple[str, ...]) -> None:
    assert parse_choices("facilities", value) == expected


def test_choices_refuse_an_unknown_item_by_name() -> None:
    with pytest.raises(InvalidChoice) as caught:
        parse_choices("facilities", "饮水、按摩椅")
    assert "按摩椅" in caught.value.message
    assert_clear_chinese(caught.value, "设施")


def test_choices_max_count() -> None:
    three = parse_choices("secondary_causes", "因灾、因学、失业", max_count=3)
    assert three == ("遭受自然灾害", "子女上学", "下岗失业")
    with pytest.raises(InvalidValue) as caught:
        parse_choices("secondary_causes", "因灾、因学、失业、大病", max_count=3)
    assert "最多选3项" in caught.value.message
    assert_clear_chinese(caught.value, "次要致困原因")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("深度困难", ("深度困难", None)),
        ("深度困难职工", ("深度困难", None)),
        ("低保户", ("深度困难", "低保户")),
        (" 低保边缘户 ", ("相对困难", "低保边缘户")),
        ("意外致困户", ("意外致困", "意外致困户")),
        ("意外致困", ("意外致困", None)),
    ],
)
def test_hardship_class(value: str, expected: tuple[str, str | None]) -> None:
    assert parse_hardship_class(value) == expected


def test_hardship_class_blank_and_refusal() -> None:
    with pytest.raises(MissingRequired) as missing:
        parse_hardship_class("")
    assert_clear_chinese(missing.value, "困难类别")
    assert parse_hardship_class(None, required=False) is None
    with pytest.raises(InvalidChoice):
        parse_hardship_class("特困户")


# --- 银行卡号、星级 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("6222021234567891234", "6222021234567891234"),
        ("6222 0212 3456 1234", "6222021234561234"),
        ("6222-0212-3456-1234", "6222021234561234"),
        ("'6222021234561234", "6222021234561234"),
        ("６２２２０２１２３４５６１２３４", "6222021234561234"),
        (622202123456, "622202123456"),
        ("", None),
    ],
)
def test_bank_card_normalised(value: object, expected: str | None) -> None:
    assert normalize_bank_card(value) == expected


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        (6.22202e18, "四舍五入"),
        (6222021234561234, "四舍五入"),
        ("6.22202E+18", "四舍五入"),
        ("62220212345", "12到19位"),
        ("62220212345612345678", "12到19位"),
        ("6222O21234561234", "只能包含数字"),
    ],
)
def test_bank_card_refusals(value: object, hint: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        normalize_bank_card(value)
    assert hint in caught.value.message
    assert_clear_chinese(caught.value, "银行卡号")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3, 3),
        (3.0, 3),
        ("3", 3),
        ("3星", 3),
        ("3星级", 3),
        ("三星级", 3),
        ("五星", 5),
        ("一星级", 1),
        ("★★★", 3),
        ("★★★☆☆", 3),
        ("★★★★★", 5),
        ("", None),
    ],
)
def test_star_level(value: object, expected: int | None) -> None:
    assert parse_star_level(value) == expected


@pytest.mark.parametrize("value", [0, 6, "六星", "☆☆☆", "★★★★★★", "高", 3.5])
def test_star_level_refusals(value: object) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_star_level(value)
    assert "1到5星" in caught.value.message
    assert_clear_chinese(caught.value, "星级")


def test_free_text_keeps_chinese_punctuation_but_folds_letters_and_digits() -> None:
    # Bug: remarks, reasons and captions were saved with ASCII commas and brackets.
    text = v.clean_text("本人无手机，联系（邻居）：张三；住幸福路１２号　Ａ栋", "remarks")
    assert text == "本人无手机，联系（邻居）：张三；住幸福路12号 A栋"


def test_multiline_fields_keep_their_line_breaks() -> None:
    from models.normalize import normalize_field

    summary = normalize_field(
        "activities", "summary", "走访慰问困难职工。\n发放慰问金，共计两万元。"
    )
    assert summary == "走访慰问困难职工。\n发放慰问金，共计两万元。"
    remarks = normalize_field("households", "remarks", "第一行\n第二行")
    assert remarks == "第一行\n第二行"


@pytest.mark.parametrize(
    ("born", "written", "taken"),
    [
        (date(1978, 5, 17), "1978.05", True),
        (date(1978, 5, 17), "1978年5月", True),
        (date(1978, 5, 17), Decimal("1978.05"), True),
        (date(1978, 10, 2), 1978.1, True),  # 1978.10 typed into a number cell
        (date(1978, 1, 2), 1978.1, True),
        (date(1978, 5, 17), "1978.06", False),
        (date(1978, 5, 17), "1979.05", False),
        (date(1978, 5, 17), "1978", False),
        (date(1978, 5, 17), "五月", False),
    ],
)
def test_a_birth_month_takes_its_day_from_an_id_number_born_that_month(
    born: date, written: object, taken: bool
) -> None:
    id_number = v.build_id_number("411602", born, 11)
    assert v.birth_date_by_id(written, id_number) == (born if taken else None)
    assert v.birth_date_by_id(written, "411602197805171234") is None  # no valid ID: no day
