"""Import the official UN General Debate Corpus release as researchers download it.

:func:`import_ungdc` reads a folder or a ``.tgz`` of ``Session NN - YYYY/ISO_NN_YYYY.txt`` files
(possibly under ``TXT/``) with ``Speakers_by_session.xlsx`` (Harvard Dataverse
doi:10.7910/DVN/0TJX8Y) and writes one corpus document per speech, its text exactly as in the
release; :func:`read_ungdc_speakers` reads the speakers table. The front matter is that of
:mod:`analysis.inputs.ungdc` (see its docstring).
"""

from __future__ import annotations

import dataclasses
import io
import re
import tarfile
from pathlib import Path, PurePosixPath
from typing import Iterable

import pandas as pd

from .ungdc_documents import DATASET_DOI, canonical_delegate, clean_name, make_front_matter, write_document

__all__ = ["UngdcImport", "import_ungdc", "read_ungdc_speakers"]

_SPEAKERS_XLSX = "Speakers_by_session.xlsx"
_FILE_NAME = re.compile(r"(?P<iso>[A-Z]{2,3})_(?P<session>\d{2})_(?P<year>\d{4})\.txt")
_SESSION_FOLDER = re.compile(r"Session (?P<session>\d{2}) - (?P<year>\d{4})")
_XLSX_COLUMNS = {"year": "Year", "session": "Session", "iso": "ISO Code", "country": "Country", "name": "Name of Person Speaking", "post": "Post"}
#: The release files ``CHN`` before this year are speeches of the Republic of China (Taiwan):
#: the People's Republic took the seat by resolution 2758 (XXVI) in October 1971.
_PRC_FROM = 1971


@dataclasses.dataclass
class UngdcImport:
    """What :func:`import_ungdc` did.

    Attributes
    ----------
    documents : pandas.DataFrame
        One row per speech written: ``doc_id``, ``path``, ``source_file``,
        ``country``, ``side``, ``year``, ``session``, ``speaker``,
        ``speaker_post``, ``speaker_status`` (``"ok"``, ``"missing"``: no row or
        no name in the speakers table, ``"ambiguous"``: several rows for the file).
    skipped : list of str
        Files of the source that are not speeches and were not imported
        (macOS ``._*`` and ``.DS_Store*`` files, R histories, a README), each
        with the reason.
    """

    documents: pd.DataFrame
    skipped: list[str]

    @property
    def unnamed(self) -> pd.DataFrame:
        """The speeches imported without a speaker name (status missing or ambiguous)."""
        return self.documents[self.documents["speaker_status"] != "ok"]

    def __str__(self) -> str:
        lines = [f"{len(self.documents)} speech(es) written; {len(self.unnamed)} without a speaker name; {len(self.skipped)} file(s) skipped"]
        for row in self.unnamed.itertuples():
            lines.append(f"{row.source_file}: speaker {row.speaker_status}: {row.speaker_note}")
        return "\n".join(lines)


