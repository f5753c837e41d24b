"""A check of interpretability a person runs: word and theme intrusion, as in the oolong package for R.

Chang et al. (2009) and oolong (Chan & Sältzer 2020): if a theme means something, a reader
spots a word that does not belong among its top words (**word intrusion**), and a theme that
does not belong among those of a text (**theme intrusion**).

* :func:`make_intrusion_tasks` draws the tasks: per theme, ``n_word_tasks`` sets of
  ``n_words`` of its top terms plus one *intruder*, a top term of another theme that is not
  among this theme's top terms; and ``n_theme_tasks`` texts per theme, each shown with the
  top terms of its three heaviest themes and one intruder, the theme that weighs least in it.
  Options are shuffled.
* :func:`write_intrusion_tasks` writes the **task sheet** (what the coder sees: ``task_id``,
  ``kind``, ``text``, ``option_1`` ...; an empty ``answer`` column) and, apart, the **key**.
  The coder writes in ``answer`` the number of the option that does not belong, without
  opening the key.
* :func:`read_intrusion_answers` reads the sheet back (and says which line is wrong);
  :func:`score_intrusion` scores it against the key: per kind and theme, the **precision**
  (share of tasks where the intruder was found; a chance coder gets 1/6 for words, 1/4 for
  themes), and over all themes (``theme`` "all").
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["INTRUSION_SCORE_COLUMNS", "make_intrusion_tasks", "read_intrusion_answers", "score_intrusion", "write_intrusion_tasks"]

#: Columns of :func:`score_intrusion`.
INTRUSION_SCORE_COLUMNS = ("kind", "theme", "label", "n_tasks", "n_answered", "n_correct", "precision", "chance")

_CHANCE = {"word": 1 / 6, "theme": 1 / 4}


def make_intrusion_tasks(top_terms: pd.DataFrame, *, weights=None, texts=None, n_words: int = 5, n_word_tasks: int = 3,
                         n_theme_tasks: int = 2, pool: int = 8, min_words: int = 15, max_words: int = 90,
                         random_state: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:  # fmt: skip
    """Word-intrusion and theme-intrusion tasks, and their key.

    Parameters
    ----------
    top_terms : pandas.DataFrame
        ``theme``, ``rank``, ``term`` (and ``label``), as :func:`compute_top_terms` gives them:
        the words a reader is shown for each theme.
    weights : numpy.ndarray, shape (n_texts, n_themes), optional
        Theme weights of texts (``ThemeModel.weights_`` or unit weights); with ``texts``,
        theme-intrusion tasks are drawn.
    texts : sequence of str, optional
    n_words : int, default 5
        Top terms shown per word task (with the intruder: ``n_words + 1`` options).
    n_word_tasks : int, default 3
        Word tasks per theme, each with ``n_words`` drawn from the theme's ``pool`` top terms.
    n_theme_tasks : int, default 2
        Theme tasks per theme (texts whose heaviest theme it is, with at least three themes
        of positive weight when there are such texts).
    pool : int, default 8
    min_words, max_words : int
        Length of the texts drawn for theme tasks.
    random_state : int, default 0

    Returns
    -------
    (tasks, key) : tuple of pandas.DataFrame
        ``tasks``: ``task_id``, ``kind`` ("word" or "theme"), ``text`` (theme tasks),
        ``option_1`` ... ``option_6`` and an empty ``answer``. ``key``: ``task_id``, ``kind``,
        ``theme`` (whose words, or the text's heaviest theme), ``label``, ``intruder_option``,
        ``intruder``.

    Examples
    --------
    >>> terms = pd.DataFrame({"theme": [0] * 3 + [1] * 3, "rank": [1, 2, 3] * 2,
    ...     "term": ["hong kong", "SAR", "violence", "tariffs", "trade", "talks"]})
    >>> tasks, key = make_intrusion_tasks(terms, n_words=2, n_word_tasks=1, pool=3)
    >>> tasks[["task_id", "option_1", "option_2", "option_3"]].values.tolist()
    [['w01', 'violence', 'tariffs', 'SAR'], ['w02', 'tariffs', 'hong kong', 'talks']]
    >>> key[["task_id", "theme", "intruder_option", "intruder"]].values.tolist()
    [['w01', 0, 2, 'tariffs'], ['w02', 1, 2, 'hong kong']]
    """
    rng = np.random.default_rng(random_state)
    top_terms = top_terms.sort_values(["theme", "rank"], kind="stable")
    themes = sorted(int(t) for t in top_terms["theme"].unique() if t >= 0)
    words = {t: top_terms.loc[top_terms["theme"] == t, "term"].tolist() for t in themes}
    labels = top_terms.drop_duplicates("theme").set_index("theme")["label"].to_dict() if "label" in top_terms else {}
    rows = []
    for _ in range(n_word_tasks):
        for theme in themes:
            row = _word_task(theme, words, n_words, pool, rng)
            if row is not None:
                rows.append(row)
    if weights is not None and texts is not None:
        rows.extend(_theme_tasks(np.asarray(weights), list(texts), themes, words, n_words, n_theme_tasks, min_words, max_words, rng))
    tasks, key = [], []
    counters = {"word": 0, "theme": 0}
    for kind, theme, text, options, intruder in rows:
        counters[kind] += 1
        task_id = f"{kind[0]}{counters[kind]:02d}"
        order = rng.permutation(len(options))
        shown = [options[i] for i in order]
        tasks.append({"task_id": task_id, "kind": kind, "text": text, **{f"option_{i + 1}": o for i, o in enumerate(shown)}, "answer": ""})
        key.append({"task_id": task_id, "kind": kind, "theme": theme, "label": labels.get(theme, ""),
                    "intruder_option": int(np.flatnonzero(order == len(options) - 1)[0]) + 1, "intruder": options[-1]})  # fmt: skip
    tasks = pd.DataFrame(tasks)
    option_columns = sorted((c for c in tasks.columns if c.startswith("option_")), key=lambda c: int(c.split("_")[1]))
    tasks = tasks[["task_id", "kind", "text", *option_columns, "answer"]].fillna("")
    return tasks, pd.DataFrame(key)


def _word_task(theme, words, n_words, pool, rng):
    own = words[theme]
    shown = [own[i] for i in sorted(rng.choice(min(pool, len(own)), size=min(n_words, len(own)), replace=False))]
    seen = {w for term in own for w in term.split()}
    others = [t for t in words if t != theme]
    candidates = [term for other in others for term in words[other][:pool] if not set(term.split()) & seen]
    if not candidates or len(shown) < 2:
        return None
    intruder = candidates[rng.integers(len(candidates))]
    return ("word", theme, "", shown + [intruder], intruder)


def _theme_tasks(weights, texts, themes, words, n_words, n_tasks, min_words, max_words, rng):
    n_shown = min(3, len(themes) - 1)
    lengths = np.array([len(t.split()) for t in texts])
    heaviest = np.where(weights.max(axis=1) > 0, weights.argmax(axis=1), -1)
    positive = (weights > 0).sum(axis=1)
    describe = {t: ", ".join(words[t][:n_words]) for t in themes}
    rows = []
    for theme in themes:
        fits = np.flatnonzero((heaviest == theme) & (lengths >= min_words) & (lengths <= max_words))
        rich = fits[positive[fits] >= n_shown]
        chosen = rng.choice(rich if len(rich) >= n_tasks else fits, size=min(n_tasks, len(fits)), replace=False) if len(fits) else []
        for row in sorted(chosen):
            order = np.lexsort((np.arange(weights.shape[1]), -weights[row]))
            shown = [int(t) for t in order[:n_shown]]
            intruder = int(order[-1])
            rows.append(("theme", theme, texts[row], [describe[t] for t in shown] + [describe[intruder]], describe[intruder]))
    return rows


def write_intrusion_tasks(tasks: pd.DataFrame, key: pd.DataFrame, folder, *, name: str = "intrusion") -> tuple[Path, Path]:
    """Write the task sheet (``<name>-tasks.csv``) for the coder and, apart, the key (``<name>-key.csv``).

    Parameters
    ----------
    tasks, key : pandas.DataFrame
        From :func:`make_intrusion_tasks`.
    folder : str or Path
    name : str, default "intrusion"

    Returns
    -------
    (sheet, key) : tuple of Path

    Examples
    --------
    >>> import tempfile
    >>> tasks = pd.DataFrame({"task_id": ["w01"], "kind": ["word"], "text": [""], "option_1": ["a"], "answer": [""]})
    >>> sheet, answers = write_intrusion_tasks(tasks, pd.DataFrame({"task_id": ["w01"]}), tempfile.mkdtemp())
    >>> sheet.name, answers.name
    ('intrusion-tasks.csv', 'intrusion-key.csv')
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sheet, answers = folder / f"{name}-tasks.csv", folder / f"{name}-key.csv"
    tasks.to_csv(sheet, index=False)
    key.to_csv(answers, index=False)
    return sheet, answers


def read_intrusion_answers(path) -> pd.DataFrame:
    """Read a coded task sheet: ``task_id``, ``kind``, ``answer`` (the option number the coder chose).

    Parameters
    ----------
    path : str or Path
        The task sheet with the ``answer`` column filled in (blank: not answered).

    Returns
    -------
    pandas.DataFrame
        ``task_id``, ``kind``, ``answer`` (nullable integer).

    Raises
    ------
    ValueError
        A missing column, or an answer that is not the number of one of the task's options,
        named by file and line.

    Examples
    --------
    >>> import io
    >>> sheet = io.StringIO("task_id,kind,text,option_1,option_2,answer\\nw01,word,,peace,tariffs,2\\nw02,word,,a,b,\\n")
    >>> read_intrusion_answers(sheet)["answer"].tolist()
    [2, <NA>]
    """
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ("task_id", "kind", "answer") if c not in table.columns]
    if missing:
        raise ValueError(f"{path}: no column {missing}; use the task sheet written by write_intrusion_tasks")
    options = [c for c in table.columns if c.startswith("option_")]
    answers = []
    for line, row in enumerate(table.itertuples(index=False), start=2):
        value = row.answer.strip()
        n_options = sum(bool(getattr(row, c).strip()) for c in options)
        if value and not (value.isdigit() and 1 <= int(value) <= n_options):
            raise ValueError(f"{path}:{line}: answer {value!r} for task {row.task_id}; write the number (1-{n_options}) of the option that does not belong, or leave it blank")
        answers.append(int(value) if value else pd.NA)
    return pd.DataFrame({"task_id": table["task_id"], "kind": table["kind"], "answer": pd.array(answers, dtype="Int64")})


