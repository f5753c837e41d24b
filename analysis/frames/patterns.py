"""Lexicon phrases to regular expressions: terms, patterns, and the word a match can start with.

A **term** is a phrase matched as written (case-insensitive except words in capitals: ``UN``,
``WHO``; any white space; ``'`` matches ``’``; hyphenated compounds are one word). A **pattern**
adds ``word?`` (optional), ``word*`` (word start), ``{list}`` (a named list), ``{NAME}`` (a
capitalised word) and ``~N`` (a gap of up to N words). :class:`PatternCompiler` turns both into
:class:`Entry` objects, each with its regular expression and ``head``: the first words a match can
start with, which the matcher (:mod:`analysis.frames.search`) looks up in its word-start index.
"""

from __future__ import annotations

import dataclasses
import re

import yaml

from ..inputs.errors import Problem

__all__ = ["NAME_HEAD", "OPEN_END_LANGUAGES", "Entry", "PatternCompiler", "compile_phrase", "compiled", "line_of", "mapping_of"]

_NAME = r"[A-Z][\w'’]*"

_GAP_WORD = r"[^\s;\x00]+"

_TOKEN_LIST = re.compile(r"\{([A-Za-z_][\w]*)\}")

_GAP = re.compile(r"~(\d+)")
_MAX_GAP = 50  # words; a wider gap is a typo (and a huge one overflows the regular expression engine)

#: Languages whose lexicon phrases match at the start of a word with anything after them (particles).
OPEN_END_LANGUAGES = ("ko",)

NAME_HEAD = "{NAME}"  # a pattern head: any capitalised word; "{NAME}-": one joined by a hyphen


@dataclasses.dataclass(frozen=True)
class Entry:
    """One term or pattern of the lexicon, with the regular expression it compiles to.

    ``target`` says where a directed frame looks for its target beside the match (``after``
    or ``before``); with ``require_target`` the match counts only if a target is named;
    ``line`` is the lexicon file line, for messages; ``head`` (patterns) is a regular
    expression for the lower-cased first word a match can start with, or None when any word
    can (``{NAME}`` stands for any capitalised word): matching then tries only the words it admits.
    ``scan``: the entry is searched in the whole text, not through the word index (Korean
    entries, whose words carry particles after them).
    """

    text: str
    regex: str
    kind: str = "term"
    target: str = "after"
    line: int = 0
    require_target: bool = False
    head: str | None = None
    scan: bool = False  # found by scanning the text (Korean: particles follow words), not the word index

    @property
    def pattern(self) -> re.Pattern:
        return compiled(self.regex)


