"""The import wizard reads a township sheet once per step: the survey of its wordings is also the
check, so a clerk who takes the proposals goes from the values page to the check without the file
being read again; a changed choice is checked afresh."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.screens.import_export import ImportExportScreen
from reports.excel import pipeline
from tests.desktop.test_import_values import ROSTER, run_to_end, to_values_or_check


@pytest.fixture
def screen(qtbot: Any, ctx: Any) -> ImportExportScreen:
    widget = ImportExportScreen(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bool, dict[Any, Any]]]:
    """Every full read of the file through the pipeline: (dry run, value choices)."""
    seen: list[tuple[bool, dict[Any, Any]]] = []
    real = pipeline.run

    def counted(request: pipeline.ImportRequest, ledger: Any, **kw: Any) -> Any:
        seen.append((kw["dry_run"], dict(request.values)))
        return real(request, ledger, **kw)

    monkeypatch.setattr(pipeline, "run", counted)
    return seen


def test_taking_the_proposals_checks_without_reading_again(
    qtbot: Any, screen: ImportExportScreen, runs: list[Any]
) -> None:
    wizard, _ = to_values_or_check(qtbot, screen, ROSTER)
    page = wizard.values_page
    assert wizard.currentPage() is page
    assert runs == [(True, {})]  # the survey: one read, a dry run
    wizard.next()  # every proposal as it was
    qtbot.waitUntil(lambda: wizard.check_page.done, timeout=20000)
    assert len(runs) == 1
    survey = wizard.survey
    assert wizard.check_page.outcome is survey.check
    refused = [q for q in survey.questions if q.entry.refused]
    assert refused  # 待定 is no 困难类别: those rows are refused in the check, as in the survey
    assert any(r.first.field == "hardship_class" for r in survey.check.result.rejected)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.import_page.done, timeout=20000)
    assert [dry for dry, _ in runs] == [True, False]  # then the import itself, read once
    wizard.done(0)


def test_a_changed_choice_is_checked_afresh(
    qtbot: Any, screen: ImportExportScreen, runs: list[Any]
) -> None:
    wizard, _ = to_values_or_check(qtbot, screen, ROSTER)
    pending = wizard.values_page.combo_for(("hardship_class", "待定"))
    pending.setCurrentIndex(pending.findData("相对困难"))
    result = run_to_end(qtbot, wizard)
    assert [dry for dry, _ in runs] == [True, True, False]
    assert runs[1][1][("hardship_class", "待定")] == "相对困难"
    assert not any(r.first.field == "hardship_class" for r in result.rejected)
    wizard.done(0)


def test_a_column_chosen_after_the_survey_is_checked_afresh(
    qtbot: Any, screen: ImportExportScreen, runs: list[Any], tmp_path: Path
) -> None:
    wizard, _ = to_values_or_check(qtbot, screen, ROSTER)
    survey = wizard.survey
    plan = wizard.plan
    plan.overrides = {wizard.previews[0].name: {0: None}}  # 序号 → not read: other columns
    assert survey.check_for(plan) is None
    plan.overrides = {}
    assert survey.check_for(plan) is survey.check
    wizard.done(0)
