"""The frame lexicon: a readable YAML file of frames, their terms, patterns, facets, stance cues and targets.

:func:`load_lexicon` reads and checks it; every problem is reported as ``file:line: what, what
to do`` (:class:`analysis.inputs.errors.LexiconError`). The format is documented at the top of
``analysis/lexicons/frames.yaml``.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import yaml

from ..inputs.errors import MAX_LEXICON_BYTES, LexiconError, Problem, check_yaml_limits
from ..paths import FRAMES_LEXICON, FRAMES_LEXICON_KO
from ..statements.schema import STATEMENT_COLUMNS
from .patterns import Entry, PatternCompiler, line_of, mapping_of

__all__ = ["FRAMES_LEXICON", "FRAMES_LEXICONS", "NAMED_FRAMES", "Context", "Frame", "Lexicon", "as_lexicon", "default_lexicon_path", "load_lexicon"]

#: The frames the issue names; the gold files code these three.
NAMED_FRAMES = ("leadership_praise", "multilateralism", "peninsula")


@dataclasses.dataclass(frozen=True)
class Context:
    """A frame's context rule: a sentence whose object is in the sentences before it.

    A statement that matches ``entries`` (and none of ``exclude``), has at most ``max_words``
    words and carries no match of its frame of its own, carries the frame when one of the
    ``window`` statements before it in the same document matches ``antecedent`` (and none of
    ``antecedent_exclude``). See :func:`analysis.frames.context.find_context_matches`.
    """

    entries: tuple[Entry, ...]
    antecedent: tuple[Entry, ...]
    exclude: tuple[Entry, ...] = ()
    antecedent_exclude: tuple[Entry, ...] = ()
    window: int = 2
    max_words: int = 8


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
    context: Context | None = None

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
    language: str = "en"

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
        columns = []
        for frame in self.frames:
            columns += [frame.name, f"{frame.name}_n", f"{frame.name}_terms"]
            columns += [f"{frame.name}_{facet}" for facet in frame.facet_names]
            if frame.has_stance:
                columns.append(f"{frame.name}_stance")
            if frame.target_column:
                columns += [frame.target_column, f"{frame.target_column}_side"]
            if frame.context is not None:
                columns.append(f"{frame.name}_context")
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
    analysis.inputs.errors.LexiconError
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
    analysis.inputs.errors.LexiconError: 2 problem(s) in the frame lexicon:
    ...frames.yaml:3: frame `peninsula`: unknown key `term`; use one of terms, patterns, description, exclude, facets, stance, targets, context
    ...frames.yaml:2: frame `peninsula` has no terms or patterns; add at least one
    """
    path = Path(path) if path is not None else FRAMES_LEXICON
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise LexiconError([Problem(name, 1, f"not UTF-8 ({error.reason}); save it as UTF-8")]) from error
    too_big = check_yaml_limits(text, name, max_bytes=MAX_LEXICON_BYTES)
    if too_big is not None:
        raise LexiconError([too_big])
    return _parse_lexicon(text, name)


