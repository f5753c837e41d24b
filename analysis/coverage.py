"""What a corpus cannot show: the notebooks' figures and tables that need documents or voices it lacks.

A corpus of one readout has no press-conference turns, a corpus of speeches no reported speakers,
a corpus without the ROK voice no CN-ROK comparison, a corpus of English texts nothing in Korean.
:func:`describe_limits` lists each such gap in words, so a notebook run on a small corpus says what
it cannot show instead of failing or showing empty figures without a word. Each notebook names the
checks that concern it (:data:`LIMIT_CHECKS`).
"""

from __future__ import annotations

import pandas as pd

from .statements.schema import TURN_GENRES

__all__ = ["DEFAULT_CHECKS", "LIMIT_CHECKS", "LIMIT_COLUMNS", "describe_limits"]

LIMIT_COLUMNS = ("cannot_show", "because")
#: Every check :func:`describe_limits` knows: press-conference turns, readouts, the compared voices,
#: several documents, a speaker with enough statements (notebooks 01-03); speeches, two years in
#: which both voices speak, three states in one year (notebooks 04, 06); Korean text (notebook 05).
LIMIT_CHECKS = ("turns", "readouts", "voices", "documents", "speakers", "speeches", "years", "states", "korean")
#: The checks of notebooks 01-03 (the MFA texts).
DEFAULT_CHECKS = ("turns", "readouts", "voices", "documents", "speakers")


def describe_limits(statements: pd.DataFrame, *, voices=("CN", "ROK"), min_statements: int = 20,
                    checks=DEFAULT_CHECKS, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """The analyses a statements table cannot support, and why.

    Parameters
    ----------
    statements : pandas.DataFrame
        The statements table (:func:`analysis.pipeline.open_corpus`), with ``doc_id``, ``genre``,
        ``speaker``, ``voice``, ``date`` (or ``year``) and ``side``.
    voices : sequence of str, default ("CN", "ROK")
        The voices the notebooks compare.
    min_statements : int, default 20
        The fewest statements a speaker needs to be compared (notebook 03's ``min_statements``).
    checks : sequence of str, default :data:`DEFAULT_CHECKS`
        Which of :data:`LIMIT_CHECKS` to make: each notebook names what it draws on.
    documents : pandas.DataFrame, optional
        The documents table, with ``language``: needed by the ``"korean"`` check (default: no
        Korean document).

    Returns
    -------
    pandas.DataFrame
        :data:`LIMIT_COLUMNS`, one row per gap; one row saying so when there is none.

    Raises
    ------
    ValueError
        If a check is not one of :data:`LIMIT_CHECKS`.

    Examples
    --------
    >>> st = pd.DataFrame({"doc_id": ["a", "a"], "genre": ["readout"] * 2, "speaker": ["Xi Jinping", "narrator"],
    ...                    "voice": ["CN", "narrator"], "side": ["CN", "narrator"], "date": pd.to_datetime(["2020-05-13"] * 2)})
    >>> describe_limits(st)["cannot_show"].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['reported speakers in press-conference turns; themes over time in press conferences',
     'anything about the ROK voice: CN-ROK differences, keyness, ROK evidence',
     'document-bootstrap intervals (they need several documents)',
     'speaker similarities and the speaker map']
    >>> describe_limits(st, checks=("speeches", "korean"))["because"].tolist()
    ['no document of genre speech', 'no document in language ko']
    """
    unknown = sorted(set(checks) - set(LIMIT_CHECKS))
    if unknown:
        raise ValueError(f"describe_limits: unknown check(s) {unknown}; use some of {list(LIMIT_CHECKS)}")
    rows = []
    for check in LIMIT_CHECKS:
        if check in checks:
            rows += _CHECKS[check](statements, voices=tuple(voices), min_statements=min_statements, documents=documents)
    if not rows:
        rows.append(("nothing: every figure can be drawn", "the corpus has every genre and voice the notebooks use"))
    return pd.DataFrame(rows, columns=list(LIMIT_COLUMNS))


def _turns(statements, **_) -> list[tuple[str, str]]:
    if statements["genre"].isin(TURN_GENRES).any():
        return []
    return [("reported speakers in press-conference turns; themes over time in press conferences",
             f"no document of genre {', '.join(TURN_GENRES)}")]


def _readouts(statements, **_) -> list[tuple[str, str]]:
    return [] if (statements["genre"] == "readout").any() else [("the readout sample of the attribution rules", "no readout")]


def _voices(statements, *, voices, **_) -> list[tuple[str, str]]:
    present = set(statements["voice"]) if len(statements) else set()
    others = "-".join(voices)
    return [(f"anything about the {voice} voice: {others} differences, keyness, {voice} evidence",
             f"no statement in the {voice} voice") for voice in voices if voice not in present]


def _documents(statements, **_) -> list[tuple[str, str]]:
    n = statements["doc_id"].nunique()
    if n >= 2:
        return []
    return [("document-bootstrap intervals (they need several documents)",
             f"{n} document(s): intervals show the counts' own uncertainty only")]


def _speakers(statements, *, min_statements, **_) -> list[tuple[str, str]]:
    largest = int(statements["speaker"].value_counts().max()) if len(statements) else 0
    if largest >= min_statements:
        return []
    return [("speaker similarities and the speaker map", f"no speaker has {min_statements} statements (the most: {largest})")]


def _speeches(statements, **_) -> list[tuple[str, str]]:
    if (statements["genre"] == "speech").any():
        return []
    return [("anything about speeches (the UN General Debate): frame rates, trends, keyness, similarity and themes "
             "by party or member state", "no document of genre speech")]


def _years(statements, *, voices, **_) -> list[tuple[str, str]]:
    years = _years_of(statements)
    common = set.intersection(*(set(years[statements["voice"] == voice]) for voice in voices)) if len(voices) else set()
    if len(common) >= 2:
        return []
    return [(f"comparisons year by year: the {'-'.join(voices)} difference paired by year, yearly trends and "
             "similarities by year", f"{' and '.join(voices)} both speak in {len(common)} year(s); comparing years needs 2")]


def _states(statements, **_) -> list[tuple[str, str]]:
    speeches = statements[statements["genre"] == "speech"]
    most = int(speeches.groupby(_years_of(speeches))["side"].nunique().max()) if len(speeches) else 0
    if most >= 3:
        return []
    return [("typicality among all states (how each party's speech compares with all the others' that year)",
             f"at most {most} state(s) speak in one year; typicality needs 3")]


def _korean(statements, *, documents, **_) -> list[tuple[str, str]]:
    if documents is not None and (documents["language"] == "ko").any():
        return []
    return [("anything in Korean: the ROK president's own voice, the Korean lexicon's rates, praise, Peninsula "
             "positions, keyness and the cross-language check", "no document in language ko")]


def _years_of(statements: pd.DataFrame) -> pd.Series:
    if "year" in statements:
        return pd.to_numeric(statements["year"], errors="coerce")
    return pd.to_datetime(statements["date"]).dt.year


_CHECKS = {"turns": _turns, "readouts": _readouts, "voices": _voices, "documents": _documents, "speakers": _speakers,
           "speeches": _speeches, "years": _years, "states": _states, "korean": _korean}
