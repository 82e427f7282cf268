"""演示数据: fills an empty database with a realistic fictitious county (桐川县), deterministic per seed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from models.demo.builder import (
        DemoOptions,
        DemoSummary,
        build_demo,
        dibao_standards,
        parse_years,
        refuse_unless_empty,
        window_for,
    )

__all__ = [
    "DemoOptions",
    "DemoSummary",
    "build_demo",
    "dibao_standards",
    "parse_years",
    "refuse_unless_empty",
    "window_for",
]


def __getattr__(name: str) -> Any:
    # Loaded on first use: the welcome page reads the default size (models.demo.calibration) on
    # the GUI thread, and must not pull in the generators, PIL and the importer's matcher with it.
    if name in __all__:
        from models.demo import builder

        return getattr(builder, name)
    raise AttributeError(f"module 'models.demo' has no attribute {name!r}")
