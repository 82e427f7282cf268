"""The real-sheets corpus itself is sound: complete, regenerable, and its manifest consistent.

These hold today (unlike test_real_sheets.py, which holds the importer to the corpus): the
checked-in files are exactly what the generator writes, every kind and layout is there, good
rows carry valid GB 11643 numbers (checked here with our own arithmetic) and refused rows name
exactly one reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from tests.data.real_sheets import _ids, generate
from tests.reports.excel.real_sheets_check import KINDS

FOLDER = Path(generate.__file__).resolve().parent
# Codes the import report already uses, plus the new ones listed in the corpus's README.
REPORT_CODES = {
    "id_checksum", "id_length", "id_precision_lost", "id_birthdate", "date_unparseable",
    "amount_unparseable", "invalid_choice", "missing_required", "unknown_household",
    "duplicate_in_file", "duplicate_person", "identity_conflict", "invalid_value",
}  # fmt: skip
NEW_CODES = {"unknown_station"}


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("regenerated")
    return folder, generate.write(folder)


def test_checked_in_corpus_is_what_the_generator_writes(fresh):
    folder, manifest = fresh
    checked_in = json.loads((FOLDER / generate.MANIFEST).read_text(encoding="utf-8"))
    assert checked_in == manifest, "regenerate: python -m tests.data.real_sheets.generate"
    for name in manifest["files"]:
        assert (FOLDER / name).read_bytes() == (folder / name).read_bytes(), name


def test_corpus_covers_every_kind_format_and_layout(fresh):
    folder, manifest = fresh
    files = manifest["files"]
    assert len(files) >= 30
    assert {f["kind"] for f in files.values()} == set(KINDS)
    assert {f["format"] for f in files.values()} == {"xlsx", "csv-gbk", "csv-bom"}
    assert len({f["province"] for f in files.values()}) >= 6
    assert sum(p.stat().st_size for p in folder.iterdir()) < 2_000_000
    merged = hidden = multi = 0
    for name, spec in files.items():
        rows = sum(len(s["rows"]) for s in spec["sheets"])
        assert 10 <= rows <= 40, (name, rows)
        if spec["format"] != "xlsx":
            continue
        book = openpyxl.load_workbook(folder / name)
        merged += any(ws.merged_cells.ranges for ws in book.worksheets)
        hidden += any(d.hidden for ws in book.worksheets for d in ws.column_dimensions.values())
        multi += len(book.worksheets) > 1
    assert merged >= 15 and hidden >= 1 and multi >= 4


def test_csv_files_are_in_the_encoding_they_claim(fresh):
    folder, manifest = fresh
    for name, spec in manifest["files"].items():
        raw = (folder / name).read_bytes()
        if spec["format"] == "csv-bom":
            assert raw.startswith(b"\xef\xbb\xbf"), name
            text = raw.decode("utf-8-sig")
        elif spec["format"] == "csv-gbk":
            with pytest.raises(UnicodeDecodeError):
                raw.decode("utf-8")
            text = raw.decode("gbk")
        else:
            continue
        assert len(list(csv.reader(text.splitlines()))) > 10


def test_each_row_is_either_accepted_with_a_record_or_refused_for_one_reason(fresh):
    _, manifest = fresh
    seen_codes = set()
    for name, spec in manifest["files"].items():
        for sheet in spec["sheets"]:
            for row, e in sheet["rows"].items():
                where = f"{name} [{sheet['name']}] row {row}"
                if e["accept"]:
                    assert e["locate"], where
                    for m in e.get("mapped", []):
                        assert m["how"] in {"synonym", "fuzzy", "office", "other"}, where
                else:
                    assert e["code"] in REPORT_CODES | NEW_CODES, where
                    assert e["defect"], where
                    seen_codes.add(e["code"])
    # the defects the issue names are all represented
    assert {
        "id_precision_lost", "id_checksum", "missing_required", "date_unparseable",
        "duplicate_in_file", "amount_unparseable", "identity_conflict", "duplicate_person",
        "unknown_household",
    } <= seen_codes  # fmt: skip


def test_good_rows_carry_valid_id_numbers(fresh):
    _, manifest = fresh
    checked = 0
    for spec in manifest["files"].values():
        for sheet in spec["sheets"]:
            for e in sheet["rows"].values():
                if not e["accept"]:
                    continue
                numbers = [e["locate"].get("id_number"), e["locate"].get("head_id_number")]
                numbers.append(e.get("expect", {}).get("id_number"))
                for number in filter(None, numbers):
                    assert len(number) == 18 and number[17] == _ids.check_char(number[:17])
                    _ids.born_of(number)  # a real date
                    assert _ids.born_of(number) < dt.date(2024, 12, 31)
                    checked += 1
    assert checked > 150


def test_dependencies_come_first_in_the_order(fresh):
    _, manifest = fresh
    order = manifest["order"]
    assert sorted(order) == sorted(manifest["files"])
    for name, spec in manifest["files"].items():
        for dep in spec["after"]:
            assert order.index(dep) < order.index(name), (dep, name)
    kinds = {n: s["kind"] for n, s in manifest["files"].items()}
    for name, spec in manifest["files"].items():
        if spec["kind"] in ("members", "assistance"):
            assert any(kinds[d] == "households" for d in spec["after"]), name
        if spec["kind"] == "usage":
            assert any(kinds[d] in ("stations", "reststops") for d in spec["after"]), name


def test_id_arithmetic_matches_the_standards_worked_example():
    # GB 11643-1999's example number 11010519491231002X
    assert _ids.check_char("11010519491231002") == "X"
    short, full = _ids.legacy15("110105", dt.date(1949, 12, 31), 2, male=False)
    assert (short, full) == ("110105491231002", "11010519491231002X")
