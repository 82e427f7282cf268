"""Applying imported rows: match natural keys, insert/update in ONE transaction, record and undo batches.

The reader (reports/excel) turns a file into `ImportRow`s of normalised values and their problems
without touching the database; this service decides per row — inserted, updated, unchanged or
rejected — using the same `*_in(session, …)` methods and rules as the forms. A dry run does all of
it and rolls back. New household files, the bulk of a big roster, are inserted with Core
executemany in chunks (ORM add per row is ~20× slower); `_insert_households` mirrors
`HouseholdService.create_in` and a test holds the two to the same result.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, DateTime, Numeric, insert, or_, select
from sqlalchemy.orm import Session

from models import lifecycle
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
    StationUsage,
    StatusChange,
)
from models.schema.base import utcnow
from models.services.activities import event_label, same_event
from models.services.base import Service, apply_changes, jsonable, serialize_on
from models.services.households import ASSISTANCE_COLUMNS, HOUSEHOLD_COLUMNS
from models.validation import id_number_info, name_key
from models.wording import original

# The `code` values the import report may carry; anything else is reported as invalid_value.
REPORT_CODES = frozenset(
    {
        "id_checksum", "id_length", "id_precision_lost", "id_birthdate", "date_unparseable",
        "amount_unparseable", "invalid_choice", "missing_required", "unknown_household",
        "duplicate_in_file", "duplicate_person", "identity_conflict", "invalid_value",
        "unknown_station",
    }
)  # fmt: skip
CHUNK = 1000
IMPORT_LOCK = "导入"  # one import (or undoing of one) at a time, on PostgreSQL too
MAX_IN = 900  # parameters per IN (...) list, well under every engine's limit


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
class Rejection:
    row: ImportRow
    problems: list[LedgerError]

    @property
    def first(self) -> LedgerError:
        return self.problems[0]

    @property
    def code(self) -> str:
        code = self.first.code
        return code if code in REPORT_CODES else "invalid_value"

    @property
    def message(self) -> str:
        return "；".join(dict.fromkeys(p.message for p in self.problems))


@dataclass
class ImportResult:
    kind: str
    file_name: str
    dry_run: bool
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    batch_id: int | None = None
    vocabulary_saved: int = 0  # the clerk's mappings new to (or changed in) the office vocabulary

    def reject(self, row: ImportRow, problems: list[LedgerError]) -> None:
        self.rejected.append(Rejection(row, list(problems)))


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
            for part in _chunks(sorted(ids)):
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
            for part in _chunks(sorted(i for i in created if i is not None)):
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


def _chunks(items: list[Any], size: int = MAX_IN) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


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
        for name, rule in RULES_BY_KIND[kind].items()
        if rule.required and values.get(name) in (None, "", ())
    ]


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
            with self.s.begin_nested():
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

    def outcome(self, changes: dict[str, Any] | None) -> None:
        if changes:
            self.result.updated += 1
        else:
            self.result.unchanged += 1

    def household_for(self, row: ImportRow) -> Household:
        """The file a member/assistance row belongs to, by 档案编号 or the head's ID number.

        Whatever else the row says about the head (户主身份证号, 户主姓名) must be that file's head:
        otherwise the row would be hung on someone else's file.
        """
        file_no, head_id = row.keys.get("file_no"), row.keys.get("head_id_number")
        masked_id = row.keys.get("masked", {}).get("head_id_number")
        head_name = row.keys.get("head_name")
        stmt = select(Household).where(Household.deleted_at.is_(None))
        if file_no:
            h = self.s.scalar(stmt.where(Household.file_no == file_no))
            if h is None:
                raise UnknownHousehold("file_no", file_no, label="档案编号")
            stated_id = head_id or masked_id
            if stated_id and not (h.id_number == head_id or could_be(masked_id, h.id_number)):
                raise self._wrong_file(h, True, stated_id=stated_id)
        else:
            found = self.s.scalar(
                stmt.where(Household.id_number == head_id).order_by(
                    Household.status.in_(lifecycle.ACTIVE_STATUSES).desc(), Household.id.desc()
                )
            )
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

    def apply(self, row: ImportRow) -> None:
        # New files need no savepoint: they are only decided here and written in bulk later.
        try:
            self.apply_row(row)
        except LedgerError as exc:
            self.result.reject(row, [exc])

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
            last = self.svc._next_file_no(self.s, year)  # noqa: SLF001 - same numbering as the form
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
        for part in _chunks(ids):
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
    # Plain executemany (RETURNING with ordered rows falls back to one statement per row on
    # SQLite); 档案编号 is unique, so the new ids are read back by it.
    s.execute(insert(table), params)
    by_file_no: dict[str, int] = {}
    for part in _chunks([row["file_no"] for row in params]):
        by_file_no.update(
            (f, i)
            for i, f in s.execute(
                select(table.c.id, table.c.file_no).where(table.c.file_no.in_(part))
            )
        )
    ids = [by_file_no[row["file_no"]] for row in params]
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
    s.execute(insert(StatusChange.__table__), status_rows)
    if cause_rows:
        s.execute(insert(HouseholdCause.__table__), cause_rows)
    s.execute(insert(AuditEntry.__table__), changes_rows)


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


# What a member sheet says about a person that the head's own file holds too (性别, 出生日期,
# 健康状况, 月收入): a head's row in a member sheet changes these, through the household rules.
_HEAD_FIELDS = (
    frozenset(f.name for f in KINDS["members"] if f.source is Source.CLERK and not f.owner)
    & frozenset(f.name for f in KINDS["households"])
) - {"name", "id_number"}


class _MemberApplier(_Applier):
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
            clean = svc.check_member(dict(values), partial=False)
            svc.add_member_in(self.s, h, clean, batch_id=self.batch_id)
            self.result.inserted += 1
            return
        clean = svc.check_member(dict(values), partial=True)
        clean.pop("name", None)  # the same person (checked in _match): keep the name's spelling
        changed = _changed(clean, lambda k, val: _differs(getattr(match, k), val))
        if changed:
            svc.update_member_in(self.s, match, changed, batch_id=self.batch_id)
        self.outcome(changed)

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
            svc.update_in(self.s, h, changed, batch_id=self.batch_id)
        self.outcome(changed)

    def _match(self, row: ImportRow, h: Household) -> HouseholdMember | None:
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
        existing = self.s.scalars(
            select(HouseholdMember).where(
                HouseholdMember.household_id == h.id, HouseholdMember.deleted_at.is_(None)
            )
        ).all()
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


class _AssistanceApplier(_Applier):
    def apply_row(self, row: ImportRow) -> None:
        svc = self.ledger.households
        h = self.household_for(row)
        missing = _missing("assistance", row.values)
        if missing:
            raise missing[0]
        clean = svc.check_assistance(dict(row.values), partial=False)
        key = (h.id, clean["date"], clean["category"], clean["cash"], clean["goods_value"])
        self.claim(row, key, "date", clean["date"])
        match = self.s.scalar(
            select(Assistance).where(
                Assistance.household_id == h.id, Assistance.date == clean["date"],
                Assistance.category == clean["category"], Assistance.cash == clean["cash"],
                Assistance.goods_value == clean["goods_value"], Assistance.deleted_at.is_(None),
            )
        )  # fmt: skip
        if match is None:
            svc.add_assistance_in(self.s, h, clean, batch_id=self.batch_id)
            self.result.inserted += 1
            return
        present = {k: val for k, val in clean.items() if k in row.values}
        changed = _changed(present, lambda k, val: _differs(getattr(match, k), val))
        if changed:
            svc._refuse_closed(h)  # noqa: SLF001
            changes = apply_changes(match, changed, ASSISTANCE_COLUMNS)
            svc.audit(
                self.s,
                "update",
                "assistance",
                match.id,
                f"{h.file_no} {h.name}",
                changes,
                batch_id=self.batch_id,
            )
        self.outcome(changed)


class _StationApplier(_Applier):
    def apply_row(self, row: ImportRow) -> None:
        svc = self.ledger.stations
        values = row.values
        code, name, township = values.get("code"), values.get("name"), values.get("township")
        if code:
            self.claim(row, ("code", code), "code", code)
        live = select(Station).where(Station.deleted_at.is_(None))
        match = self.s.scalar(live.where(Station.code == code)) if code else None
        if match is not None and name and name_key(name) != name_key(match.name):
            raise IdentityConflict.renamed_station("name", name, match.code, match.name, name)
        if match is None and township:
            self.claim(row, ("name", name, township), "name", f"{township} {name}")
            match = self.s.scalar(live.where(Station.name == name, Station.township == township))
        if match is None:
            missing = _missing("stations", values)
            if missing:
                raise missing[0]
            clean = dict(values)
            svc.check(clean, partial=False)
            svc.create_in(self.s, clean, batch_id=self.batch_id)
            self.result.inserted += 1
            return
        clean = dict(values)
        clean.pop("name", None)  # the same name (checked above), whatever its spacing: keep ours
        svc.check(clean, partial=True)
        current = svc.to_row(match)
        changed = _changed(
            clean, lambda k, val: hasattr(current, k) and _differs(getattr(current, k), val)
        )
        if changed:
            svc.update_in(self.s, match, changed, batch_id=self.batch_id)
        self.outcome(changed)


class _UsageApplier(_Applier):
    def apply_row(self, row: ImportRow) -> None:
        svc = self.ledger.stations
        station = self._station(row)
        missing = _missing("usage", row.values)
        if missing:
            raise missing[0]
        year, month = row.values["month"]
        self.claim(row, (station.id, year, month), "month", f"{station.name} {year}年{month}月")
        entry = self.s.scalar(
            select(StationUsage).where(
                StationUsage.station_id == station.id, StationUsage.year == year,
                StationUsage.month == month, StationUsage.deleted_at.is_(None),
            )
        )  # fmt: skip
        if (
            entry is not None
            and entry.visits == row.values["visits"]
            and ("remarks" not in row.values or entry.remarks == row.values["remarks"])
        ):
            self.result.unchanged += 1
            return
        clean = dict(row.values)
        if entry is not None and "remarks" not in clean:
            clean["remarks"] = entry.remarks
        svc.set_usage_in(self.s, station, clean, batch_id=self.batch_id)
        if entry is None:
            self.result.inserted += 1
        else:
            self.result.updated += 1

    def _station(self, row: ImportRow) -> Station:
        code, name = row.keys.get("station_code"), row.keys.get("station_name")
        township = row.keys.get("township")
        live = select(Station).where(Station.deleted_at.is_(None))
        if code:
            found = self.s.scalar(live.where(Station.code == code))
            if found is None:
                raise UnknownStation("station_code", code, what="编号为")
            if name and name_key(name) != name_key(found.name):
                raise IdentityConflict.renamed_station(
                    "station_name", name, code, found.name, name, usage=True
                )
            return found
        stmt = live.where(Station.name == name)
        if township:
            stmt = stmt.where(Station.township == township)
        hits = self.s.scalars(stmt.limit(2)).all()
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


class _ActivityApplier(_Applier):
    def apply_row(self, row: ImportRow) -> None:
        svc = self.ledger.activities
        values = dict(row.values)
        station_name = row.keys.get("station_name")
        if station_name:
            stmt = select(Station.id).where(
                Station.deleted_at.is_(None), Station.name == station_name
            )
            hits = self.s.scalars(stmt.limit(2)).all()
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
        match = self.s.scalar(select(Activity).where(same_event(*key)))
        if match is None and place:
            # The same event filed before its place was known (a sheet without 地点): complete it.
            unplaced = select(Activity).where(
                Activity.name == name, Activity.start_date == start,
                Activity.place.is_(None), Activity.deleted_at.is_(None),
            )  # fmt: skip
            if township:
                unplaced = unplaced.where(Activity.township == township)
            hits = self.s.scalars(unplaced.limit(2)).all()
            match = hits[0] if len(hits) == 1 else None
        if match is None:
            missing = _missing("activities", values)
            if missing:
                raise missing[0]
            svc.check(values, partial=False)
            svc.create_in(self.s, values, batch_id=self.batch_id)
            self.result.inserted += 1
            return
        svc.check(values, partial=True)
        changed = _changed(values, lambda k, val: _differs(getattr(match, k), val))
        if changed:
            svc.update_in(self.s, match, changed, batch_id=self.batch_id)
        self.outcome(changed)


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
    "Rejection",
    "jsonable",
]
