"""The wizard's review in a real terminal (tmux, 80×24, the size of a default terminal window): what
proof-reading finds in the report as it will be saved, and Ctrl-R to fix it."""
import json
import os
import resource
import signal
import subprocess
import zipfile

import pytest

from conftest import autosave_path, question, resume, save_under_the_offered_name
from test_wizard import CURATED, WORD_NAME, curated, curated_report
from tmuxdrive import Tmux, shell_quote, wait_until

TEXT_NAME = WORD_NAME.replace(".docx", ".txt")


def selected_row(screen):
    """The review list's selected row (it starts with "> ")."""
    return next((line for line in screen.split("\n") if line.startswith(" > ")), "")


def report_text(screen):
    """The report pane below the "报告全文" rule, its rows joined back into text."""
    lines = screen.split("\n")
    start = next(k for k, line in enumerate(lines) if "报告全文" in line) + 1
    end = next(k for k in range(start, len(lines)) if lines[k].startswith("────"))
    return "".join(line.strip() for line in lines[start:end])


def review_terminal(tiankong, work, state):
    """The wizard on the bundled template, with its schema, at 80×24."""
    return Tmux(shell_quote(tiankong), columns=80, rows=24, env={"XDG_STATE_HOME": str(state)}, cwd=str(work))


def key_row(screen):
    """The key help, the screen's last row."""
    return screen.rstrip("\n").split("\n")[-1]


def select_the_doubled_stop(t, screen):
    """Down past the first paragraph's 5 ASCII commas to the 党课 line's "，。"; the screen then."""
    for _ in range(5):
        before = selected_row(screen)
        t.keys("Down")
        screen = t.wait_for(lambda s: selected_row(s) != before, "the selection to move")
    return screen


def test_the_review_lists_the_doubled_stop_of_the_template_and_ctrl_r_fixes_it_on_screen_and_in_the_files(tiankong, folders):
    work, state = folders
    with review_terminal(tiankong, work, state) as t:
        screen = fill_the_curated_template(t)
        # The template's own mistakes (its 17 ASCII commas, the 4 brackets of (一) and (二), the doubled stop).
        assert "全部填好了。校对发现 22 处，Ctrl-R 改正选中的一处：" in screen
        assert "Ctrl-R 改正" in key_row(screen)
        screen = select_the_doubled_stop(t, screen)
        assert "标点重复 “，。”改为“。”" in selected_row(screen), screen
        assert "上党课4次，。通过学习教育" in report_text(screen), screen

        t.keys("C-r")
        screen = t.wait_text("已改正")
        # Line 5 of the report as saved (the template's lines 16–35, its advert left out).
        assert "已改正第 5 行：“，。”改为“。”" in screen, screen
        assert "全部填好了。校对发现 21 处" in screen
        assert "上党课4次。通过学习教育" in report_text(screen), screen
        assert "，。" not in report_text(screen)
        assert "标点重复" not in screen

        save_under_the_offered_name(t)
        t.wait_text("已保存")
        assert t.quit() == 0
    expected = curated_report()
    assert expected.count("上党课4次，。") == 1
    assert (work / TEXT_NAME).read_text(encoding="utf-8") == expected.replace("上党课4次，。", "上党课4次。")
    with zipfile.ZipFile(work / WORD_NAME) as z:
        document = z.read("word/document.xml").decode("utf-8")
    assert "上党课4次。通过学习教育" in document and "，。" not in document


def fill_the_curated_template(t):
    """Answers the bundled template's 21 questions (CURATED) and waits for the review."""
    for k, (_, answer) in enumerate(CURATED, start=1):
        t.wait_text(curated(k))
        if answer is not None:
            t.type(answer)
            t.wait_text("> " + answer)
        t.keys("Enter")
    return t.wait_text("检查并保存")


def test_ctrl_t_fixes_every_mistake_of_the_template_at_once(tiankong, folders):
    work, state = folders
    with review_terminal(tiankong, work, state) as t:
        screen = fill_the_curated_template(t)
        assert "校对发现 22 处" in screen
        assert "Ctrl-T 全部改正" in key_row(screen), screen
        t.keys("C-t")
        screen = t.wait_text("已改正 22 处")
        assert "全部填好了。按 Ctrl-S 保存。" in screen, screen
        assert "Ctrl-R" not in screen and "Ctrl-T" not in screen
        save_under_the_offered_name(t)
        t.wait_text("已保存")
        assert t.quit() == 0
    # The template's 17 ASCII commas, the brackets of (一) and (二), and the doubled stop on the 党课 line.
    expected = curated_report()
    assert expected.count(",") == 17 and expected.count("(") == 2 and expected.count(")") == 2
    expected = (expected.replace("上党课4次，。", "上党课4次。").replace(",", "，")
                .replace("(", "（").replace(")", "）"))
    assert (work / TEXT_NAME).read_text(encoding="utf-8") == expected


