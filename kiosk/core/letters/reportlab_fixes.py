"""Work-arounds for reportlab bugs that letters meet; `apply()` installs them, once per process.

Characters outside the Basic Multilingual Plane in ToUnicode maps (reportlab 5.1.0 and
earlier): `reportlab.pdfbase.ttfonts.makeToUnicodeCMap` writes each character's code point as
`<%04X>`, so an emoji or a rare CJK ideograph (U+1F33B) becomes five hex digits, which PDF
readers take for one UTF-16 unit and a stray nibble: `pdftotext` reads "Anna 🌻" as "Anna ἳ",
and the name no longer copies or searches right. PDF requires UTF-16 there, with surrogate
pairs above U+FFFF. The letter is drawn right either way; only its text layer is wrong.
Check again when reportlab is upgraded (tests/core/letters/test_reportlab_fixes.py shows the
bug on the installed version), and drop the fix once reportlab writes UTF-16 itself.
"""

from __future__ import annotations

from reportlab.pdfbase import ttfonts

REPORTLAB_TO_UNICODE_CMAP = ttfonts.makeToUnicodeCMap  # reportlab's own, kept to build on


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map with each character written as UTF-16: every other line is
    what reportlab writes."""
    original = REPORTLAB_TO_UNICODE_CMAP(fontname, subset).splitlines()
    start = original.index(f"{len(subset)} beginbfchar") + 1
    entries = [
        f"<{i:02X}> <{chr(code).encode('utf-16-be', 'surrogatepass').hex().upper()}>"
        for i, code in enumerate(subset)
    ]
    return "\n".join(original[:start] + entries + original[start + len(subset) :])


def apply() -> None:
    """Make reportlab write its ToUnicode maps with `to_unicode_cmap` (it looks the function up
    in its module each time it writes a font subset). Calling it again changes nothing."""
    ttfonts.makeToUnicodeCMap = to_unicode_cmap
