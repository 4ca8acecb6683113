// The basemap's pure parts (static/basemap.js): how water and rivers are styled.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");

const basemap = require("../../src/corridors/maps/static/basemap.js");

test("lakes are filled and keep their own class; rivers are thicker lines than the coast", () => {
  const lake = basemap.waterStyle({ properties: { c: "lake c-lake-caspian-sea" } });
  assert.equal(lake.className, "c-water lake c-lake-caspian-sea");
  assert.equal(lake.fillOpacity, 1);
  const river = basemap.waterStyle({ properties: { c: "river" } });
  const coast = basemap.waterStyle({ properties: { c: "coast" } });
  assert.equal(river.className, "c-river");
  assert.equal(river.fill, false);
  assert.ok(river.weight > coast.weight);
});

test("a point inside a polygon with a hole; the hole is outside", () => {
  const outer = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]];
  const hole = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]];
  assert.equal(basemap.inside(2, 2, [outer, hole]), true);
  assert.equal(basemap.inside(5, 5, [outer, hole]), false);
  assert.equal(basemap.inside(12, 5, [outer, hole]), false);
});

test("a country is named at a point of it in view, none when out of view", () => {
  const square = [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]];
  const at = basemap.pointInView([8, 8, 20, 20], [square]);
  assert.ok(at && at[0] < 10 && at[1] < 10 && at[0] > 8 && at[1] > 8, at);
  assert.equal(basemap.pointInView([30, 30, 40, 40], [square]), null);
});

test("the relief fades to the plain basemap past zoom 7, gone from 9", () => {
  assert.equal(basemap.reliefOpacity(5), 1);
  assert.equal(basemap.reliefOpacity(7), 1);
  assert.ok(basemap.reliefOpacity(8) < 0.5 && basemap.reliefOpacity(8) > 0);
  assert.equal(basemap.reliefOpacity(9), 0);
  assert.equal(basemap.reliefOpacity(12), 0);
});

test("a country name moves off another name where it can", () => {
  const square = [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]];
  const centre = basemap.pointInView([0, 0, 10, 10], [square]);
  const moved = basemap.pointInView([0, 0, 10, 10], [square], (x, y) => Math.abs(y - 5) > 2);
  assert.deepEqual(centre, [5, 5]);
  assert.ok(Math.abs(moved[1] - 5) > 2, moved);
  const anyway = basemap.pointInView([0, 0, 10, 10], [square], () => false);
  assert.deepEqual(anyway, [5, 5]);
});
