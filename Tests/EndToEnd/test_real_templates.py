"""Real templates copied from public pages (Tests/Fixtures/real), each with labels written by reading it.

The corpus is the yardstick of issue 17: these tests keep every label file honest (a blank's marker
really stands on its line, a question has one kind, an advert line is not empty), so that the score
scripts/score.py prints means what it says.
"""
import pytest

import realcorpus

TEMPLATES = realcorpus.load_corpus()


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.name)
def test_every_label_file_matches_its_template(template):
    assert realcorpus.validate(template) == []


def test_a_label_pointing_at_the_wrong_place_is_caught():
    # The validator itself: a label pointing at the wrong line, or at part of a longer run, is caught.
    template = next(t for t in TEMPLATES if t.name.startswith("001-"))
    broken = realcorpus.Template(template.path, dict(template.labels, blanks=[
        {"line": 3, "marker": "×", "kind": "text", "unit": None, "question": "q"},          # 各有关单位: has no ×
        {"line": 2, "marker": "×××", "kind": "text", "unit": None, "question": "r"},        # part of a run of 15
    ], either=[], adverts=[], title=None))
    problems = realcorpus.validate(broken)
    assert any("line 3: marker '×' not found" in p for p in problems)
    assert any("line 2: marker '×××' not found" in p for p in problems)


def test_the_corpus_is_the_size_issue_17_asks_for():
    # At least 40 templates across at least 8 genres, some as GB18030 with CRLF (as Windows editors save).
    genres = {t.genre for t in TEMPLATES}
    windows = [t for t in TEMPLATES if t.labels["encoding"] == "gb18030" and t.labels["lineEnding"] == "crlf"]
    assert len(TEMPLATES) >= 40, f"{len(TEMPLATES)} templates"
    assert len(genres) >= 8, sorted(genres)
    assert len(windows) >= 5, [t.name for t in windows]


def test_the_scorer_counts_a_merge_of_two_questions_as_wrong():
    # 001's 会议议题 and 参加人员 given one field, as the issue found: one wrong merge, one of each blank found.
    template = next(t for t in TEMPLATES if t.name.startswith("001-"))
    blanks = [dict(b, field=f"f{i}") for i, b in enumerate(template.labels["blanks"])]
    topics = next(b for b in blanks if b["question"] == "topics")
    attendees = next(b for b in blanks if b["question"] == "attendees")
    attendees["field"] = topics["field"]
    listing = {"title": template.labels["title"], "blanks": blanks, "fields": [],
               "removedLines": [{"line": n} for n in template.labels["adverts"]]}
    score = realcorpus.score_template(template, listing)
    assert (score.matched, score.found, score.labelled) == (len(blanks), len(blanks), len(blanks))
    assert score.wrong_merges == 1 and score.kinds_right == len(blanks) and score.body_removed == 0
    assert score.adverts_removed == score.adverts and score.titles_right == 1
