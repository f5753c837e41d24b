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

import dataclasses
import io
import json
import re
import tarfile
from pathlib import Path, PurePosixPath
from typing import Iterable

import pandas as pd
import yaml

__all__ = [
    "DATASET_DOI",
    "SIDES",
    "UN_SOURCE",
    "UngdcImport",
    "import_un_shared",
    "import_ungdc",
    "read_ungdc_speakers",
]

#: The ``source`` of the shipped UN documents (the release the shared files hold).
UN_SOURCE = "UN General Debate Corpus (UNGDC) v13"
#: The dataset's DOI, recorded as ``dataset_doi`` and ``url``.
DATASET_DOI = "https://doi.org/10.7910/DVN/0TJX8Y"
#: Side codes of the six parties (those of ``corpus/speakers.yaml``); other states keep their ISO3 code.
SIDES = {"CHN": "CN", "KOR": "ROK", "PRK": "DPRK", "JPN": "JP", "USA": "US", "RUS": "RU"}

_SIX_FILE = "corpora/ungdc_six_parties_1991_2024.jsonl"
_BACKGROUND_FILE = "corpora/ungdc_background_2018_2020.jsonl"
_FOLDER = "un-general-debate"
_SPEAKERS_XLSX = "Speakers_by_session.xlsx"
_FILE_NAME = re.compile(r"(?P<iso>[A-Z]{2,3})_(?P<session>\d{2})_(?P<year>\d{4})\.txt")
_SESSION_FOLDER = re.compile(r"Session (?P<session>\d{2}) - (?P<year>\d{4})")
_COURTESY = re.compile(r"^(?:(?:Mr|Mrs|Ms|Dr|H\.\s?E|H\.\s?M)\.?\s+)+", re.IGNORECASE)
_XLSX_COLUMNS = {"year": "Year", "session": "Session", "iso": "ISO Code", "country": "Country", "name": "Name of Person Speaking", "post": "Post"}
#: The release files ``CHN`` before this year are speeches of the Republic of China (Taiwan):
#: the People's Republic took the seat by resolution 2758 (XXVI) in October 1971.
_PRC_FROM = 1971

# Names of the six parties in titles (the source's `country` field varies from year to year).
_DISPLAY = {
    "CHN": "China",
    "KOR": "the Republic of Korea",
    "PRK": "the Democratic People's Republic of Korea",
    "JPN": "Japan",
    "USA": "the United States",
    "RUS": "Russia",
}

