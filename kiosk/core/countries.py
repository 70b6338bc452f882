"""Countries a signer can live in, with their names in the language of the screen or the letter.

Babel's copy of the Unicode CLDR gives every country's name in every language we offer, so the
pick list on the form and the country line on the letter agree and need no translation files.
"""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError

# CLDR territory codes that are regions, placeholders or reserved codes outside ISO 3166-1,
# rather than countries a person lives in.
_NOT_COUNTRIES = frozenset(
    {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"}
)


@cache
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language)
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


@cache
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code (plus Kosovo's XK) a signer may choose."""
    names = _locale("en").territories
    return frozenset(c for c in names if len(c) == 2 and c.isalpha() and c not in _NOT_COUNTRIES)


def is_country(code: str) -> bool:
    """True when `code` (upper case) is a country a signer may choose."""
    return code in country_codes()


def country_name(code: str, language: str) -> str:
    """The name of country `code` in `language` ("CH", "de" -> "Schweiz"); the code if unknown."""
    return _locale(language).territories.get(code, code)


def countries_for(language: str, first: str | None = None) -> list[tuple[str, str]]:
    """(code, name) pairs sorted by name in `language`, with the event's country `first` on top."""
    locale = _locale(language)
    pairs = sorted(
        ((c, locale.territories.get(c, c)) for c in country_codes()),
        key=lambda pair: pair[1].casefold(),
    )
    if first in country_codes():
        pairs.sort(key=lambda pair: pair[0] != first)
    return pairs
