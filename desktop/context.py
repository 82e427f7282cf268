"""What every screen is handed: the open ledger, the signal bus and small cached look-ups."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.events import PRIVACY, Changed, EventBus

if TYPE_CHECKING:
    from models.services import Ledger


@dataclass
class AppContext:
    ledger: Ledger
    bus: EventBus
    _townships: list[str] | None = field(default=None, repr=False)
    # The clerk's 显示完整号码 switch; off whenever a database is opened (a new context).
    _show_full_numbers: bool = field(default=False, repr=False)

    def __post_init__(self) -> None:
        self.bus.changed.connect(self._forget)

    def townships(self) -> list[str]:
        if self._townships is None:
            self._townships = self.ledger.settings.townships()
        return self._townships

    def station_choices(self) -> list[tuple[int, str]]:
        """Every live station as (id, "名称（乡镇）") for the activity form's 依托阵地."""
        from models.services import RecordQuery

        stations = self.ledger.stations
        ids = stations.search_ids(RecordQuery(sort="name"), limit=5000)
        return [(s.id, f"{s.name}（{s.township}）") for s in stations.rows(ids)]

    @property
    def can_edit(self) -> bool:
        return self.ledger.actor.can("edit")

    @property
    def can_unmask(self) -> bool:
        """The role may see full numbers (whether it does is `unmasked`)."""
        return self.ledger.privacy.can_unmask()

    @property
    def unmasked(self) -> bool:
        """Show full ID numbers, phones and bank cards: the role allows it AND the clerk asked."""
        return self._show_full_numbers and self.can_unmask

    def set_unmasked(self, on: bool) -> None:
        """Turn the 显示完整号码 switch; turning it on is audited first and refused without the
        permission (PermissionDenied, nothing changes). Every list and view refreshes via the bus."""
        if on == self._show_full_numbers:
            return
        if on:
            self.ledger.privacy.audit_unmasked("界面显示完整的身份证号、电话和银行卡号", use="view")
        self._show_full_numbers = on
        self.bus.announce(PRIVACY, (), "settings")

    def _forget(self, change: Changed) -> None:
        if change.entity in ("townships", "settings", "import_batches"):
            self._townships = None
