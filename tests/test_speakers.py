from pathlib import Path

import pytest

from analysis.inputs.errors import InputWarning, SpeakersError
from analysis.inputs.speakers import default_speakers_path, load_speakers
from analysis.paths import SPEAKERS as SHIPPED_SPEAKERS

SPEAKERS = """
host_aliases: [the spokesperson]
speakers:
  - name: Moon Jae-in
    side: ROK
    aliases: [President Moon, Moon]
    roles:
      - title: President of the Republic of Korea
        from: 2017-05-10
        to: 2022-05-09
        aliases: [the ROK President]
  - name: Yoon Suk Yeol
    side: ROK
    aliases: [President Yoon]
    roles:
      - title: President of the Republic of Korea
        from: 2022-05-10
        aliases: [the ROK President]
  - name: Geng Shuang
    side: CN
    aliases: [Spokesperson Geng Shuang]
    roles:
      - title: Foreign Ministry Spokesperson
  - name: ROK side
    side: ROK
    kind: collective
    aliases: [the ROK side]
"""


@pytest.fixture
def registry(tmp_path):
    path = tmp_path / "speakers.yaml"
    path.write_text(SPEAKERS, encoding="utf-8")
    return load_speakers(path)


def test_aliases_resolve_to_canonical_names(registry):
    assert registry.resolve("President Moon").name == "Moon Jae-in"
    assert registry.resolve("Moon Jae-in").side == "ROK"
    assert registry.resolve("The ROK side").name == "ROK side"  # capitalised at a sentence start
    assert registry.resolve("President Park") is None


def test_role_aliases_resolve_by_the_document_date(registry):
    assert registry.resolve("the ROK President", "2019-03-01").name == "Moon Jae-in"
    assert registry.resolve("the ROK President", "2023-03-01").name == "Yoon Suk Yeol"
    assert registry.resolve("the ROK President", "2010-01-01") is None
    assert registry.resolve("the ROK President") is None  # no date, no role resolution


ROLE_SIDE = """
speakers:
  - name: Ban Ki-moon
    side: ROK
    aliases: [Ban Ki-moon]
    roles:
      - {title: Minister for Foreign Affairs, from: 2004-01-01, to: 2006-12-31, aliases: [the ROK Foreign Minister]}
      - {title: Secretary-General of the United Nations, from: 2007-01-01, to: 2016-12-31, side: UN,
         aliases: [the Secretary-General]}
"""


def test_a_role_with_its_own_side_gives_that_side_within_its_dates(tmp_path):
    path = tmp_path / "speakers.yaml"
    path.write_text(ROLE_SIDE, encoding="utf-8")
    registry = load_speakers(path)
    assert registry.resolve("Ban Ki-moon", "2012-09-25").side == "UN"
    assert registry.resolve("the Secretary-General", "2012-09-25").side == "UN"
    assert registry.resolve("Ban Ki-moon", "2005-09-21").side == "ROK"
    assert registry.resolve("the ROK Foreign Minister", "2005-09-21").side == "ROK"
    assert registry.resolve("Ban Ki-moon", "2019-09-24").side == "ROK"  # after the role: his own side
    assert registry.resolve("Ban Ki-moon").side == "ROK"  # no date: his own side
    assert registry.get("Ban Ki-moon").side == "ROK"
    table = registry.to_frame().set_index("alias")
    assert table.loc["the Secretary-General", "side"] == "UN"
    assert table.loc["Ban Ki-moon", "side"] == "ROK"


@pytest.mark.parametrize(
    "role, expected",
    [
        ("{title: Envoy, from: 2007-01-01, side: un}", "role 'Envoy': bad `side` 'un'; use a code such as UN"),
        ("{title: Envoy, from: 2007-01-01, side: joint}", "role 'Envoy': bad `side` 'joint'"),
        ("{title: Envoy, side: UN}", "role 'Envoy': a role's own `side` needs `from` and/or `to` dates"),
    ],
)
def test_a_bad_role_side_is_refused_with_file_and_line(tmp_path, role, expected):
    path = tmp_path / "speakers.yaml"
    path.write_text(f"speakers:\n  - name: A\n    side: ROK\n    aliases: [A]\n    roles:\n      - {role}\n", encoding="utf-8")
    with pytest.raises(SpeakersError) as caught:
        load_speakers(path)
    assert f"{path}:2: speaker 'A', {expected}" in str(caught.value)  # the speaker's line, as for other role problems


def test_host_aliases_and_hosts_named_in_titles(registry):
    assert registry.is_host_alias("The spokesperson")
    assert registry.resolve("the spokesperson") is None
    host = registry.find_host("Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference on May 11, 2018")
    assert host.name == "Geng Shuang"
    assert registry.find_host("A readout without a host") is None


