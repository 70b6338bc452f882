"""A touchscreen kiosk for letter-writing marathons of human-rights organisations."""


def __getattr__(name: str) -> str:
    # Looked up on first use: reading the installed metadata costs a command's start-up 25 ms.
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kiosk")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+source"
