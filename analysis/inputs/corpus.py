"""Read a corpus folder into the documents table, and check it.

A corpus is a folder of UTF-8 ``*.txt`` files (``*.TXT`` too), one document each, searched
recursively (linked folders followed). Every file under the folder is read or named: a file or
folder that cannot be read is a problem; any other file is named in a warning. Each file starts with YAML front matter between two ``---`` lines,
then the text, with paragraphs separated by blank lines::

    ---
    id: 2020-05-13-xi-moon-phone-call
    date: 2020-05-13
    title: President Xi Jinping Speaks with ROK President Moon Jae-in on the Phone
    source: Ministry of Foreign Affairs of the People's Republic of China
    genre: readout
    language: en
    ---
    President Xi Jinping had a telephone conversation with ...

The text is everything after the closing ``---`` line, character for
character (carriage returns, a byte-order mark, leading blank lines and
trailing spaces included), except the one line break that ends the file.

``date`` is a day (``2020-05-13``) or, when the source gives only the year, a
year (``date: 2019``): the ``date_precision`` column says which (``"day"`` or
``"year"``); a year-precision date is held as its 1 January in ``date`` (a
datetime column, so sorting and filtering work) and no day is invented: group
such documents by ``year``, never by day or month.

The documents table has one row per document and the columns
:data:`DOCUMENT_COLUMNS`, then any extra front-matter keys, sorted. ``path``
and ``text_line`` (the file line where ``text`` starts) locate any character
of ``text`` in its file: see :func:`locate`.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import yaml

from ..text.segmentation import split_paragraphs
from ..text.tokens import n_words
from .errors import CorpusError, InputWarning, Problem
from .files import find_corpus_files
from .frontmatter import GENRES, REQUIRED_KEYS, RESERVED_KEYS, as_date, read_record
from .scripts import check_scripts

__all__ = [
    "DOCUMENT_COLUMNS",
    "GENRES",
    "REQUIRED_KEYS",
    "RESERVED_KEYS",
    "CorpusError",
    "Problem",
    "check_corpus",
    "count_documents",
    "count_duplicates",
    "list_corpus_files",
    "load_corpus",
    "load_documents",
    "locate",
    "read_document",
    "validate_corpus",
    "write_document",
]

DOCUMENT_COLUMNS = (
    "doc_id",
    "date",
    "date_precision",
    "year",
    "title",
    "source",
    "genre",
    "language",
    "url",
    "event",
    "participants",
    "provenance",
    "date_note",
    "path",
    "text_line",
    "n_paragraphs",
    "n_words",
    "text",
)
#: Columns the loader computes: a front-matter key of that name is refused (it would replace them).

def read_document(path: str | Path) -> dict:
    """Read one corpus file into a dict of its metadata and text.

    Parameters
    ----------
    path : str or Path
        A UTF-8 file with YAML front matter.

    Returns
    -------
    dict
        The front-matter keys (``id`` renamed ``doc_id``), ``path`` and ``text``.

    Raises
    ------
    CorpusError
        Listing every problem in the file.
    """
    record, problems = read_record(Path(path))
    if problems:
        raise CorpusError(problems)
    _warn(check_scripts([record]))
    return {key: value for key, value in record.items() if not key.startswith("_")}


def validate_corpus(path: str | Path) -> list[Problem]:
    """Check every document under ``path`` and return the problems found.

    Parameters
    ----------
    path : str or Path
        A corpus folder (searched recursively for ``*.txt``) or one file.

    Returns
    -------
    list of Problem
        Empty when the corpus is clean.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("---\\nid: a\\n---\\nHello.\\n", encoding="utf-8")
    >>> [p.message.split(":")[0] for p in validate_corpus(folder)][:2]
    ['missing required key `date`', 'missing required key `title`']
    """
    _, problems, _ = _load(Path(path))
    return problems


def check_corpus(path: str | Path) -> tuple[list[Problem], list[Problem]]:
    """Check every file under ``path``: the problems, and what is accepted but worth a look.

    Parameters
    ----------
    path : str or Path
        A corpus folder or one file.

    Returns
    -------
    problems : list of Problem
        What :func:`load_corpus` refuses (empty when the corpus is clean).
    warnings : list of Problem
        What it accepts with a warning: files that are not ``*.txt`` documents, text in another
        script than the declared ``language``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "notes.md").write_text("draft", encoding="utf-8")
    >>> _ = (folder / "a.txt").write_text("---\\nid: a\\ndate: 2020\\ntitle: T\\nsource: S\\n"
    ...     "genre: speech\\nlanguage: en\\n---\\nThank you.\\n", encoding="utf-8")
    >>> problems, notes = check_corpus(folder)
    >>> problems, [note.message for note in notes]
    ([], ['not read: only *.txt files are documents; rename it to .txt if it is one'])
    """
    records, problems, notes = _load(Path(path))
    return problems, notes + check_scripts(records)


def load_corpus(path: str | Path, *, keep_duplicates: bool = False) -> pd.DataFrame:
    """Load a corpus folder into the documents table.

    Parameters
    ----------
    path : str or Path
        A corpus folder (searched recursively for ``*.txt``) or one file.
    keep_duplicates : bool, default False
        A document whose front matter says ``duplicate_of: <id>`` (a second copy of a text
        already in the corpus, kept word for word) is left out of the table, so no analysis
        counts it twice; ``True`` keeps it (with its ``duplicate_of`` column).
        :func:`count_duplicates` says how many a folder has; ``python -m analysis validate``
        reports them.

    Returns
    -------
    pandas.DataFrame
        One row per document, sorted by ``date`` then ``doc_id``, with
        :data:`DOCUMENT_COLUMNS` then any extra front-matter keys.

    Raises
    ------
    CorpusError
        If anything is wrong; the message lists every problem as
        ``file:line: what is wrong, what to do``.
    FileNotFoundError
        If ``path`` does not exist or holds no ``*.txt`` file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text(
    ...     "---\\nid: a\\ndate: 2020-05-13\\ntitle: T\\nsource: S\\n"
    ...     "genre: readout\\nlanguage: en\\n---\\nBoth sides agreed.\\n",
    ...     encoding="utf-8")
    >>> load_corpus(folder)[["doc_id", "genre", "n_words"]]
      doc_id    genre  n_words
    0      a  readout        3
    """
    records, problems, notes = _load(Path(path))
    if problems:
        raise CorpusError(problems)
    _warn(notes + check_scripts(records))
    if not keep_duplicates:
        records = [record for record in records if not record.get("duplicate_of")]
    return _to_frame(records)


def count_duplicates(documents: pd.DataFrame) -> pd.DataFrame:
    """The documents marked ``duplicate_of`` (loaded with ``keep_duplicates=True``): the copies analyses leave out.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id``, ``duplicate_of``, ``path``; empty when there are none.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "duplicate_of": [None, "a"], "path": ["a.txt", "b.txt"]})
    >>> count_duplicates(docs).values.tolist()
    [['b', 'a', 'b.txt']]
    """
    if "duplicate_of" not in documents.columns:
        return pd.DataFrame(columns=["doc_id", "duplicate_of", "path"])
    marked = documents["duplicate_of"].notna() & (documents["duplicate_of"].astype(str) != "")
    return documents.loc[marked, ["doc_id", "duplicate_of", "path"]].reset_index(drop=True)


def list_corpus_files(path: str | Path) -> list[Path]:
    """The document files of a corpus folder (``*.txt``, searched recursively as :func:`load_corpus`
    searches, sorted), or ``[path]`` for a file.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist or holds no ``*.txt`` file.
    CorpusError
        If a file or folder under ``path`` cannot be read (as :func:`load_corpus` reports it).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "b.txt").write_text("x", encoding="utf-8"); _ = (folder / "a.txt").write_text("x", encoding="utf-8")
    >>> [p.name for p in list_corpus_files(folder)]
    ['a.txt', 'b.txt']
    """
    files, problems, notes = _find_files(Path(path))
    if problems:
        raise CorpusError(problems)
    _warn(notes)
    return files


def load_documents(files) -> pd.DataFrame:
    """Load some corpus files (a chunk of a corpus) into the documents table, as :func:`load_corpus` does.

    Parameters
    ----------
    files : iterable of str or Path
        Corpus files (e.g. a slice of :func:`list_corpus_files`).

    Returns
    -------
    pandas.DataFrame
        As :func:`load_corpus`; ids are checked for duplicates among these files only.

    Raises
    ------
    CorpusError
        Listing every problem of these files as ``file:line: what is wrong, what to do``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text(
    ...     "---\\nid: a\\ndate: 2019\\ntitle: T\\nsource: S\\ngenre: speech\\nlanguage: en\\n---\\nPeace.\\n",
    ...     encoding="utf-8")
    >>> load_documents([folder / "a.txt"])[["doc_id", "year", "n_words"]].values.tolist()
    [['a', 2019, 1]]
    """
    records, problems = _load_files([Path(f) for f in files])
    if problems:
        raise CorpusError(problems)
    if not records:
        raise FileNotFoundError("load_documents: no file given; pass the corpus files to load")
    _warn(check_scripts(records))
    return _to_frame([record for record in records if not record.get("duplicate_of")])


def locate(document, offset: int) -> str:
    """``file:line`` of a character of a document's text, for messages to users.

    Parameters
    ----------
    document : mapping or namedtuple
        A row of the documents table (needs ``path``, ``text_line``, ``text``).
    offset : int
        A character offset into ``text`` (e.g. a statement's ``start``).

    Examples
    --------
    >>> locate({"path": "a.txt", "text_line": 9, "text": "One.\\n\\nTwo."}, 6)
    'a.txt:11'
    """
    get = document.get if hasattr(document, "get") else lambda key: getattr(document, key)
    return f"{get('path')}:{int(get('text_line')) + get('text').count(chr(10), 0, offset)}"


def write_document(path: str | Path, meta: dict, text: str) -> Path:
    """Write one corpus file: ``meta`` as YAML front matter, then ``text``.

    Parameters
    ----------
    path : str or Path
        Where to write (parent folders are created).
    meta : dict
        Front-matter keys; ``id``, ``date`` ... as in the corpus format.
    text : str
        The document body, paragraphs separated by blank lines.

    Returns
    -------
    Path
        The file written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {key: as_date(value) for key, value in meta.items()}
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(f"---\n{front}---\n{text.rstrip()}\n", encoding="utf-8")
    return path


def count_documents(documents: pd.DataFrame, *, freq: str = "QS", by: str = "genre") -> pd.DataFrame:
    """Count documents per period and group (e.g. per quarter and genre).

    Parameters
    ----------
    documents : pandas.DataFrame
        The documents table from :func:`load_corpus`.
    freq : str, default "QS"
        A pandas period alias: ``"MS"`` months, ``"QS"`` quarters, ``"YS"`` years.
    by : str, default "genre"
        The documents column to group by (``"genre"``, ``"source"``...).

    Returns
    -------
    pandas.DataFrame
        Tidy table with columns ``period`` (first day), ``by`` column, ``n_documents``;
        periods with no document are present with 0 so gaps show.

    Examples
    --------
    >>> docs = pd.DataFrame({"date": pd.to_datetime(["2020-01-05", "2020-05-01"]),
    ...                      "genre": ["readout", "readout"]})
    >>> count_documents(docs, freq="QS")["n_documents"].tolist()
    [1, 1]
    """
    if documents.empty:
        return pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]"), by: [], "n_documents": []})
    period = documents["date"].dt.to_period(freq.rstrip("S") or freq).dt.start_time
    counts = (
        documents.assign(period=period)
        .groupby(["period", by], observed=True)
        .size()
        .rename("n_documents")
    )
    full = pd.MultiIndex.from_product(
        [
            pd.date_range(period.min(), period.max(), freq=freq),
            sorted(documents[by].unique()),
        ],
        names=["period", by],
    )
    return counts.reindex(full, fill_value=0).reset_index()


