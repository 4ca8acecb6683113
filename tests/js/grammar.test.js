// The maps' grammar of lines (static/grammar.js) on the energy map's pipelines as the
// library styles them (tests/fixtures/grammar-cases.json, written by tests/frontend_cases.py).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const grammar = require("../../src/corridors/maps/static/grammar.js");
const fixture = require(path.join(__dirname, "..", "fixtures", "grammar-cases.json"));
const g = fixture.grammar;

test("the page draws each status with the dash the library styled the line with", () => {
  assert.ok(fixture.lines.length > 5);
  for (const line of fixture.lines) {
    assert.equal(grammar.dash(g, line.st, line.weight), line.dashArray, line.id);
  }
});

test("solid, dashed and dotted never coincide, at any width", () => {
  for (const w of [3, 4, 4.5, 8, 15.75]) {
    const seen = new Set(["operating", "building", "planned"].map((s) => grammar.dash(g, s, w)));
    assert.equal(seen.size, 3, String(w));
    assert.equal(grammar.dash(g, "operating", w), null);
  }
});

test("the legend lists exactly the combinations drawn", () => {
  assert.deepEqual(grammar.combos(g, fixture.lines), fixture.combos);
  const rows = grammar.rows(g, fixture.combos);
  const listed = rows.flatMap((r) => r.cells.map((c) => `${r.cls}|${c.status}|${c.sch}`));
  assert.deepEqual(listed.slice().sort(), fixture.combos);
});

test("a hidden feature draws nothing; the slider's state sets the status drawn", () => {
  const line = {cls: "oil", st: "operating", sch: 1};
  assert.deepEqual(grammar.combos(g, [{...line, state: "hidden"}]), []);
  assert.deepEqual(grammar.combos(g, [{...line, state: "building"}]), ["oil|building|1"]);
  assert.deepEqual(grammar.combos(g, [{...line, state: "expected"}]), ["oil|planned|1"]);
  assert.deepEqual(grammar.combos(g, [{...line, state: "open"}, line]), ["oil|operating|1"]);
});

test("rows follow the grammar's class order, network before schematic", () => {
  const rows = grammar.rows(g, ["oil|operating|0", "gas|planned|1", "gas|operating|1",
                                "gas|operating|0"]);
  assert.deepEqual(rows.map((r) => r.cls), ["gas", "oil"]);
  assert.deepEqual(rows[0].cells, [{status: "operating", sch: 0}, {status: "operating", sch: 1},
                                   {status: "planned", sch: 1}]);
});
