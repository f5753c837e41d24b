import re

from analysis.text.segmentation import iter_sentence_spans, split_paragraphs, split_sentences


def _sentences(text):
    return [text[a:b] for a, b in split_sentences(text)]


def test_paragraphs_are_split_on_blank_lines_including_no_break_spaces():
    text = "One.\n\nTwo.\n \u00a0\nThree.\n\n\n\nFour."
    assert [text[a:b] for a, b in split_paragraphs(text)] == ["One.", "Two.", "Three.", "Four."]


def test_blank_paragraphs_are_not_returned_and_spans_are_stripped():
    text = "\n\n  First line\ncontinues here.  \n\n\n"
    spans = split_paragraphs(text)
    assert [text[a:b] for a, b in spans] == ["First line\ncontinues here."]


def test_sentences_end_at_terminal_punctuation_before_a_capital():
    assert _sentences("He said so. She agreed! Did they? Yes.") == ["He said so.", "She agreed!", "Did they?", "Yes."]


def test_courtesy_titles_initials_and_numbers_do_not_end_sentences():
    text = "Mr. Wang met Donald J. Trump on Jan. 3 at No. 10 Downing Street. Growth was 3.5 percent."
    assert _sentences(text) == ["Mr. Wang met Donald J. Trump on Jan. 3 at No. 10 Downing Street.", "Growth was 3.5 percent."]


def test_dotted_acronyms_end_a_sentence_only_before_a_sentence_starter():
    assert _sentences("The U.S. side agreed. The U.S. The talks went on.") == [
        "The U.S. side agreed.",
        "The U.S.",
        "The talks went on.",
    ]


def test_closing_quotes_stay_with_their_sentence():
    text = 'President Moon said, "We will work together." He added more.'
    assert _sentences(text) == ['President Moon said, "We will work together."', "He added more."]


def test_spans_are_document_coordinates_and_cover_every_word():
    text = "Intro words here.\n\nQ: What is your comment? Anything else?\n\nA: We noted it. Thank you."
    seen = []
    for paragraph, (a, b) in iter_sentence_spans(text):
        assert text[a:b] == text[a:b].strip()
        seen.append((paragraph, text[a:b]))
    assert [p for p, _ in seen] == [1, 2, 2, 3, 3]
    covered = "".join(s for _, s in seen)
    assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", text)


def test_list_markers_stay_with_the_sentence_they_open_and_brackets_hold_their_full_stops():
    text = "1. Both sides agreed. ° The Minister said so.\n\n2. On July 13 (local time. 0:00 p.m. in Japan) they met. (From the Japanese side Mr. Abe.) Done."
    assert [text[a:b] for _, (a, b) in iter_sentence_spans(text)] == [
        "1. Both sides agreed.",
        "° The Minister said so.",
        "2. On July 13 (local time. 0:00 p.m. in Japan) they met.",
        "(From the Japanese side Mr. Abe.)",
        "Done.",
    ]
