"""How clean is a document's text? A per-document quality indicator.

Texts from scanned records (the UN General Debate speeches of the 1990s) carry
hard line wraps inside sentences, words split across lines ("Anti- Fascist"),
sentences glued without a space ("Nations.The") and OCR slips ("People"3").
Nothing here changes a text: :func:`score_text_quality` measures, per document,

``n_tokens``
    words, as :func:`analysis.text.tokens.tokenize` (the suite's one tokenizer) finds them;
``n_unknown``, ``share_unknown``
    tokens that are not in the reference English vocabulary (below), and their share;
``n_hyphen_splits``
    a letter, a hyphen, then a space or line break and a letter ("Anti- Fascist",
    "Assem-\\nbly"); suspended hyphens before "and", "or", "to", "nor" ("short- and
    long-term") are not counted;
``n_glued``
    two lowercase letters, ``.``, ``!`` or ``?``, then a capitalised word with no
    space ("Nations.The"); abbreviations such as "U.S." are not counted;
``n_line_wraps``
    single line breaks (``\\n``, ``\\r`` or ``\\r\\n``, not a blank line) after a
    letter, digit, comma, semicolon or hyphen and before a word: a break inside a sentence;
``clean``
    True when ``share_unknown`` and the counts per 1,000 tokens are at or below
    the thresholds of :data:`THRESHOLDS` (a threshold of ``None`` is not
    applied); ``problems`` names the ones above them.

**Reference vocabulary.** Every word of the English ``large`` word list of the
PyPI package ``wordfreq`` (3.1.1; Speer, 2022), about 321,000 words with a
frequency of at least one per billion across Wikipedia, subtitles, news, books,
web text, Reddit and Twitter. It holds British and American spellings
("organisation", "honoured"), the vocabulary of international affairs
("multilateralism", "denuclearization") and frequent proper names ("Qian",
"DPRK"), and its data ships inside the package and no longer changes (the
author froze it in 2024), so the indicator is reproducible offline. A
hyphenated token is known when each of its parts is. Rare proper names are
unknown in any vocabulary, so ``share_unknown`` is compared with that of clean
modern texts, never read as an error rate.

**Thresholds** (:data:`THRESHOLDS`): a document is clean when its words are
no more damaged than those of the worst born-digital speech of the six parties
at the UN General Debate, 2015-2024 (measured maxima: 0.50% unknown tokens,
2.04 hyphen splits and 0 glued sentences per 1,000 tokens), rounded up: at most
0.5% unknown tokens, 2.5 hyphen splits and 0.5 glued sentences per 1,000
tokens. Line wraps do not enter the flag (threshold ``None``): they change no
word, and every UN record before 2015 has about 110 per 1,000 tokens (layout of
the official records), so the segmentation must read across them anyway. Pass
``thresholds={"line_wraps_per_1000": 5}`` to require unwrapped texts, or your own values.

To restrict any analysis to clean documents, filter its table with
:func:`select_clean` (documents, statements or any table with ``doc_id``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Mapping

import pandas as pd

from .tokens import tokenize

__all__ = ["QUALITY_COLUMNS", "THRESHOLDS", "score_text_quality", "select_clean"]

#: Columns of :func:`score_text_quality`'s table, in order.
QUALITY_COLUMNS = (
    "doc_id",
    "n_tokens",
    "n_unknown",
    "share_unknown",
    "n_hyphen_splits",
    "n_glued",
    "n_line_wraps",
    "clean",
    "problems",
)
#: The largest values a clean document may have: the share of unknown tokens,
#: and hyphen splits, glued sentences and line wraps per 1,000 tokens.
THRESHOLDS = {
    "share_unknown": 0.005,
    "hyphen_splits_per_1000": 2.5,
    "glued_per_1000": 0.5,
    "line_wraps_per_1000": None,
}

_BREAK = r"(?:\r\n|\r|\n)"
_HYPHEN_SPLIT = re.compile(rf"[^\W\d_]-(?:[ \t]+|[ \t]*{_BREAK}[ \t]*)(?!(?:and|or|to|nor)\b)[^\W\d_]")
_NUMBER_WORD = re.compile(r"\d+(?:s|st|nd|rd|th|fold)?")
_GLUED = re.compile(r"[a-z]{2}[.!?][A-Z][a-z]")
_LINE_WRAP = re.compile(rf"[\w,;-][ \t]*{_BREAK}(?![ \t]*{_BREAK})[ \t]*[\w(]")


def score_text_quality(
    documents: pd.DataFrame,
    *,
    vocabulary: Iterable[str] | None = None,
    thresholds: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Measure the text quality of every document.

    Parameters
    ----------
    documents : pandas.DataFrame
        A table with ``doc_id`` and ``text`` (the documents table of
        :func:`analysis.inputs.corpus.load_corpus`).
    vocabulary : iterable of str, optional
        Lowercase known words; by default the ``wordfreq`` English list (see
        the module docstring).
    thresholds : mapping, optional
        Overrides of :data:`THRESHOLDS` (same keys; ``None`` switches one off).

    Returns
    -------
    pandas.DataFrame
        One row per document, in the input order, with :data:`QUALITY_COLUMNS`.
        A document without tokens has ``share_unknown`` 0 and is not clean
        (``problems``: "no words").

    Raises
    ------
    KeyError
        If ``documents`` lacks ``doc_id`` or ``text``, or ``thresholds`` has an unknown key.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"],
    ...     "text": ["We support the United Nations.", "The Anti- Fascist\\nstruggle.Peace xqzt."]})
    >>> table = score_text_quality(docs, vocabulary={"we", "support", "the", "united", "nations",
    ...     "anti", "fascist", "struggle", "peace"})
    >>> table[["doc_id", "n_tokens", "n_unknown", "n_hyphen_splits", "n_glued", "n_line_wraps", "clean"]]
      doc_id  n_tokens  n_unknown  n_hyphen_splits  n_glued  n_line_wraps  clean
    0      a         5          0                0        0             0   True
    1      b         5          1                1        1             1  False
    """
    for column in ("doc_id", "text"):
        if column not in documents.columns:
            raise KeyError(f"score_text_quality needs a `{column}` column (the documents table of load_corpus)")
    limits = dict(THRESHOLDS)
    for key, value in (thresholds or {}).items():
        if key not in THRESHOLDS:
            raise KeyError(f"unknown threshold {key!r}; use {', '.join(THRESHOLDS)}")
        limits[key] = None if value is None else float(value)
    known = frozenset(vocabulary) if vocabulary is not None else _reference_vocabulary()
    rows = []
    for doc_id, text in zip(documents["doc_id"], documents["text"]):
        tokens = [t.lower() for t in tokenize(text)]
        n_unknown = sum(1 for t in tokens if not _is_known(t, known))
        row = dict(
            doc_id=doc_id,
            n_tokens=len(tokens),
            n_unknown=n_unknown,
            share_unknown=n_unknown / len(tokens) if tokens else 0.0,
            n_hyphen_splits=len(_HYPHEN_SPLIT.findall(text)),
            n_glued=len(_GLUED.findall(text)),
            n_line_wraps=len(_LINE_WRAP.findall(text)),
        )
        problems = _problems(row, limits)
        rows.append(dict(row, clean=not problems, problems="; ".join(problems)))
    return pd.DataFrame(rows, columns=list(QUALITY_COLUMNS))


