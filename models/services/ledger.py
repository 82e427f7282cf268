"""The entry point to every service: one Ledger per open database and working operator."""

from __future__ import annotations

from models.database import Database, open_database
from models.services.activities import ActivityService
from models.services.audit import AuditService
from models.services.base import Actor
from models.services.households import HouseholdService
from models.services.recycle import RecycleBin
from models.services.settings import SettingsService
from models.services.stations import StationService


class Ledger:
    """What the window, the importer and the command line talk to; never hands out ORM objects."""

    def __init__(self, db: Database, actor: Actor | None = None) -> None:
        self.db = db
        self.actor = actor or Actor()
        self.households = HouseholdService(self)
        self.stations = StationService(self)
        self.activities = ActivityService(self)
        self.settings = SettingsService(self)
        self.audit = AuditService(self)
        self.recycle = RecycleBin(self)

    @classmethod
    def open(cls, url: str | None = None, actor: Actor | None = None) -> Ledger:
        return cls(open_database(url), actor)

    def as_actor(self, actor: Actor) -> Ledger:
        """The same database, another operator (after login)."""
        return Ledger(self.db, actor)

    def close(self) -> None:
        self.db.dispose()
