"""The benchmark scripts' helpers (benchmarks/common.py): the least/most summary of repeated runs and
the fresh worker process; bench_ungdc.py's run order, size labels and like-for-like lines. The
benchmarks themselves are not timed tests; these use made-up numbers."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import re
import sys
from pathlib import Path

import pandas as pd
import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture
def common(monkeypatch):
    """benchmarks/common.py, imported as the scripts import it (their folder on sys.path)."""
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    monkeypatch.delitem(sys.modules, "common", raising=False)
    return importlib.import_module("common")


@pytest.fixture
def bench(common, monkeypatch):
    """benchmarks/bench_ungdc.py, imported as a module (sys.path restored after: monkeypatch saved it)."""
    monkeypatch.delitem(sys.modules, "bench_ungdc", raising=False)
    return importlib.import_module("bench_ungdc")


def test_summarize_runs_least_and_most_per_figure(common):
    runs = [{"documents": 22.8, "pipeline": 30.7}, {"documents": 15.0, "pipeline": 31.0}, {"documents": 19.1, "pipeline": 20.6}]
    spreads = common.summarize_runs(runs)
    assert spreads["documents"] == common.Spread(15.0, 22.8, 3)
    assert spreads["pipeline"] == common.Spread(20.6, 31.0, 3)  # the least pipeline is a whole run's, not a sum of stage minima


def test_summarize_runs_takes_a_generator_and_one_run(common):
    spreads = common.summarize_runs(run for run in [{"serial": 38.8}])
    assert spreads == {"serial": common.Spread(38.8, 38.8, 1)}
    assert spreads["serial"].show() == "38.8 s"


def test_spread_shows_least_then_range(common):
    assert common.Spread(1.25, 2.0, 2).show() == "1.2 s (1.2..2.0)"
    assert common.Spread(0.84, 1.29, 2).show("x") == "0.8 x (0.8..1.3)"


def test_summarize_runs_refuses_runs_with_different_figures(common):
    with pytest.raises(ValueError, match=r"run 2 has figures \['documents'\], run 1 has \['documents', 'serial'\]"):
        common.summarize_runs([{"documents": 1.0, "serial": 2.0}, {"documents": 1.5}])
    with pytest.raises(ValueError, match="no runs"):
        common.summarize_runs([])


def test_fresh_process_is_another_process(common):
    with common.fresh_process("json") as executor:
        child = executor.submit(os.getpid).result()
        assert child != os.getpid()
        assert executor.submit(os.getpid).result() == child  # one process, reused within the block


def test_fresh_process_fails_at_once_on_a_module_it_cannot_import(common):
    with pytest.raises(ModuleNotFoundError, match="no_such_module_e37"):
        with common.fresh_process("no_such_module_e37"):
            pass


def test_run_order_alternates_which_run_comes_first(bench):
    orders = [bench.run_order(number, serial=True) for number in range(1, 5)]
    assert orders == [("jobs", "serial"), ("serial", "jobs"), ("jobs", "serial"), ("serial", "jobs")]
    assert [bench.run_order(number, serial=False) for number in (1, 2)] == [("jobs",), ("jobs",)]


def test_run_header_says_which_run_came_first(bench):
    assert bench.describe_order(("jobs", "serial"), 2) == "2 jobs first, then 1 job"
    assert bench.describe_order(("serial", "jobs"), 3) == "1 job first, then 3 jobs"
    assert bench.describe_order(("jobs",), 2) == ""


def _made_up_row(number, order=("jobs",), like_for_like=True):
    """A run's figures as run_size returns them, made up (one job 18 s against 10 s)."""
    t = {"documents": 10.0, "vectors": 1.0, "themes": 3.0 + number, "members": 1.0, "tfidf": 5.0, "cluster": 2.0}
    cpu = {name: 2 * value for name, value in t.items()}
    if like_for_like:
        t.update(count_terms=2.0, vocabulary=3.0)
        cpu.update(count_terms=2.5, vocabulary=4.5)
    for figures in (t, cpu):
        figures["pipeline"] = sum(figures[s] for s in ("documents", "vectors", "themes", "members"))
        figures["baseline"] = figures["tfidf"] + figures["cluster"]
    return dict(t=t, cpu=cpu, n_documents=12, n_statements=300, n_terms=40, n_candidates=90, n_country_years=7, peak_rss=100.0, themes=["peace"], order=order)


