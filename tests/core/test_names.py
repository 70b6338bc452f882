"""A signer's name reads in the order their own script puts it."""

from __future__ import annotations

import pytest

from kiosk.core.names import display_name, family_name_first, greeting_name


@pytest.mark.parametrize(
    ("given", "family", "shown"),
    [
        ("小明", "王", "王小明"),  # Chinese
        ("さくら", "佐藤", "佐藤さくら"),  # Japanese: kanji family name, kana given name
        ("サクラ", "佐藤", "佐藤サクラ"),  # katakana
        ("지민", "김", "김지민"),  # Korean (Hangul)
        (" 小明 ", " 王", "王小明"),  # stray spaces from the keyboard
        ("小明", "", "小明"),  # one name only
        ("Anna", "Muster", "Anna Muster"),
        ("Олена", "Шевченко", "Олена Шевченко"),
        ("Nguyễn Thị", "Hương", "Nguyễn Thị Hương"),  # Vietnamese in Latin letters: as typed
        ("Anna", "王", "Anna 王"),  # scripts mixed: nothing to go by, as typed
        ("Sukarno", "", "Sukarno"),
        ("", "Muster", "Muster"),
    ],
)
def test_a_name_is_written_in_the_order_of_its_script(given, family, shown):
    assert display_name(given, family) == shown


def test_a_chinese_japanese_or_korean_name_is_greeted_whole_and_family_name_first():
    assert greeting_name("小明", "王") == "王小明"
    assert greeting_name("지민", "김") == "김지민"
    assert greeting_name("Anna", "Muster") == "Anna"  # "Thank you, Anna"
    assert greeting_name("", "Muster") == "Muster"


def test_only_han_kana_and_hangul_put_the_family_name_first():
    assert family_name_first("小明", "王")
    assert not family_name_first("Ελένη", "Παπαδοπούλου")
    assert not family_name_first("فاطمة", "العلوي")
    assert not family_name_first("", "")
