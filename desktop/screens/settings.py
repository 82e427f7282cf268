"""设置: organisation name, townships, 低保标准 per year, the report font, data and backup folders,
and the office's value mappings (本单位对应表)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs
from desktop.context import AppContext
from desktop.screens.vocabulary_box import VocabularyBox
from desktop.tasks import run_task
from models.backup import BACKUP_DIR
from models.errors import LedgerError
from models.services.settings import REPORT_FONT
from models.validation import format_yuan, split_list
from reports.pdf_fonts import PREFER_SYSTEM, PREFERENCES, report_fonts


class SettingsScreen(QWidget):
    title = "设置"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        may = ctx.ledger.actor.can("settings")

        self.org_name = QLineEdit()
        self.org_name.setObjectName("org_name")
        self.org_name.setPlaceholderText("如：某某县总工会")
        self.townships = QPlainTextEdit()
        self.townships.setObjectName("townships")
        self.townships.setPlaceholderText("每行一个乡镇(街道)，如：\n城关镇\n东城街道")
        self.townships.setFixedHeight(150)
        org_box = QGroupBox("单位与乡镇(街道)")
        org_form = QFormLayout(org_box)
        org_form.addRow("填报单位名称：", self.org_name)
        org_form.addRow("乡镇(街道)：", self.townships)
        self.save_org = QPushButton("保存单位和乡镇")
        self.save_org.setObjectName("save_org")
        self.save_org.clicked.connect(self.save_org_and_townships)
        org_form.addRow("", self.save_org)

        self.dibao = QTableWidget(0, 2)
        self.dibao.setObjectName("dibao")
        self.dibao.setHorizontalHeaderLabels(["年度", "低保标准（元/月）"])
        self.dibao.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.dibao.verticalHeader().hide()
        self.dibao.setFixedHeight(160)
        add_year = QPushButton("添加年度")
        add_year.clicked.connect(self.add_dibao_row)
        self.save_dibao_button = QPushButton("保存低保标准")
        self.save_dibao_button.setObjectName("save_dibao")
        self.save_dibao_button.clicked.connect(self.save_dibao)
        dibao_box = QGroupBox("低保标准（用于计算建议困难类别）")
        dibao_layout = QVBoxLayout(dibao_box)
        dibao_layout.addWidget(self.dibao)
        row = QHBoxLayout()
        row.addWidget(add_year)
        row.addWidget(self.save_dibao_button)
        row.addStretch(1)
        dibao_layout.addLayout(row)

        self.database = QLabel()
        self.database.setObjectName("database")
        self.database.setWordWrap(True)
        self.files = QLabel()
        self.files.setWordWrap(True)
        self.backup_dir = QLineEdit()
        self.backup_dir.setObjectName("backup_dir")
        self.backup_dir.setPlaceholderText("默认：数据库所在文件夹下的“备份”")
        browse = QPushButton("选择…")
        browse.clicked.connect(self.choose_backup_dir)
        save_backup = QPushButton("保存备份位置")
        save_backup.clicked.connect(self.save_backup_dir)
        open_folder = QPushButton("打开数据文件夹")
        open_folder.clicked.connect(self.open_data_folder)
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_dir, 1)
        backup_row.addWidget(browse)
        backup_row.addWidget(save_backup)
        data_box = QGroupBox("数据文件夹与备份")
        data_form = QFormLayout(data_box)
        data_form.addRow("数据库：", self.database)
        data_form.addRow("照片等附件：", self.files)
        data_form.addRow("备份位置：", backup_row)
        data_form.addRow("", open_folder)
        data_form.addRow("", QLabel("更换数据库：菜单“文件 → 打开其他数据库…”。"))

        self.report_font = QComboBox()
        self.report_font.setObjectName("report_font")
        for key, label in PREFERENCES.items():
            self.report_font.addItem(label, key)
        self.report_font.currentIndexChanged.connect(self.save_report_font)
        self.font_description = QLabel()
        self.font_description.setObjectName("font_description")
        self.font_description.setWordWrap(True)
        self.font_description.setProperty("role", "hint")
        font_box = QGroupBox("年度总结 PDF 的字体")
        font_form = QFormLayout(font_box)
        font_form.addRow("字体选择：", self.report_font)
        font_form.addRow("将使用：", self.font_description)

        self.follow_up_months = QLineEdit()
        self.follow_up_months.setObjectName("follow_up_months")
        self.follow_up_months.setPlaceholderText("如：3、6、12")
        self.aid_limit = QLineEdit()
        self.aid_limit.setObjectName("yearly_aid_limit")
        self.aid_limit.setPlaceholderText("留空：不检查")
        self.save_review = QPushButton("保存核查设置")
        self.save_review.setObjectName("save_review_settings")
        self.save_review.clicked.connect(self.save_review_settings)
        review_box = QGroupBox("年度核查与防返困")
        review_form = QFormLayout(review_box)
        review_form.addRow("脱困后回访（第几个月）：", self.follow_up_months)
        review_form.addRow("每户年度帮扶上限（元）：", self.aid_limit)
        review_form.addRow("", self.save_review)

        for widget in (
            self.follow_up_months,
            self.aid_limit,
            self.save_review,
            self.report_font,
            self.org_name,
            self.townships,
            self.save_org,
            self.dibao,
            add_year,
            self.save_dibao_button,
            self.backup_dir,
            browse,
            save_backup,
        ):
            widget.setEnabled(may)
        body = QWidget()
        layout = QVBoxLayout(body)
        if not may:
            layout.addWidget(QLabel("当前账号无权修改设置，只能查看。"))
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(org_box)
        left.addWidget(font_box)
        left.addWidget(review_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(dibao_box)
        right.addWidget(data_box)
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout.addLayout(columns)
        self.vocabulary = VocabularyBox(ctx)
        layout.addWidget(self.vocabulary)
        layout.addStretch(1)
        scroll = QScrollArea()
        self.scroll = scroll
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        s = self.ctx.ledger.settings
        self.org_name.setText(s.org_name)
        self.townships.setPlainText("\n".join(s.townships()))
        standards = s.dibao_standards()
        self.dibao.setRowCount(0)
        for year, amount in sorted(standards.items(), reverse=True):
            self._dibao_row(str(year), format_yuan(amount).replace(",", ""))
        self._show_report_font(s.get(REPORT_FONT, PREFER_SYSTEM) or PREFER_SYSTEM)
        reviews = self.ctx.ledger.reviews
        self.follow_up_months.setText("、".join(str(m) for m in reviews.follow_up_months()))
        limit = reviews.yearly_aid_limit()
        self.aid_limit.setText("" if limit is None else format_yuan(limit).replace(",", ""))
        self.vocabulary.reload()
        db = self.ctx.ledger.db
        self.database.setText(str(db.display_name))
        self.files.setText(str(db.files_dir))
        try:
            self.backup_dir.setText(str(self.ctx.ledger.maintenance.backup_dir()))
        except Exception:  # noqa: BLE001 - a server database has no backup folder
            self.backup_dir.setText(s.get(BACKUP_DIR))

    def _dibao_row(self, year: str, amount: str) -> None:
        r = self.dibao.rowCount()
        self.dibao.insertRow(r)
        self.dibao.setItem(r, 0, QTableWidgetItem(year))
        self.dibao.setItem(r, 1, QTableWidgetItem(amount))

    def add_dibao_row(self) -> None:
        years = [
            int(i.text())
            for r in range(self.dibao.rowCount())
            if (i := self.dibao.item(r, 0)) and i.text().isdigit()
        ]
        self._dibao_row(str(max(years, default=dt.date.today().year - 1) + 1), "")
        self.dibao.editItem(self.dibao.item(self.dibao.rowCount() - 1, 1))

    def save_org_and_townships(self) -> bool:
        s = self.ctx.ledger.settings
        names = [n for line in self.townships.toPlainText().splitlines() for n in split_list(line)]
        try:
            s.set_org_name(self.org_name.text())
            s.set_townships(names)
        except LedgerError as exc:
            dialogs.show_error(self, exc, "设置未保存")
            return False
        self.ctx.bus.announce("townships", (), "settings")
        self.ctx.bus.status_message.emit("单位名称和乡镇(街道)已保存。")
        self.reload()
        return True

    def save_dibao(self) -> bool:
        s = self.ctx.ledger.settings
        rows: list[tuple[Any, Any]] = []
        for r in range(self.dibao.rowCount()):
            year, amount = (self.dibao.item(r, c) for c in (0, 1))
            if year and amount and (year.text().strip() or amount.text().strip()):
                rows.append((year.text().strip(), amount.text().strip()))
        try:
            for year, amount in rows:
                s.set_dibao_standard(year, amount)
        except LedgerError as exc:
            dialogs.show_error(self, exc, "低保标准未全部保存")
            return False
        self.ctx.bus.announce("dibao_standards", (), "settings")
        self.ctx.bus.status_message.emit("低保标准已保存。")
        self.reload()
        return True

    def save_review_settings(self) -> bool:
        """防返困 follow-up months and the yearly aid limit: both checked before either is kept."""
        try:
            self.ctx.ledger.reviews.set_review_settings(
                self.follow_up_months.text(), self.aid_limit.text()
            )
        except LedgerError as exc:
            dialogs.show_error(self, exc, "核查设置未保存")
            return False
        self.ctx.bus.announce("settings", (), "settings")
        self.ctx.bus.status_message.emit("核查设置已保存。")
        self.reload()
        return True

    # ---- the year-end report's font ------------------------------------------------------

    def _show_report_font(self, preference: str) -> None:
        position = self.report_font.findData(preference)
        self.report_font.blockSignals(True)
        self.report_font.setCurrentIndex(max(position, 0))
        self.report_font.blockSignals(False)
        self.describe_report_font()

    def describe_report_font(self) -> Any:
        """Which fonts the PDF will be set in; looked up off the GUI thread (fonts load slowly)."""
        preference = self.report_font.currentData()
        self.font_description.setText("正在查找字体……")

        def work(control: Any) -> str:
            return report_fonts(preference).describe()

        def shown(text: str) -> None:
            if self.report_font.currentData() == preference:  # not overtaken by another choice
                self.font_description.setText(text.replace("；", "\n"))  # a line per role

        return run_task(
            work,
            owner=self,
            quiet=True,
            on_success=shown,
            on_error=lambda exc: self.font_description.setText(dialogs.describe(exc)),
        )

    def save_report_font(self) -> bool:
        preference = self.report_font.currentData()
        try:
            self.ctx.ledger.settings.set(REPORT_FONT, preference)
        except LedgerError as exc:
            dialogs.show_error(self, exc, "字体设置未保存")
            self.reload()
            return False
        self.describe_report_font()
        self.ctx.bus.announce("settings", (), "settings")
        self.ctx.bus.status_message.emit(f"年度总结字体已设为“{self.report_font.currentText()}”。")
        return True

    def choose_backup_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择备份位置", self.backup_dir.text())
        if folder:
            self.backup_dir.setText(folder)

    def save_backup_dir(self) -> None:
        try:
            self.ctx.ledger.maintenance.set_backup_dir(self.backup_dir.text())
        except LedgerError as exc:
            dialogs.show_error(self, exc)
            return
        self.ctx.bus.status_message.emit("备份位置已保存。")

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.ledger.db.files_dir.parent)))
