"""Applying imported rows: match natural keys, insert/update in ONE transaction, record and undo batches.

The reader (reports/excel) turns a file into `ImportRow`s of normalised values and their problems
without touching the database; this service decides per row — inserted, updated, unchanged or
rejected — using the same `*_in(session, …)` methods and rules as the forms. A dry run does all of
it and rolls back. New household files, the bulk of a big roster, are inserted with Core
executemany in chunks (ORM add per row is ~20× slower); `_insert_households` mirrors
`HouseholdService.create_in` and a test holds the two to the same result. The other kinds go
through `_ChunkedApplier`: a chunk's keys read in a few queries, its new records written with
executemany (models.services.bulk_writes), its changes through the services' `*_in` methods.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import Date, DateTime, Numeric, or_, select
from sqlalchemy.orm import Session, selectinload

from models import lifecycle, search_index
from models.backup import BEFORE_IMPORT
from models.errors import (
    DuplicatePerson,
    DuplicateRecord,
    ForbiddenTransition,
    IdentityConflict,
    InvalidValue,
    LedgerError,
    MaskedNumber,
    MissingRequired,
    NotFound,
    Person,
    UnknownHousehold,
    UnknownStation,
)
from models.fields import KIND_LABELS, label_of
from models.kinds import KINDS, Source
from models.masking import could_be
from models.normalize import RULES_BY_KIND
from models.schema import (
    Activity,
    Assistance,
    AuditEntry,
    Household,
    HouseholdCause,
    HouseholdMember,
    ImportBatch,
    Money,
    Station,
    StationFacility,
    StationFunction,
    StationUsage,
    StatusChange,
)
from models.schema.base import utcnow
from models.services.activities import ACTIVITY_COLUMNS, event_label
from models.services.base import Service, apply_changes, jsonable, serialize_on
from models.services.bulk_writes import (
    NewRecord,
    chunks,
    created_changes,
    insert_audit,
    insert_rows,
)
from models.services.households import ASSISTANCE_COLUMNS, HOUSEHOLD_COLUMNS, MEMBER_COLUMNS
from models.services.import_rejections import REPORT_CODES, RejectedRows, Rejection
from models.services.stations import STATION_COLUMNS, TYPE_PREFIX, USAGE_COLUMNS
from models.validation import id_number_info, name_key
from models.wording import original

CHUNK = 1000
IMPORT_LOCK = "导入"  # one import (or undoing of one) at a time, on PostgreSQL too


@dataclass
class ImportRow:
    """One record of a file: normalised values, keys locating its parent record, and problems."""

    sheet: str
    row: int  # Excel row number (CSV: record number)
    values: dict[str, Any]
    keys: dict[str, Any] = field(default_factory=dict)
    problems: list[LedgerError] = field(default_factory=list)
    source: list[Any] | None = None  # the cells as read, for the error workbook
    columns: dict[str, int] = field(default_factory=dict)  # field → column index in `source`


class DuplicateInFile(LedgerError):
    code = "duplicate_in_file"
    template = "与{where}重复（{label}“{value}”），同一文件中以先出现的一行为准。"


@dataclass
class ImportResult:
    kind: str
    file_name: str
    dry_run: bool
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: RejectedRows = field(default_factory=RejectedRows)
    batch_id: int | None = None
    vocabulary_saved: int = 0  # the clerk's mappings new to (or changed in) the office vocabulary

    def reject(self, row: ImportRow, problems: list[LedgerError]) -> None:
        self.rejected.append(Rejection.of(row, problems))
        for problem in problems:
            # Its traceback holds the applier's frames, and they the row: a cycle that only a
            # collection frees, and the import runs with collections paused.
            problem.__traceback__ = None


@dataclass(frozen=True)
class BatchRow:
    id: int
    kind: str
    file_name: str
    at: dt.datetime
    operator: str
    rows_read: int
    inserted: int
    updated: int
    unchanged: int
    rejected: int
    undone_at: dt.datetime | None


class _DryRun(Exception):
    """Raised inside the transaction to roll a preview back."""


class ImportService(Service):
    """Apply parsed rows as one batch; list and undo batches."""

    def apply(
        self,
        kind: str,
        rows: Iterable[ImportRow],
        *,
        file_name: str,
        file_sha256: str = "",
        dry_run: bool = False,
        progress: Any = None,
        vocabulary: Mapping[tuple[str, str], str | None] | None = None,
    ) -> ImportResult:
        """All accepted rows in one transaction (or none on any failure); a dry run writes nothing.

        `vocabulary` is what the clerk chose for this file ((list name, wording) → value, as the
        rows were read with): saved as the office's in the same transaction, so a real import
        keeps it for the next file and a dry run or a failed import keeps nothing.
        Imports run one at a time: this one waits for another as the database's `lock_wait`
        says (DatabaseBusy after, before a row is read).
        """
        self.require("import")
        result = ImportResult(kind, file_name, dry_run)
        if not dry_run:
            self.ledger.maintenance.snapshot_before(BEFORE_IMPORT)  # undo even an undo-import
        try:
            with _gc_paused(), self.ledger.db.begin() as s:
                # PostgreSQL; on SQLite the BEGIN has already waited for the write lock
                serialize_on(s, IMPORT_LOCK, self.ledger.db.lock_wait)
                batch = ImportBatch(
                    kind=kind,
                    file_name=file_name[-260:],
                    file_sha256=file_sha256,
                    operator=self.actor.name or self.actor.username,
                )
                s.add(batch)
                s.flush()
                applier = APPLIERS[kind](self, s, batch.id, result, kind)
                for row in rows:
                    result.rows_read += 1
                    if row.problems:
                        result.reject(row, row.problems)
                    else:
                        applier.apply(row)
                    if progress is not None and result.rows_read % 1000 == 0:
                        progress(result.rows_read)
                applier.finish()
                if vocabulary:
                    result.vocabulary_saved = self.ledger.vocabulary.save_in(
                        s, vocabulary, note=f"导入 {file_name} 时指定"[:200]
                    )
                if result.inserted or result.updated:
                    batch.rows_read, batch.inserted = result.rows_read, result.inserted
                    batch.updated, batch.unchanged = result.updated, result.unchanged
                    batch.rejected = len(result.rejected)
                    self.audit(
                        s,
                        "import",
                        "import_batches",
                        batch.id,
                        f"{kind} {file_name}"[:200],
                        batch_id=batch.id,
                        note=f"新增{result.inserted}条，更新{result.updated}条，"
                        f"未变{result.unchanged}条，拒绝{len(result.rejected)}条",
                    )
                    result.batch_id = batch.id
                else:
                    s.delete(batch)  # nothing changed: nothing to undo, no batch to list
                if dry_run:
                    raise _DryRun
        except _DryRun:
            result.batch_id = None
        return result

    # ---- batches -------------------------------------------------------------------------

    def batches(self, limit: int = 100) -> list[BatchRow]:
        with self.ledger.db.read() as s:
            found = s.scalars(select(ImportBatch).order_by(ImportBatch.id.desc()).limit(limit))
            return [
                BatchRow(
                    b.id,
                    b.kind,
                    b.file_name,
                    b.at,
                    b.operator,
                    b.rows_read,
                    b.inserted,
                    b.updated,
                    b.unchanged,
                    b.rejected,
                    b.undone_at,
                )
                for b in found
            ]

    def undo(self, batch_id: int) -> int:
        """Undo a whole batch: inserted records to the recycle bin, updated fields back; or refuse.

        Refused (nothing changed) when any record of the batch was changed after it, or when a
        household file it created has since received members or assistance from elsewhere.
        Returns the number of records reverted. Waits for an import under way, as `apply` does.
        """
        self.require("import")
        with self.ledger.db.begin() as s:
            serialize_on(s, IMPORT_LOCK, self.ledger.db.lock_wait)
            batch = s.get(ImportBatch, batch_id)
            if batch is None:
                raise NotFound("导入批次", batch_id)
            if batch.undone_at is not None:
                raise InvalidValue(
                    None,
                    batch_id,
                    f"该批次已于{batch.undone_at:%Y-%m-%d %H:%M}被{batch.undone_by or ''}撤销过。",
                    label="导入批次",
                )
            entries = list(
                s.scalars(
                    select(AuditEntry)
                    .where(AuditEntry.batch_id == batch_id, AuditEntry.entity != "import_batches")
                    .order_by(AuditEntry.id)
                )
            )
            self._refuse_if_changed_since(s, batch_id, entries)
            reverted = 0
            for entry in reversed(entries):
                model = _UNDOABLE.get(entry.entity)
                if model is None or entry.entity_id is None:
                    continue
                obj = s.get(model, entry.entity_id)
                if obj is None:
                    continue
                if entry.action == "create":
                    obj.deleted_at, obj.deleted_by = utcnow(), self.actor.name
                elif entry.action == "update":
                    _revert(obj, entry.changes)
                else:
                    continue
                reverted += 1
                self.audit(
                    s,
                    "undo_import",
                    entry.entity,
                    entry.entity_id,
                    entry.entity_label,
                    {k: [w[1], w[0]] for k, w in (entry.changes or {}).items()}
                    if entry.action == "update"
                    else None,
                    note=f"撤销导入批次 {batch_id}",
                )
            batch.undone_at, batch.undone_by = utcnow(), self.actor.name
            self.audit(
                s,
                "undo_import",
                "import_batches",
                batch_id,
                f"{batch.kind} {batch.file_name}"[:200],
                note=f"撤销导入批次 {batch_id}，恢复{reverted}条记录",
            )
            return reverted

    def _refuse_if_changed_since(
        self, s: Session, batch_id: int, entries: list[AuditEntry]
    ) -> None:
        if not entries:
            return
        first_id = entries[0].id
        touched: dict[str, set[int]] = {}
        for e in entries:
            if e.entity_id is not None:
                touched.setdefault(e.entity, set()).add(e.entity_id)
        labels: list[str] = []
        for entity, ids in touched.items():
            for part in chunks(sorted(ids)):
                later = s.execute(
                    select(AuditEntry.entity_label)
                    .where(
                        AuditEntry.entity == entity,
                        AuditEntry.entity_id.in_(part),
                        AuditEntry.id > first_id,
                        or_(AuditEntry.batch_id.is_(None), AuditEntry.batch_id != batch_id),
                    )
                    .limit(5)
                ).scalars()
                labels.extend(later)
        created = {
            e.entity_id for e in entries if e.entity == "households" and e.action == "create"
        }
        mine = {(e.entity, e.entity_id) for e in entries if e.action == "create"}
        for model, entity in ((HouseholdMember, "household_members"), (Assistance, "assistance")):
            for part in chunks(sorted(i for i in created if i is not None)):
                for obj_id, hid in s.execute(
                    select(model.id, model.household_id).where(
                        model.household_id.in_(part), model.deleted_at.is_(None)
                    )
                ):
                    if (entity, obj_id) not in mine:
                        labels.append(f"档案（编号 {hid}）的{label_of(entity)}")
        if labels:
            shown = "、".join(dict.fromkeys(labels[:5]))
            raise InvalidValue(
                None,
                batch_id,
                f"导入之后又有人修改了其中的记录（{shown}{'等' if len(labels) > 5 else ''}），"
                "整批撤销会覆盖这些修改，因此没有撤销。请逐条核对后在各记录中修改。",
                label="导入批次",
            )


_UNDOABLE: dict[str, Any] = {
    "households": Household,
    "household_members": HouseholdMember,
    "assistance": Assistance,
    "stations": Station,
    "station_usage": StationUsage,
    "activities": Activity,
}


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic GC during a batch: with 100,000 rows of indexes alive each full collection
    rescans them all, and a batch makes little cyclic garbage. Re-enabled however it ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _revert(obj: Any, changes: dict[str, list[Any]]) -> None:
    """Put back the old values of an audit entry (stored as JSON: dates and money as text)."""
    from models.schema import HouseholdCause as Cause
    from models.schema import StationFacility, StationFunction

    for name, (old, _new) in (changes or {}).items():
        if name == "secondary_causes":
            obj.secondary_causes = [Cause(cause=c, position=i) for i, c in enumerate(old or [])]
        elif name == "facilities":
            obj.facilities = [StationFacility(facility=f) for f in old or []]
        elif name == "functions":
            obj.functions = [StationFunction(function=f) for f in old or []]
        else:
            setattr(obj, name, _from_json(type(obj).__table__.c[name].type, old))


def _from_json(column_type: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column_type, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(column_type, Date):
        return dt.date.fromisoformat(value)
    if isinstance(column_type, Money | Numeric):
        return Decimal(str(value))
    return value


def _differs(old: Any, new: Any) -> bool:
    if isinstance(new, tuple | list) or isinstance(old, tuple | list):
        return sorted(old or ()) != sorted(new or ())
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        try:
            return Decimal(old) != Decimal(new)
        except TypeError:
            return True
    return bool(old != new)


def _changed(clean: dict[str, Any], differs: Any) -> dict[str, Any]:
    """The values of a matched row that change its record, with the sheet's wording of them.

    The rest of the row's wording is not a change: it stays the record's as it was (a re-import
    of an export, whose cells are list values, keeps what the first sheet said).
    """
    incoming = clean.pop(original.COLUMN, None)
    changed = {name: value for name, value in clean.items() if differs(name, value)}
    if changed and incoming:
        changed[original.COLUMN] = incoming
    return changed


def _missing(kind: str, values: dict[str, Any]) -> list[LedgerError]:
    return [
        MissingRequired(name, label=label_of(name, kind))
        for name in _REQUIRED[kind]
        if values.get(name) in (None, "", ())
    ]


_REQUIRED = {
    kind: tuple(name for name, rule in rules.items() if rule.required)
    for kind, rules in RULES_BY_KIND.items()
}


class _Applier:
    """Per-kind decisions for one batch inside the caller's transaction."""

    def __init__(self, service: ImportService, s: Session, batch_id: int, result: ImportResult,
                 kind: str) -> None:  # fmt: skip
        self.service = service
        self.s = s
        self.batch_id = batch_id
        self.result = result
        self.kind = kind
        self.seen: dict[Any, tuple[str, int]] = {}
        self.ledger = service.ledger

    def apply(self, row: ImportRow) -> None:
        try:
            self.apply_row(row)
        except LedgerError as exc:
            self.result.reject(row, [exc])

    def apply_row(self, row: ImportRow) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """Write what was held back for bulk inserts."""

    def claim(self, row: ImportRow, key: Any, field_name: str, value: Any) -> None:
        """First row with a natural key wins; a later one is refused naming the first."""
        first = self.seen.get(key)
        if first is not None:
            sheet, number = first
            where = f"第{number}行" if sheet == row.sheet else f"工作表“{sheet}”第{number}行"
            raise DuplicateInFile(
                field_name, value, where=where, label=label_of(field_name, self.kind)
            )
        self.seen[key] = (row.sheet, row.row)  # not the row: a big file must not stay in memory