class PatternCompiler:
    """Turns terms and patterns into regular expressions, collecting problems."""

    def __init__(self, lists: dict[str, list[str]], name: str, problems: list[Problem], language: str = "en"):
        self.lists = lists
        self.name = name
        self.problems = problems
        self.language = language
        # Korean: a phrase matches at the start of a word (어절) and particles may follow it
        # ("중국" in "중국의"); the source's spacing is irregular, so the words of a phrase may be
        # written together ("높이 평가" matches "높이평가").
        self.open_end = language in OPEN_END_LANGUAGES
        self.join = r"\s*" if self.open_end else r"\s+"

    def entries(self, node, where: str, *, patterns: bool = False, allow_patterns: bool = False) -> list[Entry]:
        if not isinstance(node, yaml.SequenceNode):
            self.problems.append(Problem(self.name, line_of(node), f"{where} must be a list of phrases"))
            return []
        out = []
        for item in node.value:
            target, required = "after", False
            if isinstance(item, yaml.MappingNode) and patterns:
                keys = mapping_of(item)
                unknown = set(keys) - {"pattern", "target", "require_target"}
                if unknown or "pattern" not in keys:
                    self.problems.append(Problem(self.name, line_of(item), f"{where}: a mapping item needs `pattern` (optionally `target: before|after`, `require_target: true`)"))
                    continue
                if "target" in keys:
                    target = str(keys["target"][1].value)
                    if target not in ("before", "after"):
                        self.problems.append(Problem(self.name, line_of(keys["target"][1]), f"{where}: target must be `before` or `after`, not `{target}`"))
                        continue
                if "require_target" in keys:
                    flag = str(keys["require_target"][1].value).lower()
                    if flag not in ("true", "false"):
                        self.problems.append(Problem(self.name, line_of(keys["require_target"][1]), f"{where}: require_target must be true or false"))
                        continue
                    required = flag == "true"
                item = keys["pattern"][1]
            if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
                self.problems.append(Problem(self.name, line_of(item), f"{where}: each item must be a non-empty phrase"))
                continue
            text = str(item.value).strip()
            is_pattern = patterns or (allow_patterns and ("{" in text or "~" in text or text.endswith("*")))
            try:
                regex = self.pattern(text) if is_pattern else _render_literal(text, self.join)
                re.compile(regex)
            except ValueError as error:
                self.problems.append(Problem(self.name, line_of(item), f"{where}: `{text}`: {error}"))
                continue
            head = self.head(text) if is_pattern and not self.open_end else None
            out.append(
                Entry(text=text, regex=_bounded(regex, open_end=self.open_end), kind="pattern" if is_pattern else "term",
                      target=target, line=line_of(item), require_target=required, head=head, scan=self.open_end)
            )
        return out

    def pattern(self, text: str) -> str:
        tokens = text.split()
        pieces: list[tuple[str, str]] = []  # (kind, regex): kind in word, optional, gap
        for token in tokens:
            gap = _GAP.fullmatch(token)
            if gap:
                if int(gap.group(1)) > _MAX_GAP:
                    raise ValueError(f"a gap of {gap.group(1)} words is too wide; use at most ~{_MAX_GAP}")
                # Korean: the gap starts with the rest of the word before it (its particles: "역할과")
                rest = r"[^\s;\x00]*" if self.open_end else ""
                pieces.append(("gap", rf"{rest}(?:\s+{_GAP_WORD}){{0,{int(gap.group(1))}}}?"))
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
                    out += rf"(?:{regex}{self.join})?"
                    continue
                if kind == "gap":
                    raise ValueError("a gap ~N cannot follow only optional words; put a required word before it")
                out += regex
                started = True
            elif kind == "gap":
                out += regex
            elif kind == "optional":
                out += rf"(?:{self.join}{regex})?"
            else:
                out += rf"{self.join}{regex}"
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
            return [NAME_HEAD + "-"] if token[lead.end() : lead.end() + 1] in ("-", "‐", "–") and lead.end() < len(token) else [NAME_HEAD]
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
            alternatives.append(self.join.join(rendered))
        return "(?:" + "|".join(alternatives) + ")"


def compile_phrase(phrase: str, language: str = "en") -> re.Pattern:
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
    >>> bool(compile_phrase("높이 평가", language="ko").search("역할을 높이평가합니다"))
    True
    """
    open_end = language in OPEN_END_LANGUAGES
    return compiled(_bounded(_render_literal(phrase, r"\s*" if open_end else r"\s+"), open_end=open_end))


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


def _render_literal(text: str, join: str = r"\s+") -> str:
    words = text.split()
    if not words:
        raise ValueError("empty phrase")
    return join.join(_render_word(w) for w in words)


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


def _bounded(regex: str, *, open_end: bool = False) -> str:
    if open_end:
        return rf"(?<![\w-])(?:{regex})"
    return rf"(?<![\w-])(?:{regex})(?![\w-])"


_CACHE: dict[str, re.Pattern] = {}


def compiled(regex: str) -> re.Pattern:
    pattern = _CACHE.get(regex)
    if pattern is None:
        pattern = _CACHE[regex] = re.compile(regex)
    return pattern


def mapping_of(node) -> dict:
    return {str(k.value): (k, v) for k, v in node.value}


def line_of(node) -> int:
    return node.start_mark.line + 1 if node is not None and getattr(node, "start_mark", None) else 1
