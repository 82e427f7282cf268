"""The first-start page on an empty database: name the organisation and townships, import, or demo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs
from desktop.context import AppContext
from desktop.tasks import run_task
from models.demo.calibration import DEFAULT_HOUSEHOLDS
from models.errors import LedgerError
from models.validation import split_list

DEMO_HOUSEHOLDS = DEFAULT_HOUSEHOLDS


class WelcomeScreen(QWidget):
    title = "欢迎使用"
    finished = Signal()  # the clerk is ready: show the 工作台
    import_requested = Signal()
    demo_ready = Signal(str)  # the URL of the new demo database, for the window to open

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._task: Any = None
        heading = QLabel("欢迎使用工会台账")
        heading.setProperty("role", "title")
        intro = QLabel(
            "这是一个新的空数据库。请先填写单位名称和所辖乡镇(街道)；已有 Excel 台账的，可以直接导入；"
            "想先熟悉程序，可以加载一个虚构县的演示数据（之后可换用新的数据库正式录入）。"
        )
        intro.setWordWrap(True)
        self.org_name = QLineEdit()
        self.org_name.setObjectName("welcome_org")
        self.org_name.setPlaceholderText("如：某某县总工会")
        self.townships = QPlainTextEdit()
        self.townships.setObjectName("welcome_townships")
        self.townships.setPlaceholderText("每行一个，或用顿号分隔：城关镇、东城街道、西河乡")
        self.townships.setFixedHeight(120)
        self.save = QPushButton("保存并开始")
        self.save.setObjectName("welcome_save")
        self.save.setDefault(True)
        self.save.clicked.connect(self.save_and_start)
        form = QFormLayout()
        form.addRow("* 单位名称：", self.org_name)
        form.addRow("乡镇(街道)：", self.townships)
        form.addRow("", self.save)

        self.import_button = QPushButton("从 Excel 导入台账…")
        self.import_button.clicked.connect(self.import_requested)
        self.demo_button = QPushButton(f"加载演示数据（虚构县，{DEMO_HOUSEHOLDS} 户）")
        self.demo_button.setObjectName("welcome_demo")
        self.demo_button.clicked.connect(self.load_demo)
        self.progress = QProgressBar()
        self.progress.hide()
        self.progress_text = QLabel()
        self.progress_text.setProperty("role", "hint")
        other = QHBoxLayout()
        other.addWidget(self.import_button)
        other.addWidget(self.demo_button)
        other.addStretch(1)

        card = QFrame()
        card.setObjectName("welcome_card")
        card.setMaximumWidth(760)
        inner = QVBoxLayout(card)
        inner.addWidget(heading)
        inner.addWidget(intro)
        inner.addSpacing(8)
        inner.addLayout(form)
        inner.addSpacing(12)
        inner.addWidget(QLabel("或者："))
        inner.addLayout(other)
        inner.addWidget(self.progress)
        inner.addWidget(self.progress_text)
        # Centred by stretches, not by an alignment flag: an aligned item is given the height
        # its wrapped intro needs at the page's full width, so on a narrower card the rows below
        # were drawn over one another (the save button over the township box).
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 3)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def save_and_start(self) -> bool:
        settings = self.ctx.ledger.settings
        names = [n for line in self.townships.toPlainText().splitlines() for n in split_list(line)]
        try:
            settings.set_org_name(self.org_name.text())
            if names:
                settings.set_townships(names)
        except LedgerError as exc:
            dialogs.show_error(self, exc, "还不能开始")
            self.org_name.setFocus()
            return False
        self.ctx.bus.announce("townships", (), "settings")
        self.finished.emit()
        return True

    def load_demo(self) -> Any:
        """Build the demo county in a new file of its own, never in the clerk's database."""
        from models.demo import DemoOptions, build_demo
        from models.paths import sqlite_url

        path = demo_path()
        if not dialogs.ask(
            self,
            "加载演示数据",
            f"演示数据（虚构县，{DEMO_HOUSEHOLDS:,} 户）会放进一个新的演示台账文件：\n{path}\n\n"
            "当前台账不会改动。加载后窗口打开演示台账；要回到自己的台账，"
            "请用“文件 → 打开其他数据库…”。",
            yes="新建演示台账",
            no="取消",
        ):
            return None
        url = sqlite_url(path)
        for widget in (self.demo_button, self.save, self.import_button):
            widget.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.progress_text.setText("正在生成演示数据……")

        def work(control: Any) -> Any:
            from models.services import Ledger

            ledger = Ledger.open(url, create=True)
            try:
                return build_demo(
                    ledger,
                    DemoOptions(households=DEMO_HOUSEHOLDS),
                    progress=lambda line: control.progress(0, 0, line),
                )
            finally:
                ledger.close()

        def failed(exc: BaseException) -> None:
            self.progress.hide()
            for widget in (self.demo_button, self.save, self.import_button):
                widget.setEnabled(True)
            dialogs.show_error(self, exc, "演示数据未加载")

        def succeeded(summary: Any) -> None:
            self.progress.hide()
            self.progress_text.setText(f"已加载演示数据，共 {summary.rows:,} 行。")
            self.demo_ready.emit(url)

        self._task = run_task(
            work,
            owner=self,
            on_success=succeeded,
            on_error=failed,
            on_progress=lambda d, t, text: self.progress_text.setText(text),
        )
        return self._task


def demo_path() -> Path:
    """A new file for the demo in the data folder: 演示台账.sqlite3, or -2, -3 … beside it."""
    from models import paths

    folder = paths.data_dir()
    candidate, number = folder / "演示台账.sqlite3", 1
    while candidate.exists():
        number += 1
        candidate = folder / f"演示台账-{number}.sqlite3"
    return candidate