def cpu_seconds_of_check(tiankong, path):
    """The CPU time `tiankong check` takes on a file with this binary (debug builds are many times slower)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([tiankong, "check", str(path)], capture_output=True, timeout=600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def test_a_long_report_is_proof_read_while_the_review_is_on_screen(tiankong, folders):
    """Proof-reading a long report takes seconds: the review says 校对中… at once, keys still work
    meanwhile, and the findings are listed when it is done."""
    work, state = folders
    template = work / "长报告.txt"
    head = "长报告\n\n今年以来，XXX党组共学习X次,。\n"
    line = "本单位认真学习贯彻落实有关精神，推进各项工作。\n"
    # As many lines as this binary needs four seconds of CPU to check, at most 100 MB: samples grow until
    # one takes half a second, so that the program's start does not weigh in the estimate.
    most = (100 << 20) // len(line.encode("utf-8"))
    lines = 20000
    while True:
        template.write_text(head + line * lines, encoding="utf-8")
        seconds = cpu_seconds_of_check(tiankong, template)
        if seconds >= 0.5 or lines == most:
            break
        lines = min(lines * 4, most)
    lines = min(int(lines * 4.0 / max(seconds, 0.001)), most)
    template.write_text(head + line * lines, encoding="utf-8")
    command = " ".join(shell_quote(a) for a in [tiankong, "--no-schema", str(template)])
    with Tmux(command, columns=80, rows=24, env={"XDG_STATE_HOME": str(state)}, cwd=str(work)) as t:
        t.wait_text(question(1, of=2), timeout=60)
        t.type("市财政局")
        t.keys("Enter")
        t.wait_text(question(2, of=2))
        t.type("3")
        t.keys("Enter")
        screen = t.wait_text("校对中…")
        assert "全部填好了。校对中…" in screen and "Ctrl-R" not in screen
        # Keys are read meanwhile: Esc goes back to the last field, Enter to the review again.
        t.keys("Escape")
        t.wait_text(question(2, of=2))
        t.keys("Enter")
        t.wait_text("校对中…")
        screen = t.wait_text("校对发现 1 处", timeout=120)
        assert "标点重复 “,。”改为“。”" in screen, screen
        assert "Ctrl-R 改正" in key_row(screen)
        assert t.quit() == 0


def saved_corrections(state):
    """The fixes of the template's words in the autosave, as (what was there, what is there now)."""
    try:
        saved = json.loads(autosave_path(state).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return []
    return [(c["was"], c["now"]) for c in saved.get("corrections", [])]


@pytest.mark.parametrize("leave", ["Ctrl-C", "SIGTERM"])
def test_a_fix_of_the_template_s_words_is_still_there_when_the_session_is_resumed(tiankong, folders, leave):
    work, state = folders
    with review_terminal(tiankong, work, state) as t:
        screen = fill_the_curated_template(t)
        screen = select_the_doubled_stop(t, screen)
        assert "标点重复 “，。”改为“。”" in selected_row(screen), screen
        t.keys("C-r")
        t.wait_text("已改正第 5 行")
        # The stop is kept, the comma before it dropped.
        wait_until(lambda: saved_corrections(state) == [("，", "")], "the fix in the autosave")
        if leave == "Ctrl-C":
            assert t.quit() == 0
        else:
            os.kill(t.program_pid(), signal.SIGTERM)
            assert t.wait_dead() == 128 + signal.SIGTERM
    with review_terminal(tiankong, work, state) as t:
        resume(t)
        screen = t.wait_text("全部填好了。校对发现 21 处")
        assert "标点重复" not in screen
        save_under_the_offered_name(t)
        t.wait_text("已保存")
        assert t.quit() == 0
    assert (work / TEXT_NAME).read_text(encoding="utf-8") == curated_report().replace("上党课4次，。", "上党课4次。")


def test_plain_mode_lists_the_findings_in_the_review_s_words_and_fixes_none_of_them(tiankong, folders):
    work, state = folders
    lines = ["" if answer is None else answer for _, answer in CURATED] + [""]
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update({"LANG": "C.UTF-8", "XDG_STATE_HOME": str(state)})
    result = subprocess.run([tiankong, "--plain"], input="\n".join(lines) + "\n", capture_output=True, text=True,
                            cwd=work, env=env, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    # The template's 17 ASCII commas, its 4 half-width brackets and the doubled stop: all could be fixed.
    title = "校对发现 22 处，其中 22 处可以自动改正，这里没有改（保存后可用 tiankong check --fix 改正）："
    assert title in out, out
    listed = out[out.index(title):].split("\n")[1:23]
    assert all(line.startswith("  第") for line in listed), listed
    assert any(line.startswith("  第5行 原文 标点重复 “，。”改为“。”  ") and "上党课4次，。" in line for line in listed), listed
    assert out.index(title) < out.index("保存为")
    assert (work / TEXT_NAME).read_text(encoding="utf-8") == curated_report()
