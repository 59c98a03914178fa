"""The wizard's part of robustness (issue 7), in a real terminal: a state folder it cannot write, a
damaged or outdated autosave, two wizards on one template, hostile terminal sizes, resize storms,
huge pastes, keys typed before the first frame, and answers that break formats.

Each test has its own tmux server, working folder and state folder. Every wait polls with a deadline.
"""
import fcntl
import hashlib
import json
import os
import pathlib
import pty
import select
import signal
import struct
import subprocess
import tempfile
import termios
import time
import xml.etree.ElementTree as ET
import zipfile

import pytest

from conftest import (BUNDLED, answer_the_first_field_unchecked, autosave, autosave_path, kill_9, question, resume,
                      save_with_fields_left, tmpfs)
from tmuxdrive import Tmux, shell_quote, wait_until

DIGEST = hashlib.sha256(BUNDLED.read_bytes()).hexdigest()
REPORT_NAME = "2020年党建工作总结（党组）.txt"
WORD_NAME = "2020年党建工作总结（党组）.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def write_autosave(state, data):
    path = autosave_path(state)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode("utf-8"))
    return path


def wizard_command(tiankong, *args):
    return " ".join(shell_quote(a) for a in [tiankong, "--no-schema", *args])


def wizard(tiankong, work, state, *args, columns=100, rows=30):
    return Tmux(wizard_command(tiankong, *args), columns=columns, rows=rows,
                env={"XDG_STATE_HOME": str(state)}, cwd=str(work))


def in_a_shell(tiankong, work, state, *args, before="", columns=100, rows=30):
    """The wizard inside sh, with `stty -g` written before and after it and its exit status kept."""
    script = (f"stty -g > before; {before}XDG_STATE_HOME={shell_quote(state)} {wizard_command(tiankong, *args)}; "
              f"echo $? > status; stty -g > after; sleep 600")
    return Tmux(f"sh -c {shell_quote(script)}", columns=columns, rows=rows, env={}, cwd=str(work))


def shell_finished(work):
    wait_until(lambda: (work / "after").exists() and (work / "after").read_text().strip(), "the shell to go on")
    assert (work / "after").read_text() == (work / "before").read_text(), "stty -g changed"
    return int((work / "status").read_text().strip())


