"""Errors of bad input files: one :class:`InputError` listing every problem as ``file:line: what, what to do``.

One subclass per kind of input: :class:`CorpusError` (corpus files), :class:`SpeakersError`
(``speakers.yaml``), :class:`LexiconError` (the frame lexicon). Catch :class:`InputError` for all.
What is accepted but worth a look (text in another script than its declared language, a file
that is not a document, the shipped speakers file used for a folder without one) is an
:class:`InputWarning`, issued with :func:`warnings.warn`.

Also here: :func:`load_yaml`, the YAML reading shared by the corpus and speakers files, and
:func:`check_yaml_limits`, which refuses YAML too large or too deeply nested to load safely.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Iterable

import yaml

__all__ = [
    "MAX_LEXICON_BYTES",
    "MAX_YAML_DEPTH",
    "CorpusError",
    "InputError",
    "InputWarning",
    "LexiconError",
    "Problem",
    "SpeakersError",
    "check_yaml_limits",
    "load_yaml",
]

#: The deepest nesting of lists and mappings accepted in any YAML input (the shipped files use 5).
MAX_YAML_DEPTH = 20
#: The largest lexicon file read (cues, frames, stop words; the shipped ones are 6-20 kB).
MAX_LEXICON_BYTES = 2 * 1024 * 1024
_BLOCK_INDICATOR = re.compile(r"(?:^|\s)[-?](?=\s|$)|:(?=\s|$)")

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


def check_yaml_limits(text: str, name: str, *, max_bytes: int, max_depth: int = MAX_YAML_DEPTH, line: int = 1) -> Problem | None:
    """The problem with YAML text too large or too deeply nested to load safely, or None.

    Deep nesting crashes YAML loaders (the C loader overflows its stack, the Python one raises
    ``RecursionError``), so it is refused before loading. A cheap bound on the depth (brackets,
    indentation levels and block indicators) clears ordinary files; only files past that bound
    are parsed event by event (no recursion) to measure their real depth.

    Parameters
    ----------
    text : str
        The YAML text.
    name : str
        The file name, for the message.
    max_bytes : int
        The largest size accepted, in bytes of UTF-8.
    max_depth : int, default MAX_YAML_DEPTH
        The deepest nesting of lists and mappings accepted.
    line : int, default 1
        The file line where ``text`` starts (front matter starts on line 2).

    Examples
    --------
    >>> check_yaml_limits("a: [1, 2]", "x.yaml", max_bytes=100) is None
    True
    >>> print(check_yaml_limits("a: " + "[" * 50 + "]" * 50, "x.yaml", max_bytes=1000))
    x.yaml:1: YAML nested more than 20 levels deep; flatten the lists and mappings
    """
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        return Problem(name, line, f"YAML of {size:,} bytes (at most {max_bytes:,} accepted); is this the right file?")
    if _depth_bound(text) <= max_depth:
        return None
    depth = deepest = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):  # the pure-Python parser keeps its own stack
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                deepest = max(deepest, depth)
                if deepest > max_depth:
                    break
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # a syntax error: reported by the loader, with its line
    if deepest > max_depth:
        return Problem(name, line, f"YAML nested more than {max_depth} levels deep; flatten the lists and mappings")
    return None


def _depth_bound(text: str) -> int:
    """An upper bound of the nesting depth of YAML text, cheap to compute."""
    flow = deepest_flow = 0
    for char in text:
        if char in "[{":
            flow += 1
            deepest_flow = max(deepest_flow, flow)
        elif char in "]}":
            flow -= 1
    indents: list[int] = []
    block = 0
    for row in text.split("\n"):
        stripped = row.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(row) - len(stripped)
        while indents and indents[-1] >= indent:
            indents.pop()
        indents.append(indent)
        block = max(block, len(indents) + len(_BLOCK_INDICATOR.findall(stripped)))
    return deepest_flow + block


@dataclasses.dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file: where, what, and what to do (``line`` 0: the whole file)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


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


class InputWarning(UserWarning):
    """Input accepted but worth a look: the message is ``file:line: what, what to do``."""


class CorpusError(InputError):
    """Problems in corpus files (front matter, dates, ids, encodings, genres, languages)."""

    what = "corpus"


class SpeakersError(InputError):
    """Problems in a speakers file (``corpus/speakers.yaml``)."""

    what = "speakers file"


class LexiconError(InputError):
    """Problems in a frame lexicon (``analysis/lexicons/frames.yaml`` or a user's copy)."""

    what = "frame lexicon"
