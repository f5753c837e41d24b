"""Shared pieces of the UN General Debate importers: who spoke (canonical delegate names), the
front matter of a speech document, and writing its text exactly.

Used by :mod:`analysis.inputs.ungdc` (the shared files) and :mod:`analysis.inputs.ungdc_release`
(the official release).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

__all__ = [
    "DATASET_DOI",
    "DELEGATES",
    "DISPLAY_NAMES",
    "SIDES",
    "UN_SOURCE",
    "canonical_delegate",
    "clean_name",
    "make_front_matter",
    "write_document",
]

# libyaml's emitter when PyYAML has it (the same bytes as the pure-Python SafeDumper, checked on the whole release), else that one.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

#: The ``source`` of the shipped UN documents (the release the shared files hold).
UN_SOURCE = "UN General Debate Corpus (UNGDC) v13"
#: The dataset's DOI, recorded as ``dataset_doi`` and ``url``.
DATASET_DOI = "https://doi.org/10.7910/DVN/0TJX8Y"
#: Side codes of the six parties (those of ``corpus/speakers.yaml``); other states keep their ISO3 code.
SIDES = {"CHN": "CN", "KOR": "ROK", "PRK": "DPRK", "JPN": "JP", "USA": "US", "RUS": "RU"}

_COURTESY = re.compile(r"^(?:(?:Mr|Mrs|Ms|Dr|H\.\s?E|H\.\s?M)\.?\s+)+", re.IGNORECASE)

# Names of the six parties in titles (the source's `country` field varies from year to year).
DISPLAY_NAMES = {
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
DELEGATES = {
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
        # "George Bush" of 1991-1992 is George H. W. Bush: resolved by year in canonical_delegate.
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


def clean_name(raw: str) -> str:
    """A speaker name without courtesy titles, stray spaces and trailing commas.

    Parameters
    ----------
    raw : str
        The name as the source records it.

    Returns
    -------
    str

    Examples
    --------
    >>> clean_name("Mr. Choe Su  HON,")
    'Choe Su HON'
    """
    name = " ".join(str(raw).split()).strip(" ,;")
    return _COURTESY.sub("", name).strip(" ,;")


def canonical_delegate(iso: str, year: int, raw: str, *, strict: bool = False) -> str:
    """The canonical name of a head of delegation of the six parties; other names cleaned as recorded.

    Parameters
    ----------
    iso : str
        The release's ISO3 country code.
    year : int
        The year of the speech (tells the two George Bushes apart).
    raw : str
        The name as recorded.
    strict : bool, default False
        A six-party name that is not in :data:`DELEGATES` ("Mr KIM") gives "".

    Returns
    -------
    str

    Examples
    --------
    >>> canonical_delegate("USA", 1991, "Mr. George Bush"), canonical_delegate("PRK", 1992, "Mr KIM", strict=True)
    ('George H. W. Bush', '')
    """
    name = clean_name(raw)
    if not name:
        return ""
    key = name.lower()
    if iso == "USA" and key == "george bush":
        return "George H. W. Bush" if year < 2001 else "George W. Bush"
    for canonical, spellings in DELEGATES.get(iso, {}).items():
        if key == canonical.lower() or key in spellings:
            return canonical
    return "" if strict and iso in DELEGATES else name


def make_front_matter(*, doc_id, iso, country_name, year, session, speaker, post, source, doi, provenance, roc=False) -> dict:
    """The front matter of one speech document (see :mod:`analysis.inputs.ungdc`).

    Parameters
    ----------
    doc_id, iso, country_name, year, session, speaker, post, source, doi, provenance
        The fields of the speech; ``date`` is the year (year precision).
    roc : bool, default False
        A release ``CHN`` file before 1971: the Republic of China (side ``ROC``).

    Returns
    -------
    dict

    Examples
    --------
    >>> meta = make_front_matter(doc_id="ungdc-kor-2019", iso="KOR", country_name="Republic of Korea", year=2019,
    ...     session=74, speaker="Moon Jae-in", post="President", source="UNGDC", doi="d", provenance={})
    >>> meta["date"], meta["side"], meta["title"]
    (2019, 'ROK', 'The Republic of Korea at the 74th session of the UN General Assembly general debate (2019)')
    """
    display = "the Republic of China" if roc else (DISPLAY_NAMES.get(iso) or country_name or iso)
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


def write_document(path: Path, meta: dict, text: str) -> Path:
    """Write a document: front matter, then ``text`` exactly (no newline translation), then the file's final line break.

    Parameters
    ----------
    path : Path
        The file to write (its folder is created).
    meta : dict
        The front matter (:func:`make_front_matter`).
    text : str
        The speech, character for character.

    Returns
    -------
    Path

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = write_document(pathlib.Path(tempfile.mkdtemp()) / "d.txt", {"id": "d"}, "\\ufeffPeace.\\r")
    >>> path.read_bytes()
    b'---\\nid: d\\n---\\n\\xef\\xbb\\xbfPeace.\\r\\n'
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.dump(meta, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(f"---\n{front}---\n{text}\n")
    return path