def plain(tiankong, work, state, text, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update({"LANG": "C.UTF-8", "XDG_STATE_HOME": str(state)})
    return subprocess.run([tiankong, "--plain", "--no-schema", *args], input=text.encode("utf-8"), capture_output=True,
                          cwd=work, env=env, timeout=60)


def quit_wizard(t):
    t.keys("C-c")
    t.wait_text("现在退出吗")
    t.type("y")


# MARK: - 1. The state folder cannot be written

@pytest.fixture
def read_only_state():
    """A read-only tmpfs as XDG_STATE_HOME (root ignores chmod, not a read-only mount)."""
    with tmpfs("size=1m,ro", prefix="tk-ro-") as folder:
        yield folder


def test_a_read_only_state_folder_is_said_once_and_the_report_still_saves(tiankong, read_only_state):
    with tempfile.TemporaryDirectory(prefix="tk-work-") as work:
        work = pathlib.Path(work)
        with in_a_shell(tiankong, work, read_only_state) as t:
            screen = t.wait_text("无法自动保存答案")
            assert "文件系统是只读的" in screen and question(1) in screen
            t.type("市财政局")
            t.wait_text("> 市财政局")
            t.wait_gone("无法自动保存答案")
            t.keys("Enter")
            t.wait_text(question(2))
            t.type("12")
            t.keys("Enter")
            t.wait_text(question(3))
            assert "无法自动保存答案" not in t.screen()
            save_with_fields_left(t)
            assert "无法自动保存答案" not in t.screen()
            quit_wizard(t)
            assert shell_finished(work) == 0
        text = (work / REPORT_NAME).read_text(encoding="utf-8")
        assert "今年以来，市财政局党组坚持" in text and "学习12次" in text
        assert (work / WORD_NAME).exists()
        assert list(read_only_state.iterdir()) == []


def test_plain_mode_says_once_that_the_state_folder_is_read_only(tiankong, read_only_state):
    with tempfile.TemporaryDirectory(prefix="tk-work-") as work:
        result = plain(tiankong, work, read_only_state, "市财政局\n12\n" + "\n" * 16 + "\ny\n")
        out = result.stdout.decode("utf-8")
        assert out.count("无法自动保存答案") == 1, out
        assert result.returncode == 0, out
        assert "市财政局" in (pathlib.Path(work) / REPORT_NAME).read_text(encoding="utf-8")


@pytest.fixture
def full_state():
    """A tmpfs filled to the last byte as XDG_STATE_HOME: the disk is full."""
    with tmpfs("size=64k", prefix="tk-full-") as folder:
        (folder / "tiankong").mkdir()
        fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while os.write(fd, b"x" * 4096) > 0:
                pass
        except OSError:
            pass
        finally:
            os.close(fd)
        yield folder


def test_a_full_disk_under_the_state_folder_is_said_once_and_nothing_typed_is_lost(tiankong, full_state):
    with tempfile.TemporaryDirectory(prefix="tk-work-") as work:
        work = pathlib.Path(work)
        with in_a_shell(tiankong, work, full_state) as t:
            t.wait_text(question(1))
            t.type("市财政局")
            screen = t.wait_text("无法自动保存答案")
            assert "磁盘空间已满" in screen
            t.type("党委")
            t.wait_gone("无法自动保存答案")
            t.keys("Enter")
            t.wait_text(question(2))
            save_with_fields_left(t)
            assert "无法自动保存答案" not in t.screen()
            quit_wizard(t)
            assert shell_finished(work) == 0
        assert "今年以来，市财政局党委党组坚持" in (work / REPORT_NAME).read_text(encoding="utf-8")
        leftovers = [p.name for p in (full_state / "tiankong").iterdir() if not p.name.endswith(".lock")]
        assert leftovers == [], leftovers


# MARK: - 2. A damaged or outdated autosave

DAMAGED = [
    ("truncated", None),
    ("empty", b""),
    ("binary", bytes(range(256)) * 4),
    ("a list", b'["f1", "f2"]'),
    ("a number for an answer", b'{"answers": {"f1": true}}'),
    ("another template", json.dumps({"template": "0" * 64, "answers": {"f1": "x"}}).encode()),
    ("invalid UTF-8", b'{"answers": {"f1": "\xff\xfe"}}'),
]


def truncated():
    whole = json.dumps({"template": DIGEST, "answers": {"f1": "市财政局", "f2": "12"}}, ensure_ascii=False).encode("utf-8")
    return whole[: len(whole) - 7]


def damaged_bytes(data):
    return truncated() if data is None else data


def test_a_truncated_autosave_is_kept_as_bak_and_a_fresh_start_waits_for_yes(tiankong, folders):
    work, state = folders
    damaged = truncated()
    path = write_autosave(state, damaged)
    with in_a_shell(tiankong, work, state) as t:
        screen = t.wait_text("[y/N]")
        assert "上次自动保存的答案已损坏" in screen and str(path) in screen.replace("\n", "")
        t.type("y")
        t.keys("Enter")
        screen = t.wait_text(question(1))
        assert "继续上次的填写" not in screen
        assert pathlib.Path(str(path) + ".bak").read_bytes() == damaged
        t.type("市财政局")
        wait_until(lambda: autosave(state) == {"f1": "市财政局"}, "the fresh autosave")
        quit_wizard(t)
        assert shell_finished(work) == 0
    assert pathlib.Path(str(path) + ".bak").read_bytes() == damaged


def test_a_damaged_autosave_is_left_alone_when_the_user_says_no(tiankong, folders):
    work, state = folders
    damaged = truncated()
    path = write_autosave(state, damaged)
    with in_a_shell(tiankong, work, state) as t:
        t.wait_text("[y/N]")
        t.type("n")
        t.keys("Enter")
        assert shell_finished(work) == 1
        assert "没有开始" in t.screen()
    assert path.read_bytes() == damaged
    assert sorted(p.name for p in path.parent.iterdir()) == [f"{DIGEST}.json", f"{DIGEST}.lock"]


@pytest.mark.parametrize("name,data", DAMAGED, ids=[d[0] for d in DAMAGED])
def test_plain_mode_asks_before_a_fresh_start_over_a_damaged_autosave(tiankong, folders, name, data):
    work, state = folders
    damaged = damaged_bytes(data)
    path = write_autosave(state, damaged)
    refused = plain(tiankong, work, state, "n\n")
    assert refused.returncode == 1
    assert path.read_bytes() == damaged and not pathlib.Path(str(path) + ".bak").exists()
    out = refused.stdout.decode("utf-8")
    assert "上次自动保存的答案" in out and "没有开始" in out
    # End of input is a no as well.
    assert plain(tiankong, work, state, "").returncode == 1
    assert path.read_bytes() == damaged
    accepted = plain(tiankong, work, state, "y\n市财政局\n")
    assert accepted.returncode == 1  # input ends before the last question
    assert pathlib.Path(str(path) + ".bak").read_bytes() == damaged
    assert autosave(state) == {"f1": "市财政局"}


def test_a_directory_in_the_autosave_s_place_is_reported_and_kept(tiankong, folders):
    work, state = folders
    path = autosave_path(state)
    path.mkdir(parents=True)
    (path / "inside").write_text("kept")
    result = plain(tiankong, work, state, "y\n市财政局\n")
    assert "不是普通文件" in result.stdout.decode("utf-8")
    assert (pathlib.Path(str(path) + ".bak") / "inside").read_text() == "kept"
    assert autosave(state) == {"f1": "市财政局"}


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "symlink-loop", "huge"])
def test_no_hang_on_a_pipe_a_device_a_loop_or_a_huge_file_in_the_autosave_s_place(tiankong, folders, kind):
    work, state = folders
    path = autosave_path(state)
    path.parent.mkdir(parents=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        os.symlink("/dev/zero", path)
    elif kind == "symlink-loop":
        os.symlink(path, path)
    else:
        with open(path, "wb") as f:
            f.truncate(100 << 20)
    refused = plain(tiankong, work, state, "n\n")  # the timeout in plain() is the hang check
    assert refused.returncode == 1
    assert "没有开始" in refused.stdout.decode("utf-8")
    assert os.path.lexists(path)
    accepted = plain(tiankong, work, state, "y\n市财政局\n")
    assert os.path.lexists(str(path) + ".bak")
    assert autosave(state) == {"f1": "市财政局"}, accepted.stdout.decode("utf-8")


def test_answers_for_fields_the_template_no_longer_has_are_dropped_and_named(tiankong, folders):
    work, state = folders
    original = {"template": DIGEST, "answers": {"f1": "市财政局", "f2": "12", "org_old": "旧单位", "f99": "x"}}
    path = write_autosave(state, original)
    before = path.read_bytes()
    with wizard(tiankong, work, state) as t:
        screen = t.wait_text("继续上次的填写？")
        assert "上次填了 2 项" in screen
        t.keys("Enter")
        screen = t.wait_text("已略去").replace("\n", "")
        assert "2 项不是这份模板的填写项" in screen and "f99、org_old" in screen
        assert question(3) in screen
        t.type("6")
        wait_until(lambda: autosave(state) == {"f1": "市财政局", "f2": "12", "f3": "6"}, "the autosave of the kept answers")
        t.wait_gone("已略去")
    assert pathlib.Path(str(path) + ".bak").read_bytes() == before


def test_answers_saved_without_the_schema_are_named_when_the_schema_asks_other_questions(tiankong, folders):
    work, state = folders
    write_autosave(state, {"template": DIGEST, "answers": {"f1": "市财政局"}})
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update({"LANG": "C.UTF-8", "XDG_STATE_HOME": str(state)})
    result = subprocess.run([tiankong, "--plain"], input=b"", capture_output=True, cwd=work, env=env, timeout=60)
    out = result.stdout.decode("utf-8")
    assert "1 项不是这份模板的填写项，已略去：f1" in out, out


# MARK: - 3. Two wizards on one template

def test_a_second_wizard_on_the_same_template_is_turned_away_and_clobbers_nothing(tiankong, folders):
    work, state = folders
    with wizard(tiankong, work, state) as first:
        answer_the_first_field_unchecked(first, state)
        pid = first.program_pid()
        with in_a_shell(tiankong, work, state) as second:
            assert shell_finished(work) == 75
            screen = second.screen().replace("\n", "")
            assert f"另一个填空（进程 {pid}）正在填写这份模板" in screen
        second_plain = plain(tiankong, work, state, "国家卫健委\n")
        assert second_plain.returncode == 75
        assert "正在填写这份模板" in second_plain.stderr.decode("utf-8")
        assert autosave(state) == {"f1": "市财政局"}
        first.type("，")
        wait_until(lambda: autosave(state) == {"f1": "市财政局，"}, "the first wizard still saving")
        quit_wizard(first)
        assert first.wait_dead() == 0
    # Released on exit: the next one starts and offers the answers.
    with wizard(tiankong, work, state) as third:
        third.wait_text("继续上次的填写？")


def test_a_kill_9_does_not_lock_the_next_start_out(tiankong, folders):
    work, state = folders
    with wizard(tiankong, work, state) as t:
        answer_the_first_field_unchecked(t, state)
        kill_9(t)
    with wizard(tiankong, work, state) as t:
        resume(t)
        screen = t.wait_text(question(2))
        assert "已填 1/18" in screen


# MARK: - 4. The terminal

def test_a_terminal_that_goes_away_without_a_hangup_signal_ends_the_wizard_with_the_answers_saved(tiankong, folders):
    """The terminal closes but no SIGHUP reaches the wizard: its session leader (here a wrapper that
    ignores SIGHUP, as under strace or a shell that does not pass hang-ups on) takes the signal. The
    keyboard then reads as end-of-file; the wizard must save and leave, not wait on it forever."""
    work, state = folders
    wrapper = ("import signal, subprocess, sys; signal.signal(signal.SIGHUP, signal.SIG_IGN); "
               "p = subprocess.Popen(sys.argv[1:], preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_DFL)); "
               "open('status', 'w').write(str(p.wait()))")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update({"LANG": "C.UTF-8", "TERM": "xterm-256color", "XDG_STATE_HOME": str(state)})
    pid, master = pty.fork()
    if pid == 0:
        try:
            os.chdir(work)
            os.execvpe("python3", ["python3", "-c", wrapper, tiankong, "--no-schema"], env)
        finally:
            os._exit(127)
    seen = b""
    try:
        fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        deadline = time.monotonic() + 20
        while "第 1/18 项".encode() not in seen and time.monotonic() < deadline:
            if select.select([master], [], [], 0.1)[0]:
                seen += os.read(master, 65536)
        assert "第 1/18 项".encode() in seen, "the first question"
        os.write(master, "市财政局".encode())
        wait_until(lambda: autosave(state) == {"f1": "市财政局"}, "the autosave")
        os.write(master, "A".encode())
        time.sleep(0.3)
    finally:
        os.close(master)
    try:
        status = wait_until(lambda: (work / "status").exists() and (work / "status").read_text(), "the wizard to leave",
                            timeout=10)
    finally:
        os.killpg(pid, signal.SIGKILL)  # the wrapper and the wizard share its process group
        os.waitpid(pid, 0)
    assert int(status) == 128 + signal.SIGHUP
    assert autosave(state) == {"f1": "市财政局A"}



@pytest.mark.parametrize("columns,rows", [(1, 1), (10, 3), (59, 15)])
def test_starting_in_a_tiny_terminal_does_not_crash_and_keeps_what_is_typed(tiankong, folders, columns, rows):
    work, state = folders
    with in_a_shell(tiankong, work, state, columns=columns, rows=rows) as t:
        if (columns, rows) == (59, 15):
            t.wait_text("请放大终端窗口")
        pid = wait_until(lambda: subprocess.run(["pgrep", "-P", str(t.program_pid())], capture_output=True, text=True)
                         .stdout.split(), "the wizard")[0]
        t.type("市财政局")
        wait_until(lambda: autosave(state) == {"f1": "市财政局"}, "the autosave typed at the tiny size")
        t.resize(100, 30)
        t.wait_text("今年以来，市财政局党组坚持")
        t.resize(columns, rows)
        t.type("1")
        wait_until(lambda: autosave(state) == {"f1": "市财政局1"}, "the autosave after shrinking again")
        assert os.path.exists(f"/proc/{pid}")
        t.keys("C-c")
        t.type("y")
        assert shell_finished(work) == 0
    assert autosave(state) == {"f1": "市财政局1"}


@pytest.mark.parametrize("pace", ["burst", "loop"])
def test_a_hundred_resizes_in_a_second_lose_no_keystroke(tiankong, folders, pace):
    """burst: one tmux command line with 100 resizes (tens of milliseconds); loop: 100 tmux calls
    spread over about a second, so the wizard redraws between them."""
    work, state = folders
    sizes = [(100, 30), (1, 1), (60, 16), (10, 3), (120, 40), (59, 15), (80, 24), (200, 60), (61, 17), (40, 10)]
    typed = "市财政局abc数据中心XYZ" * 2  # 34 characters
    with in_a_shell(tiankong, work, state) as t:
        t.wait_text(question(1))
        steps = []
        k = 0
        for n in range(100):
            columns, rows = sizes[n % len(sizes)]
            step = ["resize-window", "-t", "t", "-x", str(columns), "-y", str(rows)]
            if n % 3 == 0 and k < len(typed):
                step += [";", "send-keys", "-t", "t", "-l", typed[k]]
                k += 1
            steps.append(step)
        rest = typed[k:]
        started = time.monotonic()
        if pace == "burst":
            t.tmux(*[word for step in steps for word in step + [";"]][:-1])
        else:
            for n, step in enumerate(steps):
                t.tmux(*step)
                # Pacing, not waiting for anything: 100 resizes over about a second.
                time.sleep(max(0.0, started + 0.009 * (n + 1) - time.monotonic()))
        if rest:
            t.type(rest)
        t.resize(100, 30)
        wait_until(lambda: autosave(state) == {"f1": typed}, "every character in the autosave", timeout=20)
        t.wait_text("> " + typed[:20])
        t.keys("Enter")
        t.wait_text(question(2))
        quit_wizard(t)
        assert shell_finished(work) == 0
    assert autosave(state) == {"f1": typed}


def test_ten_thousand_characters_pasted_at_once_are_all_kept_in_order(tiankong, folders):
    work, state = folders
    line = "党建工作0123456789abcdefghij，。"  # 30 characters
    pasted = "\n".join([line] * 400)[:9998] + "末尾"
    expected = pasted.replace("\n", " ")
    assert len(pasted) == 10000
    with in_a_shell(tiankong, work, state) as t:
        t.wait_text(question(1))
        t.paste(pasted)
        wait_until(lambda: autosave(state).get("f1") == expected, "the whole paste in the autosave", timeout=30)
        screen = t.wait_text(question(1))
        assert expected[-20:] in screen
        t.keys("Enter")
        t.wait_text(question(2))
        quit_wizard(t)
        assert shell_finished(work) == 0
    assert autosave(state) == {"f1": expected}


@pytest.mark.parametrize("before", ["", "sleep 0.3; "], ids=["racing the start", "before the start"])
def test_keys_typed_before_the_first_frame_all_arrive(tiankong, folders, before):
    """Keys sent at once after launch race the program's start; with the sleep they are surely in the
    terminal (cooked, echoed) before the program is."""
    work, state = folders
    with in_a_shell(tiankong, work, state, before=before) as t:
        t.type("市财政局")
        t.keys("Enter")
        t.type("12")
        t.keys("Enter")
        t.type("6")
        screen = t.wait_text(question(3))
        assert "> 6" in screen
        wait_until(lambda: autosave(state) == {"f1": "市财政局", "f2": "12", "f3": "6"}, "every early key")
        quit_wizard(t)
        assert shell_finished(work) == 0


# MARK: - 5. Answers that break formats

def test_control_characters_typed_or_pasted_never_get_into_an_answer(tiankong, folders):
    work, state = folders
    with in_a_shell(tiankong, work, state) as t:
        t.wait_text(question(1))
        t.type("市")
        t.keys("C-o", "C-t", "C-x", "C-y", "C-q", "C-v", "C-l", "C-]", "C-\\", "C-^", "C-_", "C-@")
        t.type("财")
        t.paste("政\t局\r\n\x01\x02\x07\x0b\x0c\x1b\x7f\x85\u2028！")
        wait_until(lambda: autosave(state).get("f1", "").endswith("！"), "the whole paste")
        assert autosave(state)["f1"] == "市财政 局    ！"
        quit_wizard(t)
        assert shell_finished(work) == 0


XML_BREAKERS = "A&B<C>D\"E'F’G“H”&amp;<w:t>"


def test_xml_and_quote_characters_survive_into_word_and_text(tiankong, folders):
    work, state = folders
    with wizard(tiankong, work, state) as t:
        t.wait_text(question(1))
        t.type(XML_BREAKERS)
        wait_until(lambda: autosave(state).get("f1") == XML_BREAKERS, "the autosave")
        t.keys("Enter")
        t.wait_text(question(2))
        save_with_fields_left(t)
        quit_wizard(t)
        assert t.wait_dead() == 0
    text = (work / REPORT_NAME).read_text(encoding="utf-8")
    assert f"今年以来，{XML_BREAKERS}党组坚持" in text
    assert_word_holds(work / WORD_NAME, f"今年以来，{XML_BREAKERS}党组坚持")


def test_plain_mode_keeps_crlf_tabs_and_control_characters_out_of_answers(tiankong, folders):
    work, state = folders
    lines = ["市财\t政局\x01\x1b", "12", *[""] * 16, "", "y"]
    result = plain(tiankong, work, state, "\r\n".join(lines) + "\r\n")
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0, out
    text = (work / REPORT_NAME).read_text(encoding="utf-8")
    assert "今年以来，市财 政局党组坚持" in text and "学习12次" in text
    assert not any(c in text for c in "\r\t\x01\x1b")
    assert_word_holds(work / WORD_NAME, "今年以来，市财 政局党组坚持")


def assert_word_holds(path, sentence):
    """The .docx is a zip whose document part is well-formed XML with the sentence in its text."""
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        for name in z.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                ET.fromstring(z.read(name))
        root = ET.fromstring(z.read("word/document.xml"))
    paragraphs = ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]
    assert any(sentence in p for p in paragraphs), paragraphs[:5]


def test_a_paste_whose_end_arrives_in_pieces_still_ends(tiankong, folders):
    """ "\\e[201~" split across reads reaches the program as Escape and characters once ncurses stops
    waiting for the rest: the paste must end anyway, or every later key (Ctrl-C too) is swallowed."""
    work, state = folders
    with in_a_shell(tiankong, work, state) as t:
        t.wait_text(question(1))
        t.type("\x1b[200~市财\n政局\x1b[20")
        # Longer than ncurses' escape delay (25 ms), so it gives up on the sequence: the gap is the point.
        time.sleep(0.15)
        t.type("1~X")
        wait_until(lambda: autosave(state).get("f1") == "市财 政局X", "the paste and the key after it")
        quit_wizard(t)
        assert shell_finished(work) == 0
