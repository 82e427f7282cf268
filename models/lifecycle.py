"""The household file lifecycle: which status changes are allowed and what each one needs."""

from __future__ import annotations

from dataclasses import dataclass

ON_FILE = "在档"
LIFTED = "已脱困"
CLOSED = "已销档"
STATUSES = (ON_FILE, LIFTED, CLOSED)
ACTIVE_STATUSES = (ON_FILE, LIFTED)  # a lifted file can reopen (返困), so it still holds its people

FILE = "建档"
LIFT = "脱困"
CLOSE = "销档"
RETURN = "返困"


@dataclass(frozen=True)
class Transition:
    action: str
    source: str
    target: str
    needs: str | None  # the extra value the action requires: a 脱困路径 or a 销档原因
    button: str  # what the window's button says


TRANSITIONS: tuple[Transition, ...] = (
    Transition(LIFT, ON_FILE, LIFTED, "lift_route", "标记脱困"),
    Transition(CLOSE, ON_FILE, CLOSED, "close_reason", "销档"),
    Transition(RETURN, LIFTED, ON_FILE, None, "返困"),
)


def allowed_from(status: str) -> tuple[Transition, ...]:
    return tuple(t for t in TRANSITIONS if t.source == status)


def find(action: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.action == action), None)
