"""待办核查: the clerk's year in one screen — review lists with 核查 (one file or a selection),
防返困 follow-ups (已返困 offers the 返困), duplicate pairs side by side, and cross-checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs
from desktop.context import AppContext
from desktop.events import Changed
from desktop.screens.review_dialogs import FollowUpDialog, ReviewDialog
from desktop.tasks import run_task
from desktop.widgets.tables import read_only_table
from models import lifecycle
from models.errors import LedgerError
from models.masking import mask_id_number, mask_phone
from models.reviews.duplicates import DuplicatePair, Person
from models.reviews.entries import HOUSEHOLD_LISTS, LIST_TITLES, ReviewEntry

# Changes after which a list may read differently.
WATCHED = frozenset({
    "households", "household_members", "assistance", "activities", "stations", "station_usage",
    "settings", "dibao_standards", "not_same_person", "import_batches",
})  # fmt: skip
ENTRY_HEADERS = ["档案编号", "户主姓名", "身份证号", "手机号码", "所属乡镇(街道)", "困难类别",
                 "相关日期", "列入原因"]  # fmt: skip
PAIR_HEADERS = ["档案编号", "姓名", "所属乡镇(街道)", "另一档案编号", "姓名", "所属乡镇(街道)",
                "疑似原因"]  # fmt: skip
CHECK_HEADERS = ["对象", "发现的问题", "处理办法"]
COMPARED = (("file_no", "档案编号"), ("township", "所属乡镇(街道)"), ("role", "身份"),
            ("name", "姓名"), ("id_number", "身份证号"), ("birth_date", "出生日期"),
            ("phone", "电话"), ("address", "住址"))  # fmt: skip
SAME = QColor("#fde2e1")  # the rows that match, the reason they are a pair


class ReviewsScreen(QWidget):
    title = "待办核查"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result: Any = None
        self._stale = True
        self._task: Any = None
        self._wanted: str | None = None

        heading = QLabel("待办核查")
        heading.setProperty("role", "title")
        self.as_of = QDateEdit(QDate.currentDate())
        self.as_of.setObjectName("review_as_of")
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.dateChanged.connect(lambda *_: self.reload())
        refresh = QPushButton("刷新")
        refresh.clicked.connect(self.reload)
        self.export_button = QPushButton("导出 Excel…")
        self.export_button.setObjectName("review_export")
        self.export_button.clicked.connect(self.export)
        self.state = QLabel()
        self.state.setProperty("role", "hint")
        self.state.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(QLabel("截至"))
        top.addWidget(self.as_of)
        top.addWidget(refresh)
        top.addWidget(self.export_button)
        top.addWidget(self.state, 1)

        self.lists = QListWidget()
        self.lists.setObjectName("review_lists")
        for key, title in LIST_TITLES.items():
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.lists.addItem(item)
        self.lists.setMinimumWidth(190)
        self.lists.setMaximumWidth(260)
        self.lists.currentRowChanged.connect(lambda *_: self._show_current())

        self.pages = QStackedWidget()
        self.pages.addWidget(self._entries_page())
        self.pages.addWidget(self._pairs_page())
        self.pages.addWidget(self._checks_page())

        split = QSplitter()
        split.addWidget(self.lists)
        split.addWidget(self.pages)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([200, 1000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        ctx.bus.changed.connect(self._on_changed)
        self.lists.setCurrentRow(0)

    # ---- pages ---------------------------------------------------------------------------

    def _entries_page(self) -> QWidget:
        page = QWidget()
        self.detail = QLabel()
        self.detail.setProperty("role", "hint")
        self.detail.setWordWrap(True)
        self.entries = read_only_table(ENTRY_HEADERS, select_rows=True, multi_select=True)
        self.entries.setObjectName("review_entries")
        for column, width in enumerate((110, 70, 140, 95, 100, 70, 85)):
            self.entries.horizontalHeader().resizeSection(column, width)
        # The reason in two lines rather than cut to "…": a fixed height, not resized per row,
        # so a list of 100,000 files fills as fast as a short one.
        self.entries.setWordWrap(True)
        self.entries.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.entries.verticalHeader().setDefaultSectionSize(
            2 * self.entries.fontMetrics().lineSpacing() + 10
        )
        self.entries.itemSelectionChanged.connect(self._buttons)
        self.entries.itemDoubleClicked.connect(lambda *_: self.open_selected())
        self.review_button = QPushButton("核查所选…")
        self.review_button.setObjectName("review_selected")
        self.review_button.clicked.connect(lambda: self.review_selected())
        self.follow_button = QPushButton("记录回访…")
        self.follow_button.setObjectName("follow_up")
        self.follow_button.clicked.connect(lambda: self.follow_up_selected())
        self.open_button = QPushButton("打开档案")
        self.open_button.clicked.connect(self.open_selected)
        if not self.ctx.can_edit:
            for button in (self.review_button, self.follow_button):
                button.setToolTip("当前账号只能查看，不能记录核查或回访。")
        buttons = QHBoxLayout()
        for button in (self.review_button, self.follow_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.detail)
        layout.addWidget(self.entries, 1)
        layout.addLayout(buttons)
        return page

    def _pairs_page(self) -> QWidget:
        page = QWidget()
        hint = QLabel(
            "同一人可能在不同乡镇各建了一档。请打开两档核对：确是两个人的点“不是同一人”（以后不再提示）；"
            "是同一人的，保留一档，另一档以“重复建档”销档，或把另一档的成员和记录并入保留的一档。"
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        self.pairs = read_only_table(PAIR_HEADERS, select_rows=True)
        self.pairs.setObjectName("duplicate_pairs")
        for column, width in enumerate((110, 70, 100, 110, 70, 100)):
            self.pairs.horizontalHeader().resizeSection(column, width)
        self.pairs.itemSelectionChanged.connect(self._show_pair)
        self.compare = read_only_table(["", "甲", "乙", "比对"])
        self.compare.setObjectName("pair_compare")
        for column, width in enumerate((110, 300, 300)):
            self.compare.horizontalHeader().resizeSection(column, width)
        self.not_same_button = QPushButton("不是同一人")
        self.not_same_button.setObjectName("not_same_person")
        self.not_same_button.clicked.connect(lambda: self.mark_not_same())
        self.close_a = QPushButton("甲档销档（重复建档）…")
        self.close_a.setObjectName("close_first")
        self.close_a.clicked.connect(lambda: self.close_duplicate(0))
        self.close_b = QPushButton("乙档销档（重复建档）…")
        self.close_b.setObjectName("close_second")
        self.close_b.clicked.connect(lambda: self.close_duplicate(1))
        self.merge_b = QPushButton("乙档并入甲档…")
        self.merge_b.setObjectName("merge_second")
        self.merge_b.clicked.connect(lambda: self.merge_duplicate(1))
        self.merge_a = QPushButton("甲档并入乙档…")
        self.merge_a.setObjectName("merge_first")
        self.merge_a.clicked.connect(lambda: self.merge_duplicate(0))
        open_both = QPushButton("打开两档")
        open_both.clicked.connect(self.open_pair)
        buttons = QHBoxLayout()
        for button in (
            self.not_same_button, self.close_a, self.close_b, self.merge_b, self.merge_a, open_both
        ):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.pairs)
        split.addWidget(self.compare)
        split.setSizes([200, 260])
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        return page

    def _checks_page(self) -> QWidget:
        page = QWidget()
        hint = QLabel("审计常问的交叉核对。双击一行打开相关的档案、活动或驿站。")
        hint.setProperty("role", "hint")
        self.checks = read_only_table(CHECK_HEADERS, select_rows=True)
        self.checks.setObjectName("cross_checks")
        for column, width in enumerate((260, 460)):
            self.checks.horizontalHeader().resizeSection(column, width)
        self.checks.setWordWrap(True)
        self.checks.itemDoubleClicked.connect(lambda *_: self.open_check())
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint)
        layout.addWidget(self.checks, 1)
        return page

    # ---- reading -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._stale:
            self.reload()
        super().showEvent(event)

    def _on_changed(self, change: Changed) -> None:
        if change.entity not in WATCHED:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def day(self) -> dt.date:
        d = self.as_of.date()
        return dt.date(d.year(), d.month(), d.day())

    def reload(self) -> Any:
        """Compute the lists off the GUI thread (the duplicate search reads every person)."""
        self._stale = False
        self.state.setText("正在计算清单……")
        reviews, day = self.ctx.ledger.reviews, self.day()
        self._task = run_task(
            lambda control: reviews.lists(day),
            owner=self,
            quiet=True,
            on_success=self.show_result,
            on_error=lambda exc: self.state.setText("清单未能计算：" + dialogs.describe(exc)),
        )
        return self._task

    def show_result(self, result: Any) -> None:
        if result.as_of != self.day():
            return  # an older request finishing late
        self.result = result
        for row in range(self.lists.count()):
            item = self.lists.item(row)
            key = item.data(Qt.ItemDataRole.UserRole)
            item.setText(f"{LIST_TITLES[key]}（{result.count(key):,}）")
        self.state.setText(
            "；".join(result.notices)
            or f"按{result.as_of.year}年{result.as_of.month}月{result.as_of.day}日计算。"
            "双击打开档案；可多选后一并核查。"
        )
        if self._wanted:
            self.open_filters({"list": self._wanted})
        self._show_current()

    def open_filters(self, filters: dict[str, Any]) -> None:
        """The dashboard's count was clicked: show that list."""
        key = filters.get("list")
        keys = list(LIST_TITLES)
        if key in keys:
            self._wanted = None if self.result is not None else key
            self.lists.setCurrentRow(keys.index(key))

    def current_list(self) -> str:
        item = self.lists.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else "not_reviewed_12m"

    def _show_current(self) -> None:
        key = self.current_list()
        if key == "possible_duplicates":
            self.pages.setCurrentIndex(1)
            self._fill_pairs()
        elif key == "cross_checks":
            self.pages.setCurrentIndex(2)
            self._fill_checks()
        else:
            self.pages.setCurrentIndex(0)
            self._fill_entries(key)
        self._buttons()

    def _fill_entries(self, key: str) -> None:
        entries: list[ReviewEntry] = self.result.entries[key] if self.result else []
        members = key == "member_changes"
        self.entries.setHorizontalHeaderItem(
            1, QTableWidgetItem("户主／成员" if members else "户主姓名")
        )
        self.detail.setText(_LIST_HINTS.get(key, ""))
        self.entries.clearSelection()
        self.entries.setRowCount(len(entries))
        self.entries.horizontalHeader().resizeSection(1, 130 if members else 70)
        for r, e in enumerate(entries):
            name = f"{e.name}／{e.member_name}" if members and e.member_name else e.name
            values = (e.file_no, name, self._id(e.id_number), self._phone(e.phone), e.township,
                      e.hardship_class, e.date.isoformat() if e.date else "", e.detail)  # fmt: skip
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if c == len(values) - 1:
                    item.setToolTip(text)
                if e.overdue:
                    item.setForeground(QBrush(QColor("#b7312c")))
                self.entries.setItem(r, c, item)

    def _fill_pairs(self) -> None:
        pairs: list[DuplicatePair] = self.result.duplicates if self.result else []
        self.pairs.clearSelection()
        self.pairs.setRowCount(len(pairs))
        for r, p in enumerate(pairs):
            values = (p.a.file_no, p.a.name, p.a.township, p.b.file_no, p.b.name, p.b.township,
                      "；".join(p.reasons))  # fmt: skip
            for c, text in enumerate(values):
                self.pairs.setItem(r, c, QTableWidgetItem(text))
        if pairs:
            self.pairs.selectRow(0)
        else:
            self.compare.setRowCount(0)

    def _fill_checks(self) -> None:
        found = self.result.cross_checks if self.result else []
        self.checks.setRowCount(len(found))
        for r, c in enumerate(found):
            for col, text in enumerate((c.record, c.problem, c.advice)):
                self.checks.setItem(r, col, QTableWidgetItem(text))
        self.checks.resizeRowsToContents()

    def _id(self, number: str | None) -> str:
        if not number:
            return ""
        return number if self.ctx.unmasked else mask_id_number(number)

    def _phone(self, phone: str | None) -> str:
        if not phone:
            return ""
        return phone if self.ctx.unmasked else mask_phone(phone)

    # ---- selection -----------------------------------------------------------------------

    def selected_entries(self) -> list[ReviewEntry]:
        if not self.result or self.current_list() not in HOUSEHOLD_LISTS:
            return []
        entries = self.result.entries[self.current_list()]
        rows = sorted({i.row() for i in self.entries.selectionModel().selectedRows()})
        return [entries[r] for r in rows if r < len(entries)]

    def selected_pair(self) -> DuplicatePair | None:
        if not self.result:
            return None
        rows = [i.row() for i in self.pairs.selectionModel().selectedRows()]
        return self.result.duplicates[rows[0]] if rows else None

    def _buttons(self) -> None:
        chosen = self.selected_entries()
        key = self.current_list()
        editable = self.ctx.can_edit
        self.review_button.setEnabled(editable and bool(chosen) and key not in ("follow_up_due",))
        self.review_button.setText(f"核查所选（{len(chosen)}户）…" if len(chosen) > 1
                                   else "核查所选…")  # fmt: skip
        self.follow_button.setVisible(key == "follow_up_due")
        self.follow_button.setEnabled(editable and len(chosen) == 1)
        self.open_button.setEnabled(len(chosen) == 1)
        pair = self.selected_pair()
        for button in (self.not_same_button, self.close_a, self.close_b):
            button.setEnabled(editable and pair is not None)

    def _show_pair(self) -> None:
        pair = self.selected_pair()
        self._buttons()
        if pair is None:
            self.compare.setRowCount(0)
            return
        self.compare.setRowCount(len(COMPARED))
        for r, (field, label) in enumerate(COMPARED):
            a, b = _shown(self, pair.a, field), _shown(self, pair.b, field)
            raw_a, raw_b = getattr(pair.a, field), getattr(pair.b, field)
            same = raw_a is not None and raw_a == raw_b and field not in ("file_no", "role")
            if field in ("file_no", "role"):
                verdict = ""
            else:
                verdict = "相同" if same else ("—" if not (raw_a and raw_b) else "不同")
            for c, text in enumerate((label, a, b, verdict)):
                item = QTableWidgetItem(text)
                if same:
                    item.setBackground(QBrush(SAME))
                self.compare.setItem(r, c, item)

    # ---- actions -------------------------------------------------------------------------

    def review_selected(self, values: dict[str, Any] | None = None) -> int:
        """Record one 核查 for each chosen file (all or none); returns how many."""
        chosen = self.selected_entries()
        if not chosen or not self.ctx.can_edit:
            return 0
        if values is None:
            names = "、".join(e.name for e in chosen[:5]) + ("等" if len(chosen) > 5 else "")
            dialog = ReviewDialog(
                f"为 {len(chosen)} 户（{names}）记录一次核查，最近核查日期随之更新。",
                self.ctx.ledger.actor.name,
                self,
            )
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return 0
            values = dialog.values()
        ids = [e.household_id for e in chosen]
        try:
            done = self.ctx.ledger.reviews.record_review(ids, **values)
        except LedgerError as exc:
            dialogs.show_error(self, exc, "核查未记录")
            return 0
        self.ctx.bus.announce("households", tuple(ids), "update")
        self.ctx.bus.status_message.emit(f"已记录 {done} 户的核查。")
        return done

    def follow_up_selected(
        self, values: dict[str, Any] | None = None, *, offer_return: bool = True
    ) -> bool:
        """Record a follow-up; 已返困 then offers the 返困 status change (the clerk decides)."""
        chosen = self.selected_entries()
        if len(chosen) != 1 or not self.ctx.can_edit:
            return False
        entry = chosen[0]
        if values is None:
            dialog = FollowUpDialog(
                f"档案 {entry.file_no}（户主 {entry.name}）：{entry.detail}", self
            )
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            values = dialog.values()
        ledger = self.ctx.ledger
        try:
            ledger.reviews.add_follow_up(entry.household_id, **values)
            if (
                values["result"] == "已返困"
                and offer_return
                and dialogs.ask(
                    self,
                    "办理返困",
                    f"回访发现 {entry.name} 家已返困。现在把档案 {entry.file_no} 恢复为“在档”吗？",
                    yes="办理返困",
                    no="以后再说",
                )
            ):
                ledger.households.change_status(
                    entry.household_id,
                    lifecycle.RETURN,
                    date=values["date"],
                    reason="防返困回访发现已返困"
                    + (f"：{values['note']}" if values["note"] else ""),
                )
        except LedgerError as exc:
            dialogs.show_error(self, exc, "回访未记录")
            return False
        self.ctx.bus.announce("households", (entry.household_id,), "update")
        return True

    def mark_not_same(self) -> bool:
        pair = self.selected_pair()
        if pair is None:
            return False
        try:
            self.ctx.ledger.reviews.mark_not_same_person(*pair.keys)
        except LedgerError as exc:
            dialogs.show_error(self, exc)
            return False
        self.ctx.bus.announce("not_same_person", (), "create")
        return True

    def close_duplicate(self, which: int, *, confirm: bool = True) -> bool:
        """Close one file of the pair as 重复建档, keeping the other."""

        def question(close: Any, keep: Any) -> str:
            return (
                f"把档案 {close.file_no}（{close.township} {close.name}）以“重复建档”销档，"
                f"保留档案 {keep.file_no}（{keep.township}）吗？销档的档案仍保存，可在档案中查看。"
            )

        def act(close: Any, keep: Any) -> tuple[int, ...]:
            self.ctx.ledger.reviews.close_as_duplicate(
                close.household_id, keep.file_no, date=dt.date.today()
            )
            return (close.household_id,)

        return self._settle_pair(
            which, "重复建档", question, "销档", act, "未销档", "status", confirm
        )

    def merge_duplicate(self, which: int) -> bool:
        """Move the members and records of one file of the pair to the other, closing it."""

        def question(other: Any, keep: Any) -> str:
            return (
                f"把档案 {other.file_no}（{other.township} {other.name}）的家庭成员、帮扶、核查和回访记录"
                f"并入档案 {keep.file_no}（{keep.township} {keep.name}），并以“重复建档”销档 "
                f"{other.file_no} 吗？保留档案已有身份证号的成员不再并入。"
            )

        def act(other: Any, keep: Any) -> tuple[int, ...]:
            self.ctx.ledger.reviews.merge_duplicate(
                keep.household_id, other.household_id, date=dt.date.today()
            )
            return (keep.household_id, other.household_id)

        return self._settle_pair(which, "合并重复档案", question, "合并", act, "未合并", "update")

    def _settle_pair(
        self,
        which: int,
        title: str,
        question: Callable[[Any, Any], str],
        yes: str,
        act: Callable[[Any, Any], tuple[int, ...]],
        refused: str,
        action: str,
        confirm: bool = True,
    ) -> bool:
        """Ask (取消 the default), do it to the selected pair's file `which`, tell the views."""
        pair = self.selected_pair()
        if pair is None:
            return False
        gone, keep = (pair.a, pair.b) if which == 0 else (pair.b, pair.a)
        if confirm and not dialogs.ask(
            self, title, question(gone, keep), yes=yes, no="取消", safe=True
        ):
            return False
        try:
            ids = act(gone, keep)
        except LedgerError as exc:
            dialogs.show_error(self, exc, refused)
            return False
        self.ctx.bus.announce("households", ids, action)
        return True

    def open_selected(self) -> None:
        chosen = self.selected_entries()
        if len(chosen) == 1:
            self.ctx.bus.open_household.emit(chosen[0].household_id)

    def open_pair(self) -> None:
        pair = self.selected_pair()
        if pair is not None:
            self.ctx.bus.open_household.emit(pair.a.household_id)
            self.ctx.bus.open_household.emit(pair.b.household_id)

    def open_check(self) -> None:
        rows = [i.row() for i in self.checks.selectionModel().selectedRows()]
        if not rows or not self.result:
            return
        found = self.result.cross_checks[rows[0]]
        if found.household_id is not None:
            self.ctx.bus.open_household.emit(found.household_id)
        elif found.entity in ("stations", "activities") and found.record_ids:
            self.ctx.bus.open_record.emit(found.entity, found.record_ids[0])

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "导出待办核查清单", f"待办核查清单-{self.day().isoformat()}.xlsx",
            "Excel 工作簿 (*.xlsx)",
        )  # fmt: skip
        if not path:
            return
        from reports.excel.review_sheets import export_reviews

        ledger, day, unmask = self.ctx.ledger, self.day(), self.ctx.unmasked
        self.state.setText("正在导出……")
        self._task = run_task(
            lambda control: export_reviews(ledger, path, as_of=day, unmask=unmask),
            owner=self,
            on_success=lambda written: self.state.setText(
                f"已导出 {len(written)} 张工作表到 {path}。"
            ),
            on_error=lambda exc: dialogs.show_error(self, exc, "导出未完成"),
        )


def _shown(screen: ReviewsScreen, person: Person, field: str) -> str:
    value = getattr(person, field)
    if field == "id_number":
        return screen._id(value)
    if field == "phone":
        return screen._phone(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value or ""


_LIST_HINTS = {
    "not_reviewed_12m": "在档档案每年至少核查一次：从未核查的，和最近核查日期已满12个月的。",
    "never_assisted": "建档后从未帮扶的在档档案（先建档后帮扶）。",
    "not_assisted_this_year": "以前帮扶过、今年还没有帮扶的在档档案。",
    "income_above_threshold": "按今年低保标准，月人均收入已不低于类别标准：建议核实后调整类别或脱困，由您决定。",
    "member_changes": "家庭成员年满18周岁仍为学生或无业、就读毕业年级、学龄前已满7周岁：请核实并更新档案。",
    "follow_up_due": "已脱困的档案按设置的间隔（默认脱困后3、6、12个月）回访；红字为已逾期或回访发现已返困。",
}
