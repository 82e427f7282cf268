"""操作日志: who changed what and when, filterable by record kind, operation and date range."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from desktop.context import AppContext
from desktop.events import Changed
from desktop.models.record_lists import AuditListModel
from desktop.widgets.list_screen import ListScreen
from desktop.widgets.record_list import FilterSpec
from models.services.audit import ACTION_LABELS, ENTITY_LABELS, AuditQuery


class AuditLogScreen(ListScreen):
    title = "操作日志"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            AuditListModel(ctx.ledger.audit, AuditQuery()),
            settings_key="audit",
            search_hint="搜索对象（姓名、档案编号、站点名称…）",
            filters=(
                FilterSpec("entity", "对象类型", lambda: list(ENTITY_LABELS), ENTITY_LABELS.get),
                FilterSpec("action", "操作", lambda: list(ACTION_LABELS), ACTION_LABELS.get),
            ),
            parent=parent,
        )
        self.list.open_requested.connect(self.open_entry)
        today = QDate.currentDate()
        self.use_dates = QCheckBox("按日期：")
        self.use_dates.setObjectName("use_dates")
        self.since = QDateEdit(today.addMonths(-1))
        self.until = QDateEdit(today)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self.apply_dates)
        self.use_dates.toggled.connect(self.apply_dates)
        dates = QHBoxLayout()
        dates.setContentsMargins(8, 0, 8, 0)
        dates.addWidget(self.use_dates)
        dates.addWidget(self.since)
        dates.addWidget(QLabel("至"))
        dates.addWidget(self.until)
        dates.addStretch(1)
        self.layout().setContentsMargins(0, 4, 0, 0)
        self.layout().insertLayout(0, dates)  # type: ignore[attr-defined]

    def _on_changed(self, change: Changed) -> None:
        """Every change writes an audit row: refresh now if shown, else on the next visit."""
        super()._on_changed(change)
        if self._loaded and self.isVisible():
            self.list.refresh()
        elif self._loaded:
            self._loaded = False  # refreshed on the next visit

    def apply_dates(self) -> None:
        on = self.use_dates.isChecked()

        def day(edit: QDateEdit) -> dt.date:
            q = edit.date()
            return dt.date(q.year(), q.month(), q.day())

        self.model.set_query(
            dataclasses.replace(
                self.model.query,
                since=day(self.since) if on else None,
                until=day(self.until) if on else None,
            )
        )
        self.list.update_counts()

    def open_entry(self, entry_id: int) -> None:
        rows = self.ctx.ledger.audit.rows([entry_id])
        if not rows:
            return
        row: Any = rows[0]
        if row.entity == "households" and row.entity_id:
            self.ctx.bus.open_household.emit(row.entity_id)
        elif row.entity in ("stations", "activities") and row.entity_id:
            self.ctx.bus.open_record.emit(row.entity, row.entity_id)
