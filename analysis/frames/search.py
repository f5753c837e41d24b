"""Finding lexicon entries in many statements at once.

All statement texts are joined (:class:`JoinedTexts`) with a separator no entry can match
across, and indexed by the words that start a word (lower-cased): an entry is tried only where
a word it can start with occurs. This word-start index is an accelerator of the regular
expressions, not a tokenizer: what a match covers is decided by the entry's regular expression
alone, so results are those of scanning every position (a test checks it).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from functools import lru_cache
from itertools import count, repeat
from typing import Iterable, Sequence

import numpy as np

from ..text.layout import ReadingView, make_reading_view
from ..text.patterns import iter_overlapping
from .patterns import NAME_HEAD, Entry, compiled

__all__ = ["JoinedTexts", "check_reading_views", "find_candidates", "index_words", "join_reading_views", "resolve_overlaps"]

_SEPARATOR = "\n\x00\n"  # joins statement texts: no entry can match across it


class JoinedTexts:
    """All statement texts joined by a separator no entry can match across, with a word index."""

    def __init__(self, texts: Sequence[str]):
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + len(_SEPARATOR)
        self.starts = np.cumsum(lengths) - lengths
        self.text = _SEPARATOR.join(texts)
        self._words: Mapping[str, np.ndarray] | None = None
        self._codes: np.ndarray | None = None  # every word start's word, in text order (index of its first use)
        self._first: dict[str, int] = {}  # word -> index of its first use (its code)
        self._not_ascii: np.ndarray | None = None  # by code: the word is not ASCII
        self._heads: dict[str, np.ndarray] = {}
        self._sorted: list[str] | None = None  # the words, sorted (for stems), and their rank in `words`
        self._rank: dict[str, int] = {}

    @property
    def words(self) -> Mapping[str, np.ndarray]:
        """Start positions of every word (ascending), by its first run of word characters, lower-cased;
        words in order of first use (a read-only mapping)."""
        if self._words is None:
            lower = self.text.lower()
            same = len(lower) == len(self.text)  # else a character grew in lower case: lower each word
            pieces = _WORD_SPLIT.split(lower if same else self.text)  # separator, word, ..., separator
            lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
            starts = (np.cumsum(lengths) - lengths)[1::2]
            self._words, self._codes, self._first = _index_words(pieces[1::2] if same else list(map(str.lower, pieces[1::2])), starts)
        return self._words

    def followed_by(self, key: str, second: str) -> np.ndarray:
        """The start positions of the word ``key`` whose next word start is the word ``second`` (ASCII,
        lower case) or a word that is not ASCII (which an ASCII word matched case-insensitively may be).

        A filter for a term whose first word is word characters only and whose second word starts with
        ``second``: its regular expression then matches only where the word after the first is the
        second (white space between them), so the positions left out are ones where it cannot match.

        Examples
        --------
        >>> JoinedTexts(["the Charter and the rest", "the"]).followed_by("the", "charter").tolist()
        [0]
        """
        words = self.words
        positions, ranks = words[key], words.ranks(key) + 1  # the next word start, in text order
        if len(ranks) and ranks[-1] == len(self._codes):  # the last word of the text: nothing follows
            positions, ranks = positions[:-1], ranks[:-1]
        if self._not_ascii is None:  # by code: whether the word is not ASCII
            self._not_ascii = np.zeros(len(self._codes), dtype=bool)
            self._not_ascii[[code for word, code in self._first.items() if not word.isascii()]] = True
        following = self._codes[ranks]
        keep = self._not_ascii[following]
        if second in self._first:
            keep |= following == self._first[second]
        return positions[keep]

    def positions(self, head: str) -> np.ndarray:
        """Start positions of the words a pattern's ``head`` admits (``{NAME}``: capitalised words,
        ``{NAME}-``: capitalised words joined by a hyphen to the next)."""
        if head not in self._heads:
            alternatives = head.split("|")
            regular = "|".join(a for a in alternatives if a not in _NAME_HEADS)
            found = []
            if regular:
                found = [self.words[key] for key in self._admitted(regular)]
            for name_head, regex in _NAME_HEADS.items():
                if name_head in alternatives:
                    found.append(np.fromiter((m.start() for m in regex.finditer(self.text)), dtype=np.int64))
            self._heads[head] = np.concatenate(found) if found else np.zeros(0, dtype=np.int64)
        return self._heads[head]

    def _admitted(self, regular: str) -> list[str]:
        """The words ``regular`` fully matches, in the order of :attr:`words`: looked up (a word) or
        found by bisection in the sorted words (``stem\\w*``) when every alternative is one of those."""
        parsed = _parse_head(regular)
        if parsed is None:
            pattern = compiled(rf"(?:{regular})")
            return [key for key in self.words if pattern.fullmatch(key)]
        words, stems = parsed
        if self._sorted is None:
            self._sorted = sorted(self.words)
            self._rank = {key: rank for rank, key in enumerate(self.words)}
        hits = {word for word in words if word in self.words}
        for stem in stems:
            at = bisect.bisect_left(self._sorted, stem)
            while at < len(self._sorted) and self._sorted[at].startswith(stem):
                if _WORD_CHARACTERS.fullmatch(self._sorted[at]):
                    hits.add(self._sorted[at])
                at += 1
        return sorted(hits, key=self._rank.__getitem__)

    def locate(self, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Statement index and offset in it of positions of the joined text."""
        index = np.searchsorted(self.starts, starts, side="right") - 1
        return index, starts - self.starts[index]


