"""Theme tables from a fitted model: assignments, summaries, top terms, representatives, shares, trends."""

from __future__ import annotations

import warnings
from typing import Sequence

import numpy as np
import pandas as pd
from sklearn.utils.validation import check_is_fitted

from ..statements.schema import require_columns
from ..text.tokens import n_words
from .columns import ASSIGNMENT_COLUMNS, NO_THEME, NO_THEME_LABEL, THEME_COLUMNS
from .model import ThemeModel
from .selection import count_terms, heaviest_theme, to_shares

__all__ = ["assign_themes", "compute_theme_shares", "compute_themes_over_time", "compute_top_terms", "select_representatives", "summarize_themes"]


def assign_themes(statements: pd.DataFrame, model: ThemeModel, *, X=None) -> pd.DataFrame:
    """The theme of every statement, none dropped.

    Parameters
    ----------
    statements : pandas.DataFrame
        The statements table: needs ``statement_id``, ``doc_id``, ``date``, ``speaker``,
        ``side``, ``text`` (``genre``, ``n_words``, ``reported_side`` are used if present).
    model : ThemeModel
        Fitted (on these statements or others).
    X : sparse matrix, optional
        ``model.vectorizer_.transform(statements)``, if already computed (to pool speaker
        vectors with the same matrix, say); computed when not given.

    Returns
    -------
    pandas.DataFrame
        :data:`ASSIGNMENT_COLUMNS`, in the statements' order: ``voice`` (``reported_side``
        when the statement reports someone's words, else ``side``), ``n_terms`` (distinct
        content words), ``theme`` (:data:`NO_THEME` for none; the theme of the statement's
        unit, see ``ThemeModel(unit=...)``), ``label``, ``weight`` (how much of the unit is
        its theme: NMF's share of its theme weights, k-means' cosine to the centroid, LDA's
        probability; NaN for none), ``score`` (how strongly the statement itself expresses
        that theme: NMF's raw weight, comparable across statements since their TF-IDF rows
        have unit length; k-means' cosine; 0 for a formula inside a turn about something)
        and ``stable``.

    Examples
    --------
    >>> st = pd.DataFrame({"statement_id": [f"d:{i}" for i in range(1, 7)], "doc_id": "d",
    ...     "date": pd.Timestamp("2020-05-13"), "speaker": "Geng Shuang", "side": "CN", "voice": "CN",
    ...     "text": ["Peace talks on the Korean Peninsula.", "Korean Peninsula peace and dialogue.",
    ...              "Trade tariffs hurt trade.", "Tariffs and the trade war.", "Trade war tariffs again.",
    ...              "What is your comment?"]})
    >>> model = ThemeModel(n_themes=2, n_seeds=0, unit="statement").fit(st)
    >>> assign_themes(st, model)[["statement_id", "theme", "label"]]
      statement_id  theme                                    label
    0          d:1      1  korean peninsula, peace talks, dialogue
    1          d:2      1  korean peninsula, peace talks, dialogue
    2          d:3      0                  trade war, tariffs hurt
    3          d:4      0                  trade war, tariffs hurt
    4          d:5      0                  trade war, tariffs hurt
    5          d:6     -1                       none (boilerplate)
    """
    check_is_fitted(model, "components_")
    require_columns(statements, ("statement_id", "doc_id", "date", "speaker", "side", "voice", "text"))
    matrix = model.vectorizer_.transform(statements) if X is None else X
    if matrix.shape != (len(statements), len(model.terms_)):
        raise ValueError(
            f"X has shape {matrix.shape}; expected ({len(statements)}, {len(model.terms_)}): pass model.vectorizer_.transform(statements)"
        )
    n_terms = count_terms(matrix, model.terms_)
    unit_scores, own_scores = model.score_statements(statements, X=matrix)
    weights = to_shares(model.method, unit_scores)
    labels = heaviest_theme(weights)
    rows, mine = np.arange(len(labels)), np.maximum(labels, 0)
    scores = own_scores
    names = np.asarray([*model.theme_labels_, NO_THEME_LABEL], dtype=object)
    stable = model.stability_["stable"].astype(object).tolist() + [pd.NA]
    table = pd.DataFrame(
        {
            "statement_id": statements["statement_id"].to_numpy(),
            "doc_id": statements["doc_id"].to_numpy(),
            "date": pd.to_datetime(statements["date"]).to_numpy(),
            "genre": statements["genre"].to_numpy() if "genre" in statements.columns else pd.NA,
            "speaker": statements["speaker"].to_numpy(),
            "side": statements["side"].to_numpy(),
            "voice": statements["voice"].to_numpy(),
            "n_words": statements["n_words"].to_numpy() if "n_words" in statements.columns else statements["text"].map(n_words).to_numpy(),
            "n_terms": n_terms,
            "theme": labels,
            "label": names[labels],  # NO_THEME (-1) picks the last name
            "weight": np.where(labels >= 0, weights[rows, mine], np.nan),
            "score": np.where(labels >= 0, scores[rows, mine], np.nan),
            "stable": pd.array([stable[t] for t in labels], dtype="boolean"),
            "text": statements["text"].to_numpy(),
        },
        columns=list(ASSIGNMENT_COLUMNS),
    )
    return table


