"""Matching a cell's wording to a value list: office vocabulary, synonyms, partial matches, 其他."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Literal

from models import vocab
from models.errors import LedgerError
from models.validation import clean_text, parse_bool, split_list
from models.wording import combined, synonyms
from models.wording.keys import bracketed_text, derived_keys, is_subsequence, key, negated

How = Literal["exact", "synonym", "fuzzy", "office", "other", "unmatched"]

OTHER = "其他"
# Lists whose unmatched wording refuses the row: they change what the record means or how it is
# counted (性别, 困难类别, 档案状态, 站点状态). Every other list is descriptive.
STRICT_LISTS: frozenset[str] = frozenset({"gender", "hardship_class", "status", "station_status"})
# A wording of a yes/no field is matched under this name (是否单亲, 是否零就业家庭, 24小时 …).
FLAG_LIST = "yes_no"
FLAG_VALUES: tuple[str, str] = ("是", "否")
# Wordings that answer a yes/no question without saying 是 or 否 (A, F: 是否单亲, 是否进入医保).
_FLAG_WORDS: dict[str, str] = {
    "单亲": "是", "单亲家庭": "是", "非单亲": "否", "零就业": "是", "零就业家庭": "是",
    "已进入": "是", "未进入": "否", "24小时": "是", "全天": "是",
}  # fmt: skip
# The weakest way a part matched decides how a cell made of parts matched.
_STRENGTH: dict[str, int] = {
    "exact": 0, "synonym": 1, "office": 2, "fuzzy": 3, "other": 4, "unmatched": 5,
}  # fmt: skip
# The office saves one mapping for a list, whichever of its fields the wording came from.
_SAME_LIST: dict[str, str] = {"secondary_causes": "main_cause"}
_CACHE_LIMIT = 50_000


@dataclass(frozen=True, slots=True)
class WordingMatch:
    """What one cell's wording became in one list, and how.

    `extra` holds what the same cell says about other fields ("disease", "disability_grade",
    "secondary_causes", "single_parent" …) as (field, text) pairs. `candidates` names the values
    an ambiguous wording could mean or, for a strict list left unmatched, every allowed value.
    """

    list_name: str
    original: str
    value: str | None
    how: How
    extra: tuple[tuple[str, str], ...] = ()
    candidates: tuple[str, ...] = ()
    # Set on an unmatched wording of a strict list: the row is refused, not the field left blank.
    strict: bool = False

    @property
    def extras(self) -> dict[str, str]:
        return dict(self.extra)

    @property
    def refused(self) -> bool:
        """An unmatched wording of a strict list: the row is refused, naming `candidates`."""
        return self.how == "unmatched" and self.strict

    @property
    def reported(self) -> bool:
        """Every non-exact match of a non-blank cell goes into the import report."""
        return self.how != "exact" and bool(self.original)

    def mapped_entry(self, field_name: str, count: int = 1) -> dict[str, Any] | None:
        """The import report's `mapped` row {"field","value","to","count","how"}; None if exact."""
        if not self.reported:
            return None
        return {
            "field": field_name,
            "value": self.original,
            "to": self.value or "",
            "count": count,
            "how": self.how,
        }


