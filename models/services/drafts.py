"""Stored drafts of the year-end summary: generated text per year/section/slot, and the clerk's edits."""

# Why this shape:
# * One row per paragraph (report_paragraphs): `generated_text` is replaced on every build, the
#   clerk's `edited_text` is never touched by a build. A paragraph keeps its (section, slot) so an
#   edit stays where it was written; an edited paragraph whose slot the generator no longer
#   produces (its figures went to zero) is kept too: the clerk's words are never dropped silently.
# * An edited text of "" means "leave this paragraph out"; None means "use the generated text".
# * Placeholders ("{驿站总数}") are kept verbatim; the report fills them at build time. `edit`
#   can check the names against the ones the report knows, so a typo is refused, not printed.
# * Storing generated text is bookkeeping, not a clerk's change: it needs no permission and is not
#   audited (a viewer may build the PDF). Edits and resets need 修改数据 and are audited.

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import validation as v
from models.errors import InvalidValue, NotFound
from models.schema import ReportParagraph
from models.services.base import Service

__all__ = ["DraftParagraphRow", "DraftService"]

MAX_TEXT = 5000
_PLACEHOLDER = re.compile(r"\{([^{}\s]+)\}")


@dataclass(frozen=True)
class DraftParagraphRow:
    """A stored paragraph: what the generator wrote and, once edited, what the clerk wrote."""

    id: int
    year: int
    since_year: int | None
    section: str
    position: int
    slot: str
    generated_text: str
    edited_text: str | None

    @property
    def edited(self) -> bool:
        return self.edited_text is not None

    @property
    def omitted(self) -> bool:
        """The clerk emptied the paragraph: it is not printed."""
        return self.edited_text is not None and not self.edited_text.strip()

    @property
    def text(self) -> str:
        """The text to print (placeholders still unfilled)."""
        return self.edited_text if self.edited_text is not None else self.generated_text


def _row(p: ReportParagraph) -> DraftParagraphRow:
    return DraftParagraphRow(
        p.id, p.year, p.since_year, p.section, p.position, p.slot, p.generated_text,
        p.edited_text,
    )  # fmt: skip


def _period(since_year: int | None, year: int) -> int | None:
    """A one-year period is stored as since_year NULL, whichever way it was asked for."""
    return None if since_year is None or since_year >= year else since_year


