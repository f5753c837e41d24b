"""The speakers registry: canonical names, sides, roles with dates, aliases.

The registry is read from a YAML file (``corpus/speakers.yaml``) that users
extend without touching code; see that file for the format. It answers two
questions for the attribution: *which string in a sentence names a speaker*
(:meth:`SpeakerRegistry.alias_pattern`) and *who is that at this date*
(:meth:`SpeakerRegistry.resolve`).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
import warnings
from functools import cached_property
from pathlib import Path

import pandas as pd
import yaml

from ..paths import SPEAKERS
from ..text.patterns import word_start_alternation
from .errors import InputWarning, Problem, SpeakersError, check_yaml_limits, load_yaml

__all__ = [
    "MAX_SPEAKERS_BYTES",
    "SPECIAL_SIDES",
    "Role",
    "Speaker",
    "SpeakerRegistry",
    "default_speakers_path",
    "load_speakers",
]

_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")

#: Sides that are not countries: statements of both sides, of the reporting
#: voice, of journalists, and of nobody that could be identified.
SPECIAL_SIDES = ("joint", "narrator", "press", "unknown")
_SIDE = re.compile(r"[A-Z][A-Za-z]{1,9}")
#: The largest speakers file read (the shipped one is about 40 kB).
MAX_SPEAKERS_BYTES = 4 * 1024 * 1024


@dataclasses.dataclass(frozen=True)
class Role:
    """An office held by a speaker; its aliases name the holder within the dates.

    ``side``, when given, is the side the holder speaks and is named for within the dates (a
    national who serves an international organisation: Ban Ki-moon, ROK foreign minister and
    then UN Secretary-General); ``None`` keeps the speaker's own side.
    """

    title: str
    start: _dt.date | None = None
    end: _dt.date | None = None
    aliases: tuple[str, ...] = ()
    side: str | None = None

    def covers(self, date) -> bool:
        """Whether ``date`` falls within the role's dates (an open bound always does)."""
        if self.start is None and self.end is None:
            return False
        day = pd.Timestamp(date).date()
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclasses.dataclass(frozen=True)
class Speaker:
    """One speaker: a person or a collective such as "the Chinese side"."""

    name: str
    side: str
    kind: str = "person"
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()


