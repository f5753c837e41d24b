"""Speaker vectors: statements pooled by speaker, side, voice or document; their similarity and map."""

from __future__ import annotations

import dataclasses
import warnings
from typing import Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.decomposition import PCA
from sklearn.preprocessing import normalize

from ..statements.schema import require_columns
from ..text.tokens import n_words
from .vectorizer import unit_rows

__all__ = ["GROUPINGS", "MAP_COLUMNS", "POOLED_COLUMNS", "SIMILARITY_COLUMNS", "PooledVectors", "compute_map", "compute_similarity", "pool_vectors"]

#: Groupings the notebooks offer; any column of the statements table works too.
GROUPINGS = ("speaker", "side", "voice", "voice_speaker", "doc_id", ("speaker", "doc_id"))

#: Columns of :attr:`PooledVectors.groups` besides the grouping columns.
POOLED_COLUMNS = ("group", "side", "n_statements", "n_words", "n_documents", "first_date", "last_date", "self_similarity")

#: Columns of :func:`compute_similarity`.
SIMILARITY_COLUMNS = ("group", "side", "n_statements", "other", "other_side", "other_n_statements", "kind", "similarity")

#: Columns of :func:`compute_map`.
MAP_COLUMNS = ("group", "kind", "side", "n_statements", "first_date", "last_date", "x", "y")




@dataclasses.dataclass(frozen=True, eq=False)
class PooledVectors:
    """One vector per group of statements (see :func:`pool_vectors`).

    Attributes
    ----------
    groups : pandas.DataFrame
        One row per group: the grouping columns and :data:`POOLED_COLUMNS`, in the
        order of the rows of ``matrix``.
    matrix : scipy.sparse.csr_matrix or numpy.ndarray
        The mean of each group's statement vectors.
    feature_names : numpy.ndarray
        The columns of ``matrix`` (terms, or SVD dimensions).
    by : tuple of str
        The grouping columns.
    excluded : pandas.DataFrame
        Groups left out for having fewer than ``min_statements`` statements (same columns as ``groups``).
    """

    groups: pd.DataFrame
    matrix: object
    feature_names: np.ndarray
    by: tuple
    excluded: pd.DataFrame


