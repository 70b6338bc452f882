"""Normalising what people type, so that one name is stored, printed and compared one way.

Touch keyboards, copy-paste from phones and hostile input all reach the form. Before anything is
validated or stored it is put in Unicode NFC, stripped of control characters and of the invisible
bidirectional overrides that can make a name display as something else, and its white space is
trimmed and collapsed. Joiners that some scripts need (ZWJ, ZWNJ) are kept.
"""

from __future__ import annotations

import unicodedata

# Explicit bidi embeddings, overrides and isolates, plus the implicit marks and the Arabic letter
# mark: a name never needs them (the renderer applies the bidi algorithm itself) and they can
# reorder what a volunteer reads on screen ("Trojan Source" style spoofing).
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
    "\u200e\u200f\u061c"  # LRM RLM ALM
)

# Format characters that carry meaning inside words of some scripts and are therefore kept.
KEPT_FORMAT = frozenset("\u200c\u200d")  # ZWNJ (Persian, Indic), ZWJ (Indic, emoji sequences)


def _keep(ch: str) -> bool:
    if ch in KEPT_FORMAT:
        return True
    if ch in BIDI_CONTROLS:
        return False
    category = unicodedata.category(ch)
    # Cc: control characters; Cs: lone surrogates (cannot be stored as UTF-8);
    # Cf: other invisible format characters (zero-width space, word joiner, BOM, soft hyphen...).
    # Line and paragraph separators are turned into spaces before this runs.
    return category not in {"Cc", "Cs", "Cf", "Cn"}


def clean(value: str) -> str:
    """Return `value` in NFC, without control or bidi-override characters, white space collapsed.

    Tabs, newlines and every Unicode space become one ASCII space; leading and trailing white space
    is removed. Unassigned code points are dropped too: no font has them, so they could never be
    printed on the letter.

    >>> clean("  Zoë\\u202e  van\\tder  Berg\\n")
    'Zoë van der Berg'
    """
    if value.isprintable():
        # Nearly every name. Python calls printable what is neither 'Other' (Cc, Cf, Cs, Co,
        # Cn: every character `_keep` drops is one) nor a separator but the ASCII space, so
        # nothing is dropped and ' ' is the only white space: only NFC and the spaces are left
        # to do, without a step per character (a collector checks every field of every record
        # it receives this way). The same result as below for any text (tests/core/test_text.py).
        return " ".join(unicodedata.normalize("NFC", value).split())
    return clean_each_character(value)


def clean_each_character(value: str) -> str:
    """`clean`, a character at a time: what `clean` does with text that has invisible,
    control or unusual space characters."""
    spaced = "".join(" " if ch.isspace() else ch for ch in value)
    kept = "".join(ch for ch in spaced if _keep(ch))
    # NFC after filtering: removing a character can put two combinable characters side by side.
    return " ".join(unicodedata.normalize("NFC", kept).split())


def clean_optional(value: str | None) -> str:
    """Like :func:`clean`, with `None` read as an empty string (an optional field left blank)."""
    return clean(value) if value else ""


def has_letter(value: str) -> bool:
    """True when `value` has at least one letter of any script (a name needs one)."""
    # `str.isalpha` is exactly the categories L* (Lu, Ll, Lt, Lm, Lo), asked without a
    # Python step per character: a collector asks it of every name and town it receives.
    return any(map(str.isalpha, value))
