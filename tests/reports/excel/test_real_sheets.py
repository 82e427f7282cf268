"""The real-sheets corpus (tests/data/real_sheets) imports, row by row, the way its manifest says.

Each file is imported through the app's import path into a fresh ledger, after the files it
depends on (members and aid need their households, 服务人次 its stations); then every data row is
held to the manifest: accepted or refused with the manifest's reason code, and for an accepted
row the canonical values stored and the wordings reported as mapped. The expectations come from
DOMAIN.md and the researched wordings (tests/data/real_sheets/SOURCES.md), not from the app.

`python -m tests.reports.excel.real_sheets_check --verbose` prints the same verdicts for the
whole corpus imported into one ledger, with the reason of every row that disagrees.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest

from reports.excel.safety import FileRefused
from tests.data.real_sheets import generate
from tests.reports.excel.real_sheets_check import closure, import_file, run_file

ORDER = generate.manifest(generate.build(), generate.SEED)["order"]


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("real_sheets")
    return folder, generate.write(folder)


@pytest.mark.parametrize("name", ORDER, ids=[n.split("_")[0] for n in ORDER])
def test_file_imports_as_a_clerk_expects(ledger, corpus_dir, name):
    folder, manifest = corpus_dir
    for dep in closure(manifest, name):
        # a dependency the importer refuses outright fails its own test; this file is still judged
        with contextlib.suppress(FileRefused):
            import_file(ledger, folder / dep, manifest["files"][dep]["kind"])
    run = run_file(ledger, folder, manifest, name)
    wrong = [
        f"[{v.sheet}] row {v.row}: " + " | ".join(v.problems + v.unreported)
        for v in run.verdicts
        if not v.agrees
    ]
    assert not wrong, f"{name}: {len(wrong)} of {len(run.verdicts)} rows disagree\n" + "\n".join(
        wrong
    )