def test_alias_pattern_prefers_the_longest_alias(registry):
    found = [m.group(0) for m in registry.alias_pattern().finditer("President Moon met Moon Jae-in's aides; Moonlight.")]
    assert found == ["President Moon", "Moon Jae-in"]


def test_to_frame_lists_every_alias_once(registry):
    table = registry.to_frame()
    assert list(table.columns) == ["speaker", "side", "kind", "alias", "role", "from", "to"]
    moon = table[table["speaker"] == "Moon Jae-in"]
    assert moon["alias"].tolist() == ["Moon Jae-in", "President Moon", "Moon", "the ROK President"]


def test_problems_are_listed_with_lines(tmp_path):
    path = tmp_path / "speakers.yaml"
    path.write_text(
        """speakers:
  - name: A
    side: CN
    aliases: [Same]
  - name: B
    side: cn
    aliases: [Same]
  - side: US
  - name: C
    side: US
    roles:
      - title: Envoy
        from: 2020-02-30
  - name: D
    side: US
    roles:
      - title: Envoy
        aliases: [the envoy]
""",
        encoding="utf-8",
    )
    with pytest.raises(SpeakersError) as caught:
        load_speakers(path)
    text = str(caught.value)
    assert f"{path}:5: speaker 'B': bad `side` 'cn'" in text
    assert f"{path}:8: speaker without `name`" in text
    assert f"{path}:9: speaker 'C', role 'Envoy': bad `from` date '2020-02-30'" in text
    assert f"{path}:14: speaker 'D', role 'Envoy': role aliases need `from` and/or `to` dates" in text


def test_shared_aliases_and_overlapping_roles_are_refused(tmp_path):
    path = tmp_path / "speakers.yaml"
    path.write_text(
        """speakers:
  - name: A
    side: CN
    aliases: [Same]
    roles: [{title: Minister, from: 2018-01-01, aliases: [the Minister]}]
  - name: B
    side: CN
    aliases: [Same]
    roles: [{title: Minister, from: 2019-01-01, to: 2019-12-31, aliases: [the Minister]}]
""",
        encoding="utf-8",
    )
    with pytest.raises(SpeakersError) as caught:
        load_speakers(path)
    text = str(caught.value)
    assert "alias 'Same' names both 'A' and 'B'" in text
    assert "role alias 'the Minister' names 'A' and 'B' at overlapping dates" in text


def test_not_yaml_is_reported_with_its_line(tmp_path):
    path = tmp_path / "speakers.yaml"
    path.write_text("speakers:\n  - name: [unclosed\n", encoding="utf-8")
    with pytest.raises(SpeakersError, match=r"speakers.yaml:\d+: not valid YAML"):
        load_speakers(path)


def test_default_speakers_path_looks_in_the_folder_then_its_parents(tmp_path):
    (tmp_path / "corpus" / "documents" / "seeds").mkdir(parents=True)
    (tmp_path / "corpus" / "speakers.yaml").write_text(SPEAKERS, encoding="utf-8")
    assert default_speakers_path(tmp_path / "corpus" / "documents" / "seeds") == (tmp_path / "corpus" / "speakers.yaml").resolve()
    with pytest.warns(InputWarning, match="no speakers.yaml in this folder or its parents: using the shipped"):
        assert default_speakers_path(tmp_path / "elsewhere") == SHIPPED_SPEAKERS


def _registry_problems(tmp_path, text: str) -> list[str]:
    path = tmp_path / "speakers.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SpeakersError) as caught:
        load_speakers(path)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("speakers:\n  - name: A B\n    side: CN\n  - name: A B\n    side: ROK\n",
         ":4: speaker 'A B' is registered twice (sides CN and ROK), also at line 2; merge"),
        ("speakers:\n  - name: A B\n    side: CN\n  - name: A B\n    side: CN\n",
         ":4: speaker 'A B' is registered twice, also at line 2; merge"),
        ("speakers:\n  - name: Chinese side\n    side: CN\n    aliases: [the Chinese side]\n"
         "  - name: Other\n    side: US\n    aliases: [The Chinese side]\n",
         ":5: alias 'The Chinese side' (written 'the Chinese side' for 'Chinese side') names both 'Chinese side' and 'Other'"),
        ("speakers:\n  - name: Moon Jae-in\n    side: ROK\n    roles:\n      - title: President\n        from: 2017-05-10\n"
         "        aliases: [ROK President]\n  - name: Mike Pence\n    side: US\n    aliases: [ROK President]\n",
         ":2: role alias 'ROK President' of 'Moon Jae-in' is also a name alias of 'Mike Pence'; remove it from one of them"),
    ],
    ids=["one name, two sides", "duplicate name", "aliases differing in the first letter's case", "name alias = role alias"],
)
def test_registry_collisions_are_refused_with_file_and_line(tmp_path, text, expected):
    problems = _registry_problems(tmp_path, text)
    assert any(expected in problem for problem in problems), problems
    assert all(problem.startswith(str(tmp_path / "speakers.yaml") + ":") for problem in problems)


