"""活动台账 list and the activity window (category figures, photos with captions, 写入年度总结)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop import dialogs
from desktop.context import AppContext
from desktop.events import Changed
from desktop.forms.kinds import ActivityForm
from desktop.forms.record_dialog import RecordDialog
from desktop.models.record_lists import ActivityListModel
from desktop.screens.households import year_options
from desktop.widgets.photos import PhotoStrip
from desktop.widgets.record_list import FilterSpec, RecordList
from models import vocab
from models.errors import LedgerError
from models.services import RecordQuery


class ActivitiesScreen(QWidget):
    title = "活动台账"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = ActivityListModel(
            ctx.ledger.activities, RecordQuery(sort="start_date", descending=True)
        )
        self.list = RecordList(
            self.model,
            settings_key="activities",
            search_hint="搜索活动名称、主办单位、地点或摘要",
            filters=(
                FilterSpec("township", "乡镇", ctx.townships),
                FilterSpec("kind_filter", "类别", lambda: vocab.ACTIVITY_CATEGORIES),
                FilterSpec("year", "年度", year_options, lambda y: f"{y}年"),
                FilterSpec(
                    "flag", "写入总结", lambda: (True, False), lambda f: "是" if f else "否"
                ),
            ),
            new_label="新建活动 (Ctrl+N)",
        )
        self.list.open_requested.connect(self.open_activity)
        self.list.new_requested.connect(self.new_activity)
        if self.list.new_button is not None:
            self.list.new_button.setEnabled(ctx.can_edit)
        self.list.add_bulk_action("写入年度总结", lambda ids: self.set_flag(ids, True)).setVisible(
            ctx.can_edit
        )
        self.list.add_bulk_action("不写入总结", lambda ids: self.set_flag(ids, False)).setVisible(
            ctx.can_edit
        )
        self.list.add_bulk_action("导出所选…", self.export_selected)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        self._loaded = False
        ctx.bus.changed.connect(self._on_changed)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        self.ensure_loaded()
        super().showEvent(event)

    def ensure_loaded(self) -> None:
        if not self._loaded:
            self._loaded = True
            self.model.set_query(self.model.query)
            self.list.update_counts()

    def _on_changed(self, change: Changed) -> None:
        if change.entity in ("townships", "settings"):
            self.list.reload_filter_options()
        if self._loaded and change.entity in ("activities", "import_batches"):
            self.list.refresh()

    def _form(self) -> ActivityForm:
        return ActivityForm(townships=self.ctx.townships(), stations=self.ctx.station_choices())

    def new_activity(self) -> RecordDialog:
        dialog = RecordDialog(
            self._form(), title="新建活动", create=self.ctx.ledger.activities.create, parent=self
        )
        dialog.saved.connect(self._created)
        dialog.open()
        return dialog

    def _created(self, row: Any) -> None:
        self.ctx.bus.announce("activities", (row.id,), "create")
        self.list.select_id(row.id)
        self.ctx.bus.status_message.emit(f"已保存活动：{row.name}")

    def open_activity(self, activity_id: int) -> RecordDialog | None:
        service = self.ctx.ledger.activities
        try:
            row = service.get(activity_id)
        except LedgerError as exc:
            dialogs.show_error(self, exc)
            return None
        dialog = RecordDialog(
            self._form(),
            title=f"{row.start_date} {row.name}",
            row=row,
            update=lambda values, version: service.update(
                activity_id, values, expected_version=version
            ),
            reload=lambda: service.get(activity_id),
            extra_pages=[("照片", PhotoStrip(self.ctx, {"activity_id": activity_id}))],
            parent=self,
        )
        dialog.save_button.setEnabled(self.ctx.can_edit)
        dialog.saved.connect(lambda r: self.ctx.bus.announce("activities", (r.id,)))
        dialog.open()
        return dialog

    def set_flag(self, ids: list[int], flag: bool) -> None:
        try:
            for activity_id in ids:
                self.ctx.ledger.activities.update(activity_id, {"include_in_summary": flag})
        except LedgerError as exc:
            dialogs.show_error(self, exc)
        self.ctx.bus.announce("activities", tuple(ids))

    def export_selected(self, ids: list[int]) -> None:
        from desktop.screens.export_dialog import ExportDialog

        ExportDialog(self.ctx, kind="activities", ids=ids, parent=self).open()
