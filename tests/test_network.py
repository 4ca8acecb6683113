"""The corridor network: legs measured by corridors.measure, symmetric, honest gaps."""

from __future__ import annotations

import pytest
from shapely.geometry import LineString

from corridors import catalog, lookup, measure, network, parameters
from corridors.errors import NoRouteError, UnknownNameError


@pytest.fixture(scope="module")
def graph():
    return network.corridor_network()


def test_corridor_network__leg_lengths_are_measures(graph):
    everything = catalog.load_all()
    legs = everything[everything["layer"].isin(network.LEG_LAYERS) & everything["from"].notna()]
    assert len(legs) > 20
    for _, leg in legs.iterrows():
        edge = graph.edges[leg["from"], leg["to"], leg["id"]]
        assert edge["length_km"] == pytest.approx(lookup.route_length(leg["id"]), rel=1e-12)
        assert edge["mode"] == leg["mode"]
        assert edge["corridor"] == leg["corridor"]
        assert sum(edge["country_km"].values()) == pytest.approx(edge["length_km"], rel=1e-9)


def test_corridor_network__both_directions_same_length(graph):
    for a, b, key, attrs in graph.edges(keys=True, data=True):
        assert graph.edges[b, a, key]["length_km"] == attrs["length_km"]


def test_corridor_network__transfer_is_labelled_and_measured(graph):
    # Geodata draws the Baku–Alat railway, so the transfer from transit.toml is
    # only the fallback for a geodata folder without it.
    fallback = graph.copy()
    fallback.remove_edges_from(
        [("baku", "alat", "titr-baku-alat"), ("alat", "baku", "titr-baku-alat")]
    )
    transfer = next(link for link in parameters.load().links if link.kind == "transfer")
    network._add_link(fallback, transfer)  # noqa: SLF001 (as the loader does)
    edge = fallback.edges["baku", "alat", "transfer-baku-alat"]
    assert edge["kind"] == "transfer"
    assert edge["mode"] == "transfer"
    assert "TRANSFER" in edge["note"]
    assert edge["length_km"] == pytest.approx(lookup.distance_km("baku", "alat"), rel=1e-9)


def test_corridor_network__sea_link_comes_from_searoute(graph):
    edge = graph.edges["batumi", "ROCND", "sea-batumi-constanta"]
    assert edge["mode"] == "sea"
    assert edge["length_km"] == pytest.approx(
        measure.geodesic_lengths([edge["geometry"]])[0] / 1000
    )
    assert 900 < edge["length_km"] < 1300  # Black Sea crossing, longer than the 1,000 km chord


def test_shortest_path__titr_crosses_the_caspian_from_kuryk_to_alat(graph):
    path = network.shortest_path("Lianyungang", "Kars", corridor="titr", graph=graph)
    assert path["leg"].tolist() == [
        "titr-lianyungang-xian",
        "titr-xian-urumqi",
        "titr-urumqi-khorgos",
        "titr-khorgos-crossing",
        "titr-altynkol-almaty",
        "titr-almaty-aktau",
        "titr-mangistau-kuryk",
        "titr-kuryk-alat-ferry",
        "titr-alat-tbilisi",
        "titr-tbilisi-akhalkalaki",
        "titr-akhalkalaki-kars",
    ]
    assert path["from"].iloc[1:].tolist() == path["to"].iloc[:-1].tolist()


def test_shortest_path__symmetric(graph):
    there = network.shortest_path("xian", "duisburg", corridor="northern", graph=graph)
    back = network.shortest_path("duisburg", "xian", corridor="northern", graph=graph)
    assert back["leg"].tolist() == there["leg"].tolist()[::-1]
    assert back["length_km"].sum() == pytest.approx(there["length_km"].sum(), rel=1e-12)


def test_shortest_path__northern_shares_the_chinese_legs(graph):
    path = network.shortest_path("lianyungang", "duisburg", corridor="northern", graph=graph)
    assert path["leg"].iloc[2] == "titr-urumqi-alashankou"
    assert path["leg"].iloc[-1] == "northern-frankfurt-oder-duisburg"


def test_shortest_path__resolves_names_without_accents(graph):
    path = network.shortest_path("Ürümqi", "HORGOS (China)", graph=graph)
    assert path["leg"].tolist() == ["titr-urumqi-khorgos"]


def test_shortest_path__unknown_place_suggests(graph):
    with pytest.raises(UnknownNameError, match="Did you mean 'aktau'"):
        network.shortest_path("Aktay", "Baku", graph=graph)


