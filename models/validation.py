"""Normalisation and validation rules shared by the forms, the Excel importer and the CLI."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache, lru_cache
from operator import mul
from typing import Any, Literal, overload

from models import vocab
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

Axis = Literal["longitude", "latitude"]

# --- Text ---------------------------------------------------------------------------------------

_FOLD_TABLE: dict[int, int | None] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD_TABLE[0x3000] = 0x20
# Zero-width characters ride along when text is copied from web pages and WeChat; they are
# invisible to the clerk but would make two equal names differ.
_FOLD_TABLE.update(dict.fromkeys((0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)))
# Control characters (NUL, bell, escape, the C1 block …) and lone surrogates come from broken
# exports and binary junk: invisible, meaningless in a record, and PostgreSQL refuses NUL outright
# while SQLite would store it. Text drops them here, so every backend keeps the same thing. The
# controls that are spacing — tab, line breaks, vertical tab, form feed — stay and fold as spacing.
_SPACING_CONTROLS = "\t\n\v\f\r\x85"
_CONTROLS: dict[int, int | None] = dict.fromkeys(
    code
    for code in (*range(0x20), *range(0x7F, 0xA0), *range(0xD800, 0xE000))
    if chr(code) not in _SPACING_CONTROLS
)
_FOLD_TABLE.update(_CONTROLS)
_WHITESPACE = re.compile(r"\s+")
# Prose (备注, 原因, 说明, captions) keeps its Chinese punctuation — ，（）：； are correct there —
# while full-width letters and digits still fold, so "１２号" and "12号" read the same.
_PROSE_FOLD_TABLE: dict[int, int | None] = {
    cp: mapped
    for cp, mapped in _FOLD_TABLE.items()
    if mapped is None or mapped == 0x20 or chr(mapped).isalnum()
}


def fold_text(s: str) -> str:
    """Full-width ASCII to half-width, ideographic space to space, whitespace runs collapsed."""
    return _WHITESPACE.sub(" ", s.translate(_FOLD_TABLE)).strip()


def strip_controls(s: str) -> str:
    """The text without control characters and lone surrogates, otherwise exactly as written
    (for text kept as typed, such as a summary paragraph; fields go through clean_text)."""
    return s.translate(_CONTROLS)


# The middle dot of names such as 阿依古丽·买买提 comes in whichever form a keyboard or font offers.
_NAME_DOTS = re.compile(r"[·•・‧∙⋅.]")


def name_key(text: str | None) -> str:
    """A name as compared for identity: width, spacing, case and the form of the middle dot ignored.

    "张　三", "张 三" and "张三" are one person's name written three ways; "张三" and "张山" are not.
    """
    folded = re.sub(r"\s+", "", fold_text(text or ""))
    return _NAME_DOTS.sub("·", folded).casefold()


# Spaces between two Han characters of a name are padding (王　芳 typed to line up a column), not
# part of it; spaces between Latin words (a foreign name) stay.
_NAME_PADDING = re.compile(
    r"(?<=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f·•・])\s+"
    r"(?=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f·•・])"
)


def clean_name(value: Any, field: str, *, max_len: int) -> str | None:
    """A person's name as stored: folded like text, without the spaces padding its characters."""
    text = clean_text(value, field)
    if text is None:
        return None
    return clean_text(_NAME_PADDING.sub("", text), field, max_len=max_len)


