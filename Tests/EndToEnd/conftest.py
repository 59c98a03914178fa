"""Shared set-up for the end-to-end tests: the built binary and the fixtures."""
import contextlib
import os
import pathlib
import subprocess
import tempfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "Tests" / "Fixtures"
BUNDLED = ROOT / "Resources" / "templates" / "2020年党建工作总结（党组）.txt"


def binary() -> str:
    path = os.environ.get("TIANKONG") or str(ROOT / ".build" / "release" / "tiankong")
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"tiankong binary not found at {path}; run `make test` (it builds it)")
    return path


@pytest.fixture(scope="session")
def tiankong() -> str:
    return binary()


def run(*args, lang="zh_CN.UTF-8", cwd=None, stdin=None, env_extra=None):
    """Runs tiankong with arguments; returns the CompletedProcess (bytes stdout, text stderr)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env["LANG"] = lang
    env.update(env_extra or {})
    return subprocess.run([binary(), *map(str, args)], cwd=cwd, input=stdin, capture_output=True, env=env, timeout=120)


@contextlib.contextmanager
def tmpfs(options, prefix="tk-tmpfs-"):
    """A small tmpfs mounted on a new folder, for read-only and full-disk faults (root ignores chmod).
    `make test` runs as root on this project's machines; anywhere else this fails, it never skips."""
    if os.geteuid() != 0:
        pytest.fail("mounting a tmpfs needs root; `make test` runs as root on this project's machines")
    folder = tempfile.mkdtemp(prefix=prefix)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", folder], capture_output=True, text=True)
    if result.returncode != 0:
        os.rmdir(folder)
        pytest.fail(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    try:
        yield pathlib.Path(folder)
    finally:
        subprocess.run(["umount", folder], capture_output=True)
        os.rmdir(folder)
