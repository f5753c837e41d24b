"""Helpers shared by the attribution test files (tests/test_attribution*.py): attribute one made-up snippet, read who
was found.

Each test file binds its own registry and default date once, e.g.
``_attribute = partial(attribute_snippet, registry=REGISTRY, date="2022-05-13")``; what differs between the files
(registry, date, genre, title, extra columns such as ``source`` and ``house``) is a parameter here, not a copy.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.statements import attribute_statements

__all__ = ["attribute_snippet", "snippet_documents", "who"]


def snippet_documents(text: str, *, date: str, genre: str = "readout", title: str = "A readout",
                      **columns: object) -> pd.DataFrame:
    """A documents table of one made-up document ``d``: ``doc_id, date, genre, title``, then ``columns``
    (e.g. ``source=..., house=...``), then ``text``.

    >>> snippet_documents("Wang Yi said so.", date="2022-05-13", house=None).columns.tolist()
    ['doc_id', 'date', 'genre', 'title', 'house', 'text']
    """
    return pd.DataFrame({"doc_id": ["d"], "date": [pd.Timestamp(date)], "genre": [genre], "title": [title],
                         **{name: [value] for name, value in columns.items()}, "text": [text]})


def attribute_snippet(text: str, registry, *, date: str, genre: str = "readout", title: str = "A readout",
                      **columns: object) -> pd.DataFrame:
    """The statements table of ``text`` as the one document of :func:`snippet_documents`, attributed with
    ``registry`` (a ``SpeakerRegistry`` or a speakers file).

    >>> from analysis.inputs.speakers import Speaker, SpeakerRegistry
    >>> registry = SpeakerRegistry((Speaker("Wang Yi", "CN", aliases=("Wang Yi",)),))
    >>> attribute_snippet("Wang Yi said that ties matter.", registry, date="2022-05-13")["speaker"].tolist()
    ['Wang Yi']
    """
    return attribute_statements(snippet_documents(text, date=date, genre=genre, title=title, **columns), registry)


def who(statements: pd.DataFrame, columns: str | Sequence[str] = "speaker") -> list:
    """The statements' values of one column, in order (a list of values), or of several (a list of tuples).

    >>> st = pd.DataFrame({"speaker": ["Wang Yi", "joint"], "side": ["CN", "joint"]})
    >>> who(st), who(st, "side"), who(st, ("speaker", "side"))
    (['Wang Yi', 'joint'], ['CN', 'joint'], [('Wang Yi', 'CN'), ('joint', 'joint')])
    """
    if isinstance(columns, str):
        return statements[columns].tolist()
    return list(zip(*(statements[column] for column in columns)))