@dataclass(frozen=True, slots=True)
class CauseMatch:
    """A 致困原因 cell read as one main cause and up to three secondary ones."""

    original: str
    main: WordingMatch | None
    secondary: tuple[WordingMatch, ...] = ()
    # Causes past the third secondary one: the record cannot hold them, the caller reports them.
    overflow: tuple[WordingMatch, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def parts(self) -> tuple[WordingMatch, ...]:
        return ((self.main,) if self.main else ()) + self.secondary + self.overflow

    @property
    def secondary_values(self) -> tuple[str, ...]:
        return tuple(part.value for part in self.secondary if part.value)

    @property
    def extras(self) -> dict[str, str]:
        return dict(self.extra)

    @property
    def reported(self) -> bool:
        return bool(self.overflow) or len(self.parts) > 1 or any(p.reported for p in self.parts)


class OfficeVocabulary:
    """The office's saved mappings {(list name, original wording): standard value}.

    Wordings are compared like cells (width, spaces and case ignored). A value of None or ""
    means "leave the field blank". A mapping whose value is not in its list (the list may have
    changed since it was saved) is set aside in `invalid` for the caller to show, not applied.
    """

    def __init__(self, mappings: Mapping[tuple[str, str], str | None] | None = None) -> None:
        self._index: dict[tuple[str, str], str | None] = {}
        invalid: list[tuple[str, str, str]] = []
        for (list_name, wording), value in (mappings or {}).items():
            target = value or None
            allowed = FLAG_VALUES if list_name == FLAG_LIST else vocab.CHOICES.get(list_name)
            if (
                allowed is None
                or not key(wording)
                or (target is not None and target not in allowed)
            ):
                invalid.append((list_name, wording, value or ""))
                continue
            self._index[(_SAME_LIST.get(list_name, list_name), key(wording))] = target
        self.invalid: tuple[tuple[str, str, str], ...] = tuple(invalid)

    def __len__(self) -> int:
        return len(self._index)

    def lookup(self, list_name: str, k: str) -> tuple[bool, str | None]:
        """(found, value) for the key of a cell."""
        entry = (_SAME_LIST.get(list_name, list_name), k)
        if entry in self._index:
            return True, self._index[entry]
        return False, None


@dataclass(frozen=True, slots=True)
class _ListIndex:
    """Everything matching needs about one list, built once per process."""

    values: tuple[str, ...]
    exact: dict[str, tuple[str, bool]]  # key → (value, is the value itself)
    words: tuple[tuple[str, str], ...]  # (key, value) of values and spellings, for partial matches
    value_keys: tuple[tuple[str, str], ...]


@cache
def _index(list_name: str) -> _ListIndex:
    values = vocab.CHOICES[list_name]
    exact: dict[str, tuple[str, bool]] = {key(value): (value, True) for value in values}
    base = _SAME_LIST.get(list_name, list_name)
    spellings = {**vocab.VARIANTS.get(base, {}), **synonyms.SYNONYMS.get(base, {})}
    for spelling, value in spellings.items():
        exact.setdefault(key(spelling), (value, False))
    # Spellings a value implies: its bracket part dropped or kept bare (下岗, 下待岗 for 下(待)岗)
    # and each half of "a/b" (空调). One that two values share would be a guess: left out.
    implied: dict[str, set[str]] = {}
    for value in values:
        value_key = key(value)
        for spelling in (*_bracket_forms(value_key), *value_key.split("/")):
            if spelling and spelling != value_key:
                implied.setdefault(spelling, set()).add(value)
    for spelling, owners in implied.items():
        if len(owners) == 1:
            exact.setdefault(spelling, (next(iter(owners)), False))
    words = tuple((k, value) for k, (value, _) in exact.items() if len(k) >= 2)
    value_keys = tuple((key(value), value) for value in values)
    return _ListIndex(values, exact, words, value_keys)


def _bracket_forms(value_key: str) -> tuple[str, ...]:
    if "(" not in value_key:
        return ()
    return derived_keys(value_key)[:2]


def office_list(list_name: str) -> str:
    """The list the office's mapping of a wording is saved under (次要致困原因 → 致困原因's)."""
    return _SAME_LIST.get(list_name, list_name)


def is_strict(list_name: str) -> bool:
    """Whether an unmatched wording of this list refuses the row (性别, 困难类别, 档案状态 …)."""
    return list_name in STRICT_LISTS


class Matcher:
    """Matches wordings for one import, form or CLI run, caching every distinct wording it sees.

    Build one per run with the office's vocabulary (not one per row), then call `match`,
    `match_many`, `match_causes` and `match_flag` for each cell.
    """

    def __init__(
        self, office: OfficeVocabulary | Mapping[tuple[str, str], str | None] | None = None
    ) -> None:
        if isinstance(office, OfficeVocabulary):
            self.office = office
        else:
            self.office = OfficeVocabulary(office)
        self._cache: dict[tuple[str, bool, type, Hashable], WordingMatch] = {}
        self._cause_cache: dict[tuple[type, Hashable], CauseMatch] = {}

    # --- one value ------------------------------------------------------------------------------

    def match(self, list_name: str, value: Any, *, strict: bool | None = None) -> WordingMatch:
        """The list value a cell's wording stands for; a blank cell gives None, how "exact"."""
        strict = is_strict(list_name) if strict is None else strict
        # The type too: True and 1 are equal keys of a dict, but 是 and "1" are different cells.
        cell = value if isinstance(value, Hashable) else repr(value)
        cache_key = (list_name, strict, type(value), cell)
        found = self._cache.get(cache_key)
        if found is None:
            if list_name not in vocab.CHOICES:
                raise ValueError(f"no value list {list_name!r}; see models.vocab.CHOICES")
            found = self._match_text(list_name, clean_text(value, list_name) or "", strict)
            _remember(self._cache, cache_key, found)
        return found

    def _match_text(self, list_name: str, text: str, strict: bool) -> WordingMatch:
        if not text:
            return WordingMatch(list_name, "", None, "exact")
        k = key(text)
        found = self._direct(list_name, text, k) or self._combined(list_name, text, k)
        if found is None:
            value, candidates = _partial(list_name, k, strict)
            if value is not None:
                found = WordingMatch(list_name, text, value, "fuzzy")
            else:
                parts = split_list(text)
                if len(parts) > 1:
                    found = self._from_parts(list_name, text, parts, strict)
                else:
                    found = _fallback(list_name, text, strict, candidates)
        if found.how == "office" and found.value is not None:
            found = self._cell_extras(found, text, k)
        return self._annotate(found, text, k) if not found.extra else found

    def _cell_extras(self, found: WordingMatch, text: str, k: str) -> WordingMatch:
        """What a cell the office mapped whole says besides its value (further causes, a disease,
        a grade), read as without the mapping: saving a wizard's choice must not lose it."""
        if found.list_name == "main_cause":
            if len(combined.cause_parts(text)) < 2:
                return found
            causes = self.match_causes(text)
            extra = causes.extras
            values = dict.fromkeys(part.value for part in causes.parts)
            rest = [value for value in values if value and value != found.value]
            if rest:
                extra["secondary_causes"] = "、".join(rest[: vocab.MAX_SECONDARY_CAUSES])
            return replace(found, extra=tuple(extra.items())) if extra else found
        plain = self._combined(found.list_name, text, k)
        return replace(found, extra=plain.extra) if plain is not None and plain.extra else found

    def _direct(self, list_name: str, text: str, k: str) -> WordingMatch | None:
        """The value itself, then the office's mapping, a synonym, and the same for derived keys."""
        index = _index(list_name)
        entry = index.exact.get(k)
        if entry is not None and entry[1]:
            return WordingMatch(list_name, text, entry[0], "exact")
        for attempt in (k, *derived_keys(k)):
            known, office_value = self.office.lookup(list_name, attempt)
            if known:
                return WordingMatch(list_name, text, office_value, "office")
            entry = index.exact.get(attempt)
            if entry is not None:
                return WordingMatch(list_name, text, entry[0], "synonym")
        return None

    def _from_parts(
        self, list_name: str, text: str, parts: list[str], strict: bool
    ) -> WordingMatch:
        """ "民营/私营" for a one-value list: taken only when every part means the same value."""
        matches = [self.match(list_name, part, strict=strict) for part in parts]
        values = _in_list_order(list_name, (m.value for m in matches))
        if len(values) == 1 and all(m.value == values[0] for m in matches):
            return WordingMatch(list_name, text, values[0], _weakest(m.how for m in matches))
        return _fallback(list_name, text, strict, values)

    # --- cells that say more than one thing ------------------------------------------------------

    def _combined(self, list_name: str, text: str, k: str) -> WordingMatch | None:
        if list_name in ("disability_kind", "disability_grade"):
            return _disability(list_name, text, k)
        if list_name == "health":
            return _health(text, k)
        if list_name == "main_cause" and len(combined.cause_parts(text)) > 1:
            causes = self.match_causes(text)
            if causes.main is None:
                return None
            extra = causes.extras
            if causes.secondary_values:
                extra["secondary_causes"] = "、".join(causes.secondary_values)
            how = _weakest(part.how for part in causes.parts)
            return WordingMatch(list_name, text, causes.main.value, how, tuple(extra.items()))
        return None

    def _annotate(self, found: WordingMatch, text: str, k: str) -> WordingMatch:
        """What else a matched cell says: 患重特大疾病（尿毒症）, 残疾 with its kind, 单亲 as a cause."""
        if found.list_name == "health" and found.value in ("患重特大疾病", "一般疾病"):
            disease = bracketed_text(text)
            return replace(found, extra=(("disease", disease),)) if disease else found
        if (found.list_name, found.value) == ("health", "残疾"):
            extra = _disability_extra(k)
            return replace(found, extra=extra) if extra else found
        if found.list_name == "disability_kind" and found.value:
            extra = _disability_extra(k, skip="disability_kind")
            return replace(found, extra=extra) if extra else found
        if found.list_name in ("main_cause", "secondary_causes"):
            flag = synonyms.CAUSE_FLAGS.get(k)
            return replace(found, extra=((flag, "是"),)) if flag else found
        return found

    # --- several values -------------------------------------------------------------------------

    def match_many(self, list_name: str, value: Any) -> tuple[WordingMatch, ...]:
        """Each item of a multi-choice cell ("饮水、热饭；WiFi"); items meaning a value seen are dropped."""
        results: list[WordingMatch] = []
        seen: set[str] = set()
        for item in split_list(value):
            found = self.match(list_name, item)
            if found.value is not None:
                if found.value in seen:
                    continue
                seen.add(found.value)
            results.append(found)
        return tuple(results)

    def match_causes(self, value: Any) -> CauseMatch:
        """One main cause and up to three secondary ones from a 致困原因 cell.

        The first concrete cause is the main one; 其他 (单亲, 收入低 …) gives way to a concrete
        cause and becomes a secondary one. Repeats (因病、大病) count once.
        """
        cache_key = (type(value), value if isinstance(value, Hashable) else repr(value))
        found = self._cause_cache.get(cache_key)
        if found is None:
            found = self._causes(clean_text(value, "main_cause") or "")
            _remember(self._cause_cache, cache_key, found)
        return found

    def _causes(self, text: str) -> CauseMatch:
        if not text:
            return CauseMatch("", None)
        matches: list[WordingMatch] = []
        extra: dict[str, str] = {}
        for part in combined.cause_parts(text):
            found = self.match("main_cause", part)
            extra.update(found.extras)
            if all(m.value != found.value for m in matches):
                matches.append(replace(found, extra=()))
        ordered = [m for m in matches if m.value != OTHER] + [
            m for m in matches if m.value == OTHER
        ]
        if not ordered:  # nothing but separators
            return CauseMatch(text, None)
        main = ordered[0]
        rest = [replace(m, list_name="secondary_causes") for m in ordered[1:]]
        limit = vocab.MAX_SECONDARY_CAUSES
        return CauseMatch(
            text, main, tuple(rest[:limit]), tuple(rest[limit:]), tuple(extra.items())
        )

    def match_flag(self, value: Any) -> WordingMatch:
        """是 or 否 from 是/否, 有/无, √/×, Y/N, 1/0 (validation.parse_bool) and words like 单亲."""
        text = clean_text(value, FLAG_LIST) or ""
        if not text:
            return WordingMatch(FLAG_LIST, "", None, "exact")
        if text in FLAG_VALUES:
            return WordingMatch(FLAG_LIST, text, text, "exact")
        k = key(text)
        for attempt in (k, *derived_keys(k)):
            known, office_value = self.office.lookup(FLAG_LIST, attempt)
            if known:
                return WordingMatch(FLAG_LIST, text, office_value, "office")
            answer = _flag_answer(attempt)
            if answer is not None:
                return WordingMatch(FLAG_LIST, text, answer, "synonym")
        return WordingMatch(FLAG_LIST, text, None, "unmatched", (), FLAG_VALUES)


def _remember(cache: dict[Any, Any], cache_key: Any, found: Any) -> None:
    # A free-text column could bring a new wording on every row: bound the memory it takes.
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    cache[cache_key] = found


def _fallback(list_name: str, text: str, strict: bool, candidates: tuple[str, ...]) -> WordingMatch:
    values = vocab.CHOICES[list_name]
    candidates = candidates or _ambiguous(list_name).get(key(text), ())
    if strict:
        return WordingMatch(list_name, text, None, "unmatched", (), candidates or values, True)
    if OTHER in values:
        return WordingMatch(list_name, text, OTHER, "other", (), candidates)
    return WordingMatch(list_name, text, None, "unmatched", (), candidates)


@cache
def _ambiguous(list_name: str) -> dict[str, tuple[str, ...]]:
    table = synonyms.AMBIGUOUS.get(_SAME_LIST.get(list_name, list_name), {})
    return {key(wording): values for wording, values in table.items()}


def _disability(list_name: str, text: str, k: str) -> WordingMatch | None:
    found = combined.read_disability(k)
    if list_name == "disability_kind":
        value, other = found.kind, ("disability_grade", found.grade)
    else:
        value, other = found.grade, ("disability_kind", found.kind)
    extra = (other,) if other[1] else ()
    if value is None:
        # A kind without a grade we can trust (一级聋: the older 聋 grades cut differently) must
        # not pick up the 一级 by containment: the grade stays blank.
        return WordingMatch(list_name, text, None, "unmatched", extra) if extra else None
    return WordingMatch(list_name, text, value, "fuzzy", extra)


def _health(text: str, k: str) -> WordingMatch | None:
    if "残" in k or any(word in k for word in synonyms.DISABILITY_KIND_WORDS):
        return WordingMatch("health", text, "残疾", "fuzzy", _disability_extra(k))
    illness = combined.illness_of(k)
    disability = combined.read_disability(k)
    if illness is None and disability.kind and disability.grade:
        # 肢体四级, 视力二级: a kind with its grade names a disability even without 残.
        return WordingMatch("health", text, "残疾", "fuzzy", _disability_extra(k))
    if illness is None:
        return None
    return WordingMatch(
        "health", text, illness, "synonym", (("disease", combined.disease_text(text)),)
    )


def _disability_extra(k: str, skip: str = "") -> tuple[tuple[str, str], ...]:
    found = combined.read_disability(k)
    pairs = (("disability_kind", found.kind), ("disability_grade", found.grade))
    return tuple((name, part) for name, part in pairs if part and name != skip)


def _flag_answer(k: str) -> str | None:
    if k in _FLAG_WORDS:
        return _FLAG_WORDS[k]
    try:
        answer = parse_bool(k, FLAG_LIST)
    except LedgerError:
        return None
    return None if answer is None else FLAG_VALUES[0 if answer else 1]


def _partial(list_name: str, k: str, strict: bool) -> tuple[str | None, tuple[str, ...]]:
    """The one value the key or a derived key partly matches, else (None, every value it might be)."""
    candidates: list[str] = []
    for attempt in (k, *derived_keys(k)):
        hits = _partial_hits(list_name, attempt, strict)
        if len(hits) == 1:
            return hits[0], ()
        candidates.extend(hit for hit in hits if hit not in candidates)
    return None, _in_list_order(list_name, candidates)


def _partial_hits(list_name: str, k: str, strict: bool) -> list[str]:
    """Values one of whose spellings holds the key or is held in it; subsequences for loose lists."""
    if len(k) < 2 or k.isdigit():
        return []
    index = _index(list_name)
    no = negated(k)
    hits: list[str] = []
    for word, value in index.words:
        if value not in hits and negated(word) == no and (word in k or k in word):
            hits.append(value)
    if hits or strict or len(k) < 3:
        return hits
    # 交通运输业 → 交通运输、仓储和邮政业: a short form keeps the value's first character.
    for value_key, value in index.value_keys:
        if value_key[0] == k[0] and negated(value_key) == no and is_subsequence(k, value_key):
            hits.append(value)
    return hits


def _weakest(hows: Iterable[How]) -> How:
    weakest = max(hows, key=_STRENGTH.__getitem__)
    # A cell of several exact parts is still not the list's wording: it was split.
    return "synonym" if weakest == "exact" else weakest


def _in_list_order(list_name: str, values: Iterable[str | None]) -> tuple[str, ...]:
    wanted = set(values)
    return tuple(value for value in vocab.CHOICES[list_name] if value in wanted)
