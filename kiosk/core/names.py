"""How a signer's name is written out: in the order their own script puts it.

A Chinese, Japanese or Korean name is written family name first and without a space
(王 + 小明 is "王小明"); most other names are given name first, with a space ("Anna Muster").
The letter, its preview (the same PDF) and the thank-you all call `display_name`, so the
name reads the same everywhere; the form keeps the two fields as typed.
"""

from __future__ import annotations

import unicodedata

# Unicode's character names say the script: "CJK UNIFIED IDEOGRAPH-738B", "HIRAGANA LETTER A",
# "KATAKANA LETTER A", "HALFWIDTH KATAKANA LETTER A", "HANGUL SYLLABLE GIM". Named scripts, not
# code-point ranges, so the extension blocks and compatibility forms count as well.
FAMILY_FIRST_SCRIPTS = (
    "CJK UNIFIED IDEOGRAPH",
    "CJK COMPATIBILITY IDEOGRAPH",
    "HIRAGANA",
    "KATAKANA",
    "HALFWIDTH KATAKANA",
    "HANGUL",
)


def in_family_first_script(text: str) -> bool:
    """Whether `text` is written in Han, Kana or Hangul (one such letter is enough: a
    Japanese name may mix kanji and kana, and digits or a hyphen change nothing)."""
    return any(unicodedata.name(ch, "").startswith(FAMILY_FIRST_SCRIPTS) for ch in text)


def family_name_first(given: str, family: str) -> bool:
    """A name whose every part is in Han, Kana or Hangul puts the family name first."""
    parts = [part for part in (given.strip(), family.strip()) if part]
    return bool(parts) and all(in_family_first_script(part) for part in parts)


def display_name(given: str, family: str) -> str:
    """The whole name as its owner writes it: "王小明", "김민준", "Anna Muster"."""
    given, family = given.strip(), family.strip()
    if family_name_first(given, family):
        return family + given
    return " ".join(part for part in (given, family) if part)


def greeting_name(given: str, family: str) -> str:
    """The name a thank-you greets: the given name where that is the friendly way ("Thank
    you, Anna"), the whole name family first for a Chinese, Japanese or Korean name, where
    the given name alone is for family and close friends."""
    if family_name_first(given, family):
        return display_name(given, family)
    return given.strip() or family.strip()