# ----------------------------------------------------------------------------- reading


def _find_files(path: Path) -> tuple[list[Path], list[Problem], list[Problem]]:
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such corpus folder or file; pass the folder that holds the *.txt documents")
    files, problems, notes = ([path], [], []) if not path.is_dir() else find_corpus_files(path)
    if not files and not problems:
        raise FileNotFoundError(f"{path}: no *.txt document found; a corpus is a folder of UTF-8 .txt files with YAML front matter")
    return files, problems, notes


def _load(path: Path) -> tuple[list[dict], list[Problem], list[Problem]]:
    files, problems, notes = _find_files(path)
    records, found = _load_files(files)
    return records, problems + found, notes


def _load_files(files: list[Path]) -> tuple[list[dict], list[Problem]]:
    records, problems = [], []
    for file in files:
        record, found = read_record(file)
        problems.extend(found)
        if record is not None:
            records.append(record)
    seen: dict[str, dict] = {}
    for record in records:
        first = seen.setdefault(record["doc_id"], record)
        if first is not record:
            problems.append(
                Problem(
                    record["path"],
                    record["_id_line"],
                    f"duplicate id `{record['doc_id']}` (also in {first['path']}); give each document its own id",
                )
            )
    return records, problems


def _warn(notes: list[Problem]) -> None:
    for note in notes:
        warnings.warn(str(note), InputWarning, stacklevel=3)


def _to_frame(records: list[dict]) -> pd.DataFrame:
    rows = []
    for record in records:
        row = {k: v for k, v in record.items() if not k.startswith("_")}
        row["n_paragraphs"] = len(split_paragraphs(row["text"]))
        row["n_words"] = n_words(row["text"], row["language"])
        rows.append(row)
    frame = pd.DataFrame(rows)
    extra = sorted(c for c in frame.columns if c not in DOCUMENT_COLUMNS)
    frame = frame[list(DOCUMENT_COLUMNS) + extra]
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    return frame.sort_values(["date", "doc_id"], kind="stable").reset_index(drop=True)
