"""Import speeches of the UN General Debate Corpus (UNGDC) as corpus documents.

Two importers:

* :func:`import_un_shared` writes the project's shipped UN documents from the
  shared folder's ``corpora/ungdc_six_parties_1991_2024.jsonl`` (the six
  parties to the Peninsula talks, into ``documents/un-general-debate/``) and
  ``corpora/ungdc_background_2018_2020.jsonl`` (every other state, into
  ``background/un-general-debate/``);
* :func:`import_ungdc` reads the official release as researchers download it
  (Harvard Dataverse doi:10.7910/DVN/0TJX8Y): a folder or a ``.tgz`` of
  ``Session NN - YYYY/ISO_NN_YYYY.txt`` files (possibly under ``TXT/``) and
  ``Speakers_by_session.xlsx``.

The text of every speech is written exactly as the source has it (byte-order
mark, carriage returns, hard line wraps, words split across lines, OCR slips):
no word is changed. The source gives the session and the year, not the day, so
documents carry a year-precision date (``date: 1991``).

Front matter of every document: ``id``, ``date`` (the year), ``title``,
``source``, ``genre: speech``, ``language: en``, ``country`` (the ISO 3166-1
alpha-3 code of the release; ``Republic of China`` for the release's ``CHN``
files before 1971), ``country_name``, ``side`` (:data:`SIDES` for the six
parties, ``ROC`` for the Republic of China, else the ISO3 code), ``session``,
``speaker`` (canonical name, empty when the source names nobody),
``speaker_post``, ``dataset_doi``, ``url`` (the DOI) and ``provenance``.
"""

from __future__ import annotations

import json
from pathlib import Path

from .ungdc_documents import DATASET_DOI, SIDES, UN_SOURCE, canonical_delegate, make_front_matter, write_document
from .ungdc_release import UngdcImport, import_ungdc, read_ungdc_speakers

__all__ = [
    "DATASET_DOI",
    "SIDES",
    "UN_SOURCE",
    "UngdcImport",
    "import_un_shared",
    "import_ungdc",
    "read_ungdc_speakers",
]

_SIX_FILE = "corpora/ungdc_six_parties_1991_2024.jsonl"
_BACKGROUND_FILE = "corpora/ungdc_background_2018_2020.jsonl"
_FOLDER = "un-general-debate"


def import_un_shared(shared: str | Path, out: str | Path) -> dict[str, int]:
    """Write the shipped UN General Debate documents from the shared folder.

    The six parties' speeches go to ``out/documents/un-general-debate/``,
    the other states' (2018-2020) to ``out/background/un-general-debate/``,
    one file ``<id>.txt`` per speech whose text is the ``text`` field exactly.

    Parameters
    ----------
    shared : str or Path
        The shared folder holding ``corpora/ungdc_six_parties_1991_2024.jsonl``
        and ``corpora/ungdc_background_2018_2020.jsonl``.
    out : str or Path
        The corpus folder to write into.

    Returns
    -------
    dict
        ``{"un-general-debate": n, "un-background": m}``, files written.

    Raises
    ------
    ValueError
        If a line is not JSON or lacks a field, naming ``file:line``.

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> shared = pathlib.Path(tempfile.mkdtemp())
    >>> (shared / "corpora").mkdir()
    >>> row = {"id": "ungdc-kor-2019", "year": 2019, "session": 74, "country_iso3": "KOR",
    ...        "country": "Republic of Korea", "speaker_name": "Mr. Moon Jae-in",
    ...        "speaker_post": "President", "dataset": "UNGDC", "dataset_doi": DATASET_DOI,
    ...        "source_repo": "r", "source_commit": "c", "source_path": "p", "text": "\\ufeffPeace.\\r"}
    >>> _ = (shared / _SIX_FILE).write_text(json.dumps(row) + "\\n", encoding="utf-8")
    >>> _ = (shared / _BACKGROUND_FILE).write_text("", encoding="utf-8")
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> import_un_shared(shared, out)
    {'un-general-debate': 1, 'un-background': 0}
    >>> from analysis.inputs.corpus import load_corpus
    >>> load_corpus(out).loc[0, ["speaker", "side", "date_precision", "text"]].tolist()
    ['Moon Jae-in', 'ROK', 'year', '\\ufeffPeace.\\r']
    """
    shared, out = Path(shared), Path(out)
    counts = {}
    for part, folder, file in (("un-general-debate", "documents", _SIX_FILE), ("un-background", "background", _BACKGROUND_FILE)):
        written = 0
        for number, row in _read_jsonl(shared / file):
            iso = row["country_iso3"]
            speaker = canonical_delegate(iso, row["year"], row["speaker_name"], strict=True)
            meta = make_front_matter(
                doc_id=row["id"],
                iso=iso,
                country_name=row["country"],
                year=row["year"],
                session=row["session"],
                speaker=speaker,
                post=row["speaker_post"],
                source=UN_SOURCE,
                doi=row["dataset_doi"],
                provenance={
                    "collection": f"shared/{file} line {number}",
                    "source_repo": row["source_repo"],
                    "source_commit": row["source_commit"],
                    "source_path": row["source_path"],
                    "speaker_as_recorded": row["speaker_name"],
                },
            )
            write_document(out / folder / _FOLDER / f"{row['id']}.txt", meta, row["text"])
            written += 1
        counts[part] = written
    return counts


def _read_jsonl(path: Path):
    content = path.read_text(encoding="utf-8")
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}:{number}: not a JSON object ({error.msg})") from error
        missing = [k for k in ("id", "year", "session", "country_iso3", "country", "speaker_name", "speaker_post", "dataset_doi", "source_repo", "source_commit", "source_path", "text") if k not in row]
        if missing:
            raise ValueError(f"{path}:{number}: missing field(s) {', '.join(missing)}")
        yield number, row
