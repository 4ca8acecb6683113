// The map search's ranking (corridors.rank in static/controls.js): features before the
// basemap's places, by kind, names in any script through the keys Python writes
// (corridors.maps.controls.search_data: the CLI's keys and the page's fold).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");

const corridors = require("../../src/corridors/maps/static/controls.js");

const fold = corridors.fold;
const feature = (name, kind, alternates = []) => ({
  name, kind, place: false, keys: [fold(name), ...alternates.map(fold)],
});
const place = (name, kind = "city") => ({ name, kind, place: true, keys: [fold(name)] });

const ENTRIES = [
  feature("Kazakhstan–China gas pipeline Khorgos metering station", "compressor_station"),
  feature("KTZE–Khorgos Gateway dry port", "dry_port"),
  feature("Horgos (China)", "city", ["Khorgos", "Korgas", "霍尔果斯", "Қорғас"]),
  feature("Khorgos – Nur Zholy road crossing (Korgas port)", "border_crossing"),
  feature("Almaty – Aktau railway", "railway"),
  feature("Aktau", "city", ["Aqtau", "Актау"]),
  place("Samarkand"),
  place("Korgas", "town"),
  place("Aktau"),
];
const names = (q) => corridors.rank(ENTRIES, q).map((e) => e.name);

test("fold drops accents and case in any script", () => {
  assert.equal(fold("Ürümqi"), "urumqi");
  assert.equal(fold("Côte d'Ivoire"), "cotedivoire");
  assert.equal(fold("Алма-Ата"), "алмаата");
});

test("Khorgos goes to the crossing, then the city, before a metering station", () => {
  const found = names("Khorgos");
  assert.equal(found[0], "Khorgos – Nur Zholy road crossing (Korgas port)");
  assert.equal(found[1], "Horgos (China)");
  const metering = found.indexOf("Kazakhstan–China gas pipeline Khorgos metering station");
  assert.ok(metering > found.indexOf("KTZE–Khorgos Gateway dry port"));
  assert.equal(found.at(-1), "Kazakhstan–China gas pipeline Khorgos metering station");
});

test("a place of the basemap is found when no feature matches", () => {
  assert.deepEqual(names("Samarkand"), ["Samarkand"]);
  assert.deepEqual(names("samarkand "), ["Samarkand"]);
});

test("a feature comes before a basemap place of the same name", () => {
  assert.deepEqual(names("Aktau"), ["Aktau", "Aktau", "Almaty – Aktau railway"]);
  assert.equal(corridors.rank(ENTRIES, "Aktau")[0].place, false);
  assert.equal(corridors.rank(ENTRIES, "Aktau")[1].place, true);
});

test("alternate names in other scripts find the feature", () => {
  assert.equal(names("Актау")[0], "Aktau");
  assert.equal(names("霍尔果斯")[0], "Horgos (China)");
  assert.equal(names("Қорғас")[0], "Horgos (China)");
});

test("a name the query only sits inside comes after one it starts", () => {
  // "Korgas": the city's alternate name and the basemap town equal it; the crossing's
  // name only contains it.
  assert.deepEqual(names("Korgas"), [
    "Horgos (China)",
    "Korgas",
    "Khorgos – Nur Zholy road crossing (Korgas port)",
  ]);
});

test("nothing for an empty query or a name nowhere", () => {
  assert.deepEqual(names("  "), []);
  assert.deepEqual(names("Vladivostok"), []);
});
