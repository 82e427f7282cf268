"""The Linux bundle: built from a copy of the source tree, that copy deleted, then run from a copy
of the bundle in another folder (cwd elsewhere, PYTHONPATH unset) through the build script's smoke test."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "packaging" / "build.py"
# What a fresh clone holds that the build does not need (the README's screenshots stay out of
# the bundle anyway); caches and earlier builds must not leak into this one.
NOT_COPIED = shutil.ignore_patterns(
    ".git", "tests", "build", "dist", "__pycache__", "*.egg-info", ".*cache*", ".hypothesis"
)

pytestmark = [pytest.mark.bundle, pytest.mark.slow]


@pytest.fixture(scope="module")
def pyinstaller() -> None:
    if os.environ.get("CI"):
        import PyInstaller  # noqa: F401 - CI installs the build extra: missing is a failure there
    else:
        pytest.importorskip("PyInstaller", reason='打包测试需要 pip install -e ".[build]"')


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHONPATH")}
    return subprocess.run(
        command,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=1200,
        check=False,
    )


def test_bundle_runs_from_a_copy_without_the_source_tree(tmp_path: Path, pyinstaller: None) -> None:
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=NOT_COPIED, symlinks=True)
    dist = tmp_path / "dist"
    built = run(
        [
            sys.executable,
            str(source / "packaging" / "build.py"),
            "--dist",
            str(dist),
            "--work",
            str(tmp_path / "work"),
        ],
        cwd=tmp_path,
    )
    assert built.returncode == 0, built.stdout[-4000:] + built.stderr[-4000:]
    last = built.stdout.strip().splitlines()[-1]
    assert last.startswith(f"bundle: {dist / 'union-ledger'} "), last
    assert 50 < float(last.rsplit(" ", 1)[1]) < 1000, last

    shutil.rmtree(source)  # nothing the bundle needs may live in the tree it was built from
    elsewhere = tmp_path / "别的 文件夹" / "工会台账"
    shutil.copytree(dist / "union-ledger", elsewhere, symlinks=True)
    shutil.rmtree(dist)
    cwd = tmp_path / "cwd"
    cwd.mkdir()

    smoked = run([sys.executable, str(BUILD), "--smoke-only", str(elsewhere)], cwd=cwd)
    assert smoked.returncode == 0, smoked.stdout[-6000:] + smoked.stderr[-4000:]
    for step in ("--help", "demo", "stats --json", "report", "export", "窗口"):
        assert any(line.startswith(f"✓ {step}") for line in smoked.stdout.splitlines()), step
    assert smoked.stdout.strip().splitlines()[-1].startswith(f"bundle: {elsewhere} ")