@pytest.mark.parametrize(("number", "expected"), [(1, ["jobs", "serial"]), (2, ["serial", "jobs"]), (3, ["jobs", "serial"])])
def test_run_once_runs_the_one_job_run_in_the_order_of_the_repeat(bench, monkeypatch, tmp_path, number, expected):
    calls = []

    def run_size(corpus, out, registry, **kwargs):
        calls.append("jobs")
        assert out.parent == tmp_path and kwargs["like_for_like"] is False
        return _made_up_row(number, like_for_like=False)

    def run_serial(corpus, out, registry, *, chunk_size):
        calls.append("serial")
        return 18.0, 19.0, 300

    monkeypatch.setattr(bench, "run_size", run_size)
    monkeypatch.setattr(bench, "run_serial", run_serial)
    args = argparse.Namespace(jobs=2, k=3, seeds=1, chunk_size=8, like_for_like=False)
    row = bench.run_once(tmp_path / "corpus", tmp_path, None, args, number=number, serial=True)
    assert calls == expected
    assert row["order"] == tuple(expected)
    assert (row["t"]["serial"], row["cpu"]["serial"]) == (18.0, 19.0)
    assert list(tmp_path.iterdir()) == []  # each run's output folder removed after it


def test_run_once_refuses_a_one_job_run_with_other_statements(bench, monkeypatch, tmp_path):
    monkeypatch.setattr(bench, "run_size", lambda *a, **k: _made_up_row(2))
    monkeypatch.setattr(bench, "run_serial", lambda *a, **k: (18.0, 19.0, 299))
    args = argparse.Namespace(jobs=2, k=3, seeds=1, chunk_size=8, like_for_like=True)
    with pytest.raises(RuntimeError, match="1 job gave 299 statements, 2 jobs 300"):
        bench.run_once(tmp_path, tmp_path, None, args, number=2, serial=True)


def test_size_label(bench):
    assert [bench.size_label(f) for f in (1.0, 0.5, 0.125, 0.03125, 1 / 3)] == ["1/1", "1/2", "1/8", "1/32", "1/3"]


def test_like_for_like_ratios_from_made_up_numbers(bench):
    wall = {"vocabulary": 12.0, "tfidf": 40.0, "themes": 15.0, "cluster": 10.0}
    cpu = {"vocabulary": 20.0, "tfidf": 50.0, "themes": 30.0, "cluster": 12.0}
    line = bench.format_like_for_like(wall, cpu, at="1/8")
    assert line.startswith("like for like at 1/8 (information, not a target): ")
    assert "vocabulary (term counting + vectors) 12.0 s / TfidfVectorizer 40.0 s: 0.30 in wall time, 0.40 in CPU time" in line
    assert "themes 15.0 s / the same clustering 10.0 s: 1.50 in wall time, 2.50 in CPU time" in line


def test_count_stage_terms_counts_each_part_of_the_statements(bench, monkeypatch):
    parts = [pd.DataFrame({"text": ["We uphold peace.", "Peace matters."]}), pd.DataFrame({"text": ["Multilateralism matters."]})]
    read = []
    monkeypatch.setattr(bench, "iter_stage", lambda folder, stage, columns: read.append((folder, stage, columns)) or iter(parts))
    wall, cpu, stored = bench.count_stage_terms("out")
    assert read == [("out", "statements", ["text"])]
    analyzer = bench.StatementVectorizer().build_analyzer()
    assert stored == sum(bench.count_terms(p["text"].tolist(), analyzer)[0].nnz for p in parts) > 0
    assert wall > 0 and cpu >= 0


