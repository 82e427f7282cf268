"""Privacy policy: who may see ID numbers, phones and bank cards in full, and the audit of each time."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from models.kinds import masked_names
from models.services.base import Service

R = TypeVar("R")

# Which fields of a frozen row are personal numbers, and how each is masked (models.kinds).
MASKERS = masked_names()

# How an unmasked use is named in the audit trail (audit.ACTION_LABELS has the Chinese words).
UNMASK_ACTIONS = {"export": "export_unmasked", "print": "print_unmasked", "view": "view_unmasked"}


class PrivacyService(Service):
    """Masked by default everywhere; full numbers only for a role with 'unmask', and always audited."""

    def can_unmask(self) -> bool:
        return self.actor.can("unmask")

    def require_unmask(self) -> None:
        self.require("unmask")

    def audit_unmasked(self, what: str, *, use: str = "export", detail: str | None = None) -> None:
        """Check the permission and record one unmasked export, print or view (raises if refused).

        Call it before writing the file or showing the numbers, so a refusal leaves nothing behind.
        `what` names the output (e.g. "困难职工档案花名册 → 花名册.xlsx").
        """
        self.require("unmask")
        action = UNMASK_ACTIONS.get(use, "export_unmasked")
        with self.ledger.db.begin() as s:
            self.audit(
                s, action, "exports" if use != "print" else "reports", None, what, note=detail
            )

    def masked(self, row: R, *, unmask: bool = False) -> R:
        """The row with its personal numbers masked, unless `unmask` is asked for and allowed.

        Asking for unmasked values without the permission raises PermissionDenied; the caller audits
        the unmasked use once per export/print (not once per row).
        """
        if unmask:
            self.require("unmask")
            return row
        return mask_row(row)


def mask_row(row: Any) -> Any:
    """A copy of a frozen dataclass row with every personal number masked (others unchanged)."""
    if not dataclasses.is_dataclass(row):
        return row
    names = {f.name for f in dataclasses.fields(row)}
    changes = {
        name: mask(getattr(row, name))
        for name, mask in MASKERS.items()
        if name in names and getattr(row, name)
    }
    return dataclasses.replace(row, **changes) if changes else row  # type: ignore[type-var]