class _HouseholdApplier(_Applier):
    """Households: matched by 档案编号, else by the head's ID among active files; new ones in bulk."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        svc = self.ledger.households
        self.svc = svc
        s = self.s
        self.by_file_no: dict[str, tuple[int | None, str, bool]] = {
            f: (i, st, d is not None)
            for i, f, st, d in s.execute(
                select(Household.id, Household.file_no, Household.status, Household.deleted_at)
            )
        }
        active = Household.status.in_(lifecycle.ACTIVE_STATUSES) & Household.deleted_at.is_(None)
        self.heads: dict[str, tuple[int | None, str, str]] = {
            n: (i, f, name)
            for i, f, name, n in s.execute(
                select(Household.id, Household.file_no, Household.name, Household.id_number).where(
                    active
                )
            )
        }
        self.members: dict[str, tuple[int, str, str]] = {
            n: (i, f, name)
            for i, f, name, n in s.execute(
                select(Household.id, Household.file_no, Household.name, HouseholdMember.id_number)
                .join(HouseholdMember, HouseholdMember.household_id == Household.id)
                .where(
                    active,
                    HouseholdMember.deleted_at.is_(None),
                    HouseholdMember.id_number.is_not(None),
                )
            )
        }
        self.pending: list[dict[str, Any]] = []
        self.matched: list[tuple[ImportRow, int]] = []
        self.next_seq: dict[str, int] = {}

    def apply_row(self, row: ImportRow) -> None:
        values = row.values
        id_number, file_no = values.get("id_number"), values.get("file_no")
        if id_number:
            self.claim(row, ("id", id_number), "id_number", id_number)
        if file_no:
            self.claim(row, ("file", file_no), "file_no", file_no)
        target: int | None = None
        if file_no and file_no in self.by_file_no:
            hid, _status, deleted = self.by_file_no[file_no]
            if deleted or hid is None:
                raise DuplicateRecord("file_no", file_no, label="档案编号")
            target = hid
        elif id_number and id_number in self.heads and self.heads[id_number][0] is not None:
            target = self.heads[id_number][0]
        if target is None:
            self._insert(row)
        else:
            self._update(row, target)

    def _insert(self, row: ImportRow) -> None:
        values = row.values
        masked = row.keys.get("masked", {})
        if "id_number" in masked:
            raise MaskedNumber("id_number", masked["id_number"], "新建档案")
        missing = _missing("households", values)
        if missing:
            for problem in missing[1:]:
                row.problems.append(problem)
            raise missing[0]
        _check_status(row, lifecycle.ON_FILE, new=True)
        id_number = values["id_number"]
        for index in (self.heads, self.members):
            if id_number in index:
                hid, other_no, other_head = index[id_number]
                raise DuplicatePerson(id_number, hid or 0, other_no, other_head)
        clean = self.svc.check_household(dict(values), partial=False)
        file_no = clean.get("file_no") or self._next_file_no(clean["filed_date"].year)
        if file_no in self.by_file_no:
            raise DuplicateRecord("file_no", file_no, label="档案编号")
        clean["file_no"] = file_no
        self.pending.append(clean)
        self.by_file_no[file_no] = (None, lifecycle.ON_FILE, False)
        self.heads[id_number] = (None, file_no, clean["name"])
        self.result.inserted += 1
        if len(self.pending) >= CHUNK:
            self._flush()

    def _next_file_no(self, year: int) -> str:
        prefix = f"KN{year}"
        if prefix not in self.next_seq:
            last = self.svc._next_file_no(self.s, year)
            self.next_seq[prefix] = int(last[len(prefix) :])
        while True:
            file_no = f"{prefix}{self.next_seq[prefix]:05d}"
            self.next_seq[prefix] += 1
            if file_no not in self.by_file_no:
                return file_no

    def _update(self, row: ImportRow, household_id: int) -> None:
        # Compared in chunks against values read with one query: most matched rows are unchanged.
        self.matched.append((row, household_id))
        if len(self.matched) >= CHUNK:
            self._compare_matched()

    def _compare_matched(self) -> None:
        if not self.matched:
            return
        self._flush()  # the person checks of update_in query the database
        matched, self.matched = self.matched, []
        table = Household.__table__
        ids = sorted({hid for _, hid in matched})
        current: dict[int, dict[str, Any]] = {}
        causes: dict[int, list[str]] = {}
        for part in chunks(ids):
            for found in self.s.execute(select(table).where(table.c.id.in_(part))).mappings():
                current[found["id"]] = dict(found)
            for hid, cause in self.s.execute(
                select(HouseholdCause.household_id, HouseholdCause.cause)
                .where(HouseholdCause.household_id.in_(part))
                .order_by(HouseholdCause.household_id, HouseholdCause.position)
            ):
                causes.setdefault(hid, []).append(cause)
        for row, hid in matched:
            try:
                self._compare(row, current[hid], causes.get(hid, []))
            except LedgerError as exc:
                self.result.reject(row, [exc])

    def _compare(self, row: ImportRow, current: dict[str, Any], causes: list[str]) -> None:
        _check_head(row, current)
        _check_status(row, current["status"])
        clean = self.svc.check_household(dict(row.values), partial=True)
        # The same person (checked above), whatever spacing the sheet gives the name: keep ours.
        clean.pop("name", None)
        if (
            clean.get("hardship_class_original") is None
            and clean.get("hardship_class") == current["hardship_class"]
        ):
            clean.pop(
                "hardship_class_original", None
            )  # same class written the current way: keep 低保户
        current = dict(current, secondary_causes=causes)
        changed = _changed(clean, lambda k, val: k in current and _differs(current[k], val))
        if not changed:
            self.result.unchanged += 1
            return
        if current["status"] == lifecycle.CLOSED:
            raise ForbiddenTransition(current["status"], "修改", ())
        h = self.s.get(Household, current["id"])
        assert h is not None
        with self.s.begin_nested():
            self.svc.update_in(self.s, h, changed, batch_id=self.batch_id)
        self.result.updated += 1

    def finish(self) -> None:
        self._compare_matched()
        self._flush()

    def _flush(self) -> None:
        if self.pending:
            _insert_households(self.service, self.s, self.pending, self.batch_id)
            for clean in self.pending:
                self.by_file_no[clean["file_no"]] = (clean["id"], lifecycle.ON_FILE, False)
                self.heads[clean["id_number"]] = (clean["id"], clean["file_no"], clean["name"])
            self.pending = []


def _check_status(row: ImportRow, status: str, *, new: bool = False) -> None:
    """A sheet's 档案状态 must be the file's: an import never changes it (a status change needs
    its date and reason), and never files a closed household as open."""
    stated = row.keys.get("status")
    if stated is None or stated == status:
        return
    if new:
        reason = (
            f"新建的档案都是“{status}”。导入不改变档案状态：请先按“{status}”导入，再在档案中办理"
            "脱困或销档（记录日期和原因）；如该户已有档案，请核对身份证号或档案编号。"
        )
    else:
        reason = (
            f"系统中该档案是“{status}”。导入不改变档案状态：请在档案中办理状态变更（记录日期"
            f"和原因），或把这一格改成“{status}”后再导入。"
        )
    raise InvalidValue("status", stated, reason, label="档案状态")


def _check_head(row: ImportRow, current: dict[str, Any]) -> None:
    """A row matched to a file must be about its head: an import never makes a file someone else's.

    The ID number (full, or masked as our exports write it) and the name must both be the head's;
    a name written with other spacing or width is the same name.
    """
    values = row.values
    full = values.get("id_number")
    stated = full or row.keys.get("masked", {}).get("id_number")
    head = Person(current["name"], current["id_number"])
    if stated and not (full == head.id_number or (not full and could_be(stated, head.id_number))):
        incoming = Person(values.get("name"), stated)
        raise IdentityConflict.file_of_another(
            "id_number", stated, current["file_no"], head, incoming
        )
    name = values.get("name")
    if name and name_key(name) != name_key(head.name):
        raise IdentityConflict.renamed_head("name", name, current["file_no"], head, name)
    born, head_born = values.get("birth_date"), current["birth_date"]
    if born and head_born and born != head_born and not full:
        # No ID number to go by: a namesake born on another day is another person.
        raise IdentityConflict.file_of_another(
            "birth_date", born, current["file_no"], Person(head.name, None, head_born),
            Person(name or head.name, None, born), by="出生日期",
        )  # fmt: skip


def _insert_households(
    service: Service, s: Session, cleans: list[dict[str, Any]], batch_id: int | None
) -> None:
    """What HouseholdService.create_in does, for many files at once (Core executemany).

    Sets clean["id"] on each. Keep in step with create_in: tests compare the two.
    """
    actor = service.actor.name
    table = Household.__table__
    params = []
    for clean in cleans:
        row = {name: clean.get(name) for name in HOUSEHOLD_COLUMNS}
        row.update(status=lifecycle.ON_FILE, created_by=actor)
        row[original.COLUMN] = original.initial(clean)
        params.append(row)
    ids = insert_rows(s, table, params, ids=True)
    changes_rows, status_rows, cause_rows = [], [], []
    for clean, row, new_id in zip(cleans, params, ids, strict=True):
        clean["id"] = new_id
        status_rows.append(
            {
                "household_id": new_id, "date": row["filed_date"], "from_status": None,
                "to_status": lifecycle.ON_FILE, "action": lifecycle.FILE, "reason": "新建档案",
                "operator": actor, "reviewer": None,
            }
        )  # fmt: skip
        causes = clean.get("secondary_causes") or ()
        cause_rows.extend(
            {"household_id": new_id, "cause": c, "position": i} for i, c in enumerate(causes)
        )
        changes = _snapshot(row)
        if row[original.COLUMN]:
            changes[original.COLUMN] = [None, row[original.COLUMN]]
        if causes:
            changes["secondary_causes"] = [None, list(causes)]
        changes_rows.append(
            {
                "operator": actor or service.actor.username, "action": "create",
                "entity": "households", "entity_id": new_id,
                "entity_label": f"{row['file_no']} {row['name']}"[:200], "changes": changes,
                "batch_id": batch_id, "note": None,
            }
        )  # fmt: skip
    insert_rows(s, StatusChange.__table__, status_rows)
    search_index.refresh(s, ids, new=True)  # Core inserts pass the flush hook
    insert_rows(s, HouseholdCause.__table__, cause_rows)
    insert_rows(s, AuditEntry.__table__, changes_rows)


def _snapshot(values: dict[str, Any]) -> dict[str, list[Any]]:
    """base.snapshot for a dict of column values, with cheap type checks (it runs per new file)."""
    changes = {}
    for name in HOUSEHOLD_COLUMNS:
        value = values[name]
        # The same test as `value not in (None, "", False)`, by exact type: it runs per new file.
        kind = type(value)
        if value is None or value is False or ((kind is str or kind is int) and not value):
            continue
        if kind is Decimal:
            if not value:
                continue
            value = str(value)
        elif kind is dt.date or kind is dt.datetime:
            value = value.isoformat()
        changes[name] = [None, value]
    return changes


class _ChunkedApplier(_Applier):
    """Rows decided a chunk at a time: what they refer to is read with a few queries per chunk,
    new records are written with one executemany per chunk, and a matched record that changes
    goes through its service (rules, audit) as a form's save would.

    Subclasses name the model they create and say how a row is decided (`apply_row`, raising a
    LedgerError to refuse it) from what `prefetch` read for its chunk.
    """

    model: ClassVar[Any]
    entity: ClassVar[str]
    columns: ClassVar[tuple[str, ...]]

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.chunk: list[ImportRow] = []
        self.new: list[NewRecord] = []
        self.changes: list[_Change] = []
        self.changing: set[int] = set()  # id() of the records with a change held back
        self.operator = self.service.actor.name or self.service.actor.username

    def apply(self, row: ImportRow) -> None:
        self.chunk.append(row)
        if len(self.chunk) >= CHUNK:
            self._decide_chunk()

    def finish(self) -> None:
        self._decide_chunk()

    def _decide_chunk(self) -> None:
        rows, self.chunk = self.chunk, []
        if not rows:
            return
        self.prefetch(rows)
        for row in rows:
            try:
                self.apply_row(row)
            except LedgerError as exc:
                self.result.reject(row, [exc])
        self.write()

    def prefetch(self, rows: list[ImportRow]) -> None:
        """Read what the chunk's rows refer to (override)."""

    def create(self, values: dict[str, Any], label: str, **extra: list[Any]) -> NewRecord:
        """A new record with these column values, written at the end of the chunk; `extra` are
        audit changes kept outside its columns (facilities …)."""
        changes = created_changes(self.model.__table__, self.columns, values) | extra
        record = NewRecord(dict(values, created_by=self.service.actor.name), label, changes)
        self.new.append(record)
        self.result.inserted += 1
        return record

    def flush(self) -> None:
        if not self.new:
            return
        new, self.new = self.new, []
        ids = insert_rows(self.s, self.model.__table__, [r.values for r in new], ids=True)
        for record, new_id in zip(new, ids, strict=True):
            record.id = new_id
        self.written(new)
        insert_audit(self.s, self.operator, self.entity, new, self.batch_id)

    def written(self, records: list[NewRecord]) -> None:
        """Write what belongs to new records outside their table (override)."""

    def stored(self, record: Any) -> Any:
        """The ORM record a match is, writing it first if it is still only decided on."""
        if not isinstance(record, NewRecord):
            return record
        if record.loaded is None:
            self.flush()
            record.loaded = self.s.get(self.model, record.id)
        return record.loaded

    def update(
        self,
        row: ImportRow,
        record: Any,
        change: Callable[[], Any],
        counted: str = "updated",
        then: Callable[[], Any] | None = None,
    ) -> None:
        """Change a stored record through its service, held back to the end of the chunk: its
        rules query the database, so they run once the chunk's new records are written. `then`
        runs once the change is kept."""
        self.changes.append(_Change(row, change, counted, then))
        self.changing.add(id(record))

    def current(self, record: Any) -> Any:
        """A matched record as a row must compare with it: a change held back for it made first."""
        if id(record) in self.changing:
            self.write()
        return record

    def write(self) -> None:
        """New records, then the held-back changes: all in one savepoint, or when one of them is
        refused (a closed file, someone else's ID number) none, and then each in a savepoint of
        its own, so that a refusal half-way leaves nothing of it behind."""
        self.flush()
        changes, self.changes = self.changes, []
        self.changing.clear()
        if not changes:
            return
        try:
            with self.s.begin_nested():
                for change in changes:
                    change.make()
        except LedgerError:
            kept = []
            for change in changes:
                try:
                    with self.s.begin_nested():
                        change.make()
                except LedgerError as exc:
                    self.result.reject(change.row, [exc])
                else:
                    kept.append(change)
            changes = kept
        for change in changes:
            setattr(self.result, change.counted, getattr(self.result, change.counted) + 1)
            if change.then is not None:
                change.then()


