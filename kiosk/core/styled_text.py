"""A case's story for the screens: the project's own markup turned into text Qt shows safely.

Stories are written like the letters (`kiosk.core.letters.layout`): Markdown paragraphs, blank
lines between them, `**bold**` honoured. Everything else shows as written: `<img src=...>`,
`<h1>`, `<font>`, a Markdown image `![x](file:///...)` or an HTML entity in a case file are
characters on the screen, never markup Qt reads, so a case file can neither load a local file
nor change how the screen looks. The result is for QML's `Text.StyledText`, which knows only the
few tags written here.
"""

from __future__ import annotations

from html import escape


def styled(markdown: str) -> str:
    """`markdown` (paragraphs and **bold**) as StyledText: every character of the source that
    could be markup is escaped before the bold and paragraph tags are added."""
    paragraphs = []
    for block in markdown.strip().split("\n\n"):
        lines = [" ".join(line.split()) for line in block.strip().splitlines()]
        text = " ".join(line for line in lines if line)
        if not text:
            continue
        parts = text.split("**")
        spans = []
        for index, part in enumerate(parts):
            if index % 2 == 0:
                spans.append(escape(part, quote=False))
            elif index < len(parts) - 1:
                spans.append(f"<b>{escape(part, quote=False)}</b>")
            else:  # a ** never closed stays as written
                spans.append(escape("**" + part, quote=False))
        paragraphs.append("".join(spans))
    return "<br><br>".join(paragraphs)
