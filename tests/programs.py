"""Running an installed or frozen Cuttings as a user would: a separate process, its output
as text, and its exit status checked with what it said."""

from __future__ import annotations

import subprocess
from pathlib import Path


def run_program(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, (
        f"{' '.join(map(str, command))} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    )
    return done.stdout
