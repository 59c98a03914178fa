"""The wizard's review in a real terminal (tmux, 80×24, the size of a default terminal window): what
proof-reading finds in the report as it will be saved, and Ctrl-R to fix it."""
import zipfile

from conftest import save_under_the_offered_name
from test_wizard import CURATED, WORD_NAME, curated, curated_report
from tmuxdrive import Tmux, shell_quote


def selected_row(screen):
    """The review list's selected row (it starts with "> ")."""
    return next((line for line in screen.split("\n") if line.startswith(" > ")), "")


def report_text(screen):
    """The report pane below the "报告全文" rule, its rows joined back into text."""
    lines = screen.split("\n")
    start = next(k for k, line in enumerate(lines) if "报告全文" in line) + 1
    end = next(k for k in range(start, len(lines)) if lines[k].startswith("────"))
    return "".join(line.strip() for line in lines[start:end])


def test_the_review_lists_the_doubled_stop_of_the_template_and_ctrl_r_fixes_it_on_screen_and_in_the_files(tiankong, folders):
    work, state = folders
    report_name = WORD_NAME.replace(".docx", ".txt")
    with Tmux(shell_quote(tiankong), columns=80, rows=24, env={"XDG_STATE_HOME": str(state)}, cwd=str(work)) as t:
        for k, (_, answer) in enumerate(CURATED, start=1):
            t.wait_text(curated(k))
            if answer is not None:
                t.type(answer)
                t.wait_text("> " + answer)
            t.keys("Enter")
        screen = t.wait_text("检查并保存")
        # The template's own mistakes (its 17 ASCII commas, the 4 brackets of (一) and (二), the doubled stop).
        assert "全部填好了。校对发现 22 处，Ctrl-R 改正选中的一处：" in screen
        assert "Ctrl-R 改正" in screen.rstrip("\n").split("\n")[-1]
        # The first paragraph has 5 ASCII commas; the 党课 line's "，。" comes after them.
        for _ in range(5):
            before = selected_row(screen)
            t.keys("Down")
            screen = t.wait_for(lambda s: selected_row(s) != before, "the selection to move")
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
    assert (work / report_name).read_text(encoding="utf-8") == expected.replace("上党课4次，。", "上党课4次。")
    with zipfile.ZipFile(work / WORD_NAME) as z:
        document = z.read("word/document.xml").decode("utf-8")
    assert "上党课4次。通过学习教育" in document and "，。" not in document
