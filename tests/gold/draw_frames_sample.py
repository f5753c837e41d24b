"""Draw the press-conference statements hand-coded in ``frames_press.csv`` (see README-frames.md).

``python tests/gold/draw_frames_sample.py tuning`` prints the tuning sample (20 statements per
stratum, seed 2020); ``... holdout`` the hold-out sample (10 per stratum, seed 2021, excluding the
tuning sample). Output: CSV with ``statement_id``, ``sample``, ``stratum``, ``speaker``,
``reported_speaker``, ``context`` (the previous sentences of the turn) and ``text``, in sampling order.
The strata are broad filters written before any frame lexicon existed; they are not the lexicon.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

PROJECT = Path(__file__).resolve().parents[2]
STRATA = {
    "korea": r"Korea|Peninsula|\bROK\b|DPRK|Pyongyang|Seoul|Panmunjom",
    "praise": r"leadership|highly|commend|prais|applaud|appreciat|achievement|contribution|\brole\b|guidance|tribute|recogni[sz]",
    "multilateral": (
        r"multilateral|\bUN\b|United Nations|Security Council|\bWHO\b|\bWTO\b|G20|ASEAN|APEC|BRICS|\bSCO\b|"
        r"free trade|governance|unilateral|international (?:organi[sz]ation|system|order)|trilateral"
    ),
    "random": r"",
}
SAMPLES = {"tuning": (2020, 20), "holdout": (2021, 10)}


def press_statements() -> pd.DataFrame:
    """The press-conference statements of the shipped analysis corpus."""
    from analysis.attribution import TURN_GENRES, attribute_statements
    from analysis.corpus import load_corpus
    from analysis.speakers import load_speakers

    documents = load_corpus(PROJECT / "corpus" / "documents")
    statements = attribute_statements(documents, load_speakers(PROJECT / "corpus" / "speakers.yaml"))
    return statements[statements["genre"].isin(TURN_GENRES)].reset_index(drop=True)


def draw(statements: pd.DataFrame, seed: int, per_stratum: int, exclude=()) -> pd.DataFrame:
    """``per_stratum`` statements from each stratum, in order, without overlap."""
    rng = np.random.default_rng(seed)
    taken = set(exclude)
    rows = []
    for stratum, pattern in STRATA.items():
        pool = statements[~statements["statement_id"].isin(taken)]
        if pattern:
            pool = pool[pool["text"].str.contains(pattern, flags=0, regex=True)]
        chosen = pool.iloc[np.sort(rng.choice(len(pool), size=per_stratum, replace=False))]
        taken.update(chosen["statement_id"])
        rows.append(chosen.assign(stratum=stratum))
    return pd.concat(rows, ignore_index=True)


def with_context(sample: pd.DataFrame, statements: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """Add the previous ``n`` sentences of the same paragraph as ``context``."""
    by_id = statements.set_index("statement_id")
    contexts = []
    for row in sample.itertuples():
        doc, number = row.statement_id.rsplit(":", 1)
        previous = [f"{doc}:{k}" for k in range(max(1, int(number) - n), int(number))]
        previous = [p for p in previous if p in by_id.index and by_id.loc[p, "paragraph"] == row.paragraph]
        contexts.append(" ".join(by_id.loc[p, "text"] for p in previous))
    return sample.assign(context=contexts)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in SAMPLES:
        print(__doc__)
        return 2
    statements = press_statements()
    exclude = ()
    if argv[0] == "holdout":
        exclude = draw(statements, *SAMPLES["tuning"])["statement_id"]
    sample = with_context(draw(statements, *SAMPLES[argv[0]], exclude=exclude), statements)
    sample = sample.assign(sample=argv[0])
    columns = ["statement_id", "sample", "stratum", "speaker", "reported_speaker", "context", "text"]
    sample[columns].to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