@dataclasses.dataclass(frozen=True)
class SpeakerRegistry:
    """All known speakers, and the aliases that name the host of a press conference.

    Examples
    --------
    >>> registry = SpeakerRegistry((Speaker("Moon Jae-in", "ROK", aliases=("President Moon",)),))
    >>> registry.resolve("President Moon").name
    'Moon Jae-in'
    """

    speakers: tuple[Speaker, ...]
    host_aliases: tuple[str, ...] = ()

    @cached_property
    def _by_alias(self) -> dict[str, Speaker]:
        table = {}
        for speaker in self.speakers:
            for alias in (speaker.name, *speaker.aliases):
                for variant in _variants(alias):
                    table.setdefault(variant, speaker)
        return table

    @cached_property
    def _by_name(self) -> dict[str, Speaker]:
        return {speaker.name: speaker for speaker in self.speakers}

    @cached_property
    def _role_aliases(self) -> dict[str, list[tuple[Role, Speaker]]]:
        table: dict[str, list[tuple[Role, Speaker]]] = {}
        for speaker in self.speakers:
            for role in speaker.roles:
                for alias in role.aliases:
                    for variant in _variants(alias):
                        table.setdefault(variant, []).append((role, speaker))
        return table

    @cached_property
    def _host_aliases(self) -> frozenset[str]:
        return frozenset(v for alias in self.host_aliases for v in _variants(alias))

    def get(self, name: str) -> Speaker | None:
        """The speaker with this canonical name, or None."""
        return self._by_name.get(name)

    def resolve(self, mention: str, date=None) -> Speaker | None:
        """Who ``mention`` names at ``date``, or None if nobody (or a host alias).

        Parameters
        ----------
        mention : str
            An alias as it appears in the text.
        date : date-like, optional
            The document date; needed to resolve role aliases ("the ROK President").
        """
        speaker = self._by_alias.get(mention)
        if speaker is not None:
            return _in_role_side(speaker, date)
        if date is not None:
            for role, holder in self._role_aliases.get(mention, ()):
                if role.covers(date):
                    return _in_role_side(holder, date)
        return None

    def is_host_alias(self, mention: str) -> bool:
        """Whether ``mention`` ("the spokesperson") names the host of the document."""
        return mention in self._host_aliases

    def find_host(self, title: str) -> Speaker | None:
        """The registered speaker a title names, preferring spokespersons.

        Examples
        --------
        >>> registry = SpeakerRegistry((Speaker("Geng Shuang", "CN"),))
        >>> registry.find_host("Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference").name
        'Geng Shuang'
        """
        found = [self._by_alias[m.group(0)] for m in self.alias_pattern().finditer(title) if m.group(0) in self._by_alias]
        for speaker in found:
            if any("spokesperson" in role.title.lower() for role in speaker.roles):
                return speaker
        people = [s for s in found if s.kind == "person"]
        return people[0] if people else None

    def alias_pattern(self) -> re.Pattern:
        """One regular expression matching every alias, longest first, at the start of a word and, except
        for aliases ending in Hangul (Korean particles attach after them: "중국의"), at its end."""
        return self._pattern

    @cached_property
    def _pattern(self) -> re.Pattern:
        aliases = set(self._by_alias) | set(self._role_aliases) | set(self._host_aliases)
        ordered = sorted(aliases, key=lambda a: (-len(a), a))
        # A Korean alias ends where its particles begin ("시진핑 주석께서", "중국의"): no end boundary.
        # Grouped by first character, longest first within a group: the matches of one flat alternation, found
        # several times faster (analysis.text.patterns.word_start_alternation).
        return re.compile(word_start_alternation(
            ordered, rest=lambda alias: re.escape(alias[1:]) + ("" if _HANGUL.search(alias[-1]) else r"(?![\w-])")))

    def to_frame(self) -> pd.DataFrame:
        """The registry as a tidy table: one row per speaker and alias.

        Returns
        -------
        pandas.DataFrame
            Columns ``speaker``, ``side``, ``kind``, ``alias``, ``role``, ``from``, ``to``
            (role aliases carry their role, its dates and, where the role has one, its own side;
            name aliases leave them empty).
        """
        rows = []
        for s in self.speakers:
            for alias in dict.fromkeys((s.name, *s.aliases)):
                rows.append(dict(speaker=s.name, side=s.side, kind=s.kind, alias=alias, role=None, **{"from": None, "to": None}))
            for role in s.roles:
                for alias in role.aliases or (None,):
                    rows.append(
                        dict(speaker=s.name, side=role.side or s.side, kind=s.kind, alias=alias, role=role.title, **{"from": role.start, "to": role.end})
                    )
        return pd.DataFrame(rows, columns=["speaker", "side", "kind", "alias", "role", "from", "to"])


def _in_role_side(speaker: Speaker, date) -> Speaker:
    """``speaker`` with the side of a role that has its own side and covers ``date`` (else as is)."""
    if date is None or not any(role.side for role in speaker.roles):
        return speaker
    for role in speaker.roles:
        if role.side and role.covers(date):
            return dataclasses.replace(speaker, side=role.side)
    return speaker


def default_speakers_path(corpus_dir: str | Path) -> Path:
    """Where the speakers file of a corpus folder is: in it, or in the nearest parent.

    Parameters
    ----------
    corpus_dir : str or Path
        The corpus folder (or a document file).

    Returns
    -------
    Path
        The first ``speakers.yaml`` found in ``corpus_dir`` or its parents
        (``corpus/documents/mfa/seeds`` finds ``corpus/speakers.yaml``); if there is none, the
        shipped registry :data:`analysis.paths.SPEAKERS`, with a one-line :class:`InputWarning`.

    Examples
    --------
    >>> import tempfile, warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     path = default_speakers_path(tempfile.mkdtemp())
    >>> path == SPEAKERS, "using the shipped" in str(caught[0].message)
    (True, True)
    """
    corpus_dir = Path(corpus_dir).resolve()
    for folder in (corpus_dir, *corpus_dir.parents):
        candidate = folder / "speakers.yaml"
        if candidate.is_file():
            return candidate
    warnings.warn(
        f"{corpus_dir}: no speakers.yaml in this folder or its parents: using the shipped {SPEAKERS}; "
        "copy it there to register your own speakers",
        InputWarning,
        stacklevel=2,
    )
    return SPEAKERS


