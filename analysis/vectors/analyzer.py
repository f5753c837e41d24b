"""The terms of a statement for :class:`analysis.vectors.StatementVectorizer`: its analyzer, counted per text or per chunk.

Apart from the vectorizer (and from scikit-learn), so that the processes of the chunked path
(:mod:`analysis.scale`), which receive the analyzer with each chunk, do not import scikit-learn.
"""

from __future__ import annotations

import functools
import re
from itertools import repeat

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..text.tokens import TOKENIZERS, is_term, normalize_token, scan_english, tokenize_spans
from .counting import count_marks

__all__ = ["TermAnalyzer"]


class TermAnalyzer:
    """Terms of the one tokenizer (:func:`analysis.text.tokens.tokenize`: lower case except words
    in capitals such as "US"), stop words out, n-grams of adjacent words only.

    An n-gram never spans a stop word or punctuation: "President Xi said the Korean
    Peninsula ..." gives "xi", "korean", "peninsula", "korean peninsula", not "xi korean".
    (A class, not a closure, so fitted vectorizers pickle and clone.) Made by
    :meth:`analysis.vectors.StatementVectorizer.build_analyzer`.

    Parameters
    ----------
    stop_words : frozenset of str
    ngram_range : (int, int)
    language : str, default "en"

    Examples
    --------
    >>> analyzer = TermAnalyzer(frozenset({"said", "the"}), (1, 2))
    >>> analyzer("President Xi said the Korean Peninsula")
    ['president', 'xi', 'korean', 'peninsula', 'president xi', 'korean peninsula']
    >>> counts, terms = analyzer.count_terms(["Korean Peninsula", "the Peninsula"])
    >>> terms.tolist(), counts.toarray().tolist()
    (['korean', 'korean peninsula', 'peninsula'], [[1, 1, 1], [0, 0, 1]])
    """

    def __init__(self, stop_words: frozenset, ngram_range: tuple[int, int], language: str = "en"):
        self.stop_words = stop_words
        self.ngram_range = ngram_range
        self.language = language

    def __getstate__(self):
        return {k: v for k, v in self.__dict__.items() if k != "_known"}  # the cache stays in its process

    def __call__(self, text: str) -> list[str]:
        language = getattr(self, "language", "en")
        marks = self._marks_english(text) if language == "en" and TOKENIZERS.get("en") is _ENGLISH else self._marks(text, language)
        low, high = self.ngram_range
        grams: list[str] = [m for m in marks if m] if low == 1 else []
        for n in range(max(low, 2), high + 1):
            windows = zip(*(marks[i:] for i in range(n)))
            grams.extend(" ".join(window) for window in windows if all(window))
        return grams

    def count_terms(self, texts: list[str]) -> tuple[sp.csr_matrix, np.ndarray]:
        """The texts x terms count matrix (int32) and the terms (sorted): ``CountVectorizer(analyzer=self)``'s.

        The texts are read into marks (word ids, ``-1`` for a stop word or a break) and counted by
        :func:`analysis.vectors.counting.count_marks`: the same matrix as the analyzer's terms
        counted one by one, without a Python loop over the terms. English (the built-in tokenizer):
        one scan per text, and each distinct written token of the texts classified once.
        """
        language = getattr(self, "language", "en")
        if language == "en" and TOKENIZERS.get("en") is _ENGLISH:
            raws: list = []
            for text in texts:
                raws.extend(scan_english(text, _BREAK_IN_SCAN))
                raws.append(None)  # the end of a text
        else:
            raws = [("" if mark is None else mark) for text in texts for mark in self._marks(text, language) + [False]]
            raws = [None if raw is False else raw for raw in raws]  # "": a stop word or a break; None: an end of a text
        codes, distinct = pd.factorize(np.asarray(raws, dtype=object))  # None (an end of a text): -1
        words = [self._word(raw, language) for raw in distinct.tolist()]
        ids = {word: None for word in words if word}  # the words, each once
        ids = dict(zip(ids, range(len(ids))))
        marks = np.asarray([ids[w] if w else -1 if w is None else -2 for w in words] + [_TEXT_END], dtype=np.int64)[codes]
        ends = marks == _TEXT_END
        rows = np.cumsum(ends) - ends
        kept = marks >= -1  # no "no term" (its neighbours make n-grams), no ends of texts
        return count_marks(marks[kept], np.bincount(rows[kept], minlength=len(texts)), list(ids), self.ngram_range)

    def _word(self, raw, language: str):
        """The word a written token is, None for a stop word or a break (""), False for no term.

        English: from the process's cache of written tokens. Other languages: ``raw`` is a mark of :meth:`_marks`.
        """
        if language != "en" or TOKENIZERS.get("en") is not _ENGLISH:
            return raw or None
        known = self.__dict__.get("_known")
        if known is None or len(known) > _KNOWN_MAX:
            known = self.__dict__["_known"] = {"": None}  # "": a break
        mark = known.get(raw, _UNSEEN)
        if mark is _UNSEEN:
            token = normalize_token(raw)
            mark = known[raw] = (None if token in self.stop_words else token) if is_term(token) else False
        return mark

    def _marks(self, text: str, language: str) -> list[str | None]:
        """Terms, and None where a stop word or a break (punctuation) stands; any tokenizer."""
        stop = self.stop_words
        marks: list[str | None] = []
        previous = 0
        for token, start, end in tokenize_spans(text, language):
            if start > previous and not text[previous:start].isspace() and _BREAK.search(text, previous, start):
                marks.append(None)  # (white space alone, or nothing, between two tokens is never a break)
            previous = end
            if _is_term(token):
                marks.append(None if token in stop else token)
        return marks

    def _marks_english(self, text: str) -> list[str | None]:
        """As :meth:`_marks`, for the built-in English tokenizer: one regular-expression pass, and each
        distinct written token classified once per process (a term, None for a stop word, False for no term).

        Consecutive Nones (several breaks between two tokens, a break at either end) give the
        same n-grams as one.
        """
        known = self.__dict__.get("_known")
        if known is None or len(known) > _KNOWN_MAX:
            known = self.__dict__["_known"] = {"": None}  # "": a break
        raws = scan_english(text, _BREAK_IN_SCAN)
        marks = list(map(known.get, raws, repeat(_UNSEEN)))
        if _UNSEEN in marks:
            for i, mark in enumerate(marks):
                if mark is _UNSEEN:
                    token = normalize_token(raws[i])
                    marks[i] = known[raws[i]] = (None if token in self.stop_words else token) if is_term(token) else False
        return [m for m in marks if m is not False] if False in marks else marks


_is_term = functools.lru_cache(maxsize=1 << 17)(is_term)  # a pure function of the token; tokens repeat

# What ends a phrase: sentence marks, brackets, quotes, slashes, dashes (" - ", "--", "–").
_BREAK = re.compile(r"""[.,;:!?()\[\]{}"“”/–—]+|\s-+\s|['‘’](?:\s|$)|(?:^|\s)['‘’]""")
# The same breaks for scan_english (the whole text, not the gap between two tokens: a quote at the
# gap's end is one before the next token).
_BREAK_IN_SCAN = r"""[.,;:!?()\[\]{}"“”/–—]+|\s-+\s|['‘’](?:\s|$|(?=\w))|(?:^|\s)['‘’]"""
_ENGLISH = TOKENIZERS["en"]
_UNSEEN = object()
_TEXT_END = -3  # the end of a text, among the marks of many texts
_KNOWN_MAX = 1 << 18  # distinct raw tokens remembered per analyzer (a process's cache, emptied when full)
