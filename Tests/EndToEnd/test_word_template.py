"""A Word template filled in place, read back by real readers.

Given the python-docx template Tests/Fixtures/word/split-runs.docx (its "XX党组" split into a bold
red "X" and a plain "X党组", a half-bold "XX", a table of blanks, a header with an advert line, a
footer with a PAGE field; made by scripts/make-word-fixtures.py), when `tiankong fill 模板.docx
--answers a.json -o 报告.docx` runs, then python-docx reads every answer in its place with the
blank's formatting, every part that held no blank is the template's, byte for byte (compressed data
too), and LibreOffice turns the report into a PDF that shows the answers.
Old and hostile files end with a clear message, exit 65, and nothing written.

Needs (installed by `make test`): the binary (TIANKONG), python-docx, soffice, pdftotext.
"""

import hashlib
import io
import json
import os
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from conftest import FIXTURES, binary, run, tmpfs

WORD = FIXTURES / "word"
TEMPLATE = WORD / "split-runs.docx"
# f1 the title's 20XX年, f2 XX党组, f3 学习X次, f4 研讨XX场, f5 发展党员XX名, f6 姓名 XXX, f7 职务 XX,
# f8 XX局, f9 XX办公室, f10/f11 the header's XX市XX局.
ANSWERS = {"f1": "2021", "f2": "市财政局", "f3": "12", "f4": "4", "f5": "3", "f6": "张 三", "f7": "主任",
           "f8": "财政", "f9": "综合", "f10": "江城", "f11": "财政"}


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("word-template")


@pytest.fixture(scope="module")
def filled(work):
    answers = work / "a.json"
    answers.write_text(json.dumps(ANSWERS, ensure_ascii=False), encoding="utf-8")
    out = work / "报告.docx"
    result = run("fill", TEMPLATE, "--answers", answers, "-o", out)
    assert result.returncode == 0, result.stderr
    return out


def test_fields_lists_each_blank_with_its_place_in_the_document():
    result = run("fields", TEMPLATE)
    assert result.returncode == 0, result.stderr
    listing = result.stdout.decode()
    assert "姓名 │ XXX │ 职务 │ XX" in listing
    assert "空 6（XXX）：正文表 1 第 1 行第 2 格" in listing
    assert "空 1（20XX）：正文第 1 段" in listing
    assert "空 2（XX）：正文第 2 段" in listing
    assert "空 10（XX）：页眉（word/header1.xml）第 1 段" in listing
    assert "广告行（第 8 行）：页眉（word/header1.xml）第 2 段" in listing


def test_python_docx_reads_every_answer_in_place_with_the_blanks_formatting(filled):
    document = docx.Document(str(filled))
    body = document.paragraphs
    # The title's "20" bold + "X" bold red + "X年工作总结": the year takes the bold "20" run.
    assert [(r.text, r.bold) for r in body[0].runs] == [("2021", True), ("年工作总结", True)]
    # "X" bold red + "X党组": the answer takes the first X's run, bold and red.
    first = body[1].runs[0]
    assert (first.text, first.bold, str(first.font.color.rgb)) == ("市财政局", True, "C00000")
    assert body[1].runs[1].text == "党组"
    # (python-docx's text has the hidden "XX" too: it does not read w:vanish.)
    assert "".join(r.text for r in body[1].runs if not r.font.hidden) == "市财政局党组今年以来组织集中学习12次，开展专题研讨4场。"
    assert [r.text for r in body[1].runs if r.bold] == ["市财政局", "12"]
    # The half-bold "XX": one bold run holds the answer, the emptied plain run is gone.
    assert body[2].text == "全年发展党员3名，见附表。"
    assert [(r.text, r.bold) for r in body[2].runs][:3] == [("全年发展党员", None), ("3", True), ("名，", None)]
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["姓名", "张 三", "职务", "主任"]
    assert table.rows[0].cells[1].paragraphs[0].runs[0].bold is True
    assert [c.text for c in table.rows[1].cells] == ["单位", "财政局", "电话", "—"]
    header = document.sections[0].header
    assert [p.text for p in header.paragraphs] == ["江城市财政局"]


