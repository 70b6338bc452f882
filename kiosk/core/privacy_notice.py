"""The privacy notice a visitor opens from the form: which text, in which language, and where
the full notice is.

The organisation writes a short text per language (`organisation.privacy_notice`) and puts the
full notice on the web (`organisation.privacy_url`). A visitor should read it in the language
they chose; when the organisation has no text in it, the event's own language comes next, then
another language the stand offers, then any text at all: a notice in a neighbour's language is
still more than none. With no text in any language, `text` is empty and the screens say a
general sentence of their own, in the visitor's language, naming the organisation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class PrivacyNotice:
    """What the form's "How we protect your data" panel shows one visitor."""

    text: str  # the organisation's own short text; "" when it wrote none
    language: str  # the language of `text`; "" when there is none
    url: str  # the full notice's web address, shown as a QR code; "" when none

    @property
    def offered(self) -> bool:
        """Whether the form links to the notice: only when there is something to read or scan."""
        return bool(self.text or self.url)


def privacy_notice(
    texts: Mapping[str, str],
    url: str,
    language: str,
    default: str,
    offered: Iterable[str] = (),
) -> PrivacyNotice:
    """The notice for a visitor reading `language` at a stand whose own language is `default`
    and that offers `offered`: the first of these that has a text, then any text (in the order
    the organisation wrote them). Blank texts count as none."""
    written = {code: text.strip() for code, text in texts.items() if text.strip()}
    for code in (language, default, *offered, *written):
        if code in written:
            return PrivacyNotice(written[code], code, url.strip())
    return PrivacyNotice("", "", url.strip())
