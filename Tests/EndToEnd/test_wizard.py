"""The wizard in a real terminal: tmux at 100×30, LANG=C.UTF-8, keys typed as a user types them.

Each test has its own tmux server, its own working folder and its own state folder (the autosave).
"""
import json
import os
import pathlib
import signal
import subprocess
import tempfile

import pytest

from conftest import FIXTURES
from tmuxdrive import Tmux, shell_quote, wait_until

GOLDEN = (FIXTURES / "report-complete.txt").read_bytes()
ANSWERS = json.loads((FIXTURES / "answers-complete.json").read_text(encoding="utf-8"))["answers"]
ORDER = sorted(ANSWERS, key=lambda k: int(k[1:]))
REPORT_NAME = "2020年党建工作总结（党组）.txt"


@pytest.fixture
def folders():
    """A working folder (where the report is saved) and a state folder (where answers are autosaved)."""
    with tempfile.TemporaryDirectory(prefix="tk-work-") as work, tempfile.TemporaryDirectory(prefix="tk-state-") as state:
        yield pathlib.Path(work), pathlib.Path(state)


def wizard(tiankong, work, state, *args, columns=100, rows=30, env=None):
    """The wizard on the bundled template as inference reads it (18 fields; the curated schema is left out)."""
    environment = {"XDG_STATE_HOME": str(state)}
    environment.update(env or {})
    command = " ".join(shell_quote(a) for a in [tiankong, "--no-schema", *args])
    return Tmux(command, columns=columns, rows=rows, env=environment, cwd=str(work))


def autosave(state):
    files = list((state / "tiankong").glob("*.json"))
    files = [f for f in files if ".backup." not in f.name]
    if not files:
        return {}
    try:
        return json.loads(files[0].read_text(encoding="utf-8"))["answers"]
    except (ValueError, KeyError):
        return {}


def question(n):
    return f"第 {n}/18 项"


def test_fill_every_field_with_a_mistake_a_correction_and_a_step_back_then_save(tiankong, folders):
    work, state = folders
    with wizard(tiankong, work, state) as t:
        t.wait_text(question(1))
        for k, field in enumerate(ORDER, start=1):
            t.wait_text(question(k))
            if field == "f5":
                # A wrong count first; corrected after a step back from the next field.
                t.type("7")
                t.keys("Enter")
                t.wait_text(question(6))
                t.keys("BTab")
                t.wait_text(question(5))
                t.wait_cursor(lambda c: c[0] == 3, "after the kept answer “7”")
                t.keys("C-u")
            if field == "f14":
                # Thirteen is not a month: the error is shown and the field kept.
                t.type("13")
                t.keys("Enter")
                t.wait_text("月份应在 1–12 之间")
                assert question(14) in t.screen()
                t.keys("C-u")
            t.type(ANSWERS[field])
            t.wait_text(ANSWERS[field])
            t.keys("Enter")
        t.wait_text("检查并保存")
        t.wait_text("已填 18/18")
        t.keys("C-s")
        t.wait_text("保存为")
        t.wait_text(REPORT_NAME)
        t.keys("Enter")
        t.wait_text("已保存")
        saved = work / REPORT_NAME
        assert saved.read_bytes() == GOLDEN
        assert str(saved) in t.screen().replace("\n", "")
        t.keys("C-c")
        t.wait_text("现在退出吗")
        t.type("y")
        assert t.wait_dead() == 0


def test_a_kill_9_half_way_loses_nothing_typed(tiankong, folders):
    work, state = folders
    with wizard(tiankong, work, state) as t:
        for k, field in enumerate(ORDER[:9], start=1):
            t.wait_text(question(k))
            t.type(ANSWERS[field])
            t.keys("Enter")
        t.wait_text(question(10))
        t.type("国家卫")
        t.wait_text("国家卫")
        wait_until(lambda: autosave(state).get("f10") == "国家卫", "the autosave of the half-typed answer")
        os.kill(t.program_pid(), signal.SIGKILL)
        assert t.wait_dead() == 128 + signal.SIGKILL
    with wizard(tiankong, work, state) as t:
        t.wait_text("继续上次的填写？")
        t.keys("Enter")
        # The half-typed answer is an answer: the wizard goes on at the first field without one.
        screen = t.wait_text(question(11))
        assert "已填 10/18" in screen
        assert "推介国家卫等权威机构" in screen
        t.keys("C-g")
        listing = t.wait_text("跳到该项")
        assert listing.count("已填") >= 10
    saved = autosave(state)
    for field in ORDER[:9]:
        assert saved[field] == ANSWERS[field]
    assert saved["f10"] == "国家卫"


