"""A cell the office mapped whole still says what else it says: the further causes, the disease,
the disability grade are kept as without the mapping (saving a wizard's choice loses nothing)."""

from __future__ import annotations

import pytest

from models.wording import Matcher


@pytest.mark.parametrize(
    ("list_name", "cell", "mapped_to", "extra"),
    [
        ("main_cause", "患重特大疾病、子女上学", "患重特大疾病", {"secondary_causes": "子女上学"}),
        # The clerk chose another main cause: the one it displaced becomes a secondary one.
        ("main_cause", "因病、因学", "子女上学", {"secondary_causes": "患重特大疾病"}),
        ("health", "尿毒症", "患重特大疾病", {"disease": "尿毒症"}),
        ("disability_kind", "肢体四级", "肢体", {"disability_grade": "四级"}),
    ],
)
def test_an_office_mapping_keeps_what_else_the_cell_says(
    list_name: str, cell: str, mapped_to: str, extra: dict[str, str]
) -> None:
    plain = Matcher().match(list_name, cell)
    assert plain.how != "office" and plain.extras  # the cell does say more than its value
    found = Matcher({(list_name, cell): mapped_to}).match(list_name, cell)
    assert (found.value, found.how) == (mapped_to, "office")
    assert found.extras == extra


def test_a_cell_mapped_to_blank_says_nothing_else() -> None:
    found = Matcher({("main_cause", "因病、因学"): None}).match("main_cause", "因病、因学")
    assert (found.value, found.how, found.extra) == (None, "office", ())
