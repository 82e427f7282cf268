"""Record-level normalisation: one table per record kind maps each field to its rule in validation.

The forms (field by field, as the clerk types), the importer (row by row) and the services (on save)
all go through `normalize_record` / `normalize_field`, so a value is judged the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from models import validation as v
from models.errors import LedgerError, MissingRequired
from models.fields import label_of

Parser = Callable[[Any, str], Any]


def text(max_len: int) -> Parser:
    return lambda value, field: v.clean_text(value, field, max_len=max_len)


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
        "name": (text(40), REQUIRED),
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
        "name": (text(40), REQUIRED),
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
