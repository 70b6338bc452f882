"""Reading PDFs back the way a person would: their text, their pages, where each word sits."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree


def text_of(pdf: Path) -> str:
    """The text of the PDF as pdftotext reads it, in NFKC (Arabic comes out in joined forms)."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True)
    return unicodedata.normalize("NFKC", out.stdout.decode("utf-8"))


def flat_text(pdf: Path) -> str:
    """The text with all white space collapsed, for phrases that may wrap."""
    return " ".join(text_of(pdf).split())


def pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", out.stdout, re.M).group(1))


@dataclass(frozen=True)
class Word:
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: list[Word]


def words_of(pdf: Path) -> list[Page]:
    """Every word with its box (points from the top-left), page by page (`pdftotext -bbox`)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True)
    html = out.stdout.decode("utf-8")
    body = html[html.index("<doc>") : html.index("</doc>") + len("</doc>")]
    result = []
    root = ElementTree.fromstring(body)  # noqa: S314 - our own pdftotext output
    for page in (e for e in root.iter() if _local(e.tag) == "page"):
        words = [
            Word(
                unicodedata.normalize("NFKC", w.text or ""),
                *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")),
            )
            for w in page.iter()
            if _local(w.tag) == "word"
        ]
        result.append(Page(float(page.get("width")), float(page.get("height")), words))
    return result


def _local(tag: str) -> str:
    """An element's name without its namespace (pdftotext's versions differ in using one)."""
    return tag.rsplit("}", 1)[-1]


def find_word(page: Page, word: str) -> Word:
    """The box of `word`; right-to-left words may come out with their letters reversed."""
    for candidate in page.words:
        if word in (candidate.text, candidate.text[::-1]):
            return candidate
    raise AssertionError(f"{word!r} not on the page: {[w.text for w in page.words]}")


def same_line(page: Page, word: Word) -> Page:
    """The words on the same line as `word`, whatever font each is set in (fonts of other
    scripts sit a little higher or lower, so their boxes differ but overlap)."""
    middle = (word.y_min + word.y_max) / 2
    return Page(page.width, page.height, [w for w in page.words if w.y_min < middle < w.y_max])


def blue_ink_pixels(pdf: Path) -> int:
    """How many pixels of the first page, rendered at 50 dpi, are clearly blue (the colour of
    the drawn signature; black text and its grey edges are not)."""
    from PIL import Image

    out = subprocess.run(
        ["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png", str(pdf)],
        capture_output=True,
        check=True,
    )
    image = Image.open(io.BytesIO(out.stdout)).convert("RGB")
    return sum(1 for r, g, b in image.get_flattened_data() if b - r > 40 and b - g > 30)


def finished_pdfs(folder: Path) -> list[Path]:
    """The PDFs in `folder` that are written to the end (cups-pdf creates the file first and
    fills it while Ghostscript runs: a file that merely exists may have no page yet)."""
    done = []
    for pdf in sorted(folder.glob("*.pdf")):
        try:
            tail = pdf.read_bytes()[-64:]
        except FileNotFoundError:
            continue
        if tail.rstrip().endswith(b"%%EOF"):
            done.append(pdf)
    return done
