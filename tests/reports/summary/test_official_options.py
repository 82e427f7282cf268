"""The 公文 as it is sent: no 数据来源 by default, the appendix as its own file (named in a 附件说明)
or appended after the signature, and the 成文日期 from --date."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from main import main
from models.errors import InvalidValue
from reports.summary import build_summary
from tests.reports.summary.sample_data import YEAR

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="需要 pdftotext")


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         check=True, text=True).stdout  # fmt: skip
    return re.sub(r"\s+", "", out)


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]


def test_official_default_is_the_text_alone(ledger: Any, county: Any, tmp_path: Path) -> None:
    out = tmp_path / "公文.pdf"
    result = build_summary(ledger, YEAR, out, style="official")
    text = _text(out)
    assert not result.appendix and result.qa_file is None
    assert "数据来源" not in text and "附件" not in text and "表1" not in text
    assert text.rstrip("—0123456789").endswith("日")  # the signature's date closes the text


def test_qa_file_is_named_in_the_attachment_note(ledger: Any, county: Any, tmp_path: Path) -> None:
    out, qa = tmp_path / "公文.pdf", tmp_path / "附件.pdf"
    result = build_summary(ledger, YEAR, out, style="official", qa_file=qa)
    assert result.qa_file == qa and qa.exists()
    text = _text(out)
    # GB/T 9704 7.3.4: 附件说明 under the text, before the signature; the body holds no tables.
    note = text.index(f"附件：{YEAR}年统计表与数据来源")
    assert note < text.rindex("平安县总工会")
    assert "表1" not in text and "数据来源序号" not in text
    attachment = _text(qa)
    assert attachment.startswith("附件") and f"{YEAR}年统计表与数据来源" in attachment[:40]
    assert "数据来源" in attachment and "表1" in attachment and "4,068,000.00" in attachment
    assert "— 1 —".replace(" ", "") in attachment
    with pytest.raises(InvalidValue, match="不能与总结是同一个文件"):
        build_summary(ledger, YEAR, out, style="official", qa_file=out)


def test_with_qa_appends_the_attachment_after_the_signature(
    ledger: Any, county: Any, tmp_path: Path
) -> None:
    alone, appended = tmp_path / "a.pdf", tmp_path / "b.pdf"
    build_summary(ledger, YEAR, alone, style="official")
    result = build_summary(ledger, YEAR, appended, style="official", appendix=True)
    assert result.appendix and _pages(appended) > _pages(alone)
    text = _text(appended)
    assert text.index(f"附件：{YEAR}年统计表与数据来源") < text.index("表1")
    # The attachment starts on a page of its own, headed "附件", after the signature's page.
    firsts = []
    for page in range(1, _pages(appended) + 1):
        words = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(appended), "-"],
            capture_output=True, text=True, check=True,
        ).stdout.split()  # fmt: skip
        firsts.append(words[0] if words else "")
    start = firsts.index("附件") + 1
    assert start > 1 and "表1" in _text_of_page(appended, start) + _text_of_page(
        appended, start + 1
    )
    assert "平安县总工会" in _text_of_page(appended, start - 1)  # the signature just before


def _text_of_page(pdf: Path, page: int) -> str:
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    return re.sub(r"\s+", "", out)


def test_article_keeps_its_appendix_unless_told(ledger: Any, county: Any, tmp_path: Path) -> None:
    out = tmp_path / "a.pdf"
    assert build_summary(ledger, YEAR, out).appendix
    assert "数据来源" in _text(out)
    build_summary(ledger, YEAR, out, appendix=False)
    assert "数据来源" not in _text(out)


@pytest.mark.sqlite_only
def test_cli_date_and_qa_options(
    ledger: Any, county: Any, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not db_url.startswith("sqlite:///"):
        pytest.skip("命令行测试用 SQLite 文件")
    db = db_url.removeprefix("sqlite:///")
    out, qa = tmp_path / "公文.pdf", tmp_path / "附件.pdf"
    args = ["report", str(YEAR), str(out), "--db", db, "--style", "official"]
    assert main([*args, "--date", "2025-01-05", "--qa-file", str(qa)]) == 0
    printed = capsys.readouterr().out
    assert str(qa) in printed and "未用仿宋" in printed  # no 仿宋 on the test machine
    assert "2025年1月5日" in _text(out)  # 公文 dates without leading zeros
    assert main([*args, "--date", "2025年12月31日"]) == 0
    assert "2025年12月31日" in _text(out) and "未附" in capsys.readouterr().out

    out.unlink()
    for bad in ("2025-02-30", "明天", "20250105"):
        with pytest.raises(SystemExit) as stop:
            main([*args, "--date", bad])
        assert stop.value.code == 2
        err = capsys.readouterr().err
        assert "不是日期" in err and "2025-12-31" in err and "Traceback" not in err
        assert not out.exists()
    with pytest.raises(SystemExit) as stop:
        main([*args, "--qa-file", str(qa), "--no-qa"])  # one or the other
    assert stop.value.code == 2 and "--no-qa" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["report", "-h"])
    usage = capsys.readouterr().out
    assert "--qa-file" in usage and "--date" in usage and "公文体默认" in usage
