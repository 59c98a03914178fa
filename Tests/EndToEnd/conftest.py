"""Shared set-up for the end-to-end tests: the built binary and the fixtures."""
import os
import pathlib
import subprocess

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