def is_blank(value: Any) -> bool:
    """True for None, empty or whitespace-only text, and NaN (some readers' empty cell)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not fold_text(value)
    return isinstance(value, float) and math.isnan(value)


def _cell_text(value: Any) -> str:
    """Any cell value as folded text, without the '.0' Excel adds to whole numbers."""
    if isinstance(value, str):
        return fold_text(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return fold_text(str(value))


def _fold_prose(text: str) -> str:
    return _WHITESPACE.sub(" ", text.translate(_PROSE_FOLD_TABLE)).strip()


def _fold_multiline(text: str) -> str:
    lines = [_fold_prose(line) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def clean_text(
    value: Any,
    field: str,
    *,
    required: bool = False,
    max_len: int | None = None,
    multiline: bool = False,
) -> str | None:
    """Folded text or None for blank; `multiline` keeps line breaks (备注, 内容摘要)."""
    if is_blank(value):
        if required:
            raise MissingRequired(field, value, label=_list_label(field))
        return None
    if isinstance(value, str):
        text = _fold_multiline(value) if multiline else _fold_prose(value)
    else:
        text = _cell_text(value)
    if max_len is not None and len(text) > max_len:
        reason = f"最多{max_len}个字，现在有{len(text)}个字，请删减后再保存。"
        raise InvalidValue(field, text, reason, label=_list_label(field))
    return text


def split_list(value: Any) -> list[str]:
    """Items of a list cell ("饮水、空调；WiFi"), folded, blanks and repeats dropped, order kept."""
    if is_blank(value):
        return []
    if isinstance(value, (list, tuple, set, frozenset)):
        pieces: Iterable[Any] = value
    else:
        pieces = _LIST_SEPARATORS.split(value if isinstance(value, str) else _cell_text(value))
    items: list[str] = []
    for piece in pieces:
        text = "" if is_blank(piece) else _cell_text(piece)
        if text and text not in items:
            items.append(text)
    return items


# Split before folding, so that line breaks still separate items.
_LIST_SEPARATORS = re.compile(r"[、，,;；/／|｜\r\n]+")

# --- 身份证号 (GB 11643-1999) -------------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
_ID18 = re.compile(r"[0-9]{17}[0-9X]")
_ID15 = re.compile(r"[0-9]{15}")
# Spaces and dashes people type for readability, and the apostrophe that forces Excel text.
_LONG_NUMBER_NOISE = re.compile(r"[\s\-—–_'‘’]")
# What Excel shows for a long number (4.11602E+17) and what str(float) gives for one.
_EXPONENT = re.compile(r"[0-9]+(\.[0-9]+)?E\+?[0-9]+", re.IGNORECASE)
_WHOLE_WITH_ZEROS = re.compile(r"([0-9]+)\.0+")
# Excel keeps 15 significant digits; a number cell holding more has lost its last ones.
_EXCEL_DIGITS = 15

_ID_LENGTH_REASON = "应为18位（最后一位可以是X），老式15位号码也可以；请对照身份证原件核对位数。"


@dataclass(frozen=True)
class IdInfo:
    """What an 18-digit ID number says about its holder."""

    birth_date: date
    gender: str  # "男" or "女"
    region_code: str  # 6-digit 行政区划代码 at the time of issue


def id_check_char(body17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    if len(body17) != 17 or not (body17.isascii() and body17.isdigit()):
        raise ValueError(f"need exactly 17 digits, got {body17!r}")
    return _ID_CHECK_CHARS[sum(map(mul, map(int, body17), _ID_WEIGHTS)) % 11]


def build_id_number(region_code: str, birth_date: date, sequence: int) -> str:
    """A valid 18-digit ID number (for tests and demo data); odd sequence = male."""
    if not re.fullmatch(r"[0-9]{6}", region_code) or not 0 <= sequence <= 999:
        raise ValueError("region_code must be 6 digits and sequence 0-999")
    body = f"{region_code}{birth_date:%Y%m%d}{sequence:03d}"
    return body + id_check_char(body)


@overload
def normalize_id_number(value: Any, field: str = ..., *, required: Literal[True] = ...) -> str: ...


@overload
def normalize_id_number(value: Any, field: str = ..., *, required: bool) -> str | None: ...


def normalize_id_number(
    value: Any, field: str = "id_number", *, required: bool = True
) -> str | None:
    """The 18-character ID (15-digit ones upgraded, x → X); refuses anything Excel has rounded."""
    if type(value) is str and len(value) == 18 and _ID18.fullmatch(value):
        text = value  # written as stored: nothing to fold, strip or undo (most cells of a roster)
    else:
        if is_blank(value):
            if required:
                raise MissingRequired(field, value)
            return None

        def refuse(code: str, reason: str) -> LedgerError:
            return InvalidIdNumber(value, reason, code, field)

        text = _long_number_text(value, "身份证原件", refuse).upper()
        if _ID15.fullmatch(text):
            return _upgrade_id15(text, value, field)
        if not _ID18.fullmatch(text):
            raise InvalidIdNumber(value, _id_shape_reason(text), "id_length", field)
    _id_birth_date(text[6:14], value, field)
    if id_check_char(text[:17]) != text[17]:
        raise InvalidIdNumber(value, _checksum_reason(text), "id_checksum", field)
    return text


def _precision_reason(document: str) -> str:
    return (
        "该号码在Excel里被存成了数字，超过15位的部分已被四舍五入，末几位无法还原。"
        f"请把这一列设为“文本”格式，按{document}重新输入。"
    )


def _long_number_text(value: Any, document: str, refuse: Callable[[str, str], LedgerError]) -> str:
    """A long number (ID, bank card) as text, refusing what Excel has rounded; never guesses."""
    if type(value) is str and value.isascii() and value.isdigit():
        return value  # plain digits: nothing to fold, strip or undo
    if isinstance(value, bool):
        raise refuse("id_length", f"应填写号码，不能是“是/否”，请按{document}填写。")
    if isinstance(value, (int, float, Decimal)):
        return _whole_number_text(value, document, refuse)
    text = _LONG_NUMBER_NOISE.sub("", fold_text(str(value)))
    if _EXPONENT.fullmatch(text):
        raise refuse("id_precision_lost", _precision_reason(document))
    whole = _WHOLE_WITH_ZEROS.fullmatch(text)
    if whole:  # "410102900101123.0": a number cell turned into text by another program
        if len(whole.group(1)) > _EXCEL_DIGITS:
            raise refuse("id_precision_lost", _precision_reason(document))
        return whole.group(1)
    return text


def _whole_number_text(
    value: int | float | Decimal, document: str, refuse: Callable[[str, str], LedgerError]
) -> str:
    number = _number_to_decimal(value)
    if number is None or number < 0 or number != number.to_integral_value():
        raise refuse("id_length", f"不是有效的号码，请按{document}重新填写。")
    digits = format(number.to_integral_value(), "f")
    if len(digits) > _EXCEL_DIGITS:
        raise refuse("id_precision_lost", _precision_reason(document))
    return digits


def _id_shape_reason(text: str) -> str:
    bad = sorted({char for char in text if not char.isascii() or not char.isalnum()})
    if bad:
        return f"含有不该出现的字符“{''.join(bad)}”，" + _ID_LENGTH_REASON
    if len(text) == 18 and "X" in text[:17]:
        return "X只能出现在最后一位，" + _ID_LENGTH_REASON
    return f"现在是{len(text)}位，" + _ID_LENGTH_REASON


def _checksum_reason(text: str) -> str:
    reason = "最后一位校验码与前17位对不上，说明有数字录错或顺序颠倒，请对照身份证原件逐位核对。"
    if text.endswith("000"):
        # Excel rounding leaves zeros at the end; a clerk who retyped what Excel showed gets this.
        reason += "若号码是从Excel数字格式的单元格复制来的，末几位可能已变成0，需按原件重新输入。"
    return reason


def _id_birth_date(yyyymmdd: str, value: Any, field: str) -> date:
    year, month, day = int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:])
    try:
        born = date(year, month, day)
    except ValueError:
        reason = f"其中的出生日期“{yyyymmdd}”不是真实的日期，请核对出生年月日那几位。"
        raise InvalidIdNumber(value, reason, "id_birthdate", field) from None
    if born > date.today():
        reason = f"其中的出生日期{_cn_date(born)}晚于今天，请核对出生年月日那几位。"
        raise InvalidIdNumber(value, reason, "id_birthdate", field)
    if year < 1900:
        reason = f"其中的出生日期{_cn_date(born)}早于1900年，请核对出生年月日那几位。"
        raise InvalidIdNumber(value, reason, "id_birthdate", field)
    return born


def _upgrade_id15(text: str, value: Any, field: str) -> str:
    # 15-digit numbers (issued before 1999) carry a 2-digit year of the 1900s and no check char.
    body = f"{text[:6]}19{text[6:]}"
    _id_birth_date(body[6:14], value, field)
    return body + id_check_char(body)


def id_number_info(id_number: Any, field: str = "id_number") -> IdInfo:
    """Birth date, gender and region code read from an ID number (validated first)."""
    if type(id_number) is str:
        return _id_info(id_number, field)
    return _read_id_info(id_number, field)


@lru_cache(maxsize=4096)
def _id_info(id_number: str, field: str) -> IdInfo:
    # A row's ID number is asked about several times in a row (its 性别, 出生日期, the file's
    # rules); a refusal is raised again each time, never cached.
    return _read_id_info(id_number, field)


def _read_id_info(id_number: Any, field: str) -> IdInfo:
    id18 = normalize_id_number(id_number, field)
    born = date(int(id18[6:10]), int(id18[10:12]), int(id18[12:14]))
    return IdInfo(born, "男" if int(id18[16]) % 2 else "女", id18[:6])


def check_id_consistency(
    id_number: Any, gender: Any, birth_date: Any, field: str = "id_number"
) -> None:
    """Refuse when the 性别/出生日期 filled in differ from what the ID number says."""
    info = id_number_info(id_number, field)
    problems = []
    stated_gender = parse_choice("gender", gender)
    if stated_gender and stated_gender != info.gender:
        problems.append(f"身份证号显示性别为{info.gender}，但填写的是{stated_gender}")
    stated_birth = parse_date(birth_date, "birth_date")
    if stated_birth and stated_birth != info.birth_date:
        problems.append(
            f"身份证号显示出生日期为{_cn_date(info.birth_date)}，但填写的是{_cn_date(stated_birth)}"
        )
    if problems:
        advice = "请对照身份证原件，改正身份证号或填写错的那一项。"
        raise InvalidValue(field, id_number, "；".join(problems) + "。" + advice)


def birth_date_by_id(value: Any, id_number: Any) -> date | None:
    """The ID number's birth date for a 出生日期 written only to the month (1978.05, 1978年5月)
    when the ID number was born in that month; None otherwise, and the cell stays refused."""
    try:
        born = id_number_info(id_number).birth_date
    except LedgerError:
        return None
    return born if (born.year, born.month) in _written_months(value) else None


def _written_months(value: Any) -> set[tuple[int, int]]:
    if isinstance(value, (float, Decimal)) and _finite(value) and _MIN_YEAR <= value <= _MAX_YEAR:
        # 1978.05 typed into a number cell; 1978.1 may have been 1978.10 before Excel dropped the 0.
        year, _, digits = format(Decimal(str(value)), "f").partition(".")
        months = {int(digits)} | ({int(digits) * 10} if len(digits) == 1 else set())
        return {(int(year), month) for month in months if 1 <= month <= 12}
    try:
        month = parse_month(value, "birth_date")
    except LedgerError:
        return set()
    return {month} if month else set()


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


# --- 电话 ---------------------------------------------------------------------------------------

_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_SERVICE_NUMBER = re.compile(r"(400|800)[0-9]{7}")
_HOTLINE = re.compile(r"12[0-9]{3}")  # 12351 (职工服务热线), 12345, 12333 …
_EXTENSION = re.compile(r"(.*?)(?:转|分机|EXT\.?|X|#)([0-9]{1,6})", re.IGNORECASE)
_HYPHEN_EXTENSION = re.compile(r"(0[0-9]{2,3}-[0-9]{7,8})-([0-9]{1,6})")
_PHONE_NOISE = re.compile(r"[\s\-—–()（）.]")
_PHONE_EXAMPLES = "手机号如 13812345678，座机请带区号，如 0371-12345678。"


def normalize_phone(value: Any, field: str = "phone") -> str | None:
    """13812345678, 0371-12345678(转801), 400-123-4567 or a 12xxx hotline; None for blank."""
    if type(value) is str and len(value) == 11 and _MOBILE.fullmatch(value):
        return value  # a mobile number as stored (most of a roster): nothing to take apart
    if is_blank(value):
        return None
    text = _cell_text(value)
    if len(split_list(text)) > 1:
        raise InvalidValue(field, value, "一格只能填一个电话号码，其余号码请写在备注里。")
    main, extension = _split_extension(text)
    digits = _PHONE_NOISE.sub("", main)
    if not re.fullmatch(r"\+?[0-9]+", digits):
        raise InvalidValue(field, value, "电话号码只能包含数字、空格和短横线。" + _PHONE_EXAMPLES)
    digits = _strip_country_code(digits)
    result = _format_phone(digits, extension)
    if result is None:
        raise InvalidValue(field, value, _phone_reason(digits, value))
    return result


def _split_extension(text: str) -> tuple[str, str | None]:
    compact = re.sub(r"\s+", "", text)
    hyphenated = _HYPHEN_EXTENSION.fullmatch(compact)
    if hyphenated:
        return hyphenated.group(1), hyphenated.group(2)
    marked = _EXTENSION.fullmatch(compact)
    if marked:
        return marked.group(1), marked.group(2)
    return text, None


def _strip_country_code(digits: str) -> str:
    if digits.startswith("+86"):
        rest = digits[3:]
    elif digits.startswith("0086"):
        rest = digits[4:]
    elif digits.startswith("86") and _MOBILE.fullmatch(digits[2:]):
        rest = digits[2:]
    else:
        return digits.lstrip("+")
    # From abroad a landline is dialled without its leading 0: +86 371 12345678.
    return rest if _MOBILE.fullmatch(rest) or rest.startswith("0") else "0" + rest


def _format_phone(digits: str, extension: str | None) -> str | None:
    if extension is None:
        if _MOBILE.fullmatch(digits):
            return digits
        if digits.startswith("01") and _MOBILE.fullmatch(digits[1:]):
            return digits[1:]  # the long-distance 0 people used to put before a mobile number
        if _SERVICE_NUMBER.fullmatch(digits):
            return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
        if _HOTLINE.fullmatch(digits):
            return digits
    landline = _format_landline(digits)
    if landline is None:
        return None
    return f"{landline}转{extension}" if extension else landline


def _format_landline(digits: str) -> str | None:
    if not digits.startswith("0") or digits.startswith("00"):
        return None
    # 010 and 02x are the only 3-digit area codes (with their 0); every other one has 4.
    area_len = 3 if digits.startswith(("010", "02")) else 4
    area, local = digits[:area_len], digits[area_len:]
    allowed_lengths = (8,) if area_len == 3 else (7, 8)
    if len(local) not in allowed_lengths or local[0] == "0":
        return None
    return f"{area}-{local}"


def _phone_reason(digits: str, value: Any) -> str:
    if len(digits) in (7, 8) and digits[0] != "0":
        return "缺少区号，请在号码前加上区号，如 0371-12345678。"
    if len(digits) == 11 and digits.startswith("1"):
        return "手机号码应为11位数字，以13到19开头，请核对。"
    if isinstance(value, (int, float)) and digits[0] != "0" and len(digits) in (9, 10, 11):
        return "区号前面的0可能被Excel当作数字去掉了，请把这一列设为“文本”格式后补上0。"
    return "位数或区号不对。" + _PHONE_EXAMPLES


# --- 日期 ---------------------------------------------------------------------------------------

# Day 0 of Excel's 1900 system, counted so that serials after its phantom 1900-02-29 come out right.
_EXCEL_EPOCH = date(1899, 12, 30)
_FIRST_SERIAL = 61  # 1900-03-01: below this the 1900 leap-year bug makes serials ambiguous
_LAST_SERIAL = 73415  # 2100-12-31
_MIN_YEAR, _MAX_YEAR = 1900, 2100
_TIME_SUFFIX = re.compile(r"[T\s]+[0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?$")
_DATE_PATTERNS = (
    re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})"),
    re.compile(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})[日号]?"),
    re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})"),
)
_SHORT_YEAR_DATE = re.compile(r"([0-9]{2})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})[日号]?")
_YEAR_LAST_DATE = re.compile(r"[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{4}")
_MONTH_PATTERNS = (
    re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})"),
    re.compile(r"([0-9]{4})年([0-9]{1,2})月?(?:份)?"),
    re.compile(r"([0-9]{4})([0-9]{2})"),
)


def parse_date(value: Any, field: str) -> date | None:
    """A date from a date cell, an Excel serial number or text such as 2025年3月18日."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise InvalidDate(field, value, "这里应填日期，不是“是/否”。")
    if isinstance(value, (int, float, Decimal)):
        return _date_from_number(value, field)
    return _date_from_text(_cell_text(value), value, field)


