"""帮助 → 关于 names the program and its version (the one in pyproject.toml)."""

from __future__ import annotations

from typing import Any

from tests.test_version import pyproject_version


def test_about_shows_the_version(window: Any, answers: Any) -> None:
    window.about_action.trigger()
    assert [(kind, title) for kind, title, _ in answers.shown] == [("inform", "关于工会台账")]
    assert f"版本 {pyproject_version()}" in answers.texts()
