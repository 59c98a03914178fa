"""The command line as a user meets it: listing the blanks, filling from an answers file, checking a report."""
import json
import os
import pathlib
import shutil
import subprocess

import pytest

from conftest import BUNDLED, FIXTURES, run

ANSWERS = FIXTURES / "answers-complete.json"
GOLDEN = (FIXTURES / "report-complete.txt").read_bytes()


def stderr(result):
    return result.stderr.decode("utf-8")


def assert_clean_failure(result, code):
    """A failure the user caused: its exit code, a message, and never a stack trace."""
    assert result.returncode == code, (result.returncode, stderr(result))
    text = stderr(result)
    assert text.strip()
    for trace in ("Fatal error", "Backtrac", "Stack dump", "Swift/", ".swift:"):
        assert trace not in text, text


def test_fields_lists_the_bundled_templates_blanks_and_fields_as_json():
    result = run("fields", "--no-schema", "--format", "json")
    assert result.returncode == 0, stderr(result)
    listing = json.loads(result.stdout)
    assert listing["encoding"] == "utf-8" and listing["lineEnding"] == "lf"
    assert [b["index"] for b in listing["blanks"]] == list(range(1, 21))
    assert [f["id"] for f in listing["fields"]] == [f"f{i}" for i in range(1, 19)]
    assert listing["fields"][0]["blanks"] == [1, 18, 19]
    assert listing["fields"][1]["kind"] == "integer" and listing["fields"][1]["unit"] == "次"
    assert listing["fields"][13]["kind"] == "month" and listing["fields"][13]["min"] == 1 and listing["fields"][13]["max"] == 12
    assert [r["line"] for r in listing["removedLines"]] == [1, 2, 3, 4, 5, 7, 8, 9, 18, 37]
    first = listing["blanks"][0]
    assert (first["line"], first["column"], first["marker"], first["kind"], first["field"]) == (19, 6, "XXX", "text", "f1")


def test_fields_json_escapes_what_json_must(tmp_path):
    template = tmp_path / "引号.txt"
    template.write_bytes('标题\n\t"引号"与\\反斜杠X次，控制\x01字符XX。\r\n第二行XXX\n'.encode())
    result = run("fields", template, "--format", "json")
    assert result.returncode == 0, stderr(result)
    listing = json.loads(result.stdout)
    assert [b["marker"] for b in listing["blanks"]] == ["X", "XX", "XXX"]
    assert listing["blanks"][0]["context"] == '\t"引号"与\\反斜杠X次，控制\x01字符XX。'
    assert listing["template"] == str(template) and listing["lineEnding"] == "mixed"


def test_fields_as_text_names_what_was_removed():
    result = run("fields", "--no-schema")
    assert result.returncode == 0
    out = result.stdout.decode()
    assert "已去掉的广告行（10 行）" in out and "第 18 行：酷乐文行整理，咨询QQ206157060" in out
    assert "空（20 个）" in out and "字段（18 个）" in out


def test_fill_writes_the_golden_report(tmp_path):
    out = tmp_path / "报告.txt"
    result = run("fill", "--no-schema", "--answers", ANSWERS, "-o", out)
    assert result.returncode == 0, stderr(result)
    assert out.read_bytes() == GOLDEN
    assert str(out) in stderr(result)
    assert [p.name for p in tmp_path.iterdir()] == ["报告.txt"]