def pool_vectors(
    statements: pd.DataFrame,
    X,
    *,
    by: str | Sequence[str] = "speaker",
    min_statements: int = 1,
    feature_names: Sequence[str] | None = None,
    random_state: int = 0,
) -> PooledVectors:
    """Pool statement vectors by speaker, side, voice, document or speaker x document.

    A group's vector is the mean of its statements' vectors: each statement weighs the
    same, whatever its length. ``first_date``/``last_date`` span its statements' dates
    (NaT without a ``date`` column). ``self_similarity`` is the cosine similarity of two random
    halves of the group's statements (split-half): how alike the group is to itself at
    half its size, a yardstick for its similarity to others.

    Parameters
    ----------
    statements : pandas.DataFrame
        The statements table (rows aligned with ``X``); needs the grouping columns,
        ``doc_id`` and ``side`` (``voice`` and ``voice_speaker`` are made from
        ``side``/``speaker`` and ``reported_side``/``reported_speaker`` when absent).
    X : sparse matrix or ndarray
        The statements' vectors, e.g. ``StatementVectorizer().fit_transform(statements)``.
    by : str or sequence of str, default "speaker"
        The grouping column(s), e.g. ``"side"``, ``"voice"`` or ``("speaker", "doc_id")``.
    min_statements : int, default 1
        Groups with fewer statements go to ``excluded`` (listed, not silently dropped).
    feature_names : sequence of str, optional
        The columns of ``X`` (default ``"f0"``, ``"f1"`` ...): pass ``get_feature_names_out()``.
    random_state : int, default 0
        Seed of the split halves.

    Returns
    -------
    PooledVectors
        Groups sorted by side, then by statements (most first), then name.

    Raises
    ------
    KeyError
        A grouping column the statements table lacks.
    ValueError
        ``X`` and the table differ in rows, or no group has ``min_statements`` statements.

    Examples
    --------
    >>> from analysis.vectors import StatementVectorizer
    >>> st = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "speaker": ["Xi", "Moon", "Xi", "Moon"],
    ...                    "side": ["CN", "ROK", "CN", "ROK"], "n_words": [3, 3, 2, 2],
    ...                    "text": ["peace and talks", "peace and trade", "peace talks", "trade deal"]})
    >>> vectorizer = StatementVectorizer()
    >>> pooled = pool_vectors(st, vectorizer.fit_transform(st), by="speaker",
    ...                       feature_names=vectorizer.get_feature_names_out())
    >>> pooled.groups[["group", "side", "n_statements", "n_documents"]]
      group side  n_statements  n_documents
    0    Xi   CN             2            2
    1  Moon  ROK             2            2
    """
    by = (by,) if isinstance(by, str) else tuple(by)
    if not by:
        raise ValueError("by: name at least one grouping column, e.g. 'speaker'")
    table = statements
    missing = [c for c in (*by, "doc_id", "side") if c not in table.columns]
    if missing:
        raise KeyError(
            f"cannot group by {list(by)}: the statements table has no column(s) {missing}; "
            f"group by one of {[g if isinstance(g, str) else ' x '.join(g) for g in GROUPINGS]} or another column of the table"
        )
    if X.shape[0] != len(table):
        raise ValueError(f"X has {X.shape[0]} rows but the statements table {len(table)}: vectorize exactly these statements")
    if len(table) == 0:
        raise ValueError("no statements to pool: the statements table is empty")
    if int(min_statements) < 1:
        raise ValueError(f"min_statements={min_statements}: must be at least 1")
    names = np.asarray(feature_names if feature_names is not None else [f"f{i}" for i in range(X.shape[1])], dtype=object)
    if len(names) != X.shape[1]:
        raise ValueError(f"feature_names has {len(names)} names for {X.shape[1]} columns of X")
    keys = table[list(by)].astype(object).where(table[list(by)].notna(), "(none)").astype(str)
    codes, uniques = _factorize_rows(keys)
    n_groups = len(uniques)
    groups = pd.DataFrame(list(uniques), columns=list(by))
    groups.insert(0, "group", [" | ".join(values) for values in uniques])
    groups["side"] = _group_sides(table, by, codes, n_groups)
    words = table["n_words"] if "n_words" in table.columns else table["text"].map(n_words)
    groups["n_statements"] = np.bincount(codes, minlength=n_groups)
    groups["n_words"] = np.bincount(codes, weights=words.to_numpy(dtype=float), minlength=n_groups).astype("int64")
    groups["n_documents"] = pd.Series(table["doc_id"].to_numpy()).groupby(codes).nunique().reindex(range(n_groups)).to_numpy()
    dates = pd.Series(pd.to_datetime(table["date"]).to_numpy() if "date" in table.columns else pd.NaT, index=range(len(table)))
    groups["first_date"] = dates.groupby(codes).min().reindex(range(n_groups)).to_numpy()
    groups["last_date"] = dates.groupby(codes).max().reindex(range(n_groups)).to_numpy()
    membership = sp.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))), shape=(n_groups, len(codes)))
    matrix = _mean_rows(membership, X)
    groups["self_similarity"] = _split_half(codes, n_groups, X, random_state)
    order = groups.assign(_n=-groups["n_statements"]).sort_values(["side", "_n", "group"], kind="stable").index.to_numpy()
    groups, matrix = groups.loc[order].reset_index(drop=True), matrix[order]
    keep = (groups["n_statements"] >= int(min_statements)).to_numpy()
    if not keep.any():  # nothing to pool: every group is listed in `excluded`, and the caller is told
        warnings.warn(
            f"no group of {list(by)} has {min_statements} statements (the largest has {groups['n_statements'].max()}): "
            "nothing to compare; lower min_statements", UserWarning, stacklevel=2,
        )
    excluded = groups[~keep].reset_index(drop=True)
    return PooledVectors(groups[keep].reset_index(drop=True), matrix[np.flatnonzero(keep)], names, by, excluded)


def _group_sides(table: pd.DataFrame, by: tuple, codes: np.ndarray, n_groups: int) -> list[str]:
    if "voice" in by:
        column = "voice"
    elif "side" in by:
        column = "side"
    elif "voice_speaker" in by:
        require_columns(table, ["voice"])
        column = "voice"
    else:
        column = "side"
    values = table[column].astype(object).where(table[column].notna(), "unknown").to_numpy()
    value_codes, distinct = pd.factorize(values)  # a group's one value, or "mixed": its lowest and highest code differ
    span = pd.Series(value_codes).groupby(codes).agg(["min", "max"]).reindex(range(n_groups))
    low, high = span["min"].to_numpy(), span["max"].to_numpy()
    return [distinct[a] if a == b else "mixed" for a, b in zip(low, high)]


