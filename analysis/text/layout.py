"""How a document's lines are laid out, read as a reader reads them, without editing the text.

Texts come in two layouts. The MFA readouts and transcripts separate paragraphs by blank lines
and never break a line inside a paragraph (layout ``paragraphs``). The UN General Debate records
break lines (:func:`detect_layout`):

* ``wrapped``: hard-wrapped scans and transcripts (1992–2014, chn/usa-2024): a single line break
  is a space, never the end of a sentence or paragraph;
* ``lines``: one paragraph a line (1991 with ``\\r``, 2015–2023, most of 2024): a single line
  break is a paragraph break.

The layout is decided **per document by the distribution of its line lengths**, as the coder of
the UN gold did: a document with single line breaks whose median text line is shorter than
:data:`WRAPPED_MEDIAN` characters is ``wrapped``. :func:`find_reader_blocks` then gives the
paragraph blocks a reader sees, per line break:

* a page break (page furniture, a form feed) never ends a paragraph;
* a blank line (or ``\\r``) ends it unless the line is left open: it ends in a letter, digit,
  comma, semicolon, dash or bracket, or the next line starts in lower case (blank lines inside
  sentences in some scans and in the usa-2024 transcript);
* a salutation line ("Mr. President,") and a heading standing alone between blank lines end it;
* page furniture (:data:`FURNITURE`: running heads, job numbers, record symbols, markdown page
  heads, a bare page number next to a blank line) is outside every paragraph when it stands
  between them, and inside a paragraph's span when it falls inside (the text is never edited).

Words split across a line end ("Secretary-⏎General") or after a hyphen and a space before a
capital ("Anti- Fascist") are one word: :data:`BROKEN_HYPHEN` is the joint the one tokenizer
reads through, and :func:`make_reading_view` gives the frame matcher the text with those joints
closed, of the same length, with a map back to the stored offsets.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_left
from functools import lru_cache

import numpy as np

__all__ = [
    "BROKEN_HYPHEN",
    "FURNITURE",
    "WRAPPED_MEDIAN",
    "ReadingView",
    "detect_layout",
    "find_furniture",
    "find_furniture_starts",
    "find_reader_blocks",
    "make_reading_view",
    "skip_furniture",
]

#: Median text-line length (characters) under which a document with single line breaks is hard-wrapped.
WRAPPED_MEDIAN = 110

#: A hyphen that joins a word split across a line end (``-`` + line break), or after a space
#: before a capital ("Anti- Fascist"); not before "and", "or", "to", "nor" ("medium- and long-term").
BROKEN_HYPHEN = r"[-‐](?:[ \t]*[\r\n]+[ \t]*(?!(?:and|or|to|nor)\b)(?=\w)|[ \t]+(?=[A-Z]))"

#: Page furniture of the UN records, a whole line: running heads ("38 General Assembly -
#: Forty-eighth session"), job numbers ("06-53317 22", "15-29431 41/51"), record symbols
#: ("A/70/PV.16 29/09/2015"), markdown page heads and rules ("### Page 4:", "---").
FURNITURE = re.compile(
    r"\d+ General Assembly - [\w-]+ session|(?:\d+(?:/\d+)? )?\d\d-\d{5}(?: \d+(?:/\d+)?)?|"
    r"(?:\d\d/\d\d/\d{4} )?A/\d+/PV\.\d+(?: \d\d/\d\d/\d{4})?|#+ ?Page \d+[^\n]*|-{3,}|\*{3,}"
)
_PAGE_NUMBER = re.compile(r"\d{1,3}")
_PAGE_HEAD = re.compile(r"(?:\d+/\d+ \d\d-\d{5}|\d\d-\d{5} \d+/\d+) +")  # "48/58 16-29667 Any…" (2016-2017)
_SALUTATION = re.compile(r"(?:Mr\.?|Mme\.?|Madam|Excellenc|Your|Colleagues|Dear|Distinguished|Ladies|Honou?rable|Friends|Sir)\b")
_LINE_END = re.compile(r"[\r\n\x0c]")
_BLANK = " \t\u2003\u00a0\ufeff"
# What _strip and skip_furniture pass over: every character of str.isspace() (which `\s` matches) and _BLANK.
_STRIPPED = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_SKIP = re.compile(r"[\s\ufeff]*")
# (?<=\w) + BROKEN_HYPHEN, written hyphen first so that the engine skips from hyphen to hyphen.
_JOINT = re.compile(r"[-‐](?<=\w[-‐])" + BROKEN_HYPHEN.removeprefix("[-‐]"))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` without its leading and trailing white space and :data:`_BLANK` (``[\\s\\ufeff]``)."""
    start = _SKIP.match(text, start, end).end()
    return start, start + len(text[start:end].rstrip(_STRIPPED))


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line; ``\\r``, ``\\n`` and ``\\x0c`` each end one."""
    pieces = _LINE_END.split(text)  # the lines, without a regex match per line
    lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
    starts = np.cumsum(lengths + 1) - (lengths + 1)  # each line ends with one character
    return list(zip(starts.tolist(), (starts + lengths).tolist()))


@lru_cache(maxsize=256)  # a chunk's documents are classified when loaded and again when attributed (chunks of 64)
def _classify(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[str, ...], tuple[tuple[int, int], ...]]:
    """Every line, its kind (``blank``, ``furniture`` or ``text``) and its span without white space (:func:`_strip`)."""
    lines = _lines(text)
    kinds, spans = [], []
    for start, end in lines:
        start, end = _strip(text, start, end)
        spans.append((start, end))
        kinds.append("blank" if start == end else "furniture" if FURNITURE.fullmatch(text, start, end)
                     else "page?" if _PAGE_NUMBER.fullmatch(text, start, end) else "text")
    for i, kind in enumerate(kinds):  # a bare number is a page number only next to a blank line
        if kind == "page?":
            kinds[i] = "furniture" if any(_reaches_blank(kinds, i, step) for step in (-1, 1)) else "text"
    return tuple(lines), tuple(kinds), tuple(spans)


def _reaches_blank(kinds: list[str], i: int, step: int) -> bool:
    j = i + step
    while 0 <= j < len(kinds) and kinds[j] in ("page?", "furniture"):
        j += step
    return 0 <= j < len(kinds) and kinds[j] == "blank"


@lru_cache(maxsize=64)
def detect_layout(text: str) -> str:
    """The layout of a document: ``paragraphs``, ``wrapped`` or ``lines`` (see the module docstring).

    Examples
    --------
    >>> detect_layout("One paragraph.\\n\\nAnother one.")
    'paragraphs'
    >>> detect_layout("A line wrapped\\ninside its paragraph.")
    'wrapped'
    >>> detect_layout("A" * 120 + ".\\n" + "B" * 130 + ".")
    'lines'
    """
    if "\r" not in text and "\x0c" not in text and not re.search(r"\S[ \t]*\n[ \t]*\S", text):
        return "paragraphs"
    lines, kinds, _ = _classify(text)
    lengths = [len(text[s:e].strip()) for (s, e), k in zip(lines, kinds) if k == "text"]
    return "wrapped" if lengths and statistics.median(lengths) < WRAPPED_MEDIAN else "lines"


def find_furniture(text: str) -> list[tuple[int, int]]:
    """Spans of the page furniture of ``text`` (whole lines, and page heads opening a line), sorted.

    Examples
    --------
    >>> text = "The world\\n\\n14\\n\\nis wide.\\n06-53317 22\\n48/58 16-29667 And more."
    >>> [text[a:b] for a, b in find_furniture(text)]
    ['14', '06-53317 22', '48/58 16-29667 ']
    """
    return list(_furniture(text))


def find_furniture_starts(text: str, start: int = 0, end: int | None = None) -> dict[int, int]:
    """The page furniture of ``text`` starting in ``[start, end)``, as a mapping start -> end (for :func:`skip_furniture`).

    ``dict(find_furniture(text))`` restricted to ``[start, end)``, without copying the document's
    spans (found once per document) for each paragraph.

    Examples
    --------
    >>> text = "The world\\n\\n14\\n\\nis wide.\\n06-53317 22\\nEnd."
    >>> find_furniture_starts(text), find_furniture_starts(text, 15)
    ({11: 13, 24: 35}, {24: 35})
    """
    every = _furniture(text)  # sorted
    end = len(text) if end is None else end
    return dict(every[bisect_left(every, (start,)) : bisect_left(every, (end,))])


@lru_cache(maxsize=256)  # asked per paragraph, when loaded and when attributed: found once per document of a chunk
def _furniture(text: str) -> tuple[tuple[int, int], ...]:
    if detect_layout(text) == "paragraphs":
        return ()
    _, kinds, stripped = _classify(text)
    spans = []
    for (start, end), kind in zip(stripped, kinds):
        if kind == "furniture":
            spans.append((start, end))
        elif kind == "text" and (head := _PAGE_HEAD.match(text, start, end)):
            spans.append((head.start(), head.end()))
    return tuple(sorted(spans))


def skip_furniture(text: str, position: int, end: int, furniture: list[tuple[int, int]] | dict[int, int]) -> int:
    """The first position at or after ``position`` that is neither white space nor furniture.

    ``furniture``: spans ``(start, end)``, or a mapping start -> end of them (built once by a caller
    that asks many times).
    """
    starts = furniture if isinstance(furniture, dict) else dict(furniture)
    while True:
        position = _SKIP.match(text, position, end).end() if position < end else position
        if position in starts and starts[position] > position:
            position = starts[position]
            continue
        return position


def find_reader_blocks(text: str) -> list[tuple[int, int]]:
    """The paragraph blocks of ``text`` as a reader sees them (the rules of the module docstring).

    Examples
    --------
    >>> text = "Mr. President,\\nWe are here\\nto work.\\n\\nThe end is\\n\\nnear."
    >>> [text[a:b] for a, b in find_reader_blocks(text)]
    ['Mr. President,', 'We are here\\nto work.', 'The end is\\n\\nnear.']
    """
    layout = detect_layout(text)
    lines, kinds, spans = _classify(text)
    furniture = dict(_furniture(text))  # start -> end, built once for every skip_furniture
    index = [i for i, kind in enumerate(kinds) if kind == "text"]
    blocks, block_start = [], None
    for n, i in enumerate(index):
        start, end = spans[i]
        if block_start is None:
            block_start = start
        if n + 1 == len(index) or _ends_paragraph(text, (lines, kinds, spans), index, n, block_start, layout, furniture):
            blocks.append((block_start, end))
            block_start = None
    return blocks


def _ends_paragraph(text, classified, index, n, block_start, layout, furniture) -> bool:
    """Whether the line break after text line ``index[n]`` ends the paragraph (``classified``: :func:`_classify`)."""
    lines, kinds, spans = classified
    i, j = index[n], index[n + 1]
    start, end = spans[i]
    gap = kinds[i + 1 : j]
    separator = text[lines[i][1] : lines[j][0]]
    after = spans[j][0]  # = skip_furniture's first stop from lines[j][0]; furniture may start there
    following = text[after if furniture.get(after, after) <= after else skip_furniture(text, after, lines[j][1], furniture)]
    open_line = text[end - 1].isalnum() or text[end - 1] in ",;-–—(" or following.islower()
    heading = block_start == start and end - start < 80 and "blank" in gap and "blank" in (kinds[index[n - 1] + 1 : i] if n else ("blank",))
    salutation = end - start < 80 and _SALUTATION.match(text, start) and text[end - 1] == ","
    if (heading or salutation) and not following.islower():
        return True
    if "furniture" in gap or "\x0c" in separator or _PAGE_HEAD.match(text, lines[j][0], lines[j][1]):
        return False
    if "blank" in gap or "\r" in separator:
        return not open_line
    return layout == "lines" and not open_line


class ReadingView:
    """A text with its broken words joined, of the same length, and the map back to the text.

    ``view`` has every :data:`BROKEN_HYPHEN` joint closed ("Secretary-⏎General" reads
    "Secretary-General⏎"): the white space of a joint moves to the end of the joined word, so
    every other character keeps its offset. :meth:`to_text` maps a view offset back.
    """

    def __init__(self, text: str):
        self.text = self.view = text
        self._shifts: list[tuple[int, int, int]] = []
        if "-" not in text and "‐" not in text:
            return
        pieces, position, shifts = [], 0, []
        for joint in _JOINT.finditer(text):
            if joint.start() < position:
                continue
            word_end = re.compile(r"[\w'’]+").match(text, joint.end()).end()
            gap = joint.end() - joint.start() - 1
            pieces += [text[position : joint.start() + 1], text[joint.end() : word_end], text[joint.start() + 1 : joint.end()]]
            shifts.append((joint.start() + 1, word_end - gap, gap))  # view [a, b) -> text + gap
            position = word_end
        pieces.append(text[position:])
        self.view = "".join(pieces)
        self._shifts = shifts

    @property
    def changed(self) -> bool:
        return bool(self._shifts)

    def to_text(self, offset: int) -> int:
        """The stored-text offset of view offset ``offset`` (an end inside moved white space maps to the word end)."""
        for start, end, gap in self._shifts:
            if start <= offset <= end:
                return offset + gap if offset > start else offset
            if end < offset < end + gap:
                return end + gap
        return offset


def make_reading_view(text: str) -> ReadingView:
    """The :class:`ReadingView` of ``text``.

    Examples
    --------
    >>> view = make_reading_view("the Secretary-\\nGeneral said")
    >>> view.view
    'the Secretary-General\\n said'
    >>> start = view.view.index("Secretary-General")
    >>> view.to_text(start), view.to_text(start + len("Secretary-General"))
    (4, 22)
    """
    return ReadingView(text)