def _parse_lexicon(text: str, name: str) -> Lexicon:
    problems: list[Problem] = []
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise LexiconError([Problem(name, line, f"not valid YAML ({getattr(error, 'problem', error)}); fix the syntax")]) from error
    if not isinstance(root, yaml.MappingNode):
        raise LexiconError([Problem(name, 1, "expected a mapping with a `frames` key; see analysis/lexicons/frames.yaml")])
    top = mapping_of(root)
    for key, (key_node, _) in top.items():
        if key not in ("lists", "frames", "targets", "ignore", "language"):
            problems.append(Problem(name, line_of(key_node), f"unknown key `{key}`; use language, lists, frames, targets, ignore"))
    language = str(top["language"][1].value) if "language" in top else "en"
    lists: dict[str, list[str]] = {"NAME": []}
    if "lists" in top:
        node = top["lists"][1]
        if not isinstance(node, yaml.MappingNode):
            problems.append(Problem(name, line_of(node), "`lists` must map list names to lists of phrases"))
        else:
            for key, (key_node, value) in mapping_of(node).items():
                items = _strings(value, f"list `{key}`", name, problems)
                if key == "NAME":
                    problems.append(Problem(name, line_of(key_node), "`NAME` is built in (a capitalised word); rename the list"))
                lists[key] = items
    compiler = PatternCompiler(lists, name, problems, language=language)
    frames = []
    if "frames" not in top:
        problems.append(Problem(name, 1, "no `frames` key; define at least one frame (see analysis/lexicons/frames.yaml)"))
    else:
        node = top["frames"][1]
        if not isinstance(node, yaml.MappingNode) or not node.value:
            problems.append(Problem(name, line_of(node), "`frames` must map frame names to their terms and patterns"))
        else:
            for frame_name, (key_node, value) in mapping_of(node).items():
                frame = _parse_frame(frame_name, key_node, value, compiler, name, problems)
                if frame is not None:
                    frames.append(frame)
    targets = []
    if "targets" in top:
        node = top["targets"][1]
        if not isinstance(node, yaml.MappingNode):
            problems.append(Problem(name, line_of(node), "`targets` must map a target (a side code, joint, other) to phrases"))
        else:
            for target, (_, value) in mapping_of(node).items():
                targets.append((target, tuple(compiler.entries(value, f"targets `{target}`", allow_patterns=True))))
    ignore = tuple(compiler.entries(top["ignore"][1], "ignore")) if "ignore" in top else ()
    lexicon = Lexicon(frames=tuple(frames), targets=tuple(targets), ignore=ignore, path=name, language=language)
    if "frames" in top and isinstance(top["frames"][1], yaml.MappingNode):
        _check_columns(lexicon, mapping_of(top["frames"][1]), name, problems)
    if problems:
        raise LexiconError(problems)
    return lexicon


def _check_columns(lexicon: Lexicon, frame_nodes: dict, name: str, problems: list[Problem]) -> None:
    """Refuse frames whose columns would replace a statement column or another frame's (`a_n` and `a`)."""
    owner: dict[str, str] = {column: "the statements table" for column in (*STATEMENT_COLUMNS, "statement_id")}
    for frame in lexicon.frames:
        line = line_of(frame_nodes[frame.name][0]) if frame.name in frame_nodes else 1
        stance = [f"{frame.name}_endorsement", f"{frame.name}_mention"] if frame.has_stance else []
        for column in dict.fromkeys(Lexicon(frames=(frame,)).columns() + stance):
            other = owner.setdefault(column, f"frame `{frame.name}`")
            if other != f"frame `{frame.name}`":
                problems.append(Problem(name, line, f"frame `{frame.name}`: its column `{column}` is already a column of {other}; rename the frame"))


_FRAME_KEYS = ("terms", "patterns", "description", "exclude", "facets", "stance", "targets", "context")


def _parse_frame(frame_name, key_node, node, compiler, name, problems) -> Frame | None:
    where = f"frame `{frame_name}`"
    if not re.fullmatch(r"[a-z][a-z0-9_]*", str(frame_name)):
        problems.append(Problem(name, line_of(key_node), f"{where}: name it with lowercase letters, digits and _ (it becomes a column)"))
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(name, line_of(node), f"{where} must be a mapping with terms and/or patterns"))
        return None
    keys = mapping_of(node)
    for key, (k_node, _) in keys.items():
        if key not in _FRAME_KEYS:
            problems.append(Problem(name, line_of(k_node), f"{where}: unknown key `{key}`; use one of {', '.join(_FRAME_KEYS)}"))
    entries = []
    if "terms" in keys:
        entries += compiler.entries(keys["terms"][1], f"{where} terms")
    if "patterns" in keys:
        entries += compiler.entries(keys["patterns"][1], f"{where} patterns", patterns=True)
    if not entries:
        problems.append(Problem(name, line_of(key_node), f"{where} has no terms or patterns; add at least one"))
    _check_duplicates(entries, where, name, problems)
    description = ""
    if "description" in keys:
        value = keys["description"][1]
        description = value.value if isinstance(value, yaml.ScalarNode) else ""
    exclude = tuple(compiler.entries(keys["exclude"][1], f"{where} exclude", allow_patterns=True)) if "exclude" in keys else ()
    facets = _parse_facets(keys["facets"][1], where, compiler, name, problems) if "facets" in keys else []
    stance = _parse_stance(keys["stance"][1], where, compiler, name, problems) if "stance" in keys else dict(_NO_STANCE)
    target_column, target_window = None, 8
    if "targets" in keys:
        target_column, target_window = _parse_targets(keys["targets"][1], frame_name, where, name, problems)
    context = _parse_context(keys["context"][1], where, compiler, name, problems) if "context" in keys else None
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
        context=context,
    )