def load_speakers(path: str | Path) -> SpeakerRegistry:
    """Read and check a speakers file.

    Parameters
    ----------
    path : str or Path
        A YAML file in the format of ``corpus/speakers.yaml``.

    Returns
    -------
    SpeakerRegistry

    Raises
    ------
    SpeakersError
        Listing every problem as ``file:line: what is wrong, what to do``
        (missing name or side, bad dates, an alias claimed by two speakers,
        a role alias held by two speakers at overlapping dates).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "speakers.yaml"
    >>> _ = file.write_text("speakers:\\n  - name: Moon Jae-in\\n    side: ROK\\n"
    ...                     "    aliases: [President Moon]\\n", encoding="utf-8")
    >>> load_speakers(file).resolve("President Moon").side
    'ROK'
    """
    path = Path(path)
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise SpeakersError([Problem(name, 1, f"not UTF-8 ({error.reason}); re-save the file as UTF-8")]) from error
    too_big = check_yaml_limits(text, name, max_bytes=MAX_SPEAKERS_BYTES)
    if too_big is not None:
        raise SpeakersError([too_big])
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = load_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise SpeakersError(
            [Problem(name, (mark.line + 1) if mark else 1, f"not valid YAML ({getattr(error, 'problem', error)}); fix the syntax")],
        ) from error
    problems: list[Problem] = []
    if not isinstance(data, dict) or not isinstance(data.get("speakers"), list):
        raise SpeakersError([Problem(name, 1, "expected a `speakers:` list (see corpus/speakers.yaml)")])
    nodes = _list_nodes(root, "speakers")
    speakers = []
    for index, entry in enumerate(data["speakers"]):
        line = nodes[index].start_mark.line + 1 if index < len(nodes) else 1
        speaker = _speaker(entry, name, line, problems)
        if speaker is not None:
            speakers.append((speaker, line))
    host_aliases = data.get("host_aliases") or []
    if not (isinstance(host_aliases, list) and all(isinstance(a, str) for a in host_aliases)):
        problems.append(Problem(name, _key_line(root, "host_aliases"), "`host_aliases` must be a list of strings"))
        host_aliases = []
    _check_collisions(speakers, name, problems)
    if problems:
        raise SpeakersError(problems)
    return SpeakerRegistry(tuple(s for s, _ in speakers), tuple(host_aliases))


def _speaker(entry, file: str, line: int, problems: list[Problem]) -> Speaker | None:
    if not isinstance(entry, dict):
        problems.append(Problem(file, line, "each speaker must be a mapping with `name`, `side` and `aliases`"))
        return None
    before = len(problems)
    name, side = entry.get("name"), entry.get("side")
    if not isinstance(name, str) or not name.strip():
        problems.append(Problem(file, line, "speaker without `name`: add the canonical name"))
    if not isinstance(side, str) or not _SIDE.fullmatch(side) or side in SPECIAL_SIDES:
        problems.append(Problem(file, line, f"speaker {name!r}: bad `side` {side!r}; use a code such as CN, ROK, US"))
    kind = entry.get("kind", "person")
    if kind not in ("person", "collective"):
        problems.append(Problem(file, line, f"speaker {name!r}: `kind` must be person or collective"))
    aliases = entry.get("aliases", [])
    if not (isinstance(aliases, list) and all(isinstance(a, str) and a.strip() for a in aliases)):
        problems.append(Problem(file, line, f"speaker {name!r}: `aliases` must be a list of non-empty strings"))
        aliases = []
    roles = []
    for role in entry.get("roles", []) or []:
        parsed = _role(role, name, file, line, problems)
        if parsed is not None:
            roles.append(parsed)
    unknown = set(entry) - {"name", "side", "kind", "aliases", "roles"}
    if unknown:
        problems.append(Problem(file, line, f"speaker {name!r}: unknown key(s) {sorted(unknown)}; use name, side, kind, aliases, roles"))
    if len(problems) > before:
        return None
    return Speaker(name.strip(), side, kind, tuple(a.strip() for a in aliases), tuple(roles))


