"""Frames: a readable lexicon, frame scores per statement, directed praise, facets and stance.

The frame lexicon is a YAML file (``analysis/lexicons/frames.yaml``; its header documents the
format) that defines each frame by **terms** (phrases matched as written) and **patterns**
(phrases with optional words, word-start wildcards, named lists and bounded gaps). Stages:

* :func:`load_lexicon` reads and checks it; every problem is reported as ``file:line: what,
  what to do`` (:class:`analysis.corpus.CorpusError`);
* :func:`find_frame_matches` lists every match (the evidence) as a tidy table; within a frame,
  overlapping matches keep the longest ("Republic of Korea" is one match, not also "Korea"), and
  ``exclude``/``ignore`` phrases block what they cover;
* :func:`score_frames` adds to the statements table, per frame, a 0/1 column, the number of
  matches and the matched terms; the ``voice`` (:func:`analysis.attribution.assign_voice`); facet columns (the
  Peninsula positions); the stance of a frame (multilateral endorsement versus mention); and the
  target of praise (``praise_target``: a person, a side, ``joint`` or ``other``);
* :func:`compute_praise_matrix` counts praiser × target; :func:`find_kwic` lists the statements
  behind any term, frame or facet (keyword in context); :func:`evaluate_frames` and
  :func:`evaluate_targets` compare the scores with hand-coded gold statements.

**Voice.** In press conferences the ROK side rarely speaks: its words arrive as reports inside
other turns ("President Moon said ..."). ``voice`` is the side whose position a statement
expresses: ``reported_side`` when the attribution found a reported speaker, else ``side``;
``voice_speaker`` likewise. ``side`` (who utters it) stays available for comparisons.
"""

from __future__ import annotations

import dataclasses
import re
from itertools import repeat
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
import yaml

from .corpus import CorpusError, Problem
from .attribution import _overlapping, assign_voice

__all__ = [
    "DEFAULT_LEXICON",
    "MATCH_COLUMNS",
    "NAMED_FRAMES",
    "Entry",
    "Frame",
    "Lexicon",
    "compile_phrase",
    "compute_praise_matrix",
    "evaluate_frames",
    "evaluate_targets",
    "find_frame_matches",
    "find_kwic",
    "load_lexicon",
    "plot_praise_matrix",
    "score_frames",
]

DEFAULT_LEXICON = Path(__file__).parent / "lexicons" / "frames.yaml"
#: The frames the issue names; the gold files code these three.
NAMED_FRAMES = ("leadership_praise", "multilateralism", "peninsula")
#: Columns of :func:`find_frame_matches`.
MATCH_COLUMNS = ("statement_id", "frame", "facet", "entry", "match", "start", "end", "target", "target_side")

_NAME = r"[A-Z][\w'’]*"
_GAP_WORD = r"[^\s;\x00]+"
_SEPARATOR = "\n\x00\n"  # joins statement texts: no entry can match across it
_TOKEN_LIST = re.compile(r"\{([A-Za-z_][\w]*)\}")
_GAP = re.compile(r"~(\d+)")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


# ----------------------------------------------------------------------------- lexicon


@dataclasses.dataclass(frozen=True)
class Entry:
    """One term or pattern of the lexicon, with the regular expression it compiles to.

    ``target`` says where a directed frame looks for its target beside the match (``after``
    or ``before``); with ``require_target`` the match counts only if a target is named;
    ``line`` is the lexicon file line, for messages; ``head`` (patterns) is a regular
    expression for the lower-cased first word a match can start with, or None when any word
    can (``{NAME}`` stands for any capitalised word): matching then tries only the words it admits.
    """

    text: str
    regex: str
    kind: str = "term"
    target: str = "after"
    line: int = 0
    require_target: bool = False
    head: str | None = None

    @property
    def pattern(self) -> re.Pattern:
        return _compiled(self.regex)


@dataclasses.dataclass(frozen=True)
class Frame:
    """A frame: its entries, exclusions, facets, stance cues and target search."""

    name: str
    description: str
    entries: tuple[Entry, ...]
    exclude: tuple[Entry, ...] = ()
    facets: tuple[tuple[str, tuple[Entry, ...]], ...] = ()
    stance_window: int = 0
    endorse: tuple[Entry, ...] = ()
    endorse_after: tuple[Entry, ...] = ()
    oppose: tuple[Entry, ...] = ()
    opposed_terms: tuple[Entry, ...] = ()
    target_column: str | None = None
    target_window: int = 8

    @property
    def facet_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.facets)

    @property
    def has_stance(self) -> bool:
        return bool(self.endorse or self.endorse_after or self.oppose)


