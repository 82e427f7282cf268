"""The article's photos: at the text column's width, captioned in 楷体, and never leaving a
quarter of page 1 blank; the 公文 prints none; demo photos carry no caption of their own."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from reportlab.platypus import Image as RLImage
from reportlab.platypus.frames import Frame

from models.demo.photos import HEIGHT, draw_photo
from reports.pdf_fonts import report_fonts
from reports.summary import prepare
from reports.summary.build import _downscale
from reports.summary.document import PrintParagraph, assemble
from reports.summary.layouts import write_pdf
from reports.summary.pages import ArticlePage
from tests.reports.summary.sample_data import YEAR

# One line of the article's body: the lead grows a line at a time.
FILLER = PrintParagraph("县总工会坚持以职工为中心，各项工作取得新成效。")


def _spy(monkeypatch: pytest.MonkeyPatch) -> tuple[list[tuple[int, float]], list[Any]]:
    """Where the frame's cursor is after each flowable, per page; every image drawn."""
    cursor: list[tuple[int, float]] = []
    images: list[Any] = []
    original_add = Frame.add
    original_draw = RLImage.draw

    def add(self: Frame, flowable: Any, canv: Any, trySplit: int = 0) -> Any:  # noqa: N803
        placed = original_add(self, flowable, canv, trySplit)
        if placed:
            cursor.append((canv.getPageNumber(), self._y))
        return placed

    def draw(self: RLImage) -> Any:
        images.append((self.canv.getPageNumber(), self.drawWidth, self.drawHeight))
        return original_draw(self)

    monkeypatch.setattr(Frame, "add", add)
    monkeypatch.setattr(RLImage, "draw", draw)
    return cursor, images


def _document(ledger: Any, tmp_path: Path, style: str = "article") -> tuple[Any, dict[str, str]]:
    prepared = prepare(ledger, YEAR)
    doc = assemble(
        prepared.draft,
        prepared.paragraphs,
        style=style,
        figures=prepared.figures,
        photos=prepared.photos,
    )
    (tmp_path / "work").mkdir(exist_ok=True)
    return doc, _downscale(prepared.photo_files, tmp_path / "work", [])


def test_no_page_ends_in_a_quarter_page_gap(
    ledger: Any, county: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lead grows a line at a time, so the photo meets the foot of a page at every height:
    each page but the last is still filled to its last quarter (page 1 included), and the
    photo is printed, at the column's width or shrunk to no less than 70 % of it."""
    doc, photos = _document(ledger, tmp_path)
    assert photos and any(s.photos for s in doc.sections)
    cursor, images = _spy(monkeypatch)
    fonts = report_fonts("bundled")
    quarter = ArticlePage.text_height / 4
    line = 19.0 + 3  # the body's leading and paragraph space
    for extra in range(0, int(ArticlePage.text_height / line) + 2):
        cursor.clear()
        images.clear()
        grown = dataclasses.replace(doc, intro=doc.intro + (FILLER,) * extra)
        pages = write_pdf(grown, tmp_path / f"a{extra}.pdf", fonts, photos, appendix=False)
        for page in range(1, pages):
            lowest = min(y for p, y in cursor if p == page)
            assert lowest - ArticlePage.bottom < quarter, (extra, page, lowest)
        assert len(images) == len(photos)  # floated or shrunk, never dropped
        for _page, width, height in images:
            assert 0.7 * ArticlePage.text_width - 1 <= width <= ArticlePage.text_width + 0.01
            assert height <= ArticlePage.text_height * 0.45 + 0.01


def test_captions_are_set_in_kai_and_the_official_body_has_no_photos(
    ledger: Any, county: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reports.summary.styles import article_styles

    fonts = report_fonts("bundled")
    assert article_styles(fonts).caption.fontName == fonts.kai.name
    assert "UKai" in Path(fonts.kai.path).name or "ukai" in Path(fonts.kai.path).name
    doc, photos = _document(ledger, tmp_path, "official")
    assert photos and any(s.photos for s in doc.sections)  # there are photos to leave out
    _cursor, images = _spy(monkeypatch)
    write_pdf(doc, tmp_path / "o.pdf", fonts, photos, appendix=True)
    assert images == []


def test_demo_photos_have_no_caption_burned_in() -> None:
    """The old demo photos had a black strip with the caption along the bottom; a caption
    belongs under the photo in the report, so the bottom of the picture is the scene."""
    data = draw_photo("seed:1", "送温暖")
    with Image.open(io.BytesIO(data)) as image:
        strip = image.convert("L").crop((0, HEIGHT - 30, image.width, HEIGHT))
        dark = sum(strip.histogram()[:40])
    assert dark < 0.2 * strip.width * strip.height