@pytest.mark.parametrize("name,number", [("SIGTERM", signal.SIGTERM), ("SIGHUP", signal.SIGHUP)])
def test_a_signal_mid_edit_saves_and_gives_the_terminal_back(tiankong, folders, name, number):
    work, state = folders
    script = (f"stty -g > before; XDG_STATE_HOME={shell_quote(state)} {shell_quote(tiankong)} --no-schema; "
              f"echo $? > status; stty -g > after; sleep 600")
    with Tmux(f"sh -c {shell_quote(script)}", env={}, cwd=str(work)) as t:
        t.wait_text(question(1))
        t.type(ANSWERS["f1"])
        t.keys("Enter")
        t.wait_text(question(2))
        t.type("十")
        t.wait_text("学习十次")
        script_pid = t.program_pid()
        wizard_pid = wait_until(lambda: subprocess.run(["ps", "-o", "pid=", "--ppid", str(script_pid)],
                                                      capture_output=True, text=True).stdout.split(), "the wizard")[0]
        os.kill(int(wizard_pid), number)
        wait_until(lambda: (work / "after").exists() and (work / "after").read_text().strip(), "the shell to go on")
        assert (work / "status").read_text().strip() == str(128 + number)
        assert (work / "after").read_text() == (work / "before").read_text()
    saved = autosave(state)
    assert saved["f1"] == ANSWERS["f1"]
    assert saved["f2"] == "十"


def test_resizes_lay_out_again_and_lose_nothing(tiankong, folders):
    work, state = folders
    with wizard(tiankong, work, state) as t:
        t.wait_text(question(1))
        t.type(ANSWERS["f1"])
        t.keys("Enter")
        t.wait_text(question(2))
        t.type("1")
        t.resize(60, 16)
        t.wait_for(lambda s: len(s.splitlines()) == 16 and question(2) in s and "> 1" in s, "the 60×16 layout")
        t.resize(120, 40)
        t.wait_for(lambda s: "填写项" in s and len(s.splitlines()) == 40, "the side panel at 120×40")
        t.resize(40, 10)
        t.wait_text("请放大终端窗口")
        t.type("2")
        t.resize(100, 30)
        t.wait_gone("请放大终端窗口")
        screen = t.wait_text("学习12次")
        assert "已填 1/18" in screen
        t.keys("Enter")
        t.wait_text(question(3))
    assert autosave(state) == {"f1": ANSWERS["f1"], "f2": "12"}


def test_the_cursor_moves_eight_columns_after_four_chinese_characters(tiankong, folders):
    work, state = folders
    with wizard(tiankong, work, state) as t:
        t.wait_text(question(1))
        x0, y0 = t.wait_cursor(lambda c: True, "anywhere")
        t.type("市财政局")
        t.wait_cursor(lambda c: c == (x0 + 8, y0), "eight columns on")
        t.keys("Left")
        t.wait_cursor(lambda c: c == (x0 + 6, y0), "one character back")
        t.keys("BSpace")
        t.wait_text("市财局")
        t.wait_cursor(lambda c: c == (x0 + 4, y0), "after 市财")


def test_a_pasted_answer_keeps_its_lines_in_the_field(tiankong, folders):
    work, state = folders
    with wizard(tiankong, work, state) as t:
        t.wait_text(question(1))
        t.paste("市财\n政局")
        t.wait_text("市财 政局")
        assert question(1) in t.screen()


def test_plain_mode_with_answers_piped_in_writes_the_same_report(tiankong, folders):
    work, state = folders
    lines = []
    for field in ORDER:
        if field == "f14":
            lines.append("13")
        lines.append(ANSWERS[field])
    lines.append("")  # the default file name
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update({"LANG": "C.UTF-8", "XDG_STATE_HOME": str(state)})
    result = subprocess.run([tiankong, "--plain", "--no-schema"], input="\n".join(lines) + "\n", capture_output=True, text=True,
                            cwd=work, env=env, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "月份应在 1–12 之间" in result.stdout
    assert (work / REPORT_NAME).read_bytes() == GOLDEN
