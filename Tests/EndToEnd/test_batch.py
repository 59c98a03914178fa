"""Many reports from one sheet: `tiankong fill --data 表.csv -o '输出/{单位名称}.docx'`.

The sheets are written here the way Excel and people write them (UTF-8 with a BOM, GBK with CRLF,
quoted cells), and every report is read back: the text ones as text, the Word ones with python-docx.
"""
import shutil

import docx

from conftest import BUNDLED, FIXTURES, run

# The sheet fixtures: 总结 asks for 单位名称 (twice), 学习次数 and 召开月份; 评议 asks for the same and for a
# 评议等次 picked from a list, with a name of at most 20 characters.
SHEET_FIXTURES = FIXTURES / "batch"


def stderr(result):
    return result.stderr.decode("utf-8", "replace")


def small_template(tmp_path, name="总结"):
    """A two-line template and its schema, copied from Tests/Fixtures/batch into a folder of the test's."""
    folder = tmp_path / "模板"
    folder.mkdir()
    for suffix in (".txt", ".tiankong.yaml"):
        shutil.copy(SHEET_FIXTURES / (name + suffix), folder / (name + suffix))
    return folder / (name + ".txt")


def fill_from_csv(tmp_path, template, sheet, pattern="{单位名称}.txt", *flags, status=0):
    """Writes `sheet` as 表.csv (UTF-8) and fills one report per row; the run ends with `status`."""
    (tmp_path / "表.csv").write_text(sheet, encoding="utf-8")
    result = run("fill", template, "--data", "表.csv", "-o", pattern, *flags, cwd=tmp_path)
    assert result.returncode == status, stderr(result)
    return result


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
    fill_from_csv(tmp_path, template, "month,org,study\n7,第三,4\n", pattern="{row}.txt")
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
    result = fill_from_csv(tmp_path, template, "单位名称,学习次数,召开月份\n第一,12,3\n第二,很多,3\n第三,4,13\n,5,6\n", "输出/{单位名称}.docx", status=65)
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
    result = fill_from_csv(tmp_path, template, "单位名称,学习次数,召开月份\n一支部,1,2\n二支部,3,4\n一支部,5,6\n", "{单位名称}.txt", status=65)
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
    result = fill_from_csv(tmp_path, template, "单位名称,学习次数,备注\n一支部,1,无\n", "{row}.txt", status=65)
    text = stderr(result)
    assert "第 3 列 “备注” 对不上模板的任何字段" in text
    assert "缺少“召开月份”（month）这一列" in text
    # With --partial a missing column is allowed (its blank stays), an unknown one is not.
    fill_from_csv(tmp_path, template, "单位名称,学习次数\n一支部,1\n", "{row}.txt", "--partial")
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


