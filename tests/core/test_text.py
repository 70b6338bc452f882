"""Whatever a signer types is stored one clean way: NFC, no invisible tricks, tidy spaces."""

import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.text import BIDI_CONTROLS, clean, clean_each_character, has_letter


def test_spaces_are_trimmed_and_collapsed():
    assert clean("  Anna \t Maria\n Keller  ") == "Anna Maria Keller"


def test_a_decomposed_accent_becomes_one_character():
    assert clean("Zoe\u0308") == "Zoë"


def test_a_right_to_left_override_cannot_disguise_a_name():
    assert clean("Anna\u202eKeller\u202c") == "AnnaKeller"


def test_joiners_that_scripts_need_are_kept():
    persian = "می\u200cخواهم"
    assert clean(persian) == persian


def test_control_characters_and_lone_surrogates_are_removed():
    assert clean("An\x00na\x1b[31m\ud800") == "Anna[31m"


@given(st.text())
def test_cleaning_never_fails_and_is_stable(value):
    once = clean(value)
    assert clean(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert once == once.strip()
    assert "  " not in once
    assert not any(ch in BIDI_CONTROLS for ch in once)
    assert not any(unicodedata.category(ch) in ("Cc", "Cs") for ch in once)


@given(st.text())
def test_the_quick_path_for_printable_text_cleans_exactly_as_the_careful_one(value):
    assert clean(value) == clean_each_character(value)


def test_no_printable_character_is_one_the_careful_cleaning_would_change():
    # Every code point Python calls printable takes the quick path: each one, beside letters
    # and spaces (which NFC and the collapsing act on), comes out as the careful path makes it.
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        if ch.isprintable():
            value = f" a{ch} {ch}b "
            assert clean(value) == clean_each_character(value), hex(code)


def test_a_letter_is_any_character_of_the_letter_categories_in_any_script():
    every = [chr(code) for code in range(sys.maxunicode + 1)]
    letters = [ch for ch in every if unicodedata.category(ch).startswith("L")]
    assert all(map(has_letter, letters))
    assert not has_letter("".join(ch for ch in every if unicodedata.category(ch)[0] != "L"))