def test_a_deeply_nested_speakers_file_is_refused_before_loading(tmp_path):
    problems = _registry_problems(tmp_path, "speakers:\n  - name: " + "[" * 5000 + "]" * 5000 + "\n")
    assert problems == [f"{tmp_path / 'speakers.yaml'}:1: YAML nested more than 20 levels deep; flatten the lists and mappings"]


def test_the_shipped_speakers_file_loads():
    registry = load_speakers(Path(__file__).resolve().parent.parent / "corpus" / "speakers.yaml")
    assert registry.resolve("President Xi").side == "CN"
    assert registry.resolve("ROK President", "2020-05-13").name == "Moon Jae-in"


def test_the_alias_pattern_finds_what_one_flat_alternation_of_the_aliases_finds():
    """The aliases are grouped by first character for speed; the matches must be those of the plain alternation."""
    import re

    from analysis.inputs.speakers import Speaker, SpeakerRegistry
    from analysis.text.patterns import iter_overlapping

    registry = SpeakerRegistry((Speaker("Xi Jinping", "CN", aliases=("President Xi", "Xi", "Chairman Xi", "시진핑")),
                                Speaker("Moon Jae-in", "ROK", aliases=("President Moon", "Moon", "President")),
                                Speaker("Wang Yi", "CN", aliases=("Wang", "Wang Yi", "Foreign Minister Wang"))))
    aliases = sorted({"President Xi", "Xi", "Chairman Xi", "시진핑", "President Moon", "Moon", "President", "Wang", "Wang Yi",
                      "Foreign Minister Wang", "Xi Jinping", "Moon Jae-in"}, key=lambda a: (-len(a), a))
    flat = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) + ("" if a == "시진핑" else r"(?![\w-])") for a in aliases) + ")")
    text = ("President Xi and President Moon met; President Moonlight is not Moon. Wang Yi, Wang-Yi and Foreign Minister "
            "Wang Yi spoke. Chairman Xi said 시진핑 주석께서 and the Presidents. Xi Jinping, Xi-Jinping, Moon Jae-in.")
    got = [(m.span(), m.group(0)) for m in iter_overlapping(registry.alias_pattern(), text)]
    assert got == [(m.span(), m.group(0)) for m in iter_overlapping(flat, text)] and len(got) > 8


def test_the_alias_pattern_finds_what_the_word_start_test_before_the_groups_finds():
    """The word-start test written after each group's first character: the same matches as written before it."""
    import re

    from analysis.inputs.speakers import Speaker, SpeakerRegistry
    from analysis.text.patterns import iter_overlapping

    registry = SpeakerRegistry((Speaker("Xi Jinping", "CN", aliases=("President Xi", "Xi", "시진핑")),
                                Speaker("Moon Jae-in", "ROK", aliases=("President Moon", "Moon", "ROK")),
                                Speaker("Park Geun-hye", "ROK", aliases=("President Park", "Park"))))
    pattern = registry.alias_pattern()
    groups = {}  # the pattern as first written: the word-start test before the groups
    for alias in sorted({"Xi Jinping", "President Xi", "Xi", "시진핑", "Moon Jae-in", "President Moon", "Moon", "ROK",
                         "Park Geun-hye", "President Park", "Park"}, key=lambda a: (-len(a), a)):
        groups.setdefault(alias[0], []).append(re.escape(alias[1:]) + ("" if alias == "시진핑" else r"(?![\w-])"))
    before = re.compile(r"(?<![\w-])(?:" + "|".join(f"{re.escape(f)}(?:{'|'.join(r)})" for f, r in groups.items()) + ")")
    text = ("President Xi met President Moon. Xi-Moon talks; anti-Xi, Moonlight, XiX, ROK-US and the ROK's Park. "
            "Park, Moon and Xi.\nXi said 시진핑 주석께서 말했다 (시진핑) Moon")
    found = [m.span() for m in iter_overlapping(pattern, text)]
    assert found == [m.span() for m in iter_overlapping(before, text)] and len(found) > 10
