"""A touchscreen kiosk for letter-writing marathons of human-rights organisations."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """`kiosk.__version__`, read from the installed package's metadata when first asked for:
    reading it costs every `kiosk` command some 50 ms of its start, and few commands say it."""
    if name != "__version__":
        raise AttributeError(f"module 'kiosk' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("kiosk")
    except PackageNotFoundError:  # running from a source tree that was never installed
        found = "0.0.0+source"
    globals()["__version__"] = found
    return found
