"""The session as QML sees it: a signal only for what changed, results on the UI thread, and a
failing step that ends on the attract screen."""

from __future__ import annotations

import threading

from PySide6.QtCore import QMetaMethod

from kiosk.ui.background import on_ui_thread, run_in_background
from kiosk.ui.session import Session
from tests.ui.conftest import exists, find


def change_signals() -> list[str]:
    meta = Session.staticMetaObject
    names = []
    for i in range(meta.methodOffset(), meta.methodCount()):
        method = meta.method(i)
        name = bytes(method.name()).decode()
        if method.methodType() == QMetaMethod.MethodType.Signal and name.endswith("Changed"):
            names.append(name)
    return names


def count_signals(session: Session) -> dict[str, int]:
    counts = dict.fromkeys(change_signals(), 0)
    for name in counts:

        def seen(name: str = name) -> None:
            counts[name] += 1

        getattr(session, name).connect(seen)
    return counts


def test_every_property_has_its_own_change_signal():
    meta = Session.staticMetaObject
    notifiers = []
    for i in range(meta.propertyOffset(), meta.propertyCount()):
        prop = meta.property(i)
        assert prop.hasNotifySignal(), prop.name()
        notifiers.append(bytes(prop.notifySignal().name()).decode())
    assert len(notifiers) == len(set(notifiers)) == len(change_signals())


def test_typing_a_letter_signals_the_fields_and_nothing_else(kiosk):
    session = kiosk.session
    session.start()
    session.chooseLanguage("de")
    session.sign()
    counts = count_signals(session)

    session.setField("given_name", "A")
    assert {name for name, n in counts.items() if n} == {"fieldsChanged"}
    session.setField("given_name", "A")  # the same again: no change, no signal
    session.setLanguage("de")
    assert counts["fieldsChanged"] == 1 and sum(counts.values()) == 1


def test_a_new_language_signals_what_it_changes_and_not_the_form(kiosk):
    session = kiosk.session
    session.start()
    session.chooseLanguage("fr")
    session.sign()
    session.setField("given_name", "Anna")
    counts = count_signals(session)

    session.setLanguage("en")
    changed = {name for name, n in counts.items() if n}
    assert {"languageChanged", "keyboardLocaleChanged", "caseChanged"} <= changed
    assert not changed & {"fieldsChanged", "stepChanged", "todayChanged", "errorsChanged"}


def test_a_worker_report_arrives_on_the_ui_thread(kiosk, qtbot):
    seen: list[threading.Thread] = []
    deliver = on_ui_thread(lambda value: seen.append((threading.current_thread(), value)))
    worker = threading.Thread(target=deliver, args=("report",))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=3000)
    assert seen == [(threading.main_thread(), "report")]

    results: list = []
    run_in_background(
        lambda: threading.current_thread(),
        lambda job_thread: results.append((job_thread, threading.current_thread())),
    )
    qtbot.waitUntil(lambda: len(results) == 1, timeout=3000)
    job_thread, delivered_on = results[0]
    assert job_thread is not threading.main_thread() and delivered_on is threading.main_thread()


def test_a_step_that_fails_shows_the_attract_screen_with_nothing_of_the_person(kiosk, qtbot):
    session = kiosk.session
    session.start()
    session.chooseLanguage("de")
    session.sign()
    session.setField("given_name", "Zebulon")
    qtbot.waitUntil(lambda: exists(kiosk.window, "formScreen"), timeout=3000)

    session.setDrawing([[["not a number", 1]]], 100.0, 50.0)  # a broken stroke from the pad

    qtbot.waitUntil(lambda: exists(kiosk.window, "attractScreen"), timeout=3000)
    assert session.step == "attract" and session.language == "fr"
    assert all(not value for value in session.traces().values()), session.traces()
    assert find(kiosk.window, "attractScreen").isVisible()
