"""Assembles the printable summary: stored paragraphs (edited or generated) filled with figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from models.services.drafts import DraftParagraphRow
from models.statistics import YearFigures
from reports.narrative import (
    CHANGE_SUFFIX,
    fill_placeholders,
    find_placeholders,
    split_sentences,
)
from reports.numbers_zh import cn_digit
from reports.summary.draft import (
    ARTICLE_SECTIONS,
    OFFICIAL_SECTIONS,
    SECTION_TITLES,
    Draft,
)
from reports.summary.themes import THEME_SPECS

__all__ = [
    "ARTICLE",
    "OFFICIAL",
    "STYLES",
    "Photo",
    "PrintParagraph",
    "PrintSection",
    "SourceLine",
    "SummaryDocument",
    "assemble",
]

ARTICLE = "article"
OFFICIAL = "official"
STYLES = {ARTICLE: "报纸回眸体", OFFICIAL: "公文体"}


@dataclass(frozen=True)
class Photo:
    """A photo of a featured activity: a file on disk and its one-line caption."""

    path: str
    caption: str
    section: str  # the theme it is shown in


@dataclass(frozen=True)
class PrintParagraph:
    text: str  # figures filled in
    edited: bool = False

    @property
    def is_bullet(self) -> bool:
        return self.text.startswith("——")


@dataclass(frozen=True)
class PrintSection:
    key: str
    heading: str
    paragraphs: tuple[PrintParagraph, ...]
    photos: tuple[Photo, ...] = ()


@dataclass(frozen=True)
class SourceLine:
    """One figure the text states, for the 数据来源 list: as written, its name and exact value."""

    name: str
    written: str
    label: str
    exact: str
    unit: str
    source: str
    basis: str


@dataclass(frozen=True)
class SummaryDocument:
    """Everything a layout prints; built by `assemble`, never touches the database."""

    style: str
    year: int
    since_year: int | None
    org: str
    title: str  # article headline / official title
    subtitle: str
    byline: str
    key_points: tuple[str, ...]
    intro: tuple[PrintParagraph, ...]
    sections: tuple[PrintSection, ...]  # themes
    closing: tuple[PrintParagraph, ...]  # article closing / official 二、三、 handled apart
    problems: tuple[PrintParagraph, ...]
    plans: tuple[PrintParagraph, ...]
    sources: tuple[SourceLine, ...]
    figures: YearFigures
    date: dt.date
    warnings: tuple[str, ...] = field(default=())

    @property
    def period_label(self) -> str:
        return self.figures.period.label

    def body_texts(self) -> list[str]:
        """Every paragraph printed, in order (tests check sentences are never repeated)."""
        out = [p.text for p in self.intro]
        for section in self.sections:
            out += [p.text for p in section.paragraphs]
        out += [p.text for p in (*self.closing, *self.problems, *self.plans)]
        return out


def _exact(value: object, unit: str) -> str:
    """Exact as the statistics report it (`stats --json`): 403387, 4068000.00."""
    if unit == "元":
        return f"{value:.2f}"  # type: ignore[str-format]
    return str(value)


def _subtitle(org: str, year: int, since_year: int | None) -> str:
    if since_year is None or since_year >= year:
        return f"——{org}{year}年工作回眸"
    return f"——{org}{cn_digit(year - since_year + 1)}年工作回眸"


def _official_title(year: int, since_year: int | None) -> str:
    if since_year is None or since_year >= year:
        return f"{year}年工作总结"
    return f"{since_year}—{year}年工作总结"


def assemble(
    draft: Draft,
    stored: Sequence[DraftParagraphRow],
    *,
    style: str,
    figures: YearFigures,
    photos: Sequence[Photo] = (),
    byline: str = "",
    date: dt.date | None = None,
) -> SummaryDocument:
    """The printable document: each slot's text is the clerk's edit if any, else the generated
    text; placeholders are filled with this build's figures. Problems go to `warnings`."""
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}")
    warnings: list[str] = []
    by_section: dict[str, list[PrintParagraph]] = {}
    rows = list(stored) or [
        DraftParagraphRow(0, draft.year, draft.since_year, p.section, i, p.slot, p.text, None)
        for i, p in enumerate(draft.paragraphs)
    ]
    rows.sort(key=lambda r: (r.position, r.id))
    for row in rows:
        if row.omitted or not row.text.strip():
            continue
        text = fill_placeholders(row.text.strip(), draft.values)
        left = find_placeholders(text)
        where = f"“{SECTION_TITLES.get(row.section, row.section)}”部分"
        if left:
            names = "、".join(f"{{{n}}}" for n in left)
            warnings.append(f"{where}有一段文字中的{names}本年度没有数据，已原样印出，请修改该段。")
        by_section.setdefault(row.section, []).append(PrintParagraph(text, row.edited))

    wanted = ARTICLE_SECTIONS if style == ARTICLE else OFFICIAL_SECTIONS
    seen: dict[str, str] = {}
    for section in wanted:
        for paragraph in by_section.get(section, []):
            for sentence in split_sentences(paragraph.text):
                if len(sentence) > 6 and sentence in seen:
                    warnings.append(
                        f"“{SECTION_TITLES.get(section, section)}”部分有一句话在前文已经出现："
                        f"“{sentence[:30]}”，请删去其中一处。"
                    )
                seen.setdefault(sentence, section)

    sections = []
    for spec in THEME_SPECS:
        paragraphs = tuple(by_section.get(spec.key, ()))
        if not paragraphs:
            continue
        heading = spec.article_heading if style == ARTICLE else spec.official_heading
        sections.append(PrintSection(
            spec.key, heading, paragraphs, tuple(p for p in photos if p.section == spec.key)
        ))  # fmt: skip

    sources = []
    for stated in draft.stated:
        figure = draft.facts.get(stated.key)
        if figure is None:
            continue
        exact = _exact(figure.value, figure.unit)
        if stated.name.endswith(CHANGE_SUFFIX) and figure.previous is not None:
            exact += f"（对比值{_exact(figure.previous, figure.unit)}）"  # a comparison is stated
        sources.append(SourceLine(
            stated.name, stated.text, figure.label, exact, figure.unit, figure.source, figure.basis,
        ))  # fmt: skip

    headline = by_section.get("headline")
    if style == ARTICLE:
        title = headline[0].text if headline else ""
        intro = tuple(by_section.get("lead", ()))
        subtitle = _subtitle(draft.org, draft.year, draft.since_year)
    else:
        title = _official_title(draft.year, draft.since_year)
        intro = tuple(by_section.get("opening", ()))
        subtitle = ""
    return SummaryDocument(
        style=style,
        year=draft.year,
        since_year=draft.since_year,
        org=draft.org,
        title=title,
        subtitle=subtitle,
        byline=byline or f"{draft.org}办公室",
        key_points=draft.key_points,
        intro=intro,
        sections=tuple(sections),
        closing=tuple(by_section.get("closing", ())) if style == ARTICLE else (),
        problems=tuple(by_section.get("problems", ())) if style == OFFICIAL else (),
        plans=tuple(by_section.get("plans", ())) if style == OFFICIAL else (),
        sources=tuple(sources),
        figures=figures,
        date=date or dt.date.today(),
        warnings=tuple(dict.fromkeys(warnings)),
    )
