"""The office vocabulary (ledger.vocabulary): mappings chosen once, used by every later import,
audited, refused to the 查看 role, read from and written to mapping files, carried by backups."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.errors import InvalidChoice, PermissionDenied
from models.services import ROLE_CLERK, ROLE_VIEWER, Actor, Ledger
from models.services.audit import AuditQuery
from models.services.imports import ImportRow
from models.wording import Matcher
from models.wording.mapping_file import MappingFileError


def test_set_list_replace_and_delete_are_audited(ledger: Ledger) -> None:
    ledger.vocabulary.set("main_cause", "收入低", "其他")
    ledger.vocabulary.set("secondary_causes", "因残", "无劳动能力")  # one list for both fields
    ledger.vocabulary.set("main_cause", "收入 低", "无劳动能力")  # the same wording, spaced
    rows = ledger.vocabulary.rows()
    assert sorted((r.list_name, r.wording, r.value) for r in rows) == [
        ("main_cause", "因残", "无劳动能力"),
        ("main_cause", "收入 低", "无劳动能力"),
    ]
    assert ledger.vocabulary.mappings()[("main_cause", "因残")] == "无劳动能力"
    ledger.vocabulary.set("industry", "不详", None)  # "leave blank" is a mapping too
    ledger.vocabulary.delete("main_cause", "因残")
    assert ("main_cause", "因残") not in ledger.vocabulary.mappings()
    trail = ledger.audit.rows(ledger.audit.search_ids(AuditQuery(entity="office_vocabulary")))
    assert len(trail) == 5
    assert {tuple(r.changes["value"]) for r in trail} >= {("其他", "无劳动能力"), (None, None)}


def test_values_must_be_of_their_list(ledger: Ledger) -> None:
    with pytest.raises(InvalidChoice) as caught:
        ledger.vocabulary.set("industry", "运输", "运输业")
    assert "交通运输、仓储和邮政业" in caught.value.message
    assert ledger.vocabulary.rows() == []


def test_only_roles_that_import_may_change_it(ledger: Ledger) -> None:
    viewer = ledger.as_actor(Actor("查看员", "viewer", ROLE_VIEWER))
    with pytest.raises(PermissionDenied):
        viewer.vocabulary.set("main_cause", "因病", "患重特大疾病")
    clerk = ledger.as_actor(Actor("录入员甲", "clerk", ROLE_CLERK))
    clerk.vocabulary.set("main_cause", "因残", "无劳动能力")
    assert viewer.vocabulary.rows()[0].created_by == "录入员甲"  # reading is open to all


def test_the_matcher_reads_with_it_and_this_runs_choices_win(ledger: Ledger) -> None:
    ledger.vocabulary.set("hardship_class", "特别困难", "相对困难")
    saved = Matcher(ledger.vocabulary.office()).match("hardship_class", "特别困难")
    assert (saved.value, saved.how) == ("相对困难", "office")
    chosen = ledger.vocabulary.office({("hardship_class", "特别困难"): "深度困难"})
    assert Matcher(chosen).match("hardship_class", "特别困难").value == "深度困难"


def test_mapping_files_round_trip_and_a_bad_line_applies_nothing(
    ledger: Ledger, tmp_path: Path
) -> None:
    good = tmp_path / "对应表.csv"
    good.write_text(
        "字段,原值,标准值\n致困原因,收入低,其他\n所属行业,搞运输的,交通运输、仓储和邮政业\n"
        "是否单亲,离异带孩,是\n所属行业,不详,（留空）\n",
        encoding="utf-8",  # without a BOM
    )
    assert ledger.vocabulary.import_csv(good) == 4
    assert ledger.vocabulary.mappings()[("yes_no", "离异带孩")] == "是"
    out = tmp_path / "导出.csv"
    assert ledger.vocabulary.export_csv(out) == 4
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel opens it in Chinese
    assert "所属行业,不详,（留空）" in out.read_text("utf-8-sig")
    bad = tmp_path / "错.csv"
    bad.write_text("字段,原值,标准值\n致困原因,因残,无劳动能力\n致困原因,因灾,天灾\n", "utf-8-sig")
    with pytest.raises(MappingFileError) as caught:
        ledger.vocabulary.import_csv(bad)
    assert "第3行" in caught.value.message and "天灾" in caught.value.message
    assert ("main_cause", "因残") not in ledger.vocabulary.mappings()


def test_an_import_saves_the_clerks_choices_only_when_it_is_real(ledger: Ledger) -> None:
    chosen = {("main_cause", "收入低"): "其他"}
    row = ImportRow("s", 2, {}, problems=[])  # a refused row: the choices are saved regardless
    ledger.imports.apply("households", [row], file_name="a.xlsx", dry_run=True, vocabulary=chosen)
    assert ledger.vocabulary.mappings() == {}
    result = ledger.imports.apply("households", [], file_name="a.xlsx", vocabulary=chosen)
    assert result.vocabulary_saved == 1
    assert ledger.vocabulary.mappings() == chosen


@pytest.mark.sqlite_only
def test_a_restored_backup_brings_the_vocabulary_back(ledger: Ledger) -> None:
    ledger.vocabulary.set("main_cause", "收入低", "其他")
    snap = ledger.maintenance.backup()
    ledger.vocabulary.delete("main_cause", "收入低")
    ledger.vocabulary.set("industry", "不详", None)
    ledger.maintenance.restore(snap)
    assert ledger.vocabulary.mappings() == {("main_cause", "收入低"): "其他"}
