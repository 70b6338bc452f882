"""Every signer gets a one-page letter with their name printed right, whatever their script."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from kiosk.core.letters.layout import Letter, render, render_letter
from kiosk.core.names import display_name
from kiosk.core.records.store import Store
from kiosk.core.signatures import prepare
from tests.conftest import anna
from tests.pdftools import (
    blue_ink_pixels,
    find_word,
    flat_text,
    pages,
    same_line,
    text_of,
    words_of,
)

CONTEXT = {"event_id": "zurich-2026", "kiosk_id": "kiosk-test"}
MM = 72 / 25.4


def letter_for(case, tmp_path: Path, language: str = "fr", **changes) -> Path:
    signature = prepare(anna(**changes), case, language=language, **CONTEXT)
    path = tmp_path / f"letter-{language}.pdf"
    path.write_bytes(render_letter(signature, case, "Briefmarathon Zürich"))
    return path


@pytest.mark.parametrize(
    ("language", "place_date", "salutation", "country"),
    [
        ("fr", "Zürich, le", "Monsieur le Ministre,", "Suisse"),
        ("de", "Zürich,", "Sehr geehrter Herr Minister,", "Schweiz"),
        ("en", "Zürich,", "Dear Minister,", "Switzerland"),
    ],
)
def test_the_example_letter_in_each_language(
    case, tmp_path, language, place_date, salutation, country
):
    pdf = letter_for(case, tmp_path, language)
    text = flat_text(pdf)
    assert pages(pdf) == 1
    assert "Anna Keller 8004 Zürich " + country in text  # the sender
    for line in case.addressee.block(language):
        assert line in text
    assert place_date in text and salutation in text
    assert f"Zürich ({country})" in text or f"Zürich, {country}" in text  # the template's {town}
    assert "Maryia Kalesnikava" in text and "Briefmarathon Zürich" in text


def test_the_date_is_written_in_the_letters_language(case, tmp_path):
    signed_at = "2026-12-10T10:30:00.000000Z"
    for language, expected in (
        ("fr", "10 décembre 2026"),
        ("de", "10. Dezember 2026"),
        ("en", "10 December 2026"),
    ):
        signature = prepare(anna(), case, language=language, signed_at=signed_at, **CONTEXT)
        assert Letter(signature, case).date_text == expected


NAMES = {
    "vietnamese": ("Nguyễn Thị", "Hương", "Hà Nội", "VN"),
    "cyrillic": ("Олена", "Шевченко", "Київ", "UA"),
    "greek": ("Ελένη", "Παπαδοπούλου", "Αθήνα", "GR"),
    "chinese": ("秀英", "王", "北京", "CN"),
    "japanese": ("さくら", "佐藤", "東京", "JP"),
    "korean": ("지민", "김", "서울", "KR"),
    "markup": (
        '<img src="file:///etc/passwd"/>',
        "<font color=red>&amp;</font>",
        "<a href='x'>",
        "CH",
    ),
    "ampersand": ("Anna & Co", "Müller-Lüdenscheidt", "A&B <b>", "DE"),
    "single name": ("Sukarno", "", "Jakarta", "ID"),
    "emoji": ("Anna 🌻", "Keller", "Zürich", "CH"),
    "mixed scripts": ("Anna Олена 秀英", "Keller-Παπα", "Zürich", "CH"),
}


@pytest.mark.parametrize("kind", list(NAMES))
def test_any_name_prints_as_itself_on_one_page(case, tmp_path, kind):
    given, family, town, country = NAMES[kind]
    pdf = letter_for(
        case,
        tmp_path,
        given_name=given,
        family_name=family,
        town=town,
        country=country,
        postal_code="",
    )
    text = flat_text(pdf)
    assert pages(pdf) == 1
    full = unicodedata.normalize("NFKC", display_name(given, family))
    assert full in text
    assert unicodedata.normalize("NFKC", town) in text


@pytest.mark.parametrize(
    ("given", "family", "signed"),
    [("秀英", "王", "王秀英"), ("さくら", "佐藤", "佐藤さくら"), ("지민", "김", "김지민")],
)
def test_a_chinese_japanese_or_korean_name_is_signed_family_name_first(
    case, tmp_path, given, family, signed
):
    pdf = letter_for(case, tmp_path, given_name=given, family_name=family)
    text = flat_text(pdf)
    assert text.count(signed) >= 2  # the sender's address and the signature under the letter
    assert f"{given} {family}" not in text


def test_markup_in_a_name_is_printed_not_obeyed(case, tmp_path):
    pdf = letter_for(case, tmp_path, given_name='<img src="file:///etc/passwd"/>')
    data = pdf.read_bytes()
    assert b"/Subtype /Image" not in data  # no picture was pulled in from a path
    assert "root:" not in text_of(pdf)


@pytest.mark.parametrize(
    ("given", "family", "town", "country"),
    [
        ("فاطمة", "العلوي", "الرباط", "MA"),
        ("נועה", "כהן", "תל אביב-יפו", "IL"),
    ],
)
def test_right_to_left_names_read_in_the_right_order(case, tmp_path, given, family, town, country):
    pdf = letter_for(
        case, tmp_path, given_name=given, family_name=family, town=town, country=country
    )
    [page] = words_of(pdf)
    # The closing name is the lowest line naming the signer: read right to left, the given name
    # comes first, so it lies to the right of the family name.
    given_box = max(
        (w for w in page.words if given in (w.text, w.text[::-1])), key=lambda w: w.y_min
    )
    family_box = find_word(same_line(page, given_box), family)
    assert given_box.x_min > family_box.x_max


def test_a_name_mixing_directions_keeps_each_part_in_place(case, tmp_path):
    pdf = letter_for(case, tmp_path, given_name="Anna", family_name="כהן לוי")
    [page] = words_of(pdf)
    line = same_line(page, find_word(page, "Anna"))
    anna_box, cohen, levi = (find_word(line, w) for w in ("Anna", "כהן", "לוי"))
    assert anna_box.x_max < levi.x_min < cohen.x_min  # Anna, then the Hebrew read right to left


@pytest.mark.parametrize("kind", ["longest names", "longest town", "long words"])
def test_nothing_runs_off_the_page(case, tmp_path, kind):
    changes = {
        "longest names": {
            "given_name": "Wolfeschlegelsteinhausen " * 3,
            "family_name": "Bergerdorffschleimacher " * 3,
        },
        "longest town": {"town": "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"},
        "long words": {"given_name": "X" * 80, "family_name": "Y" * 80},
    }[kind]
    pdf = letter_for(case, tmp_path, **{k: v.strip() for k, v in changes.items()})
    [page] = words_of(pdf)
    assert pages(pdf) == 1
    for word in page.words:
        assert word.x_min >= 10 * MM and word.x_max <= page.width - 10 * MM, word
        assert word.y_min >= 10 * MM and word.y_max <= page.height - 8 * MM, word


def test_a_reprint_is_the_same_letter_byte_for_byte(case, tmp_path):
    signature = prepare(
        anna(drawing={"width": 300, "height": 100, "strokes": [[[10, 50], [80, 20], [150, 70]]]}),
        case,
        language="de",
        **CONTEXT,
    )
    with Store(tmp_path / "s.db") as store:
        store.record(signature, print_letter=True)
        stored = store.get(signature.uuid)
    assert render_letter(stored, case) == render_letter(signature, case)


def test_a_drawn_signature_is_printed_as_ink_above_the_name(case, tmp_path):
    plain = letter_for(case, tmp_path, "en")
    signed = letter_for(
        case,
        tmp_path / "..",
        "en",
        drawing={
            "width": 300,
            "height": 100,
            "strokes": [[[10, 50], [80, 20], [150, 70], [290, 40]]],
        },
    )
    assert blue_ink_pixels(plain) == 0
    assert blue_ink_pixels(signed) > 20
    [page] = words_of(signed)
    closing_name = max((w for w in page.words if w.text == "Keller"), key=lambda w: w.y_min)
    assert closing_name.y_min > 150 * MM  # the name closes the letter, under the ink


def test_many_letters_make_one_pdf_with_a_page_each(case, tmp_path):
    people = [("Anna", "Keller"), ("Олена", "Шевченко"), ("秀英", "王")]
    batch = render(
        [
            Letter(prepare(anna(given_name=g, family_name=f), case, language="de", **CONTEXT), case)
            for g, f in people
        ]
    )
    pdf = tmp_path / "batch.pdf"
    pdf.write_bytes(batch)
    assert pages(pdf) == 3
    for (given, family), page in zip(people, words_of(pdf), strict=True):
        text = " ".join(w.text for w in page.words)
        assert display_name(given, family) in text  # 王秀英: one word, family name first


def test_a_right_to_left_town_does_not_pull_the_date_into_its_run(case, tmp_path):
    signed_at = "2026-12-10T10:30:00.000000Z"
    signature = prepare(
        anna(town="الرباط", country="MA"), case, language="en", signed_at=signed_at, **CONTEXT
    )
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(render_letter(signature, case))
    [page] = words_of(pdf)
    december = find_word(page, "December")
    line = same_line(page, december)
    town = next(w for w in line.words if w.text.strip(",") in ("الرباط", "الرباط"[::-1]))
    day = find_word(line, "10")
    assert town.x_max < day.x_min < december.x_min  # "الرباط, 10 December 2026"
