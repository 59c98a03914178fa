"""The wizard on a Word template in a real terminal (tmux at 100×30): the report pane shows the
document's paragraphs and table rows (cells separated by " │ "), and the saved .docx is the template's
own package with the answers in place, bold kept where the blank was bold.
"""
import shutil

import docx

from conftest import FIXTURES
from tmuxdrive import Tmux, shell_quote

TEMPLATE = FIXTURES / "word" / "split-runs.docx"
# In the order the wizard asks: the title's 20XX年, XX党组, 学习X次, 研讨XX场, 发展党员XX名, 姓名 XXX, 职务 XX, XX局, XX办公室,
# and the header's XX市XX局.
ANSWERS = ["2021", "市财政局", "12", "4", "3", "张三", "主任", "财政", "综合", "江城", "财政"]


def test_fill_a_word_template_in_the_wizard_and_save_it_in_place(tiankong, folders):
    work, state = folders
    template = work / "模板.docx"
    shutil.copy(TEMPLATE, template)
    command = " ".join(shell_quote(a) for a in [tiankong, "--no-schema", str(template)])
    with Tmux(command, columns=100, rows=30, env={"XDG_STATE_HOME": str(state)}, cwd=str(work)) as t:
        screen = t.wait_text("第 1/11 项")
        # The report pane: a paragraph, and a table row with its cells separated by a visible mark.
        assert "党组今年以来组织集中学习" in screen
        assert "姓名 │ XXX │ 职务 │ XX" in screen
        for k, answer in enumerate(ANSWERS, start=1):
            t.wait_text(f"第 {k}/11 项")
            t.type(answer)
            t.wait_text(answer)
            t.keys("Enter")
        t.wait_text("已填 11/11")
        t.keys("C-s")
        t.wait_text("保存为")
        t.keys("C-u")
        t.type("报告.docx")
        t.keys("Enter")
        t.wait_text("已保存")
        t.keys("C-c")
        t.wait_text("现在退出吗")
        t.type("y")
        assert t.wait_dead() == 0
    document = docx.Document(str(work / "报告.docx"))
    first = document.paragraphs[1].runs[0]
    assert (first.text, first.bold, str(first.font.color.rgb)) == ("市财政局", True, "C00000")
    assert [c.text for c in document.tables[0].rows[0].cells] == ["姓名", "张三", "职务", "主任"]
    assert [p.text for p in document.sections[0].header.paragraphs] == ["江城市财政局"]
    text = (work / "报告.txt").read_text(encoding="utf-8")
    assert "市财政局党组今年以来组织集中学习12次，开展专题研讨4场。\n" in text
