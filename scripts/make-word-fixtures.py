#!/usr/bin/env python3
"""Makes the Word templates the tests read, with real Word writers (python-docx and LibreOffice),
into Tests/Fixtures/word/. Run with the test venv's Python; needs soffice on the PATH.

    .build/venv/bin/python scripts/make-word-fixtures.py
"""
import copy
import os
import pathlib
import shutil
import subprocess
import tempfile

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests" / "Fixtures" / "word"


def run(paragraph, text, bold=False, color=None, font=None, hidden=False):
    r = paragraph.add_run(text)
    r.bold = bold or None
    if color:
        r.font.color.rgb = RGBColor.from_string(color)
    if font:
        r.font.name = font
        r.element.rPr.rFonts.set(qn("w:eastAsia"), font)
    if hidden:
        r.font.hidden = True
    return r


def add_field(paragraph, instruction, result):
    """A complex field (begin, instrText, separate, result, end), as Word writes PAGE."""
    def char(kind):
        r = OxmlElement("w:r")
        f = OxmlElement("w:fldChar")
        f.set(qn("w:fldCharType"), kind)
        r.append(f)
        paragraph._p.append(r)
    char("begin")
    r = OxmlElement("w:r")
    t = OxmlElement("w:instrText")
    t.set(qn("xml:space"), "preserve")
    t.text = instruction
    r.append(t)
    paragraph._p.append(r)
    char("separate")
    paragraph.add_run(result)
    char("end")


def add_deleted(paragraph, text):
    """Tracked deleted text (w:del/w:r/w:delText): not a blank."""
    d = OxmlElement("w:del")
    d.set(qn("w:id"), "1")
    d.set(qn("w:author"), "审核人")
    d.set(qn("w:date"), "2021-01-05T00:00:00Z")
    r = OxmlElement("w:r")
    t = OxmlElement("w:delText")
    t.text = text
    r.append(t)
    d.append(r)
    paragraph._p.append(d)


def split_runs():
    """Blanks Word split into runs: "X" bold red + "X党组", a half-bold "XX", a table of blanks,
    a header with an advert line, a footer with a PAGE field, hidden text, deleted text and a field
    instruction holding X that are not blanks."""
    doc = Document()
    title = doc.add_paragraph()
    run(title, "20", bold=True)
    run(title, "X", bold=True, color="C00000")
    run(title, "X年工作总结", bold=True)

    p = doc.add_paragraph()
    run(p, "X", bold=True, color="C00000")
    run(p, "X党组", font="仿宋")
    run(p, "今年以来组织集中学习")
    run(p, "X", bold=True)
    run(p, "次，开展专题研讨")
    run(p, "XX", color="0070C0")
    run(p, "场。")
    run(p, "XX", hidden=True)
    add_deleted(p, "XXX")

    p = doc.add_paragraph()
    run(p, "全年发展党员")
    run(p, "X", bold=True)
    run(p, "X", bold=False)
    run(p, "名，")
    add_field(p, " REF XXX \\h ", "见附表")
    run(p, "。")

    table = doc.add_table(rows=2, cols=4)
    for cell, text in zip(table.rows[0].cells, ["姓名", "XXX", "职务", "XX"]):
        cell.text = text
    table.rows[0].cells[1].paragraphs[0].runs[0].bold = True
    for cell, text in zip(table.rows[1].cells, ["单位", "XX局", "电话", "—"]):
        cell.text = text

    last = doc.add_paragraph()
    run(last, " ")
    run(last, "XX")
    run(last, "办公室")

    section = doc.sections[0]
    header = section.header
    header.paragraphs[0].text = "XX市XX局"
    header.add_paragraph("本资料仅供学习 禁止外传")
    footer = section.footer
    fp = footer.paragraphs[0]
    fp.add_run("第 ")
    add_field(fp, " PAGE ", "1")
    fp.add_run(" 页")

    doc.core_properties.author = "tiankong tests"
    doc.save(OUT / "split-runs.docx")


def soffice(source, target_dir, to="docx", infilter=None):
    with tempfile.TemporaryDirectory() as profile:
        command = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless"]
        if infilter:
            command.append(f"--infilter={infilter}")
        command += ["--convert-to", to, "--outdir", str(target_dir), str(source)]
        subprocess.run(command, check=True, capture_output=True, timeout=180)


def bundled():
    """The bundled text template, converted to .docx by LibreOffice."""
    source = ROOT / "Resources" / "templates" / "2020年党建工作总结（党组）.txt"
    with tempfile.TemporaryDirectory() as work:
        copy_path = pathlib.Path(work) / "bundled.txt"
        shutil.copy(source, copy_path)
        soffice(copy_path, work, infilter="Text (encoded):UTF8,LF,,,")
        shutil.copy(pathlib.Path(work) / "bundled.docx", OUT / "bundled-libreoffice.docx")


