"""Services: each public method is one short transaction for one user action, returning frozen rows."""

from models.services.base import ROLE_ADMIN, ROLE_CLERK, ROLE_VIEWER, ROLES, Actor
from models.services.households import HouseholdQuery
from models.services.ledger import Ledger
from models.services.records import RecordQuery

__all__ = [
    "ROLES",
    "ROLE_ADMIN",
    "ROLE_CLERK",
    "ROLE_VIEWER",
    "Actor",
    "HouseholdQuery",
    "Ledger",
    "RecordQuery",
]
