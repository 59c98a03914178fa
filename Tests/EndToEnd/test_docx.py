"""The Word report, read back by real readers.

Given the bundled template and a complete answers file, when `tiankong fill -o report.docx`
runs, then python-docx reads back the report's text, styles, fonts and page set-up; every part
passes `xmllint`; LibreOffice renders it as A4 pages of 22 lines holding the whole report.

Needs (installed by `make test`): the release binary (TIANKONG, as in conftest.py), python-docx, xmllint,
LibreOffice (soffice), pdftotext / pdfinfo / pdftoppm, the fonts named in docx/fonts.conf.
Nothing here is skipped: a missing tool is a failure.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

from conftest import FIXTURES, run

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = FIXTURES / "answers-complete.json"
FONTS_CONF = Path(__file__).resolve().parent / "docx" / "fonts.conf"
TRICKY_ANSWER = "A&B <C> \"D\" 'E'"
WECHAT_ANSWER = "陇原财政"  # the fixture's answer for "正式运行XX微信公众号"

# GB/T 9704-2012 in the units the readers give back.
BODY_FONT, TITLE_FONT, HEADING1_FONT, HEADING2_FONT = "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312"
PAGE_NUMBER_FONT, LATIN_FONT = "宋体", "Times New Roman"
LINES_PER_PAGE, CHARACTERS_PER_LINE = 22, 28
A4_POINTS = (595.3, 841.9)
BOTTOM_MARGIN_POINTS = 35 / 25.4 * 72


def tool(name):
    """The path of a required program; the test fails (never skips) without it."""
    path = shutil.which(name)
    assert path, f"{name} is not installed; `make test` installs it (see the Makefile's TEST_PACKAGES)"
    return path


def fill(answers, out, cwd):
    """Runs `tiankong fill --no-schema --answers ANSWERS -o OUT` on the bundled template (its inferred
    fields f1…f18, as the answers file names them); fails with its stderr."""
    result = run("fill", "--no-schema", "--answers", answers, "-o", out, cwd=cwd)
    stderr = result.stderr.decode("utf-8", "replace") if isinstance(result.stderr, bytes) else result.stderr
    assert result.returncode == 0, f"tiankong fill -o {out.name} failed ({result.returncode}):\n{stderr}"
    assert out.exists()
    return out


def strip_space(text):
    return re.sub(r"\s+", "", text)


# MARK: - What the report is


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("docx")


@pytest.fixture(scope="module")
def report_docx(work):
    return fill(ANSWERS, work / "report.docx", work)


@pytest.fixture(scope="module")
def report_lines(work):
    txt = fill(ANSWERS, work / "report.txt", work)
    lines = [line.strip() for line in txt.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line]


@pytest.fixture(scope="module")
def document(report_docx):
    return docx.Document(str(report_docx))


@pytest.fixture(scope="module")
def paragraphs(document):
    """The report's paragraphs: the empty line before a signature is layout, not text."""
    return [p for p in document.paragraphs if p.text.strip()]


def expected_role(index, line):
    """The role a line's numbering gives it, worked out independently of the Swift code."""
    if index == 0:
        return "标题"
    if re.match(r"^[一二三四五六七八九十]+、", line):
        return "一级标题"
    if re.match(r"^[（(][一二三四五六七八九十]+[）)]", line):
        return "二级标题"
    if re.match(r"^\d{1,2}[.．、](?!\d)", line):
        return "三级标题"
    if re.match(r"^[（(]\d+[）)]", line):
        return "四级标题"
    return "正文"


# MARK: - Reading a style's properties (python-docx does not resolve docDefaults)


def defaults_rpr(document):
    return document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))


def defaults_ppr(document):
    return document.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))


def style_chain(style):
    while style is not None:
        yield style
        style = style.base_style


