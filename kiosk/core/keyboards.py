"""The on-screen keyboard's layouts: which ones Qt ships, and which a visitor is offered.

A visitor on the French screen may have a Ukrainian, Greek or Arabic name. The keyboard offers,
through its globe key, the layout of the screen's language first, then those of the other
offered languages, then the stand's extra set (`keyboard.layouts`). The names are Qt Virtual
Keyboard's layout folders; Qt silently shows English for a name it does not know, so the setting
is checked against this list when the config is read (a UI test keeps the list equal to Qt's).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

# `VirtualKeyboardSettings.availableLocales` of the PySide6 wheel (6.12): the layouts compiled in.
SHIPPED_LAYOUTS = (
    "ar_AR", "bg_BG", "cs_CZ", "da_DK", "de_DE", "el_GR", "en_GB", "en_US", "es_ES", "es_MX",
    "et_EE", "fa_FA", "fi_FI", "fr_CA", "fr_FR", "he_IL", "hi_IN", "hr_HR", "hu_HU", "id_ID",
    "it_IT", "ja_JP", "ko_KR", "lv_LV", "ms_MY", "nb_NO", "nl_NL", "pl_PL", "pt_BR", "pt_PT",
    "ro_RO", "ru_RU", "sk_SK", "sl_SI", "sq_AL", "sr_SP", "sv_SE", "th_TH", "tr_TR", "uk_UA",
    "vi_VN", "zh_CN", "zh_TW",
)  # fmt: skip

# Where a language has several layouts, the one a European stand expects. Any other language
# takes its only layout; one Qt has no layout for gets the English one.
PREFERRED = {"en": "en_GB", "es": "es_ES", "fr": "fr_FR", "pt": "pt_PT", "zh": "zh_CN"}
FALLBACK = "en_GB"

# The stand's extra layouts by default: Cyrillic (Ukrainian, Russian), Greek, Arabic, Hebrew.
DEFAULT_EXTRA = ["uk_UA", "ru_RU", "el_GR", "ar_AR", "he_IL"]


def layout_for(language: str) -> str:
    """The keyboard layout of a screen language ("fr" -> "fr_FR"); English when Qt has none."""
    if language in PREFERRED:
        return PREFERRED[language]
    for layout in SHIPPED_LAYOUTS:
        if layout.split("_", 1)[0] == language:
            return layout
    return FALLBACK


def layouts_offered(language: str, offered: Iterable[str], extra: Iterable[str]) -> list[str]:
    """The layouts the globe key goes through, the screen language's first, each once."""
    layouts = [layout_for(language)]
    for layout in [*(layout_for(code) for code in offered), *extra]:
        if layout not in layouts:
            layouts.append(layout)
    return layouts


def unknown_layout(name: str) -> str | None:
    """Why `name` is not a layout Qt ships, with the likely one, or None when it is one."""
    if name in SHIPPED_LAYOUTS:
        return None
    language = name.replace("-", "_").split("_", 1)[0].lower()
    same_language = [layout for layout in SHIPPED_LAYOUTS if layout.startswith(language + "_")]
    guess = same_language or difflib.get_close_matches(name, SHIPPED_LAYOUTS, n=1)
    hint = f"did you mean '{guess[0]}'?" if guess else "e.g. 'uk_UA', 'el_GR' or 'ar_AR'"
    return f"'{name}' is not a keyboard layout Qt Virtual Keyboard ships; {hint}"
