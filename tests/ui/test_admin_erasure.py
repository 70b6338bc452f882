"""The kiosk erases what the retention period allows by itself, at start and daily, and a
volunteer can do it from the dashboard, after a question that says what will go."""

from __future__ import annotations

from kiosk.core.records.outbox import Outbox
from kiosk.core.signatures import prepare
from tests.conftest import anna
from tests.ui.conftest import exists, find, tap
from tests.ui.test_admin import admin_kiosk, open_admin

RETAIN_NOTHING = '[privacy]\nretention_days = 0\n[printing]\nmode = "off"\n'
CONTEXT = {"event_id": "stand", "kiosk_id": "kiosk-test", "language": "de"}


def delivered_signer(store, case, given: str = "Олена") -> str:
    signature = prepare(anna(given_name=given, wants_letter=False), case, **CONTEXT)
    store.record(signature, print_letter=False)
    Outbox(store).delivered([signature.uuid])
    return signature.uuid


def test_a_kiosk_erases_at_start_what_the_retention_period_allows(
    make_kiosk, qtbot, case, tmp_path
):
    from kiosk.core.records.store import Store

    with Store(tmp_path / "signatures.db") as store:
        uuid = delivered_signer(store, case)
    kiosk = admin_kiosk(make_kiosk, RETAIN_NOTHING)
    qtbot.waitUntil(lambda: kiosk.purger.last is not None, timeout=10000)
    assert kiosk.purger.last.count == 1
    assert kiosk.service.store.get(uuid).given_name == ""


def test_erasing_from_the_dashboard_asks_first_and_says_how_many(make_kiosk, qtbot, case):
    kiosk = admin_kiosk(make_kiosk, RETAIN_NOTHING)
    qtbot.waitUntil(lambda: kiosk.purger.last is not None, timeout=10000)  # the start's round
    store = kiosk.service.store
    uuid = delivered_signer(store, case)
    open_admin(qtbot, kiosk)

    tap(kiosk.window, "adminPurge")
    qtbot.waitUntil(lambda: exists(kiosk.window, "adminPurgeDialog"), timeout=10000)
    assert "of 1 signature(s) older than 0 days" in kiosk.admin.purgeQuestion
    for name in ("adminPurgeConfirm", "adminPurgeCancel"):
        assert find(kiosk.window, name).height() >= 56  # a finger's size
    tap(kiosk.window, "adminPurgeCancel")
    assert not exists(kiosk.window, "adminPurgeDialog")
    assert store.get(uuid).given_name == "Олена"  # asked, and answered no: nothing erased

    tap(kiosk.window, "adminPurge")
    qtbot.waitUntil(lambda: exists(kiosk.window, "adminPurgeDialog"), timeout=10000)
    tap(kiosk.window, "adminPurgeConfirm")
    qtbot.waitUntil(lambda: "erased" in kiosk.admin.message, timeout=10000)
    assert kiosk.admin.message == "Personal data of 1 signature(s) erased; the counts stay."
    assert store.get(uuid).given_name == ""
    assert kiosk.admin.dashboard["total"] == 1


def test_the_dashboard_says_so_when_nothing_is_old_enough(make_kiosk, qtbot):
    kiosk = admin_kiosk(make_kiosk, RETAIN_NOTHING, language="de")
    open_admin(qtbot, kiosk)
    tap(kiosk.window, "adminPurge")
    qtbot.waitUntil(lambda: "Nichts zu löschen" in kiosk.admin.message, timeout=10000)
    assert not exists(kiosk.window, "adminPurgeDialog")
