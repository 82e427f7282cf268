"""The two layouts as story builders: `article` (newspaper 工作回眸) and `official` (GB/T 9704)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image as PILImage
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
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
from reports.summary.keep import KeepTail
from reports.summary.pages import ArticlePage, OfficialPage, numbered_canvas
from reports.summary.photos import FloatingPhoto
from reports.summary.styles import ACCENT, RULE, TINT, Styles, article_styles, official_styles

__all__ = ["APPENDIX_TITLE", "write_appendix_pdf", "write_pdf"]

APPENDIX_TITLE = "统计表与数据来源"

Progress = Callable[[int, int, str], None]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _date(doc: SummaryDocument) -> str:
    return f"{doc.date.year}年{doc.date.month}月{doc.date.day}日"  # 公文 dates: no leading zeros


def _paragraphs(items: tuple[PrintParagraph, ...], styles: Styles) -> list[Flowable]:
    return [
        Paragraph(_escape(p.text), styles.bullet if p.is_bullet else styles.body) for p in items
    ]


class _PhotoSlot(Flowable):
    """Where a photo stands in the text, until `_floated` gives it the text after it."""

    def __init__(self, path: str, caption: str) -> None:
        super().__init__()
        self.path, self.caption = path, caption


def _floated(story: list[Flowable], styles: Styles) -> list[Flowable]:
    """Each photo slot becomes a FloatingPhoto holding everything after it (later photos
    inside): a photo at the text column's width, its caption in 楷体 under it."""
    out: list[Flowable] = []
    last: dict[str, float] = {}  # where the last photo was drawn, shared by all of them
    frame = (ArticlePage.text_width, ArticlePage.text_height, ArticlePage.bottom)
    for item in reversed(story):
        if not isinstance(item, _PhotoSlot):
            out.insert(0, item)
            continue
        with PILImage.open(item.path) as image:
            size = image.size
        photo = FloatingPhoto(
            item.path,
            Paragraph(_escape(item.caption), styles.caption),
            size,
            frame,
            out,
            last,
        )
        out = [photo]
    return out


def _section_heading(text: str, styles: Styles, width: float) -> Flowable:
    """The article's heading line: a red bar, the heading in 黑体, a hairline under it."""
    table = Table([["", Paragraph(_escape(text), styles.heading1)]], colWidths=[4, width - 4])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), styles.heading1.fontName, 4),
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
    mark = "■ " if len(lines) > 1 else ""  # a prose 核心提示 is one paragraph, not a list
    content += [Paragraph(mark + _escape(line), styles.box_line) for line in lines]
    table = Table([[content]], colWidths=[width])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), styles.box_line.fontName, styles.box_line.fontSize),
        ("BOX", (0, 0), (-1, -1), 1.2, RULE),
        ("BACKGROUND", (0, 0), (-1, -1), TINT),
        ("LEFTPADDING", (0, 0), (-1, -1), 12),
        ("RIGHTPADDING", (0, 0), (-1, -1), 12),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]))  # fmt: skip
    return table


def article_story(
    doc: SummaryDocument, styles: Styles, photos: dict[str, str], appendix: bool = True
) -> list[Flowable]:
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
            # A heading never ends a page: room for it and three lines of text, or a new page.
            CondPageBreak(40 + 3 * styles.body.leading),
            Spacer(1, 8),
            _section_heading(section.heading, styles, width),
            Spacer(1, 5),
        ]
        text = _paragraphs(section.paragraphs, styles)
        shown = [p for p in section.photos if p.path in photos]
        # A photo after each of the section's first paragraphs, as the paper places them.
        for number, paragraph in enumerate(text):
            story.append(paragraph)
            if number < len(shown):
                story.append(_PhotoSlot(photos[shown[number].path], shown[number].caption))
        for photo in shown[len(text) :]:
            story.append(_PhotoSlot(photos[photo.path], photo.caption))
    if doc.closing:
        story += [Spacer(1, 6)] + _paragraphs(doc.closing, styles)
    story += [Spacer(1, 4), Paragraph(f"（{_escape(doc.byline)} {_date(doc)}）", styles.signature)]
    story = _floated(story, styles)
    if appendix:
        story += [PageBreak()] + appendix_story(doc, styles, width, f"附：{APPENDIX_TITLE}")
    return story


