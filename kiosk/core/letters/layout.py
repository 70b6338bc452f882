"""The letter: one A4 page, personalised from a stored signature, ready for a window envelope.

Layout follows DIN 5008 form B, which fits C5/6 and DL window envelopes: the addressee sits in the
window at 25 mm from the left and 45 mm from the top, under a one-line return address; fold marks
at 105 and 210 mm, a punch mark at 148.5 mm. The sender, the place and date in the letter's
language, the body from the case's template, the signer's drawn signature and name, a small QR
code to the case, and a discreet footer fill the rest. The body shrinks to fit if a long template
or name would run off the page: a letter is always one page.

A letter is rendered from the stored record and nothing else, with reportlab's invariant mode,
so a reprint is the same letter, byte for byte.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

import qrcode
from babel.dates import format_date
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepInFrame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from kiosk.core.cases import Case, fill
from kiosk.core.countries import country_name
from kiosk.core.letters import fonts
from kiosk.core.letters.markup import isolate, markup
from kiosk.core.signatures import Drawing, Signature

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = 25 * mm
RIGHT = 20 * mm
TEXT_WIDTH = PAGE_WIDTH - LEFT - RIGHT
INK = colors.HexColor("#1b2a6b")  # a ballpoint blue for the drawn signature
QUIET = colors.HexColor("#555555")

# Small texts of the letter itself; the case supplies the body. Unknown languages use English.
PHRASES = {
    "fr": {"place_date": "{town}, le {date}", "follow": "Suivre ce cas"},
    "de": {"place_date": "{town}, {date}", "follow": "Diesen Fall verfolgen"},
    "en": {"place_date": "{town}, {date}", "follow": "Follow this case"},
    "it": {"place_date": "{town}, {date}", "follow": "Segui questo caso"},
}
DATE_LOCALES = {"en": "en_GB"}  # day month year: read the same way everywhere in Europe


@dataclass(frozen=True)
class Letter:
    """What goes on one letter: the record, its case, and the event it was signed at."""

    signature: Signature
    case: Case
    event_name: str = ""

    @property
    def language(self) -> str:
        return self.case.letter_language_for(self.signature.language)

    def phrase(self, key: str) -> str:
        return PHRASES.get(self.language, PHRASES["en"])[key]

    @property
    def date_text(self) -> str:
        try:
            signed = datetime.fromisoformat(self.signature.signed_at.replace("Z", "+00:00"))
            local_day = signed.astimezone().date()  # the kiosk's own day, as the signer saw it
        except (ValueError, OverflowError):
            # A time no kiosk writes (year 0, month 99), kept in an older collector's database:
            # the letter shows it as stored rather than failing the whole export.
            return self.signature.signed_at
        return format_date(local_day, "long", locale=DATE_LOCALES.get(self.language, self.language))

    @property
    def country(self) -> str:
        return country_name(self.signature.country, self.language)

    def placeholders(self) -> dict[str, str]:
        s = self.signature
        values = {
            "name": s.full_name,
            "given_name": s.given_name,
            "family_name": s.family_name,
            "town": s.town,
            "postal_code": s.postal_code,
            "country": self.country,
            "date": self.date_text,
            "person": self.case.person,
        }
        return {key: isolate(value) for key, value in values.items()}


def _styles() -> dict[str, ParagraphStyle]:
    main = fonts.chain()[0].name
    return {
        "body": ParagraphStyle("body", fontName=main, fontSize=10.5, leading=14.5, spaceAfter=7),
        "small": ParagraphStyle("small", fontName=main, fontSize=9.5, leading=12.5),
        "sender": ParagraphStyle("sender", fontName=main, fontSize=9.5, leading=12.5, alignment=2),
        "return": ParagraphStyle("return", fontName=main, fontSize=7, leading=9, textColor=QUIET),
        "address": ParagraphStyle("address", fontName=main, fontSize=10.5, leading=13.5),
        "date": ParagraphStyle("date", fontName=main, fontSize=10.5, leading=14, alignment=2),
        "name": ParagraphStyle("name", fontName=main, fontSize=10.5, leading=14),
        "footer": ParagraphStyle("footer", fontName=main, fontSize=7, leading=9, textColor=QUIET),
        "caption": ParagraphStyle(
            "caption", fontName=main, fontSize=6.5, leading=8, alignment=1, textColor=QUIET
        ),
    }


def _lines(lines: Iterable[str], first: fonts.LoadedFont | None = None) -> str:
    return "<br/>".join(markup(line, first) for line in lines if line)


def _template_paragraphs(template: str, values: dict[str, str]) -> list[str]:
    """The case's letter body as paragraph markup, with the signer's values filled in.

    The template is Markdown paragraphs; `**bold**` is honoured. Markers are read in the
    template before any value is inserted, so a name with asterisks or tags stays plain text.
    """
    paragraphs = []
    for block in template.strip().split("\n\n"):
        lines = []
        for line in block.strip().splitlines():
            parts = line.split("**")
            spans = []
            for index, part in enumerate(parts):
                bold = index % 2 == 1 and index < len(parts) - 1
                text = fill(part, values) if index < len(parts) - 1 or index % 2 == 0 else part
                spans.append(markup(text, fonts.bold() if bold else None))
            lines.append("".join(spans))
        paragraphs.append("<br/>".join(lines))
    return paragraphs


class SignatureDrawing(Flowable):
    """The signer's finger-drawn strokes, as vector lines scaled into a box."""

    def __init__(self, drawing: Drawing, max_width: float, max_height: float) -> None:
        super().__init__()
        points = [p for stroke in drawing.strokes for p in stroke]
        self.x0 = min(x for x, _ in points)
        self.y0 = min(y for _, y in points)
        span_x = max(max(x for x, _ in points) - self.x0, 1.0)
        span_y = max(max(y for _, y in points) - self.y0, 1.0)
        self.scale = min(max_width / span_x, max_height / span_y)
        self.width, self.height = span_x * self.scale, span_y * self.scale
        self.drawing = drawing

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(1.1)
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        for stroke in self.drawing.strokes:
            path = canvas.beginPath()
            for i, (x, y) in enumerate(stroke):
                # Screen y grows downwards, PDF y upwards.
                px, py = (x - self.x0) * self.scale, self.height - (y - self.y0) * self.scale
                (path.moveTo if i == 0 else path.lineTo)(px, py)
            if len(stroke) == 1:
                path.lineTo(px + 0.5, py)
            canvas.drawPath(path, stroke=1, fill=0)


