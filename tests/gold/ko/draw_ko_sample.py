"""Draw the Korean sentences hand-coded in ``frames_ko.csv`` (see README.md in this folder).

``python tests/gold/ko/draw_ko_sample.py tuning`` prints the tuning sample, ``... seen-holdout`` the
first hold-out sample (another seed, excluding every tuning sentence), ``... holdout-2`` the second
(seed 2024, excluding both, with a larger `praise` stratum), ``... holdout-3`` the third (seed 2025,
excluding all three, with 36 `praise` sentences and 24 more drawn after all other strata), ``... holdout-4``
the fourth (seed 2026, excluding all four, with 60 `praise` sentences in the usual stratum order), ``... holdout-5``
the fifth (seed 2027, excluding all five, drawn as the fourth), ``... holdout-6`` the sixth (seed 2028,
excluding all six, drawn as the fourth), ``... train-1`` a training batch for a learned praise classifier
(seed 2029, excluding all seven: 150 `praise` and 50 `random` sentences), ``... holdout-7`` the seventh
(seed 2030, excluding all eight, drawn as the fourth), ``... train-2`` a second training batch (seed 2031,
excluding all nine: 220 `praise` and 80 `random` sentences), ``... holdout-8`` the eighth (seed 2032,
excluding all ten, drawn as the fourth), ``... train-3`` a third training batch (seed 2033, excluding all
eleven, as ``train-2``), ``... train-4`` a fourth (seed 2034, excluding all twelve, as ``train-2``), ``...
holdout-9`` the ninth (seed 2035, excluding all thirteen, drawn as the fourth), ``... holdout-10`` the tenth
(seed 2036, excluding all fourteen, drawn as the fourth), ``... holdout-random-1`` a hold-out drawn at random
(seed 2037, excluding all fifteen: 150 sentences at random from the analysis corpus's speeches, stratum
`relevant`, no other stratum). Output:
CSV on stdout with ``doc_id, start, end, date, sample, stratum, title, context_before, text, context_after`` in
sampling order (``context_*``: up to three sentences before and two after, for the coder; they are
not part of the gold). ``--corpus PATH`` reads another copy of the jsonl file.

Standard library and pandas only: the sentence splitter (``_split_sentences``) is this file's own
implementation of rule 2 of README.md, independent of the project's ``analysis`` package, and the
strata are broad filters written before any Korean frame lexicon existed; they are not a lexicon.
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import re
import sys
from pathlib import Path

import pandas as pd

PROJECT = Path(__file__).resolve().parents[3]
CORPUS = PROJECT.parent / "shared" / "corpora" / "moon_speeches_ko_2017_2022.jsonl"

EVENT_DOC = "pa-speech-1401319"  # 2020-11-26, receiving Wang Yi (the seed readout's event)
EVENT_MAX_SENTENCES = 60
UNGA_TITLE = r"유엔\s?총회(?:\s?기조연설)?\s*$"  # the General Assembly speeches, not side events

_SEP = r"[·・ㆍ\-]?"
STRATA = {
    "china": r"중국|시진핑|(?<![가-힣])중화(?!학)|한" + _SEP + r"중(?![앙남미요소심])",
    "korea": r"한반도|북한|비핵화|평화|남북|종전",
    "praise": r"리더십|지도력|높이\s?평가|감사|기여|공헌|역할|성과|업적|노고|치하|경의|찬사|칭찬|헌신|덕분",
    "multilateral": (
        r"유엔|(?<![A-Za-z])UN(?![A-Za-z])|국제연합|다자|국제사회|G\s?-?20|G\s?-?7|아세안|ASEAN|APEC|에이펙|"
        r"자유무역|보호무역|세계보건기구|WHO|WTO|세계무역기구|글로벌|한" + _SEP + "중" + _SEP + "일|한" + _SEP
        + "일" + _SEP + r"중|안보리|국제기구|OECD|IMF|파리협정|P4G|RCEP|역내포괄적|믹타|MIKTA|아셈|ASEM|메콩|6자회담"
    ),
    "random": r"",
    "relevant": r"",
}
# strata a sample draws only when STRATUM_SIZES names them (none of the samples before `holdout-random-1` does,
# so their draws are unchanged): `relevant` = any sentence of the analysis corpus's speeches (the China- or
# Peninsula-relevant ones that `import-shared` writes to corpus/documents/rok-president-ko), where the
# frame scores of notebook 05 are computed
OPT_IN_STRATA = ("relevant",)
RELEVANT_DIR = PROJECT / "corpus" / "documents" / "rok-president-ko"
# seed, sentences per filtered stratum, sentences per UNGA speech, whether to take the event
SAMPLES = {
    "tuning": (2022, 30, 2, True),
    "seen-holdout": (2023, 12, 1, False),
    "holdout-2": (2024, 12, 1, False),
    "holdout-3": (2025, 12, 1, False),
    "holdout-4": (2026, 12, 1, False),
    "holdout-5": (2027, 12, 1, False),
    "holdout-6": (2028, 12, 1, False),
    "train-1": (2029, 0, 0, False),
    "holdout-7": (2030, 12, 1, False),
    "train-2": (2031, 0, 0, False),
    "holdout-8": (2032, 12, 1, False),
    "train-3": (2033, 0, 0, False),
    "train-4": (2034, 0, 0, False),
    "holdout-9": (2035, 12, 1, False),
    "holdout-10": (2036, 12, 1, False),
    "holdout-random-1": (2037, 0, 0, False),
}
# strata drawn larger than the sample's default: the second hold-out takes twice as many `praise`
# sentences, so that it holds enough praise positives (the first held 15 in 65 sentences); the
# third takes three times as many (the second held 20 praise positives in 77 sentences, 12 of them
# from its 24 `praise` sentences), for at least ~25; the fourth takes 60 from the start, in the usual
# stratum order (no top-up: the third needed 60 `praise` sentences in all for its 30 praise positives);
# the fifth and the sixth are drawn as the fourth; `train-1` is a training batch for a learned praise
# classifier (never a hold-out): 150 `praise` and 50 `random` sentences, no other stratum, no UNGA speech;
# the seventh hold-out is drawn as the fourth; `train-2`, a second training batch, as `train-1` with 220 and 80;
# the eighth hold-out as the fourth, `train-3` and `train-4` as `train-2`, the ninth hold-out as the fourth, the
# tenth as the fourth; `holdout-random-1` is a hold-out drawn at random: 150 sentences of the analysis corpus's
# speeches (stratum `relevant`), no filtered stratum, no UNGA speech, so that it measures a rule where it is used
STRATUM_SIZES = {
    "holdout-2": {"praise": 24},
    "holdout-3": {"praise": 36},
    "holdout-4": {"praise": 60},
    "holdout-5": {"praise": 60},
    "holdout-6": {"praise": 60},
    "train-1": {"praise": 150, "random": 50},
    "holdout-7": {"praise": 60},
    "train-2": {"praise": 220, "random": 80},
    "holdout-8": {"praise": 60},
    "train-3": {"praise": 220, "random": 80},
    "train-4": {"praise": 220, "random": 80},
    "holdout-9": {"praise": 60},
    "holdout-10": {"praise": 60},
    "holdout-random-1": {"relevant": 150},
}
# more sentences of a stratum drawn after all the strata above (same filter, same seed, excluding
# everything drawn before), so that the sentences drawn before them stay exactly the same: the
# first 89 sentences of `holdout-3` held only 18 praise positives when coded, so 24 more `praise`
# sentences were added for the ~25 the sample is meant to hold (README, "The third hold-out")
TOP_UPS = {"holdout-3": {"praise": 24}}
# the samples each sample excludes: every sentence already drawn before it, i.e. every sample defined before it in
# SAMPLES (drawn in that order); a new sample is added at the end of SAMPLES
EXCLUDES = {name: tuple(list(SAMPLES)[:k]) for k, name in enumerate(SAMPLES)}
YEAR_FLOOR = 2  # at least this many sentences per year and stratum when the year's pool allows

_TERMINATORS = ".?!。．？！"
_RUN_EXTRA = _TERMINATORS + "…"
_CLOSERS = "”’\"'」』)]>》〉"
_DOTS = "·・ㆍ"
_ABBREVIATIONS = {"inc", "co", "ltd", "corp", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "etc", "no"}


def _is_ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _is_boundary(text: str, pos: int, sentence_start: int) -> bool:
    """Whether the single ``.`` at ``pos`` ends a sentence (rule 2 of README.md)."""
    prev = text[pos - 1] if pos > 0 else ""
    nxt = text[pos + 1] if pos + 1 < len(text) else ""
    if nxt == ",":
        return False
    if prev.isdigit():
        after = text[pos + 1 :].lstrip()
        if after[:1].isdigit() or after[:1] in _DOTS:
            return False  # 3.1절, 1.5도, displaced space "1. 5도", "3. ·1운동"
        if nxt and not nxt.isspace():
            return False  # "1.톤": a number broken at the source
        if text[sentence_start:pos].strip().isdigit():
            return False  # list number heading a sentence: "1. 광주"
        return True
    if _is_ascii_letter(prev):
        k = pos
        while k > 0 and _is_ascii_letter(text[k - 1]):
            k -= 1
        word = text[k:pos]
        if len(word) == 1 and word.isupper():
            return False  # initials: "J. Robert", "D.C."
        if word.lower() in _ABBREVIATIONS:
            return False
        if nxt and (_is_ascii_letter(nxt) or nxt.isdigit() or nxt == ")"):
            return False  # Amazon.com, Inc.)
    return True


def _split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``; ``text[start:end]`` has no outer whitespace."""
    cuts: list[int] = []
    # a displaced period: "시작입니다1. 951년" ends after "니다"
    displaced = {m.end() for m in re.finditer(r"니다(?=\d+\.(?!\d))", text)}
    sentence_start = 0
    pos = 0
    while pos < len(text):
        if pos in displaced and pos > sentence_start:
            cuts.append(pos)
            sentence_start = pos
        char = text[pos]
        if char in _TERMINATORS:
            end = pos + 1
            while end < len(text) and text[end] in _RUN_EXTRA:
                end += 1
            single_dot = char in ".．" and end == pos + 1
            if not single_dot or _is_boundary(text, pos, sentence_start):
                while end < len(text) and text[end] in _CLOSERS:
                    end += 1
                cuts.append(end)
                sentence_start = end
            pos = end
            continue
        pos += 1
    cuts.append(len(text))
    spans = []
    start = 0
    for cut in cuts:
        left, right = start, cut
        while left < right and text[left].isspace():
            left += 1
        while right > left and text[right - 1].isspace():
            right -= 1
        if right > left:
            spans.append((left, right))
        start = cut
    return spans


