"""The Python peer for many reports from one sheet: a mail merge with python-docx, the way a person
would script it — for each row of the CSV, the template's blanks replaced by the row's answers, the
lines tiankong leaves out (adverts) left out, and the text written as a Word file, one paragraph a line.

    python peer_batch.py TEMPLATE.txt LISTING.json SHEET.csv OUT-FOLDER

LISTING.json is `tiankong fields TEMPLATE --format json` (each blank's line, column and field, and the
lines left out); the sheet's header names the fields by label, as `tiankong sheet` writes it. Nothing is
checked: a mail merge takes what the sheet says.
"""
import csv
import json
import pathlib
import sys

import docx


def main():
    template, listing_path, sheet, out = sys.argv[1:5]
    listing = json.load(open(listing_path, encoding="utf-8"))
    lines = open(template, encoding="utf-8").read().split("\n")
    removed = {entry["line"] for entry in listing["removedLines"]}
    by_label = {field["label"]: field["id"] for field in listing["fields"]}
    # Each line's blanks, last first, so that replacing one leaves the columns of the others in place.
    blanks = {}
    for blank in listing["blanks"]:
        blanks.setdefault(blank["line"], []).append(blank)
    for entries in blanks.values():
        entries.sort(key=lambda b: b["column"], reverse=True)
    folder = pathlib.Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    with open(sheet, encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f)
        ids = [by_label.get(label, label) for label in next(rows)]
        for number, row in enumerate(rows, start=2):
            answers = dict(zip(ids, row))
            document = docx.Document()
            for k, line in enumerate(lines, start=1):
                if k in removed:
                    continue
                for blank in blanks.get(k, []):
                    start = blank["column"] - 1
                    line = line[:start] + answers[blank["field"]] + line[start + len(blank["marker"]):]
                if line.strip():
                    document.add_paragraph(line.strip())
            document.save(folder / f"{number}.docx")


if __name__ == "__main__":
    main()