@dataclass
class _Change:
    """A change to a stored record, held back to the end of its chunk."""

    row: ImportRow
    make: Callable[[], Any]
    counted: str  # the result's count it adds to once kept
    then: Callable[[], Any] | None


class _FileRowApplier(_ChunkedApplier):
    """Rows hung on a household file (members, assistance): the chunk's files read at once."""

    def prefetch(self, rows: list[ImportRow]) -> None:
        file_nos = {r.keys["file_no"] for r in rows if r.keys.get("file_no")}
        heads = {
            r.keys["head_id_number"]
            for r in rows
            if not r.keys.get("file_no") and r.keys.get("head_id_number")
        }
        live = select(Household).where(Household.deleted_at.is_(None))
        self.by_file_no: dict[str, Household] = {}
        self.by_head: dict[str, Household] = {}
        for part in chunks(sorted(file_nos)):
            for h in self.s.scalars(live.where(Household.file_no.in_(part))):
                self.by_file_no[h.file_no] = h
        for part in chunks(sorted(heads)):
            # deleted_at is tested here, not in SQL: beside a long IN list SQLite would take
            # the deleted_at index (every live file) over the ID number's, a scan per chunk.
            for h in self.s.scalars(select(Household).where(Household.id_number.in_(part))):
                if h.deleted_at is not None:
                    continue
                best = self.by_head.get(h.id_number)
                # An active file before a closed one, then the newest: as the forms look it up.
                if best is None or _file_rank(h) > _file_rank(best):
                    self.by_head[h.id_number] = h

    def on_files(self, model: Any) -> Iterator[Any]:
        """The live records of `model` (members, aid) on the chunk's files, oldest first."""
        files = {h.id for h in (*self.by_file_no.values(), *self.by_head.values())}
        for part in chunks(sorted(files)):
            yield from self.s.scalars(
                select(model)
                .where(model.household_id.in_(part), model.deleted_at.is_(None))
                .order_by(model.id)
            )

    def household_for(self, row: ImportRow) -> Household:
        """The file a member/assistance row belongs to, by 档案编号 or the head's ID number.

        Whatever else the row says about the head (户主身份证号, 户主姓名) must be that file's head:
        otherwise the row would be hung on someone else's file.
        """
        file_no, head_id = row.keys.get("file_no"), row.keys.get("head_id_number")
        masked_id = row.keys.get("masked", {}).get("head_id_number")
        head_name = row.keys.get("head_name")
        if file_no:
            h = self.by_file_no.get(file_no)
            if h is None:
                raise UnknownHousehold("file_no", file_no, label="档案编号")
            stated_id = head_id or masked_id
            if stated_id and not (h.id_number == head_id or could_be(masked_id, h.id_number)):
                raise self._wrong_file(h, True, stated_id=stated_id)
        else:
            found = self.by_head.get(head_id) if head_id else None
            if found is None:
                raise UnknownHousehold("head_id_number", head_id, label="户主身份证号")
            h = found
        if head_name and name_key(head_name) != name_key(h.name):
            raise self._wrong_file(h, bool(file_no), stated_name=head_name)
        return h

    def _wrong_file(self, h: Household, by_file_no: bool, **stated: str) -> LedgerError:
        head = Person(h.name, h.id_number)
        return IdentityConflict.wrong_file(
            KIND_LABELS[self.kind], h.file_no, head, by_file_no=by_file_no, **stated
        )


