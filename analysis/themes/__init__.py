"""Recurring themes: cluster statements' turns, choose how many themes, check they are stable and nameable.

:class:`ThemeModel` is a scikit-learn estimator fitted on the statements table. It
vectorizes the statements (:class:`analysis.vectors.StatementVectorizer`) and clusters them
into themes with NMF (default) or k-means, each theme a weighting of terms
(``components_``, columns named by ``terms_``). A statement's theme is its heaviest one.

The unit (``unit``, default ``"turn"``)
    Themes are fitted on a speaker's turn in press conferences (a question, an answer; a
    paragraph in readouts and speeches), on paragraphs, or on statements
    (:mod:`~analysis.themes.units`); every statement gets its unit's theme. On the shipped
    press conferences turns give the most coherent and diverse themes (README, "Recurring
    themes").

Learned boilerplate (``boilerplate``, default ``"auto"``)
    Terms used across many documents and speakers at near-constant rates (the podium's
    formulas) are down-weighted (:mod:`analysis.vectors.boilerplate`); the list is
    ``model.vectorizer_.boilerplate_``, editable as CSV.

Labels (``label_by``, default ``"ctfidf"``)
    From the terms that set a theme apart from the others: class-based TF-IDF, as BERTopic
    (:mod:`~analysis.themes.labels`); boilerplate terms never label a theme.

Boilerplate statements
    A unit with fewer than ``min_terms`` (default 3) distinct content words, the
    words left after the stop words ("What is your comment?", "We have noted relevant
    reports.", "I have nothing further to add."), gets no theme: ``theme`` :data:`NO_THEME`
    (-1), ``label`` :data:`NO_THEME_LABEL`. It stays in every table and share; it is only
    left out of the fitting, where it would form a theme of its own. So, rarely, does a
    statement with no weight on any theme.

How many themes (``n_themes="auto"``)
    Every ``k`` of ``k_range`` (by default about ten values from 4 up to
    ``min(30, sqrt(n / 2))`` for ``n`` statements with a theme; from 2 or 3 on a small
    corpus, always at least two values when possible) is fitted and scored:

    * ``coherence``: mean NPMI of the top ``n_top_terms`` single words of each theme,
      from their co-occurrence in statements (from -1 to 1; higher means the top words
      of a theme are used together);
    * ``diversity``: share of distinct words among the themes' top words;
    * ``stability``: mean adjusted Rand index (ARI) between the themes fitted on all
      units and those refitted on ``n_seeds`` random subsamples of ``subsample`` of them,
      each refit from a random start (NMF ``init="random"`` seeded per refit): both
      sources of variation, the figure the rule uses (1 = the same partition every time,
      0 = chance); ``stability_subsample`` (the reference's own deterministic start,
      ``nndsvda``) and ``stability_init`` (all units, random starts) show each source alone;
    * ``silhouette``: mean cosine silhouette of the statements (a sample of at most
      2,000) in the space the method clusters (TF-IDF for NMF, LSA for k-means).

    Rule: among the ``k`` whose ``stability`` reaches ``min_stability`` (default 0.6), the
    one with the best ``criterion`` (``coherence`` for NMF, ``silhouette`` for k-means);
    ties go to the smaller ``k``. If no ``k`` is stable enough, the most stable one.
    ``k_scores_`` holds the table, ``k_rule_`` says in words what was chosen and why.
    Pass ``n_themes=N`` to override (its scores are still computed).

Stability per theme
    Each refit's themes are matched one-to-one to the reference themes (Hungarian
    matching on the cosine similarity of their term weights); a theme's stability is the
    mean, over refits, of the ARI between "in this theme" in the reference and "in the
    matched theme" in the refit, on the statements of the subsample. A theme below
    ``min_stability`` is *unstable*: its label ends in " (unstable)", its ``stable``
    column is False, and the figures grey and hatch it.

Modules: :mod:`~analysis.themes.model` (:class:`ThemeModel`), :mod:`~analysis.themes.selection`
(the choice of k, coherence, diversity, stability), :mod:`~analysis.themes.units`,
:mod:`~analysis.themes.labels`, :mod:`~analysis.themes.measures` (:func:`measure_theme_models`:
one table of measures for candidate models), :mod:`~analysis.themes.intrusion` (word and
theme intrusion tasks for a coder, and their scoring), :mod:`~analysis.themes.tables` (:func:`assign_themes`,
:func:`summarize_themes`, :func:`compute_top_terms`, :func:`select_representatives`,
:func:`compute_theme_shares`, :func:`compute_themes_over_time`), :mod:`~analysis.themes.columns`
(the fixed columns: :data:`ASSIGNMENT_COLUMNS`, :data:`THEME_COLUMNS`, :data:`K_SCORE_COLUMNS`).
Each drawn result has a ``plot_*`` function in :mod:`analysis.plots.themes` that only draws.
"""

from .columns import ASSIGNMENT_COLUMNS, K_SCORE_COLUMNS, NO_THEME, NO_THEME_LABEL, THEME_COLUMNS
from .intrusion import make_intrusion_tasks, read_intrusion_answers, score_intrusion, write_intrusion_tasks
from .measures import MEASURE_COLUMNS, default_candidates, measure_theme_models
from .model import ThemeModel
from .selection import compute_coherence, compute_diversity, select_k
from .units import build_units
from .tables import (
    assign_themes,
    compute_theme_shares,
    compute_themes_over_time,
    compute_top_terms,
    select_representatives,
    summarize_themes,
)

__all__ = [
    "ASSIGNMENT_COLUMNS",
    "K_SCORE_COLUMNS",
    "MEASURE_COLUMNS",
    "NO_THEME",
    "NO_THEME_LABEL",
    "THEME_COLUMNS",
    "ThemeModel",
    "assign_themes",
    "build_units",
    "compute_coherence",
    "compute_diversity",
    "compute_theme_shares",
    "compute_themes_over_time",
    "compute_top_terms",
    "default_candidates",
    "make_intrusion_tasks",
    "measure_theme_models",
    "read_intrusion_answers",
    "score_intrusion",
    "select_k",
    "select_representatives",
    "summarize_themes",
    "write_intrusion_tasks",
]
