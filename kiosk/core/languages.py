"""Whether the stand can speak every language it offers: screens and case texts alike.

A language offered without its screen translation shows English buttons; one without a case's
story and letter shows the story in the case's first language. Either way the visitor who chose
it gets a mix, so the kiosk refuses to start with such a gap and `kiosk doctor` names the files
that would close it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kiosk.core.cases import Case
from kiosk.core.errors import Problem

SCREEN_TRANSLATIONS = Path(__file__).resolve().parents[1] / "ui" / "i18n"
SOURCE_LANGUAGE = "en"  # the language the screens are written in (their qsTr() strings)


def screen_languages(folder: Path = SCREEN_TRANSLATIONS) -> list[str]:
    """The languages the screens are translated into (compiled `kiosk_<code>.qm` files)."""
    compiled = {path.stem.split("_", 1)[1] for path in folder.glob("kiosk_*.qm")}
    return sorted({SOURCE_LANGUAGE} | compiled)


def language_gaps(
    offered: Iterable[str],
    cases: Iterable[Case],
    *,
    screens: Iterable[str],
    source: str = "config",
) -> list[Problem]:
    """One problem per offered language the screens or an active case cannot speak, naming the
    files that are missing; `source` is the settings file that offers the languages."""
    offered, cases, screens = list(offered), list(cases), set(screens)
    problems = []
    for language in offered:
        if language not in screens:
            qm = SCREEN_TRANSLATIONS / f"kiosk_{language}.qm"
            problems.append(
                Problem(
                    source,
                    "languages.offered",
                    f"'{language}' is offered but the screens have no translation ({qm} is "
                    f"missing; translated: {', '.join(sorted(screens))}): remove '{language}' "
                    "or add the translation",
                )
            )
        for case in cases:
            if language not in case.languages:
                files = ", ".join(
                    str(case.folder / f"{kind}.{language}.md") for kind in ("story", "letter")
                )
                problems.append(
                    Problem(
                        source,
                        "languages.offered",
                        f"'{language}' is offered but case '{case.id}' has no text in it "
                        f"({files} and '{language}' in its case.toml languages): remove "
                        f"'{language}' or write the case's text",
                    )
                )
    return problems