def _factorize_rows(keys: pd.DataFrame) -> tuple[np.ndarray, list[tuple]]:
    """Codes of the rows' tuples of values, numbered in order of first appearance, and the tuples.

    What ``pd.MultiIndex.from_frame(keys).factorize()`` gives, by pandas' own group numbering
    (``groupby(..., sort=False).ngroup()``), without building the tuples of every row.
    """
    codes = keys.groupby(list(keys.columns), sort=False, dropna=False).ngroup().to_numpy()
    first = np.unique(codes, return_index=True)[1]  # the first row of each code, codes in order
    return codes.astype(np.intp, copy=False), list(keys.iloc[first].itertuples(index=False, name=None))


def _mean_rows(membership: sp.csr_matrix, X):
    counts = np.asarray(membership.sum(axis=1)).ravel()
    scale = sp.diags(1.0 / np.maximum(counts, 1))
    pooled = scale @ membership @ X
    return sp.csr_matrix(pooled) if sp.issparse(pooled) else np.asarray(pooled)


def _split_half(codes: np.ndarray, n_groups: int, X, random_state: int) -> np.ndarray:
    """Cosine similarity of the mean vectors of two random halves of each group (NaN below 2 statements)."""
    rng = np.random.default_rng(random_state)
    sizes = np.bincount(codes, minlength=n_groups)
    permutation = rng.permutation(len(codes))
    permuted = codes[permutation]
    rank = pd.Series(permuted).groupby(permuted).cumcount().to_numpy()  # position within the group, in random order
    half = np.empty(len(codes), dtype=bool)
    half[permutation] = rank < sizes[permuted] // 2  # half A: the first floor(n/2) of each group
    rows = np.arange(len(codes))
    a = sp.csr_matrix((np.ones(half.sum()), (codes[half], rows[half])), shape=(n_groups, len(codes)))
    b = sp.csr_matrix((np.ones((~half).sum()), (codes[~half], rows[~half])), shape=(n_groups, len(codes)))
    similarity = _row_cosine(_mean_rows(a, X), _mean_rows(b, X))
    similarity[sizes < 2] = np.nan
    return similarity


def _row_cosine(a, b) -> np.ndarray:
    if sp.issparse(a):
        dot = np.asarray(a.multiply(b).sum(axis=1)).ravel()
        norm_a = np.sqrt(np.asarray(a.multiply(a).sum(axis=1)).ravel())
        norm_b = np.sqrt(np.asarray(b.multiply(b).sum(axis=1)).ravel())
    else:
        dot = np.einsum("ij,ij->i", a, b)
        norm_a, norm_b = np.linalg.norm(a, axis=1), np.linalg.norm(b, axis=1)
    denominator = norm_a * norm_b
    return np.divide(dot, denominator, out=np.full(len(dot), np.nan), where=denominator > 0)


def compute_similarity(pooled: PooledVectors) -> pd.DataFrame:
    """Cosine similarity of every pair of pooled vectors, as a long table.

    Parameters
    ----------
    pooled : PooledVectors
        From :func:`pool_vectors`.

    Returns
    -------
    pandas.DataFrame
        :data:`SIMILARITY_COLUMNS`, one row per ordered pair (``group``, ``other``), in
        the order of ``pooled.groups``. ``kind`` is ``"between"`` for two groups and
        ``"split-half"`` on the diagonal, where ``similarity`` is the group's
        ``self_similarity`` (not 1): a pair as similar as its groups are to themselves
        speaks alike. A group whose statements have no term left has NaN similarities.

    Examples
    --------
    >>> from analysis.vectors import StatementVectorizer
    >>> st = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "speaker": ["Xi", "Moon", "Xi", "Moon"],
    ...                    "side": ["CN", "ROK", "CN", "ROK"],
    ...                    "text": ["peace and talks", "peace and trade", "peace talks", "trade deal"]})
    >>> pooled = pool_vectors(st, StatementVectorizer().fit_transform(st), by="speaker")
    >>> table = compute_similarity(pooled)
    >>> table[table["kind"] == "between"][["group", "other", "similarity"]].round(2)
      group other  similarity
    1    Xi  Moon        0.22
    2  Moon    Xi        0.22
    """
    matrix = pooled.matrix
    dense = matrix.toarray() if sp.issparse(matrix) else np.asarray(matrix, dtype=float)
    unit = unit_rows(dense)
    similarity = unit @ unit.T
    empty = np.linalg.norm(dense, axis=1) == 0
    similarity[empty, :] = np.nan
    similarity[:, empty] = np.nan
    groups = pooled.groups
    n = len(groups)
    np.fill_diagonal(similarity, groups["self_similarity"].to_numpy(dtype=float))
    left, right = np.repeat(np.arange(n), n), np.tile(np.arange(n), n)
    return pd.DataFrame(
        {
            "group": groups["group"].to_numpy()[left],
            "side": groups["side"].to_numpy()[left],
            "n_statements": groups["n_statements"].to_numpy()[left],
            "other": groups["group"].to_numpy()[right],
            "other_side": groups["side"].to_numpy()[right],
            "other_n_statements": groups["n_statements"].to_numpy()[right],
            "kind": np.where(left == right, "split-half", "between"),
            "similarity": similarity[left, right],
        },
        columns=list(SIMILARITY_COLUMNS),
    )


