"""导入导出: start the import wizard, export rosters and 统计表, download templates, undo a batch."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
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

from desktop import dialogs, export_flow, import_flow, save_folder
from desktop.context import AppContext
from desktop.events import Changed
from desktop.models.lazy_table import display
from desktop.widgets.tables import read_only_table
from models.kinds import IMPORT_KINDS


class ImportExportScreen(QWidget):
    title = "导入导出"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.wizard: Any = None
        actor = ctx.ledger.actor
        heading = QLabel("导入导出")
        heading.setProperty("role", "title")

        self.import_kind = QComboBox()
        for kind in IMPORT_KINDS:
            self.import_kind.addItem(import_flow.kind_label(kind), kind)
        import_button = QPushButton("导入 Excel…")
        import_button.setObjectName("start_import")
        import_button.clicked.connect(self.start_import)
        import_button.setEnabled(actor.can("import"))
        template_button = QPushButton("下载导入模板…")
        template_button.clicked.connect(lambda: self.save_template(self.import_kind.currentData()))
        import_box = QGroupBox("导入")
        import_layout = QVBoxLayout(import_box)
        intro = QLabel(
            "从上级下发或各乡镇报来的 Excel/CSV 导入。先检查、再导入，"
            "被拒绝的行可另存为错误工作簿，整批导入可以撤销。"
        )
        intro.setWordWrap(True)
        import_layout.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(self.import_kind)
        row.addWidget(import_button)
        row.addWidget(template_button)
        row.addStretch(1)
        import_layout.addLayout(row)

        export_button = QPushButton("导出花名册或统计表…")
        export_button.setObjectName("start_export")
        export_button.clicked.connect(self.start_export)
        export_button.setEnabled(actor.can("export"))
        export_box = QGroupBox("导出")
        export_layout = QVBoxLayout(export_box)
        note = QLabel(
            "按上报格式导出：标题、填报单位、表头、合计行和签字栏齐全；身份证号默认遮蔽。"
        )
        note.setWordWrap(True)
        export_layout.addWidget(note)
        export_layout.addWidget(export_button)

        self.batches = read_only_table(
            ["批次", "时间", "类别", "文件", "新增", "更新", "拒绝", "状态"], select_rows=True
        )
        self.batches.setObjectName("batches")
        self.batches.horizontalHeader().setStretchLastSection(False)
        self.batches.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.undo_button = QPushButton("撤销所选批次…")
        self.undo_button.setObjectName("undo_selected_batch")
        self.undo_button.clicked.connect(self.undo_selected)
        self.undo_button.setEnabled(actor.can("import"))
        batch_box = QGroupBox("导入记录")
        batch_layout = QVBoxLayout(batch_box)
        batch_layout.addWidget(self.batches, 1)
        batch_layout.addWidget(self.undo_button)

        top = QHBoxLayout()
        top.addWidget(import_box, 1)
        top.addWidget(export_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(batch_box, 1)
        ctx.bus.changed.connect(self._on_changed)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        self.reload()
        super().showEvent(event)

    def _on_changed(self, change: Changed) -> None:
        if change.entity == "import_batches" and self.isVisible():
            self.reload()

    def reload(self) -> None:
        batches = self.ctx.ledger.imports.batches()
        self.batches.setRowCount(len(batches))
        for r, b in enumerate(batches):
            state = f"已撤销（{b.undone_at:%m-%d %H:%M}）" if b.undone_at else "有效"
            cells = (
                str(b.id),
                display(b.at),
                import_flow.kind_label(b.kind),
                b.file_name,
                str(b.inserted),
                str(b.updated),
                str(b.rejected),
                state,
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setData(256, b.id)
                self.batches.setItem(r, c, item)

    def start_import(self, kind: str | None = None) -> Any:
        from desktop.screens.import_wizard import ImportWizard

        wizard = ImportWizard(self.ctx, kind=kind or self.import_kind.currentData(), parent=self)
        wizard.screen_hook_template = self.save_template
        wizard.finished.connect(lambda _: self.reload())
        wizard.open()
        self.wizard = wizard
        return wizard

    def start_export(self) -> Any:
        from desktop.screens.export_dialog import ExportDialog

        dialog = ExportDialog(self.ctx, parent=self)
        dialog.open()
        return dialog

    def save_template(self, kind: str, path: str | None = None) -> str | None:
        if not path:
            name = f"{import_flow.kind_label(kind)}导入模板.xlsx"
            path, _ = QFileDialog.getSaveFileName(
                self, "保存导入模板", save_folder.start_path(name), "Excel 工作簿 (*.xlsx)"
            )
            save_folder.remember(path)
        if not path:
            return None
        try:
            export_flow.write_template(self.ctx.ledger, kind, path)
        except Exception as exc:  # noqa: BLE001
            dialogs.show_error(self, exc, "模板未保存")
            return None
        self.ctx.bus.status_message.emit(f"已保存导入模板：{path}")
        return path

    def undo_selected(self) -> bool:
        items = self.batches.selectedItems()
        if not items:
            dialogs.inform(self, "撤销导入", "请先在列表中选中要撤销的批次。")
            return False
        batch_id = self.batches.item(items[0].row(), 0).data(256)
        from desktop.screens.import_wizard import undo_import_batch

        reverted = undo_import_batch(self, self.ctx, batch_id)
        if reverted is None:
            return False
        self.ctx.bus.status_message.emit(f"已撤销导入批次 {batch_id}，恢复 {reverted} 条记录。")
        self.reload()
        return True