@dataclasses.dataclass(frozen=True)
class Lexicon:
    """A frame lexicon (see :func:`load_lexicon`)."""

    frames: tuple[Frame, ...]
    targets: tuple[tuple[str, tuple[Entry, ...]], ...] = ()
    ignore: tuple[Entry, ...] = ()
    path: str = "<lexicon>"

    @property
    def frame_names(self) -> tuple[str, ...]:
        return tuple(frame.name for frame in self.frames)

    @classmethod
    def from_text(cls, text: str, name: str = "<text>") -> "Lexicon":
        """A lexicon from YAML text (the format of :func:`load_lexicon`); ``name`` labels messages.

        Examples
        --------
        >>> Lexicon.from_text("frames:\\n  peninsula:\\n    terms: [Korean Peninsula]\\n").frame_names
        ('peninsula',)
        """
        return _parse_lexicon(text, name)

    def frame(self, name: str) -> Frame:
        """The frame called ``name``; KeyError naming the frames otherwise."""
        for frame in self.frames:
            if frame.name == name:
                return frame
        raise KeyError(f"no frame `{name}` in {self.path}; frames: {', '.join(self.frame_names)}")

    def columns(self) -> list[str]:
        """The columns :func:`score_frames` adds, in order."""
        columns = ["voice", "voice_speaker"]
        for frame in self.frames:
            columns += [frame.name, f"{frame.name}_n", f"{frame.name}_terms"]
            columns += [f"{frame.name}_{facet}" for facet in frame.facet_names]
            if frame.has_stance:
                columns.append(f"{frame.name}_stance")
            if frame.target_column:
                columns += [frame.target_column, f"{frame.target_column}_side"]
        return columns


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Read and check a frame lexicon (default: ``analysis/lexicons/frames.yaml``).

    Parameters
    ----------
    path : str or Path, optional
        A YAML file in the format documented at the top of the default lexicon.

    Returns
    -------
    Lexicon

    Raises
    ------
    analysis.corpus.CorpusError
        Listing every problem as ``file:line: what is wrong, what to do``: unknown keys, a
        frame without terms or patterns, a term that is not a string, an unknown ``{list}``,
        a gap at the start or end of a pattern, a duplicated term within a frame.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "frames.yaml"
    >>> _ = path.write_text("frames:\\n  peninsula:\\n    terms: [Korean Peninsula, denuclearization]\\n")
    >>> load_lexicon(path).frame_names
    ('peninsula',)
    >>> _ = path.write_text("frames:\\n  peninsula:\\n    term: [Korean Peninsula]\\n")
    >>> load_lexicon(path)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    analysis.corpus.CorpusError: 2 problem(s) in the frame lexicon:
    ...frames.yaml:3: frame `peninsula`: unknown key `term`; use one of terms, patterns, description, exclude, facets, stance, targets
    ...frames.yaml:2: frame `peninsula` has no terms or patterns; add at least one
    """
    path = Path(path) if path is not None else DEFAULT_LEXICON
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise CorpusError([Problem(name, 1, f"not UTF-8 ({error.reason}); save it as UTF-8")], what="frame lexicon") from error
    return _parse_lexicon(text, name)


def _parse_lexicon(text: str, name: str) -> Lexicon:
    problems: list[Problem] = []
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise CorpusError([Problem(name, line, f"not valid YAML ({getattr(error, 'problem', error)}); fix the syntax")], what="frame lexicon") from error
    if not isinstance(root, yaml.MappingNode):
        raise CorpusError([Problem(name, 1, "expected a mapping with a `frames` key; see analysis/lexicons/frames.yaml")], what="frame lexicon")
    top = _mapping(root)
    for key, (key_node, _) in top.items():
        if key not in ("lists", "frames", "targets", "ignore"):
            problems.append(Problem(name, _line(key_node), f"unknown key `{key}`; use lists, frames, targets, ignore"))
    lists: dict[str, list[str]] = {"NAME": []}
    if "lists" in top:
        node = top["lists"][1]
        if not isinstance(node, yaml.MappingNode):
            problems.append(Problem(name, _line(node), "`lists` must map list names to lists of phrases"))
        else:
            for key, (key_node, value) in _mapping(node).items():
                items = _strings(value, f"list `{key}`", name, problems)
                if key == "NAME":
                    problems.append(Problem(name, _line(key_node), "`NAME` is built in (a capitalised word); rename the list"))
                lists[key] = items
    compiler = _Compiler(lists, name, problems)
    frames = []
    if "frames" not in top:
        problems.append(Problem(name, 1, "no `frames` key; define at least one frame (see analysis/lexicons/frames.yaml)"))
    else:
        node = top["frames"][1]
        if not isinstance(node, yaml.MappingNode) or not node.value:
            problems.append(Problem(name, _line(node), "`frames` must map frame names to their terms and patterns"))
        else:
            for frame_name, (key_node, value) in _mapping(node).items():
                frame = _parse_frame(frame_name, key_node, value, compiler, name, problems)
                if frame is not None:
                    frames.append(frame)
    targets = []
    if "targets" in top:
        node = top["targets"][1]
        if not isinstance(node, yaml.MappingNode):
            problems.append(Problem(name, _line(node), "`targets` must map a target (a side code, joint, other) to phrases"))
        else:
            for target, (_, value) in _mapping(node).items():
                targets.append((target, tuple(compiler.entries(value, f"targets `{target}`", allow_patterns=True))))
    ignore = tuple(compiler.entries(top["ignore"][1], "ignore")) if "ignore" in top else ()
    if problems:
        raise CorpusError(problems, what="frame lexicon")
    return Lexicon(frames=tuple(frames), targets=tuple(targets), ignore=ignore, path=name)


_FRAME_KEYS = ("terms", "patterns", "description", "exclude", "facets", "stance", "targets")


def _parse_frame(frame_name, key_node, node, compiler, name, problems) -> Frame | None:
    where = f"frame `{frame_name}`"
    if not re.fullmatch(r"[a-z][a-z0-9_]*", str(frame_name)):
        problems.append(Problem(name, _line(key_node), f"{where}: name it with lowercase letters, digits and _ (it becomes a column)"))
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(name, _line(node), f"{where} must be a mapping with terms and/or patterns"))
        return None
    keys = _mapping(node)
    for key, (k_node, _) in keys.items():
        if key not in _FRAME_KEYS:
            problems.append(Problem(name, _line(k_node), f"{where}: unknown key `{key}`; use one of {', '.join(_FRAME_KEYS)}"))
    entries = []
    if "terms" in keys:
        entries += compiler.entries(keys["terms"][1], f"{where} terms")
    if "patterns" in keys:
        entries += compiler.entries(keys["patterns"][1], f"{where} patterns", patterns=True)
    if not entries:
        problems.append(Problem(name, _line(key_node), f"{where} has no terms or patterns; add at least one"))
    _check_duplicates(entries, where, name, problems)
    description = ""
    if "description" in keys:
        value = keys["description"][1]
        description = value.value if isinstance(value, yaml.ScalarNode) else ""
    exclude = tuple(compiler.entries(keys["exclude"][1], f"{where} exclude")) if "exclude" in keys else ()
    facets = []
    if "facets" in keys:
        facet_node = keys["facets"][1]
        if not isinstance(facet_node, yaml.MappingNode):
            problems.append(Problem(name, _line(facet_node), f"{where}: `facets` must map facet names to terms/patterns"))
        else:
            for facet, (f_key, f_node) in _mapping(facet_node).items():
                facet_entries = []
                if isinstance(f_node, yaml.MappingNode):
                    f_keys = _mapping(f_node)
                    for key, (k_node, _) in f_keys.items():
                        if key not in ("terms", "patterns"):
                            problems.append(Problem(name, _line(k_node), f"{where} facet `{facet}`: unknown key `{key}`; use terms, patterns"))
                    if "terms" in f_keys:
                        facet_entries += compiler.entries(f_keys["terms"][1], f"{where} facet `{facet}` terms")
                    if "patterns" in f_keys:
                        facet_entries += compiler.entries(f_keys["patterns"][1], f"{where} facet `{facet}` patterns", patterns=True)
                if not facet_entries:
                    problems.append(Problem(name, _line(f_key), f"{where} facet `{facet}` has no terms or patterns; add some"))
                if not re.fullmatch(r"[a-z][a-z0-9_]*", str(facet)):
                    problems.append(Problem(name, _line(f_key), f"{where} facet `{facet}`: use lowercase letters, digits and _"))
                facets.append((facet, tuple(facet_entries)))
    stance = {"window": 8, "endorse": (), "endorse_after": (), "oppose": (), "opposed_terms": ()}
    if "stance" in keys:
        s_node = keys["stance"][1]
        if not isinstance(s_node, yaml.MappingNode):
            problems.append(Problem(name, _line(s_node), f"{where}: `stance` must be a mapping (window, endorse, endorse_after, oppose, opposed_terms)"))
        else:
            for key, (k_node, value) in _mapping(s_node).items():
                if key == "window":
                    stance["window"] = _positive_int(value, f"{where} stance window", name, problems)
                elif key in ("endorse", "endorse_after", "oppose", "opposed_terms"):
                    stance[key] = tuple(compiler.entries(value, f"{where} stance {key}", patterns=key != "opposed_terms"))
                else:
                    problems.append(Problem(name, _line(k_node), f"{where} stance: unknown key `{key}`; use window, endorse, endorse_after, oppose, opposed_terms"))
    target_column, target_window = None, 8
    if "targets" in keys:
        t_node = keys["targets"][1]
        if not isinstance(t_node, yaml.MappingNode):
            problems.append(Problem(name, _line(t_node), f"{where}: `targets` must be a mapping (column, window)"))
        else:
            target_column = f"{frame_name}_target"
            for key, (k_node, value) in _mapping(t_node).items():
                if key == "column":
                    target_column = str(value.value)
                elif key == "window":
                    target_window = _positive_int(value, f"{where} targets window", name, problems)
                else:
                    problems.append(Problem(name, _line(k_node), f"{where} targets: unknown key `{key}`; use column, window"))
    return Frame(
        name=str(frame_name),
        description=str(description),
        entries=tuple(entries),
        exclude=exclude,
        facets=tuple(facets),
        stance_window=stance["window"],
        endorse=stance["endorse"],
        endorse_after=stance["endorse_after"],
        oppose=stance["oppose"],
        opposed_terms=stance["opposed_terms"],
        target_column=target_column,
        target_window=target_window,
    )


def _check_duplicates(entries, where, name, problems) -> None:
    seen: dict[str, Entry] = {}
    for entry in entries:
        key = " ".join(entry.text.lower().split()) if entry.kind == "term" else entry.text
        if key in seen:
            problems.append(Problem(name, entry.line, f"{where}: `{entry.text}` is listed twice (also line {seen[key].line}); keep one"))
        else:
            seen[key] = entry


class _Compiler:
    """Turns terms and patterns into regular expressions, collecting problems."""

    def __init__(self, lists: dict[str, list[str]], name: str, problems: list[Problem]):
        self.lists = lists
        self.name = name
        self.problems = problems

    def entries(self, node, where: str, *, patterns: bool = False, allow_patterns: bool = False) -> list[Entry]:
        if not isinstance(node, yaml.SequenceNode):
            self.problems.append(Problem(self.name, _line(node), f"{where} must be a list of phrases"))
            return []
        out = []
        for item in node.value:
            target, required = "after", False
            if isinstance(item, yaml.MappingNode) and patterns:
                keys = _mapping(item)
                unknown = set(keys) - {"pattern", "target", "require_target"}
                if unknown or "pattern" not in keys:
                    self.problems.append(Problem(self.name, _line(item), f"{where}: a mapping item needs `pattern` (optionally `target: before|after`, `require_target: true`)"))
                    continue
                if "target" in keys:
                    target = str(keys["target"][1].value)
                    if target not in ("before", "after"):
                        self.problems.append(Problem(self.name, _line(keys["target"][1]), f"{where}: target must be `before` or `after`, not `{target}`"))
                        continue
                if "require_target" in keys:
                    flag = str(keys["require_target"][1].value).lower()
                    if flag not in ("true", "false"):
                        self.problems.append(Problem(self.name, _line(keys["require_target"][1]), f"{where}: require_target must be true or false"))
                        continue
                    required = flag == "true"
                item = keys["pattern"][1]
            if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
                self.problems.append(Problem(self.name, _line(item), f"{where}: each item must be a non-empty phrase"))
                continue
            text = str(item.value).strip()
            is_pattern = patterns or (allow_patterns and ("{" in text or "~" in text or text.endswith("*")))
            try:
                regex = self.pattern(text) if is_pattern else _render_literal(text)
                re.compile(regex)
            except ValueError as error:
                self.problems.append(Problem(self.name, _line(item), f"{where}: `{text}`: {error}"))
                continue
            out.append(
                Entry(text=text, regex=_bounded(regex), kind="pattern" if is_pattern else "term", target=target,
                      line=_line(item), require_target=required, head=self.head(text) if is_pattern else None)
            )
        return out

    def pattern(self, text: str) -> str:
        tokens = text.split()
        pieces: list[tuple[str, str]] = []  # (kind, regex): kind in word, optional, gap
        for token in tokens:
            gap = _GAP.fullmatch(token)
            if gap:
                pieces.append(("gap", rf"(?:\s+{_GAP_WORD}){{0,{int(gap.group(1))}}}?"))
                continue
            optional = token.endswith("?") and len(token) > 1
            if optional:
                token = token[:-1]
            pieces.append(("optional" if optional else "word", self._token(token)))
        if not pieces or all(kind != "word" for kind, _ in pieces):
            raise ValueError("a pattern needs at least one required word; add one")
        if pieces[0][0] == "gap" or pieces[-1][0] == "gap":
            raise ValueError("a pattern cannot start or end with a gap ~N; put words around it")
        out, started = "", False
        for kind, regex in pieces:
            if not started:
                if kind == "optional":
                    out += rf"(?:{regex}\s+)?"
                    continue
                if kind == "gap":
                    raise ValueError("a gap ~N cannot follow only optional words; put a required word before it")
                out += regex
                started = True
            elif kind == "gap":
                out += regex
            elif kind == "optional":
                out += rf"(?:\s+{regex})?"
            else:
                out += rf"\s+{regex}"
        return out

    def head(self, text: str) -> str | None:
        """The first words a match of pattern ``text`` can start with (lower case), or None."""
        alternatives: set[str] = set()
        for token in text.split():
            optional = token.endswith("?") and len(token) > 1
            heads = self._token_head(token[:-1] if optional else token)
            if heads is None:
                return None
            alternatives.update(heads)
            if not optional:
                return "|".join(sorted(alternatives))
        return None

    def _token_head(self, token: str) -> list[str] | None:
        lead = _TOKEN_LIST.match(token)
        if lead is None:  # a literal start: its first word, unless a list continues that word
            brace = token.find("{")
            literal = token if brace < 0 else token[:brace]
            head = _word_head(literal, open_end=False)
            run = re.match(r"\w+", literal)
            if brace >= 0 and run is not None and run.end() == len(literal):
                return None
            return None if head is None else [head]
        name = lead.group(1)
        if name == "NAME":  # any capitalised word; one joined by a hyphen when the token goes on so
            return [_NAME_HEAD + "-"] if token[lead.end() : lead.end() + 1] in ("-", "‐", "–") and lead.end() < len(token) else [_NAME_HEAD]
        if name not in self.lists:
            return None
        rest = token[lead.end() :]
        heads = []
        for phrase in self.lists[name]:
            words = phrase.split()
            open_end = len(words) == 1 and bool(re.match(r"[\w*{]", rest))
            head = _word_head(words[0], open_end=open_end)
            if head is None:
                return None
            heads.append(head)
        return heads

    def _token(self, token: str) -> str:
        parts, position = [], 0
        for match in _TOKEN_LIST.finditer(token):
            parts.append(_render_word(token[position : match.start()]))
            parts.append(self._list(match.group(1)))
            position = match.end()
        tail = token[position:]
        if tail.endswith("*") and len(tail) > 1:
            parts.append(_render_word(tail[:-1]) + r"[\w-]*")
        elif tail == "*" and parts:
            parts.append(r"[\w-]*")
        else:
            parts.append(_render_word(tail))
        return "".join(p for p in parts if p)

    def _list(self, name: str) -> str:
        if name == "NAME":
            return _NAME
        if name not in self.lists:
            known = ", ".join(sorted(k for k in self.lists if k != "NAME")) or "none"
            raise ValueError(f"unknown list `{{{name}}}`; define it under `lists:` (defined: {known})")
        alternatives = []
        for phrase in sorted(self.lists[name], key=lambda p: (-len(p), p)):
            words = phrase.split()
            rendered = []
            for word in words:
                if word.endswith("*") and len(word) > 1:
                    rendered.append(_render_word(word[:-1]) + r"[\w-]*")
                else:
                    rendered.append(_render_word(word))
            alternatives.append(r"\s+".join(rendered))
        return "(?:" + "|".join(alternatives) + ")"


def compile_phrase(phrase: str) -> re.Pattern:
    """The regular expression of a lexicon term (literal phrase), as :func:`find_kwic` uses it.

    Words are matched case-insensitively, except words written in capitals (``UN``, ``WHO``);
    any run of spaces matches any whitespace; ``'`` matches ``’``; a hyphenated compound is one
    word ("ROK" does not match inside "China-ROK").

    Examples
    --------
    >>> bool(compile_phrase("Korean Peninsula").search("the korean  peninsula issue"))
    True
    >>> bool(compile_phrase("WHO").search("who said it"))
    False
    """
    return _compiled(_bounded(_render_literal(phrase)))


def _word_head(word: str, *, open_end: bool) -> str | None:
    """Regular expression for the word-index key (first run of word characters, lower case) of
    a lexicon word; ``open_end``: more word characters may follow in the text."""
    wild = word.endswith("*")
    word = word.rstrip("*")
    run = re.match(r"\w+", word)
    if run is None:
        return None
    body = re.escape(run.group(0).lower())
    if run.end() == len(word) and (wild or open_end):
        body += r"\w*"
    return body


def _render_literal(text: str) -> str:
    words = text.split()
    if not words:
        raise ValueError("empty phrase")
    return r"\s+".join(_render_word(w) for w in words)


def _render_word(word: str) -> str:
    if not word:
        return ""
    pieces = []
    for char in word:
        if char in "'’":
            pieces.append(r"\s?['’]\s?")
        elif char in "-‐–":
            pieces.append(r"[-‐–]")
        else:
            pieces.append(re.escape(char))
    body = "".join(pieces)
    letters = [c for c in word if c.isalpha()]
    if sum(c.isupper() for c in letters) >= 2 and not any(c.islower() for c in letters):
        return body  # an acronym: UN, WHO, DPRK, G20
    return f"(?i:{body})"


def _bounded(regex: str) -> str:
    return rf"(?<![\w-])(?:{regex})(?![\w-])"


_CACHE: dict[str, re.Pattern] = {}


def _compiled(regex: str) -> re.Pattern:
    pattern = _CACHE.get(regex)
    if pattern is None:
        pattern = _CACHE[regex] = re.compile(regex)
    return pattern


def _mapping(node) -> dict:
    return {str(k.value): (k, v) for k, v in node.value}


def _line(node) -> int:
    return node.start_mark.line + 1 if node is not None and getattr(node, "start_mark", None) else 1


def _strings(node, where, name, problems) -> list[str]:
    if not isinstance(node, yaml.SequenceNode) or not all(isinstance(i, yaml.ScalarNode) and str(i.value).strip() for i in node.value):
        problems.append(Problem(name, _line(node), f"{where} must be a list of non-empty phrases"))
        return []
    return [str(i.value).strip() for i in node.value]


def _positive_int(node, where, name, problems) -> int:
    try:
        value = int(node.value)
        if value > 0:
            return value
    except (TypeError, ValueError, AttributeError):
        pass
    problems.append(Problem(name, _line(node), f"{where} must be a positive whole number of words"))
    return 8


def _lexicon(lexicon) -> Lexicon:
    if isinstance(lexicon, Lexicon):
        return lexicon
    return load_lexicon(lexicon)


# ----------------------------------------------------------------------------- matching


def find_frame_matches(
    statements: pd.DataFrame, lexicon: Lexicon | str | Path | None = None, *, speakers=None
) -> pd.DataFrame:
    """Every match of every frame (and facet) in every statement: the evidence.

    Parameters
    ----------
    statements : pandas.DataFrame
        Needs ``statement_id`` and ``text``; ``date``, ``side`` and ``reported_side`` are used
        for targets when present.
    lexicon : Lexicon or path, optional
        Default: :data:`DEFAULT_LEXICON`.
    speakers : SpeakerRegistry or path, optional
        Names targets of directed frames by the registry's aliases (see :func:`score_frames`).

    Returns
    -------
    pandas.DataFrame
        :data:`MATCH_COLUMNS`: ``frame``, ``facet`` (empty for frame matches), ``entry`` (the
        lexicon term or pattern), ``match`` (the text matched), ``start``/``end`` (character
        offsets in the statement's ``text``), ``target``/``target_side`` (for a directed frame:
        who the match is about, ``;``-separated, ``unspecified`` if nobody is named; else
        empty), in statement and position order. Facet matches are listed only for statements
        that carry their frame; a pattern with ``require_target`` and no target is not listed.

    Examples
    --------
    >>> lex = Lexicon.from_text("frames:\\n  rok:\\n    terms: [Korea, Republic of Korea]\\n")
    >>> st = pd.DataFrame({"statement_id": ["d:1"], "text": ["The Republic of Korea and Korea."]})
    >>> find_frame_matches(st, lex)[["entry", "match", "start"]].values.tolist()
    [['Republic of Korea', 'Republic of Korea', 4], ['Korea', 'Korea', 26]]
    """
    lexicon = _lexicon(lexicon)
    registry = _registry(speakers)
    _require(statements, ("statement_id", "text"))
    texts = statements["text"].fillna("").astype(str).tolist()
    ids = statements["statement_id"].tolist()
    dates = statements["date"].array if "date" in statements.columns else [None] * len(texts)  # read for a few only
    voices = assign_voice(statements)["voice"].tolist() if "side" in statements.columns and "speaker" in statements.columns else [None] * len(texts)
    joined = _Joined(texts)
    rows = []
    for frame in lexicon.frames:
        found = _resolve(_candidates(frame.entries, joined) + _candidates(frame.exclude + lexicon.ignore, joined, block=True))
        carriers = set()
        if frame.target_column:  # who each statement with a match names, found once per statement
            mentioned = _mentions(lexicon, registry, texts, dates, sorted({index for index, *_ in found}))
        for index, start, end, entry in found:
            target = side = ""
            if frame.target_column:
                named = _targets(frame, texts[index], start, end, entry, voices[index], mentioned[index])
                if not named and entry.require_target:
                    continue
                target = ";".join(sorted({t for t, _ in named})) if named else "unspecified"
                side = ";".join(sorted({s for _, s in named})) if named else "unspecified"
            carriers.add(index)
            rows.append((index, frame.name, "", entry.text, texts[index][start:end], start, end, target, side))
        if frame.facets and carriers:
            carrying = sorted(carriers)
            among = _Joined([texts[i] for i in carrying])
            for facet, entries in frame.facets:
                for position, start, end, entry in _resolve(_candidates(entries, among)):
                    index = carrying[position]
                    rows.append((index, frame.name, facet, entry.text, texts[index][start:end], start, end, "", ""))
    rows.sort(key=lambda r: (r[0], r[5], r[1], r[2]))
    table = pd.DataFrame(rows, columns=["index", *MATCH_COLUMNS[1:]])
    table.insert(0, "statement_id", [ids[i] for i in table["index"]])
    table = table.drop(columns="index")
    for column in ("start", "end"):
        table[column] = table[column].astype("int64")
    return table.reset_index(drop=True)


def _require(table: pd.DataFrame, columns) -> None:
    missing = set(columns) - set(table.columns)
    if missing:
        raise KeyError(f"table lacks column(s) {sorted(missing)}; start from analysis.attribution.attribute_statements")


class _Joined:
    """All statement texts joined by a separator no entry can match across, with a word index."""

    def __init__(self, texts: Sequence[str]):
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + len(_SEPARATOR)
        self.starts = np.cumsum(lengths) - lengths
        self.text = _SEPARATOR.join(texts)
        self._words: dict[str, np.ndarray] | None = None
        self._heads: dict[str, np.ndarray] = {}

    @property
    def words(self) -> dict[str, np.ndarray]:
        """Start positions of every word, by its first run of word characters, lower-cased."""
        if self._words is None:
            lower = self.text.lower()
            same = len(lower) == len(self.text)  # else a character grew in lower case: lower each word
            pieces = _WORD_SPLIT.split(lower if same else self.text)  # separator, word, ..., separator
            lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
            starts = (np.cumsum(lengths) - lengths)[1::2]
            words = pieces[1::2] if same else list(map(str.lower, pieces[1::2]))
            codes, keys = pd.factorize(np.asarray(words, dtype=object))
            order = np.argsort(codes, kind="stable")
            bounds = np.concatenate([[0], np.cumsum(np.bincount(codes, minlength=len(keys)))])
            by_key = starts[order]
            self._words = {key: by_key[bounds[i] : bounds[i + 1]] for i, key in enumerate(keys)}
        return self._words

    def positions(self, head: str) -> np.ndarray:
        """Start positions of the words a pattern's ``head`` admits (``{NAME}``: capitalised words,
        ``{NAME}-``: capitalised words joined by a hyphen to the next)."""
        if head not in self._heads:
            alternatives = head.split("|")
            regular = "|".join(a for a in alternatives if a not in _NAME_HEADS)
            found = []
            if regular:
                pattern = _compiled(rf"(?:{regular})")
                found = [starts for key, starts in self.words.items() if pattern.fullmatch(key)]
            for name_head, regex in _NAME_HEADS.items():
                if name_head in alternatives:
                    found.append(np.fromiter((m.start() for m in regex.finditer(self.text)), dtype=np.int64))
            self._heads[head] = np.concatenate(found) if found else np.zeros(0, dtype=np.int64)
        return self._heads[head]

    def locate(self, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Statement index and offset in it of positions of the joined text."""
        index = np.searchsorted(self.starts, starts, side="right") - 1
        return index, starts - self.starts[index]


