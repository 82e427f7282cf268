"""Writes the real-sheets corpus (files + manifest.json) deterministically from one seed.

    python -m tests.data.real_sheets.generate            # into this folder
    python -m tests.data.real_sheets.generate --out DIR  # elsewhere (the tests use a temp dir)

The manifest says, per file, its kind, the files it must follow, and per data row (by sheet and
row number) what a correct import concludes: accepted (with the canonical values it stores and
the wordings it reports as mapped) or refused (with the reason code). See README.md.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from tests.data.real_sheets import (
    _activities,
    _assistance,
    _households,
    _members,
    _stations,
    _usage,
)
from tests.data.real_sheets._book import File
from tests.data.real_sheets._corpus import Corpus
from tests.data.real_sheets._people import People

HERE = Path(__file__).resolve().parent
SEED = 20241231
MANIFEST = "manifest.json"
VERSION = 1


def build(seed: int = SEED) -> list[File]:
    """Every file of the corpus, built in the order their people and stations come into being."""
    corpus = Corpus(People(seed))
    files = [
        _households.h01(corpus),
        _households.h02(corpus),
        _households.h03(corpus),
        _households.h04(corpus),
        _households.h05(corpus),
    ]
    m10, spouse = _members.m10(corpus)
    files += [m10, _households.h06(corpus, spouse), _households.h07(corpus)]
    files += [_households.h08(corpus), _households.h09(corpus)]
    files += [_members.m11(corpus), _members.m12(corpus), _members.m13(corpus)]
    files += [_assistance.a20(corpus), _assistance.a21(corpus), _assistance.a22(corpus)]
    files += [_assistance.a23(corpus)]
    files += [_stations.s30(corpus), _stations.s31(corpus), _stations.s32(corpus)]
    files += [_stations.r40(corpus), _stations.r41(corpus), _stations.r42(corpus)]
    files += [_usage.u50(corpus), _usage.u51(corpus), _usage.u52(corpus)]
    files += [_activities.x60(corpus), _activities.x61(corpus), _activities.x62(corpus)]
    files += [_activities.x63(corpus)]
    return files


def import_order(files: list[File]) -> list[str]:
    """File names so that each comes after every file it names in `after` (ties by name)."""
    pending = {f.name: set(f.after) for f in files}
    order: list[str] = []
    while pending:
        ready = sorted(n for n, deps in pending.items() if deps <= set(order))
        if not ready:
            raise ValueError(f"circular `after` among {sorted(pending)}")
        order.append(ready[0])
        del pending[ready[0]]
    return order


def manifest(files: list[File], seed: int) -> dict[str, Any]:
    names = {f.name for f in files}
    for f in files:
        missing = set(f.after) - names
        assert not missing, (f.name, missing)
    return {
        "version": VERSION,
        "seed": seed,
        "order": import_order(files),
        "files": {f.name: f.manifest() for f in sorted(files, key=lambda f: f.name)},
    }


def write(out: Path = HERE, seed: int = SEED) -> dict[str, Any]:
    """Write every file and manifest.json into `out`; returns the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    files = build(seed)
    for f in files:
        f.write(out)
    data = manifest(files, seed)
    (out / MANIFEST).write_text(
        json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8"
    )
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    data = write(args.out, args.seed)
    rows = sum(len(s["rows"]) for f in data["files"].values() for s in f["sheets"])
    print(f"{len(data['files'])} files, {rows} data rows → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