def import_ungdc(
    path: str | Path,
    *,
    out: str | Path,
    countries: Iterable[str] | None = None,
    years: str | Iterable[int] | None = None,
    speakers_xlsx: str | Path | None = None,
) -> UngdcImport:
    """Import speeches of the official UNGDC release (a folder or a ``.tgz``).

    Reads ``Session NN - YYYY/ISO_NN_YYYY.txt`` files (at any depth, e.g.
    under ``TXT/``) and the speakers table ``Speakers_by_session.xlsx``, and
    writes one corpus document ``<out>/<id>.txt`` per speech, its text exactly
    as in the release. Files whose name starts with a dot (macOS ``._*`` and
    ``.DS_Store*`` files that the release carries) and files outside the
    session folders (a README) are not speeches: they are listed in
    ``skipped``, not imported.

    **China before 1971**: the release's ``CHN`` files before 1971 are speeches
    of the Republic of China (Taiwan), which held China's seat until resolution
    2758 (XXVI) of October 1971. They get ``country: Republic of China``,
    ``side: ROC`` and ids ``ungdc-roc-YYYY``, never side ``CN``. ``countries``
    filters on the release's codes, so ``CHN`` selects both; filter on
    ``side`` afterwards.

    Parameters
    ----------
    path : str or Path
        The release folder, or its ``.tgz`` / ``.tar.gz`` archive.
    out : str or Path
        The folder to write the documents into (created if needed).
    countries : iterable of str, optional
        ISO3 codes of the release's file names (``CHN``, ``KOR``...); all if omitted.
    years : str or iterable of int, optional
        ``"1991-2024"``, ``"2019"``, or years as ints; all if omitted.
    speakers_xlsx : str or Path, optional
        The speakers table; by default ``Speakers_by_session.xlsx`` found in the
        folder or archive, or beside the archive.

    Returns
    -------
    UngdcImport
        The speeches written (with ``speaker_status``) and the files skipped.
        A speech whose year and country have no row, or no name, in the
        speakers table is still imported, with an empty ``speaker``; one with
        several rows (two delegates that year) too, its candidates in the report.

    Raises
    ------
    ValueError
        A ``.txt`` file in a session folder whose name is not ``ISO_NN_YYYY.txt``,
        or whose session or year disagrees with its folder, or that is not
        UTF-8; a speakers table without the expected columns. The message names the file.
    FileNotFoundError
        If ``path`` does not exist, holds no speech, or no speakers table is found.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> (root / "TXT" / "Session 74 - 2019").mkdir(parents=True)
    >>> _ = (root / "TXT" / "Session 74 - 2019" / "KOR_74_2019.txt").write_text("Peace.", encoding="utf-8")
    >>> book = openpyxl.Workbook()
    >>> book.active.append(["Year", "Session", "ISO Code", "Country", "Name of Person Speaking", "Post"])
    >>> book.active.append([2019, 74, "KOR", "Republic of Korea", "Mr. Moon Jae-in", "President"])
    >>> book.save(root / "Speakers_by_session.xlsx")
    >>> report = import_ungdc(root, out=root / "corpus", countries=["KOR"], years="2019")
    >>> report.documents[["doc_id", "side", "speaker", "speaker_status"]].values.tolist()
    [['ungdc-kor-2019', 'ROK', 'Moon Jae-in', 'ok']]
    """
    path, out = Path(path), Path(out)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such folder or archive; pass the UNGDC release folder or its .tgz")
    wanted_countries = None if countries is None else {c.strip().upper() for c in countries}
    wanted_years = _parse_years(years)

    def keep(iso: str, year: int) -> bool:
        return (wanted_countries is None or iso in wanted_countries) and (wanted_years is None or year in wanted_years)

    files, skipped, xlsx_bytes = _read_release(path, speakers_xlsx, keep)
    speakers = _index_speakers(read_ungdc_speakers(xlsx_bytes[1], name=xlsx_bytes[0]))
    rows = []
    for source_file, iso, session, year, data in files:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ValueError(f"{source_file}: not UTF-8 (byte {error.start}); re-save the file as UTF-8 or report it to the dataset's authors") from error
        found = speakers.get((year, iso), [])  # the rows of the speakers table for this year and country, in order
        names = [n for n, _, _ in found if n]
        if len(found) > 1:
            status, name, post = "ambiguous", "", ""
            note = f"{len(found)} rows for {iso} {year}: " + "; ".join(f"{n or '(no name)'} ({p or 'no post'})" for n, p, _ in found)
        elif not names:
            status, name, post = "missing", "", (found[0][1] if found else "")
            note = f"no row for {iso} {year} in the speakers table" if not found else f"the row for {iso} {year} has no name"
        else:
            status, name, post, note = "ok", names[0], found[0][1], ""
        roc = iso == "CHN" and year < _PRC_FROM
        code = "roc" if roc else iso.lower()
        doc_id = f"ungdc-{code}-{year}"
        country_name = "Republic of China" if roc else (found[0][2] if found else iso)
        speaker = canonical_delegate(iso, year, name) if name and not roc else clean_name(name)
        meta = make_front_matter(
            doc_id=doc_id,
            iso=iso,
            country_name=country_name,
            year=year,
            session=session,
            speaker=speaker,
            post=post,
            source="UN General Debate Corpus (UNGDC)",
            doi=DATASET_DOI,
            provenance={"source_path": source_file, "speakers_table": xlsx_bytes[0], "speaker_as_recorded": name},
            roc=roc,
        )
        written = write_document(out / f"{doc_id}.txt", meta, text)
        rows.append(
            dict(doc_id=doc_id, path=str(written), source_file=source_file, country=meta["country"], side=meta["side"], year=year,
                 session=session, speaker=speaker, speaker_post=post, speaker_status=status, speaker_note=note)
        )
    columns = ["doc_id", "path", "source_file", "country", "side", "year", "session", "speaker", "speaker_post", "speaker_status", "speaker_note"]
    documents = pd.DataFrame(rows, columns=columns).sort_values(["year", "doc_id"], kind="stable").reset_index(drop=True)
    return UngdcImport(documents, skipped)


