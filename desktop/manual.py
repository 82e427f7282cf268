"""帮助 → 使用说明: the short Chinese manual bundled in resources/help, in a window of its own."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from resources import path as resource_path

MANUAL = ("help", "manual.md")


class ManualDialog(QDialog):
    """Non-modal, so the clerk can keep it open beside the window while working."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("工会台账使用说明")
        self.browser = QTextBrowser()
        self.browser.setObjectName("manual")
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(resource_path(*MANUAL).read_text(encoding="utf-8"))
        buttons = QDialogButtonBox()
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(720, 600)