def _normalized(text: str) -> str:
    return re.sub(r"[\s.,·・ㆍ]", "", text)


def load_speeches(path: Path) -> pd.DataFrame:
    """The speeches of the jsonl file, with ``year`` and ``date`` (YYYY-MM-DD)."""
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            record = json.loads(line)
            if not re.fullmatch(r"\d{4}\.\d{2}\.\d{2}", record.get("date_raw", "")):
                raise ValueError(f"{path}:{number}: field date_raw {record.get('date_raw')!r} is not YYYY.MM.DD")
            rows.append({key: record[key] for key in ("id", "date_raw", "title", "kind", "text")})
    speeches = pd.DataFrame(rows)
    speeches["date"] = speeches["date_raw"].str.replace(".", "-", regex=False)
    speeches["year"] = speeches["date_raw"].str[:4].astype(int)
    return speeches


def find_duplicates(speeches: pd.DataFrame, threshold: float = 0.9) -> dict[str, str]:
    """Second copies of a speech: {dropped id: kept id}, same day, similar opening, higher id dropped."""
    dropped: dict[str, str] = {}
    for _, day in speeches.groupby("date_raw"):
        ids = sorted(day["id"])
        heads = {i: _normalized(day.loc[day["id"] == i, "text"].iloc[0])[:1500] for i in ids}
        for a_index, a in enumerate(ids):
            for b in ids[a_index + 1 :]:
                matcher = difflib.SequenceMatcher(None, heads[a], heads[b], autojunk=False)
                if b not in dropped and matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold:
                    dropped[b] = a
    return dropped


