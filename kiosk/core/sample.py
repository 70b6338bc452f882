"""Realistic made-up signatures, for training volunteers, demos, screenshots and benchmarks.

The names are common first and family names of many languages and scripts, paired at random, so
that every screen, letter and export is exercised with the kind of names a real stand sees.
Nothing here describes a real signer.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from kiosk.core.cases import Case
from kiosk.core.signatures import Drawing, Signature, SignerEntry, format_utc, prepare

# (UI language, country, [(given names)], [(family names)], [(postal code, town)])
PEOPLE = [
    (
        "fr",
        "CH",
        ["Léa", "Noé", "Chloé", "Loïc", "Anaïs", "Jérôme", "Maëlle", "Théo"],
        ["Rochat", "Favre", "Müller-Dubois", "Perret", "N'Diaye", "D'Amico", "Bonvin"],
        [("1003", "Lausanne"), ("1201", "Genève"), ("2000", "Neuchâtel"), ("1950", "Sion")],
    ),
    (
        "fr",
        "FR",
        ["Élodie", "François", "Inès", "Mathéo", "Zoé", "Amandine"],
        ["Lefèvre", "Garçon", "Mercier", "Benaïssa", "Le Gall"],
        [("75011", "Paris"), ("69003", "Lyon"), ("13001", "Marseille"), ("59000", "Lille")],
    ),
    (
        "de",
        "CH",
        ["Jürg", "Käthi", "Reto", "Anna-Lena", "Beat", "Ursula", "Lukas"],
        ["Müller", "Schäfer", "Zürcher", "Hämmerli", "von Känel", "Brunner"],
        [("8004", "Zürich"), ("3011", "Bern"), ("4051", "Basel"), ("6003", "Luzern")],
    ),
    (
        "de",
        "DE",
        ["Jörg", "Sören", "Grete", "Mia", "Özlem", "Maximilian"],
        ["Groß", "Weiß", "Köhler", "Yılmaz", "Schmidt"],
        [("10115", "Berlin"), ("80331", "München"), ("50667", "Köln"), ("01067", "Dresden")],
    ),
    (
        "en",
        "GB",
        ["Siobhan", "Oliver", "Aoife", "Rhys", "Priya", "Seán"],
        ["O'Brien", "Smith", "Ní Bhriain", "Patel", "Llewellyn", "McAllister"],
        [("EH1 1YZ", "Edinburgh"), ("CF10 1AA", "Cardiff"), ("M1 1AE", "Manchester")],
    ),
    (
        "en",
        "UA",
        ["Олена", "Андрій", "Оксана", "Ґанна"],
        ["Шевченко", "Коваленко", "Бондар"],
        [("01001", "Київ"), ("79000", "Львів")],
    ),
    (
        "en",
        "GR",
        ["Ελένη", "Γιώργος", "Μαρία"],
        ["Παπαδοπούλου", "Οικονόμου"],
        [("10552", "Αθήνα"), ("54624", "Θεσσαλονίκη")],
    ),
    (
        "fr",
        "MA",
        ["فاطمة", "محمد", "Yasmine", "Karim"],
        ["العلوي", "Benjelloun", "الإدريسي"],
        [("10000", "الرباط"), ("20000", "Casablanca")],
    ),
    (
        "en",
        "IL",
        ["נועה", "דוד", "Tamar"],
        ["כהן", "לוי", "Friedman"],
        [("6100000", "תל אביב-יפו"), ("9100000", "ירושלים")],
    ),
    (
        "en",
        "CN",
        ["伟", "秀英", "Mei"],
        ["王", "李", "张"],
        [("100000", "北京"), ("200000", "上海")],
    ),
    (
        "en",
        "JP",
        ["さくら", "翔太", "Yui"],
        ["佐藤", "鈴木", "高橋"],
        [("100-0001", "東京"), ("530-0001", "大阪")],
    ),
    (
        "en",
        "VN",
        ["Nguyễn Thị", "Trần Văn", "Lê Thị"],
        ["Hương", "Đức", "Phương"],
        [("100000", "Hà Nội"), ("700000", "Thành phố Hồ Chí Minh")],
    ),
    (
        "de",
        "TR",
        ["Ayşe", "Çağrı", "İbrahim"],
        ["Öztürk", "Şahin", "Kılıç"],
        [("34000", "İstanbul"), ("06000", "Ankara")],
    ),
]

MAIL_DOMAINS = ["example.org", "example.net", "example.com"]


def _drawing(rng: random.Random) -> Drawing:
    """A made-up hand-written signature: one or two cursive strokes of loops and a flourish."""
    width, height = 600.0, 200.0
    strokes = []
    x = rng.uniform(30, 70)
    for _ in range(rng.randint(1, 2)):
        loops = rng.randint(3, 6)
        size = rng.uniform(22, 38)
        slant = rng.uniform(0.15, 0.35)
        stroke = []
        steps = loops * 14
        for i in range(steps + 1):
            t = i / 14 * 2 * math.pi
            y = height / 2 - size * math.sin(t) * (0.6 + 0.4 * math.sin(t / loops))
            px = (
                x + i * rng.uniform(2.6, 3.4) + size * 0.45 * math.cos(t) + slant * (height / 2 - y)
            )
            stroke.append((round(min(width, max(0.0, px)), 1), round(min(height, max(0.0, y)), 1)))
        strokes.append(tuple(stroke))
        x = stroke[-1][0] + rng.uniform(18, 35)
    flourish_y = height / 2 + rng.uniform(35, 55)
    start_x = rng.uniform(20, 60)
    strokes.append(
        tuple(
            (round(min(width, start_x + i * 12.0), 1), round(flourish_y + 4 * math.sin(i / 3), 1))
            for i in range(int((x - start_x) / 12))
        )
    )
    return Drawing(width, height, tuple(s for s in strokes if s))


def synthetic_signatures(
    cases: list[Case],
    count: int,
    *,
    event_id: str,
    kiosk_id: str,
    seed: int | None = None,
    day: date | None = None,
) -> Iterator[Signature]:
    """Yield `count` checked signatures spread over the local opening hours (10–18 h) of `day`."""
    rng = random.Random(seed)  # noqa: S311 - made-up data, repeatable from a seed on purpose
    start = datetime.combine(day or date.today(), time(9)).astimezone()
    for _ in range(count):
        language, country, givens, families, places = rng.choice(PEOPLE)
        case = rng.choice(cases)
        postal_code, town = rng.choice(places)
        given = rng.choice(givens)
        family = rng.choice(families) if rng.random() > 0.03 else ""  # a few single names
        consents = {c.id for c in case.consents if c.required}
        email = ""
        optional = [c for c in case.consents if not c.required]
        if optional and rng.random() < 0.4:
            chosen = rng.choice(optional)
            consents.add(chosen.id)
            if chosen.requires_email:
                email = f"signer{rng.randrange(10**6)}@{rng.choice(MAIL_DOMAINS)}"
        moment = start + timedelta(seconds=rng.uniform(3600, 9 * 3600))
        yield prepare(
            SignerEntry(
                given_name=given,
                family_name=family,
                postal_code=postal_code,
                town=town,
                country=country,
                email=email,
                consents=consents,
                drawing=_drawing(rng) if rng.random() < 0.6 else None,
                wants_letter=rng.random() < 0.9,
            ),
            case,
            event_id=event_id,
            kiosk_id=kiosk_id,
            language=case.language_for(language),
            signed_at=format_utc(moment),
        )
