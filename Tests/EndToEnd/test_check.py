"""`tiankong check`: a finished report read as an office's 文书 would read it before it is handed in."""
import json

from docx import Document

from conftest import FIXTURES, run
from test_cli import ANSWERS, GOLDEN, assert_clean_failure, stderr

GOLDEN_TEXT = GOLDEN.decode()


def corrected_by_hand(text):
    """The golden report as a reader corrects it: its 17 ASCII commas (all between Chinese text; the
    answers' "1,560" was written 1560), the doubled stop of the 党课 line, and the brackets of (一) (二)."""
    assert text.count(",") == 17 and text.count("，。") == 1
    return text.replace(",", "，").replace("，。", "。").replace("(一)", "（一）").replace("(二)", "（二）")


def test_check_lists_the_templates_own_mistakes_with_where_and_what_to_write(tmp_path):
    report = tmp_path / "报告.txt"
    report.write_bytes(GOLDEN)
    result = run("check", report)
    assert result.returncode == 1, stderr(result)
    out = result.stdout.decode()
    assert "发现 22 处需要改正的地方，其中 22 处可用 --fix 自动改正" in out
    lines = GOLDEN_TEXT.split("\n")
    dangqian = next(n for n, line in enumerate(lines, 1) if "上党课4次，。" in line)
    column = lines[dangqian - 1].index("，。") + 1
    assert f"  {dangqian}:{column}  标点重复  “，。”改为“。”" in out
    heading = next(n for n, line in enumerate(lines, 1) if line.startswith("(一)强化主体责任落实"))
    assert f"  {heading}:1  半角标点  “(”改为“（”" in out and f"  {heading}:3  半角标点  “)”改为“）”" in out
    assert out.count("“,”改为“，”") == 17
    assert "全会精神,以党的政治" in out          # the text around each finding is shown


def test_check_in_english_when_the_locale_asks(tmp_path):
    report = tmp_path / "report.txt"
    report.write_bytes(GOLDEN)
    out = run("check", report, lang="en_US.UTF-8").stdout.decode()
    assert "22 things to correct; --fix corrects 22 of them" in out
    assert "doubled punctuation  “，。” → “。”" in out


def test_check_fix_writes_a_corrected_copy_and_leaves_the_report_alone(tmp_path):
    report = tmp_path / "报告.txt"
    report.write_bytes(GOLDEN)
    result = run("check", "--fix", report)
    assert result.returncode == 0, stderr(result)
    assert "已自动改正 22 处" in result.stdout.decode()
    corrected = tmp_path / "报告-已改正.txt"
    assert "已写入" in stderr(result) and str(corrected) in stderr(result)
    assert report.read_bytes() == GOLDEN
    assert corrected.read_text() == corrected_by_hand(GOLDEN_TEXT)
    again = run("check", corrected)
    assert again.returncode == 0 and "所有的空都已填好，没有发现需要改正的地方" in again.stdout.decode()


def test_check_fix_never_writes_over_a_file_without_force(tmp_path):
    report = tmp_path / "报告.txt"
    report.write_bytes(GOLDEN)
    result = run("check", "--fix", "-o", report, report)
    assert_clean_failure(result, 73)
    assert "已存在" in stderr(result) and "--force" in stderr(result)
    assert report.read_bytes() == GOLDEN
    (tmp_path / "报告-已改正.txt").write_text("别人的文件")
    assert_clean_failure(run("check", "--fix", report), 73)
    assert (tmp_path / "报告-已改正.txt").read_text() == "别人的文件"
    result = run("check", "--fix", "--force", "-o", report, report)
    assert result.returncode == 0, stderr(result)
    assert report.read_text() == corrected_by_hand(GOLDEN_TEXT)


def test_check_fix_keeps_the_reports_encoding_and_line_endings(tmp_path):
    report = tmp_path / "gbk.txt"
    report.write_bytes(GOLDEN_TEXT.replace("\n", "\r\n").encode("gb18030"))
    result = run("check", "--fix", "-o", tmp_path / "out.txt", report)
    assert result.returncode == 0, stderr(result)
    written = (tmp_path / "out.txt").read_bytes()
    assert written == corrected_by_hand(GOLDEN_TEXT).replace("\n", "\r\n").encode("gb18030")