def _file_rank(h: Household) -> tuple[bool, int]:
    return h.status in lifecycle.ACTIVE_STATUSES, h.id


# What a member sheet says about a person that the head's own file holds too (性别, 出生日期,
# 健康状况, 月收入): a head's row in a member sheet changes these, through the household rules.
_HEAD_FIELDS = (
    frozenset(f.name for f in KINDS["members"] if f.source is Source.CLERK and not f.owner)
    & frozenset(f.name for f in KINDS["households"])
) - {"name", "id_number"}


class _MemberApplier(_FileRowApplier):
    model = HouseholdMember
    entity = "household_members"
    columns = MEMBER_COLUMNS

    def prefetch(self, rows: list[ImportRow]) -> None:
        super().prefetch(rows)
        self.members: dict[int, list[Any]] = {}
        for m in self.on_files(HouseholdMember):
            self.members.setdefault(m.household_id, []).append(m)
        # Who already is in an active file (head or member): one active file per person.
        ids = sorted({r.values["id_number"] for r in rows if r.values.get("id_number")})
        file_of = (Household.id, Household.file_no, Household.name)
        self.people: dict[str, tuple[int, str, str]] = {}
        self.moving: set[str] = set()  # ID numbers a held-back change gives a member
        for part in chunks(ids):
            # Whether the file is active is tested here: see _FileRowApplier.prefetch.
            for *found, person, status, deleted in self.s.execute(
                select(*file_of, Household.id_number, Household.status, Household.deleted_at).where(
                    Household.id_number.in_(part)
                )
            ):
                if deleted is None and status in lifecycle.ACTIVE_STATUSES:
                    self.people.setdefault(person, tuple(found))  # type: ignore[arg-type]
            for *found, person, status, deleted in self.s.execute(
                select(*file_of, HouseholdMember.id_number, Household.status, Household.deleted_at)
                .join(HouseholdMember, HouseholdMember.household_id == Household.id)
                .where(HouseholdMember.id_number.in_(part), HouseholdMember.deleted_at.is_(None))
            ):
                if deleted is None and status in lifecycle.ACTIVE_STATUSES:
                    self.people.setdefault(person, tuple(found))  # type: ignore[arg-type]

    def apply_row(self, row: ImportRow) -> None:
        svc = self.ledger.households
        h = self.household_for(row)
        values = row.values
        if row.keys.get("head") or (values.get("id_number") and values["id_number"] == h.id_number):
            self._head(row, h)
            return
        person = values.get("id_number") or values.get("name")
        self.claim(row, (h.id, person), "id_number" if values.get("id_number") else "name", person)
        match = self._match(row, h)
        if match is None:
            masked = row.keys.get("masked", {})
            if "id_number" in masked:
                raise MaskedNumber("id_number", masked["id_number"], "添加家庭成员")
            missing = _missing("members", values)
            if missing:
                raise missing[0]
            self._add(h, svc.check_member(dict(values), partial=False))
            return
        clean = svc.check_member(dict(values), partial=True)
        clean.pop("name", None)  # the same person (checked in _match): keep the name's spelling
        match = self.current(match)
        changed = _changed(clean, lambda k, val: _differs(getattr(match, k), val))
        if not changed:
            self.result.unchanged += 1
            return
        person = changed.get("id_number")

        def holds_it() -> None:
            if person and h.status in lifecycle.ACTIVE_STATUSES:
                self.people[person] = (h.id, h.file_no, h.name)

        if person:
            self.moving.add(person)
        self.update(
            row,
            match,
            lambda: svc.update_member_in(
                self.s, self.stored(match), changed, batch_id=self.batch_id
            ),
            then=holds_it,
        )

    def _add(self, h: Household, clean: dict[str, Any]) -> None:
        """What HouseholdService.add_member_in does (tests compare the two)."""
        self.ledger.households._refuse_closed(h)
        person = clean.get("id_number")
        if person in self.moving:  # a held-back change gives a member this ID: make it first
            self.moving.clear()
            self.write()
        if person and person in self.people:
            raise DuplicatePerson(person, *self.people[person])
        values = {name: clean[name] for name in MEMBER_COLUMNS if name in clean}
        values.update(household_id=h.id, original_wording=original.initial(clean))
        record = self.create(values, f"{h.file_no} {h.name}家 {values['name']}")
        self.members.setdefault(h.id, []).append(record)
        if person and h.status in lifecycle.ACTIVE_STATUSES:
            self.people[person] = (h.id, h.file_no, h.name)

    def _head(self, row: ImportRow, h: Household) -> None:
        """The head's own row (本人/户主, or his ID number): the file's head, never a new member.

        It must be the head (his ID number and name); what it says that the file holds too is
        compared and updated as a household row would be.
        """
        values = row.values
        name, full = values.get("name"), values.get("id_number")
        masked = row.keys.get("masked", {}).get("id_number")
        head = Person(h.name, h.id_number)
        stated = full or masked
        if stated and not (full == h.id_number or (not full and could_be(masked, h.id_number))):
            incoming = Person(name, stated)
            raise IdentityConflict.file_of_another("id_number", stated, h.file_no, head, incoming)
        if name and name_key(name) != name_key(h.name):
            raise IdentityConflict.renamed_head("name", name, h.file_no, head, name)
        self.claim(row, (h.id, h.id_number), "name", name or h.name)
        said = {k: val for k, val in values.items() if k in _HEAD_FIELDS}
        wording = {k: t for k, t in (values.get(original.COLUMN) or {}).items() if k in said}
        svc = self.ledger.households
        clean = svc.check_household(said, partial=True)
        if wording:
            clean[original.COLUMN] = wording
        changed = _changed(clean, lambda k, val: _differs(getattr(h, k), val))
        if changed:
            self.update(row, h, lambda: svc.update_in(self.s, h, changed, batch_id=self.batch_id))
        else:
            self.result.unchanged += 1

    def _match(self, row: ImportRow, h: Household) -> Any:
        """The member a row is about: by ID number, else by name when one side has no ID.

        A match whose identity differs (another name for the ID; another ID number or birth
        date for the name) is someone else: refused, never overwritten.
        """
        values = row.values
        name, full = values.get("name"), values.get("id_number")
        masked = row.keys.get("masked", {}).get("id_number")
        if full and full == h.id_number and name_key(name) != name_key(h.name):
            head = Person(h.name, h.id_number)
            raise IdentityConflict.renamed_head("name", name, h.file_no, head, name or "")
        existing = self.members.get(h.id, ())
        by_id = next((m for m in existing if full and m.id_number == full), None)
        if by_id is not None:
            if name_key(by_id.name) != name_key(name):
                member = Person(by_id.name, by_id.id_number)
                raise IdentityConflict.renamed_member("name", name, h.file_no, member, name or "")
            return by_id
        named = next((m for m in existing if name_key(m.name) == name_key(name)), None)
        if named is None:
            return None
        stated = full or masked
        born = values.get("birth_date") or (id_number_info(full).birth_date if full else None)
        other_id = bool(named.id_number and stated) and not (
            not full and could_be(masked, named.id_number)
        )
        other_birth = bool(born and named.birth_date and born != named.birth_date)
        if other_id or other_birth:
            member = Person(named.name, named.id_number, named.birth_date)
            incoming = Person(name, stated, born)
            field = "id_number" if other_id else "birth_date"
            raise IdentityConflict.other_member(
                field, stated if other_id else born, h.file_no, member, incoming
            )
        return named


