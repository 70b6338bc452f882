"""Any text a signer typed, turned into reportlab paragraph markup that prints it right and safely.

Three things happen, in this order, to every piece of user text that goes on a letter:

1. Right-to-left text (Arabic, Hebrew) is put in drawing order: Arabic letters are joined with
   `arabic-reshaper` (vowel marks kept, no religious ligatures a signer did not type) and the
   Unicode bidi algorithm (`python-bidi`) reorders it. reportlab's own bidi and shaping are not
   used: they are missing or wrong on this stack (see ../shared/STACK.md). Reordering happens
   before line wrapping, so the spaces inside a right-to-left run become no-break spaces and the
   run stays on one line.
2. The text is split into runs by the first font of the fallback chain that has each character.
3. Each run is escaped (`<`, `>`, `&`) and wrapped in a `<font>` tag: a name such as
   `<img src="file:///etc/passwd"/>` is printed as those characters, never read as markup.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display

from kiosk.core.letters.fonts import LoadedFont, runs

NBSP = "\u00a0"
_RTL_CLASSES = frozenset({"R", "AL"})
_KEEP_LIGATURES = {
    "ARABIC LIGATURE LAM WITH ALEF",
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE",
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW",
    "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE",
}


@cache
def _reshaper() -> arabic_reshaper.ArabicReshaper:
    # Lam-alef is obligatory in Arabic script; every other ligature (e.g. the word Allah drawn
    # as one sign) changes what the signer wrote, and most fonts lack the glyphs anyway.
    config = {
        name: name in _KEEP_LIGATURES
        for name in arabic_reshaper.reshaper_config.default_config
        if name.startswith("ARABIC LIGATURE")
    }
    config.update({"delete_harakat": False, "support_ligatures": True})
    return arabic_reshaper.ArabicReshaper(configuration=config)


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text)


def _glue_rtl_runs(text: str) -> str:
    """Replace spaces between two right-to-left words with no-break spaces."""
    chars = list(text)
    last_strong = None  # direction of the last strong character seen: "R" or "L"
    pending: list[int] = []  # spaces seen since that character
    for i, ch in enumerate(chars):
        kind = unicodedata.bidirectional(ch)
        if kind in _RTL_CLASSES:
            if last_strong == "R":
                for j in pending:
                    chars[j] = NBSP
            last_strong, pending = "R", []
        elif kind == "L":
            last_strong, pending = "L", []
        elif ch == " ":
            pending.append(i)
    return "".join(chars)


ISOLATES = str.maketrans("", "", "\u2066\u2067\u2068\u2069")


def isolate(value: str) -> str:
    """`value` marked as a unit of its own direction, for putting into a sentence.

    Without it a right-to-left town followed by ", 10 December" pulls the day into its own
    run ("10 الرباط, December"). The marks are used by the bidi algorithm and then dropped.
    """
    return f"\u2068{value}\u2069" if has_rtl(value) else value


def visual(text: str) -> str:
    """`text` in the order it is drawn, left to right, with Arabic letters joined."""
    if not has_rtl(text):
        return text.translate(ISOLATES)
    glued = _glue_rtl_runs(text)
    if any(unicodedata.bidirectional(ch) == "AL" for ch in glued):
        glued = _reshaper().reshape(glued)
    return get_display(glued, base_dir="L").translate(ISOLATES)


def markup(text: str, first: LoadedFont | None = None) -> str:
    """Safe paragraph markup that prints `text` in the right order and fonts."""
    return "".join(
        f'<font name="{font.name}">{escape(part)}</font>'
        for font, part in runs(visual(text), first)
    )
