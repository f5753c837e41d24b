"""The benchmark scripts' helpers (benchmarks/common.py): the least/most summary of repeated runs and
the fresh worker process. The benchmarks themselves are not timed tests; these use made-up numbers."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture
def common(monkeypatch):
    """benchmarks/common.py, imported as the scripts import it (their folder on sys.path)."""
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    monkeypatch.delitem(sys.modules, "common", raising=False)
    return importlib.import_module("common")


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