_NO_STANCE = {"window": 8, "endorse": (), "endorse_after": (), "oppose": (), "opposed_terms": ()}


def _parse_facets(facet_node, where, compiler, name, problems) -> list:
    if not isinstance(facet_node, yaml.MappingNode):
        problems.append(Problem(name, line_of(facet_node), f"{where}: `facets` must map facet names to terms/patterns"))
        return []
    facets = []
    for facet, (f_key, f_node) in mapping_of(facet_node).items():
        facet_entries = []
        if isinstance(f_node, yaml.MappingNode):
            f_keys = mapping_of(f_node)
            for key, (k_node, _) in f_keys.items():
                if key not in ("terms", "patterns"):
                    problems.append(Problem(name, line_of(k_node), f"{where} facet `{facet}`: unknown key `{key}`; use terms, patterns"))
            if "terms" in f_keys:
                facet_entries += compiler.entries(f_keys["terms"][1], f"{where} facet `{facet}` terms")
            if "patterns" in f_keys:
                facet_entries += compiler.entries(f_keys["patterns"][1], f"{where} facet `{facet}` patterns", patterns=True)
        if not facet_entries:
            problems.append(Problem(name, line_of(f_key), f"{where} facet `{facet}` has no terms or patterns; add some"))
        if not re.fullmatch(r"[a-z][a-z0-9_]*", str(facet)):
            problems.append(Problem(name, line_of(f_key), f"{where} facet `{facet}`: use lowercase letters, digits and _"))
        facets.append((facet, tuple(facet_entries)))
    return facets


def _parse_stance(s_node, where, compiler, name, problems) -> dict:
    stance = dict(_NO_STANCE)
    if not isinstance(s_node, yaml.MappingNode):
        problems.append(Problem(name, line_of(s_node), f"{where}: `stance` must be a mapping (window, endorse, endorse_after, oppose, opposed_terms)"))
        return stance
    for key, (k_node, value) in mapping_of(s_node).items():
        if key == "window":
            stance["window"] = _positive_int(value, f"{where} stance window", name, problems)
        elif key in ("endorse", "endorse_after", "oppose", "opposed_terms"):
            stance[key] = tuple(compiler.entries(value, f"{where} stance {key}", patterns=key != "opposed_terms"))
        else:
            problems.append(Problem(name, line_of(k_node), f"{where} stance: unknown key `{key}`; use window, endorse, endorse_after, oppose, opposed_terms"))
    return stance


_CONTEXT_KEYS = ("window", "max_words", "patterns", "exclude", "antecedent", "antecedent_exclude")


