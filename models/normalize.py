"""Record-level normalisation: one table per record kind maps each field to its rule in validation.

The forms (field by field, as the clerk types), the importer (row by row) and the services (on save)
all go through `normalize_record` / `normalize_field`, so a value is judged the same way everywhere.
An import reads its choice cells with `read_choice` and settles each row with `settle_row`: a
sheet's own wording of a descriptive value is mapped onto the list (models.wording) instead of
refused, and kept on the record.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass, replace
from typing import Any

from models import validation as v
from models import vocab
from models.errors import InvalidChoice, LedgerError, MissingRequired, UnmappedChoice
from models.fields import label_of
from models.kinds import KINDS, Field, Type
from models.wording import Matcher, WordingMatch
from models.wording.original import COLUMN as ORIGINAL_WORDING

Parser = Callable[[Any, str], Any]


def text(max_len: int) -> Parser:
    return lambda value, field: v.clean_text(value, field, max_len=max_len)


def person_name(max_len: int) -> Parser:
    """A person's name: text without the spaces that pad its characters (王　芳)."""
    return lambda value, field: v.clean_name(value, field, max_len=max_len)


def prose(max_len: int) -> Parser:
    """Free text whose line breaks matter (备注, 内容摘要)."""
    return lambda value, field: v.clean_text(value, field, max_len=max_len, multiline=True)


def choice(value: Any, field: str) -> Any:
    return v.parse_choice(field, value)


def choice_of(list_name: str) -> Parser:
    """A choice validated against a list whose registry key differs from the field name."""
    return lambda value, field: v.parse_choice(list_name, value)


def choices(max_count: int | None = None, list_name: str | None = None) -> Parser:
    def parse(value: Any, field: str) -> tuple[str, ...]:
        return v.parse_choices(list_name or field, value, max_count=max_count)

    return parse


def integer(minimum: int = 0, maximum: int | None = None) -> Parser:
    return lambda value, field: v.parse_int(value, field, minimum=minimum, maximum=maximum)


def money(value: Any, field: str) -> Any:
    return v.parse_money(value, field)


def date(value: Any, field: str) -> Any:
    return v.parse_date(value, field)


def boolean(value: Any, field: str) -> Any:
    return v.parse_bool(value, field)


def id_number(value: Any, field: str) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return v.normalize_id_number(value, field)


def phone(value: Any, field: str) -> Any:
    return v.normalize_phone(value, field)


def hardship_class(value: Any, field: str) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return v.parse_hardship_class(value)


@dataclass(frozen=True)
class FieldRule:
    parse: Parser
    required: bool = False


def _rules(spec: Mapping[str, Parser | tuple[Parser, bool]]) -> dict[str, FieldRule]:
    return {
        name: FieldRule(*rule) if isinstance(rule, tuple) else FieldRule(rule)
        for name, rule in spec.items()
    }


REQUIRED = True

HOUSEHOLD_RULES = _rules(
    {
        "file_no": text(40),
        "name": (person_name(40), REQUIRED),
        "gender": choice,
        "ethnicity": choice,
        "id_number": (id_number, REQUIRED),
        "birth_date": date,
        "political_status": choice,
        "health": choice,
        "disease": text(100),
        "disability_kind": choice,
        "disability_grade": choice,
        "work_status": choice,
        "model_worker": choice,
        "phone": phone,
        "employer": text(100),
        "employer_nature": choice,
        "industry": choice,
        "marital_status": choice,
        "hukou_type": choice,
        "housing_type": choice,
        "address": text(200),
        "township": (text(40), REQUIRED),
        "family_size": integer(1, 30),
        "monthly_income": money,
        "family_annual_income": money,
        "annual_rigid_expense": money,
        "medical_insurance": choice,
        "single_parent": boolean,
        "zero_employment": boolean,
        "hardship_class": (hardship_class, REQUIRED),
        "main_cause": (choice, REQUIRED),
        "secondary_causes": choices(3, "secondary_causes"),
        "bank_name": text(60),
        "bank_card": lambda value, field: v.normalize_bank_card(value, field),
        "filed_date": date,
        "reviewed_date": date,
        "remarks": prose(2000),
    }
)

MEMBER_RULES = _rules(
    {
        "name": (person_name(40), REQUIRED),
        "relation": (choice, REQUIRED),
        "id_number": id_number,
        "gender": choice,
        "birth_date": date,
        "health": choice,
        "monthly_income": money,
        "identity": choice,
        "school": text(100),
        "grade": text(20),
    }
)

ASSISTANCE_RULES = _rules(
    {
        "date": (date, REQUIRED),
        "category": (choice_of("assistance_category"), REQUIRED),
        "cash": money,
        "goods": text(200),
        "goods_value": money,
        "funding_source": (choice, REQUIRED),
        "operator": text(40),
        "remarks": prose(2000),
    }
)

