// The year slider's filter (static/timeline.js) on the overview's opening years
// (tests/fixtures/timeline-cases.json, written by tests/frontend_cases.py).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const timeline = require("../../src/corridors/maps/static/timeline.js");
const fixture = require(path.join(__dirname, "..", "fixtures", "timeline-cases.json"));

for (const c of fixture.cases) {
  test(`hiddenAt(${c.year}) hides the features opened after it`, () => {
    assert.deepEqual(timeline.hiddenAt(fixture.opened, c.year), c.hidden);
  });
}

test("the latest year hides nothing, the year before the first hides every dated feature", () => {
  const years = Object.values(fixture.opened);
  assert.deepEqual(timeline.hiddenAt(fixture.opened, Math.max(...years)), []);
  assert.deepEqual(
    timeline.hiddenAt(fixture.opened, Math.min(...years) - 1),
    Object.keys(fixture.opened),
  );
});

test("hideRule hides each feature and its point's name label, or nothing", () => {
  assert.equal(timeline.hideRule([]), "");
  assert.equal(
    timeline.hideRule(["cagp-line-c", "kuryk"]),
    ".f-cagp-line-c,.f-cagp-line-c-label,.f-kuryk,.f-kuryk-label{display:none}",
  );
});
