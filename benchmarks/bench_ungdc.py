"""Benchmark: the whole UN General Debate release (every member state, 1946-2024), and 1/8, 1/4, 1/2 of it.

Targets (issue 14), on this 2-core machine: the whole corpus through statements, frames,
country-year vectors and themes in under 10 minutes with peak resident memory under 4 GB; time
per statement at full size within 10% of that at 1/8; two processes at least 1.7 times as fast
as one on the per-document stages; the whole pipeline at most 1.5 times the baseline
(scikit-learn's ``TfidfVectorizer().fit_transform`` on the same statement texts, in memory, plus
the same clustering).

    python benchmarks/bench_ungdc.py [--release DIR] [--fractions 0.125 0.25 0.5 1] [--jobs 2] [--k 10] [--seeds 3]

The release is the official layout (``TXT/Session NN - YYYY/ISO_NN_YYYY.txt`` and
``Speakers_by_session.xlsx``); default ``$UNGDC_RELEASE`` or ``/work/ungdc-release/data/data_original``.
Without it the benchmark says so and stops. Stages:

  import      import_ungdc of the whole release into corpus files (once, at full size)
  documents   stream_corpus: load, segment, attribute, frames, term counts (--jobs processes)
  vectors     ChunkedTfidf: document frequencies summed over chunks, TF-IDF rows
  themes      ScalableThemeModel: MiniBatchNMF at k, --seeds stability refits on samples
  members     country-year vectors, ROK and CN similarity to every state, standing of all

Sizes run smallest first, then the whole, then those between (a long run stopped early still has the
targets' two ends). A fraction 1/m is every m-th speech of the imported release (files sorted by name: every year,
every region). The serial-vs-parallel ratio is measured at the smallest fraction (--jobs vs 1).
Peak RSS is sampled every 0.2 s over this process and its worker processes together (psutil).
CPU time (user + system) is that of this process and its worker processes together (each worker's
last sample, every 0.2 s, and at the end of each stage): on a shared machine it measures the work
done, where wall time also measures the other sessions' load. The ratios are given in both.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis.inputs.speakers import load_speakers
from analysis.inputs.ungdc import import_ungdc
from analysis.paths import SPEAKERS
from analysis.scale import ChunkedTfidf, iter_term_counts, read_stage, stream_corpus
from analysis.scale.members import compute_member_similarity, compute_standing, pool_country_years
from analysis.scale.themes import ScalableThemeModel

DEFAULT_RELEASE = Path(os.environ.get("UNGDC_RELEASE", "/work/ungdc-release/data/data_original"))


class PeakRss:
    """Peak resident memory (MiB) of this process and its children together, sampled in a thread;
    and their CPU time (:meth:`cpu`: this process's, plus each child's at its last sample)."""

    def __init__(self, interval: float = 0.2):
        self.interval, self.peak, self._stop = interval, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._children_cpu: dict[int, float] = {}

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(self.interval):
            self.sample(me)

    def sample(self, me=None) -> None:
        me = me or psutil.Process()
        total = 0
        for process in [me, *me.children(recursive=True)]:
            try:
                total += process.memory_info().rss
                if process.pid != me.pid:
                    times = process.cpu_times()
                    self._children_cpu[process.pid] = times.user + times.system
            except psutil.Error:
                pass
        self.peak = max(self.peak, total / 2**20)

    def cpu(self) -> float:
        """CPU seconds (user + system) of this process and of every child seen so far."""
        self.sample()
        return time.process_time() + sum(self._children_cpu.values())

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.sample()


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def cpu_timed(clock: PeakRss, function, cpu: dict, name: str):
    """Wall seconds and result of ``function``; its CPU seconds (process + workers) into ``cpu[name]``."""
    started = clock.cpu()
    wall, result = timed(function)
    cpu[name] = clock.cpu() - started
    return wall, result


def run_size(corpus: Path, work: Path, registry, *, jobs: int, k: int, seeds: int, chunk_size: int) -> dict:
    """Every stage on one corpus folder; seconds per stage, counts and peak RSS."""
    t, cpu = {}, {}
    with PeakRss() as rss:
        t["documents"], streamed = cpu_timed(rss, lambda: stream_corpus(corpus, work / "parallel", speakers=registry, jobs=jobs, chunk_size=chunk_size), cpu, "documents")
        tfidf = ChunkedTfidf()
        t["vectors"], X = cpu_timed(rss, lambda: tfidf.fit(iter_term_counts(streamed.folder)).transform(iter_term_counts(streamed.folder)), cpu, "vectors")
        model = ScalableThemeModel(n_themes=k, n_seeds=seeds, random_state=0)
        t["themes"], _ = cpu_timed(rss, lambda: model.fit(X, terms=tfidf.get_feature_names_out()), cpu, "themes")

        def members():
            statements = read_stage(streamed.folder, "statements", columns=["doc_id", "date", "side", "n_words"])
            documents = read_stage(streamed.folder, "documents", columns=["doc_id", "side"])
            pooled = pool_country_years(statements, X, documents=documents, feature_names=tfidf.get_feature_names_out())
            return pooled, compute_member_similarity(pooled), compute_standing(pooled)

        t["members"], (pooled, _, _) = cpu_timed(rss, members, cpu, "members")
        peak = rss.peak
    texts = read_stage(streamed.folder, "statements", columns=["text"])["text"].tolist()
    t["tfidf"], Xb = cpu_timed(rss, lambda: TfidfVectorizer().fit_transform(texts), cpu, "tfidf")
    del texts
    t["cluster"], _ = cpu_timed(rss, lambda: ScalableThemeModel(n_themes=k, n_seeds=seeds, random_state=0).fit(Xb), cpu, "cluster")
    del Xb
    return dict(t=t, cpu=cpu, n_documents=streamed.n_documents, n_statements=streamed.n_statements, n_terms=len(tfidf.terms_),
                n_candidates=tfidf.n_candidate_terms_, n_country_years=len(pooled.groups), peak_rss=peak, themes=model.theme_labels_)  # fmt: skip


def subset(files: list[Path], every: int, folder: Path) -> Path:
    """A corpus folder of symbolic links to every ``every``-th file."""
    folder.mkdir(parents=True, exist_ok=True)
    for file in files[::every]:
        (folder / file.name).symlink_to(file)
    return folder


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--release", type=Path, default=DEFAULT_RELEASE, help="the UNGDC release folder (or .tgz)")
    parser.add_argument("--fractions", type=float, nargs="+", default=[0.125, 0.25, 0.5, 1.0], help="sizes, as shares of the release (default 1/8 1/4 1/2 1)")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the per-document stages (default 2)")
    parser.add_argument("--k", type=int, default=10, help="themes (default 10)")
    parser.add_argument("--seeds", type=int, default=3, help="stability refits on samples (default 3)")
    parser.add_argument("--chunk-size", type=int, default=64, help="documents per chunk (default 64)")
    args = parser.parse_args(argv)
    if not args.release.exists():
        print(f"bench_ungdc: no UNGDC release at {args.release}; pass --release or set UNGDC_RELEASE (skipped)")
        return []
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1, 5, 15 min) on {os.cpu_count()} cores")
    registry = load_speakers(SPEAKERS)
    rows = []
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        with PeakRss() as rss:
            import_s, report = timed(lambda: import_ungdc(args.release, out=work / "release"))
        files = sorted((work / "release").glob("*.txt"))
        print(f"import: {len(files):,} speeches in {import_s:.1f} s (peak RSS {rss.peak:,.0f} MiB); {len(report.skipped)} files skipped", flush=True)
        sizes = sorted(args.fractions)
        for fraction in sizes[:1] + sizes[-1:] + sizes[1:-1] if len(sizes) > 1 else sizes:  # smallest, whole, then between
            every = max(1, round(1 / fraction))
            corpus = work / "release" if every == 1 else subset(files, every, work / f"every-{every}")
            row = run_size(corpus, work / f"out-{every}", registry, jobs=args.jobs, k=args.k, seeds=args.seeds, chunk_size=args.chunk_size)
            if fraction == min(args.fractions):
                serial_cpu = time.process_time()
                row["serial_s"], _ = timed(lambda: stream_corpus(corpus, work / f"serial-{every}", speakers=registry, jobs=1, chunk_size=args.chunk_size))
                row["serial_cpu"] = time.process_time() - serial_cpu  # jobs=1 runs in this process
            row.update(fraction=fraction, import_s=import_s if every == 1 else float("nan"))
            rows.append(row)
            report_size(row, args)
        summarize(sorted(rows, key=lambda r: r["fraction"]), args)
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1, 5, 15 min)")
    return rows


def report_size(row: dict, args) -> None:
    t, cpu = row["t"], row["cpu"]
    pipeline = sum(t[s] for s in ("documents", "vectors", "themes", "members"))
    baseline = t["tfidf"] + t["cluster"]
    pipeline_cpu = sum(cpu[s] for s in ("documents", "vectors", "themes", "members"))
    baseline_cpu = cpu["tfidf"] + cpu["cluster"]
    row.update(pipeline_s=pipeline, baseline_s=baseline, pipeline_cpu=pipeline_cpu, baseline_cpu=baseline_cpu)
    print(f"\n1/{round(1 / row['fraction'])} of the release: {row['n_documents']:,} speeches, {row['n_statements']:,} statements, "
          f"{row['n_terms']:,} terms (of {row['n_candidates']:,} seen), {row['n_country_years']:,} country-years")  # fmt: skip
    print(f"  {'stage':<10} {'wall':>8}   {'CPU':>8}")
    for stage in ("documents", "vectors", "themes", "members"):
        print(f"  {stage:<10} {t[stage]:8.1f} s {cpu[stage]:8.1f} s")
    print(f"  pipeline   {pipeline:8.1f} s {pipeline_cpu:8.1f} s  ({row['n_statements'] / pipeline:,.0f} statements/s; per-document stages {row['n_statements'] / t['documents']:,.0f} statements/s with {args.jobs} jobs)")
    print(f"  baseline   {baseline:8.1f} s {baseline_cpu:8.1f} s  (TfidfVectorizer {t['tfidf']:.1f} s wall, {cpu['tfidf']:.1f} s CPU + the same clustering {t['cluster']:.1f} s wall, {cpu['cluster']:.1f} s CPU)")
    print(f"  ratio to the baseline: {pipeline / baseline:.2f} in wall time, {pipeline_cpu / baseline_cpu:.2f} in CPU time")
    print(f"  peak RSS (process + workers) {row['peak_rss']:,.0f} MiB")
    if "serial_s" in row:
        print(f"  per-document stages: 1 job {row['serial_s']:.1f} s ({row['serial_cpu']:.1f} s CPU), {args.jobs} jobs {t['documents']:.1f} s ({cpu['documents']:.1f} s CPU): {row['serial_s'] / t['documents']:.2f}x")
    print("  themes: " + "; ".join(row["themes"]), flush=True)


def summarize(rows: list[dict], args) -> None:
    first, last = rows[0], rows[-1]
    per = [r["pipeline_s"] / r["n_statements"] for r in rows]
    print("\ntime per statement relative to the smallest size (1.00 = linear): " + ", ".join(f"1/{round(1 / r['fraction'])} {p / per[0]:.2f}" for r, p in zip(rows, per)))
    if last["fraction"] == 1:
        whole = last["pipeline_s"] + last["import_s"]
        print(f"whole corpus from import: {whole:.1f} s (target < 600 s: {'met' if whole < 600 else 'NOT met'}); "
              f"peak RSS {max(r['peak_rss'] for r in rows):,.0f} MiB (target < 4096: {'met' if max(r['peak_rss'] for r in rows) < 4096 else 'NOT met'})")  # fmt: skip
        print(f"growth 1/{round(1 / first['fraction'])} -> 1: {per[-1] / per[0]:.2f} (target within 1.10: {'met' if per[-1] / per[0] <= 1.10 else 'NOT met'})")
        print(f"pipeline / baseline at full size: {last['pipeline_s'] / last['baseline_s']:.2f} without the import, "
              f"{whole / last['baseline_s']:.2f} with it (target <= 1.5)")  # fmt: skip
        print(f"pipeline / baseline at full size in CPU time: {last['pipeline_cpu'] / last['baseline_cpu']:.2f}")
    if "serial_s" in first:
        ratio = first["serial_s"] / first["t"]["documents"]
        print(f"{args.jobs} jobs vs 1 on the per-document stages: {ratio:.2f}x (target >= 1.7: {'met' if ratio >= 1.7 else 'NOT met'})")


if __name__ == "__main__":
    sys.exit(0 if main() is not None else 1)
