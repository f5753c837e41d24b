"""Benchmark: vectors and themes on N copies of the shipped press conferences.

Target (issue 4): on 10 copies of the 500 shipped press conferences (5,000 transcripts), the
whole pipeline (load, attribute, frames, vectors, themes) takes at most twice as long as the
baseline: scikit-learn's ``TfidfVectorizer().fit_transform`` alone on the same statement texts
plus the clustering itself (the theme fits at the same fixed k, with the same stability refits,
on an already computed matrix). Prints seconds per stage, the ratio, traced peak memory
(tracemalloc) and the process's peak resident memory (getrusage).

    python benchmarks/bench_themes.py [--copies 1 10] [--k 10] [--seeds 5] [--jobs 1] [--no-trace]

Stages of the pipeline, each timed on its own (as notebooks 02 and 03 run them):
  load        load_corpus on the copies written as files
  attribute   attribute_statements
  frames      analysis.frames.score_frames
  vectorize   StatementVectorizer.fit_transform, once: the matrix serves the themes, the
              assignments and the speaker vectors
  themes      ThemeModel(n_themes=k).fit(..., term_matrix=X): NMF at k + --seeds refits on 80% subsamples
  assign      assign_themes and summarize_themes
  vectors     speaker vectors: pool_vectors by speaker and compute_similarity
"whole", "cluster" and "tfidf" are the fastest of --repeat runs. The "cluster" line times the clustering alone (select_k at the one k, same seeds, on the
matrix); the baseline is TfidfVectorizer().fit_transform + that clustering.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import load_press_conferences, max_rss_mib, measure, replicate, write_replicas  # noqa: E402


from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402

from analysis.frames import load_lexicon, score_frames  # noqa: E402
from analysis.inputs.corpus import load_corpus  # noqa: E402
from analysis.inputs.speakers import load_speakers  # noqa: E402
from analysis.paths import SPEAKERS  # noqa: E402
from analysis.pipeline import load_statements  # noqa: E402
from analysis.statements import attribute_statements  # noqa: E402
from analysis.themes import ThemeModel, assign_themes, select_k, summarize_themes  # noqa: E402
from analysis.vectors import StatementVectorizer, compute_similarity, pool_vectors  # noqa: E402


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10], help="corpus sizes, in copies of the 500 transcripts (default 1 10)")
    parser.add_argument("--k", type=int, default=10, help="the fixed number of themes (default 10)")
    parser.add_argument("--seeds", type=int, default=5, help="stability refits, as in notebook 03 (default 5; 0: none)")
    parser.add_argument("--jobs", type=int, default=1, help="parallel fits (default 1: the baseline clustering uses the same)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of the whole pipeline and of the baseline; the fastest counts (default 2)")
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc run of the whole pipeline (it is slow)")
    args = parser.parse_args(argv)

    lexicon = load_lexicon()
    registry = load_speakers(SPEAKERS)
    source = load_press_conferences()
    print(f"vectors and themes, {len(source)} press conferences per copy, k = {args.k}, {args.seeds} stability refits, n_jobs = {args.jobs}")

    def themes_of(statements, vectorizer, X):
        return ThemeModel(n_themes=args.k, n_seeds=args.seeds, n_jobs=args.jobs, random_state=0, vectorizer=vectorizer).fit(statements, term_matrix=X)

    def vectorize(statements):
        vectorizer = StatementVectorizer(random_state=0)
        return vectorizer, vectorizer.fit_transform(statements)

    def pipeline(folder):
        """The whole pipeline, as notebooks 02 and 03 run it."""
        statements = load_statements(folder, registry, lexicon=lexicon)
        vectorizer, X = vectorize(statements)  # once, for the themes, the assignments and the speaker vectors
        model = themes_of(statements, vectorizer, X)
        summarize_themes(assign_themes(statements, model, X=X), model)
        compute_similarity(pool_vectors(statements, X, by="speaker", min_statements=20, feature_names=model.terms_))
        return len(statements)

    rows = []
    for copies in args.copies:
        with tempfile.TemporaryDirectory() as folder:
            write_replicas(source, copies, Path(folder))
            t = {}
            t["load"], _, documents = measure(lambda: load_corpus(folder), trace=False)
            assert len(documents) == len(replicate(source, copies))
            t["attribute"], _, statements = measure(lambda: attribute_statements(documents, registry), trace=False)
            t["frames"], _, scored = measure(lambda: score_frames(statements, lexicon, speakers=registry), trace=False)
            t["vectorize"], _, (vectorizer, X) = measure(lambda: vectorize(scored), trace=False)
            t["themes"], _, model = measure(lambda: themes_of(scored, vectorizer, X), trace=False)
            t["assign"], _, _ = measure(lambda: summarize_themes(assign_themes(scored, model, X=X), model), trace=False)
            t["vectors"], _, _ = measure(
                lambda: compute_similarity(pool_vectors(scored, X, by="speaker", min_statements=20, feature_names=model.terms_)),
                trace=False,
            )
            t["whole"] = measure(lambda: pipeline(folder), repeat=args.repeat, trace=False)[0]
            texts = scored["text"].tolist()
            terms = vectorizer.get_feature_names_out()
            content = (X[:, [i for i, term in enumerate(terms) if " " not in term]] > 0).sum(axis=1).A1 >= 3
            t["cluster"] = measure(lambda: select_k(X[content], terms, k_range=[args.k], n_seeds=args.seeds, n_jobs=args.jobs), repeat=args.repeat, trace=False)[0]
            t["tfidf"] = measure(lambda: TfidfVectorizer().fit_transform(texts), repeat=args.repeat, trace=False)[0]
            traced = float("nan")
            if not args.no_trace:
                _, traced, _ = measure(lambda: pipeline(folder), trace=True)
        baseline = t["tfidf"] + t["cluster"]
        ratio = t["whole"] / baseline
        row = dict(copies=copies, docs=len(documents), statements=len(statements), k=args.k, seeds=args.seeds, **{f"{k}_s": v for k, v in t.items()},
                   baseline_s=baseline, ratio=ratio, traced_mib=traced, max_rss_mib=max_rss_mib())  # fmt: skip
        rows.append(row)
        print(f"\n{copies} cop{'y' if copies == 1 else 'ies'}: {len(documents):,} documents, {len(statements):,} statements, {X.shape[1]:,} terms")
        stages = ("load", "attribute", "frames", "vectorize", "themes", "assign", "vectors")
        for stage in stages:
            print(f"  {stage:<10} {t[stage]:8.2f} s")
        print(f"  {'whole':<10} {t['whole']:8.2f} s  (all stages in one go, fastest of {args.repeat}; the stages above, run once each, sum to {sum(t[s] for s in stages):.2f} s)")
        print(f"  ratio without the frames stage: {(t['whole'] - t['frames']) / baseline:.2f}")
        print(f"  cluster    {t['cluster']:8.2f} s  the clustering alone (NMF at k = {args.k} + {args.seeds} refits, on the matrix)")
        print(f"  tfidf      {t['tfidf']:8.2f} s  TfidfVectorizer().fit_transform alone")
        print(f"  baseline   {baseline:8.2f} s  tfidf + cluster")
        print(f"  ratio whole / baseline: {ratio:.2f} (target: at most 2.00) -> {'met' if ratio <= 2 else 'NOT met'}")
        print(f"  peak traced memory of the whole pipeline: {traced:,.0f} MiB; peak resident memory of the process so far: {max_rss_mib():,.0f} MiB")
    if len(rows) > 1:
        first = rows[0]
        print("\ntime per statement relative to the smallest run (1.00 = linear): " + ", ".join(
            f"{r['copies']} copies {r['whole_s'] / r['statements'] / (first['whole_s'] / first['statements']):.2f}" for r in rows))  # fmt: skip
    return rows


if __name__ == "__main__":
    main()
