"""A Word template whose blanks sit where Word keeps text apart from the body's paragraphs.

Given Tests/Fixtures/word/frames.docx, made by LibreOffice from a flat .odt (scripts/make-word-fixtures.py):
  paragraph 1  XX党组关于学习情况的报告
  paragraph 2  今年共组织学习X次[footnote 1: 数据来源：XX办公室统计。]，参加XX人次。
  paragraph 3  附：人员名单, anchoring a text box 联系人：XXX (a wps text box in mc:Choice, its VML
               copy in mc:Fallback, as Word writes it)
  table 1      row 1 an advert, 本资料仅供学习 禁止外传; row 2 姓名 | XXX; row 3 分工 | a nested table 职务 | XX
  paragraph 4  XX市XX局
`fields --format json` says where each blank is, and `fill` puts each answer in its place: the text
box's both copies, the footnote, the nested table; the advert row is gone.
"""

import json
import zipfile

import docx
import pytest
from lxml import etree

from conftest import FIXTURES, run

TEMPLATE = FIXTURES / "word" / "frames.docx"
BODY = {"story": "body", "part": "word/document.xml"}


def test_fields_json_says_where_each_blank_and_removed_line_is():
    result = run("fields", TEMPLATE, "--format", "json", "--no-schema")
    assert result.returncode == 0, result.stderr
    listing = json.loads(result.stdout)
    assert [(b["marker"], b["place"]) for b in listing["blanks"]] == [
        ("XX", {**BODY, "paragraph": 1}),
        ("X", {**BODY, "paragraph": 2}),
        ("XX", {**BODY, "paragraph": 2}),
        ("XXX", {**BODY, "textBox": True}),
        ("XXX", {**BODY, "table": 1, "row": 2, "cell": 2}),
        ("XX", {**BODY, "table": 1, "row": 3, "cell": 2}),
        ("XX", {**BODY, "paragraph": 4}),
        ("XX", {**BODY, "paragraph": 4}),
        ("XX", {"story": "footnotes", "part": "word/footnotes.xml", "note": 1, "paragraph": 1}),
    ]
    assert [(line["text"].startswith("本资料仅供学习"), line["place"]) for line in listing["removedLines"]] == [
        (True, {**BODY, "table": 1, "row": 1})]


def test_fields_json_of_a_header_blank_and_advert():
    listing = json.loads(run("fields", FIXTURES / "word" / "split-runs.docx", "--format", "json").stdout)
    header = {"story": "header", "part": "word/header1.xml"}
    assert listing["blanks"][9]["place"] == {**header, "paragraph": 1}
    assert [line["place"] for line in listing["removedLines"]] == [{**header, "paragraph": 2}]


def test_the_text_listing_names_the_footnote():
    listing = run("fields", TEMPLATE, "--no-schema").stdout.decode()
    assert "空 9（XX）：脚注 1 第 1 段" in listing
    assert "空 4（XXX）：正文文本框" in listing


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
ANSWERS = {"f1": "市财政局", "f2": "12", "f3": "36", "f4": "张三", "f5": "李四", "f6": "副主任", "f7": "江城", "f8": "财政",
           "f9": "综合"}


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    work = tmp_path_factory.mktemp("word-frames")
    answers = work / "a.json"
    answers.write_text(json.dumps(ANSWERS, ensure_ascii=False), encoding="utf-8")
    out = work / "报告.docx"
    result = run("fill", TEMPLATE, "--no-schema", "--answers", answers, "-o", out)
    assert result.returncode == 0, result.stderr
    return out


def part(path, name):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def paragraph_texts(element):
    return ["".join(t.text or "" for t in p.iter(W + "t")) for p in element.iter(W + "p")]


def test_a_text_box_is_filled_in_both_its_copies(filled):
    document = part(filled, "word/document.xml")
    boxes = list(document.iter(MC + "AlternateContent"))
    assert len(boxes) == 1
    choice, fallback = boxes[0].find(MC + "Choice"), boxes[0].find(MC + "Fallback")
    assert paragraph_texts(choice) == ["联系人：张三"]
    assert paragraph_texts(fallback) == ["联系人：张三"]


