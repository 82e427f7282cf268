"""Matching how a sheet words a value to the app's value lists, for forms, importer and CLI.

    from models.wording import Matcher
    matcher = Matcher(office_mappings)            # once per import / form / CLI run
    found = matcher.match("industry", "交通运输业")  # WordingMatch(value=…, how="fuzzy", …)
    causes = matcher.match_causes("因病、因学")      # main 患重特大疾病, secondary (子女上学,)

`how` says how the value was reached: exact, synonym (researched tables in
`models.wording.synonyms` and `models.vocab.VARIANTS`), office (the office's saved vocabulary,
which wins over synonyms), fuzzy (prefix, containment, a split combined cell), other (the list's
其他) or unmatched (blank; for a strict list the row is refused naming `candidates`).
"""

from models.wording.combined import is_head_relation
from models.wording.matcher import (
    FLAG_LIST,
    STRICT_LISTS,
    CauseMatch,
    How,
    Matcher,
    OfficeVocabulary,
    WordingMatch,
    is_strict,
    office_list,
)

__all__ = [
    "FLAG_LIST",
    "STRICT_LISTS",
    "CauseMatch",
    "How",
    "Matcher",
    "OfficeVocabulary",
    "WordingMatch",
    "is_head_relation",
    "is_strict",
    "office_list",
]
