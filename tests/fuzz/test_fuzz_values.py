"""Fuzzing the parsers and record normalisation: a typed Chinese refusal or a value, never a crash."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from models import masking
from models import validation as v
from models.errors import LedgerError
from models.normalize import RULES_BY_KIND, normalize_field, normalize_record
from tests.fuzz.strategies import FUZZ, cell_value, chinese

PARSERS = [
    lambda x: v.parse_date(x, "filed_date"),
    lambda x: v.parse_month(x, "month"),
    lambda x: v.parse_money(x, "cash"),
    lambda x: v.parse_int(x, "family_size", minimum=1, maximum=30),
    lambda x: v.parse_decimal(x, "area"),
    lambda x: v.parse_coordinate(x, "longitude", "longitude"),
    lambda x: v.parse_coordinate(x, "latitude", "latitude"),
    lambda x: v.normalize_id_number(x, "id_number"),
    lambda x: v.normalize_phone(x, "phone"),
    lambda x: v.normalize_bank_card(x, "bank_card"),
    lambda x: v.parse_bool(x, "single_parent"),
    lambda x: v.parse_choice("main_cause", x),
    lambda x: v.parse_choices("secondary_causes", x, max_count=3),
    lambda x: v.parse_hardship_class(x),
    lambda x: v.parse_star_level(x),
    lambda x: v.clean_text(x, "remarks", max_len=20),
    v.split_list,
]


def _judge(call: Any, value: Any) -> None:
    try:
        call(value)
    except LedgerError as exc:
        assert exc.message and chinese(exc.message), repr(exc.message)
        assert exc.code


@FUZZ
@given(st.sampled_from(range(len(PARSERS))), cell_value)
def test_parsers_refuse_only_with_chinese_ledger_errors(index: int, value: Any) -> None:
    _judge(PARSERS[index], value)


@FUZZ
@given(cell_value)
def test_masking_never_raises(value: Any) -> None:
    for mask in (masking.mask_id_number, masking.mask_phone, masking.mask_bank_card):
        assert isinstance(mask(value), str)


@FUZZ
@given(st.data())
def test_normalize_record_every_kind(data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from(sorted(RULES_BY_KIND)))
    fields = sorted(RULES_BY_KIND[kind])
    chosen = data.draw(st.lists(st.sampled_from(fields), unique=True, max_size=len(fields)))
    values = {f: data.draw(cell_value) for f in chosen}
    partial = data.draw(st.booleans())
    clean, errors = normalize_record(kind, values, partial=partial)
    assert set(clean) <= set(fields)
    for exc in errors:
        assert isinstance(exc, LedgerError) and chinese(exc.message)
    for field in chosen:
        _judge(lambda x, f=field: normalize_field(kind, f, x), values[field])
