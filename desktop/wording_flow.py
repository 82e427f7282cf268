"""The import wizard's value-mapping step, free of widgets: which wordings of a file are not the
lists' own, what each drop-down offers, and the clerk's choices as the import's vocabulary.

The survey reads every row (writing nothing) with the office's saved vocabulary, so a wording
the office mapped before comes back as 本单位对应 and asks nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from desktop.import_flow import ImportOutcome, ImportPlan
from models.fields import label_of
from models.kinds import KINDS
from models.wording.tally import HOW_LABELS, ValueCount

# The drop-down entries that are not list values.
KEEP_ORIGINAL = "保留原文（不填标准值）"
UNMAPPED = "（不对应：含这个值的行不导入）"

Chosen = dict[tuple[str, str], str | None]  # (field, wording) → list value (None: blank)


@dataclass(frozen=True)
class ValueQuestion:
    """One row of the mapping page: a distinct wording of one field and what it may become."""

    entry: ValueCount
    label: str  # the field's Chinese label
    how_label: str
    options: tuple[tuple[str, str | None], ...]  # (drop-down text, value; None: blank)
    note: str  # what else the cell says, or what it might be

    @property
    def key(self) -> tuple[str, str]:
        return (self.entry.field, self.entry.value)

    @property
    def proposed(self) -> str | None:
        return self.entry.to


@dataclass(frozen=True)
class Survey:
    """The file's wordings as the page shows them; `plan_key` says which column choices they
    were read with (changed columns need a new survey)."""

    plan_key: tuple[Any, ...]
    questions: tuple[ValueQuestion, ...]
    # The check (a dry run) read in the same pass as the wordings, with no choices of the clerk's.
    check: ImportOutcome | None = None

    @property
    def needs_page(self) -> bool:
        """Whether there is anything to confirm: a wording the office has not mapped already."""
        return any(q.entry.how != "office" or q.entry.refused for q in self.questions)

    def check_for(self, plan: ImportPlan) -> ImportOutcome | None:
        """The survey's own check when `plan` reads every row as the survey did (same columns,
        each value choice the survey's proposal), so the file need not be read again."""
        if self.check is None or plan_key(plan) != self.plan_key:
            return None
        proposed = {q.key: q for q in self.questions}
        for key, value in plan.chosen.items():
            q = proposed.get(key)
            if q is None or q.entry.refused or q.proposed != value:
                return None
        return self.check


def plan_key(plan: ImportPlan) -> tuple[Any, ...]:
    return plan.request().read_key()


def question(kind: str, entry: ValueCount) -> ValueQuestion:
    from reports.excel.values import choices

    spec = KINDS[kind][entry.field]
    # Strict or required: a blank is no answer, so 保留原文 is not offered.
    must_answer = spec.strict or spec.required
    options: list[tuple[str, str | None]] = [(value, value) for value in choices(kind, entry.field)]
    if not must_answer:
        options.append((KEEP_ORIGINAL, None))
    notes = []
    if entry.extra:
        said = "；".join(f"{label_of(name, kind)} {text}" for name, text in entry.extra)
        notes.append(f"另记入：{said}")
    if entry.candidates and (entry.refused or entry.to is None):
        notes.append(f"可能是：{'、'.join(entry.candidates[:6])}")
    return ValueQuestion(
        entry,
        label_of(entry.field, kind),
        HOW_LABELS.get(entry.how, entry.how),
        tuple(options),
        "；".join(notes),
    )


def survey(
    ledger: Any, plan: ImportPlan, *, progress: Callable[[int], None] | None = None
) -> Survey:
    """Read every row of the planned sheets with the office's vocabulary and check them (a dry
    run: nothing is written). `progress(rows_read)` may raise to cancel."""
    from reports.excel import pipeline

    # The office's saved mappings only: the clerk's earlier choices are the page's starting
    # values, not answers that would hide their questions.
    request = dataclasses.replace(plan.request(), values={})
    check = pipeline.run(request, ledger, dry_run=True, progress=progress)
    questions = tuple(question(plan.kind, entry) for entry in check.wordings())
    return Survey(request.read_key(), questions, check)


def chosen_mappings(
    survey_: Survey, picked: Mapping[tuple[str, str], tuple[bool, str | None]]
) -> Chosen:
    """The clerk's drop-downs {(field, wording): (mapped, value)} as this import's choices.

    Every wording the page showed is kept (so the next sheet worded the same asks nothing),
    except one left unmapped (its rows are refused) and one the office had mapped that way already.
    """
    found: Chosen = {}
    for q in survey_.questions:
        mapped, value = picked.get(q.key, (not q.entry.refused, q.proposed))
        if not mapped:
            continue
        if q.entry.how == "office" and value == q.proposed:
            continue
        found[q.key] = value
    return found