def compute_map(*pooled: PooledVectors, random_state: int = 0) -> pd.DataFrame:
    """A 2-D map of groups (speakers, sides, documents ...): the first two principal components.

    The pooled vectors of every argument (e.g. speakers and documents) are scaled to unit
    length, so the map shows direction (vocabulary), not volume, and projected together on
    the first two principal components of their union: close points use similar words.

    Parameters
    ----------
    *pooled : PooledVectors
        One or more poolings of the same vectors (same ``feature_names``).
    random_state : int, default 0
        Seed of the (sparse) PCA solver.

    Returns
    -------
    pandas.DataFrame
        :data:`MAP_COLUMNS`; ``kind`` is the grouping (``"speaker"``, ``"doc_id"``,
        ``"speaker x doc_id"``). ``attrs["explained_variance_ratio"]`` holds the share of
        variance of each axis.

    Examples
    --------
    >>> from analysis.vectors import StatementVectorizer
    >>> st = pd.DataFrame({"doc_id": list("aabbcc"), "speaker": ["Xi", "Moon"] * 3, "side": ["CN", "ROK"] * 3,
    ...                    "text": ["peace talks", "trade deal", "peace and unity", "trade and jobs",
    ...                             "peace first", "trade now"]})
    >>> X = StatementVectorizer().fit_transform(st)
    >>> points = compute_map(pool_vectors(st, X, by="speaker"), pool_vectors(st, X, by="doc_id"))
    >>> points[["group", "kind", "side"]].values.tolist()
    [['Xi', 'speaker', 'CN'], ['Moon', 'speaker', 'ROK'], ['a', 'doc_id', 'mixed'], ['b', 'doc_id', 'mixed'], ['c', 'doc_id', 'mixed']]
    """
    if not pooled:
        raise ValueError("compute_map: pass at least one PooledVectors")
    names = pooled[0].feature_names
    for other in pooled[1:]:
        if len(other.feature_names) != len(names) or not np.array_equal(other.feature_names, names):
            raise ValueError("compute_map: every pooling must come from the same vectors (same feature_names)")
    blocks = [p.matrix for p in pooled]
    stacked = sp.vstack(blocks).tocsr() if any(sp.issparse(b) for b in blocks) else np.vstack(blocks)
    if stacked.shape[0] < 3:  # no map: an empty table, said aloud
        warnings.warn(f"compute_map: a 2-D map needs at least 3 groups, got {stacked.shape[0]}: no map; pool by a finer grouping",
                      UserWarning, stacklevel=2)
        return pd.DataFrame({column: [] for column in MAP_COLUMNS})
    unit = normalize(stacked)  # rows of unit length (zero rows stay zero), sparse stays sparse
    solver = "arpack" if sp.issparse(unit) else "full"  # arpack centres sparse data implicitly
    pca = PCA(n_components=2, svd_solver=solver, random_state=random_state)
    xy = pca.fit_transform(unit)
    frames = []
    for p in pooled:
        frame = p.groups[["group", "side", "n_statements", "first_date", "last_date"]].copy()
        frame.insert(1, "kind", " x ".join(p.by))
        frames.append(frame)
    points = pd.concat(frames, ignore_index=True)
    points["x"], points["y"] = xy[:, 0], xy[:, 1]
    points = points[list(MAP_COLUMNS)]
    points.attrs["explained_variance_ratio"] = [float(v) for v in pca.explained_variance_ratio_]
    return points
