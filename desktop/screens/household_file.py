"""The 一户一档 view: the head's data, members, assistance with yearly totals, status timeline, income."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs, save_folder
from desktop.context import AppContext
from desktop.events import PRIVACY, Changed
from desktop.forms.kinds import HouseholdForm, assistance_form, member_form
from desktop.forms.record_dialog import RecordDialog
from desktop.forms.status_dialog import StatusDialog
from desktop.models.lazy_table import display
from desktop.tasks import run_task
from desktop.widgets.tables import read_only_table
from models import lifecycle
from models.errors import LedgerError
from models.fields import ASSISTANCE_FIELDS, HOUSEHOLD_FIELDS, MEMBER_FIELDS, STATUS_CHANGE_FIELDS
from models.masking import mask_bank_card, mask_id_number, mask_phone
from models.rows import HouseholdDetail
from models.validation import format_yuan

HEAD_FIELDS = tuple(f for f in HOUSEHOLD_FIELDS if f not in ("secondary_causes",))
MEMBER_COLUMNS = (
    "name",
    "relation",
    "id_number",
    "gender",
    "birth_date",
    "health",
    "monthly_income",
    "identity",
    "school",
    "grade",
)
AID_COLUMNS = (
    "date",
    "category",
    "cash",
    "goods",
    "goods_value",
    "funding_source",
    "operator",
    "remarks",
)
HISTORY_COLUMNS = (
    "date",
    "action",
    "from_status",
    "to_status",
    "reason",
    "route",
    "operator",
    "reviewer",
)


def _fill(
    table: QTableWidget,
    rows: Sequence[Any],
    columns: Sequence[str],
    render: Callable[[Any, str], str] | None = None,
) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, column in enumerate(columns):
            text = render(row, column) if render else display(getattr(row, column))
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            if isinstance(getattr(row, column, None), Decimal):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


class HouseholdFileView(QDialog):
    """One household's whole file in a window of its own (several can be open side by side)."""

    def __init__(self, ctx: AppContext, household_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        self.ctx = ctx
        self.household_id = household_id
        self.detail: HouseholdDetail | None = None

        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.heading.setProperty("role", "title")
        self.status_badge = QLabel()
        self.status_badge.setObjectName("status_badge")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.edit_button = QPushButton("编辑档案…")
        self.edit_button.clicked.connect(self.edit_household)
        self.status_buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        actions.addWidget(self.edit_button)
        for transition in lifecycle.TRANSITIONS:
            button = QPushButton(transition.button + "…")
            button.setObjectName(f"action_{transition.action}")
            button.clicked.connect(lambda _=False, a=transition.action: self.change_status(a))
            self.status_buttons[transition.action] = button
            actions.addWidget(button)
        actions.addStretch(1)
        self.print_button = QPushButton("打印一户一档封面 (PDF)…")
        self.print_button.setObjectName("print_cover")
        self.print_button.clicked.connect(self.print_cover_sheet)
        actions.addWidget(self.print_button)

        self.tabs = QTabWidget()
        self.head_grid = QGridLayout()
        head_page = QWidget()
        head_layout = QVBoxLayout(head_page)
        head_layout.addLayout(self.head_grid)
        head_layout.addStretch(1)
        self.tabs.addTab(head_page, "户主信息")

        self.members = read_only_table(
            [MEMBER_FIELDS[c] for c in MEMBER_COLUMNS], select_rows=True, fit_contents=True
        )
        self.members.setObjectName("members")
        self.members.doubleClicked.connect(lambda _: self.edit_member())
        self.tabs.addTab(
            self._with_buttons(
                self.members,
                (
                    ("添加成员…", self.add_member),
                    ("修改…", self.edit_member),
                    ("移除", self.remove_member),
                ),
            ),
            "家庭成员",
        )

        self.aid = read_only_table(
            [ASSISTANCE_FIELDS[c] for c in AID_COLUMNS], select_rows=True, fit_contents=True
        )
        self.aid.setObjectName("assistance")
        self.aid.doubleClicked.connect(lambda _: self.edit_assistance())
        self.aid_totals = QLabel()
        self.aid_totals.setObjectName("aid_totals")
        self.aid_totals.setWordWrap(True)
        aid_page = self._with_buttons(
            self.aid,
            (
                ("登记帮扶…", self.add_assistance),
                ("修改…", self.edit_assistance),
                ("删除", self.remove_assistance),
            ),
        )
        aid_page.layout().insertWidget(0, self.aid_totals)
        self.tabs.addTab(aid_page, "帮扶记录")

        self.history = read_only_table(
            [STATUS_CHANGE_FIELDS[c] for c in HISTORY_COLUMNS], select_rows=True, fit_contents=True
        )
        self.history.setObjectName("history")
        self.tabs.addTab(self.history, "状态变更")

        self.income = QLabel()
        self.income.setObjectName("income")
        self.income.setWordWrap(True)
        self.income.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.income.setTextFormat(Qt.TextFormat.RichText)
        self.tabs.addTab(self.income, "收入核算")

        self.checks = read_only_table(
            ["日期", "事项", "核查人/经办人", "方式", "结果", "说明"], select_rows=True
        )
        self.checks.setObjectName("reviews_and_follow_ups")
        for column, width in enumerate((90, 90, 110, 60, 110)):
            self.checks.horizontalHeader().resizeSection(column, width)
        checks_page = self._with_buttons(
            self.checks,
            (("记录核查…", self.record_review), ("记录防返困回访…", self.record_follow_up)),
        )
        self.tabs.addTab(checks_page, "核查与回访")

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.status_badge)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)
        self.resize(1040, 660)
        ctx.bus.changed.connect(self._on_changed)
        self.reload()

    def _with_buttons(
        self, table: QTableWidget, buttons: Sequence[tuple[str, Callable[[], Any]]]
    ) -> QWidget:
        page = QWidget()
        row = QHBoxLayout()
        for text, handler in buttons:
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, h=handler: h())
            button.setProperty("edits", True)
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(table, 1)
        layout.addLayout(row)
        return page

    # ---- showing -------------------------------------------------------------------------

    def reload(self) -> None:
        try:
            self.detail = self.ctx.ledger.households.detail(self.household_id)
        except LedgerError as exc:
            dialogs.warn(self, "无法打开档案", exc.message)
            self.close()
            return
        d = self.detail
        h = d.household
        self.setWindowTitle(f"一户一档 — {h.file_no} {h.name}")
        self.heading.setText(f"{h.name}　{h.file_no}")
        self.status_badge.setText(h.status)
        self.status_badge.setProperty("status", h.status)
        self.status_badge.style().unpolish(self.status_badge)
        self.status_badge.style().polish(self.status_badge)
        causes = h.main_cause + (
            f"（另有{'、'.join(h.secondary_causes)}）" if h.secondary_causes else ""
        )
        self.summary.setText(
            f"{h.township}　{h.hardship_class}　致困原因：{causes}　家庭人口 {h.family_size} 人　"
            f"建档日期 {h.filed_date.isoformat()}"
        )
        closed = h.status == lifecycle.CLOSED
        editable = self.ctx.can_edit and not closed
        self.edit_button.setEnabled(editable)
        allowed = {t.action for t in lifecycle.allowed_from(h.status)}
        for action, button in self.status_buttons.items():
            button.setEnabled(self.ctx.can_edit and action in allowed)
        for button in self.findChildren(QPushButton):
            if button.property("edits"):
                button.setEnabled(editable)
        self._fill_head(h)
        unmask = self.ctx.unmasked
        self.print_button.setToolTip(
            "封面上的身份证号、电话和银行卡号"
            + ("将完整打印（会记入操作日志）。" if unmask else "已遮蔽。")
            + "可用菜单“查看 → 显示完整号码”切换（需管理员权限）。"
        )
        _fill(
            self.members,
            d.members,
            MEMBER_COLUMNS,
            lambda r, c: (
                (r.id_number or "")
                if c == "id_number" and unmask
                else mask_id_number(r.id_number)
                if c == "id_number"
                else display(getattr(r, c))
            ),
        )
        self.tabs.setTabText(1, f"家庭成员（{len(d.members)}）")
        _fill(self.aid, d.assistance, AID_COLUMNS)
        self.tabs.setTabText(2, f"帮扶记录（{len(d.assistance)}）")
        totals = d.assistance_by_year()
        self.aid_totals.setText(
            "历年帮扶合计：" + "；".join(f"{y}年 {format_yuan(t)} 元" for y, t in totals.items())
            if totals
            else "尚无帮扶记录。"
        )
        _fill(self.history, d.history, HISTORY_COLUMNS)
        self._fill_checks()
        a = d.assessment
        dibao = (
            f"{format_yuan(a.dibao_standard)} 元/月" if a.dibao_standard is not None else "未设置"
        )
        self.income.setText(
            f"<p><b>{a.year}年收入核算</b></p>"
            f"<p>家庭年总收入 {_yuan_or_blank(h.family_annual_income)}，年刚性支出 "
            f"{_yuan_or_blank(h.annual_rigid_expense)}，家庭人口 {h.family_size} 人。</p>"
            f"<p>家庭月人均收入：<b>{format_yuan(a.per_capita_monthly)} 元</b>"
            f"　　{a.year}年低保标准：<b>{dibao}</b></p>"
            f"<p>建议类别：<b>{a.suggested_class or '—'}</b>　当前类别：<b>{h.hardship_class}</b></p>"
            f"<p>{a.explanation}</p>"
        )

    def _fill_checks(self) -> None:
        """核查 and follow-ups together, newest first."""
        reviews = self.ctx.ledger.reviews
        rows = [
            (r.date, "核查", r.reviewer, "", r.result, r.note or "")
            for r in reviews.reviews(self.household_id)
        ] + [
            (f.date, "防返困回访", f.operator, f.way, f.result, f.note or "")
            for f in reviews.follow_ups(self.household_id)
        ]
        rows.sort(key=lambda row: row[0], reverse=True)
        self.checks.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.checks.setItem(r, c, QTableWidgetItem(display(value)))
        self.tabs.setTabText(5, f"核查与回访（{len(rows)}）")

    def record_review(self, values: dict[str, Any] | None = None) -> bool:
        from desktop.screens.review_dialogs import ReviewDialog

        h = self.detail.household
        if values is None:
            dialog = ReviewDialog(
                f"档案 {h.file_no}（户主 {h.name}）：记录一次核查，最近核查日期随之更新。",
                self.ctx.ledger.actor.name,
                self,
            )
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            values = dialog.values()
        try:
            self.ctx.ledger.reviews.record_review([h.id], **values)
        except LedgerError as exc:
            dialogs.show_error(self, exc, "核查未记录")
            return False
        self.ctx.bus.announce("households", (h.id,), "update")
        return True

    def record_follow_up(self, values: dict[str, Any] | None = None) -> bool:
        """A 防返困 follow-up; 已返困 offers the 返困 (the clerk decides)."""
        from desktop.screens.review_dialogs import FollowUpDialog

        h = self.detail.household
        if values is None:
            dialog = FollowUpDialog(f"档案 {h.file_no}（户主 {h.name}），{h.status}。", self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            values = dialog.values()
        ledger = self.ctx.ledger
        try:
            ledger.reviews.add_follow_up(h.id, **values)
            if values["result"] == "已返困" and dialogs.ask(
                self,
                "办理返困",
                f"回访发现 {h.name} 家已返困。现在把档案 {h.file_no} 恢复为“在档”吗？",
                yes="办理返困",
                no="以后再说",
            ):
                note = values.get("note")
                ledger.households.change_status(
                    h.id,
                    lifecycle.RETURN,
                    date=values["date"],
                    reason="防返困回访发现已返困" + (f"：{note}" if note else ""),
                )
        except LedgerError as exc:
            dialogs.show_error(self, exc, "回访未记录")
            return False
        self.ctx.bus.announce("households", (h.id,), "update")
        return True

    def _fill_head(self, h: Any) -> None:
        while self.head_grid.count():
            widget = self.head_grid.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.setParent(None)  # gone from the view now, freed by Qt later
                widget.deleteLater()
        unmask = self.ctx.unmasked
        shown = {
            "id_number": h.id_number if unmask else mask_id_number(h.id_number),
            "phone": (h.phone or "") if unmask else mask_phone(h.phone),
            "bank_card": (h.bank_card or "") if unmask else mask_bank_card(h.bank_card),
        }
        fields = [f for f in HEAD_FIELDS if f not in ("remarks",)]
        per_column = (len(fields) + 2) // 3
        for i, field in enumerate(fields):
            value = shown.get(field, display(getattr(h, field, None)))
            col, row = divmod(i, per_column)
            label = QLabel(HOUSEHOLD_FIELDS[field] + "：")
            label.setProperty("role", "hint")
            text = QLabel(value or "—")
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.head_grid.addWidget(label, row, col * 2, Qt.AlignmentFlag.AlignRight)
            self.head_grid.addWidget(text, row, col * 2 + 1)
        if h.remarks:
            remark = QLabel("备注：" + h.remarks)
            remark.setWordWrap(True)
            self.head_grid.addWidget(remark, per_column, 0, 1, 6)

    def _on_changed(self, change: Changed) -> None:
        if change.entity == PRIVACY:
            self.reload()
            return
        if change.entity in (
            "households",
            "household_members",
            "assistance",
            "dibao_standards",
        ) and (not change.ids or self.household_id in change.ids or change.entity != "households"):
            self.reload()

    # ---- editing -------------------------------------------------------------------------

    def edit_household(self) -> RecordDialog:
        ledger = self.ctx.ledger
        assert self.detail is not None
        form = HouseholdForm(
            townships=self.ctx.townships(),
            dibao=ledger.settings.dibao_standard(dt.date.today().year),
        )
        dialog = RecordDialog(
            form,
            title=f"编辑档案 {self.detail.household.file_no}",
            row=self.detail.household,
            update=lambda values, version: ledger.households.update(
                self.household_id, values, expected_version=version
            ),
            reload=lambda: ledger.households.get(self.household_id),
            parent=self,
        )
        self._mask_in(form, f"编辑档案 {self.detail.household.file_no}")
        dialog.saved.connect(lambda row: self.ctx.bus.announce("households", (row.id,)))
        dialog.open_household.connect(self.ctx.bus.open_household)
        dialog.open()
        return dialog

    def _mask_in(self, form: Any, what: str) -> None:
        """Personal numbers masked in an edit form unless 显示完整号码 is on; a role that may
        unmask can show them there, which is logged like the switch."""
        if self.ctx.unmasked:
            return
        privacy = self.ctx.ledger.privacy
        form.mask_numbers(
            (lambda: privacy.audit_unmasked(f"{what}：显示完整号码", use="view"))
            if self.ctx.can_unmask
            else None
        )

    def change_status(self, action: str) -> None:
        assert self.detail is not None
        h = self.detail.household
        dialog = StatusDialog(action, subject=f"档案 {h.file_no}（{h.name}）", parent=self)
        while dialog.exec():
            c = dialog.choice()
            try:
                self.ctx.ledger.households.change_status(
                    self.household_id,
                    action,
                    date=c.date,
                    reason=c.reason,
                    route=c.route,
                    reviewer=c.reviewer,
                    expected_version=h.version,
                )
            except LedgerError as exc:
                dialog.show_problem(exc.message)
                continue
            self.ctx.bus.announce("households", (self.household_id,), "status")
            return

    def _selected(self, table: QTableWidget) -> int | None:
        items = table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def add_member(self) -> RecordDialog:
        hs = self.ctx.ledger.households
        dialog = RecordDialog(
            member_form(),
            title="添加家庭成员",
            create=lambda values: hs.add_member(self.household_id, values),
            parent=self,
        )
        dialog.saved.connect(
            lambda row: self.ctx.bus.announce("household_members", (row.id,), "create")
        )
        dialog.open_household.connect(self.ctx.bus.open_household)
        dialog.open()
        return dialog

    def edit_member(self) -> RecordDialog | None:
        member_id = self._selected(self.members)
        if member_id is None or self.detail is None:
            return None
        row = next(m for m in self.detail.members if m.id == member_id)
        hs = self.ctx.ledger.households
        dialog = RecordDialog(
            member_form(),
            title=f"修改家庭成员 {row.name}",
            row=row,
            update=lambda values, version: hs.update_member(
                member_id, values, expected_version=version
            ),
            parent=self,
        )
        self._mask_in(dialog.form, f"修改家庭成员 {row.name}")
        dialog.saved.connect(lambda r: self.ctx.bus.announce("household_members", (r.id,)))
        dialog.open_household.connect(self.ctx.bus.open_household)
        dialog.open()
        return dialog

    def remove_member(self) -> None:
        member_id = self._selected(self.members)
        if member_id is None or self.detail is None:
            return
        row = next(m for m in self.detail.members if m.id == member_id)
        if not dialogs.ask(
            self,
            "移除家庭成员",
            f"把“{row.name}”移出该户？\n（移入回收站，可以恢复。）",
            yes="移除",
            no="取消",
        ):
            return
        try:
            self.ctx.ledger.households.remove_member(member_id)
        except LedgerError as exc:
            dialogs.show_error(self, exc)
            return
        self.ctx.bus.announce("household_members", (member_id,), "delete")

    def add_assistance(self) -> RecordDialog:
        hs = self.ctx.ledger.households
        form = assistance_form(self.ctx.ledger.actor.name)
        dialog = RecordDialog(
            form,
            title="登记帮扶",
            create=lambda values: hs.add_assistance(self.household_id, values),
            parent=self,
        )
        dialog.saved.connect(lambda row: self.ctx.bus.announce("assistance", (row.id,), "create"))
        dialog.open()
        return dialog

    def edit_assistance(self) -> RecordDialog | None:
        aid_id = self._selected(self.aid)
        if aid_id is None or self.detail is None:
            return None
        row = next(a for a in self.detail.assistance if a.id == aid_id)
        hs = self.ctx.ledger.households
        dialog = RecordDialog(
            assistance_form(),
            title="修改帮扶记录",
            row=row,
            update=lambda values, version: hs.update_assistance(
                aid_id, values, expected_version=version
            ),
            parent=self,
        )
        dialog.saved.connect(lambda r: self.ctx.bus.announce("assistance", (r.id,)))
        dialog.open()
        return dialog

    def remove_assistance(self) -> None:
        aid_id = self._selected(self.aid)
        if aid_id is None:
            return
        if not dialogs.ask(
            self,
            "删除帮扶记录",
            "删除所选帮扶记录？（移入回收站，可以恢复。）",
            yes="删除",
            no="取消",
        ):
            return
        try:
            self.ctx.ledger.households.remove_assistance(aid_id)
        except LedgerError as exc:
            dialogs.show_error(self, exc)
            return
        self.ctx.bus.announce("assistance", (aid_id,), "delete")

    # ---- printing ------------------------------------------------------------------------

    def print_cover_sheet(self) -> None:
        assert self.detail is not None
        h = self.detail.household
        path, _ = QFileDialog.getSaveFileName(
            self,
            "保存一户一档封面",
            save_folder.start_path(f"一户一档_{h.file_no}_{h.name}.pdf"),
            "PDF 文件 (*.pdf)",
        )
        if path:
            save_folder.remember(path)
            self.write_cover_sheet(path)

    def write_cover_sheet(self, path: str, *, open_after: bool = True) -> Any:
        """Build the PDF off the GUI thread; the worker gets the frozen detail row, not a session.

        Full numbers are printed only while the window shows them (查看 → 显示完整号码), and that
        print is audited before the file is written, so a refused audit leaves no unmasked PDF.
        """
        detail = self.detail
        assert detail is not None
        org = self.ctx.ledger.settings.org_name
        unmask = self.ctx.unmasked
        privacy = self.ctx.ledger.privacy
        h = detail.household
        self.print_button.setEnabled(False)
        self.print_button.setText("正在生成 PDF…")

        def work(control: Any) -> str:
            from reports.cover_sheet import write_cover_sheet

            if unmask:
                privacy.audit_unmasked(f"一户一档封面 {h.file_no} {h.name} → {path}", use="print")
            write_cover_sheet(detail, path, org_name=org, unmask=unmask)
            return path

        def done() -> None:
            self.print_button.setEnabled(True)
            self.print_button.setText("打印一户一档封面 (PDF)…")

        def succeeded(out: str) -> None:
            self.ctx.bus.status_message.emit(f"已生成一户一档封面：{out}")
            if open_after:
                QDesktopServices.openUrl(QUrl.fromLocalFile(out))

        return run_task(
            work,
            owner=self,
            on_success=succeeded,
            on_error=lambda exc: dialogs.show_error(self, exc, "生成 PDF 失败"),
            on_done=done,
        )


def _yuan_or_blank(amount: Any) -> str:
    """A figure the clerk left blank says so rather than showing 0 元."""
    return "（未填）" if amount is None else f"{format_yuan(amount)} 元"
