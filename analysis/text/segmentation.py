"""Paragraph and sentence segmentation with character spans.

Diplomatic texts are segmented by rules, not by a trained model, so the result
is deterministic and every sentence keeps its exact character span in the
document: ``text[start:end]`` is the sentence, word for word.

Paragraphs are separated by one or more blank lines. Sentences end at ``.``,
``!`` or ``?`` (with any closing quotes or brackets) followed by white space
and an opening character (a capital letter, a digit, a quote or a bracket),
except after courtesy titles, month names, single initials and dotted
acronyms (``Mr.``, ``Jan.``, ``J.``, ``U.S.``). A list marker ("1.", "iv.") belongs
to the sentence it opens, a bullet ("°", "º", "◦", "*") starts a sentence, and a full
stop inside an open bracket ends nothing (``_continues_list_item_or_brackets``).

Texts with line breaks inside paragraphs (the UN General Debate records) are read as a reader
reads them (:mod:`analysis.text.layout` decides per document): hard line wraps inside a paragraph
end neither a sentence nor a paragraph, page furniture between sentences is outside every span,
a byte-order mark is not part of the first sentence, a numbered heading's ``1.`` ends nothing,
and two sentences glued without a space ("Assembly.China") are two. Texts whose paragraphs are
separated by blank lines only (the MFA texts) are segmented exactly as before.

Languages: :data:`SEGMENTERS` maps a language code to its sentence splitter (the English rules
above for ``en``; :func:`analysis.text.korean.split_korean_sentences` for ``ko``); add one with
:func:`register_segmenter` and :func:`iter_sentence_spans` follows.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterator

from .korean import split_korean_sentences
from .layout import detect_layout, find_furniture_starts, find_reader_blocks, skip_furniture

__all__ = ["SEGMENTERS", "iter_sentence_spans", "register_segmenter", "split_paragraphs", "split_reader_sentences", "split_sentences"]

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")

_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof st no nos vs etc jan feb mar apr jun jul aug sep sept oct
    nov dec gen lt col sgt capt cmdr adm gov sen rep amb hon rev jr sr inc ltd
    co corp dept est fig vol art para pp approx mt ft
    """.split()
)
# Dotted acronyms of places, of which no following name is part.
_PLACE_ACRONYMS = frozenset(("D.C",))
# Words that, after a dotted acronym such as "U.S.", show that a new sentence starts.
_SENTENCE_STARTERS = frozenset(
    """
    The This That These Those We I It He She They But And In On At As China
    Our There What How Why When If So However Meanwhile Also
    """.split()
)
_CANDIDATE = re.compile(r"[.!?][.!?]*[\"'”’)\]]*(?=\s+[\"'“‘(\[A-Z0-9°º◦•*])")  # ([.!?]+: one class first, searched faster)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the paragraphs of ``text``.

    Parameters
    ----------
    text : str
        A document body; paragraphs are separated by blank lines.

    Returns
    -------
    list of tuple of int
        Spans without leading or trailing white space; empty paragraphs are
        not returned (they hold no words).

    Examples
    --------
    >>> split_paragraphs("First one.\\n\\nSecond one.")
    [(0, 10), (12, 23)]
    """
    return list(_paragraphs(text))


@lru_cache(maxsize=256)  # a chunk's documents are split when loaded (``n_paragraphs``) and again when attributed
def _paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    if detect_layout(text) != "paragraphs":
        return tuple(find_reader_blocks(text))
    spans = []
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append(_strip_span(text, position, match.start()))
        position = match.end()
    spans.append(_strip_span(text, position, len(text)))
    return tuple((start, end) for start, end in spans if end > start)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the sentences in ``text[start:end]``.

    Parameters
    ----------
    text : str
        The document body.
    start, end : int, optional
        The span to segment, usually one paragraph from :func:`split_paragraphs`.

    Returns
    -------
    list of tuple of int
        Sentence spans in document coordinates, in order, covering every
        non-blank character of the span.

    Examples
    --------
    >>> doc = "Mr. Wang said so. The U.S. side agreed."
    >>> [doc[a:b] for a, b in split_sentences(doc)]
    ['Mr. Wang said so.', 'The U.S. side agreed.']
    """
    end = len(text) if end is None else end
    if detect_layout(text) != "paragraphs":
        return split_reader_sentences(text, start, end)
    spans = []
    sentence_start = start
    for match in _CANDIDATE.finditer(text, start, end):
        if _is_boundary(text, match, end) and not _continues_list_item_or_brackets(text, sentence_start, match):
            spans.append(_strip_span(text, sentence_start, match.end()))
            sentence_start = match.end()
    spans.append(_strip_span(text, sentence_start, end))
    return [(a, b) for a, b in spans if b > a]


