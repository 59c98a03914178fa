"""Many reports from one sheet: `tiankong fill --data 表.csv -o '输出/{单位名称}.docx'`.

The sheets are written here the way Excel and people write them (UTF-8 with a BOM, GBK with CRLF,
quoted cells), and every report is read back: the text ones as text, the Word ones with python-docx.
"""
import pathlib

import docx

from conftest import BUNDLED, run

TEMPLATE = "XXX党支部2020年工作总结\n今年以来，XXX党支部组织集中学习X次，X月召开组织生活会。\n"
SCHEMA = """fields:
  - id: org
    label: 单位名称
    kind: text
    blanks: [XXX党支部2020, 今年以来，XXX党支部]
  - id: study
    label: 学习次数
    kind: integer
    unit: 次
    max: 100
    blanks: [学习X次]
  - id: month
    label: 召开月份
    kind: month
    blanks: [X月召开]
"""


def stderr(result):
    return result.stderr.decode("utf-8", "replace")


def small_template(tmp_path):
    """A two-line template with three fields: 单位名称 (twice), 学习次数, 召开月份."""
    folder = tmp_path / "模板"
    folder.mkdir()
    (folder / "总结.txt").write_text(TEMPLATE, encoding="utf-8")
    (folder / "总结.tiankong.yaml").write_text(SCHEMA, encoding="utf-8")
    return folder / "总结.txt"


def report(org, study, month):
    return f"{org}党支部2020年工作总结\n今年以来，{org}党支部组织集中学习{study}次，{month}月召开组织生活会。\n"


