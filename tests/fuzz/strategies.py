"""Hypothesis strategies for what clerks and their spreadsheets really type into a field."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from models.validation import build_id_number

# Text a cell may hold: Chinese, full-width digits and punctuation, control characters, huge runs.
_ALPHABET = st.sampled_from(
    list("0123456789０１２３４５６７８９xX-/.年月日元万，、 \t\n\r")
    + list("张王李在档脱困销档男女汉族城关镇深度困难相对意外")
    + ["\x00", "\u200b", "\ufeff", "\U0001f600", "é", "–", "—", "’"]
)
messy_text = st.one_of(
    st.text(_ALPHABET, max_size=40),
    st.text(max_size=30),
    st.sampled_from(
        ["", " ", "无", "—", "/", "#N/A", "NULL", "None", "nan", "1e309", "-0", "=1+1"]
    ),
)
plausible_id = st.builds(
    build_id_number,
    st.sampled_from(["411602", "110101", "440305"]),
    st.dates(dt.date(1930, 1, 1), dt.date(2020, 12, 31)),
    st.integers(0, 999),
)
cell_value = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 1, 1)),
    messy_text,
    plausible_id,
    plausible_id.map(lambda s: s.lower().replace("x", "x")[:-1]),
    st.just(Decimal("1E+400")),
)


def chinese(message: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in message)


# UNION_LEDGER_FUZZ_EXAMPLES=20000 for a long hunt; the default keeps the test run short.
FUZZ = settings(
    max_examples=int(os.environ.get("UNION_LEDGER_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