def join_reading_views(texts: Sequence[str]) -> tuple[list[ReadingView], JoinedTexts]:
    """The reading views of ``texts`` (:func:`analysis.text.layout.make_reading_view`) and the views joined.

    What :func:`analysis.frames.find_frame_matches` searches. :func:`analysis.frames.score_frames`
    builds it once and passes it to ``find_frame_matches(..., joined=)``, then finds the stance
    cues in the same word index; nothing is kept after the call returns.

    Examples
    --------
    >>> views, joined = join_reading_views(["the Secretary-\\nGeneral", "Peace."])
    >>> [v.changed for v in views], joined.text == "the Secretary-General\\n" + _SEPARATOR + "Peace."
    ([True, False], True)
    """
    views = [make_reading_view(text) for text in texts]  # "Secretary-\nGeneral" reads "Secretary-General"
    return views, JoinedTexts([view.view for view in views])


def check_reading_views(joined: tuple[list[ReadingView], JoinedTexts], texts: Sequence[str]) -> None:
    """Raise ValueError unless ``joined`` (from :func:`join_reading_views`) was built from ``texts``.

    Examples
    --------
    >>> check_reading_views(join_reading_views(["Peace."]), ["Peace."])
    >>> check_reading_views(join_reading_views(["Peace."]), ["War."])
    Traceback (most recent call last):
    ...
    ValueError: joined= was built from other texts than the statements' (statement 0 differs); build it with join_reading_views of the statements' texts
    """
    views = joined[0]
    if len(views) != len(texts):
        raise ValueError(f"joined= holds {len(views)} reading views for {len(texts)} statements; build it with join_reading_views of the statements' texts")
    for number, (view, text) in enumerate(zip(views, texts)):
        if view.text != text:  # the same string objects when built from the same list: an identity check
            raise ValueError(f"joined= was built from other texts than the statements' (statement {number} differs); build it with join_reading_views of the statements' texts")


class _WordIndex(Mapping):
    """Word -> its start positions: one array of positions grouped by word, sliced when a word is asked."""

    def __init__(self, keys: list[str], by_key: np.ndarray, bounds: np.ndarray, order: np.ndarray):
        self._keys, self._by_key, self._bounds = keys, by_key, bounds
        self._order = order  # of each position in by_key, its rank among all word starts (text order)
        self._rank = dict(zip(keys, range(len(keys))))

    def __getitem__(self, key: str) -> np.ndarray:
        rank = self._rank[key]
        return self._by_key[self._bounds[rank] : self._bounds[rank + 1]]

    def ranks(self, key: str) -> np.ndarray:
        """The ranks of the word's positions among all word starts (text order)."""
        rank = self._rank[key]
        return self._order[self._bounds[rank] : self._bounds[rank + 1]]

    def get(self, key: str, default=None):
        return self[key] if key in self._rank else default

    def __contains__(self, key) -> bool:
        return key in self._rank

    def __iter__(self):
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def index_words(words: Sequence[str], starts: np.ndarray) -> Mapping[str, np.ndarray]:
    """Each distinct word -> the ``starts`` of its uses (ascending), words in order of first use.

    As ``{w: starts[[i for i, v in enumerate(words) if v == w]] for w in dict.fromkeys(words)}``,
    with one dictionary look-up per word and one stable sort (no array per word until asked).

    Examples
    --------
    >>> index = index_words(["b", "a", "b"], np.array([0, 2, 4]))
    >>> list(index), index["b"].tolist(), index.get("c")
    (['b', 'a'], [0, 4], None)
    """
    return _index_words(words, starts)[0]


