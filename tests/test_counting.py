"""count_marks (analysis.vectors.counting) and the analyzer's count_terms: CountVectorizer's matrix, exactly."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer

from analysis.text.tokens import TOKENIZERS, register_tokenizer
from analysis.vectors import StatementVectorizer
from analysis.vectors.counting import count_marks

TEXTS = [
    "Peace on the Korean Peninsula needs dialogue.",
    "",
    "'Dialogue' - and trade, trade: the U.S. and the US, China's 5G in 2020 and a COVID-19 plan.",
    "The Secretary-\nGeneral said the Anti- Fascist war -- long ago -- ended; peace (lasting peace) matters",
    "What is your comment?",
    "trade trade trade peace trade a b c peace trade 1999 peace",
    "“Quoted words” and ‘single quotes’, don't they?'",
]


def _expected(analyzer, texts):
    counter = CountVectorizer(analyzer=analyzer, dtype=np.int32)
    return counter.fit_transform(texts).tocsr(), counter.get_feature_names_out()


def _assert_same(found, expected):
    (counts, terms), (matrix, names) = found, expected
    assert terms.tolist() == names.tolist() and terms.dtype == object
    assert counts.shape == matrix.shape and counts.has_sorted_indices == matrix.has_sorted_indices
    for name in ("data", "indices", "indptr"):  # values, and the column order within each row
        assert getattr(counts, name).tolist() == getattr(matrix, name).tolist(), name
        assert getattr(counts, name).dtype == getattr(matrix, name).dtype, name


@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2), (2, 2), (1, 3), (2, 3)])
def test_count_terms_of_the_analyzer_is_count_vectorizers(ngram_range):
    analyzer = StatementVectorizer(ngram_range=ngram_range).build_analyzer()
    _assert_same(analyzer.count_terms(TEXTS), _expected(analyzer, TEXTS))
    _assert_same(analyzer.count_terms(TEXTS[::-1]), _expected(analyzer, TEXTS[::-1]))  # first use differs


def test_count_terms_without_stop_words_and_with_a_warm_cache():
    analyzer = StatementVectorizer(stop_words=None).build_analyzer()
    analyzer(TEXTS[2])  # the process's cache of written tokens already holds some
    _assert_same(analyzer.count_terms(TEXTS), _expected(analyzer, TEXTS))


def test_count_terms_of_another_tokenizer_follows_the_same_rules():
    register_tokenizer("xx", lambda text: [(w.lower(), i * 10, i * 10 + len(w)) for i, w in enumerate(text.split())])
    try:
        analyzer = StatementVectorizer(language="xx").build_analyzer()
        texts = ["Aa bb the aa cc", "", "bb bb dd", "x yy"]
        _assert_same(analyzer.count_terms(texts), _expected(analyzer, texts))
    finally:
        del TOKENIZERS["xx"]


def test_count_terms_with_no_term_at_all():
    counts, terms = StatementVectorizer().build_analyzer().count_terms(["What is your comment?", "", "1 2 3"])
    assert counts.shape == (3, 0) and terms.tolist() == []


def test_count_marks_counts_ngrams_within_texts_only():
    counts, terms = count_marks(np.array([0, 1, 1, 0, -1, 2]), [2, 4], ["x", "y", "z"], (1, 2))
    assert terms.tolist() == ["x", "x y", "y", "y x", "z"]  # no "y y": the texts' boundary is between them
    assert counts.toarray().tolist() == [[1, 1, 1, 0, 0], [1, 0, 1, 1, 1]]
    assert counts.indices.tolist() == [0, 2, 1, 0, 2, 4, 3]  # per row, by first use in all texts: x, y, x y, z, y x
