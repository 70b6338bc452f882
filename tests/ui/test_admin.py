"""Volunteers run the stand from the admin screen; visitors never get in, nor out of the kiosk."""

from __future__ import annotations

import sqlite3
import time

import pytest
from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest

from kiosk.core.admin import hash_pin
from kiosk.core.signatures import prepare
from tests.conftest import anna, run_kiosk
from tests.ui.conftest import (
    centre,
    exists,
    find,
    next_frame,
    on_screen,
    pending_events,
    scroll_into_view,
    tap,
)

PIN = "482915"
PIN_HASH = hash_pin(PIN)


def admin_kiosk(make_kiosk, extra: str = "", language: str = "en", **kwargs):
    """A kiosk with a PIN set, its screens (and so its dashboard) in `language`."""
    return make_kiosk(f'[admin]\npin_hash = "{PIN_HASH}"\n' + extra, language=language, **kwargs)


def long_press_corner(qtbot, kiosk) -> None:
    corner = find(kiosk.window, "adminCorner")
    point = corner.mapToScene(corner.boundingRect().center()).toPoint()
    QTest.mousePress(kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    qtbot.waitUntil(lambda: kiosk.admin.asking, timeout=5000)
    QTest.mouseRelease(
        kiosk.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
    )


def type_pin(qtbot, kiosk, pin: str) -> None:
    for digit in pin:
        tap(kiosk.window, f"pin_{digit}")
    tap(kiosk.window, "pin_OK")
    qtbot.waitUntil(lambda: kiosk.admin.open or kiosk.admin.pinError != "", timeout=10000)


def test_a_long_press_and_the_right_pin_open_the_dashboard(make_kiosk, qtbot):
    kiosk = admin_kiosk(make_kiosk)
    short = find(kiosk.window, "adminCorner")
    tap(kiosk.window, short)  # a visitor's tap in the corner does nothing
    pending_events()
    assert not kiosk.admin.asking

    long_press_corner(qtbot, kiosk)
    type_pin(qtbot, kiosk, PIN)

    assert kiosk.admin.open
    assert find(kiosk.window, "adminScreen").isVisible()
    assert kiosk.admin.dashboard["today"] == 0 and kiosk.admin.dashboard["printMode"] == "immediate"


def test_wrong_pins_lock_out_and_a_restart_does_not_reset_it(make_kiosk, qtbot, tmp_path):
    kiosk = admin_kiosk(make_kiosk)
    long_press_corner(qtbot, kiosk)
    type_pin(qtbot, kiosk, "000000")
    assert find(kiosk.window, "pinMessage").property("text") == "Wrong PIN."
    type_pin(qtbot, kiosk, "111111")
    type_pin(qtbot, kiosk, "222222")
    assert "wait 30 s" in find(kiosk.window, "pinMessage").property("text")
    type_pin(qtbot, kiosk, PIN)  # even the right one waits now
    assert not kiosk.admin.open

    kiosk.close()
    again = admin_kiosk(make_kiosk)  # the kiosk restarted on the same database
    long_press_corner(qtbot, again)
    type_pin(qtbot, again, PIN)
    assert not again.admin.open and again.admin.lockedFor > 20


def open_admin(qtbot, kiosk) -> None:
    kiosk.admin.askPin()
    kiosk.admin.enter(PIN)
    qtbot.waitUntil(
        lambda: kiosk.admin.open and kiosk.admin.dashboard and exists(kiosk.window, "adminLock"),
        timeout=5000,
    )
    next_frame(qtbot, kiosk.window)


def record(kiosk, case, **changes) -> str:
    signature = prepare(anna(**changes), case, event_id="e", kiosk_id="k", language="de")
    kiosk.service.record(signature)
    return signature.uuid


def test_print_all_waiting_retry_and_cancel_act_on_the_real_queue(
    make_kiosk, qtbot, tmp_path, case
):
    kiosk = admin_kiosk(make_kiosk, '[printing]\nmode = "batch"\n')
    for name in ("Anna", "Ben"):
        record(kiosk, case, given_name=name)
    open_admin(qtbot, kiosk)
    assert "2 waiting" in find(kiosk.window, "adminLetters").property("text")

    tap(kiosk.window, "adminPrintPending")
    letters = tmp_path / "letters"
    qtbot.waitUntil(lambda: len(list(letters.glob("*.pdf"))) == 2, timeout=10000)

    store = kiosk.service.store
    qtbot.waitUntil(lambda: store.print_job_counts()["printed"] == 2, timeout=10000)
    job = store.print_jobs()[0]
    store.move_print_job(job.id, ("printed",), "failed", last_error="paper jam")
    tap(kiosk.window, "adminRetryFailed")
    qtbot.waitUntil(lambda: len(list(letters.glob("*.pdf"))) >= 2, timeout=5000)
    qtbot.waitUntil(lambda: store.print_job_counts()["printed"] == 2, timeout=10000)
    assert "1 letter(s) will be printed again" in kiosk.admin.message

    store.move_print_job(job.id, ("printed",), "failed", last_error="paper jam")
    tap(kiosk.window, "adminCancelFailed")
    assert store.print_job_counts()["cancelled"] == 1


def test_settings_apply_at_once_and_are_saved_with_comments(make_kiosk, qtbot, tmp_path):
    kiosk = admin_kiosk(make_kiosk)
    config = tmp_path / "config.toml"
    config.write_text("# the Bern stand\n" + config.read_text())
    open_admin(qtbot, kiosk)

    tap(kiosk.window, "adminMode_batch")
    tap(kiosk.window, "adminIdle_90")
    tap(kiosk.window, "adminLanguage_en")  # English no longer offered
    assert kiosk.session.offered == ["fr", "de"]
    assert [lang["code"] for lang in kiosk.session.languages] == ["fr", "de"]

    assert kiosk.printer.mode == "batch"
    assert kiosk.session.printMode == "batch"  # the preview's button follows
    assert kiosk.idle.settings.warning_after == 90
    text = config.read_text()
    assert text.startswith("# the Bern stand") and 'mode = "batch"' in text
    assert "warning_after = 90" in text
    assert 'offered = ["fr", "de"]' in text


def test_export_from_the_admin_screen_is_a_spreadsheet_that_keeps_postal_codes(
    make_kiosk, qtbot, tmp_path, case
):
    import openpyxl

    kiosk = admin_kiosk(make_kiosk)
    record(kiosk, case, postal_code="06000", town="Nice", country="FR")
    open_admin(qtbot, kiosk)
    usb = tmp_path / "usb"
    usb.mkdir()
    field = find(kiosk.window, "adminExportFolder")
    field.setProperty("text", str(usb))
    tap(kiosk.window, "adminExport")
    qtbot.waitUntil(lambda: "written to" in kiosk.admin.message, timeout=10000)
    [sheet_file] = usb.glob("signatures-*.xlsx")  # for a spreadsheet: CSV is for CRMs
    assert list(usb.glob("*-manifest.json"))
    sheet = openpyxl.load_workbook(sheet_file).active
    header = [cell.value for cell in sheet[1]]
    assert sheet.cell(2, header.index("postal_code") + 1).value == "06000"

    kiosk.admin.exportTo(str(tmp_path / "not-plugged-in"))
    qtbot.waitUntil(lambda: "does not exist" in kiosk.admin.message, timeout=10000)


def test_export_from_the_admin_screen_of_a_sealed_kiosk_carries_the_sealed_records(
    make_kiosk, qtbot, tmp_path, case
):
    import json

    from kiosk.core.privacy.keys import new_key_pair

    _, _, public = new_key_pair(tmp_path / "keys")
    sealed = f'[printing]\nmode = "off"\n[privacy]\npublic_key = "{public.text}"\n'
    kiosk = admin_kiosk(make_kiosk, sealed)
    uuid = record(kiosk, case, town="Nice", country="FR")
    open_admin(qtbot, kiosk)
    usb = tmp_path / "usb"
    usb.mkdir()
    find(kiosk.window, "adminExportFolder").setProperty("text", str(usb))
    tap(kiosk.window, "adminExport")
    qtbot.waitUntil(lambda: "written to" in kiosk.admin.message, timeout=10000)
    [export] = usb.glob("signatures-*.jsonl")  # for `kiosk decrypt`: no spreadsheet of blanks
    [line] = [json.loads(text) for text in export.read_text().splitlines()]
    assert (line["uuid"], line["town"]) == (uuid, "") and line["sealed"]


def test_sync_now_without_a_target_says_so(make_kiosk, qtbot):
    kiosk = admin_kiosk(make_kiosk)
    open_admin(qtbot, kiosk)
    tap(kiosk.window, "adminSyncNow")
    assert "No delivery is set up" in kiosk.admin.message


def test_escape_keys_do_nothing_and_the_window_does_not_close(make_kiosk, qtbot):
    kiosk = admin_kiosk(make_kiosk)
    kiosk.session.start()
    kiosk.session.chooseLanguage("en")
    on_screen(qtbot, kiosk, "story")
    for key, modifier in (
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    ):
        QTest.keyClick(kiosk.window, key, modifier)
    pending_events()
    assert kiosk.session.step == "story" and kiosk.window.isVisible()

    kiosk.window.setProperty("fullScreen", True)  # kiosk mode: closing is refused
    kiosk.window.close()
    pending_events()
    assert kiosk.window.isVisible()


def test_the_key_guard_eats_exactly_the_ways_out(make_kiosk):
    kiosk = admin_kiosk(make_kiosk)
    none, alt, ctrl = (
        Qt.KeyboardModifier.NoModifier,
        Qt.KeyboardModifier.AltModifier,
        Qt.KeyboardModifier.ControlModifier,
    )

    def eaten(key, modifier) -> bool:
        event = QKeyEvent(QEvent.Type.KeyPress, int(key.value), modifier)
        return kiosk.keys.eventFilter(kiosk.window, event)

    for key, modifier in (
        (Qt.Key.Key_Escape, none),
        (Qt.Key.Key_F11, none),
        (Qt.Key.Key_F4, alt),
        (Qt.Key.Key_Tab, alt),
        (Qt.Key.Key_Q, ctrl),
        (Qt.Key.Key_W, ctrl | Qt.KeyboardModifier.ShiftModifier),
    ):
        assert eaten(key, modifier), key
    for key, modifier in ((Qt.Key.Key_A, none), (Qt.Key.Key_Q, none), (Qt.Key.Key_F4, none)):
        assert not eaten(key, modifier), key  # typing a name is never swallowed
    assert not eaten(Qt.Key.Key_Tab, none)  # Tab moves between fields


def test_admin_mode_closes_itself_and_lock_returns_to_the_start(make_kiosk, qtbot):
    kiosk = admin_kiosk(make_kiosk)
    now = [time.monotonic()]
    kiosk.admin.clock = lambda: now[0]
    open_admin(qtbot, kiosk)
    now[0] += 121
    kiosk.admin.tick()
    assert not kiosk.admin.open and kiosk.session.step == "attract"

    open_admin(qtbot, kiosk)
    tap(kiosk.window, "adminLock")
    assert not kiosk.admin.open
    assert not find(kiosk.window, "adminScreen", visible=False).isVisible()


def test_entering_admin_forgets_the_visitor_at_the_screen(make_kiosk, qtbot):
    kiosk = admin_kiosk(make_kiosk)
    kiosk.session.start()
    kiosk.session.chooseLanguage("de")
    kiosk.session.sign()
    kiosk.session.setField("given_name", "Zebulon")
    open_admin(qtbot, kiosk)
    assert kiosk.session.fields["given_name"] == "" and kiosk.session.step == "attract"
    with sqlite3.connect(kiosk.service.store.path) as conn:
        assert conn.execute("SELECT count(*) FROM signatures").fetchone() == (0,)


def test_with_no_pin_set_the_long_press_says_to_ask_a_coordinator_and_opens_nothing(
    make_kiosk, qtbot, tmp_path
):
    kiosk = make_kiosk()  # no PIN in the config yet
    long_press_corner(qtbot, kiosk)
    assert find(kiosk.window, "pinCommand").property("text") == "kiosk admin set-pin"
    assert not exists(kiosk.window, "pin_1")  # nothing to type a PIN on
    for pin in ("739155", "739155"):  # what the old screen took as "choose, then confirm"
        kiosk.admin.enter(pin)
    assert not kiosk.admin.open
    assert "pin_hash" not in (tmp_path / "config.toml").read_text()


def test_the_long_press_message_is_in_the_screens_language(make_kiosk, qtbot):
    kiosk = make_kiosk()
    kiosk.session.start()
    kiosk.session.chooseLanguage("de")
    long_press_corner(qtbot, kiosk)
    assert "Koordinator" in find(kiosk.window, "pinMissing").property("text")


def test_a_pin_set_in_a_terminal_opens_the_running_kiosk_at_once(make_kiosk, qtbot, tmp_path):
    kiosk = make_kiosk()  # started with no PIN
    config = tmp_path / "config.toml"
    pin_file = tmp_path / "pin"
    pin_file.write_text(PIN)
    result = run_kiosk("admin", "set-pin", "--pin-file", str(pin_file), "--config", str(config))
    assert result.returncode == 0, result.stderr

    long_press_corner(qtbot, kiosk)
    assert not exists(kiosk.window, "pinMissing")
    type_pin(qtbot, kiosk, PIN)
    assert kiosk.admin.open


def test_a_pin_changed_in_a_terminal_replaces_the_old_one_at_once(make_kiosk, qtbot, tmp_path):
    kiosk = admin_kiosk(make_kiosk)
    config = tmp_path / "config.toml"
    pin_file = tmp_path / "pin"
    pin_file.write_text("739155")
    result = run_kiosk("admin", "set-pin", "--pin-file", str(pin_file), "--config", str(config))
    assert result.returncode == 0, result.stderr

    kiosk.admin.askPin()
    kiosk.admin.enter(PIN)  # the old PIN no longer opens
    assert not kiosk.admin.open
    kiosk.admin.enter("739155")
    assert kiosk.admin.open
    tap(kiosk.window, "adminMode_batch")  # a setting saved from the screen keeps the new PIN
    text = config.read_text()
    assert 'mode = "batch"' in text and PIN_HASH not in text
    kiosk.admin.lock()
    kiosk.admin.askPin()
    kiosk.admin.enter("739155")
    assert kiosk.admin.open


def test_quitting_from_the_dashboard_asks_first(make_kiosk, qtbot):
    kiosk = admin_kiosk(make_kiosk)
    open_admin(qtbot, kiosk)
    tap(kiosk.window, "adminQuit")
    dialog = find(kiosk.window, "adminQuitDialog")
    assert dialog.isVisible() and not kiosk.admin.quitAllowed
    for name in ("adminQuitConfirm", "adminQuitCancel"):
        assert find(kiosk.window, name).height() >= 56  # a finger's size

    tap(kiosk.window, "adminQuitCancel")
    assert not exists(kiosk.window, "adminQuitDialog") and kiosk.admin.open
    kiosk.admin.quit()  # without the question answered, nothing happens
    assert not kiosk.admin.quitAllowed

    tap(kiosk.window, "adminQuit")
    tap(kiosk.window, "adminQuitConfirm")
    assert kiosk.admin.quitAllowed


def test_a_test_page_from_the_dashboard_comes_out_of_a_real_cups_queue(
    make_kiosk, qtbot, pdf_printer
):
    name, output = pdf_printer
    kiosk = admin_kiosk(make_kiosk, f'[printing]\nprinter = "{name}"\n')
    open_admin(qtbot, kiosk)
    tap(kiosk.window, "adminTestPage")
    qtbot.waitUntil(lambda: "Test page printed" in kiosk.admin.message, timeout=30000)
    assert list(output.glob("*.pdf"))
    kiosk.admin.refresh()
    assert f"CUPS queue {name}" in find(kiosk.window, "adminPrinter").property("text")


def test_a_setting_saved_to_a_config_folder_that_cannot_be_written_says_not_saved(
    qapp, qtbot, small_disk, tmp_path
):
    import subprocess

    from kiosk.app import KioskService
    from kiosk.core.config import load_config
    from kiosk.ui.app import KioskApp
    from tests.ui.conftest import ready_for_a_touch, write_config

    config = write_config(small_disk, f'[admin]\npin_hash = "{PIN_HASH}"\n', "en")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    service = KioskService(load_config(config), tmp_path / "signatures.db")
    kiosk = KioskApp(service, fullscreen=False)
    try:
        ready_for_a_touch(qapp, kiosk.window)
        open_admin(qtbot, kiosk)
        tap(kiosk.window, "adminMode_batch")

        assert kiosk.admin.message.startswith("Not saved: the settings file cannot be written")
        assert "Errno" not in kiosk.admin.message  # the volunteer's words, not the system's
        assert kiosk.printer.mode == "immediate" and kiosk.session.printMode == "immediate"
        assert 'mode = "batch"' not in config.read_text()
        assert primary(kiosk, "adminMode_immediate") and not primary(kiosk, "adminMode_batch")
    finally:
        kiosk.close()
        service.close()


def test_the_dashboard_warns_of_a_clock_that_cannot_be_right(make_kiosk, qtbot):
    from datetime import UTC, datetime

    kiosk = admin_kiosk(make_kiosk)
    kiosk.admin.now = lambda: datetime(2036, 2, 7, 6, 28, tzinfo=UTC)
    open_admin(qtbot, kiosk)
    warning = find(kiosk.window, "adminClock").property("text")
    assert "2036-02-07" in warning and "timedatectl" in warning

    kiosk.admin.now = lambda: datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
    kiosk.admin.refresh()
    assert not exists(kiosk.window, "adminClock")


def primary(kiosk, name: str) -> bool:
    """Whether a dashboard button shows as chosen (the accent colour)."""
    return bool(find(kiosk.window, name).property("primary"))


def test_after_each_tap_the_settings_buttons_show_the_saved_value_without_refresh(
    make_kiosk, qtbot
):
    kiosk = admin_kiosk(make_kiosk)
    open_admin(qtbot, kiosk)
    idle = [f"adminIdle_{s}" for s in (30, 60, 90, 120)]
    languages = {code: f"adminLanguage_{code}" for code in ("fr", "de", "en")}

    def shown_as_saved() -> None:
        settings = kiosk.service.config.settings
        assert [primary(kiosk, n) for n in idle] == [
            n == f"adminIdle_{settings.idle.warning_after}" for n in idle
        ]
        assert {code: primary(kiosk, n) for code, n in languages.items()} == {
            code: code in settings.languages.offered for code in languages
        }
        assert primary(kiosk, f"adminMode_{settings.printing.mode}")

    # Single taps, two taps in a row on one button, back and forth, the default language itself.
    for name in (
        "adminIdle_90",
        "adminIdle_30",
        "adminIdle_30",
        "adminLanguage_en",
        "adminLanguage_en",
        "adminLanguage_fr",
        "adminIdle_120",
        "adminLanguage_de",
        "adminMode_batch",
        "adminLanguage_de",
        "adminLanguage_en",
        "adminMode_off",
        "adminIdle_60",
    ):
        tap(kiosk.window, name)
        shown_as_saved()
    assert kiosk.service.config.settings.languages.offered == ["de"]
    tap(kiosk.window, "adminLanguage_de")  # the last language offered is not taken away
    assert kiosk.service.config.settings.languages.offered == ["de"]
    shown_as_saved()


def scene_position(kiosk, name: str):
    """Where an item is on the screen, to the pixel (a list scrolled by a finger rests on whole
    pixels, one scrolled by a program may not)."""
    item = find(kiosk.window, name)
    return item.mapToScene(item.boundingRect().topLeft()).toPoint()


def test_a_message_on_the_dashboard_never_moves_the_buttons_under_the_finger(make_kiosk, qtbot):
    kiosk = admin_kiosk(make_kiosk)
    open_admin(qtbot, kiosk)
    assert kiosk.admin.message == ""
    names = ("adminRefresh", "adminLock", "adminMode_batch", "adminIdle_90", "adminSyncNow")
    scroll_into_view(find(kiosk.window, "adminIdle_90"))  # where the finger is about to tap
    before = {name: scene_position(kiosk, name) for name in names}

    tap(kiosk.window, "adminIdle_90")  # a short message: "Saved."
    assert kiosk.admin.message == "Saved."
    assert {name: scene_position(kiosk, name) for name in names} == before

    scroll_into_view(find(kiosk.window, "adminSyncNow"))
    before = {name: scene_position(kiosk, name) for name in names}
    tap(kiosk.window, "adminSyncNow")  # a long one, over two lines
    assert "No delivery is set up" in kiosk.admin.message
    assert {name: scene_position(kiosk, name) for name in names} == before
    message = find(kiosk.window, "adminMessage")
    assert message.property("truncated") is False  # all of it can be read


def texts_of(item) -> list[str]:
    from tests.ui.conftest import items

    return [
        child.property("text")
        for child in items(item)
        if child.isVisible() and isinstance(child.property("text"), str)
    ]


def test_on_a_german_screen_the_dashboard_and_its_messages_are_german(make_kiosk, qtbot):
    kiosk = admin_kiosk(make_kiosk, language="de")
    long_press_corner(qtbot, kiosk)
    pad = find(kiosk.window, "pinPad")
    assert "PIN der Freiwilligen" in texts_of(pad)
    assert find(kiosk.window, "pinCancel").property("text") == "Abbrechen"
    type_pin(qtbot, kiosk, "000000")
    assert find(kiosk.window, "pinMessage").property("text") == "Falsche PIN."
    type_pin(qtbot, kiosk, PIN)
    assert kiosk.admin.open

    shown = texts_of(find(kiosk.window, "adminScreen"))
    for heading in ("Fälle", "Briefe und Drucker", "Einstellungen der Veranstaltung", "Export"):
        assert heading in shown
    assert find(kiosk.window, "adminRefresh").property("text") == "Aktualisieren"
    assert find(kiosk.window, "adminLock").property("text") == "Sperren"
    assert find(kiosk.window, "adminMode_batch").property("text") == "Sammeln, später drucken"
    assert find(kiosk.window, "adminIdle_90").property("text") == "90 s"
    assert find(kiosk.window, "adminExport").property("text") == "Tabelle exportieren"
    assert "0 gedruckt" in find(kiosk.window, "adminLetters").property("text")

    tap(kiosk.window, "adminMode_batch")
    assert find(kiosk.window, "adminMessage").property("text") == "Gespeichert."
    tap(kiosk.window, "adminSyncNow")  # a refusal is told in German too
    assert kiosk.admin.message.startswith("Keine Übermittlung eingerichtet")
    tap(kiosk.window, "adminQuit")
    assert find(kiosk.window, "adminQuitCancel").property("text") == "Nein, weiterlaufen lassen"


def painted(text_item) -> QRectF:
    """Where a Text's letters may be on the screen: its own box, or wider where its words do not
    fit in it (a text that does not wrap runs out of its box, centred or not)."""
    width = max(text_item.width(), text_item.property("contentWidth"))
    height = max(text_item.height(), text_item.property("contentHeight"))
    left = (text_item.width() - width) / 2
    return text_item.mapRectToScene(QRectF(left, 0, width, height))


def texts_outside(qtbot, window, panel_name: str) -> list[str]:
    """The texts of a panel whose letters run outside it, as the next frame shows them."""
    from tests.ui.conftest import items

    with qtbot.waitSignal(window.frameSwapped, timeout=5000):
        window.update()  # a frame, so the layout has followed the last change
    panel = find(window, panel_name)
    box = panel.mapRectToScene(panel.boundingRect()).adjusted(-0.5, -0.5, 0.5, 0.5)
    return [
        item.property("text")
        for item in items(panel)
        if item.isVisible()
        and isinstance(item.property("text"), str)
        and item.property("contentWidth") is not None
        and not box.contains(painted(item))
    ]


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1280, 800), (800, 1280)])
@pytest.mark.parametrize("language", ["en", "de"])  # German: the longest words
def test_every_text_of_the_pin_pad_and_its_dialogs_stays_inside_its_box(
    make_kiosk, qtbot, size, language
):
    kiosk = make_kiosk(language=language)
    kiosk.window.resize(*size)
    long_press_corner(qtbot, kiosk)  # the no-PIN panel: its title ran outside it
    qtbot.waitUntil(lambda: exists(kiosk.window, "pinMissing"), timeout=5000)
    assert texts_outside(qtbot, kiosk.window, "pinPanel") == []

    kiosk.admin.cancelPin()
    kiosk.service.set_pin(PIN)  # as `kiosk admin set-pin` does
    long_press_corner(qtbot, kiosk)
    assert texts_outside(qtbot, kiosk.window, "pinPanel") == []
    for wrong in ("000000", "111111", "222222"):
        type_pin(qtbot, kiosk, wrong)
    assert kiosk.admin.lockedFor > 0  # the longest message the pad says
    assert texts_outside(qtbot, kiosk.window, "pinPanel") == []

    kiosk.admin.cancelPin()
    kiosk.admin.lockout.reset()
    open_admin(qtbot, kiosk)
    tap(kiosk.window, "adminQuit")
    assert texts_outside(qtbot, kiosk.window, "adminQuitPanel") == []


