"""tiankong check --fix beside AutoCorrect (autocorrect-py) on the real reports of Tests/Fixtures/proofread.

Each tool's corrected text is compared with the original character by character, and every change sorted:
punctuation made full-width, spaces added, spaces removed, marks removed (a doubled stop), other.
Prints a Markdown table and where the two agree on punctuation width. Run: TIANKONG=… python bench/autocorrect_compare.py
"""
import collections
import difflib
import os
import pathlib
import subprocess
import sys
import tempfile

import autocorrect_py

ROOT = pathlib.Path(__file__).resolve().parents[1]
CORPUS = ROOT / "Tests" / "Fixtures" / "proofread"
WIDE = dict(zip(",;:?!()\"'", "，；：？！（）“‘"))
MARKS = set("，。、；：？！,;")


def decode(data):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    raise ValueError("undecodable")


def changes(before, after):
    """(kind, position in `before`) of each change that turns `before` into `after`."""
    out = []
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        old, new = before[a0:a1], after[b0:b1]
        if op == "equal":
            continue
        if op == "insert" and new.strip() == "":
            out.append(("space added", a0))
        elif op == "delete" and old.strip() == "":
            out.append(("space removed", a0))
        elif op == "delete" and set(old) <= MARKS:
            out.append(("mark removed", a0))
        elif op == "replace" and len(old) == len(new) and all(WIDE.get(o) == n or (o == '"' and n in "“”") or (o == "'" and n in "‘’") for o, n in zip(old, new)):
            out += [("made full-width", a0 + k) for k in range(len(old))]
        else:
            out.append(("other", a0))
    return out


def main():
    binary = os.environ.get("TIANKONG") or str(ROOT / ".build" / "release" / "tiankong")
    totals = {"tiankong": collections.Counter(), "AutoCorrect": collections.Counter()}
    both = only_tiankong = only_autocorrect = 0
    files = sorted(CORPUS.glob("*.txt"))
    with tempfile.TemporaryDirectory() as folder:
        for path in files:
            text = decode(path.read_bytes()).replace("\r\n", "\n")
            source = pathlib.Path(folder) / "in.txt"
            source.write_text(text, encoding="utf-8")
            fixed = pathlib.Path(folder) / "out.txt"
            subprocess.run([binary, "check", "--fix", "--force", "-o", str(fixed), str(source)], capture_output=True)
            ours = changes(text, fixed.read_text(encoding="utf-8"))
            theirs = changes(text, autocorrect_py.format(text))
            totals["tiankong"].update(kind for kind, _ in ours)
            totals["AutoCorrect"].update(kind for kind, _ in theirs)
            a = {p for kind, p in ours if kind == "made full-width"}
            b = {p for kind, p in theirs if kind == "made full-width"}
            both += len(a & b)
            only_tiankong += len(a - b)
            only_autocorrect += len(b - a)
    kinds = ["made full-width", "mark removed", "space added", "space removed", "other"]
    print(f"{len(files)} real reports (Tests/Fixtures/proofread), changes each tool makes:\n")
    print("| change | tiankong check --fix | AutoCorrect |")
    print("| --- | ---: | ---: |")
    for kind in kinds:
        print(f"| {kind} | {totals['tiankong'][kind]} | {totals['AutoCorrect'][kind]} |")
    print(f"\nPunctuation made full-width by both: {both}; by tiankong only: {only_tiankong}; by AutoCorrect only: {only_autocorrect}.")


if __name__ == "__main__":
    sys.exit(main())
