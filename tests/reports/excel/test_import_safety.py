"""Broken and unsafe files are refused with a Chinese message, exit code 2 and nothing written."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

import main
from reports.excel.reading import open_workbook
from reports.excel.safety import FileRefused
from tests.reports.excel.messy import HEAD, people, rewrite_part, write_xlsx


def cli(capsys, db_url: str, *args: str) -> tuple[int, str, str]:
    code = main.main(["--database-url", db_url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys, db_url: str, path: Path) -> str:
    code, out, err = cli(capsys, db_url, "import", "households", str(path), "--json")
    assert code == 2, (out, err)
    assert out == "" and "Traceback" not in err
    assert err.startswith("错误：无法导入")
    return err


def with_doctype(xml: str, doctype: str) -> str:
    if xml.startswith("<?xml"):
        end = xml.index("?>") + 2
        return xml[:end] + doctype + xml[end:]
    return doctype + xml


def assert_nothing_written(db_url: str) -> None:
    from models.services import Ledger

    ledger = Ledger.open(db_url)
    try:
        assert ledger.households.count() == 0
        assert ledger.audit.count() == 0
        assert ledger.imports.batches() == []
    finally:
        ledger.close()


def test_not_a_workbook(capsys, db_url, tmp_path):
    path = tmp_path / "名单.xlsx"
    path.write_bytes(b"\x00\x01garbage" * 100)
    assert "不是 Excel 工作簿" in refused(capsys, db_url, path)
    html = tmp_path / "网页.xls"
    html.write_text("<html><table><tr><td>姓名</td></tr></table></html>", encoding="utf-8")
    assert "网页" in refused(capsys, db_url, html)
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")
    assert "空的" in refused(capsys, db_url, empty)
    assert "不存在" in refused(capsys, db_url, tmp_path / "没有.xlsx")


def test_truncated_workbook(capsys, db_url, tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", [("s", [HEAD, *people(50)])])
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert "损坏" in refused(capsys, db_url, cut)
    assert_nothing_written(db_url)


def test_password_protected_workbook(capsys, db_url, tmp_path):
    # What Excel writes for an encrypted .xlsx: an OLE compound file with these streams.
    body = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504
    body += "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100
    body += "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100
    path = tmp_path / "加密.xlsx"
    path.write_bytes(body)
    assert "密码" in refused(capsys, db_url, path)


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE x [<!ENTITY ext SYSTEM "file:///etc/passwd">]>',
    ],
)
def test_entity_expansion_and_external_entities(capsys, db_url, tmp_path, doctype):
    path = write_xlsx(tmp_path / "xxe.xlsx", [("s", [HEAD, *people(2)])])
    rewrite_part(path, "xl/worksheets/sheet1.xml", lambda x: with_doctype(x, doctype))
    assert "DTD" in refused(capsys, db_url, path)
    assert_nothing_written(db_url)


def test_openpyxl_parses_through_defusedxml(tmp_path):
    """Our own openpyxl use (templates, error workbooks, tests) must refuse entities too."""
    from defusedxml import DTDForbidden, EntitiesForbidden

    assert openpyxl.xml.DEFUSEDXML is True
    path = write_xlsx(tmp_path / "bomb.xlsx", [("s", [["x"]])])
    rewrite_part(
        path,
        "xl/workbook.xml",
        lambda x: with_doctype(x, '<!DOCTYPE lol [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'),
    )
    with pytest.raises(ValueError) as refused_by:
        openpyxl.load_workbook(path)
    assert isinstance(refused_by.value.__cause__, EntitiesForbidden | DTDForbidden)


def test_zip_bomb(capsys, db_url, tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", [("s", [HEAD])])
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        dst.writestr("xl/media/filler.bin", b"\x00" * (64 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    assert "压缩" in refused(capsys, db_url, bomb)


def test_absurd_extent_is_refused_before_reading(capsys, db_url, tmp_path):
    """One stray cell at XFD1048576 would make the reader allocate the whole grid and abort."""

    def far(book, ws):
        ws["XFD1048576"] = "x"

    path = write_xlsx(tmp_path / "far.xlsx", [("s", [HEAD, *people(2)])], prepare=far)
    err = refused(capsys, db_url, path)
    assert "1048576" in err
    tall = write_xlsx(
        tmp_path / "tall.xlsx", [("s", [HEAD])], prepare=lambda b, ws: ws.cell(900_000, 1, "x")
    )
    assert "行" in refused(capsys, db_url, tall)


def test_empty_formatted_cells_far_away_do_not_count(tmp_path):
    from openpyxl.styles import PatternFill

    def styled(book, ws):
        ws["Z900000"].fill = PatternFill("solid", fgColor="FF0000")

    path = write_xlsx(tmp_path / "styled.xlsx", [("s", [HEAD, *people(1)])], prepare=styled)
    with open_workbook(path) as book:
        assert book.sheets[0].name == "s"


def test_sheet_without_header_and_wrong_sheet_name(capsys, db_url, tmp_path):
    path = write_xlsx(tmp_path / "nohead.xlsx", [("s", [["甲", "乙"], [1, 2]])])
    assert "表头" in refused(capsys, db_url, path)
    good = write_xlsx(tmp_path / "good.xlsx", [("名单", [HEAD, *people(1)])])
    code, _, err = cli(capsys, db_url, "import", "households", str(good), "--sheet", "不存在")
    assert code == 2 and "名单" in err


def test_csv_in_an_unknown_encoding(capsys, db_url, tmp_path):
    path = tmp_path / "乱码.csv"
    path.write_bytes(b"\xff\xfe\xfd" * 10 + b"\x81\x20" * 10)
    refused(capsys, db_url, path)


def test_file_refused_is_a_ledger_error():
    exc = FileRefused("a/b.xlsx", "原因。")
    assert exc.message == "无法导入“b.xlsx”：原因。"


def test_unexpected_crash_writes_nothing(capsys, db_url, tmp_path, monkeypatch):
    from models.services import imports

    calls = {"n": 0}
    real = imports._insert_households

    def fail_second_chunk(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(imports, "_insert_households", fail_second_chunk)
    monkeypatch.setattr(imports, "CHUNK", 5)
    path = write_xlsx(tmp_path / "a.xlsx", [("s", [HEAD, *people(12)])])
    code, out, err = cli(capsys, db_url, "import", "households", str(path))
    assert code == 1 and "数据库没有被改动" in err and "Traceback" not in err
    assert calls["n"] == 2
    assert_nothing_written(db_url)