def compute_top_terms(model: ThemeModel, *, n_terms: int = 10, by: str | None = None) -> pd.DataFrame:
    """Each theme's heaviest terms with their weights.

    Parameters
    ----------
    model : ThemeModel
    n_terms : int, default 10
    by : {"ctfidf", "weights"}, optional
        Rank terms by class-based TF-IDF (the terms that set the theme apart, as its label
        does) or by the theme's term weights (``components_``); default: as the model's
        ``label_by``.

    Returns
    -------
    pandas.DataFrame
        ``theme``, ``label``, ``stable``, ``rank`` (1 = heaviest), ``term``, ``weight``: the
        term's share of the theme's total (c-TF-IDF or term) weight. Ties are broken by
        term, so the order is reproducible.

    Examples
    --------
    >>> texts = ["peace talks on the peninsula", "peninsula peace and dialogue", "trade tariffs hurt",
    ...          "tariffs and trade war", "trade war tariffs"]
    >>> model = ThemeModel(n_themes=2, n_seeds=0).fit(texts)
    >>> compute_top_terms(model, n_terms=2, by="weights")[["theme", "rank", "term"]].values.tolist()
    [[0, 1, 'tariffs'], [0, 2, 'trade'], [1, 1, 'peace'], [1, 2, 'peninsula']]
    """
    check_is_fitted(model, "components_")
    by = by or getattr(model, "label_by", "weights")
    if by not in ("ctfidf", "weights"):
        raise ValueError(f"by={by!r}: use 'ctfidf' or 'weights'")
    source = model.ctfidf_ if by == "ctfidf" and hasattr(model, "ctfidf_") else model.components_
    rows = []
    for theme, weights in enumerate(source):
        total = weights.sum()
        order = np.lexsort((model.terms_, -weights))[:n_terms]
        for rank, index in enumerate(order, start=1):
            if weights[index] <= 0:
                break
            rows.append((theme, model.theme_labels_[theme], model.stability_["stable"].iloc[theme], rank, model.terms_[index], weights[index] / total))
    table = pd.DataFrame(rows, columns=["theme", "label", "stable", "rank", "term", "weight"])
    table["stable"] = table["stable"].astype("boolean")
    return table