class SignatureImage(Flowable):
    """A signature given as a PNG image (imports, or kiosks that send pixels)."""

    def __init__(self, png: bytes, max_width: float, max_height: float) -> None:
        super().__init__()
        self.image = ImageReader(io.BytesIO(png))
        w, h = self.image.getSize()
        scale = min(max_width / w, max_height / h)
        self.width, self.height = w * scale, h * scale

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(self.image, 0, 0, self.width, self.height, mask="auto")


class PageDecoration(Flowable):
    """Everything at a fixed place on the page: sender, window address, marks, QR, footer.

    A zero-size flowable that draws at page coordinates, so that one document can hold many
    letters (the batch PDF) with each page decorated for its own signer.
    """

    def __init__(self, letter: Letter, styles: dict[str, ParagraphStyle]) -> None:
        super().__init__()
        self.letter = letter
        self.styles = styles

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def drawOn(self, canvas, x, y, _sW=0) -> None:  # noqa: N802, N803 - reportlab API
        canvas.saveState()
        self._marks(canvas)
        self._sender(canvas)
        self._window(canvas)
        self._qr(canvas)
        self._footer(canvas)
        canvas.restoreState()

    def _at(self, canvas, html: str, style: str, x: float, top: float, width: float) -> None:
        paragraph = Paragraph(html, self.styles[style])
        _, height = paragraph.wrap(width, PAGE_HEIGHT)
        paragraph.drawOn(canvas, x, PAGE_HEIGHT - top - height)

    def _marks(self, canvas) -> None:
        canvas.setStrokeColor(QUIET)
        canvas.setLineWidth(0.4)
        for top, length in ((105 * mm, 5 * mm), (148.5 * mm, 8 * mm), (210 * mm, 5 * mm)):
            canvas.line(4 * mm, PAGE_HEIGHT - top, 4 * mm + length, PAGE_HEIGHT - top)

    def _sender(self, canvas) -> None:
        s = self.letter.signature
        place = " ".join(isolate(p) for p in (s.postal_code, s.town) if p)
        html = "<br/>".join(
            [markup(s.full_name, fonts.bold()), markup(place), markup(self.letter.country)]
        )
        self._at(canvas, html, "sender", LEFT, 18 * mm, TEXT_WIDTH)

    def _window(self, canvas) -> None:
        s = self.letter.signature
        back = " · ".join(isolate(p) for p in (s.full_name, s.town, self.letter.country) if p)
        self._at(canvas, markup(back), "return", LEFT, 47 * mm, 80 * mm)
        lines = self.letter.case.addressee.block(self.letter.language)
        self._at(canvas, _lines(lines), "address", LEFT, 56 * mm, 80 * mm)

    def _qr(self, canvas) -> None:
        size, right, bottom = 20 * mm, PAGE_WIDTH - RIGHT, 14 * mm
        qr = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
        qr.add_data(self.letter.case.url)
        matrix = qr.get_matrix()
        cell = size / len(matrix)
        left = right - size
        canvas.setFillColor(colors.black)
        for row_index, row in enumerate(matrix):
            for col_index, dark in enumerate(row):
                if dark:
                    canvas.rect(
                        left + col_index * cell,
                        bottom + size - (row_index + 1) * cell,
                        cell,
                        cell,
                        stroke=0,
                        fill=1,
                    )
        caption = escape(self.letter.phrase("follow"))
        paragraph = Paragraph(caption, self.styles["caption"])
        _, height = paragraph.wrap(size + 10 * mm, 20 * mm)
        paragraph.drawOn(canvas, left - 5 * mm, bottom - height - 1.5 * mm)

    def _footer(self, canvas) -> None:
        s = self.letter.signature
        parts = [self.letter.case.person, self.letter.event_name or s.event_id, s.uuid[:8]]
        self._at(
            canvas,
            markup(" · ".join(p for p in parts if p)),
            "footer",
            LEFT,
            PAGE_HEIGHT - 14 * mm - 9,
            TEXT_WIDTH - 30 * mm,
        )


