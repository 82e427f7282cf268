"""Waiting for a lock another program holds, for as long as the caller chose, saying now and then
that it still waits (the command line's import); then DatabaseBusy, with nothing written."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from models.errors import DatabaseBusy


@dataclass(frozen=True)
class LockWait:
    """How long to wait for the lock, and whom to tell how long it has waited so far (seconds).

    `note` is called as soon as the lock is found taken, then every `every` seconds.
    """

    seconds: float
    note: Callable[[float], None]
    every: float = 5.0
    # How long one attempt waits inside the database before the clock is looked at again.
    step: float = 1.0

    def start(self) -> Waiting:
        return Waiting(self)


@dataclass
class Waiting:
    """One wait under way: `retry(pause)` after each attempt that found the lock taken."""

    policy: LockWait
    started: float = field(default_factory=time.monotonic)
    _next_note: float = 0.0

    def retry(self, pause: float) -> None:
        """Note the wait when due, sleep `pause`, or raise DatabaseBusy once the time is up."""
        waited = time.monotonic() - self.started
        if waited >= self.policy.seconds:
            raise DatabaseBusy(waited)
        if waited >= self._next_note:
            self.policy.note(waited)
            self._next_note = waited + self.policy.every
        time.sleep(min(pause, self.policy.seconds - waited))