def summarize_themes(assignments: pd.DataFrame, model: ThemeModel, *, min_documents: int = 2, n_terms: int = 5) -> pd.DataFrame:
    """The theme table: size, recurrence, persistence, stability, who carries it, top terms.

    Parameters
    ----------
    assignments : pandas.DataFrame
        From :func:`assign_themes`.
    model : ThemeModel
        The fitted model (labels, stability, coherence, top terms).
    min_documents : int, default 2
        A theme is ``recurring`` when its statements come from at least this many documents.
    n_terms : int, default 5
        Top terms listed in ``top_terms``.

    Returns
    -------
    pandas.DataFrame
        :data:`THEME_COLUMNS`, one row per theme and one for :data:`NO_THEME` (last):
        ``share`` of all statements; ``n_documents``, ``n_dates`` (distinct dates: events),
        ``n_months`` and ``first_date``/``last_date`` where its statements appear;
        ``recurring``; ``persistence``: the share of months (among those with statements)
        in which the theme reaches at least half its overall share (1 = present all
        along, low = comes and goes); ``top_side``/``top_speaker`` with the share of the
        theme's statements they carry; ``top_terms`` as ``"term (weight); ..."``.

    Examples
    --------
    >>> st = pd.DataFrame({"statement_id": [f"s{i}" for i in range(6)], "doc_id": list("aabbcc"),
    ...     "date": pd.to_datetime(["2020-01-02"] * 2 + ["2020-02-03"] * 2 + ["2020-03-04"] * 2),
    ...     "speaker": "Hua Chunying", "side": "CN", "voice": "CN",
    ...     "text": ["Peace talks on the Korean Peninsula.", "Trade tariffs hurt trade.",
    ...              "Korean Peninsula peace and dialogue.", "Tariffs and the trade war.",
    ...              "Trade war tariffs again.", "What is your comment?"]})
    >>> model = ThemeModel(n_themes=2, n_seeds=0, unit="statement").fit(st)
    >>> summarize_themes(assign_themes(st, model), model)[["theme", "n_statements", "n_documents", "recurring"]]
       theme  n_statements  n_documents  recurring
    0      0             3            3       True
    1      1             2            2       True
    2     -1             1            1      False
    """
    check_is_fitted(model, "components_")
    table = assignments.copy()
    table["month"] = pd.to_datetime(table["date"]).dt.to_period("M")
    n_months_total = max(table["month"].nunique(), 1)
    month_totals = table.groupby("month").size()
    terms = compute_top_terms(model, n_terms=n_terms)
    rows = []
    for theme in [*range(model.n_themes_), NO_THEME]:
        part = table[table["theme"] == theme]
        n = len(part)
        share = n / max(len(table), 1)
        monthly = part.groupby("month").size().reindex(month_totals.index, fill_value=0) / month_totals
        sides = part["side"].value_counts()
        speakers = part["speaker"].value_counts()
        theme_terms = terms[terms["theme"] == theme]
        rows.append(
            {
                "theme": theme,
                "label": model.theme_labels_[theme] if theme >= 0 else NO_THEME_LABEL,
                "stable": model.stability_["stable"].iloc[theme] if theme >= 0 else pd.NA,
                "stability": model.stability_["stability"].iloc[theme] if theme >= 0 else np.nan,
                "coherence": model.coherence_[theme] if theme >= 0 else np.nan,
                "n_statements": n,
                "share": share,
                "n_documents": part["doc_id"].nunique(),
                "n_dates": part["date"].nunique(),
                "n_months": part["month"].nunique(),
                "first_date": part["date"].min() if n else pd.NaT,
                "last_date": part["date"].max() if n else pd.NaT,
                "recurring": part["doc_id"].nunique() >= min_documents,
                "persistence": float((monthly >= share / 2).sum() / n_months_total) if n else 0.0,
                "top_side": sides.index[0] if n else None,
                "top_side_share": sides.iloc[0] / n if n else np.nan,
                "top_speaker": speakers.index[0] if n else None,
                "top_speaker_share": speakers.iloc[0] / n if n else np.nan,
                "top_terms": "; ".join(f"{r.term} ({r.weight:.3f})" for r in theme_terms.itertuples()),
            }
        )
    summary = pd.DataFrame(rows, columns=list(THEME_COLUMNS))
    summary["stable"] = summary["stable"].astype("boolean")
    return summary