def _parse_context(c_node, where, compiler, name, problems) -> Context | None:
    """A frame's ``context`` mapping (:class:`Context`); ``patterns`` and ``antecedent`` are required."""
    if not isinstance(c_node, yaml.MappingNode):
        problems.append(Problem(name, line_of(c_node), f"{where}: `context` must be a mapping ({', '.join(_CONTEXT_KEYS)})"))
        return None
    keys = mapping_of(c_node)
    found: dict[str, object] = {}
    for key, (k_node, value) in keys.items():
        if key in ("window", "max_words"):
            found[key] = _positive_int(value, f"{where} context {key}", name, problems)
        elif key in _CONTEXT_KEYS:
            found[key] = tuple(compiler.entries(value, f"{where} context {key}", patterns=True))
        else:
            problems.append(Problem(name, line_of(k_node), f"{where} context: unknown key `{key}`; use {', '.join(_CONTEXT_KEYS)}"))
    missing = [key for key in ("patterns", "antecedent") if not found.get(key)]
    if missing:
        problems.append(Problem(name, line_of(c_node), f"{where} context: give {' and '.join(missing)} (phrases or patterns)"))
        return None
    return Context(entries=found["patterns"], antecedent=found["antecedent"], exclude=found.get("exclude", ()),
                   antecedent_exclude=found.get("antecedent_exclude", ()), window=found.get("window", 2),
                   max_words=found.get("max_words", 8))


def _parse_targets(t_node, frame_name, where, name, problems) -> tuple[str | None, int]:
    target_column, target_window = None, 8
    if not isinstance(t_node, yaml.MappingNode):
        problems.append(Problem(name, line_of(t_node), f"{where}: `targets` must be a mapping (column, window)"))
        return target_column, target_window
    target_column = f"{frame_name}_target"
    for key, (k_node, value) in mapping_of(t_node).items():
        if key == "column":
            target_column = str(value.value)
        elif key == "window":
            target_window = _positive_int(value, f"{where} targets window", name, problems)
        else:
            problems.append(Problem(name, line_of(k_node), f"{where} targets: unknown key `{key}`; use column, window"))
    return target_column, target_window


def _check_duplicates(entries, where, name, problems) -> None:
    seen: dict[str, Entry] = {}
    for entry in entries:
        key = " ".join(entry.text.lower().split()) if entry.kind == "term" else entry.text
        if key in seen:
            problems.append(Problem(name, entry.line, f"{where}: `{entry.text}` is listed twice (also line {seen[key].line}); keep one"))
        else:
            seen[key] = entry


def _strings(node, where, name, problems) -> list[str]:
    if not isinstance(node, yaml.SequenceNode) or not all(isinstance(i, yaml.ScalarNode) and str(i.value).strip() for i in node.value):
        problems.append(Problem(name, line_of(node), f"{where} must be a list of non-empty phrases"))
        return []
    return [str(i.value).strip() for i in node.value]


def _positive_int(node, where, name, problems) -> int:
    try:
        value = int(node.value)
        if value > 0:
            return value
    except (TypeError, ValueError, AttributeError):
        pass
    problems.append(Problem(name, line_of(node), f"{where} must be a positive whole number of words"))
    return 8


#: The default frame lexicon of each language: the same frames and facets, in each language's words.
FRAMES_LEXICONS = {"en": FRAMES_LEXICON, "ko": FRAMES_LEXICON_KO}


def default_lexicon_path(languages) -> Path:
    """The default frame lexicon for documents in ``languages`` (one language, or a column of them).

    Raises
    ------
    ValueError
        For several languages at once (score each language with its own lexicon) or a language
        without a default lexicon (pass one with ``--lexicon``).

    Examples
    --------
    >>> default_lexicon_path(["ko", "ko"]).name
    'frames.ko.yaml'
    """
    found = sorted({languages} if isinstance(languages, str) else set(languages)) or ["en"]
    if len(found) > 1:
        raise ValueError(f"documents in several languages ({', '.join(found)}): score each language with its own lexicon")
    if found[0] not in FRAMES_LEXICONS:
        raise ValueError(f"no default frame lexicon for language `{found[0]}` (have: {', '.join(sorted(FRAMES_LEXICONS))}); pass one with --lexicon")
    return FRAMES_LEXICONS[found[0]]


def as_lexicon(lexicon, language=None) -> Lexicon:
    """``lexicon`` as a :class:`Lexicon`: itself, read from a path, or (None) the default of ``language``."""
    if isinstance(lexicon, Lexicon):
        return lexicon
    if lexicon is None and language is not None:
        lexicon = default_lexicon_path(language)
    return load_lexicon(lexicon)
