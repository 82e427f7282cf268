"""Stored drafts: edits survive regeneration, placeholders follow the data, reset, audit, rights."""

from __future__ import annotations

from typing import Any

import pytest

from models.errors import InvalidValue, PermissionDenied
from models.services import Actor
from models.services.base import ROLE_VIEWER
from reports.summary import prepare
from reports.summary.build import assembled
from tests.reports.summary.sample_data import YEAR


def _paragraph(prepared: Any, section: str) -> Any:
    return next(p for p in prepared.paragraphs if p.section == section)


def test_edited_paragraph_survives_regeneration_and_its_figures_update(
    ledger: Any, county: Any
) -> None:
    prepared = prepare(ledger, YEAR)
    row = _paragraph(prepared, "stations")
    ledger.drafts.edit(
        row.id,
        "我县驿站建设再上台阶，目前共有{驿站总数}，{驿站总数同比}。",
        known_names=prepared.draft.values,
    )
    again = prepare(ledger, YEAR)
    kept = _paragraph(again, "stations")
    assert kept.id == row.id and kept.edited
    assert kept.edited_text == "我县驿站建设再上台阶，目前共有{驿站总数}，{驿站总数同比}。"
    doc = assembled(again, "article")
    stations = next(s for s in doc.sections if s.key == "stations")
    assert stations.paragraphs[0].text == "我县驿站建设再上台阶，目前共有5家，比上年增加3家。"

    # The data changes: a new rest stop is built; the clerk's words stay, the figure follows.
    ledger.stations.create(
        {
            "name": "新建驿站",
            "station_type": "户外劳动者服务站点",
            "township": "城关镇",
            "built_date": f"{YEAR}-12-01",
        }
    )
    third = prepare(ledger, YEAR)
    doc = assembled(third, "official")
    stations = next(s for s in doc.sections if s.key == "stations")
    assert stations.paragraphs[0].text == "我县驿站建设再上台阶，目前共有6家，比上年增加4家。"
    assert stations.paragraphs[0].edited
    # The generated paragraphs follow the new figures too (the rest stop total is now 6).
    assert third.draft.values["驿站总数"] == "6家"


def test_reset_returns_to_generated_and_is_audited(ledger: Any, county: Any) -> None:
    prepared = prepare(ledger, YEAR)
    row = _paragraph(prepared, "hardship")
    ledger.drafts.edit(row.id, "自己写的一段话。")
    assert ledger.drafts.get(row.id).text == "自己写的一段话。"
    reset = ledger.drafts.reset(row.id)
    assert not reset.edited and reset.text == row.generated_text
    trail = ledger.audit.history("report_paragraphs", row.id)
    assert len(trail) == 2
    assert trail[0].changes["edited_text"][1] in ("自己写的一段话。", None)


def test_unknown_placeholder_is_refused_with_its_name(ledger: Any, county: Any) -> None:
    prepared = prepare(ledger, YEAR)
    row = _paragraph(prepared, "stations")
    with pytest.raises(InvalidValue) as caught:
        ledger.drafts.edit(row.id, "共有{驿站总量}。", known_names=prepared.draft.values)
    assert "{驿站总量}" in caught.value.message
    assert not ledger.drafts.get(row.id).edited  # nothing half-written


def test_emptied_paragraph_is_not_printed(ledger: Any, county: Any) -> None:
    prepared = prepare(ledger, YEAR)
    row = _paragraph(prepared, "self")
    ledger.drafts.edit(row.id, "")
    doc = assembled(prepare(ledger, YEAR), "article")
    assert "self" not in [s.key for s in doc.sections]


def test_viewer_builds_but_cannot_edit(ledger: Any, county: Any) -> None:
    viewer = ledger.as_actor(Actor("查看员", "viewer", ROLE_VIEWER))
    prepared = prepare(viewer, YEAR)  # storing generated text needs no permission
    with pytest.raises(PermissionDenied):
        viewer.drafts.edit(prepared.paragraphs[0].id, "改一下")


def test_period_drafts_are_kept_apart(ledger: Any, county: Any) -> None:
    one = prepare(ledger, YEAR)
    five = prepare(ledger, YEAR, YEAR - 4)
    assert {p.id for p in one.paragraphs}.isdisjoint({p.id for p in five.paragraphs})
    assert all(p.since_year == YEAR - 4 for p in five.paragraphs)
