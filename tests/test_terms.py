"""ChunkedTfidf (analysis.scale.terms): the TF-IDF StatementVectorizer gives, from counts made chunk by chunk."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer

from analysis.scale import ChunkedTfidf, TermCounts
from analysis.vectors import StatementVectorizer

TEXTS = [
    "Peace on the Korean Peninsula needs dialogue.",
    "The Korean Peninsula issue needs dialogue and patience.",
    "Trade talks with the US continue; tariffs hurt trade.",
    "We uphold multilateralism and the United Nations.",
    "What is your comment?",
    "Multilateralism and the United Nations need support.",
    "Dialogue, peace and trade go together.",
]


def _chunks(texts, size, vectorizer=None):
    analyzer = (vectorizer or StatementVectorizer()).build_analyzer()
    out = []
    for start in range(0, len(texts), size):
        part = texts[start : start + size]
        counter = CountVectorizer(analyzer=analyzer)
        try:
            counts = counter.fit_transform(part).tocsr()
            terms = counter.get_feature_names_out()
        except ValueError:  # a chunk of boilerplate only
            counts, terms = sp.csr_matrix((len(part), 0)), np.array([], dtype=object)
        out.append(TermCounts(terms, np.bincount(counts.indices, minlength=counts.shape[1]), counts))
    return out


@pytest.mark.parametrize("size", [1, 2, 3, 7])
def test_the_chunked_matrix_is_statement_vectorizers_matrix(size):
    chunks = _chunks(TEXTS, size)
    tfidf = ChunkedTfidf().fit(chunks)
    expected = StatementVectorizer().fit(TEXTS)
    assert tfidf.get_feature_names_out().tolist() == expected.get_feature_names_out().tolist()
    assert np.allclose(tfidf.transform(chunks).toarray(), expected.transform(TEXTS).toarray())
    assert tfidf.n_statements_ == len(TEXTS)


def test_document_frequency_bounds_follow_statement_vectorizer():
    texts = TEXTS * 20  # 140 statements: "auto" is min_df 2, max_df 0.2
    chunks = _chunks(texts, 33)
    tfidf = ChunkedTfidf().fit(chunks)
    expected = StatementVectorizer().fit(texts)
    assert (tfidf.min_df_, tfidf.max_df_) == (expected.min_df_, expected.max_df_) == (2, 0.2)
    assert tfidf.get_feature_names_out().tolist() == expected.get_feature_names_out().tolist()
    assert np.allclose(tfidf.transform(chunks).toarray(), expected.transform(texts).toarray())
    explicit = ChunkedTfidf(min_df=3, max_df=0.5).fit(chunks)
    assert explicit.get_feature_names_out().tolist() == StatementVectorizer(min_df=3, max_df=0.5).fit(texts).get_feature_names_out().tolist()
    rare = ChunkedTfidf().fit(_chunks(texts + ["Rare words appear once."], 33))  # seen, below min_df: counted, not kept
    assert rare.n_candidate_terms_ >= len(rare.terms_) + 5 and "rare" not in rare.terms_ and "peace" not in rare.terms_  # once; in 60 of 141


def test_rows_without_terms_are_zero_and_errors_say_what_to_do():
    chunks = _chunks(TEXTS, 2)
    X = ChunkedTfidf().fit(chunks).transform(chunks)
    assert X[4].nnz == 0 and np.allclose(np.asarray(X.multiply(X).sum(axis=1)).ravel()[[0, 1, 2]], 1.0)
    with pytest.raises(ValueError, match="lower min_df or raise max_df"):
        ChunkedTfidf(min_df=100).fit(chunks)
    with pytest.raises(ValueError, match="no statements"):
        ChunkedTfidf().fit([])


def test_count_terms_gives_count_vectorizers_matrix_exactly():
    """The chunks' count matrices are written as they are: same values, same column order within a row."""
    from analysis.scale.chunks import count_terms

    analyzer = StatementVectorizer().build_analyzer()
    texts = TEXTS + ["", "Trade, trade and trade: peace and trade."]
    expected = CountVectorizer(analyzer=analyzer, dtype=np.int32).fit(texts)
    matrix = CountVectorizer(analyzer=analyzer, dtype=np.int32).fit_transform(texts).tocsr()
    counts, terms = count_terms(texts, analyzer)
    assert terms.tolist() == expected.get_feature_names_out().tolist() and terms.dtype == object
    for name in ("data", "indices", "indptr"):
        assert getattr(counts, name).tolist() == getattr(matrix, name).tolist() and getattr(counts, name).dtype == getattr(matrix, name).dtype
    assert counts.shape == matrix.shape and counts.has_sorted_indices == matrix.has_sorted_indices
    empty, none = count_terms(["What is your comment?", ""], analyzer)  # boilerplate only: no column
    assert empty.shape == (2, 0) and none.tolist() == []