def _finite(value: int | float | Decimal) -> bool:
    # Decimal NaN/Infinity (and signalling NaN, which math.isfinite cannot even look at) too.
    if isinstance(value, Decimal):
        return value.is_finite()
    return not isinstance(value, float) or math.isfinite(value)


def _date_from_number(value: int | float | Decimal, field: str) -> date:
    if not _finite(value):
        raise InvalidDate(field, value, "不是数字日期。")
    if _MIN_YEAR <= value <= _MAX_YEAR:
        # Read as a serial this would be a day in 1905; it is a bare year or 2025.3 made a number.
        raise InvalidDate(field, value, "只看到年份（或被Excel当成了小数），缺少月和日。")
    number = int(value)  # a fractional part is the time of day, which a date does not keep
    if number == value and 10_000_000 <= number <= 99_999_999:
        return _date_from_text(str(number), value, field)  # 20250318 typed into a number cell
    if not _FIRST_SERIAL <= number <= _LAST_SERIAL:
        raise InvalidDate(field, value, "这个数字既不是8位日期，也不是Excel的日期序号。")
    return _EXCEL_EPOCH + timedelta(days=number)


def _date_from_text(text: str, value: Any, field: str) -> date:
    compact = re.sub(r"\s+", "", _TIME_SUFFIX.sub("", text))
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(compact)
        if match:
            year, month, day = (int(part) for part in match.groups())
            return _make_date(year, month, day, value, field)
    raise InvalidDate(field, value, _date_text_reason(compact))


