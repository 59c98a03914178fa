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


def test_a_person_reading_the_labels_finds_the_blanks_where_they_say():
    # The validator itself: a label pointing at the wrong line, or at part of a longer run, is caught.
    template = next(t for t in TEMPLATES if t.name.startswith("001-"))
    broken = realcorpus.Template(template.path, dict(template.labels, blanks=[
        {"line": 3, "marker": "×", "kind": "text", "unit": None, "question": "q"},          # 各有关单位: has no ×
        {"line": 2, "marker": "×××", "kind": "text", "unit": None, "question": "r"},        # part of a run of 15
    ], either=[], adverts=[], title=None))
    problems = realcorpus.validate(broken)
    assert any("line 3: marker '×' not found" in p for p in problems)
    assert any("line 2: marker '×××' not found" in p for p in problems)
