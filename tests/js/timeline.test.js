// The year slider (static/timeline.js) on the overview's year marks
// (tests/fixtures/timeline-cases.json, written by tests/frontend_cases.py from the library).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const timeline = require("../../src/corridors/maps/static/timeline.js");
const fixture = require(path.join(__dirname, "..", "fixtures", "timeline-cases.json"));
const grammarFixture = require(path.join(__dirname, "..", "fixtures", "grammar-cases.json"));
globalThis.corridorsGrammar = require("../../src/corridors/maps/static/grammar.js");

for (const c of fixture.cases) {
  test(`statesAt(${c.year}) draws each feature as the library says it stands`, () => {
    assert.deepEqual(timeline.statesAt(fixture.marks, c.year, fixture.today), c.states);
  });
}

test("before the first opening every dated feature not yet planned is hidden", () => {
  const first = Math.min(...fixture.cases.map((c) => c.year));
  const states = timeline.statesAt(fixture.marks, first, fixture.today);
  assert.ok(states.hidden.length > 0);
  assert.deepEqual(states.expected, []);
});

test("nothing is expected up to today, only after it", () => {
  for (const c of fixture.cases) {
    const states = timeline.statesAt(fixture.marks, c.year, fixture.today);
    if (c.year <= fixture.today) {
      assert.deepEqual(states.expected.concat(states.earliest), [], String(c.year));
    }
  }
});

test("rules hide each feature and its label, and draw the others by the grammar", () => {
  const g = grammarFixture.grammar;
  const none = {hidden: [], building: [], planned: [], expected: [], earliest: []};
  assert.equal(timeline.rules(none, g, () => 4), "");
  const css = timeline.rules({...none, hidden: ["kuryk"], building: ["a"], planned: ["c"],
                              expected: ["b"]}, g, (id) => (id === "c" ? 10 : 4));
  assert.match(css, /^\.f-kuryk,\.f-kuryk-label\{display:none\}/);
  assert.match(css, /\.f-a\{stroke-dasharray:10 8;stroke-opacity:0\.8/);
  assert.match(css, /\.f-c\{stroke-dasharray:0 20;stroke-opacity:0\.55/);
  assert.match(css, /\.f-b\{stroke-dasharray:0 8;stroke-opacity:0\.8/);
  assert.equal(timeline.hideRule(["x"]), ".f-x,.f-x-label{display:none}");
});

test("changesIn lists the steps of one year only", () => {
  const year = fixture.steps[fixture.steps.length - 1][0];
  const found = timeline.changesIn(fixture.steps, year);
  assert.ok(found.length > 0);
  assert.ok(found.every((s) => s[0] === year));
});