def test_shortest_path__moyinty_joins_nothing_westward(graph):
    # The Dostyk branch ends at Moyinty in the data: to reach Aktau the path goes back
    # through China and Khorgos instead of inventing a Moyinty–Aktau link.
    path = network.shortest_path("moyinty", "aktau", corridor="titr", graph=graph)
    assert "titr-urumqi-alashankou" in set(path["leg"])
    assert "titr-urumqi-khorgos" in set(path["leg"])


def test_shortest_path__kuryk_by_rail_and_baku_by_the_aktau_ferry(graph):
    to_kuryk = network.shortest_path("almaty", "kuryk", corridor="titr", graph=graph)
    assert to_kuryk["leg"].tolist() == ["titr-almaty-aktau", "titr-mangistau-kuryk"]
    to_baku = network.shortest_path("almaty", "baku", corridor="titr", graph=graph)
    assert to_baku["leg"].tolist() == ["titr-almaty-aktau", "titr-aktau-baku-ferry"]


def test_shortest_path__northern_does_not_reach_the_caucasus(graph):
    with pytest.raises(NoRouteError, match="no route from 'xian' to 'kars'"):
        network.shortest_path("xian", "kars", corridor="northern", graph=graph)


def test_searoute_port__by_code_and_name():
    assert network.searoute_port("NLRTM")["name"] == "Rotterdam"
    assert network.searoute_port("constanta")["code"] == "ROCND"
    with pytest.raises(UnknownNameError, match="rotterdam"):
        network.searoute_port("Roterdam")


def test_corridor_network__a_drawn_leg_replaces_the_transfer(graph):
    # Where geodata draws a leg between the two nodes of a transfer (a Baku–Alat rail
    # link), the drawn leg is used and the transfer left out.
    drawn = graph.copy()
    drawn.remove_edges_from([("baku", "alat", "transfer-baku-alat")])
    drawn.remove_edges_from([("alat", "baku", "transfer-baku-alat")])
    a, b = drawn.nodes["baku"], drawn.nodes["alat"]
    network._add_both_ways(  # noqa: SLF001 (builds the graph as the loader does)
        drawn,
        leg="titr-baku-alat",
        kind="leg",
        mode="rail_1520",
        corridor="titr",
        start="baku",
        end="alat",
        geometry=LineString([(a["lon"], a["lat"]), (b["lon"], b["lat"])]),
        length_km=70.0,
        country_km={"AZE": 70.0},
        note="",
    )
    transfer = next(link for link in parameters.load().links if link.kind == "transfer")
    network._add_link(drawn, transfer)  # noqa: SLF001
    assert set(drawn["baku"]["alat"]) == {"titr-baku-alat"}
    assert set(graph["baku"]["alat"]) == {"titr-baku-alat"}  # the data as it is today


def test_corridor_network__a_drawn_leg_replaces_the_sea_link(graph):
    drawn = graph.copy()
    drawn.remove_edges_from([("batumi", "ROCND", "sea-batumi-constanta")])
    drawn.remove_edges_from([("ROCND", "batumi", "sea-batumi-constanta")])
    a, b = drawn.nodes["batumi"], drawn.nodes["ROCND"]
    network._add_both_ways(  # noqa: SLF001 (builds the graph as the loader does)
        drawn,
        leg="titr-batumi-constanta-sea",
        kind="leg",
        mode="sea",
        corridor="titr",
        start="batumi",
        end="ROCND",
        geometry=LineString([(a["lon"], a["lat"]), (b["lon"], b["lat"])]),
        length_km=1000.0,
        country_km={"-": 1000.0},
        note="",
    )
    link = next(link for link in parameters.load().links if link.kind == "sea_link")
    network._add_link(drawn, link)  # noqa: SLF001
    assert set(drawn["batumi"]["ROCND"]) == {"titr-batumi-constanta-sea"}


def test_searoute_port__ids_never_equal_network_node_ids(graph):
    # searoute lists Batumi, Poti, Baku, Aktau and Lianyungang too: by UN/LOCODE their
    # ids stay apart from the geodata nodes of the same name.
    nodes = {n for n in graph.nodes if graph.nodes[n].get("code") is None}
    for name in ("Batumi", "Poti", "Baku", "Aktau", "Lianyungang"):
        port = network.searoute_port(name)
        assert port["id"] == port["code"]
        assert port["id"] not in nodes
    # The sea link to Constanța adds its port as a node of its own; Batumi keeps its data.
    assert graph.nodes["ROCND"]["name"] == "Constanta"
    assert graph.nodes["batumi"]["countries"] == ["GEO"]