def test_check_lists_for_a_person_what_fix_cannot_decide(tmp_path):
    text = ("2021年工作总结\n一、加强学习，提高认识。\n三、严明纪律,于2月30日召开会议。\n"
            "（一）学习《党章，研究制定《2020年工作要点》。\n")
    report = tmp_path / "r.txt"
    report.write_text(text)
    result = run("check", "--fix", "--year", "2021", report)
    assert result.returncode == 1, stderr(result)
    out = result.stdout.decode()
    assert "已自动改正 1 处" in out and "“,”改为“，”" in out
    assert "还有 4 处需要人工处理" in out
    assert "3:1  标题序号  “三、”前后序号不连续，应为“二、”（需人工核对）" in out
    assert "日期不存在  没有2月30日这一天" in out
    assert "括号引号不成对  “《”没有配对的“》”" in out
    assert "年份不符  “2020年”与报告年份 2021 年不同" in out
    assert (tmp_path / "r-已改正.txt").read_text() == text.replace(",", "，")


def test_check_json_for_programs(tmp_path):
    report = tmp_path / "half.txt"
    report.write_text(GOLDEN_TEXT.replace("学习12次", "学习X次"))
    result = run("check", "--format", "json", report)
    assert result.returncode == 1
    listing = json.loads(result.stdout)
    rules = [f["rule"] for f in listing["findings"]]
    assert rules.count("blank-left") == 1 and rules.count("doubled-punctuation") == 1
    assert rules.count("half-width-punctuation") == 21 and len(rules) == 23
    blank = next(f for f in listing["findings"] if f["rule"] == "blank-left")
    assert blank["found"] == "X" and blank["safe"] is False and blank["fix"] is None
    doubled = next(f for f in listing["findings"] if f["rule"] == "doubled-punctuation")
    assert doubled["found"] == "，。" and doubled["fix"] == "。" and doubled["safe"] is True and doubled["line"] == 5
    assert listing["clean"] is False


def test_check_blanks_left_stay_as_they_were_and_fix_leaves_them(tmp_path):
    report = tmp_path / "half.txt"
    report.write_text(corrected_by_hand(GOLDEN_TEXT).replace("学习12次", "学习X次"))
    result = run("check", "--fix", report)
    assert result.returncode == 1
    assert "还有 1 个空没有填" in result.stdout.decode() and "学习X次" in result.stdout.decode()


def test_check_errors_a_user_can_cause(tmp_path):
    assert_clean_failure(run("check", tmp_path / "missing.txt"), 66)
    (tmp_path / "empty.txt").write_bytes(b"")
    assert_clean_failure(run("check", tmp_path / "empty.txt"), 65)
    (tmp_path / "r.txt").write_bytes(GOLDEN)
    assert_clean_failure(run("check", "-o", tmp_path / "x.txt", tmp_path / "r.txt"), 64)
    result = run("check", "--year", "20x1", tmp_path / "r.txt")
    assert_clean_failure(result, 64)
    assert "--year" in stderr(result)


def test_fill_fix_writes_the_report_corrected(tmp_path):
    out = tmp_path / "报告.txt"
    result = run("fill", "--no-schema", "--answers", ANSWERS, "-o", out, "--fix")
    assert result.returncode == 0, stderr(result)
    assert "已自动改正 22 处" in stderr(result)
    assert out.read_text() == corrected_by_hand(GOLDEN_TEXT)
    docx = tmp_path / "报告.docx"
    assert run("fill", "--no-schema", "--answers", ANSWERS, "-o", docx, "--fix").returncode == 0
    paragraphs = [p.text for p in Document(str(docx)).paragraphs]
    assert any("党组织书记上党课4次。通过学习教育" in p for p in paragraphs)
    assert any(p.startswith("（一）强化主体责任落实") for p in paragraphs)
    assert not any("," in p for p in paragraphs)
