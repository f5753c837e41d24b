"""Rebuild the shipped corpus from the project's shared source files.

``python -m analysis import-shared --shared ../shared --out corpus`` writes

* ``corpus/documents/mfa/seeds/``: the two MFA readouts, with the site navigation
  lines removed and the page title moved to the front matter;
* ``corpus/documents/mfa/press-conferences/``: the MFA press-conference transcripts
  that mention the ROK, the Republic of Korea, South Korea or the (Korean)
  Peninsula (:data:`KOREA_PATTERN`);
* ``corpus/background/press-conferences/``: the other transcripts, the
  background (reference) corpus of Chinese diplomatic language;
* ``corpus/documents/un-general-debate/`` and ``corpus/background/un-general-debate/``:
  the UN General Debate speeches (:func:`analysis.inputs.ungdc.import_un_shared`);
* ``corpus/documents/rok-president-ko/`` and ``corpus/background/rok-president-ko/``: President
  Moon Jae-in's Korean speeches, China- or Peninsula-relevant and the rest
  (:func:`analysis.inputs.korean_speeches.import_korean_speeches`).

The words of each document are copied as they are; the only edits are the
removals listed in each seed's ``provenance``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .corpus import write_document
from .korean_speeches import import_korean_speeches
from .ungdc import import_un_shared

__all__ = ["KOREA_PATTERN", "MFA", "import_press_conferences", "import_seeds", "import_shared"]

MFA = "Ministry of Foreign Affairs of the People's Republic of China"
KOREA_PATTERN = re.compile(r"Republic of Korea|\bROK\b|South Korea|peninsula", re.IGNORECASE)
_PRESS_FILE = "corpora/mfa_press_conferences_2018_2020.jsonl"

# Metadata of the seeds (from ../shared/README.md and the pages themselves), and
# the exact navigation lines to remove: an import fails if they are not there.
_SEEDS = (
    {
        "file": "seeds/2020-05-13_xi-moon-phone-call_mfa.txt",
        "meta": {
            "id": "2020-05-13-xi-moon-phone-call",
            "date": "2020-05-13",
            "title": "President Xi Jinping Speaks with ROK President Moon Jae-in on the Phone",
            "source": MFA,
            "genre": "readout",
            "language": "en",
            "event": "Telephone call between President Xi Jinping and ROK President Moon Jae-in",
            "participants": ["Xi Jinping", "Moon Jae-in"],
        },
        "first_lines": ("Home > News from China", "President Xi Jinping Speaks with ROK President Moon Jae-in on the Phone"),
        "last_line": "Suggest To A Friend:",
        "edits": [
            'removed the first line "Home > News from China" (site navigation)',
            "moved the second line, the page title, to `title`",
            'removed the last line "Suggest To A Friend:" (site navigation)',
        ],
    },
    {
        "file": "seeds/2020-11-26_moon-meets-wang-yi_mfa.txt",
        "meta": {
            "id": "2020-11-26-moon-meets-wang-yi",
            "date": "2020-11-26",
            "title": "ROK's President Moon Jae-in Meets with Wang Yi",
            "source": MFA,
            "genre": "readout",
            "language": "en",
            "event": "ROK President Moon Jae-in meets State Councilor and Foreign Minister Wang Yi in Seoul",
            "participants": ["Moon Jae-in", "Wang Yi"],
            "published": "2020-11-30",
        },
        "prefix": " date 2020-11-30 ",
        "edits": [
            'removed the leading "date 2020-11-30" (publication-date residue of the page), kept as `published`',
            "title from ../shared/README.md (the page text has no title line)",
        ],
    },
)


def import_seeds(shared: str | Path, out: str | Path) -> list[Path]:
    """Write the two seed readouts into ``out/documents/mfa/seeds``.

    Parameters
    ----------
    shared : str or Path
        The shared folder that holds ``seeds/``.
    out : str or Path
        The corpus folder to write into.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    ValueError
        If a seed no longer starts or ends with the navigation lines this
        import removes (so nothing else is ever cut).
    """
    shared, out = Path(shared), Path(out)
    written = []
    for seed in _SEEDS:
        source = shared / seed["file"]
        text = source.read_text(encoding="utf-8")
        if "first_lines" in seed:
            lines = text.split("\n")
            for expected, line in zip(seed["first_lines"], lines):
                if _squash(line) != expected:
                    raise ValueError(f"{source}:1: expected the line {expected!r}, found {line!r}; check the seed before importing")
            if _squash(lines[-1]) != seed["last_line"]:
                raise ValueError(f"{source}:{len(lines)}: expected the last line {seed['last_line']!r}; check the seed")
            body = "\n".join(lines[len(seed["first_lines"]) : -1])
        else:
            if not text.startswith(seed["prefix"]):
                raise ValueError(f"{source}:1: expected the file to start with {seed['prefix']!r}; check the seed")
            body = text[len(seed["prefix"]) :]
        meta = dict(seed["meta"])
        meta["provenance"] = {
            "collection": "shared/seeds (MFA English website, page text)",
            "file": seed["file"],
            "edits": seed["edits"],
        }
        written.append(write_document(out / "documents" / "mfa" / "seeds" / f"{meta['id']}.txt", meta, body.strip()))
    return written


def import_press_conferences(shared: str | Path, out: str | Path) -> tuple[list[Path], list[Path]]:
    """Write the press-conference transcripts: Korea-related ones and the background.

    Parameters
    ----------
    shared : str or Path
        The shared folder that holds ``corpora/mfa_press_conferences_2018_2020.jsonl``.
    out : str or Path
        The corpus folder to write into.

    Returns
    -------
    (list of Path, list of Path)
        The files written to ``documents/mfa/press-conferences`` and to
        ``background/press-conferences``.
    """
    shared, out = Path(shared), Path(out)
    korea, background = [], []
    source = shared / _PRESS_FILE
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{source}:{number}: not a JSON object ({error.msg})") from error
        meta = {
            "id": row["id"],
            "date": row["date"],
            "title": row["title"],
            "source": MFA,
            "genre": "remarks" if "Remarks" in row["title"] else "press-conference",
            "language": "en",
            "url": row["url"],
        }
        if row.get("date_note"):
            meta["date_note"] = row["date_note"]
        meta["provenance"] = {
            "collection": f"shared/{_PRESS_FILE} line {number}",
            "repository": row["source_repo"],
            "commit": row["source_commit"],
            "path": row["source_path"],
        }
        is_korea = bool(KOREA_PATTERN.search(row["text"]))
        folder = Path("documents", "mfa") if is_korea else Path("background")
        path = write_document(out / folder / "press-conferences" / f"{row['id']}.txt", meta, row["text"])
        (korea if is_korea else background).append(path)
    return korea, background


def import_shared(shared: str | Path, out: str | Path) -> dict[str, int]:
    """Rebuild the whole shipped corpus from the shared folder.

    Parameters
    ----------
    shared : str or Path
        The shared folder (``../shared`` beside the project).
    out : str or Path
        The corpus folder (``corpus``).

    Returns
    -------
    dict
        How many files were written to each part.
    """
    seeds = import_seeds(shared, out)
    korea, background = import_press_conferences(shared, out)
    counts = {"seeds": len(seeds), "press-conferences": len(korea), "background": len(background)}
    counts.update(import_un_shared(shared, out))  # documents/ and background/un-general-debate/
    relevant, rest = import_korean_speeches(shared, out)  # documents/ and background/rok-president-ko/
    counts.update({"rok-president-ko": len(relevant), "rok-president-ko-background": len(rest)})
    return counts


def _squash(line: str) -> str:
    """Compare navigation lines whatever their spaces (the pages use no-break spaces)."""
    return " ".join(line.split())
