"""Theme labels that distinguish: class-based TF-IDF (as BERTopic labels its topics), and the label's words.

A theme's heaviest NMF terms are often the words every theme shares ("china", "side",
"cooperation"). Class-based TF-IDF treats all the units of a theme as one document and weighs
each term by how much more that theme uses it than the others:

``c-TF-IDF(t, c) = tf(t, c) / sum_t tf(t, c) * log(1 + A / f(t))``

with ``tf(t, c)`` the count of term ``t`` in the units of theme ``c``, ``f(t)`` its count over
all themes and ``A`` the mean number of term occurrences per theme (Grootendorst 2022,
BERTopic's ``ClassTfidfTransformer``). Boilerplate terms (``vectorizer.boilerplate_``) are left
out of labels.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

__all__ = ["compute_ctfidf", "label_terms"]


def compute_ctfidf(counts, labels: np.ndarray, n_themes: int, *, exclude=None) -> np.ndarray:
    """Class-based TF-IDF of every term in every theme.

    Parameters
    ----------
    counts : sparse matrix, shape (n_units, n_terms)
        Term counts of the units.
    labels : numpy.ndarray of int
        The theme of each unit (negative: none, left out).
    n_themes : int
    exclude : numpy.ndarray of bool, optional
        Terms to leave out (weight 0), e.g. boilerplate.

    Returns
    -------
    numpy.ndarray, shape (n_themes, n_terms)

    Examples
    --------
    >>> counts = sp.csr_matrix([[2, 1, 0], [1, 0, 0], [1, 0, 2]])
    >>> compute_ctfidf(counts, np.array([0, 0, 1]), 2).round(3).tolist()
    [[0.471, 0.376, 0.0], [0.21, 0.0, 0.674]]
    """
    labels = np.asarray(labels)
    rows = np.flatnonzero(labels >= 0)
    member = sp.csr_matrix((np.ones(len(rows)), (labels[rows], rows)), shape=(n_themes, counts.shape[0]))
    per_theme = np.asarray((member @ sp.csr_matrix(counts, dtype=np.float64)).todense())
    if exclude is not None:
        per_theme[:, np.asarray(exclude, dtype=bool)] = 0
    totals = per_theme.sum(axis=0)
    average = per_theme.sum(axis=1).mean() if len(per_theme) else 0.0
    idf = np.log(1 + np.divide(average, totals, out=np.zeros_like(totals), where=totals > 0))
    sizes = per_theme.sum(axis=1, keepdims=True)
    tf = np.divide(per_theme, sizes, out=np.zeros_like(per_theme), where=sizes > 0)
    return tf * idf


def label_terms(terms: np.ndarray, weights: np.ndarray, n: int = 3, pool: int = 12) -> str:
    """A theme's label: its three heaviest terms, a phrase standing for its words when it carries them.

    A single word is replaced by the heaviest two-word phrase of the top ``pool`` terms that
    contains it, when the phrase's other word is among the top terms too and the phrase
    weighs at least half as much as the word ("wang" -> "wang yi", "peninsula" -> "korean
    peninsula", but "trade" stays "trade" next to a light "trade war"). A term whose words
    are already shown is skipped, and a phrase never overlaps a term already shown.

    Examples
    --------
    >>> label_terms(np.array(["hong", "kong", "hong kong", "violence"]), np.array([0.9, 0.9, 0.8, 0.5]))
    'hong kong, violence'
    """
    order = [i for i in np.lexsort((terms, -weights))[:pool] if weights[i] > 0]
    weight = {terms[i]: weights[i] for i in order}
    unigrams = {t for t in weight if " " not in t}
    phrases = [t for t in weight if " " in t and set(t.split()) <= unigrams]  # in weight order
    picked: list[str] = []
    for term in weight:
        covered = {w for p in picked for w in p.split()}
        if " " not in term:
            phrase = next((p for p in phrases if term in p.split() and weight[p] >= weight[term] / 2), None)
            if phrase is not None and not (set(phrase.split()) - {term}) & covered:
                term = phrase
        words = set(term.split())
        if words <= covered or (len(words) > 1 and words & covered):
            continue
        picked.append(term)
        if len(picked) == n:
            break
    return ", ".join(picked) if picked else "(no terms)"
