"""困难职工档案 list: search, filters, new file, open the 一户一档 view, bulk status changes, export."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QWidget

from desktop import dialogs
from desktop.context import AppContext
from desktop.forms.kinds import HouseholdForm
from desktop.forms.record_dialog import RecordDialog
from desktop.forms.status_dialog import StatusDialog
from desktop.models.record_lists import HouseholdListModel
from desktop.widgets.list_screen import ListScreen
from desktop.widgets.record_list import FilterSpec
from models import lifecycle, vocab
from models.errors import LedgerError
from models.services import HouseholdQuery


def year_options() -> list[int]:
    this_year = dt.date.today().year
    return list(range(this_year, this_year - 12, -1))


class HouseholdsScreen(ListScreen):
    title = "困难职工档案"
    watched = frozenset({"households", "household_members", "assistance", "import_batches"})
    export_kind = "households"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            HouseholdListModel(ctx.ledger.households, HouseholdQuery()),
            settings_key="households",
            search_hint="搜索姓名、号码（可输后几位）、家庭成员",
            filters=(
                FilterSpec("township", "乡镇", ctx.townships),
                FilterSpec("status", "状态", lambda: lifecycle.STATUSES),
                FilterSpec("hardship_class", "类别", lambda: vocab.HARDSHIP_CLASSES),
                FilterSpec("year", "建档年度", year_options, lambda y: f"{y}年"),
            ),
            new_label="新建档案 (Ctrl+N)",
            parent=parent,
        )
        self.list.search.setToolTip(
            "可搜索户主和家庭成员的姓名、身份证号，以及手机号、档案编号、地址。\n"
            "输入3个及以上字符时，号码或姓名中间的部分也能找到（如身份证号后四位）；\n"
            "输入2个字时，找以它开头或结尾的姓名、号码（如只输名字“秀英”）。"
        )
        self.list.open_requested.connect(ctx.bus.open_household)
        self.list.new_requested.connect(self.new_household)
        self.lift_button = self.list.add_bulk_action(
            "标记脱困…", lambda ids: self.change_status(ids, lifecycle.LIFT)
        )
        self.close_button = self.list.add_bulk_action(
            "销档…", lambda ids: self.change_status(ids, lifecycle.CLOSE)
        )
        self.list.add_row_action("返困…", lambda ids: self.change_status(ids, lifecycle.RETURN))
        self.export_button = self.list.add_bulk_action("导出所选…", self.export_selected)
        for button in (self.lift_button, self.close_button):
            button.setVisible(ctx.can_edit)
        self.list.add_row_action("删除…", self.explain_no_delete)
        self.list.delete_requested.connect(self.explain_no_delete)

    # ---- actions -------------------------------------------------------------------------

    def new_household(self) -> RecordDialog:
        ledger = self.ctx.ledger
        year = dt.date.today().year
        form = HouseholdForm(
            townships=self.ctx.townships(), dibao=ledger.settings.dibao_standard(year)
        )
        dialog = RecordDialog(
            form, title="新建困难职工档案", create=ledger.households.create, parent=self
        )
        dialog.saved.connect(self._created)
        dialog.open_household.connect(self.ctx.bus.open_household)
        dialog.open()
        return dialog

    def explain_no_delete(self, ids: list[int]) -> None:
        """A file is never deleted (its history and aid stay on record): say what to do instead."""
        dialogs.inform(
            self,
            "档案不能删除",
            "困难职工档案不删除，帮扶和状态变化的记录要保留。"
            "不再帮扶的请用“销档…”，并写明原因（如“重复建档”“信息有误”）。",
        )

    def _created(self, row: Any) -> None:
        self.announce_created("households", row, f"已建档：{row.file_no} {row.name}")

    def change_status(self, ids: list[int], action: str) -> None:
        if not ids:
            return
        dialog = StatusDialog(action, count=len(ids), parent=self)
        while dialog.exec():
            choice = dialog.choice()
            try:
                self.ctx.ledger.households.change_status_many(
                    ids,
                    action,
                    date=choice.date,
                    reason=choice.reason,
                    route=choice.route,
                    reviewer=choice.reviewer,
                )
            except LedgerError as exc:
                which = getattr(exc, "household", None)
                prefix = f"档案 {which[0]}（{which[1]}）：" if which else ""
                dialog.show_problem(prefix + exc.message + "\n没有任何档案被修改。")
                continue
            except Exception as exc:  # noqa: BLE001
                dialogs.show_error(self, exc)
                return
            self.ctx.bus.announce("households", tuple(ids), "status")
            self.ctx.bus.status_message.emit(f"已对 {len(ids)} 户档案完成“{action}”。")
            return