def _aid_key(household_id: int, date: Any, category: Any, cash: Any, goods: Any) -> tuple[Any, ...]:
    """An aid payment's natural key, with amounts in 分 as the database compares them."""
    cents = _MONEY.process_bind_param
    return household_id, date, category, cents(cash, None), cents(goods, None)


_MONEY = Money()


class _AssistanceApplier(_FileRowApplier):
    model = Assistance
    entity = "assistance"
    columns = ASSISTANCE_COLUMNS

    def prefetch(self, rows: list[ImportRow]) -> None:
        super().prefetch(rows)
        self.paid: dict[tuple[Any, ...], Assistance] = {}
        for a in self.on_files(Assistance):
            key = _aid_key(a.household_id, a.date, a.category, a.cash, a.goods_value)
            self.paid.setdefault(key, a)

    def apply_row(self, row: ImportRow) -> None:
        svc = self.ledger.households
        h = self.household_for(row)
        missing = _missing("assistance", row.values)
        if missing:
            raise missing[0]
        clean = svc.check_assistance(dict(row.values), partial=False)
        key = (h.id, clean["date"], clean["category"], clean["cash"], clean["goods_value"])
        self.claim(row, key, "date", clean["date"])
        match = self.paid.get(_aid_key(*key))
        if match is None:
            self._add(h, clean)
            return
        present = {k: val for k, val in clean.items() if k in row.values}
        changed = _changed(present, lambda k, val: _differs(getattr(match, k), val))
        if not changed:
            self.result.unchanged += 1
            return
        svc._refuse_closed(h)

        def change() -> None:
            changes = apply_changes(match, changed, ASSISTANCE_COLUMNS)
            label = f"{h.file_no} {h.name}"
            svc.audit(self.s, "update", "assistance", match.id, label, changes,
                      batch_id=self.batch_id)  # fmt: skip

        self.update(row, match, change)

    def _add(self, h: Household, clean: dict[str, Any]) -> None:
        """What HouseholdService.add_assistance_in does (tests compare the two)."""
        self.ledger.households._refuse_closed(h)
        values = {name: clean[name] for name in ASSISTANCE_COLUMNS if name in clean}
        values.update(
            household_id=h.id,
            original_wording=original.initial(clean),
            operator=values.get("operator") or self.service.actor.name,
        )
        self.create(values, f"{h.file_no} {h.name} {values['date']} {values['category']}")


