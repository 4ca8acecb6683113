// The layout's pure parts (static/layout.js): opening paddings and label placement,
// and which points controls.js names (static/controls.js).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");

const layout = require("../../src/corridors/maps/static/layout.js");
const corridors = require("../../src/corridors/maps/static/controls.js");

test("a phone keeps only a margin; a wide screen keeps the map's paddings", () => {
  const phone = layout.padding(390, 844, [20, 20], [400, 20]);
  assert.ok(phone.topLeft[0] + phone.bottomRight[0] <= 0.1 * 390);
  const wide = layout.padding(1400, 900, [20, 20], [260, 20]);
  assert.deepEqual(wide, { topLeft: [20, 20], bottomRight: [260, 20] });
});

test("paddings wider than the screen are cut to 60 % of it (no NaN zoom)", () => {
  const pad = layout.padding(800, 600, [20, 300], [600, 200]);
  assert.ok(pad.topLeft[0] + pad.bottomRight[0] <= 0.6 * 800 + 1e-9);
  assert.ok(pad.topLeft[1] + pad.bottomRight[1] <= 0.6 * 600 + 1e-9);
  assert.ok(pad.bottomRight[0] > pad.topLeft[0]);  // proportions kept
});

const item = (x, y, rank, sides = ["right", "left", "above", "below"]) =>
  ({ x, y, w: 60, h: 16, r: 4, rank, sides });
const dot = (it) => [it.x - it.r, it.y - it.r, it.x + it.r, it.y + it.r];

test("two close points: both named, on sides clear of each other's name and marker", () => {
  const a = item(100, 100, 0), b = item(110, 104, 1);
  const sides = layout.place([a, b], [dot(a), dot(b)]);
  assert.equal(sides[0], "left");  // its right would cover b's marker
  assert.equal(sides[1], "right");
  const boxes = sides.map((s, i) => layout.labelBox(s, [a, b][i]));
  const [p, q] = boxes;
  assert.ok(!(p[0] < q[2] && p[2] > q[0] && p[1] < q[3] && p[3] > q[1]), boxes);
});

test("a crowd thins out: names that fit nowhere are left out, higher rank first", () => {
  const crowd = [];
  for (let i = 0; i < 12; i++) { crowd.push(item(200 + (i % 3) * 3, 200 + Math.floor(i / 3) * 3, i)); }
  const sides = layout.place(crowd, crowd.map(dot));
  const shown = sides.filter(Boolean).length;
  assert.ok(shown >= 1 && shown <= 4, sides);
  assert.ok(sides[0], "the first-ranked name is always placed when nothing blocks it");
  const boxes = sides.map((s, i) => s && layout.labelBox(s, crowd[i])).filter(Boolean);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [p, q] = [boxes[i], boxes[j]];
      assert.ok(!(p[0] < q[2] && p[2] > q[0] && p[1] < q[3] && p[3] > q[1]), [i, j]);
    }
  }
});

test("a name never covers another marker", () => {
  const a = item(100, 100, 0, ["right", "left"]);
  const marker = [120, 95, 130, 105];
  assert.equal(layout.place([a], [dot(a), marker])[0], "left");
});

test("points are named from zoom 6 on, or when their markers touch; never twice", () => {
  const pt = (x, lng) => ({ xy: { x, y: 0 }, r: 4, latlng: { lng, lat: 40 } });
  const apart = [pt(0, 50), pt(100, 51)], touching = [pt(0, 50), pt(5, 50.01)];
  assert.deepEqual(corridors.wantLabels(apart, 4, {}), [false, false]);
  assert.deepEqual(corridors.wantLabels(touching, 4, {}), [true, true]);
  assert.deepEqual(corridors.wantLabels(apart, 7, {}), [true, true]);
  // The basemap names the first from zoom 6: no second name.
  assert.deepEqual(corridors.wantLabels(apart, 7, { "50.0000,40.0000": 6 }), [false, true]);
  // A node the basemap names as a town at this zoom (Tbilisi) is not named twice.
  const tbilisi = [{ ...pt(0, 44.8), name: "Tbilisi" }, { ...pt(100, 51), name: "Kars" }];
  assert.deepEqual(corridors.wantLabels(tbilisi, 7, { "name:tbilisi": 5 }), [false, true]);
  assert.deepEqual(corridors.wantLabels(tbilisi, 7, { "name:tbilisi": 8 }), [true, true]);
  const xian = [{ ...pt(0, 108.9), name: "Xi’an" }];
  assert.deepEqual(corridors.wantLabels(xian, 7, { "name:xi'an": 3.5 }), [false]);
});

test("labels are names: a trailing note in brackets stays in the popup", () => {
  assert.equal(corridors.labelText("Kuryk (drawn at the village)"), "Kuryk");
  assert.equal(corridors.labelText("Alat (Baku International Sea Trade Port)"), "Alat");
  assert.equal(corridors.labelText("Xi'an"), "Xi'an");
  assert.equal(corridors.labelText("(only a note)"), "(only a note)");
});

test("a name is not cut by the screen's edge: the other side is taken", () => {
  const a = item(380, 100, 0);  // near the right edge of a 390 px view
  assert.equal(layout.place([a], [dot(a)], [0, 0, 390, 844])[0], "left");
  const cornered = { ...item(5, 100, 0), w: 500 };  // fits on no side
  assert.equal(layout.place([cornered], [dot(cornered)], [0, 0, 390, 844])[0], null);
});