def raw_entries(path):
    """Each entry's name, CRC and compressed bytes, as stored."""
    with zipfile.ZipFile(path) as z, open(path, "rb") as f:
        out = {}
        for info in z.infolist():
            f.seek(info.header_offset)
            header = f.read(30)
            name_length, extra_length = struct.unpack("<HH", header[26:30])
            f.seek(info.header_offset + 30 + name_length + extra_length)
            out[info.filename] = (info.CRC, f.read(info.compress_size))
        return out


def test_parts_without_blanks_are_copied_byte_for_byte(filled):
    template, report = raw_entries(TEMPLATE), raw_entries(filled)
    assert list(report) == list(template)
    changed = sorted(name for name in template if template[name] != report[name])
    assert changed == ["word/document.xml", "word/header1.xml"]


def test_a_report_sent_into_a_pipe_is_the_same_file(filled, work):
    """A zip is written going back to fill in each entry's sizes, which a pipe cannot take: `-o
    /dev/stdout` into a pipe gets the report made aside first, then sent whole, the same bytes."""
    result = run("fill", TEMPLATE, "--answers", work / "a.json", "-o", "/dev/stdout", "--format", "docx")
    assert result.returncode == 0, result.stderr
    assert result.stdout == filled.read_bytes()
    header = docx.Document(io.BytesIO(result.stdout)).sections[0].header
    assert [p.text for p in header.paragraphs] == ["江城市财政局"]


def test_a_full_standard_output_says_the_word_report_is_incomplete(filled, work):
    with open("/dev/full", "wb") as full:
        result = subprocess.run([binary(), "fill", str(TEMPLATE), "--answers", str(work / "a.json"), "-o", "/dev/stdout", "--format", "docx"],
                                stdout=full, stderr=subprocess.PIPE, env=dict(os.environ, LANG="zh_CN.UTF-8"), timeout=60)
    text = result.stderr.decode()
    assert result.returncode == 74, text
    assert "磁盘空间已满" in text and "不完整" in text, text


# The report is some 38 KB: a disk with no room at all, and one that fills half-way through the package.
@pytest.mark.parametrize("size,filler", [("4k", 1024), ("16k", 0)])
def test_a_full_disk_leaves_no_partial_word_report(filled, work, size, filler):
    with tmpfs(f"size={size}") as folder:
        if filler:
            (folder / "filler").write_bytes(b"\0" * filler)
        result = run("fill", TEMPLATE, "--answers", work / "a.json", "-o", folder / "报告.docx")
        text = result.stderr.decode()
        assert result.returncode == 74, text
        assert "磁盘空间已满" in text and "没有留下不完整的文件" in text, text
        assert [p.name for p in folder.iterdir()] == (["filler"] if filler else [])


def test_a_read_only_folder_gets_no_word_report(filled, work):
    with tmpfs("size=1m,ro") as folder:
        result = run("fill", TEMPLATE, "--answers", work / "a.json", "-o", folder / "报告.docx")
        assert result.returncode == 73 and "只读" in result.stderr.decode(), result.stderr.decode()
        assert list(folder.iterdir()) == []

def test_libreoffice_opens_the_filled_file(filled, work):
    profile = work / "profile"
    out = work / "pdf"
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), str(filled)], capture_output=True, text=True, timeout=300,
        env=dict(os.environ, HOME=str(work)))
    pdf = out / "报告.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = text.replace(" ", "")  # pdftotext puts a space between Chinese and digits
    assert "市财政局党组今年以来组织集中学习12次，开展专题研讨4场。" in text
    assert "江城市财政局" in text
    assert "仅供学习" not in text


def test_text_output_of_a_word_template_is_its_text(work, filled):
    out = work / "报告.txt"
    result = run("fill", TEMPLATE, "--answers", work / "a.json", "-o", out, "--format", "txt")
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "市财政局党组今年以来组织集中学习12次，开展专题研讨4场。\n" in text
    assert "姓名 │ 张 三 │ 职务 │ 主任\n" in text
    # The header and footer are page chrome, not the report's text.
    assert text.endswith("财政局 │ 电话 │ —\n 综合办公室\n")
    assert "江城" not in text and "第 1 页" not in text


