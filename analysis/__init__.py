"""Speaker-attributed statements, framing and theme analysis of diplomatic texts.

Modules (import what you need; nothing happens at import time). Data flows one way:
corpus files -> documents -> statements -> frame scores / vectors -> results tables -> figures.

* :mod:`analysis.corpus` — ``load_corpus``: corpus files to the documents table;
* :mod:`analysis.speakers` — ``load_speakers``: who is who (``corpus/speakers.yaml``);
* :mod:`analysis.attribution` — ``attribute_statements``: documents to the statements table;
  ``assign_voice``: whose position each statement expresses;
* :mod:`analysis.frames` — ``load_lexicon``, ``score_frames``: frame scores, evidence, Peninsula
  facets, multilateral stance, praise targets; ``compute_praise_matrix``, ``find_kwic``;
* :mod:`analysis.comparison` — ``estimate_rates`` (document-bootstrap intervals),
  ``compare_rates`` (difference with interval and within-document permutation test);
* :mod:`analysis.keyness` — ``compute_keyness``: log-odds with an informative Dirichlet prior, chi2;
* :mod:`analysis.vectors` — ``StatementVectorizer`` (TF-IDF, optional SVD), speaker vectors and similarity;
* :mod:`analysis.themes` — ``ThemeModel``: recurring themes with k selection and stability;
* :mod:`analysis.figures` — ``FigureWriter`` and ``run_notebooks``;
* :mod:`analysis.cli` — ``python -m analysis``.
"""
