"""Fonts for letters in any script: found on the system, registered once, chosen per character.

reportlab embeds only TrueType-outline fonts, and no single free font covers Latin, Cyrillic,
Greek, Arabic, Hebrew and CJK. So the letter has a fallback chain: a serif for the letter's own
language first, then fonts for other scripts, and each run of a signer's name is set in the first
font of the chain that has its characters. The fonts come from Debian packages the set-up command
installs (`fonts-noto-core`, `fonts-dejavu-core`, `fonts-wqy-microhei`, `fonts-symbola`); they
are looked for where Debian and the user put fonts, and `kiosk doctor` says what is covered.
"""

from __future__ import annotations

import os
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kiosk.core.errors import ExitCode, KioskError
from kiosk.core.letters import reportlab_fixes

FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path.home() / ".fonts",
)


@dataclass(frozen=True)
class FontSpec:
    """A font the letters may use: the name it is registered under and files that provide it."""

    name: str
    files: tuple[str, ...]
    package: str
    subfont: int = 0


# The order is the fallback chain: the first font that has a character sets it.
CHAIN = (
    FontSpec("Letter-Serif", ("NotoSerif-Regular.ttf", "DejaVuSerif.ttf"), "fonts-noto-core"),
    FontSpec("Letter-Sans", ("NotoSans-Regular.ttf",), "fonts-noto-core"),
    FontSpec("Letter-Arabic", ("NotoSansArabic-Regular.ttf",), "fonts-noto-core"),
    FontSpec("Letter-Hebrew", ("NotoSansHebrew-Regular.ttf",), "fonts-noto-core"),
    FontSpec("Letter-CJK", ("wqy-microhei.ttc",), "fonts-wqy-microhei"),
    FontSpec("Letter-Armenian", ("NotoSansArmenian-Regular.ttf",), "fonts-noto-core"),
    FontSpec("Letter-Georgian", ("NotoSansGeorgian-Regular.ttf",), "fonts-noto-core"),
    FontSpec("Letter-Thai", ("NotoSansThai-Regular.ttf",), "fonts-noto-core"),
    FontSpec("Letter-Ethiopic", ("NotoSansEthiopic-Regular.ttf",), "fonts-noto-core"),
    FontSpec("Letter-DejaVu", ("DejaVuSans.ttf",), "fonts-dejavu-core"),
    FontSpec("Letter-Symbols", ("Symbola_hint.ttf", "Symbola.ttf"), "fonts-symbola"),
)
BOLD = FontSpec(
    "Letter-Serif-Bold", ("NotoSerif-Bold.ttf", "DejaVuSerif-Bold.ttf"), "fonts-noto-core"
)

# One sample character per script, to say in `kiosk doctor` which scripts letters can show.
SCRIPT_SAMPLES = {
    "Latin": "é",
    "Vietnamese": "ễ",
    "Cyrillic": "Ж",
    "Greek": "λ",
    "Arabic": "\ufee0",  # a joined (presentation) form, as letters draw it
    "Hebrew": "ש",
    "Chinese": "张",
    "Japanese kana": "さ",
    "Korean": "한",
    "Armenian": "Ա",
    "Georgian": "ა",
    "Thai": "ก",
    "Ethiopic": "ሀ",
    "Emoji (black and white)": "\U0001f600",
}

PACKAGES = tuple(dict.fromkeys(spec.package for spec in (*CHAIN, BOLD)))


class FontsMissing(KioskError):  # noqa: N818 - reads as the situation a volunteer meets
    """Not even one usable font is installed: letters cannot be made."""

    exit_code = ExitCode.UNAVAILABLE
    kind = "fonts"

    def __init__(self) -> None:
        super().__init__(
            "No font for the letters was found. Install them with: "
            f"sudo apt-get install {' '.join(PACKAGES)} (./packaging/setup.sh does this)."
        )


@dataclass(frozen=True)
class LoadedFont:
    name: str
    path: Path
    glyphs: frozenset[int]


