"""The core runs without Qt: every module imports with PySide6 made impossible to import."""

import pkgutil
import subprocess
import sys

import kiosk.core

BLOCKER = """
import importlib.abc, sys
class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6'):
            raise ImportError(f'the core imported {name}')
sys.meta_path.insert(0, NoQt())
import importlib
for name in sys.argv[1:]:
    importlib.import_module(name)
print('imported', len(sys.argv) - 1)
"""


def core_modules() -> list[str]:
    return [m.name for m in pkgutil.walk_packages(kiosk.core.__path__, "kiosk.core.")]


def test_every_core_module_imports_without_qt():
    modules = core_modules()
    assert {"kiosk.core.records.store", "kiosk.core.cases", "kiosk.core.config"} <= set(modules)
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER, *modules], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"imported {len(modules)}"
