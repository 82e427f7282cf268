"""活动台账 list and the activity window (category figures, photos with captions, 写入年度总结)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from desktop import dialogs
from desktop.context import AppContext
from desktop.forms.kinds import ActivityForm
from desktop.forms.record_dialog import RecordDialog
from desktop.models.record_lists import ActivityListModel
from desktop.screens.households import year_options
from desktop.widgets.list_screen import ListScreen
from desktop.widgets.photos import PhotoStrip
from desktop.widgets.record_list import FilterSpec
from models import vocab
from models.errors import LedgerError
from models.services import RecordQuery


class ActivitiesScreen(ListScreen):
    title = "活动台账"
    watched = frozenset({"activities", "import_batches"})
    export_kind = "activities"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            ActivityListModel(
                ctx.ledger.activities, RecordQuery(sort="start_date", descending=True)
            ),
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
            parent=parent,
        )
        self.list.open_requested.connect(self.open_activity)
        self.list.new_requested.connect(self.new_activity)
        self.list.add_bulk_action("写入年度总结", lambda ids: self.set_flag(ids, True)).setVisible(
            ctx.can_edit
        )
        self.list.add_bulk_action("不写入总结", lambda ids: self.set_flag(ids, False)).setVisible(
            ctx.can_edit
        )
        self.list.add_bulk_action("导出所选…", self.export_selected)
        self.enable_delete("activities", "活动", ctx.ledger.activities)

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
        self.announce_created("activities", row, f"已保存活动：{row.name}")

    def open_activity(self, activity_id: int) -> RecordDialog | None:
        return self.edit_in_dialog(
            "activities",
            self.ctx.ledger.activities,
            activity_id,
            self._form(),
            lambda row: f"{row.start_date} {row.name}",
            lambda: [("照片", PhotoStrip(self.ctx, {"activity_id": activity_id}))],
        )

    def set_flag(self, ids: list[int], flag: bool) -> None:
        try:
            for activity_id in ids:
                self.ctx.ledger.activities.update(activity_id, {"include_in_summary": flag})
        except LedgerError as exc:
            dialogs.show_error(self, exc)
        self.ctx.bus.announce("activities", tuple(ids))
