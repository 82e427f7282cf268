"""Photos of an activity or a station: thumbnails with captions; add (copied into the data folder)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs
from models.errors import LedgerError

THUMB = QSize(160, 120)
IMAGE_FILTER = "图片 (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff)"


def thumbnail(path: str) -> QPixmap:
    """Decode only at thumbnail size: a 12-megapixel photo costs a fraction of a full decode."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid():
        reader.setScaledSize(size.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return QPixmap.fromImage(image) if not image.isNull() else QPixmap()


class PhotoStrip(QWidget):
    """The photos of one owner; `owner` is {"activity_id": n} or {"station_id": n}."""

    def __init__(self, ctx: Any, owner: dict[str, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.owner = ctx, owner
        self.list = QListWidget()
        self.list.setObjectName("photos")
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(THUMB)
        self.list.setGridSize(QSize(THUMB.width() + 24, THUMB.height() + 48))
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setWordWrap(True)
        self.list.setMovement(QListWidget.Movement.Static)
        self.list.itemDoubleClicked.connect(lambda _: self.edit_caption())
        self.add_button = QPushButton("添加照片…")
        self.add_button.clicked.connect(self.choose_and_add)
        caption = QPushButton("修改说明…")
        caption.clicked.connect(self.edit_caption)
        remove = QPushButton("删除")
        remove.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        for b in (self.add_button, caption, remove):
            b.setEnabled(ctx.can_edit)
            buttons.addWidget(b)
        buttons.addStretch(1)
        hint = QLabel("照片会复制到数据文件夹保存；每张照片配一句说明，年度总结里用作图注。")
        hint.setProperty("role", "hint")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        service = self.ctx.ledger.activities
        self.list.clear()
        for photo in service.photos(**self.owner):
            item = QListWidgetItem(photo.caption or "（无说明）")
            item.setData(Qt.ItemDataRole.UserRole, photo.id)
            item.setIcon(QIcon(thumbnail(str(service.photo_file(photo)))))
            item.setToolTip(photo.caption)
            self.list.addItem(item)

    def choose_and_add(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "选择照片", "", IMAGE_FILTER)
        for path in files:
            caption, ok = QInputDialog.getText(self, "照片说明", f"为这张照片写一句说明：\n{path}")
            if not ok:
                break
            if not self.add(path, caption):
                break

    def add(self, path: str, caption: str) -> bool:
        try:
            self.ctx.ledger.activities.add_photo(path, caption, **self.owner)
        except LedgerError as exc:
            dialogs.show_error(self, exc, "无法添加照片")
            return False
        self.reload()
        self.ctx.bus.announce("photos", (), "create")
        return True

    def _current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def edit_caption(self) -> None:
        photo_id = self._current_id()
        if photo_id is None:
            return
        text, ok = QInputDialog.getText(
            self, "修改照片说明", "说明：", text=self.list.currentItem().text()
        )
        if ok:
            try:
                self.ctx.ledger.activities.set_caption(photo_id, text)
            except LedgerError as exc:
                dialogs.show_error(self, exc)
            self.reload()

    def remove(self) -> None:
        photo_id = self._current_id()
        if photo_id is not None and dialogs.ask(
            self, "删除照片", "删除所选照片？（移入回收站，可以恢复。）", yes="删除", no="取消"
        ):
            try:
                self.ctx.ledger.activities.delete_photo(photo_id)
            except LedgerError as exc:
                dialogs.show_error(self, exc)
            self.reload()
