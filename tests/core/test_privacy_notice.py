"""A visitor reads the privacy notice in their language, or the nearest one the organisation
wrote; with none written, the screens say a general sentence of their own."""

from __future__ import annotations

from kiosk.core.privacy_notice import PrivacyNotice, privacy_notice

URL = "https://example.org/privacy"
TEXTS = {"it": "Testo italiano.", "de": "Deutscher Text.", "fr": "Texte français."}


def test_the_visitor_reads_the_notice_in_their_own_language():
    assert privacy_notice(TEXTS, URL, "fr", "de", ["de", "fr", "en"]) == PrivacyNotice(
        "Texte français.", "fr", URL
    )


def test_without_a_text_in_their_language_the_events_language_comes_next():
    notice = privacy_notice(TEXTS, URL, "en", "de", ["fr", "de", "en"])
    assert (notice.text, notice.language) == ("Deutscher Text.", "de")


def test_then_a_language_the_stand_offers_then_any_text_at_all():
    offered = privacy_notice(TEXTS, URL, "en", "rm", ["en", "fr", "de"])
    assert offered.language == "fr"  # offered before German at this stand
    anything = privacy_notice({"it": "Testo italiano."}, URL, "en", "de", ["en", "de"])
    assert (anything.text, anything.language) == ("Testo italiano.", "it")


def test_a_blank_text_counts_as_none():
    notice = privacy_notice({"fr": "  \n", "de": "Deutscher Text."}, URL, "fr", "fr", ["fr", "de"])
    assert notice.language == "de"


def test_with_no_text_written_the_screens_say_their_own_sentence_and_show_the_address():
    notice = privacy_notice({}, URL, "fr", "fr", ["fr"])
    assert notice == PrivacyNotice("", "", URL)
    assert notice.offered  # the address alone is worth a link


def test_with_neither_text_nor_address_the_form_has_no_link():
    assert not privacy_notice({}, "", "fr", "fr", ["fr"]).offered
    assert not privacy_notice({"fr": " "}, " ", "fr", "fr", ["fr"]).offered
