"""年度总结: the paragraph list shows each paragraph in full, wrapped, at 1366×768 (no "…")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from desktop.screens.summary import SummaryScreen
from reports.narrative import fill_placeholders
from tests.reports.summary.sample_data import YEAR, build_year


def test_paragraph_previews_are_whole_and_wrapped(qtbot: Any, ctx: Any, tmp_path: Path) -> None:
    build_year(ctx.ledger, tmp_path)
    screen = SummaryScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1366, 700)
    screen.year.setCurrentIndex(screen.year.findData(YEAR))
    screen.show()
    qtbot.waitUntil(
        lambda: screen.prepared is not None and screen.prepared.year == YEAR, timeout=30_000
    )
    values = screen.prepared.draft.values
    items = [screen.paragraphs.item(i) for i in range(screen.paragraphs.count())]
    assert any(len(i.data(Qt.ItemDataRole.UserRole).text) > 60 for i in items)
    for item in items:
        row = item.data(Qt.ItemDataRole.UserRole)
        if row.omitted:
            continue
        whole = fill_placeholders(row.text, values).replace("\n", " ")
        assert whole in item.text(), item.text()
        assert whole in item.toolTip().replace("\n", " ")
    assert screen.paragraphs.textElideMode() == Qt.TextElideMode.ElideNone
    assert screen.paragraphs.wordWrap()
    assert screen.paragraphs.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def test_the_signature_field_shows_its_hint_whole(qtbot: Any, ctx: Any) -> None:
    # Maximised on a 1366-px screen the toolbar is crowded: the 落款 field showed "落款…".
    screen = SummaryScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1366 - 156, 700)  # the window less its navigation pane
    screen.show()
    qtbot.waitExposed(screen)
    field = screen.org
    hint = field.placeholderText()
    room = field.contentsRect().width() - 8  # QLineEdit's own text margins
    assert field.fontMetrics().horizontalAdvance(hint) <= room, (hint, room)
    assert "设置" in field.toolTip()  # where the default comes from is still said
    assert screen.minimumSizeHint().width() <= 1366 - 156  # and the screen still fits
