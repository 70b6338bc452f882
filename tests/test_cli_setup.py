"""A volunteer sets a kiosk up for an event with `kiosk setup`: on the terminal, or from the
coordinator's file, with the printer chosen among the CUPS queues found.

Through the real `kiosk` command; the terminal is a real pseudo-terminal, so the command sees
what it sees at a kiosk's console, and the printers are queues of the private CUPS scheduler.
"""

from __future__ import annotations

import os
import pty
import stat
import subprocess
import sys
import termios
import tomllib
from pathlib import Path

from tests.conftest import run_kiosk

KIOSK = Path(sys.executable).with_name("kiosk")


def on_a_terminal(*args: str, answers: list[str], env: dict | None = None):
    """Run `kiosk ARGS` with a terminal as its input, typing `answers` one line each, then
    Ctrl+D (so a question asked once more than expected ends the run instead of hanging)."""
    main, terminal = pty.openpty()
    quiet = termios.tcgetattr(terminal)
    quiet[3] &= ~termios.ECHO  # the typed answers are not echoed back into our reading end
    termios.tcsetattr(terminal, termios.TCSANOW, quiet)
    process = subprocess.Popen(
        [str(KIOSK), *args],
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    os.close(terminal)
    try:
        os.write(main, "".join(f"{line}\n" for line in answers).encode() + b"\x04")
        out, err = process.communicate(timeout=120)
    finally:
        os.close(main)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def test_a_volunteer_answers_on_the_terminal_and_a_bad_answer_is_asked_again(tmp_path, pdf_printer):
    queue, _paper = pdf_printer
    config = tmp_path / "kiosk" / "config.toml"
    config.parent.mkdir()
    result = on_a_terminal(
        "setup",
        "--config",
        str(config),
        "--database",
        str(tmp_path / "s.db"),
        answers=[
            "bern 2026",  # refused: a space in an id
            "bern-2026",
            "Briefmarathon Bern",
            "kiosk-2",
            "Brother_in_the_office",  # refused: no such queue here
            queue,
            "email",  # refused: not a target
            "webhook",
            "ftp://laptop/records",  # refused: not a web address
            "http://127.0.0.1:8765/api/records",
            "",  # no pairing code: a token instead
            "",  # refused: the receiver needs a token
            "s3cret-token-from-the-coordinator",
        ],
    )
    out = result.stdout
    assert "Traceback" not in result.stderr
    assert f"1) {queue}" in out  # the CUPS queue is offered
    assert out.count("Not taken:") == 5, out
    assert "Pairing code from the coordinator" in out  # asked before the token, left empty
    assert "Event id (short" in out and "[stand]" in out  # the default is shown
    assert "Not taken: there is no print queue named 'Brother_in_the_office'" in out
    assert "Not taken: 'email' is not one of: none, webhook, osdi, folder" in out
    assert "Not taken: the receiver needs the access token" in out
    assert "s3cret-token-from-the-coordinator" not in out  # never shown
    settings = tomllib.loads(config.read_text())
    assert settings["event"] == {"id": "bern-2026", "name": "Briefmarathon Bern"}
    assert settings["kiosk"]["id"] == "kiosk-2"
    assert settings["printing"]["printer"] == queue
    assert settings["sync"]["url"] == "http://127.0.0.1:8765/api/records"
    token = Path(settings["sync"]["token_file"])
    assert token.read_text().strip() == "s3cret-token-from-the-coordinator"
    assert stat.S_IMODE(token.stat().st_mode) == 0o600
    assert "s3cret" not in config.read_text()
    assert "# Short id of the event, stored with every signature" in config.read_text()
    # Then kiosk doctor's result: no admin PIN yet, so not ready, and the fix is named.
    assert "[  ok] printer:" in out
    assert "[ FIX] admin PIN: no admin PIN" in out
    assert result.returncode == 1
    assert "The answers are saved in" in result.stderr and "Not ready: fix admin PIN" in (
        result.stderr
    )


def test_the_coordinators_file_sets_a_kiosk_up_and_keeps_the_comments_there(tmp_path, pdf_printer):
    queue, _paper = pdf_printer
    config = tmp_path / "config.toml"
    config.write_text('# Bern, stand 2\n[languages]\noffered = ["de", "fr"] # German first\n'
                      'default = "de"\n')  # fmt: skip
    pin = tmp_path / "pin.txt"
    pin.write_text("482916\n")
    assert (
        run_kiosk("admin", "set-pin", "--pin-file", str(pin), "--config", str(config)).returncode
        == 0
    )
    answers = tmp_path / "bern-kiosk-2.toml"
    answers.write_text(
        '[event]\nid = "bern-2026"\nname = "Briefmarathon Bern"\n[kiosk]\nid = "kiosk-2"\n'
        f'[printing]\nprinter = "{queue}"\n'
        '[sync]\ntarget = "webhook"\nurl = "http://192.168.1.20:8765/api/records"\n'
        'allow_http = true\ntoken = "s3cret-token-from-the-coordinator"\n'
    )
    result = run_kiosk(
        "setup", "--from", str(answers), "--config", str(config), "--database",
        str(tmp_path / "s.db"),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    text = config.read_text()
    assert text.startswith("# Bern, stand 2\n") and "# German first" in text
    settings = tomllib.loads(text)
    assert settings["sync"]["allow_http"] is True
    assert settings["printing"]["printer"] == queue
    assert settings["admin"]["pin_hash"]  # what was there stays
    assert "[  ok] sync: " in result.stdout and "[  ok] admin PIN: set" in result.stdout


def test_a_bad_answer_in_the_coordinators_file_is_named_and_nothing_is_written(
    tmp_path, pdf_printer
):
    config = tmp_path / "config.toml"
    config.write_text("# as it was\n")
    answers = tmp_path / "answers.toml"
    answers.write_text(
        '[event]\nid = "Bern 2026"\n[printing]\nprinter = "Brother"\n'
        '[sync]\ntarget = "webhook"\nurl = "https://example.org/api/records"\ntokn = "x"\n'
    )
    result = run_kiosk("setup", "--from", str(answers), "--config", str(config))
    assert result.returncode == 78
    assert f"{answers} [event.id]: String should match pattern" in result.stderr
    assert f"{answers} [printing.printer]: there is no print queue named 'Brother'" in (
        result.stderr
    )
    assert f"{answers} [sync.tokn]: not a question of kiosk setup; did you mean 'sync.token'?" in (
        result.stderr
    )
    assert f"{answers} [sync.token]: the receiver needs the access token" in result.stderr
    assert "Traceback" not in result.stderr
    assert config.read_text() == "# as it was\n"
    assert not (tmp_path / "sync-token").exists()


def test_without_a_terminal_or_a_file_setup_asks_nothing_and_says_how(tmp_path):
    config = tmp_path / "config.toml"
    result = run_kiosk("setup", "--config", str(config), input="bern-2026\n")
    assert result.returncode == 2
    assert "give the answers in a file with --from FILE" in result.stderr
    assert not config.exists()


def test_with_cups_not_running_the_printer_answer_says_so(tmp_path):
    answers = tmp_path / "answers.toml"
    answers.write_text('[printing]\nprinter = "Office"\n')
    result = run_kiosk(
        "setup", "--from", str(answers), "--config", str(tmp_path / "config.toml"),
        env={"CUPS_SERVER": str(tmp_path / "no-cups.sock")},
    )  # fmt: skip
    assert result.returncode == 78
    assert "there is no print queue named 'Office' here (found: none (The print service" in (
        result.stderr
    )
    assert "is not running" in result.stderr
