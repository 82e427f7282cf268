"""What the reader may inflate is bounded before it sees the file: bombs are refused, in Chinese.

The reader (calamine, Rust) allocates a sheet densely and aborts the whole process (SIGABRT) when
an allocation fails, so every bomb here is one a file of a few kilobytes or megabytes can carry.
The crash cases run in a child process: an abort there fails the test instead of killing pytest.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pytest

from reports.excel import safety
from reports.excel.reading import open_workbook
from reports.excel.safety import FileRefused, check_file
from tests.reports.excel import biff
from tests.reports.excel.messy import HEAD, people, write_csv, write_xlsx
from tests.reports.excel.raw_sheets import with_sheet

ROOT = Path(__file__).resolve().parents[3]


def run_import(db_url: str, path: Path) -> subprocess.CompletedProcess[str]:
    """The CLI import in a child process, so that an abort cannot take pytest down with it."""
    code = "import sys, main; sys.exit(main.main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, "--database-url", db_url, "import", "households", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def assert_refused_in_chinese(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, (done.returncode, done.stderr[-3000:])
    assert done.stderr.startswith("错误：无法导入"), done.stderr[-3000:]
    assert "Traceback" not in done.stderr and "memory allocation" not in done.stderr
    return done.stderr


def refusal(path: Path) -> str:
    with pytest.raises(FileRefused) as refused:
        check_file(path)
    return refused.value.message


def numbered_rows(count: int, columns: int = 35) -> Iterable[bytes]:
    """Rows without r= whose cells differ a little from row to row (a low compression ratio)."""
    for start in range(0, count, 1000):
        yield b"".join(
            b"<row>"
            + b"".join(b"<c><v>%d</v></c>" % (n * 7919 + c) for c in range(columns))
            + b"</row>"
            for n in range(start, min(start + 1000, count))
        )


# ---- .xlsx -------------------------------------------------------------------------------------


def test_extent_bomb_without_references_does_not_abort_the_process(db_url, tmp_path):
    """One row of 16,384 cells, 200,000 empty rows, one more cell: 3.3 billion slots, in 60 KB."""
    wide = b"<row>" + b"<c><v>1</v></c>" * 16_384 + b"</row>"
    path = with_sheet(
        tmp_path / "宽.xlsx", [wide, b"<row/>" * 200_000, b"<row><c><v>1</v></c></row>"]
    )
    assert path.stat().st_size < 100_000
    err = assert_refused_in_chinese(run_import(db_url, path))
    assert "16384列" in err and "列数异常" in err


def test_low_ratio_bomb_without_row_references_is_refused_by_counting(tmp_path, monkeypatch):
    """The reported file, scaled down: rows without r=, a ratio the zip-bomb check lets through."""
    path = with_sheet(tmp_path / "炸弹.xlsx", numbered_rows(6000))
    with zipfile.ZipFile(path) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
    assert sheet.file_size < safety.MAX_PART_RATIO * sheet.compress_size  # not caught by the ratio
    monkeypatch.setattr(safety, "MAX_ROWS_PER_SHEET", 5000)
    message = refusal(path)
    assert "工作表“s”" in message and "超过5000行" in message and "拆分" in message


def test_sheet_xml_larger_than_the_limit_is_refused_from_the_zip_directory(tmp_path, monkeypatch):
    path = with_sheet(tmp_path / "大.xlsx", numbered_rows(3000))
    monkeypatch.setattr(safety, "MAX_SHEET_XML_BYTES", 1024 * 1024)
    monkeypatch.setattr(safety, "_check_sheet", _never)  # refused before any sheet is inflated
    message = refusal(path)
    assert "工作表“s”解压后" in message and "超过1MB的上限" in message
    assert "另存为" in message and "拆分" in message


def _never(*args: object) -> None:
    raise AssertionError("the sheet was inflated")


def test_cells_repeating_one_reference_are_counted(tmp_path, monkeypatch):
    """The extent stays at A1:AI1, yet the reader stores every one of the cells first."""
    row = b'<row r="1">' + b'<c r="A1"><v>1</v></c>' * 35 + b"</row>"
    path = with_sheet(tmp_path / "重复.xlsx", [row * 1000] * 10)
    monkeypatch.setattr(safety, "MAX_CELLS_PER_SHEET", 100_000)
    assert "单元格" in refusal(path) and "10万" in refusal(path)


@pytest.mark.parametrize(
    "cell",
    [
        b'<c s="0" r="XFD1048576"><v>1</v></c>',  # r not the first attribute
        b'<c r="A2" r="XFD1048576"><v>1</v></c>',  # the reader keeps the last r
        b"<c r='xfd1048576'><v>1</v></c>",  # single quotes, lower case
        b'<c s="1"r="XFD1048576"><v>1</v></c>',  # no space before r
        b'<c r="A2" s="/"><v>1</v></c><c r="XFD1048576" t="n" s="/"><v>1</v></c>',  # a '/' value
        b'<x:c r="XFD1048576"><x:v>1</x:v></x:c>',  # a prefix the reader ignores
    ],
)
def test_far_cells_written_oddly_are_found(tmp_path, cell):
    path = with_sheet(tmp_path / "远.xlsx", [b'<row r="1"><c r="A1"><v>1</v></c>', cell, b"</row>"])
    message = refusal(path)
    assert "16384列" in message or "1048576行" in message


def test_a_sheet_outside_the_worksheets_folder_is_checked_too(tmp_path):
    path = with_sheet(
        tmp_path / "别处.xlsx",
        [b'<row r="1"><c r="A1"><v>1</v></c><c r="XFD1048576"><v>1</v></c></row>'],
        part="xl/elsewhere/data.xml",
    )
    with zipfile.ZipFile(path) as archive:
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    rels = rels.replace("worksheets/sheet1.xml", "elsewhere/data.xml")
    rewritten = tmp_path / "别处2.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == "xl/_rels/workbook.xml.rels":
                dst.writestr(info, rels)
            elif info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info, src.read(info.filename))
    message = refusal(rewritten)
    assert "16384列" in message or "1048576行" in message


def test_shared_strings_larger_than_the_limit_are_refused(tmp_path, monkeypatch):
    import xlsxwriter

    path = tmp_path / "字多.xlsx"
    book = xlsxwriter.Workbook(path)  # writes text into the shared string table, as Excel does
    sheet = book.add_worksheet("s")
    for number, row in enumerate([HEAD, *people(2000)]):
        sheet.write_row(number, 0, row)
    book.close()
    monkeypatch.setattr(safety, "MAX_SHARED_STRINGS_BYTES", 10_000)
    message = refusal(path)
    assert "文字" in message and "MB的上限" in message and "拆分" in message


def test_memory_for_all_sheets_together_is_capped(tmp_path, monkeypatch):
    sheets = [(f"第{i}页", [HEAD, *people(3000, start=3000 * i)]) for i in range(3)]
    path = write_xlsx(tmp_path / "三页.xlsx", sheets)
    monkeypatch.setattr(safety, "MAX_READER_BYTES", 4 * 1024 * 1024)
    message = refusal(path)
    assert "内存" in message and "4MB" in message and "拆分" in message


def test_a_roster_without_any_references_still_imports(capsys, db_url, tmp_path):
    """Some exporters omit r= altogether: legal, read by counting, and not refused for it."""
    import main

    rows = [HEAD, *people(30)]

    def row_xml(values: list[object]) -> bytes:
        cells = b"".join(
            b'<c t="inlineStr"><is><t>%s</t></is></c>' % str(v).encode() for v in values
        )
        return b"<row>" + cells + b"</row>"

    path = with_sheet(tmp_path / "无引用.xlsx", [row_xml(r) for r in rows])
    code = main.main(["--database-url", db_url, "import", "households", str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "新增30" in out


def test_formatted_blanks_far_away_still_do_not_count(tmp_path):
    row = b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
    far = b'<row r="900000"><c r="Z900000" s="1"/></row>'
    with open_workbook(with_sheet(tmp_path / "格式.xlsx", [row, far])) as book:
        assert [cells for _, cells in book.sheets[0].rows()] == [["x"]]


# ---- .xls --------------------------------------------------------------------------------------


def test_xls_dimensions_that_lie_do_not_abort_the_process(db_url, tmp_path):
    """The reader reserves what DIMENSIONS claims: 65,536 × 16,384 cells from a 4 KB file."""
    stream = biff.workbook_stream(
        [("s", [biff.dimensions(0, 65_536, 0, 16_384), biff.label(0, 0, "姓名")])]
    )
    path = biff.write_xls(tmp_path / "谎报.xls", stream)
    err = assert_refused_in_chinese(run_import(db_url, path))
    assert "工作表“s”" in err and "另存为" in err


@pytest.mark.parametrize(
    "records, words",
    [
        ([biff.label(0, 0, "姓名"), biff.number(65_535, 16_000, 1)], "16001列"),
        ([biff.dimensions(9, 1, 0, 1), biff.label(0, 0, "姓名")], "另存为"),  # backwards: wraps
        ([biff.merged([(0, 1, 0, 1)], count=5000)], "损坏"),  # more ranges than the record holds
    ],
)
def test_xls_records_the_reader_would_choke_on_are_refused(tmp_path, records, words):
    path = biff.write_xls(tmp_path / "坏.xls", biff.workbook_stream([("s", records)]))
    assert words in refusal(path)


def test_xls_shared_string_count_that_lies_is_refused(tmp_path):
    stream = biff.workbook_stream(
        [("s", [biff.label(0, 0, "姓名")])], extra_globals=biff.sst(["甲"], unique=2**31 - 1)
    )
    assert "损坏" in refusal(biff.write_xls(tmp_path / "串.xls", stream))


def test_xls_sheet_outside_its_stream_is_refused_not_a_panic(tmp_path):
    stream = biff.workbook_stream([("s", [biff.label(0, 0, "姓名")])], shift=10**6)
    with pytest.raises(FileRefused) as refused:
        open_workbook(biff.write_xls(tmp_path / "偏.xls", stream))
    assert "损坏" in refused.value.message


def test_a_reader_panic_becomes_a_refusal(tmp_path):
    """A NAME record shorter than the reader expects makes it panic (a BaseException in Python)."""
    stream = biff.workbook_stream(
        [("s", [biff.label(0, 0, "姓名")])], extra_globals=biff.record(0x0018, b"\0\0")
    )
    with pytest.raises(FileRefused) as refused:
        open_workbook(biff.write_xls(tmp_path / "慌.xls", stream))
    assert "损坏" in refused.value.message


def test_a_plain_xls_still_reads(tmp_path):
    records = [biff.dimensions(0, 2, 0, 2), biff.label(0, 0, "姓名"), biff.label(0, 1, "乡镇")]
    records += [biff.label(1, 0, "张三"), biff.number(1, 1, 3)]
    path = biff.write_xls(tmp_path / "旧.xls", biff.workbook_stream([("名单", records)]))
    with open_workbook(path) as book:
        assert [cells for _, cells in book.sheets[0].rows()] == [["姓名", "乡镇"], ["张三", 3.0]]


# ---- .csv --------------------------------------------------------------------------------------


def test_csv_line_without_end_is_refused_before_it_fills_memory(tmp_path, monkeypatch):
    """csv.reader builds a whole record first: one line of commas would become millions of cells."""
    path = write_csv(tmp_path / "逗号.csv", [HEAD, *people(2)], "utf-8")
    with path.open("a", encoding="utf-8") as fh:
        fh.write("," * 3_000_000 + "\n")
    with pytest.raises(FileRefused) as refused:
        with open_workbook(path) as book:
            for _ in book.sheets[0].rows():
                pass
    assert "第4行" in refused.value.message and "过长" in refused.value.message
