"""演示数据: fills an empty database with a realistic fictitious county (桐川县), deterministic per seed."""

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
