"""Both layouts: text and figures back from the PDF, fonts embedded as subsets, page geometry,
"— N —" page numbers, heading numbering, metadata, the Excel 年度统计表 and the CLI."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from reportlab.pdfgen.canvas import Canvas

from main import main
from models.statistics import year_figures
from reports.narrative import split_sentences
from reports.summary import build_summary
from reports.summary.pages import OfficialPage
from tests.reports.summary.sample_data import HEAD_NAMES, MEMBER_NAME, YEAR

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
    reason="需要 poppler-utils（pdftotext、pdffonts）",
)


def _text(pdf: Path, *pages: int) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, check=True, text=True).stdout


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@needs_poppler
def test_article_gives_back_the_figures_stats_reports(
    ledger: Any, county: Any, tmp_path: Path
) -> None:
    out = tmp_path / "总结.pdf"
    result = build_summary(ledger, YEAR, out, style="article")
    text = _flat(_text(out))
    assert "——平安县总工会2024年工作回眸" in text
    assert "核心提示" in _flat(text.replace("核心提示", "核心提示"))
    # Prose figures as the articles write them, from the statistics layer.
    facts = year_figures(ledger, YEAR).facts()
    assert facts["stations.outdoor.visits"].value == 59757
    for written in ("6万人次", "406.8万元", "4092名", "40.3万人次", "213.4万元", "2户、2人"):
        assert written in text, written
    # Every figure stated is listed with its exact value, as `stats --json` has it.
    assert result.figures_stated > 10
    for exact in ("59757", "4068000.00", "403387", "2134000.00"):
        assert exact in text, exact
    assert not any(name in text for name in (*HEAD_NAMES, MEMBER_NAME))


@needs_poppler
def test_fonts_are_embedded_as_subsets_and_metadata_set(
    ledger: Any, county: Any, tmp_path: Path
) -> None:
    out = tmp_path / "a.pdf"
    build_summary(ledger, YEAR, out, style="official")
    listing = subprocess.run(
        ["pdffonts", str(out)], capture_output=True, check=True, text=True
    ).stdout.splitlines()[2:]
    cjk = [line for line in listing if not line.startswith("Helvetica")]
    assert cjk
    for line in cjk:
        assert re.match(r"[A-Z]{6}\+", line), line  # subset prefix
        assert re.search(r"\byes\s+yes\b", line), line  # emb yes, sub yes
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "平安县总工会" in info  # Author (and title)
    assert "2024年工作总结" in info


@needs_poppler
def test_no_sentence_is_printed_twice(ledger: Any, county: Any, tmp_path: Path) -> None:
    from reports.summary import prepare
    from reports.summary.build import assembled

    for style in ("article", "official"):
        doc = assembled(prepare(ledger, YEAR), style)
        sentences = [s for text in doc.body_texts() for s in split_sentences(text)]
        assert len(sentences) == len(set(sentences)), style
        assert not doc.warnings


def test_official_page_geometry() -> None:
    # GB/T 9704: 156 × 225 mm text block, 37 mm top, 28 mm left, 22 lines × 28 characters.
    mm = 72 / 25.4
    assert OfficialPage.top == pytest.approx(37 * mm)
    assert OfficialPage.left == pytest.approx(28 * mm)
    assert OfficialPage.text_width == pytest.approx(156 * mm)
    assert OfficialPage.text_height == pytest.approx(225 * mm)
    assert OfficialPage.right == pytest.approx(26 * mm)
    assert OfficialPage.bottom == pytest.approx(35 * mm)
    assert OfficialPage.char_width * 28 == pytest.approx(OfficialPage.text_width)
    assert OfficialPage.line_height * 22 == pytest.approx(OfficialPage.text_height)


def _drawn_strings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, str, str, float]]:
    """Record every string the canvas draws as (page, method, text, x): what the PDF shows, not
    how a particular pdftotext version spaces it when reading it back."""
    drawn: list[tuple[int, str, str, float]] = []
    for method in ("drawString", "drawRightString", "drawCentredString"):
        original = getattr(Canvas, method)

        def spy(
            self: Canvas, x: float, y: float, text: str, *a: Any, _o=original, _m=method, **k: Any
        ) -> Any:
            drawn.append((self.getPageNumber(), _m, text, x))
            return _o(self, x, y, text, *a, **k)

        monkeypatch.setattr(Canvas, method, spy)
    return drawn


@needs_poppler
def test_official_layout_pages_numbers_and_headings(
    ledger: Any, county: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "公文.pdf"
    drawn = _drawn_strings(monkeypatch)
    result = build_summary(ledger, YEAR, out, style="official", appendix=True)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "595.276 x 841.89" in info  # A4
    assert result.pages >= 2
    numbers = {
        page: (method, text)
        for page, method, text, _x in drawn
        if re.fullmatch(r"—\s*\d+\s*—", text)
    }
    # GB/T 9704: "— N —" on every page, odd pages at the right, even pages at the left.
    assert numbers == {
        page: ("drawRightString" if page % 2 else "drawString", f"— {page} —")
        for page in range(1, result.pages + 1)
    }

    # A line of body text fills 28 characters (the frame has no padding).
    def ems(line: str) -> float:  # digits and Latin letters are half as wide as a character
        return sum(0.5 if ord(c) < 0x2000 else 1 for c in line.strip())

    widest = max(ems(line) for line in _text(out, 1).splitlines())
    assert 27.5 <= widest <= 29  # 29 when a closing mark hangs at the end
    text = _flat(_text(out))
    positions = [
        text.index(h) for h in ("一、主要工作及成效", "二、存在的问题", "三、下一步工作打算")
    ]
    assert positions == sorted(positions)
    subsections = re.findall(r"（([一二三四五六七])）", text)
    assert subsections[:6] == ["一", "二", "三", "四", "五", "六"]
    assert f"附件：{YEAR}年统计表与数据来源" in text and "数据来源" in text  # 附件说明, 附件


def test_excel_statistics_one_sheet_per_theme(ledger: Any, county: Any, tmp_path: Path) -> None:
    result = build_summary(ledger, YEAR, tmp_path / "a.pdf", xlsx=tmp_path / "统计表.xlsx")
    assert result.xlsx is not None
    wb = load_workbook(result.xlsx, read_only=True)
    names = wb.sheetnames
    for sheet in ("困难帮扶", "服务阵地", "思想引领", "建功立业", "维权服务", "自身建设"):
        assert sheet in names
    rows = list(wb["服务阵地"].iter_rows(values_only=True))
    labels = {r[0]: r[1] for r in rows[3:]}
    assert labels["户外劳动者服务站点服务人次"] == 59757


@needs_poppler
def test_cli_report_and_bad_input(
    ledger: Any, county: Any, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not db_url.startswith("sqlite:///"):
        pytest.skip("命令行测试用 SQLite 文件")
    db = db_url.removeprefix("sqlite:///")
    out = tmp_path / "cli.pdf"
    assert (
        main(
            [
                "report",
                str(YEAR),
                str(out),
                "--db",
                db,
                "--style",
                "official",
                "--org",
                "平安县总工会",
            ]
        )
        == 0
    )
    assert out.exists() and "已生成公文体年度总结" in capsys.readouterr().out
    # A year without any record: a Chinese refusal, no file, no traceback.
    empty = tmp_path / "empty.pdf"
    assert main(["report", "1999", str(empty), "--db", db]) == 2
    err = capsys.readouterr().err
    assert "没有任何" in err and "Traceback" not in err and not empty.exists()
    assert main(["report", str(YEAR), str(tmp_path / "x.txt"), "--db", db]) == 2
    assert ".pdf" in capsys.readouterr().err
    assert main(["report", str(YEAR), str(tmp_path / "no" / "x.pdf"), "--db", db]) == 2
    assert "文件夹不存在" in capsys.readouterr().err
    # The figures stats --json reports are those the report cites.
    assert main(["stats", str(YEAR), "--json", "--db", db]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["facts"]["stations.outdoor.visits"]["value"] == 59757


def _drawn_cells(
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every string drawn with its page, right edge, baseline, font and size; every vertical rule."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    strings: list[tuple[Any, ...]] = []
    rules: list[tuple[Any, ...]] = []

    def on_page(self: Canvas, x: float, y: float) -> tuple[float, float]:
        # Tables and charts draw in coordinates of their own (translated): back to the page's.
        a, b, c, d, e, f = self._currentMatrix
        return a * x + c * y + e, b * x + d * y + f

    def record(self: Canvas, left: float, y: float, text: str) -> None:
        width = stringWidth(text, self._fontname, self._fontsize)
        (x0, y0), (x1, _) = on_page(self, left, y), on_page(self, left + width, y)
        strings.append((self.getPageNumber(), text, x0, x1, y0))

    original_line = Canvas.line

    def line(self: Canvas, x1: float, y1: float, x2: float, y2: float) -> Any:
        (u1, v1), (u2, v2) = on_page(self, x1, y1), on_page(self, x2, y2)
        if abs(u1 - u2) < 0.01:
            rules.append((self.getPageNumber(), u1, min(v1, v2), max(v1, v2)))
        return original_line(self, x1, y1, x2, y2)

    for method in ("drawString", "drawRightString", "drawCentredString"):
        original = getattr(Canvas, method)

        def spy(self: Canvas, x: float, y: float, text: str, *a: Any, _o=original, _m=method,
                **k: Any) -> Any:  # fmt: skip
            width = stringWidth(text, self._fontname, self._fontsize)
            left = {"drawString": x, "drawRightString": x - width}.get(_m, x - width / 2)
            record(self, left, y, text)
            return _o(self, x, y, text, *a, **k)

        monkeypatch.setattr(Canvas, method, spy)
    monkeypatch.setattr(Canvas, "line", line)
    return strings, rules


@pytest.mark.parametrize("style", ["article", "official"])
def test_appendix_numbers_are_whole_and_inside_their_cells(
    ledger: Any, county: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, style: str
) -> None:
    from decimal import Decimal

    from reports.summary.appendix import table_data

    strings, rules = _drawn_cells(monkeypatch)
    build_summary(ledger, YEAR, tmp_path / "a.pdf", style=style, appendix=True)
    # Every figure of every table is drawn as one string, money with thousands separators.
    wanted = {
        f"{v:,.2f}" if isinstance(v, Decimal) else f"{v:,}"
        for _title, _head, rows in table_data(year_figures(ledger, YEAR))
        for row in rows
        for v in row[1:]
        if isinstance(v, int | Decimal)
    }
    assert "4,068,000.00" in wanted  # the 爱心早餐's 406.8万元, exact in the table
    drawn = {s[1] for s in strings}
    assert wanted <= drawn, sorted(wanted - drawn)[:10]
    # No vertical rule of a table runs through (or touches) a figure: each sits inside its cell.
    in_tables = set()
    for page, text, left, right, y in strings:
        if text not in wanted:
            continue
        around = [x for p, x, low, high in rules if p == page and low <= y <= high]
        assert not [x for x in around if left - 1.5 < x < right + 1.5], (page, text, left, right)
        if any(x < left for x in around) and any(x > right for x in around):
            in_tables.add(text)
    assert in_tables == wanted