def test_fill_to_standard_output_and_default_name(tmp_path):
    result = run("fill", "--no-schema", BUNDLED, "--answers", ANSWERS, "-o", "-")
    assert result.returncode == 0 and result.stdout == GOLDEN
    result = run("fill", "--no-schema", "--answers", ANSWERS, cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    assert (tmp_path / "2020年党建工作总结（党组）.txt").read_bytes() == GOLDEN


def test_fill_never_overwrites_without_force(tmp_path):
    out = tmp_path / "r.txt"
    out.write_text("我的旧报告")
    result = run("fill", "--no-schema", "--answers", ANSWERS, "-o", out)
    assert_clean_failure(result, 73)
    assert "--force" in stderr(result)
    assert out.read_text() == "我的旧报告"
    assert run("fill", "--no-schema", "--answers", ANSWERS, "-o", out, "--force").returncode == 0
    assert out.read_bytes() == GOLDEN


def test_fill_lists_every_invalid_answer_and_writes_nothing(tmp_path):
    answers = json.loads(ANSWERS.read_text())["answers"]
    answers.update({"f2": "很多", "f14": "13", "f13": "-3"})
    del answers["f7"]
    bad = tmp_path / "a.json"
    bad.write_text(json.dumps(answers, ensure_ascii=False))
    result = run("fill", "--no-schema", "--answers", bad, "-o", tmp_path / "r.txt")
    assert_clean_failure(result, 65)
    lines = [l.strip() for l in stderr(result).splitlines() if l.startswith("  ")]
    assert [l.split()[0] for l in lines] == ["f2", "f7", "f13", "f14"]
    assert "月份应在 1–12 之间" in stderr(result)
    assert not (tmp_path / "r.txt").exists()
    english = run("fill", "--no-schema", "--answers", bad, "-o", tmp_path / "r.txt", lang="en_US.UTF-8")
    assert "A month is between 1 and 12" in stderr(english)


def test_partial_fill_leaves_the_unanswered_blanks(tmp_path):
    some = tmp_path / "a.json"
    some.write_text(json.dumps({"f1": "市财政局"}, ensure_ascii=False))
    assert run("fill", "--no-schema", "--answers", some, "-o", tmp_path / "r.txt").returncode == 65
    result = run("fill", "--no-schema", "--answers", some, "-o", tmp_path / "r.txt", "--partial")
    assert result.returncode == 0, stderr(result)
    text = (tmp_path / "r.txt").read_text()
    assert text.count("市财政局党组") == 3 and "学习X次" in text and "我XXX事业" in text


def fill_with_f1(tmp_path, f1):
    """Fills the bundled template to standard output with the complete answers, f1 replaced."""
    answers = json.loads(ANSWERS.read_text())
    answers["answers"]["f1"] = f1
    path = tmp_path / "a.json"
    path.write_text(json.dumps(answers, ensure_ascii=False))
    return run("fill", "--no-schema", "--answers", path, "-o", "-")


def test_warns_about_doubled_words_without_blocking(tmp_path):
    result = fill_with_f1(tmp_path, "市财政局党组")
    assert result.returncode == 0
    assert "党组党组" in stderr(result) and "市财政局" in stderr(result)


def test_invisible_characters_pasted_into_answers_are_taken_out_and_named(tmp_path):
    # A byte-order mark first, as copying from some editors leaves it: counted too.
    result = fill_with_f1(tmp_path, "\ufeff市财\u200b政局\u200e")
    assert result.returncode == 0, stderr(result)
    assert result.stdout == GOLDEN  # the report as if they had never been there
    assert "3 个看不见的字符" in stderr(result)


def test_gb18030_output_on_request(tmp_path):
    result = run("fill", "--no-schema", "--answers", ANSWERS, "-o", "-", "--encoding", "gb18030")
    assert result.stdout == GOLDEN.decode("utf-8").encode("gb18030")


def test_a_gb18030_crlf_template_round_trips(tmp_path):
    template = tmp_path / "模板.txt"
    template.write_bytes(BUNDLED.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    result = run("fill", "--no-schema", template, "--answers", ANSWERS, "-o", "-")
    assert result.returncode == 0, stderr(result)
    assert result.stdout == GOLDEN.decode().replace("\n", "\r\n").encode("gb18030")


def test_bad_templates_get_clear_messages_and_exit_codes(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "word.docx").write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)))
    (tmp_path / "bad.txt").write_bytes("学习X次".encode() + b"\xff\xfe\xfd")
    (tmp_path / "none.txt").write_text("没有要填的空。\n")
    cases = [
        (tmp_path / "missing.txt", 66, "找不到模板文件"),
        (tmp_path, 66, "是一个文件夹"),
        (tmp_path / "empty.txt", 65, "是空的"),
        # A .docx is read as a Word template: these bytes start like a zip and are not one.
        (tmp_path / "word.docx", 65, "不是完好的 Word 文件"),
        (tmp_path / "bad.txt", 65, "第 10 字节"),
        (tmp_path / "none.txt", 65, "没有找到要填的空"),
        ("/dev/zero", 66, "不是普通文件"),
    ]
    for path, code, words in cases:
        result = run("fields", path)
        assert_clean_failure(result, code)
        assert words in stderr(result) and str(path) in stderr(result), stderr(result)
    english = run("fields", tmp_path / "missing.txt", lang="en_US.UTF-8")
    assert "Template not found" in stderr(english)


