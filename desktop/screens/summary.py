"""年度总结: choose year, period and style, edit the draft paragraph by paragraph, build, preview, print.

The draft is prepared off the GUI thread (figures → generated paragraphs, stored with the clerk's
edits kept: reports.summary.prepare). The editor shows each paragraph with its placeholders
("{驿站总数}") highlighted; saving stores the clerk's words (ledger.drafts.edit, audited), 恢复自动
生成 resets it. 生成并预览 lays the PDF out in the background and shows it with QtPdf; 打印 goes
through the system print dialog. The window never talks to the database directly.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QRegularExpression, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QKeySequence,
    QPainter,
    QShortcut,
    QShowEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs, save_folder
from desktop.context import AppContext
from desktop.events import Changed
from desktop.tasks import run_task
from models.validation import format_yuan

ZOOM_STEP = 1.25
ZOOM_RANGE = (0.25, 4.0)
STYLES = (("article", "报纸回眸体"), ("official", "公文体（工作总结）"))
WATCHED = frozenset(
    {
        "households",
        "household_members",
        "assistance",
        "stations",
        "station_usage",
        "activities",
        "photos",
        "import_batches",
        "settings",
        "townships",
    }
)
PLACEHOLDER = r"\{[^{}\s]+\}"


def _figure_text(value: Any, unit: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return f"{format_yuan(value)} {unit}"
    return f"{value:,} {unit}" if isinstance(value, int) else f"{value} {unit}"


class PlaceholderHighlighter(QSyntaxHighlighter):
    """Known placeholders on a green ground, unknown ones (a typo) in red."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.known: set[str] = set()
        self._pattern = QRegularExpression(PLACEHOLDER)
        self._ok = QTextCharFormat()
        self._ok.setBackground(QColor("#d9f2d9"))
        self._ok.setForeground(QColor("#1b5e20"))
        self._ok.setFontWeight(QFont.Weight.Bold)
        self._bad = QTextCharFormat()
        self._bad.setBackground(QColor("#fde0dc"))
        self._bad.setForeground(QColor("#b71c1c"))
        self._bad.setFontUnderline(True)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        matches = self._pattern.globalMatch(text)
        while matches.hasNext():
            m = matches.next()
            name = m.captured(0)[1:-1]
            self.setFormat(
                m.capturedStart(), m.capturedLength(), self._ok if name in self.known else self._bad
            )


