"""The import direction of ARCHITECTURE.md holds (import-linter contracts in pyproject.toml), no two
modules import each other round a loop, and the code is ruff-clean."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_import_contracts_hold() -> None:
    # Through the running interpreter, not PATH: a venv used without activating it has no
    # lint-imports on PATH, yet the package is installed and the contracts must still be checked.
    result = _run(
        sys.executable,
        "-c",
        "import sys; from importlinter.cli import lint_imports_command; "
        "sys.exit(lint_imports_command())",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_is_clean() -> None:
    result = _run(sys.executable, "-m", "ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def _contract(name_start: str) -> dict[str, Any]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["name"].startswith(name_start))


def test_every_module_of_models_is_placed_in_a_layer() -> None:
    # The contract lists models/'s rules and storage by name: a module added without a place in
    # it would escape the check silently.
    listed = set(_contract("inside models/")["source_modules"])
    above = {"models.services", "models.demo"}
    here = {
        f"models.{p.stem if p.suffix else p.name}"
        for p in (ROOT / "models").iterdir()
        if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").exists()
    }
    assert here - above == listed


def _cycles(graph: Any) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each a loop of imports."""
    modules = graph.modules
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        on_stack.add(module)
        for other in graph.find_modules_directly_imported_by(module):
            if other not in modules:
                continue
            if other not in order:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], order[other])
        if low[module] == order[module]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for module in sorted(modules):
        if module not in order:
            visit(module)
    return found


def test_no_loop_between_modules() -> None:
    # Imports made at run time, in functions too; `if TYPE_CHECKING:` imports are annotations only.
    import grimp

    graph = grimp.build_graph(
        "models", "reports", "desktop", exclude_type_checking_imports=True, cache_dir=None
    )
    assert _cycles(graph) == []


def test_the_loop_finder_finds_a_loop(tmp_path: Path, monkeypatch: Any) -> None:
    import grimp

    package = tmp_path / "looped"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from looped import b\n")
    (package / "b.py").write_text("from looped import a\n")
    (package / "c.py").write_text("from looped import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("looped", cache_dir=None)
    assert _cycles(graph) == [["looped.a", "looped.b"]]
