"""The ORM tables of every record kind; importing this package registers them all on Base.metadata."""

from models.schema.activities import Activity, Photo
from models.schema.audit import AuditEntry, ImportBatch, Operator, ReportParagraph
from models.schema.base import Base, Money
from models.schema.households import (
    Assistance,
    Household,
    HouseholdCause,
    HouseholdMember,
    HouseholdSearch,
    StatusChange,
)
from models.schema.reviews import FollowUp, HouseholdReview, NotSamePerson
from models.schema.settings import DibaoStandard, OfficeVocabularyEntry, Setting, Township
from models.schema.stations import Station, StationFacility, StationFunction, StationUsage

__all__ = [
    "Activity",
    "Assistance",
    "AuditEntry",
    "Base",
    "DibaoStandard",
    "FollowUp",
    "Household",
    "HouseholdCause",
    "HouseholdMember",
    "HouseholdReview",
    "HouseholdSearch",
    "ImportBatch",
    "Money",
    "NotSamePerson",
    "OfficeVocabularyEntry",
    "Operator",
    "Photo",
    "ReportParagraph",
    "Setting",
    "Station",
    "StationFacility",
    "StationFunction",
    "StationUsage",
    "StatusChange",
    "Township",
]
