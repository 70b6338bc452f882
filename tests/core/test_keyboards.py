"""The keyboard layouts a visitor is offered, and a stand's choice of them checked at start."""

import pytest

from kiosk.core.config import Settings, load_config
from kiosk.core.errors import ConfigError
from kiosk.core.keyboards import layout_for, layouts_offered


def test_by_default_the_globe_key_offers_latin_cyrillic_greek_arabic_and_hebrew():
    settings = Settings()
    layouts = layouts_offered("fr", settings.languages.offered, settings.keyboard.layouts)
    assert layouts == ["fr_FR", "de_DE", "en_GB", "uk_UA", "ru_RU", "el_GR", "ar_AR", "he_IL"]


def test_the_screen_language_layout_comes_first_and_none_twice():
    assert layouts_offered("de", ["fr", "de", "en"], ["de_DE", "el_GR", "el_GR"]) == [
        "de_DE",
        "fr_FR",
        "en_GB",
        "el_GR",
    ]


@pytest.mark.parametrize(
    ("language", "layout"),
    [("fr", "fr_FR"), ("en", "en_GB"), ("uk", "uk_UA"), ("el", "el_GR"), ("rm", "en_GB")],
)
def test_each_screen_language_gets_its_own_layout_or_the_english_one(language, layout):
    assert layout_for(language) == layout


@pytest.mark.parametrize(
    ("name", "hint"),
    [("uk", "did you mean 'uk_UA'?"), ("de_CH", "did you mean 'de_DE'?"), ("xx_YY", "e.g.")],
)
def test_a_layout_qt_does_not_ship_is_refused_with_the_likely_one(tmp_path, name, hint):
    path = tmp_path / "config.toml"
    path.write_text(f'[keyboard]\nlayouts = ["he_IL", "{name}"]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert caught.value.exit_code == 78
    assert "keyboard.layouts" in message and f"'{name}'" in message and hint in message
    assert "he_IL" not in message  # the good one is not blamed
