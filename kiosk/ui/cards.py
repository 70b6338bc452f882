"""How the screens show a case and a phrase meant for every visitor, whatever their language.

The attract screen greets passers-by in each offered language in turn, and the attract and
story screens show each case as a card (person, one-line title, photo, credit). These are
plain dictionaries and lists: QML reads them as JavaScript objects and arrays.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kiosk.ui.images import photo_source

Phrase = Callable[[str, str, str], str]  # (language, context, text) -> the text in that language


def in_every_language(phrase: Phrase, languages: Iterable[str], context: str, text: str) -> list:
    """A screen text in each language, in order, each wording once."""
    return list(dict.fromkeys(phrase(code, context, text) for code in languages))


def case_card(case_id: str, person: str, title: str, has_photo: bool, credit: str) -> dict:
    """A case as the attract and story screens show it."""
    return {
        "id": case_id,
        "person": person,
        "title": title,
        "photo": photo_source(case_id) if has_photo else "",
        "credit": credit,
    }