class DraftService(Service):
    """ledger.drafts: the summary's paragraphs for a year (or a period since_year–year)."""

    def _query(self, year: int, since_year: int | None) -> object:
        since = _period(since_year, year)
        stmt = select(ReportParagraph).where(ReportParagraph.year == year)
        if since is None:
            stmt = stmt.where(ReportParagraph.since_year.is_(None))
        else:
            stmt = stmt.where(ReportParagraph.since_year == since)
        return stmt.order_by(ReportParagraph.section, ReportParagraph.position, ReportParagraph.id)

    def paragraphs(self, year: int, since_year: int | None = None) -> list[DraftParagraphRow]:
        """Every stored paragraph of the period, by section and position."""
        with self.ledger.db.read() as s:
            return [_row(p) for p in s.scalars(self._query(year, since_year))]  # type: ignore[call-overload]

    def sync(
        self,
        year: int,
        since_year: int | None,
        generated: Iterable[tuple[str, str, str]],
    ) -> list[DraftParagraphRow]:
        """Store freshly generated (section, slot, text) paragraphs: generated text replaced,
        edits kept, unedited paragraphs that are no longer generated removed. Returns the rows.
        On a read-only database nothing is written and the stored rows are merged in memory."""
        wanted = list(generated)
        if self.ledger.read_only or not self.actor.can("edit"):
            return self._merged(year, since_year, wanted)  # a 查看 account changes nothing
        since = _period(since_year, year)
        with self.ledger.db.begin() as s:
            stored = {(p.section, p.slot): p for p in s.scalars(self._query(year, since_year))}  # type: ignore[call-overload]
            seen: set[tuple[str, str]] = set()
            for position, (section, slot, text) in enumerate(wanted):
                key = (section, slot)
                seen.add(key)
                row = stored.get(key)
                if row is None:
                    s.add(ReportParagraph(
                        year=year, since_year=since, section=section, position=position,
                        slot=slot, generated_text=text, created_by=self.actor.name,
                    ))  # fmt: skip
                    continue
                if row.generated_text != text:
                    row.generated_text = text
                if row.position != position:
                    row.position = position
            for key, row in stored.items():
                if key not in seen:
                    if row.edited_text is None:
                        s.delete(row)
                    elif row.generated_text:
                        row.generated_text = ""  # nothing to reset to any more
            s.flush()
            return [_row(p) for p in s.scalars(self._query(year, since_year))]  # type: ignore[call-overload]

    def _merged(
        self, year: int, since_year: int | None, wanted: list[tuple[str, str, str]]
    ) -> list[DraftParagraphRow]:
        stored = {(p.section, p.slot): p for p in self.paragraphs(year, since_year)}
        since = _period(since_year, year)
        out = []
        for position, (section, slot, text) in enumerate(wanted):
            old = stored.pop((section, slot), None)
            out.append(DraftParagraphRow(
                old.id if old else 0, year, since, section, position, slot, text,
                old.edited_text if old else None,
            ))  # fmt: skip
        out += [p for p in stored.values() if p.edited]
        return out

    def get(self, paragraph_id: int) -> DraftParagraphRow:
        with self.ledger.db.read() as s:
            return _row(self._load(s, paragraph_id))

    def _load(self, s: Session, paragraph_id: int) -> ReportParagraph:
        row = s.get(ReportParagraph, paragraph_id)
        if row is None:
            raise NotFound("总结段落", paragraph_id)
        return row

    def edit(
        self, paragraph_id: int, text: str, *, known_names: Collection[str] | None = None
    ) -> DraftParagraphRow:
        """Keep the clerk's text for a paragraph ("" leaves it out of the print). With
        `known_names`, a placeholder the report cannot fill is refused with its name."""
        self.require("edit")
        clean = v.strip_controls(text or "").replace("\r\n", "\n").strip()
        if len(clean) > MAX_TEXT:
            raise InvalidValue(
                "edited_text",
                f"{len(clean)}字",
                f"一段文字最多{MAX_TEXT}字，请分成几段。",
                label="段落",
            )
        if known_names is not None:
            unknown = [
                n for n in dict.fromkeys(_PLACEHOLDER.findall(clean)) if n not in known_names
            ]
            if unknown:
                listed = "、".join(f"{{{n}}}" for n in unknown)
                raise InvalidValue(
                    "edited_text", listed,
                    f"{listed}不是可以自动填写的数字名称。请从“插入数字”列表中选择，"
                    "或把它改成普通文字。",
                    label="段落",
                )  # fmt: skip
        with self.ledger.db.begin() as s:
            row = self._load(s, paragraph_id)
            old = row.edited_text
            new = None if clean == row.generated_text else clean
            if old != new:
                row.edited_text = new
                self.audit(
                    s,
                    "update",
                    "report_paragraphs",
                    row.id,
                    self._label(row),
                    {"edited_text": [old, new]},
                )
            s.flush()
            return _row(row)

    def reset(self, paragraph_id: int) -> DraftParagraphRow:
        """Back to the generated text (the clerk's version is kept in the audit trail)."""
        self.require("edit")
        with self.ledger.db.begin() as s:
            row = self._load(s, paragraph_id)
            if row.edited_text is not None:
                self.audit(
                    s,
                    "update",
                    "report_paragraphs",
                    row.id,
                    self._label(row),
                    {"edited_text": [row.edited_text, None]},
                    note="恢复为自动生成的文字",
                )
                row.edited_text = None
                if not row.generated_text:
                    s.delete(row)  # an orphaned edit reset to nothing: the paragraph goes
                    s.flush()
                    return DraftParagraphRow(
                        row.id,
                        row.year,
                        row.since_year,
                        row.section,
                        row.position,
                        row.slot,
                        "",
                        None,
                    )
            s.flush()
            return _row(row)

    @staticmethod
    def _label(row: ReportParagraph) -> str:
        period = f"{row.since_year}—{row.year}年" if row.since_year else f"{row.year}年"
        return f"{period}工作总结·{row.section}·{row.slot}"
