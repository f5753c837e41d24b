"""Errors of bad input files: one :class:`InputError` listing every problem as ``file:line: what, what to do``.

One subclass per kind of input: :class:`CorpusError` (corpus files), :class:`SpeakersError`
(``speakers.yaml``), :class:`LexiconError` (the frame lexicon). Catch :class:`InputError` for all.
Also here: :func:`load_yaml`, the YAML reading shared by the corpus and speakers files.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable

import yaml

__all__ = ["CorpusError", "InputError", "LexiconError", "Problem", "SpeakersError", "load_yaml"]

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is much faster; same results


class _YamlLoader(_BaseLoader):
    """Safe YAML loading that keeps dates as written, so a bad date is reported, not raised."""


_YamlLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def load_yaml(text: str):
    """Parse YAML text safely, dates kept as the strings written (so a bad date can be reported).

    Examples
    --------
    >>> load_yaml("date: 2020-13-01")
    {'date': '2020-13-01'}
    """
    return yaml.load(text, Loader=_YamlLoader)


@dataclasses.dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file: where, what, and what to do."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class InputError(ValueError):
    """Raised when an input file has problems; lists all of them.

    Attributes
    ----------
    problems : list of Problem
        Every problem found, in file order.

    Examples
    --------
    >>> print(CorpusError([Problem("a.txt", 3, "bad date; write YYYY-MM-DD")]))
    1 problem(s) in the corpus:
    a.txt:3: bad date; write YYYY-MM-DD
    """

    what = "input"

    def __init__(self, problems: Iterable[Problem], what: str | None = None):
        self.problems = list(problems)
        lines = [str(p) for p in self.problems]
        super().__init__(f"{len(self.problems)} problem(s) in the {what or self.what}:\n" + "\n".join(lines))


class CorpusError(InputError):
    """Problems in corpus files (front matter, dates, ids, encodings, genres, languages)."""

    what = "corpus"


class SpeakersError(InputError):
    """Problems in a speakers file (``corpus/speakers.yaml``)."""

    what = "speakers file"


class LexiconError(InputError):
    """Problems in a frame lexicon (``analysis/lexicons/frames.yaml`` or a user's copy)."""

    what = "frame lexicon"
