"""The files of a corpus folder: every one found, read or named with the reason.

:func:`find_corpus_files` walks a corpus folder (linked folders followed, each real folder once)
and sorts what it finds into documents to read (``*.txt``, any case), problems (a folder that
cannot be read, a link to nothing) and notes (any other file, named so nothing is skipped
silently; ``speakers.yaml`` is expected in a corpus folder and not named).
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import Problem

__all__ = ["find_corpus_files"]


def find_corpus_files(folder: str | Path) -> tuple[list[Path], list[Problem], list[Problem]]:
    """Every file under ``folder``: the documents to read, the problems, the files not read.

    Parameters
    ----------
    folder : str or Path
        A corpus folder.

    Returns
    -------
    documents : list of Path
        The ``*.txt`` files (``*.TXT`` too), sorted.
    problems : list of Problem
        Folders that cannot be read, links to nothing.
    notes : list of Problem
        The other files, not read (``speakers.yaml`` excepted).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("a.txt", "B.TXT", "notes.md", "speakers.yaml"):
    ...     _ = (root / name).write_text("x")
    >>> documents, problems, notes = find_corpus_files(root)
    >>> [p.name for p in documents], problems, [pathlib.Path(n.path).name for n in notes]
    (['B.TXT', 'a.txt'], [], ['notes.md'])
    """
    folder = Path(folder)
    files, problems, notes, seen = [], [], [], set()

    def unreadable(error: OSError) -> None:
        problems.append(Problem(error.filename or str(folder), 0, f"cannot read this folder ({error.strerror}); "
                                "make it readable or move it out of the corpus folder"))

    for root, folders, names in os.walk(folder, onerror=unreadable, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:  # a link back to a folder already read: its files are read once
            folders.clear()
            continue
        seen.add(real)
        folders.sort()
        for name in sorted(names):
            file = Path(root) / name
            if file.suffix.lower() == ".txt":
                files.append(file)
            elif not file.exists():
                problems.append(Problem(str(file), 0, "a link to nothing; remove it or point it at a document"))
            elif name != "speakers.yaml":
                notes.append(Problem(str(file), 0, "not read: only *.txt files are documents; rename it to .txt if it is one"))
    return sorted(files), problems, notes
