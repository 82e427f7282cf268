"""服务阵地 and 户外劳动者驿站 lists, and the station window (form, monthly 服务人次, photos)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop import dialogs
from desktop.context import AppContext
from desktop.events import Changed
from desktop.forms.kinds import StationForm, defaults
from desktop.forms.record_dialog import RecordDialog
from desktop.models.record_lists import StationListModel
from desktop.widgets.photos import PhotoStrip
from desktop.widgets.record_list import FilterSpec, RecordList
from desktop.widgets.usage_grid import UsageGrid
from models import vocab
from models.errors import LedgerError
from models.services import RecordQuery
from models.services.stations import REST_STOP

WATCHED = frozenset({"stations", "import_batches"})


class StationsScreen(QWidget):
    """Every station type but rest stops (`rest_stops=False`), or the rest stops only."""

    def __init__(
        self, ctx: AppContext, *, rest_stops: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.rest_stops = ctx, rest_stops
        self.title = "户外劳动者驿站" if rest_stops else "服务阵地"
        base = (
            RecordQuery(kind_filter=REST_STOP, sort="code")
            if rest_stops
            else RecordQuery(kind_filter_not=REST_STOP, sort="code")
        )
        self.model = StationListModel(ctx.ledger.stations, base, rest_stops=rest_stops)
        filters = [FilterSpec("township", "乡镇", ctx.townships)]
        if not rest_stops:
            filters.append(
                FilterSpec(
                    "kind_filter",
                    "类型",
                    lambda: [t for t in vocab.STATION_TYPES if t != REST_STOP],
                )
            )
        filters.append(FilterSpec("status", "状态", lambda: vocab.STATION_STATUSES))
        self.list = RecordList(
            self.model,
            settings_key="reststops" if rest_stops else "stations",
            search_hint="搜索名称、编号、依托单位或地址",
            filters=filters,
            new_label="新建驿站 (Ctrl+N)" if rest_stops else "新建阵地 (Ctrl+N)",
        )
        self.list.open_requested.connect(self.open_station)
        self.list.new_requested.connect(self.new_station)
        if self.list.new_button is not None:
            self.list.new_button.setEnabled(ctx.can_edit)
        self.list.add_bulk_action("导出所选…", self.export_selected)
        delete = self.list.add_bulk_action("删除…", self.delete_selected)
        delete.setVisible(ctx.can_edit)
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
        if self._loaded and change.entity in WATCHED:
            self.list.refresh()

    def _form(self) -> StationForm:
        return StationForm(townships=self.ctx.townships())

    def new_station(self) -> RecordDialog:
        form = self._form()
        if self.rest_stops:
            defaults(form, {"station_type": REST_STOP, "status": "运行"})
        dialog = RecordDialog(
            form,
            title="新建" + ("驿站" if self.rest_stops else "服务阵地"),
            create=self.ctx.ledger.stations.create,
            parent=self,
        )
        dialog.saved.connect(self._created)
        dialog.open()
        return dialog

    def _created(self, row: Any) -> None:
        self.ctx.bus.announce("stations", (row.id,), "create")
        self.list.select_id(row.id)
        self.ctx.bus.status_message.emit(f"已保存：{row.code} {row.name}")

    def open_station(self, station_id: int) -> RecordDialog | None:
        stations = self.ctx.ledger.stations
        try:
            row = stations.get(station_id)
        except LedgerError as exc:
            dialogs.show_error(self, exc)
            return None
        pages = [
            ("服务人次", UsageGrid(self.ctx, station_id)),
            ("照片", PhotoStrip(self.ctx, {"station_id": station_id})),
        ]
        dialog = RecordDialog(
            self._form(),
            title=f"{row.code} {row.name}",
            row=row,
            update=lambda values, version: stations.update(
                station_id, values, expected_version=version
            ),
            reload=lambda: stations.get(station_id),
            extra_pages=pages,
            parent=self,
        )
        dialog.save_button.setEnabled(self.ctx.can_edit)
        dialog.saved.connect(lambda r: self.ctx.bus.announce("stations", (r.id,)))
        dialog.open()
        return dialog

    def delete_selected(self, ids: list[int]) -> None:
        if not ids or not dialogs.ask(
            self,
            "删除",
            f"把所选的 {len(ids)} 个站点移入回收站？（可以恢复。）",
            yes="删除",
            no="取消",
        ):
            return
        try:
            for station_id in ids:
                self.ctx.ledger.stations.delete(station_id)
        except LedgerError as exc:
            dialogs.show_error(self, exc)
        self.ctx.bus.announce("stations", tuple(ids), "delete")

    def export_selected(self, ids: list[int]) -> None:
        from desktop.screens.export_dialog import ExportDialog

        kind = "reststops" if self.rest_stops else "stations"
        ExportDialog(self.ctx, kind=kind, ids=ids, parent=self).open()
