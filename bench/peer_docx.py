"""The Python peer for filling a Word template: python-docx replaces the same blanks run by run.

    python peer_docx.py TEMPLATE.docx BLANK-ANSWERS.json OUT.docx

Every paragraph (body, table cells, headers and footers) is read as its runs' text; each run of X (X, Ｘ,
×) is a blank, answered in document order from BLANK-ANSWERS.json, a list of one answer for each blank
(made by bench/run.py from `tiankong fields --format json`); the answer goes into the blank's first run
and the blank's other characters leave theirs.
"""
import json
import re
import sys

import docx

BLANK = re.compile(r"[XＸ×]+")


def paragraphs(document):
    def walk(container):
        for paragraph in container.paragraphs:
            yield paragraph
        for table in getattr(container, "tables", []):
            for row in table.rows:
                for cell in row.cells:
                    yield from walk(cell)
    yield from walk(document)
    for section in document.sections:
        yield from walk(section.header)
        yield from walk(section.footer)


def fill(paragraph, answers):
    runs = paragraph.runs
    text = "".join(r.text for r in runs)
    owner = [k for k, r in enumerate(runs) for _ in r.text]
    # Answers in document order; the runs edited from the last blank back, so earlier places hold.
    blanks = [(m.span(), next(answers)) for m in BLANK.finditer(text)]
    starts = [0]
    for r in runs:
        starts.append(starts[-1] + len(r.text))
    for (start, end), answer in reversed(blanks):
        first = owner[start]
        for k in sorted({owner[p] for p in range(start, end)}, reverse=True):
            t = runs[k].text
            a, b = max(start, starts[k]) - starts[k], min(end, starts[k + 1]) - starts[k]
            runs[k].text = t[:a] + (answer if k == first else "") + t[b:]


def main():
    template, answers_path, out = sys.argv[1:4]
    document = docx.Document(template)
    answers = iter(json.load(open(answers_path, encoding="utf-8")))
    for paragraph in paragraphs(document):
        fill(paragraph, answers)
    document.save(out)


if __name__ == "__main__":
    main()
