"""Benchmark: the whole UN General Debate release (every member state, 1946-2024), and 1/8, 1/4, 1/2 of it.

Targets (issue 14), on this 2-core machine: the whole corpus through statements, frames,
country-year vectors and themes in under 10 minutes with peak resident memory under 4 GB; time
per statement at full size within 10% of that at 1/8; two processes at least 1.7 times as fast
as one on the per-document stages; the whole pipeline at most 1.5 times the baseline
(scikit-learn's ``TfidfVectorizer().fit_transform`` on the same statement texts, in memory, plus
the same clustering).

    python benchmarks/bench_ungdc.py [--release DIR] [--fractions 0.125 0.25 0.5 1] [--jobs 2] [--k 10] [--seeds 3]
                                     [--chunk-size 64] [--repeat 1] [--serial-at-full] [--no-like-for-like]

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
every region). Each size runs ``--repeat`` times back to back, each time into a fresh output folder;
each run's figures are printed, and the target lines use the least wall time of the runs per stage,
per pipeline and per baseline, with the spread (least..most) beside it: timeit's convention, the
least is the least-disturbed run (on a shared machine the others measure other sessions' load too).

The serial-vs-parallel ratio is measured at the smallest fraction (and at the whole with
``--serial-at-full``, about 5 more minutes): ``stream_corpus(jobs=1)`` on the same corpus with the
same chunk size, into a fresh folder, run in a fresh process (spawned, imports done before the
clock starts), as the --jobs run's work runs in joblib's fresh worker processes (also started and
warmed before the clock starts); run in this process instead, it would pay for the heap the
benchmark holds by then (its garbage collection), and the ratio would measure that. Within a size's
repeats the two runs alternate (:func:`run_order`): odd repeats run the --jobs run first, even repeats
the one-job run first, so a drift of the machine's load falls on both sides of the ratio, not always on
the one-job side; each run's header says which came first.
Peak RSS is sampled every 0.2 s over this process and its worker processes together (psutil).
CPU time (user + system) is that of this process and its worker processes together (each worker's
last sample, every 0.2 s, and at the end of each stage): on a shared machine it measures the work
done, where wall time also measures the other sessions' load. The ratios are given in both, and
the growth in time per statement too (the target is on wall time; CPU time is the companion that
other sessions' load moves less).

Like for like (information, not a target; ``--no-like-for-like`` skips it): the baseline does no
segmentation, attribution or frames, so each run also prints the ratios of the parts it does do.
Vocabulary: the pipeline's term counting (``analysis.scale.chunks.count_terms`` with
``StatementVectorizer().build_analyzer()``, part by part over the texts of the statements parts the
run wrote, serially in a fresh process as the chunks' workers are, after the baseline) plus the vectors stage, against
``TfidfVectorizer``; themes against the baseline's clustering. The term counting is timed once more for
this (its wall and CPU time are printed: the cost of the line); it is in no pipeline figure, nor in the
peak RSS (taken before the baseline).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Mapping

sys.path.insert(0, str(Path(__file__).resolve().parent))

import psutil  # noqa: E402
from common import Spread, fresh_process, import_modules, summarize_runs  # noqa: E402
from joblib import Parallel, delayed  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402

from analysis.inputs.speakers import load_speakers  # noqa: E402
from analysis.inputs.ungdc import import_ungdc  # noqa: E402
from analysis.paths import SPEAKERS  # noqa: E402
from analysis.scale import ChunkedTfidf, iter_stage, iter_term_counts, read_stage, stream_corpus  # noqa: E402
from analysis.scale.chunks import count_terms  # noqa: E402
from analysis.scale.members import compute_member_similarity, compute_standing, pool_country_years  # noqa: E402
from analysis.scale.themes import ScalableThemeModel  # noqa: E402
from analysis.vectors import StatementVectorizer  # noqa: E402

DEFAULT_RELEASE = Path(os.environ.get("UNGDC_RELEASE", "/work/ungdc-release/data/data_original"))
#: Imported in every worker process before a timed run (the per-document stages' code).
WARM = ("analysis.scale.chunks", "analysis.scale.stream")
STAGES = ("documents", "vectors", "themes", "members")
#: The like-for-like pairs: (pipeline figure, its words, baseline figure, its words).
LIKE_FOR_LIKE = (("vocabulary", "vocabulary (term counting + vectors)", "tfidf", "TfidfVectorizer"), ("themes", "themes", "cluster", "the same clustering"))


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


def warm_workers(jobs: int) -> None:
    """Start joblib's ``jobs`` worker processes and import the chunk code in them, before the clock starts.

    joblib keeps its workers between calls (loky's reusable executor), so the first timed run would
    otherwise pay for their start and imports and the later ones not; the one-job run's fresh
    process is warmed the same way (:func:`common.fresh_process`).
    """
    if jobs > 1:
        Parallel(n_jobs=jobs)(delayed(import_modules)(*WARM) for _ in range(jobs))


def size_label(fraction: float) -> str:
    """A size as the benchmark names it: ``1/m`` for every m-th speech of the release.

    >>> size_label(0.125), size_label(0.03125), size_label(1.0)
    ('1/8', '1/32', '1/1')
    """
    return f"1/{round(1 / fraction)}"


def run_order(number: int, *, serial: bool) -> tuple[str, ...]:
    """The runs of repeat ``number`` (from 1), in order: ``"jobs"`` (the --jobs pipeline) and ``"serial"``.

    ``"serial"`` (the one-job run, in a fresh process) only if ``serial``. Odd repeats run the --jobs
    run first, even ones the one-job run first: a drift of the machine's load over a size's repeats
    falls on both sides of the 1-job-vs-jobs ratio in turn, not always on the one-job side.

    >>> run_order(1, serial=True), run_order(2, serial=True), run_order(2, serial=False)
    (('jobs', 'serial'), ('serial', 'jobs'), ('jobs',))
    """
    if not serial:
        return ("jobs",)
    return ("jobs", "serial") if number % 2 == 1 else ("serial", "jobs")


def describe_order(order: tuple[str, ...], jobs: int) -> str:
    """The run header's words for :func:`run_order`'s order (empty without a one-job run).

    >>> describe_order(("serial", "jobs"), 2), describe_order(("jobs",), 2)
    ('1 job first, then 2 jobs', '')
    """
    names = {"jobs": f"{jobs} jobs", "serial": "1 job"}
    return f"{names[order[0]]} first, then {names[order[1]]}" if len(order) > 1 else ""


def run_size(corpus: Path, work: Path, registry, *, jobs: int, k: int, seeds: int, chunk_size: int, like_for_like: bool = True) -> dict:
    """Every stage on one corpus folder; seconds per stage, counts and peak RSS (and the term counting alone: like for like)."""
    t, cpu = {}, {}
    warm_workers(jobs)
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
    if like_for_like:
        time_term_counting(streamed.folder, t, cpu)
    t["pipeline"], cpu["pipeline"] = sum(t[s] for s in STAGES), sum(cpu[s] for s in STAGES)
    t["baseline"], cpu["baseline"] = t["tfidf"] + t["cluster"], cpu["tfidf"] + cpu["cluster"]
    return dict(t=t, cpu=cpu, n_documents=streamed.n_documents, n_statements=streamed.n_statements, n_terms=len(tfidf.terms_),
                n_candidates=tfidf.n_candidate_terms_, n_country_years=len(pooled.groups), peak_rss=peak, themes=model.theme_labels_)  # fmt: skip


def count_stage_terms(folder: Path) -> tuple[float, float, int]:
    """The pipeline's term counting alone over a run's statements parts: wall and CPU seconds, stored counts.

    Reads the texts of the statements parts (:func:`analysis.scale.iter_stage`, chunk order) before the
    clock starts, then counts the terms of each part with ``StatementVectorizer().build_analyzer()``,
    serially, as each chunk does (:func:`analysis.scale.chunks.count_terms`). Run by
    :func:`time_term_counting` in a fresh process.
    """
    parts = [part["text"].tolist() for part in iter_stage(folder, "statements", columns=["text"])]
    analyzer = StatementVectorizer().build_analyzer()  # built once, as stream_corpus does
    wall, cpu = time.perf_counter(), time.process_time()
    stored = sum(count_terms(part, analyzer)[0].nnz for part in parts)
    return time.perf_counter() - wall, time.process_time() - cpu, stored


def time_term_counting(folder: Path, t: dict, cpu: dict) -> None:
    """:func:`count_stage_terms` in a fresh process: ``t``/``cpu["count_terms"]``, and ``"vocabulary"``.

    A fresh process (spawned, its modules imported first), as the chunks' workers are, not beside the
    heap this process holds by then (on the whole release the two gave the same time: 57.6-60.5 s in
    this process, 57.8 s fresh). ``"vocabulary"`` is that plus the vectors stage, one run's sum (so that the
    least over runs is one run's, as the least pipeline is), to set against the baseline's ``TfidfVectorizer``.
    """
    with fresh_process(*WARM) as executor:
        t["count_terms"], cpu["count_terms"], _ = executor.submit(count_stage_terms, folder).result()
    t["vocabulary"], cpu["vocabulary"] = t["count_terms"] + t["vectors"], cpu["count_terms"] + cpu["vectors"]


def run_serial(corpus: Path, out: Path, registry, *, chunk_size: int) -> tuple[float, float, int]:
    """The per-document stages with one job in a fresh process: wall seconds, CPU seconds, statements.

    The CPU time is the fresh process's (psutil, as :class:`PeakRss` samples workers) plus this
    process's while it waits, as the --jobs run counts its workers' and this process's.
    """
    cpu = {}
    with fresh_process(*WARM) as executor, PeakRss() as clock:
        wall, result = cpu_timed(clock, lambda: executor.submit(stream_corpus, corpus, out, speakers=registry, jobs=1, chunk_size=chunk_size).result(), cpu, "serial")
    return wall, cpu["serial"], result.n_statements


def run_once(corpus: Path, work: Path, registry, args, *, number: int, serial: bool) -> dict:
    """Repeat ``number`` of one size into fresh output folders (removed after); the one-job run too if
    ``serial``, before or after the --jobs run as :func:`run_order` says (``row["order"]``)."""
    order, one_job = run_order(number, serial=serial), None
    for name in order:
        out = Path(tempfile.mkdtemp(dir=work, prefix=f"{name}-"))
        if name == "serial":
            one_job = run_serial(corpus, out / "serial", registry, chunk_size=args.chunk_size)
        else:
            row = run_size(corpus, out, registry, jobs=args.jobs, k=args.k, seeds=args.seeds, chunk_size=args.chunk_size, like_for_like=args.like_for_like)
        shutil.rmtree(out)
    row["order"] = order
    if one_job is not None:
        row["t"]["serial"], row["cpu"]["serial"], n_statements = one_job
        if n_statements != row["n_statements"]:
            raise RuntimeError(f"1 job gave {n_statements:,} statements, {args.jobs} jobs {row['n_statements']:,}: the runs differ, the ratio would compare different work")
    return row


def subset(files: list[Path], every: int, folder: Path) -> Path:
    """A corpus folder of symbolic links to every ``every``-th file."""
    folder.mkdir(parents=True, exist_ok=True)
    for file in files[::every]:
        (folder / file.name).symlink_to(file)
    return folder


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--release", type=Path, default=DEFAULT_RELEASE, help="the UNGDC release folder (or .tgz)")
    parser.add_argument("--fractions", type=float, nargs="+", default=[0.125, 0.25, 0.5, 1.0], help="sizes, as shares of the release (default 1/8 1/4 1/2 1)")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the per-document stages (default 2)")
    parser.add_argument("--k", type=int, default=10, help="themes (default 10)")
    parser.add_argument("--seeds", type=int, default=3, help="stability refits on samples (default 3)")
    parser.add_argument("--chunk-size", type=int, default=64, help="documents per chunk (default 64)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each size, back to back; targets on the least wall time (default 1)")
    parser.add_argument("--serial-at-full", action="store_true", help="also time 1 job against --jobs at the whole release (about 5 more minutes per run)")
    parser.add_argument("--no-like-for-like", dest="like_for_like", action="store_false",
                        help="skip the like-for-like lines (the term counting timed once more, serially: information, not a target)")  # fmt: skip
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error(f"--repeat {args.repeat}: run each size at least once")
    return args


def main(argv: list[str] | None = None) -> list[dict]:
    args = parse_args(argv)
    if not args.release.exists():
        print(f"bench_ungdc: no UNGDC release at {args.release}; pass --release or set UNGDC_RELEASE (skipped)")
        return []
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1, 5, 15 min) on {os.cpu_count()} cores")
    registry = load_speakers(SPEAKERS)
    sizes = []
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        with PeakRss() as rss:
            import_s, report = timed(lambda: import_ungdc(args.release, out=work / "release"))
        files = sorted((work / "release").glob("*.txt"))
        print(f"import: {len(files):,} speeches in {import_s:.1f} s (peak RSS {rss.peak:,.0f} MiB); {len(report.skipped)} files skipped", flush=True)
        fractions = sorted(args.fractions)
        for fraction in fractions[:1] + fractions[-1:] + fractions[1:-1] if len(fractions) > 1 else fractions:  # smallest, whole, then between
            every = max(1, round(1 / fraction))
            corpus = work / "release" if every == 1 else subset(files, every, work / f"every-{every}")
            serial = fraction == fractions[0] or (every == 1 and args.serial_at_full)
            runs = []
            for number in range(1, args.repeat + 1):
                runs.append(run_once(corpus, work, registry, args, number=number, serial=serial))
                report_run(runs[-1], args, fraction=fraction, number=number)
            sizes.append(combine_runs(runs, fraction=fraction, import_s=import_s if every == 1 else float("nan")))
            if args.repeat > 1:
                report_least(sizes[-1], args)
        summarize(sorted(sizes, key=lambda size: size["fraction"]), args)
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1, 5, 15 min)")
    return sizes


def combine_runs(runs: list[dict], *, fraction: float, import_s: float) -> dict:
    """One size's runs: the first run's counts, per figure the least and most wall and CPU time, the highest peak RSS."""
    for run in runs[1:]:
        if run["n_statements"] != runs[0]["n_statements"]:
            raise RuntimeError(f"runs of {size_label(fraction)} gave {runs[0]['n_statements']:,} and {run['n_statements']:,} statements; the runs differ")
    return dict(runs[0], runs=runs, fraction=fraction, import_s=import_s, wall=summarize_runs(r["t"] for r in runs),
                cpu=summarize_runs(r["cpu"] for r in runs), peak_rss=max(r["peak_rss"] for r in runs))  # fmt: skip


def format_like_for_like(wall: Mapping[str, float], cpu: Mapping[str, float], *, at: str = "") -> str:
    """The like-for-like line: the parts of the pipeline that the baseline also does, against the baseline's.

    Information, not a target: the baseline does no segmentation, attribution nor frames.
    ``wall``/``cpu``: seconds by figure (one run's, or the least of each over runs); ``at``: a size label.

    >>> wall = {"vocabulary": 4.0, "tfidf": 8.0, "themes": 3.0, "cluster": 2.0}
    >>> print(format_like_for_like(wall, {"vocabulary": 6.0, "tfidf": 8.0, "themes": 6.0, "cluster": 5.0}))
    like for like (information, not a target): vocabulary (term counting + vectors) 4.0 s / TfidfVectorizer 8.0 s: 0.50 in wall time, 0.75 in CPU time; themes 3.0 s / the same clustering 2.0 s: 1.50 in wall time, 1.20 in CPU time
    """
    pairs = [f"{words} {wall[name]:.1f} s / {base_words} {wall[base]:.1f} s: {wall[name] / wall[base]:.2f} in wall time, {cpu[name] / cpu[base]:.2f} in CPU time"
             for name, words, base, base_words in LIKE_FOR_LIKE]  # fmt: skip
    return f"like for like{' at ' + at if at else ''} (information, not a target): " + "; ".join(pairs)


def report_run(row: dict, args, *, fraction: float, number: int) -> None:
    t, cpu = row["t"], row["cpu"]
    run = f", run {number} of {args.repeat}" if args.repeat > 1 else ""
    order = describe_order(row.get("order", ("jobs",)), args.jobs)
    run += f" ({order})" if order else ""
    print(f"\n{size_label(fraction)} of the release{run}: {row['n_documents']:,} speeches, {row['n_statements']:,} statements, "
          f"{row['n_terms']:,} terms (of {row['n_candidates']:,} seen), {row['n_country_years']:,} country-years")  # fmt: skip
    print(f"  {'stage':<10} {'wall':>8}   {'CPU':>8}")
    for stage in STAGES:
        print(f"  {stage:<10} {t[stage]:8.1f} s {cpu[stage]:8.1f} s")
    print(f"  pipeline   {t['pipeline']:8.1f} s {cpu['pipeline']:8.1f} s  ({row['n_statements'] / t['pipeline']:,.0f} statements/s; per-document stages {row['n_statements'] / t['documents']:,.0f} statements/s with {args.jobs} jobs)")
    print(f"  baseline   {t['baseline']:8.1f} s {cpu['baseline']:8.1f} s  (TfidfVectorizer {t['tfidf']:.1f} s wall, {cpu['tfidf']:.1f} s CPU + the same clustering {t['cluster']:.1f} s wall, {cpu['cluster']:.1f} s CPU)")
    print(f"  ratio to the baseline: {t['pipeline'] / t['baseline']:.2f} in wall time, {cpu['pipeline'] / cpu['baseline']:.2f} in CPU time")
    if "count_terms" in t:
        print(f"  {format_like_for_like(t, cpu)}")
        print(f"  (its cost: the term counting timed once more, serially in a fresh process, {t['count_terms']:.1f} s wall, {cpu['count_terms']:.1f} s CPU)")
    print(f"  peak RSS (process + workers) {row['peak_rss']:,.0f} MiB")
    if "serial" in t:
        print(f"  per-document stages: 1 job (fresh process) {t['serial']:.1f} s ({cpu['serial']:.1f} s CPU), {args.jobs} jobs {t['documents']:.1f} s ({cpu['documents']:.1f} s CPU): {t['serial'] / t['documents']:.2f}x")
    print("  themes: " + "; ".join(row["themes"]), flush=True)


def report_least(size: dict, args) -> None:
    """One size's figures over its runs: the least wall and CPU time, (least..most) beside."""
    wall, cpu = size["wall"], size["cpu"]
    print(f"\n{size_label(size['fraction'])} of the release, least of {args.repeat} runs (timeit's convention: the least-disturbed run), (least..most):")
    print(f"  {'stage':<10} {'wall':<24} {'CPU':<24}")
    names = [*STAGES, "pipeline", "baseline"] + (["serial"] if "serial" in wall else [])
    for name in names:
        label = "1 job" if name == "serial" else name
        print(f"  {label:<10} {wall[name].show():<24} {cpu[name].show():<24}")
    print(f"  ratio to the baseline: {wall['pipeline'].least / wall['baseline'].least:.2f} in wall time, {cpu['pipeline'].least / cpu['baseline'].least:.2f} in CPU time (least pipeline / least baseline)")
    if "count_terms" in wall:
        print(f"  {format_like_for_like(least_of(wall), least_of(cpu))} (least / least)")
    print(f"  peak RSS (process + workers), highest of the runs: {size['peak_rss']:,.0f} MiB", flush=True)


def least_of(spreads: Mapping[str, Spread]) -> dict[str, float]:
    """The least of each figure over the runs."""
    return {name: spread.least for name, spread in spreads.items()}


def summarize(sizes: list[dict], args) -> None:
    """The target lines, on the least wall time of each size's runs (CPU time beside)."""
    first, last = sizes[0], sizes[-1]
    least = f", least of {args.repeat} runs per size" if args.repeat > 1 else ""
    per = [s["wall"]["pipeline"].least / s["n_statements"] for s in sizes]
    per_cpu = [s["cpu"]["pipeline"].least / s["n_statements"] for s in sizes]
    print(f"\ntime per statement relative to the smallest size (1.00 = linear{least}): " + ", ".join(f"{size_label(s['fraction'])} {p / per[0]:.2f}" for s, p in zip(sizes, per)))
    print("CPU time per statement relative to the smallest size: " + ", ".join(f"{size_label(s['fraction'])} {p / per_cpu[0]:.2f}" for s, p in zip(sizes, per_cpu)))
    if last["fraction"] == 1:
        pipeline, baseline = last["wall"]["pipeline"], last["wall"]["baseline"]
        whole = pipeline.least + last["import_s"]
        peak = max(s["peak_rss"] for s in sizes)
        print(f"whole corpus from import: {whole:.1f} s (target < 600 s: {'met' if whole < 600 else 'NOT met'}); "
              f"peak RSS {peak:,.0f} MiB (target < 4096: {'met' if peak < 4096 else 'NOT met'})")  # fmt: skip
        growth = per[-1] / per[0]
        print(f"growth {size_label(first['fraction'])} -> 1: {growth:.2f} (target within 1.10: {'met' if growth <= 1.10 else 'NOT met'}); "
              f"in CPU time {per_cpu[-1] / per_cpu[0]:.2f}; pipeline {size_label(first['fraction'])} {first['wall']['pipeline'].show()}, whole {pipeline.show()}")  # fmt: skip
        print(f"pipeline / baseline at full size: {pipeline.least / baseline.least:.2f} without the import, "
              f"{whole / baseline.least:.2f} with it (target <= 1.5); pipeline {pipeline.show()}, baseline {baseline.show()}")  # fmt: skip
        print(f"pipeline / baseline at full size in CPU time: {last['cpu']['pipeline'].least / last['cpu']['baseline'].least:.2f}")
    for size in sizes:
        if "serial" in size["wall"]:
            serial, parallel = size["wall"]["serial"], size["wall"]["documents"]
            ratio = serial.least / parallel.least
            print(f"{args.jobs} jobs vs 1 on the per-document stages: {ratio:.2f}x (target >= 1.7: {'met' if ratio >= 1.7 else 'NOT met'}) at {size_label(size['fraction'])}: "
                  f"1 job (a fresh process) {serial.show()}, {args.jobs} jobs {parallel.show()}; CPU time 1 job {size['cpu']['serial'].least:.1f} s, {args.jobs} jobs {size['cpu']['documents'].least:.1f} s")  # fmt: skip
    for size in sizes:
        if "count_terms" in size["wall"]:
            print(format_like_for_like(least_of(size["wall"]), least_of(size["cpu"]), at=size_label(size["fraction"])))
    if args.repeat > 1:
        print(f"(each figure above: the least of {args.repeat} runs, the least-disturbed one (timeit's convention); (least..most) is the spread)")


if __name__ == "__main__":
    sys.exit(0 if main() is not None else 1)