def test_a_word_report_from_a_row_is_the_one_fill_writes_from_the_same_answers(tmp_path):
    """A unit's report from the sheet and the same unit's report from an answers file are the same
    document, part by part: only the time it was written (in docProps/core.xml) differs."""
    import csv
    import json
    import re
    import zipfile
    fields = json.loads(run("fields", "--format", "json").stdout)["fields"]
    rows = []
    for k, org in enumerate(["市财政局", "A&B <C> “局”", "市卫健委"]):
        answers = {f["id"]: ("本单位" if f["kind"] == "text" else "3") for f in fields}
        # Row 2's study count is written in Chinese numerals, as a person may type it; both read it as 12.
        answers.update({"year": "2021", "org": org, "study": "十二" if k == 1 else str(10 + k), "province": "陕西"})
        rows.append(answers)
    with open(tmp_path / "表.csv", "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([f["label"] for f in fields])
        writer.writerows([[answers[f["id"]] for f in fields] for answers in rows])
    result = run("fill", BUNDLED, "--data", "表.csv", "-o", "报告/{row}.docx", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    (tmp_path / "答案.json").write_text(json.dumps({"answers": rows[1]}, ensure_ascii=False), encoding="utf-8")
    result = run("fill", BUNDLED, "--answers", "答案.json", "-o", "单份.docx", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)

    def parts(path):
        with zipfile.ZipFile(path) as package:
            names = [entry.filename for entry in package.infolist()]
            contents = {name: package.read(name) for name in names}
        core = contents["docProps/core.xml"]
        stamps = re.findall(rb"<dcterms:(?:created|modified) [^>]*>([^<]*)<", core)
        assert len(stamps) == 2 and stamps[0] == stamps[1]
        contents["docProps/core.xml"] = core.replace(stamps[0], b"TIME")
        return names, contents

    from_row, from_answers = parts(tmp_path / "报告" / "3.docx"), parts(tmp_path / "单份.docx")
    assert from_row[0] == from_answers[0]
    for name in from_row[0]:
        assert from_row[1][name] == from_answers[1][name], name
    assert "A&amp;B &lt;C&gt; “局”党组".encode() in from_row[1]["word/document.xml"]
    assert "学习12次".encode() in from_row[1]["word/document.xml"]
    assert "市财政局".encode() not in from_row[1]["word/document.xml"]


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


def test_an_xlsx_from_excel_gives_reports_from_its_first_sheet_or_the_one_named(tmp_path):
    """Shared strings, numbers stored as numbers (12.0 is 12), a second sheet picked with --sheet."""
    import openpyxl
    template = small_template(tmp_path)
    book = openpyxl.Workbook()
    first = book.active
    first.title = "一季度"
    first.append(["单位名称", "学习次数", "召开月份"])
    first.append(["一支部", 12.0, 3])
    first.append(["二支部", "十二", 4.0])
    second = book.create_sheet("二季度")
    second.append(["org", "study", "month"])
    second.append(["三支部", 5, 6])
    book.save(tmp_path / "表.xlsx")

    result = run("fill", template, "--data", "表.xlsx", "-o", "{单位名称}.txt", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    assert (tmp_path / "一支部.txt").read_text(encoding="utf-8") == report("一支部", 12, 3)
    assert (tmp_path / "二支部.txt").read_text(encoding="utf-8") == report("二支部", 12, 4)
    assert not (tmp_path / "三支部.txt").exists()

    result = run("fill", template, "--data", "表.xlsx", "--sheet", "二季度", "-o", "{单位名称}.txt", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    assert (tmp_path / "三支部.txt").read_text(encoding="utf-8") == report("三支部", 5, 6)

    result = run("fill", template, "--data", "表.xlsx", "--sheet", "三季度", "-o", "{单位名称}.txt", cwd=tmp_path)
    assert result.returncode == 65 and "没有叫“三季度”的工作表；有：“一季度”、“二季度”" in stderr(result)


def write_workbook(path, sheet_xml):
    """A minimal .xlsx made by hand, for what openpyxl does not write: inline strings, 12.0, gaps."""
    import zipfile
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                   '<sheet name="表一" sheetId="1" r:id="rId7"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/>'
                   '</Relationships>')
        z.writestr("xl/worksheets/data.xml", '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                   f'<sheetData>{sheet_xml}</sheetData></worksheet>')


def inline(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def test_an_xlsx_with_inline_strings_stored_numbers_and_empty_rows(tmp_path):
    template = small_template(tmp_path)
    rows = (f'<row r="1">{inline("A1", "单位名称")}{inline("C1", "召开月份")}{inline("B1", "学习次数")}</row>'
            f'<row r="2">{inline("A2", "机关一支部")}<c r="B2"><v>12.0</v></c><c r="C2" t="n"><v>3</v></c></row>'
            '<row r="3"/>'
            f'<row r="5">{inline("A5", "机关二支部")}<c r="B5"><v>7</v></c><c r="C5"><v>13</v></c></row>'
            '<row r="9"><c r="A9"/></row>')
    write_workbook(tmp_path / "表.xlsx", rows)
    # Row numbers are the sheet's own: the wrong month is in row 5, after an empty row and a missing one.
    one_wrong_month_is_named_then_skipped(tmp_path, template, "表.xlsx", "{单位名称}.txt", row=5)
    assert (tmp_path / "机关一支部.txt").read_text(encoding="utf-8") == report("机关一支部", 12, 3)


def one_wrong_month_is_named_then_skipped(tmp_path, template, sheet, pattern, row):
    """`fill --data` refuses the sheet for the month 13 in `row`; with --skip-invalid it writes the others."""
    result = run("fill", template, "--data", sheet, "-o", pattern, cwd=tmp_path)
    assert result.returncode == 65
    assert f"第 {row} 行，“召开月份”列：月份应在 1–12 之间" in stderr(result)
    result = run("fill", template, "--data", sheet, "-o", pattern, "--skip-invalid", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    assert f"跳过 1 行（第 {row} 行）" in stderr(result)


def test_a_damaged_or_hostile_xlsx_is_refused_with_a_message(tmp_path):
    template = small_template(tmp_path)
    (tmp_path / "坏.xlsx").write_bytes(b"PK\x03\x04" + bytes(200))
    result = run("fill", template, "--data", "坏.xlsx", "-o", "{row}.txt", cwd=tmp_path)
    assert result.returncode == 65 and "不是完好的 .xlsx 文件" in stderr(result)
    # A sheet part that inflates a thousandfold: a zip bomb posing as a workbook.
    write_workbook(tmp_path / "炸弹.xlsx", "<row r=\"1\"/>" + " " * (300 << 20))
    result = run("fill", template, "--data", "炸弹.xlsx", "-o", "{row}.txt", cwd=tmp_path)
    assert result.returncode == 65 and "zip 炸弹" in stderr(result)
    assert not list(tmp_path.glob("*.txt"))


def test_the_workbook_carries_every_columns_rule_and_comes_back_as_word_reports(tmp_path):
    """`sheet -o 填报表.xlsx`; openpyxl reads its rules back and fills two rows as a person would in Excel;
    `fill --data` turns them into .docx reports that python-docx reads back."""
    import openpyxl
    template = small_template(tmp_path, "评议")
    result = run("sheet", template, "-o", "填报表.xlsx", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    book = openpyxl.load_workbook(tmp_path / "填报表.xlsx")
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == ["单位名称", "学习次数", "召开月份", "评议等次"]
    assert [c.value for c in sheet[2]] == ["文字，最多 20 个字", "次数，填整数", "月份 1–12", "从中选一：好、较好、一般、差"]
    assert [c.value for c in sheet[3]] == ["org", "study", "month", "grade"]
    assert sheet.row_dimensions[3].hidden, "the field ids are kept in a hidden row"
    assert sheet.freeze_panes == "A4", "the header rows stay in view"
    assert sheet.column_dimensions["A"].width >= 16, "a Chinese header fits its column"

    rules = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    # The schema (Tests/Fixtures/batch/评议.tiankong.yaml): a name of at most 20 characters, 学习次数 a
    # whole number 0–100 (its max), 召开月份 1–12, 评议等次 one of 好 较好 一般 差.
    assert set(rules) == {"A4:A10003", "B4:B10003", "C4:C10003", "D4:D10003"}
    name, study, month, grade = (rules[f"{c}4:{c}10003"] for c in "ABCD")
    assert (name.type, name.operator, name.formula1) == ("textLength", "lessThanOrEqual", "20")
    assert name.error == "不能超过 20 个字"
    # "between" is the operator Excel takes when none is written.
    assert (study.type, study.operator or "between", study.formula1, study.formula2) == ("whole", "between", "0", "100")
    assert (month.type, month.operator or "between", month.formula1, month.formula2) == ("whole", "between", "1", "12")
    assert month.errorStyle in (None, "stop") and month.showErrorMessage
    assert month.error == "月份应在 1–12 之间" and month.prompt == "月份 1–12"
    assert study.error == "应在 0–100 之间"
    # A dropdown of the four grades, in the schema's order.
    assert (grade.type, grade.formula1) == ("list", '"好,较好,一般,差"')
    assert grade.error == "只能填以下之一：好、较好、一般、差" and grade.showDropDown in (None, False)

    sheet.append(["机关一支部", 6, 4, "好"])
    sheet.append(["机关二支部", 7, 5, "一般"])
    book.save(tmp_path / "填报表.xlsx")
    result = run("fill", template, "--data", "填报表.xlsx", "-o", "报告/{单位名称}.docx", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    assert_appraisal_reports(tmp_path / "报告", [("机关一支部", 6, 4, "好"), ("机关二支部", 7, 5, "一般")])


def test_a_list_too_long_for_excel_is_kept_on_a_hidden_sheet(tmp_path):
    """Excel takes at most 255 characters of an inline list, and a comma splits it: such choices go in a
    column of a hidden sheet that the dropdown refers to."""
    import openpyxl
    template = small_template(tmp_path, "评议")
    schema = template.with_name("评议.tiankong.yaml")
    grades = ["好（含优秀,先进）"] + [f"第{k}等" for k in range(1, 80)]
    schema.write_text(schema.read_text(encoding="utf-8").replace("[好, 较好, 一般, 差]", "[" + ", ".join(f'"{g}"' for g in grades) + "]"), encoding="utf-8")
    result = run("sheet", template, "-o", "填报表.xlsx", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    book = openpyxl.load_workbook(tmp_path / "填报表.xlsx")
    assert book.sheetnames == ["填报", "选项"] and book["选项"].sheet_state == "hidden"
    # 评议等次 is the fourth column, D, in both sheets.
    assert [c.value for c in book["选项"]["D"]] == grades
    grade = next(v for v in book.worksheets[0].data_validations.dataValidation if str(v.sqref) == "D4:D10003")
    assert (grade.type, grade.formula1) == ("list", "'选项'!$D$1:$D$80")


def calc_saves(workbook, target, folder):
    """Opens `workbook` in LibreOffice Calc (headless) and saves it as `target` ("xlsx", or a CSV filter
    with its options) into `folder`; returns the saved file. soffice is needed (TEST_PACKAGES), never skipped."""
    import os
    import subprocess
    soffice = shutil.which("soffice")
    assert soffice, "soffice is not installed; `make test` installs it (see the Makefile's TEST_PACKAGES)"
    profile = folder.parent / "libreoffice-profile"
    result = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target,
                             "--outdir", str(folder), str(workbook)],
                            capture_output=True, text=True, timeout=300, env=dict(os.environ, HOME=str(folder.parent)))
    saved = folder / (workbook.stem + (".xlsx" if target == "xlsx" else ".csv"))
    assert result.returncode == 0 and saved.exists(), f"soffice failed:\n{result.stdout}\n{result.stderr}"
    return saved


def test_the_sheet_saved_by_libreoffice_calc_as_xlsx_and_as_a_gbk_csv_gives_the_same_reports(tmp_path):
    """A unit that opens the sheet in LibreOffice Calc and saves it (as .xlsx, or as CSV in GBK, as Chinese
    Windows writes text) hands back what `fill --data` reads: one report per row, every answer in it."""
    import openpyxl
    template = small_template(tmp_path, "评议")
    assert run("sheet", template, "-o", "填报表.xlsx", cwd=tmp_path).returncode == 0
    book = openpyxl.load_workbook(tmp_path / "填报表.xlsx")
    sheet = book.worksheets[0]
    rows = [("机关一支部", 6, 4, "好"), ("机关二支部", 7, 5, "一般"), ("后勤支部", 12, 11, "较好")]
    for row in rows:
        sheet.append(list(row))
    book.save(tmp_path / "填好.xlsx")

    saved_xlsx = calc_saves(tmp_path / "填好.xlsx", "xlsx", tmp_path / "calc-xlsx")
    # Field 44 is the comma, 34 the double quote, 67 LibreOffice's number for GBK (rtl_TextEncoding).
    saved_csv = calc_saves(tmp_path / "填好.xlsx", "csv:Text - txt - csv (StarCalc):44,34,67", tmp_path / "calc-csv")
    raw = saved_csv.read_bytes()
    assert "机关一支部".encode("gbk") in raw and "机关一支部".encode("utf-8") not in raw, "the CSV is GBK"
    assert raw.decode("gbk").splitlines()[0] == "单位名称,学习次数,召开月份,评议等次"

    for saved, out in [(saved_xlsx, "从xlsx"), (saved_csv, "从csv")]:
        result = run("fill", template, "--data", saved, "-o", f"{out}/{{单位名称}}.docx", cwd=tmp_path)
        assert result.returncode == 0, stderr(result)
        assert "已写出 3 份报告" in stderr(result)
        assert_appraisal_reports(tmp_path / out, rows)


def appraisal(org, study, month, grade):
    """The 评议 fixture's second line, filled."""
    return f"今年以来，{org}党支部组织集中学习{study}次，{month}月召开组织生活会，开展民主评议党员，支部评议等次为{grade}。"


def assert_appraisal_reports(folder, rows):
    """One .docx per row in `folder`, named by its unit, each holding that row's answers."""
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{row[0]}.docx" for row in rows)
    for row in rows:
        text = "\n".join(p.text for p in docx.Document(str(folder / f"{row[0]}.docx")).paragraphs)
        assert f"{row[0]}党支部2020年民主评议党员情况" in text
        assert appraisal(*row) in text


def test_a_name_too_long_or_a_grade_not_on_the_list_is_refused_as_in_the_wizard(tmp_path):
    template = small_template(tmp_path, "评议")
    long_name = "某某省某某市某某县某某乡镇人民政府机关第一" # 21 characters
    assert len(long_name) == 21
    result = fill_from_csv(tmp_path, template, f"单位名称,学习次数,召开月份,评议等次\n{long_name},1,2,好\n三支部,3,4,很好\n四支部,5,6, 较好 \n",
                           "{row}.txt", status=65)
    text = stderr(result)
    assert "第 2 行，“单位名称”列：不能超过 20 个字" in text
    assert "第 3 行，“评议等次”列：只能填以下之一：好、较好、一般、差" in text and "（填的是“很好”）" in text
    assert "有 2 行不能使用" in text
    result = fill_from_csv(tmp_path, template, f"单位名称,学习次数,召开月份,评议等次\n{long_name},1,2,好\n四支部,5,6, 较好 \n",
                           "{row}.txt", "--skip-invalid")
    assert (tmp_path / "3.txt").read_text(encoding="utf-8").splitlines()[1] == appraisal("四支部", 5, 6, "较好")


def test_a_disk_full_half_way_keeps_the_reports_written_whole_and_says_how_many(tmp_path):
    from conftest import tmpfs
    template = small_template(tmp_path)
    rows = "".join(f"第{k}支部,{k % 50},{k % 12 + 1}\n" for k in range(1, 201))
    (tmp_path / "表.csv").write_text("单位名称,学习次数,召开月份\n" + rows, encoding="utf-8")
    # Room for some of the 200 Word reports (each about 10 KB), not all.
    with tmpfs("size=600k") as disk:
        result = run("fill", template, "--data", tmp_path / "表.csv", "-o", f"{disk}/{{单位名称}}.docx", cwd=tmp_path)
        assert result.returncode == 74, stderr(result)
        text = stderr(result)
        written = sorted(disk.iterdir())
        assert 0 < len(written) < 200
        assert f"已写出 {len(written)} 份报告，其余没有写" in text and "磁盘空间已满" in text
        for report_file in written:
            assert report_file.suffix == ".docx", "no temporary file is left behind"
            document = docx.Document(str(report_file))
            assert any("党支部组织集中学习" in p.text for p in document.paragraphs)


def test_progress_is_shown_on_a_terminal_and_not_on_a_pipe(tmp_path):
    import os
    import shlex
    import subprocess
    from conftest import binary
    template = small_template(tmp_path)
    rows = "".join(f"第{k}支部,{k % 50},{k % 12 + 1}\n" for k in range(1, 301))
    (tmp_path / "表.csv").write_text("单位名称,学习次数,召开月份\n" + rows, encoding="utf-8")
    command = shlex.join([binary(), "fill", str(template), "--data", "表.csv", "-o", "终端/{单位名称}.txt"])
    env = {**os.environ, "LANG": "zh_CN.UTF-8"}
    # `script` gives the command a terminal of its own, as a person's shell would.
    shown = subprocess.run(["script", "-qec", command, "/dev/null"], cwd=tmp_path, capture_output=True, env=env, timeout=120)
    assert shown.returncode == 0, shown.stdout
    screen = shown.stdout.decode("utf-8", "replace")
    assert "/300 份 · 每秒" in screen and "已写出 300 份报告" in screen
    assert len(list((tmp_path / "终端").iterdir())) == 300
    piped = run("fill", template, "--data", "表.csv", "-o", "管道/{单位名称}.txt", cwd=tmp_path)
    assert piped.returncode == 0 and "/300 份" not in stderr(piped) and "已写出 300 份报告" in stderr(piped)


def test_a_month_column_takes_the_month_of_a_date(tmp_path):
    """A date cell in Excel is a serial number in a date format; a month field takes its month."""
    import datetime
    import openpyxl
    template = small_template(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["单位名称", "学习次数", "召开月份"])
    sheet.append(["一支部", 2, datetime.date(2021, 3, 5)])
    sheet.append(["二支部", 3, datetime.datetime(2021, 11, 30, 9, 30)])
    assert sheet["C2"].is_date
    book.save(tmp_path / "表.xlsx")
    result = run("fill", template, "--data", "表.xlsx", "-o", "{单位名称}.txt", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    assert (tmp_path / "一支部.txt").read_text(encoding="utf-8") == report("一支部", 2, 3)
    assert (tmp_path / "二支部.txt").read_text(encoding="utf-8") == report("二支部", 3, 11)
    # The same from CSV, as Excel writes a date cell there.
    fill_from_csv(tmp_path, template, "单位名称,学习次数,召开月份\n三支部,4,2021/7/1\n")
    assert (tmp_path / "三支部.txt").read_text(encoding="utf-8") == report("三支部", 4, 7)


def test_hostile_sheets_end_with_a_clear_message_and_nothing_written(tmp_path):
    template = small_template(tmp_path)
    # Bad GBK bytes on the third line of an Excel CSV: the line is named.
    good = "单位名称,学习次数,召开月份\r\n一支部,1,2\r\n".encode("gbk")
    (tmp_path / "坏字.csv").write_bytes(good + "二".encode("gbk") + b"\xff\xff" + "支部,3,4\r\n".encode("gbk"))
    result = run("fill", template, "--data", "坏字.csv", "-o", "{row}.txt", cwd=tmp_path)
    assert result.returncode == 65 and "第 3 行有无法识别的字符" in stderr(result)
    # A row of 100,000 columns: the columns that fit nothing are counted, not all printed.
    header = "单位名称,学习次数,召开月份," + ",".join(f"多余{k}" for k in range(100_000))
    (tmp_path / "宽.csv").write_text(header + "\n一支部,1,2\n", encoding="utf-8")
    result = run("fill", template, "--data", "宽.csv", "-o", "{row}.txt", cwd=tmp_path)
    assert result.returncode == 65
    text = stderr(result)
    assert "第 4 列 “多余0” 对不上模板的任何字段" in text and "还有 99980 列对不上" in text
    assert len(text.splitlines()) < 30
    assert not list(tmp_path.glob("*.txt"))


def test_a_formula_cell_gives_its_cached_value_and_is_never_evaluated(tmp_path):
    template = small_template(tmp_path)
    rows = (f'<row r="1">{inline("A1", "单位名称")}{inline("B1", "学习次数")}{inline("C1", "召开月份")}</row>'
            f'<row r="2"><c r="A2" t="str"><f>CONCATENATE("机关","一支部")</f><v>机关一支部</v></c>'
            '<c r="B2"><f>SUM(4,5)</f><v>9</v></c><c r="C2"><f>WEBSERVICE("http://example.invalid")</f><v>6</v></c></row>')
    write_workbook(tmp_path / "公式.xlsx", rows)
    result = run("fill", template, "--data", "公式.xlsx", "-o", "{单位名称}.txt", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    assert (tmp_path / "机关一支部.txt").read_text(encoding="utf-8") == report("机关一支部", 9, 6)


def test_a_cell_of_50_mb_is_refused_at_once_and_nothing_is_written(tmp_path):
    """Excel holds at most 32,767 characters in a cell; a bigger one is a mistake or an attack."""
    import random
    import time
    template = small_template(tmp_path)
    huge = "长" * ((50 << 20) // 3)

    def refused_at_once(sheet, column):
        started = time.monotonic()
        result = run("fill", template, "--data", sheet, "-o", "{row}.txt", cwd=tmp_path)
        assert result.returncode == 65
        assert f"第 3 行第 {column} 列的内容超过 32767 个字" in stderr(result)
        assert time.monotonic() - started < 10
        assert not list(tmp_path.glob("*.txt"))

    (tmp_path / "大.csv").write_text(f"单位名称,学习次数,召开月份\n一支部,1,2\n\"{huge}\",3,4\n", encoding="utf-8")
    refused_at_once("大.csv", 1)
    # The same cell in a workbook, as text that does not pack tightly (so it is no zip bomb).
    rng = random.Random(15)
    text = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range((50 << 20) // 3))
    write_workbook(tmp_path / "大.xlsx", f'<row r="1">{inline("A1", "单位名称")}{inline("B1", "学习次数")}{inline("C1", "召开月份")}</row>'
                   f'<row r="2">{inline("A2", "一支部")}<c r="B2"><v>1</v></c><c r="C2"><v>2</v></c></row>'
                   f'<row r="3"><c r="A3"><v>3</v></c>{inline("B3", text)}</row>')
    refused_at_once("大.xlsx", 2)


def test_fix_notes_in_a_batch_name_their_row(tmp_path):
    """With --fix each report is proof-read; what was corrected is told with the row it came from."""
    template = small_template(tmp_path)
    result = fill_from_csv(tmp_path, template, '单位名称,学习次数,召开月份\n"机关,一支部",3,4\n二支部,5,6\n', "{row}.txt", "--fix")
    # The half-width comma between two Chinese characters, typed in row 2's name, is made full-width.
    assert "第 2 行：已自动改正 " in stderr(result)
    assert "第 3 行：" not in stderr(result)
    assert (tmp_path / "2.txt").read_text(encoding="utf-8") == report("机关，一支部", 3, 4)
    assert (tmp_path / "3.txt").read_text(encoding="utf-8") == report("二支部", 5, 6)


def test_a_header_cell_merged_over_two_columns_is_one_column(tmp_path):
    """A person widens a header by merging it with the empty cell beside it, as Excel users do; the
    merged-away cell is empty and its column has nothing in it, so it is no column of its own."""
    import openpyxl
    template = small_template(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["单位名称", None, "学习次数", "召开月份"])
    sheet.merge_cells("A1:B1")
    sheet.append(["一支部", None, 4, 5])
    book.save(tmp_path / "合并.xlsx")
    result = run("fill", template, "--data", "合并.xlsx", "-o", "{单位名称}.txt", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    assert (tmp_path / "一支部.txt").read_text(encoding="utf-8") == report("一支部", 4, 5)
    # Something typed under the merged-away half is a column with no header: named, nothing written.
    sheet["B2"] = "备注"
    book.save(tmp_path / "合并.xlsx")
    (tmp_path / "一支部.txt").unlink()
    result = run("fill", template, "--data", "合并.xlsx", "-o", "{单位名称}.txt", cwd=tmp_path)
    assert result.returncode == 65
    assert "第 2 列 （无标题） 对不上模板的任何字段" in stderr(result)
    assert not (tmp_path / "一支部.txt").exists()


def test_a_title_row_above_the_header_is_looked_past_in_a_workbook_and_in_csv(tmp_path):
    """Office sheets open with a title merged across every column ("2020年党建工作总结填报表") and the header
    under it; the header is found there, and rows keep the sheet's own numbers."""
    import openpyxl
    template = small_template(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2020年党建工作总结填报表"])
    sheet.merge_cells("A1:C1")
    sheet.append(["单位名称", "学习次数", "召开月份"])
    sheet.append(["机关一支部", 6, 4])
    sheet.append(["机关二支部", 7, 13])
    book.save(tmp_path / "标题.xlsx")
    # The wrong month is on the sheet's row 4: title, header, then two units.
    one_wrong_month_is_named_then_skipped(tmp_path, template, "标题.xlsx", "{单位名称}-{row}.txt", row=4)
    assert (tmp_path / "机关一支部-3.txt").read_text(encoding="utf-8") == report("机关一支部", 6, 4)

    # A CSV as Excel saves such a sheet: the title, its merged-away cells empty; a blank line; the header.
    sheet = "2020年党建工作总结填报表,,\r\n,,\r\n单位名称,学习次数,召开月份\r\n机关三支部,8,9\r\n".encode("gbk")
    (tmp_path / "标题.csv").write_bytes(sheet)
    result = run("fill", template, "--data", "标题.csv", "-o", "{单位名称}.txt", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    assert (tmp_path / "机关三支部.txt").read_text(encoding="utf-8") == report("机关三支部", 8, 9)


def test_the_sheet_with_a_title_row_added_still_skips_its_instruction_rows(tmp_path):
    """A person inserts a title row above the sheet `sheet` wrote: its expectation and id rows move down
    one and are still no reports."""
    import openpyxl
    template = small_template(tmp_path)
    assert run("sheet", template, "-o", "填报表.xlsx", cwd=tmp_path).returncode == 0
    book = openpyxl.load_workbook(tmp_path / "填报表.xlsx")
    sheet = book.worksheets[0]
    sheet.insert_rows(1)
    sheet["A1"] = "机关党委2020年党建工作总结填报表"
    sheet.merge_cells("A1:C1")
    sheet.append(["机关四支部", 3, 2])
    book.save(tmp_path / "填报表.xlsx")
    result = run("fill", template, "--data", "填报表.xlsx", "-o", "{row}.txt", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    # Row 1 the title, 2 the header, 3 what each column expects, 4 the ids, 5 the unit's answers.
    assert sorted(p.name for p in tmp_path.glob("*.txt")) == ["5.txt"]
    assert (tmp_path / "5.txt").read_text(encoding="utf-8") == report("机关四支部", 3, 2)


def test_a_sheet_of_only_one_column_is_not_all_title(tmp_path):
    template = small_template(tmp_path)
    # Past the five rows a title may take, and a sheet that ends sooner: either way the first row is the header.
    for sheet in ["备注\n一\n二\n三\n四\n五\n六\n", "备注\n一\n"]:
        result = fill_from_csv(tmp_path, template, sheet, status=65)
        assert "第 1 列 “备注” 对不上模板的任何字段" in stderr(result)


def test_the_wizard_keeps_to_the_same_choices_and_length_as_the_sheet(tmp_path):
    """The one validation: the plain wizard refuses the too-long name and the grade not on the list with the
    messages `fill --data` and the sheet's Excel rules give, and takes the answers that keep to them."""
    import os
    import subprocess
    from conftest import binary
    template = small_template(tmp_path, "评议")
    long_name = "某某省某某市某某县某某乡镇人民政府机关第一"  # 21 characters, one over max_length
    answers = [long_name, "机关一支部", "6", "4", "很好", "较好", ""]
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update({"LANG": "C.UTF-8", "XDG_STATE_HOME": str(tmp_path / "state")})
    result = subprocess.run([binary(), "--plain", template], input="\n".join(answers) + "\n", capture_output=True,
                            text=True, cwd=tmp_path, env=env, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "不能超过 20 个字" in result.stdout
    assert "只能填以下之一：好、较好、一般、差" in result.stdout
    written = list(tmp_path.glob("*.txt"))
    assert len(written) == 1, written
    assert written[0].read_text(encoding="utf-8").splitlines()[1] == appraisal("机关一支部", 6, 4, "较好")


def test_fields_as_json_give_a_program_the_choices_and_lengths(tmp_path):
    import json
    template = small_template(tmp_path, "评议")
    result = run("fields", template, "--format", "json")
    assert result.returncode == 0, stderr(result)
    fields = {f["id"]: f for f in json.loads(result.stdout)["fields"]}
    assert fields["grade"]["choices"] == ["好", "较好", "一般", "差"] and fields["grade"]["kind"] == "text"
    assert fields["org"]["maxLength"] == 20 and "minLength" not in fields["org"] and "choices" not in fields["org"]
    assert "choices" not in fields["month"] and "maxLength" not in fields["study"]
