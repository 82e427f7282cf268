"""The import wizard: file → sheets → header and columns → values not worded as the lists word
them (skipped when the office's vocabulary answers them all) → check (dry run) → import."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop import dialogs, import_flow, wording_flow
from desktop.context import AppContext
from desktop.screens.import_values import ValuesPage
from desktop.tasks import run_task
from desktop.widgets.tables import read_only_table
from models.errors import LedgerError
from models.kinds import IMPORT_KINDS

FILE_FILTER = "Excel 或 CSV 文件 (*.xlsx *.xlsm *.xls *.csv);;所有文件 (*)"
NOT_IMPORTED = "（不导入）"
WRAPPED_REASONS = 500  # rejected rows measured for wrapping: enough to read, cheap to show


class Step(QWizardPage):
    """One page of the wizard: its title, what to do on it, and the wizard it belongs to."""

    def __init__(self, wizard: ImportWizard, title: str, hint: str) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(title)
        self.setSubTitle(hint)


class FilePage(Step):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(
            wizard,
            "第一步：选择要导入的文件",
            "支持 .xlsx、.xls 和 .csv。表头上方的标题、填报单位行和表尾的合计、签字行会自动跳过。",
        )
        self.kind = QComboBox()
        self.kind.setObjectName("import_kind")
        for kind in IMPORT_KINDS:
            self.kind.addItem(import_flow.kind_label(kind), kind)
        self.path = QLineEdit()
        self.path.setObjectName("import_path")
        self.path.setPlaceholderText("选择或粘贴文件路径")
        self.path.textChanged.connect(self.completeChanged)
        browse = QPushButton("浏览…")
        browse.clicked.connect(self.browse)
        self.error = QLabel()
        self.error.setObjectName("file_error")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.template = QPushButton("下载该类别的导入模板…")
        self.template.clicked.connect(lambda: self.w.screen_hook_template(self.kind.currentData()))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("导入的内容："))
        layout.addWidget(self.kind)
        layout.addWidget(QLabel("文件："))
        layout.addLayout(row)
        layout.addWidget(self.template, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择要导入的文件", "", FILE_FILTER)
        if path:
            self.path.setText(path)

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:  # noqa: N802
        path = Path(self.path.text().strip().strip('"'))
        try:
            self.w.file = import_flow.overview(path)
        except LedgerError as exc:
            self.error.setText(exc.message)
            return False
        except Exception as exc:  # noqa: BLE001
            self.error.setText(dialogs.describe(exc))
            return False
        self.error.clear()
        self.w.plan = import_flow.ImportPlan(self.kind.currentData(), path)
        return True


class SheetPage(Step):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(
            wizard, "第二步：选择工作表", "勾选要导入的工作表；没有该类表头的工作表会被跳过。"
        )
        self.sheets = QListWidget()
        self.sheets.setObjectName("sheets")
        self.sheets.itemChanged.connect(self.completeChanged)
        self.error = QLabel()
        self.error.setObjectName("sheet_error")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sheets, 1)
        layout.addWidget(self.error)

    def initializePage(self) -> None:  # noqa: N802
        self.sheets.clear()
        assert self.w.file is not None
        for name, visible in self.w.file.sheets:
            item = QListWidgetItem(name if visible else f"{name}（隐藏）")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if visible else Qt.CheckState.Unchecked)
            self.sheets.addItem(item)

    def chosen(self) -> list[str]:
        return [
            self.sheets.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.sheets.count())
            if self.sheets.item(i).checkState() == Qt.CheckState.Checked
        ]

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.chosen())

    def validatePage(self) -> bool:  # noqa: N802
        assert self.w.plan is not None
        self.w.plan.sheets = self.chosen()
        self.w.plan.overrides = {}
        try:
            self.w.previews = import_flow.preview(self.w.ctx.ledger, self.w.plan)
        except LedgerError as exc:
            self.error.setText(exc.message)
            return False
        except Exception as exc:  # noqa: BLE001
            self.error.setText(dialogs.describe(exc))
            return False
        self.error.clear()
        return True


class MappingPage(Step):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(
            wizard,
            "第三步：核对表头和列",
            "程序认出的列已对应好；没有认出的列不会导入，如需导入请在“导入为”中选择对应的项目。",
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mapping_tabs")
        self.combos: dict[tuple[str, int], QComboBox] = {}
        self.first_unknown: list[tuple[QTableWidget, int]] = []  # per sheet: its first unknown
        self.task: Any = None
        refresh = QPushButton("按修改后的列重新预览")
        refresh.clicked.connect(self.refresh)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # the row count is not known before the end
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("survey_status")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.progress)
        row.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(row)

    def initializePage(self) -> None:  # noqa: N802
        self.build()

    def build(self) -> None:
        self.tabs.clear()
        self.combos.clear()
        self.first_unknown.clear()
        assert self.w.plan is not None
        choices = import_flow.field_choices(self.w.plan.kind)
        for sheet in self.w.previews:
            page = QWidget()
            mapping = read_only_table(["列", "表头（原文）", "导入为", "说明"])
            mapping.setObjectName(f"mapping_{sheet.name}")
            mapping.setRowCount(len(sheet.columns))
            for r, column in enumerate(sheet.columns):
                mapping.setItem(r, 0, QTableWidgetItem(_letters(column.index)))
                mapping.setItem(r, 1, QTableWidgetItem(column.heading))
                combo = QComboBox()
                combo.addItem(NOT_IMPORTED, None)
                for field, label in choices:
                    combo.addItem(label, field)
                combo.setCurrentIndex(max(combo.findData(column.field), 0) if column.field else 0)
                if column.unknown:
                    combo.setProperty("invalid", True)
                combo.currentIndexChanged.connect(
                    lambda _=0, s=sheet.name, c=column.index, box=combo: self.choose(s, c, box)
                )
                mapping.setCellWidget(r, 2, combo)
                mapping.setItem(r, 3, QTableWidgetItem(column.note))
                self.combos[(sheet.name, column.index)] = combo
            header = mapping.horizontalHeader()
            for c in range(3):
                header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
            rows = read_only_table(["行号", *[c.heading for c in sheet.columns], "发现的问题"])
            rows.setRowCount(len(sheet.rows))
            for r, (number, cells, problems) in enumerate(sheet.rows):
                rows.setItem(r, 0, QTableWidgetItem(str(number)))
                for c, column in enumerate(sheet.columns):
                    text = cells[column.index] if column.index < len(cells) else ""
                    rows.setItem(r, c + 1, QTableWidgetItem(text))
                problem = QTableWidgetItem(problems)
                if problems:
                    problem.setForeground(Qt.GlobalColor.darkRed)
                rows.setItem(r, len(sheet.columns) + 1, problem)
            # Whole ID numbers, names and reasons: the table scrolls sideways, nothing is cut off.
            rows.horizontalHeader().setStretchLastSection(False)
            rows.resizeColumnsToContents()
            heading = f"表头在第 {sheet.header_row} 行。"
            dropped = [f"“{c.heading}”" for c in sheet.columns if c.field is None]
            if dropped:
                heading += f"不导入的列：{'、'.join(dropped)}。"
            if sheet.notes:  # columns converted, not read, or read twice
                heading += "".join(f"\n· {line}。" for line in sheet.notes) + "\n"
            note = QLabel(f"{heading}右边是前 {len(sheet.rows)} 行数据的读取结果：")
            note.setWordWrap(True)
            _compact(mapping)
            # The columns take the page's whole height, the rows read beside them: on a 768-px
            # screen stacked halves showed seven columns of a twenty-column roster.
            preview = QWidget()
            beside = QVBoxLayout(preview)
            beside.setContentsMargins(0, 0, 0, 0)
            beside.addWidget(note)
            beside.addWidget(rows, 1)
            split = QSplitter(Qt.Orientation.Horizontal)
            split.setChildrenCollapsible(False)
            split.addWidget(mapping)
            split.addWidget(preview)
            split.setStretchFactor(0, 3)
            split.setStretchFactor(1, 2)
            layout = QVBoxLayout(page)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(split)
            unknown = sum(1 for c in sheet.columns if c.unknown)
            if unknown:
                first = next(r for r, c in enumerate(sheet.columns) if c.unknown)
                self.first_unknown.append((mapping, first))
            self.tabs.addTab(page, sheet.name + (f"（{unknown} 列未识别）" if unknown else ""))
        if self.isVisible():
            self.show_unknown()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.show_unknown()

    def show_unknown(self) -> None:
        """The first column to decide on is in view, not below the fold (once laid out)."""
        for table, row in self.first_unknown:
            QTimer.singleShot(0, table, lambda t=table, r=row: t.scrollToItem(t.item(r, 1)))

    def choose(self, sheet: str, col: int, box: QComboBox) -> None:
        assert self.w.plan is not None
        self.w.plan.overrides.setdefault(sheet, {})[col] = box.currentData()
        box.setProperty("invalid", box.currentData() is None)
        box.style().unpolish(box)
        box.style().polish(box)

    def refresh(self) -> None:
        assert self.w.plan is not None
        try:
            self.w.previews = import_flow.preview(self.w.ctx.ledger, self.w.plan)
        except LedgerError as exc:
            dialogs.show_error(self, exc)
            return
        current = self.tabs.currentIndex()
        self.build()
        self.tabs.setCurrentIndex(current)

    # ---- reading every row for the value-mapping page -----------------------------------

    def isComplete(self) -> bool:  # noqa: N802
        return self.task is None or not self.task.running

    def nextId(self) -> int:  # noqa: N802
        survey = self.w.survey
        if survey is not None and not survey.needs_page:
            return self.w.check_id  # the office's vocabulary answers every wording: ask nothing
        return self.w.values_id

    def validatePage(self) -> bool:  # noqa: N802
        assert self.w.plan is not None
        survey = self.w.survey
        if survey is not None and survey.plan_key == wording_flow.plan_key(self.w.plan):
            return True
        if not self.choices_hold():
            return False
        self.start_survey()
        return False  # the survey moves on when it has read the file

    def choices_hold(self) -> bool:
        """Refuse two columns on one item the clerk chose; name a required item no column
        gives (new records would all be refused) and let the clerk go back to it."""
        assert self.w.plan is not None
        kind = self.w.plan.kind
        for sheet in self.w.previews:
            chosen = self.w.plan.overrides.get(sheet.name, {})
            columns = [
                (c.heading, self.combos[(sheet.name, c.index)].currentData(), c.index in chosen)
                for c in sheet.columns
                if (sheet.name, c.index) in self.combos
            ]
            problem = import_flow.duplicate_choice(kind, columns)
            if problem:
                dialogs.warn(self, "导入为同一项", f"工作表“{sheet.name}”：{problem}")
                return False
            missing = import_flow.missing_required(kind, {field for _, field, _ in columns})
            if missing and not dialogs.ask(
                self,
                "缺少必填的列",
                f"工作表“{sheet.name}”没有导入为“{'”“'.join(missing)}”的列。表中的新记录缺少"
                "这些必填项，会全部列在检查结果里、不导入；已有的记录只更新表中有的项。\n\n"
                "如果某一列其实就是它，请选“否”回到本页，在“导入为”中选上。仍要继续吗？",
            ):
                return False
        return True

    def start_survey(self) -> None:
        assert self.w.plan is not None
        if self.task is not None and self.task.running:
            return
        # The worker gets its own copy: the clerk may still change a column meanwhile.
        overrides = {sheet: dict(cols) for sheet, cols in self.w.plan.overrides.items()}
        plan = dataclasses.replace(self.w.plan, overrides=overrides)
        ledger = self.w.ctx.ledger
        self.w.survey = None
        self.status.setText("正在读取并检查全部行，找出写法不标准的值……")
        self.progress.show()

        def work(control: Any) -> wording_flow.Survey:
            return wording_flow.survey(
                ledger, plan, progress=lambda n: control.progress(n, 0, f"已读取 {n:,} 行")
            )

        self.task = run_task(
            work,
            owner=self,
            on_success=self.surveyed,
            on_error=self.survey_failed,
            on_progress=lambda done, total, text: self.status.setText(text),
            on_cancel=self.survey_cancelled,
        )
        self.completeChanged.emit()

    def surveyed(self, survey: wording_flow.Survey) -> None:
        self.w.survey = survey
        self.progress.hide()
        self.status.clear()
        self.completeChanged.emit()
        self.w.next()

    def survey_failed(self, exc: BaseException) -> None:
        self.progress.hide()
        self.status.setText("没有读完：" + dialogs.describe(exc))
        self.completeChanged.emit()

    def survey_cancelled(self) -> None:
        self.progress.hide()
        self.status.setText("已停止读取。")
        self.completeChanged.emit()


def _compact(mapping: QTableWidget) -> None:
    """Rows as tall as a drop-down, notes wrapped in full: no "…" and as many columns as fit."""
    mapping.setTextElideMode(Qt.TextElideMode.ElideNone)
    mapping.setWordWrap(True)
    mapping.setVerticalScrollMode(QTableWidget.ScrollMode.ScrollPerPixel)
    mapping.resizeRowsToContents()


class RunPage(Step):
    """Runs the import (dry run or for real) in the background with progress and cancel."""

    def __init__(self, wizard: ImportWizard, *, dry_run: bool) -> None:
        if dry_run:
            super().__init__(
                wizard,
                "第五步：检查（不写入数据库）",
                "先完整检查一遍：列出每一条会被拒绝的行和原因。确认无误后再正式导入。",
            )
        else:
            super().__init__(
                wizard,
                "第六步：导入",
                "全部数据在一个事务中写入：中途取消或出错，数据库保持导入前的样子。",
            )
        self.dry_run = dry_run
        self.done = False
        self.outcome: import_flow.ImportOutcome | None = None
        self.task: Any = None
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.status = QLabel()
        self.status.setObjectName("run_status")
        self.status.setWordWrap(True)
        self.cancel_button = QPushButton("取消")
        self.cancel_button.clicked.connect(self.cancel)
        self.rejected = read_only_table(["工作表", "行号", "项目", "原值", "原因"])
        self.rejected.setObjectName("rejected")
        self.errors_button = QPushButton("保存被拒绝的行（错误工作簿）…")
        self.errors_button.setObjectName("save_errors")
        self.errors_button.clicked.connect(self.save_errors)
        self.undo_button = QPushButton("撤销本批导入")
        self.undo_button.setObjectName("undo_batch")
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.setVisible(not dry_run)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.errors_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.rejected, 1)
        layout.addLayout(buttons)

    def initializePage(self) -> None:  # noqa: N802
        self.start()

    def start(self) -> None:
        assert self.w.plan is not None
        self.done, self.outcome = False, None
        self.rejected.setRowCount(0)
        self.errors_button.setEnabled(False)
        self.undo_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        expected = self.w.expected_rows if not self.dry_run else 0
        self.progress.setRange(0, expected)  # 0..0 is a busy bar until the count is known
        self.progress.setValue(0)
        survey = self.w.survey
        checked = survey.check_for(self.w.plan) if self.dry_run and survey else None
        if checked is not None:  # read with these very choices while surveying: not read again
            self.finished(checked)
            return
        self.status.setText("正在检查……" if self.dry_run else "正在导入……")
        plan, ledger, dry_run = self.w.plan, self.w.ctx.ledger, self.dry_run

        def work(control: Any) -> import_flow.ImportOutcome:
            return import_flow.run_import(
                ledger,
                plan,
                dry_run=dry_run,
                progress=lambda n: control.progress(n, expected, f"已处理 {n:,} 行"),
            )

        self.task = run_task(
            work,
            owner=self,
            on_success=self.finished,
            on_error=self.failed,
            on_progress=self.progressed,
            on_cancel=self.cancelled,
        )
        self.completeChanged.emit()

    def progressed(self, done: int, total: int, text: str) -> None:
        if total:
            self.progress.setValue(min(done, total))
        self.status.setText(text)

    def cancel(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
            self.status.setText("正在取消……")

    def cancelled(self) -> None:
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)
        self.status.setText("已取消：数据库没有任何改动。可以点“上一步”修改后重试。")

    def failed(self, exc: BaseException) -> None:
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)
        self.status.setText("没有导入：" + dialogs.describe(exc) + "\n数据库没有任何改动。")

    def finished(self, outcome: import_flow.ImportOutcome) -> None:
        self.outcome = outcome
        self.done = True
        result = outcome.result
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, max(result.rows_read, 1))
        self.progress.setValue(max(result.rows_read, 1))
        lines = import_flow.rejection_lines(result, result.kind)
        self.rejected.setRowCount(len(lines))
        reason = self.rejected.columnCount() - 1
        for r, line in enumerate(lines):
            for c, text in enumerate(line):
                item = QTableWidgetItem(str(text))
                if c == reason:
                    item.setToolTip(str(text))
                self.rejected.setItem(r, c, item)
        self.rejected.resizeColumnsToContents()
        # A reason says what to do about the row: wrapped whole, never cut to "…". Measuring
        # rows costs per row, so a long list wraps its first rows (the rest show it on hover).
        self.rejected.setWordWrap(True)
        others = sum(self.rejected.columnWidth(c) for c in range(reason))
        self.rejected.setColumnWidth(reason, max(self.rejected.viewport().width() - others, 240))
        for r in range(min(len(lines), WRAPPED_REASONS)):
            self.rejected.resizeRowToContents(r)
        text = import_flow.summary_text(result) + self.w.vocabulary_note(result)
        if outcome.parsed.skipped_sheets:
            text += f"\n跳过的工作表（没有对应表头）：{'、'.join(outcome.parsed.skipped_sheets)}"
        if self.dry_run:
            self.w.expected_rows = result.rows_read
            if not (result.inserted or result.updated):
                text += "\n没有可以写入的新数据或修改。"
            else:
                text += (
                    "\n点“下一步”正式导入；被拒绝的行不会导入，可以保存为错误工作簿改正后再导入。"
                )
        else:
            if result.batch_id is not None:
                text += f"\n导入批次号 {result.batch_id}。如发现导错，可以“撤销本批导入”。"
                self.w.ctx.bus.announce("import_batches", (result.batch_id,), "import")
        self.status.setText(text)
        self.errors_button.setEnabled(bool(result.rejected))
        self.undo_button.setEnabled(result.batch_id is not None)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        if not self.done or self.outcome is None:
            return False
        result = self.outcome.result
        return bool(result.inserted or result.updated) if self.dry_run else True

    def save_errors(self, path: str | None = None) -> str | None:
        if self.outcome is None:
            return None
        if not path:
            name = f"{self.w.plan.path.stem}_被拒绝的行.xlsx" if self.w.plan else "被拒绝的行.xlsx"
            path, _ = QFileDialog.getSaveFileName(
                self, "保存错误工作簿", name, "Excel 工作簿 (*.xlsx)"
            )
        if not path:
            return None
        try:
            written = import_flow.write_errors(path, self.outcome)
        except Exception as exc:  # noqa: BLE001
            dialogs.show_error(self, exc, "错误工作簿未保存")
            return None
        self.w.ctx.bus.status_message.emit(f"已保存 {written} 行被拒绝的数据到 {path}")
        return path

    def undo(self) -> bool:
        if self.outcome is None or self.outcome.result.batch_id is None:
            return False
        reverted = undo_import_batch(self, self.w.ctx, self.outcome.result.batch_id)
        if reverted is None:
            return False
        self.undo_button.setEnabled(False)
        self.status.setText(
            self.status.text() + f"\n已撤销本批导入：{reverted} 条记录已恢复为导入前的状态。"
        )
        return True


def undo_import_batch(parent: QWidget, ctx: AppContext, batch_id: int) -> int | None:
    """Ask, undo one import batch, tell every view; the number of records put back, or None."""
    if not dialogs.ask(
        parent,
        "撤销导入",
        f"撤销导入批次 {batch_id}？本批新增的记录移入回收站，修改过的内容恢复原样。",
        yes="撤销本批",
        no="不撤销",
    ):
        return None
    try:
        reverted = ctx.ledger.imports.undo(batch_id)
    except LedgerError as exc:
        dialogs.show_error(parent, exc, "没有撤销")
        return None
    ctx.bus.announce("import_batches", (batch_id,), "import")
    return int(reverted)


class ImportWizard(QWizard):
    def __init__(
        self, ctx: AppContext, *, kind: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("导入 Excel")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, "下一步 >")
        self.setButtonText(QWizard.WizardButton.BackButton, "< 上一步")
        self.setButtonText(QWizard.WizardButton.FinishButton, "完成")
        self.setButtonText(QWizard.WizardButton.CancelButton, "关闭")
        self.file: import_flow.FileOverview | None = None
        self.plan: import_flow.ImportPlan | None = None
        self.previews: list[import_flow.SheetPreview] = []
        self.survey: wording_flow.Survey | None = None
        self.expected_rows = 0
        self.screen_hook_template = lambda k: None
        self.file_page = FilePage(self)
        self.sheet_page = SheetPage(self)
        self.mapping_page = MappingPage(self)
        self.values_page = ValuesPage(self)
        self.check_page = RunPage(self, dry_run=True)
        self.import_page = RunPage(self, dry_run=False)
        for page in (self.file_page, self.sheet_page, self.mapping_page):
            self.addPage(page)
        self.values_id = self.addPage(self.values_page)
        self.check_id = self.addPage(self.check_page)
        self.addPage(self.import_page)
        if kind:
            self.file_page.kind.setCurrentIndex(max(self.file_page.kind.findData(kind), 0))
        self.resize(980, 640)

    def vocabulary_note(self, result: Any) -> str:
        """What became of the value mappings, for the check's and the import's summary."""
        assert self.plan is not None
        chosen = len(self.plan.chosen)
        if self.survey is not None and not self.survey.needs_page and self.survey.questions:
            return (
                f"\n表中 {len(self.survey.questions)} 种不标准的写法都按本单位对应表对应"
                "（在“设置 → 本单位对应表”中查看和修改）。"
            )
        if not chosen:
            return ""
        if not self.plan.save_vocabulary:
            return f"\n核对过的 {chosen} 种写法只用于这次导入，没有存入本单位对应表。"
        if result.dry_run:
            return f"\n核对过的 {chosen} 种写法将在正式导入时存入本单位对应表。"
        return (
            f"\n核对过的写法已存入本单位对应表（新增或修改 {result.vocabulary_saved} 条），"
            "以后导入自动使用。"
        )

    def reject(self) -> None:
        if self.mapping_page.task is not None and self.mapping_page.task.running:
            self.mapping_page.task.cancel()
            return  # the page says when it has stopped; close again then
        for page in (self.check_page, self.import_page):
            if page.task is not None and page.task.running:
                page.cancel()
                return  # the page says when it has stopped; close again then
        super().reject()


def _letters(index: int) -> str:
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(65 + rest) + text
    return text
