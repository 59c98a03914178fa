"""Shared set-up for the end-to-end tests: the built binary and the fixtures."""
import contextlib
import hashlib
import json
import os
import pathlib
import signal
import subprocess
import tempfile

import pytest

from tmuxdrive import wait_until

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


@pytest.fixture
def folders():
    """A working folder (where the report is saved) and a state folder (where answers are autosaved)."""
    with tempfile.TemporaryDirectory(prefix="tk-work-") as work, tempfile.TemporaryDirectory(prefix="tk-state-") as state:
        yield pathlib.Path(work), pathlib.Path(state)


def autosave_path(state, template=BUNDLED):
    """Where the wizard autosaves its answers to `template` under the state folder (named by its SHA-256)."""
    return state / "tiankong" / f"{hashlib.sha256(template.read_bytes()).hexdigest()}.json"


def autosave(state, template=BUNDLED):
    """The answers autosaved so far; none while there is no whole file to read."""
    try:
        return json.loads(autosave_path(state, template).read_text(encoding="utf-8"))["answers"]
    except (FileNotFoundError, ValueError, KeyError):
        return {}


def question(n, of=18):
    """The wizard's question line for field n (the bundled template without its schema has 18)."""
    return f"第 {n}/{of} 项"


def kill_9(t):
    """SIGKILL to the wizard in tmux: nothing can be saved on the way out, so what is kept was saved already."""
    os.kill(t.program_pid(), signal.SIGKILL)
    assert t.wait_dead() == 128 + signal.SIGKILL


def resume(t):
    """Enter to "继续上次的填写？" when the wizard asks it."""
    t.wait_text("继续上次的填写？")
    t.keys("Enter")


def answer_the_first_field_unchecked(t, state, answer="市财政局"):
    """Types the first field's answer without Enter, and waits until the autosave holds it."""
    t.wait_text(question(1))
    t.type(answer)
    wait_until(lambda: autosave(state) == {"f1": answer}, "the autosave of the first answer")


def save_under_the_offered_name(t, name=None):
    """Ctrl-S in the wizard, then Enter on the file name it offers (once `name` is on screen, when given)."""
    t.keys("C-s")
    t.wait_text("保存为")
    if name:
        t.wait_text(name)
    t.keys("Enter")


def save_with_fields_left(t):
    """Saves under the offered name although fields are left, saying yes when asked; waits until saved."""
    save_under_the_offered_name(t)
    t.wait_text("仍要保存吗")
    t.type("y")
    t.wait_text("已保存")


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
