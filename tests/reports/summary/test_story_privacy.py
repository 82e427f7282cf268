"""The summary names no household member: a 典型 story naming a household head or member (as the
clerk's 内容摘要 may) is told without the name."""

from __future__ import annotations

from typing import Any

from models.statistics import year_figures
from reports.narrative import fill_placeholders
from reports.summary import prepare
from reports.summary.build import assembled
from reports.summary.draft import generate_draft
from tests.reports.summary.sample_data import HEAD_NAMES, MEMBER_NAME, YEAR

ORG = "平安县总工会"
HEAD = HEAD_NAMES[0]  # 张建国, whose file lists 张小明 as a member
STORY = (
    f"1月20日，县总工会在城关镇开展新春送温暖活动，走访慰问困难职工{HEAD}一家，"
    f"为其子{MEMBER_NAME}送去助学金，“感谢工会的关心”，{HEAD}说。"
    "活动共走访慰问困难职工家庭26户，送去慰问金和慰问品。"
)


def _featured(ledger: Any, name: str, summary: str) -> None:
    ledger.activities.create(
        {"name": name, "category": "送温暖", "start_date": f"{YEAR}-01-20",
         "households_benefited": 26, "cash": "52000", "include_in_summary": True,
         "summary": summary}
    )  # fmt: skip


def _told(ledger: Any) -> str:
    draft = generate_draft(year_figures(ledger, YEAR), ORG)
    return "".join(fill_placeholders(p.text, draft.values) for p in draft.paragraphs)


def test_a_story_never_names_a_household_head_or_member(ledger: Any, county: Any) -> None:
    _featured(ledger, "新春送温暖", STORY)
    text = _told(ledger)
    assert "城关镇" in text and "26户" in text  # the story is still told, place and figure kept
    assert HEAD not in text and MEMBER_NAME not in text, text
    for style in ("article", "official"):
        doc = assembled(prepare(ledger, YEAR), style)
        body = "".join(doc.body_texts())
        assert HEAD not in body and MEMBER_NAME not in body, (style, body)


def test_an_activity_named_after_a_household_is_told_without_the_name(
    ledger: Any, county: Any
) -> None:
    # No story to tell (no summary): the activity's own name is printed, so it is neutralised.
    _featured(ledger, f"看望困难职工{HEAD}", "")
    text = _told(ledger)
    assert "看望困难职工" in text and HEAD not in text, text


def test_a_name_no_household_holds_is_kept(ledger: Any, county: Any) -> None:
    # A speaker who is not on any file (a union chair, a worker) is the story's voice.
    _featured(
        ledger,
        "新春送温暖",
        "1月20日，县总工会在城关镇开展新春送温暖活动，县总工会主席孙立平带队。",
    )
    assert "孙立平" in _told(ledger)
