"""The wizard in a real terminal: tmux at 100×30, LANG=C.UTF-8, keys typed as a user types them.

Each test has its own tmux server, its own working folder and its own state folder (the autosave).
"""
import json
import os
import pathlib
import re
import signal
import subprocess
import zipfile

import pytest

from conftest import FIXTURES, autosave, kill_9, question, resume, save_under_the_offered_name
from tmuxdrive import Tmux, shell_quote, wait_until

GOLDEN = (FIXTURES / "report-complete.txt").read_bytes()
ANSWERS = json.loads((FIXTURES / "answers-complete.json").read_text(encoding="utf-8"))["answers"]
ORDER = sorted(ANSWERS, key=lambda k: int(k[1:]))
REPORT_NAME = "2020年党建工作总结（党组）.txt"
WORD_NAME = "2020年党建工作总结（党组）.docx"


def wizard(tiankong, work, state, *args, columns=100, rows=30, env=None):
    """The wizard on the bundled template as inference reads it (18 fields; the curated schema is left out)."""
    environment = {"XDG_STATE_HOME": str(state)}
    environment.update(env or {})
    command = " ".join(shell_quote(a) for a in [tiankong, "--no-schema", *args])
    return Tmux(command, columns=columns, rows=rows, env=environment, cwd=str(work))


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
        save_under_the_offered_name(t, WORD_NAME)
        t.wait_text("已保存")
        saved = work / REPORT_NAME
        assert saved.read_bytes() == GOLDEN
        assert_word_file(work / WORD_NAME)
        screen = t.screen().replace("\n", "")
        assert str(saved) in screen and str(work / WORD_NAME) in screen
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
        kill_9(t)
    with wizard(tiankong, work, state) as t:
        resume(t)
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


def test_a_flag_and_a_combining_accent_keep_the_rows_in_line(tiankong, folders):
    """A character of several code points takes the columns ncurses gives it, those of its first code
    point (a flag, two regional indicators, takes one): the report's rows, where the answer is shown,
    keep the field list's rule in one column."""
    import unicodedata

    def columns(text):
        return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    work, state = folders
    with wizard(tiankong, work, state) as t:
        t.wait_text(question(1))  # the unit's name, at the report's first line
        t.paste("\U0001F1E8\U0001F1F3中国e\u0301市")
        t.wait_text("市党组")
        rows = [line for line in t.screen().split("\n") if "│" in line]
        rules = {columns(line[:line.index("│")]) for line in rows}
        assert len(rules) == 1, "\n".join(rows)


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
    assert_word_file(work / WORD_NAME)


def test_the_same_answers_piped_in_twice_give_the_same_report_twice(tiankong, folders):
    """Piped answers never meet a question they did not expect: the second run does not ask to go on
    from the first run's autosave, and input that ends after the last answer saves under the offered name."""
    work, state = folders
    lines = [("13\n" if field == "f14" else "") + ANSWERS[field] for field in ORDER]  # no line for the file name
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update({"LANG": "C.UTF-8", "XDG_STATE_HOME": str(state)})
    for run in ("first", "second"):
        folder = work / run
        folder.mkdir()
        result = subprocess.run([tiankong, "--plain", "--no-schema"], input="\n".join(lines) + "\n", capture_output=True,
                                text=True, cwd=folder, env=env, timeout=60)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "继续上次的填写" not in result.stdout
        assert (folder / REPORT_NAME).read_bytes() == GOLDEN
        assert_word_file(folder / WORD_NAME)
    # The second run said it put the first run's answers aside, and where they are.
    assert "上次的答案已另存备份，这次从头填写；要接着上次填，加 --resume。" in result.stdout
    assert len(list((state / "tiankong").glob("*.backup.json"))) == 1