STATION_RULES = _rules(
    {
        "code": text(40),
        "name": (text(100), REQUIRED),
        "station_type": (choice, REQUIRED),
        "township": (text(40), REQUIRED),
        "address": text(200),
        "longitude": lambda value, field: v.parse_coordinate(value, field, "longitude"),
        "latitude": lambda value, field: v.parse_coordinate(value, field, "latitude"),
        "host_unit": text(100),
        "host_kind": choice,
        "build_mode": choice,
        "manager": text(40),
        "phone": phone,
        "built_date": date,
        "area": lambda value, field: v.parse_decimal(value, field),
        "investment": money,
        "opening_hours": text(100),
        "open_24h": boolean,
        "status": choice_of("station_status"),
        "star_level": lambda value, field: v.parse_star_level(value),
        "facilities": choices(),
        "functions": choices(),
        "books": integer(),
        "periodicals": integer(),
        "demo_level": choice,
        "nursing_grade": choice,
        "honors": prose(500),
        "remarks": prose(2000),
    }
)

USAGE_RULES = _rules(
    {
        "month": (lambda value, field: v.parse_month(value, field), REQUIRED),
        "visits": (integer(0, 10_000_000), REQUIRED),
        "remarks": text(200),
    }
)

ACTIVITY_RULES = _rules(
    {
        "name": (text(200), REQUIRED),
        "category": (choice_of("activity_category"), REQUIRED),
        "start_date": (date, REQUIRED),
        "end_date": date,
        "place": text(200),
        "township": text(40),
        "organizer": text(100),
        "undertaker": text(100),
        "station_id": integer(1),
        "participants": integer(),
        "person_times": integer(),
        "households_benefited": integer(),
        "cash": money,
        "goods_value": money,
        "funding_source": choice,
        "cases": integer(),
        "money_recovered": money,
        "new_unions": integer(),
        "new_members": integer(),
        "new_migrant_members": integer(),
        "contest_trades": integer(),
        "contestants": integer(),
        "training_sessions": integer(),
        "trainees": integer(),
        "students": integer(),
        "summary": prose(5000),
        "include_in_summary": boolean,
    }
)

RULES_BY_KIND: dict[str, dict[str, FieldRule]] = {
    "households": HOUSEHOLD_RULES,
    "members": MEMBER_RULES,
    "assistance": ASSISTANCE_RULES,
    "stations": STATION_RULES,
    "usage": USAGE_RULES,
    "activities": ACTIVITY_RULES,
}


def normalize_field(kind: str, field: str, value: Any) -> Any:
    """Normalise one value the way saving would; raises the typed error a form shows under the field."""
    rule = RULES_BY_KIND[kind][field]
    try:
        result = rule.parse(value, field)
        if rule.required and _blank(result):
            raise MissingRequired(field)
    except LedgerError as exc:
        # The record kind decides the wording: a station's "name" is 名称, a member's is 姓名.
        exc.field, exc.label = field, label_of(field, kind)
        raise
    return result


def normalize_record(
    kind: str, values: Mapping[str, Any], *, partial: bool = False
) -> tuple[dict[str, Any], list[LedgerError]]:
    """Normalise every known field; returns (clean values, every error found) without raising.

    Unknown keys are ignored. With `partial`, fields that are absent are not required (an update).
    """
    rules = RULES_BY_KIND[kind]
    clean: dict[str, Any] = {}
    errors: list[LedgerError] = []
    for field, rule in rules.items():
        if field not in values:
            if rule.required and not partial:
                errors.append(MissingRequired(field))
            continue
        try:
            clean[field] = normalize_field(kind, field, values[field])
        except LedgerError as exc:
            errors.append(exc)
    return clean, errors


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == ()


# ---- an import's wording ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Worded:
    """What an import makes of one choice, multi-choice or yes/no cell.

    `original` is the cell's text when it is not the list's own wording (kept on the record);
    `extra` what the cell says about other fields (肢体四级: the grade too); `parts` the
    (field, match) pairs the import report lists; `problem` why the row is refused, if it is.
    """

    value: Any
    original: str | None = None
    extra: tuple[tuple[str, str], ...] = ()
    parts: tuple[tuple[str, WordingMatch], ...] = ()
    problem: LedgerError | None = None


def is_worded(spec: Field) -> bool:
    """Whether an import reads the field's cells through the wording matcher."""
    return spec.values is not None or spec.type is Type.BOOL


def read_choice(kind: str, field: str, value: Any, matcher: Matcher) -> Worded:
    """An import's cell of a choice field: the list's own wording as the forms take it, anything
    else through the office vocabulary and the synonyms (`matcher`).

    Wording of a descriptive list that still matches nothing becomes 其他 where the list has it
    and blank otherwise, never a refusal; strict lists (性别, 困难类别, statuses), required fields
    and required fields refuse it, naming the values.
    """
    spec = KINDS[kind][field]
    try:
        if spec.type is Type.BOOL:
            return _read_flag(spec, value, matcher)
        if spec.multi:
            return _read_many(spec, value, matcher)
        return _read_one(spec, value, matcher)
    except LedgerError as exc:
        exc.field, exc.label = field, label_of(field, kind)
        return Worded(None, problem=exc)


