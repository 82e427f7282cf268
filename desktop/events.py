"""The app-wide signal bus: mutations announce what changed, each view decides whether to refresh."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

# The entity a `Changed` names when the 显示完整号码 switch turns: views re-render personal numbers.
PRIVACY = "privacy"


@dataclass(frozen=True)
class Changed:
    """What one user action changed: the audit entity name ("households", "stations" …) and ids."""

    entity: str
    ids: tuple[int, ...] = ()
    action: str = "update"  # create / update / delete / status / import / settings
    related: tuple[str, ...] = field(default=())  # other entities whose figures moved too


class EventBus(QObject):
    """One instance per window; views connect to `changed` and to the navigation requests."""

    changed = Signal(object)  # Changed
    open_household = Signal(int)  # ask the window to open a household file view
    open_record = Signal(str, int)  # entity, id: open a station/activity form
    show_list = Signal(str, object)  # screen key, filter dict: e.g. a dashboard figure clicked
    status_message = Signal(str)

    def announce(
        self,
        entity: str,
        ids: tuple[int, ...] = (),
        action: str = "update",
        related: tuple[str, ...] = (),
    ) -> None:
        self.changed.emit(Changed(entity, tuple(ids), action, tuple(related)))
