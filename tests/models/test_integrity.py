"""`check`: a healthy database passes; each planted inconsistency is found and named in Chinese."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from models.services import Ledger
from tests.models.factories import household_values

ROOT = Path(__file__).resolve().parents[2]


def _plant(ledger: Ledger, sql: str, **params: object) -> None:
    # Straight past the services, as a broken tool or a hand-edited file would.
    with ledger.db.engine.begin() as conn:
        conn.execute(text(sql), params)


def test_healthy_database_passes(ledger: Ledger) -> None:
    h = ledger.households.create(household_values(family_size=3))
    ledger.households.add_member(h.id, {"name": "张小红", "relation": "子女"})
    ledger.households.add_assistance(
        h.id,
        {"date": "2024-01-10", "category": "生活救助", "cash": "500", "funding_source": "省财政"},
    )
    ledger.households.change_status(
        h.id, "脱困", date="2024-06-01", reason="就业", route="就业创业"
    )
    report = ledger.maintenance.check()
    assert report.findings == [] and report.healthy
    assert ledger.maintenance.check(quick=True).healthy


def test_duplicate_person_across_active_files_is_named(ledger: Ledger) -> None:
    a = ledger.households.create(household_values(name="张建国"))
    b = ledger.households.create(household_values(name="李桂兰"))
    _plant(
        ledger,
        "INSERT INTO household_members (household_id, name, relation, id_number, version, "
        "created_at, updated_at, created_by) VALUES (:h, '张建国', '配偶', :idn, 1, "
        "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '')",
        h=b.id,
        idn=a.id_number,
    )
    for quick in (False, True):
        report = ledger.maintenance.check(quick=quick)
        dup = [f for f in report.findings if f.code == "duplicate_person"]
        assert len(dup) == 1 and not report.healthy
        assert a.file_no in dup[0].problem and b.file_no in dup[0].problem
        assert "张建国" in dup[0].record and "销档" in dup[0].advice
        assert a.id_number not in dup[0].text()  # the ID number is shown masked


def test_status_history_inconsistencies(ledger: Ledger) -> None:
    h = ledger.households.create(household_values(name="王秀英"))
    _plant(ledger, "UPDATE households SET status = '已脱困' WHERE id = :h", h=h.id)
    report = ledger.maintenance.check()
    mismatch = [f for f in report.findings if f.code == "status_mismatch"]
    assert mismatch and h.file_no in mismatch[0].record and "王秀英" in mismatch[0].record
    assert any(f.code == "status_mismatch" for f in ledger.maintenance.check(quick=True).findings)

    # An illegal step (在档 → 在档 by 返困) dated before the filing.
    _plant(ledger, "UPDATE households SET status = '在档' WHERE id = :h", h=h.id)
    _plant(
        ledger,
        "INSERT INTO status_changes (household_id, date, from_status, to_status, action, reason, "
        "operator, recorded_at) VALUES (:h, '2020-01-01', '在档', '在档', '返困', 'x', '', "
        "CURRENT_TIMESTAMP)",
        h=h.id,
    )
    codes = {f.code for f in ledger.maintenance.check().findings}
    assert {"history_illegal", "history_dates"} <= codes


def test_money_and_family_size(ledger: Ledger) -> None:
    h = ledger.households.create(household_values(name="赵大伟", family_size=1))
    ledger.households.add_member(h.id, {"name": "赵小伟", "relation": "子女"})
    aid = ledger.households.add_assistance(
        h.id,
        {"date": "2024-01-10", "category": "生活救助", "cash": "500", "funding_source": "省财政"},
    )
    _plant(ledger, "UPDATE assistance SET cash = -50000 WHERE id = :a", a=aid.id)
    findings = ledger.maintenance.check().findings
    negative = [f for f in findings if f.code == "negative_amount"]
    assert negative and "-500.00" in negative[0].problem and h.file_no in negative[0].record
    size = [f for f in findings if f.code == "family_size"]
    assert size and "2 人" in size[0].problem


@pytest.mark.sqlite_only
def test_damaged_file_is_reported(ledger: Ledger) -> None:
    for i in range(50):
        ledger.households.create(household_values(name=f"职工{i}", remarks="很长的备注" * 100))
    path = ledger.db.path
    assert path is not None
    ledger.db.engine.dispose()
    with ledger.db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    ledger.db.engine.dispose()
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 3, len(data) - 4096, 4096):
        data[offset + 100 : offset + 300] = b"\x00\xff" * 100  # scribble over many pages
    path.write_bytes(bytes(data))
    report = ledger.maintenance.check()
    assert not report.healthy
    assert report.findings[0].code in ("sqlite_corrupt", "foreign_key")
    # SQLite's own English lines go to the log for support, not into the clerk's report.
    for finding in (f for f in report.findings if f.code == "sqlite_corrupt"):
        assert not re.search(r"[A-Za-z]{4,}", finding.problem.replace(str(path), ""))


def _run(*args: str, env_home: Path) -> subprocess.CompletedProcess[str]:
    import os

    env = dict(os.environ, UNION_LEDGER_HOME=str(env_home))
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


@pytest.mark.sqlite_only
def test_cli_check_names_planted_inconsistency(ledger: Ledger, tmp_path: Path) -> None:
    h = ledger.households.create(household_values(name="孙丽娟"))
    db = str(ledger.db.path)
    ok = _run("check", "--db", db, env_home=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert "检查通过" in ok.stdout

    _plant(ledger, "UPDATE households SET status = '已销档' WHERE id = :h", h=h.id)
    bad = _run("check", "--db", db, env_home=tmp_path)
    assert bad.returncode == 1
    assert h.file_no in bad.stdout and "孙丽娟" in bad.stdout and "处理办法" in bad.stdout
    assert "Traceback" not in bad.stdout + bad.stderr

    as_json = _run("check", "--json", "--db", db, env_home=tmp_path)
    assert as_json.returncode == 1
    data = json.loads(as_json.stdout)
    assert data["healthy"] is False and data["findings"][0]["code"] == "status_mismatch"
    assert data["findings"][0]["record_id"] == h.id


@pytest.mark.sqlite_only
def test_cli_check_on_garbage_file_says_so(tmp_path: Path) -> None:
    junk = tmp_path / "不是数据库.sqlite3"
    junk.write_bytes(b"hello" * 500)
    result = _run("check", "--db", str(junk), env_home=tmp_path)
    assert result.returncode == 2
    assert "不是有效的工会台账数据库" in result.stderr and "Traceback" not in result.stderr


def _activity_photo(ledger: Ledger, tmp_path: Path, name: str, start: str) -> Path:
    from PIL import Image

    activity = ledger.activities.create({"name": name, "category": "金秋助学", "start_date": start})
    picture = tmp_path / f"{name}.jpg"
    Image.new("RGB", (40, 30), "blue").save(picture)
    photo = ledger.activities.add_photo(picture, "发放现场", activity_id=activity.id)
    return ledger.activities.photo_file(photo)


def test_a_missing_photo_file_is_named_with_its_activity(
    ledger: Ledger, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import main

    kept = _activity_photo(ledger, tmp_path, "城关镇金秋助学发放", "2025-08-20")
    lost = _activity_photo(ledger, tmp_path, "东城街道金秋助学发放", "2025-08-26")
    assert ledger.maintenance.check().healthy
    lost.unlink()  # the folder cleaned by hand, or the database copied to a new PC without it

    report = ledger.maintenance.check()
    missing = [f for f in report.findings if f.code == "photo_missing"]
    assert len(missing) == 1 and not report.healthy
    assert "东城街道金秋助学发放" in missing[0].record and "2025-08-26" in missing[0].record
    assert lost.name in missing[0].problem and kept.name not in missing[0].text()
    assert "备份" in missing[0].advice

    url = ["--database-url", ledger.db.url]
    assert main.main([*url, "check"]) == 1
    out = capsys.readouterr().out
    assert "东城街道金秋助学发放" in out and lost.name in out and "处理办法" in out
    assert main.main([*url, "check", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    found = [f for f in data["findings"] if f["code"] == "photo_missing"]
    assert len(found) == 1 and "2025-08-26" in found[0]["record"]
