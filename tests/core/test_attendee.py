"""A visitor's whole visit, driven without Qt: the screens only show what `Visit` holds."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from kiosk.app import KioskService
from kiosk.core.attendee import BACK, NEXT, Step, Visit
from kiosk.core.config import Config, Settings, load_config, update_config
from kiosk.core.printing.cups import QueueState
from tests.conftest import EXAMPLE_CASE, fill_disk


def fill_in(visit: Visit, **values: str) -> None:
    for name, value in ({"given_name": "Jürg", "town": "Zürich"} | values).items():
        visit.set_field(name, value)
    visit.set_consent("sign", True)


def to_preview(visit: Visit, language: str = "de", **values: str):
    visit.start()
    visit.choose_language(language)
    visit.sign()
    fill_in(visit, **values)
    return visit.preview()


def nothing_left(visit: Visit) -> bool:
    return not any(visit.traces().values())


def test_a_visitor_signs_from_start_to_thank_you_and_nothing_of_them_remains(service):
    visit = Visit(service)
    assert visit.step is Step.ATTRACT
    visit.start()
    assert visit.step is Step.LANGUAGE  # three languages are offered
    visit.choose_language("de")
    assert (visit.step, visit.language) == (Step.STORY, "de")
    visit.sign()
    fill_in(visit, family_name="Müller")
    visit.set_drawing([[[1, 2], [3, 4]]], 100.0, 50.0)

    prepared = visit.preview()
    assert visit.step is Step.PREVIEW and prepared is visit.prepared and visit.rendering
    assert visit.rendered(prepared) and not visit.rendering

    outcome = visit.confirm()
    assert outcome is not None and outcome.created
    assert visit.step is Step.THANKS
    assert visit.thanks.name == "Jürg" and visit.thanks.letter == "saved"  # to the PDF folder
    assert visit.thanks.links[0][0] == "follow"
    assert visit.today == 1
    with sqlite3.connect(service.store.path) as conn:
        assert conn.execute("SELECT given_name, language, case_id FROM signatures").fetchall() == [
            ("Jürg", "de", EXAMPLE_CASE)
        ]

    assert visit.confirm() is None  # a second tap records nothing more
    assert service.counts().total == 1
    visit.finish()
    assert visit.step is Step.ATTRACT and nothing_left(visit)
    assert visit.language == "fr"  # the next person starts in the stand's language
    assert visit.today == 1


def test_a_step_that_fails_brings_back_the_attract_screen_with_nothing_of_the_person(
    service, caplog
):
    visit = Visit(service)
    visit.start()
    visit.choose_language("de")
    visit.sign()
    fill_in(visit, given_name="Zebulon", email="zebulon@example.org")
    visit.set_consent("updates", True)
    prepared = visit.preview()
    assert visit.step is Step.PREVIEW

    with caplog.at_level(logging.ERROR, logger="kiosk.core.attendee"):
        visit.set_drawing([[["not a number", 1]]], 100.0, 50.0)  # a broken stroke from the pad

    assert visit.step is Step.ATTRACT
    assert nothing_left(visit), visit.traces()
    assert visit.language == "fr"
    assert service.counts().total == 0
    logged = caplog.text
    assert prepared.uuid in logged and "set_drawing" in logged
    assert "Zebulon" not in logged and "zebulon@" not in logged


def test_changing_language_keeps_everything_typed(service):
    visit = Visit(service)
    visit.start()
    visit.choose_language("fr")
    visit.sign()
    fill_in(visit, given_name="Олена")
    visit.set_language("en")
    visit.set_language("xx")  # not offered: nothing changes
    assert visit.language == "en" and visit.step is Step.FORM
    assert visit.draft.fields["given_name"] == "Олена" and visit.draft.consents == {"sign": True}


def test_a_mistake_keeps_the_form_and_names_the_field(service):
    visit = Visit(service)
    assert to_preview(visit, given_name="") is None
    assert visit.step is Step.FORM
    assert visit.draft.errors == {"given_name": "name_missing"}
    visit.set_field("given_name", "Anna")
    assert visit.draft.errors == {}


def test_going_back_from_the_preview_redoes_the_letter(service):
    visit = Visit(service)
    assert to_preview(visit) is not None
    visit.back()
    assert visit.step is Step.FORM and visit.prepared is None
    assert visit.draft.fields["given_name"] == "Jürg"  # what was typed stays


def test_a_late_picture_of_a_letter_that_changed_is_dropped(service):
    visit = Visit(service)
    first = to_preview(visit)
    visit.back()
    second = visit.preview()
    assert not visit.rendered(first)
    assert visit.rendering and visit.rendered(second)


def test_no_screen_can_be_skipped(service):
    visit = Visit(service)
    visit.sign()
    assert visit.confirm() is None and visit.preview() is None
    assert visit.step is Step.ATTRACT
    visit.start()
    visit.choose_language("en")
    visit.sign()
    assert visit.confirm() is None and visit.step is Step.FORM
    assert service.counts().total == 0


def test_every_step_is_reachable_leads_somewhere_and_back_is_allowed():
    reachable = {Step.ATTRACT}
    for targets in NEXT.values():
        reachable |= targets
    assert reachable == set(Step)
    assert all(NEXT[step] for step in Step)
    assert all(target in NEXT[step] for step, target in BACK.items())


def test_one_language_goes_straight_to_the_story(tmp_path):
    config = Config(
        Settings.model_validate({"languages": {"offered": ["de"], "default": "de"}}), None
    )
    with KioskService(config, tmp_path / "signatures.db") as service:
        visit = Visit(service)
        visit.start()
        assert visit.step is Step.STORY


def test_settings_saved_in_admin_mode_reach_the_next_person(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[languages]\noffered = ["fr", "de", "en"]\n')
    with KioskService(load_config(path), tmp_path / "signatures.db") as service:
        visit = Visit(service)
        visit.start()
        visit.choose_language("de")
        service.config = update_config(
            path,
            {"languages.offered": ["de"], "languages.default": "de", "idle.warning_after": 90},
        )
        assert visit.offered == ["fr", "de", "en"]  # the person signing keeps what they had
        visit.settings_changed()
        assert visit.step is Step.ATTRACT
        assert (visit.offered, visit.language, visit.idle.warning_after) == (["de"], "de", 90)


@pytest.mark.parametrize(
    ("printing", "letter"),
    [
        ({}, "saved"),  # the default: PDF files for the volunteers, no printer here
        ({"mode": "batch"}, "saved"),
        ({"printer": "Office"}, "printing"),
        ({"printer": "Office", "mode": "batch"}, "batch"),
        ({"printer": "Office", "mode": "off"}, "recorded"),
    ],
)
def test_the_thank_you_says_what_really_happens_to_the_letter(tmp_path, printing, letter):
    settings = Settings.model_validate({"printing": printing})
    with KioskService(Config(settings, None), tmp_path / "signatures.db") as service:
        visit = Visit(service)
        visit.printer_reported(QueueState("Office", "idle", True, ""))
        to_preview(visit)
        visit.confirm()
        assert visit.thanks.letter == letter


def test_the_thank_you_says_a_letter_waits_when_the_printer_is_down(tmp_path):
    settings = Settings.model_validate({"printing": {"printer": "Office"}})
    with KioskService(Config(settings, None), tmp_path / "signatures.db") as service:
        visit = Visit(service)
        visit.printer_reported(QueueState("Office", "unreachable", False, "no scheduler"))
        to_preview(visit)
        visit.confirm()
        assert visit.thanks.letter == "queued"


def test_another_case_is_signed_with_the_same_details_and_fresh_boxes(tmp_path, case_folder):
    second = case_folder / "second-case"
    (second).mkdir()
    for item in (case_folder / EXAMPLE_CASE).iterdir():
        if item.is_file():
            (second / item.name).write_bytes(item.read_bytes())
    toml = (second / "case.toml").read_text().replace(f'"{EXAMPLE_CASE}"', '"second-case"')
    (second / "case.toml").write_text(toml)
    path: Path = tmp_path / "config.toml"
    path.write_text(f'[cases]\nfolder = "{case_folder}"\n')
    with KioskService(load_config(path), tmp_path / "signatures.db") as service:
        visit = Visit(service)
        to_preview(visit, family_name="Keller")
        visit.confirm()
        assert visit.thanks.others == ("second-case",)
        visit.sign_another("second-case")
        assert visit.step is Step.FORM and visit.current_case.id == "second-case"
        assert visit.draft.fields["family_name"] == "Keller" and visit.draft.consents == {}
        visit.set_consent("sign", True)
        visit.preview()
        visit.confirm()
        assert visit.thanks.others == ()
        assert service.counts().total == 2


def test_a_full_disk_keeps_the_person_and_names_the_kind_of_problem(tmp_path, small_disk):
    with KioskService(Config(Settings(), None), small_disk / "signatures.db") as service:
        visit = Visit(service)
        to_preview(visit, given_name="Ilse")
        filler = fill_disk(small_disk)
        assert visit.confirm() is None
        assert visit.step is Step.PREVIEW and visit.problem == "storage"
        assert visit.draft.fields["given_name"] == "Ilse"
        filler.unlink()
        assert visit.confirm() is not None
        assert visit.step is Step.THANKS and visit.problem == ""


@pytest.mark.parametrize("step", [Step.LANGUAGE, Step.STORY, Step.FORM, Step.PREVIEW])
def test_every_screen_can_fall_back_to_the_attract_screen(service, step):
    visit = Visit(service)
    path = [Step.LANGUAGE, Step.STORY, Step.FORM, Step.PREVIEW]
    to_preview(visit)
    while visit.step is not step:
        visit.back()
    assert visit.step is step and step in path
    visit.reset()
    assert visit.step is Step.ATTRACT and nothing_left(visit)


def test_a_mark_goes_when_its_mistake_is_fixed_even_from_another_field(service):
    visit = Visit(service)
    visit.start()
    visit.choose_language("en")
    visit.sign()
    visit.set_field("email", "anna@example.org")  # news wanted, but the box is not ticked
    assert visit.preview() is None
    assert set(visit.draft.errors) == {"given_name", "town", "consent_sign", "email"}
    visit.set_field("family_name", "Keller")  # one of the names is enough
    assert set(visit.draft.errors) == {"town", "consent_sign", "email"}
    visit.set_field("town", "B")
    visit.set_field("postal_code", "!!")  # a new mistake is not marked while typing
    assert set(visit.draft.errors) == {"consent_sign", "email"}
    visit.set_field("email", "")
    visit.set_consent("sign", True)
    assert visit.draft.errors == {}


def test_a_chinese_name_is_thanked_whole_and_family_name_first(service):
    visit = Visit(service)
    to_preview(visit, "en", given_name="小明", family_name="王")
    visit.confirm()
    assert visit.thanks.name == "王小明"  # not "小明", which only family and friends say


def notice_service(tmp_path: Path, notices: dict[str, str], url: str = "") -> KioskService:
    settings = Settings.model_validate(
        {"organisation": {"name": "Amnesty", "privacy_url": url, "privacy_notice": notices}}
    )
    return KioskService(Config(settings, None), tmp_path / "signatures.db")


def test_the_privacy_notice_opens_over_the_form_and_closing_it_keeps_everything_typed(tmp_path):
    notices = {"fr": "Vos données.", "de": "Ihre Daten."}
    with notice_service(tmp_path, notices, "https://example.org/privacy") as service:
        visit = Visit(service)
        visit.start()
        visit.choose_language("de")
        visit.sign()
        fill_in(visit, family_name="Müller")
        visit.open_notice()
        assert visit.notice_open and visit.step is Step.FORM
        assert visit.privacy_notice.text == "Ihre Daten."
        assert visit.privacy_notice.url == "https://example.org/privacy"
        visit.set_language("en")  # no English text: the stand's own language, French
        assert (visit.privacy_notice.language, visit.privacy_notice.text) == ("fr", "Vos données.")
        visit.close_notice()
        assert not visit.notice_open and visit.step is Step.FORM
        assert visit.draft.fields["family_name"] == "Müller" and visit.draft.consents["sign"]


def test_the_privacy_notice_opens_only_on_the_form_and_only_when_there_is_one(tmp_path):
    with notice_service(tmp_path, {"fr": "Vos données."}) as service:
        visit = Visit(service)
        visit.start()
        visit.open_notice()  # a stale tap on the language screen
        assert not visit.notice_open
    with notice_service(tmp_path, {}) as service:
        visit = Visit(service)
        visit.start()
        visit.choose_language("fr")
        visit.sign()
        visit.open_notice()
        assert not visit.notice_open  # nothing to read: no link, nothing opens


@pytest.mark.parametrize("leave", ["reset", "back", "preview", "fail"])
def test_the_privacy_notice_is_closed_whenever_the_form_is_left(tmp_path, leave):
    with notice_service(tmp_path, {"fr": "Vos données."}) as service:
        visit = Visit(service)
        to_preview(visit, "fr")
        visit.back()
        visit.open_notice()
        assert visit.notice_open
        if leave == "fail":
            visit.fail("a test", RuntimeError("boom"))
        else:
            getattr(visit, leave)()
        assert visit.step is not Step.FORM and not visit.notice_open
        if visit.step is Step.STORY:  # back to the form: the notice stays closed
            visit.sign()
        elif visit.step is Step.PREVIEW:
            visit.back()
        if visit.step is Step.FORM:
            assert not visit.notice_open