def _index_words(words: Sequence[str], starts: np.ndarray) -> tuple[Mapping[str, np.ndarray], np.ndarray, dict[str, int]]:
    """:func:`index_words`, each word's code (the index of its first use) in the order of ``words``, and word -> code."""
    first: dict[str, int] = {}  # word -> index of its first use: increasing in order of first use
    codes = np.fromiter(map(first.setdefault, words, count()), dtype=np.int64, count=len(words))
    order = np.argsort(codes, kind="stable")  # grouped by word, words in order of first use
    uses = np.bincount(codes, minlength=len(words))[np.fromiter(first.values(), dtype=np.int64, count=len(first))]
    return _WordIndex(list(first), starts[order], np.concatenate([[0], np.cumsum(uses)]), order), codes, first


_WORD_SPLIT = re.compile(r"((?<![\w-])\w+)")  # words that start a word (not after a hyphen)

# A capital that starts a word (not after a hyphen), and one joined by a hyphen to the next word:
# ``(?<![\w-])[A-Z]`` and ``(?<![\w-])[A-Z][\w'’]*[-‐–]``, written capital first (the look-behind then
# checks the character before it), so that the engine skips to the next capital instead of trying every position.
_NAME_HEADS = {NAME_HEAD: re.compile(r"[A-Z](?<![\w-][A-Z])"), NAME_HEAD + "-": re.compile(r"[A-Z](?<![\w-][A-Z])[\w'’]*[-‐–]")}


_LITERAL = re.compile(r"\w+")  # a head alternative that is one word: the key is that word
_STEM = re.compile(r"(\w+)\\w\*")  # `stem\w*`: the key starts with the stem, and is word characters
_WORD_CHARACTERS = re.compile(r"\w*")


@lru_cache(maxsize=None)
def _parse_head(regular: str) -> tuple[frozenset, tuple] | None:
    """A head whose alternatives are all words or ``stem\\w*``: (words, stems); else None."""
    alternatives = regular.split("|")
    words = frozenset(a for a in alternatives if _LITERAL.fullmatch(a))
    stems = tuple(m.group(1) for a in alternatives if (m := _STEM.fullmatch(a)))
    return (words, stems) if len(words) + len(stems) == len(alternatives) else None


def _first_word(text: str) -> str | None:
    match = re.match(r"\w+", text)
    return match.group(0).lower() if match else None


@lru_cache(maxsize=None)
def _second_word(text: str) -> str | None:
    """The index key of a term's second word (its first run of word characters, lower case) when the
    first word is word characters only and the second starts with one, and the key is ASCII; else None.

    A match of such a term is the first word, white space, and the second word: in the word-start
    index the second word is the word after the first.
    """
    words = text.split()
    if len(words) < 2 or not _WORD_CHARACTERS.fullmatch(words[0]):
        return None
    key = _first_word(words[1])
    return key if key is not None and key.isascii() else None


def find_candidates(entries: Iterable[Entry], joined: JoinedTexts, *, block: bool = False) -> list:
    """(statement index, start, end, entry or None if blocking) for every entry match.

    Entries are tried only where a word they can start with occurs (the word index): a term's
    first word, a pattern's ``head``; a pattern without a head scans the text.
    """
    starts, ends, found = [], [], []
    text = joined.text
    for entry in entries:
        positions = None
        if entry.scan:
            pass  # scanned: its words carry particles the word index does not separate
        elif entry.kind == "term":
            key = _first_word(entry.text)
            positions = None if key is None else joined.words.get(key)
            if positions is None and key is not None:
                continue
            second = _second_word(entry.text)
            if second is not None and positions is not None:
                positions = joined.followed_by(key, second)  # "the Charter": where "the" is followed by "charter"
        elif entry.head is not None:
            positions = joined.positions(entry.head)
        pattern = entry.pattern
        matches = map(pattern.match, repeat(text), positions.tolist()) if positions is not None else iter_overlapping(pattern, text)
        for match in filter(None, matches):  # most tried positions do not match: skipped without a Python step
            if match.end() > match.start():
                starts.append(match.start())
                ends.append(match.end())
                found.append(None if block else entry)
    if not found:
        return []
    first = np.asarray(starts, dtype=np.int64)
    index, offset = joined.locate(first)
    last = offset + (np.asarray(ends, dtype=np.int64) - first)
    return list(zip(index.tolist(), offset.tolist(), last.tolist(), found))


def resolve_overlaps(candidates: list) -> list:
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
