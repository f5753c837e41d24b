"""Statement vectors, speaker vectors, and how close the speakers' vocabularies are.

The pipeline, one way, nothing edited in place::

    statements --StatementVectorizer--> X (statements x terms, TF-IDF)
    (statements, X) --pool_vectors(by=...)--> PooledVectors (one mean vector per group)
    PooledVectors --compute_similarity--> long table of cosine similarities --plot_similarity
    PooledVectors, ... --compute_map--> 2-D coordinates of groups and documents --plot_map

:class:`StatementVectorizer` is a scikit-learn estimator (``fit``/``transform``,
``get_feature_names_out``, usable in a ``Pipeline``): TF-IDF over word unigrams and
bigrams, with a documented stop-word list of English function words and diplomatic
boilerplate (reporting verbs, courtesy titles, press-conference formulas, dates) kept in
``analysis/lexicons/stopwords.yaml``, and ``min_df``/``max_df`` chosen for the corpus
size; optionally reduced with TruncatedSVD (latent semantic analysis).

Groupings (:data:`GROUPINGS`): any column of the statements table, or several
(``("speaker", "doc_id")`` is speaker x document); ``voice`` (``reported_side`` when the
statement reports someone's words, else ``side``) and ``voice_speaker`` are read from the
statements table (computed once, by :func:`analysis.statements.attribute_statements`). The ROK's own voice is thin in the shipped corpus (10 statements in the seed
readouts, about 30 reported in press conferences): every table carries ``n_statements``
and the figures print it, so a small group reads as what it is.

Boilerplate learned from the corpus (:mod:`~analysis.vectors.boilerplate`): with
``StatementVectorizer(boilerplate="auto")`` the terms used across many documents and
speakers at near-constant rates (the podium's formulas) are found and down-weighted;
``boilerplate_`` shows them, :func:`write_boilerplate` writes the list to edit, and
``boilerplate="edited.csv"`` passes it back.

Modules: :mod:`~analysis.vectors.vectorizer` (:class:`StatementVectorizer`),
:mod:`~analysis.vectors.boilerplate` (:func:`score_boilerplate`, :func:`write_boilerplate`,
:func:`read_boilerplate`) and
:mod:`~analysis.vectors.pooling` (:func:`pool_vectors`, :func:`compute_similarity`,
:func:`compute_map`), :mod:`~analysis.vectors.yearly` (:func:`compare_by_year`), :mod:`~analysis.vectors.counting`
(:func:`~analysis.vectors.counting.count_marks`: the count matrix of many texts at once, for the chunked path),
:mod:`~analysis.vectors.analyzer` (:class:`~analysis.vectors.analyzer.TermAnalyzer`: the vectorizer's terms of a text); the plots are in :mod:`analysis.plots.vectors`.
"""

from ..lazy_imports import attach_lazy_names

# Each name from its module, imported when first asked for (PEP 562): the chunked path's processes
# receive the statement analyzer (analysis.vectors.analyzer) and need neither scikit-learn nor pooling.
_MODULES = {
    "pooling": ("GROUPINGS", "MAP_COLUMNS", "POOLED_COLUMNS", "SIMILARITY_COLUMNS", "PooledVectors", "compute_map", "compute_similarity", "pool_vectors"),
    "boilerplate": ("BOILERPLATE_COLUMNS", "read_boilerplate", "score_boilerplate", "write_boilerplate"),
    "vectorizer": ("StatementVectorizer",),
    "yearly": ("YEARLY_SIMILARITY_COLUMNS", "compare_by_year"),
}

__all__ = [
    "BOILERPLATE_COLUMNS",
    "GROUPINGS",
    "MAP_COLUMNS",
    "POOLED_COLUMNS",
    "SIMILARITY_COLUMNS",
    "PooledVectors",
    "StatementVectorizer",
    "YEARLY_SIMILARITY_COLUMNS",
    "compare_by_year",
    "compute_map",
    "compute_similarity",
    "pool_vectors",
    "read_boilerplate",
    "score_boilerplate",
    "write_boilerplate",
]


__getattr__, __dir__ = attach_lazy_names(__name__, _MODULES)