class SummaryScreen(QWidget):
    title = "年度总结"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._task: Any = None
        self._prepare_task: Any = None
        self._stale = True
        self.prepared: Any = None
        self.rows: list[Any] = []
        self.current_row: Any = None
        self.pdf_path: Path | None = None
        self._workdir = Path(tempfile.mkdtemp(prefix="union-ledger-summary-"))

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
        self.style_box.setObjectName("summary_style")
        for key, label in STYLES:
            self.style_box.addItem(label, key)
        # As `report --with-qa/--no-qa`: the article prints its tables and 数据来源 after the text,
        # the 公文 goes without them unless the clerk asks (the style's default on each change).
        self.with_qa = QCheckBox("附上统计表与数据来源")
        self.with_qa.setObjectName("summary_with_qa")
        self.with_qa.setToolTip("报纸回眸体默认附在文后；公文体默认不附，需要核对数字时勾选。")
        self.with_qa.setChecked(self.style_box.currentData() == "article")
        self.date_edit = QDateEdit(QDate.currentDate())  # the 成文日期, as `report --date`
        self.date_edit.setObjectName("summary_date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy年M月d日")
        self.org = QLineEdit()
        self.org.setPlaceholderText("落款单位（默认取“设置”中的单位名称）")
        self.org.setToolTip("印在文末的落款单位；不填时用“设置”中的单位名称。")
        self.build_button = QPushButton("生成并预览")
        self.build_button.setObjectName("build_summary")
        self.build_button.clicked.connect(self.build)
        self.save_button = QPushButton("另存 PDF…")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_as)
        self.print_button = QPushButton("打印…")
        self.print_button.setObjectName("print_summary")
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_pdf)
        self.progress = QProgressBar()
        self.progress.setRange(0, 5)
        self.progress.hide()
        self.state = QLabel()
        self.state.setObjectName("summary_state")
        self.state.setProperty("role", "hint")
        self.state.setWordWrap(True)
        for combo in (self.year, self.since):
            combo.currentIndexChanged.connect(self.load)
        self.style_box.currentIndexChanged.connect(self._style_changed)
        self.org.editingFinished.connect(self.load)
        # Two rows: on a maximised 1366-px window one row squeezed the 落款 field to "落款…".
        controls = QHBoxLayout()
        for label, widget in (
            ("年度：", self.year),
            ("期间：", self.since),
            ("文体：", self.style_box),
        ):
            controls.addWidget(QLabel(label))
            controls.addWidget(widget)
        controls.addStretch(1)
        for button in (self.build_button, self.save_button, self.print_button):
            controls.addWidget(button)
        details = QHBoxLayout()
        details.addWidget(QLabel("成文日期："))
        details.addWidget(self.date_edit)
        details.addWidget(QLabel("落款："))
        details.addWidget(self.org, 1)
        details.addWidget(self.with_qa)

        self.editor_tab = QTabWidget()
        self.editor_tab.setObjectName("summary_tabs")
        self.editor_tab.addTab(self._build_editor(), "正文段落")
        self.facts = QTableWidget(0, 5)
        self.facts.setObjectName("facts")
        self.facts.setHorizontalHeaderLabels(["项目", "本期", "上期", "来源", "口径"])
        self.facts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.facts.verticalHeader().hide()
        self.facts.setAlternatingRowColors(True)
        header = self.facts.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((210, 110, 110, 120)):
            header.resizeSection(col, width)
        header.setStretchLastSection(True)
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
        splitter.addWidget(self._build_preview())
        splitter.setSizes([600, 460])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        heading = QLabel("年度总结")
        heading.setProperty("role", "title")
        layout.addWidget(heading)
        layout.addLayout(controls)
        layout.addLayout(details)
        layout.addWidget(self.progress)
        layout.addWidget(self.state)
        layout.addWidget(splitter, 1)
        ctx.bus.changed.connect(self._on_changed)

    def _build_preview(self) -> QWidget:
        """The PDF preview with 放大 (Ctrl+=), 缩小 (Ctrl+-) and 适合宽度."""
        self.zoom_in_button = QPushButton("放大")
        self.zoom_out_button = QPushButton("缩小")
        self.zoom_fit_button = QPushButton("适合宽度")
        self.zoom_in_button.clicked.connect(lambda: self.zoom(ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.zoom(1 / ZOOM_STEP))
        self.zoom_fit_button.clicked.connect(
            lambda: self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        )
        for keys, factor in (
            ("Ctrl+=", ZOOM_STEP),
            ("Ctrl++", ZOOM_STEP),
            ("Ctrl+-", 1 / ZOOM_STEP),
        ):
            QShortcut(QKeySequence(keys), self, activated=lambda f=factor: self.zoom(f))
        bar = QHBoxLayout()
        bar.addWidget(QLabel("预览："))
        bar.addStretch(1)
        for button in (self.zoom_out_button, self.zoom_in_button, self.zoom_fit_button):
            bar.addWidget(button)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.preview, 1)
        return box

    def zoom(self, factor: float) -> None:
        """Zoom the preview from what it shows now (the fitted width, at first)."""
        view = self.preview
        current = view.zoomFactor()
        if view.zoomMode() != QPdfView.ZoomMode.Custom:
            page = self.document.pagePointSize(0).width() if self.document.pageCount() else 0
            if page > 0:  # the factor the fitted width stands for, in points per pixel
                current = view.viewport().width() / (page * view.logicalDpiX() / 72)
            view.setZoomMode(QPdfView.ZoomMode.Custom)
        view.setZoomFactor(min(max(current * factor, ZOOM_RANGE[0]), ZOOM_RANGE[1]))

    def _build_editor(self) -> QWidget:
        self.paragraphs = QListWidget()
        self.paragraphs.setObjectName("paragraphs")
        self.paragraphs.setWordWrap(True)
        self.paragraphs.setTextElideMode(Qt.TextElideMode.ElideNone)
        # Wrapped to the list's width (no sideways scrolling), and re-wrapped when it changes.
        self.paragraphs.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.paragraphs.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.paragraphs.setSpacing(2)
        self.paragraphs.currentRowChanged.connect(self._select)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("paragraph_editor")
        self.editor.setPlaceholderText(
            "选中左侧一段后在此修改。花括号中的名称（如 {驿站总数}）"
            "生成时会自动换成最新数字；清空整段则该段不印出。"
        )
        self.highlighter = PlaceholderHighlighter(self.editor.document())
        self.editor.textChanged.connect(self._update_filled)
        self.insert_box = QComboBox()
        self.insert_box.setObjectName("insert_placeholder")
        self.insert_box.setMinimumWidth(220)
        self.insert_box.activated.connect(self._insert_placeholder)
        self.save_edit = QPushButton("保存本段")
        self.save_edit.setObjectName("save_paragraph")
        self.save_edit.clicked.connect(self.save_paragraph)
        self.reset_button = QPushButton("恢复自动生成")
        self.reset_button.setObjectName("reset_paragraph")
        self.reset_button.clicked.connect(self.reset_paragraph)
        self.filled = QLabel()
        self.filled.setObjectName("filled_text")
        self.filled.setWordWrap(True)
        self.filled.setProperty("role", "hint")
        self.filled.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("插入数字："))
        buttons.addWidget(self.insert_box, 1)
        buttons.addWidget(self.save_edit)
        buttons.addWidget(self.reset_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.editor, 2)
        right_layout.addLayout(buttons)
        right_layout.addWidget(QLabel("印出效果："))
        right_layout.addWidget(self.filled, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.paragraphs)
        split.addWidget(right)
        split.setSizes([260, 300])
        self._set_editing(False)
        return split

    # ---- loading ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._stale:
            self.load()
        super().showEvent(event)

    def _on_changed(self, change: Changed) -> None:
        if change.entity not in WATCHED and not set(change.related) & WATCHED:
            return
        self._stale = True
        if self.isVisible():
            self.load()

    def period(self) -> tuple[int, int | None]:
        year, since = self.year.currentData(), self.since.currentData()
        return year, (since if since is not None and since < year else None)

    def load(self) -> Any:
        """Prepare the draft (figures, generated paragraphs, stored edits) in the background."""
        if not self._commit_edit():
            self._stale = True  # reloaded once the paragraph is corrected and saved
            self.state.setText("当前段落的修改未能保存，请改正后再切换年度或刷新。")
            return None
        self._stale = False
        year, since = self.period()
        if self.since.currentData() is not None and self.since.currentData() > year:
            self.state.setText("起始年不能晚于总结年度，请重新选择期间。")
            return None
        ledger = self.ctx.ledger
        org = self.org.text().strip() or None
        self.state.setText("正在统计数据、撰写初稿……")
        self.build_button.setEnabled(False)

        def work(control: Any) -> Any:
            from reports.summary import prepare

            return prepare(
                ledger,
                year,
                since,
                org=org,
                progress=lambda d, t, text: control.progress(d, t, text),
            )

        def failed(exc: BaseException) -> None:
            self.prepared = None
            self.rows = []
            self._fill_paragraphs()
            self.facts.setRowCount(0)
            self.state.setText(dialogs.describe(exc))

        self._prepare_task = run_task(
            work,
            on_success=lambda prepared: self._loaded(prepared, (year, since)),
            on_error=failed,
            on_done=lambda: self.build_button.setEnabled(self.prepared is not None),
        )
        return self._prepare_task

    def _loaded(self, prepared: Any, period: tuple[int, int | None]) -> None:
        if period != self.period():
            return  # the clerk changed the year meanwhile; a newer load is on its way
        self.prepared = prepared
        self.rows = list(prepared.paragraphs)
        self.highlighter.known = set(prepared.draft.values)
        self.highlighter.rehighlight()
        self.insert_box.clear()
        self.insert_box.addItem("（选择后插入到光标处）", None)
        for name in sorted(n for n in prepared.draft.values if not n.endswith("同比")):
            self.insert_box.addItem(f"{name} = {prepared.draft.values[name]}", name)
        self._fill_paragraphs()
        self._show_facts(prepared.figures)
        edited = sum(1 for r in self.rows if r.edited)
        self.state.setText(
            f"{prepared.figures.period.label}初稿已生成，共{len(self.rows)}段"
            + (f"，其中{edited}段是您修改过的（重新生成时保留）" if edited else "")
            + "。选中一段即可修改；改好后点“生成并预览”。"
        )
        self.build_button.setEnabled(True)

    def _sections(self) -> tuple[str, ...]:
        from reports.summary.draft import ARTICLE_SECTIONS, OFFICIAL_SECTIONS

        return ARTICLE_SECTIONS if self.style_box.currentData() == "article" else OFFICIAL_SECTIONS

    def _fill_paragraphs(self) -> None:
        from reports.narrative import fill_placeholders
        from reports.summary.draft import SECTION_TITLES

        keep = self.current_row.id if self.current_row is not None else None
        self.paragraphs.blockSignals(True)
        self.paragraphs.clear()
        values = self.prepared.draft.values if self.prepared is not None else {}
        order = {key: i for i, key in enumerate(self._sections())}
        shown = sorted(
            (r for r in self.rows if r.section in order),
            key=lambda r: (order[r.section], r.position),
        )
        select = 0
        for index, row in enumerate(shown):
            mark = "【已修改】" if row.edited else ""
            if row.omitted:
                mark = "【不印出】"
            preview = fill_placeholders(row.text, values).replace("\n", " ")
            title = SECTION_TITLES.get(row.section, row.section)
            # The whole paragraph, wrapped: a cut preview hid which paragraph said what.
            item = QListWidgetItem(f"{title} · {mark}{preview}")
            item.setToolTip(fill_placeholders(row.text, values))
            item.setData(Qt.ItemDataRole.UserRole, row)
            self.paragraphs.addItem(item)
            if row.id == keep:
                select = index
        self.paragraphs.blockSignals(False)
        if shown:
            self.paragraphs.setCurrentRow(select)
            self._select(select)
        else:
            self.current_row = None
            self.editor.clear()
            self.filled.clear()
            self._set_editing(False)

    def _show_facts(self, figures: Any) -> None:
        facts = list(figures.facts().values())
        self.facts.setRowCount(len(facts))
        for r, f in enumerate(facts):
            cells = (
                f.label,
                _figure_text(f.value, f.unit),
                _figure_text(f.previous, f.unit),
                f.source,
                f.basis,
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in (1, 2):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.facts.setItem(r, c, item)

    # ---- editing ---------------------------------------------------------------------------

    def _set_editing(self, enabled: bool) -> None:
        can = enabled and self.ctx.can_edit and not self.ctx.ledger.read_only
        self.editor.setReadOnly(not can)
        for widget in (self.save_edit, self.insert_box):
            widget.setEnabled(can)
        self.reset_button.setEnabled(
            can and self.current_row is not None and self.current_row.edited
        )

    def _style_changed(self) -> None:
        self.with_qa.setChecked(self.style_box.currentData() == "article")
        self._commit_edit()  # refused: the text stays in the editor, the error says why
        self._fill_paragraphs()

    def _commit_edit(self) -> bool:
        """Save the paragraph being edited if its text changed (on leaving it); False when the
        text was refused, which then stays in the editor."""
        row = self.current_row
        text = self.editor.toPlainText()
        if row is None or self.prepared is None or self.editor.isReadOnly() or text == row.text:
            return True
        try:
            saved = self.ctx.ledger.drafts.edit(
                row.id, text, known_names=self.prepared.draft.values
            )
        except Exception as exc:  # noqa: BLE001 - shown to the clerk, the text stays in the editor
            dialogs.show_error(self, exc, "本段未保存")
            return False
        self.rows = [saved if r.id == saved.id else r for r in self.rows]
        self.current_row = saved
        return True

    def _select(self, index: int) -> None:
        item = self.paragraphs.item(index) if index >= 0 else None
        target = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        leaving = self.current_row
        if leaving is not None and (target is None or target.id != leaving.id):
            text = self.editor.toPlainText()
            if not self._commit_edit():
                self._show_row_of(leaving.id)
                return
            if text != leaving.text:  # saved: list it as edited, then show the chosen paragraph
                self.current_row = target
                self._fill_paragraphs()
                return
        self.current_row = target
        if self.current_row is None:
            self._set_editing(False)
            return
        self.editor.setPlainText(self.current_row.text)
        self._update_filled()
        self._set_editing(True)

    def _update_filled(self) -> None:
        from reports.narrative import fill_placeholders

        values = self.prepared.draft.values if self.prepared is not None else {}
        text = self.editor.toPlainText()
        unknown = [n for n in re.findall(r"\{([^{}\s]+)\}", text) if n not in values]
        shown = fill_placeholders(text, values) if text.strip() else "（此段不印出）"
        if unknown:
            shown += "\n（注意：" + "、".join(f"{{{n}}}" for n in unknown) + " 不是可用的数字名称）"
        self.filled.setText(shown)

    def _insert_placeholder(self, index: int) -> None:
        name = self.insert_box.itemData(index)
        if name:
            self.editor.insertPlainText(f"{{{name}}}")
            self.editor.setFocus()
        self.insert_box.setCurrentIndex(0)

    def _show_row_of(self, row_id: int) -> None:
        """Put the list's selection back on a paragraph without leaving the editor."""
        for index in range(self.paragraphs.count()):
            if self.paragraphs.item(index).data(Qt.ItemDataRole.UserRole).id == row_id:
                self.paragraphs.blockSignals(True)
                self.paragraphs.setCurrentRow(index)
                self.paragraphs.blockSignals(False)
                return

    def _replace_row(self, row: Any) -> None:
        self.rows = [row if r.id == row.id else r for r in self.rows]
        self.current_row = row
        self._fill_paragraphs()

    def save_paragraph(self) -> None:
        if self.current_row is None or self.prepared is None:
            return
        try:
            row = self.ctx.ledger.drafts.edit(
                self.current_row.id,
                self.editor.toPlainText(),
                known_names=self.prepared.draft.values,
            )
        except Exception as exc:  # noqa: BLE001 - shown to the clerk, the text stays in the editor
            dialogs.show_error(self, exc, "本段未保存")
            return
        self._replace_row(row)
        self.state.setText("已保存本段。重新生成时会保留您的文字，花括号中的数字随数据更新。")

    def reset_paragraph(self) -> None:
        if self.current_row is None or not self.current_row.edited:
            return
        if not dialogs.ask(
            self,
            "恢复自动生成",
            "放弃对本段的修改，恢复为自动生成的文字？（修改记录仍保存在操作日志中）",
            yes="恢复",
            no="取消",
        ):
            return
        try:
            row = self.ctx.ledger.drafts.reset(self.current_row.id)
        except Exception as exc:  # noqa: BLE001
            dialogs.show_error(self, exc, "未能恢复")
            return
        if not row.generated_text:
            self.rows = [r for r in self.rows if r.id != row.id]
            self.current_row = None
            self._fill_paragraphs()
        else:
            self._replace_row(row)
        self.state.setText("已恢复为自动生成的文字。")

    # ---- the PDF ---------------------------------------------------------------------------

    def build(self) -> Any:
        if self.prepared is None:
            self.state.setText("还没有可用的初稿，请先选择有数据的年度。")
            return None
        if not self._commit_edit():
            return None
        ledger = self.ctx.ledger
        prepared = self.prepared
        style = self.style_box.currentData()
        appendix = self.with_qa.isChecked()
        date = self.date_edit.date().toPython()
        name = f"{prepared.org}{prepared.figures.period.label}工作总结"
        out = self._workdir / f"{name}-{style}.pdf"
        self.build_button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        self.state.setText("正在生成年度总结……")
        self.document.close()  # release the previous file before it is replaced
        year, since = prepared.year, prepared.since_year

        def work(control: Any) -> Any:
            from reports.summary import render

            rows = ledger.drafts.paragraphs(year, since)
            preference = ledger.settings.get("report_font", "auto") or "auto"
            return render(
                prepared,
                out,
                style=style,
                stored=rows or None,
                font_preference=preference,
                date=date,
                appendix=appendix,
                progress=lambda d, t, text: control.progress(d, t, text),
            )

        def finished() -> None:
            self.build_button.setEnabled(True)
            self.progress.hide()

        def progress(done: int, total: int, text: str) -> None:
            self.progress.setValue(done)
            self.state.setText(text)

        self._task = run_task(
            work,
            on_success=self.show_pdf,
            on_done=finished,
            on_progress=progress,
            on_error=lambda exc: dialogs.show_error(self, exc, "年度总结未生成"),
        )
        return self._task

    def show_pdf(self, result: Any) -> None:
        self.pdf_path = Path(result.path)
        self.document.load(str(self.pdf_path))
        self.save_button.setEnabled(True)
        self.print_button.setEnabled(True)
        text = f"已生成，共{result.pages}页。字体：{result.fonts}。"
        if result.warnings:
            text += "\n请注意：" + "；".join(result.warnings)
        self.state.setText(text)

    def save_as(self) -> None:
        if self.pdf_path is None:
            return
        style = dict(STYLES).get(self.style_box.currentData(), "")
        name = f"{self.pdf_path.stem.rsplit('-', 1)[0]}（{style}）.pdf"
        target, _ = QFileDialog.getSaveFileName(
            self, "保存年度总结", save_folder.start_path(name), "PDF 文件 (*.pdf)"
        )
        if target:
            save_folder.remember(target)
            try:
                Path(target).write_bytes(self.pdf_path.read_bytes())
            except OSError as exc:
                dialogs.show_error(self, exc, "未能保存")
                return
            QDesktopServices.openUrl(QUrl.fromLocalFile(target))

    def print_pdf(self) -> None:
        """Print through the system dialog: each page rendered at the printer's resolution."""
        if self.pdf_path is None or self.document.pageCount() == 0:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.pdf_path.stem)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("打印年度总结")
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Render every page (or the dialog's range) onto `printer`; returns pages printed."""
        first = max(printer.fromPage(), 1) if printer.fromPage() else 1
        last = printer.toPage() or self.document.pageCount()
        painter = QPainter()
        if not painter.begin(printer):
            dialogs.warn(self, "无法打印", "打印机没有响应。请检查打印机是否已连接、开机。")
            return 0
        printed = 0
        try:
            for number in range(first, min(last, self.document.pageCount()) + 1):
                if printed:
                    printer.newPage()
                area = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
                image = self.document.render(number - 1, area.size())
                painter.drawImage(0, 0, image)  # the painter's origin is the printable area
                printed += 1
        finally:
            painter.end()
        return printed
