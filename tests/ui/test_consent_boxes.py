"""No box is ever ticked for the visitor: every consent of every case starts unticked on the
real form, for the first person, for a second case signed with the same details, and for the
person after an idle reset, whatever was ticked before.

The shipped cases (cases/) are walked, with a made-up case of four boxes beside them (required
and optional, one that asks for the email); every box is found on screen by its objectName and
ticked by a tap, as a finger would.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.core.cases import load_cases
from tests.conftest import BUNDLED_CASES, EXAMPLE_CASE
from tests.ui.conftest import find, scroll_into_view, tap
from tests.ui.test_screens import fill_form, wait_step

SEVERAL = "several-consents"
EXTRA_CONSENTS = """
[[consents]]
id = "age"
version = "1"
required = true
[consents.text]
fr = "J'ai 16 ans ou plus."
de = "Ich bin 16 Jahre alt oder älter."
en = "I am 16 or older."

[[consents]]
id = "public-list"
version = "1"
[consents.text]
fr = "Mon prénom peut figurer sur la liste publique."
de = "Mein Vorname darf auf der öffentlichen Liste stehen."
en = "My given name may appear on the public list."
"""


@pytest.fixture
def cases_folder(tmp_path: Path) -> Path:
    """Every shipped case, and one with four consent boxes."""
    folder = tmp_path / "cases"
    shutil.copytree(BUNDLED_CASES, folder)
    several = folder / SEVERAL
    shutil.copytree(folder / EXAMPLE_CASE, several)
    toml = (several / "case.toml").read_text(encoding="utf-8")
    toml = toml.replace(f'id = "{EXAMPLE_CASE}"', f'id = "{SEVERAL}"', 1)
    toml = toml.replace('person = "Maryia Kalesnikava"', 'person = "Ales Bialiatski"')
    (several / "case.toml").write_text(toml + EXTRA_CONSENTS, encoding="utf-8")
    return folder


def consents_of(folder: Path) -> dict[str, list[str]]:
    """Case id -> the ids of its consent boxes, as the case files say them."""
    return {case.id: [c.id for c in case.consents] for case in load_cases(folder)}


def kiosk_with(make_kiosk, folder: Path, extra: str = ""):
    cases = consents_of(folder)
    assert SEVERAL in cases and len(cases[SEVERAL]) == 4
    assert set(cases) >= {p.name for p in BUNDLED_CASES.iterdir() if p.is_dir()}
    active = ", ".join(f'"{case_id}"' for case_id in cases)
    return make_kiosk(f'[cases]\nfolder = "{folder}"\nactive = [{active}]\n{extra}'), cases


def boxes_on_screen(window, ids: list[str]) -> dict[str, bool]:
    """Each box of the form as the visitor sees it: ticked or not."""
    shown = {}
    for consent_id in ids:
        box = find(window, f"consent_{consent_id}")
        scroll_into_view(box)
        shown[consent_id] = bool(box.property("checked"))
    return shown


def tick_all(qtbot, kiosk, ids: list[str]) -> None:
    for consent_id in ids:
        tap(kiosk.window, f"consent_{consent_id}")
    qtbot.waitUntil(lambda: all(kiosk.session.consents.get(c) for c in ids), timeout=5000)
    assert all(boxes_on_screen(kiosk.window, ids).values())  # the taps did tick them


def open_form_for(qtbot, kiosk, case_id: str) -> None:
    tap(kiosk.window, "attractTouch")
    wait_step(qtbot, kiosk, "language")
    tap(kiosk.window, "choose_en")
    wait_step(qtbot, kiosk, "story")
    tap(kiosk.window, f"case_{case_id}")
    qtbot.waitUntil(lambda: kiosk.session.case["id"] == case_id, timeout=5000)
    tap(kiosk.window, "signButton")
    wait_step(qtbot, kiosk, "form")


def unticked(ids: list[str]) -> dict[str, bool]:
    return dict.fromkeys(ids, False)


def test_every_box_of_every_case_is_unticked_when_the_form_opens(make_kiosk, qtbot, cases_folder):
    kiosk, cases = kiosk_with(make_kiosk, cases_folder)
    for case_id, ids in cases.items():
        open_form_for(qtbot, kiosk, case_id)
        assert boxes_on_screen(kiosk.window, ids) == unticked(ids), case_id
        assert kiosk.session.consents == {}
        tick_all(qtbot, kiosk, ids)  # so that the next case's form starts after ticked boxes
        kiosk.session.reset()
        wait_step(qtbot, kiosk, "attract")


def test_boxes_ticked_for_one_case_are_unticked_for_the_next_signed_with_the_same_details(
    make_kiosk, qtbot, cases_folder
):
    kiosk, cases = kiosk_with(make_kiosk, cases_folder)
    order = list(cases)
    open_form_for(qtbot, kiosk, order[0])
    fill_form(qtbot, kiosk, given_name="Anna", family_name="Keller", town="Bern")
    fill_form(qtbot, kiosk, email="anna@example.org")  # for the boxes that ask for it
    for position, case_id in enumerate(order):
        if position > 0:
            another = find(kiosk.window, f"another_{case_id}")
            qtbot.waitUntil(lambda another=another: another.isEnabled(), timeout=5000)
            tap(kiosk.window, another)
            wait_step(qtbot, kiosk, "form")
            assert kiosk.session.case["id"] == case_id
            assert find(kiosk.window, "field_family_name").property("text") == "Keller"
        ids = cases[case_id]
        assert boxes_on_screen(kiosk.window, ids) == unticked(ids), case_id
        tick_all(qtbot, kiosk, ids)
        tap(kiosk.window, "previewButton")
        wait_step(qtbot, kiosk, "preview")
        tap(kiosk.window, "confirmButton")
        wait_step(qtbot, kiosk, "thanks")
    assert kiosk.service.counts().total == len(order)


def test_boxes_ticked_before_an_idle_reset_are_unticked_for_the_next_person(
    make_kiosk, qtbot, cases_folder
):
    kiosk, cases = kiosk_with(
        make_kiosk, cases_folder, "[idle]\nwarning_after = 10\ncountdown = 20\n"
    )
    now = [1000.0]
    kiosk.idle.clock = lambda: now[0]
    for case_id, ids in cases.items():
        open_form_for(qtbot, kiosk, case_id)
        tick_all(qtbot, kiosk, ids)
        kiosk.idle.poke()
        now[0] += 31  # the person walked away: the question, then its end
        kiosk.idle.tick()
        wait_step(qtbot, kiosk, "attract")

        open_form_for(qtbot, kiosk, case_id)  # the next person
        assert boxes_on_screen(kiosk.window, ids) == unticked(ids), case_id
        assert kiosk.session.consents == {}
        kiosk.session.reset()
        wait_step(qtbot, kiosk, "attract")
