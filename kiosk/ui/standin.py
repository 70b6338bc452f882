"""The attract screen before the session is ready: shown from the kept glance of the last start.

`AttractStandIn` offers the attract screen what the `Session` offers it (cases, invitations,
today's count, the goal, the language, `start()`), read from a `kiosk.core.glance.Glance`, so
the first frame does not wait for the settings and cases to be loaded and checked. A touch that
comes before the session is `wanted`: the session starts as soon as it is there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.core.glance import Glance, today_count
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


class AttractStandIn(QObject):
    changed = Signal()

    def __init__(self, glance: Glance, phrase: Phrase, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.glance = glance
        self.wanted = False  # touched before the session was ready
        self._today = today_count(glance.database)
        self._invitations = in_every_language(
            phrase, glance.offered, "AttractScreen", "Touch to write a letter"
        )
        self._cases = [
            case_card(c.id, c.person, c.title, bool(c.photo), c.credit) for c in glance.cases
        ]

    @Property(str, constant=True)
    def step(self) -> str:
        return "attract"

    @Property(str, constant=True)
    def language(self) -> str:
        return self.glance.language

    @Property(list, constant=True)
    def cases(self) -> list[dict]:
        return self._cases

    @Property(list, constant=True)
    def invitations(self) -> list[str]:
        return self._invitations

    @Property(int, constant=True)
    def today(self) -> int:
        return self._today

    @Property(int, constant=True)
    def goal(self) -> int:
        return self.glance.goal

    @Slot()
    def start(self) -> None:
        self.wanted = True
