"""Builds a year-end summary from the ledger: figures → draft → stored paragraphs → PDF (+ Excel)."""

# Steps and why they are split: `prepare` (figures, draft, stored paragraphs) is what the 年度总结
# screen shows and edits; `render` lays a prepared summary out and is what its 生成 button runs in
# the background; `build_summary` does both for the command line.

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

from models.errors import InvalidValue
from models.saving import check_target, saving
from models.services.drafts import DraftParagraphRow
from models.statistics import YearFigures, year_figures
from reports.pdf_fonts import FontSet, report_fonts
from reports.summary.document import ARTICLE, STYLES, Photo, SummaryDocument, assemble
from reports.summary.draft import Draft, generate_draft
from reports.summary.layouts import write_appendix_pdf, write_pdf
from reports.summary.privacy import unnamed_figures
from reports.summary.themes import featured_theme, told_featured

__all__ = ["BuildResult", "Prepared", "build_summary", "prepare", "render"]

Progress = Callable[[int, int, str], None]
PHOTO_MAX_SIDE = 1400  # px: 300 dpi at the printed width, no more
PHOTO_QUALITY = 82
PHOTO_MAX_BYTES = 400_000  # a JPEG within PHOTO_MAX_SIDE but larger than this is re-encoded
# One a theme: two pictures of one theme end up side by side on one page, crowding out its text
# (a six-page article then carries four or five, about one a page, as the paper prints them).
PHOTOS_PER_THEME = 1


@dataclass(frozen=True)
class Prepared:
    """A summary ready to edit or lay out: the figures, the generated draft, the stored rows."""

    year: int
    since_year: int | None
    org: str
    figures: YearFigures
    draft: Draft
    paragraphs: tuple[DraftParagraphRow, ...]
    photos: tuple[Photo, ...]
    photo_files: dict[str, Path] = field(default_factory=dict)


@dataclass(frozen=True)
class BuildResult:
    path: Path
    pages: int
    style: str
    fonts: str  # which fonts were used, in Chinese
    warnings: tuple[str, ...]
    figures_stated: int
    xlsx: Path | None = None
    appendix: bool = True  # the tables, charts and 数据来源 follow the text in the same file
    qa_file: Path | None = None  # … or are in this file of their own


def _org(ledger: Any, org: str | None) -> str:
    name = (org or "").strip() or ledger.settings.org_name.strip()
    if not name:
        raise InvalidValue(
            "org",
            "",
            "没有单位名称。请在“设置”中填写单位名称，或在命令中用 --org 指定。",
            label="单位名称",
        )
    return name


def prepare(
    ledger: Any,
    year: int,
    since_year: int | None = None,
    *,
    org: str | None = None,
    progress: Progress | None = None,
) -> Prepared:
    """Read the figures, write the draft and store it (edits kept). Raises InvalidValue when the
    period has no records at all, so nobody prints a summary of nothing."""
    tick = progress or (lambda *_: None)
    if since_year is not None and since_year >= year:
        since_year = None
    name = _org(ledger, org)
    tick(1, 5, "正在统计数据…")
    # Household names out first: figures, draft, captions and tables all print the same text.
    figures = unnamed_figures(year_figures(ledger, year, since_year))
    if figures.is_empty:
        raise InvalidValue(
            "year", year,
            f"{figures.period.label}没有任何档案、帮扶、阵地或活动记录，无法生成总结。"
            "请检查年份，或先录入、导入数据。",
            label="年份",
        )  # fmt: skip
    tick(2, 5, "正在撰写文字…")
    draft = generate_draft(figures, name)
    stored = ledger.drafts.sync(
        year, since_year, [(p.section, p.slot, p.text) for p in draft.paragraphs]
    )
    photos, files = _photos(ledger, figures)
    return Prepared(year, since_year, name, figures, draft, tuple(stored), photos, files)


def _photos(ledger: Any, figures: YearFigures) -> tuple[tuple[Photo, ...], dict[str, Path]]:
    """One photo for each featured activity told in the text, at most PHOTOS_PER_THEME a theme."""
    photos: list[Photo] = []
    files: dict[str, Path] = {}
    per_theme: dict[str, int] = {}
    told = told_featured(figures)
    first = ledger.activities.first_photos([a.id for a in told])
    for activity in told:
        theme = featured_theme(activity)
        row = first.get(activity.id)
        if row is None or per_theme.get(theme, 0) >= PHOTOS_PER_THEME:
            continue
        key = f"photo-{row.id}"
        photos.append(Photo(key, (row.caption or activity.name).strip(), theme))
        files[key] = ledger.activities.photo_file(row)
        per_theme[theme] = per_theme.get(theme, 0) + 1
    return tuple(photos), files


def _fits_as_is(image: Image.Image, source: Path) -> bool:
    """A baseline RGB/grey JPEG already within the size limits goes into the PDF unchanged:
    re-encoding it would only cost time (every build) and quality."""
    return (
        image.format == "JPEG"
        and image.mode in ("RGB", "L")
        and not image.info.get("progressive")
        and max(image.size) <= PHOTO_MAX_SIDE
        and source.stat().st_size <= PHOTO_MAX_BYTES
    )


