"""年度总结: pick the year and style, see every figure the summary will cite, build and preview the PDF.

Hook for the report engine (reports/summary/*, owned by the report engineer): the screen calls
`build_summary_pdf(ledger, year, out_path, since_year=, style=, org_name=, progress=)` found by
`summary_builder()` below, off the GUI thread, then shows the file in the preview pane. Paragraph
editing (reports' report_paragraphs) goes into `self.editor_tab` — a tab left for that editor,
which today lists the figures with their 口径 so a clerk can check them before printing.
"""

from __future__ import annotations

import datetime as dt
import importlib
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs
from desktop.context import AppContext
from desktop.events import Changed
from desktop.tasks import run_task
from models.validation import format_yuan

# Where the report engine's entry point lives, in order of preference ("module:function").
SUMMARY_BUILDERS = (
    "reports.summary:build_summary_pdf",
    "reports.summary.document:build_summary_pdf",
)
STYLES = (("article", "报纸回眸体"), ("official", "公文体（工作总结）"))


def summary_builder() -> Callable[..., Any] | None:
    for spec in SUMMARY_BUILDERS:
        module_name, function = spec.split(":")
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        builder = getattr(module, function, None)
        if callable(builder):
            return builder
    return None


def _figure_text(value: Any, unit: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return f"{format_yuan(value)} {unit}"
    return f"{value:,} {unit}" if isinstance(value, int) else f"{value} {unit}"


class SummaryScreen(QWidget):
    title = "年度总结"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._task: Any = None
        self._facts_task: Any = None
        self._stale = True
        self.pdf_path: Path | None = None
        this_year = dt.date.today().year
        self.year = QComboBox()
        self.year.setObjectName("summary_year")
        self.since = QComboBox()
        self.since.setObjectName("summary_since")
        self.since.addItem("仅本年", None)
        for y in range(this_year, this_year - 10, -1):
            self.year.addItem(f"{y}年", y)
            self.since.addItem(f"自{y}年起（回眸）", y)
        self.year.setCurrentIndex(1 if dt.date.today().month < 12 else 0)
        self.style_box = QComboBox()
        for key, label in STYLES:
            self.style_box.addItem(label, key)
        self.org = QLineEdit()
        self.org.setPlaceholderText("落款单位（默认取“设置”中的单位名称）")
        self.build_button = QPushButton("生成并预览")
        self.build_button.setObjectName("build_summary")
        self.build_button.clicked.connect(self.build)
        self.save_button = QPushButton("另存 PDF…")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_as)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.state = QLabel()
        self.state.setObjectName("summary_state")
        self.state.setProperty("role", "hint")
        self.state.setWordWrap(True)
        for combo in (self.year, self.since):
            combo.currentIndexChanged.connect(self.load_facts)
        controls = QHBoxLayout()
        for label, widget in (("年度：", self.year), ("期间：", self.since), ("文体：", self.style_box)):
            controls.addWidget(QLabel(label))
            controls.addWidget(widget)
        controls.addWidget(self.org, 1)
        controls.addWidget(self.build_button)
        controls.addWidget(self.save_button)

        self.facts = QTableWidget(0, 5)
        self.facts.setObjectName("facts")
        self.facts.setHorizontalHeaderLabels(["项目", "本期", "上期", "来源", "口径"])
        self.facts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.facts.verticalHeader().hide()
        self.facts.setAlternatingRowColors(True)
        header = self.facts.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 210)
        header.resizeSection(1, 110)
        header.resizeSection(2, 110)
        header.resizeSection(3, 120)
        header.setStretchLastSection(True)
        self.editor_tab = QTabWidget()
        self.editor_tab.addTab(self.facts, "引用的数字")

        self.document = QPdfDocument(self)
        self.preview = QPdfView()
        self.preview.setObjectName("preview")
        self.preview.setDocument(self.document)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("summary_splitter")
        splitter.addWidget(self.editor_tab)
        splitter.addWidget(self.preview)
        splitter.setSizes([560, 480])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        heading = QLabel("年度总结")
        heading.setProperty("role", "title")
        layout.addWidget(heading)
        layout.addLayout(controls)
        layout.addWidget(self.progress)
        layout.addWidget(self.state)
        layout.addWidget(splitter, 1)
        ctx.bus.changed.connect(self._on_changed)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        if self._stale:
            self.load_facts()
        super().showEvent(event)

    def _on_changed(self, change: Changed) -> None:
        self._stale = True
        if self.isVisible():
            self.load_facts()

    # ---- figures -------------------------------------------------------------------------

    def load_facts(self) -> None:
        self._stale = False
        year, since = self.year.currentData(), self.since.currentData()
        if since is not None and since > year:
            self.state.setText("起始年不能晚于总结年度。")
            return
        ledger = self.ctx.ledger
        self.state.setText("正在统计……")

        def work(control: Any) -> Any:
            from models.statistics import year_figures

            return year_figures(ledger, year, since if since != year else None)

        self._facts_task = run_task(work, on_success=lambda f: self.show_facts(f, year, since),
                                    on_error=lambda exc: self.state.setText(dialogs.describe(exc)))

    def show_facts(self, figures: Any, year: int, since: int | None) -> None:
        if (year, since) != (self.year.currentData(), self.since.currentData()):
            return
        facts = list(figures.facts().values())
        self.facts.setRowCount(len(facts))
        for r, f in enumerate(facts):
            cells = (f.label, _figure_text(f.value, f.unit), _figure_text(f.previous, f.unit),
                     f.source, f.basis)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in (1, 2):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.facts.setItem(r, c, item)
        period = figures.period.label if hasattr(figures.period, "label") else f"{year}年"
        note = "（该期间还没有数据。）" if figures.is_empty else ""
        self.state.setText(f"{period}共 {len(facts)} 项数字，总结正文只引用这些数字。{note}")

    # ---- the PDF -------------------------------------------------------------------------

    def build(self) -> Any:
        builder = summary_builder()
        if builder is None:
            dialogs.warn(self, "无法生成", "本机安装的程序缺少年度总结排版组件，请重新安装工会台账。")
            return None
        ledger = self.ctx.ledger
        year, since = self.year.currentData(), self.since.currentData()
        style = self.style_box.currentData()
        org = self.org.text().strip() or ledger.settings.org_name
        out = Path(tempfile.mkdtemp(prefix="union-ledger-")) / f"{org or '工会'}{year}年工作总结.pdf"
        self.build_button.setEnabled(False)
        self.progress.show()
        self.state.setText("正在生成年度总结……")

        def work(control: Any) -> Path:
            builder(ledger, year, out, since_year=since if since != year else None, style=style,
                    org_name=org, progress=lambda text: control.progress(0, 0, text))
            return out

        def finished() -> None:
            self.build_button.setEnabled(True)
            self.progress.hide()

        self._task = run_task(work, on_success=self.show_pdf, on_done=finished,
                              on_progress=lambda d, t, text: self.state.setText(text),
                              on_error=lambda exc: dialogs.show_error(self, exc, "年度总结未生成"))
        return self._task

    def show_pdf(self, path: Path) -> None:
        self.pdf_path = Path(path)
        self.document.load(str(path))
        self.save_button.setEnabled(True)
        self.state.setText(f"已生成，共 {self.document.pageCount()} 页。可以“另存 PDF…”后打印。")

    def save_as(self) -> None:
        if self.pdf_path is None:
            return
        target, _ = QFileDialog.getSaveFileName(self, "保存年度总结", self.pdf_path.name, "PDF 文件 (*.pdf)")
        if target:
            try:
                Path(target).write_bytes(self.pdf_path.read_bytes())
            except OSError as exc:
                dialogs.show_error(self, exc, "未能保存")
                return
            QDesktopServices.openUrl(QUrl.fromLocalFile(target))
