"""年度总结 screen through real widgets: draft listed, placeholders highlighted, edit kept, reset,
build in the background, preview loaded, printing renders every page."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
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


def _stored(ctx: Any, section: str) -> Any:
    return next(r for r in ctx.ledger.drafts.paragraphs(YEAR) if r.section == section)


def test_selecting_another_paragraph_saves_the_edit(
    qtbot: Any, ctx: Any, tmp_path: Path, answers: Any
) -> None:
    screen = _screen(qtbot, ctx, tmp_path)
    stations = _select(screen, "stations")
    screen.editor.setPlainText("全县驿站达到{驿站总数}。")
    _select(screen, "closing")
    assert _stored(ctx, "stations").edited_text == "全县驿站达到{驿站总数}。"
    assert screen.current_row.section == "closing"
    assert screen.editor.toPlainText() == _stored(ctx, "closing").text
    assert "【已修改】" in screen.paragraphs.item(stations).text()
    assert not answers.shown


def test_a_refused_edit_keeps_the_paragraph_and_its_text(
    qtbot: Any, ctx: Any, tmp_path: Path, answers: Any
) -> None:
    screen = _screen(qtbot, ctx, tmp_path)
    stations = _select(screen, "stations")
    screen.editor.setPlainText("全县驿站达到{驿站总量}。")
    _select(screen, "closing")
    assert "{驿站总量}" in answers.texts()
    assert screen.paragraphs.currentRow() == stations
    assert screen.editor.toPlainText() == "全县驿站达到{驿站总量}。"
    assert not _stored(ctx, "stations").edited


def test_changing_the_year_saves_the_edit_first(
    qtbot: Any, ctx: Any, tmp_path: Path, answers: Any
) -> None:
    screen = _screen(qtbot, ctx, tmp_path)
    _select(screen, "stations")
    screen.editor.setPlainText("驿站共{驿站总数}。")
    screen.year.setCurrentIndex(screen.year.findData(YEAR - 1))
    assert _stored(ctx, "stations").edited_text == "驿站共{驿站总数}。"
    qtbot.waitUntil(lambda: screen.prepared.year == YEAR - 1, timeout=30_000)


def _built_text(qtbot: Any, screen: SummaryScreen) -> str:
    screen.pdf_path = None
    screen.build()
    qtbot.waitUntil(lambda: screen.pdf_path is not None, timeout=60_000)
    out = subprocess.run(
        ["pdftotext", "-layout", str(screen.pdf_path), "-"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return "".join(out.stdout.split())


def test_appendix_and_date_of_the_official_summary_are_chosen_on_screen(
    qtbot: Any, ctx: Any, tmp_path: Path
) -> None:
    # As `report --with-qa/--no-qa --date`: the 公文 goes without its tables and 数据来源 unless
    # asked, the article with them; the 成文日期 is the clerk's.
    screen = _screen(qtbot, ctx, tmp_path)
    screen.style_box.setCurrentIndex(screen.style_box.findData("official"))
    assert not screen.with_qa.isChecked()
    screen.date_edit.setDate(QDate(2025, 12, 31))
    bare = _built_text(qtbot, screen)
    assert "2025年12月31日" in bare and "数据来源" not in bare
    screen.with_qa.setChecked(True)
    full = _built_text(qtbot, screen)
    assert "数据来源" in full and "2025年12月31日" in full
    screen.style_box.setCurrentIndex(screen.style_box.findData("article"))
    assert screen.with_qa.isChecked()
    screen.with_qa.setChecked(False)
    assert "数据来源" not in _built_text(qtbot, screen)


def test_save_as_offers_a_chinese_name_in_the_last_folder(
    qtbot: Any, ctx: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QFileDialog

    screen = _screen(qtbot, ctx, tmp_path)
    screen.build()
    qtbot.waitUntil(lambda: screen.pdf_path is not None, timeout=60_000)
    offered: list[str] = []
    target = tmp_path / "存档" / "总结.pdf"
    target.parent.mkdir()

    def save_name(parent: Any, title: str, suggested: str, *rest: Any) -> tuple[str, str]:
        offered.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: True))
    screen.save_as()
    first = Path(offered[0])
    assert "article" not in first.name and "official" not in first.name
    assert first.name.endswith("（报纸回眸体）.pdf"), first.name
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert str(first.parent) in (documents, str(Path.home()))
    assert target.read_bytes()[:4] == b"%PDF"
    screen.save_as()
    assert Path(offered[1]).parent == target.parent  # the folder used last time


def test_the_preview_zooms(qtbot: Any, ctx: Any, tmp_path: Path) -> None:
    from PySide6.QtPdfWidgets import QPdfView

    screen = _screen(qtbot, ctx, tmp_path)
    screen.zoom_in_button.click()
    assert screen.preview.zoomMode() == QPdfView.ZoomMode.Custom
    bigger = screen.preview.zoomFactor()
    screen.zoom_out_button.click()
    screen.zoom_out_button.click()
    assert screen.preview.zoomFactor() < bigger
    screen.zoom_fit_button.click()
    assert screen.preview.zoomMode() == QPdfView.ZoomMode.FitToWidth
