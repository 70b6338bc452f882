"""A case story reaches the screen as the project's own markup only: paragraphs and bold."""

from __future__ import annotations

from kiosk.core.styled_text import styled


def test_paragraphs_and_bold_are_kept():
    assert styled("One\nline.\n\nA **brave** woman.") == "One line.<br><br>A <b>brave</b> woman."


def test_tags_images_and_entities_in_a_case_file_stay_characters():
    source = '<img src="file:///x.png">Hi ![m](file:///m.png) <font size=9>&amp; <b>x</b>'
    assert styled(source) == (
        '&lt;img src="file:///x.png"&gt;Hi ![m](file:///m.png) &lt;font size=9&gt;&amp;amp; '
        "&lt;b&gt;x&lt;/b&gt;"
    )


def test_markup_inside_bold_is_escaped_too_and_an_unclosed_bold_stays_as_written():
    assert styled("**<i>x</i>** and **open") == "<b>&lt;i&gt;x&lt;/i&gt;</b> and **open"