_WORD_SPLIT = re.compile(r"((?<![\w-])\w+)")  # words that start a word (not after a hyphen)
_NAME_HEAD = "{NAME}"  # a pattern head: any capitalised word; "{NAME}-": one joined by a hyphen
_NAME_HEADS = {_NAME_HEAD: re.compile(r"(?<![\w-])[A-Z]"), _NAME_HEAD + "-": re.compile(r"(?<![\w-])[A-Z][\w'’]*[-‐–]")}


def _first_word(text: str) -> str | None:
    match = re.match(r"\w+", text)
    return match.group(0).lower() if match else None


def _candidates(entries: Iterable[Entry], joined: _Joined, *, block: bool = False) -> list:
    """(statement index, start, end, entry or None if blocking) for every entry match.

    Entries are tried only where a word they can start with occurs (the word index): a term's
    first word, a pattern's ``head``; a pattern without a head scans the text.
    """
    starts, ends, found = [], [], []
    text = joined.text
    for entry in entries:
        positions = None
        if entry.kind == "term":
            key = _first_word(entry.text)
            positions = None if key is None else joined.words.get(key)
            if positions is None and key is not None:
                continue
        elif entry.head is not None:
            positions = joined.positions(entry.head)
        pattern = entry.pattern
        matches = map(pattern.match, repeat(text), positions.tolist()) if positions is not None else _overlapping(pattern, text)
        for match in matches:
            if match is not None and match.end() > match.start():
                starts.append(match.start())
                ends.append(match.end())
                found.append(None if block else entry)
    if not found:
        return []
    first = np.asarray(starts, dtype=np.int64)
    index, offset = joined.locate(first)
    last = offset + (np.asarray(ends, dtype=np.int64) - first)
    return list(zip(index.tolist(), offset.tolist(), last.tolist(), found))


