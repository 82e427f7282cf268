"""A photo floated to the end of the article stays in front of its last lines: no page after the
signature, no page holding only a photo and its caption."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from reportlab.platypus import Image, Paragraph, Spacer
from reportlab.platypus.frames import Frame

from reports.pdf_fonts import report_fonts
from reports.summary.layouts import write_pdf
from reports.summary.pages import ArticlePage
from tests.reports.summary.test_article_photos import FILLER, _document


def _pages(monkeypatch: pytest.MonkeyPatch) -> dict[int, list[Any]]:
    """Every flowable placed, by page."""
    pages: dict[int, list[Any]] = {}
    original_add = Frame.add

    def add(self: Frame, flowable: Any, canv: Any, trySplit: int = 0) -> Any:  # noqa: N803
        placed = original_add(self, flowable, canv, trySplit)
        if placed:
            pages.setdefault(canv.getPageNumber(), []).append(flowable)
        return placed

    monkeypatch.setattr(Frame, "add", add)
    return pages


def test_no_photo_stands_alone_after_the_text(
    ledger: Any, county: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lead grows a line at a time, so the photo reaches the end of the text at every
    height: the signature is on the last page, and every page holding a photo holds text."""
    doc, photos = _document(ledger, tmp_path)
    # The photo in the last section, as the demo's 2025 article has: floated past the text
    # after it, it meets the end of the text.
    shown = [p for s in doc.sections for p in s.photos]
    assert shown
    last_section = dataclasses.replace(doc.sections[-1], photos=(shown[0],))
    doc = dataclasses.replace(doc, sections=(*doc.sections[:-1], last_section))
    pages = _pages(monkeypatch)
    fonts = report_fonts("bundled")
    line = 19.0 + 3
    for extra in range(0, int(ArticlePage.text_height / line) + 2):
        pages.clear()
        grown = dataclasses.replace(doc, intro=doc.intro + (FILLER,) * extra)
        count = write_pdf(grown, tmp_path / f"e{extra}.pdf", fonts, photos, appendix=False)
        last = pages[count]
        assert any(isinstance(f, Paragraph) and f.style.name == "signature" for f in last), (
            extra,
            count,
        )
        for page, placed in pages.items():
            if any(isinstance(f, Image) for f in placed):
                text = [f for f in placed if isinstance(f, Paragraph) and f.style.name != "caption"]
                assert text, (extra, page)
            assert not all(isinstance(f, Spacer) for f in placed), (extra, page)
