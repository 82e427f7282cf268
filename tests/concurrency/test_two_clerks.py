"""Two clerks on one database (two windows, two processes): a conflict, never a lost update."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from models.errors import ConcurrentEdit, DatabaseProblem
from models.schema import Household
from models.services import HouseholdQuery, Ledger
from models.validation import build_id_number
from tests.models.factories import household_values

ROOT = Path(__file__).resolve().parents[2]


def _worker(*args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "tests.concurrency.worker", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _release(barrier: Path, names: list[str], procs: list[subprocess.Popen[str]]) -> None:
    deadline = time.monotonic() + 60
    while not all((barrier / f"ready-{n}").exists() for n in names):
        for p in procs:
            if p.poll() is not None:
                raise AssertionError(p.stderr.read() if p.stderr else "worker died")
        assert time.monotonic() < deadline, "workers never got ready"
        time.sleep(0.01)
    (barrier / "go").touch()


def _outcomes(procs: list[subprocess.Popen[str]]) -> list[dict]:
    found = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        found += [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return found


def test_second_save_of_a_stale_copy_is_a_conflict(db_url: str, ledger: Ledger) -> None:
    h = ledger.households.create(household_values(remarks="原始"))
    other = Ledger.open(db_url)
    try:
        mine, theirs = ledger.households.get(h.id), other.households.get(h.id)
        saved = ledger.households.update(h.id, {"remarks": "甲"}, expected_version=mine.version)
        assert saved.version == mine.version + 1
        with pytest.raises(ConcurrentEdit) as info:
            other.households.update(h.id, {"remarks": "乙"}, expected_version=theirs.version)
        assert info.value.current == saved.version
        assert "已被其他人修改" in info.value.message
        assert ledger.households.get(h.id).remarks == "甲"  # not overwritten
    finally:
        other.close()


def test_two_processes_editing_the_same_record(db_url: str, ledger: Ledger, tmp_path: Path) -> None:
    h = ledger.households.create(household_values(remarks="原始"))
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    procs = [_worker("edit", db_url, str(h.id), who, str(barrier)) for who in ("甲", "乙")]
    _release(barrier, ["甲", "乙"], procs)
    outcomes = _outcomes(procs)
    winners = [o for o in outcomes if o["ok"]]
    losers = [o for o in outcomes if not o["ok"]]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert losers[0]["code"] == "concurrent_edit" and losers[0]["current"] == winners[0]["version"]
    final = ledger.households.get(h.id)
    assert final.remarks == winners[0]["who"] and final.version == winners[0]["version"]


def test_one_active_file_per_person_under_concurrency(
    db_url: str, ledger: Ledger, tmp_path: Path
) -> None:
    import datetime as dt

    people = [
        build_id_number("411602", dt.date(1970, 1, 1) + dt.timedelta(days=37 * i), 11 + i)
        for i in range(15)
    ]
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    procs = [_worker("create", db_url, str(barrier), who, *people) for who in ("甲", "乙")]
    _release(barrier, ["甲", "乙"], procs)
    outcomes = _outcomes(procs)
    for idn in people:
        results = [o for o in outcomes if o["id_number"] == idn]
        assert sorted(o["ok"] for o in results) == [False, True], results
        assert next(o for o in results if not o["ok"])["code"] == "duplicate_person"
    assert ledger.households.count(HouseholdQuery()) == len(people)
    assert ledger.maintenance.check().healthy


@pytest.mark.postgres
def test_stale_orm_write_inside_a_transaction_is_refused_on_postgres(pg_url: str) -> None:
    # On PostgreSQL two transactions really overlap (SQLite serialises writers up front); the
    # version column must turn the second UPDATE into a conflict instead of a lost update.
    first = Ledger.open(pg_url)
    second = Ledger.open(pg_url)
    try:
        h = first.households.create(household_values(remarks="原始"))
        loaded = threading.Event()
        other_done = threading.Event()
        errors: list[BaseException] = []

        def stale_writer() -> None:
            try:
                with second.db.begin() as s:
                    obj = s.get(Household, h.id)
                    assert obj is not None
                    loaded.set()
                    other_done.wait(30)
                    obj.remarks = "乙"
            except BaseException as exc:  # noqa: BLE001 - handed to the test thread
                errors.append(exc)

        t = threading.Thread(target=stale_writer)
        t.start()
        assert loaded.wait(30)
        first.households.update(h.id, {"remarks": "甲"})
        other_done.set()
        t.join(60)
        assert len(errors) == 1 and isinstance(errors[0], ConcurrentEdit), errors
        assert first.households.get(h.id).remarks == "甲"
    finally:
        first.close()
        second.close()


@pytest.mark.sqlite_only
def test_read_only_file_opens_read_only_with_a_notice(db_url: str, tmp_path: Path) -> None:
    ledger = Ledger.open(db_url)
    ledger.households.create(household_values(name="王秀英"))
    path = ledger.db.path
    ledger.close()
    assert path is not None
    os.chmod(path, 0o444)
    try:
        if os.access(path, os.W_OK):
            pytest.skip("以 root 运行时文件权限不起作用")
        viewer = Ledger.open(db_url, read_only_fallback=True)
        try:
            assert viewer.read_only and "只读" in viewer.read_only_reason
            assert viewer.households.count() == 1
            with pytest.raises(DatabaseProblem, match="不能保存修改"):
                viewer.households.create(household_values())
        finally:
            viewer.close()
    finally:
        os.chmod(path, 0o644)


@pytest.mark.sqlite_only
def test_read_only_mode_refuses_writes_and_still_reads(db_url: str) -> None:
    from models.database import connect

    ledger = Ledger.open(db_url)
    ledger.households.create(household_values(name="王秀英"))
    ledger.close()
    db = connect(db_url, read_only_reason="测试：文件只读。")
    viewer = Ledger(db)
    try:
        assert viewer.read_only and viewer.households.count() == 1
        with pytest.raises(DatabaseProblem, match="当前只能查看"):
            viewer.households.create(household_values())
        report = viewer.maintenance.startup()
        assert report.read_only and "只能查看" in report.notices[0]
    finally:
        viewer.close()
