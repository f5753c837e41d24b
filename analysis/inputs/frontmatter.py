"""Reading one corpus file: its YAML front matter, checked key by key, and its text.

Used by :mod:`analysis.inputs.corpus`, which loads folders of such files; the format is in the
README ("The corpus").
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from pathlib import Path

import pandas as pd
import yaml

from .errors import Problem, check_yaml_limits, load_yaml

__all__ = ["GENRES", "LANGUAGES", "MAX_FRONT_MATTER_BYTES", "OPTIONAL_KEYS", "REQUIRED_KEYS", "RESERVED_KEYS", "as_date", "read_record"]

REQUIRED_KEYS = ("id", "date", "title", "source", "genre", "language")
OPTIONAL_KEYS = ("url", "event", "participants", "provenance", "date_note")
GENRES = (
    "readout",
    "press-conference",
    "remarks",
    "speech",
    "statement",
    "joint-statement",
    "interview",
    "article",
)
#: Languages the text layer reads (tokens, sentences): English and Korean.
LANGUAGES = ("en", "ko")
RESERVED_KEYS = ("doc_id", "date_precision", "year", "path", "text_line", "n_paragraphs", "n_words", "text")
MAX_FRONT_MATTER_BYTES = 64 * 1024
_ID = re.compile(r"[a-z0-9-]+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR = re.compile(r"\d{4}")


@dataclasses.dataclass
class _Parsed:
    meta: dict
    body: str
    body_line: int  # 1-based line number of the first body line
    key_lines: dict


def read_record(path: Path) -> tuple[dict | None, list[Problem]]:
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(name, 0, f"cannot read this file ({error.strerror}); make it readable or move it out of the corpus folder")]
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(name, line, f"not UTF-8 (byte {error.start}); re-save the file as UTF-8")]
    content = content.removeprefix("\ufeff")
    parsed, problems = _split_front_matter(name, content)
    if parsed is None:
        return None, problems
    return _check(name, parsed)


def _split_front_matter(name: str, content: str) -> tuple[_Parsed | None, list[Problem]]:
    lines = content.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, [Problem(name, 1, "no front matter: the file must start with a `---` line, then YAML keys, then `---`")]
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        return None, [Problem(name, 1, "front matter is not closed: add a `---` line after the YAML keys")]
    front = "\n".join(lines[1:close])
    too_big = check_yaml_limits(front, name, max_bytes=MAX_FRONT_MATTER_BYTES, line=2)
    if too_big is not None:
        return None, [too_big]
    try:
        meta = load_yaml(front)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return None, [Problem(name, line, f"front matter is not valid YAML ({problem}); fix the YAML syntax")]
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return None, [Problem(name, 2, "front matter must be YAML `key: value` lines")]
    key_lines = {}
    for offset, text in enumerate(lines[1:close], start=2):
        match = re.match(r"([A-Za-z_][\w-]*)\s*:", text)
        if match:
            key_lines.setdefault(match.group(1), offset)
    return _Parsed(meta, "\n".join(lines[close + 1 :]), close + 2, key_lines), []


def _check(name: str, parsed: _Parsed) -> tuple[dict | None, list[Problem]]:
    meta, problems = dict(parsed.meta), []

    def where(key: str) -> int:
        return parsed.key_lines.get(key, 1)

    problems += [Problem(name, where(key), f"`{key}` is a column the loader computes (or a reserved name); rename or remove the key")
                 for key in meta if key in RESERVED_KEYS or str(key).startswith("_")]
    for key in REQUIRED_KEYS:
        if meta.get(key) in (None, ""):
            problems.append(Problem(name, where(key), f"missing required key `{key}`: add `{key}: ...` to the front matter"))
    doc_id = meta.get("id")
    if doc_id not in (None, "") and not (isinstance(doc_id, str) and _ID.fullmatch(doc_id)):
        problems.append(Problem(name, where("id"), f"bad id `{doc_id}`: use lowercase letters, digits and hyphens only"))
    date, precision = _parse_date_precision(meta.get("date"))
    if meta.get("date") not in (None, "") and date is None:
        problems.append(
            Problem(name, where("date"), f"bad date `{meta.get('date')}`: write it as YYYY-MM-DD (or YYYY when the source gives only the year)")
        )
    elif date is not None and not (_FIRST_DAY <= date <= _LAST_DAY):
        problems.append(
            Problem(name, where("date"), f"date `{meta.get('date')}` out of range: dates from {_FIRST_DAY} to {_LAST_DAY} are held; check the year")
        )
    genre = meta.get("genre")
    if genre not in (None, "") and genre not in GENRES:
        problems.append(
            Problem(name, where("genre"), f"unknown genre `{genre}`: use one of {', '.join(GENRES)}")
        )
    language = meta.get("language")
    if language not in (None, "") and language not in LANGUAGES:
        problems.append(
            Problem(name, where("language"), f"unsupported language `{language}`: the text layer reads {', '.join(LANGUAGES)}")
        )
    participants = meta.get("participants")
    if participants is not None and not (
        isinstance(participants, list) and all(isinstance(p, str) for p in participants)
    ):
        problems.append(Problem(name, where("participants"), "`participants` must be a YAML list of names"))
    for key in ("title", "source", "url", "event", "date_note"):
        if meta.get(key) is not None and not isinstance(meta.get(key), str):
            problems.append(Problem(name, where(key), f"`{key}` must be text; quote it"))
    if not parsed.body.strip():
        problems.append(Problem(name, parsed.body_line, "empty text: put the document text after the closing `---`"))
    if problems:
        return None, problems
    meta.pop("date")  # parsed above: the raw value must not override it
    record = {key: meta.pop(key, None) for key in OPTIONAL_KEYS}
    record.update(
        doc_id=meta.pop("id"),
        date=pd.Timestamp(date),
        date_precision=precision,
        year=date.year,
        title=meta.pop("title"),
        source=meta.pop("source"),
        genre=meta.pop("genre"),
        language=meta.pop("language"),
        path=name,
        text=parsed.body.removesuffix("\n"),  # exactly as stored: only the file's final line break is not text
        text_line=parsed.body_line,
        _id_line=where("id"),
    )
    record.update({f"{key}": _plain(value) for key, value in meta.items()})
    return record, []


_FIRST_DAY = (pd.Timestamp.min + pd.Timedelta(days=1)).date()
_LAST_DAY = pd.Timestamp.max.date()


def _parse_date_precision(value) -> tuple[_dt.date | None, str | None]:
    """A front-matter date and its precision: ``(date, "day")``, ``(1 January, "year")`` or ``(None, None)``."""
    if isinstance(value, bool):
        return None, None
    if isinstance(value, int) or (isinstance(value, str) and _YEAR.fullmatch(value.strip())):
        year = int(value)
        return (_dt.date(year, 1, 1), "year") if 1000 <= year <= 9999 else (None, None)
    day = _parse_date(value)
    return (day, "day") if day is not None else (None, None)


def _parse_date(value) -> _dt.date | None:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str) and _DATE.fullmatch(value.strip()):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def as_date(value):
    """Write ISO date strings as YAML dates (unquoted), everything else as is."""
    if isinstance(value, str) and _DATE.fullmatch(value):
        return _parse_date(value) or value
    return value


def _plain(value):
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value
