"""Draw the UN General Debate sentences hand-coded in ``frames_un.csv`` (see README.md here).

``python tests/gold/un/draw_un_sample.py tuning`` prints the tuning sample as CSV (columns
``doc_id, start, end, year, country_iso3, sample, stratum, text``); ``... holdout`` the hold-out
sample (another seed, excluding the tuning sample). ``--listing`` prints instead a reading listing
for the coder: each drawn sentence with the three sentences before it and the two after it in the
speech. ``--corpus PATH`` reads another copy of ``ungdc_six_parties_1991_2024.jsonl``.

The script has its own sentence splitter (``split_sentences``), written for these texts without
reference to the frame lexicon; it does not import the project's ``analysis`` package.
The strata are broad filters, not the frame lexicon.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
from pathlib import Path

import pandas as pd

CORPUS = Path("/work/shared/corpora/ungdc_six_parties_1991_2024.jsonl")

STRATA = {
    "korea": re.compile(
        r"Korea|(?i:peninsula)|\bDPRK\b|\bROK\b|D\.P\.R\.K|Pyongyang|Seoul|Panmunjom|"
        r"Democratic People.s|Kim Il[ -]?Sung|Kim Jong"
    ),
    "praise": re.compile(
        r"leadership|commend|prais|applaud|appreciat|achievement|accomplish|contribution|\brole\b|"
        r"guidance|tribute|recogni[sz]|congratulat|highly|salute|\bhail|admir",
        re.IGNORECASE,
    ),
    "multilateral": re.compile(
        r"\bUN\b|U\.N\.|\bWHO\b|\bWTO\b|\bGATT\b|\bG-?20\b|\bG-?[78]\b|ASEAN|APEC|BRICS|\bSCO\b|"
        r"\bIAEA\b|\bNPT\b|\bCharter\b|"
        r"(?i:multilateral|united nations|security council|general assembly|six-party|free trade|"
        r"governance|unilateral|international (?:organi[sz]ation|system|order)|trilateral|"
        r"this organi[sz]ation)"
    ),
    "random": None,
}
MAIN = ("CHN", "KOR")
OTHERS = ("JPN", "PRK", "RUS", "USA")
# seed, sentences per stratum for each of CHN and KOR, per stratum for each other party
SAMPLES = {"tuning": (91_2024, 10, 3), "holdout": (24_1991, 5, 2)}

# --- sentence splitter -------------------------------------------------------------------------

_SPACE = " \t\u2003\u00a0\ufeff"
_BREAKS = "\r\n\x0c"
_CLOSERS = "\"'”’)]»"
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "messrs", "dr", "st", "no", "nos", "jr", "sr", "prof", "gen", "sen", "rep",
    "gov", "hon", "amb", "rev", "lt", "col", "capt", "mt", "vs", "cf", "viz", "para", "paras", "p",
    "pp", "art", "arts", "vol", "ed", "approx", "inc", "co", "corp", "ltd", "jan", "feb", "apr",
    "aug", "sept", "sep", "oct", "nov", "dec", "op", "cit", "etc",
}
# page furniture of the UN records, a whole line: running heads ("38 General Assembly - Forty-eighth
# session"), job numbers ("06-53317 22", "15-29431 41/51"), record symbols ("A/70/PV.16 29/09/2015"),
# the markdown page heads and rules of the 2024 texts; bare page numbers only next to a blank line
_FURNITURE = re.compile(
    r"\d+ General Assembly - [\w-]+ session|(?:\d+(?:/\d+)? )?\d\d-\d{5}(?: \d+(?:/\d+)?)?|"
    r"(?:\d\d/\d\d/\d{4} )?A/\d+/PV\.\d+(?: \d\d/\d\d/\d{4})?|#+ ?Page \d+[^\n]*|-{3,}|\*{3,}"
)
_PAGE_NUMBER = re.compile(r"\d{1,3}")
_INLINE_FURNITURE = re.compile(r"(?:\d+/\d+ \d\d-\d{5}|\d\d-\d{5} \d+/\d+) +")  # "48/58 16-29667 Any…"
_SALUTATION = re.compile(
    r"(?:Mr\.?|Mme\.?|Madam|Excellenc|Your|Colleagues|Dear|Distinguished|Ladies|Honou?rable|Friends|Sir)\b"
)
_OPENER = re.compile(r"(?:It|We|This|These|They|The|But|And|In|Our|As|So|That|If|There|He|She)\b")
_WRAPPED_MEDIAN = 110  # median line length below which a single line break is a hard wrap


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line; \\r, \\n and \\x0c each end a line."""
    spans, start = [], 0
    for i, char in enumerate(text):
        if char in _BREAKS:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text)))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start] in _SPACE or text[start] in _BREAKS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _SPACE or text[end - 1] in _BREAKS or text[end - 1].isspace()):
        end -= 1
    return start, end