def _resolve(candidates: list) -> list:
    """Keep, per statement, the longest non-overlapping matches; drop blocking ones."""
    candidates.sort(key=lambda c: (c[0], -(c[2] - c[1]), c[1], c[3] is not None))
    kept, taken = [], {}
    for index, start, end, entry in candidates:
        spans = taken.setdefault(index, [])
        if any(start < e and s < end for s, e in spans):
            continue
        spans.append((start, end))
        if entry is not None:
            kept.append((index, start, end, entry))
    kept.sort(key=lambda c: (c[0], c[1]))
    return kept


# ----------------------------------------------------------------------------- scoring


def score_frames(
    statements: pd.DataFrame,
    lexicon: Lexicon | str | Path | None = None,
    *,
    speakers=None,
    matches: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Add frame scores, evidence, facets, stance and praise targets to the statements table.

    Parameters
    ----------
    statements : pandas.DataFrame
        The statements table (:func:`analysis.attribution.attribute_statements`); needs
        ``statement_id``, ``text``, ``speaker``, ``side`` (``date``, ``reported_*`` are used if present).
    lexicon : Lexicon or path, optional
        Default: :data:`DEFAULT_LEXICON`.
    speakers : SpeakerRegistry or path, optional
        The speakers registry: its aliases name praise targets (persons under their canonical
        name, collectives under their side) and give a person's side. Without it only the
        lexicon's ``targets`` are used.
    matches : pandas.DataFrame, optional
        The output of :func:`find_frame_matches` for these statements, if already computed
        (then ``speakers`` is not used: pass it to :func:`find_frame_matches`).

    Returns
    -------
    pandas.DataFrame
        A copy of ``statements`` with :meth:`Lexicon.columns`: ``voice``, ``voice_speaker``
        (:func:`analysis.attribution.assign_voice`); per frame ``<frame>`` (1 if any match, else 0),
        ``<frame>_n`` (number of matches) and ``<frame>_terms`` (the matched text, ``" | "``
        separated); per facet ``<frame>_<facet>`` (0/1, only where the frame is 1);
        ``<frame>_stance`` (``endorsement``, ``mention`` or ``""``) for frames with stance cues;
        and for a directed frame its target column (``praise_target``: ``;``-separated sorted
        targets, ``unspecified`` when none is named, ``""`` without praise) and ``<column>_side``
        (persons replaced by their side).

    Examples
    --------
    >>> st = pd.DataFrame({"statement_id": ["d:1", "d:2"], "speaker": ["Moon Jae-in", "Wang Yi"],
    ...     "side": ["ROK", "CN"], "text": ["The ROK speaks highly of China's achievements.",
    ...     "We need to uphold multilateralism and support the WHO."]})
    >>> scored = score_frames(st)
    >>> scored[["leadership_praise", "praise_target", "multilateralism", "multilateralism_stance"]].values.tolist()
    [[1, 'CN', 0, ''], [0, '', 1, 'endorsement']]
    >>> scored.loc[1, "multilateralism_terms"]
    'multilateralism | WHO'
    """
    lexicon = _lexicon(lexicon)
    out = assign_voice(statements)
    if matches is None:
        matches = find_frame_matches(out, lexicon, speakers=speakers)
    texts = out["text"].fillna("").astype(str).tolist()
    n = len(out)
    ids = pd.Index(out["statement_id"])
    if not ids.is_unique:
        raise ValueError("statement_id must be unique in the statements table (it is `doc_id:sentence` in attribute_statements)")
    position = ids.get_indexer(matches["statement_id"])  # row of each match's statement
    if (position < 0).any():
        raise ValueError("matches name statements that are not in the table: compute them with find_frame_matches on these statements")
    frame_of, facet_of = matches["frame"].to_numpy(), matches["facet"].to_numpy()
    fields = [matches[c].to_numpy() for c in ("entry", "match", "start", "end", "target", "target_side")]
    new: dict[str, object] = {}  # the new columns, in order, added at once
    spaced: dict[str, str] = {}  # matched text -> with its white space as single spaces
    for frame in lexicon.frames:
        is_frame = frame_of == frame.name
        rows = np.flatnonzero(is_frame & (facet_of == ""))
        counts = np.bincount(position[rows], minlength=n).astype("int64")
        terms: dict[int, list[str]] = {}  # by statement position; only statements with matches
        spans: dict[int, list[tuple[int, int, str]]] = {}
        targets: dict[int, set] = {}
        sides: dict[int, set] = {}
        for i, entry, match, start, end, target, side in zip(position[rows].tolist(), *(f[rows].tolist() for f in fields)):
            if match not in spaced:
                spaced[match] = " ".join(match.split())
            terms.setdefault(i, []).append(spaced[match])
            spans.setdefault(i, []).append((start, end, entry))
            if frame.target_column:
                targets.setdefault(i, set()).update(t for t in str(target).split(";") if t)
                sides.setdefault(i, set()).update(s for s in str(side).split(";") if s)
        new[frame.name] = (counts > 0).astype("int64")
        new[f"{frame.name}_n"] = counts
        joined_terms = [""] * n
        for i, found in terms.items():
            joined_terms[i] = " | ".join(found)
        new[f"{frame.name}_terms"] = joined_terms
        for facet in frame.facet_names:
            flags = np.zeros(n, dtype="int64")
            flags[position[is_frame & (facet_of == facet)]] = 1
            new[f"{frame.name}_{facet}"] = flags
        if frame.has_stance:
            carrying = np.flatnonzero(counts).tolist()
            among = _Joined([texts[i] for i in carrying])
            cues = [_by_statement(_resolve(_candidates(entries, among)), len(carrying))
                    for entries in (frame.endorse, frame.endorse_after, frame.oppose)]
            stance = [""] * n
            for k, i in enumerate(carrying):
                stance[i] = _stance(frame, texts[i], spans[i], *(c[k] for c in cues))
            new[f"{frame.name}_stance"] = stance
        if frame.target_column:
            for column, found in ((frame.target_column, targets), (f"{frame.target_column}_side", sides)):
                values = [""] * n
                for i, named in found.items():
                    values[i] = _join_targets(named)
                new[column] = values
    return pd.concat([out, pd.DataFrame(new, index=out.index)], axis=1)


def _registry(speakers):
    if speakers is None:
        return None
    from .speakers import SpeakerRegistry, load_speakers

    return speakers if isinstance(speakers, SpeakerRegistry) else load_speakers(speakers)


def _join_targets(found: set) -> str:
    named = found - {"unspecified"}
    return ";".join(sorted(named)) if named else ("unspecified" if found else "")


def _words_between(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end)) if end > start else 0


def _by_statement(resolved: list, n: int) -> list[list[tuple[int, int, Entry]]]:
    """Resolved candidates (statement index, start, end, entry) as one list per statement."""
    out: list[list] = [[] for _ in range(n)]
    for index, start, end, entry in resolved:
        out[index].append((start, end, entry))
    return out


def _stance(frame: Frame, text: str, spans, endorse, after, oppose) -> str:
    """``endorsement`` if a cue (endorse before, endorse_after after, oppose before an opposed
    term) governs one of the frame's ``spans`` within the stance window, else ``mention``."""
    opposed = _compiled("|".join(e.regex for e in frame.opposed_terms)) if frame.opposed_terms else None
    for start, end, _ in spans:
        is_opposed = opposed is not None and opposed.fullmatch(text, start, end) is not None
        cues = oppose if is_opposed else endorse
        for c_start, c_end, _ in cues:
            if c_end <= start and _words_between(text, c_end, start) <= frame.stance_window:
                return "endorsement"
        if not is_opposed:
            for c_start, c_end, _ in after:
                if c_start >= end and _words_between(text, end, c_start) <= frame.stance_window:
                    return "endorsement"
    return "mention"


def _mentions(lexicon: Lexicon, registry, texts: Sequence[str], dates: Sequence, indices: Sequence[int]) -> dict[int, list]:
    """Targets named in each statement of ``indices``: (start, end, target, side), in text order,
    longest first where they overlap, registered and listed names before ``other``."""
    among = _Joined([texts[i] for i in indices])
    named: list[list] = [[] for _ in indices]
    other: list[list] = [[] for _ in indices]
    for target, entries in lexicon.targets:
        for k, start, end, _ in _resolve(_candidates(entries, among)):
            (other if target == "other" else named)[k].append((start, end, target, target))
    if registry is not None:
        for k, i in enumerate(indices):
            for match in _overlapping(registry.alias_pattern(), texts[i]):
                speaker = registry.resolve(match.group(0), dates[i])
                if speaker is None:
                    continue
                name = speaker.side if speaker.kind == "collective" else speaker.name
                named[k].append((match.start(), match.end(), name, speaker.side))
    out = {}
    for k, i in enumerate(indices):
        kept: list[tuple[int, int, str, str]] = []
        for group in (named[k], other[k]):
            for mention in sorted(group, key=lambda m: (-(m[1] - m[0]), m[0])):
                if not any(mention[0] < c[1] and c[0] < mention[1] for c in kept):
                    kept.append(mention)
        out[i] = sorted(kept)
    return out


_CHAIN = re.compile(r"^\s*,?\s*(?:and|&|as well as)\s+(?:the\s+)?$|^\s*['’]s\s+and\s+(?:the\s+)?$", re.IGNORECASE)


def _targets(frame, text, start, end, entry, voice, mentions) -> list[tuple[str, str]]:
    """Who one match of a directed frame is about: (target, side) pairs, sorted; ``mentions``
    are those of the statement (:func:`_mentions`)."""
    inside = [m for m in mentions if m[0] >= start and m[1] <= end]
    if inside:
        chosen = inside
    elif entry.target == "before":
        before = [m for m in mentions if m[1] <= start and _words_between(text, m[1], start) <= frame.target_window]
        chosen = _chain(text, before[::-1], reverse=True)
    else:
        after = [m for m in mentions if m[0] >= end and _words_between(text, end, m[0]) <= frame.target_window]
        chosen = _chain(text, after)
    found = {}
    for _, _, target, side in chosen:
        if target == "self":  # first person plural: the statement's own voice
            if not voice or pd.isna(voice):
                continue
            target = side = str(voice)
        found[target] = side
    return sorted(found.items())


def _chain(text: str, mentions: list, *, reverse: bool = False) -> list:
    """The nearest mention and those coordinated with it ("the DPRK and the US")."""
    if not mentions:
        return []
    chosen = [mentions[0]]
    for mention in mentions[1:]:
        last = chosen[-1]
        between = text[mention[1] : last[0]] if reverse else text[last[1] : mention[0]]
        if _CHAIN.match(between):
            chosen.append(mention)
        else:
            break
    return chosen


# ----------------------------------------------------------------------------- results


def compute_praise_matrix(scored: pd.DataFrame, *, praiser: str = "voice", target: str = "praise_target_side") -> pd.DataFrame:
    """Count leadership praise by praiser and target.

    Parameters
    ----------
    scored : pandas.DataFrame
        The output of :func:`score_frames`.
    praiser : str, default "voice"
        Who praises: ``voice``, ``voice_speaker``, ``side`` or ``speaker``.
    target : str, default "praise_target_side"
        ``praise_target_side`` (persons replaced by their side) or ``praise_target``.

    Returns
    -------
    pandas.DataFrame
        Tidy: ``praiser``, ``target``, ``n_statements`` (a statement praising two targets counts
        once for each), ``statement_ids`` (``;``-separated, to trace every count), sorted by
        praiser and target.

    Examples
    --------
    >>> scored = pd.DataFrame({"statement_id": ["a:1", "a:2", "b:1"], "voice": ["ROK", "ROK", "CN"],
    ...     "leadership_praise": [1, 1, 1], "praise_target_side": ["CN", "CN;ROK", "joint"]})
    >>> compute_praise_matrix(scored)[["praiser", "target", "n_statements"]].values.tolist()
    [['CN', 'joint', 1], ['ROK', 'CN', 2], ['ROK', 'ROK', 1]]
    """
    _require(scored, ("statement_id", praiser, target, "leadership_praise"))
    praised = scored[scored["leadership_praise"] == 1]
    rows = [
        (who, one, sid)
        for who, targets, sid in praised[[praiser, target, "statement_id"]].itertuples(index=False)
        for one in str(targets).split(";")
        if one
    ]
    table = pd.DataFrame(rows, columns=["praiser", "target", "statement_id"])
    if table.empty:
        return pd.DataFrame({"praiser": pd.Series(dtype=object), "target": pd.Series(dtype=object),
                             "n_statements": pd.Series(dtype="int64"), "statement_ids": pd.Series(dtype=object)})
    grouped = table.groupby(["praiser", "target"], sort=True)
    return pd.DataFrame(
        {"n_statements": grouped.size(), "statement_ids": grouped["statement_id"].agg(";".join)}
    ).reset_index()


def plot_praise_matrix(matrix: pd.DataFrame, *, ax=None, praisers: Sequence[str] | None = None, targets: Sequence[str] | None = None):
    """Draw the praise matrix as a grid of counts (praisers down, targets across).

    Parameters
    ----------
    matrix : pandas.DataFrame
        The output of :func:`compute_praise_matrix`.
    ax : matplotlib.axes.Axes, optional
    praisers, targets : sequence of str, optional
        Rows and columns to show, in order (default: all, sorted); missing cells show 0.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots()
    if matrix.empty:
        ax.text(0.5, 0.5, "no leadership praise in these statements", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    praisers = list(praisers) if praisers is not None else sorted(matrix["praiser"].unique())
    targets = list(targets) if targets is not None else sorted(matrix["target"].unique())
    wide = (
        matrix.pivot_table(index="praiser", columns="target", values="n_statements", aggfunc="sum", fill_value=0)
        .reindex(index=praisers, columns=targets, fill_value=0)
        .fillna(0)
        .astype(int)
    )
    values = wide.to_numpy()
    ax.imshow(values, cmap="Blues", vmin=0, vmax=max(int(values.max()), 1), aspect="auto")
    high = values.max() * 0.6
    for (row, col), value in np.ndenumerate(values):
        ax.text(col, row, str(value), ha="center", va="center", fontsize=8, color="white" if value > high and value else "black")
    ax.set_xticks(range(len(targets)), targets, rotation=30, ha="right")
    ax.set_yticks(range(len(praisers)), praisers)
    ax.set_xlabel("praised (target)")
    ax.set_ylabel("praiser (voice)")
    ax.grid(False)
    return ax


def find_kwic(
    statements: pd.DataFrame,
    *,
    term: str | None = None,
    frame: str | None = None,
    facet: str | None = None,
    lexicon: Lexicon | str | Path | None = None,
    width: int = 60,
    matches: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Keyword in context: every statement that carries a term, a frame or a facet.

    Parameters
    ----------
    statements : pandas.DataFrame
        The statements (or scored) table; needs ``statement_id`` and ``text``.
    term : str, optional
        A phrase, matched like a lexicon term (:func:`compile_phrase`).
    frame : str, optional
        A frame of the lexicon; with ``facet``, one of its facets.
    lexicon : Lexicon or path, optional
        For ``frame``; default :data:`DEFAULT_LEXICON`.
    width : int, default 60
        Characters of context on each side.
    matches : pandas.DataFrame, optional
        Precomputed :func:`find_frame_matches` output.

    Returns
    -------
    pandas.DataFrame
        One row per match: ``statement_id``, ``doc_id``, ``date``, ``speaker``, ``side``,
        ``voice`` (those present in ``statements``), ``left``, ``match``, ``right``, ``text``.

    Examples
    --------
    >>> st = pd.DataFrame({"statement_id": ["d:1"], "doc_id": ["d"], "speaker": ["Lu Kang"],
    ...                    "text": ["We support dialogue on the Korean Peninsula."]})
    >>> find_kwic(st, term="Korean Peninsula", width=10)[["speaker", "left", "match"]].values.tolist()
    [['Lu Kang', 'ue on the', 'Korean Peninsula']]
    """
    _require(statements, ("statement_id", "text"))
    if (term is None) == (frame is None):
        raise ValueError("give either term= or frame= (with facet= for a facet)")
    if term is not None:
        pattern = compile_phrase(term)
        rows = [
            (sid, m.start(), m.end())
            for sid, text in statements[["statement_id", "text"]].itertuples(index=False)
            for m in pattern.finditer(str(text))
        ]
    else:
        lexicon = _lexicon(lexicon)
        found = lexicon.frame(frame)
        if facet is not None and facet not in found.facet_names:
            raise KeyError(f"frame `{frame}` has no facet `{facet}`; facets: {', '.join(found.facet_names) or 'none'}")
        if matches is None:
            matches = find_frame_matches(statements, lexicon)
        chosen = matches[(matches["frame"] == frame) & (matches["facet"] == (facet or ""))
                         & matches["statement_id"].isin(statements["statement_id"])]
        rows = list(chosen[["statement_id", "start", "end"]].itertuples(index=False, name=None))
    keep = [c for c in ("statement_id", "doc_id", "date", "speaker", "side", "voice", "voice_speaker", "text") if c in statements.columns]
    by_id = statements[keep].drop_duplicates("statement_id").set_index("statement_id", drop=False)
    records = []
    for sid, start, end in rows:
        row = by_id.loc[sid]
        text = str(row["text"])
        records.append(
            {
                **{c: row[c] for c in keep if c != "text"},
                "left": " ".join(text[max(0, start - width) : start].split()),
                "match": text[start:end],
                "right": " ".join(text[end : end + width].split()),
                "text": text,
            }
        )
    columns = [c for c in keep if c != "text"] + ["left", "match", "right", "text"]
    return pd.DataFrame(records, columns=columns)


# ----------------------------------------------------------------------------- validation


def evaluate_frames(scored: pd.DataFrame, gold: pd.DataFrame, *, frames: Sequence[str] = NAMED_FRAMES) -> pd.DataFrame:
    """Precision, recall and F1 of frame scores against hand-coded gold statements.

    Parameters
    ----------
    scored : pandas.DataFrame
        :func:`score_frames` output covering the gold statements.
    gold : pandas.DataFrame
        ``statement_id``, ``text`` and a 0/1 column per frame (``tests/gold/frames_*.csv``).
    frames : sequence of str
        The frames to evaluate.

    Returns
    -------
    pandas.DataFrame
        One row per frame: ``frame``, ``n`` (gold statements), ``gold_positive``,
        ``tp``, ``fp``, ``fn``, ``precision``, ``recall``, ``f1`` (NaN when undefined).

    Raises
    ------
    ValueError
        If a gold statement is missing from ``scored`` or its text differs (the sentence
        splitting changed: re-align the gold file).

    Examples
    --------
    >>> gold = pd.DataFrame({"statement_id": ["a", "b"], "text": ["x", "y"], "peninsula": [1, 0]})
    >>> scored = pd.DataFrame({"statement_id": ["a", "b"], "text": ["x", "y"], "peninsula": [1, 1]})
    >>> evaluate_frames(scored, gold, frames=["peninsula"])[["tp", "fp", "precision", "recall"]].to_dict("records")
    [{'tp': 1, 'fp': 1, 'precision': 0.5, 'recall': 1.0}]
    """
    joined = _align(scored, gold, frames)
    rows = []
    for frame in frames:
        truth = joined[f"{frame}_gold"].astype(int).to_numpy()
        guess = joined[frame].astype(int).to_numpy()
        tp = int(((truth == 1) & (guess == 1)).sum())
        fp = int(((truth == 0) & (guess == 1)).sum())
        fn = int(((truth == 1) & (guess == 0)).sum())
        precision = tp / (tp + fp) if tp + fp else float("nan")
        recall = tp / (tp + fn) if tp + fn else float("nan")
        f1 = 2 * precision * recall / (precision + recall) if tp else (0.0 if fp + fn else float("nan"))
        rows.append({"frame": frame, "n": len(joined), "gold_positive": int(truth.sum()), "tp": tp, "fp": fp, "fn": fn,
                     "precision": precision, "recall": recall, "f1": f1})
    return pd.DataFrame(rows)


def evaluate_targets(scored: pd.DataFrame, gold: pd.DataFrame, *, column: str = "praise_target", frame: str = "leadership_praise") -> pd.DataFrame:
    """Agreement on praise targets where both the gold and the scores see praise.

    Returns
    -------
    pandas.DataFrame
        One row per such statement: ``statement_id``, ``gold`` and ``scored`` targets, ``agree``
        (the same set of targets), ``text``.

    Examples
    --------
    >>> gold = pd.DataFrame({"statement_id": ["a"], "text": ["x"], "leadership_praise": [1], "praise_target": ["CN"]})
    >>> scored = gold.assign(praise_target="CN;Xi Jinping")
    >>> evaluate_targets(scored, gold)["agree"].tolist()
    [False]
    """
    joined = _align(scored, gold, [frame, column])
    both = joined[(joined[f"{frame}_gold"].astype(int) == 1) & (joined[frame].astype(int) == 1)]
    out = pd.DataFrame(
        {
            "statement_id": both["statement_id"],
            "gold": both[f"{column}_gold"].fillna("").astype(str),
            "scored": both[column].fillna("").astype(str),
            "text": both["text"],
        }
    ).reset_index(drop=True)
    out["agree"] = [set(g.split(";")) == set(s.split(";")) for g, s in zip(out["gold"], out["scored"])]
    return out[["statement_id", "gold", "scored", "agree", "text"]]


def _align(scored: pd.DataFrame, gold: pd.DataFrame, columns) -> pd.DataFrame:
    _require(gold, ("statement_id", "text", *columns))
    _require(scored, ("statement_id", "text", *columns))
    joined = gold[["statement_id", "text", *columns]].merge(
        scored[["statement_id", "text", *columns]], on="statement_id", how="left", suffixes=("_gold", ""), indicator=True
    )
    missing = joined.loc[joined["_merge"] != "both", "statement_id"].tolist()
    if missing:
        raise ValueError(f"{len(missing)} gold statement(s) not in the scored table, e.g. {missing[:3]}; score the corpus the gold was drawn from")
    changed = joined.loc[joined["text_gold"].str.split().str.join(" ") != joined["text"].fillna("").str.split().str.join(" "), "statement_id"].tolist()
    if changed:
        raise ValueError(f"{len(changed)} gold statement(s) have a different text now, e.g. {changed[:3]}; the sentence splitting changed: re-align the gold file")
    return joined.drop(columns=["_merge", "text_gold"])