def test_time_term_counting_runs_in_a_fresh_process_and_adds_the_vectors_stage(bench, monkeypatch):
    submitted = []

    class _Executor:  # runs the call here; the spawn itself is tested with common.fresh_process above
        def submit(self, function, *args):
            submitted.append((function, args))
            return _Done((2.0, 2.5, 7))

    class _Done:
        def __init__(self, value):
            self.value = value

        def result(self):
            return self.value

    monkeypatch.setattr(bench, "fresh_process", contextlib.contextmanager(lambda *modules: iter([_Executor()])))
    t, cpu = {"vectors": 1.5}, {"vectors": 2.5}
    bench.time_term_counting("out", t, cpu)
    assert submitted == [(bench.count_stage_terms, ("out",))]
    assert (t["count_terms"], cpu["count_terms"]) == (2.0, 2.5)
    assert (t["vocabulary"], cpu["vocabulary"]) == (3.5, 5.0)


def test_report_run_prints_the_order_and_like_for_like_but_keeps_the_target_lines(bench, capsys):
    args = argparse.Namespace(jobs=2, repeat=2)
    row = _made_up_row(1, order=("serial", "jobs"))
    row["t"]["serial"], row["cpu"]["serial"] = 18.0, 19.0
    bench.report_run(row, args, fraction=0.125, number=2)
    out = capsys.readouterr().out
    assert "1/8 of the release, run 2 of 2 (1 job first, then 2 jobs): 12 speeches, 300 statements" in out
    assert "ratio to the baseline: 2.29 in wall time, 2.29 in CPU time" in out  # (10 + 1 + 4 + 1) / (5 + 2); CPU: both doubled
    assert "like for like (information, not a target): vocabulary (term counting + vectors) 3.0 s / TfidfVectorizer 5.0 s: 0.60 in wall time, 0.45 in CPU time" in out
    assert "themes 4.0 s / the same clustering 2.0 s: 2.00 in wall time, 2.00 in CPU time" in out
    assert "(its cost: the term counting timed once more, serially in a fresh process, 2.0 s wall, 2.5 s CPU)" in out
    assert "1 job (fresh process) 18.0 s (19.0 s CPU), 2 jobs 10.0 s (20.0 s CPU): 1.80x" in out


def test_report_run_without_like_for_like_or_one_job_run(bench, capsys):
    bench.report_run(_made_up_row(1, like_for_like=False), argparse.Namespace(jobs=2, repeat=1), fraction=1.0, number=1)
    out = capsys.readouterr().out
    assert re.search(r"^1/1 of the release: 12 speeches", out, re.M)
    assert "like for like" not in out and "first, then" not in out


def test_summarize_keeps_the_targets_and_adds_like_for_like_per_size_on_the_least(bench, common, capsys):
    args = argparse.Namespace(jobs=2, repeat=2)
    sizes = []
    for fraction, statements in ((0.125, 300), (1.0, 2400)):
        runs = [_made_up_row(number, order=bench.run_order(number, serial=True)) for number in (1, 2)]
        for run in runs:
            run["n_statements"] = statements
            run["t"]["serial"], run["cpu"]["serial"] = 18.0, 19.0
        sizes.append(bench.combine_runs(runs, fraction=fraction, import_s=5.0 if fraction == 1 else float("nan")))
    bench.report_least(sizes[0], args)
    bench.summarize(sizes, args)
    out = capsys.readouterr().out
    # least themes 4.0 (run 1), least cluster 2.0: the least of each, one divided by the other
    assert "like for like (information, not a target): vocabulary (term counting + vectors) 3.0 s / TfidfVectorizer 5.0 s: 0.60 in wall time, 0.45 in CPU time; themes 4.0 s" in out
    assert "(least / least)" in out
    assert re.search(r"^like for like at 1/8 \(information, not a target\): .*themes 4.0 s / the same clustering 2.0 s: 2.00 in wall time", out, re.M)
    assert re.search(r"^like for like at 1/1 \(information", out, re.M)
    assert "growth 1/8 -> 1: 0.12 (target within 1.10: met)" in out  # the same time for 8 times the statements
    assert "pipeline / baseline at full size: 2.29 without the import, 3.00 with it (target <= 1.5)" in out
    assert "2 jobs vs 1 on the per-document stages: 1.80x (target >= 1.7: met) at 1/8" in out


def test_no_like_for_like_flag(bench):
    assert bench.parse_args([]).like_for_like is True
    assert bench.parse_args(["--no-like-for-like"]).like_for_like is False