def effective_run_property(document, paragraph, run, lookup):
    """The first value `lookup(rPr)` finds: the run, its character style, the paragraph style chain, the defaults."""
    candidates = [run._r.rPr]
    if run.style is not None and run._r.rPr is not None and run._r.rPr.find(qn("w:rStyle")) is not None:
        candidates += [s.element.rPr for s in style_chain(run.style)]
    candidates += [s.element.rPr for s in style_chain(paragraph.style)]
    candidates.append(defaults_rpr(document))
    for rpr in candidates:
        if rpr is None:
            continue
        value = lookup(rpr)
        if value is not None:
            return value
    return None


def east_asia_font(rpr):
    fonts = rpr.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def latin_font(rpr):
    fonts = rpr.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:ascii"))


def size(rpr):
    element = rpr.find(qn("w:sz"))
    return None if element is None else int(element.get(qn("w:val")))


def style_ppr_attribute(style, element, attribute):
    for s in style_chain(style):
        ppr = s.element.pPr
        if ppr is not None and ppr.find(qn(element)) is not None:
            value = ppr.find(qn(element)).get(qn(attribute))
            if value is not None:
                return value
    return None


# MARK: - python-docx reads it back


def test_paragraph_texts_equal_the_text_report(paragraphs, report_lines):
    assert [p.text for p in paragraphs] == report_lines


def test_paragraph_styles_follow_the_numbering(paragraphs, report_lines):
    roles = [expected_role(i, line) for i, line in enumerate(report_lines)]
    assert [p.style.name for p in paragraphs] == roles
    assert roles.count("一级标题") == 5
    assert roles.count("二级标题") == 8


def test_fonts_and_sizes(document, paragraphs):
    # The defaults: 3号 仿宋_GB2312, Times New Roman for Latin letters and digits, condensed for 28 a line.
    rpr = defaults_rpr(document)
    assert east_asia_font(rpr) == BODY_FONT
    assert latin_font(rpr) == LATIN_FONT
    assert size(rpr) == 32
    assert int(rpr.find(qn("w:spacing")).get(qn("w:val"))) < 0

    for paragraph in paragraphs:
        role = paragraph.style.name
        for run in paragraph.runs:
            font = effective_run_property(document, paragraph, run, east_asia_font)
            points = effective_run_property(document, paragraph, run, size) / 2
            if role == "标题":
                assert (font, points) == (TITLE_FONT, 22), paragraph.text
            elif role == "一级标题":
                assert (font, points) == (HEADING1_FONT, 16), paragraph.text
            elif role == "二级标题" and run.style.name == "二级标题文字":
                assert (font, points) == (HEADING2_FONT, 16), run.text
            else:
                assert (font, points) == (BODY_FONT, 16), f"{role}: {run.text[:20]}"
            assert effective_run_property(document, paragraph, run, latin_font) in (LATIN_FONT, TITLE_FONT)


def test_level2_heading_words_are_their_own_run(paragraphs):
    level2 = [p for p in paragraphs if p.style.name == "二级标题"]
    assert level2
    for paragraph in level2:
        words = paragraph.runs[0]
        assert words.style.name == "二级标题文字"
        assert words.text.endswith("。") or len(paragraph.runs) == 1
        assert words.text == paragraph.text.split("。")[0] + ("。" if "。" in paragraph.text else "")
        assert all(run.style.name != "二级标题文字" for run in paragraph.runs[1:])
    assert level2[0].runs[0].text == "（一）强化理论武装。"


def test_indents_alignment_and_line_pitch(document, paragraphs):
    ppr = defaults_ppr(document)
    spacing = ppr.find(qn("w:spacing"))
    assert spacing.get(qn("w:line")) == "579" and spacing.get(qn("w:lineRule")) == "exact"
    assert ppr.find(qn("w:widowControl")).get(qn("w:val")) == "0"

    body = document.styles["正文"]
    assert body.paragraph_format.first_line_indent == Twips(640)
    assert style_ppr_attribute(body, "w:ind", "w:firstLineChars") == "200"
    assert body.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY

    title = document.styles["标题"]
    assert title.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for paragraph in paragraphs[1:]:
        assert style_ppr_attribute(paragraph.style, "w:ind", "w:firstLineChars") == "200", paragraph.text[:20]
        assert paragraph.paragraph_format.first_line_indent is None  # from the style, not set by hand


