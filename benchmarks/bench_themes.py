"""Benchmark: vectors and themes on N copies of the shipped press conferences.

Target (issue 4): on 10 copies of the 500 shipped press conferences (5,000 transcripts), the
whole pipeline (load, attribute, frames, vectors, themes) takes at most twice as long as the
baseline: scikit-learn's ``TfidfVectorizer().fit_transform`` alone on the same statement texts
plus the clustering itself (the theme fits at the same fixed k, with the same stability refits,
on an already computed matrix). Prints seconds per stage, the ratio, traced peak memory
(tracemalloc) and the process's peak resident memory (getrusage).

    python benchmarks/bench_themes.py [--copies 1 10] [--k 10] [--seeds 5] [--jobs 1] [--no-trace]

Stages of the pipeline, each timed on its own:
  load        load_corpus on the copies written as files
  attribute   attribute_statements
  frames      analysis.frames.score_frames (skipped, and said so, if analysis.frames is missing)
  themes      ThemeModel(n_themes=k).fit: StatementVectorizer fit + NMF at k + --seeds refits on 80% subsamples
  transform   the fitted vectorizer's transform, once, shared by the next two stages
  assign      assign_themes (NMF transform) and summarize_themes
  vectors     speaker vectors: pool_vectors by speaker and compute_similarity
The "vectorize" and "cluster" lines time StatementVectorizer.fit_transform and the clustering
(select_k at the one k, same seeds) on their own; the baseline is TfidfVectorizer + that clustering.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PROJECT, load_press_conferences, max_rss_mib, measure, replicate, write_replicas  # noqa: E402


def main(argv: list[str] | None = None) -> list[dict]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from analysis.attribution import attribute_statements
    from analysis.corpus import load_corpus
    from analysis.speakers import load_speakers
    from analysis.themes import ThemeModel, assign_themes, select_k, summarize_themes
    from analysis.vectors import StatementVectorizer, compute_similarity, pool_vectors

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10], help="corpus sizes, in copies of the 500 transcripts (default 1 10)")
    parser.add_argument("--k", type=int, default=10, help="the fixed number of themes (default 10)")
    parser.add_argument("--seeds", type=int, default=5, help="stability refits, as in notebook 03 (default 5; 0: none)")
    parser.add_argument("--jobs", type=int, default=1, help="parallel fits (default 1: the baseline clustering uses the same)")
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc run of the whole pipeline (it is slow)")
    args = parser.parse_args(argv)

    try:
        from analysis.frames import load_lexicon, score_frames

        lexicon = load_lexicon()
    except ImportError as error:  # built by another issue; the benchmark says when it is not there
        score_frames = lexicon = None
        print(f"frames stage skipped: analysis.frames is not importable ({error})")
    registry = load_speakers(PROJECT / "corpus" / "speakers.yaml")
    source = load_press_conferences()
    print(f"vectors and themes, {len(source)} press conferences per copy, k = {args.k}, {args.seeds} stability refits, n_jobs = {args.jobs}")

    def themes_of(statements):
        return ThemeModel(n_themes=args.k, n_seeds=args.seeds, n_jobs=args.jobs, random_state=0).fit(statements)

    def pipeline(folder):
        """The whole pipeline, as notebook 03 runs it (with frames, as notebook 02 adds them)."""
        documents = load_corpus(folder)
        statements = attribute_statements(documents, registry)
        if score_frames is not None:
            statements = score_frames(statements, lexicon, speakers=registry)
        model = themes_of(statements)
        X = model.vectorizer_.transform(statements)  # once, for the assignments and the speaker vectors
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
            if score_frames is not None:
                t["frames"], _, scored = measure(lambda: score_frames(statements, lexicon, speakers=registry), trace=False)
            else:
                t["frames"], scored = 0.0, statements
            t["themes"], _, model = measure(lambda: themes_of(scored), trace=False)
            t["transform"], _, matrix = measure(lambda: model.vectorizer_.transform(scored), trace=False)
            t["assign"], _, _ = measure(lambda: summarize_themes(assign_themes(scored, model, X=matrix), model), trace=False)
            t["vectors"], _, _ = measure(
                lambda: compute_similarity(pool_vectors(scored, matrix, by="speaker", min_statements=20, feature_names=model.terms_)),
                trace=False,
            )
            t["whole"], _, _ = measure(lambda: pipeline(folder), trace=False)
            texts = scored["text"].tolist()
            t["vectorize"], _, X = measure(lambda: StatementVectorizer().fit_transform(scored), trace=False)
            terms = StatementVectorizer().fit(scored).get_feature_names_out()
            content = (X[:, [i for i, term in enumerate(terms) if " " not in term]] > 0).sum(axis=1).A1 >= 3
            t["cluster"], _, _ = measure(lambda: select_k(X[content], terms, k_range=[args.k], n_seeds=args.seeds, n_jobs=args.jobs), trace=False)
            t["tfidf"], _, _ = measure(lambda: TfidfVectorizer().fit_transform(texts), trace=False)
            traced = float("nan")
            if not args.no_trace:
                _, traced, _ = measure(lambda: pipeline(folder), trace=True)
        baseline = t["tfidf"] + t["cluster"]
        ratio = t["whole"] / baseline
        row = dict(copies=copies, docs=len(documents), statements=len(statements), k=args.k, seeds=args.seeds, **{f"{k}_s": v for k, v in t.items()},
                   baseline_s=baseline, ratio=ratio, traced_mib=traced, max_rss_mib=max_rss_mib())  # fmt: skip
        rows.append(row)
        print(f"\n{copies} cop{'y' if copies == 1 else 'ies'}: {len(documents):,} documents, {len(statements):,} statements, {X.shape[1]:,} terms")
        stages = ("load", "attribute", "frames", "themes", "transform", "assign", "vectors")
        for stage in stages:
            note = " (skipped)" if stage == "frames" and score_frames is None else ""
            print(f"  {stage:<10} {t[stage]:8.2f} s{note}")
        print(f"  {'whole':<10} {t['whole']:8.2f} s  (one run of all stages; the sum of the stages above is {sum(t[s] for s in stages):.2f} s)")
        if score_frames is not None:
            print(f"  ratio without the frames stage: {(t['whole'] - t['frames']) / baseline:.2f}")
        print(f"  vectorize  {t['vectorize']:8.2f} s  StatementVectorizer.fit_transform alone")
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
