import matplotlib

from analysis.plots.style import SIDE_COLORS, STYLE, context, side_colors


def test_fixed_sides_keep_their_colours_and_others_get_distinct_stable_ones():
    colors = side_colors(["ROK", "CN", "XX", "AA", "press"])
    assert colors["CN"] == SIDE_COLORS["CN"] and colors["ROK"] == SIDE_COLORS["ROK"]
    assert colors["AA"] != colors["XX"]
    assert side_colors(["XX", "AA"]) == {"AA": colors["AA"], "XX": colors["XX"]}
    assert not set(colors[s] for s in ("AA", "XX")) & set(SIDE_COLORS.values())


def test_the_style_file_applies_only_inside_the_context():
    before = matplotlib.rcParams["svg.hashsalt"]
    with context():
        assert matplotlib.rcParams["svg.hashsalt"] == "diplomatic-frames"
    assert matplotlib.rcParams["svg.hashsalt"] == before
    assert STYLE.is_file()