def select_clean(table: pd.DataFrame, quality: pd.DataFrame) -> pd.DataFrame:
    """Keep the rows of any table (documents, statements...) whose document is clean.

    Parameters
    ----------
    table : pandas.DataFrame
        A table with ``doc_id``: documents, statements, frame scores.
    quality : pandas.DataFrame
        The result of :func:`score_text_quality` for (at least) those documents.

    Returns
    -------
    pandas.DataFrame
        The rows of ``table`` whose ``doc_id`` is ``clean``, in order, index
        kept. Report how many were left out: ``len(table) - len(result)``.

    Raises
    ------
    KeyError
        If ``table`` has documents that ``quality`` does not score (nothing is
        dropped silently): score them first.

    Examples
    --------
    >>> quality = pd.DataFrame({"doc_id": ["a", "b"], "clean": [True, False]})
    >>> statements = pd.DataFrame({"doc_id": ["a", "b", "a"], "sentence": [1, 1, 2]})
    >>> select_clean(statements, quality)["sentence"].tolist()
    [1, 2]
    """
    clean = quality.drop_duplicates("doc_id").set_index("doc_id")["clean"]
    missing = sorted(set(table["doc_id"]) - set(clean.index))
    if missing:
        shown = ", ".join(map(str, missing[:5])) + (" ..." if len(missing) > 5 else "")
        raise KeyError(f"{len(missing)} document(s) have no quality score ({shown}); run score_text_quality on them first")
    return table[table["doc_id"].map(clean).astype(bool)]


def _is_known(token: str, known: frozenset) -> bool:
    return _known_part(token, known) or ("-" in token and all(_known_part(part, known) for part in token.split("-") if part))


def _known_part(token: str, known: frozenset) -> bool:
    """In the vocabulary, or a number with an English ending ("1990s", "21st", "128th")."""
    return token in known or _NUMBER_WORD.fullmatch(token) is not None


def _problems(row: dict, limits: Mapping[str, float]) -> list[str]:
    if row["n_tokens"] == 0:
        return ["no words"]
    per_1000 = 1000 / row["n_tokens"]
    measured = {
        "share_unknown": row["share_unknown"],
        "hyphen_splits_per_1000": row["n_hyphen_splits"] * per_1000,
        "glued_per_1000": row["n_glued"] * per_1000,
        "line_wraps_per_1000": row["n_line_wraps"] * per_1000,
    }
    return [f"{key} {value:.3g} > {limits[key]:g}" for key, value in measured.items() if limits[key] is not None and value > limits[key]]


@lru_cache(maxsize=1)
def _reference_vocabulary() -> frozenset:
    try:
        from wordfreq import get_frequency_dict
    except ImportError as error:  # pragma: no cover - a requirement of the project
        raise ImportError("the text-quality indicator needs the package wordfreq (pip install -r requirements.txt), or pass vocabulary=") from error
    return frozenset(get_frequency_dict("en", wordlist="large"))
