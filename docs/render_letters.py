"""Render the example letter in each language, and one with names in many scripts, as PNG.

The pictures in the README come from here; run it again after changing a letter or a case:

    .venv/bin/python docs/render_letters.py
"""

from __future__ import annotations

import dataclasses
import subprocess
import tempfile
from pathlib import Path

from kiosk.core.cases import load_cases
from kiosk.core.letters.layout import render_letter
from kiosk.core.sample import synthetic_signatures
from kiosk.core.signatures import SignerEntry, prepare

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "letters"

SIGNERS = {
    "fr": SignerEntry("Léa", "Dubois", "1003", "Lausanne", "CH", consents={"sign"}),
    "de": SignerEntry("Jürg", "Müller-Brändli", "8004", "Zürich", "CH", consents={"sign"}),
    "en": SignerEntry("Siobhán", "O'Connor", "D02 X285", "Dublin", "IE", consents={"sign"}),
    "scripts": SignerEntry("Олена Ἑλένη", "王秀英 כהן", "", "Κέρκυρα", "GR", consents={"sign"}),
    "arabic": SignerEntry("فاطمة", "العلوي", "10000", "الرباط", "MA", consents={"sign"}),
}


def main() -> None:
    case = load_cases(REPO / "cases").get("maryia-kalesnikava")
    # A drawn signature from the synthetic signers, so the pictures show ink as at the stand.
    drawing = next(iter(synthetic_signatures([case], 1, event_id="d", kiosk_id="d", seed=3)))
    OUT.mkdir(parents=True, exist_ok=True)
    for name, entry in SIGNERS.items():
        language = name if name in ("fr", "de", "en") else "en"
        entry = dataclasses.replace(entry, drawing=drawing.drawing)
        signature = prepare(
            entry,
            case,
            event_id="bern-2026",
            kiosk_id="kiosk-1",
            language=language,
            signed_at="2026-12-10T10:30:00.000000Z",
        )
        with tempfile.TemporaryDirectory() as folder:
            pdf = Path(folder) / "letter.pdf"
            pdf.write_bytes(render_letter(signature, case, "Briefmarathon Bern"))
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    "80",
                    "-png",
                    "-singlefile",
                    str(pdf),
                    str(OUT / f"letter-{name}"),
                ],
                check=True,
            )
        print(OUT / f"letter-{name}.png")


if __name__ == "__main__":
    main()
