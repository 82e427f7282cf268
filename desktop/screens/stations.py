"""服务阵地 and 户外劳动者驿站 lists, and the station window (form, monthly 服务人次, photos)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.context import AppContext
from desktop.forms.kinds import StationForm, defaults
from desktop.forms.record_dialog import RecordDialog
from desktop.models.record_lists import StationListModel
from desktop.widgets.list_screen import ListScreen
from desktop.widgets.photos import PhotoStrip
from desktop.widgets.record_list import FilterSpec
from desktop.widgets.usage_grid import UsageGrid
from models import vocab
from models.services import RecordQuery
from models.services.stations import REST_STOP


class StationsScreen(ListScreen):
    """Every station type but rest stops (`rest_stops=False`), or the rest stops only."""

    watched = frozenset({"stations", "import_batches"})

    def __init__(
        self, ctx: AppContext, *, rest_stops: bool = False, parent: QWidget | None = None
    ) -> None:
        self.rest_stops = rest_stops
        self.title = "户外劳动者驿站" if rest_stops else "服务阵地"
        self.export_kind = "reststops" if rest_stops else "stations"
        base = (
            RecordQuery(kind_filter=REST_STOP, sort="code")
            if rest_stops
            else RecordQuery(kind_filter_not=REST_STOP, sort="code")
        )
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
        super().__init__(
            ctx,
            StationListModel(ctx.ledger.stations, base, rest_stops=rest_stops),
            settings_key=self.export_kind,
            search_hint="搜索名称、编号、依托单位或地址",
            filters=filters,
            new_label="新建驿站 (Ctrl+N)" if rest_stops else "新建阵地 (Ctrl+N)",
            parent=parent,
        )
        self.list.open_requested.connect(self.open_station)
        self.list.new_requested.connect(self.new_station)
        self.list.add_bulk_action("导出所选…", self.export_selected)
        self.enable_delete("stations", "站点", ctx.ledger.stations)

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
        self.announce_created("stations", row, f"已保存：{row.code} {row.name}")

    def open_station(self, station_id: int) -> RecordDialog | None:
        return self.edit_in_dialog(
            "stations",
            self.ctx.ledger.stations,
            station_id,
            self._form(),
            lambda row: f"{row.code} {row.name}",
            lambda: [
                ("服务人次", UsageGrid(self.ctx, station_id)),
                ("照片", PhotoStrip(self.ctx, {"station_id": station_id})),
            ],
        )
