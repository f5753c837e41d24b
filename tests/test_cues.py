"""The cue lexicon's patterns (analysis.statements.cues)."""

from __future__ import annotations

import re

from analysis.statements.cues import alternation, load_cues


def test_unregistered_titles_find_what_the_word_start_test_before_the_titles_finds():
    """Titles grouped by first character, the word-start test after it: the matches of the flat alternation."""
    cues = load_cues()
    name = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}"
    before = re.compile(rf"(?<![\w-])(?:{alternation(cues.person_titles)})\s+{name}")
    assert before.pattern != cues.unregistered.pattern
    text = ("Prime Minister Justin Trudeau said so. Vice-President Smith, ex-President Jones and President\nHu Jintao met "
            "Foreign Minister Wang Yi; the Secretary-General Ban Ki-moon, Ambassador X and Minister Lee Jae Won Kim Park spoke. "
            "Presidents Ford, President ford, PresidentBush, Secretary of State Rubio.")
    found = [m.span() for m in cues.unregistered.finditer(text)]
    assert found == [m.span() for m in before.finditer(text)] and len(found) >= 6