def plain_on_a_small_template(tiankong, work, state):
    """The plain wizard on a two-question template in `work`: a function of the piped text and options."""
    template = work / "总结.txt"
    template.write_text("工作总结\n\n今年以来，XXX党组共学习X次。\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update({"LANG": "C.UTF-8", "XDG_STATE_HOME": str(state)})

    def plain(text, *args):
        return subprocess.run([tiankong, "--plain", *args, template], input=text, capture_output=True, text=True,
                              cwd=work, env=env, timeout=60)
    return plain


def test_piped_answers_go_on_from_the_last_run_only_when_asked(tiankong, folders):
    work, state = folders
    plain = plain_on_a_small_template(tiankong, work, state)
    # The first run answers the first question only and stops: its answer is kept.
    stopped = plain("市财政局\n")
    assert stopped.returncode == 1 and "答案已保存" in stopped.stdout
    # --resume takes it up without a question: an empty line keeps the first answer, "3" is the second.
    resumed = plain("\n3\n", "--resume")
    assert resumed.returncode == 0, resumed.stdout
    assert "继续上次的填写" not in resumed.stdout and "回车保留：市财政局" in resumed.stdout
    assert (work / "工作总结.txt").read_text(encoding="utf-8") == "工作总结\n\n今年以来，市财政局党组共学习3次。\n"


def test_an_empty_line_after_a_refused_one_keeps_the_answer_from_before(tiankong, folders):
    work, state = folders
    plain = plain_on_a_small_template(tiankong, work, state)
    assert plain("市财政局\n3\n").returncode == 0
    # Resumed: "abc" is no count and is refused; the empty line after it keeps the 3 of the first run.
    # Then the offered name, and yes to replacing the first run's report.
    resumed = plain("\nabc\n\n\ny\n", "--resume")
    assert resumed.returncode == 0, resumed.stdout
    assert "不是数字" in resumed.stdout and resumed.stdout.count("回车保留：3") == 2, resumed.stdout
    assert (work / "工作总结.txt").read_text(encoding="utf-8") == "工作总结\n\n今年以来，市财政局党组共学习3次。\n"


def test_an_unknown_reply_to_a_yes_or_no_question_is_asked_again(tiankong, folders):
    work, state = folders
    # The count is skipped; "x" to "save anyway?" is neither yes nor no, so the question comes again.
    result = plain_on_a_small_template(tiankong, work, state)("市财政局\n\n\nx\nn\n")
    assert result.returncode == 1
    question = "还有 1 项没有填好，这些空会原样保留。仍要保存？[y/N] "
    assert result.stdout.count(question) == 2
    assert "请回答 y（是）或 n（否）。" in result.stdout and "没有保存" in result.stdout
    assert not (work / "工作总结.txt").exists()


def assert_word_file(path):
    """A .docx: a zip with the document part in it."""
    assert path.exists(), path
    assert zipfile.is_zipfile(path), path
    with zipfile.ZipFile(path) as z:
        assert "word/document.xml" in z.namelist()
        assert "市财政局" in z.read("word/document.xml").decode("utf-8")


# MARK: - The bundled template with its curated schema (21 questions)

SEED = (pathlib.Path(__file__).resolve().parents[2] / "Resources" / "templates" / "2020年党建工作总结（党组）.txt")

# The answers in the order the wizard asks; None takes the template's own text with Enter.
CURATED = [
    ("year", None), ("org", "市财政局"), ("study", "十二"), ("province", None), ("instructions", "6"),
    ("lectures", "4"), ("research", "8"), ("joint", "3"), ("field", "财政"), ("petitions", "1560"),
    ("wechat", "中原财政"), ("authority", "国家卫健委"), ("articles", "200"), ("story", "财政人"),
    ("volunteers", "86"), ("meeting_month", "3"), ("bureau", "市财政"), ("talks", None), ("group_talks", None),
    ("review_month", "11"), ("system", "全市财政"),
]


def curated_report():
    """Lines 16–35 of the template without the advert on line 18, each blank replaced by hand.

    The year, the province and the two figures keep the template's text (their defaults); all four
    XXX are the organisation."""
    seed = SEED.read_text(encoding="utf-8").split("\n")
    text = "\n".join(seed[15:17] + seed[18:35]) + "\n"
    replacements = [
        ("今年以来，XXX党组坚持", "今年以来，市财政局党组坚持"),
        ("党组扩大会议学习X次", "党组扩大会议学习12次"),
        ("指示精神工作X次", "指示精神工作6次"),
        ("上党课X次", "上党课4次"),
        ("党建工作会议X次", "党建工作会议8次"),
        ("共建活动X次", "共建活动3次"),
        ("着力为XX发展", "着力为财政发展"),
        ("问题X件", "问题1560件"),
        ("正式运行XX微信公众号", "正式运行中原财政微信公众号"),
        ("推介XX等权威机构", "推介国家卫健委等权威机构"),
        ("政策措施X余篇", "政策措施200余篇"),
        ("讲好XX抗击疫情", "讲好财政人抗击疫情"),
        ("全系统X名在职党员", "全系统86名在职党员"),
        ("X月初召开", "3月初召开"),
        ("对X局党组", "对市财政局党组"),
        ("X月份召开", "11月份召开"),
        ("对XX系统领导干部", "对全市财政系统领导干部"),
        ("今年以来，XXX党组工作", "今年以来，市财政局党组工作"),
        ("下一步，XXX党组将", "下一步，市财政局党组将"),
        ("促进我XXX事业", "促进我市财政局事业"),
    ]
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    assert "X" not in text
    assert text.count("2020") == 4 and text.count("甘肃") == 4
    assert "谈话提醒45人次" in text and "集体约谈6次" in text
    return text


def curated(n):
    return f"第 {n}/21 项"


def test_the_curated_template_asks_21_questions_with_hints_and_defaults_then_saves_word_and_text(tiankong, folders):
    work, state = folders
    command = f"{shell_quote(tiankong)}"
    with Tmux(command, env={"XDG_STATE_HOME": str(state)}, cwd=str(work)) as t:
        screen = t.wait_text(curated(1))
        assert "已填 0/21" in screen
        assert "回车保留模板原文“2020”" in screen
        for k, (field, answer) in enumerate(CURATED, start=1):
            screen = t.wait_text(curated(k))
            if field == "org":
                assert "单位名称，即“党组”前的部分，如“某某市财政局”" in screen
            if answer is None:
                t.keys("Enter")
                continue
            t.type(answer)
            t.wait_text("> " + answer)
            t.keys("Enter")
        screen = t.wait_text("检查并保存")
        assert "已填 21/21" in screen
        assert "全部填好了" in screen
        save_under_the_offered_name(t, WORD_NAME)
        t.wait_text("已保存")
        screen = t.screen().replace("\n", "")
        assert str(work / WORD_NAME) in screen and str(work / REPORT_NAME) in screen
        t.keys("C-c")
        t.wait_text("现在退出吗")
        t.type("y")
        assert t.wait_dead() == 0
    assert (work / REPORT_NAME).read_text(encoding="utf-8") == curated_report()
    assert_word_file(work / WORD_NAME)


def test_plain_mode_shows_the_hints_and_offers_the_template_text(tiankong, folders):
    work, state = folders
    lines = ["" if answer is None else answer for _, answer in CURATED] + ["", ]
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update({"LANG": "C.UTF-8", "XDG_STATE_HOME": str(state)})
    result = subprocess.run([tiankong, "--plain"], input="\n".join(lines) + "\n", capture_output=True, text=True,
                            cwd=work, env=env, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "共 21 项" in result.stdout
    assert "说明：单位名称，即“党组”前的部分，如“某某市财政局”" in result.stdout
    assert "回车保留原文：2020" in result.stdout and "回车保留原文：甘肃" in result.stdout
    assert str(work / WORD_NAME) in result.stdout and str(work / REPORT_NAME) in result.stdout
    assert (work / REPORT_NAME).read_text(encoding="utf-8") == curated_report()
    assert_word_file(work / WORD_NAME)


def test_a_frame_reaches_the_terminal_in_a_few_large_writes(tiankong, folders):
    """ncurses 6.4 writes out what it has at every cursor move until the screen has been left and taken
    back once; the wizard does that before its first update, so its first frame (a screenful of Chinese)
    leaves in a few writes, not one per line."""
    work, state = folders
    log = work / "strace.log"
    command = ["strace", "-o", str(log), "-e", "trace=write,poll", "-e", "signal=none",
               tiankong, "--no-schema"]
    with Tmux(" ".join(shell_quote(a) for a in command), env={"XDG_STATE_HOME": str(state)}, cwd=str(work)) as t:
        t.wait_text(question(1))
        t.type("市财政局")
        t.wait_text("> 市财政局")
        t.keys("C-c")
        t.wait_text("现在退出吗")
        t.type("y")
        t.wait_dead()
    calls = log.read_text(encoding="utf-8", errors="replace").splitlines()
    # Up to the first wait for a key (a poll of the keyboard with a timeout): the terminal set up, the
    # first frame drawn.
    first_wait = next(i for i, line in enumerate(calls) if line.startswith("poll([{fd=0") and ", 0)" not in line)
    frame = [line for line in calls[:first_wait] if line.startswith("write(1,")]
    # strace shows bytes past ASCII as octal escapes: UTF-8 for Chinese starts with \344…\351.
    chinese = [line for line in frame if re.search(r"\\[23][0-7][0-7]", line)]
    assert 1 <= len(chinese) <= 3, f"{len(chinese)} writes of the first frame's text:\n" + "\n".join(frame)
    assert len(frame) <= 12, "\n".join(frame)
