"""服务阵地, 驿站 and 活动台账 screens through real widgets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PIL import Image

from PySide6.QtCore import Qt

from desktop.screens.activities import ActivitiesScreen
from desktop.screens.stations import StationsScreen
from tests.desktop.helpers import type_text


def pick(form: Any, field: str, value: Any) -> None:
    box = form.widgets[field]
    box.setCurrentIndex(box.findData(value) if not box.isEditable() else box.findText(value))


def test_rest_stop_form_shows_its_fields_and_kit_warning(qtbot: Any, seeded: Any) -> None:
    screen = StationsScreen(seeded, rest_stops=True)
    qtbot.addWidget(screen)
    screen.show()
    assert screen.model.shown() == 1  # only the rest stop, not the book house
    dialog = screen.new_station()
    form = dialog.form
    assert form.raw("station_type") == "户外劳动者服务站点"
    assert form.widgets["books"].isHidden() and form.widgets["facilities"].isVisibleTo(dialog)
    type_text(qtbot, form.widgets["name"], "加油站爱心驿站")
    pick(form, "township", "东城街道")
    form.widgets["facilities"].boxes["饮水"].setChecked(True)
    assert "还缺" in form.kit_hint.text() and "应急药箱" in form.kit_hint.text()
    for item in ("休息桌椅", "热饭(微波炉)", "应急药箱", "空调/风扇"):
        form.widgets["facilities"].boxes[item].setChecked(True)
    assert form.kit_hint.text() == "标准配置齐全。"
    form.widgets["area"].setText("十二")
    form.validate_field("area")
    assert form.error_text("area")
    form.widgets["area"].setText("15")
    assert dialog.save()
    qtbot.waitUntil(lambda: screen.model.shown() == 2)
    row = seeded.ledger.stations.rows(screen.model.ids)
    assert {r.name for r in row} == {"城关环卫驿站", "加油站爱心驿站"}


def test_station_type_switches_extra_fields(qtbot: Any, seeded: Any, answers: Any) -> None:
    screen = StationsScreen(seeded)
    qtbot.addWidget(screen)
    screen.show()
    assert screen.model.shown() == 2  # every type but rest stops
    dialog = screen.new_station()
    form = dialog.form
    pick(form, "station_type", "职工书屋")
    assert form.widgets["books"].isVisibleTo(dialog) and not form.widgets["facilities"].isVisibleTo(
        dialog
    )
    pick(form, "station_type", "爱心妈妈小屋(母婴室)")
    assert form.widgets["nursing_grade"].isVisibleTo(dialog) and not form.widgets[
        "books"
    ].isVisibleTo(dialog)
    answers.three = [1]
    dialog.reject()
    kind = screen.list.filter_boxes["kind_filter"]
    kind.setCurrentIndex(kind.findData("职工书屋"))
    assert screen.model.shown() == 1


def test_monthly_usage_grid_checks_then_saves(qtbot: Any, seeded: Any, answers: Any) -> None:
    screen = StationsScreen(seeded, rest_stops=True)
    qtbot.addWidget(screen)
    screen.show()
    dialog = screen.open_station(screen.model.id_at(0))
    grid = dialog.tabs.widget(1)
    grid.year.setValue(2024)
    grid.table.item(0, 0).setText("1200")
    grid.table.item(1, 0).setText("三百")
    assert not grid.save()
    assert "2月" in grid.message.text()
    assert seeded.ledger.stations.usage(screen.model.id_at(0), 2024) == []  # nothing half-saved
    grid.table.item(1, 0).setText("300")
    assert grid.save()
    assert [u.visits for u in seeded.ledger.stations.usage(screen.model.id_at(0), 2024)] == [
        1200,
        300,
    ]
    assert "1,500" in grid.total.text()
    dialog.reject()


def test_activity_category_figures_photos_and_flag(
    qtbot: Any, seeded: Any, tmp_path: Path, answers: Any
) -> None:
    screen = ActivitiesScreen(seeded)
    qtbot.addWidget(screen)
    screen.show()
    dialog = screen.new_activity()
    form = dialog.form
    type_text(qtbot, form.widgets["name"], "新建工会集中行动")
    pick(form, "category", "建会入会")
    assert form.widgets["new_unions"].isVisibleTo(dialog) and not form.widgets["cases"].isVisibleTo(
        dialog
    )
    form.widgets["start_date"].set_value(dt.date(2024, 6, 1))
    form.widgets["new_members"].setText("50")
    form.widgets["new_migrant_members"].setText("80")
    assert not dialog.save()
    assert "农民工会员" in form.banner.text()
    form.widgets["new_migrant_members"].setText("30")
    form.widgets["include_in_summary"].setChecked(True)
    assert dialog.save()
    row = dialog.result_row
    assert row.new_members == 50 and row.include_in_summary and row.cases is None
    # photos: copied into the data folder and shown as a thumbnail with the caption
    image = tmp_path / "合影.jpg"
    Image.new("RGB", (640, 480), "red").save(image)
    screen.ensure_loaded()
    edit = screen.open_activity(row.id)
    strip = edit.tabs.widget(1)
    assert strip.add(str(image), "新会员合影")
    assert strip.list.count() == 1 and strip.list.item(0).text() == "新会员合影"
    assert not strip.list.item(0).icon().isNull()
    broken = tmp_path / "坏图.jpg"
    broken.write_bytes(b"not an image")
    assert not strip.add(str(broken), "x")
    assert "无法识别为图片" in answers.texts()
    edit.reject()
    # the flag filter
    flag = screen.list.filter_boxes["flag"]
    flag.setCurrentIndex(flag.findData(True))
    assert screen.model.shown() == 1


def test_activity_search(qtbot: Any, seeded: Any) -> None:
    screen = ActivitiesScreen(seeded)
    qtbot.addWidget(screen)
    screen.show()
    type_text(qtbot, screen.list.search, "农民工")
    qtbot.waitUntil(lambda: screen.model.shown() == 1)


def _usage_dialog(qtbot: Any, seeded: Any) -> tuple[Any, Any, int]:
    screen = StationsScreen(seeded, rest_stops=True)
    qtbot.addWidget(screen)
    screen.show()
    station_id = screen.model.id_at(0)
    dialog = screen.open_station(station_id)
    grid = dialog.tabs.widget(1)
    grid.year.setValue(2024)
    return dialog, grid, station_id


def test_dialog_save_keeps_typed_usage(qtbot: Any, seeded: Any, answers: Any) -> None:
    dialog, grid, station_id = _usage_dialog(qtbot, seeded)
    grid.table.item(2, 0).setText("450")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(grid.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [(u.month, u.visits) for u in seeded.ledger.stations.usage(station_id, 2024)] == [
        (3, 450)
    ]
    assert not dialog.isVisible()


def test_dialog_save_refuses_bad_usage_and_stays_open(
    qtbot: Any, seeded: Any, answers: Any
) -> None:
    dialog, grid, station_id = _usage_dialog(qtbot, seeded)
    grid.table.item(0, 0).setText("一百")
    assert not dialog.save()
    assert dialog.isVisible() and dialog.tabs.currentWidget() is grid
    assert "1月" in grid.message.text()
    assert seeded.ledger.stations.usage(station_id, 2024) == []
    answers.three = [1]
    dialog.reject()


def test_cancel_and_escape_ask_about_unsaved_usage(qtbot: Any, seeded: Any, answers: Any) -> None:
    dialog, grid, station_id = _usage_dialog(qtbot, seeded)
    grid.table.item(4, 0).setText("80")
    answers.three = [2]  # 继续编辑
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and "尚未保存" in answers.texts()
    answers.three = [0]  # 保存
    dialog.reject()
    assert [(u.month, u.visits) for u in seeded.ledger.stations.usage(station_id, 2024)] == [
        (5, 80)
    ]
    assert not dialog.isVisible()


def test_changing_year_asks_about_unsaved_usage(qtbot: Any, seeded: Any, answers: Any) -> None:
    dialog, grid, station_id = _usage_dialog(qtbot, seeded)
    grid.table.item(5, 0).setText("66")
    answers.three = [2]  # 继续编辑: stay on 2024 with the figure
    grid.year.setValue(2023)
    assert grid.year.value() == 2024 and grid.table.item(5, 0).text() == "66"
    answers.three = [0]  # 保存, then show 2023
    grid.year.setValue(2023)
    assert grid.year.value() == 2023
    assert [(u.month, u.visits) for u in seeded.ledger.stations.usage(station_id, 2024)] == [
        (6, 66)
    ]
    assert answers.texts().count("尚未保存") == 2
    dialog.reject()


def test_delete_key_moves_an_activity_to_the_bin(qtbot: Any, seeded: Any, answers: Any) -> None:
    screen = ActivitiesScreen(seeded)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.model.shown() == 2)
    target = screen.model.id_at(0)
    name = seeded.ledger.activities.get(target).name
    screen.list.select_id(target)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    screen.list.table.setFocus()
    qtbot.keyClick(screen.list.table, Qt.Key.Key_Delete)
    assert name in answers.texts()  # the confirmation names the record
    assert seeded.ledger.activities.count() == 2  # 取消: nothing deleted
    answers.ask.append(True)
    qtbot.keyClick(screen.list.table, Qt.Key.Key_Delete)
    assert seeded.ledger.activities.count() == 1
    qtbot.waitUntil(lambda: screen.model.shown() == 1)
    assert [i.record_id for i in seeded.ledger.recycle.items("activities")] == [target]


def test_every_list_offers_delete_in_its_menu(qtbot: Any, seeded: Any) -> None:
    for screen in (ActivitiesScreen(seeded), StationsScreen(seeded)):
        qtbot.addWidget(screen)
        screen.show()
        qtbot.waitUntil(lambda s=screen: s.model.shown() > 0)
        screen.list.select_id(screen.model.id_at(0))
        assert "删除…" in [a.text() for a in screen.list.build_context_menu().actions()]


def test_deleting_several_stations_names_them_and_deletes_all(
    qtbot: Any, seeded: Any, answers: Any
) -> None:
    screen = StationsScreen(seeded)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.model.shown() == 2)
    ids = [screen.model.id_at(0), screen.model.id_at(1)]
    answers.ask.append(True)
    screen.delete_selected(ids)
    assert "东城职工书屋" in answers.texts() and "县职工服务中心" in answers.texts()
    assert seeded.ledger.stations.count() == 1


def test_delete_confirmation_defaults_to_cancel(qtbot: Any) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop import dialogs
    from tests.desktop.helpers import when_modal

    seen: list[str] = []

    def answer(box: Any) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.defaultButton().text())
        box.defaultButton().click()

    when_modal(answer)
    assert not dialogs.ask(None, "删除", "把活动“x”移入回收站？", yes="删除", no="取消", safe=True)
    assert seen == ["取消"]


def test_enter_in_the_usage_grid_moves_to_the_next_month(
    qtbot: Any, seeded: Any, answers: Any
) -> None:
    dialog, grid, _ = _usage_dialog(qtbot, seeded)
    dialog.tabs.setCurrentWidget(grid)
    grid.table.setCurrentCell(0, 0)
    grid.table.setFocus()
    qtbot.keyClick(grid.table, Qt.Key.Key_Return)
    assert (grid.table.currentRow(), grid.table.currentColumn()) == (1, 0)
    answers.three = [1]
    dialog.reject()


def test_list_headers_are_not_cut(qtbot: Any, seeded: Any) -> None:
    from PySide6.QtGui import QFontMetrics

    for screen in (StationsScreen(seeded, rest_stops=True), ActivitiesScreen(seeded)):
        qtbot.addWidget(screen)
        screen.show()
        header = screen.list.table.horizontalHeader()
        metrics = QFontMetrics(header.font())
        for i, column in enumerate(screen.model.columns[:-1]):  # the last one stretches
            needed = metrics.horizontalAdvance(column.header) + 20  # margins and the sort arrow
            assert header.sectionSize(i) >= needed, (column.header, header.sectionSize(i), needed)


def test_enter_after_typing_a_figure_moves_to_the_next_month(
    qtbot: Any, seeded: Any, answers: Any
) -> None:
    from PySide6.QtWidgets import QApplication

    dialog, grid, _ = _usage_dialog(qtbot, seeded)
    dialog.tabs.setCurrentWidget(grid)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    grid.table.setCurrentCell(2, 0)
    grid.table.editItem(grid.table.item(2, 0))
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "300")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert grid.table.item(2, 0).text() == "300"
    assert (grid.table.currentRow(), grid.table.currentColumn()) == (3, 0)
    answers.three = [1]
    dialog.reject()
