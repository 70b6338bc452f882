"""The attendee's way through the kiosk, as an explicit state machine with one failsafe.

Kept free of Qt so it can be tested on its own; the QML binds to the current step's name. Any
step may fall back to the attract screen (a reset), which is also where any surprise ends: a
kiosk must always come back to its start screen for the next person.
"""

from __future__ import annotations

from enum import StrEnum


class Step(StrEnum):
    ATTRACT = "attract"
    LANGUAGE = "language"
    STORY = "story"
    FORM = "form"
    PREVIEW = "preview"
    THANKS = "thanks"


# Where each step may lead (a reset to ATTRACT is always allowed).
NEXT: dict[Step, frozenset[Step]] = {
    Step.ATTRACT: frozenset({Step.LANGUAGE, Step.STORY}),
    Step.LANGUAGE: frozenset({Step.STORY}),
    Step.STORY: frozenset({Step.FORM, Step.LANGUAGE}),
    Step.FORM: frozenset({Step.STORY, Step.PREVIEW}),
    Step.PREVIEW: frozenset({Step.FORM, Step.THANKS}),
    Step.THANKS: frozenset({Step.FORM, Step.STORY}),
}


class FlowError(Exception):
    """A move the flow does not allow (a stale tap from a screen that is already gone)."""


class Flow:
    """The current step, and the only way to change it."""

    def __init__(self) -> None:
        self.step = Step.ATTRACT

    def can_go(self, step: Step) -> bool:
        return step is Step.ATTRACT or step in NEXT[self.step]

    def go(self, step: Step) -> None:
        if not self.can_go(step):
            raise FlowError(f"cannot go from {self.step} to {step}")
        self.step = step

    def reset(self) -> None:
        self.step = Step.ATTRACT
