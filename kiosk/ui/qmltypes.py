"""`kiosk.qmltypes`: what qmllint knows of the Python types the screens bind to.

The QML declares `required property Session session` (and `IdleWatch`, `AdminController`), so
`pyside6-qmllint` checks every binding to them, once it is told their properties, signals and
slots. That description is made from the Python source the way `pyside6-project` makes it:
`pyside6-metaobjectdump` reads the `@QmlElement` classes into Qt's meta-type JSON, then
`pyside6-qmltyperegistrar` writes the `.qmltypes` that the module's `qmldir` names (`typeinfo`).
The file is committed, like the compiled translations; a test fails when it is out of date.

Regenerate after changing a property, signal or slot of those classes:

    .venv/bin/python -m kiosk.ui.qmltypes
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from kiosk.ui.app import QML_DIR

REPO = Path(__file__).resolve().parents[2]
SOURCES = (  # from REPO
    "kiosk/ui/session.py",
    "kiosk/ui/idle.py",
    "kiosk/ui/admin.py",
    "kiosk/ui/crash_notice.py",
)
MODULE = "Kiosk"  # the QML_IMPORT_NAME of every module in SOURCES
TARGET = QML_DIR / MODULE / "kiosk.qmltypes"


def _tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def _qt_core_metatypes() -> Path:
    """Qt Core's meta-types (QObject, the base of our types), shipped inside PySide6."""
    import PySide6

    return Path(PySide6.__file__).parent / "Qt" / "metatypes" / "qt6core_metatypes.json"


def generate() -> str:
    """The text of `kiosk.qmltypes` for the sources as they are now."""
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / "kiosk_metatypes.json"
        qmltypes = Path(work) / "kiosk.qmltypes"
        subprocess.run(
            [_tool("pyside6-metaobjectdump"), "-o", str(dump), *SOURCES],
            cwd=REPO,
            check=True,
            capture_output=True,
        )
        # The dump names each source by its absolute path: made relative to the repository,
        # the output is the same wherever the repository is checked out.
        entries = json.loads(dump.read_text(encoding="utf-8"))
        for entry in entries:
            entry["inputFile"] = Path(entry["inputFile"]).resolve().relative_to(REPO).as_posix()
        dump.write_text(json.dumps(entries), encoding="utf-8")
        subprocess.run(
            [
                _tool("pyside6-qmltyperegistrar"),
                "--generate-qmltypes",
                str(qmltypes),
                "-o",
                str(Path(work) / "registrations.cpp"),  # C++ for a plugin: not needed here
                "--import-name",
                MODULE,
                "--major-version",
                "1",
                "--minor-version",
                "0",
                f"--foreign-types={_qt_core_metatypes()}",
                str(dump),
            ],
            cwd=REPO,
            check=True,
            capture_output=True,
        )
        return qmltypes.read_text(encoding="utf-8")


def main() -> None:
    TARGET.write_text(generate(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(REPO)}")


if __name__ == "__main__":
    main()
