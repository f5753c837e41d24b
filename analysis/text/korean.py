"""Korean in the text layer: sentences, words and content-word tokens of Korean text.

Three functions, registered for ``ko`` where every stage looks a language up
(:data:`analysis.text.segmentation.SEGMENTERS`, :data:`analysis.text.tokens.TOKENIZERS` and
:data:`analysis.text.tokens.COUNTERS`):

* :func:`split_korean_sentences`: sentence spans by rule, on the text as stored. The President's
  speeches lost their line breaks at the source, so sentences are often glued: "감사합니다.그동안"
  and "있습니다.2018년" are two sentences each, cut in the offsets (the text is never edited). A
  sentence ends at ``.``, ``?``, ``!`` (and their full-width forms) whether or not a space
  follows, with the run of terminators and closing quotes or brackets after it; a ``.`` inside a
  number (``3.1절``, ``1.5도``, ``이전보다1. 5도``), a list number heading a sentence (``1. 광주``), an
  initial or Latin abbreviation (``J. Robert``, ``Inc.``, ``Amazon.com``) ends nothing; where the
  source displaced a period behind the next number's first digit ("시작입니다1. 951년"), the
  sentence ends after ``니다``. These are the rules of the Korean gold sample
  (``tests/gold/ko/README.md``, rule 2), so the gold's sentences are this splitter's sentences.
  The morphological analyser's own splitter was not used: it cuts only 2 % of the boundaries
  glued before a digit, and it runs the whole analysis (about 15 s per 100 speeches on the
  project machine), which every statements table would then pay.
* :func:`count_korean_words`: words as a Korean reader counts them (어절: runs of letters and
  digits between spaces and punctuation; particles stay with their word). ``n_words`` and every
  rate per 1,000 words use it; it needs no analyser.
* :func:`tokenize_korean`: **content words** for keyness and vectors, from the morphological
  analyser Kiwi (``kiwipiepy``, imported the first time Korean is tokenized, so importing the
  package stays fast): common and proper nouns (``NNG``, ``NNP``), roots (``XR``), Latin-script
  words (``SL``: ``UN``, ``WHO``), and verb and adjective stems (``VV``, ``VA``) written in their
  dictionary form (stem + ``다``: ``만들다``). Spans come from the analyser's ``start`` and
  ``len`` on the original string (``text[start:end]`` is what was read, which for a contracted
  stem such as ``했`` is the contracted syllable), never from the forms. With ``morphemes=True``
  the same analysis gives **every morpheme** but punctuation and symbols: the content words as
  above, and the others written ``form/TAG`` (particles ``께/JKB``, endings ``습니다/EF``, the
  honorific ``시/EP``, the auxiliary ``주/VX``, adverbs ``깊이/MAG``), which carry much of what a
  sentence does (thanks, praise, a request) where the content words say what it is about.
"""

from __future__ import annotations

import functools
import re
import threading

__all__ = ["CONTENT_TAGS", "count_korean_words", "split_korean_sentences", "tokenize_korean"]

#: Kiwi part-of-speech tags kept as content words (irregular stems carry a suffix: ``VV-R``).
CONTENT_TAGS = ("NNG", "NNP", "XR", "SL", "VV", "VA")
_STEMS = ("VV", "VA")
#: Tag prefixes left out of ``morphemes=True``: punctuation, symbols, numbers and unknown signs.
_NOT_MORPHEMES = ("SF", "SP", "SS", "SE", "SO", "SW", "SB", "SN", "UN", "W_")

_TERMINATORS = ".?!。．？！"
_RUN_EXTRA = _TERMINATORS + "…"
_CLOSERS = "”’\"'」』)]>》〉"
_DOTS = "·・ㆍ"
_ABBREVIATIONS = frozenset({"inc", "co", "ltd", "corp", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "etc", "no"})
_DISPLACED = re.compile(r"니다(?=\d+\.(?!\d))")
_WORD = re.compile(r"[^\W_]+(?:[-‐'’·・][^\W_]+)*")

_KIWI = None
_LOCK = threading.Lock()


