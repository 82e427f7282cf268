"""The office's vocabulary: how its townships word values, mapped once onto the value lists.

A mapping chosen in the import wizard, given with `import --map` or edited in 设置 is kept here,
in the database (so backups carry it), and every later import reads with it: the next
township's sheet that says 因学 needs no question. Reading is open to every role; changing it
needs the 导入数据 permission (the clerks who import choose the mappings; 查看 cannot).
Every change is in the audit trail like the other settings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from models import validation as v
from models import vocab
from models.errors import InvalidChoice, InvalidValue, MissingRequired, NotFound
from models.schema import OfficeVocabularyEntry
from models.services.base import Service
from models.wording import OfficeVocabulary, office_list
from models.wording.keys import key
from models.wording.mapping_file import (
    MappingLine,
    list_label,
    list_values,
    read_mapping_file,
    write_mapping_file,
)
from models.wording.matcher import FLAG_LIST

ENTITY = "office_vocabulary"
PERMISSION = "import"

Mappings = Mapping[tuple[str, str], str | None]  # (list name, wording) → value (None: blank)


@dataclass(frozen=True)
class VocabularyRow:
    list_name: str
    list_label: str  # how the 字段 column of a mapping file names the list
    wording: str
    value: str | None  # None: the wording leaves the field blank
    created_at: dt.datetime
    created_by: str


class VocabularyService(Service):
    """List, set, delete, import and export the office's mappings; build the matcher's view."""

    def rows(self, list_name: str | None = None) -> list[VocabularyRow]:
        stmt = select(OfficeVocabularyEntry).order_by(
            OfficeVocabularyEntry.list_name, OfficeVocabularyEntry.wording
        )
        if list_name is not None:
            stmt = stmt.where(OfficeVocabularyEntry.list_name == office_list(list_name))
        with self.ledger.db.read() as s:
            return [
                VocabularyRow(
                    e.list_name,
                    _label(e.list_name),
                    e.wording,
                    e.value,
                    e.created_at,
                    e.created_by,
                )
                for e in s.scalars(stmt)
            ]

    def mappings(self) -> dict[tuple[str, str], str | None]:
        with self.ledger.db.read() as s:
            return {
                (list_name, wording): value
                for list_name, wording, value in s.execute(
                    select(
                        OfficeVocabularyEntry.list_name,
                        OfficeVocabularyEntry.wording,
                        OfficeVocabularyEntry.value,
                    )
                )
            }

    def office(self, chosen: Mappings | None = None) -> OfficeVocabulary:
        """What an import reads with: the saved mappings, and this run's `chosen` ones over them."""
        return OfficeVocabulary({**self.mappings(), **(chosen or {})})

    # ---- changing it ---------------------------------------------------------------------

    def set(self, list_name: str, wording: str, value: str | None) -> None:
        self.require(PERMISSION)
        with self.ledger.db.begin() as s:
            self.set_in(s, list_name, wording, value)

    def save_in(self, s: Session, mappings: Mappings, *, note: str | None = None) -> int:
        """Save many mappings inside the caller's transaction (an import's); returns how many
        were new or changed. Each list's saved mappings are read once, however many are saved."""
        self.require(PERMISSION)
        saved: dict[str, dict[str, list[OfficeVocabularyEntry]]] = {}
        changed = 0
        for (list_name, wording), value in mappings.items():
            checked = self._checked(list_name, wording, value)
            if checked[0] not in saved:
                saved[checked[0]] = self._saved(s, checked[0])
            changed += self._put(s, saved[checked[0]], *checked, note=note)
        return changed

    def set_in(
        self,
        s: Session,
        list_name: str,
        wording: str,
        value: str | None,
        *,
        note: str | None = None,
    ) -> bool:
        """Map `wording` of `list_name` to `value` (None or "": leave blank); False if unchanged.

        A saved wording that differs only in width, spacing or case is the same wording: it is
        replaced, not kept twice.
        """
        checked = self._checked(list_name, wording, value)
        return self._put(s, self._saved(s, checked[0]), *checked, note=note)

    @staticmethod
    def _saved(s: Session, list_name: str) -> dict[str, list[OfficeVocabularyEntry]]:
        """The list's saved mappings by folded wording."""
        found: dict[str, list[OfficeVocabularyEntry]] = {}
        for entry in s.scalars(
            select(OfficeVocabularyEntry).where(OfficeVocabularyEntry.list_name == list_name)
        ):
            found.setdefault(key(entry.wording), []).append(entry)
        return found

    def _put(
        self,
        s: Session,
        saved: dict[str, list[OfficeVocabularyEntry]],
        list_name: str,
        text: str,
        target: str | None,
        *,
        note: str | None,
    ) -> bool:
        same = saved.get(key(text), [])
        old = same[0].value if same else None
        if len(same) == 1 and same[0].wording == text and old == target:
            return False
        if same:
            s.flush()  # one this call added is in the database before it is replaced
            for entry in same:
                s.delete(entry)
            s.flush()  # the replaced row goes before its successor takes the same key
        entry = OfficeVocabularyEntry(
            list_name=list_name, wording=text, value=target, created_by=self.actor.name
        )
        s.add(entry)
        saved[key(text)] = [entry]
        self.audit(
            s, "update", ENTITY, None, f"{_label(list_name)}：{text}",
            {"value": [old, target]}, note=note,
        )  # fmt: skip
        return True

    def delete(self, list_name: str, wording: str) -> None:
        self.require(PERMISSION)
        list_name = office_list(list_name)
        with self.ledger.db.begin() as s:
            found = s.get(OfficeVocabularyEntry, (list_name, wording))
            if found is None:
                raise NotFound(f"“{list_label(list_name)}”的写法“{wording}”", wording)
            old = found.value
            s.execute(
                delete(OfficeVocabularyEntry).where(
                    OfficeVocabularyEntry.list_name == list_name,
                    OfficeVocabularyEntry.wording == wording,
                )
            )
            self.audit(
                s, "update", ENTITY, None, f"{list_label(list_name)}：{wording}",
                {"value": [old, None]}, note="删除这个写法的对应",
            )  # fmt: skip

    # ---- files ---------------------------------------------------------------------------

    def import_csv(self, path: str | Path) -> int:
        """Add the lines of a mapping file (字段,原值,标准值); all or none. Returns how many
        mappings were new or changed."""
        self.require(PERMISSION)
        lines = read_mapping_file(path)
        with self.ledger.db.begin() as s:
            return self.save_in(s, as_mappings(lines), note=f"从 {Path(path).name} 导入")

    def export_csv(self, path: str | Path) -> int:
        """Write every mapping as a mapping file (UTF-8 with BOM); returns the number of lines."""
        self.require("export")
        return write_mapping_file(
            path, ((row.list_label, row.wording, row.value) for row in self.rows())
        )

    # ---- rules ---------------------------------------------------------------------------

    @staticmethod
    def _checked(list_name: str, wording: str, value: str | None) -> tuple[str, str, str | None]:
        if list_name != FLAG_LIST and list_name not in vocab.CHOICES:
            raise InvalidValue("list_name", list_name, "没有这个可选值列表。", label="字段")
        text = v.clean_text(wording, "wording", max_len=200)
        if not text:
            raise MissingRequired("wording", label="原值")
        allowed = list_values(list_name)
        target = v.clean_text(value, "value") if value is not None else None
        if target and target not in allowed:
            raise InvalidChoice(
                "value", target, allowed, label=f"“{list_label(list_name)}”的标准值"
            )
        return office_list(list_name), text, target or None


def as_mappings(lines: Iterable[MappingLine]) -> dict[tuple[str, str], str | None]:
    """The (list name, wording) → value form the vocabulary and the matcher take."""
    return {(line.list_name, line.wording): line.value for line in lines}


@cache
def _label(list_name: str) -> str:
    """`list_label`, worked out once per list: it looks through every kind's fields, and an
    import saves (and 设置 lists) thousands of mappings."""
    return list_label(list_name)