def test_page_size_and_margins(document):
    assert len(document.sections) == 1
    section = document.sections[0]
    assert (section.page_width, section.page_height) == (Twips(11906), Twips(16838))
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.page_height - Mm(297)) < Mm(0.1)
    for margin, millimetres in [(section.top_margin, 37), (section.bottom_margin, 35),
                                (section.left_margin, 28), (section.right_margin, 26)]:
        assert abs(margin - Mm(millimetres)) < Mm(0.5)
    # The text block: 156 × 225 mm.
    assert abs(section.page_width - section.left_margin - section.right_margin - Mm(156)) < Mm(0.5)
    assert abs(section.page_height - section.top_margin - section.bottom_margin - Mm(225)) < Mm(0.5)


def test_odd_and_even_footers(document):
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    odd, even = section.footer, section.even_page_footer
    assert not odd.is_linked_to_previous and not even.is_linked_to_previous
    (odd_number,) = odd.paragraphs
    (even_number,) = even.paragraphs
    assert odd_number.text == "— 1 —" and even_number.text == "— 2 —"
    assert odd_number.alignment == WD_ALIGN_PARAGRAPH.RIGHT and odd_number.paragraph_format.right_indent == Twips(280)
    assert even_number.alignment == WD_ALIGN_PARAGRAPH.LEFT and even_number.paragraph_format.left_indent == Twips(280)
    for number in (odd_number, even_number):
        assert number.style.name == "页码"
        assert number.paragraph_format.first_line_indent == 0
        assert number.style.font.size == Pt(14)
        assert east_asia_font(number.style.element.rPr) == PAGE_NUMBER_FONT
        assert number.style.font.name == PAGE_NUMBER_FONT
        assert b"PAGE" in ET.tostring(number._p)


def test_core_properties(document, report_lines):
    # The author is the organisation's answer: the one that fills "今年以来，XXX党组".
    author = document.core_properties.author
    answers = json.loads(ANSWERS.read_text(encoding="utf-8"))["answers"]
    assert author in answers.values()
    assert report_lines[1].startswith(f"今年以来，{author}党组")
    assert document.core_properties.title == report_lines[0]


# MARK: - The package


def test_every_part_is_well_formed_and_deflated(report_docx, work):
    xmllint = tool("xmllint")
    with zipfile.ZipFile(report_docx) as package:
        infos = package.infolist()
        names = [info.filename for info in infos]
        assert names[0] == "[Content_Types].xml"
        assert set(names) == {
            "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
            "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml",
            "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml",
        }
        assert not [n for n in names if n.endswith("/")], "directory entries"
        assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in infos)
        assert package.testzip() is None
        parts = work / "parts"
        package.extractall(parts)
    for name in names:
        result = subprocess.run([xmllint, "--noout", str(parts / name)], capture_output=True, text=True)
        assert result.returncode == 0, f"{name}: {result.stderr}"


def test_an_answer_with_xml_characters_survives(work):
    answers = json.loads(ANSWERS.read_text(encoding="utf-8"))
    # The WeChat account's name in "正式运行XX微信公众号", a text field, found by its answer in the fixture.
    (wechat,) = [key for key, value in answers["answers"].items() if value == WECHAT_ANSWER]
    answers["answers"][wechat] = TRICKY_ANSWER
    tricky = work / "answers-tricky.json"
    tricky.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    out = fill(tricky, work / "tricky.docx", work)
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert f"正式运行{TRICKY_ANSWER}微信公众号" in text


# MARK: - LibreOffice renders it


