"""tiankong check --fix beside AutoCorrect (autocorrect-py) on the real reports of Tests/Fixtures/proofread.

Each tool's corrected text is compared with the original character by character, and every change sorted:
punctuation made full-width, spaces added, spaces removed, marks removed (a doubled stop), other.
Prints the section `make bench` writes into docs/BENCHMARKS.md. Run alone: TIANKONG=… python bench/autocorrect_compare.py
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


def compare(binary):
    """Runs both tools over the corpus: each tool's changes by kind, and the marks both make full-width."""
    totals = {"tiankong": collections.Counter(), "AutoCorrect": collections.Counter()}
    both = only_tiankong = only_autocorrect = 0
    files = sorted(CORPUS.glob("*.txt"))
    with tempfile.TemporaryDirectory() as folder:
        for path in files:
            text = decode(path.read_bytes()).replace("\r\n", "\n")
            source = pathlib.Path(folder) / "in.txt"
            source.write_text(text, encoding="utf-8")
            fixed = pathlib.Path(folder) / "out.txt"
            result = subprocess.run([binary, "check", "--fix", "--force", "-o", str(fixed), str(source)], capture_output=True)
            if result.returncode not in (0, 1):
                raise RuntimeError(f"tiankong check --fix {path.name}: exit {result.returncode}: {result.stderr.decode()}")
            ours = changes(text, fixed.read_text(encoding="utf-8"))
            theirs = changes(text, autocorrect_py.format(text))
            totals["tiankong"].update(kind for kind, _ in ours)
            totals["AutoCorrect"].update(kind for kind, _ in theirs)
            a = {p for kind, p in ours if kind == "made full-width"}
            b = {p for kind, p in theirs if kind == "made full-width"}
            both += len(a & b)
            only_tiankong += len(a - b)
            only_autocorrect += len(b - a)
    return {"files": len(files), "totals": totals, "both": both, "only_tiankong": only_tiankong,
            "only_autocorrect": only_autocorrect}


def section(result):
    """The comparison as a section of docs/BENCHMARKS.md (Markdown lines)."""
    kinds = ["made full-width", "mark removed", "space added", "space removed", "other"]
    totals = result["totals"]
    lines = [
        "## 6. Proof-reading beside AutoCorrect",
        "",
        f"`tiankong check --fix` and AutoCorrect (`autocorrect-py`, the CJK linter, with its defaults) on the "
        f"{result['files']} real reports of Tests/Fixtures/proofread (bench/autocorrect_compare.py). Each tool's "
        "corrected text is compared with the report character by character and every change sorted.",
        "",
        "| change | tiankong check --fix | AutoCorrect |",
        "|---|---:|---:|",
    ]
    lines += [f"| {kind} | {totals['tiankong'][kind]} | {totals['AutoCorrect'][kind]} |" for kind in kinds]
    lines += [
        "",
        f"ASCII punctuation made full-width by both: {result['both']}; by tiankong only: {result['only_tiankong']}; "
        f"by AutoCorrect only: {result['only_autocorrect']}. AutoCorrect's added spaces are the space it puts between "
        "Chinese and Latin text or digits, which a 公文 does not have (README, Proof-reading).",
        "",
    ]
    return lines


def main():
    binary = os.environ.get("TIANKONG") or str(ROOT / ".build" / "release" / "tiankong")
    print("\n".join(section(compare(binary))))


if __name__ == "__main__":
    sys.exit(main())