def score_intrusion(answers: pd.DataFrame, key: pd.DataFrame) -> pd.DataFrame:
    """Precision of intrusion detection per kind and theme, and over all themes.

    Parameters
    ----------
    answers : pandas.DataFrame
        :func:`read_intrusion_answers`.
    key : pandas.DataFrame
        The key written by :func:`write_intrusion_tasks` (``task_id``, ``kind``, ``theme``,
        ``label``, ``intruder_option``).

    Returns
    -------
    pandas.DataFrame
        :data:`INTRUSION_SCORE_COLUMNS`: per kind, one row per theme then one with ``theme``
        "all"; ``precision`` = ``n_correct / n_answered`` (unanswered tasks do not count),
        ``chance`` the precision of guessing.

    Raises
    ------
    ValueError
        Tasks of the sheet missing from the key, or the reverse.

    Examples
    --------
    >>> key = pd.DataFrame({"task_id": ["w01", "w02", "w03"], "kind": "word", "theme": [0, 0, 1],
    ...                     "label": ["peace", "peace", "trade"], "intruder_option": [2, 5, 1]})
    >>> answers = pd.DataFrame({"task_id": ["w01", "w02", "w03"], "kind": "word", "answer": pd.array([2, 3, 1], dtype="Int64")})
    >>> score_intrusion(answers, key)[["theme", "n_correct", "precision"]].values.tolist()
    [[0, 1, 0.5], [1, 1, 1.0], ['all', 2, 0.6666666666666666]]
    """
    unknown = sorted(set(answers["task_id"]) ^ set(key["task_id"]))
    if unknown:
        raise ValueError(f"tasks {unknown[:5]} are in the answers or the key but not both: score a sheet against its own key")
    table = key.merge(answers[["task_id", "answer"]], on="task_id")
    table["answered"] = table["answer"].notna()
    table["correct"] = table["answered"] & (table["answer"].fillna(-1).astype(int) == table["intruder_option"].astype(int))
    rows = []
    for kind, part in table.groupby("kind", sort=True):
        groups = [(theme, group) for theme, group in part.groupby("theme", sort=True)] + [("all", part)]
        for theme, group in groups:
            label = group["label"].iloc[0] if theme != "all" and "label" in group else ""
            answered, correct = int(group["answered"].sum()), int(group["correct"].sum())
            rows.append((kind, theme, label, len(group), answered, correct, correct / answered if answered else np.nan, _CHANCE.get(kind, np.nan)))
    return pd.DataFrame(rows, columns=list(INTRUSION_SCORE_COLUMNS))