@pytest.fixture(scope="module")
def pdf(report_docx, work):
    soffice = tool("soffice")
    assert FONTS_CONF.exists()
    profile = work / "libreoffice-profile"
    out = work / "pdf"
    environment = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF), HOME=str(work))
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), str(report_docx)],
        capture_output=True, text=True, timeout=300, env=environment,
    )
    path = out / "report.pdf"
    assert result.returncode == 0 and path.exists(), f"soffice failed:\n{result.stdout}\n{result.stderr}"
    return path


def page_rows(pdf):
    """Each page's text rows above the bottom margin (the footer excluded), top to bottom, as (bottom, text)."""
    xhtml = subprocess.run([tool("pdftotext"), "-bbox-layout", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    namespace = {"h": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in ET.fromstring(xhtml).iterfind(".//h:page", namespace):
        height = float(page.get("height"))
        rows = {}
        for line in page.iterfind(".//h:line", namespace):
            bottom = float(line.get("yMax"))
            if bottom > height - BOTTOM_MARGIN_POINTS:
                continue
            words = "".join(w.text or "" for w in line.iterfind("h:word", namespace))
            key = round(bottom)  # the runs of one row share a baseline
            near = next((k for k in rows if abs(k - key) <= 3), key)
            rows.setdefault(near, []).append((float(line.get("xMin")), words))
        pages.append([(bottom, "".join(w for _, w in sorted(parts))) for bottom, parts in sorted(rows.items())])
    return pages


def test_the_pdf_holds_the_whole_report(pdf, report_lines):
    text = subprocess.run([tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    body = re.sub(r"—\d+—", "", strip_space(text))  # the page numbers
    assert body == strip_space("".join(report_lines))


def test_pages_are_a4(pdf):
    info = subprocess.run([tool("pdfinfo"), "-f", "1", "-l", "999", str(pdf)],
                          capture_output=True, text=True, check=True).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert len(sizes) >= 3
    for width, height in sizes:
        assert abs(float(width) - A4_POINTS[0]) < 1 and abs(float(height) - A4_POINTS[1]) < 1


def test_a_full_body_page_holds_22_lines_of_28_characters(pdf):
    pages = page_rows(pdf)
    counts = [len(rows) for rows in pages]
    assert max(counts) == LINES_PER_PAGE, counts
    # Pages between the first (title) and the last are full, or one short where a level-1
    # heading keeps with its next paragraph.
    assert counts[1:-1].count(LINES_PER_PAGE) >= 1 and min(counts[1:-1]) >= LINES_PER_PAGE - 2, counts
    # The rows of a full page are one exact line pitch apart (579 twips = 28.95 pt).
    full = next(rows for rows in pages[1:-1] if len(rows) == LINES_PER_PAGE)
    pitch = (full[-1][0] - full[0][0]) / (LINES_PER_PAGE - 1)
    assert abs(pitch - 28.95) < 0.5, pitch

    # A row of Chinese text only holds 28 characters; punctuation may hang past the edge.
    widths = []
    for rows in pages[1:-1]:
        for _, row in rows:
            if re.search(r"[\x00-\x7f]", row):
                continue
            widths.append(len(row) - (1 if len(row) > CHARACTERS_PER_LINE and row[-1] in "，。、；：”》）" else 0))
    assert max(widths) == CHARACTERS_PER_LINE, widths
    assert widths.count(CHARACTERS_PER_LINE) >= 10, widths


def test_render_the_first_page(pdf, work):
    """Renders page 1 as the README shows it; TIANKONG_RENDER_PAGE1=docs/images/report-page1.png re-records it."""
    tool("pdftoppm")
    sys.path.insert(0, str(FONTS_CONF.parent))
    from render_page import render

    image = work / "report-page1.png"
    render(pdf, image, page=1, dpi=60)
    assert image.read_bytes().startswith(b"\x89PNG") and 10_000 < image.stat().st_size < 100_000
    if os.environ.get("TIANKONG_RENDER_PAGE1"):
        shutil.copy(image, ROOT / os.environ["TIANKONG_RENDER_PAGE1"])