def _date_text_reason(compact: str) -> str:
    if _SHORT_YEAR_DATE.fullmatch(compact):
        return "年份只写了两位，分不清是19xx年还是20xx年，请写全四位年份。"
    if _YEAR_LAST_DATE.fullmatch(compact):
        return "年份写在了最后，分不清哪个是月、哪个是日，请按年、月、日的顺序写。"
    month = next((p.fullmatch(compact) for p in _MONTH_PATTERNS if p.fullmatch(compact)), None)
    if month and 1 <= int(month.group(2)) <= 12:
        return "只写到了月，看不出是哪一天，请补上日。"
    return "看不出年、月、日。"


def _make_date(year: int, month: int, day: int, value: Any, field: str) -> date:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise InvalidDate(field, value, f"年份{year}不在{_MIN_YEAR}到{_MAX_YEAR}年之间。")
    if not 1 <= month <= 12:
        raise InvalidDate(field, value, f"没有{month}月。")
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidDate(field, value, f"{year}年{month}月没有{day}日。") from None


def parse_month(value: Any, field: str) -> tuple[int, int] | None:
    """(year, month) from "2025-03", "2025年3月", "202503", a date or a full date text."""
    if is_blank(value):
        return None
    if isinstance(value, date):  # datetime is a date too
        return value.year, value.month
    if isinstance(value, bool):
        raise InvalidMonth(field, value, "这里应填月份，不是“是/否”。")
    if isinstance(value, (int, float, Decimal)):
        return _month_from_number(value, field)
    text = re.sub(r"\s+", "", _cell_text(value))
    for pattern in _MONTH_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _make_month(int(match.group(1)), int(match.group(2)), value, field)
    try:
        day = parse_date(value, field)
    except InvalidDate as error:
        raise InvalidMonth(field, value, error.reason) from None
    assert day is not None  # blank was handled above
    return day.year, day.month


