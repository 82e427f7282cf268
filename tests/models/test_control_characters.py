"""Control characters (NUL and the like) never reach the database, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
import unicodedata

import xlsxwriter
from hypothesis import given
from hypothesis import strategies as st

from models.services import HouseholdQuery
from models.validation import clean_text, normalize_id_number, parse_choice
from reports.excel.error_workbook import write_error_workbook
from reports.excel.parse import parse_workbook
from reports.excel.reading import open_workbook
from tests.models.factories import household_values, id_number

C0 = [chr(c) for c in range(0x20)] + ["\x7f"]
C1 = [chr(c) for c in range(0x80, 0xA0)]
LONE_SURROGATE = "\ud800"


def invisible(text: str, *, keep: str = "") -> list[str]:
    """Characters Unicode calls control (Cc) or surrogate (Cs), other than those in `keep`."""
    return [c for c in text if unicodedata.category(c) in ("Cc", "Cs") and c not in keep]


@given(
    st.text(
        st.one_of(
            st.characters(codec="utf-8"),
            st.sampled_from([*C0, *C1, LONE_SURROGATE, "\u3000", "\u00a0"]),
        ),
        max_size=40,
    )
)
def test_no_control_character_survives_cleaning(raw: str) -> None:
    assert invisible(clean_text(raw, "address") or "") == []
    assert invisible(clean_text(raw, "remarks", multiline=True) or "", keep="\n") == []


def test_controls_are_removed_tab_and_line_breaks_are_kept_as_spacing() -> None:
    assert clean_text("张\x00建\x07国", "name") == "张建国"
    assert clean_text("\x00", "name") is None  # nothing visible: blank, as an empty cell
    assert clean_text("幸福路\t1号\x1f", "address") == "幸福路 1号"
    assert clean_text("第一行\x00\r\n第二行\x08", "remarks", multiline=True) == "第一行\n第二行"
    assert clean_text("a\x0bb", "remarks", multiline=True) == "a\nb"  # Word's soft line break


def test_controls_inside_numbers_and_choices_are_ignored() -> None:
    number = id_number()
    assert normalize_id_number(number[:6] + "\x00" + number[6:]) == number
    assert parse_choice("gender", "男\x00") == "男"


def test_services_store_no_control_character(ledger) -> None:
    h = ledger.households.create(
        household_values(
            name="张\x00建国", address="幸福路\x001号", remarks="第一行\x00\n第二行\x07"
        )
    )
    stored = ledger.households.get(h.id)
    assert (stored.name, stored.address, stored.remarks) == (
        "张建国",
        "幸福路1号",
        "第一行\n第二行",
    )
    assert ledger.households.search_ids(HouseholdQuery(text="张\x00建")) == [h.id]
    ledger.households.change_status(h.id, "销档", date=dt.date.today(), reason="重复\x00建档")
    assert ledger.households.detail(h.id).history[-1].reason == "重复建档"
    station = ledger.stations.create(
        {"name": "城关\x00驿站", "station_type": "户外劳动者服务站点", "township": "城关镇",
         "honors": "先进\x00单位"}
    )  # fmt: skip
    assert (station.name, station.honors) == ("城关驿站", "先进单位")
    ledger.settings.set_org_name("某某县\x00总工会")
    assert ledger.settings.org_name == "某某县总工会"


def test_summary_edits_and_account_names_store_no_control_character(ledger) -> None:
    (paragraph,) = ledger.drafts.sync(2025, None, [("综述", "opening", "2025年，县总工会……")])
    edited = ledger.drafts.edit(paragraph.id, "自己\x00写的\n一段话。\x07")
    assert edited.edited_text == "自己写的\n一段话。"
    account = ledger.accounts.add("admin", "王\x00五", "管理员", "管理员的密码456")
    assert account.display_name == "王五"


def test_a_workbook_cell_with_nul_imports_the_same_on_every_backend(ledger, tmp_path) -> None:
    path = tmp_path / "名单.xlsx"
    person = id_number()
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("城关镇")
    rows = [
        ["姓名", "身份证号码", "所在乡镇", "困难类别", "主要致困原因", "家庭住址", "备注"],
        ["李\x00四", person[:4] + "\x00" + person[4:], "城关镇", "深度困难", "患重特大疾病",
         "幸福路\x001号", "说明\x00\x01"],
        ["王\x00五", id_number(), "城关镇", "特别\x00困难", "患重特大疾病", None, None],
    ]  # fmt: skip
    for number, cells in enumerate(rows):
        sheet.write_row(number, 0, cells)  # XlsxWriter writes NUL as _x0000_, as Excel does
    book.close()
    with open_workbook(path) as opened:
        parsed = parse_workbook("households", opened)
        result = ledger.imports.apply("households", parsed.rows, file_name=path.name)
    assert result.inserted == 1 and len(result.rejected) == 1, [r.message for r in result.rejected]
    stored = ledger.households.active_by_id_number(person)
    assert (stored.name, stored.address, stored.remarks) == ("李四", "幸福路1号", "说明")
    assert write_error_workbook(tmp_path / "错误.xlsx", result.rejected, parsed.headers) == 1
