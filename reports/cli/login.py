"""Command-line login: with no accounts defined the single clerk acts as 管理员 (issue 6 adds accounts)."""

from __future__ import annotations

from models.services import Actor, Ledger


def login_for_cli(ledger: Ledger, username: str | None) -> Ledger:
    return ledger.as_actor(Actor(name=username or "", username=username or ""))
