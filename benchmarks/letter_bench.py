"""How fast the kiosk makes letters, next to reportlab drawing one line on a page.

A signer's letter is rendered when it is printed (in the background) and for the preview before
confirming, so one letter must take a fraction of a second; a coordinator's batch PDF of a day's
letters must not take minutes. Goal: at least 20 letters per second.

Three contenders, measured in the same run on the same signatures (synthetic, several scripts):
- one letter at a time (`render_letter`, a PDF per signer, as the print queue does);
- a batch of N letters in one PDF (`render`, as `kiosk letters` does);
- the baseline: a bare reportlab canvas page with one line of text in the same embedded font,
  one PDF per page. The ratio says what the letter's layout, fonts and QR code cost.

    .venv/bin/python benchmarks/letter_bench.py [--count 1000]
"""

from __future__ import annotations

import argparse
import io
import platform
import statistics
import time
from datetime import date
from pathlib import Path

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from kiosk.core.cases import load_cases
from kiosk.core.letters import fonts
from kiosk.core.letters.layout import Letter, render, render_letter
from kiosk.core.sample import synthetic_signatures

REPO = Path(__file__).resolve().parents[1]
GOAL_PER_SECOND = 20.0


def bare_page(text: str, font: str) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=1)
    canvas.setFont(font, 11)
    canvas.drawString(72, 770, text)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def timed(function, items) -> list[float]:
    times = []
    for item in items:
        start = time.perf_counter()
        function(item)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()

    case = load_cases(REPO / "cases").get("maryia-kalesnikava")
    signatures = list(
        synthetic_signatures([case], args.count, event_id="bench", kiosk_id="bench", seed=7)
    )
    font = fonts.chain()[0].name
    # Warm up both paths: font registration, imports, caches (a kiosk does this once a day).
    for signature in signatures[:20]:
        render_letter(signature, case)
        bare_page(signature.full_name, font)

    one = timed(lambda s: render_letter(s, case, "Bench"), signatures)
    bare = timed(lambda s: bare_page(s.full_name, font), signatures)
    start = time.perf_counter()
    batch_pdf = render([Letter(s, case, "Bench") for s in signatures], title="Batch")
    batch_seconds = time.perf_counter() - start

    def row(name: str, times: list[float]) -> str:
        ordered = sorted(times)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        return (
            f"| {name} | {len(times)} | {len(times) / sum(times):,.0f} | "
            f"{statistics.median(times) * 1000:.1f} | {p99 * 1000:.1f} |"
        )

    per_second = len(one) / sum(one)
    print(
        f"{date.today()}, Python {platform.python_version()}, reportlab {reportlab.Version}, "
        f"{platform.system()} {platform.machine()}, 20 warm-up letters not counted\n"
    )
    print("| contender | N | per second | p50 ms | p99 ms |")
    print("|---|--:|--:|--:|--:|")
    print(row("letter, one PDF each (`render_letter`)", one))
    print(row("bare canvas page, one line (baseline)", bare))
    print(
        f"| batch of {len(signatures)} letters in one PDF (`render`) | {len(signatures)} | "
        f"{len(signatures) / batch_seconds:,.0f} | – | – |"
    )
    print()
    ratio = statistics.median(one) / statistics.median(bare)
    print(f"letter ÷ bare page (p50): {ratio:.1f}x")
    print(f"batch PDF: {len(batch_pdf) / 1e6:.1f} MB, {batch_seconds:.1f} s")
    verdict = "met" if per_second >= GOAL_PER_SECOND else "NOT met"
    print(f"goal at least {GOAL_PER_SECOND:.0f} letters per second: {verdict} ({per_second:.0f}/s)")


if __name__ == "__main__":
    main()