@cache
def _font_files() -> dict[str, Path]:
    """Every font file under the usual folders, by file name (first found wins)."""
    found: dict[str, Path] = {}
    # KIOSK_FONT_DIRS replaces the usual folders: for a kiosk whose fonts live elsewhere, and
    # for checking what letters look like with fewer fonts.
    chosen = os.environ.get("KIOSK_FONT_DIRS")
    dirs = [Path(d) for d in chosen.split(os.pathsep) if d] if chosen else list(FONT_DIRS)
    for folder in dirs:
        if folder.is_dir():
            for path in sorted(folder.rglob("*.tt[fc]")):
                found.setdefault(path.name, path)
    return found


_lock = threading.Lock()
_loaded: dict[str, LoadedFont] = {}


def _load(spec: FontSpec) -> LoadedFont | None:
    if spec.name in _loaded:
        return _loaded[spec.name]
    files = _font_files()
    for filename in spec.files:
        path = files.get(filename)
        if path is None:
            continue
        font = TTFont(spec.name, str(path), subfontIndex=spec.subfont)
        pdfmetrics.registerFont(font)
        loaded = LoadedFont(spec.name, path, frozenset(font.face.charToGlyph))
        _loaded[spec.name] = loaded
        return loaded
    return None


@cache
def chain() -> tuple[LoadedFont, ...]:
    """The installed fonts of the chain, registered with reportlab (once per process)."""
    with _lock:
        reportlab_fixes.apply()  # before any font subset is written into a PDF
        fonts = tuple(f for f in (_load(spec) for spec in CHAIN) if f is not None)
        if not fonts:
            raise FontsMissing
        # Keep reportlab's built-in Helvetica out of every PDF: it is not embedded.
        rl_config.canvas_basefontname = fonts[0].name
        return fonts


@cache
def bold() -> LoadedFont:
    """The bold face of the main font, or the main font where no bold is installed."""
    fonts = chain()  # registered first (and outside the lock, which chain() takes itself)
    with _lock:
        return _load(BOLD) or fonts[0]


def font_for(ch: str, preferred: LoadedFont | None = None) -> LoadedFont | None:
    """The font that sets `ch`: `preferred` if it has it, else the first in the chain that does."""
    code = ord(ch)
    if preferred is not None and code in preferred.glyphs:
        return preferred
    for font in chain():
        if code in font.glyphs:
            return font
    return None


def runs(text: str, first: LoadedFont | None = None) -> list[tuple[LoadedFont, str]]:
    """Split `text` into (font, text) runs, each set in one font of the chain.

    Spaces, punctuation and combining marks stay in the current run when its font has them, so a
    name is not cut into needless pieces. Invisible format characters (joiners) that no font
    draws are dropped rather than printed as empty boxes; any other character no font has is
    kept in the main font (it prints as a box, but the text stays copyable).
    """
    result: list[tuple[LoadedFont, list[str]]] = []
    main = first or chain()[0]
    for ch in text:
        current = result[-1][0] if result else None
        neutral = not unicodedata.category(ch).startswith(("L", "N"))
        font = font_for(ch, current if neutral else None)
        if font is None and current is not None and ord(ch) in current.glyphs:
            font = current
        if font is None:
            if unicodedata.category(ch) == "Cf":
                continue
            font = current or main
        if current is font:
            result[-1][1].append(ch)
        else:
            result.append((font, [ch]))
    return [(font, "".join(chars)) for font, chars in result]


def coverage() -> dict[str, str | None]:
    """For each script, the font file that prints it, or None when no installed font does."""
    report: dict[str, str | None] = {}
    for script, sample in SCRIPT_SAMPLES.items():
        font = font_for(sample)
        report[script] = font.path.name if font else None
    return report


def missing_packages(fonts: Iterable[LoadedFont] | None = None) -> list[str]:
    """Debian packages of the chain whose fonts are not installed."""
    have = {f.name for f in (fonts if fonts is not None else chain())}
    return list(dict.fromkeys(spec.package for spec in CHAIN if spec.name not in have))
