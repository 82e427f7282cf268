"""The registry of record kinds (models.kinds) held against the ORM, the rules and the value lists.

Where the facts it holds used to be repeated, one table per place (the inventory made when the
registry was built), and what became of each:

 1. models/fields.py        HOUSEHOLD_FIELDS … STATUS_CHANGE_FIELDS, FIELDS_BY_KIND, KIND_LABELS
                            (labels, 花名册 order)                           → derived from it
 2. reports/excel/aliases.py  _HOUSEHOLD … _ACTIVITY / ALIASES (headings per kind), IGNORED
                            (columns not read), UNITS (unit factors)        → Field.aliases /
                            conversions / source, kinds.SCALES
 3. reports/excel/layout.py   KEY_FIELDS (header sets of a data sheet)      → Kind.sheet_keys
 4. reports/excel/parse.py    RULE_KIND, KEY_ONLY, MASKABLE, _MONEY_FIELDS, the per-kind keys a row
                            must name, the 驿站 default type               → Kind.record,
                            Field.owner / masked / type, Kind.key, Kind.defaults
 5. reports/excel/templates.py  RULE_KIND, LIST_OF, BOOL_FIELDS, NOT_IMPORTED, KEY_NOTES
                                                                            → Field / Kind.key_note
 6. reports/excel/export.py   TEXT_FIELDS (+ maskers), MONEY_, DATE_, COUNT_FIELDS, EXPORT_SKIP
                                                                 → derived (EXPORT_SKIP was dead)
 7. desktop/forms/layouts.py  CHOICE_LISTS, UNITS, LONG_TEXT, DATE_FIELDS, BOOL_FIELDS,
                            MULTI_FIELDS, REQUIRED_DATES, SERVICE_CENTRES, STATION_EXTRAS
                                          → Field.values / unit / type / required / only_for
 8. desktop/forms/record_form.py  the 依托阵地 label and 困难类别 list special cases  → registry
 9. desktop/forms/kinds.py + models/services/activities.py  CATEGORY_FIGURES, ALL_FIGURES
                                                                        → Field.only_for
10. models/services/households.py  HOUSEHOLD_, MEMBER_, ASSISTANCE_COLUMNS → Kind.stored_columns
11. models/services/stations.py    STATION_, USAGE_COLUMNS, REST_STOP      → Kind.stored_columns
12. models/services/activities.py  ACTIVITY_COLUMNS                        → Kind.stored_columns
13. models/services/privacy.py     MASKERS (two names no row has)          → kinds.masked_names
14. models/services/audit.py       ENTITY_LABELS of the record kinds       → Kind.label by table
15. desktop/models/record_lists.py  audit change labels (now the entity kind's own wording)
16. models/statistics/tables.py    统计表 column names 困难类别/帮扶类别/阵地类型/活动类别 and their
                                   lists                                   → Field.label_alone/values
17. desktop/import_flow.py         KINDS, the field_choices skip set       → IMPORT_KINDS, Field.read
18. desktop/export_flow.py         EXPORT_KINDS                            → IMPORT_KINDS
Still repeated (files other work owned at the time; this test holds the first three to the
registry):
19. models/normalize.py            RULES_BY_KIND: required flags and list names per field
20. models/vocab.py                LIST_LABELS, MULTI_CHOICE_FIELDS
21. models/services/imports.py     natural keys written as code, _UNDOABLE, _revert's relations
22. main.py                        KINDS and KIND_HELP (the CLI's kind names)
23. models/services/exports.py     per-kind selects of owner columns, multi-choice relations
24. models/statistics/queries.py   SPECIFIC_COLUMNS (activity figures), REST_STOP
25. desktop/screens/export_dialog.py STATUS_BY_KIND; desktop/screens/household_file.py columns
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import JSON, Boolean, Date, Integer, Numeric, String
from sqlalchemy.orm import Mapper

from models import vocab
from models.errors import LedgerError
from models.kinds import KINDS, Field, Kind, Role, Source, Type, by_table, names_of
from models.normalize import RULES_BY_KIND, normalize_field
from models.schema import Base, Money

RECORD_KINDS = [k for k in KINDS.values() if k.record is None]
# ORM columns that are the app's own bookkeeping, not a field a clerk sees.
STAMPS = {"id", "version", "created_at", "updated_at", "created_by", "deleted_at", "deleted_by"}
INTERNAL: dict[str, set[str]] = {
    "households": STAMPS | {"sort_name"},  # the pinyin collation key of 姓名
    "household_members": STAMPS | {"household_id"},
    "assistance": STAMPS | {"household_id"},
    "stations": STAMPS | {"sort_name"},  # the pinyin collation key of 名称
    "station_usage": STAMPS | {"station_id"},
    "activities": STAMPS | {"sort_name"},
    "status_changes": {"id", "household_id", "recorded_at"},
}
# The value tables of multi-choice fields: owner key, value, order.
VALUE_TABLES: dict[str, set[str]] = {
    "household_causes": {"household_id", "position"},
    "station_facilities": {"station_id"},
    "station_functions": {"station_id"},
}


def mapper_of(table: str) -> Mapper[Any]:
    return next(m for m in Base.registry.mappers if m.local_table.name == table)


def stored_fields() -> list[tuple[Kind, Field]]:
    return [(k, f) for k in RECORD_KINDS for f in k if f.stored and not f.multi]


def longest(values: str | None) -> int:
    assert values is not None
    return max(len(value) for value in vocab.CHOICES[values])


@pytest.mark.parametrize(("kind", "spec"), stored_fields(), ids=lambda x: getattr(x, "name", ""))
def test_every_stored_field_has_its_orm_column(kind: Kind, spec: Field) -> None:
    table = mapper_of(kind.table).local_table
    columns = [table.c[name] for name in spec.stored]  # KeyError: the column is missing
    first = columns[0].type
    if spec.type is Type.MONEY:
        assert isinstance(first, Money)  # yuan in Python, integer 分 in the database
    elif spec.type is Type.DATE:
        assert isinstance(first, Date)
    elif spec.type is Type.MONTH:
        assert [c.name for c in columns] == ["year", "month"]
        assert all(isinstance(c.type, Integer) for c in columns)
    elif spec.type in (Type.COUNT, Type.STARS, Type.REFERENCE):
        assert isinstance(first, Integer) and not isinstance(first, Money)
    elif spec.type in (Type.DECIMAL, Type.COORDINATE):
        assert isinstance(first, Numeric)
    elif spec.type is Type.BOOL:
        assert isinstance(first, Boolean)
    elif spec.type is Type.WORDING:
        assert isinstance(first, JSON) and columns[0].nullable  # {field: text}, none for most
    else:
        assert isinstance(first, String), first
        needed = {Type.ID_NUMBER: 18, Type.BANK_CARD: 19, Type.PHONE: 20}.get(spec.type, 1)
        if spec.type is Type.CHOICE:
            needed = longest(spec.values)
        assert first.length is None or first.length >= needed, (first.length, needed)
    if spec.required:
        assert not columns[0].nullable


@pytest.mark.parametrize(
    ("kind", "spec"),
    [(k, f) for k, f in stored_fields() if f.type in (Type.TEXT, Type.PROSE)],
    ids=lambda x: getattr(x, "name", ""),
)
def test_no_text_the_rules_accept_is_too_long_for_its_column(kind: Kind, spec: Field) -> None:
    length = mapper_of(kind.table).local_table.c[spec.name].type.length
    if length is None or spec.name not in RULES_BY_KIND.get(kind.name, {}):
        return
    with pytest.raises(LedgerError):
        normalize_field(kind.name, spec.name, "字" * (length + 1))


@pytest.mark.parametrize("kind", RECORD_KINDS, ids=lambda k: k.name)
def test_every_orm_column_is_a_field_or_internal(kind: Kind) -> None:
    table = mapper_of(kind.table).local_table
    covered = {column for f in kind for column in f.stored}
    unexplained = set(table.c.keys()) - covered - INTERNAL[kind.table]
    assert not unexplained, f"{kind.table}: add these to models.kinds or INTERNAL"
    assert not covered & INTERNAL[kind.table]


def test_every_record_table_is_a_kind() -> None:
    tables = {m.local_table.name for m in Base.registry.mappers}
    record_tables = {t for t in tables if "deleted_at" in mapper_of(t).local_table.c}
    # Photos hang off activities and stations; they are not a kind of their own (yet).
    assert record_tables - {"photos"} <= set(INTERNAL)
    assert {k.table for k in RECORD_KINDS} == set(INTERNAL)


@pytest.mark.parametrize(
    ("kind", "spec"),
    [(k, f) for k in RECORD_KINDS for f in k if f.multi],
    ids=lambda x: getattr(x, "name", ""),
)
def test_multi_choice_values_live_in_their_own_table(kind: Kind, spec: Field) -> None:
    (relation,) = spec.stored
    target = mapper_of(kind.table).relationships[relation].mapper.local_table
    (value,) = set(target.c.keys()) - VALUE_TABLES[target.name]
    assert isinstance(target.c[value].type, String)
    assert target.c[value].type.length >= longest(spec.values)


@pytest.mark.parametrize("kind", [k for k in KINDS.values() if k.importable], ids=lambda k: k.name)
def test_the_rules_cover_exactly_the_fields_a_clerk_sets(kind: Kind) -> None:
    rules = RULES_BY_KIND[kind.record_kind]
    clerk = {f.name for f in kind if f.source is Source.CLERK and not f.owner}
    assert clerk <= set(rules)
    if kind.record is None:
        assert clerk == set(rules)
    for name in clerk:
        assert kind[name].required == rules[name].required, name


@pytest.mark.parametrize(
    ("kind", "spec"),
    [(k, f) for k in RECORD_KINDS if k.importable for f in k
     if f.values and f.source is Source.CLERK],
    ids=lambda x: getattr(x, "name", ""),
)  # fmt: skip
def test_choice_fields_take_every_value_of_their_list(kind: Kind, spec: Field) -> None:
    assert spec.values in vocab.CHOICES
    for value in vocab.CHOICES[spec.values]:
        stored = normalize_field(kind.name, spec.name, value)
        if spec.name == "hardship_class":
            stored = stored[0]  # (class, the wording it came from)
        assert stored == ((value,) if spec.multi else value)


def test_value_lists_and_multi_choice_agree_with_vocab() -> None:
    fields = [f for k in KINDS.values() for f in k if f.values]
    assert {f.values for f in fields if f.multi} == set(vocab.MULTI_CHOICE_FIELDS)
    for f in fields:
        if f.values != f.name and f.values in vocab.LIST_LABELS:
            assert vocab.LIST_LABELS[f.values] == f.label_alone


def test_strict_lists_are_the_identity_and_status_ones() -> None:
    """DOMAIN.md §5: only 性别, 困难类别 and the status lists refuse other wording."""
    statuses = {"status", "station_status"}
    for k in KINDS.values():
        for f in k:
            if f.values in statuses or f.name in ("gender", "hardship_class"):
                assert f.strict, (k.name, f.name)
            elif f.type is Type.CHOICE or f.multi:
                assert not f.strict, (k.name, f.name)


def test_keys_owners_and_variants_name_real_fields() -> None:
    for k in KINDS.values():
        for group in (*k.key, *k.sheet_keys):
            assert all(name in k for name in group), (k.name, group)
        for key in k.sheet_keys:  # a data sheet names enough to find every row's record
            assert all(set(key) & set(group) for group in k.key), (k.name, key)
        for f in k:
            if f.owner:
                owner_kind, owner_field = f.owner.split(".")
                assert owner_field in KINDS[owner_kind] and f.role is Role.OWNER
                assert f.stored == ()
            if f.only_for:
                assert k.variant is not None
                variant = k[k.variant]
                assert f.only_for <= set(vocab.CHOICES[variant.values or ""]), f.name
        for name in k.defaults:
            assert name in k
    assert KINDS["households"]["id_number"].role is Role.KEY
    assert KINDS["households"]["remarks"].role is None


def test_a_heading_names_one_field_per_kind() -> None:
    from reports.excel.aliases import heading_text

    for k in KINDS.values():
        seen: dict[str, str] = {}
        for f in k:
            if f.type is Type.REFERENCE:
                continue  # chosen in the form; a sheet names the station by 依托阵地
            headings = (f.label, f.label_alone, *f.aliases, *(c.heading for c in f.conversions))
            for heading in headings:
                other = seen.setdefault(heading_text(heading), f.name)
                assert other == f.name, (k.name, heading, other, f.name)


def test_a_name_has_one_type_where_exports_go_by_name() -> None:
    """The 花名册 formats cells by field name across kinds (money, dates, counts, masks)."""
    by_type = {t: names_of(t) for t in (Type.MONEY, Type.DATE, Type.COUNT)}
    for k in KINDS.values():
        for f in k:
            for t, names in by_type.items():
                assert (f.name in names) == (f.type is t), (k.name, f.name)
            if f.masker is not None:
                assert all(g.masked for each in KINDS.values() for g in each if g.name == f.name)


def test_conversions_and_scales() -> None:
    income = KINDS["households"]["family_annual_income"]
    assert income.scale("万元") == 10_000 and income.scale("元") == income.scale(None) == 1
    assert [(c.heading, c.factor) for c in income.conversions][0] == ("家庭月收入", 12)
    assert KINDS["usage"]["visits"].scale("万人次") == 10_000
    for k in KINDS.values():
        for f in k:
            assert not f.conversions or f.type is Type.MONEY


def test_kind_aware_words_and_the_rest_stop_sheet() -> None:
    stop, station = KINDS["reststops"], KINDS["stations"]
    assert "服务功能" in stop["facilities"].aliases and "functions" not in stop
    assert station["functions"].label == "服务功能"
    assert all(f.applies("户外劳动者服务站点") for f in stop)
    assert stop.defaults == {"station_type": "户外劳动者服务站点"}
    assert stop.record_kind == "stations" and by_table("stations") is station


def test_masked_fields_are_the_personal_numbers() -> None:
    masked = {(k.name, f.name) for k in KINDS.values() for f in k if f.masked}
    assert ("households", "bank_card") in masked and ("members", "id_number") in masked
    assert all(f.masker is not None for k in KINDS.values() for f in k if f.masked)
    assert KINDS["households"]["id_number"].masker("411602199001011234") == "411602********1234"


def test_stored_columns_are_what_the_services_write() -> None:
    from models.services.households import HOUSEHOLD_COLUMNS

    assert "hardship_class_original" in HOUSEHOLD_COLUMNS
    assert "status" not in HOUSEHOLD_COLUMNS  # only status actions change it
    assert "per_capita_monthly" not in HOUSEHOLD_COLUMNS  # computed on reading
    assert KINDS["usage"].stored_columns() == ("year", "month", "visits", "remarks")


def test_money_is_exact_to_the_fen_through_the_registry_type() -> None:
    # The Money column keeps 分 exactly: what the registry calls money round-trips.
    money = Money()
    assert money.process_bind_param(Decimal("1200.50"), None) == 120050
    assert money.process_result_value(120050, None) == Decimal("1200.50")


@pytest.mark.parametrize("kind", [k for k in KINDS.values() if k.importable], ids=lambda k: k.name)
def test_kinds_with_worded_fields_keep_the_original_wording_last_and_unread(kind: Kind) -> None:
    worded = any(
        f.values or f.type is Type.BOOL for f in kind if f.source is Source.CLERK and not f.owner
    )
    assert ("original_wording" in kind) == worded
    if worded:
        spec = kind["original_wording"]
        assert kind.roster_fields()[-1] is spec and spec not in kind.template_fields()
        assert not spec.read and "original_wording" not in kind.stored_columns()
