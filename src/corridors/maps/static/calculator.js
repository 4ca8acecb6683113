var corridorsCalc = (function () {
  var COLORS = {running: '#5d8aa8', borders: '#c0392b', 'gauge changes': '#8e44ad',
                ports: '#d4a017', sailings: '#16a085'};
  var CATEGORIES = ['running', 'borders', 'gauge changes', 'ports', 'sailings'];
  // The arithmetic of corridors.transit.resum, in the same order: running time (km /
  // speed, the fast speed for the low time, or a crossing time), then each dwell event
  // (a service interval H waits 0 / H/2 / H). `add(category, bound, hours)` collects.
  function value(data, overrides, pid, bound) {
    var entry = data.parameters[pid], o = overrides[pid];
    var v = o && o[bound] !== undefined ? o[bound] : entry.values[bound];
    return v * entry.factor;
  }
  function walk(data, legs, overrides, add) {
    legs.forEach(function (leg) {
      var running = leg.running;
      data.bounds.forEach(function (b) {
        if (running.type === 'crossing_time') {
          add('running', b, value(data, overrides, running.parameter, b));
        } else if (running.type === 'speed') {
          running.parts.forEach(function (part) {
            add('running', b, part.km / value(data, overrides, part.parameter, data.fast[b]));
          });
        }
        leg.dwell.forEach(function (event) {
          var pid = event.parameter, entry = data.parameters[pid], h;
          if (entry.kind === 'service_interval') {
            h = {low: 0, typical: value(data, overrides, pid, 'typical') / 2,
                 high: value(data, overrides, pid, 'high')}[b];
          } else { h = value(data, overrides, pid, b); }
          add(entry.category, b, h);
        });
      });
    });
  }
  function resum(data, legs, overrides) {
    var totals = {low: 0, typical: 0, high: 0};
    walk(data, legs, overrides, function (c, b, h) { totals[b] += h; });
    return totals;
  }
  function byCategory(data, legs, overrides, bound) {
    var out = {};
    CATEGORIES.forEach(function (c) { out[c] = 0; });
    walk(data, legs, overrides, function (c, b, h) { if (b === bound) { out[c] += h; } });
    return out;
  }
  function el(tag, className, parent, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    if (parent) { parent.appendChild(node); }
    return node;
  }
  // The first drawn route point (vertices and points along each segment) under `box`, or null.
  function coversRoute(map, box) {
    var r = box.getBoundingClientRect(), m = map.getContainer().getBoundingClientRect();
    var x0 = r.left - m.left, y0 = r.top - m.top, x1 = x0 + r.width, y1 = y0 + r.height;
    var hit = null;
    // Screen points of the view the map is set to (its centre and zoom), computed rather
    // than read from the panes, which may still be moving to that view.
    var zoom = map.getZoom();
    var origin = map.project(map.getCenter(), zoom).subtract(map.getSize().divideBy(2));
    function under(p) { return p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1; }
    map.eachLayer(function (l) {
      if (hit || !l.feature || !(l instanceof L.Polyline) || l instanceof L.Polygon) { return; }
      var lines = L.LineUtil.isFlat(l.getLatLngs()) ? [l.getLatLngs()] : l.getLatLngs();
      lines.forEach(function (line) {
        var points = line.map(function (ll) { return map.project(ll, zoom).subtract(origin); });
        for (var i = 0; i < points.length && !hit; i++) {
          var a = points[i], b = points[Math.min(i + 1, points.length - 1)];
          for (var k = 0; k <= 10 && !hit; k++) {
            var q = L.point(a.x + (b.x - a.x) * k / 10, a.y + (b.y - a.y) * k / 10);
            if (under(q)) { hit = {id: l.feature.properties.id, x: q.x, y: q.y}; }
          }
        }
      });
    });
    return hit;
  }
  function init(map, data) {
    var state = {origin: null, destination: null, suez: false, moved: {}};
    var byPair = {};
    data.pairs.forEach(function (p) { byPair[p[0] + '|' + p[1]] = p[2]; });
    var name = function (id) { return data.places[id] || id; };
    function sortByName(ids) {
      return ids.sort(function (a, b) { return name(a).localeCompare(name(b)); });
    }
    var seen = {};
    data.pairs.forEach(function (p) { seen[p[0]] = 1; });
    var origins = sortByName(Object.keys(seen));

    // A corner of our own: at the top, between the left controls and the layer list.
    var corner = L.DomUtil.create('div', 'c-calc-corner leaflet-top',
                                  map.getContainer().querySelector('.leaflet-control-container'));
    map._controlCorners.calc = corner;
    var control = L.control({position: 'calc'});
    var root;
    control.onAdd = function () {
      root = L.DomUtil.create('div', 'c-box c-calc');
      L.DomEvent.disableClickPropagation(root);
      L.DomEvent.disableScrollPropagation(root);
      return root;
    };
    control.addTo(map);
    var details = el('details', null, root);
    details.open = window.matchMedia('(min-width: 901px)').matches;  // collapsed on narrow screens
    el('summary', null, details, 'What-if transit calculator (days)');
    var pick = el('div', 'c-calc-pick', details);
    var fromLabel = el('label', null, pick, 'From ');
    var from = el('select', null, fromLabel);
    from.id = 'c-calc-origin';
    var toLabel = el('label', null, pick, 'to ');
    var to = el('select', null, toLabel);
    to.id = 'c-calc-destination';
    var suezLabel = el('label', null, pick);
    var suez = el('input', null, suezLabel);
    suez.type = 'checkbox';
    suez.id = 'c-calc-suez';
    suezLabel.appendChild(document.createTextNode(' Suez closed (Cape route)'));
    origins.forEach(function (id) { el('option', null, from, name(id)).value = id; });
    var table = el('table', null, details);
    var head = el('tr', null, table);
    ['Corridor', 'low', 'typical', 'high', 'where the typical time goes'].forEach(function (t) {
      el('th', null, head, t);
    });
    var rows = {};
    data.rows.forEach(function (r) {
      var tr = el('tr', null, table);
      tr.dataset.corridor = r[0];
      var label = el('td', 'c-name', tr);
      rows[r[0]] = {tr: tr, label: label, title: r[1],
                    low: el('td', 'c-num c-low', tr), typical: el('td', 'c-num c-typical', tr),
                    high: el('td', 'c-num c-high', tr),
                    bar: el('div', 'c-bar', el('td', 'c-bar-cell', tr))};
    });
    var key = el('div', 'c-key c-note', details);
    CATEGORIES.forEach(function (c) {
      el('span', null, key).style.background = COLORS[c];
      key.appendChild(document.createTextNode(c));
    });
    var sliders = el('div', 'c-sliders', details);
    var inputs = {};
    data.sliders.forEach(function (s) {
      var box = el('div', 'c-slider', sliders);
      var label = el('label', null, box);
      var input = el('input', null, box);
      input.type = 'range'; input.min = 0; input.max = s.values.length - 1; input.step = 1;
      input.value = s.start;
      input.id = 'c-calc-' + s.key;
      input.dataset.key = s.key;
      var src = s.sourced.map(function (p) {
        return p.parameter + ': ' + p.low + ' / ' + p.typical + ' / ' + p.high + ' ' + s.unit;
      }).join('; ');
      label.htmlFor = input.id;
      // The tooltip: what each parameter is, its sourced values, note and sources.
      label.title = s.label + ' (sourced low / typical / high: ' + src + ')\n' +
        s.parameters.map(function (pid) {
          var p = data.parameters[pid];
          return pid + ': ' + p.what + '. ' + p.note + ' Sources: ' +
            p.sources.map(function (x) { return x.title; }).join('; ');
        }).join('\n');
      inputs[s.key] = {input: input, label: label, slider: s};
      input.addEventListener('input', function () { state.moved[s.key] = true; update(); });
    });
    var foot = el('div', 'c-note', details);
    var reset = el('button', null, foot, 'Reset sliders');
    reset.type = 'button';
    var about = el('details', null, foot);
    el('summary', null, about, 'How these figures are made');
    reset.addEventListener('click', function () {
      state.moved = {};
      data.sliders.forEach(function (s) { inputs[s.key].input.value = s.start; });
      update();
    });
    about.appendChild(document.createTextNode(
      'Re-sums what corridors computed per leg (geodata/transit.toml, sourced low / ' +
      'typical / high). A slider starts at the typical value and means "as sourced" until ' +
      'moved; moved, it sets that value for low, typical and high (a what-if, not a sourced ' +
      'estimate). Slider ranges are the sourced lows and highs. Every origin in China and ' +
      'Kazakhstan with every place west of it that a corridor reaches is offered. ' +
      'Reported: Middle Corridor 31–37 days (2025), advertised 14–18; ' +
      'Northern 12–18; sea via Suez 27–35.'));

    function overrides() {
      var out = {};
      data.sliders.forEach(function (s) {
        if (!state.moved[s.key]) { return; }
        var v = s.values[+inputs[s.key].input.value];
        s.parameters.forEach(function (pid) { out[pid] = {low: v, typical: v, high: v}; });
      });
      return out;
    }
    function fillDestinations() {
      var keep = to.value;
      to.textContent = '';
      var ids = sortByName(data.pairs.filter(function (p) { return p[0] === from.value; })
                                     .map(function (p) { return p[1]; }));
      ids.forEach(function (id) { el('option', null, to, name(id)).value = id; });
      if (ids.indexOf(keep) >= 0) { to.value = keep; }
    }
    function days(h) { return (h / 24).toFixed(1); }
    function update() {
      var o = overrides(), plans = byPair[from.value + '|' + to.value] || {};
      var shown = {}, max = 0;
      data.rows.forEach(function (r) {
        var variant = r[0] === 'sea' && suez.checked ? data.suez_closed : r[0];
        var plan = plans[variant], row = rows[r[0]];
        row.tr.dataset.variant = variant;
        row.label.textContent = variant === data.suez_closed
          ? 'Sea via the Cape (Suez closed)' : row.title;
        if (!Array.isArray(plan)) {
          ['low', 'typical', 'high'].forEach(function (b) { row[b].textContent = ''; });
          row.low.textContent = 'no route';
          row.low.title = plan === undefined ? '' : data.errors[plan];
          row.bar.textContent = '';
          row.tr.dataset.available = 'no';
          return;
        }
        var legs = plan[2].map(function (i) { return data.legs[i]; });
        var totals = resum(data, legs, o);
        row.tr.dataset.available = 'yes';
        row.low.title = '';
        ['low', 'typical', 'high'].forEach(function (b) { row[b].textContent = days(totals[b]); });
        row.typical.style.fontWeight = 'bold';
        if (to.value === 'europe') { row.label.textContent += ' → ' + name(plan[0]); }
        row.label.title = plan[1].toLocaleString('en') + ' km';
        shown[r[0]] = byCategory(data, legs, o, 'typical');
        max = Math.max(max, totals.typical);
      });
      data.rows.forEach(function (r) {
        var row = rows[r[0]], cats = shown[r[0]];
        row.bar.textContent = '';
        if (!cats) { return; }
        CATEGORIES.forEach(function (c) {
          if (!(cats[c] > 0)) { return; }
          var span = el('span', null, row.bar);
          span.style.width = (100 * cats[c] / max) + '%';
          span.style.background = COLORS[c];
          span.dataset.category = c;
          span.dataset.hours = cats[c];
          span.title = c + ': ' + days(cats[c]) + ' days';
        });
      });
      data.sliders.forEach(function (s) {
        var item = inputs[s.key], v = s.values[+item.input.value];
        item.label.textContent = '';
        item.label.appendChild(document.createTextNode(s.label + ': '));
        if (state.moved[s.key]) {
          el('span', 'c-whatif', item.label, 'what-if ' + v + ' ' + s.unit);
        } else { item.label.appendChild(document.createTextNode('as sourced')); }
      });
    }
    from.addEventListener('change', function () { fillDestinations(); update(); });
    to.addEventListener('change', update);
    suez.addEventListener('change', update);
    from.value = origins.indexOf('lianyungang') >= 0 ? 'lianyungang' : origins[0];
    fillDestinations();
    if (byPair[from.value + '|europe']) { to.value = 'europe'; }
    update();
    // Open at first only where it covers no route (a window too small for the view
    // the map fits, e.g. 1024 px wide, gets it collapsed; the reader opens it).
    var page = {map: map, data: data, overrides: overrides, update: update, covered: null};
    var summary = details.querySelector('summary'), touched = false;
    summary.addEventListener('click', function () { touched = true; });
    // The map moves to its fitted view in the next animation frame: check then, and once
    // more when that move ends, unless the reader has opened or closed the panel.
    function settle() {
      if (touched || !details.open) { return; }
      page.covered = coversRoute(map, root);
      if (page.covered) { details.open = false; }
    }
    window.requestAnimationFrame(settle);
    map.once('moveend', settle);
    return page;
  }
  return {init: init, resum: resum, byCategory: byCategory, coversRoute: coversRoute,
          CATEGORIES: CATEGORIES};
})();
if (typeof module !== 'undefined') { module.exports = corridorsCalc; }
