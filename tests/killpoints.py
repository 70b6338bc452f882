"""An export killed at each of its file steps, for the tests that an export set is complete or
absent whatever the moment.

A child process runs the real `export` on a real database; after each step that changes the
disk (a file written into the staging folder, a file moved into place) it reports the step on
its stdout and waits for the parent's go on its stdin. The parent lets it run to step N and
SIGKILLs it there: every step is a kill point, none left to chance. (crashlib.py kills at random
moments; here the moments that matter are few and short, so each is taken in turn.)

The parent half (`kill_export_at`) is imported by the tests; the child half runs when this file
is executed as a script:

    python tests/killpoints.py DATABASE OUTPUT FORMAT
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
from pathlib import Path

STEP = "step"
DONE = "done"


def kill_export_at(database: Path, output: Path, fmt: str, step: int) -> int:
    """Run an export in a child and SIGKILL it after its `step`-th step (counted from 1); the
    number of steps it took, which is less than `step` when it finished first."""
    child = subprocess.Popen(
        [sys.executable, __file__, str(database), str(output), fmt],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    taken = 0
    try:
        for line in child.stdout:
            if line.startswith(DONE):
                break
            taken += 1
            if taken == step:
                child.send_signal(signal.SIGKILL)
                break
            child.stdin.write("go\n")
            child.stdin.flush()
    finally:
        child.kill()
        _, errors = child.communicate(timeout=60)
    if child.returncode not in (0, -signal.SIGKILL):
        raise RuntimeError(f"the child export failed before it was killed:\n{errors}")
    return taken


def child(database: Path, output: Path, fmt: str) -> None:
    """Export with a pause after every file written whole and every file moved into place."""
    from kiosk.core import files
    from kiosk.core.export import Selection, export
    from kiosk.core.records.store import Store

    def paused(step):
        def run(*args, **kwargs):
            result = step(*args, **kwargs)
            sys.stdout.write(f"{STEP} {args[0]}\n")
            sys.stdout.flush()
            sys.stdin.readline()
            return result

        return run

    def paused_file(make):  # a file written in pieces: the step is its end, flushed
        @contextlib.contextmanager
        def run(path, *args, **kwargs):
            with make(path, *args, **kwargs) as handle:
                yield handle
            paused(lambda *_: None)(path)

        return run

    for module, name in ((Path, "rename"), (Path, "replace")):
        setattr(module, name, paused(getattr(module, name)))
    files.new_file = paused_file(files.new_file)  # write_new writes through it too
    with Store(database) as store:
        export(store, Selection(), output, fmt, letters={"maryia-kalesnikava": b"%PDF-1.4 x"})
    sys.stdout.write(f"{DONE}\n")
    sys.stdout.flush()


if __name__ == "__main__":
    child(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
