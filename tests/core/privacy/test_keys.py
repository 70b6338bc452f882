"""The organisation's key pair: short texts that refuse to be used when damaged."""

from __future__ import annotations

import stat

import pytest

from kiosk.core.config import parse_settings
from kiosk.core.errors import ConfigError, KeyFileError, KeyFileExistsError
from kiosk.core.privacy.keys import (
    PRIVATE_FILE,
    PUBLIC_FILE,
    new_key_pair,
    parse_public_key,
    read_private_key,
)


def test_a_new_key_pair_is_a_short_public_text_and_an_owner_only_private_file(tmp_path):
    public_path, private_path, public = new_key_pair(tmp_path / "keys")
    text = public_path.read_text().strip()
    assert text == public.text and text.startswith("kioskpk1_") and len(text) <= 64
    assert stat.S_IMODE(private_path.stat().st_mode) == 0o600
    private = read_private_key(private_path)
    assert private.id == public.id == parse_public_key(text).id


def test_new_keys_never_overwrite_a_private_key(tmp_path):
    _, private_path, _ = new_key_pair(tmp_path)
    before = private_path.read_bytes()
    (tmp_path / PUBLIC_FILE).unlink()
    with pytest.raises(KeyFileExistsError, match=PRIVATE_FILE):
        new_key_pair(tmp_path)
    assert private_path.read_bytes() == before
    assert not (tmp_path / PUBLIC_FILE).exists()


@pytest.mark.parametrize("cut", [1, 5, 20])
def test_a_public_key_cut_short_in_the_config_is_a_clear_config_error(tmp_path, cut):
    _, _, public = new_key_pair(tmp_path)
    with pytest.raises(ConfigError, match=r"privacy.public_key.*cut short.*copy it again"):
        parse_settings({"privacy": {"public_key": public.text[:-cut]}})


def test_a_mistyped_public_key_is_refused_by_its_checksum(tmp_path):
    _, _, public = new_key_pair(tmp_path)
    typo = public.text[:20] + ("A" if public.text[20] != "A" else "B") + public.text[21:]
    with pytest.raises(ConfigError, match="damaged"):
        parse_settings({"privacy": {"public_key": typo}})


def test_the_private_key_in_the_config_is_refused_for_what_it_is(tmp_path):
    _, private_path, _ = new_key_pair(tmp_path)
    private_text = private_path.read_text().splitlines()[-1]
    with pytest.raises(ConfigError, match="must start with 'kioskpk1_'"):
        parse_settings({"privacy": {"public_key": private_text}})


def test_the_public_key_given_as_a_private_key_file_says_so(tmp_path):
    public_path, _, _ = new_key_pair(tmp_path)
    with pytest.raises(KeyFileError, match="this is the public key"):
        read_private_key(public_path)


def test_a_private_key_file_saved_again_by_a_windows_editor_still_opens(tmp_path):
    _, private_path, public = new_key_pair(tmp_path)
    text = private_path.read_text(encoding="utf-8")
    resaved = tmp_path / "saved-by-notepad.txt"
    resaved.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert read_private_key(resaved).id == public.id


def test_osdi_delivery_is_refused_in_sealed_mode_with_the_way_round_it(tmp_path):
    _, _, public = new_key_pair(tmp_path)
    raw = {
        "privacy": {"public_key": public.text},
        "sync": {"target": "osdi", "url": "https://actionnetwork.org/api/v2"},
    }
    with pytest.raises(ConfigError, match=r"deliver to a collector.*kiosk decrypt"):
        parse_settings(raw)


def test_doctor_says_whether_personal_data_is_sealed_and_to_which_key(tmp_path):
    from kiosk.core.config import Config, Settings
    from kiosk.core.doctor import run_checks

    _, _, public = new_key_pair(tmp_path / "keys")
    sealed = Settings.model_validate(
        {"privacy": {"public_key": public.text}, "printing": {"mode": "off"}}
    )
    [note] = [
        c for c in run_checks(Config(sealed, None), tmp_path / "s.db") if c.name == "personal data"
    ]
    assert public.id.hex() in note.detail and "cannot be read on this kiosk" in note.detail
    [plain] = [
        c
        for c in run_checks(Config(Settings(), None), tmp_path / "s.db")
        if c.name == "personal data"
    ]
    assert "kept readable" in plain.detail and "kiosk keys new" in plain.detail
