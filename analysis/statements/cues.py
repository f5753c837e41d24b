"""The cue lexicon of the attribution: reporting and event verbs, joint subjects, pronouns, turn labels.

:func:`load_cues` reads ``analysis/lexicons/cues.yaml`` (or a user's copy) into :class:`Cues`,
whose properties compile the regular expressions the rules (:mod:`analysis.statements.rules`) use.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from functools import cached_property
from pathlib import Path

import yaml

from ..inputs.errors import MAX_LEXICON_BYTES, LexiconError, check_yaml_limits

from ..paths import CUES
from ..text.patterns import word_start_alternation

__all__ = ["ADVERBS", "OPENERS", "Cues", "alternation", "load_cues"]

ADVERBS = (
    r"also|first|further|then|highly|fully|warmly|again|once again|briefly|positively|"
    r"repeatedly|particularly|especially|sincerely|earnestly|in turn|recently|previously|"
    r"earlier|today|yesterday|has|have|had|publicly|openly|clearly|officially|personally|"
    r"specifically|separately|later|subsequently|finally|meanwhile|moreover"
)

# What may stand between a subject and its verb: "(ROK)", "of the Republic of Korea",
# ", State Councilor and Foreign Minister,", adverbs.
_GAP = (
    r"(?:\s*\([^()]{0,80}\))?"
    r"(?:\s+of\s+(?:[A-Z][\w'’.-]*|of|and|the)(?:\s+(?:[A-Z][\w'’.-]*|of|and|the))*(?:\s*\([^()]{0,40}\))?)?"
    r"(?:\s*,\s*[^,]{1,120}?,)?"
    rf"\s+(?:(?:{ADVERBS})\s+)*"
)

# Words that open an adverbial before the subject: "On November 26, ..., President Moon met".
OPENERS = (
    r"On|In|At|During|After|Before|According to|Meanwhile|Also|Later|Then|Upon|Under|Over|"
    r"Through|Following|Besides|Moreover|Furthermore|Since|When|While|Last|This|Yesterday|"
    r"Today|Recently|Earlier|Previously|Separately|Additionally|Finally|First|Second|Third|"
    r"Fourth|Fifth|Lastly|Regarding|As for|As to|With|For|From|Speaking|Addressing|Meeting|"
    r"Talking|Asked|Commenting|Responding|Answering|Likewise|Similarly|However|But|And|Thus|"
    r"Therefore|Notably|Specifically|Importantly|Ahead of|Via|By|Once|Again|Earlier"
)

_OPTIONAL_KEYS = ("joint_nouns", "event_patterns", "narrator_patterns")

_LEADING_ADVERBIAL = rf"(?:(?:{OPENERS})\b[^;:]{{0,160}}?,\s+)?"


@dataclasses.dataclass(frozen=True)
class Cues:
    """The cue lexicon of the attribution; see ``analysis/lexicons/cues.yaml``."""

    reporting: tuple[str, ...]
    event: tuple[str, ...]
    joint_subjects: tuple[str, ...]
    joint_verbs: tuple[str, ...]
    pronouns: tuple[str, ...]
    question_labels: tuple[str, ...]
    answer_labels: tuple[str, ...]
    question_notes: tuple[str, ...]
    not_outlets: tuple[str, ...]
    person_titles: tuple[str, ...]
    institutions: tuple[str, ...]
    # Optional keys (older cue files lack them): the narrated-document rules of issue 12.
    joint_nouns: tuple[str, ...] = ()
    event_patterns: tuple[str, ...] = ()
    narrator_patterns: tuple[str, ...] = ()

    @cached_property
    def verb_kind(self) -> dict[str, str]:
        kinds = {verb: "event" for verb in self.event}
        kinds.update({verb: "reporting" for verb in self.reporting})
        return kinds

    @cached_property
    def subject_tail(self) -> re.Pattern:
        """Matches from the end of a subject: the gap, then a reporting or event verb."""
        return re.compile(self.gap + rf"(?P<verb>{alternation(self.verb_kind)})(?![\w-])")

    @cached_property
    def gap(self) -> str:
        """What may stand between a subject and its verb: an institution of the subject's side
        ("The ROK military said"), "(ROK)", "of the Republic of Korea", an appositive, adverbs."""
        return rf"(?:\s+(?:{alternation(self.institutions)})(?![\w-]))?" + _GAP

    @cached_property
    def joint(self) -> re.Pattern:
        verbs = alternation((*self.verb_kind, *self.joint_verbs))
        return re.compile(
            rf"{_LEADING_ADVERBIAL}(?P<subject>{alternation(self.joint_subjects)})(?![\w-]){self.gap}(?P<verb>{verbs})(?![\w-])"
        )

    @cached_property
    def pronoun(self) -> re.Pattern:
        return re.compile(
            rf"{_LEADING_ADVERBIAL}(?P<subject>{alternation(self.pronouns)})\b"
            rf"(?:\s+(?:(?:{ADVERBS})\s+)*(?P<verb>{alternation(self.verb_kind)})(?![\w-]))?"
        )

    @cached_property
    def unregistered(self) -> re.Pattern:
        name = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}"
        # "Minister of Foreign Affairs Kim Kyou-hyun": after an office's "of ...", a name of two words or more
        office = r"\s+of\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}?\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}"
        titles = word_start_alternation(sorted(set(self.person_titles), key=lambda p: (-len(p), p)), rest=_escaped_rest)
        return re.compile(rf"{titles}(?:{office}|\s+{name})")

    @cached_property
    def note(self) -> re.Pattern:
        return re.compile(rf"(?:{alternation(self.question_notes)})[^:]*:\s*", re.IGNORECASE)


def load_cues(path: str | Path | None = None) -> Cues:
    """Read a cue lexicon (default: ``analysis/lexicons/cues.yaml``).

    Parameters
    ----------
    path : str or Path, optional
        A YAML file with the keys of :class:`Cues`, each a list of phrases.

    Returns
    -------
    Cues

    Raises
    ------
    ValueError
        Naming the file and the key that is missing or not a list of strings.
    """
    path = Path(path) if path is not None else CUES
    return _parse_cues(path, path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=8)  # one parse (and one set of compiled patterns) per file text: read for every chunk of a corpus
def _parse_cues(path: Path, text: str) -> Cues:
    too_big = check_yaml_limits(text, str(path), max_bytes=MAX_LEXICON_BYTES)
    if too_big is not None:
        raise LexiconError([too_big])
    data = yaml.safe_load(text) or {}
    values = {}
    for field in dataclasses.fields(Cues):
        items = data.get(field.name)
        if items is None and field.name in _OPTIONAL_KEYS:
            continue
        if not (isinstance(items, list) and all(isinstance(i, str) and i for i in items)):
            raise ValueError(f"{path}: key `{field.name}` must be a list of phrases; see {CUES}")
        values[field.name] = tuple(items)
    for key in ("event_patterns", "narrator_patterns"):
        for pattern in values.get(key, ()):
            try:
                re.compile(pattern)
            except re.error as error:
                raise ValueError(f"{path}: key `{key}`: {pattern!r} is not a regular expression ({error})") from None
    return Cues(**values)


def alternation(phrases) -> str:
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


def _escaped_rest(phrase: str) -> str:
    """A phrase after its first character, escaped, its spaces any white space (as in :func:`alternation`)."""
    return re.escape(phrase[1:]).replace(r"\ ", r"\s+")
