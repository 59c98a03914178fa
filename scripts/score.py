#!/usr/bin/env python3
"""Scores tiankong on the corpus of real templates (Tests/Fixtures/real) against their hand-written labels.

    scripts/score.py [--binary PATH] [--verbose] [--check]

Prints a table per genre and the totals (blank recall and precision, kind accuracy, wrong and missed
merges, adverts removed, body lines removed, titles); --verbose lists every miss as file:line;
--check exits 1 when a figure is below the floors of issue 17.
"""
import argparse
import os
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "Tests" / "EndToEnd"))
import realcorpus  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.environ.get("TIANKONG") or str(realcorpus.ROOT / ".build" / "release" / "tiankong"))
    parser.add_argument("--verbose", action="store_true", help="list every miss (file:line, expected vs got)")
    parser.add_argument("--check", action="store_true", help="exit 1 below the floors of issue 17")
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        print(f"score.py: no tiankong binary at {args.binary} (make release builds it)", file=sys.stderr)
        return 66
    templates = realcorpus.load_corpus()
    problems = [p for t in templates for p in realcorpus.validate(t)]
    if problems:
        print("score.py: the labels are not valid:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 65
    by_genre = realcorpus.score_corpus(args.binary, templates)
    print(f"tiankong {args.binary} on {len(templates)} real templates ({realcorpus.CORPUS.relative_to(realcorpus.ROOT)})\n")
    print(realcorpus.table(by_genre))
    total = by_genre["合计"]
    if args.verbose:
        print("\nEvery miss:")
        print("\n".join("  " + m for m in total.misses) or "  none")
    failures = realcorpus.below_floors(total)
    print("\nBelow the floors of issue 17: " + ("; ".join(failures) if failures else "none"))
    return 1 if args.check and failures else 0


if __name__ == "__main__":
    sys.exit(main())