def _downscale(files: dict[str, Path], folder: Path, warnings: list[str]) -> dict[str, str]:
    """Each photo as a JPEG no larger than PHOTO_MAX_SIDE (the PDF stays small)."""
    out: dict[str, str] = {}
    for key, source in files.items():
        target = folder / f"{key}.jpg"
        try:
            with Image.open(source) as image:
                if _fits_as_is(image, source):
                    out[key] = str(source)
                    continue
                image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
                image.convert("RGB").save(target, "JPEG", quality=PHOTO_QUALITY, optimize=True)
        except (OSError, UnidentifiedImageError):
            warnings.append(
                f"照片文件“{source.name}”无法读取，已略去。请在活动台账中重新添加该照片。"
            )
            continue
        out[key] = str(target)
    return out


def render(
    prepared: Prepared,
    out: str | Path,
    *,
    style: str = "article",
    stored: Sequence[DraftParagraphRow] | None = None,
    fonts: FontSet | None = None,
    font_preference: str = "auto",
    date: dt.date | None = None,
    appendix: bool | None = None,
    qa_file: str | Path | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Lay the prepared summary out as a PDF at `out` (written to a temporary file first, so a
    failed build never leaves half a PDF behind). The tables, charts and 数据来源 follow the
    text when `appendix` is true (default: in the article, not in the 公文), or go to `qa_file`."""
    if style not in STYLES:
        raise InvalidValue(
            "style", style, "版式只能是 article（报纸回眸体）或 official（公文体）。", label="版式"
        )
    tick = progress or (lambda *_: None)
    out = Path(out)
    _check_pdf_name(out, "out", "输出文件")
    qa = Path(qa_file) if qa_file is not None else None
    if qa is not None:
        _check_pdf_name(qa, "qa_file", "数据来源文件")
        if qa.resolve() == out.resolve():
            raise InvalidValue(
                "qa_file", str(qa), "数据来源文件不能与总结是同一个文件，请另取一个文件名。",
                label="数据来源文件",
            )  # fmt: skip
        check_target(qa)
        appendix = False
    elif appendix is None:
        appendix = style == ARTICLE
    check_target(out)  # before the minutes of layout, not after
    fonts = fonts or report_fonts(font_preference)
    rows = prepared.paragraphs if stored is None else tuple(stored)
    tick(3, 5, "正在排版…")
    doc = assemble(
        prepared.draft,
        rows,
        style=style,
        figures=prepared.figures,
        photos=prepared.photos,
        date=date,
    )
    warnings = list(doc.warnings)
    with tempfile.TemporaryDirectory(prefix="summary-") as work:
        images = _downscale(prepared.photo_files, Path(work), warnings)
        with saving(out, prefix=".生成中-") as partial:
            pages = write_pdf(
                doc, partial, fonts, images, appendix=appendix, attachment_file=qa is not None
            )
            if qa is not None:  # inside: the summary is kept only with its attachment
                with saving(qa, prefix=".生成中-") as partial_qa:
                    write_appendix_pdf(doc, partial_qa, fonts)
            tick(4, 5, "正在保存…")
    tick(5, 5, "完成")
    return BuildResult(
        out,
        pages,
        style,
        fonts.describe(official=style != ARTICLE),
        tuple(dict.fromkeys(warnings)),
        len(doc.sources),
        appendix=appendix,
        qa_file=qa,
    )


def _check_pdf_name(path: Path, field: str, label: str) -> None:
    if path.suffix.lower() != ".pdf":
        raise InvalidValue(field, str(path), f"{label}名必须以 .pdf 结尾。", label=label)


def assembled(prepared: Prepared, style: str) -> SummaryDocument:
    """The printable document without laying it out (tests and the preview's text view)."""
    return assemble(
        prepared.draft,
        prepared.paragraphs,
        style=style,
        figures=prepared.figures,
        photos=prepared.photos,
    )


def build_summary(
    ledger: Any,
    year: int,
    out: str | Path,
    *,
    since_year: int | None = None,
    style: str = "article",
    org: str | None = None,
    xlsx: str | Path | None = None,
    progress: Progress | None = None,
    date: dt.date | None = None,
    appendix: bool | None = None,
    qa_file: str | Path | None = None,
) -> BuildResult:
    """The whole build for the command line: prepare, render, and the Excel 年度统计表 if asked."""
    # Every file refused before the draft is stored and laid out, not one after the other.
    check_target(Path(out), probe=True)
    if qa_file is not None:
        check_target(Path(qa_file), probe=True)
    if xlsx is not None:
        from reports.excel.styles import check_workbook_name

        check_workbook_name(Path(xlsx), probe=True)
    prepared = prepare(ledger, year, since_year, org=org, progress=progress)
    preference = ledger.settings.get("report_font", "auto") or "auto"
    result = render(
        prepared,
        out,
        style=style,
        font_preference=preference,
        date=date,
        appendix=appendix,
        qa_file=qa_file,
        progress=progress,
    )
    if xlsx is not None:
        from reports.summary.xlsx import write_statistics_workbook

        result = replace(result, xlsx=write_statistics_workbook(prepared, xlsx))
    return result
