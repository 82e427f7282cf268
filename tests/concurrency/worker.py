"""A second clerk in another process, driven by the concurrency and crash tests.

    python -m tests.concurrency.worker edit URL HOUSEHOLD_ID TEXT BARRIER_DIR
    python -m tests.concurrency.worker create URL BARRIER_DIR ID_NUMBER...
    python -m tests.concurrency.worker bulk URL ACTION IDS_FILE

Prints one JSON line per outcome so the test can read what happened.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from models.errors import LedgerError
from models.services import Actor, Ledger


def _wait_for(path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {path}")
        time.sleep(0.005)


def edit(url: str, household_id: int, text: str, barrier: Path) -> None:
    ledger = Ledger.open(url, Actor(name=text, username=text))
    seen = ledger.households.get(household_id)  # the clerk opens the form …
    (barrier / f"ready-{text}").touch()
    _wait_for(barrier / "go")
    try:  # … and saves after the other clerk may have saved
        row = ledger.households.update(
            household_id, {"remarks": text}, expected_version=seen.version
        )
        print(json.dumps({"who": text, "ok": True, "version": row.version}))
    except LedgerError as exc:
        current = getattr(exc, "current", None)
        print(
            json.dumps(
                {
                    "who": text,
                    "ok": False,
                    "code": exc.code,
                    "current": current,
                    "message": exc.message,
                },
                ensure_ascii=False,
            )
        )
    ledger.close()


def create(url: str, barrier: Path, name: str, id_numbers: list[str]) -> None:
    ledger = Ledger.open(url, Actor(name=name, username=name))
    (barrier / f"ready-{name}").touch()
    _wait_for(barrier / "go")
    for idn in id_numbers:
        values = {
            "name": name,
            "id_number": idn,
            "township": "城关镇",
            "hardship_class": "深度困难",
            "main_cause": "患重特大疾病",
            "filed_date": "2024-03-01",
        }
        try:
            row = ledger.households.create(values)
            print(json.dumps({"id_number": idn, "ok": True, "file_no": row.file_no}))
        except LedgerError as exc:
            print(json.dumps({"id_number": idn, "ok": False, "code": exc.code}))
    ledger.close()


def bulk(url: str, action: str, ids_file: Path) -> None:
    ids = [int(x) for x in ids_file.read_text().split()]
    ledger = Ledger.open(url, Actor(name="批量", username="bulk"))
    print("start", flush=True)
    ledger.households.change_status_many(
        ids, action, date="2025-01-15", reason="批量测试", route="就业创业"
    )
    print("done", flush=True)
    ledger.close()


def main(argv: list[str]) -> None:
    command, url, *rest = argv
    if command == "edit":
        edit(url, int(rest[0]), rest[1], Path(rest[2]))
    elif command == "create":
        create(url, Path(rest[0]), rest[1], rest[2:])
    elif command == "bulk":
        bulk(url, rest[0], Path(rest[1]))
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv[1:])