@pytest.mark.parametrize("language", ["fr", "de"])
def test_every_admin_sentence_fits_the_message_line_on_every_screen(make_kiosk, qtbot, language):
    from kiosk.ui.errors import ADMIN_TEXT, GENERAL

    kiosk = admin_kiosk(make_kiosk, language=language)
    open_admin(qtbot, kiosk)
    message = find(kiosk.window, "adminMessage")
    for size in ((1024, 600), (800, 1280), (1280, 800)):
        kiosk.window.resize(*size)
        for sentence in (*ADMIN_TEXT.values(), GENERAL):
            said = kiosk.admin.translated(sentence)
            assert said != sentence  # translated, not left in English
            message.setProperty("text", said)  # as `message` would show it
            with qtbot.waitSignal(kiosk.window.frameSwapped, timeout=5000):
                kiosk.window.update()
            assert message.property("truncated") is False, (size, said)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "2 sealed letter(s) could not print before the kiosk stopped"),
        ("de", "2 versiegelte Brief(e) konnten nicht gedruckt werden"),
    ],
)
def test_the_dashboard_says_how_many_sealed_letters_were_lost_and_who_prints_them(
    make_kiosk, qtbot, tmp_path, case, pdf_printer, cups_scheduler, language, words
):
    from kiosk.app import KioskService
    from kiosk.core.config import load_config
    from tests.sealed import sealed_settings
    from tests.ui.conftest import write_config

    name, _ = pdf_printer
    cups_scheduler.run("cupsdisable", "-r", "Out of paper", name)
    settings = f'[admin]\npin_hash = "{PIN_HASH}"\n' + sealed_settings(name)
    # An earlier run of the kiosk stopped while two sealed letters waited for the printer.
    config = load_config(write_config(tmp_path, settings, language))
    with KioskService(config, tmp_path / "signatures.db") as earlier:
        for given in ("Anna", "Ben"):
            entry = anna(given_name=given)
            earlier.record(prepare(entry, case, event_id="e", kiosk_id="k", language="en"))

    kiosk = make_kiosk(settings, language=language)
    open_admin(qtbot, kiosk)

    lost = find(kiosk.window, "adminLostLetters")  # shown: find() looks for a visible item
    scroll_into_view(lost)
    centre(kiosk.window, lost)  # inside the window, where a volunteer reads it
    said = lost.property("text")
    assert said.startswith(words)
    assert "kiosk decrypt" in said