# Heads of delegation of the six parties, 1991-2024: canonical name (as in corpus/speakers.yaml)
# -> the spellings of Speakers_by_session.xlsx, lowercased, courtesy titles removed. Surname-only
# entries ("nakayama") are resolved only within their country and only where the public record
# leaves no doubt about who held the post named that year; "Mr KIM" (DPRK, 1992) and the two DPRK
# speeches without a name (2005, 2017) stay unnamed.
_DELEGATES = {
    "CHN": {
        "Qian Qichen": ("qian qichen",),
        "Tang Jiaxuan": ("tang jiaxuan", "tang jianxuan"),
        "Li Zhaoxing": ("li zhaoxing",),
        "Yang Jiechi": ("yang jiechi",),
        "Wen Jiabao": ("wen jiabao",),
        "Hu Jintao": ("hu jintao",),
        "Wang Yi": ("wang yi",),
        "Xi Jinping": ("xi jinping",),
        "Li Keqiang": ("li keqiang",),
        "Han Zheng": ("han zheng",),
    },
    "KOR": {
        "Roh Tae-woo": ("roh tae woo", "roh"),
        "Han Sung-joo": ("han sung-joo", "han"),
        "Gong Ro-myung": ("gong ro-myung", "ro-myung gong"),
        "Yoo Chong-ha": ("chong ha yoo",),
        "Hong Soon-young": ("hong soon-young",),
        "Lee Joung-binn": ("lee joung-binn",),
        "Lee Han-dong": ("lee han-dong",),
        "Choi Sung-hong": ("choi sung-hong",),
        "Yoon Young-kwan": ("yoon young-kwan",),
        "Ban Ki-moon": ("ban ki moon", "ban ki-moon"),
        "Song Min-soon": ("song min-soon",),
        "Han Seung-soo": ("han seung-soo",),
        "Lee Myung-bak": ("lee myung-bak",),
        "Shin Kak-soo": ("shin kak-soo",),
        "Kim Sung-hwan": ("kim sung-hwan",),
        "Yun Byung-se": ("yun byung-se",),
        "Park Geun-hye": ("park geun-hye",),
        "Moon Jae-in": ("moon jae-in", "moon jae in"),
        "Yoon Suk Yeol": ("yoon suk yeol",),
        "Cho Tae-yul": ("tae-yul cho",),
    },
    "PRK": {
        "Yon Hyong Muk": ("yon hyong muk",),
        "Song Won Ho": ("song won ho",),
        "Choe Su Hon": ("choi su hon", "choe su hon"),
        "Paek Nam Sun": ("paek nam sun",),
        "Li Hyong Chol": ("li hyong chol",),
        "Pak Kil Yon": ("pak kil yon",),
        "Pak Ui Chun": ("pak ui chun",),
        "Ri Su Yong": ("ri su yong",),
        "Ri Yong-ho": ("ri yong ho",),
        "Kim Song": ("kim song", "song kim"),
    },
    "JPN": {
        "Taro Nakayama": ("nakayama",),
        "Michio Watanabe": ("watanabe",),
        "Morihiro Hosokawa": ("morihiro hosokawa",),
        "Yohei Kono": ("kono", "yohei kono"),
        "Ryutaro Hashimoto": ("ryutaro hashimoto",),
        "Keizo Obuchi": ("keizo obuchi",),
        "Masahiko Komura": ("masahiko koumura",),
        "Kiichi Miyazawa": ("kiichi miyazawa",),
        "Junichiro Koizumi": ("junichiro koizumi",),
        "Yoriko Kawaguchi": ("yoriko kawaguchi",),
        "Nobutaka Machimura": ("nobutaka machimura",),
        "Kenzo Oshima": ("kenzo oshima",),
        "Taro Aso": ("taro aso",),
        "Yukio Hatoyama": ("yukio hatoyama",),
        "Naoto Kan": ("naoto kan",),
        "Yoshihiko Noda": ("yoshihiko noda",),
        "Shinzo Abe": ("shinzo abe",),
        "Yoshihide Suga": ("suga yoshihide", "yoshihide suga"),
        "Fumio Kishida": ("kishida fumio",),
        "Kazuyuki Yamazaki": ("yamazaki kazuyuki",),
    },
    "USA": {
        # "George Bush" of 1991-1992 is George H. W. Bush: resolved by year in _canonical_delegate.
        "George H. W. Bush": (),
        "George W. Bush": ("george w. bush", "george w bush"),
        "Bill Clinton": ("william clinton", "william jefferson clinton", "bill clinton", "william j. clinton"),
        "Warren Christopher": ("christopher",),
        "Madeleine Albright": ("madeleine korbel albright",),
        "Condoleezza Rice": ("condoleezza rice",),
        "Barack Obama": ("barack obama",),
        "Donald Trump": ("donald trump",),
        "Joe Biden": ("joe biden", "joseph r. biden, jr", "joseph r. biden"),
    },
    "RUS": {
        "Boris Pankin": ("pankin",),
        "Andrei Kozyrev": ("kozyrev",),
        "Boris Yeltsin": ("boris yeltsin",),
        "Yevgeny Primakov": ("yevgeny primakov",),
        "Igor Ivanov": ("igor ivanov", "igor s. ivanov"),
        "Vladimir Putin": ("vladimir v. putin", "vladimir putin"),
        "Sergey Lavrov": ("sergey lavrov", "sergei lavrov", "sergey v. lavrov"),
        "Dmitry Medvedev": ("dimitry medvedev",),
        "Vitaly Churkin": ("vitaly churkin",),
    },
}


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
            speaker = _canonical_delegate(iso, row["year"], row["speaker_name"], strict=True)
            meta = _front_matter(
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
            _write_exact(out / folder / _FOLDER / f"{row['id']}.txt", meta, row["text"])
            written += 1
        counts[part] = written
    return counts


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
    speakers = read_ungdc_speakers(xlsx_bytes[1], name=xlsx_bytes[0])
    rows = []
    for source_file, iso, session, year, data in files:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ValueError(f"{source_file}: not UTF-8 (byte {error.start}); re-save the file as UTF-8 or report it to the dataset's authors") from error
        found = speakers[(speakers["year"] == year) & (speakers["iso"] == iso)]
        names = [n for n in found["name"] if n]
        if len(found) > 1:
            status, name, post = "ambiguous", "", ""
            note = f"{len(found)} rows for {iso} {year}: " + "; ".join(f"{n or '(no name)'} ({p or 'no post'})" for n, p in zip(found["name"], found["post"]))
        elif not names:
            status, name, post = "missing", "", (found["post"].iloc[0] if len(found) else "")
            note = f"no row for {iso} {year} in the speakers table" if found.empty else f"the row for {iso} {year} has no name"
        else:
            status, name, post, note = "ok", names[0], found["post"].iloc[0], ""
        roc = iso == "CHN" and year < _PRC_FROM
        code = "roc" if roc else iso.lower()
        doc_id = f"ungdc-{code}-{year}"
        country_name = "Republic of China" if roc else (found["country"].iloc[0] if len(found) else iso)
        speaker = _canonical_delegate(iso, year, name) if name and not roc else _clean_name(name)
        meta = _front_matter(
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
        written = _write_exact(out / f"{doc_id}.txt", meta, text)
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


# ----------------------------------------------------------------------------- helpers


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


def _clean_name(raw: str) -> str:
    """A speaker name without courtesy titles, stray spaces and trailing commas ("Mr. Choe Su HON," -> "Choe Su HON")."""
    name = " ".join(str(raw).split()).strip(" ,;")
    return _COURTESY.sub("", name).strip(" ,;")


def _canonical_delegate(iso: str, year: int, raw: str, *, strict: bool = False) -> str:
    """The canonical name of a head of delegation of the six parties; other names cleaned as recorded.

    With ``strict``, a six-party name that is not in :data:`_DELEGATES` ("Mr KIM") gives "".
    """
    name = _clean_name(raw)
    if not name:
        return ""
    key = name.lower()
    if iso == "USA" and key == "george bush":
        return "George H. W. Bush" if year < 2001 else "George W. Bush"
    for canonical, spellings in _DELEGATES.get(iso, {}).items():
        if key == canonical.lower() or key in spellings:
            return canonical
    return "" if strict and iso in _DELEGATES else name


def _front_matter(*, doc_id, iso, country_name, year, session, speaker, post, source, doi, provenance, roc=False) -> dict:
    display = "the Republic of China" if roc else (_DISPLAY.get(iso) or country_name or iso)
    if iso == "RUS" and int(year) == 1991:
        display = "the Soviet Union"  # the release files the USSR's last speech (Boris Pankin, 1991) under RUS
    title = f"{display[:1].upper()}{display[1:]} at the {_ordinal(int(session))} session of the UN General Assembly general debate ({int(year)})"
    return {
        "id": doc_id,
        "date": int(year),
        "title": title,
        "source": source,
        "genre": "speech",
        "language": "en",
        "country": "Republic of China" if roc else iso,
        "country_name": country_name,
        "side": "ROC" if roc else SIDES.get(iso, iso),
        "session": int(session),
        "speaker": speaker,
        "speaker_post": " ".join(str(post or "").split()),
        "dataset_doi": doi,
        "url": doi,
        "provenance": provenance,
    }


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _write_exact(path: Path, meta: dict, text: str) -> Path:
    """Front matter, then ``text`` exactly (no newline translation), then the file's final line break."""
    path.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(f"---\n{front}---\n{text}\n")
    return path


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
