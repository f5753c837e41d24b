"""Directed frames and stance: who a match is about (praise targets), and endorsement versus mention.

Word windows are counted with the one tokenizer (:func:`analysis.text.tokens.n_words`).
"""

from __future__ import annotations

import re
from typing import Sequence

import pandas as pd

from ..text.patterns import iter_overlapping
from ..text.tokens import n_words
from .lexicon import Frame, Lexicon
from .patterns import Entry, compiled
from .search import JoinedTexts, find_candidates, resolve_overlaps

__all__ = ["classify_stance", "find_mentions", "find_targets", "group_by_statement", "mark_actors"]


def _words_between(text: str, start: int, end: int) -> int:
    return n_words(text[start:end]) if end > start else 0


def group_by_statement(resolved: list, n: int) -> list[list[tuple[int, int, Entry]]]:
    """Resolved candidates (statement index, start, end, entry) as one list per statement."""
    out: list[list] = [[] for _ in range(n)]
    for index, start, end, entry in resolved:
        out[index].append((start, end, entry))
    return out


def classify_stance(frame: Frame, text: str, spans, endorse, after, oppose) -> str:
    """``endorsement`` if a cue (endorse before, endorse_after after, oppose before an opposed
    term) governs one of the frame's ``spans`` within the stance window, else ``mention``."""
    opposed = compiled("|".join(e.regex for e in frame.opposed_terms)) if frame.opposed_terms else None
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


def find_mentions(lexicon: Lexicon, registry, texts: Sequence[str], dates: Sequence, indices: Sequence[int]) -> dict[int, list]:
    """Targets named in each statement of ``indices``: (start, end, target, side), in text order,
    longest first where they overlap, registered and listed names before ``other``."""
    among = JoinedTexts([texts[i] for i in indices])
    named: list[list] = [[] for _ in indices]
    other: list[list] = [[] for _ in indices]
    for target, entries in lexicon.targets:
        for k, start, end, _ in resolve_overlaps(find_candidates(entries, among)):
            (other if target == "other" else named)[k].append((start, end, target, target))
    if registry is not None:
        for k, i in enumerate(indices):
            for match in iter_overlapping(registry.alias_pattern(), texts[i]):
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


_CHAIN = re.compile(
    r"^\s*,?\s*(?:and|&|as well as)\s+(?:the\s+)?$|^\s*['’]s\s+and\s+(?:the\s+)?$"
    r"|^(?:과|와|·|・|ㆍ)\s*$|^\s*및\s+$",  # Korean: 한국과 중국, 한국 및 중국, 한·중
    re.IGNORECASE,
)


#: Korean subject, topic and possessive particles right after a name: the actor of what follows
#: ("중국이 보여 준 역할", "우리나라가 중국에 앞서 1위", "외교부의 역할").
_KO_MARKED = re.compile(r"(?:께서는|께서도|께서|이|가|은|는|의)(?![가-힣])")


def find_targets(frame, text, start, end, entry, voice, mentions) -> list[tuple[str, str]]:
    """Who one match of a directed frame is about: (target, side) pairs, sorted; ``mentions``
    are those of the statement (:func:`find_mentions`).

    Looking before the match (Korean), the nearest name marked as subject, topic or possessor
    (이/가/은/는/께서/의 right after it) is preferred to a nearer unmarked one ("우리나라가 중국에
    앞서 1위를 차지" praises Korea, not China); without a marked name, the nearest name.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> frame, entry = SimpleNamespace(target_window=20), SimpleNamespace(target="before")
    >>> text = "우리나라가 중국에 앞서 1위를 차지했습니다."
    >>> find_targets(frame, text, 13, 15, entry, "ROK", [(0, 4, "ROK", "ROK"), (6, 8, "CN", "CN")])
    [('ROK', 'ROK')]
    """
    inside = [m for m in mentions if m[0] >= start and m[1] <= end]
    if inside:
        chosen = inside
    elif entry.target == "before":
        before = [m for m in mentions if m[1] <= start and _words_between(text, m[1], start) <= frame.target_window][::-1]
        marked = [k for k, m in enumerate(before) if _KO_MARKED.match(text, m[1])]
        chosen = _chain(text, before[marked[0]:] if marked else before, reverse=True)
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


def mark_actors(statements: pd.DataFrame, lexicon: Lexicon, registry=None, *, column: str = "actor") -> pd.DataFrame:
    """A copy of ``statements`` with a 0/1 ``column``: the statement or the one before it (same
    ``doc_id``, ordered by ``start``) names an actor: one of the lexicon's ``targets`` (a country,
    우리/국민, a person, ``other``) or a speaker of ``registry`` (read by the praise model's ``actor`` rules,
    :class:`~analysis.frames.classifier.FrameClassifier`).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from analysis.frames.lexicon import load_lexicon
    >>> path = Path(tempfile.mkdtemp()) / "f.yaml"
    >>> _ = path.write_text("language: ko\\nframes:\\n  f:\\n    terms: [칭찬]\\ntargets:\\n  CN: [중국]\\n", encoding="utf-8")
    >>> lexicon = load_lexicon(path)
    >>> table = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "start": [0, 9, 20, 0],
    ...                       "text": ["중국이 왔다.", "성과가 컸다.", "비가 온다.", "성과가 컸다."]})
    >>> mark_actors(table, lexicon)["actor"].tolist()
    [1, 1, 0, 0]
    """
    texts = statements["text"].fillna("").astype(str).tolist()
    dates = statements["date"].tolist() if "date" in statements else [None] * len(texts)
    mentions = find_mentions(lexicon, registry, texts, dates, list(range(len(texts))))
    own = pd.Series([int(bool(mentions[k])) for k in range(len(texts))], index=statements.index)
    ordered = statements.sort_values(["doc_id", "start"], kind="stable")
    before = own.reindex(ordered.index).shift(1).where(ordered["doc_id"] == ordered["doc_id"].shift(1), 0).fillna(0)
    return statements.assign(**{column: (own | before.reindex(statements.index).astype(int)).astype(int)})