# A flat OpenDocument text with blanks in a footnote, a text frame and a nested table, and an advert
# in a table row: LibreOffice writes the frame as Word does, a wps text box in mc:Choice with a VML
# copy in mc:Fallback.
FRAMES_FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:body><office:text>
  <text:p>XX党组关于学习情况的报告</text:p>
  <text:p>今年共组织学习X次<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>数据来源：XX办公室统计。</text:p></text:note-body></text:note>，参加XX人次。</text:p>
  <text:p><draw:frame draw:name="框1" text:anchor-type="paragraph" svg:width="6cm" svg:height="2cm" svg:x="0cm" svg:y="0cm"><draw:text-box><text:p>联系人：XXX</text:p></draw:text-box></draw:frame>附：人员名单</text:p>
  <table:table table:name="名单">
   <table:table-column table:number-columns-repeated="2"/>
   <table:table-row>
    <table:table-cell><text:p>本资料仅供学习 禁止外传</text:p></table:table-cell>
    <table:table-cell><text:p/></table:table-cell>
   </table:table-row>
   <table:table-row>
    <table:table-cell><text:p>姓名</text:p></table:table-cell>
    <table:table-cell><text:p>XXX</text:p></table:table-cell>
   </table:table-row>
   <table:table-row>
    <table:table-cell><text:p>分工</text:p></table:table-cell>
    <table:table-cell>
     <table:table>
      <table:table-column table:number-columns-repeated="2"/>
      <table:table-row>
       <table:table-cell><text:p>职务</text:p></table:table-cell>
       <table:table-cell><text:p>XX</text:p></table:table-cell>
      </table:table-row>
     </table:table>
     <text:p/>
    </table:table-cell>
   </table:table-row>
  </table:table>
  <text:p>XX市XX局</text:p>
 </office:text></office:body>
</office:document>
"""


def frames():
    """Blanks in a footnote, a text box (with its mc:Fallback copy) and a nested table, an advert
    row in a table: made by LibreOffice from a flat .odt."""
    with tempfile.TemporaryDirectory() as work:
        source = pathlib.Path(work) / "frames.fodt"
        source.write_text(FRAMES_FODT, encoding="utf-8")
        soffice(source, work)
        shutil.copy(pathlib.Path(work) / "frames.docx", OUT / "frames.docx")


def old_doc():
    """A Word 97 .doc (an OLE compound file) from the split-runs template, by LibreOffice."""
    with tempfile.TemporaryDirectory() as work:
        soffice(OUT / "split-runs.docx", work, to="doc")
        shutil.copy(pathlib.Path(work) / "split-runs.doc", OUT / "old-word97.doc")


def hostile():
    """Damaged and hostile packages, each made from the split-runs template with Python's zipfile:
    one problem each, so each test shows one message."""
    import zipfile
    source = zipfile.ZipFile(OUT / "split-runs.docx")
    parts = {info.filename: source.read(info) for info in source.infolist()}
    folder = OUT / "hostile"
    folder.mkdir(exist_ok=True)

    def package(name, changes=None, extra=(), drop=()):
        with zipfile.ZipFile(folder / name, "w", zipfile.ZIP_DEFLATED) as z:
            for part, data in parts.items():
                if part in drop:
                    continue
                z.writestr(part, (changes or {}).get(part, data))
            for part, data in extra:
                z.writestr(part, data)

    document = parts["word/document.xml"].decode()
    body_start = document.index("<w:body>") + len("<w:body>")
    package("traversal.docx", extra=[("../../evil.txt", b"x")])
    package("absolute.docx", extra=[("/etc/evil.txt", b"x")])
    import warnings
    warnings.simplefilter("ignore")
    package("duplicates.docx", extra=[("word/media/same.png", b"x")] * 1000)
    package("no-document.docx", drop=["word/document.xml"])
    package("not-well-formed.docx", changes={"word/document.xml": document.replace("</w:body>", "", 1).encode()})
    laughs = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "XXXXXXXXXX">'
              + "".join(f'<!ENTITY {chr(98 + k)} "{("&" + chr(97 + k) + ";") * 10}">' for k in range(9))
              + ']>' + document[document.index("<w:document"):].replace("<w:body>", "<w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p>", 1))
    package("billion-laughs.docx", changes={"word/document.xml": laughs.encode()})
    external = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
                + document[document.index("<w:document"):].replace("<w:body>", "<w:body><w:p><w:r><w:t>&secret;XX</w:t></w:r></w:p>", 1))
    package("external-entity.docx", changes={"word/document.xml": external.encode()})
    deep = document[:body_start] + "<w:sdt><w:sdtContent>" * 10000 + "</w:sdtContent></w:sdt>" * 10000 + document[body_start:]
    package("deep.docx", changes={"word/document.xml": deep.encode()})
    # 60 MB of one repeated comment: it deflates to about 60 KB, a ratio of 1000.
    bomb = document[:body_start] + "<!--" + "X" * (60 << 20) + "-->" + document[body_start:]
    package("bomb.docx", changes={"word/document.xml": bomb.encode()})
    whole = (OUT / "split-runs.docx").read_bytes()
    (folder / "truncated.docx").write_bytes(whole[: len(whole) // 2])
    shutil.copy(OUT / "old-word97.doc", folder / "old.wps")
    shutil.copy(OUT / "old-word97.doc", folder / "password.docx")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    split_runs()
    bundled()
    frames()
    old_doc()
    hostile()
    for path in sorted(OUT.rglob("*")):
        if path.is_file():
            print(path.relative_to(OUT), path.stat().st_size)
