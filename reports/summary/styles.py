"""The named paragraph styles of both layouts, built once per font set."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from reports.pdf_fonts import FontSet
from reports.summary import linebreak
from reports.summary.pages import OfficialPage

__all__ = ["ACCENT", "Styles", "article_styles", "official_styles"]

linebreak.install()  # 禁则 and justified lines for every CJK paragraph

ACCENT = colors.HexColor("#b22222")  # the union paper's red
TINT = colors.HexColor("#f7f0e6")
RULE = colors.HexColor("#8c1c13")


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    byline: ParagraphStyle
    heading1: ParagraphStyle
    heading2: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    box_title: ParagraphStyle
    box_line: ParagraphStyle
    caption: ParagraphStyle
    table: ParagraphStyle
    table_head: ParagraphStyle
    table_title: ParagraphStyle
    note: ParagraphStyle
    signature: ParagraphStyle
    attachment: ParagraphStyle  # the 公文's 附件说明 line under the text
    attachment_label: ParagraphStyle  # "附件" at the top left of an attachment's first page
    fonts: FontSet


def _base(name: str, font: str, size: float, leading: float, **kw: object) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **kw)  # type: ignore[arg-type]


def _tables(fonts: FontSet, size: float) -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    table = _base("table", fonts.song.name, size, size * 1.35)
    head = _base("table_head", fonts.hei.name, size, size * 1.35, alignment=TA_CENTER)
    title = _base(
        "table_title",
        fonts.hei.name,
        size + 2,
        (size + 2) * 1.6,
        alignment=TA_CENTER,
        spaceBefore=6,
        spaceAfter=4,
    )
    return table, head, title


def article_styles(fonts: FontSet) -> Styles:
    size = 11.0
    lead = 19.0
    table, head, ttitle = _tables(fonts, 8.5)
    return Styles(
        title=_base(
            "title", fonts.title.name, 24, 32, alignment=TA_CENTER, textColor=RULE, spaceAfter=4
        ),
        subtitle=_base("subtitle", fonts.kai.name, 14, 22, alignment=TA_CENTER, spaceAfter=4),
        byline=_base(
            "byline",
            fonts.song.name,
            10,
            16,
            alignment=TA_CENTER,
            textColor=colors.HexColor("#555555"),
            spaceAfter=8,
        ),
        heading1=_base("heading1", fonts.hei.name, 13.5, 20, textColor=RULE, keepWithNext=1),
        heading2=_base("heading2", fonts.hei.name, 12, 18),
        body=_base(
            "body",
            fonts.song.name,
            size,
            lead,
            firstLineIndent=2 * size,
            alignment=TA_JUSTIFY,
            spaceAfter=3,
        ),
        bullet=_base(
            "bullet",
            fonts.song.name,
            size,
            lead,
            firstLineIndent=2 * size,
            alignment=TA_JUSTIFY,
            spaceAfter=3,
        ),
        box_title=_base(
            "box_title", fonts.hei.name, 12.5, 20, alignment=TA_CENTER, textColor=RULE, spaceAfter=4
        ),
        box_line=_base(
            "box_line",
            fonts.kai.name,
            10.5,
            17,
            firstLineIndent=0,
            leftIndent=10,
            bulletIndent=0,
            spaceAfter=2,
            alignment=TA_JUSTIFY,  # a prose 核心提示 is a paragraph like the body's
        ),
        caption=_base(
            "caption",
            fonts.kai.name,
            9.5,
            14,
            alignment=TA_CENTER,
            textColor=colors.HexColor("#444444"),
            spaceBefore=2,
            spaceAfter=8,
        ),
        table=table,
        table_head=head,
        table_title=ttitle,
        note=_base("note", fonts.song.name, 8.5, 12.5, textColor=colors.HexColor("#555555")),
        signature=_base("signature", fonts.song.name, size, lead, alignment=TA_RIGHT),
        attachment=_base("attachment", fonts.song.name, size, lead, firstLineIndent=2 * size),
        attachment_label=_base("attachment_label", fonts.hei.name, size + 2, lead),
        fonts=fonts,
    )


def official_styles(fonts: FontSet) -> Styles:
    size = OfficialPage.char_width  # 28 characters to the line
    lead = OfficialPage.line_height  # 22 lines to the page
    indent = 2 * size
    table, head, ttitle = _tables(fonts, 10.5)
    return Styles(
        title=_base(
            "title", fonts.title.name, 22, lead * 1.3, alignment=TA_CENTER, spaceAfter=lead * 0.7
        ),
        subtitle=_base("subtitle", fonts.kai.name, size, lead, alignment=TA_CENTER),
        byline=_base("byline", fonts.fang.name, size, lead, alignment=TA_CENTER),
        heading1=_base("heading1", fonts.hei.name, size, lead, firstLineIndent=indent),
        heading2=_base("heading2", fonts.kai.name, size, lead, firstLineIndent=indent),
        body=_base(
            "body", fonts.fang.name, size, lead, firstLineIndent=indent, alignment=TA_JUSTIFY
        ),
        bullet=_base(
            "bullet", fonts.fang.name, size, lead, firstLineIndent=indent, alignment=TA_JUSTIFY
        ),
        box_title=_base("box_title", fonts.hei.name, size, lead, alignment=TA_LEFT),
        box_line=_base("box_line", fonts.fang.name, size, lead),
        caption=_base("caption", fonts.kai.name, 12, 18, alignment=TA_CENTER),
        table=table,
        table_head=head,
        table_title=ttitle,
        note=_base("note", fonts.fang.name, 10.5, 15),
        signature=_base(
            "signature", fonts.fang.name, size, lead, alignment=TA_RIGHT, rightIndent=4 * size
        ),
        attachment=_base("attachment", fonts.fang.name, size, lead, firstLineIndent=indent),
        attachment_label=_base("attachment_label", fonts.hei.name, size, lead),
        fonts=fonts,
    )
