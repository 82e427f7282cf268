"""Big demo databases shared by the benchmarks, built once and kept on disk between runs.

A 100 000-household county takes about a minute to build, so every benchmark that needs one asks
`demo_database()` for it; the file is cached under the benchmarks folder (UNION_LEDGER_BENCH_DIR,
default: the system temp folder) and keyed by the size, the seed and a hash of the demo generator
and the migrations, so a changed generator or schema never serves a stale database.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_HOUSEHOLDS = 100_000
DEFAULT_SEED = 2025


def bench_dir() -> Path:
    folder = Path(
        os.environ.get("UNION_LEDGER_BENCH_DIR")
        or Path(tempfile.gettempdir()) / "union-ledger-benchmarks"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def code_fingerprint() -> str:
    """Hash of what decides a demo database's content: the generator and the schema."""
    digest = hashlib.sha256()
    sources = sorted((ROOT / "models" / "demo").glob("*.py"))
    sources += sorted((ROOT / "models" / "migrations" / "versions").glob("*.py"))
    for path in sources:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def cached_path(households: int = DEFAULT_HOUSEHOLDS, seed: int = DEFAULT_SEED) -> Path:
    """Where the demo database of this size and seed lives once built (it may not exist yet)."""
    return bench_dir() / f"demo-{households}-{seed}-{code_fingerprint()}" / "demo.sqlite3"


def store(built: Path, households: int, seed: int = DEFAULT_SEED) -> Path:
    """Keep a freshly built demo database (with its photos) as the cached one for this size."""
    target = cached_path(households, seed)
    if target.exists():
        return target
    staging = target.parent.with_name(target.parent.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(built.parent, staging)
    staging.rename(target.parent)
    return target


def demo_database(households: int = DEFAULT_HOUSEHOLDS, seed: int = DEFAULT_SEED) -> Path:
    """The cached demo database of this size, building it first if needed."""
    target = cached_path(households, seed)
    if target.exists():
        return target
    from models.demo import DemoOptions, build_demo
    from models.services import Ledger

    work = Path(tempfile.mkdtemp(prefix="demo-build-", dir=bench_dir())) / "demo.sqlite3"
    ledger = Ledger.open("sqlite:///" + str(work), create=True)
    try:
        build_demo(ledger, DemoOptions(households=households, seed=seed))
    finally:
        ledger.close()
    stored = store(work, households, seed)
    shutil.rmtree(work.parent, ignore_errors=True)
    return stored
