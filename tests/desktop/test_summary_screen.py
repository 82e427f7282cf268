"""年度总结 screen through real widgets: draft listed, placeholders highlighted, edit kept, reset,
build in the background, preview loaded, printing renders every page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtPrintSupport import QPrinter

from desktop.screens.summary import SummaryScreen
from tests.reports.summary.sample_data import YEAR, build_year


def _screen(qtbot: Any, ctx: Any, tmp_path: Path) -> SummaryScreen:
    build_year(ctx.ledger, tmp_path)
    screen = SummaryScreen(ctx)
    qtbot.addWidget(screen)
    screen.year.setCurrentIndex(screen.year.findData(YEAR))
    screen.show()
    qtbot.waitUntil(
        lambda: screen.prepared is not None and screen.prepared.year == YEAR, timeout=30_000
    )
    return screen


def _select(screen: SummaryScreen, section: str) -> int:
    for index in range(screen.paragraphs.count()):
        row = screen.paragraphs.item(index).data(0x0100)
        if row.section == section:
            screen.paragraphs.setCurrentRow(index)
            return index
    raise AssertionError(section)


def test_edit_is_kept_highlighted_and_reset(
    qtbot: Any, ctx: Any, tmp_path: Path, answers: Any
) -> None:
    screen = _screen(qtbot, ctx, tmp_path)
    assert screen.paragraphs.count() > 5
    assert "驿站总数" in screen.highlighter.known
    _select(screen, "stations")
    assert "{" in screen.editor.toPlainText()  # placeholders, not frozen figures
    screen.editor.setPlainText("全县驿站达到{驿站总数}，{驿站总数同比}。")
    assert screen.filled.text() == "全县驿站达到5家，比上年增加3家。"
    screen.save_paragraph()
    row = next(r for r in ctx.ledger.drafts.paragraphs(YEAR) if r.section == "stations")
    assert row.edited_text == "全县驿站达到{驿站总数}，{驿站总数同比}。"
    assert "【已修改】" in screen.paragraphs.currentItem().text()

    # A typo in a name is refused with the name, and nothing is stored.
    screen.editor.setPlainText("全县驿站达到{驿站总量}。")
    assert "不是可用的数字名称" in screen.filled.text()
    screen.save_paragraph()
    assert answers.shown and "{驿站总量}" in answers.shown[-1][2]
    row = next(r for r in ctx.ledger.drafts.paragraphs(YEAR) if r.section == "stations")
    assert row.edited_text == "全县驿站达到{驿站总数}，{驿站总数同比}。"

    # Reload (as after a data change): the edit is still there.
    screen.load()
    qtbot.waitUntil(lambda: any(r.edited for r in screen.rows), timeout=30_000)
    _select(screen, "stations")
    answers.ask.append(True)
    screen.reset_paragraph()
    row = next(r for r in ctx.ledger.drafts.paragraphs(YEAR) if r.section == "stations")
    assert not row.edited and screen.editor.toPlainText() == row.generated_text


def test_build_preview_and_print(qtbot: Any, ctx: Any, tmp_path: Path) -> None:
    screen = _screen(qtbot, ctx, tmp_path)
    screen.style_box.setCurrentIndex(screen.style_box.findData("official"))
    assert any(
        "存在的问题" in screen.paragraphs.item(i).text() for i in range(screen.paragraphs.count())
    )
    screen.build()
    qtbot.waitUntil(lambda: screen.pdf_path is not None, timeout=60_000)
    assert screen.document.pageCount() > 3
    assert screen.print_button.isEnabled()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert screen.print_to(printer) == screen.document.pageCount()
    assert printed.stat().st_size > 10_000


def test_year_without_data_says_so(qtbot: Any, ctx: Any) -> None:
    screen = SummaryScreen(ctx)
    qtbot.addWidget(screen)
    screen.year.setCurrentIndex(screen.year.count() - 1)
    screen.show()
    qtbot.waitUntil(lambda: "没有任何" in screen.state.text(), timeout=30_000)
    assert screen.paragraphs.count() == 0 and not screen.build_button.isEnabled()
