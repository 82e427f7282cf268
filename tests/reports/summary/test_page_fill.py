"""Every page of the demo county's summaries is filled: no photo, heading or signature pushed to
the next page leaves a gap behind it (article: never a quarter of a page; 公文: a few lines at
most), and the article never prints two photos on a page without a quarter page of text between them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from reportlab.platypus import Image as RLImage
from reportlab.platypus.frames import Frame

from models.demo import DemoOptions, build_demo
from models.services import Ledger
from reports.pdf_fonts import report_fonts
from reports.summary import prepare
from reports.summary.build import _downscale
from reports.summary.document import assemble
from reports.summary.layouts import write_pdf
from reports.summary.pages import ArticlePage, OfficialPage

ORG = "桐川县总工会"
PERIODS = [(2023, None), (2024, None), (2025, None), (2025, 2023)]
# GB/T 9704 pages are 22 lines: a heading kept with the lines under it, or the last lines kept
# with the signature, may leave this many empty at the foot of a page, no more.
OFFICIAL_GAP_LINES = 4


# Two sizes of the demo county (the command line's default and the tests' smaller one): the
# texts differ in length, so photos and headings meet the foot of a page in different places.
@pytest.fixture(scope="module", params=[600, 1500], ids=["600", "1500"])
def demo(tmp_path_factory: pytest.TempPathFactory, request: Any) -> Iterator[Ledger]:
    folder = tmp_path_factory.mktemp("fill")
    ledger = Ledger.open("sqlite:///" + str(folder / "demo.sqlite3"), create=True)
    options = DemoOptions(households=request.param, seed=2025, as_of=dt.date(2026, 3, 1))
    build_demo(ledger, options)
    ledger.settings.set_org_name(ORG)
    yield ledger
    ledger.close()


def _layout(
    ledger: Ledger, year: int, since: int | None, style: str, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[int, dict[int, float], list[tuple[int, float, float]]]:  # fmt: skip
    """Pages, the lowest cursor on each page, and each image drawn (page, top, bottom)."""
    prepared = prepare(ledger, year, since)
    doc = assemble(
        prepared.draft, prepared.paragraphs, style=style, figures=prepared.figures,
        photos=prepared.photos,
    )  # fmt: skip
    photos = _downscale(prepared.photo_files, tmp_path, [])
    lowest: dict[int, float] = {}
    images: list[tuple[int, float, float]] = []
    original_add, original_draw_on = Frame.add, RLImage.drawOn

    def add(self: Frame, flowable: Any, canv: Any, trySplit: int = 0) -> Any:  # noqa: N803
        placed = original_add(self, flowable, canv, trySplit)
        if placed:
            page = canv.getPageNumber()
            lowest[page] = min(lowest.get(page, self._y), self._y)
        return placed

    def draw_on(self: RLImage, canv: Any, x: float, y: float, _sW: float = 0) -> Any:  # noqa: N803
        images.append((canv.getPageNumber(), y + self.drawHeight, y))
        return original_draw_on(self, canv, x, y, _sW)

    monkeypatch.setattr(Frame, "add", add)
    monkeypatch.setattr(RLImage, "drawOn", draw_on)
    out = tmp_path / f"{style}-{year}-{since}.pdf"
    pages = write_pdf(doc, out, report_fonts("bundled"), photos, appendix=False)
    monkeypatch.undo()
    return pages, lowest, images


@pytest.mark.parametrize(("year", "since"), PERIODS)
def test_article_pages_are_filled_and_photos_stand_apart(
    demo: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, year: int, since: int | None
) -> None:
    pages, lowest, images = _layout(demo, year, since, "article", tmp_path, monkeypatch)
    assert images, "the demo county's year has photos to place"
    # The most a page may leave: what a section heading needs to start with three lines under it
    # (layouts.article_story) and a line more; far less than the quarter page 1 may never leave.
    gap = 40 + 4 * 19.0
    for page in range(1, pages):  # the last page ends where the article ends
        assert lowest[page] - ArticlePage.bottom < gap, (page, lowest[page])
    for (page_a, _top_a, bottom_a), (page_b, top_b, _bottom_b) in zip(
        images, images[1:], strict=False
    ):
        if page_a == page_b:  # two photos on one page have a quarter page of text between
            assert bottom_a - top_b > ArticlePage.text_height / 4, (page_a, bottom_a, top_b)


@pytest.mark.parametrize(("year", "since"), PERIODS)
def test_official_pages_are_filled(
    demo: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, year: int, since: int | None
) -> None:
    pages, lowest, images = _layout(demo, year, since, "official", tmp_path, monkeypatch)
    assert images == []
    gap = OFFICIAL_GAP_LINES * OfficialPage.line_height + 1
    for page in range(1, pages):
        assert lowest[page] - OfficialPage.bottom < gap, (page, lowest[page])


def test_official_signature_keeps_lines_not_a_paragraph(
    demo: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The opening grows a line at a time, so the last paragraph meets the foot of a page at
    every height: the signature takes the paragraph's last lines with it, never the whole
    paragraph and the blank page-foot it leaves (GB/T 9704 keeps text and 落款 together)."""
    import dataclasses

    from reports.summary.document import PrintParagraph

    prepared = prepare(demo, 2025)
    doc = assemble(
        prepared.draft, prepared.paragraphs, style="official", figures=prepared.figures,
        photos=prepared.photos,
    )  # fmt: skip
    # The last paragraph long enough (six lines) that keeping it whole would leave a gap.
    long_plan = PrintParagraph(
        "县总工会将" + "持续深化产业工人队伍建设改革，" * 11 + "推动各项工作再上新台阶。"
    )
    doc = dataclasses.replace(doc, plans=(*doc.plans[:-1], long_plan))
    filler = PrintParagraph("全县工会坚持以职工为中心，各项工作取得新的成效。")
    fonts = report_fonts("bundled")
    gap = OFFICIAL_GAP_LINES * OfficialPage.line_height + 1
    original_add = Frame.add
    lowest: dict[int, float] = {}

    def add(self: Frame, flowable: Any, canv: Any, trySplit: int = 0) -> Any:  # noqa: N803
        placed = original_add(self, flowable, canv, trySplit)
        if placed:
            page = canv.getPageNumber()
            lowest[page] = min(lowest.get(page, self._y), self._y)
        return placed

    for extra in range(0, OfficialPage.lines + 1):
        lowest.clear()
        monkeypatch.setattr(Frame, "add", add)
        grown = dataclasses.replace(doc, intro=doc.intro + (filler,) * extra)
        pages = write_pdf(grown, tmp_path / f"o{extra}.pdf", fonts, {}, appendix=False)
        monkeypatch.undo()
        for page in range(1, pages):
            assert lowest[page] - OfficialPage.bottom < gap, (extra, page, lowest[page])