def test_tiankong_template_starts_the_wizard_exactly_as_tiankong_wizard_template(tmp_path):
    """`tiankong TEMPLATE` is recognised without the argument parser (for a faster first frame); it must
    behave as `tiankong wizard TEMPLATE` does: the same messages and exit codes, the same plain-mode run."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "none.txt").write_text("没有要填的空。\n")
    for path in (tmp_path / "missing.txt", tmp_path, tmp_path / "empty.txt", tmp_path / "none.txt", "/dev/zero"):
        for lang in ("zh_CN.UTF-8", "en_US.UTF-8"):
            quick, parsed = run(path, lang=lang), run("wizard", path, lang=lang)
            assert_clean_failure(quick, parsed.returncode)
            assert (quick.returncode, quick.stderr) == (parsed.returncode, parsed.stderr)
    # Standard input is not a terminal: both ask line by line; end of input stops both the same way.
    state = {"XDG_STATE_HOME": str(tmp_path / "state")}
    for args in ((), (BUNDLED,)):
        quick = run(*args, stdin=b"", env_extra=state)
        parsed = run("wizard", *args, stdin=b"", env_extra=state)
        assert (quick.returncode, quick.stdout, quick.stderr) == (parsed.returncode, parsed.stdout, parsed.stderr)
        assert "2020" in quick.stdout.decode("utf-8")
    # Anything more than a template goes through the parser: options, subcommands, help.
    assert run("--version").stdout.strip()
    assert "用法：" in run("help").stdout.decode("utf-8")
    assert_clean_failure(run(BUNDLED, "--no-such-option"), 64)


def test_bad_answers_files(tmp_path):
    (tmp_path / "broken.json").write_text('{"f1": "市财')
    (tmp_path / "list.json").write_text("[1, 2]")
    assert_clean_failure(run("fill", "--no-schema", "--answers", tmp_path / "missing.json"), 66)
    result = run("fill", "--no-schema", "--answers", tmp_path / "broken.json")
    assert_clean_failure(result, 65)
    assert "第 1 行第 11 列" in stderr(result)  # where the file stops, in characters
    (tmp_path / "comma.json").write_text('{\n  "f1": "市财政局",\n}')
    result = run("fill", "--no-schema", "--answers", tmp_path / "comma.json", lang="en_US.UTF-8")
    assert_clean_failure(result, 65)
    assert "line 3, column 1" in stderr(result) and "“}” is not expected here" in stderr(result)
    result = run("fill", "--no-schema", "--answers", tmp_path / "list.json")
    assert_clean_failure(result, 65)
    assert "对象" in stderr(result)


# fill has more than 12 options, so the parser's usage line names them as [<options>].
FILL_USAGE = "tiankong fill [<options>] [<TEMPLATE>]"
FIELDS_USAGE = "tiankong fields [<TEMPLATE>] [--keep-boilerplate] [--no-schema] [--format <format>]"
WIZARD_USAGE = "tiankong wizard [<TEMPLATE>] [--keep-boilerplate] [--no-schema] [--plain] [--resume] [--fresh]"

# Each mistake a user can make on the command line: what is typed, and the three lines said about it
# in Chinese and in English: what is wrong, the command's one-line usage, where the help is.
USAGE_MISTAKES = [
    (["fill"],
     ["命令行有误：缺少 --answers <FILE>", "用法：" + FILL_USAGE, "用 tiankong fill --help 查看详细说明。"],
     ["Usage error: --answers <FILE> is missing", "Usage: " + FILL_USAGE, "See tiankong fill --help."]),
    (["fill", "--answers"],
     ["命令行有误：--answers <FILE> 后面缺少值", "用法：" + FILL_USAGE, "用 tiankong fill --help 查看详细说明。"],
     ["Usage error: --answers <FILE> needs a value", "Usage: " + FILL_USAGE, "See tiankong fill --help."]),
    (["fields", "--bogus"],
     ["命令行有误：不认识的选项 --bogus", "用法：" + FIELDS_USAGE, "用 tiankong fields --help 查看详细说明。"],
     ["Usage error: unknown option --bogus", "Usage: " + FIELDS_USAGE, "See tiankong fields --help."]),
    (["fields", "--form", "json"],
     ["命令行有误：不认识的选项 --form；是不是 --format？", "用法：" + FIELDS_USAGE, "用 tiankong fields --help 查看详细说明。"],
     ["Usage error: unknown option --form; did you mean --format?", "Usage: " + FIELDS_USAGE, "See tiankong fields --help."]),
    (["fields", "--format", "xml"],
     ["命令行有误：“xml”不是 --format 能用的值（输出格式：text 或 json）", "用法：" + FIELDS_USAGE,
      "用 tiankong fields --help 查看详细说明。"],
     ["Usage error: 'xml' is not a value --format takes (Output format: text or json)", "Usage: " + FIELDS_USAGE,
      "See tiankong fields --help."]),
    (["fill", "--answers", "a.json", "--partial=yes"],
     ["命令行有误：--partial 后面不带值（给了“yes”）", "用法：" + FILL_USAGE, "用 tiankong fill --help 查看详细说明。"],
     ["Usage error: --partial takes no value ('yes' was given)", "Usage: " + FILL_USAGE, "See tiankong fill --help."]),
    (["fields", "a.txt", "b.txt"],
     ["命令行有误：多余的参数：“b.txt”", "用法：" + FIELDS_USAGE, "用 tiankong fields --help 查看详细说明。"],
     ["Usage error: unexpected argument 'b.txt'", "Usage: " + FIELDS_USAGE, "See tiankong fields --help."]),
    (["feilds"],
     ["命令行有误：“feilds”不是子命令，也没有叫这个名字的模板文件；子命令有 wizard、fields、fill、sheet、check、schema",
      "用法：tiankong <subcommand>", "用 tiankong --help 查看详细说明。"],
     ["Usage error: 'feilds' is neither a subcommand nor a template file; the subcommands are wizard, fields, fill, sheet, check, schema",
      "Usage: tiankong <subcommand>", "See tiankong --help."]),
    (["feilds", "--format", "json"],
     ["命令行有误：“feilds”不是子命令，也没有叫这个名字的模板文件；子命令有 wizard、fields、fill、sheet、check、schema",
      "用法：tiankong <subcommand>", "用 tiankong --help 查看详细说明。"],
     ["Usage error: 'feilds' is neither a subcommand nor a template file; the subcommands are wizard, fields, fill, sheet, check, schema",
      "Usage: tiankong <subcommand>", "See tiankong --help."]),
    (["help", "feilds"],
     ["命令行有误：“feilds”不是子命令，也没有叫这个名字的模板文件；子命令有 wizard、fields、fill、sheet、check、schema",
      "用法：tiankong <subcommand>", "用 tiankong --help 查看详细说明。"],
     ["Usage error: 'feilds' is neither a subcommand nor a template file; the subcommands are wizard, fields, fill, sheet, check, schema",
      "Usage: tiankong <subcommand>", "See tiankong --help."]),
    (["wizard", "--resume", "--fresh"],
     ["命令行有误：--resume 和 --fresh 只能给一个", "用法：" + WIZARD_USAGE, "用 tiankong wizard --help 查看详细说明。"],
     ["Usage error: give --resume or --fresh, not both", "Usage: " + WIZARD_USAGE, "See tiankong wizard --help."]),
]


@pytest.mark.parametrize("arguments, chinese, english", USAGE_MISTAKES, ids=[" ".join(m[0]) for m in USAGE_MISTAKES])
def test_each_usage_mistake_is_told_in_the_users_language_with_the_usage(tmp_path, arguments, chinese, english):
    for lang, lines in (("zh_CN.UTF-8", chinese), ("en_US.UTF-8", english)):
        result = run(*arguments, lang=lang, cwd=tmp_path)
        assert_clean_failure(result, 64)
        assert stderr(result).splitlines() == lines
        assert result.stdout == b""


def test_a_word_that_names_a_template_file_is_no_subcommand(tmp_path):
    """Only a word without a file of its name is taken for a mistyped subcommand."""
    shutil.copy(BUNDLED, tmp_path / "report")
    result = run("report", "--no-schema", "--plain", cwd=tmp_path, stdin=b"")
    assert "不是子命令" not in stderr(result) and "《2020年党建工作总结（党组）》" in result.stdout.decode("utf-8")


def test_the_help_is_in_chinese_or_in_english():
    chinese = run("fill", "--help").stdout.decode("utf-8")
    for line in ("简介：用答案文件填好模板，写出报告（.txt 或 .docx）", "用法： " + FILL_USAGE, "参数：", "选项：",
                 "  --format <format>       输出格式：txt 或 docx（默认看文件扩展名）",
                 "  --version               显示版本号。", "  -h, --help              显示这份说明。"):
        assert line in chinese.splitlines(), (line, chinese)
    for english in ("USAGE", "OPTIONS", "Show", "(values:", "(default"):
        assert english not in chinese, chinese
    top = run("--help").stdout.decode("utf-8")
    assert "子命令：" in top and "  wizard（默认）          逐个填写模板里的空（默认命令）" in top.splitlines()
    assert "  用 tiankong help <子命令> 查看子命令的详细说明。" in top.splitlines()
    assert "  --format <format>       输出格式：text 或 json（默认：text）" in run("fields", "--help").stdout.decode("utf-8").splitlines()

    english = run("fill", "--help", lang="en_US.UTF-8").stdout.decode("utf-8")
    assert "USAGE: " + FILL_USAGE in english.splitlines() and "Show help information." in english
    assert "  --format <format>       Output format: txt or docx (default: from the" in english.splitlines()
    assert not any("\u4e00" <= c <= "\u9fff" for c in english), english


def test_a_missing_answers_file_is_called_an_answers_file(tmp_path):
    for lang, line in (("zh_CN.UTF-8", f"无法读取答案文件 {tmp_path}/missing.json：文件不存在"),
                       ("en_US.UTF-8", f"Cannot read the answers file {tmp_path}/missing.json: no such file")):
        result = run("fill", "--no-schema", "--answers", tmp_path / "missing.json", lang=lang)
        assert_clean_failure(result, 66)
        assert stderr(result).splitlines() == [line]
    result = run("fill", "--no-schema", "--answers", tmp_path)
    assert stderr(result).splitlines() == [f"无法读取答案文件 {tmp_path}：这是一个文件夹"]


def test_unknown_and_missing_answers_are_named_and_partial_is_offered(tmp_path):
    template = tmp_path / "总结.txt"
    template.write_text("工作总结\n\n今年以来，XXX党组共学习X次。\n", encoding="utf-8")
    answers = tmp_path / "a.json"
    answers.write_text('{"f1": "市财政局", "f9": "多余"}', encoding="utf-8")
    result = run("fill", template, "--answers", answers, cwd=tmp_path)
    assert_clean_failure(result, 65)
    assert stderr(result).splitlines() == [
        "有 2 个答案不能使用，没有写出报告：",
        "  f2  ＿＿党组共学习＿＿次：没有答案；应填：次数，填整数",
        "  f9：模板里没有这个字段",
        "没有答案的空若要原样留着，加 --partial。",
    ]
    result = run("fill", template, "--answers", answers, lang="en_US.UTF-8", cwd=tmp_path)
    assert stderr(result).splitlines()[2:] == ["  f9: The template has no such field",
                                               "To leave the unanswered blanks as they are, add --partial."]
    # Only an unknown field: nothing is missing, so --partial would not help and is not offered.
    answers.write_text('{"f1": "市财政局", "f2": "3", "f9": "多余"}', encoding="utf-8")
    result = run("fill", template, "--answers", answers, cwd=tmp_path)
    assert stderr(result).splitlines() == ["有 1 个答案不能使用，没有写出报告：", "  f9：模板里没有这个字段"]


def test_fields_json_writes_chinese_as_utf8():
    result = run("fields", "--format", "json")
    assert result.returncode == 0
    assert "\\u" not in result.stdout.decode("utf-8")
    assert '"title": "2020年党建工作总结（党组）"' in result.stdout.decode("utf-8")


def test_a_sentence_for_a_first_line_gives_a_short_file_name(tmp_path):
    template = tmp_path / "意见.txt"
    template.write_text("关于进一步加强和改进新时代全市机关党的建设工作的实施意见，以及XXX党组贯彻落实情况的报告\n\n"
                        "今年以来，XXX党组共学习X次。\n", encoding="utf-8")
    answers = tmp_path / "a.json"
    answers.write_text('{"f1": "市财政局", "f2": "3"}', encoding="utf-8")
    result = run("fill", template, "--no-schema", "--answers", answers, cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    # Cut at the comma: 28 characters, where the title has 44.
    assert (tmp_path / "关于进一步加强和改进新时代全市机关党的建设工作的实施意见.txt").exists()


def test_check_finds_the_blanks_left(tmp_path):
    # The golden report with the template's own punctuation mistakes corrected (see test_check.py).
    proofread = GOLDEN.decode().replace(",", "，").replace("，。", "。").replace("(一)", "（一）").replace("(二)", "（二）")
    done = tmp_path / "done.txt"
    done.write_text(proofread)
    result = run("check", done)
    assert result.returncode == 0 and "所有的空都已填好" in result.stdout.decode()
    half = tmp_path / "half.txt"
    half.write_text(proofread.replace("学习12次", "学习X次").replace("11月份", "X月份"))
    result = run("check", half)
    assert result.returncode == 1
    out = result.stdout.decode()
    assert "还有 2 个空没有填" in out and "\n  5:" in out and "学习X次" in out


def test_the_binary_carries_its_template_anywhere(tmp_path):
    """After `make install` the binary is alone in a folder: the bundled template is inside it."""
    lonely = tmp_path / "bin" / "tiankong"
    lonely.parent.mkdir()
    shutil.copy(os.environ.get("TIANKONG"), lonely)
    result = subprocess.run([str(lonely), "fields", "--format", "json"], cwd="/", capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    listing = json.loads(result.stdout)
    assert len(listing["fields"]) == 21 and listing["schema"].endswith(".tiankong.yaml")   # the schema travels too
    assert sum(1 for b in listing["blanks"] if set(b["marker"]) <= {"X"}) == 20


def test_the_bundled_template_asks_its_curated_questions():
    result = run("fields", "--format", "json")
    assert result.returncode == 0, stderr(result)
    listing = json.loads(result.stdout)
    ids = [f["id"] for f in listing["fields"]]
    assert len(ids) == 21 and ids[:4] == ["year", "org", "study", "province"]
    assert all(f.get("hint") for f in listing["fields"])
    assert listing["schema"].endswith(".tiankong.yaml")


def test_schema_written_beside_a_template_is_used_and_its_mistakes_are_named(tmp_path):
    template = tmp_path / "总结.txt"
    shutil.copy(BUNDLED, template)
    written = run("schema", template)
    assert written.returncode == 0, stderr(written)
    (tmp_path / "总结.tiankong.yaml").write_bytes(written.stdout)
    with_schema = json.loads(run("fields", template, "--format", "json").stdout)
    without = json.loads(run("fields", template, "--no-schema", "--format", "json").stdout)
    assert with_schema["schema"].endswith("总结.tiankong.yaml")
    assert [f["blanks"] for f in with_schema["fields"]] == [f["blanks"] for f in without["fields"]]
    broken = written.stdout.decode().replace("kind: integer", "kind: count", 1)
    (tmp_path / "总结.tiankong.yaml").write_text(broken)
    result = run("fields", template)
    assert_clean_failure(result, 65)
    line = broken.splitlines().index("    kind: count") + 1
    assert f"总结.tiankong.yaml 第 {line} 行" in stderr(result) and "count" in stderr(result)


def test_hostile_schemas_are_refused_with_their_line_never_a_crash(tmp_path):
    template = tmp_path / "总结.txt"
    shutil.copy(BUNDLED, template)
    schema = tmp_path / "总结.tiankong.yaml"
    cases = [
        ("fields:\n  - " + "[" * 200_000 + "\n", 2, "嵌套得太深"),       # would end the stack
        ("fields:\n  - id: a\n    hint: 政\u2029\n", 3, "U+2029"),        # a line break to libyaml only
        ("fields:\n  - id: a\n    blanks: [?X次]\n", 3, ""),              # a complex key to libyaml
        ("fields: &a\n  - *a\n", 1, ""),                                   # anchors and aliases
    ]
    for text, line, words in cases:
        schema.write_text(text)
        result = run("fields", template)
        assert_clean_failure(result, 65)
        assert f"总结.tiankong.yaml 第 {line} 行" in stderr(result) and words in stderr(result), stderr(result)


def test_fill_with_the_curated_schema_rewrites_year_province_and_figures(tmp_path):
    answers = {"year": "2021", "province": "河南", "org": "郑州市财政局", "talks": "30", "group_talks": "2",
               "study": "12", "instructions": "6", "lectures": "4", "research": "8", "joint": "3", "field": "财政",
               "petitions": "156", "wechat": "郑州财政", "authority": "国家卫健委", "articles": "200", "story": "财政人",
               "volunteers": "86", "meeting_month": "3", "bureau": "市财政", "review_month": "11", "system": "全市财政"}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(answers, ensure_ascii=False))
    result = run("fill", "--answers", path, "-o", "-")
    assert result.returncode == 0, stderr(result)
    text = result.stdout.decode()
    assert text.startswith("2021年党建工作总结（党组）\n")
    assert "2020" not in text and "甘肃" not in text and "X" not in text
    assert text.count("河南") == 4 and text.count("郑州市财政局党组") == 3 and "促进我郑州市财政局事业" in text
    assert "谈话提醒30人次" in text and "集体约谈2次" in text


def test_the_default_file_name_follows_the_answered_title(tmp_path):
    answers = {"year": "2021", "org": "某局", "province": "河南", "field": "财政", "wechat": "某", "authority": "某",
               "story": "某", "bureau": "某", "system": "某", "meeting_month": "3", "review_month": "4"}
    for key in ("study", "instructions", "lectures", "research", "joint", "petitions", "articles", "volunteers"):
        answers[key] = "1"
    path = tmp_path / "a.json"
    path.write_text(json.dumps(answers, ensure_ascii=False))
    result = run("fill", "--answers", path, cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    assert (tmp_path / "2021年党建工作总结（党组）.txt").exists()