class _StationApplier(_ChunkedApplier):
    model = Station
    entity = "stations"
    columns = STATION_COLUMNS

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.codes_like: dict[str, set[str]] = {}  # code prefix → codes LIKE it, binned ones too
        self.case_blind_like = self.s.get_bind().dialect.name == "sqlite"

    def prefetch(self, rows: list[ImportRow]) -> None:
        codes = sorted({r.values["code"] for r in rows if r.values.get("code")})
        names = sorted({r.values["name"] for r in rows if r.values.get("name")})
        live = (
            select(Station)
            .where(Station.deleted_at.is_(None))
            .options(selectinload(Station.facilities), selectinload(Station.functions))
        )
        self.by_code: dict[str, Any] = {}
        self.by_name: dict[tuple[str, str], Any] = {}
        for part in chunks(codes):
            self.by_code.update(
                (st.code, st) for st in self.s.scalars(live.where(Station.code.in_(part)))
            )
        for part in chunks(names):
            for st in self.s.scalars(live.where(Station.name.in_(part))):
                self.by_name.setdefault((st.name, st.township), st)
        self.taken: set[str] = set()  # codes of any station, binned ones too
        for part in chunks(codes):
            self.taken.update(self.s.scalars(select(Station.code).where(Station.code.in_(part))))

    def apply_row(self, row: ImportRow) -> None:
        svc = self.ledger.stations
        values = row.values
        code, name, township = values.get("code"), values.get("name"), values.get("township")
        if code:
            self.claim(row, ("code", code), "code", code)
        match = self.by_code.get(code) if code else None
        if match is not None and name and name_key(name) != name_key(match.name):
            raise IdentityConflict.renamed_station("name", name, match.code, match.name, name)
        if match is None and township:
            self.claim(row, ("name", name, township), "name", f"{township} {name}")
            match = self.by_name.get((name, township))
        if match is None:
            missing = _missing("stations", values)
            if missing:
                raise missing[0]
            clean = dict(values)
            svc.check(clean, partial=False)
            self._add(clean)
            return
        clean = dict(values)
        clean.pop("name", None)  # the same name (checked above), whatever its spacing: keep ours
        svc.check(clean, partial=True)
        station = self.stored(self.current(match))
        current = svc.to_row(station)
        changed = _changed(
            clean, lambda k, val: hasattr(current, k) and _differs(getattr(current, k), val)
        )
        if not changed:
            self.result.unchanged += 1
            return
        self.update(
            row, match, lambda: svc.update_in(self.s, station, changed, batch_id=self.batch_id)
        )
        if changed.get("code"):
            self._note_code(changed["code"])

    def _note_code(self, code: str) -> None:
        self.taken.add(code)
        for prefix, like in self.codes_like.items():
            if self._like(code, prefix):
                like.add(code)

    def _add(self, clean: dict[str, Any]) -> None:
        """What StationService.create_in does (tests compare the two)."""
        if clean.get("code") and clean["code"] in self.taken:
            raise DuplicateRecord("code", clean["code"], label="站点编号")
        code = clean.get("code") or self._next_code(clean["station_type"])
        values = {n: clean[n] for n in STATION_COLUMNS if clean.get(n) is not None}
        values.update(code=code, original_wording=original.initial(clean))
        extra = {
            name: [None, sorted(clean[name])] for name in ("facilities", "functions")
            if clean.get(name)
        }  # fmt: skip
        record = self.create(values, f"{code} {values['name']}", **extra)
        record.relations = {name: change[1] for name, change in extra.items()}
        self._note_code(code)
        self.by_code[code] = record
        self.by_name[(values["name"], values["township"])] = record

    def _next_code(self, station_type: str) -> str:
        """StationService._next_code: the count of codes with the type's prefix, plus one, then
        the first number free; the codes read once per prefix and kept up to date here."""
        prefix = TYPE_PREFIX.get(station_type, "ZD")
        if prefix not in self.codes_like:
            self.codes_like[prefix] = set(
                self.s.scalars(select(Station.code).where(Station.code.like(f"{prefix}%")))
            )
        like = self.codes_like[prefix]
        seq = len(like) + 1
        while f"{prefix}{seq:04d}" in like:
            seq += 1
        return f"{prefix}{seq:04d}"

    def _like(self, code: str, prefix: str) -> bool:
        # LIKE ignores ASCII case on SQLite and not on PostgreSQL: count as the database would.
        return (code.upper() if self.case_blind_like else code).startswith(prefix)

    def written(self, records: list[NewRecord]) -> None:
        facilities, functions = [], []
        for r in records:
            facilities += [
                {"station_id": r.id, "facility": f} for f in r.relations.get("facilities", ())
            ]
            functions += [
                {"station_id": r.id, "function": f} for f in r.relations.get("functions", ())
            ]
        insert_rows(self.s, StationFacility.__table__, facilities)
        insert_rows(self.s, StationFunction.__table__, functions)


