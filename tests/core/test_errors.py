"""One error system: every error the kiosk raises on purpose carries an exit code of `ExitCode`
and a kind the screens translate; the command line has no exit numbers of its own."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import kiosk
from kiosk.core.errors import ExitCode, KioskError

SOURCE = Path(kiosk.__file__).parent


def every_error() -> set[type[KioskError]]:
    for info in pkgutil.walk_packages(kiosk.__path__, "kiosk."):
        if ".ui" not in info.name and not info.name.endswith("__main__"):  # no Qt, no run
            importlib.import_module(info.name)
    found, todo = set(), [KioskError]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.add(sub)
            todo.append(sub)
    return found


def test_every_error_has_its_exit_code_and_a_kind_of_its_own():
    errors = every_error()
    assert len(errors) > 15
    for error in errors:
        assert isinstance(error.exit_code, ExitCode), error
        assert error.exit_code != ExitCode.OK, error
        assert error.kind != KioskError.kind, f"{error.__name__} has no kind of its own"


def test_the_command_line_exits_only_through_errors():
    tree = ast.parse((SOURCE / "cli.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        called = node.func if isinstance(node, ast.Call) else None
        if isinstance(called, ast.Attribute) and called.attr == "exit" and node.args:
            assert not isinstance(node.args[0], ast.Constant), ast.unparse(node)
        if isinstance(node, ast.Raise) and node.exc is not None:
            assert "ClickException" not in ast.unparse(node.exc), ast.unparse(node)