def _story(letter: Letter, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    s = letter.signature
    values = letter.placeholders()
    place_date = letter.phrase("place_date").format(town="{town}", date="{date}")
    content: list[Flowable] = [
        Paragraph(markup(fill(place_date, values)), styles["date"]),
        Spacer(1, 8 * mm),
    ]
    template = letter.case.letter_template(s.language)
    content += [Paragraph(p, styles["body"]) for p in _template_paragraphs(template, values)]
    content.append(Spacer(1, 3 * mm))
    if s.drawing is not None:
        content.append(SignatureDrawing(s.drawing, 55 * mm, 16 * mm))
    elif s.signature_png:
        content.append(SignatureImage(s.signature_png, 55 * mm, 16 * mm))
    else:
        content.append(Spacer(1, 10 * mm))
    content.append(Spacer(1, 1.5 * mm))
    content.append(Paragraph(markup(s.full_name), styles["name"]))
    return content


BODY_TOP = 97 * mm  # below the address window
BODY_BOTTOM = 40 * mm  # above the QR code and footer


def _flowables(letter: Letter, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    height = PAGE_HEIGHT - BODY_TOP - BODY_BOTTOM
    return [
        PageDecoration(letter, styles),
        KeepInFrame(TEXT_WIDTH, height, _story(letter, styles), mode="shrink"),
    ]


def render(letters: Iterable[Letter], title: str = "Letter") -> bytes:
    """One PDF with one page per letter (a single letter, or a batch for mailing)."""
    styles = _styles()
    story: list[Flowable] = []
    for letter in letters:
        if story:
            story.append(PageBreak())
        story += _flowables(letter, styles)
    if not story:
        raise ValueError("no letters to render")
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        title=title,
        author="",
        creator="kiosk",
        invariant=1,
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=BODY_TOP,
        bottomMargin=BODY_BOTTOM,
    )
    frame = Frame(
        LEFT,
        BODY_BOTTOM,
        TEXT_WIDTH,
        PAGE_HEIGHT - BODY_TOP - BODY_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="letter", frames=[frame])])
    doc.build(story)
    return out.getvalue()


def render_letter(signature: Signature, case: Case, event_name: str = "") -> bytes:
    """The PDF of one signer's letter."""
    return render([Letter(signature, case, event_name)], title=f"Letter - {case.person}")