def select_representatives(assignments: pd.DataFrame, *, n: int = 3, min_words: int = 8) -> pd.DataFrame:
    """The statements that best represent each theme, from different documents.

    Per theme, statements with at least ``min_words`` words (all, if none has) are ranked
    by ``score`` (how strongly they express the theme), then ``weight`` (how much of them
    is the theme), then length (longer first) and ``statement_id``; the first ``n`` from
    distinct documents and with distinct texts are kept (then the next ones, if there are
    fewer documents than ``n``). A sentence that barely touches any theme can be "all" one
    theme (``weight`` 1) with a low ``score``: the score, not the weight, leads. Statements
    with no theme are not represented.

    Parameters
    ----------
    assignments : pandas.DataFrame
        From :func:`assign_themes`.
    n : int, default 3
    min_words : int, default 8

    Returns
    -------
    pandas.DataFrame
        ``theme``, ``label``, ``stable``, ``rank``, ``statement_id``, ``doc_id``, ``date``,
        ``speaker``, ``side``, ``score``, ``weight``, ``text``.

    Examples
    --------
    >>> a = pd.DataFrame({"statement_id": ["a:1", "a:2", "b:1", "c:1"], "doc_id": ["a", "a", "b", "c"],
    ...     "date": pd.Timestamp("2020-01-01"), "speaker": "Lu Kang", "side": "CN", "n_words": 9,
    ...     "theme": 0, "label": "peace", "stable": True, "score": [0.9, 0.8, 0.7, 0.2], "weight": [0.6, 0.8, 0.7, 1.0],
    ...     "text": ["one", "two", "three", "four"]})
    >>> select_representatives(a, n=3)[["rank", "statement_id"]].values.tolist()
    [[1, 'a:1'], [2, 'b:1'], [3, 'c:1']]
    """
    columns = ["theme", "label", "stable", "rank", "statement_id", "doc_id", "date", "speaker", "side", "score", "weight", "text"]
    picked = []
    for theme, part in assignments[assignments["theme"] >= 0].groupby("theme", sort=True):
        long = part[part["n_words"] >= min_words]
        pool = (long if len(long) else part).assign(_len=lambda t: -t["n_words"])
        pool = pool.sort_values(["score", "weight", "_len", "statement_id"], ascending=[False, False, True, True], kind="stable")
        pool = pool.drop_duplicates("text")
        first = pool.drop_duplicates("doc_id")
        chosen = pd.concat([first, pool.drop(first.index)]).head(n)
        picked.append(chosen.assign(rank=range(1, len(chosen) + 1)))
    if not picked:
        return pd.DataFrame(columns=columns)
    return pd.concat(picked, ignore_index=True)[columns]


def compute_theme_shares(assignments: pd.DataFrame, *, by: str | Sequence[str] = "side", min_statements: int = 1) -> pd.DataFrame:
    """Who carries each theme: theme shares by side, voice, speaker (or any column).

    Parameters
    ----------
    assignments : pandas.DataFrame
        From :func:`assign_themes` (has ``voice``).
    by : str or sequence of str, default "side"
        Grouping column(s): ``side``, ``voice``, ``speaker``, ``doc_id`` ...
    min_statements : int, default 1
        Groups with fewer statements are left out (say so where you show the table).

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, ``group`` (their values joined with " | "), ``n_group`` (the
        group's statements), ``theme``, ``label``, ``stable``, ``n_statements``, ``share``
        (of the group's statements: what the group talks about) and ``theme_share`` (of the
        theme's statements: who carries the theme). Every group x theme pair, zeros
        included, groups by size (largest first); :data:`NO_THEME` is a theme like the others.

    Examples
    --------
    >>> a = pd.DataFrame({"side": ["CN", "CN", "ROK"], "theme": [0, 1, 0], "label": ["peace", "trade", "peace"],
    ...                   "stable": True})
    >>> compute_theme_shares(a)[["group", "theme", "n_statements", "share", "theme_share"]]
      group  theme  n_statements  share  theme_share
    0    CN      0             1    0.5          0.5
    1    CN      1             1    0.5          1.0
    2   ROK      0             1    1.0          0.5
    3   ROK      1             0    0.0          0.0
    """
    by = [by] if isinstance(by, str) else list(by)
    missing = [c for c in by if c not in assignments.columns]
    if missing:
        raise KeyError(f"cannot group by {missing}: the assignments have no such column; use side, voice, speaker, doc_id or genre")
    keys = assignments[by].astype(object).where(assignments[by].notna(), "(none)").astype(str)
    table = assignments.assign(group=keys.agg(" | ".join, axis=1))
    themes = table[["theme", "label", "stable"]].drop_duplicates("theme").sort_values("theme", key=lambda s: s.where(s >= 0, 10**9))
    sizes = table.groupby("group").size().rename("n_group")
    sizes = sizes[sizes >= min_statements]
    counts = table.groupby(["group", "theme"]).size()
    grid = pd.MultiIndex.from_product([sizes.index, themes["theme"]], names=["group", "theme"])
    out = counts.reindex(grid, fill_value=0).rename("n_statements").reset_index()
    out = out.merge(sizes.reset_index(), on="group").merge(themes, on="theme")
    out = out.merge(keys.assign(group=table["group"]).drop_duplicates("group"), on="group")
    theme_totals = out.groupby("theme")["n_statements"].transform("sum")
    out["share"] = out["n_statements"] / out["n_group"]
    out["theme_share"] = np.where(theme_totals > 0, out["n_statements"] / theme_totals.where(theme_totals > 0, 1), 0.0)
    order = {t: i for i, t in enumerate(themes["theme"])}
    out = out.assign(_t=out["theme"].map(order), _n=-out["n_group"])
    out = out.sort_values(["_n", "group", "_t"], kind="stable").drop(columns=["_t", "_n"])
    out["stable"] = out["stable"].astype("boolean")
    return out[[*by, "group", "n_group", "theme", "label", "stable", "n_statements", "share", "theme_share"]].reset_index(drop=True)


