"""待办核查: the lists with their counts, 核查 of a selection through the dialog, a follow-up that
finds 已返困 offering the 返困, duplicate pairs side by side, and the dashboard's counts opening
the list they count."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.screens.review_dialogs import ReviewDialog
from desktop.screens.reviews import ReviewsScreen
from models.services import HouseholdQuery
from models.validation import build_id_number
from tests.desktop.helpers import type_text, wait_tasks, when_modal
from tests.models.factories import household_values

D = dt.date


def _file(ledger: Any, name: str, township: str = "城关镇", **extra: Any) -> int:
    values = household_values(name=name, township=township, **extra)
    return ledger.households.create(values).id


def _open(qtbot: Any, window: Any, key: str) -> ReviewsScreen:
    screen = window.show_screen("reviews")
    wait_tasks(qtbot)
    keys = [
        screen.lists.item(r).data(Qt.ItemDataRole.UserRole) for r in range(screen.lists.count())
    ]
    screen.lists.setCurrentRow(keys.index(key))
    return screen


def _select(table: Any, *rows: int) -> None:
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    table.clearSelection()
    for r in rows:
        table.selectionModel().select(table.model().index(r, 0), flags)


def _column(table: Any, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_bulk_review_through_the_dialog(qtbot: Any, window: Any) -> None:
    ledger = window.ctx.ledger
    ledger.settings.set_townships(["城关镇", "东城街道"])
    for name in ("李秀英", "王建华", "赵德胜"):
        _file(ledger, name)
    screen = _open(qtbot, window, "not_reviewed_12m")
    assert screen.lists.currentItem().text() == "超过12个月未核查（3）"
    assert "李秀英" in _column(screen.entries, 1)
    assert all("********" in t for t in _column(screen.entries, 2))  # masked by default
    _select(screen.entries, 0, 1)
    assert screen.review_button.text() == "核查所选（2户）…"

    def fill(dialog: Any) -> None:
        assert isinstance(dialog, ReviewDialog)
        dialog.reviewer.clear()
        type_text(qtbot, dialog.reviewer, "陈玉兰")
        dialog.result.setCurrentText("已更新档案")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    when_modal(fill)
    assert screen.review_selected() == 2
    wait_tasks(qtbot)
    qtbot.waitUntil(lambda: screen.lists.currentItem().text() == "超过12个月未核查（1）")
    everyone = ledger.households.rows(ledger.households.search_ids(HouseholdQuery()))
    reviewed = [h for h in everyone if h.reviewed_date]
    assert len(reviewed) == 2
    assert {r.reviewer for h in reviewed for r in ledger.reviews.reviews(h.id)} == {"陈玉兰"}


def test_follow_up_finding_return_offers_the_return(qtbot: Any, window: Any, answers: Any) -> None:
    ledger = window.ctx.ledger
    ledger.settings.set_townships(["城关镇"])
    hid = _file(ledger, "刘桂芳")
    ledger.households.change_status(hid, "脱困", date="2026-01-05", reason="再就业",
                                    route="就业创业")  # fmt: skip
    screen = _open(qtbot, window, "follow_up_due")
    screen.as_of.setDate(QDate(2026, 4, 6))
    wait_tasks(qtbot)
    assert _column(screen.entries, 0) == [ledger.households.get(hid).file_no]
    assert screen.entries.item(0, 7).text() == "2026年1月5日脱困，第1次回访（3个月）到期"
    _select(screen.entries, 0)
    assert screen.follow_button.isVisible() and screen.follow_button.isEnabled()
    answers.ask.append(True)
    assert screen.follow_up_selected(
        {"date": D(2026, 4, 6), "way": "入户", "result": "已返困", "note": "配偶住院"}
    )
    assert "办理返困" in answers.texts()
    assert ledger.households.get(hid).status == "在档"
    assert ledger.households.detail(hid).history[-1].reason == "防返困回访发现已返困：配偶住院"


def test_duplicate_pair_side_by_side_and_not_the_same_person(
    qtbot: Any, window: Any, answers: Any
) -> None:
    ledger = window.ctx.ledger
    ledger.settings.set_townships(["城关镇", "东城街道"])
    born = D(1975, 4, 12)
    _file(ledger, "张伟", id_number=build_id_number("411602", born, 211), phone="13907551234")
    _file(ledger, "张玮", "东城街道", id_number=build_id_number("411621", born, 301),
          phone="13907551234")  # fmt: skip
    screen = _open(qtbot, window, "possible_duplicates")
    assert screen.pages.currentIndex() == 1 and screen.pairs.rowCount() == 1
    assert screen.pairs.item(0, 6).text() == "姓名同音，出生日期相同，电话相同"
    rows = {screen.compare.item(r, 0).text(): r for r in range(screen.compare.rowCount())}
    assert screen.compare.item(rows["出生日期"], 3).text() == "相同"
    assert screen.compare.item(rows["电话"], 3).text() == "相同"
    assert screen.compare.item(rows["姓名"], 3).text() == "不同"
    assert "****" in screen.compare.item(rows["电话"], 1).text()
    assert screen.mark_not_same()
    wait_tasks(qtbot)
    qtbot.waitUntil(lambda: screen.pairs.rowCount() == 0)
    assert screen.lists.currentItem().text() == "疑似重复建档（0）"


def test_closing_one_file_of_a_pair(qtbot: Any, window: Any, answers: Any) -> None:
    ledger = window.ctx.ledger
    ledger.settings.set_townships(["城关镇", "东城街道"])
    a = _file(ledger, "李秀英", id_number=build_id_number("411621", D(1968, 3, 14), 123))
    b = _file(ledger, "李秀英", "东城街道",
              id_number=build_id_number("411621", D(1968, 3, 14), 128))  # fmt: skip
    screen = _open(qtbot, window, "possible_duplicates")
    answers.ask.append(True)
    assert screen.close_duplicate(1)
    assert "重复建档" in answers.texts()
    closed = [h for h in (ledger.households.get(a), ledger.households.get(b))
              if h.status == "已销档"]  # fmt: skip
    assert len(closed) == 1
    wait_tasks(qtbot)
    qtbot.waitUntil(lambda: screen.pairs.rowCount() == 0)


def test_dashboard_counts_open_their_list(qtbot: Any, window: Any) -> None:
    ledger = window.ctx.ledger
    ledger.settings.set_townships(["城关镇"])
    _file(ledger, "孙玉兰")
    dashboard = window.show_screen("dashboard")
    wait_tasks(qtbot)
    button = dashboard.todo["never_assisted"]
    qtbot.waitUntil(lambda: button.text() == "从未帮扶 1")
    button.click()
    wait_tasks(qtbot)
    assert window.current_key() == "reviews"
    screen = window.screens["reviews"]
    qtbot.waitUntil(lambda: screen.current_list() == "never_assisted")
    assert _column(screen.entries, 1) == ["孙玉兰"]


def test_a_viewer_cannot_review(qtbot: Any, window: Any) -> None:
    from models.services import Actor

    ledger = window.ctx.ledger
    ledger.settings.set_townships(["城关镇"])
    _file(ledger, "周志刚")
    window.ctx.ledger = ledger.as_actor(Actor(name="查看员", role="查看"))
    screen = _open(qtbot, window, "not_reviewed_12m")
    _select(screen.entries, 0)
    assert not screen.review_button.isEnabled()
    assert screen.review_selected({"date": D(2026, 1, 1), "reviewer": "x",
                                   "result": "情况属实"}) == 0  # fmt: skip


def test_settings_keep_follow_up_months_and_the_yearly_limit(
    qtbot: Any, window: Any, answers: Any
) -> None:
    screen = window.show_screen("settings")
    assert screen.follow_up_months.text() == "3、6、12"  # the default
    screen.follow_up_months.setText("3，6，12，24")
    screen.aid_limit.setText("8000")
    assert screen.save_review_settings()
    reviews = window.ctx.ledger.reviews
    assert reviews.follow_up_months() == (3, 6, 12, 24)
    assert str(reviews.yearly_aid_limit()) == "8000.00"
    screen.follow_up_months.setText("三个月")
    screen.aid_limit.setText("")
    assert not screen.save_review_settings()
    assert "防返困回访间隔" in answers.texts()
    assert str(reviews.yearly_aid_limit()) == "8000.00"  # neither was kept


def test_the_household_file_lists_its_reviews_and_follow_ups(
    qtbot: Any, window: Any, answers: Any
) -> None:
    ledger = window.ctx.ledger
    ledger.settings.set_townships(["城关镇"])
    hid = _file(ledger, "吴淑华")
    window.open_household(hid)
    view = window.file_views[hid]
    assert view.record_review({"date": D(2026, 1, 8), "reviewer": "刘建国",
                               "result": "情况属实", "note": "入户核实"})  # fmt: skip
    assert not view.record_follow_up({"date": D(2026, 1, 9), "way": "电话", "result": "稳定",
                                      "note": ""})  # fmt: skip
    assert "已脱困" in answers.texts()  # a file on 在档 gets no follow-up, and is told why
    ledger.households.change_status(hid, "脱困", date="2026-01-10", reason="再就业",
                                    route="就业创业")  # fmt: skip
    view.reload()
    assert view.record_follow_up({"date": D(2026, 4, 10), "way": "电话", "result": "稳定",
                                  "note": ""})  # fmt: skip
    qtbot.waitUntil(lambda: view.checks.rowCount() == 2)
    assert view.tabs.tabText(5) == "核查与回访（2）"
    assert [view.checks.item(r, 1).text() for r in range(2)] == ["防返困回访", "核查"]
    assert view.checks.item(1, 2).text() == "刘建国"
    view.close()


def test_merging_one_file_of_a_pair_into_the_other(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop import dialogs

    ledger = window.ctx.ledger
    ledger.settings.set_townships(["城关镇", "东城街道"])
    a = _file(ledger, "李秀英", id_number=build_id_number("411621", D(1968, 3, 14), 123))
    b = _file(ledger, "李秀英", "东城街道",
              id_number=build_id_number("411621", D(1968, 3, 14), 128))  # fmt: skip
    ledger.households.add_assistance(b, {"date": "2025-12-20", "category": "送温暖慰问",
                                         "cash": "800", "funding_source": "本级工会经费"})  # fmt: skip
    asked: list[tuple[str, dict[str, Any]]] = []
    replies = [False, True]

    def ask(parent: Any, title: str, text: str, **kw: Any) -> bool:
        asked.append((text, kw))
        return replies.pop(0)

    monkeypatch.setattr(dialogs, "ask", ask)
    screen = _open(qtbot, window, "possible_duplicates")
    pair = screen.selected_pair()
    close = pair.b if pair.b.household_id == b else pair.a
    which = 1 if close is pair.b else 0
    assert not screen.merge_duplicate(which)  # 取消: nothing changes
    assert ledger.households.get(b).status == "在档"
    text, kw = asked[0]
    assert ledger.households.get(a).file_no in text and ledger.households.get(b).file_no in text
    assert kw.get("safe") is True and kw.get("no") == "取消"
    assert screen.merge_duplicate(which)
    assert ledger.households.get(b).status == "已销档"
    assert len(ledger.households.detail(a).assistance) == 1
    wait_tasks(qtbot)
    qtbot.waitUntil(lambda: screen.pairs.rowCount() == 0)
