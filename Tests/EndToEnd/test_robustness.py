"""Hostile templates and faults while saving: a clear message and exit code each, nothing hung,
nothing the user wrote lost, no partial report left behind."""
import json
import os
import pathlib
import subprocess
import time

import pytest

from conftest import BUNDLED, FIXTURES, binary, run, tmpfs

ANSWERS = FIXTURES / "answers-complete.json"
SEED = BUNDLED.read_bytes()


def timed_run(*args, limit=60, **kwargs):
    started = time.monotonic()
    result = run(*args, **kwargs)
    elapsed = time.monotonic() - started
    assert elapsed < limit, f"took {elapsed:.1f} s"
    return result


def message(result):
    text = result.stderr.decode("utf-8")
    for trace in ("Fatal error", "Backtrac", ".swift:"):
        assert trace not in text, text
    return text


def test_a_100_mb_template_on_one_line(tmp_path):
    line = SEED.replace(b"\n", b"")
    path = tmp_path / "one-line.txt"
    with open(path, "wb") as out:
        for _ in range(100 * 1024 * 1024 // len(line)):
            out.write(line)
    result = timed_run("fields", path, "--format", "json", limit=30)
    assert result.returncode == 0, message(result)
    listing = json.loads(result.stdout)
    assert listing["lineEnding"] == "none" and len(listing["blanks"]) > 100_000
    assert len(listing["title"]) <= 40


def test_a_million_x_in_a_row_is_one_blank(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes("学习".encode() + b"X" * 1_000_000 + "次。\n".encode())
    result = timed_run("fields", path, "--format", "json", limit=20)
    listing = json.loads(result.stdout)
    assert len(listing["blanks"]) == 1 and len(listing["blanks"][0]["marker"]) == 1_000_000
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"f1": "12"}))
    filled = timed_run("fill", path, "--answers", answers, "-o", "-", limit=20)
    assert filled.stdout.decode() == "学习12次。\n"


def test_a_million_blanks(tmp_path):
    path = tmp_path / "many.txt"
    path.write_bytes("学习X次，".encode() * 1_000_000 + "。\n".encode())
    result = timed_run("fields", path, limit=60)
    assert result.returncode == 0, message(result)
    assert "空（1000000 个）" in result.stdout.decode()


@pytest.mark.parametrize("name,content,code,words", [
    ("gb-bad.txt", "学习X次，".encode("gb18030") * 50 + b"\x81\x20" + "完成".encode("gb18030"), 65, "第 450 字节"),   # 9 bytes × 50
    ("utf16.txt", "学习X次，共X人。".encode("utf-16-le") * 20, 65, "UTF-16"),
    ("nul.txt", "学习X次".encode() + b"\x00" + "。".encode(), 65, "NUL"),
    ("empty.txt", b"", 65, "是空的"),
])
def test_bad_bytes_are_named(tmp_path, name, content, code, words):
    path = tmp_path / name
    path.write_bytes(content)
    result = timed_run("fields", path, limit=10)
    assert result.returncode == code and words in message(result), message(result)


def test_things_that_are_not_files(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    loop = tmp_path / "loop"
    os.symlink(loop, loop)
    sparse = tmp_path / "huge.txt"
    with open(sparse, "wb") as out:
        out.truncate(600 * 1024 * 1024)
    for path, words in [(fifo, "不是普通文件"), ("/dev/zero", "不是普通文件"), (loop, "符号链接循环"),
                        (tmp_path, "是一个文件夹"), (sparse, "太大")]:
        result = timed_run("fields", path, limit=10)
        assert result.returncode == 66 and words in message(result), (path, message(result))


def test_a_read_only_folder(tmp_path):
    with tmpfs("size=1m,ro") as folder:
        result = run("fill", "--no-schema", "--answers", ANSWERS, "-o", folder / "r.txt")
        assert result.returncode == 73 and "只读" in message(result)
        assert list(folder.iterdir()) == []


@pytest.mark.parametrize("name", ["r.txt", "r.docx"])
def test_a_full_disk_leaves_no_partial_report(tmp_path, name):
    with tmpfs("size=4k") as folder:
        (folder / "filler").write_bytes(b"\0" * 1024)
        result = run("fill", "--no-schema", "--answers", ANSWERS, "-o", folder / name)
        assert result.returncode == 74 and "磁盘空间已满" in message(result)
        assert [p.name for p in folder.iterdir()] == ["filler"]
    # The answers file the user wrote is untouched.
    assert json.loads(ANSWERS.read_text())["answers"]["f1"] == "市财政局"


def test_a_full_standard_output_says_the_report_is_incomplete():
    """Standard output cannot be taken back: the message must not promise that nothing partial was left."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env["LANG"] = "zh_CN.UTF-8"
    with open("/dev/full", "wb") as full:
        result = subprocess.run([binary(), "fill", "--no-schema", "--answers", str(ANSWERS), "-o", "-"],
                                stdout=full, stderr=subprocess.PIPE, env=env, timeout=60)
    text = message(result)
    assert result.returncode == 74, text
    assert "标准输出" in text and "不完整" in text and "没有留下" not in text, text


def test_listings_to_a_full_standard_output_fail_with_a_message_not_a_crash():
    """`fields` and `schema` wrote through Foundation's FileHandle, which trapped (exit 132, a stack trace)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env["LANG"] = "zh_CN.UTF-8"
    for command in (["fields"], ["fields", "--format", "json"], ["schema"]):
        with open("/dev/full", "wb") as full:
            result = subprocess.run([binary(), *command], stdout=full, stderr=subprocess.PIPE, env=env, timeout=60)
        text = message(result)
        assert result.returncode == 74, (command, text)
        assert "写入标准输出时失败" in text and "磁盘空间已满" in text and "不完整" in text, (command, text)
        assert "Fatal error" not in text and "stack trace" not in text, (command, text)


def test_the_output_is_a_folder(tmp_path):
    (tmp_path / "out.txt").mkdir()
    result = run("fill", "--no-schema", "--answers", ANSWERS, "-o", tmp_path / "out.txt", "--force")
    assert result.returncode == 73 and "是一个文件夹" in message(result)


def test_answers_that_break_formats_come_out_intact(tmp_path):
    answers = json.loads(ANSWERS.read_text())
    answers["answers"]["f9"] = "A&B<C>\"D\"'E'"
    path = tmp_path / "a.json"
    path.write_text(json.dumps(answers, ensure_ascii=False))
    result = run("fill", "--no-schema", "--answers", path, "-o", tmp_path / "r.txt")
    assert result.returncode == 0, message(result)
    assert "正式运行A&B<C>\"D\"'E'微信公众号" in (tmp_path / "r.txt").read_text()
    for bad, words in [("市财\t政局", "控制字符"), ("市财政局\n办公室", "一行"), ("市\x1b财政", "控制字符")]:
        answers["answers"]["f1"] = bad
        path.write_text(json.dumps(answers, ensure_ascii=False))
        result = run("fill", "--no-schema", "--answers", path, "-o", tmp_path / "bad.txt")
        assert result.returncode == 65 and words in message(result), message(result)
        assert not (tmp_path / "bad.txt").exists()
