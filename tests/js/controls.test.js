// The page script's pure parts (static/controls.js): rebuilding packed coordinates
// (tests/fixtures/unpack-cases.json, written by tests/frontend_cases.py), point
// scaling, search and the geodesic distance of the measuring tool.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const corridors = require("../../src/corridors/maps/static/controls.js");
const fixture = require(path.join(__dirname, "..", "fixtures", "unpack-cases.json"));

test("unpack rebuilds every geometry's coordinates from the packed layer", () => {
  const data = structuredClone(fixture.data);
  corridors.unpack(data, fixture.decimals);
  assert.equal(data.coords, undefined);
  const got = data.features.map((f) => ({
    id: f.properties.id,
    type: f.geometry.type,
    coordinates: f.geometry.coordinates,
  }));
  assert.deepEqual(got, fixture.expected);
  for (const f of data.features) {
    assert.equal(f.geometry.n, undefined);
  }
});

test("the fixture covers every packed geometry type", () => {
  const types = new Set(fixture.expected.map((g) => g.type));
  for (const t of ["Point", "LineString", "Polygon", "MultiPolygon", "MultiLineString"]) {
    assert.ok(types.has(t), t);
  }
});

test("unpack of an empty layer", () => {
  const data = { type: "FeatureCollection", features: [] };
  assert.deepEqual(corridors.unpack(data, 5).features, []);
});

test("point markers are full size from zoom 7 and half size at zoom 4 or less", () => {
  assert.equal(corridors.pointScale(7), 1);
  assert.equal(corridors.pointScale(12), 1);
  assert.equal(corridors.pointScale(4), 0.5);
  assert.equal(corridors.pointScale(1), 0.5);
  assert.equal(corridors.pointScale(5.5), 0.75);
});

test("vincenty: one degree of the equator and a meridian arc", () => {
  const at = (lat, lng) => ({ lat, lng });
  // WGS 84: a * pi / 180 along the equator.
  assert.ok(Math.abs(corridors.vincenty(at(0, 0), at(0, 1)) - 111319.49079327357) < 1e-6);
  assert.equal(corridors.vincenty(at(43.2, 76.9), at(43.2, 76.9)), 0);
  // Equator to pole: the meridian quadrant of WGS 84, 10,001,965.729 m.
  assert.ok(Math.abs(corridors.vincenty(at(0, 0), at(90, 0)) - 10001965.729) < 0.01);
});
