"""The reportlab bug the letters work around, shown on the installed reportlab, and the fix."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from reportlab.pdfbase import ttfonts
from reportlab.pdfgen import canvas

from kiosk.core.letters import fonts, reportlab_fixes
from tests.pdftools import text_of

NAME = "Anna 🌻"  # U+1F33B, outside the Basic Multilingual Plane


def name_in_a_pdf(path: Path) -> Path:
    """`NAME` drawn in the letters' fonts (the emoji in the symbols font), as a letter does."""
    pdf = canvas.Canvas(str(path))
    x = 72
    for font, text in fonts.runs(NAME):
        pdf.setFont(font.name, 20)
        pdf.drawString(x, 700, text)
        x += pdf.stringWidth(text, font.name, 20)
    pdf.save()
    return path


@pytest.fixture
def reportlab_as_shipped(monkeypatch):
    """reportlab's own ToUnicode map for this test (put back after it)."""
    if fonts.font_for("🌻") is None:
        if os.environ.get("CI"):  # the set-up installs fonts-symbola: CI must run this
            pytest.fail("no font with the emoji is installed (fonts-symbola)")
        pytest.skip("no font with the emoji is installed (fonts-symbola)")
    monkeypatch.setattr(ttfonts, "makeToUnicodeCMap", reportlab_fixes.REPORTLAB_TO_UNICODE_CMAP)


def test_reportlab_alone_gives_an_emoji_in_a_name_back_as_another_character(
    reportlab_as_shipped, tmp_path
):
    text = text_of(name_in_a_pdf(tmp_path / "shipped.pdf"))
    assert "Anna" in text and "🌻" not in text  # still needed: drop the fix when this fails


def test_with_the_fix_an_emoji_in_a_name_copies_out_of_the_letter_as_typed(
    reportlab_as_shipped, tmp_path
):
    reportlab_fixes.apply()
    reportlab_fixes.apply()  # applied twice: still one fix, not a fix of a fix
    assert NAME in text_of(name_in_a_pdf(tmp_path / "fixed.pdf"))


def test_the_fix_writes_utf16_and_leaves_everything_else_as_reportlab_wrote_it():
    subset = [0x41, 0x1F33B]
    shipped = reportlab_fixes.REPORTLAB_TO_UNICODE_CMAP("F1", subset).splitlines()
    fixed = reportlab_fixes.to_unicode_cmap("F1", subset).splitlines()
    assert "<01> <1F33B>" in shipped  # five digits: read as U+1F33 and a stray B
    assert [line for line in fixed if line not in shipped] == ["<01> <D83CDF3B>"]
    assert [line for line in shipped if line not in fixed] == ["<01> <1F33B>"]