class _UsageApplier(_ChunkedApplier):
    model = StationUsage
    entity = "station_usage"
    columns = USAGE_COLUMNS

    def prefetch(self, rows: list[ImportRow]) -> None:
        codes = sorted({r.keys["station_code"] for r in rows if r.keys.get("station_code")})
        names = sorted(
            {r.keys["station_name"] for r in rows
             if not r.keys.get("station_code") and r.keys.get("station_name")}
        )  # fmt: skip
        live = select(Station).where(Station.deleted_at.is_(None)).order_by(Station.id)
        self.by_code: dict[str, Station] = {}
        self.by_name: dict[str, list[Station]] = {}
        for part in chunks(codes):
            self.by_code.update(
                (st.code, st) for st in self.s.scalars(live.where(Station.code.in_(part)))
            )
        for part in chunks(names):
            for st in self.s.scalars(live.where(Station.name.in_(part))):
                self.by_name.setdefault(st.name, []).append(st)
        ids = sorted({st.id for st in self.by_code.values()}
                     | {st.id for found in self.by_name.values() for st in found})  # fmt: skip
        # Every month on file, binned ones too: entering a binned month again brings it back.
        self.months: dict[tuple[int, int, int], StationUsage] = {}
        for part in chunks(ids):
            for u in self.s.scalars(select(StationUsage).where(StationUsage.station_id.in_(part))):
                self.months[(u.station_id, u.year, u.month)] = u

    def apply_row(self, row: ImportRow) -> None:
        svc = self.ledger.stations
        station = self._station(row)
        missing = _missing("usage", row.values)
        if missing:
            raise missing[0]
        year, month = row.values["month"]
        self.claim(row, (station.id, year, month), "month", f"{station.name} {year}年{month}月")
        entry = self.months.get((station.id, year, month))
        live = entry if entry is not None and entry.deleted_at is None else None
        if (
            live is not None
            and live.visits == row.values["visits"]
            and ("remarks" not in row.values or live.remarks == row.values["remarks"])
        ):
            self.result.unchanged += 1
            return
        clean = dict(row.values)
        if live is not None and "remarks" not in clean:
            clean["remarks"] = live.remarks
        if entry is None:
            self._add(station, clean)
            return
        # A month on file (or binned: entering it again brings it back) changes through the service.
        self.update(
            row,
            entry,
            lambda: svc.set_usage_in(self.s, station, clean, batch_id=self.batch_id),
            "updated" if live is not None else "inserted",
        )

    def _add(self, station: Station, clean: dict[str, Any]) -> None:
        """What StationService.set_usage_in does for a month not on file (tests compare)."""
        year, month = clean["month"]
        built = station.built_date
        if built and (year, month) < (built.year, built.month):
            raise InvalidValue(
                "month",
                f"{year}-{month:02d}",
                f"早于该站点的建成日期（{built.isoformat()}），那时站点还没有建成。"
                "请核对月份，或在“服务阵地”中核对该站点的建成日期。",
                label="月份",
            )
        values = {"station_id": station.id, "year": year, "month": month,
                  "visits": clean["visits"], "remarks": clean.get("remarks")}  # fmt: skip
        self.create(values, f"{station.name} {year}年{month}月")

    def _station(self, row: ImportRow) -> Station:
        code, name = row.keys.get("station_code"), row.keys.get("station_name")
        township = row.keys.get("township")
        if code:
            found = self.by_code.get(code)
            if found is None:
                raise UnknownStation("station_code", code, what="编号为")
            if name and name_key(name) != name_key(found.name):
                raise IdentityConflict.renamed_station(
                    "station_name", name, code, found.name, name, usage=True
                )
            return found
        hits = [st for st in self.by_name.get(name, ()) if not township or st.township == township]
        if not hits:
            raise UnknownStation("station_name", name)
        if len(hits) > 1:
            raise InvalidValue(
                "station_name",
                name,
                "有多个同名阵地，请增加“所属乡镇(街道)”或“站点编号”列。",
                label="站点名称",
            )
        return hits[0]