def read_ungdc_speakers(source: str | Path | bytes, *, name: str | None = None) -> pd.DataFrame:
    """Read the release's ``Speakers_by_session.xlsx`` into a tidy table.

    Parameters
    ----------
    source : str, Path or bytes
        The xlsx file, or its content.
    name : str, optional
        The file name to use in messages (when ``source`` is bytes).

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``session`` (int), ``iso``, ``country``, ``name``,
        ``post`` (str, stripped; empty when the cell is). The sheet read is the
        first whose header row holds the release's column names ("Year",
        "Session", "ISO Code", "Country", "Name of Person Speaking", "Post");
        the unnamed notes column and the empty extra sheets are ignored.

    Raises
    ------
    ValueError
        If no sheet has those columns, or a year or session is not a number
        (naming the file, sheet and row).

    Examples
    --------
    >>> import io, openpyxl
    >>> book = openpyxl.Workbook()
    >>> book.active.append(["Year", "Session", "ISO Code", "Country", "Name of Person Speaking", "Post", None])
    >>> book.active.append([1991, 46, "CHN", "China", "QIAN QICHEN ", None, None])
    >>> buffer = io.BytesIO(); book.save(buffer)
    >>> read_ungdc_speakers(buffer.getvalue()).values.tolist()
    [[1991, 46, 'CHN', 'China', 'QIAN QICHEN', '']]
    """
    import openpyxl

    label = name or (str(source) if not isinstance(source, bytes) else _SPEAKERS_XLSX)
    handle = io.BytesIO(source) if isinstance(source, bytes) else source
    book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    try:
        for sheet in book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            header = [str(c).strip() if c is not None else "" for c in next(rows, ())]
            if not all(column in header for column in _XLSX_COLUMNS.values()):
                continue
            where = {key: header.index(column) for key, column in _XLSX_COLUMNS.items()}
            records = []
            for number, row in enumerate(rows, start=2):
                cells = {key: (row[i] if i < len(row) else None) for key, i in where.items()}
                if all(v is None or str(v).strip() == "" for v in cells.values()):
                    continue
                try:
                    year, session = int(cells["year"]), int(cells["session"])
                except (TypeError, ValueError) as error:
                    raise ValueError(f"{label}: sheet {sheet.title!r} row {number}: Year and Session must be numbers, found {cells['year']!r}, {cells['session']!r}") from error
                text = {key: ("" if cells[key] is None else " ".join(str(cells[key]).split())) for key in ("iso", "country", "name", "post")}
                records.append(dict(year=year, session=session, **text))
            return pd.DataFrame(records, columns=["year", "session", "iso", "country", "name", "post"])
    finally:
        book.close()
    raise ValueError(f"{label}: no sheet has the columns {', '.join(_XLSX_COLUMNS.values())}; pass the release's Speakers_by_session.xlsx")