def _read_flag(spec: Field, value: Any, matcher: Matcher) -> Worded:
    try:
        return Worded(v.parse_bool(value, spec.name))  # 是/否, 有/无, √/×, Y/N as the forms take
    except LedgerError:
        pass
    found = matcher.match_flag(value)
    answer = None if found.value is None else found.value == "是"
    return Worded(answer, found.original, parts=((spec.name, found),))


def _read_many(spec: Field, value: Any, matcher: Matcher) -> Worded:
    assert spec.values is not None
    matches = tuple(_items(spec.values, value, matcher))
    chosen = tuple(dict.fromkeys(m.value for m in matches if m.value))
    if spec.name == "secondary_causes":
        # The record holds three; the rest are in the kept wording, not refused.
        chosen = chosen[: vocab.MAX_SECONDARY_CAUSES]
    parts = tuple((spec.name, m) for m in matches if m.reported)
    if not parts and len(chosen) == len(matches):
        return Worded(chosen)
    return Worded(chosen, "、".join(m.original for m in matches), parts=parts)


# Items of a multi-choice cell, split before "/" is: 空调/风扇 is one value of its list.
_ITEM_SEPARATORS = re.compile(r"[、，,;；|｜\r\n]+")


def _items(list_name: str, value: Any, matcher: Matcher) -> list[WordingMatch]:
    pieces = value if isinstance(value, (list, tuple)) else _ITEM_SEPARATORS.split(str(value))
    found: list[WordingMatch] = []
    for piece in pieces:
        exact = matcher.match(list_name, piece)
        items = (exact,) if exact.how == "exact" else matcher.match_many(list_name, piece)
        for item in items:
            if item.original and all(item.value != f.value or not f.value for f in found):
                found.append(item)
    return found


def _read_one(spec: Field, value: Any, matcher: Matcher) -> Worded:
    assert spec.values is not None
    found = matcher.match(spec.values, value, strict=spec.strict)
    if found.how == "exact":
        return Worded(_stored(spec, found.value, value), extra=found.extra)
    if found.how in ("other", "unmatched"):
        accepted = _accepted(spec.values, value)
        if accepted is not None:  # a spelling the forms take is never worse on import
            found = replace(found, value=accepted, how="synonym", strict=False)
    parts = ((spec.name, found),)
    if found.value is None and (found.refused or spec.required):
        allowed = found.candidates or vocab.CHOICES[spec.values]
        return Worded(None, parts=parts, problem=UnmappedChoice(spec.name, found.original, allowed))
    stored = _stored(spec, found.value, value)
    legacy = spec.name == "hardship_class" and stored[1] is not None
    return Worded(stored, None if legacy else found.original, found.extra, parts)


def _accepted(list_name: str, value: Any) -> str | None:
    try:
        return v.parse_choice(list_name, value)
    except InvalidChoice:
        return None


def _stored(spec: Field, found: str | None, value: Any) -> Any:
    """The value as the field's rule would give it: 困难类别 is (class, the legacy name it had)."""
    if spec.name != "hardship_class" or found is None:
        return found
    try:
        current, legacy = v.parse_hardship_class(value)
    except LedgerError:
        return found, None
    return found, legacy if current == found else None


# 24小时, 24h, 全天候: a 开放时间 that says the stop never closes.
_ROUND_THE_CLOCK = re.compile(r"24\s*(?:小时|h)|全天候|全天开放|不打烊", re.IGNORECASE)


def settle_birth_month(values: dict[str, Any], problems: list[LedgerError]) -> None:
    """An imported 出生日期 written only to the month (1978.05) beside an ID number born in that
    month takes the ID number's day; beside another month, or alone, it stays refused."""
    for problem in list(problems):
        if problem.field != "birth_date" or problem.code != "date_unparseable":
            continue
        born = v.birth_date_by_id(problem.value, values.get("id_number"))
        if born is not None:
            values["birth_date"] = born
            problems.remove(problem)


def settle_row(
    kind: str, values: dict[str, Any], worded: Mapping[str, Worded], present: Set[str]
) -> None:
    """An imported row's values after its choice cells were read: what a cell says about other
    fields fills them where the row left them blank, a 开放时间 of 24小时 answers 24小时开放 when
    the sheet does not, the main cause is not repeated among the secondary ones, and the original
    wording goes to the record (`original_wording`)."""
    rules = RULES_BY_KIND[kind]
    for reading in worded.values():
        for name, said in reading.extra:
            if name in present or name in values or name not in rules:
                continue
            try:
                values[name] = normalize_field(kind, name, said)
            except LedgerError:
                continue  # a reading between the lines never costs the row
    hours = values.get("opening_hours")
    if "open_24h" not in present and isinstance(hours, str) and _ROUND_THE_CLOCK.search(hours):
        values["open_24h"] = True  # 开放时间 24小时: the 驿站's 24小时开放 (P: 24小时不打烊)
    main, secondary = values.get("main_cause"), values.get("secondary_causes")
    if main and secondary and main in secondary:
        values["secondary_causes"] = tuple(c for c in secondary if c != main)
    original = {name: r.original for name, r in worded.items() if r.original}
    if original:
        values[ORIGINAL_WORDING] = original
