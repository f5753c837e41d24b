"""The documented columns of the theme tables, and the markers of themes without a theme or unstable."""

from __future__ import annotations

import pandas as pd

__all__ = ["ASSIGNMENT_COLUMNS", "K_SCORE_COLUMNS", "NO_THEME", "NO_THEME_LABEL", "THEME_COLUMNS", "UNSTABLE_SUFFIX", "unstable_mask"]

#: The theme of a statement that has none (boilerplate, or no weight on any theme).
NO_THEME = -1

NO_THEME_LABEL = "none (boilerplate)"

#: Columns of :func:`assign_themes`.
ASSIGNMENT_COLUMNS = (
    "statement_id", "doc_id", "date", "genre", "speaker", "side", "voice", "n_words", "n_terms",
    "theme", "label", "weight", "score", "stable", "text",
)  # fmt: skip

#: Columns of :func:`summarize_themes`.
THEME_COLUMNS = (
    "theme", "label", "stable", "stability", "coherence", "n_statements", "share", "n_documents", "n_dates",
    "n_months", "first_date", "last_date", "recurring", "persistence", "top_side", "top_side_share",
    "top_speaker", "top_speaker_share", "top_terms",
)  # fmt: skip

#: Columns of ``ThemeModel.k_scores_`` and :func:`select_k`.
K_SCORE_COLUMNS = (
    "k", "coherence", "diversity", "stability", "stability_sd", "stability_subsample", "stability_init", "silhouette",
    "largest_share", "n_unstable", "eligible", "chosen",
)  # fmt: skip

UNSTABLE_SUFFIX = " (unstable)"


def unstable_mask(table: pd.DataFrame) -> pd.Series:
    return table["stable"].astype("boolean").fillna(True).eq(False)