def sentence_table(speeches: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: doc_id, number, start, end, date, year, title, text."""
    rows = []
    for speech in speeches.itertuples():
        for number, (start, end) in enumerate(_split_sentences(speech.text)):
            rows.append((speech.id, number, start, end, speech.date, speech.year, speech.title, speech.text[start:end]))
    return pd.DataFrame(rows, columns=["doc_id", "number", "start", "end", "date", "year", "title", "text"])


def _allocate(pool_sizes: dict[int, int], n: int) -> dict[int, int]:
    """Split ``n`` over years in proportion to their pools, at least YEAR_FLOOR each where possible."""
    total = sum(pool_sizes.values())
    if total < n:
        raise ValueError(f"a stratum has {total} sentences, fewer than the {n} to draw: lower the sample size")
    ideal = {year: n * size / total for year, size in pool_sizes.items()}
    quota = {year: min(size, max(YEAR_FLOOR, int(ideal[year]))) for year, size in pool_sizes.items()}
    while sum(quota.values()) > n:
        year = max((y for y in quota if quota[y] > min(YEAR_FLOOR, pool_sizes[y])), key=lambda y: (quota[y] - ideal[y], y))
        quota[year] -= 1
    while sum(quota.values()) < n:
        year = max((y for y in quota if quota[y] < pool_sizes[y]), key=lambda y: (ideal[y] - quota[y], -y))
        quota[year] += 1
    return quota


def draw(sentences: pd.DataFrame, speeches: pd.DataFrame, sample: str, exclude: set = frozenset()) -> pd.DataFrame:
    """The sentences of one sample, stratum by stratum, without overlap."""
    seed, per_stratum, per_unga, with_event = SAMPLES[sample]
    rng = random.Random(seed)
    taken = set(exclude)
    parts = []

    def take(pool: pd.DataFrame, k: int, stratum: str) -> None:
        keys = sorted(zip(pool["doc_id"], pool["start"]))
        keys = [key for key in keys if key not in taken]
        chosen = set(rng.sample(keys, k))
        taken.update(chosen)
        picked = pool[[key in chosen for key in zip(pool["doc_id"], pool["start"])]]
        parts.append(picked.assign(stratum=stratum))

    if with_event:
        event = sentences[sentences["doc_id"] == EVENT_DOC]
        if len(event) >= EVENT_MAX_SENTENCES:
            raise ValueError(f"{EVENT_DOC} has {len(event)} sentences: too many to take whole (README rule)")
        take(event, len(event), "event-2020-11-26")
    unga_ids = speeches.loc[speeches["title"].str.contains(UNGA_TITLE, regex=True), "id"]
    for doc_id in sorted(unga_ids):
        take(sentences[sentences["doc_id"] == doc_id], per_unga, "unga")
    china_docs = set(speeches.loc[speeches["text"].str.contains(STRATA["china"], regex=True), "id"])
    sizes = STRATUM_SIZES.get(sample, {})
    rounds = [(stratum, sizes.get(stratum, 0 if stratum in OPT_IN_STRATA else per_stratum)) for stratum in STRATA]
    rounds += list(TOP_UPS.get(sample, {}).items())
    for stratum, size in rounds:
        if size == 0:
            continue
        pool = sentences
        if stratum == "china":
            pool = pool[pool["doc_id"].isin(china_docs)]
        if stratum == "relevant":
            pool = pool[pool["doc_id"].isin({path.stem for path in RELEVANT_DIR.glob("*.txt")})]
        if STRATA[stratum]:
            pool = pool[pool["text"].str.contains(STRATA[stratum], regex=True)]
        pool = pool[[key not in taken for key in zip(pool["doc_id"], pool["start"])]]
        quota = _allocate(pool.groupby("year").size().to_dict(), size)
        for year in sorted(quota):
            take(pool[pool["year"] == year], quota[year], stratum)
    drawn = pd.concat(parts, ignore_index=True)
    return drawn.assign(sample=sample)


def with_context(sample: pd.DataFrame, sentences: pd.DataFrame, before: int = 3, after: int = 2) -> pd.DataFrame:
    """Add the neighbouring sentences of the same speech, for the coder."""
    by_doc = {doc_id: group["text"].tolist() for doc_id, group in sentences.groupby("doc_id")}
    context_before, context_after = [], []
    for row in sample.itertuples():
        texts = by_doc[row.doc_id]
        context_before.append(" | ".join(texts[max(0, row.number - before) : row.number]))
        context_after.append(" | ".join(texts[row.number + 1 : row.number + 1 + after]))
    return sample.assign(context_before=context_before, context_after=context_after)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sample", choices=sorted(SAMPLES))
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    speeches = load_speeches(args.corpus)
    duplicates = find_duplicates(speeches)
    for dropped, kept in sorted(duplicates.items()):
        print(f"duplicate speech {dropped} (copy of {kept}) left out", file=sys.stderr)
    speeches = speeches[~speeches["id"].isin(duplicates)].reset_index(drop=True)
    sentences = sentence_table(speeches)
    exclude: set = set()
    for earlier in EXCLUDES[args.sample]:
        drawn = draw(sentences, speeches, earlier, exclude)
        exclude |= set(zip(drawn["doc_id"], drawn["start"]))
    sample = with_context(draw(sentences, speeches, args.sample, exclude), sentences)
    columns = ["doc_id", "start", "end", "date", "sample", "stratum", "title", "context_before", "text", "context_after"]
    sample[columns].to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