def _is_boundary(text: str, match: re.Match, end: int) -> bool:
    if match.group(0)[0] != ".":
        return True
    word = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
    if word is None:
        return True
    token = word.group(1)
    next_word = _next_word(text, match.end(), end)
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token):  # dotted acronym: U.S., U.K., e.g
        # a place ("Washington, D.C.") ends a sentence before any capital: "... D.C. Deputy Secretary X ..."
        return next_word in _SENTENCE_STARTERS or (token in _PLACE_ACRONYMS and next_word[:1].isupper())
    if len(token) == 1 and token.isupper():  # an initial: "Donald J. Trump"
        return False
    return token.lower() not in _ABBREVIATIONS


_LIST_MARKER = re.compile(r"\s*(?:[°º◦•*\-–]\s*)?(?:\d{1,2}|[ivxIVX]{1,4}|[a-zA-Z])\.")


def _continues_list_item_or_brackets(text: str, sentence_start: int, match: re.Match) -> bool:
    """Whether a candidate end does not end a sentence: it closes a list marker, or falls inside brackets.

    A list marker ("1.", "iv.", "a.") belongs to the sentence it introduces ("1. Both sides agreed.");
    bullets ("°", "◦", "*", "-") are never candidate ends and stay with their sentence anyway. A full stop
    inside an opening bracket of the same sentence ("(local time. 0:00 p.m. ...)") ends nothing.
    """
    if _LIST_MARKER.fullmatch(text, sentence_start, match.start() + 1):
        return True
    before = text[sentence_start : match.end()]
    return before.count("(") > before.count(")")


def _next_word(text: str, position: int, end: int) -> str:
    match = re.compile(r"\s+[\"'“‘(\[]*([A-Za-z]+)").match(text, position, end)
    return match.group(1) if match else ""


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] == "\ufeff"):  # a byte-order mark is no word
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def iter_sentence_spans(text: str, language: str = "en") -> Iterator[tuple[int, tuple[int, int]]]:
    """Yield ``(paragraph_number, (start, end))`` for every sentence of ``text``.

    Parameters
    ----------
    text : str
    language : str, default "en"
        A key of :data:`SEGMENTERS`; a ValueError naming the supported ones otherwise.

    Examples
    --------
    >>> list(iter_sentence_spans("감사합니다.그동안 고마웠습니다.", language="ko"))
    [(1, (0, 6)), (1, (6, 17))]
    """
    try:
        split = SEGMENTERS[language]
    except KeyError:
        raise ValueError(
            f"no sentence segmenter for language `{language}`; supported: {', '.join(sorted(SEGMENTERS))} "
            "(add one with analysis.text.segmentation.register_segmenter)"
        ) from None
    for number, (p_start, p_end) in enumerate(split_paragraphs(text), start=1):
        for span in split(text, p_start, p_end):
            yield number, span


# -- texts with line breaks inside paragraphs (analysis.text.layout) ------------------------------

_READER_ABBREVIATIONS = _ABBREVIATIONS | frozenset("messrs cf viz p paras arts ed op cit mme".split())
# Sentence marks followed by white space (or the end), or a full stop glued to a capitalised word
# after a word of two letters: ``[.!?]+[\"'”’)\]»]*(?=\s|$)|(?<=[a-z]{2})\.(?=[A-Z][a-z])``, written to
# start with one character class, so that the engine skips to the next mark instead of trying every position.
_READER_CANDIDATE = re.compile(r"[.!?](?:[.!?]*[\"'”’)\]»]*(?=\s|$)|(?<=[a-z]{2}\.)(?=[A-Z][a-z]))")
_READER_STARTERS = _SENTENCE_STARTERS | frozenset({"She", "They", "These", "Those"})