def _month_from_number(value: int | float | Decimal, field: str) -> tuple[int, int]:
    if not _finite(value):
        raise InvalidMonth(field, value, "不是数字月份。")
    if value == int(value) and 190001 <= value <= 210012:
        return _make_month(int(value) // 100, int(value) % 100, value, field)
    if _MIN_YEAR <= value <= _MAX_YEAR + 1:
        # Typed 2025.10 into a number cell, Excel keeps 2025.1: October and January look the same.
        reason = "被Excel当成了小数（2025.10 会变成 2025.1），分不清是几月；请把该列设为文本格式。"
        raise InvalidMonth(field, value, reason)
    try:
        day = _date_from_number(value, field)
    except InvalidDate as error:
        raise InvalidMonth(field, value, error.reason) from None
    return day.year, day.month


def _make_month(year: int, month: int, value: Any, field: str) -> tuple[int, int]:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise InvalidMonth(field, value, f"年份{year}不在{_MIN_YEAR}到{_MAX_YEAR}年之间。")
    if not 1 <= month <= 12:
        raise InvalidMonth(field, value, f"没有{month}月。")
    return year, month


# --- 数字与金额 ---------------------------------------------------------------------------------

_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_GROUPED_NUMBER = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")
_VAGUE_WORDS = ("约", "余", "多", "近", "左右", "以上", "以下", "大概", "~", "～")
_CURRENCY_PREFIXES = ("人民币", "RMB", "CNY", "￥", "¥")
# Longest first, so that "万元" is not read as "元" after a stray "万".
_MONEY_SUFFIXES = (("亿元", 10**8), ("万元", 10**4), ("亿", 10**8), ("万", 10**4), ("元", 1))
_MAX_YUAN = Decimal(10) ** 10
_CENT = Decimal("0.01")
_COUNT_UNITS = (
    "人次", "户次", "人", "名", "户", "家", "个", "场", "次", "期", "册", "种", "件", "本", "项",
    "位", "所", "处", "座", "台", "间", "套", "份", "批", "天",
)  # fmt: skip
_AREA_UNITS = ("平方米", "平米", "平方", "㎡", "m²", "m2", "平")


def _text_to_decimal(text: str) -> Decimal | None:
    """A plain or thousands-grouped number; None when the text is anything else."""
    if "," in text:
        if not _GROUPED_NUMBER.fullmatch(text):
            return None  # "100,20" or "1,2,3" is a list of numbers, not thousands grouping
        text = text.replace(",", "")
    if not _NUMBER.fullmatch(text):
        return None
    return Decimal(text)


def _number_to_decimal(value: int | float | Decimal) -> Decimal | None:
    if isinstance(value, float):
        # repr gives the shortest text that round-trips: 0.1 stays 0.1, not 0.1000000000000000055…
        return Decimal(repr(value)) if math.isfinite(value) else None
    return Decimal(value) if not isinstance(value, Decimal) or value.is_finite() else None


def _strip_suffix(text: str, suffixes: Iterable[str]) -> tuple[str, str | None]:
    for suffix in suffixes:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)], suffix
    return text, None


