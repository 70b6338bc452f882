"""Reading the TOML files people edit by hand (the config, each case.toml), with one set of
plain reasons when a file cannot be read: not UTF-8, not TOML, or nested deeper than any real
file (Python's TOML reader recurses, and a hostile file would otherwise end in a traceback)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any


class UnreadableTomlError(ValueError):
    """A TOML file that cannot be read; the message says why and what to do."""


def load_toml(path: Path) -> dict[str, Any]:
    """The parsed contents of `path`, or UnreadableTomlError naming what is wrong."""
    try:
        # utf-8-sig: a byte-order mark (Windows Notepad's "UTF-8 with BOM") is read as nothing.
        return tomllib.loads(Path(path).read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise UnreadableTomlError("this file is not UTF-8 text: save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise UnreadableTomlError(f"this is not valid TOML: {exc}") from None
    except RecursionError:
        raise UnreadableTomlError(
            "its tables or lists are nested too deeply to be a real setting: check the file"
        ) from None
    except OSError as exc:
        raise UnreadableTomlError(f"this file cannot be read: {exc.strerror}") from None
