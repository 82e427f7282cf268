"""Crash safety: a real process SIGKILLed at random moments leaves the database before or after.

Each trial copies a prepared database, starts the operation in a subprocess, kills it after a
random delay spread over the operation's measured duration, then opens the file and checks that
it is intact and holds exactly the old or exactly the new state.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from models.services import HouseholdQuery, Ledger
from models.validation import build_id_number
from tests.models.factories import household_values

pytestmark = [pytest.mark.sqlite_only, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
TRIALS = int(os.environ.get("UNION_LEDGER_KILL_TRIALS", "10"))


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ, UNION_LEDGER_HOME=str(home), PYTHONPATH=str(ROOT))
    env.pop("UNION_LEDGER_PASSWORD", None)
    return env


def _fill(db: Path, start: int, count: int) -> None:
    """Many households in one transaction (the service's batch path), with long remarks so the
    file is big enough for a kill to land in the middle of a copy."""
    ledger = Ledger.open(f"sqlite:///{db}", create=True)
    try:
        with ledger.db.begin() as s:
            for i in range(start, start + count):
                idn = build_id_number("411602", dt.date(1960, 1, 1) + dt.timedelta(days=i), i % 997)
                values = household_values(
                    name=f"职工{i}", id_number=idn, remarks=f"第{i}户" + "情况说明" * 300
                )
                clean = ledger.households.clean_household(values, partial=False)
                ledger.households.create_in(s, clean)
    finally:
        ledger.close()


def _state(db: Path) -> tuple[int, int, int]:
    """(households, 已脱困 files, status changes) after checking the file is intact."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchone() is None
        return (
            conn.execute("SELECT count(*) FROM households").fetchone()[0],
            conn.execute("SELECT count(*) FROM households WHERE status = '已脱困'").fetchone()[0],
            conn.execute("SELECT count(*) FROM status_changes").fetchone()[0],
        )
    finally:
        conn.close()


def _healthy(db: Path) -> None:
    ledger = Ledger.open(f"sqlite:///{db}")
    try:
        report = ledger.maintenance.check()
        assert report.healthy, [f.text() for f in report.findings]
    finally:
        ledger.close()


def _kill_trials(
    template: Path,
    work: Path,
    command: Callable[[Path], list[str]],
    *,
    seed: int,
    state: Callable[[Path], tuple[int, ...]] = _state,
) -> list[tuple[float, tuple[int, ...]]]:
    """Run the command once to time it, then TRIALS times killed at random points; `state` says
    what each trial's database holds."""
    rng = random.Random(seed)
    timing = work / "timing.sqlite3"
    shutil.copy(template, timing)
    began = time.monotonic()
    done = subprocess.run(
        command(timing), env=_env(work), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    duration = time.monotonic() - began
    untouched = state(template)
    results: list[tuple[float, tuple[int, ...]]] = []
    # The timing run may have met a quiet machine and the trials a busy one (or the reverse), so
    # one measurement cannot place the kills. After the first TRIALS, while every kill has landed
    # on one side of the commit, move the window towards the other side: later if all were
    # before, earlier if all were after. The test then always sees both outcomes.
    for trial in range(TRIALS * 3):
        if trial >= TRIALS:
            if len({state for _, state in results}) >= 2:
                break
            duration *= 1.5 if results[-1][1] == untouched else 0.6
        db = work / f"trial{trial}.sqlite3"
        shutil.copy(template, db)
        proc = subprocess.Popen(
            command(db), env=_env(work), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        # Half the kills anywhere, half in the last stretch where the data is written and committed.
        low = 0.1 if trial % 2 == 0 else duration * 0.6
        delay = rng.uniform(low, duration * 1.02)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        results.append((delay, state(db)))
        _healthy(db)
    return results


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, tuple, tuple]:
    """A database with 1200 files (old state) and a backup of it with 600 (restored state)."""
    folder = tmp_path_factory.mktemp("kill")
    db = folder / "template.sqlite3"
    _fill(db, 0, 600)
    backup = folder / "backup.sqlite3"
    conn, dest = sqlite3.connect(db), sqlite3.connect(backup)
    conn.backup(dest)
    conn.close(), dest.close()
    _fill(db, 600, 600)
    return db, backup, _state(db), _state(backup)


def test_kill_during_restore(big_db: tuple, tmp_path: Path) -> None:
    template, backup, before, after = big_db

    def command(db: Path) -> list[str]:
        return [
            sys.executable,
            str(ROOT / "main.py"),
            "restore",
            str(backup),
            "--yes",
            "--db",
            str(db),
        ]

    results = _kill_trials(template, tmp_path, command, seed=6)
    states = {state for _, state in results}
    assert states <= {before, after}, results
    # The random points must have landed on both sides, or the test proved nothing.
    assert len(states) == 2, f"所有杀进程时刻都落在同一侧：{results}"


def test_kill_during_bulk_status_change(big_db: tuple, tmp_path: Path) -> None:
    template, _backup, before, _after = big_db
    conn = sqlite3.connect(template)
    ids = [r[0] for r in conn.execute("SELECT id FROM households ORDER BY id LIMIT 300")]
    conn.close()
    ids_file = tmp_path / "ids.txt"
    ids_file.write_text(" ".join(map(str, ids)))
    changed = (before[0], len(ids), before[2] + len(ids))

    def command(db: Path) -> list[str]:
        return [
            sys.executable,
            "-m",
            "tests.concurrency.worker",
            "bulk",
            f"sqlite:///{db}",
            "脱困",
            str(ids_file),
        ]

    results = _kill_trials(template, tmp_path, command, seed=7)
    states = {state for _, state in results}
    assert states <= {before, changed}, results
    assert len(states) == 2, f"所有杀进程时刻都落在同一侧：{results}"


def test_bulk_status_change_is_all_or_nothing_and_backed_up_first(ledger: Ledger) -> None:
    a = ledger.households.create(household_values(name="甲"))
    b = ledger.households.create(household_values(name="乙"))
    ledger.households.change_status(b.id, "销档", date="2024-05-01", reason="退休")
    from models.errors import ForbiddenTransition

    with pytest.raises(ForbiddenTransition):
        ledger.households.change_status_many(
            [a.id, b.id], "脱困", date="2024-06-01", reason="就业", route="就业创业"
        )
    assert ledger.households.get(a.id).status == "在档"  # the first one was rolled back too
    assert any("批量修改前" in b.path.name for b in ledger.maintenance.backups())
    assert ledger.households.count(HouseholdQuery(status="已脱困")) == 0


def _roster(path: Path, start: int, count: int) -> None:
    import openpyxl

    from models.fields import label_of

    fields = [
        "name",
        "id_number",
        "township",
        "hardship_class",
        "main_cause",
        "filed_date",
        "family_size",
        "remarks",
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "困难职工"
    ws.append([label_of(f, "households") for f in fields])
    for i in range(start, start + count):
        idn = build_id_number("411602", dt.date(1960, 1, 1) + dt.timedelta(days=i), i % 997)
        ws.append(
            [f"职工{i}", idn, "城关镇", "深度困难", "患重特大疾病", "2024-03-01", 3, "说明" * 20]
        )
    wb.save(path)


def _batches(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM import_batches").fetchone()[0]
    finally:
        conn.close()


def test_kill_during_import_leaves_no_partial_batch(big_db: tuple, tmp_path: Path) -> None:
    template, _backup, before, _after = big_db
    roster = tmp_path / "花名册.xlsx"
    new = 4000
    _roster(roster, 5000, new)
    imported = (before[0] + new, before[1], before[2] + new)

    def command(db: Path) -> list[str]:
        return [
            sys.executable,
            str(ROOT / "main.py"),
            "import",
            "households",
            str(roster),
            "--db",
            str(db),
        ]

    results = _kill_trials(template, tmp_path, command, seed=8)
    states = {state for _, state in results}
    assert states <= {before, imported}, results
    assert len(states) == 2, f"所有杀进程时刻都落在同一侧：{results}"
    for trial, (_, state) in enumerate(results):
        # The batch row and its records go together: a batch exists exactly when rows arrived.
        assert _batches(tmp_path / f"trial{trial}.sqlite3") == (1 if state == imported else 0)


def _aid_state(db: Path) -> tuple[int, ...]:
    """(aid payments, their audit entries, import batches) after checking the file is intact."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchone() is None
        return tuple(
            conn.execute(sql).fetchone()[0]
            for sql in (
                "SELECT count(*) FROM assistance",
                "SELECT count(*) FROM audit_log WHERE entity = 'assistance'",
                "SELECT count(*) FROM import_batches",
            )
        )
    finally:
        conn.close()


def test_kill_during_a_chunked_aid_import_leaves_no_partial_batch(
    big_db: tuple, tmp_path: Path
) -> None:
    """Aid rows go through the chunked applier (new records written chunk by chunk): a kill
    anywhere leaves none of them, or all with their audit entries and batch."""
    import openpyxl

    template = big_db[0]
    sheet = tmp_path / "送温暖发放表.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "慰问类别", "慰问金（元）", "资金来源", "发放日期"])
    payments = 4
    for i in range(1200):
        idn = build_id_number("411602", dt.date(1960, 1, 1) + dt.timedelta(days=i), i % 997)
        for k in range(payments):
            ws.append([f"职工{i}", idn, "春节慰问", f"{500 + k}元", "县总拨付", f"2024.1.{k + 1}"])
    wb.save(sheet)
    imported = (1200 * payments, 1200 * payments, 1)

    def command(db: Path) -> list[str]:
        return [sys.executable, str(ROOT / "main.py"), "import", "assistance", str(sheet),
                "--db", str(db)]  # fmt: skip

    results = _kill_trials(template, tmp_path, command, seed=11, state=_aid_state)
    states = {state for _, state in results}
    assert states <= {(0, 0, 0), imported}, results
    assert len(states) == 2, f"所有杀进程时刻都落在同一侧：{results}"
