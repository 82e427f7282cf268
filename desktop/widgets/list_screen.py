"""The screen every record list shares: loads on first show, follows changes and the 显示完整号码 switch."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop import dialogs
from desktop.context import AppContext
from desktop.events import PRIVACY, Changed
from desktop.models.lazy_table import LazyTableModel
from desktop.widgets.record_list import FilterSpec, RecordList
from models.errors import LedgerError

if TYPE_CHECKING:
    from desktop.forms.record_dialog import RecordDialog
    from desktop.forms.record_form import RecordForm

# Changes that alter the filters' drop-down options (the township list).
FILTER_SOURCES = frozenset({"townships", "settings"})


class ListScreen(QWidget):
    """One RecordList filling the screen; subclasses add their actions and forms.

    The first search runs when the screen is first shown (start-up pays only for what is seen);
    afterwards the list refreshes when the bus announces a change to one of `watched`.
    """

    title = ""
    watched: frozenset[str] = frozenset()
    export_kind = ""  # ExportDialog kind for 导出所选…

    def __init__(
        self,
        ctx: AppContext,
        model: LazyTableModel,
        *,
        settings_key: str,
        search_hint: str,
        filters: Sequence[FilterSpec] = (),
        new_label: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = model
        model.unmasked = ctx.unmasked
        self.list = RecordList(
            model,
            settings_key=settings_key,
            search_hint=search_hint,
            filters=filters,
            new_label=new_label,
        )
        if self.list.new_button is not None:
            self.list.new_button.setEnabled(ctx.can_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        self._loaded = False
        ctx.bus.changed.connect(self._on_changed)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        self.ensure_loaded()
        super().showEvent(event)

    def ensure_loaded(self) -> None:
        if not self._loaded:
            self._loaded = True
            self.model.set_query(self.model.query)
            self.list.update_counts()

    def _on_changed(self, change: Changed) -> None:
        if change.entity == PRIVACY:
            self.model.set_unmasked(self.ctx.unmasked)
            return
        if change.entity in FILTER_SOURCES:
            self.list.reload_filter_options()
        if self._loaded and change.entity in self.watched:
            self.list.refresh()

    # ---- shared actions ------------------------------------------------------------------

    def announce_created(self, entity: str, row: Any, message: str) -> None:
        """A form saved a new record: tell every view, select it here, say so in the status bar."""
        self.ctx.bus.announce(entity, (row.id,), "create")
        self.list.select_id(row.id)
        self.ctx.bus.status_message.emit(message)

    def edit_in_dialog(
        self,
        entity: str,
        service: Any,
        record_id: int,
        form: RecordForm,
        title: Callable[[Any], str],
        extra_pages: Callable[[], Sequence[tuple[str, QWidget]]] = lambda: (),
    ) -> RecordDialog | None:
        """Open one record's form (read-only for roles that may not edit); None if it is gone."""
        from desktop.forms.record_dialog import RecordDialog

        try:
            row = service.get(record_id)
        except LedgerError as exc:
            dialogs.show_error(self, exc)
            return None
        dialog = RecordDialog(
            form,
            title=title(row),
            row=row,
            update=lambda values, version: service.update(
                record_id, values, expected_version=version
            ),
            reload=lambda: service.get(record_id),
            extra_pages=list(extra_pages()),
            parent=self,
        )
        dialog.save_button.setEnabled(self.ctx.can_edit)
        dialog.saved.connect(lambda r: self.ctx.bus.announce(entity, (r.id,)))
        dialog.open()
        return dialog

    def enable_delete(self, entity: str, what: str, service: Any) -> None:
        """A 删除… button, menu entry and the Delete key, for editors; records go to the bin."""
        self._deleting = (entity, what, service)
        self.list.add_bulk_action("删除…", self.delete_selected).setVisible(self.ctx.can_edit)
        self.list.delete_requested.connect(self.delete_selected)

    def delete_selected(self, ids: list[int]) -> None:
        """Ask, naming the records (取消 is the default), then move them all to the bin."""
        entity, what, service = self._deleting
        if not ids or not self.ctx.can_edit:
            return
        shown = 5
        names = "、".join(f"“{n}”" for n in self.ctx.ledger.recycle.labels(entity, ids[:shown]))
        more = f"等 {len(ids):,} 个" if len(ids) > shown else ""
        if not dialogs.ask(
            self,
            "删除",
            f"把{what}{names}{more}移入回收站？\n（可以在“回收站”中恢复。）",
            yes="删除",
            no="取消",
            safe=True,
        ):
            return
        try:
            service.delete_many(ids)
        except LedgerError as exc:
            dialogs.show_error(self, exc, "未删除")
            return
        self.ctx.bus.announce(entity, tuple(ids), "delete")
        self.ctx.bus.status_message.emit(f"已把 {len(ids):,} 个{what}移入回收站。")

    def export_selected(self, ids: list[int]) -> None:
        from desktop.screens.export_dialog import ExportDialog

        ExportDialog(self.ctx, kind=self.export_kind, ids=ids, parent=self).open()