def _vague_reason(text: str) -> str | None:
    if any(word in text for word in _VAGUE_WORDS):
        return "表格里要填准确数字，不能带“约、余、多、近、左右”等字。"
    return None


def parse_money(value: Any, field: str, *, unit: str = "元") -> Decimal | None:
    """Yuan as Decimal to the fen; `unit="万元"` when the column header says figures are 万元."""
    if unit not in ("元", "万元"):
        raise ValueError(f"unit must be 元 or 万元, not {unit!r}")
    if is_blank(value):
        return None
    amount, multiplier = _money_parts(value, field)
    if multiplier is None:
        multiplier = 10**4 if unit == "万元" else 1
    if amount < 0:
        raise InvalidAmount(field, value, "金额不能是负数，请填写实际发放或投入的金额。")
    yuan = amount * multiplier
    if yuan > _MAX_YUAN:
        raise InvalidAmount(field, value, "超过100亿元，可能多输了几位，或把元和万元弄混了。")
    return yuan.quantize(_CENT, rounding=ROUND_HALF_UP)


def _money_parts(value: Any, field: str) -> tuple[Decimal, int | None]:
    """The number written and the multiplier its own unit asks for (None: no unit written)."""
    if isinstance(value, bool):
        raise InvalidAmount(field, value, "这里应填金额，不是“是/否”。")
    if isinstance(value, (int, float, Decimal)):
        number = _number_to_decimal(value)
        if number is None:
            raise InvalidAmount(field, value, "不是数字。")
        return number, None
    text = re.sub(r"\s+", "", _cell_text(value)).rstrip("整")
    for prefix in _CURRENCY_PREFIXES:
        text = text.removeprefix(prefix)
    text, suffix = _strip_suffix(text, (name for name, _ in _MONEY_SUFFIXES))
    number = _text_to_decimal(text)
    if number is None:
        raise InvalidAmount(field, value, _vague_reason(text) or "看不出是多少钱。")
    return number, dict(_MONEY_SUFFIXES)[suffix] if suffix else None


def parse_int(
    value: Any, field: str, *, minimum: int | None = 0, maximum: int | None = None
) -> int | None:
    """A whole count such as "1,234", "120人", "300人次", "1.2万"; None for blank."""
    if is_blank(value):
        return None
    number = _count_decimal(value, field)
    if number != number.to_integral_value():
        raise InvalidValue(field, value, "应为整数，不能带小数，请填写准确的整数。")
    result = int(number)
    _check_range(result, value, field, minimum, maximum)
    return result


def _count_decimal(value: Any, field: str) -> Decimal:
    if isinstance(value, bool):
        raise InvalidValue(field, value, "这里应填数字，不是“是/否”。")
    if isinstance(value, (int, float, Decimal)):
        number = _number_to_decimal(value)
        if number is None:
            raise InvalidValue(field, value, "不是数字，请填写阿拉伯数字。")
        return number
    text = re.sub(r"\s+", "", _cell_text(value))
    text, _unit = _strip_suffix(text, _COUNT_UNITS)
    text, wan = _strip_suffix(text, ("万",))
    number = _text_to_decimal(text)
    if number is None:
        raise InvalidValue(field, value, _vague_reason(text) or "不是数字，请填写阿拉伯数字。")
    return number * 10**4 if wan else number


def _check_range(number: int | Decimal, value: Any, field: str, minimum: Any, maximum: Any) -> None:
    if minimum is not None and number < minimum:
        reason = "不能是负数，请核对。" if minimum == 0 else f"不能小于{minimum}，请核对。"
        raise InvalidValue(field, value, reason)
    if maximum is not None and number > maximum:
        raise InvalidValue(field, value, f"不能大于{maximum}，请核对是否多输了位数。")