def test_a_utf8_csv_with_a_bom_gives_one_text_report_per_row(tmp_path):
    template = small_template(tmp_path)
    (tmp_path / "表.csv").write_bytes("\ufeff单位名称,学习次数,召开月份\n第一,12,3\n第二,十二,１１\n".encode("utf-8"))
    result = run("fill", template, "--data", "表.csv", "-o", "输出/{单位名称}.txt", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    out = tmp_path / "输出"
    assert sorted(p.name for p in out.iterdir()) == ["第一.txt", "第二.txt"]
    assert (out / "第一.txt").read_text(encoding="utf-8") == report("第一", 12, 3)
    # 十二 and the full-width １１ are normalised as the wizard does.
    assert (out / "第二.txt").read_text(encoding="utf-8") == report("第二", 12, 11)
    assert "已写出 2 份报告" in stderr(result) and str(out) in stderr(result)


def test_a_gbk_crlf_csv_from_excel_is_read(tmp_path):
    template = small_template(tmp_path)
    sheet = "单位名称,学习次数,召开月份\r\n机关第一,8,5\r\n机关第二,9,6\r\n"
    (tmp_path / "表.csv").write_bytes(sheet.encode("gbk"))
    result = run("fill", template, "--data", "表.csv", "-o", "{单位名称}.txt", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    # The reports keep the template's encoding (UTF-8), whatever the sheet's was.
    assert (tmp_path / "机关第一.txt").read_text(encoding="utf-8") == report("机关第一", 8, 5)
    assert (tmp_path / "机关第二.txt").read_text(encoding="utf-8") == report("机关第二", 9, 6)


def test_unicode_text_from_excel_is_utf16_with_tabs(tmp_path):
    template = small_template(tmp_path)
    (tmp_path / "表.txt").write_bytes("单位名称\t学习次数\t召开月份\r\n机关第三\t10\t12\r\n".encode("utf-16"))
    result = run("fill", template, "--data", "表.txt", "-o", "{单位名称}.txt", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    assert (tmp_path / "机关第三.txt").read_text(encoding="utf-8") == report("机关第三", 10, 12)
    assert f"已写出 1 份报告，在 {tmp_path}" in stderr(result)


def test_columns_are_matched_by_field_id_in_any_order(tmp_path):
    template = small_template(tmp_path)
    (tmp_path / "表.csv").write_text("month,org,study\n7,第三,4\n", encoding="utf-8")
    result = run("fill", template, "--data", "表.csv", "-o", "{row}.txt", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    # The header is row 1, so the one data row is row 2.
    assert (tmp_path / "2.txt").read_text(encoding="utf-8") == report("第三", 4, 7)


def test_quoted_cells_keep_their_commas_and_quotes_and_a_line_break_is_named(tmp_path):
    template = small_template(tmp_path)
    sheet = ('单位名称,学习次数,召开月份\n'
             '"一支部,""红旗""",3,4\n'
             '"两行\n的名字",5,6\n'
             '末支部,7,8\n')
    (tmp_path / "表.csv").write_text(sheet, encoding="utf-8")
    result = run("fill", template, "--data", "表.csv", "-o", "{row}.txt", cwd=tmp_path)
    assert result.returncode == 65
    # The cell with a line break is record 3 of the sheet, though it starts on line 3 and ends on line 4.
    assert "第 3 行，“单位名称”列：只能填一行文字" in stderr(result)
    assert not list(tmp_path.glob("*.txt")), "nothing is written while a row is wrong"

    result = run("fill", template, "--data", "表.csv", "-o", "{单位名称}.txt", "--skip-invalid", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    # The quotes in the name become full-width in the file name, and stay as typed in the report.
    assert (tmp_path / "一支部,＂红旗＂.txt").read_text(encoding="utf-8") == report('一支部,"红旗"', 3, 4)
    assert (tmp_path / "末支部.txt").read_text(encoding="utf-8") == report("末支部", 7, 8)
    assert "跳过 1 行（第 3 行）" in stderr(result)


def test_every_wrong_row_is_told_at_once_and_nothing_is_written(tmp_path):
    template = small_template(tmp_path)
    (tmp_path / "表.csv").write_text("单位名称,学习次数,召开月份\n第一,12,3\n第二,很多,3\n第三,4,13\n,5,6\n", encoding="utf-8")
    result = run("fill", template, "--data", "表.csv", "-o", "输出/{单位名称}.docx", cwd=tmp_path)
    assert result.returncode == 65
    text = stderr(result)
    assert "有 3 行不能使用，没有写出任何报告" in text
    assert "第 3 行，“学习次数”列：不是数字" in text and "（填的是“很多”）" in text
    assert "第 4 行，“召开月份”列：月份应在 1–12 之间" in text
    assert "第 5 行，“单位名称”列：没有答案" in text
    assert "--skip-invalid" in text
    assert not (tmp_path / "输出").exists()

    result = run("fill", template, "--data", "表.csv", "-o", "输出/{单位名称}.docx", "--skip-invalid", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    assert [p.name for p in (tmp_path / "输出").iterdir()] == ["第一.docx"]
    assert "跳过 3 行（第 3、4、5 行）" in stderr(result)

    result = run("fill", template, "--data", "表.csv", "-o", "输出/{单位名称}.docx", cwd=tmp_path, lang="en_US.UTF-8")
    assert "Row 3, column “学习次数”: Not a number" in stderr(result)


def test_two_rows_writing_one_file_are_named_and_nothing_is_written(tmp_path):
    template = small_template(tmp_path)
    (tmp_path / "表.csv").write_text("单位名称,学习次数,召开月份\n一支部,1,2\n二支部,3,4\n一支部,5,6\n", encoding="utf-8")
    result = run("fill", template, "--data", "表.csv", "-o", "{单位名称}.txt", cwd=tmp_path)
    assert result.returncode == 65
    assert "第 2、4 行都是 一支部.txt" in stderr(result)
    assert not list(tmp_path.glob("*.txt"))


def test_existing_reports_are_not_overwritten_without_force(tmp_path):
    template = small_template(tmp_path)
    (tmp_path / "表.csv").write_text("单位名称,学习次数,召开月份\n一支部,1,2\n二支部,3,4\n", encoding="utf-8")
    (tmp_path / "二支部.txt").write_text("上个月写的", encoding="utf-8")
    result = run("fill", template, "--data", "表.csv", "-o", "{单位名称}.txt", cwd=tmp_path)
    assert result.returncode == 73
    assert "二支部.txt" in stderr(result) and "--force" in stderr(result)
    assert not (tmp_path / "一支部.txt").exists(), "nothing is written when one name is taken"
    assert (tmp_path / "二支部.txt").read_text(encoding="utf-8") == "上个月写的"
    result = run("fill", template, "--data", "表.csv", "-o", "{单位名称}.txt", "--force", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    assert (tmp_path / "二支部.txt").read_text(encoding="utf-8") == report("二支部", 3, 4)


def test_columns_that_do_not_fit_are_listed(tmp_path):
    template = small_template(tmp_path)
    (tmp_path / "表.csv").write_text("单位名称,学习次数,备注\n一支部,1,无\n", encoding="utf-8")
    result = run("fill", template, "--data", "表.csv", "-o", "{row}.txt", cwd=tmp_path)
    assert result.returncode == 65
    text = stderr(result)
    assert "第 3 列 “备注” 对不上模板的任何字段" in text
    assert "缺少“召开月份”（month）这一列" in text
    # With --partial a missing column is allowed (its blank stays), an unknown one is not.
    (tmp_path / "表.csv").write_text("单位名称,学习次数\n一支部,1\n", encoding="utf-8")
    result = run("fill", template, "--data", "表.csv", "-o", "{row}.txt", "--partial", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    assert (tmp_path / "2.txt").read_text(encoding="utf-8") == report("一支部", 1, "X")


def test_sheets_that_cannot_be_read_get_clear_messages(tmp_path):
    template = small_template(tmp_path)
    result = run("fill", template, "--data", tmp_path / "没有.csv", "-o", "{row}.txt")
    assert result.returncode == 66 and "找不到数据表" in stderr(result)
    (tmp_path / "旧.xls").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))
    result = run("fill", template, "--data", tmp_path / "旧.xls", "-o", "{row}.txt")
    assert result.returncode == 65 and "另存为" in stderr(result) and ".xlsx" in stderr(result)
    (tmp_path / "引号.csv").write_text('单位名称,学习次数,召开月份\n一支部,1,2\n"二支部,3,4\n三支部,5,6\n', encoding="utf-8")
    result = run("fill", template, "--data", tmp_path / "引号.csv", "-o", "{row}.txt", cwd=tmp_path)
    assert result.returncode == 65 and "第 3 行的引号没有配对" in stderr(result)
    # A quote inside a cell that is not quoted whole is not guessed at either.
    (tmp_path / "引号.csv").write_text('单位名称,学习次数,召开月份\n一支部"红旗",1,2\n', encoding="utf-8")
    result = run("fill", template, "--data", tmp_path / "引号.csv", "-o", "{row}.txt", cwd=tmp_path)
    assert result.returncode == 65 and "第 2 行的引号没有配对（或不在一格的开头）" in stderr(result)
    (tmp_path / "只有标题.csv").write_text("单位名称,学习次数,召开月份\r\n\r\n", encoding="utf-8")
    result = run("fill", template, "--data", tmp_path / "只有标题.csv", "-o", "{row}.txt", cwd=tmp_path)
    assert result.returncode == 65 and "没有要填的数据" in stderr(result)
    (tmp_path / "表.csv").write_text("单位名称,学习次数,召开月份\n一支部,1,2\n", encoding="utf-8")
    result = run("fill", template, "--data", "表.csv", "-o", "{单位}.txt", cwd=tmp_path)
    assert result.returncode == 64 and "{单位} 不是模板的字段" in stderr(result)
    result = run("fill", template, "--data", "表.csv", "--answers", "a.json", cwd=tmp_path)
    assert result.returncode == 64 and "--answers 和 --data 只能给一个" in stderr(result)


def test_word_reports_of_the_bundled_template_read_back_with_python_docx(tmp_path):
    labels = ["报告年份", "单位名称", "理论中心组和党组扩大会议学习次数"]
    result = run("fields", "--format", "json")
    import json
    fields = json.loads(result.stdout)["fields"]
    assert [f["label"] for f in fields[:3]] == labels
    header = [f["label"] for f in fields]
    rows = []
    for k, org in enumerate(["市财政局", "市教育局", "市卫健委"]):
        answers = {f["id"]: ("本单位" if f["kind"] == "text" else "3") for f in fields}
        answers.update({"year": "2021", "org": org, "study": str(10 + k), "province": "陕西", "meeting_month": "3", "review_month": "9"})
        rows.append([answers[f["id"]] for f in fields])
    lines = [",".join(header)] + [",".join(r) for r in rows]
    (tmp_path / "表.csv").write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    result = run("fill", BUNDLED, "--data", "表.csv", "-o", "报告/{单位名称}.docx", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    for k, org in enumerate(["市财政局", "市教育局", "市卫健委"]):
        text = "\n".join(p.text for p in docx.Document(str(tmp_path / "报告" / f"{org}.docx")).paragraphs)
        assert text.startswith("2021年党建工作总结（党组）")
        assert f"今年以来，{org}党组坚持" in text
        assert f"党组扩大会议学习{10 + k}次" in text
        assert "陕西" in text and "甘肃" not in text
        assert "3月初召开全局党风廉政建设" in text and "9月份召开巡察整改专题民主" in text


def test_the_sheet_as_csv_goes_out_and_comes_back_as_reports(tmp_path):
    """`sheet` writes the CSV; a person fills two rows in it (here python's csv); `fill --data` reads it."""
    import csv
    template = small_template(tmp_path)
    result = run("sheet", template, "-o", "填报表.csv", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    raw = (tmp_path / "填报表.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a BOM, so Excel on Chinese Windows reads it as UTF-8"
    rows = list(csv.reader(raw[3:].decode("utf-8").splitlines()))
    assert rows == [["单位名称", "学习次数", "召开月份"], ["文字，如单位名称", "次数，填整数", "月份 1–12"]]

    with open(tmp_path / "填报表.csv", "a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows([["机关一支部", "六", "4"], ["机关二支部", "7", "五"]])
    result = run("fill", template, "--data", "填报表.csv", "-o", "报告/{单位名称}.txt", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    assert (tmp_path / "报告" / "机关一支部.txt").read_text(encoding="utf-8") == report("机关一支部", 6, 4)
    assert (tmp_path / "报告" / "机关二支部.txt").read_text(encoding="utf-8") == report("机关二支部", 7, 5)
    # The second row (what each column expects) is not a report.
    assert len(list((tmp_path / "报告").iterdir())) == 2

    result = run("sheet", template, "-o", "填报表.csv", cwd=tmp_path)
    assert result.returncode == 73 and "--force" in stderr(result)
