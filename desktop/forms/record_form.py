"""A record form built from models.kinds + models.vocab, judged field by field by models.normalize.

Each field gets the widget its rule calls for (drop-down for a fixed list, check list for multi-choice,
date picker, number with unit); as the clerk types, the field is checked with the same
`normalize_field` the services use and turns red with the Chinese reason under it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.forms import layouts
from desktop.widgets.inputs import CheckList, DateField, UnitLineEdit
from models import vocab
from models.errors import LedgerError
from models.kinds import KINDS, Type, masked_names
from models.normalize import RULES_BY_KIND, normalize_field
from models.validation import format_yuan

VALIDATE_DELAY_MS = 300
MASKERS = masked_names()  # personal-number fields (身份证号, 电话, 银行卡号) and how each is masked
BLANK = "（未选）"

FieldWidget = QWidget


def as_text(value: Any) -> str:
    """A stored value as the text a line edit shows."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_yuan(value).replace(",", "")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class RecordForm(QWidget):
    """The fields of one record kind in sections; `values()` gives raw input for the services."""

    dirty_changed = Signal(bool)
    field_changed = Signal(str)

    def __init__(
        self,
        kind: str,
        *,
        sections: Sequence[tuple[str, Sequence[str]]] | None = None,
        options: Mapping[str, Sequence[Any]] | None = None,
        columns: int = 2,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.spec = KINDS[kind]
        self.rules = RULES_BY_KIND[kind]
        self.options = dict(options or {})
        self.widgets: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.groups: list[QGroupBox] = []
        self._initial: dict[str, Any] = {}
        self.auto_filled: dict[str, Any] = {}  # values the form filled itself, replaced freely
        self._pending: set[str] = set()
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(VALIDATE_DELAY_MS)
        self._timer.timeout.connect(self._validate_pending)

        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setProperty("role", "error")
        self.banner.hide()
        # Personal numbers shown masked (see mask_numbers): field → (masked text, stored value).
        self._masked: dict[str, tuple[str, str]] = {}
        self._masking = False
        self._reveal: Callable[[], Any] | None = None
        self.mask_note = QLabel(
            "身份证号、电话、银行卡号已遮蔽；不改动则保持原号码，也可以整个重填。"
        )
        self.mask_note.setProperty("role", "hint")
        self.reveal_button = QPushButton("显示完整号码")
        self.reveal_button.setObjectName("reveal_numbers")
        self.reveal_button.setToolTip("在本表中显示完整号码（会记入操作日志）")
        self.reveal_button.clicked.connect(self.reveal_numbers)
        self.mask_bar = QWidget()
        mask_layout = QHBoxLayout(self.mask_bar)
        mask_layout.setContentsMargins(4, 0, 4, 0)
        mask_layout.addWidget(self.mask_note, 1)
        mask_layout.addWidget(self.reveal_button)
        self.mask_bar.hide()

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(4, 4, 4, 4)
        for title, fields in sections or layouts.SECTIONS[kind]:
            group = QGroupBox(title)
            grid = QGridLayout(group)
            grid.setHorizontalSpacing(10)
            grid.setVerticalSpacing(2)
            position = 0
            for field in fields:
                widget = self._make_widget(field)
                wide = self.spec[field].type in (Type.MULTI_CHOICE, Type.PROSE)
                if wide and position % columns:
                    position += columns - position % columns
                row, col = divmod(position, columns)
                label = QLabel(self._label_text(field))
                label.setBuddy(widget)
                error = QLabel()
                error.setObjectName(f"error_{field}")
                error.setProperty("role", "error")
                error.setWordWrap(True)
                error.hide()
                span = columns * 2 - 1 if wide else 1
                grid.addWidget(
                    label,
                    row * 2,
                    col * 2,
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                )
                grid.addWidget(widget, row * 2, col * 2 + 1, 1, span)
                grid.addWidget(error, row * 2 + 1, col * 2 + 1, 1, span)
                self.widgets[field], self.labels[field], self.errors[field] = widget, label, error
                position += columns if wide else 1
            for col in range(columns):
                grid.setColumnStretch(col * 2 + 1, 1)
            body_layout.addWidget(group)
            self.groups.append(group)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.mask_bar)
        layout.addWidget(scroll, 1)
        self._initial = self.values()

    # ---- building ------------------------------------------------------------------------

    def _label_text(self, field: str) -> str:
        spec = self.spec[field]
        return ("* " if spec.required else "") + spec.label + "："

    def _make_widget(self, field: str) -> QWidget:
        widget: QWidget
        spec = self.spec[field]
        if spec.type is Type.MULTI_CHOICE and spec.values:
            limit = vocab.MAX_SECONDARY_CAUSES if field == "secondary_causes" else None
            widget = CheckList(
                vocab.CHOICES[spec.values],
                columns=4 if field != "secondary_causes" else 3,
                max_checked=limit,
            )
            widget.changed.connect(lambda f=field: self._changed(f))
        elif spec.type is Type.BOOL:
            widget = QCheckBox()
            widget.toggled.connect(lambda _=False, f=field: self._changed(f))
        elif spec.type is Type.DATE:
            widget = DateField(optional=not spec.required)
            widget.dateChanged.connect(lambda _=None, f=field: self._changed(f))
        elif spec.type is Type.PROSE:
            widget = QPlainTextEdit()
            widget.setTabChangesFocus(True)
            widget.setFixedHeight(60 if field != "summary" else 96)
            widget.textChanged.connect(lambda f=field: self._changed(f))
        elif field == "township" or field in self.options:
            widget = QComboBox()
            widget.setEditable(field == "township")
            if field == "township":
                widget.addItems([""] + [str(o) for o in self.options.get(field, ())])
                widget.lineEdit().setPlaceholderText("选择或输入乡镇(街道)")
                widget.currentTextChanged.connect(lambda _="", f=field: self._changed(f))
            else:
                widget.addItem(BLANK, None)
                for value, text in self.options[field]:
                    widget.addItem(text, value)
                widget.currentIndexChanged.connect(lambda _=0, f=field: self._changed(f))
        elif spec.type is Type.CHOICE and spec.values:
            widget = QComboBox()
            widget.addItem(BLANK, None)
            for option in vocab.CHOICES[spec.values]:
                widget.addItem(option, option)
            widget.setMaxVisibleItems(20)
            widget.currentIndexChanged.connect(lambda _=0, f=field: self._changed(f))
        elif spec.shown_unit:
            widget = UnitLineEdit(spec.shown_unit)
            widget.textChanged.connect(lambda _="", f=field: self._changed(f))
            widget.editingFinished.connect(lambda f=field: self.validate_field(f))
        else:
            widget = QLineEdit()
            widget.textChanged.connect(lambda _="", f=field: self._changed(f))
            widget.editingFinished.connect(lambda f=field: self.validate_field(f))
        widget.setObjectName(f"field_{field}")
        widget.setSizePolicy(QSizePolicy.Policy.Expanding, widget.sizePolicy().verticalPolicy())
        widget.installEventFilter(self)
        if isinstance(widget, UnitLineEdit):
            widget.edit.installEventFilter(self)
        if isinstance(widget, QComboBox) and widget.isEditable():
            widget.lineEdit().installEventFilter(self)
        return widget

    # ---- values --------------------------------------------------------------------------

    def raw(self, field: str) -> Any:
        w = self.widgets[field]
        if isinstance(w, CheckList | DateField):
            return w.value()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QComboBox):
            return w.currentText().strip() if w.isEditable() else w.currentData()
        return w.text()  # type: ignore[attr-defined]

    def set_raw(self, field: str, value: Any) -> None:
        w = self.widgets[field]
        w.blockSignals(True)
        try:
            if isinstance(w, CheckList):
                w.set_value(value)
            elif isinstance(w, DateField):
                w.set_value(value)
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            elif isinstance(w, QPlainTextEdit):
                w.setPlainText(as_text(value))
            elif isinstance(w, QComboBox):
                if w.isEditable():
                    w.setCurrentText(as_text(value))
                else:
                    position = w.findData(value)
                    if position < 0 and value not in (None, ""):
                        w.addItem(str(value), value)  # a legacy value still shows
                        position = w.count() - 1
                    w.setCurrentIndex(max(position, 0))
            else:
                w.setText(as_text(value))  # type: ignore[attr-defined]
        finally:
            w.blockSignals(False)
        self.show_error(field, None)

    def values(self) -> dict[str, Any]:
        return {field: self.raw(field) for field in self.widgets}

    def changed_values(self) -> dict[str, Any]:
        """Only what the clerk changed since `load` (an update touches nothing else)."""
        return {f: v for f, v in self.values().items() if v != self._initial.get(f)}

    def load(self, row: Any | Mapping[str, Any]) -> None:
        for field in self.widgets:
            value = row.get(field) if isinstance(row, Mapping) else getattr(row, field, None)
            self.set_raw(field, value)
        self._initial = self.values()
        self._masked = {}
        if self._masking:
            self._apply_mask()  # reloaded (another clerk saved): still masked
        self._set_dirty(False)
        self.banner.hide()

    def focus_first(self) -> None:
        """Focus the first field the clerk can type in (the form's top left)."""
        for widget in self.widgets.values():
            if widget.isVisibleTo(self) and widget.isEnabled():
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    # ---- personal numbers ----------------------------------------------------------------

    def mask_numbers(self, reveal: Callable[[], Any] | None) -> None:
        """Show the loaded personal numbers masked. Left as shown, a number keeps its stored
        value (it is not among the changes); typed over, the new number is saved. `reveal`, for
        roles that may see full numbers, records the showing in the log (raising if refused)."""
        self._masking, self._reveal = True, reveal
        self._apply_mask()

    def _apply_mask(self) -> None:
        for field, mask in MASKERS.items():
            full = self._initial.get(field) if field in self.widgets else None
            if not full:
                continue
            shown = mask(full)
            self.set_raw(field, shown)
            self._initial[field] = shown
            self._masked[field] = (shown, full)
        self.mask_bar.setVisible(bool(self._masked))
        self.reveal_button.setVisible(self._reveal is not None)

    def reveal_numbers(self) -> bool:
        """Put the full numbers in (audited first, so a refusal shows nothing)."""
        if self._reveal is None:
            return False
        try:
            self._reveal()
        except Exception as exc:  # noqa: BLE001 - refused or not recorded: stay masked, say why
            from desktop import dialogs

            dialogs.show_error(self, exc, "无法显示完整号码")
            return False
        for field, (shown, full) in self._masked.items():
            if self.raw(field) == shown:
                self.set_raw(field, full)
            self._initial[field] = full
        self._masked, self._masking = {}, False
        self.mask_bar.hide()
        self._set_dirty(self.values() != self._initial)
        return True

    def after_load(self) -> None:
        """Kind-specific widget states after loading (overridden by the kind forms)."""

    def is_dirty(self) -> bool:
        return self._dirty

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    # ---- validation ----------------------------------------------------------------------

    def _changed(self, field: str) -> None:
        self._set_dirty(self.values() != self._initial)
        self._pending.add(field)
        self._timer.start()
        self.field_changed.emit(field)

    def _validate_pending(self) -> None:
        pending, self._pending = self._pending, set()
        for field in pending:
            self.validate_field(field)

    def validate_field(self, field: str) -> bool:
        """Judge one field as saving would; mark it and say why when it is wrong."""
        if field not in self.rules:
            return True
        if field in self._masked and self.raw(field) == self._masked[field][0]:
            self.show_error(field, None)  # left masked: the stored number stays
            return True
        try:
            normalize_field(self.kind, field, self.raw(field))
        except LedgerError as exc:
            self.show_error(field, exc.message)
            return False
        self.show_error(field, None)
        return True

    def validate_all(self) -> list[str]:
        self._timer.stop()
        self._pending.clear()
        return [f for f in self.widgets if not self.validate_field(f)]

    def show_error(self, field: str, message: str | None) -> None:
        widget, label = self.widgets.get(field), self.errors.get(field)
        if widget is None or label is None:
            return
        target = widget.edit if isinstance(widget, UnitLineEdit) else widget
        target.setProperty("invalid", bool(message))
        target.style().unpolish(target)
        target.style().polish(target)
        label.setText(message or "")
        label.setVisible(bool(message))

    def error_text(self, field: str) -> str:
        label = self.errors[field]
        return label.text() if not label.isHidden() else ""

    def show_refusal(self, exc: LedgerError) -> None:
        """The services refused: the banner says why, the named fields turn red."""
        problems = [exc, *getattr(exc, "others", [])]
        for problem in problems:
            if problem.field in self.widgets:
                self.show_error(problem.field, problem.message)
        self.banner.setText(
            exc.message
            if len(problems) == 1
            else f"{exc.message}\n（另有 {len(problems) - 1} 处需要修改，已用红色标出。）"
        )
        self.banner.show()
        first = next((p.field for p in problems if p.field in self.widgets), None)
        if first:
            self.widgets[first].setFocus()

    def clear_refusal(self) -> None:
        self.banner.hide()

    def set_field_visible(self, field: str, visible: bool) -> None:
        for part in (self.widgets.get(field), self.labels.get(field)):
            if part is not None:
                part.setVisible(visible)
        if not visible and field in self.errors:
            self.errors[field].hide()

    # ---- keyboard ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and not isinstance(watched, QPlainTextEdit)
        ):
            # Enter moves on like Tab: clerks type a paper form top to bottom.
            if (
                isinstance(watched, QComboBox)
                and not watched.isEditable()
                and watched.view().isVisible()
            ):
                return False
            self.focusNextChild()
            return True
        return super().eventFilter(watched, event)


def choice_options(pairs: Sequence[tuple[Any, str]]) -> list[tuple[Any, str]]:
    return list(pairs)


Saver = Callable[[dict[str, Any]], Any]
