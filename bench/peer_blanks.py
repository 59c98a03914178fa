"""The Python peer: the same job as `tiankong fields` / `tiankong fill`, the straightforward way —
decode, re.finditer over the X runs (with line and column), and string replacement."""
import json
import re
import sys

BLANK = re.compile(r"(?<![A-Za-z0-9])[XＸ×]+(?:[.．][XＸ×]+)?(?![A-Za-z0-9])")


def fields(path):
    text = open(path, encoding="utf-8").read()
    out = []
    line, line_start, last = 1, 0, 0
    for match in BLANK.finditer(text):
        start = match.start()
        line += text.count("\n", last, start)
        if line > 1:
            line_start = text.rfind("\n", 0, start) + 1
        last = start
        after = text[match.end():match.end() + 2]
        out.append(f"{len(out) + 1}\t{line}:{start - line_start + 1}\t{match.group()}\t{after}")
    sys.stdout.write("\n".join(out) + "\n")


def fill(path, answers_path):
    text = open(path, encoding="utf-8").read()
    answers = list(json.load(open(answers_path, encoding="utf-8"))["answers"].values())
    counter = iter(range(10**9))
    result = BLANK.sub(lambda m: answers[next(counter) % len(answers)], text)
    sys.stdout.write(result)


if __name__ == "__main__":
    if sys.argv[1] == "fields":
        fields(sys.argv[2])
    else:
        fill(sys.argv[2], sys.argv[3])
