"""The voice measures of the five seed articles, checked in as seed_metrics.json for CI.

The seed articles (../shared/seeds, next to the project) are not part of a clean checkout, so the
voice test reads their measures from seed_metrics.json. Derived with

    python -m tests.reports.summary.seed_metrics            # rewrite seed_metrics.json
    python -m tests.reports.summary.seed_metrics --check    # exit 1 when it is stale

which runs voice_metrics.measure(prose(text)) on each seed file; test_voice re-derives them
whenever the seeds are present and fails when the checked-in file no longer matches.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from tests.reports.summary.voice_metrics import Voice, measure, prose

SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"
METRICS_FILE = Path(__file__).with_name("seed_metrics.json")
DIGITS = 6  # rounding of the stored ratios: enough to tell a changed seed, stable across runs
HOW = "python -m tests.reports.summary.seed_metrics: voice_metrics.measure(prose(text)) per seed"


def _rounded(voice: Voice) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in dataclasses.asdict(voice).items():
        if key == "tautologies":  # the phrases are the seed's own words: only how many
            out["tautologies"] = len(value)
        elif isinstance(value, float):
            out[key] = round(value, DIGITS)
        else:
            out[key] = value
    return out


def derive(folder: Path = SEEDS) -> dict[str, Any]:
    """The measures of every seed article in `folder`, with each file's SHA-256."""
    seeds = {}
    for path in sorted(folder.glob("*.txt")):
        data = path.read_bytes()
        seeds[path.name] = {
            "sha256": hashlib.sha256(data).hexdigest(),
            **_rounded(measure(prose(data.decode("utf-8")))),
        }
    return {"derived_by": HOW, "seeds": seeds}


def checked_in() -> dict[str, Any]:
    return json.loads(METRICS_FILE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _write(metrics: dict[str, Any]) -> None:
    text = json.dumps(metrics, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    METRICS_FILE.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare, write nothing")
    options = parser.parse_args(argv)
    metrics = derive()
    if not metrics["seeds"]:
        print(f"no seed articles at {SEEDS}", file=sys.stderr)
        return 2
    if options.check:
        stale = metrics != checked_in()
        print(f"{METRICS_FILE.name}: {'stale' if stale else 'current'}")
        return 1 if stale else 0
    _write(metrics)
    print(f"wrote {METRICS_FILE} ({len(metrics['seeds'])} seeds)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
