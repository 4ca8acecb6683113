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