def compute_themes_over_time(assignments: pd.DataFrame, *, freq: str = "M") -> pd.DataFrame:
    """Theme shares per period (default: month), every period from the first to the last.

    Parameters
    ----------
    assignments : pandas.DataFrame
        From :func:`assign_themes`; select rows first to follow one genre (e.g. press
        conferences: ``assignments[assignments["genre"] == "press-conference"]``).
    freq : str, default "M"
        A pandas period frequency: ``"M"`` months, ``"Q"`` quarters, ``"Y"`` years.

    Returns
    -------
    pandas.DataFrame
        ``period`` (the period's first day), ``theme``, ``label``, ``stable``,
        ``n_statements``, ``n_period`` (all statements of the period), ``n_documents`` (of
        the period), ``share`` (``n_statements / n_period``; NaN for a period with no
        statement, which stays in the table as a gap). :data:`NO_THEME` included.

    Examples
    --------
    >>> a = pd.DataFrame({"date": pd.to_datetime(["2020-01-05", "2020-01-09", "2020-03-01"]),
    ...     "doc_id": ["a", "b", "c"], "theme": [0, 1, 0], "label": ["peace", "trade", "peace"], "stable": True})
    >>> compute_themes_over_time(a)[["period", "theme", "share"]].astype({"period": str}).values.tolist()
    [['2020-01-01', 0, 0.5], ['2020-01-01', 1, 0.5], ['2020-02-01', 0, nan], ['2020-02-01', 1, nan], ['2020-03-01', 0, 1.0], ['2020-03-01', 1, 0.0]]
    """
    columns = ["period", "theme", "label", "stable", "n_statements", "n_period", "n_documents", "share"]
    if len(assignments) == 0:  # nothing over time: an empty table, said aloud
        warnings.warn("no statements to follow over time (the assignments table is empty)", UserWarning, stacklevel=2)
        return pd.DataFrame({column: [] for column in columns})
    dates = pd.to_datetime(assignments["date"])
    periods = dates.dt.to_period(freq)
    table = assignments.assign(period=periods)
    span = pd.period_range(periods.min(), periods.max(), freq=freq)
    themes = table[["theme", "label", "stable"]].drop_duplicates("theme").sort_values("theme", key=lambda s: s.where(s >= 0, 10**9))
    counts = table.groupby(["period", "theme"]).size()
    grid = pd.MultiIndex.from_product([span, themes["theme"]], names=["period", "theme"])
    out = counts.reindex(grid, fill_value=0).rename("n_statements").reset_index()
    totals = table.groupby("period").agg(n_period=("theme", "size"), n_documents=("doc_id", "nunique")).reindex(span, fill_value=0)
    out = out.merge(totals.rename_axis("period").reset_index(), on="period").merge(themes, on="theme")
    out["share"] = np.where(out["n_period"] > 0, out["n_statements"] / out["n_period"].where(out["n_period"] > 0, 1), np.nan)
    order = {t: i for i, t in enumerate(themes["theme"])}
    out = out.assign(_t=out["theme"].map(order)).sort_values(["period", "_t"], kind="stable").drop(columns="_t")
    out["period"] = out["period"].dt.start_time
    out["stable"] = out["stable"].astype("boolean")
    return out[columns].reset_index(drop=True)