def _role(role, speaker: str, file: str, line: int, problems: list[Problem]) -> Role | None:
    if not isinstance(role, dict) or not isinstance(role.get("title"), str):
        problems.append(Problem(file, line, f"speaker {speaker!r}: each role needs a `title`"))
        return None
    dates = {}
    for key in ("from", "to"):
        value = role.get(key)
        if value is None:
            dates[key] = None
        elif isinstance(value, _dt.date):
            dates[key] = value
        else:
            try:
                dates[key] = _dt.date.fromisoformat(str(value))
            except ValueError:
                problems.append(Problem(file, line, f"speaker {speaker!r}, role {role['title']!r}: bad `{key}` date {value!r}; write YYYY-MM-DD"))
                return None
    if dates["from"] and dates["to"] and dates["from"] > dates["to"]:
        problems.append(Problem(file, line, f"speaker {speaker!r}, role {role['title']!r}: `from` is after `to`"))
        return None
    aliases = role.get("aliases", []) or []
    if not (isinstance(aliases, list) and all(isinstance(a, str) for a in aliases)):
        problems.append(Problem(file, line, f"speaker {speaker!r}, role {role['title']!r}: `aliases` must be a list of strings"))
        return None
    if aliases and dates["from"] is None and dates["to"] is None:
        problems.append(
            Problem(file, line, f"speaker {speaker!r}, role {role['title']!r}: role aliases need `from` and/or `to` dates to say when they name this speaker")
        )
        return None
    side = role.get("side")
    if side is not None and (not isinstance(side, str) or not _SIDE.fullmatch(side) or side in SPECIAL_SIDES):
        problems.append(Problem(file, line, f"speaker {speaker!r}, role {role['title']!r}: bad `side` {side!r}; use a code such as UN, CN, ROK"))
        return None
    if side is not None and dates["from"] is None and dates["to"] is None:
        problems.append(Problem(file, line, f"speaker {speaker!r}, role {role['title']!r}: a role's own `side` needs `from` and/or `to` dates"))
        return None
    return Role(role["title"], dates["from"], dates["to"], tuple(aliases), side)


def _check_collisions(speakers: list[tuple[Speaker, int]], file: str, problems: list[Problem]) -> None:
    """Refuse what would make one mention name two speakers.

    Aliases are compared with a capital first letter, as the text is matched ("the Chinese side"
    opens a sentence as "The Chinese side"): a duplicate canonical name, one alias for two
    speakers, and a name alias equal to another speaker's role alias are refused.
    """
    first: dict[str, tuple[Speaker, int]] = {}
    for speaker, line in speakers:
        earlier = first.setdefault(speaker.name, (speaker, line))
        if earlier[0] is not speaker:
            sides = f" (sides {earlier[0].side} and {speaker.side})" if earlier[0].side != speaker.side else ""
            problems.append(Problem(file, line, f"speaker {speaker.name!r} is registered twice{sides}, also at line {earlier[1]}; "
                                    "merge the two entries into one (roles can list several offices)"))
    owner: dict[str, tuple[str, str]] = {}
    for speaker, line in speakers:
        for alias in dict.fromkeys((speaker.name, *speaker.aliases)):
            key = _variants(alias)[-1]
            other, written = owner.setdefault(key, (speaker.name, alias))
            if other != speaker.name:
                shown = repr(alias) if written == alias else f"{alias!r} (written {written!r} for {other!r})"
                problems.append(Problem(file, line, f"alias {shown} names both {other!r} and {speaker.name!r}; keep it for one of them"))
    held: dict[str, list[tuple[Role, str]]] = {}
    for speaker, line in speakers:
        for role in speaker.roles:
            for alias in role.aliases:
                key = _variants(alias)[-1]
                if key in owner and owner[key][0] != speaker.name:
                    problems.append(Problem(file, line, f"role alias {alias!r} of {speaker.name!r} is also a name alias of "
                                            f"{owner[key][0]!r}; remove it from one of them"))
                for other_role, other in held.get(key, []):
                    if other != speaker.name and _overlap(role, other_role):
                        problems.append(
                            Problem(file, line, f"role alias {alias!r} names {other!r} and {speaker.name!r} at overlapping dates; fix the `from`/`to` dates")
                        )
                held.setdefault(key, []).append((role, speaker.name))


def _overlap(a: Role, b: Role) -> bool:
    low, high = _dt.date.min, _dt.date.max
    return (a.start or low) <= (b.end or high) and (b.start or low) <= (a.end or high)


def _variants(alias: str) -> tuple[str, ...]:
    """An alias as written, and with a capital first letter (it can open a sentence)."""
    capital = alias[:1].upper() + alias[1:]
    return (alias,) if capital == alias else (alias, capital)


def _list_nodes(root, key: str) -> list:
    if root is None or not hasattr(root, "value") or not isinstance(root.value, list):
        return []
    for key_node, value_node in root.value:
        if getattr(key_node, "value", None) == key and isinstance(value_node.value, list):
            return value_node.value
    return []


def _key_line(root, key: str) -> int:
    if root is not None and isinstance(getattr(root, "value", None), list):
        for key_node, _ in root.value:
            if getattr(key_node, "value", None) == key:
                return key_node.start_mark.line + 1
    return 1
