"""回收站: deleted members, assistance, stations, monthly figures, activities and photos, restorable."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs
from desktop.context import AppContext
from desktop.events import Changed
from desktop.models.lazy_table import display
from desktop.tasks import run_task
from desktop.widgets.tables import read_only_table
from models.errors import LedgerError
from models.services.recycle import RECYCLABLE, BinItem

# Changes after which the bin may hold something else (a delete, a restore, an undone import).
WATCHED = frozenset({*RECYCLABLE, "import_batches"})
ALL = "全部"


class RecycleBinScreen(QWidget):
    title = "回收站"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.items: list[BinItem] = []
        self._stale = True
        self._task: Any = None

        intro = QLabel(
            "删除的家庭成员、帮扶记录、阵地(驿站)、服务人次、活动和照片先放在这里，选中后可以恢复。"
            "困难职工档案不会被删除，不再帮扶的请用“销档”。"
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")
        self.kind = QComboBox()
        self.kind.setObjectName("bin_kind")
        self.kind.addItem(ALL, None)
        for entity, (_model, what) in RECYCLABLE.items():
            self.kind.addItem(what, entity)
        self.kind.currentIndexChanged.connect(self.reload)
        self.count = QLabel()
        self.count.setObjectName("count")
        self.table = read_only_table(
            ["类型", "内容", "删除时间", "删除人"], select_rows=True, multi_select=True
        )
        self.table.setObjectName("bin")
        for column, width in enumerate((90, 520, 130)):
            self.table.horizontalHeader().resizeSection(column, width)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.restore_button = QPushButton("恢复所选")
        self.restore_button.setObjectName("restore")
        self.restore_button.clicked.connect(self.restore_selected)
        if not ctx.can_edit:
            self.restore_button.setToolTip(
                "当前账号只能查看，不能恢复。如需恢复，请联系录入员或管理员。"
            )
        refresh = QPushButton("刷新")
        refresh.clicked.connect(self.reload)

        bar = QHBoxLayout()
        bar.addWidget(QLabel("类型："))
        bar.addWidget(self.kind)
        bar.addStretch(1)
        bar.addWidget(self.count)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(refresh)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(intro)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        ctx.bus.changed.connect(self._on_changed)
        self._selection_changed()

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
            self._stale = True  # read again on the next visit

    # ---- reading -------------------------------------------------------------------------

    def reload(self) -> Any:
        """Read the bin off the GUI thread (an undone import can leave thousands of items)."""
        self._stale = False
        self.count.setText("正在读取回收站……")
        recycle, entity = self.ctx.ledger.recycle, self.kind.currentData()
        self._task = run_task(
            lambda control: recycle.items(entity),
            owner=self,
            quiet=True,
            on_success=self.show_items,
            on_error=lambda exc: self.count.setText("回收站未能读取：" + dialogs.describe(exc)),
        )
        return self._task

    def show_items(self, items: list[BinItem]) -> None:
        self.items = items
        self.table.setRowCount(len(items))
        for r, item in enumerate(items):
            for c, text in enumerate(
                (item.what, item.label, display(item.deleted_at), item.deleted_by or "—")
            ):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.count.setText(f"共 {len(items):,} 条" if items else "回收站是空的")
        self._selection_changed()

    def selected(self) -> list[BinItem]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.items[r] for r in rows if r < len(self.items)]

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.ctx.can_edit and bool(self.selected()))

    # ---- restoring -----------------------------------------------------------------------

    def restore_selected(self) -> tuple[int, list[str]]:
        """Restore each chosen item on its own; say which could not come back and why."""
        chosen = self.selected()
        if not chosen or not self.ctx.can_edit:
            return 0, []
        restored: dict[str, list[int]] = defaultdict(list)
        problems: list[str] = []
        for item in chosen:
            try:
                self.ctx.ledger.recycle.restore(item.entity, item.record_id)
            except LedgerError as exc:
                problems.append(f"{item.what}“{item.label}”：{exc.message}")
                continue
            except Exception as exc:  # noqa: BLE001 - one odd item must not stop the others
                problems.append(f"{item.what}“{item.label}”：{dialogs.describe(exc)}")
                continue
            restored[item.entity].append(item.record_id)
        done = sum(len(ids) for ids in restored.values())
        for entity, ids in restored.items():
            self.ctx.bus.announce(entity, tuple(ids), "restore")
        if problems:
            dialogs.warn(
                self,
                "有记录没有恢复",
                (f"已恢复 {done} 条。" if done else "")
                + f"以下 {len(problems)} 条没有恢复，仍在回收站中：\n\n"
                + "\n".join(problems[:20])
                + (f"\n……另有 {len(problems) - 20} 条" if len(problems) > 20 else ""),
            )
        if done:
            self.ctx.bus.status_message.emit(f"已从回收站恢复 {done} 条记录。")
        if not restored:  # nothing announced, so nothing refreshed the bin
            self.reload()
        return done, problems
