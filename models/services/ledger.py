"""The entry point to every service: one Ledger per open database and working operator."""

from __future__ import annotations

from models.database import Database, open_database
from models.services.accounts import AccountService
from models.services.activities import ActivityService
from models.services.audit import AuditService
from models.services.base import Actor
from models.services.drafts import DraftService
from models.services.exports import ExportService
from models.services.households import HouseholdService
from models.services.imports import ImportService
from models.services.maintenance import MaintenanceService
from models.services.privacy import PrivacyService
from models.services.recycle import RecycleBin
from models.services.reviews import ReviewService
from models.services.settings import SettingsService
from models.services.stations import StationService
from models.services.vocabulary import VocabularyService


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
        self.imports = ImportService(self)
        self.exports = ExportService(self)
        self.accounts = AccountService(self)
        self.privacy = PrivacyService(self)
        self.maintenance = MaintenanceService(self)
        self.drafts = DraftService(self)
        self.vocabulary = VocabularyService(self)
        self.reviews = ReviewService(self)

    @classmethod
    def open(
        cls,
        url: str | None = None,
        actor: Actor | None = None,
        *,
        read_only_fallback: bool = False,
        create: bool = False,
    ) -> Ledger:
        """Open a database; the window passes `read_only_fallback` to still show an unwritable file.

        A SQLite file that does not exist is created only with `create` (新建台账, `init`,
        `demo`) or when it is the default ledger; otherwise LedgerNotFound.
        """
        return cls(open_database(url, read_only_fallback=read_only_fallback, create=create), actor)

    @property
    def read_only(self) -> bool:
        """True when opened read-only; `read_only_reason` is the notice the window shows."""
        return self.db.read_only

    @property
    def read_only_reason(self) -> str:
        return self.db.read_only_reason

    def as_actor(self, actor: Actor) -> Ledger:
        """The same database, another operator (after login)."""
        return Ledger(self.db, actor)

    def close(self) -> None:
        self.db.dispose()
