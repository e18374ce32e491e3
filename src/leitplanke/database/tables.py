"""Every table of the application in one metadata, for migrations and tests."""

from leitplanke.accounts.tables import LoginAttempt, LoginSession, User
from leitplanke.assessments.tables import DecisionRecord, PresenceAssessment
from leitplanke.audit.tables import AuditEntry
from leitplanke.database.base import Base
from leitplanke.registry.tables import (
    Authority,
    ContactPoint,
    Person,
    Presence,
    PresenceMember,
    Unit,
)
from leitplanke.scan.tables import ScanJob

__all__ = [
    "METADATA",
    "AuditEntry",
    "Authority",
    "ContactPoint",
    "DecisionRecord",
    "LoginAttempt",
    "LoginSession",
    "Person",
    "Presence",
    "PresenceAssessment",
    "PresenceMember",
    "ScanJob",
    "Unit",
    "User",
]

METADATA = Base.metadata
