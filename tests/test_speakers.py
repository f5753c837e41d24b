from pathlib import Path

import pytest

from analysis.inputs.errors import SpeakersError
from analysis.inputs.speakers import default_speakers_path, load_speakers

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
    with pytest.raises(FileNotFoundError, match="--speakers"):
        default_speakers_path(tmp_path / "elsewhere")


def test_the_shipped_speakers_file_loads():
    registry = load_speakers(Path(__file__).resolve().parent.parent / "corpus" / "speakers.yaml")
    assert registry.resolve("President Xi").side == "CN"
    assert registry.resolve("ROK President", "2020-05-13").name == "Moon Jae-in"
