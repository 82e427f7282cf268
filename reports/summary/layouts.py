"""The two layouts as story builders: `article` (newspaper 工作回眸) and `official` (GB/T 9704)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    Image,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from reports.numbers_zh import heading_number
from reports.pdf_fonts import FontSet
from reports.summary.appendix import appendix_story
from reports.summary.document import ARTICLE, PrintParagraph, SummaryDocument
from reports.summary.pages import ArticlePage, OfficialPage, numbered_canvas
from reports.summary.styles import ACCENT, RULE, TINT, Styles, article_styles, official_styles

__all__ = ["write_pdf"]

Progress = Callable[[int, int, str], None]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _date(doc: SummaryDocument) -> str:
    return f"{doc.date.year}年{doc.date.month}月{doc.date.day}日"  # 公文 dates: no leading zeros


def _paragraphs(items: tuple[PrintParagraph, ...], styles: Styles) -> list[Flowable]:
    return [
        Paragraph(_escape(p.text), styles.bullet if p.is_bullet else styles.body) for p in items
    ]


def _photo(path: str, caption: str, width: float, styles: Styles) -> list[Flowable]:
    image = Image(path)
    scale = min(width / image.imageWidth, 62 * mm / image.imageHeight, 1.0)
    image.drawWidth = image.imageWidth * scale
    image.drawHeight = image.imageHeight * scale
    return [KeepTogether([Spacer(1, 4), image, Paragraph(_escape(caption), styles.caption)])]


def _section_heading(text: str, styles: Styles, width: float) -> Flowable:
    """The article's heading line: a red bar, the heading in 黑体, a hairline under it."""
    table = Table([["", Paragraph(_escape(text), styles.heading1)]], colWidths=[4, width - 4])
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (0, 0), ACCENT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
        ("LEFTPADDING", (1, 0), (1, 0), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))  # fmt: skip
    return table


def _key_box(lines: tuple[str, ...], styles: Styles, width: float) -> Flowable:
    content: list[Flowable] = [Paragraph("核 心 提 示", styles.box_title)]
    content += [Paragraph("■ " + _escape(line), styles.box_line) for line in lines]
    table = Table([[content]], colWidths=[width])
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.2, RULE),
        ("BACKGROUND", (0, 0), (-1, -1), TINT),
        ("LEFTPADDING", (0, 0), (-1, -1), 12),
        ("RIGHTPADDING", (0, 0), (-1, -1), 12),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]))  # fmt: skip
    return table


def article_story(doc: SummaryDocument, styles: Styles, photos: dict[str, str]) -> list[Flowable]:
    width = ArticlePage.text_width
    story: list[Flowable] = [
        HRFlowable(width="100%", thickness=2.2, color=RULE, spaceAfter=2),
        HRFlowable(width="100%", thickness=0.6, color=RULE, spaceAfter=14),
        Paragraph(_escape(doc.title), styles.title),
        Paragraph(_escape(doc.subtitle), styles.subtitle),
        Paragraph(_escape(doc.byline), styles.byline),
    ]
    if doc.key_points:
        story += [_key_box(doc.key_points, styles, width), Spacer(1, 10)]
    story += _paragraphs(doc.intro, styles)
    for section in doc.sections:
        story += [
            CondPageBreak(60),
            Spacer(1, 8),
            _section_heading(section.heading, styles, width),
            Spacer(1, 5),
        ]
        story += _paragraphs(section.paragraphs, styles)
        for photo in section.photos:
            if photo.path in photos:
                story += _photo(photos[photo.path], photo.caption, width * 0.85, styles)
    if doc.closing:
        story += [Spacer(1, 6)] + _paragraphs(doc.closing, styles)
    story += [Spacer(1, 4), Paragraph(f"（{_escape(doc.byline)} {_date(doc)}）", styles.signature)]
    story += [PageBreak()] + appendix_story(doc, styles, width, "附：统计表与数据来源")
    return story


def official_story(doc: SummaryDocument, styles: Styles, photos: dict[str, str]) -> list[Flowable]:
    width = OfficialPage.text_width
    story: list[Flowable] = [
        Paragraph(_escape(doc.org), styles.title),
        Paragraph(_escape(doc.title), styles.title),
    ]
    story += _paragraphs(doc.intro, styles)
    level1 = 0

    def heading1(text: str) -> None:
        nonlocal level1
        level1 += 1
        story.append(Paragraph(f"{heading_number(level1)}{_escape(text)}", styles.heading1))

    if doc.sections:
        heading1("主要工作及成效")
        for index, section in enumerate(doc.sections, start=1):
            story.append(
                Paragraph(f"{heading_number(index, 2)}{_escape(section.heading)}", styles.heading2)
            )
            story += _paragraphs(section.paragraphs, styles)
            for photo in section.photos:
                if photo.path in photos:
                    story += _photo(photos[photo.path], photo.caption, width * 0.8, styles)
    if doc.problems:
        heading1("存在的问题")
        story += _paragraphs(doc.problems, styles)
    if doc.plans:
        heading1("下一步工作打算")
        story += _paragraphs(doc.plans, styles)
    line = OfficialPage.line_height
    story += [
        Spacer(1, line * 2),
        KeepTogether(
            [
                Paragraph(_escape(doc.org), styles.signature),
                Paragraph(_date(doc), styles.signature),
            ]
        ),
        PageBreak(),
    ]
    story += appendix_story(doc, styles, width, "附件：统计表与数据来源")
    return story


def write_pdf(doc: SummaryDocument, out: Path, fonts: FontSet, photos: dict[str, str]) -> int:
    """Lay the document out into `out`; returns the number of pages."""
    article = doc.style == ARTICLE
    page = ArticlePage if article else OfficialPage
    styles = article_styles(fonts) if article else official_styles(fonts)
    title = f"{doc.org}{doc.title}" if not article else f"{doc.title}{doc.subtitle}"
    template = BaseDocTemplate(
        str(out),
        pagesize=A4,
        leftMargin=page.left,
        rightMargin=page.right,
        topMargin=page.top,
        bottomMargin=page.bottom,
        title=title,
        author=doc.org,
        subject=f"{doc.period_label}工作总结",
        creator="工会台账",
        keywords=["工作总结", doc.period_label],
    )
    # No frame padding: the text block is exactly the page's (156 mm = 28 characters).
    frame = Frame(
        page.left,
        page.bottom,
        page.text_width,
        page.text_height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    story = article_story(doc, styles, photos) if article else official_story(doc, styles, photos)
    canvas_class = numbered_canvas(
        fonts.song.name,
        size=page.number_size,
        drop=page.number_drop,
        official=not article,
        left=page.left,
        width=page.text_width,
        bottom=page.bottom,
        char=OfficialPage.char_width if not article else 0.0,
        footer="" if not article else f"{doc.org} · {doc.period_label}工作回眸",
    )
    template.build(story, canvasmaker=canvas_class)
    return int(template.page)
