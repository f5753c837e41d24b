import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.crosslanguage import compare_accounts, compare_languages, flag_frames  # noqa: E402
from analysis.plots.frames import plot_language_agreement  # noqa: E402


def _rates():
    return pd.DataFrame({"group": ["ko", "en", "ko", "en"], "frame": ["peninsula", "peninsula", "praise", "praise"],
                         "n_statements": [100, 90, 100, 90], "per_100": [30.0, 28.0, 4.0, 0.5],
                         "per_100_low": [20.0, 19.0, 2.0, 0.1], "per_100_high": [40.0, 38.0, 6.0, 1.5]})


def test_a_frame_is_flagged_only_when_the_intervals_do_not_overlap():
    table = compare_languages(_rates())
    assert table.set_index("frame")["flag"].to_dict() == {"peninsula": False, "praise": True}
    assert table.set_index("frame").loc["praise", "difference"] == pytest.approx(3.5)
    assert flag_frames(table) == ["praise"]


def test_a_missing_language_is_named():
    with pytest.raises(ValueError, match="language `zh`"):
        compare_languages(_rates(), b="zh")


def test_two_accounts_say_which_has_each_frame_and_target():
    readout = pd.DataFrame({"peninsula": [1, 1], "praise": [1, 0], "praise_target_side": ["CN;ROK", ""]})
    speech = pd.DataFrame({"peninsula": [0, 0, 1], "praise": [0, 0, 0], "praise_target_side": ["", "", ""]})
    table = compare_accounts(readout, speech, ["peninsula", "praise"], names=("readout", "speech")).set_index("item")
    assert table.loc["peninsula", ["n_a", "n_b", "only_in"]].tolist() == [2, 1, "both"]
    assert table.loc["praise", "only_in"] == "readout" and table.loc["praise → ROK", "only_in"] == "readout"


def test_the_agreement_plot_draws_one_point_per_frame_and_marks_flags():
    fig, ax = plt.subplots()
    plot_language_agreement(compare_languages(_rates()), ax=ax)
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["peninsula", "praise (flagged)"]
    assert len(ax.containers) == 2  # one errorbar container per frame
    plt.close(fig)


def test_no_speech_in_both_languages_draws_nothing():
    rates = _rates()
    rates.loc[rates["group"] == "ko", ["n_statements", "per_100", "per_100_low", "per_100_high"]] = [0, float("nan"), float("nan"), float("nan")]
    _, ax = plt.subplots()
    plot_language_agreement(compare_languages(rates, a="ko", b="en", frames=["peninsula"]), ax=ax)
    assert " ".join(ax.texts[0].get_text().split()) == "nothing to show: no speech with statements in both languages" and not ax.lines
    plt.close("all")
