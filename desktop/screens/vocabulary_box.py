"""设置 → 本单位对应表: the office's saved value mappings, changed or deleted one by one, and
read from or written to a mapping file (字段,原值,标准值)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs
from desktop.context import AppContext
from desktop.widgets.lazy_cells import LazyCellWidgets
from desktop.widgets.tables import read_only_table
from desktop.wording_flow import KEEP_ORIGINAL
from models.errors import LedgerError
from models.services.vocabulary import VocabularyRow
from models.wording import is_strict
from models.wording.mapping_file import list_values

HEADINGS = ("字段", "原值", "标准值", "设定人", "设定时间")
VALUE_COLUMN = 2
CSV_FILTER = "对应表 (*.csv)"


class VocabularyBox(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("本单位对应表（导入时各乡镇的写法 → 标准值）", parent)
        self.ctx = ctx
        self.may = ctx.ledger.actor.can("import")
        self.rows: list[VocabularyRow] = []
        hint = QLabel(
            "导入时核对过的写法保存在这里，以后导入自动按它对应。在“标准值”中改选即保存；"
            "不再需要的对应，选中后点“删除所选”。对应表随数据库一起备份。"
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        self.empty = QLabel("还没有保存的对应。导入时在“核对写法不标准的值”一步勾选保存即可。")
        self.empty.setObjectName("vocabulary_empty")
        self.table = read_only_table(HEADINGS, select_rows=True, multi_select=True)
        self.table.setObjectName("vocabulary")
        self.table.setMinimumHeight(260)
        header = self.table.horizontalHeader()
        for c in range(len(HEADINGS)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cells = LazyCellWidgets(self.table, VALUE_COLUMN, lambda r: self._combo(self.rows[r]))
        self.delete_button = QPushButton("删除所选")
        self.delete_button.setObjectName("delete_vocabulary")
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button = QPushButton("从对应表文件导入…")
        self.import_button.clicked.connect(lambda: self.import_file())
        export = QPushButton("导出为对应表文件…")
        export.clicked.connect(lambda: self.export_file())
        for widget in (self.delete_button, self.import_button):
            widget.setEnabled(self.may)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(export)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def reload(self, *, force: bool = False) -> None:
        rows = self.ctx.ledger.vocabulary.rows()
        if not force and rows == self.rows and self.table.rowCount() == len(rows):
            return  # 设置 reloads each time it is shown: the drop-downs are rebuilt only on change
        self.rows = rows
        self.table.setRowCount(0)  # drops the drop-downs of the rows before
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            at = row.created_at.strftime("%Y-%m-%d %H:%M") if row.created_at else ""
            shown = row.value or KEEP_ORIGINAL
            for c, text in enumerate((row.list_label, row.wording, shown, row.created_by, at)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.cells.reset()
        if self.cells.made:  # one height for every row, and room for the longest value
            probe = self.cells.made[0]
            self.table.verticalHeader().setDefaultSectionSize(probe.sizeHint().height() + 6)
            values = {v for row in rows for v in list_values(row.list_name)} | {KEEP_ORIGINAL}
            width = max(probe.fontMetrics().horizontalAdvance(v) for v in values) + 48
            header = self.table.horizontalHeader()
            header.setSectionResizeMode(VALUE_COLUMN, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(VALUE_COLUMN, width)  # the text, the arrow and the frame
        self.empty.setVisible(not self.rows)

    def _combo(self, row: VocabularyRow) -> QComboBox:
        combo = QComboBox()
        for value in list_values(row.list_name):
            combo.addItem(value, value)
        if not is_strict(row.list_name) or row.value is None:
            combo.addItem(KEEP_ORIGINAL, "")
        combo.setCurrentIndex(max(combo.findData(row.value or ""), 0))
        combo.setEnabled(self.may)
        combo.currentIndexChanged.connect(lambda _=0, r=row, box=combo: self.change(r, box))
        return combo

    def combo_at(self, r: int) -> QComboBox:
        combo = self.cells.widget(r)
        assert isinstance(combo, QComboBox)
        return combo

    def change(self, row: VocabularyRow, box: QComboBox) -> bool:
        value = box.currentData() or None
        try:
            self.ctx.ledger.vocabulary.set(row.list_name, row.wording, value)
        except LedgerError as exc:
            dialogs.show_error(self, exc, "对应未修改")
            self.reload(force=True)  # the drop-down shows the saved value again
            return False
        shown = value or "留空"
        self.ctx.bus.status_message.emit(f"已改为：{row.list_label}“{row.wording}”→ {shown}。")
        self.reload()
        return True

    def delete_selected(self) -> int:
        chosen = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not chosen:
            self.ctx.bus.status_message.emit("请先选中要删除的对应（可多选）。")
            return 0
        rows = [self.rows[r] for r in chosen]
        named = "、".join(f"“{row.wording}”" for row in rows[:5])
        more = f"等 {len(rows)} 条" if len(rows) > 5 else ""
        if not dialogs.ask(
            self,
            "删除对应",
            f"删除{named}{more}的对应？以后导入时这些写法会重新按常见写法对应，并在导入时请您核对。",
            yes="删除",
            no="不删除",
        ):
            return 0
        done = 0
        try:
            for row in rows:
                self.ctx.ledger.vocabulary.delete(row.list_name, row.wording)
                done += 1
        except LedgerError as exc:
            dialogs.show_error(self, exc, "没有全部删除")
        self.ctx.bus.status_message.emit(f"已删除 {done} 条对应。")
        self.reload()
        return done

    def import_file(self, path: str | None = None) -> int | None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, "选择对应表文件", "", CSV_FILTER)
        if not path:
            return None
        try:
            changed = self.ctx.ledger.vocabulary.import_csv(path)
        except LedgerError as exc:
            dialogs.show_error(self, exc, "对应表没有导入，本单位对应表没有改动")
            return None
        self.ctx.bus.status_message.emit(f"已从对应表文件新增或修改 {changed} 条对应。")
        self.reload()
        return changed

    def export_file(self, path: str | None = None) -> int | None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, "导出对应表", "本单位对应表.csv", CSV_FILTER
            )
        if not path:
            return None
        try:
            written = self.ctx.ledger.vocabulary.export_csv(path)
        except (LedgerError, OSError) as exc:
            dialogs.show_error(self, exc, "对应表没有导出")
            return None
        self.ctx.bus.status_message.emit(f"已导出 {written} 条对应到 {path}。")
        return written