def split_korean_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of the sentences of Korean ``text[start:end]``.

    Parameters
    ----------
    text : str
        The document text, as stored.
    start, end : int, optional
        The span to segment (a paragraph); spans are in document coordinates.

    Returns
    -------
    list of tuple of int
        In order, without outer white space, covering every non-blank character of the span.

    Examples
    --------
    >>> doc = " 국민 여러분!감사합니다.그동안 3.1절을 기렸습니다.2018년에는 J. Kim 씨가 왔습니다"
    >>> [doc[a:b] for a, b in split_korean_sentences(doc)]
    ['국민 여러분!', '감사합니다.', '그동안 3.1절을 기렸습니다.', '2018년에는 J. Kim 씨가 왔습니다']
    """
    end = len(text) if end is None else end
    cuts: list[int] = []
    displaced = {m.end() for m in _DISPLACED.finditer(text, start, end)}
    sentence_start = position = start
    while position < end:
        if position in displaced and position > sentence_start:
            cuts.append(position)
            sentence_start = position
        char = text[position]
        if char in _TERMINATORS:
            stop = position + 1
            while stop < end and text[stop] in _RUN_EXTRA:
                stop += 1
            single_dot = char in ".．" and stop == position + 1
            if not single_dot or _is_boundary(text, position, sentence_start, end):
                while stop < end and text[stop] in _CLOSERS:
                    stop += 1
                cuts.append(stop)
                sentence_start = stop
            position = stop
            continue
        position += 1
    cuts.append(end)
    spans, left = [], start
    for cut in cuts:
        a, b = left, cut
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))
        left = cut
    return spans


def _is_boundary(text: str, position: int, sentence_start: int, end: int) -> bool:
    """Whether the single ``.`` at ``position`` ends a sentence."""
    before = text[position - 1] if position > 0 else ""
    after = text[position + 1] if position + 1 < end else ""
    if after == ",":
        return False
    if before.isdigit():
        rest = text[position + 1 : end].lstrip()
        if rest[:1].isdigit() or rest[:1] in _DOTS:
            return False  # 3.1절, 1.5도, a displaced space "1. 5도", "3. ·1운동"
        if after and not after.isspace():
            return False  # "1.톤": a number broken at the source
        return not text[sentence_start:position].strip().isdigit()  # "1. 광주": a list number
    if before.isascii() and before.isalpha():
        k = position
        while k > 0 and text[k - 1].isascii() and text[k - 1].isalpha():
            k -= 1
        word = text[k:position]
        if (len(word) == 1 and word.isupper()) or word.lower() in _ABBREVIATIONS:
            return False  # initials ("J. Robert", "D.C."), Inc., Mr.
        if after and ((after.isascii() and after.isalpha()) or after.isdigit() or after == ")"):
            return False  # Amazon.com, Inc.)
    return True


def count_korean_words(text: str) -> int:
    """The number of words (어절) of Korean ``text``: runs of letters and digits, particles included.

    Examples
    --------
    >>> count_korean_words("감사합니다.그동안 한·중 관계가 발전했습니다.")
    5
    """
    return len(_WORD.findall(text))


def tokenize_korean(text: str, *, morphemes: bool = False) -> list[tuple[str, int, int]]:
    """Content words of Korean ``text`` with their spans: nouns, roots, Latin words, verb and adjective stems.

    The analyser reads the text sentence by sentence (:func:`split_korean_sentences`), and the
    tokens of each sentence are kept in memory (a cache of the last 131,072 sentences): a speech,
    a window of its sentences and the sentences alone are analysed once between them, however
    many stages (keyness, vectors, themes) tokenize them.

    Parameters
    ----------
    text : str
    morphemes : bool, default False
        Also every other morpheme but punctuation, symbols and numbers, as ``form/TAG``
        (``습니다/EF``, ``께/JKB``): the features of :class:`analysis.frames.classifier.FrameClassifier`.

    Returns
    -------
    list of (str, int, int)
        ``(token, start, end)``; verb and adjective stems end in ``다`` (``만들다``); Latin
        words keep their case when written in capitals (``UN``), else are lower-cased.

    Examples
    --------
    >>> tokenize_korean("한반도 평화를 만들었습니다.")  # doctest: +SKIP
    [('한반도', 0, 3), ('평화', 4, 6), ('만들다', 8, 10)]
    >>> [t for t, _, _ in tokenize_korean("여러분께 감사드립니다.", morphemes=True)]  # doctest: +SKIP
    ['여러분/NP', '께/JKB', '감사', '드리다', 'ᆸ니다/EF']
    """
    out = []
    for start, end in split_korean_sentences(text):
        out.extend((form, start + a, start + b) for form, a, b in _sentence_tokens(text[start:end], morphemes))
    return out


@functools.lru_cache(maxsize=1 << 17)  # a pure function of the sentence; texts are re-read by several stages
def _sentence_tokens(sentence: str, morphemes: bool = False) -> tuple[tuple[str, int, int], ...]:
    out = []
    for token in _kiwi().tokenize(sentence):
        tag = token.tag.split("-")[0]
        if tag not in CONTENT_TAGS:
            if morphemes and not tag.startswith(_NOT_MORPHEMES):
                out.append((f"{token.form}/{tag}", token.start, token.start + token.len))
            continue
        form = token.form + "다" if tag in _STEMS else token.form
        if tag == "SL" and not (len(form) >= 2 and form.isupper()):
            form = form.lower()
        out.append((form, token.start, token.start + token.len))
    return tuple(out)


def _kiwi():
    """The analyser, built once on first use (about 2 s, and the model loads on the first call)."""
    global _KIWI
    with _LOCK:
        if _KIWI is None:
            from kiwipiepy import Kiwi  # lazy: only Korean text needs it

            _KIWI = Kiwi()
        return _KIWI
