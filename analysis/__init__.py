"""Speaker-attributed statements, framing and theme analysis of diplomatic texts.

Import what you need; nothing happens at import time. One folder per stage, data flowing down:
corpus files -> documents -> statements -> frame scores / vectors -> results tables -> figures.

* :mod:`analysis.paths` — default locations (corpus, speakers, background, lexicons, figures, build);
* :mod:`analysis.inputs` — ``load_corpus`` (documents table), ``load_speakers`` (who is who),
  ``import_shared``; :class:`~analysis.inputs.errors.InputError` naming file and line;
* :mod:`analysis.text` — ``split_paragraphs``/``split_sentences``; THE tokenizer
  (``tokenize``, ``n_words``, stop words), per language;
* :mod:`analysis.statements` — ``attribute_statements`` (documents to statements, ``voice``
  computed once), ``summarize_speakers``;
* :mod:`analysis.frames` — ``load_lexicon``, ``score_frames``, ``find_frame_matches``,
  ``compute_praise_matrix``, ``find_kwic``;
* :mod:`analysis.evaluation` — agreement with the hand-coded gold (frames, targets, attribution);
* :mod:`analysis.evaluation_ko` — the Korean gold, the learned praise model's variants and their grouped CV;
* :mod:`analysis.frames.praise_ko` — the learned Korean praise rule for use (an option beside the lexicon);
* :mod:`analysis.comparison` — ``estimate_rates``, ``compare_rates``;
* :mod:`analysis.keyness` — ``compute_keyness``: log-odds with an informative Dirichlet prior, chi2;
* :mod:`analysis.vectors` — ``StatementVectorizer``, speaker vectors and similarity;
* :mod:`analysis.themes` — ``ThemeModel``: recurring themes with k selection and stability;
* :mod:`analysis.plots` — every ``plot_*`` and the one style;
* :mod:`analysis.reporting` — ``FigureWriter`` and ``run_notebooks``;
* :mod:`analysis.pipeline` — ``open_corpus``/``load_statements``: the one shared opening;
* :mod:`analysis.cli` — ``python -m analysis``.
"""