def parse_decimal(
    value: Any, field: str, *, minimum: int | Decimal | None = 0, places: int = 2
) -> Decimal | None:
    """A decimal such as an area ("120㎡", "85.5平方米"), rounded half up to `places` decimals."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise InvalidValue(field, value, "这里应填数字，不是“是/否”。")
    if isinstance(value, (int, float, Decimal)):
        number = _number_to_decimal(value)
    else:
        text, _unit = _strip_suffix(re.sub(r"\s+", "", _cell_text(value)), _AREA_UNITS)
        number = _text_to_decimal(text)
    if number is None:
        reason = _vague_reason(_cell_text(value)) or "不是数字，请填写阿拉伯数字，如 85.5。"
        raise InvalidValue(field, value, reason)
    _check_range(number, value, field, minimum, None)
    try:
        return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # more digits than any decimal context holds: 1E+400
        raise InvalidValue(field, value, "数字太大，请核对是否多输了位数。") from None


# --- 经纬度 -------------------------------------------------------------------------------------

# Rough bounding box of China; the app serves county unions, so anything outside is a slip.
_COORDINATE_RANGES: dict[str, tuple[int, int, str, str]] = {
    "longitude": (73, 136, "经度", "东经"),
    "latitude": (3, 54, "纬度", "北纬"),
}
_HEMISPHERE_WORDS = {"东经": "E", "西经": "W", "北纬": "N", "南纬": "S"}
_AXIS_OF_HEMISPHERE = {"E": "longitude", "W": "longitude", "N": "latitude", "S": "latitude"}
_DMS = re.compile(
    r"([0-9]+(?:\.[0-9]+)?)[°º˚度]"
    r"(?:([0-9]+(?:\.[0-9]+)?)(?:'|′|’|分))?"
    r"(?:([0-9]+(?:\.[0-9]+)?)(?:\"|″|”|''|′′|’’|秒))?"
)
_WRONG_HEMISPHERE = {
    "longitude": "这一格是经度，应写东经（E），不能写北纬、南纬（N、S），经纬度是否填反了？",
    "latitude": "这一格是纬度，应写北纬（N），不能写东经、西经（E、W），经纬度是否填反了？",
}
_PAIR = re.compile(r"-?[0-9]+(\.[0-9]+)?,-?[0-9]+(\.[0-9]+)?")
_MICRO_DEGREE = Decimal("0.000001")


def parse_coordinate(value: Any, field: str, axis: Axis) -> Decimal | None:
    """Decimal degrees (6 places) from 116.397, 116°23'45.6"E or 东经116度23分45秒."""
    if axis not in _COORDINATE_RANGES:
        raise ValueError(f"axis must be longitude or latitude, not {axis!r}")
    if is_blank(value):
        return None
    degrees = _signed_degrees(value, field, axis)
    low, high, name, hemisphere = _COORDINATE_RANGES[axis]
    if not low <= degrees <= high:
        reason = (
            f"{name}应在{hemisphere}{low}°到{high}°之间（本软件用于国内县级工会）"
            + _swapped_hint(degrees, axis)
            + "，请核对。"
        )
        raise InvalidValue(field, value, reason)
    return degrees.quantize(_MICRO_DEGREE, rounding=ROUND_HALF_UP)


def _swapped_hint(degrees: Decimal, axis: Axis) -> str:
    other = "latitude" if axis == "longitude" else "longitude"
    low, high, other_name, _ = _COORDINATE_RANGES[other]
    return f"，这个数看起来像{other_name}，经纬度是否填反了" if low <= degrees <= high else ""


def _signed_degrees(value: Any, field: str, axis: Axis) -> Decimal:
    if isinstance(value, bool):
        raise InvalidValue(field, value, "这里应填经纬度数字，不是“是/否”。")
    if isinstance(value, (int, float, Decimal)):
        number = _number_to_decimal(value)
        if number is None:
            raise InvalidValue(field, value, "不是数字，请填写如 113.6253 的十进制度数。")
        return number
    text = re.sub(r"\s+", "", _cell_text(value)).upper()
    text, hemisphere = _take_hemisphere(text)
    if hemisphere and _AXIS_OF_HEMISPHERE[hemisphere] != axis:
        raise InvalidValue(field, value, _WRONG_HEMISPHERE[axis])
    degrees = _text_to_degrees(text, value, field)
    return -degrees if hemisphere in ("W", "S") else degrees


def _take_hemisphere(text: str) -> tuple[str, str | None]:
    for word, letter in _HEMISPHERE_WORDS.items():
        if text.startswith(word) or text.endswith(word):
            return text.removeprefix(word).removesuffix(word), letter
    if text[:1] in _AXIS_OF_HEMISPHERE:
        return text[1:], text[0]
    if text[-1:] in _AXIS_OF_HEMISPHERE:
        return text[:-1], text[-1]
    return text, None


def _text_to_degrees(text: str, value: Any, field: str) -> Decimal:
    number = _text_to_decimal(text)
    if number is not None:
        return number
    match = _DMS.fullmatch(text)
    if match is None:
        if _PAIR.fullmatch(text):
            raise InvalidValue(field, value, "经度和纬度填在了同一格，请分开填到两列。")
        raise InvalidValue(
            field, value, "看不懂这个写法，请填写如 113.6253 或 113°37'31\"E 的形式。"
        )
    degrees, minutes, seconds = (Decimal(part or 0) for part in match.groups())
    if minutes >= 60 or seconds >= 60:
        raise InvalidValue(field, value, "分和秒都应小于60，请核对。")
    return degrees + minutes / 60 + seconds / 3600


# --- 是/否 -------------------------------------------------------------------------------------

_TRUE_WORDS = frozenset({"是", "有", "√", "✓", "✔", "y", "yes", "1", "true", "t", "对", "是的"})
_FALSE_WORDS = frozenset(
    {"否", "无", "×", "✗", "✘", "n", "no", "0", "false", "f", "不是", "没有", "非"}
)


