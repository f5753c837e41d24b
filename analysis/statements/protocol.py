"""Protocol is not substance: flag the courtesies of an address to an assembly.

A General Debate speech opens by congratulating the President of the General Assembly "on your
election", trusts the session will succeed "under your able leadership", pays tribute to the
outgoing President, thanks the Secretary-General, and closes with "Thank you". Those sentences
are flagged ``protocol`` (:func:`flag_protocol`; :func:`analysis.statements.attribute_statements`
adds the column): they stay in the statements table (the code is honest about what a sentence
says), but the frames the cue file lists (``leadership_praise``) do not count them in rates
(:func:`exclude_protocol`, used by :mod:`analysis.comparison`) nor in the praise matrix.

The cues are a YAML file, ``analysis/lexicons/protocol.yaml`` (its header documents the rules);
pass your own with ``load_protocol_cues(path)``.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from functools import cached_property
from pathlib import Path
from typing import Sequence

import pandas as pd
import yaml

from ..paths import PROTOCOL_LEXICON

__all__ = ["ProtocolCues", "evaluate_protocol", "exclude_protocol", "flag_protocol", "is_protocol", "load_protocol_cues"]

_KEYS = ("genres", "frames", "officers", "courtesies", "substance", "formulas", "salutations")


@dataclasses.dataclass(frozen=True)
class ProtocolCues:
    """The protocol cue lists (see ``analysis/lexicons/protocol.yaml``) and their patterns."""

    genres: tuple[str, ...]
    frames: tuple[str, ...]
    officers: tuple[str, ...]
    courtesies: tuple[str, ...]
    substance: tuple[str, ...]
    formulas: tuple[str, ...]
    salutations: tuple[str, ...]

    @cached_property
    def officer_pattern(self) -> re.Pattern:
        """Any officer title (including the second person that addresses the President)."""
        return _compile(self.officers)

    @cached_property
    def officer_title_pattern(self) -> re.Pattern:
        """The officers named by title only (no "you"/"your"): who praise of ``UN officers`` is about."""
        return _compile([o for o in self.officers if o.lower() not in ("you", "your", "yourself")])

    @cached_property
    def patterns(self) -> dict[str, re.Pattern]:
        return {key: _compile(getattr(self, key)) for key in ("courtesies", "substance", "formulas", "salutations")}

    def can_match(self, key: str, text: str) -> bool:
        """False when the pattern of ``key`` (``officers``, ``officer_titles`` or a key of :attr:`patterns`)
        cannot match ``text``: an ASCII text that holds none of the words its phrases need (each phrase
        needs its longest plain word, in any case). A cheap test before the regular expression.

        Examples
        --------
        >>> cues = load_protocol_cues()
        >>> cues.can_match("officer_titles", "Peace matters."), cues.can_match("officer_titles", "The SECRETARY-general spoke.")
        (False, True)
        """
        words = self._needed_words.get(key)
        if words is None or not text.isascii():
            return True
        return any(map(text.lower().__contains__, words))

    @cached_property
    def _needed_words(self) -> dict[str, tuple[str, ...] | None]:
        titles = tuple(o for o in self.officers if o.lower() not in ("you", "your", "yourself"))
        lists = {"officers": self.officers, "officer_titles": titles, **{key: getattr(self, key) for key in ("courtesies", "substance", "formulas", "salutations")}}
        return {key: _needed_words(phrases) for key, phrases in lists.items()}


def load_protocol_cues(path: str | Path | None = None) -> ProtocolCues:
    """Read the protocol cues (default ``analysis/lexicons/protocol.yaml``).

    Parameters
    ----------
    path : str or Path, optional
        A YAML file with the keys ``genres``, ``frames``, ``officers``, ``courtesies``,
        ``substance``, ``formulas``, ``salutations``, each a list of strings.

    Returns
    -------
    ProtocolCues

    Raises
    ------
    ValueError
        Naming the file and the key that is missing or not a list of strings.

    Examples
    --------
    >>> load_protocol_cues().frames
    ('leadership_praise',)
    """
    path = Path(path) if path is not None else PROTOCOL_LEXICON
    return _parse_protocol_cues(str(path), path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=8)  # one parse (and one set of compiled patterns) per file text: it is read per speech
def _parse_protocol_cues(path: str, text: str) -> ProtocolCues:
    data = yaml.safe_load(text) or {}
    values = {}
    for key in _KEYS:
        items = data.get(key)
        if not (isinstance(items, list) and all(isinstance(i, str) and i.strip() for i in items)):
            raise ValueError(f"{path}: key `{key}` must be a list of phrases; see {PROTOCOL_LEXICON}")
        values[key] = tuple(items)
    return ProtocolCues(**values)


def is_protocol(text: str, cues: ProtocolCues | None = None) -> bool:
    """Whether one sentence is a protocol courtesy (the rules of ``protocol.yaml``).

    Examples
    --------
    >>> is_protocol("I congratulate you, Sir, on your election to the presidency.")
    True
    >>> is_protocol("Thank you, Mr. President.")
    True
    >>> is_protocol("We support the Secretary-General's reform plan.")
    False
    >>> is_protocol("The Korean Peninsula must be denuclearized.")
    False
    """
    cues = cues if cues is not None else load_protocol_cues()
    text = str(text)
    patterns = cues.patterns
    if cues.can_match("formulas", text) and patterns["formulas"].search(text):
        return True
    if _only_salutations(text, patterns["salutations"], cues.salutations):
        return bool(text.strip())
    return bool(
        cues.can_match("officers", text) and cues.officer_pattern.search(text)
        and patterns["courtesies"].search(text) and not patterns["substance"].search(text)
    )


def _only_salutations(text: str, salutations: re.Pattern, phrases: tuple[str, ...]) -> bool:
    """Whether no word is left of ``text`` once its salutations are taken out (``salutations.sub``).

    When every salutation starts with a word character (those of ``protocol.yaml`` do), a match
    can start only at a word: the text is salutations only when the salutation pattern matches at
    its first word, then at the first word after that match, and so on to the end; a sentence
    that does not open with a salutation is decided at its first word, without a pass over it.
    """
    if not _open_with_words(phrases):
        return not _WORD.search(salutations.sub(" ", text))
    position = 0
    while (word := _WORD.search(text, position)) is not None:
        match = salutations.match(text, word.start())
        if match is None:
            return False
        position = match.end()
    return True


@functools.lru_cache(maxsize=8)
def _open_with_words(phrases: tuple[str, ...]) -> bool:
    return all(_WORD.match(phrase.split()[0]) and not phrase.startswith("~") for phrase in phrases if phrase.split())


_WORD = re.compile(r"\w")


def flag_protocol(statements: pd.DataFrame, cues: ProtocolCues | None = None) -> pd.DataFrame:
    """Add the bool column ``protocol``: the sentence is a courtesy of an address (see :func:`is_protocol`).

    Only statements whose ``genre`` is one of the cues' ``genres`` (``speech``) can be protocol.

    Parameters
    ----------
    statements : pandas.DataFrame
        Needs ``text`` and ``genre``.
    cues : ProtocolCues, optional
        Default :func:`load_protocol_cues`.

    Returns
    -------
    pandas.DataFrame
        A copy with ``protocol`` (bool).

    Examples
    --------
    >>> st = pd.DataFrame({"genre": ["speech", "speech", "press-conference"],
    ...                    "text": ["Under your able leadership, this session will succeed.",
    ...                             "Peace needs dialogue.", "We thank the Secretary-General."]})
    >>> flag_protocol(st)["protocol"].tolist()
    [True, False, False]
    """
    missing = {"text", "genre"} - set(statements.columns)
    if missing:
        raise KeyError(f"statements lack column(s) {sorted(missing)}; make them with analysis.statements.attribute_statements")
    cues = cues if cues is not None else load_protocol_cues()
    eligible = statements["genre"].isin(cues.genres).to_numpy()
    texts = statements["text"].fillna("").astype(str).tolist()  # (a list: iterating a column of str is slower)
    flags = [bool(ok) and is_protocol(text, cues) for ok, text in zip(eligible.tolist(), texts)]
    return statements.assign(protocol=pd.Series(flags, index=statements.index, dtype=bool))


def exclude_protocol(statements: pd.DataFrame, columns: Sequence[str], cues: ProtocolCues | None = None) -> pd.DataFrame:
    """Protocol statements counted as 0 in the columns of the cues' ``frames`` (``leadership_praise``).

    The statements stay (they are statements, just not praise between the parties): their 0/1
    column and ``<frame>_n`` count are set to 0, so rates per 100 statements keep their
    denominators. A table without ``protocol`` is returned unchanged.

    Parameters
    ----------
    statements : pandas.DataFrame
        Scored statements with ``protocol``.
    columns : sequence of str
        The columns about to be rated; only those listed under ``frames`` in the cues change.
    cues : ProtocolCues, optional

    Returns
    -------
    pandas.DataFrame
        The table itself when nothing changes, else a copy.

    Examples
    --------
    >>> st = pd.DataFrame({"protocol": [True, False], "leadership_praise": [1, 1], "leadership_praise_n": [2, 1]})
    >>> exclude_protocol(st, ["leadership_praise"])[["leadership_praise", "leadership_praise_n"]].values.tolist()
    [[0, 0], [1, 1]]
    """
    if "protocol" not in statements.columns:
        return statements
    cues = cues if cues is not None else load_protocol_cues()
    touched = [c for c in columns if c in cues.frames or any(c.startswith(f"{f}_") for f in cues.frames)]
    touched += [f"{c}_n" for c in list(touched) if f"{c}_n" in statements.columns]
    mask = statements["protocol"].fillna(False).astype(bool)
    if not touched or not mask.any():
        return statements
    out = statements.copy()
    for column in touched:
        out.loc[mask, column] = 0
    return out


def evaluate_protocol(gold: pd.DataFrame, cues: ProtocolCues | None = None) -> pd.DataFrame:
    """Precision and recall of the protocol flag against hand codes.

    Parameters
    ----------
    gold : pandas.DataFrame
        Sentences with ``text`` and the hand-coded ``protocol`` (0/1), and optionally ``sample``
        (e.g. ``tests/gold/un/frames_un.csv``); every sentence is taken as a speech sentence.
    cues : ProtocolCues, optional

    Returns
    -------
    pandas.DataFrame
        One row per sample (and ``all``): ``sample``, ``n``, ``gold_positives``, ``flagged``,
        ``true_positives``, ``precision``, ``recall``, ``f1``.

    Examples
    --------
    >>> gold = pd.DataFrame({"text": ["Thank you.", "Peace matters.", "I wish you success."], "protocol": [1, 0, 1]})
    >>> print(evaluate_protocol(gold)[["sample", "n", "true_positives", "precision", "recall"]].to_string(index=False))
    sample  n  true_positives  precision  recall
       all  3               2        1.0     1.0
    """
    cues = cues if cues is not None else load_protocol_cues()
    flagged = gold["text"].astype(str).map(lambda t: is_protocol(t, cues))
    coded = gold["protocol"].astype(int).astype(bool)
    samples = gold["sample"] if "sample" in gold.columns else pd.Series("all", index=gold.index)
    rows = []
    for name, part in [*((s, samples == s) for s in sorted(samples.unique()) if s != "all"), ("all", samples.notna())]:
        tp = int((flagged[part] & coded[part]).sum())
        n_flag, n_gold = int(flagged[part].sum()), int(coded[part].sum())
        precision = tp / n_flag if n_flag else float("nan")
        recall = tp / n_gold if n_gold else float("nan")
        f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else float("nan")
        rows.append(dict(sample=name, n=int(part.sum()), gold_positives=n_gold, flagged=n_flag, true_positives=tp,
                         precision=precision, recall=recall, f1=f1))
    return pd.DataFrame(rows)


def _needed_words(phrases: Sequence[str]) -> tuple[str, ...] | None:
    """The longest run of ASCII letters each phrase's pattern matches as written (a word, a ``word*``'s stem,
    the parts of ``Secretary-General`` or ``Mr.``), lower case; None if a phrase has none."""
    needed = set()
    for phrase in phrases:
        parts = [p for w in phrase.split() if not w.startswith("~") for p in re.split(r"[-.]", w.removesuffix("*"))]
        words = [p for p in parts if re.fullmatch(r"[A-Za-z]+", p)]
        if not words:
            return None
        needed.add(max(words, key=len).lower())
    return tuple(sorted(needed))


def _compile(phrases: Sequence[str]) -> re.Pattern:
    parts = []
    for phrase in sorted(set(phrases), key=lambda p: (-len(p), p)):
        words = []
        for word in phrase.split():
            gap = re.fullmatch(r"~(\d+)", word)
            if gap:
                words.append(rf"(?:\s+[\w'’.-]+){{0,{gap.group(1)}}}")
                continue
            star = word.endswith("*")
            body = re.escape(word.rstrip("*")).replace(r"\-", r"-\s*").replace(r"\.", r"\.?")
            words.append(body + (r"[\w'’-]*" if star else r"(?![\w-])"))
        joined = words[0]
        for word in words[1:]:
            joined += word if word.startswith("(?:\\s+") else r"\s+" + word
        parts.append(joined)
    return re.compile(rf"(?<![\w-])(?:{_group_by_first(parts) or '(?!x)x'})", re.IGNORECASE)


def _group_by_first(parts: list[str]) -> str:
    """The alternation of ``parts``, grouped by first letter (case-insensitively), order kept within a group.

    Only one group can match at a position, so the match is the flat alternation's, found faster
    (the engine tries one group's phrases, not every phrase). Parts that do not start with an ASCII
    letter or digit: the flat alternation.

    Examples
    --------
    >>> _group_by_first(["thank you", "tribute", "able"])
    't(?:hank you|ribute)|a(?:ble)'
    """
    if not all(part[:1].isalnum() and part[:1].isascii() for part in parts):
        return "|".join(parts)
    groups: dict[str, list[str]] = {}
    for part in parts:
        groups.setdefault(part[0].lower(), []).append(part[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())
