"""Chinese number style: counts, 余/近 markers, money, rates, comparisons and numerals."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports.numbers_zh import (
    Approx,
    NumberStyle,
    approximate,
    change_count,
    change_money,
    change_percent,
    change_points,
    changes_percent,
    changes_points,
    cn_digit,
    cn_number,
    count,
    growth_rate,
    heading_number,
    join_cn,
    money,
    percent,
)

MARKED_0 = NumberStyle(decimals=0)
PLAIN_1 = NumberStyle(Approx.PLAIN, 1)
FLOOR_0 = NumberStyle(Approx.FLOOR, 0)

# An independent reading of what the prose claims, to check the formatter against.
_PROSE_RE = re.compile(
    r"^(?P<lead>近|约)?(?P<digits>\d+(?:\.\d+)?)(?P<inner>余|多)?(?P<scale>万亿|亿|万)?"
    r"(?P<outer>余|多)?(?P<unit>\D*)$"
)
_SCALE_VALUES = {"": 1, "万": 10**4, "亿": 10**8, "万亿": 10**12}


def read_prose(text: str) -> tuple[Decimal, str, str]:
    """(value stated, marker word, unit) of a figure such as "930余万元"."""
    match = _PROSE_RE.match(text)
    assert match, f"not a prose figure: {text}"
    value = Decimal(match["digits"]) * _SCALE_VALUES[match["scale"] or ""]
    marker = match["lead"] or match["inner"] or match["outer"] or ""
    return value, marker, match["unit"]


# --- counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (0, "人", "0人"),
        (1, "户", "1户"),
        (196, "家", "196家"),
        (1573, "户", "1573户"),
        (5661, "人", "5661人"),
        (9_999, "人", "9999人"),
        (10_000, "人", "1万人"),
        (10_001, "人", "1万余人"),  # 1.0001万 shows as 1万: below the truth, so 余
        (41_000, "场", "4.1万场"),
        (25_000, "期", "2.5万期"),
        (99_950, "人", "近10万人"),  # 9.995万 rounds UP to 10万: 近
        (99_999, "人", "近10万人"),
        (100_000, "人", "10万人"),
        (1_000_000, "人", "100万人"),
        (5_498_700, "户", "549.87万户"),
        (123_456_789, "人", "1.23亿余人"),
        (99_999_999, "人", "近1亿人"),  # 10000.00万 is written 1亿, never 10000万
        (120_000_000, "人", "1.2亿人"),
        (2_500_000_000_000, "元", "2.5万亿元"),
    ],
)
def test_count_default_style(value: int, unit: str, expected: str) -> None:
    assert count(value, unit) == expected


def test_below_ten_thousand_is_exact_unless_rounding_is_asked_for() -> None:
    assert count(5_960, "人") == "5960人"
    assert count(5_960, "人", NumberStyle(small_sig=2)) == "近6000人"
    assert count(5_940, "人", NumberStyle(small_sig=2)) == "5900余人"
    assert count(3_150, "场", NumberStyle(Approx.FLOOR, small_sig=2, more="多")) == "3100多场"
    assert count(9_999, "人", NumberStyle(small_sig=2)) == "近1万人"
    # Rounding never goes below whole units, however many digits are asked for.
    assert count(5_661, "人", NumberStyle(small_sig=8)) == "5661人"


def test_more_words_mark_a_figure_rounded_down() -> None:
    assert count(20_480, "场", MARKED_0) == "2万余场"
    assert count(20_480, "场", NumberStyle(decimals=0, more="多")) == "2万多场"
    assert count(20_480, "场") == "近2.05万场"  # two decimals: 2.048 → 2.05 is UP
    assert count(20_480, "场", NumberStyle(Approx.FLOOR, 2)) == "2.04万余场"


def test_more_word_goes_before_wan_only_after_a_round_mantissa() -> None:
    assert count(6_000_001, "名", NumberStyle(decimals=0, more="多")) == "600多万名"
    assert count(7_130_500, "人", FLOOR_0) == "713万余人"
    assert count(15_400, "人次", NumberStyle(Approx.FLOOR, 1)) == "1.5万余人次"
    assert count(50_123, "家", FLOOR_0) == "5万余家"


def test_styles_for_a_visit_count() -> None:
    assert count(403_387, "人次", PLAIN_1) == "40.3万人次"
    assert count(403_387, "人次", NumberStyle(decimals=1)) == "40.3万余人次"
    assert count(403_387, "人次") == "近40.34万人次"
    assert count(403_387, "人次", NumberStyle(Approx.FLOOR, 2)) == "40.33万余人次"
    assert count(403_387, "人次", NumberStyle(Approx.ABOUT, 1)) == "约40.3万人次"
    assert count(403_000, "人次", NumberStyle(Approx.ABOUT, 1)) == "40.3万人次"


def test_plain_rounding_is_half_up() -> None:
    assert count(40_350, "人次", PLAIN_1) == "4万人次"  # 4.035 → 4.0
    assert count(40_500, "人次", PLAIN_1) == "4.1万人次"  # 4.05 → 4.1, not banker's 4.0
    assert count(41_000, "人次", PLAIN_1) == "4.1万人次"


def test_approximate_reports_what_the_text_claims() -> None:
    shown = approximate(20_480, MARKED_0)
    assert (shown.value, shown.digits, shown.scale, shown.marker) == (20_000, "2", "万", "余")
    assert not shown.exact
    assert approximate(5_498_700).exact


@pytest.mark.parametrize("bad", [-1, -10_000])
def test_negative_counts_are_refused(bad: int) -> None:
    with pytest.raises(ValueError):
        count(bad, "人")


def test_counts_are_whole_numbers_not_floats_or_booleans() -> None:
    with pytest.raises(TypeError):
        count(1.5, "人")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        count(True, "人")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        count(Decimal("2.5"), "人")


@pytest.mark.parametrize(
    "kwargs", [{"decimals": 3}, {"decimals": -1}, {"small_sig": 0}, {"more": "约"}]
)
def test_number_style_rejects_what_prose_does_not_allow(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        NumberStyle(**kwargs)  # type: ignore[arg-type]


styles = st.builds(
    NumberStyle,
    approx=st.sampled_from(list(Approx)),
    decimals=st.integers(0, 2),
    small_sig=st.none() | st.integers(1, 4),
    more=st.sampled_from(["余", "多"]),
)


@given(value=st.integers(0, 10**14), style=styles)
def test_the_marker_always_tells_the_truth(value: int, style: NumberStyle) -> None:
    text = count(value, "人", style)
    stated, marker, unit = read_prose(text)
    shown = approximate(value, style)
    assert unit == "人"
    assert stated == shown.value
    assert not ("约" in text and ("余" in text or "多" in text))
    if style.approx is Approx.PLAIN:
        assert marker == ""
    elif stated == value:
        assert marker == ""
    elif style.approx is Approx.ABOUT:
        assert marker == "约"
    elif stated < value:
        assert marker == style.more
    else:
        assert marker == "近"
        assert style.approx is Approx.MARKED  # FLOOR never shows more than the truth


@given(value=st.integers(10_000, 10**14), style=styles)
def test_large_figures_use_wan_with_at_most_the_decimals_asked(
    value: int, style: NumberStyle
) -> None:
    shown = approximate(value, style)
    assert shown.scale in ("万", "亿", "万亿")
    whole, _, fraction = shown.digits.partition(".")
    assert len(fraction) <= style.decimals
    assert not fraction.endswith("0")  # "4.10万" is written 4.1万
    assert shown.scale == "万亿" or int(whole) < 10_000  # never "10000万"
    step = Decimal(10) ** -style.decimals * _SCALE_VALUES[shown.scale]
    gap = shown.value - value
    if style.approx is Approx.FLOOR:
        assert -step < gap <= 0
    else:
        assert abs(gap) <= step / 2  # nearest, half-up


@given(value=st.integers(0, 9_999))
def test_small_counts_are_written_exactly(value: int) -> None:
    assert count(value, "户") == f"{value}户"


# --- money ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("0"), "0元"),
        (Decimal("0.5"), "0.50元"),
        (Decimal("8600"), "8600元"),
        (Decimal("8600.00"), "8600元"),
        (Decimal("8600.50"), "8600.50元"),
        (Decimal("9999.99"), "9999.99元"),
        (Decimal("9999.995"), "1万元"),  # rounds to the cent first: 10000.00
        (Decimal("10000.00"), "1万元"),
        (Decimal("4068000"), "406.8万元"),
        (Decimal("120000000"), "1.2亿元"),
        (4_068_000, "406.8万元"),
        ("8600.5", "8600.50元"),
    ],
)
def test_money_default(amount: Decimal | int | str, expected: str) -> None:
    assert money(amount) == expected


def test_money_approximations() -> None:
    assert money(Decimal("9304567")) == "近930.46万元"
    assert money(Decimal("9304567"), FLOOR_0) == "930余万元"
    assert money(Decimal("7130500"), FLOOR_0) == "713万余元"
    assert money(Decimal("89600"), NumberStyle(decimals=0)) == "近9万元"
    assert money(Decimal("123456789.00")) == "1.23亿余元"
    assert money(Decimal("8650"), NumberStyle(Approx.FLOOR, small_sig=2)) == "8600余元"


def test_money_refuses_floats_and_negative_sums() -> None:
    with pytest.raises(TypeError):
        money(8600.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        money(Decimal("-1"))


# --- rates and comparisons ------------------------------------------------------------------


def test_percent() -> None:
    assert percent(Decimal("12.94")) == "12.9%"
    assert percent(Decimal("88.25")) == "88.3%"
    assert percent(100) == "100%"
    assert percent(60.0) == "60%"
    assert percent(0) == "0%"
    assert percent(Decimal("79.66"), 2) == "79.66%"


def test_growth_rate() -> None:
    assert growth_rate(1129, 1000) == Decimal("12.9")
    assert growth_rate(0, 5) == Decimal(-100)
    assert growth_rate(7, 0) is None  # a zero base has no growth rate, and no ZeroDivisionError
    with pytest.raises(ValueError):
        growth_rate(-1, 10)


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (1129, 1000, "比上年增长12.9%"),
        (966, 1000, "比上年下降3.4%"),
        (500, 500, "与上年持平"),
        (10_004, 10_000, "与上年基本持平"),  # 0.04% rounds to 0.0
        (2_000, 1_000, "比上年增长100%"),
        (0, 1_000, "比上年下降100%"),
        (71, 5_000_000, "比上年下降99.9%"),  # not gone: never "下降100%"
        (899, 100, "比上年增长799%"),
        (1_000, 100, "是上年的10倍"),  # from ten times up: unambiguous 倍, not "增长900%"
        (125, 10, "是上年的12.5倍"),
        (7, 0, None),
        (0, 0, None),
        (7, None, None),
    ],
)
def test_change_percent(current: int, previous: int | None, expected: str | None) -> None:
    assert change_percent(current, previous) == expected


def test_change_percent_with_another_basis() -> None:
    assert change_percent(1108, 1000, basis="5年前") == "比5年前增长10.8%"
    assert change_percent(1000, 1000, basis=None) == "持平"
    assert change_percent(Decimal("4068000"), Decimal("3600000")) == "比上年增长13%"


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (12, 10, "比上年增加2家"),
        (7, 10, "比上年减少3家"),
        (10, 10, "与上年持平"),
        (35_000, 20_000, "比上年增加1.5万家"),
        (7, 0, "比上年增加7家"),
        (7, None, None),
    ],
)
def test_change_count(current: int, previous: int | None, expected: str | None) -> None:
    assert change_count(current, previous, "家") == expected


def test_change_money() -> None:
    assert change_money(Decimal("4068000"), Decimal("3743000")) == "比上年增加32.5万元"
    assert change_money(Decimal("8000"), Decimal("8600.50")) == "比上年减少600.50元"
    assert change_money(Decimal("8000"), None) is None


def test_change_points() -> None:
    assert change_points(Decimal("90.1"), Decimal("88.6")) == "比上年提高1.5个百分点"
    assert change_points(Decimal("88.6"), Decimal("90.1")) == "比上年下降1.5个百分点"
    assert change_points(Decimal("88.6"), Decimal("88.6")) == "与上年持平"
    assert change_points(Decimal("90.1"), Decimal("88.6"), basis=None) == "提高1.5个百分点"


def test_changes_points_respectively() -> None:
    same_way = [(Decimal("11.5"), 10), (Decimal("13.8"), 10)]
    assert changes_points(same_way) == "分别比上年提高1.5和3.8个百分点"
    three = [(Decimal("11.5"), 10), (12, 10), (Decimal("13.8"), 10)]
    assert changes_points(three) == "分别比上年提高1.5、2和3.8个百分点"
    both_down = [(Decimal("8.5"), 10), (Decimal("6.2"), 10)]
    assert changes_points(both_down) == "分别比上年下降1.5和3.8个百分点"
    mixed = [(Decimal("11.5"), 10), (Decimal("9.8"), 10)]
    assert changes_points(mixed) == "分别比上年提高1.5个百分点、下降0.2个百分点"
    flat_first = [(10, 10), (Decimal("9.8"), 10)]
    assert changes_points(flat_first) == "分别与上年持平、比上年下降0.2个百分点"
    assert changes_points([(10, 10), (5, 5)]) == "均与上年持平"
    assert changes_points(same_way, basis="5年前") == "分别比5年前提高1.5和3.8个百分点"
    with pytest.raises(ValueError):
        changes_points(same_way[:1])


def test_changes_percent_respectively() -> None:
    assert changes_percent([(1108, 1000), (1129, 1000)]) == "分别比上年增长10.8%和12.9%"
    assert changes_percent([(1108, 1000), (5, 0)]) is None
    assert changes_percent([(1, 5_000_000), (3, 2)]) == "分别比上年下降99.9%、增长50%"


def test_join_cn() -> None:
    assert join_cn([]) == ""
    assert join_cn(["甲"]) == "甲"
    assert join_cn(["甲", "乙"]) == "甲和乙"
    assert join_cn(["甲", "乙", "丙"]) == "甲、乙和丙"


# --- Chinese numerals -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "零"),
        (1, "一"),
        (2, "二"),
        (10, "十"),
        (11, "十一"),
        (12, "十二"),
        (20, "二十"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (1_010, "一千零一十"),
        (10_000, "一万"),
        (10_010, "一万零一十"),
        (100_000, "十万"),
        (150_000, "十五万"),
        (1_000_001, "一百万零一"),
        (99_999_999, "九千九百九十九万九千九百九十九"),
    ],
)
def test_cn_number(value: int, expected: str) -> None:
    assert cn_number(value) == expected


_CN_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")}
_CN_PLACE = {"十": 10, "百": 100, "千": 1000}


def read_cn(text: str) -> int:
    """Independent reader of a Chinese numeral below 10⁸."""
    total, section, digit = 0, 0, None
    for char in text:
        if char in _CN_VALUE:
            digit = _CN_VALUE[char]
        elif char in _CN_PLACE:
            section += (1 if digit is None else digit) * _CN_PLACE[char]
            digit = None
        elif char == "万":
            total = (section + (digit or 0)) * 10_000
            section, digit = 0, None
    return total + section + (digit or 0)


@given(st.integers(0, 10**8 - 1))
def test_cn_number_reads_back(value: int) -> None:
    text = cn_number(value)
    assert read_cn(text) == value
    if value:
        assert "零零" not in text
        assert not text.endswith("零")


def test_cn_number_range_and_type() -> None:
    with pytest.raises(ValueError):
        cn_number(-1)
    with pytest.raises(ValueError):
        cn_number(10**8)
    with pytest.raises(TypeError):
        cn_number(True)


def test_cn_digit_says_liang_for_a_lone_two() -> None:
    assert cn_digit(2) == "两"
    assert cn_digit(3) == "三"
    assert cn_digit(12) == "十二"
    assert cn_digit(20) == "二十"
    assert cn_digit(22) == "二十二"


@pytest.mark.parametrize(
    ("position", "level", "expected"),
    [
        (1, 1, "一、"),
        (10, 1, "十、"),
        (12, 1, "十二、"),
        (1, 2, "（一）"),
        (12, 2, "（十二）"),
        (3, 3, "3."),
        (4, 4, "（4）"),
    ],
)
def test_heading_number(position: int, level: int, expected: str) -> None:
    assert heading_number(position, level) == expected


def test_heading_number_errors() -> None:
    with pytest.raises(ValueError):
        heading_number(0)
    with pytest.raises(ValueError):
        heading_number(1, 5)