def _blocks(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Blocks of text between hard paragraph breaks, and the page-furniture spans inside them.

    A line is blank, furniture (a ``_FURNITURE`` line, or a bare page number next to a blank line
    or a form feed, through other furniture lines) or text (which may begin with a page head,
    ``_INLINE_FURNITURE``). Between two text lines:
    * a page break (furniture, a page head or a form feed) never ends a sentence by itself;
    * a paragraph break (a blank line, or ``\\r``) ends it unless the line is left open: the
      previous line ends in a letter, digit, comma, semicolon, dash or bracket, or the next starts
      in lower case (a page break whose number is missing, "of the United" / "Nations, but");
    * a single line break is a paragraph break in texts with long lines (one paragraph a line),
      and never ends a sentence in hard-wrapped texts (median line under 110 characters);
    * any break ends it after a salutation (a line under 80 characters ending in a comma and
      beginning "Mr.", "Colleagues", "Distinguished"...) or a heading (a line under 80 characters
      that begins a block and stands alone between blank lines), unless the next is in lower case.
    """
    lines = _lines(text)
    kinds = []
    for start, end in lines:
        start, end = _strip(text, start, end)
        if start == end:
            kinds.append("blank")
        elif _FURNITURE.fullmatch(text[start:end]):
            kinds.append("furniture")
        elif _PAGE_NUMBER.fullmatch(text[start:end]):
            kinds.append("furniture?")
        else:
            kinds.append("text")
    # furniture only when it touches a blank line / form feed through other non-text lines
    for i, kind in enumerate(kinds):
        if kind != "furniture?":
            continue
        touches = False
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(kinds) and kinds[j] in ("furniture?", "furniture"):
                j += step
            if 0 <= j < len(kinds) and kinds[j] == "blank":
                touches = True
        kinds[i] = "furniture" if touches else "text"
    text_lines = [(s, e) for (s, e), k in zip(lines, kinds) if k == "text"]
    lengths = [len(text[s:e].strip()) for s, e in text_lines]
    wrapped = bool(lengths) and statistics.median(lengths) < _WRAPPED_MEDIAN
    furniture = [_strip(text, s, e) for (s, e), k in zip(lines, kinds) if k == "furniture"]
    inline = set()
    for i, ((s, e), k) in enumerate(zip(lines, kinds)):
        match = _INLINE_FURNITURE.match(text, _strip(text, s, e)[0]) if k == "text" else None
        if match:
            inline.add(i)
            furniture.append((match.start(), match.end()))

    blocks = []
    index = [i for i, k in enumerate(kinds) if k == "text"]
    block_start = None
    for n, i in enumerate(index):
        s, e = _strip(text, *lines[i])
        if block_start is None:
            block_start = s
        if n + 1 == len(index):
            blocks.append((block_start, e))
            break
        j = index[n + 1]
        gap = kinds[i + 1 : j]
        separator = text[lines[i][1] : lines[j][0]]
        next_char = text[_skip(text, _strip(text, *lines[j])[0], lines[j][1], furniture)]
        open_line = text[e - 1].isalnum() or text[e - 1] in ",;-–—(" or next_char.islower()
        previous_gap = kinds[index[n - 1] + 1 : i] if n else ["blank"]
        heading = block_start == s and e - s < 80 and "blank" in previous_gap and "blank" in gap
        salutation = e - s < 80 and _SALUTATION.match(text, s) and text[e - 1] == ","
        if (heading or salutation) and not next_char.islower():
            ends = True  # "Mr. President," / "Colleagues," or a heading standing alone
        elif "furniture" in gap or "\x0c" in separator or j in inline:
            ends = False
        elif "blank" in gap or "\r" in separator:
            ends = not open_line
        else:
            ends = not wrapped and not open_line
        if ends:
            blocks.append((block_start, e))
            block_start = None
    return blocks, furniture


def _skip(text: str, position: int, end: int, furniture: list[tuple[int, int]]) -> int:
    """First position at or after ``position`` that is neither white space nor page furniture."""
    moved = True
    while moved:
        moved = False
        while position < end and (text[position].isspace() or text[position] in _SPACE):
            position += 1
            moved = True
        for s, e in furniture:
            if s == position:
                position, moved = e, True
    return position


def _is_end(text: str, start: int, dot: int, next_position: int, block_end: int) -> bool:
    """Whether the punctuation at ``dot`` ends the sentence begun at ``start``.

    ``next_position`` is where the next sentence would begin (after white space and furniture).
    """
    if not re.search(r"[^\W\d_]{2}", text[start:dot]):
        return False  # "1." of a numbered heading
    if next_position < block_end and text[next_position].islower():
        return False
    if text[dot] == ".":
        token = re.split(r"\s", text[start:dot])[-1].lstrip("(\"'“‘[")
        if token.lower() in _ABBREVIATIONS or re.fullmatch(r"[A-Za-z]", token):
            return False
        if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token):  # U.S., U.N.: ends before "It", "We"...
            return bool(_OPENER.match(text, next_position))
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of a speech text, stripped of surrounding white space.

    A sentence ends at ``.``, ``?`` or ``!`` (with any closing quotes or brackets) followed by white
    space or the end of its paragraph block, except after an abbreviation (``Mr.``, ``No.``,
    initials, and dotted capitals such as ``U.S.`` unless a sentence opener such as "It" or "We"
    follows), before a lower-case word, or in a stretch with
    no word yet (``1.``); also at the rare ``word.Word`` glued without a space. Hard paragraph
    breaks end a sentence (see ``_blocks``); hard line wraps and page breaks do not. Spans with no
    letter are not sentences.

    >>> text = "\\ufeffI thank the U.S. delegation.\\rWe are\\nhere. 1. Next"
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['I thank the U.S. delegation.', 'We are\\nhere.', '1. Next']
    """
    blocks, furniture = _blocks(text)
    spans = []
    for block_start, block_end in blocks:
        start = _skip(text, block_start, block_end, furniture)
        i = start
        while i < block_end:
            char = text[i]
            if char in ".?!":
                j = i + 1
                while j < block_end and text[j] in ".?!":
                    j += 1
                while j < block_end and text[j] in _CLOSERS:
                    j += 1
                if j == block_end or text[j].isspace():
                    nxt = _skip(text, j, block_end, furniture)
                    if _is_end(text, start, i, nxt, block_end):
                        spans.append((start, j))
                        start = i = nxt
                        continue
                elif (
                    re.match(r"[a-z]{2}", text[i - 2 : i])
                    and re.match(r"[A-Z][a-z]", text[j : j + 2])
                    and _is_end(text, start, i, j, block_end)
                ):
                    spans.append((start, j))  # glued: "Assembly.China"
                    start = i = j
                    continue
                i = j
                continue
            i += 1
        if start < block_end:
            spans.append((start, block_end))
    spans = [_strip(text, s, e) for s, e in spans]
    return [(s, e) for s, e in spans if re.search(r"[^\W\d_]", text[s:e])]


# --- samples -----------------------------------------------------------------------------------


def load_speeches(path: Path = CORPUS) -> list[dict]:
    """The speeches of the jsonl file, as ``json.loads`` reads them."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def sentence_table(speeches: list[dict]) -> pd.DataFrame:
    """One row per sentence: doc_id, start, end, year, country_iso3, position, text."""
    rows = []
    for speech in speeches:
        for position, (start, end) in enumerate(split_sentences(speech["text"])):
            rows.append(
                {
                    "doc_id": speech["id"],
                    "start": start,
                    "end": end,
                    "year": speech["year"],
                    "country_iso3": speech["country_iso3"],
                    "position": position,
                    "text": speech["text"][start:end],
                }
            )
    return pd.DataFrame(rows)


def _draw_spread(pool: pd.DataFrame, n: int, rng: random.Random) -> list[int]:
    """``n`` row labels of ``pool``, one year at a time: years in random order, cycled."""
    by_year = {year: sorted(group.index) for year, group in pool.groupby("year")}
    years = sorted(by_year)
    rng.shuffle(years)
    chosen: list[int] = []
    while len(chosen) < n and any(by_year.values()):
        for year in years:
            if len(chosen) == n:
                break
            if by_year[year]:
                chosen.append(by_year[year].pop(rng.randrange(len(by_year[year]))))
    if len(chosen) < n:
        raise ValueError(f"only {len(chosen)} sentences available, {n} wanted")
    return chosen


def draw(sentences: pd.DataFrame, sample: str, exclude: set | None = None) -> pd.DataFrame:
    """The ``sample`` ('tuning' or 'holdout') drawn from ``sentences`` without overlap."""
    seed, per_main, per_other = SAMPLES[sample]
    rng = random.Random(seed)
    taken = set(exclude or ())
    keys = list(zip(sentences["doc_id"], sentences["start"]))
    parts = []
    for country in MAIN + OTHERS:
        per_stratum = per_main if country in MAIN else per_other
        for stratum, pattern in STRATA.items():
            free = pd.Series([k not in taken for k in keys], index=sentences.index)
            mask = (sentences["country_iso3"] == country) & free
            if pattern is not None:
                mask &= sentences["text"].str.contains(pattern)
            pool = sentences[mask]
            chosen = sentences.loc[sorted(_draw_spread(pool, per_stratum, rng))]
            taken.update(zip(chosen["doc_id"], chosen["start"]))
            parts.append(chosen.assign(sample=sample, stratum=stratum))
    return pd.concat(parts, ignore_index=True)


def draw_sample(sample: str, path: Path = CORPUS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(drawn sample, every sentence); the hold-out excludes the tuning sample."""
    sentences = sentence_table(load_speeches(path))
    exclude = None
    if sample == "holdout":
        tuning = draw(sentences, "tuning")
        exclude = set(zip(tuning["doc_id"], tuning["start"]))
    return draw(sentences, sample, exclude), sentences


COLUMNS = ["doc_id", "start", "end", "year", "country_iso3", "sample", "stratum", "text"]


def _listing(sample: pd.DataFrame, sentences: pd.DataFrame) -> str:
    indexed = sentences.set_index(["doc_id", "position"])["text"]
    out = []
    for number, row in enumerate(sample.itertuples(), 1):
        def get(position):
            return indexed.get((row.doc_id, position), None)

        before = [t for t in (get(row.position - k) for k in (3, 2, 1)) if t is not None]
        after = [t for t in (get(row.position + k) for k in (1, 2)) if t is not None]
        flat = lambda t: " ".join(t.split())  # noqa: E731  (display only)
        out.append(f"### {number} {row.doc_id} [{row.start}:{row.end}] {row.stratum}")
        out += [f"   < {flat(t)}" for t in before]
        out.append(f">>> {flat(row.text)}")
        out += [f"   > {flat(t)}" for t in after]
        out.append("")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sample", choices=sorted(SAMPLES))
    parser.add_argument("--listing", action="store_true", help="reading listing with context")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    sample, sentences = draw_sample(args.sample, args.corpus)
    if args.listing:
        print(_listing(sample, sentences))
    else:
        sample[COLUMNS].to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
