"""A Word template whose blanks sit where Word keeps text apart from the body's paragraphs.

Given Tests/Fixtures/word/frames.docx, made by LibreOffice from a flat .odt (scripts/make-word-fixtures.py):
  paragraph 1  XX党组关于学习情况的报告
  paragraph 2  今年共组织学习X次[footnote 1: 数据来源：XX办公室统计。]，参加XX人次。
  paragraph 3  附：人员名单, anchoring a text box 联系人：XXX (a wps text box in mc:Choice, its VML
               copy in mc:Fallback, as Word writes it)
  table 1      row 1 姓名 | XXX; row 2 分工 | a nested table 职务 | XX; row 3 an advert, 本资料仅供学习 禁止外传
  paragraph 4  XX市XX局
`fields --format json` says where each blank is, and `fill` puts each answer in its place: the text
box's both copies, the footnote, the nested table; the advert row is gone.
"""

import json

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
        ("XXX", {**BODY, "table": 1, "row": 1, "cell": 2}),
        ("XX", {**BODY, "table": 1, "row": 2, "cell": 2}),
        ("XX", {**BODY, "paragraph": 4}),
        ("XX", {**BODY, "paragraph": 4}),
        ("XX", {"story": "footnotes", "part": "word/footnotes.xml", "note": 1, "paragraph": 1}),
    ]
    assert [(line["text"].startswith("本资料仅供学习"), line["place"]) for line in listing["removedLines"]] == [
        (True, {**BODY, "table": 1, "row": 3})]


def test_fields_json_of_a_header_blank_and_advert():
    listing = json.loads(run("fields", FIXTURES / "word" / "split-runs.docx", "--format", "json").stdout)
    header = {"story": "header", "part": "word/header1.xml"}
    assert listing["blanks"][9]["place"] == {**header, "paragraph": 1}
    assert [line["place"] for line in listing["removedLines"]] == [{**header, "paragraph": 2}]


def test_the_text_listing_names_the_footnote():
    listing = run("fields", TEMPLATE, "--no-schema").stdout.decode()
    assert "空 9（XX）：脚注 1 第 1 段" in listing
    assert "空 4（XXX）：正文文本框" in listing