# Words of the dashboard's English sentences that are no French or German word.
ENGLISH = {"the", "says", "was", "with", "that", "before", "after", "years", "queue", "cannot"}
ENGLISH |= {"there", "is", "did", "not", "clock", "update", "printer", "sent", "released"}
ENGLISH |= {"network", "reached", "unreachable", "folder"}


@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_clock_the_printer_and_a_failed_test_page_are_said_in_the_screen_language(
    make_kiosk, qtbot, tmp_path, monkeypatch, language
):
    import re
    from datetime import UTC, datetime

    from kiosk.core.release import SET_BY_HAND, SET_BY_NETWORK

    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "no-cups-here.sock"))  # no such queue
    kiosk = admin_kiosk(make_kiosk, '[printing]\nprinter = "Office"\n', language=language)
    kiosk.admin.now = lambda: datetime(2036, 2, 7, 6, 28, tzinfo=UTC)
    qtbot.waitUntil(lambda: kiosk.session.printer_state is not None, timeout=10000)
    open_admin(qtbot, kiosk)
    working = kiosk.admin.translated("Working on it…")
    tap(kiosk.window, "adminTestPage")
    qtbot.waitUntil(lambda: kiosk.admin.message not in ("", working), timeout=30000)

    for name in ("adminClock", "adminPrinter", "adminMessage"):
        text = find(kiosk.window, name).property("text")
        for kept in (SET_BY_NETWORK, SET_BY_HAND, "printing.printer", "Office", "CUPS", "PDF"):
            text = text.replace(kept, " ")  # commands, a setting's and the queue's names
        words = set(re.findall(r"[a-z]+", text.lower()))
        assert not words & ENGLISH, (name, find(kiosk.window, name).property("text"))
    assert "2036-02-07" in find(kiosk.window, "adminClock").property("text")
    assert "Office" in find(kiosk.window, "adminPrinter").property("text")