def test_the_footnote_and_the_nested_table_are_filled_in_place(filled):
    footnotes = part(filled, "word/footnotes.xml")
    assert [t for t in paragraph_texts(footnotes) if t] == ["数据来源：综合办公室统计。"]
    document = docx.Document(str(filled))
    assert [p.text for p in document.paragraphs] == ["市财政局党组关于学习情况的报告", "今年共组织学习12次，参加36人次。", "附：人员名单", "江城市财政局"]
    rows = document.tables[-1].rows
    assert [c.text for c in rows[-2].cells] == ["姓名", "李四"]
    nested = rows[-1].cells[1].tables[0]
    assert [c.text for c in nested.rows[0].cells] == ["职务", "副主任"]


def test_an_advert_row_is_removed_and_nothing_blank_is_left(filled):
    document = part(filled, "word/document.xml")
    table = document.find(f"{W}body/{W}tbl")
    rows = table.findall(W + "tr")
    assert [paragraph_texts(row)[:2] for row in rows] == [["姓名", "李四"], ["分工", "职务"]]
    assert "本资料" not in etree.tostring(document, encoding="unicode")


def test_a_tables_only_row_is_emptied_not_removed(tmp_path):
    """A one-row table holding an advert (python-docx): the table keeps its row, each cell a paragraph."""
    template = docx.Document()
    template.add_paragraph("XX党组关于学习情况的报告")
    table = template.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "本资料仅供学习 禁止外传"
    template.add_paragraph("XX市XX局")
    path = tmp_path / "one-row.docx"
    template.save(path)
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"f1": "市财政局", "f2": "江城", "f3": "财政"}, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "报告.docx"
    result = run("fill", path, "--no-schema", "--answers", answers, "-o", out)
    assert result.returncode == 0, result.stderr
    report = docx.Document(str(out))
    assert [c.text for c in report.tables[0].rows[0].cells] == ["", ""]
    assert all(len(c.paragraphs) == 1 for c in report.tables[0].rows[0].cells)
    assert [p.text for p in report.paragraphs] == ["市财政局党组关于学习情况的报告", "江城市财政局"]


def test_the_text_report_is_the_body_and_its_notes(filled, tmp_path):
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps(ANSWERS, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "报告.txt"
    result = run("fill", TEMPLATE, "--no-schema", "--answers", answers, "-o", out)
    assert result.returncode == 0, result.stderr
    # The text box's paragraph comes before the paragraph it is anchored in; the footnote comes last,
    # with the tab Word puts after its number.
    assert out.read_text(encoding="utf-8") == (
        "市财政局党组关于学习情况的报告\n今年共组织学习12次，参加36人次。\n联系人：张三\n附：人员名单\n"
        "姓名 │ 李四\n分工 │ 职务 │ 副主任\n江城市财政局\n\t数据来源：综合办公室统计。\n")


def test_parts_in_utf16_are_read_and_filled(filled, tmp_path):
    """The document and footnotes re-encoded in UTF-16 (with its byte-order mark, as XML wants it)."""
    path = tmp_path / "utf16.docx"
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename in ("word/document.xml", "word/footnotes.xml"):
                text = data.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
                assert 'encoding="UTF-16"' in text
                data = text.encode("utf-16")
                assert data[:2] == b"\xff\xfe"
            target.writestr(info.filename, data)
    fields = run("fields", path, "--format", "json", "--no-schema")
    assert fields.returncode == 0, fields.stderr
    assert len(json.loads(fields.stdout)["blanks"]) == 9
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps(ANSWERS, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "报告.docx"
    result = run("fill", path, "--no-schema", "--answers", answers, "-o", out)
    assert result.returncode == 0, result.stderr
    # Written again as UTF-8, saying so.
    with zipfile.ZipFile(out) as z:
        assert z.read("word/document.xml").startswith(b'<?xml version="1.0" encoding="UTF-8"')
    assert [p.text for p in docx.Document(str(out)).paragraphs][:2] == ["市财政局党组关于学习情况的报告", "今年共组织学习12次，参加36人次。"]
    assert [t for t in paragraph_texts(part(out, "word/footnotes.xml")) if t] == ["数据来源：综合办公室统计。"]
