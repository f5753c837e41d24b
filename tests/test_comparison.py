"""Rates with document-bootstrap intervals, permutation tests within documents, and their plot."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.comparison import RATE_COLUMNS, compare_rates, estimate_rates  # noqa: E402
from analysis.plots.comparison import plot_rates  # noqa: E402


def _clustered(n_docs=20, per_doc=50, seed=0):
    """Documents that are all about the frame or not at all: statements are far from independent."""
    rng = np.random.default_rng(seed)
    on = rng.random(n_docs) < 0.5
    return pd.DataFrame(
        {
            "doc_id": np.repeat(np.arange(n_docs), per_doc),
            "voice": "CN",
            "n_words": 10,
            "frame": np.repeat(on.astype(int), per_doc),
        }
    )


def test_the_document_bootstrap_is_wider_than_a_naive_one_when_documents_cluster():
    data = _clustered()
    by_document = estimate_rates(data, ["frame"], n_boot=300, min_interval=False).iloc[0]
    naive = estimate_rates(data, ["frame"], cluster=None, n_boot=300, min_interval=False).iloc[0]
    assert by_document["per_100"] == naive["per_100"]
    document_width = by_document["per_100_high"] - by_document["per_100_low"]
    naive_width = naive["per_100_high"] - naive["per_100_low"]
    assert document_width > 3 * naive_width  # 20 independent units, not 1,000
    assert by_document["n_documents"] == 20 and naive["n_documents"] == 1000


def test_small_counts_get_wide_intervals_never_a_confident_point():
    data = pd.DataFrame({"doc_id": ["a", "a", "b", "c", "d"], "voice": "ROK", "n_words": 20, "frame": [0, 0, 0, 0, 0]})
    row = estimate_rates(data, ["frame"], n_boot=200).iloc[0]
    assert row["per_100"] == 0 and row["per_100_low"] == 0
    assert row["per_100_high"] > 40  # Wilson: 0 of 5 is compatible with nearly half
    assert row["per_1000_words_high"] > 30  # exact Poisson: 0 matches in 100 words
    bare = estimate_rates(data, ["frame"], n_boot=200, min_interval=False).iloc[0]
    assert bare["per_100_high"] == 0  # what the bootstrap alone would claim


def test_rates_per_100_statements_and_per_1000_words_use_statements_and_matches():
    data = pd.DataFrame({"doc_id": ["a", "a", "b"], "voice": ["CN", "CN", "ROK"], "n_words": [100, 300, 50],
                         "frame": [1, 0, 1], "frame_n": [3, 0, 1]})
    rates = estimate_rates(data, ["frame"], n_boot=100).set_index("group")
    assert rates.loc["CN", "per_100"] == 50 and rates.loc["CN", "per_1000_words"] == pytest.approx(7.5)
    assert rates.loc["ROK", "n_matches"] == 1 and rates.loc["ROK", "per_1000_words"] == pytest.approx(20)
    assert list(rates.reset_index().columns) == list(RATE_COLUMNS)


def test_a_requested_group_without_statements_gets_an_empty_row_and_the_input_is_unchanged():
    data = _clustered(n_docs=4, per_doc=3)
    before = data.copy()
    rates = estimate_rates(data, ["frame"], groups=["CN", "ROK"], n_boot=50)
    pd.testing.assert_frame_equal(data, before)
    rok = rates.set_index("group").loc["ROK"]
    assert rok["n_statements"] == 0 and np.isnan(rok["per_100"]) and np.isnan(rok["per_100_high"])


def test_the_same_seed_gives_the_same_intervals():
    data = _clustered()
    first = estimate_rates(data, ["frame"], n_boot=100, random_state=3)
    pd.testing.assert_frame_equal(first, estimate_rates(data, ["frame"], n_boot=100, random_state=3))


def _two_groups(effect: float, seed: int, n_docs: int = 30, per_doc: int = 20):
    rng = np.random.default_rng(seed)
    voice = np.tile(["CN", "ROK"], n_docs * per_doc // 2)
    base = rng.uniform(0.1, 0.5, n_docs)  # each document has its own rate
    p = np.repeat(base, per_doc) + np.where(voice == "ROK", effect, 0)
    return pd.DataFrame({"doc_id": np.repeat(np.arange(n_docs), per_doc), "voice": voice, "n_words": 10,
                         "frame": (rng.random(len(p)) < p).astype(int)})


def test_the_permutation_test_under_the_null_gives_no_small_p_values():
    p_values = [compare_rates(_two_groups(0.0, seed), ["frame"], n_permutations=199, n_boot=50, random_state=seed)["p_value"].iloc[0]
                for seed in range(5)]
    assert min(p_values) > 0.05


def test_the_permutation_test_finds_a_strong_effect():
    result = compare_rates(_two_groups(0.4, seed=1), ["frame"], n_permutations=499, n_boot=200).iloc[0]
    assert result["p_value"] < 0.01
    assert result["difference"] < 0 and result["difference_high"] < 0  # CN - ROK, interval below zero
    assert result["n_mixed_documents"] == 30


def test_permuting_within_documents_does_not_mistake_a_document_effect_for_a_group_effect():
    # ROK speaks only in documents that are all about the frame; within documents ROK and CN do the same.
    rows = []
    for doc in range(40):
        about = doc < 20
        for k in range(10):
            voice = "ROK" if about and k < 2 else "CN"
            rows.append({"doc_id": doc, "voice": voice, "n_words": 10, "frame": int(about and k % 2 == 0)})
    data = pd.DataFrame(rows)
    free = compare_rates(data, ["frame"], strata=None, n_permutations=499, n_boot=100).iloc[0]
    within = compare_rates(data, ["frame"], n_permutations=499, n_boot=100).iloc[0]
    assert free["p_value"] < 0.05  # treating statements as independent: "significant"
    assert within["p_value"] > 0.5  # inside each document ROK and CN statements carry the frame alike


def test_an_absent_group_gives_no_p_value():
    result = compare_rates(_clustered(n_docs=3, per_doc=4), ["frame"], a="CN", b="ROK", n_permutations=20, n_boot=20).iloc[0]
    assert result["n_b"] == 0 and np.isnan(result["p_value"]) and np.isnan(result["difference"])


def test_the_rate_plot_draws_points_with_whiskers_and_the_counts_behind_them():
    data = pd.concat([_two_groups(0.2, seed=2).assign(other=0), pd.DataFrame()], ignore_index=True)
    rates = estimate_rates(data, ["frame", "other"], groups=["CN", "ROK", "press"], n_boot=50)
    _, ax = plt.subplots()
    plot_rates(rates, ax=ax, groups=["CN", "ROK", "press"], frames=["frame", "other"], labels={"frame": "the frame"})
    points = [line for line in ax.lines if line.get_marker() == "o"]
    assert len(points) == 3  # one series per group (press has no statements: nothing drawn)
    cn = rates[rates["group"] == "CN"].set_index("frame")
    np.testing.assert_allclose(points[0].get_xdata(), cn.loc[["frame", "other"], "per_100"])
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0].startswith("CN (300 statements, 30 documents)") and legend[2] == "press (no statements)"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["the frame", "other"]  # top to bottom
    assert ax.get_yticks()[0] > ax.get_yticks()[1]
    plt.close("all")


def test_the_difference_interval_is_never_narrower_than_newcombes_score_interval():
    from analysis.comparison import _newcombe

    # Newcombe (1998), Statistics in Medicine 17, 873-890, table II example: 56/70 vs 48/80 -> (0.0524, 0.3339)
    low, high = _newcombe(56, 70, 48, 80, 0.95)
    assert (round(low, 4), round(high, 4)) == (0.0524, 0.3339)
    # A group with 0 of 44 statements: the bootstrap alone would call the difference certain.
    data = pd.DataFrame({"doc_id": np.repeat(np.arange(22), 10), "voice": np.tile(["CN"] * 8 + ["ROK"] * 2, 22),
                         "n_words": 10, "frame": np.tile([1, 0, 0, 0, 0, 0, 0, 0, 0, 0], 22)})
    bare = compare_rates(data, ["frame"], n_permutations=99, n_boot=200, min_interval=False).iloc[0]
    honest = compare_rates(data, ["frame"], n_permutations=99, n_boot=200).iloc[0]
    assert bare["difference_low"] > 10  # 12.5 points, "surely" above 10
    assert honest["difference_low"] < 5 and honest["difference_high"] >= bare["difference_high"]