def _index_speakers(speakers: pd.DataFrame) -> dict[tuple[int, str], list[tuple[str, str, str]]]:
    """The speakers table indexed once: (year, iso) -> its rows' (name, post, country), in table order."""
    index: dict[tuple[int, str], list[tuple[str, str, str]]] = {}
    for year, iso, name, post, country in zip(speakers["year"].tolist(), speakers["iso"].tolist(), speakers["name"].tolist(),
                                              speakers["post"].tolist(), speakers["country"].tolist()):  # fmt: skip
        index.setdefault((int(year), iso), []).append((name, post, country))
    return index


def _parse_years(years) -> set[int] | None:
    if years is None:
        return None
    if isinstance(years, str):
        match = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?", years)
        if not match:
            raise ValueError(f"years {years!r}: write YYYY or YYYY-YYYY (e.g. 1991-2024)")
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        return set(range(first, last + 1))
    return {int(y) for y in years}


def _read_release(path: Path, speakers_xlsx, keep) -> tuple[list, list[str], tuple[str, bytes]]:
    """The kept speech files (name, iso, session, year, bytes), the skipped files, and the speakers table (name, bytes).

    An archive is read in one pass, and only the kept speeches' bytes are held.
    """
    files, skipped, found = [], [], {}

    def consider(name: str, read) -> None:
        parts = PurePosixPath(name).parts
        base = parts[-1]
        if base.startswith("."):
            skipped.append(f"{origin}/{name}: hidden file (macOS metadata or similar), not a speech")
            return
        if base == _SPEAKERS_XLSX:
            found.setdefault("xlsx", (f"{origin}/{name}", read()))
            return
        folder = _SESSION_FOLDER.fullmatch(parts[-2]) if len(parts) > 1 else None
        if folder is None or not base.endswith(".txt"):
            skipped.append(f"{origin}/{name}: not a .txt file in a `Session NN - YYYY` folder, not a speech")
            return
        match = _FILE_NAME.fullmatch(base)
        if match is None:
            raise ValueError(
                f"{origin}/{name}: malformed speech file name; the release names speeches ISO_NN_YYYY.txt "
                "(e.g. CHN_46_1991.txt): rename or remove the file"
            )
        if (match["session"], match["year"]) != (folder["session"], folder["year"]):
            raise ValueError(
                f"{origin}/{name}: session and year of the file name ({match['session']}, {match['year']}) "
                f"disagree with its folder {parts[-2]!r}; move or rename the file"
            )
        found["any"] = True
        if keep(match["iso"], int(match["year"])):
            files.append((f"{origin}/{name}", match["iso"], int(match["session"]), int(match["year"]), read()))

    origin = path
    if path.is_dir():
        for file in sorted(path.rglob("*")):
            if file.is_file():
                consider(file.relative_to(path).as_posix(), file.read_bytes)
        beside = None
    else:
        try:
            archive = tarfile.open(path, "r:*")
        except tarfile.TarError as error:
            raise ValueError(f"{path}: neither a folder nor a readable .tgz/.tar.gz archive ({error})") from error
        with archive:
            for member in archive:
                if member.isfile():
                    consider(member.name.removeprefix("./"), lambda member=member: archive.extractfile(member).read())
        beside = path.parent
    if not found.get("any"):
        raise FileNotFoundError(f"{path}: no `Session NN - YYYY/ISO_NN_YYYY.txt` speech found; pass the UNGDC release folder or its .tgz")
    xlsx = found.get("xlsx")
    if speakers_xlsx is not None:
        xlsx = (str(speakers_xlsx), Path(speakers_xlsx).read_bytes())
    elif xlsx is None and beside is not None and (beside / _SPEAKERS_XLSX).is_file():
        xlsx = (str(beside / _SPEAKERS_XLSX), (beside / _SPEAKERS_XLSX).read_bytes())
    if xlsx is None:
        raise FileNotFoundError(
            f"{path}: no {_SPEAKERS_XLSX} in it or beside it; download it with the release (doi:10.7910/DVN/0TJX8Y) "
            "and pass it as speakers_xlsx (--speakers-xlsx)"
        )
    return sorted(files), sorted(skipped), xlsx
