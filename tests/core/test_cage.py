"""The kiosk machine's display: cage's command line for each cage, turning the screen."""

from __future__ import annotations

import os
import pty

import pytest

from kiosk.core import cage
from kiosk.core.errors import UnavailableError

KIOSK = ["/opt/kiosk/venv/bin/python", "-m", "kiosk"]


@pytest.mark.parametrize(("rotation", "flags"), [(0, []), (90, ["-r"]), (270, ["-r"] * 3)])
def test_cage_0_1_4_turns_the_screen_with_one_r_per_quarter_turn(rotation, flags):
    command = cage.session_command(rotation, (0, 1, 4), KIOSK, ["--config", "/k.toml"])
    assert command == ["cage", "-d", *flags, "--", *KIOSK, "run", "--config", "/k.toml"]


@pytest.mark.parametrize("version", [(0, 1, 5), (0, 2, 0), (0, 3, 0)], ids=["0.1.5", "0.2", "0.3"])
def test_a_newer_cage_turns_the_outputs_from_inside_before_the_kiosk_starts(version):
    command = cage.session_command(180, version, KIOSK)
    assert "-r" not in command
    assert command[command.index("--") + 1 :] == [*KIOSK, "session", "--turn-outputs", "180"]
    assert cage.session_command(0, version, KIOSK) == ["cage", "-d", "--", *KIOSK, "run"]


def test_a_turned_kiosk_starts_under_ubuntu_24_04s_cage_which_has_no_r_option():
    # cage 0.1.5 stops at "-r" ("invalid option"): the unit would restart it for ever.
    command = cage.session_command(90, (0, 1, 5), KIOSK)
    assert "-r" not in command[: command.index("--")]


def test_the_installed_cage_says_its_version():
    assert cage.cage_version() >= (0, 1, 4)


def test_wlr_randr_outputs_are_the_unindented_lines():
    listing = 'HDMI-A-1 "Dell Inc. DELL P2419H (HDMI-A-1)"\n  Enabled: yes\n  Modes:\n' \
        '    1920x1080 px\nDSI-1 "(null) (null) (DSI-1)"\n  Enabled: yes\n'  # fmt: skip
    assert cage.output_names(listing) == ["HDMI-A-1", "DSI-1"]


def test_the_console_is_told_never_to_blank():
    controller, terminal = pty.openpty()
    try:
        cage.keep_console_awake(terminal)
        assert os.read(controller, 100) == cage.NO_CONSOLE_BLANKING
    finally:
        os.close(controller)
        os.close(terminal)


def test_nothing_is_written_where_there_is_no_terminal():
    reader, writer = os.pipe()
    try:
        cage.keep_console_awake(writer)
        os.close(writer)
        assert os.read(reader, 100) == b""
    finally:
        os.close(reader)


def test_a_screen_that_cannot_be_turned_says_what_wlr_randr_answered(tmp_path, monkeypatch):
    # No compositor here to answer: what a cage older than 0.1.5 (no output management) does.
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-nobody")
    with pytest.raises(UnavailableError) as raised:
        cage.turn_outputs(90)
    said = str(raised.value)
    assert "wlr-randr said" in said and "display" in said, said
    assert "not installed" not in said and "kiosk.rotation = 0" in said


def test_a_machine_without_wlr_randr_is_told_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(UnavailableError, match=r"not installed.*apt-get install wlr-randr"):
        cage.turn_outputs(270)
