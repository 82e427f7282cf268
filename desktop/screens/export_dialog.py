"""The export dialog: kind, year, township, status, masked or not, whole list or the selection."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs, export_flow, save_folder
from desktop.context import AppContext
from desktop.tasks import run_task
from models import vocab
from models.kinds import IMPORT_KINDS, KINDS

# The statuses a kind's export can be filtered by: its status field's list.
STATUS_BY_KIND = {
    name: vocab.CHOICES[status.values]
    for name in IMPORT_KINDS
    if (status := KINDS[name].get("status")) is not None and status.values
}


class ExportDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        *,
        kind: str = "households",
        ids: list[int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ids = list(ids) if ids else None
        self.task: Any = None
        self.written: int | None = None
        self.setWindowTitle("导出 Excel")
        self.kind = QComboBox()
        self.kind.setObjectName("export_kind")
        for k in export_flow.EXPORT_KINDS:
            self.kind.addItem(export_flow.kind_label(k), k)
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self.year = QComboBox()
        self.year.setObjectName("export_year")
        self.year.addItem("全部年度", None)
        this_year = dt.date.today().year
        for y in range(this_year, this_year - 12, -1):
            self.year.addItem(f"{y}年", y)
        self.township = QComboBox()
        self.township.setObjectName("export_township")
        self.township.addItem("全部乡镇(街道)", None)
        for name in ctx.townships():
            self.township.addItem(name, name)
        self.status = QComboBox()
        self.status.setObjectName("export_status")
        self.unmask = QCheckBox("导出完整的身份证号、电话和银行卡号（会记入操作日志）")
        self.unmask.setObjectName("export_unmask")
        self.unmask.setEnabled(ctx.can_unmask)
        if not ctx.can_unmask:
            self.unmask.setToolTip("当前账号无权导出未遮蔽的信息。")
        self.selection = QCheckBox()
        self.selection.setObjectName("export_selection")
        if self.ids:
            self.selection.setText(f"只导出列表中选中的 {len(self.ids)} 条")
            self.selection.setChecked(True)
        self.selection.setVisible(bool(self.ids))
        self.selection.toggled.connect(self._update)
        self.out = QLineEdit()
        self.out.setObjectName("export_out")
        browse = QPushButton("选择…")
        browse.clicked.connect(self.browse)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out, 1)
        out_row.addWidget(browse)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.message = QLabel()
        self.message.setObjectName("export_message")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow("内容：", self.kind)
        form.addRow("年度：", self.year)
        form.addRow("乡镇(街道)：", self.township)
        form.addRow("状态：", self.status)
        form.addRow("", self.selection)
        form.addRow("", self.unmask)
        form.addRow("保存到：", out_row)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("导出", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("do_export")
        self.close_button = self.buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        self.export_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._update)
        self._update()
        self.resize(560, 0)

    def _update(self) -> None:
        kind = self.kind.currentData()
        self.status.clear()
        self.status.addItem("全部状态", None)
        for s in STATUS_BY_KIND.get(kind, ()):
            self.status.addItem(s, s)
        selected = self.selection.isChecked() and bool(self.ids)
        for widget in (self.year, self.township, self.status):
            widget.setEnabled(
                not selected and kind != "stats" or widget is self.year and kind == "stats"
            )
        self.unmask.setVisible(
            kind in ("households", "members", "assistance", "stations", "reststops")
        )
        if not self.out.text() or self.out.property("auto"):
            self.out.setText(
                save_folder.start_path(
                    f"{export_flow.kind_label(kind)}_{dt.date.today():%Y%m%d}.xlsx"
                )
            )
            self.out.setProperty("auto", True)

    def browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "导出到", self.out.text(), "Excel 工作簿 (*.xlsx)"
        )
        if path:
            self.out.setText(path if path.lower().endswith(".xlsx") else path + ".xlsx")
            self.out.setProperty("auto", False)
            save_folder.remember(path)

    def start(self) -> Any:
        out = Path(self.out.text().strip())
        if not out.name or out.suffix.lower() != ".xlsx":
            self.message.setText("请填写以 .xlsx 结尾的文件名。")
            return None
        if not out.parent.is_dir():
            self.message.setText(f"文件夹“{out.parent}”不存在，请重新选择保存位置。")
            return None
        ledger, kind = self.ctx.ledger, self.kind.currentData()
        ids = self.ids if self.selection.isChecked() else None
        options = {
            "year": self.year.currentData(),
            "township": self.township.currentData(),
            "status": self.status.currentData(),
            "unmask": self.unmask.isChecked(),
            "ids": ids,
        }
        self.export_button.setEnabled(False)
        self.progress.show()
        self.message.setText("正在导出……")

        def work(control: Any) -> int:
            return export_flow.export(
                ledger,
                kind,
                out,
                progress=lambda n: control.progress(n, 0, f"已写入 {n:,} 行"),
                **options,
            )

        def finished(count: int) -> None:
            self.written = count
            self.message.setText(f"已导出 {count:,} 条到 {out}")
            self.ctx.bus.status_message.emit(f"已导出 {count:,} 条到 {out}")

        def done() -> None:
            self.progress.hide()
            self.export_button.setEnabled(True)

        self.task = run_task(
            work,
            owner=self,
            on_success=finished,
            on_done=done,
            on_progress=lambda d, t, text: self.message.setText(text),
            on_error=lambda exc: self.message.setText("没有导出：" + dialogs.describe(exc)),
            on_cancel=lambda: self.message.setText("已取消导出。"),
        )
        return self.task

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.out.text()).parent)))

    def reject(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
            return
        super().reject()
