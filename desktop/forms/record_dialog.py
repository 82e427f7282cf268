"""The dialog around a record form: 保存 (Ctrl+S), 取消 (Esc, asks about unsaved changes), refusals."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs
from desktop.forms.record_form import RecordForm, as_text
from models.errors import ConcurrentEdit, DuplicatePerson, LedgerError
from models.fields import label_of


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == () or value is False


@runtime_checkable
class SavedWithDialog(Protocol):
    """An extra page with its own unsaved input (the 服务人次 grid): 保存 saves it, 取消 asks."""

    def is_dirty(self) -> bool: ...

    def check(self) -> bool: ...

    def save(self) -> bool: ...


class RecordDialog(QDialog):
    """Edit or create one record; `saved` carries the row the service returned."""

    saved = Signal(object)
    open_household = Signal(int)

    def __init__(
        self,
        form: RecordForm,
        *,
        title: str,
        create: Callable[[dict[str, Any]], Any] | None = None,
        update: Callable[[dict[str, Any], int | None], Any] | None = None,
        reload: Callable[[], Any] | None = None,
        row: Any = None,
        extra_pages: Sequence[tuple[str, QWidget]] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = form
        self.row = row
        self._create, self._update, self._reload = create, update, reload
        self.result_row: Any = None
        self._force: dict[str, Any] | None = None
        if row is not None:
            form.load(row)
        else:
            form.after_load()
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            "保存 (Ctrl+S)", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("save")
        self.cancel_button = buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.setAutoDefault(False)
        self.cancel_button.setAutoDefault(False)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        hint = QLabel("带 * 的为必填项。Tab 或回车到下一项，Ctrl+S 保存，Esc 取消。")
        hint.setProperty("role", "hint")
        self.saving_pages = [p for _, p in extra_pages if isinstance(p, SavedWithDialog)]
        layout = QVBoxLayout(self)
        if extra_pages:
            self.tabs = QTabWidget()
            self.tabs.addTab(form, "基本信息")
            for title_text, page in extra_pages:
                self.tabs.addTab(page, title_text)
            layout.addWidget(self.tabs, 1)
        else:
            layout.addWidget(form, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(900, 640)

    # ---- saving --------------------------------------------------------------------------

    def save(self) -> bool:
        form = self.form
        form.clear_refusal()
        bad = form.validate_all()
        if bad:
            form.banner.setText(f"有 {len(bad)} 处填写有误（已用红色标出），请修改后再保存。")
            form.banner.show()
            form.widgets[bad[0]].setFocus()
            return False
        pages = [p for p in self.saving_pages if p.is_dirty()]
        refused = next((p for p in pages if not p.check()), None)
        if refused is not None:
            self.tabs.setCurrentWidget(refused)
            return False
        try:
            if self.row is None:
                values = {f: v for f, v in form.values().items() if not _blank(v)}
                assert self._create is not None
                result = self._create(values)
            else:
                values = self._force or form.changed_values()
                if not values:
                    return self._save_pages(pages)
                assert self._update is not None
                result = self._update(values, getattr(self.row, "version", None))
        except DuplicatePerson as exc:
            form.show_refusal(exc)
            if dialogs.ask(
                self,
                "此人已有档案",
                exc.message + "\n\n现在打开该档案吗？",
                yes="打开该档案",
                no="留在这里",
            ):
                self.open_household.emit(exc.other_household_id)
            return False
        except ConcurrentEdit as exc:
            return self._resolve_conflict(exc)
        except LedgerError as exc:
            form.show_refusal(exc)
            return False
        except Exception as exc:  # noqa: BLE001 - the clerk gets a message, the log the details
            dialogs.show_error(self, exc)
            return False
        self.result_row = result
        self.saved.emit(result)
        form._set_dirty(False)
        return self._save_pages(pages)

    def _save_pages(self, pages: Sequence[SavedWithDialog]) -> bool:
        """The pages' input after the form's; a page that cannot save stays open, showing why."""
        for page in pages:
            if not page.save():
                self.tabs.setCurrentWidget(page)  # type: ignore[arg-type]
                return False
        self.accept()
        return True

    def is_dirty(self) -> bool:
        return self.form.is_dirty() or any(p.is_dirty() for p in self.saving_pages)

    def _resolve_conflict(self, exc: ConcurrentEdit) -> bool:
        current = self._reload() if self._reload else None
        if current is None:
            dialogs.warn(self, "记录已被修改", exc.message)
            return False
        choice = ConflictDialog(self.form, current, self).exec_choice()
        if choice == ConflictDialog.KEEP_MINE:
            self._force = self.form.changed_values()  # the same changes, on top of their version
            self.row = current
            try:
                return self.save()
            finally:
                self._force = None
        if choice == ConflictDialog.TAKE_THEIRS:
            self.row = current
            self.form.load(current)
            self.form.banner.setText("已载入对方保存的版本，您的修改已放弃。")
            self.form.banner.show()
        return False

    # ---- closing -------------------------------------------------------------------------

    def reject(self) -> None:
        if self.is_dirty():
            answer = dialogs.ask_three(
                self,
                "尚未保存",
                "您修改的内容还没有保存。要保存吗？",
                ("保存", "不保存", "继续编辑"),
            )
            if answer == 0:
                self.save()
                return
            if answer == 2:
                return
        super().reject()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.row is None:  # a new record: the clerk types at once, starting at the top
            self.form.focus_first()

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)


class ConflictDialog(QDialog):
    """Someone else saved first: both versions side by side, the clerk picks."""

    KEEP_MINE, TAKE_THEIRS, BACK = 0, 1, 2

    def __init__(self, form: RecordForm, current: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("记录已被其他人修改")
        self.choice = self.BACK
        mine = form.values()
        rows = []
        for field, value in mine.items():
            theirs = getattr(current, field, None)
            if as_text(value) != as_text(theirs if not isinstance(theirs, tuple) else theirs):
                rows.append((label_of(field, form.kind), _show(value), _show(theirs)))
        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("conflicts")
        self.table.setHorizontalHeaderLabels(["项目", "您填写的", "数据库中现在的"])
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox()
        keep = buttons.addButton("保留我的（覆盖对方）", QDialogButtonBox.ButtonRole.AcceptRole)
        take = buttons.addButton("采用对方的", QDialogButtonBox.ButtonRole.DestructiveRole)
        back = buttons.addButton("返回继续编辑", QDialogButtonBox.ButtonRole.RejectRole)
        keep.clicked.connect(lambda: self._pick(self.KEEP_MINE))
        take.clicked.connect(lambda: self._pick(self.TAKE_THEIRS))
        back.clicked.connect(lambda: self._pick(self.BACK))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("您打开这条记录后，又有人保存过。下面是两份不同之处："))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def _pick(self, choice: int) -> None:
        self.choice = choice
        self.accept()

    def exec_choice(self) -> int:
        self.exec()
        return self.choice


def _show(value: Any) -> str:
    if isinstance(value, tuple | list):
        return "、".join(map(str, value))
    if isinstance(value, bool):
        return "是" if value else "否"
    return as_text(value) or "（空）"
