// The calculator's re-sum (corridorsCalc.resum in static/calculator.js) against the
// transit model: tests/fixtures/calculator-cases.json holds, per case, the legs the
// page holds and the hours corridors.transit_time gives (written by
// tests/frontend_cases.py; tests/test_frontend.py checks the Python side).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const calc = require("../../src/corridors/maps/static/calculator.js");
const fixture = require(path.join(__dirname, "..", "fixtures", "calculator-cases.json"));

const data = { parameters: fixture.parameters, bounds: fixture.bounds, fast: fixture.fast };

function close(actual, expected, what) {
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} != ${expected}`);
}

test("the fixture has at least ten cases, some with sliders moved", () => {
  assert.ok(fixture.cases.length >= 10);
  assert.ok(fixture.cases.filter((c) => Object.keys(c.overrides).length).length >= 5);
});

for (const c of fixture.cases) {
  const sliders = Object.entries(c.sliders).map(([k, v]) => `${k}=${v}`).join(", ");
  const name = `${c.origin} -> ${c.destination} (${c.variant}${sliders ? "; " + sliders : ""})`;

  test(`resum equals the model's hours: ${name}`, () => {
    const totals = calc.resum(data, c.legs, c.overrides);
    for (const bound of fixture.bounds) {
      close(totals[bound], c.hours[bound], bound);
    }
    assert.ok(totals.low <= totals.typical && totals.typical <= totals.high);
  });

  if (c.typical_by_category) {
    test(`byCategory splits the typical time as the model does: ${name}`, () => {
      const split = calc.byCategory(data, c.legs, c.overrides, "typical");
      assert.deepEqual(Object.keys(split).sort(), Object.keys(c.typical_by_category).sort());
      let sum = 0;
      for (const category of calc.CATEGORIES) {
        close(split[category], c.typical_by_category[category], category);
        sum += split[category];
      }
      close(sum, c.hours.typical, "sum of the categories");
    });
  }
}

test("a moved slider changes the total; an empty what-if changes nothing", () => {
  const moved = fixture.cases.find((c) => Object.keys(c.overrides).length);
  const asSourced = calc.resum(data, moved.legs, {});
  const whatIf = calc.resum(data, moved.legs, moved.overrides);
  assert.notDeepEqual(asSourced, whatIf);
  const plain = fixture.cases.find((c) => !Object.keys(c.overrides).length);
  assert.deepEqual(calc.resum(data, plain.legs, {}), calc.resum(data, plain.legs, {}));
});

test("a sailing interval H waits 0, H/2 and H", () => {
  const parameters = {
    every: { kind: "service_interval", category: "sailings", factor: 24,
             values: { low: 2, typical: 4, high: 6 } },
  };
  const legs = [{ running: { type: "none" }, dwell: [{ parameter: "every" }] }];
  const totals = calc.resum({ parameters, bounds: fixture.bounds, fast: fixture.fast }, legs, {});
  assert.deepEqual(totals, { low: 0, typical: 48, high: 144 });
});

test("the low time runs at the high speed", () => {
  const parameters = {
    speed: { kind: "speed", category: "running", factor: 1,
             values: { low: 10, typical: 20, high: 40 } },
  };
  const legs = [{ running: { type: "speed", parts: [{ km: 400, parameter: "speed" }] },
                  dwell: [] }];
  const totals = calc.resum({ parameters, bounds: fixture.bounds, fast: fixture.fast }, legs, {});
  assert.deepEqual(totals, { low: 10, typical: 20, high: 40 });
});