def parse_bool(value: Any, field: str) -> bool | None:
    """是/否 from 是/否, 有/无, √/×, Y/N, yes/no, 1/0, true/false (any case); None for blank."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    word = _cell_text(value).casefold()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise InvalidValue(field, value, "请填写“是”或“否”（也可写 有/无、√/×、Y/N）。")


# --- 固定选项 ------------------------------------------------------------------------------------

_BRACKETS = re.compile(r"[()\[\]{}<>【】〔〕〈〉《》「」]")
_BRACKETED_PART = re.compile(r"\([^)]*\)")


def _choice_key(text: str) -> str:
    return re.sub(r"\s+", "", fold_text(text)).casefold()


def _list_label(field: str) -> str | None:
    return vocab.LIST_LABELS.get(field)


def _derived_variants(canonical: str) -> list[str]:
    """Spellings implied by the value itself: bracket part dropped, each half of an "a/b" value."""
    derived = []
    without_brackets = _BRACKETED_PART.sub("", canonical)
    if without_brackets != canonical:
        derived.append(without_brackets)
    if "/" in canonical:
        derived.extend(canonical.split("/"))
    return derived


@cache
def _choice_index(field: str) -> dict[str, str]:
    """Lookup key → value; exact keys first, then the same keys with brackets removed."""
    allowed = vocab.CHOICES[field]
    pairs = [(value, value) for value in allowed]
    pairs += list(vocab.VARIANTS.get(field, {}).items())
    derived = [(spelling, value) for value in allowed for spelling in _derived_variants(value)]
    # A derived spelling that two values of the list share would be a guess: leave it out.
    counts: dict[str, set[str]] = {}
    for spelling, value in derived:
        counts.setdefault(_choice_key(spelling), set()).add(value)
    pairs += [(s, v) for s, v in derived if len(counts[_choice_key(s)]) == 1]
    index: dict[str, str] = {}
    for spelling, value in pairs:
        index.setdefault(_choice_key(spelling), value)
    for spelling, value in pairs:
        index.setdefault(_BRACKETS.sub("", _choice_key(spelling)), value)
    return index


def parse_choice(field: str, value: Any) -> str | None:
    """The canonical value of a fixed list (vocab.CHOICES[field]) or None for blank."""
    if field not in vocab.CHOICES:
        raise ValueError(f"no value list for field {field!r}; see models.vocab.CHOICES")
    if is_blank(value):
        return None
    text = _cell_text(value)
    allowed = vocab.CHOICES[field]
    if text in allowed:
        return text
    index = _choice_index(field)
    key = _choice_key(text)
    found = index.get(key) or index.get(_BRACKETS.sub("", key))
    if found is None:
        raise InvalidChoice(field, value, allowed, label=_list_label(field))
    return found


def parse_choices(field: str, value: Any, *, max_count: int | None = None) -> tuple[str, ...]:
    """Several values of one list, from a list or text split on 、，,;；/|; repeats dropped."""
    chosen: list[str] = []
    for item in split_list(value):
        canonical = parse_choice(field, item)
        if canonical and canonical not in chosen:
            chosen.append(canonical)
    if max_count is not None and len(chosen) > max_count:
        listed = "、".join(chosen)
        reason = f"最多选{max_count}项，现在有{len(chosen)}项（{listed}），请删去多余的。"
        raise InvalidValue(field, value, reason, label=_list_label(field))
    return tuple(chosen)


_LEGACY_HARDSHIP_KEYS = {_choice_key(name) for name in vocab.HARDSHIP_LEGACY}


HardshipClass = tuple[str, str | None]


@overload
def parse_hardship_class(value: Any, *, required: Literal[True] = ...) -> HardshipClass: ...


@overload
def parse_hardship_class(value: Any, *, required: bool) -> HardshipClass | None: ...


def parse_hardship_class(value: Any, *, required: bool = True) -> HardshipClass | None:
    """(current class, legacy text it came from or None): "低保户" → ("深度困难", "低保户")."""
    if is_blank(value):
        if required:
            raise MissingRequired("hardship_class", value)
        return None
    current = parse_choice("hardship_class", value)
    assert current is not None  # blank was handled above
    text = _cell_text(value)
    legacy = text if _BRACKETS.sub("", _choice_key(text)) in _LEGACY_HARDSHIP_KEYS else None
    return current, legacy


# --- 银行卡号、星级 ------------------------------------------------------------------------------


def normalize_bank_card(value: Any, field: str = "bank_card") -> str | None:
    """Digits only, 12–19 long; refuses numbers Excel has rounded; None for blank."""
    if is_blank(value):
        return None

    def refuse(_code: str, reason: str) -> LedgerError:
        return InvalidValue(field, value, reason)

    digits = _long_number_text(value, "银行卡", refuse)
    if not (digits.isascii() and digits.isdigit()):
        raise InvalidValue(field, value, "银行卡号只能包含数字，请对照银行卡核对。")
    if not 12 <= len(digits) <= 19:
        reason = f"银行卡号应为12到19位数字，现在是{len(digits)}位，请对照银行卡核对。"
        raise InvalidValue(field, value, reason)
    return digits


_CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}


def parse_star_level(value: Any, field: str = "star_level") -> int | None:
    """A station's 星级, 1 to 5, from 3, "3星", "三星级" or "★★★"; None for blank."""
    if is_blank(value):
        return None
    text = re.sub(r"\s+", "", _cell_text(value)).removesuffix("级")
    stars = _stars_from_text(text)
    if stars is None or not 1 <= stars <= 5:
        raise InvalidValue(field, value, "星级应为1到5星，可写 3、3星、三星级 或 ★★★。")
    return stars


def _stars_from_text(text: str) -> int | None:
    if text and set(text) <= {"★", "☆"}:
        return text.count("★")  # ☆ marks the stars not earned: ★★★☆☆ is three
    text = text.removesuffix("星")
    if re.fullmatch(r"[0-9]", text):
        return int(text)
    return _CHINESE_DIGITS.get(text)


def format_yuan(amount: Decimal | int | None) -> str:
    """Money for tables: Decimal("1200") → "1,200.00"; None → ""."""
    if amount is None:
        return ""
    return f"{Decimal(amount).quantize(_CENT, rounding=ROUND_HALF_UP):,.2f}"
