"""One table of measures for candidate theme models: coherence, diversity, stability, statements left without a theme.

:func:`measure_theme_models` fits each candidate (a :class:`ThemeModel` with its unit,
boilerplate, method, labels) on the same statements and reports, one row each:

* ``coherence``: mean NPMI of the themes' top ten single words, counted in **statements**
  whatever the unit, so that every candidate is scored on the same evidence;
* ``diversity``: share of distinct words among the themes' top ten single words;
* ``stability``: mean ARI of refits on 80% subsamples from random starts, and each source
  alone: ``stability_subsample`` (the reference's start) and ``stability_init`` (all rows);
* ``no_theme_share``: share of statements left without a theme;
* ``largest_share``: share of the fitted units in the largest theme (a catch-all theme is large);
* ``labels``: the theme labels, to read beside the numbers.

:func:`default_candidates` gives the comparison the README reports: the default (NMF on
turns, learned boilerplate down-weighted, class-based TF-IDF labels), the same on statements
and on paragraphs, without the learned boilerplate, scikit-learn's
LatentDirichletAllocation on the same units and vocabulary (term counts), and plain NMF as it
was (statements, hand-made stop list only, labels from the heaviest terms).
"""

from __future__ import annotations

from sklearn.base import clone
import numpy as np
import pandas as pd

from .columns import NO_THEME
from .model import ThemeModel

__all__ = ["MEASURE_COLUMNS", "default_candidates", "measure_theme_models"]

#: Columns of :func:`measure_theme_models`.
MEASURE_COLUMNS = (
    "model", "method", "unit", "boilerplate", "label_by", "k", "n_units", "coherence", "diversity", "stability",
    "stability_subsample", "stability_init", "no_theme_share", "largest_share", "n_unstable", "labels",
)  # fmt: skip


def default_candidates(n_themes, **options) -> dict[str, ThemeModel]:
    """The candidate models compared in the README and notebook 03, all with ``n_themes`` themes.

    Parameters
    ----------
    n_themes : int or "auto"
    **options
        Passed to every :class:`ThemeModel` (``n_seeds``, ``n_jobs``, ``random_state`` ...).

    Returns
    -------
    dict of str to ThemeModel

    Examples
    --------
    >>> sorted(default_candidates(10))[:3]
    ['LDA, statement, stop list only', 'LDA, turn, learned boilerplate', 'NMF, paragraph, learned boilerplate']
    """
    shapes = {
        "NMF, turn, learned boilerplate (default)": dict(),
        "NMF, paragraph, learned boilerplate": dict(unit="paragraph"),
        "NMF, statement, learned boilerplate": dict(unit="statement"),
        "NMF, turn, stop list only": dict(boilerplate=None),
        "LDA, turn, learned boilerplate": dict(method="lda"),
        "LDA, statement, stop list only": dict(method="lda", unit="statement", boilerplate=None),
        "plain NMF (statement, stop list only, heaviest-term labels)": dict(unit="statement", boilerplate=None, label_by="weights"),
    }
    return {name: ThemeModel(n_themes=n_themes, **{**options, **shape}) for name, shape in shapes.items()}


def measure_theme_models(statements: pd.DataFrame, candidates: dict[str, ThemeModel]) -> pd.DataFrame:
    """Fit every candidate on the statements and measure it: one row per candidate.

    Parameters
    ----------
    statements : pandas.DataFrame
        The statements table.
    candidates : dict of str to ThemeModel
        Unfitted models (cloned before fitting), e.g. :func:`default_candidates`.

    Returns
    -------
    pandas.DataFrame
        :data:`MEASURE_COLUMNS` (see the module documentation); ``attrs["models"]`` holds
        the fitted models by name.

    Examples
    --------
    >>> texts = ["Peace talks on the Korean Peninsula.", "Korean Peninsula peace and dialogue.",
    ...          "Dialogue for peace on the Peninsula.", "Trade tariffs hurt trade.", "Tariffs and the trade war.",
    ...          "Trade war tariffs again.", "What is your comment?"]
    >>> table = measure_theme_models(pd.DataFrame({"text": texts}), {"nmf": ThemeModel(n_themes=2, n_seeds=2, unit="statement")})
    >>> table[["model", "k", "n_units", "no_theme_share"]].round(3).values.tolist()
    [['nmf', 2, 7, 0.143]]
    """
    rows, fitted = [], {}
    for name, candidate in candidates.items():
        model = clone(candidate).fit(statements)
        fitted[name] = model
        scores = model.k_scores_.loc[model.k_scores_["chosen"]].iloc[0]
        rows.append({
            "model": name, "method": model.method, "unit": model.unit_,
            "boilerplate": _describe_boilerplate(model), "label_by": model.label_by, "k": model.n_themes_,
            "n_units": len(model.units_), "coherence": scores["coherence"], "diversity": scores["diversity"],
            "stability": scores["stability"], "stability_subsample": scores["stability_subsample"],
            "stability_init": scores["stability_init"], "no_theme_share": float(np.mean(model.labels_ == NO_THEME)),
            "largest_share": scores["largest_share"], "n_unstable": scores["n_unstable"],
            "labels": " | ".join(model.theme_labels_),
        })  # fmt: skip
    table = pd.DataFrame(rows, columns=list(MEASURE_COLUMNS))
    table.attrs["models"] = fitted
    return table


def _describe_boilerplate(model: ThemeModel) -> str:
    table = getattr(model.vectorizer_, "boilerplate_", None)
    n = int(table["boilerplate"].astype(bool).sum()) if table is not None and len(table) else 0
    return f"{n} terms down-weighted" if n else "none"
