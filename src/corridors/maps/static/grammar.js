var corridorsGrammar = (function () {
  // The maps' one grammar for lines (corridors.maps.grammar, whose numbers `g` the page
  // gets): colour = mode or fuel (class), pattern = status, hollow = schematic. The
  // legend is made here from what the map draws: one row per class drawn, one swatch
  // per (status, schematic) drawn in that class, nothing for what is not drawn.
  function tenths(v) { return Math.floor(v * 10 + 0.5) / 10; }
  // Leaflet's dashArray for a status on a line `weight` px wide (null: solid), as Python's
  // grammar.dash_array writes it.
  function dash(g, status, weight) {
    var p = g.pattern[status];
    if (!p) { return null; }
    return p.map(function (k) { return String(tenths(k * weight)); }).join(' ');
  }
  // The status drawn for a feature: the slider's state for it (when the map has one and
  // the feature is dated), else the status it was styled with.
  function statusOf(g, style, state) {
    if (state && g.stateStatus[state]) { return g.stateStatus[state]; }
    return style.st || 'operating';
  }
  // The combinations drawn: `items` [{cls, st, sch, state}] -> sorted unique keys
  // 'cls|status|0 or 1' (a hidden item, state 'hidden', draws nothing).
  function combos(g, items) {
    var seen = {};
    items.forEach(function (it) {
      if (!it.cls || it.state === 'hidden') { return; }
      seen[it.cls + '|' + statusOf(g, it, it.state) + '|' + (it.sch ? 1 : 0)] = true;
    });
    return Object.keys(seen).sort();
  }
  // Legend rows from combination keys: [{cls, color, label, cells: [{status, sch}]}], in
  // the grammar's class and status order, network before schematic.
  function rows(g, keys) {
    var have = {};
    keys.forEach(function (k) { have[k] = true; });
    var out = [];
    g.classes.forEach(function (c) {
      var cells = [];
      g.statuses.forEach(function (s) {
        [0, 1].forEach(function (sch) {
          if (have[c[0] + '|' + s[0] + '|' + sch]) { cells.push({status: s[0], sch: sch}); }
        });
      });
      if (cells.length) { out.push({cls: c[0], color: c[1], label: c[2], cells: cells}); }
    });
    return out;
  }
  var SVG = 'http://www.w3.org/2000/svg';
  function svgLine(svg, attrs) {
    var l = document.createElementNS(SVG, 'line');
    Object.keys(attrs).forEach(function (k) { if (attrs[k] !== null) { l.setAttribute(k, attrs[k]); } });
    svg.appendChild(l);
  }
  // A swatch drawn as the map draws the line: colour, pattern, opacity, hollow core.
  function swatch(g, color, status, sch) {
    var weight = sch ? Math.max(6, g.schematic.min_weight) : 4;
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('width', '38');
    svg.setAttribute('height', '12');
    svg.setAttribute('aria-hidden', 'true');
    var common = {x1: 5, y1: 6, x2: 33, y2: 6, 'stroke-linecap': 'round',
                  'stroke-dasharray': dash(g, status, weight)};
    svgLine(svg, Object.assign({stroke: color, 'stroke-width': weight,
                                'stroke-opacity': g.opacity[status]}, common));
    if (sch) {
      svgLine(svg, Object.assign({stroke: g.schematic.core_color,
                                  'stroke-width': tenths(weight * g.schematic.core_ratio)}, common));
    }
    return svg;
  }
  function statusLabel(g, status) {
    var found = g.statuses.filter(function (s) { return s[0] === status; })[0];
    return found ? found[1] : status;
  }
  // Fill `box` with the legend of `keys`: a row per class, its swatches each titled.
  function render(g, box, keys) {
    box.textContent = '';
    var list = rows(g, keys), anySch = false, used = {};
    if (!list.length) { return; }
    var table = document.createElement('table');
    list.forEach(function (r) {
      var tr = table.insertRow(), cell = tr.insertCell(), label = tr.insertCell();
      cell.className = 'c-sw';
      r.cells.forEach(function (c) {
        var span = document.createElement('span');
        span.className = 'c-combo';
        span.setAttribute('data-combo', r.cls + '|' + c.status + '|' + c.sch);
        span.title = r.label + ': ' + statusLabel(g, c.status) + (c.sch ? ', schematic' : '');
        span.appendChild(swatch(g, r.color, c.status, c.sch));
        cell.appendChild(span);
        used[c.status] = true;
        anySch = anySch || c.sch === 1;
      });
      label.textContent = r.label;
    });
    box.appendChild(table);
    // The key to the patterns and the hollow line, for those drawn only.
    var key = document.createElement('table');
    key.className = 'c-key-patterns';
    g.statuses.forEach(function (s) {
      if (!used[s[0]]) { return; }
      var tr = key.insertRow();
      tr.insertCell().appendChild(swatch(g, '#5d6d7e', s[0], 0));
      tr.insertCell().textContent = s[1];
    });
    if (anySch) {
      var tr = key.insertRow();
      tr.insertCell().appendChild(swatch(g, '#5d6d7e', 'operating', 1));
      tr.insertCell().textContent = g.schematic.label;
    }
    box.appendChild(key);
  }
  // What `map` draws now: every line of a corridors layer on the map, with the slider's
  // state of its feature (map.corridorsStates, id -> state) and whether it is shown.
  function drawn(map) {
    var items = [], states = map.corridorsStates || {};
    map.eachLayer(function (l) {
      if (!l.feature || !l.options || !l.options.cls) { return; }
      var el = l._path, id = l.feature.properties.id;
      var hidden = el && window.getComputedStyle(el).display === 'none';
      items.push({cls: l.options.cls, st: l.options.st, sch: l.options.sch,
                  state: hidden ? 'hidden' : states[id]});
    });
    return items;
  }
  // Keep the legend of `map` (its `.c-key` box) to what it draws, on every change.
  function init(map, g) {
    function refresh() {
      var box = map.getContainer().querySelector('.c-key');
      if (box) { render(g, box, combos(g, drawn(map))); }
    }
    map.on('overlayadd overlayremove corridorsyear', refresh);
    map.whenReady(function () { setTimeout(refresh, 0); });
    return refresh;
  }
  return {dash: dash, statusOf: statusOf, combos: combos, rows: rows, render: render,
          drawn: drawn, init: init};
})();
if (typeof module !== 'undefined') { module.exports = corridorsGrammar; }