def official_story(doc: SummaryDocument, styles: Styles, attachment: str) -> list[Flowable]:
    """The 公文 (GB/T 9704): no photos in the body; `attachment` is "" (none), "file" (a
    separate file, named in the 附件说明) or "appended" (附件 pages after the signature)."""
    line = OfficialPage.line_height
    # GB/T 9704: one title (the issuing body and the subject), centred, in one or more lines.
    story: list[Flowable] = [Paragraph(_escape(f"{doc.org}{doc.title}"), styles.title)]
    story += _paragraphs(doc.intro, styles)
    level1 = 0

    def heading(text: str, style: ParagraphStyle, lines: int) -> None:
        # A heading never ends a page: room for it and two lines of its text, or a new page
        # (keepWithNext would carry a long first paragraph over and leave half a page blank).
        story.extend([CondPageBreak(lines * line), Paragraph(text, style)])

    def heading1(text: str, lines: int = 3) -> None:
        nonlocal level1
        level1 += 1
        heading(f"{heading_number(level1)}{_escape(text)}", styles.heading1, lines)

    if doc.sections:
        heading1("主要工作及成效", 4)  # its first （一） heading follows at once
        for index, section in enumerate(doc.sections, start=1):
            heading(f"{heading_number(index, 2)}{_escape(section.heading)}", styles.heading2, 3)
            story += _paragraphs(section.paragraphs, styles)
    if doc.problems:
        heading1("存在的问题")
        story += _paragraphs(doc.problems, styles)
    if doc.plans:
        heading1("下一步工作打算")
        story += _paragraphs(doc.plans, styles)
    # The signature never stands alone on a page: it keeps the last lines of the last paragraph
    # (and the 附件说明) with it.
    last = story.pop() if len(story) > 1 and isinstance(story[-1], Paragraph) else None
    ending: list[Flowable] = []
    if attachment:
        # 附件说明: a blank line under the text, two characters in, "附件：" and the name.
        ending += [Spacer(1, line), Paragraph(f"附件：{_attachment_name(doc)}", styles.attachment)]
    ending += [
        Spacer(1, line * 2),
        Paragraph(_escape(doc.org), styles.signature),
        Paragraph(_date(doc), styles.signature),
    ]
    story.append(KeepTail(last, ending, spare=line) if last is not None else KeepTogether(ending))
    if attachment == "appended":
        story += [PageBreak(), *_official_attachment_head(doc, styles)]
        story += appendix_story(doc, styles, OfficialPage.text_width, None)
    return story


def _attachment_name(doc: SummaryDocument) -> str:
    return f"{doc.period_label}{APPENDIX_TITLE}"


def _official_attachment_head(doc: SummaryDocument, styles: Styles) -> list[Flowable]:
    """GB/T 9704: "附件" in 黑体 at the top left of the attachment's first page, its name centred."""
    return [
        Paragraph("附件", styles.attachment_label),
        Paragraph(_escape(_attachment_name(doc)), styles.title),
    ]


def _template(doc: SummaryDocument, out: Path, title: str) -> tuple[BaseDocTemplate, Any]:
    article = doc.style == ARTICLE
    page = ArticlePage if article else OfficialPage
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
    return template, page


def _canvas(doc: SummaryDocument, fonts: FontSet, page: Any) -> Any:
    article = doc.style == ARTICLE
    return numbered_canvas(
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


def _styles(doc: SummaryDocument, fonts: FontSet) -> Styles:
    return article_styles(fonts) if doc.style == ARTICLE else official_styles(fonts)


def write_pdf(
    doc: SummaryDocument,
    out: Path,
    fonts: FontSet,
    photos: dict[str, str],
    *,
    appendix: bool = True,
    attachment_file: bool = False,
) -> int:
    """Lay the document out into `out`; returns the number of pages. `appendix` puts the tables,
    charts and 数据来源 after the text; `attachment_file` says they go to a file of their own
    (the 公文 then names it in its 附件说明)."""
    article = doc.style == ARTICLE
    styles = _styles(doc, fonts)
    title = f"{doc.org}{doc.title}" if not article else f"{doc.title}{doc.subtitle}"
    template, page = _template(doc, out, title)
    if article:
        story = article_story(doc, styles, photos, appendix)
    else:
        attachment = "appended" if appendix else "file" if attachment_file else ""
        story = official_story(doc, styles, attachment)
    template.build(story, canvasmaker=_canvas(doc, fonts, page))
    return int(template.page)


def write_appendix_pdf(doc: SummaryDocument, out: Path, fonts: FontSet) -> int:
    """The tables, charts and 数据来源 as a file of their own, in the document's page layout
    (the 公文's 附件, or the article's fact-check sheet); returns the number of pages."""
    styles = _styles(doc, fonts)
    name = _attachment_name(doc)
    template, page = _template(doc, out, f"{doc.org}{name}")
    if doc.style == ARTICLE:
        story = appendix_story(doc, styles, page.text_width, f"附：{name}")
    else:
        story = _official_attachment_head(doc, styles)
        story += appendix_story(doc, styles, page.text_width, None)
    template.build(story, canvasmaker=_canvas(doc, fonts, page))
    return int(template.page)