HOSTILE = [
    ("hostile/traversal.docx", "指向包外的条目“../../evil.txt”"),
    ("hostile/absolute.docx", "指向包外的条目“/etc/evil.txt”"),
    ("hostile/duplicates.docx", "重名的条目“word/media/same.png”"),
    ("hostile/no-document.docx", "缺少 word/document.xml"),
    ("hostile/not-well-formed.docx", "word/document.xml 第 2 行不是格式正确的 XML"),
    ("hostile/billion-laughs.docx", "word/document.xml 带有文档类型声明"),
    ("hostile/external-entity.docx", "word/document.xml 带有文档类型声明"),
    ("hostile/deep.docx", "word/document.xml 嵌套超过 1000 层"),
    ("hostile/bomb.docx", "word/document.xml 解压后超过上限"),
    ("hostile/truncated.docx", "zip 包损坏"),
    ("hostile/password.docx", "加了密码的 Word 文件"),
    ("hostile/old.wps", "WPS 文字的旧格式文件"),
    ("old-word97.doc", "旧版 Word 文件（.doc"),
]


@pytest.mark.parametrize("name,message", HOSTILE)
def test_old_and_hostile_files_end_with_a_message_and_nothing_written(name, message, work):
    out = work / f"never-{Path(name).stem}.docx"
    answers = work / "empty.json"
    answers.write_text("{}", encoding="utf-8")
    for command in (["fields", WORD / name], ["fill", WORD / name, "--answers", answers, "-o", out, "--partial"]):
        result = run(*command)
        assert result.returncode == 65, result.stderr
        assert message in result.stderr.decode()
        assert not out.exists()


def test_an_old_doc_names_the_libreoffice_command_that_converts_it(work):
    assert shutil.which("soffice")
    result = run("fields", WORD / "old-word97.doc")
    assert "另存为 .docx" in result.stderr.decode()
    assert f"soffice --headless --convert-to docx '{WORD / 'old-word97.doc'}'" in result.stderr.decode()


def test_messages_are_english_when_lang_is_english():
    result = run("fields", WORD / "hostile/traversal.docx", lang="en_US.UTF-8")
    assert result.returncode == 65
    assert "has an entry named outside the package, “../../evil.txt”" in result.stderr.decode()


def test_check_proofreads_a_word_report_as_text(filled):
    template = run("check", TEMPLATE)
    assert template.returncode == 1
    assert "还有 11 个空没有填" in template.stdout.decode()
    report = run("check", filled)
    assert "空没有填" not in report.stdout.decode(), report.stdout.decode()
    fix = run("check", "--fix", filled)
    assert fix.returncode == 64
    assert "--fix 只改文本文件" in fix.stderr.decode()


# The text a person sees in split-runs.docx, one line for each paragraph or table row: the body, then
# the header (its advert line too) and the footer.
SPLIT_RUNS_TEXT = ("20XX年工作总结\nXX党组今年以来组织集中学习X次，开展专题研讨XX场。\n全年发展党员XX名，见附表。\n"
                   "姓名 │ XXX │ 职务 │ XX\n单位 │ XX局 │ 电话 │ —\n XX办公室\nXX市XX局\n本资料仅供学习 禁止外传\n第 1 页\n")


def test_an_answers_file_still_applies_after_the_template_is_saved_again(work):
    """A Word template's digest is over the text a person sees, not the package's bytes: Word or WPS
    saving it again (new zip, new XML, new dates) leaves it the same template; changed words do not."""
    answers = work / "saved.json"
    digest = hashlib.sha256(SPLIT_RUNS_TEXT.encode()).hexdigest()
    answers.write_text(json.dumps({"template": digest, "answers": ANSWERS}, ensure_ascii=False), encoding="utf-8")
    resaved, changed = work / "resaved.docx", work / "changed.docx"
    docx.Document(str(TEMPLATE)).save(resaved)
    assert resaved.read_bytes() != TEMPLATE.read_bytes()
    document = docx.Document(str(TEMPLATE))
    document.paragraphs[0].runs[-1].text = "X年工作要点"
    document.save(changed)
    for template, warned in ((TEMPLATE, False), (resaved, False), (changed, True)):
        result = run("fill", template, "--answers", answers, "-o", work / f"digest-{template.stem}.docx")
        assert result.returncode == 0, result.stderr
        assert ("是为另一个版本的模板保存的" in result.stderr.decode()) == warned, template
