"""Imports the real-sheets corpus through the app's import path and compares it with the manifest.

Used by tests/reports/excel/test_real_sheets.py (row by row), by the real_sheets benchmark and,
for the baseline figure, from the command line:

    python -m tests.reports.excel.real_sheets_check [--verbose]

A row agrees when its outcome is the manifest's (accepted, or refused with the same report code)
and, for an accepted row, every stored value and every reported mapping the manifest names is
there. The stored values are read back through the ORM (tests may; the app's code is not used
to decide what is right).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from tests.data.real_sheets import generate

KINDS = ("households", "members", "assistance", "stations", "reststops", "usage", "activities")


@dataclass
class RowVerdict:
    file: str
    kind: str
    sheet: str
    row: int
    expected: dict[str, Any]
    outcome: str = "missing"  # accepted | refused | partial | missing (never reached the importer)
    code: str | None = None  # the report's code of a refused row
    problems: list[str] = field(default_factory=list)  # why it disagrees, in words
    unreported: list[str] = field(default_factory=list)  # expected mappings the report lacks

    @property
    def agrees(self) -> bool:
        return not self.problems and not self.unreported

    @property
    def stored_agrees(self) -> bool:
        """Outcome and stored values right, whether or not the mappings were reported."""
        return not self.problems

    @property
    def outcome_agrees(self) -> bool:
        if self.expected["accept"]:
            return self.outcome == "accepted"
        return self.outcome == "refused" and self.code == self.expected["code"]


@dataclass
class FileRun:
    name: str
    kind: str
    verdicts: list[RowVerdict]
    error: str | None = None  # the file itself was refused
    mapped: list[dict[str, Any]] | None = None  # the report's `mapped` list (None: not reported)


def corpus(out: Path) -> tuple[Path, dict[str, Any]]:
    """Generate the corpus into `out` and return the folder and its manifest."""
    return out, generate.write(out)


def closure(manifest: dict[str, Any], name: str) -> list[str]:
    """The files `name` depends on (transitively), in import order, without `name` itself."""
    files, need = manifest["files"], set()
    todo = list(files[name]["after"])
    while todo:
        dep = todo.pop()
        if dep not in need:
            need.add(dep)
            todo += files[dep]["after"]
    return [n for n in manifest["order"] if n in need]


def import_file(ledger: Any, path: Path, kind: str) -> tuple[Any, Any, set[tuple[str, int]]]:
    """Import through the public path (open_workbook → parse_workbook → imports.apply)."""
    from reports.excel.parse import parse_workbook
    from reports.excel.reading import open_workbook

    seen: set[tuple[str, int]] = set()

    def watch(rows: Iterable[Any]) -> Iterator[Any]:
        for row in rows:
            seen.add((row.sheet, row.row))
            yield row

    with open_workbook(path) as book:
        parsed = parse_workbook(kind, book)
        result = ledger.imports.apply(kind, watch(parsed.rows), file_name=path.name)
    return parsed, result, seen


def run_file(ledger: Any, folder: Path, manifest: dict[str, Any], name: str) -> FileRun:
    """Import one file into `ledger` and judge each of its data rows against the manifest."""
    from reports.cli.excel import import_json

    spec = manifest["files"][name]
    kind = spec["kind"]
    verdicts = [
        RowVerdict(name, kind, sheet["name"], int(row), expected)
        for sheet in spec["sheets"]
        for row, expected in sheet["rows"].items()
    ]
    try:
        parsed, result, seen = import_file(ledger, folder / name, kind)
    except Exception as exc:  # noqa: BLE001 - a refused file is a finding, not a crash
        for v in verdicts:
            v.problems.append(f"file refused: {type(exc).__name__}: {exc}")
        return FileRun(name, kind, verdicts, error=str(exc))
    report = import_json(result, parsed, folder / name)
    rejected: dict[tuple[str, int], list[Any]] = {}
    for r in result.rejected:
        rejected.setdefault((r.row.sheet, r.row.row), []).append(r)
    for v in verdicts:
        _judge_outcome(v, seen, rejected)
    mapped = report.get("mapped")
    with ledger.db.read() as session:
        for v in verdicts:
            if v.expected["accept"] and v.outcome == "accepted":
                _judge_values(session, v)
            if v.expected["accept"]:
                _judge_mapped(v, mapped)
    return FileRun(name, kind, verdicts, mapped=mapped)


def _judge_outcome(
    v: RowVerdict, seen: set[tuple[str, int]], rejected: dict[tuple[str, int], list[Any]]
) -> None:
    key = (v.sheet, v.row)
    refusals = rejected.get(key, [])
    if key not in seen:
        v.outcome = "missing"
    elif not refusals:
        v.outcome = "accepted"
    else:
        v.outcome = "refused"
        v.code = refusals[0].code
        messages = "；".join(r.message for r in refusals)
        if v.expected["accept"]:
            v.problems.append(f"refused ({v.code}: {messages}), a clerk would accept it")
            return
    if v.expected["accept"]:
        if v.outcome == "missing":
            v.problems.append("never read as a data row")
        return
    want = v.expected["code"]
    if v.outcome != "refused":
        v.problems.append(f"{v.outcome}, should be refused as {want} ({v.expected['defect']})")
    elif v.code != want:
        v.problems.append(f"refused as {v.code}, should be {want} ({v.expected['defect']})")


# ---- stored values ------------------------------------------------------------------------------


def _judge_values(session: Any, v: RowVerdict) -> None:
    locate, expect = v.expected["locate"], dict(v.expected.get("expect", {}))
    record, extra = _locate(session, v.kind, locate, as_head=bool(v.expected.get("as_head")))
    if record is None:
        v.problems.append(f"accepted but no stored record found by {locate}")
        return
    if v.expected.get("as_head"):
        if extra:
            v.problems.append("the head's own 本人/户主 row was stored as a family member")
        return
    for field_name, want in expect.items():
        got = _stored(session, v.kind, record, field_name)
        if not _matches(got, want):
            v.problems.append(f"{field_name}: stored {got!r}, expected {want!r}")


def _locate(
    session: Any, kind: str, locate: dict[str, Any], *, as_head: bool = False
) -> tuple[Any, Any]:
    from models.schema import (
        Activity,
        Assistance,
        Household,
        HouseholdMember,
        Station,
    )

    def household(id_number: str) -> Any:
        return session.scalar(
            select(Household).where(
                Household.id_number == id_number, Household.deleted_at.is_(None)
            )
        )

    if kind == "households":
        return household(locate["id_number"]), None
    if kind in ("members", "assistance"):
        h = household(locate["head_id_number"])
        if h is None:
            return None, None
        if kind == "assistance":
            day = dt.date.fromisoformat(locate["date"])
            aid = session.scalars(
                select(Assistance).where(
                    Assistance.household_id == h.id,
                    Assistance.date == day,
                    Assistance.deleted_at.is_(None),
                )
            ).first()
            return aid, None
        live = select(HouseholdMember).where(
            HouseholdMember.household_id == h.id, HouseholdMember.deleted_at.is_(None)
        )
        if as_head:  # found as the household; it must not be stored as a member as well
            twin = session.scalars(
                live.where(
                    (HouseholdMember.id_number == h.id_number) | (HouseholdMember.name == h.name)
                )
            ).first()
            return h, twin
        return session.scalars(live.where(HouseholdMember.name == locate["name"])).first(), None
    if kind in ("stations", "reststops", "usage"):
        return (
            session.scalars(
                select(Station).where(
                    Station.name == locate["name"],
                    Station.township == locate["township"],
                    Station.deleted_at.is_(None),
                )
            ).first(),
            None,
        )
    if kind == "activities":
        day = dt.date.fromisoformat(locate["start_date"])
        return (
            session.scalars(
                select(Activity).where(
                    Activity.name == locate["name"],
                    Activity.start_date == day,
                    Activity.place == locate["place"],
                    Activity.deleted_at.is_(None),
                )
            ).first(),
            None,
        )
    raise KeyError(kind)


def _stored(session: Any, kind: str, record: Any, field_name: str) -> Any:
    from models.schema import StationUsage

    if field_name == "secondary_causes":
        return [c.cause for c in record.secondary_causes]
    if field_name == "facilities":
        return [f.facility for f in record.facilities]
    if field_name == "functions":
        return [f.function for f in record.functions]
    if field_name == "usage":
        entries = session.scalars(
            select(StationUsage).where(
                StationUsage.station_id == record.id, StationUsage.deleted_at.is_(None)
            )
        ).all()
        return {f"{u.year}-{u.month:02d}": u.visits for u in entries}
    return getattr(record, field_name)


def _matches(got: Any, want: Any) -> bool:
    if isinstance(want, dict) and "any_of" in want:
        return any(_matches(got, option) for option in want["any_of"])
    if isinstance(want, dict) and "contains" in want:
        return isinstance(got, str) and want["contains"] in got
    if isinstance(want, dict):  # usage: every expected month is stored with that count
        return isinstance(got, dict) and all(got.get(k) == n for k, n in want.items())
    if isinstance(want, list):
        return isinstance(got, list) and sorted(got) == sorted(want)
    if isinstance(got, Decimal) or (isinstance(want, str) and _is_amount(want) and got is not None):
        try:
            return Decimal(str(got)) == Decimal(str(want))
        except ArithmeticError:
            return False
    if isinstance(got, dt.date):
        return got.isoformat() == want
    return got == want


def _is_amount(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return "." in text


def _judge_mapped(v: RowVerdict, mapped: list[dict[str, Any]] | None) -> None:
    for want in v.expected.get("mapped", []):
        if mapped is None:
            v.unreported.append(
                f"mapping {want['field']} “{want['value']}” → {want['to']} not reported "
                "(the import report has no `mapped` list)"
            )
            continue
        if not any(_same_mapping(entry, want) for entry in mapped):
            v.unreported.append(
                f"mapping {want['field']} “{want['value']}” → {want['to']} ({want['how']}) "
                "not in the report's `mapped` list"
            )


MATCHED = {"synonym", "fuzzy", "office"}  # a list value was found for the wording
UNMATCHED = {"other", "unmatched"}  # none was: 其他 or blank, the wording kept


def _same_mapping(entry: dict[str, Any], want: dict[str, Any]) -> bool:
    """The report's entry says what the manifest expects: same cell wording, same list value,
    and a match (synonym or fuzzy: which of the two is the implementation's business) or no
    match (other), as the manifest says."""
    if entry.get("field") != want["field"] or entry.get("value") != want["value"]:
        return False
    to, how = entry.get("to"), entry.get("how")
    if want.get("how") in MATCHED and how not in MATCHED:
        return False
    if want.get("how") == "other" and how not in UNMATCHED and to != want.get("to"):
        return False
    return want.get("to") is None or to == want["to"] or (isinstance(to, list) and want["to"] in to)


# ---- the whole corpus ---------------------------------------------------------------------------


def run_corpus(db_url: str, folder: Path, manifest: dict[str, Any]) -> list[FileRun]:
    """Every file in import order into ONE ledger (the benchmark's and the baseline's way)."""
    from models.services import Ledger

    ledger = Ledger.open(db_url)
    try:
        return [run_file(ledger, folder, manifest, name) for name in manifest["order"]]
    finally:
        ledger.close()


def summary(runs: list[FileRun]) -> dict[str, Any]:
    """Figures over the corpus: rows, agreement, accepted vs. what a clerk would accept, mappings."""
    verdicts = [v for run in runs for v in run.verdicts]
    out: dict[str, Any] = {
        "files": len(runs),
        "files_refused": sum(run.error is not None for run in runs),
        "rows": len(verdicts),
        "rows_agreeing": sum(v.agrees for v in verdicts),
        "rows_outcome_agreeing": sum(v.outcome_agrees for v in verdicts),
        "rows_stored_right": sum(v.stored_agrees for v in verdicts),
        "rows_a_clerk_would_accept": sum(v.expected["accept"] for v in verdicts),
        "rows_accepted": sum(v.outcome == "accepted" for v in verdicts),
        "good_rows_accepted": sum(
            v.expected["accept"] and v.outcome == "accepted" for v in verdicts
        ),
        "bad_rows_refused_with_right_code": sum(
            (not v.expected["accept"]) and v.outcome_agrees for v in verdicts
        ),
        "rows_a_clerk_would_refuse": sum(not v.expected["accept"] for v in verdicts),
        "mapped_values_expected": sum(len(v.expected.get("mapped", [])) for v in verdicts),
        "mapped_values_reported": sum(len(run.mapped or []) for run in runs),
        "mapped_how_expected": dict(
            Counter(m["how"] for v in verdicts for m in v.expected.get("mapped", []))
        ),
        "mapped_how_reported": dict(
            Counter(m.get("how") for run in runs for m in run.mapped or [])
        ),
    }
    out["by_kind"] = {
        kind: {
            "rows": sum(v.kind == kind for v in verdicts),
            "agreeing": sum(v.kind == kind and v.agrees for v in verdicts),
            "would_accept": sum(v.kind == kind and v.expected["accept"] for v in verdicts),
            "accepted": sum(v.kind == kind and v.outcome == "accepted" for v in verdicts),
        }
        for kind in KINDS
    }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Baseline: how many corpus rows agree today.")
    parser.add_argument("--verbose", action="store_true", help="list every disagreeing row")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="real-sheets-") as tmp:
        folder, manifest = corpus(Path(tmp))
        db = folder / "ledger.sqlite3"
        db.touch()
        runs = run_corpus(f"sqlite:///{db}", folder, manifest)
    if args.verbose:
        for run in runs:
            for v in run.verdicts:
                if not v.agrees:
                    print(
                        f"{v.file} [{v.sheet}] row {v.row}: "
                        + " | ".join(v.problems + v.unreported)
                    )
    print(json.dumps(summary(runs), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
