"""The command line as a user meets it: listing the blanks, filling from an answers file, checking a report."""
import json
import os
import pathlib
import shutil
import subprocess

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
        (tmp_path / "word.docx", 65, "不是文本文件"),
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
    assert b"USAGE" in run("help").stdout or b"USAGE" in run("help").stderr
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


def test_usage_errors_exit_64():
    result = run("fill")
    assert_clean_failure(result, 64)
    assert "tiankong --help" in stderr(result)
    assert run("fields", "--format", "xml").returncode == 64


def test_check_finds_the_blanks_left(tmp_path):
    done = tmp_path / "done.txt"
    done.write_bytes(GOLDEN)
    result = run("check", done)
    assert result.returncode == 0 and "所有的空都已填好" in result.stdout.decode()
    half = tmp_path / "half.txt"
    half.write_text(GOLDEN.decode().replace("学习12次", "学习X次").replace("11月份", "X月份"))
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
