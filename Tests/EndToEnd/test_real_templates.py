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


# The floors of issue 17: tiankong on every real template, against the labels.

@pytest.fixture(scope="module")
def corpus_total(tiankong):
    return realcorpus.score_corpus(tiankong, TEMPLATES)["合计"]


def misses(total, *words):
    found = [m for m in total.misses if any(w in m for w in words)]
    return "\n".join(found[:40]) + (f"\n… {len(found) - 40} more" if len(found) > 40 else "")


def test_every_blank_a_person_sees_is_found(corpus_total):
    assert corpus_total.recall == realcorpus.FLOORS["recall"], misses(corpus_total, "not found", "exited")


def test_nothing_that_is_not_a_blank_is_asked_for(corpus_total):
    # X光, pinyin (訓(xùn)), LX学校, a ```text fence, an ID number's digits: no question for any of them.
    assert corpus_total.precision == realcorpus.FLOORS["precision"], misses(corpus_total, "where no blank is labelled")


def test_each_blank_asks_for_the_kind_of_answer_it_needs(corpus_total):
    assert corpus_total.kinds >= realcorpus.FLOORS["kinds"], misses(corpus_total, "kind of")


def test_no_answer_is_printed_into_a_blank_that_means_something_else(corpus_total):
    # 会议议题 and 参加人员, the three items （一）（二）（三）, eleven office holders: never one field.
    assert corpus_total.wrong_merges == realcorpus.FLOORS["wrong_merges"], misses(corpus_total, "wrong merge")


def test_resellers_adverts_are_removed(corpus_total):
    assert corpus_total.advert_rate >= realcorpus.FLOORS["adverts"], misses(corpus_total, "advert kept")


def test_no_line_of_the_report_is_removed(corpus_total):
    # A wrapped title, a line with a watermark fused into it, the template's own headings all stay.
    assert corpus_total.body_removed == realcorpus.FLOORS["body_removed"], misses(corpus_total, "body line removed")