class _ActivityApplier(_ChunkedApplier):
    model = Activity
    entity = "activities"
    columns = ACTIVITY_COLUMNS

    def prefetch(self, rows: list[ImportRow]) -> None:
        stations = sorted({r.keys["station_name"] for r in rows if r.keys.get("station_name")})
        names = sorted({r.values["name"] for r in rows if r.values.get("name")})
        self.stations: dict[str, list[int]] = {}
        for part in chunks(stations):
            for station_id, name in self.s.execute(
                select(Station.id, Station.name).where(
                    Station.deleted_at.is_(None), Station.name.in_(part)
                )
            ):
                self.stations.setdefault(name, []).append(station_id)
        self.events: dict[tuple[Any, Any], list[Any]] = {}  # (name, start date) → activities
        for part in chunks(names):
            for a in self.s.scalars(
                select(Activity)
                .where(Activity.deleted_at.is_(None), Activity.name.in_(part))
                .order_by(Activity.id)
            ):
                self.events.setdefault((a.name, a.start_date), []).append(a)

    def apply_row(self, row: ImportRow) -> None:
        svc = self.ledger.activities
        values = dict(row.values)
        station_name = row.keys.get("station_name")
        if station_name:
            hits = self.stations.get(station_name, ())
            if not hits:
                raise UnknownStation("station_name", station_name)
            if len(hits) > 1:
                reason = "有多个同名阵地，无法确定是哪一个。"
                raise InvalidValue("station_name", station_name, reason, label="依托阵地")
            values["station_id"] = hits[0]
        key = tuple(values.get(name) for name in ("name", "start_date", "place", "township"))
        name, start, place, township = key
        where = ("place", place) if place else ("township", township)
        self.claim(row, (name, start, *where), "name", event_label(*key))
        same_day = self.events.get((name, start), ())
        match = next((a for a in same_day if _same_event(a, place, township)), None)
        if match is None and place:
            # The same event filed before its place was known (a sheet without 地点): complete it.
            unplaced = [
                a for a in same_day
                if a.place is None and (not township or a.township == township)
            ]  # fmt: skip
            match = unplaced[0] if len(unplaced) == 1 else None
        if match is None:
            missing = _missing("activities", values)
            if missing:
                raise missing[0]
            svc.check(values, partial=False)
            self._add(values)
            return
        svc.check(values, partial=True)
        match = self.current(match)
        changed = _changed(values, lambda k, val: _differs(getattr(match, k), val))
        if not changed:
            self.result.unchanged += 1
            return
        self.update(
            row,
            match,
            lambda: svc.update_in(self.s, self.stored(match), changed, batch_id=self.batch_id),
        )

    def _add(self, clean: dict[str, Any]) -> None:
        """What ActivityService.create_in does (tests compare the two)."""
        values = {n: clean[n] for n in ACTIVITY_COLUMNS if clean.get(n) is not None}
        values["original_wording"] = original.initial(clean)
        record = self.create(values, f"{values['start_date']} {values['name']}")
        self.events.setdefault((values["name"], values["start_date"]), []).append(record)


def _same_event(a: Any, place: str | None, township: str | None) -> bool:
    """activities.same_event, on a record read for the chunk."""
    if place:
        return bool(a.place == place)
    return a.place is None and a.township == township


APPLIERS: dict[str, type[_Applier]] = {
    "households": _HouseholdApplier,
    "members": _MemberApplier,
    "assistance": _AssistanceApplier,
    "stations": _StationApplier,
    "reststops": _StationApplier,
    "usage": _UsageApplier,
    "activities": _ActivityApplier,
}

__all__ = [
    "APPLIERS",
    "BatchRow",
    "ImportResult",
    "ImportRow",
    "ImportService",
    "REPORT_CODES",
    "Rejection",
    "jsonable",
]