def split_reader_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` in a text with line breaks inside paragraphs.

    As :func:`split_sentences`, and: page furniture (:func:`analysis.text.layout.find_furniture`)
    between sentences is left out of every span, a break before a lower-case word ends nothing,
    a ``.`` after no word of two letters ("1. Introduction") ends nothing, two sentences glued
    without a space ("Assembly.China") are split, and spans without a letter or digit are dropped.

    Examples
    --------
    >>> doc = "\\ufeffMr. President,\\nWe thank the U.N. It is\\nhere.\\n14\\n\\n1. The end.Next one."
    >>> [doc[a:b] for a, b in split_reader_sentences(doc)]
    ['Mr. President,\\nWe thank the U.N.', 'It is\\nhere.', '1. The end.', 'Next one.']
    """
    end = len(text) if end is None else end
    furniture = find_furniture_starts(text, start, end)
    spans = []
    sentence_start = skip_furniture(text, start, end, furniture)
    for match in _READER_CANDIDATE.finditer(text, start, end):
        if match.start() < sentence_start:
            continue
        glued = match.end() < end and not text[match.end()].isspace()
        following = match.end() if glued else skip_furniture(text, match.end(), end, furniture)
        if _is_reader_boundary(text, sentence_start, match, following, end):
            spans.append(_strip_span(text, sentence_start, match.end()))
            sentence_start = following
    spans.append(_strip_span(text, sentence_start, end))
    return [(a, b) for a, b in spans if b > a and _LETTER_OR_DIGIT.search(text, a, b)]


_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_WORD_AFTER = re.compile(r"[\"'“‘(\[]*([A-Za-z]+)")
_INITIAL = re.compile(r"[A-Za-z]")
_TWO_LETTERS = re.compile(r"[^\W\d_]{2}")


def _is_reader_boundary(text: str, start: int, match: re.Match, following: int, end: int) -> bool:
    if not _TWO_LETTERS.search(text, start, match.start()):
        return False  # "1." of a numbered heading
    if following < end and text[following].islower():
        return False
    if match.group(0)[0] != ".":
        return True
    token = _last_word(text, start, match.start()).lstrip("(\"'“‘[")  # "1990s", "2°C" are no initials
    if _DOTTED_ACRONYM.fullmatch(token):  # U.S., U.N.: ends before "It", "We"...
        word_after = _WORD_AFTER.match(text, following, end)
        return word_after is not None and word_after.group(1) in _READER_STARTERS
    if _INITIAL.fullmatch(token):  # an initial
        return False
    return token.lower() not in _READER_ABBREVIATIONS


def _last_word(text: str, start: int, end: int) -> str:
    """``re.split(r"\\s", text[start:end])[-1]`` without splitting the whole span: what follows its last white space."""
    if end <= start or text[end - 1].isspace():
        return ""
    return text[start:end].rsplit(None, 1)[-1]  # str.split's white space is str.isspace()


#: Language code -> sentence splitter ``(text, start, end) -> [(start, end), ...]`` in document offsets.
SEGMENTERS: dict[str, Callable[[str, int, int], list[tuple[int, int]]]] = {"en": split_sentences, "ko": split_korean_sentences}


def register_segmenter(language: str, segmenter: Callable[[str, int, int], list[tuple[int, int]]]) -> None:
    """Make ``segmenter`` the sentence splitter of ``language`` for :func:`iter_sentence_spans`.

    Examples
    --------
    >>> register_segmenter("xx", lambda text, start, end: [(start, end)])
    >>> list(iter_sentence_spans("A. B.", language="xx"))
    [(1, (0, 5))]
    >>> del SEGMENTERS["xx"]
    """
    SEGMENTERS[language] = segmenter
