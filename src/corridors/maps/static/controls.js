var corridors = (function () {
  /* global corridorsLayout, corridorsBasemap */
  var entries = [];
  // Search data from Python: feature id -> [kind, comparison keys of its name and its
  // GeoNames alternate names in every script] (corridors.maps.controls.search_data).
  var searchInfo = {};
  // The kinds of feature in the order search offers them (a crossing or dry port before a
  // pipeline's metering station); unlisted kinds come after these, places last.
  var KIND_RANK = ['border_crossing', 'dry_port', 'city', 'seaport', 'rail_station',
                   'economic_zone', 'railway', 'road', 'ferry', 'sea_route', 'gas_pipeline',
                   'oil_pipeline', 'border', 'power_plant', 'factory', 'compressor_station',
                   'pump_station'];
  // A comparison key: accents dropped, lower case, letters and digits only, in any script
  // (Python's corridors.maps.controls.page_key is the same).
  function fold(text) {
    return String(text).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '');
  }
  // Entries matching `text`, best first: those with a name or alternate name equal to or
  // starting with the query before those merely containing it; within each, features
  // before places, by kind (KIND_RANK), equal before starting with, then by name.
  // Each entry: {name, keys, kind, place (bool)}.
  function rank(list, text) {
    var q = fold(text);
    if (!q) { return []; }
    var scored = [];
    list.forEach(function (e) {
      var keys = e.keys || [fold(e.name)], best = 3;
      keys.forEach(function (k) {
        var i = k.indexOf(q);
        if (i < 0) { return; }
        best = Math.min(best, k === q ? 0 : (i === 0 ? 1 : 2));
      });
      if (best === 3) { return; }
      var kind = KIND_RANK.indexOf(e.kind);
      scored.push({e: e, s: [best <= 1 ? 0 : 1, e.place ? 1 : 0,
                             kind < 0 ? KIND_RANK.length : kind, best]});
    });
    scored.sort(function (a, b) {
      for (var i = 0; i < a.s.length; i++) { if (a.s[i] !== b.s[i]) { return a.s[i] - b.s[i]; } }
      return a.e.name.localeCompare(b.e.name);
    });
    return scored.map(function (x) { return x.e; });
  }
  var HTTP = /^https?:\/\/[^\s<>"']+$/;
  // Popups and tooltips are built here from each feature's view. Data text only ever
  // becomes text nodes (textContent), and a link only for an http(s) URL: nothing from
  // the data is parsed as HTML, so nothing needs escaping.
  function el(tag, className, parent) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function text(parent, value) { parent.appendChild(document.createTextNode(String(value))); }
  function note(parent, value) { text(parent, ' '); el('span', 'c-note', parent).textContent = value; }
  function link(parent, url, title) {
    if (typeof url === 'string' && HTTP.test(url)) {
      var a = el('a', null, parent);
      a.href = url;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.textContent = title;
    } else { text(parent, title); }
  }
  // One function per `format` of a template row (corridors.maps.popups.PopupRow).
  var FORMATS = {
    text: function (td, v) { text(td, v); },
    list: function (td, v) { text(td, v.join(', ')); },
    lines: function (td, v) {
      v.forEach(function (line, i) { if (i) { el('br', null, td); } text(td, line); });
    },
    km: function (td, v, p, row) { text(td, v + ' km'); if (row.note) { note(td, row.note); } },
    published: function (td, v, p) {
      text(td, v[0] + ' km');
      if (v[1]) { note(td, '(' + v[1] + ')'); }
      if (p.vs) { el('br', null, td); text(td, 'drawn line: ' + p.vs + ' against it'); }
    },
    noted: function (td, v) { text(td, v[0]); if (v[1]) { note(td, '(' + v[1] + ')'); } }
  };
  function view(layer) {
    var p = layer.feature.properties, bundle = layer.corridorsBundles[p.b] || {}, v = {}, k;
    for (k in bundle) { v[k] = bundle[k]; }
    for (k in p) { v[k] = p[k]; }
    return v;
  }
  function present(v) { return v !== undefined && v !== null && v !== '' && !(v.length === 0); }
  function popup(layer) {
    var p = view(layer), rows = layer.corridorsTemplate.rows;
    var box = el('div', 'c-popup');
    el('h4', null, box).textContent = p.name;
    el('div', 'c-kind', box).textContent = p.kind_line;
    var table = el('table', null, box);
    // The facts and sources first; the method (how it is drawn, why figures differ)
    // folded below them, opened by the reader.
    var method = el('details', 'c-method');
    el('summary', null, method).textContent = 'Method: how it is drawn, why figures differ';
    var methodTable = el('table', null, method), target = table;
    function row(label, wrap) {  // labels from the data may be long: they wrap
      var tr = el('tr', null, target);
      el('th', wrap ? 'c-wrap' : null, tr).textContent = label;
      return el('td', null, tr);
    }
    rows.forEach(function (r) {
      var v = p[r.field];
      if (!present(v)) { return; }
      target = r.method ? methodTable : table;
      if (r.format === 'sourced') {  // one row per item: [label, text, title, url, read at?]
        v.forEach(function (item) {
          var td = row(item[0] || r.label, Boolean(item[0]));
          text(td, item[1] + ' – ');
          link(td, item[3], item[2]);
          if (item[4]) { note(td, '(' + item[4] + ')'); }
        });
        return;
      }
      (FORMATS[r.format] || FORMATS.text)(row(r.label), v, p, r);
    });
    var sources = el('div', 'c-sources', box);
    el('b', null, sources).textContent = 'Sources';
    var list = el('ol', null, sources);
    // Each source: [title, original url, what it backs, "read at <copy host>"?]: the link
    // goes to the original; the copy that was read, if any, is named beside it.
    (p.sources || []).forEach(function (s) {
      var li = el('li', null, list);
      link(li, s[1], s[0]);
      if (s[3]) { note(li, '(' + s[3] + ')'); }
      if (s[2]) { note(li, '(' + s[2] + ')'); }
    });
    if (methodTable.rows.length) { box.appendChild(method); }
    return box;
  }
  function tooltip(layer) {
    var p = view(layer);
    return document.createTextNode(p.km ? p.name + ' – ' + p.km + ' km' : p.name);
  }
  // Rebuild GeoJSON coordinates from `pack_geometries`: one base64 string of
  // little-endian int32 (lon, lat) x 10^decimals, and each geometry's vertex counts `n`.
  var DEPTH = {Point: -1, MultiPoint: 0, LineString: 0, Polygon: 1, MultiLineString: 1,
               MultiPolygon: 2};
  function unpack(data, decimals) {
    var raw = atob(data.coords || ''), bytes = new Uint8Array(raw.length);
    for (var k = 0; k < raw.length; k++) { bytes[k] = raw.charCodeAt(k); }
    var view = new DataView(bytes.buffer), scale = Math.pow(10, decimals), at = 0;
    function vertex() {
      var xy = [view.getInt32(at, true) / scale, view.getInt32(at + 4, true) / scale];
      at += 8;
      return xy;
    }
    function build(n, depth) {
      if (depth > 0) { return n.map(function (m) { return build(m, depth - 1); }); }
      var out = new Array(n);
      for (var i = 0; i < n; i++) { out[i] = vertex(); }
      return out;
    }
    data.features.forEach(function (f) {
      var g = f.geometry, depth = DEPTH[g.type];
      g.coordinates = depth < 0 ? vertex() : build(g.n, depth);
      delete g.n;
    });
    delete data.coords;
    return data;
  }
  // A GeoJSON layer from `feature_collection`'s data and the layer's popup template.
  function layer(data, template) {
    unpack(data, template.decimals);
    var bundles = data.bundles || [];
    function style(f) {
      var s = {}, base = (bundles[f.properties.b] || {}).style || {}, k;
      for (k in base) { s[k] = base[k]; }
      s.className = 'f-' + f.properties.id;
      return s;
    }
    var group = L.geoJSON(data, {
      attribution: template.attribution || null,
      style: style,
      pointToLayer: function (f, latlng) {
        var s = style(f);
        s.baseRadius = s.radius;
        return L.circleMarker(latlng, s);
      },
      onEachFeature: function (f, l) {
        if (!template.rows) { return; }
        l.corridorsBundles = bundles;
        l.corridorsTemplate = template;
        l.bindPopup(popup, {maxWidth: 420});
        // A click lists every feature under it (`pick`), not only the one drawn on top.
        l.off('click', l._openPopup, l);
        l.on('click', function (ev) { pick(ev, l); });
        l.bindTooltip(tooltip, {sticky: true});
      },
      // Context without popups (the railway grid) lets clicks through to what is under it.
      interactive: Boolean(template.rows),
      bubblingMouseEvents: false
    });
    // The grammar's schematic look (corridors.maps.grammar): a hollow line, its white
    // core drawn over it, same pattern, same class (the year slider restyles both),
    // letting clicks through to the line.
    var cores = [];
    group.eachLayer(function (l) {
      var s = l.options;
      if (l.feature && s.weight && !l.feature.properties.part) { weights[l.feature.properties.id] = s.weight; }
      if (!s.core || !l.getLatLngs) { return; }
      l.corridorsCore = L.polyline(l.getLatLngs(), {
        color: s.core.color, weight: s.core.weight, opacity: s.opacity,
        dashArray: s.dashArray || null, interactive: false, className: s.className + ' c-core'
      });
      cores.push(l.corridorsCore);
    });
    cores.forEach(function (c) { group.addLayer(c); });
    return group;
  }
  // The width each line feature is drawn with (its main piece), for the year slider's
  // patterns: 4 px where the page draws no line of that id.
  var weights = {};
  function weightOf(id) { return weights[id] || 4; }
  // The features under a click (`pick`): `shapes` [{id, line: [{x, y}...]} or {id, x, y, r}] in
  // pixels; those within `tol` px of `at` (a point within its marker's radius plus `tol`),
  // nearest first, each id once (a route drawn in two pieces is one feature).
  function segmentDistance(p, a, b) {
    var dx = b.x - a.x, dy = b.y - a.y, len = dx * dx + dy * dy;
    var t = len ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len)) : 0;
    return Math.sqrt(Math.pow(p.x - a.x - t * dx, 2) + Math.pow(p.y - a.y - t * dy, 2));
  }
  function under(at, shapes, tol) {
    var best = {};
    shapes.forEach(function (s, i) {
      var d;
      if (s.line) {
        d = Infinity;
        for (var k = 1; k < s.line.length; k++) { d = Math.min(d, segmentDistance(at, s.line[k - 1], s.line[k])); }
        if (s.line.length === 1) { d = segmentDistance(at, s.line[0], s.line[0]); }
      } else {
        d = Math.max(0, Math.sqrt(Math.pow(at.x - s.x, 2) + Math.pow(at.y - s.y, 2)) - s.r);
      }
      if (d <= tol && (!(s.id in best) || d < best[s.id].d)) { best[s.id] = {id: s.id, d: d, i: i}; }
    });
    return Object.keys(best).map(function (k) { return best[k]; })
      .sort(function (a, b) { return (a.d - b.d) || (a.i - b.i); })
      .map(function (b) { return b.id; });
  }
  var PICK_PX = 6;
  var measuring = null;  // the measuring tool's click handler while it is on
  function shown(l) {
    var el = l._path;
    return !el || window.getComputedStyle(el).display !== 'none';
  }
  function pick(ev, clicked) {
    L.DomEvent.stop(ev);
    var map = clicked._map;
    if (measuring) { measuring(ev); return; }
    var at = ev.containerPoint, shapes = [], layers = {};
    var near = L.latLngBounds(map.containerPointToLatLng(at.subtract([PICK_PX + 14, PICK_PX + 14])),
                              map.containerPointToLatLng(at.add([PICK_PX + 14, PICK_PX + 14])));
    // Points with points, lines with lines: a line ending at a marker is not listed by a
    // click on the marker (it can be clicked anywhere along its length).
    var point = clicked instanceof L.CircleMarker;
    map.eachLayer(function (l) {
      if (!l.feature || !l.corridorsTemplate || !shown(l)) { return; }
      if ((l instanceof L.CircleMarker) !== point) { return; }
      var id = l.feature.properties.id;
      if (l instanceof L.CircleMarker) {
        var c = map.latLngToContainerPoint(l.getLatLng());
        shapes.push({id: id, x: c.x, y: c.y, r: l.getRadius()});
      } else if (l.getLatLngs && l.getBounds().intersects(near)) {
        var rings = L.LineUtil.isFlat(l.getLatLngs()) ? [l.getLatLngs()] : l.getLatLngs();
        if (l instanceof L.Polygon && l.getBounds().contains(map.containerPointToLatLng(at))) {
          shapes.push({id: id, x: at.x, y: at.y, r: 0});
        }
        rings.forEach(function (ring) {
          if (!L.LineUtil.isFlat(ring)) { ring = [].concat.apply([], ring); }
          shapes.push({id: id, line: ring.map(function (ll) { return map.latLngToContainerPoint(ll); })});
        });
      } else { return; }
      if (!layers[id] || !l.feature.properties.part) { layers[id] = l; }
    });
    var ids = under(at, shapes, PICK_PX);
    var id = clicked.feature.properties.id;
    if (ids.indexOf(id) < 0) { ids.unshift(id); layers[id] = clicked; }
    if (ids.length === 1) { layers[ids[0]].openPopup(ev.latlng); return; }
    var box = el('div', 'c-pick');
    el('b', null, box).textContent = ids.length + ' features here:';
    var list = el('ul', null, box);
    ids.forEach(function (fid) {
      var b = el('button', 'c-pick-item', el('li', null, list));
      b.type = 'button';
      b.textContent = layers[fid].feature.properties.name || fid;
      b.setAttribute('data-id', fid);
      b.addEventListener('click', function () {
        map.closePopup();
        var target = layers[fid];
        target.openPopup(target.getLatLng ? target.getLatLng() : ev.latlng);
      });
    });
    L.popup({maxWidth: 320, className: 'c-pick-popup'}).setLatLng(ev.latlng).setContent(box).openOn(map);
  }
  // Point markers shrink when zoomed out (full size from zoom 7, half size at zoom 4 or
  // less). Names: where two markers still overlap (Aktau and Kuryk, 65 km apart, on the
  // overview), and every point from zoom LABEL_ZOOM on, each placed beside its marker on
  // a side clear of other markers and names (`corridorsLayout.place`); a name with no
  // clear side is left out at that zoom, bigger markers first. Markers less than 3 px
  // apart are one spot at that zoom and stay unlabelled. Points the basemap already
  // names at this zoom (`basemap.name_points`) get no second name.
  var LABEL_ZOOM = 6;
  function pointScale(zoom) { return Math.min(1, Math.max(0.5, 0.5 + (zoom - 4) / 6)); }
  // A place name's key: case and the apostrophe's spelling aside (Xi’an is Xi'an).
  function nameKey(name) { return 'name:' + String(name).toLowerCase().replace(/[\u2019\u02bc`]/g, "'"); }
  function key(latlng) { return latlng.lng.toFixed(4) + ',' + latlng.lat.toFixed(4); }
  // Which points get a name: `points` [{xy: {x, y}, r, latlng}]; a list of booleans.
  function wantLabels(points, zoom, named) {
    return points.map(function (a, i) {
      if (named[key(a.latlng)] !== undefined && named[key(a.latlng)] <= zoom) { return false; }
      var place = a.name && named[nameKey(labelText(a.name))];
      if (place !== undefined && place <= zoom) { return false; }  // the basemap's town name
      if (zoom >= LABEL_ZOOM) { return true; }
      return points.some(function (b, j) {
        if (i === j) { return false; }
        var d = Math.sqrt(Math.pow(a.xy.x - b.xy.x, 2) + Math.pow(a.xy.y - b.xy.y, 2));
        return d >= 3 && d < a.r + b.r + 2;
      });
    });
  }
  // The sides to try: away from the nearest other marker first (west of it: left).
  function sides(a, points) {
    var near = null, best = Infinity;
    points.forEach(function (b) {
      if (b === a) { return; }
      var d = Math.pow(a.xy.x - b.xy.x, 2) + Math.pow(a.xy.y - b.xy.y, 2);
      if (d < best) { best = d; near = b; }
    });
    var first = near && best < 60 * 60 && near.xy.x > a.xy.x ? 'left' : 'right';
    return [first, first === 'left' ? 'right' : 'left', 'above', 'below'];
  }
  // A label is the name without a trailing note in brackets (the popup keeps it all):
  // "Kuryk (drawn at the village)" is labelled "Kuryk".
  function labelText(name) { return String(name).replace(/\s*\([^()]*\)\s*$/, '') || String(name); }
  var measure = null;
  function textWidth(text) {
    if (measure === null && typeof document !== 'undefined') {
      measure = document.createElement('canvas').getContext('2d') || false;
      if (measure) { measure.font = '11px system-ui, sans-serif'; }
    }
    return measure ? measure.measureText(text).width : 6.2 * text.length;
  }
  function scalePoints(map) {
    var labels = L.layerGroup().addTo(map), named = {};
    var base = typeof corridorsBasemap !== 'undefined' && corridorsBasemap.data();
    ((base && base.labels) || []).forEach(function (row) {
      if (row[1] >= 5) { named[key(L.latLng(row[3], row[2]))] = row[4]; }
      if (row[1] <= 2) { named[nameKey(row[0])] = row[4]; }
    });
    function label(marker, direction) {
      var tip = L.tooltip({permanent: true, direction: direction,
                           className: 'c-label f-' + marker.feature.properties.id + '-label',
                           interactive: false,
                           offset: {left: [-4, 0], right: [4, 0], top: [0, -4], bottom: [0, 4]}[direction]});
      tip.setLatLng(marker.getLatLng());
      tip.setContent(document.createTextNode(labelText(marker.feature.properties.name)));
      labels.addLayer(tip);
      return tip;
    }
    function apply() {
      var f = pointScale(map.getZoom()), points = [], bounds = map.getBounds().pad(0.2), seen = {};
      // Gone at once (Leaflet fades a removed tooltip out for 200 ms: the old names
      // would stand beside the new ones).
      labels.eachLayer(function (t) { if (t.getElement()) { L.DomUtil.remove(t.getElement()); } });
      labels.clearLayers();
      map.eachLayer(function (l) {
        if (!(l.options && l.options.baseRadius)) { return; }
        l.setRadius(l.options.baseRadius * f);
        var p = l.feature && l.feature.properties;
        // A feature shown by two layers (a node on two maps' layer lists) is named once.
        if (p && p.name && !seen[p.id] && bounds.contains(l.getLatLng())) {
          seen[p.id] = true;
          points.push({layer: l, latlng: l.getLatLng(), r: l.getRadius(), name: p.name,
                       xy: map.latLngToLayerPoint(l.getLatLng())});
        }
      });
      if (points.length > 500) { return; }  // pairwise checks: small point layers only
      var want = wantLabels(points, map.getZoom(), named);
      var obstacles = points.map(function (a) {
        return [a.xy.x - a.r, a.xy.y - a.r, a.xy.x + a.r, a.xy.y + a.r];
      });
      var items = [];
      points.forEach(function (a, i) {
        if (!want[i] || (a.layer._path && a.layer._path.style.display === 'none')) { return; }
        var name = labelText(a.layer.feature.properties.name);
        items.push({x: a.xy.x, y: a.xy.y, r: a.r, w: Math.min(220, textWidth(name) + 8), h: 16,
                    rank: -a.layer.options.baseRadius, sides: sides(a, points), layer: a.layer});
      });
      var size = map.getSize(), o = map.containerPointToLayerPoint([0, 0]);
      var placed = corridorsLayout.place(items, obstacles, [o.x, o.y, o.x + size.x, o.y + size.y]);
      var DIR = {right: 'right', left: 'left', above: 'top', below: 'bottom'};
      items.forEach(function (it, i) { if (placed[i]) { label(it.layer, DIR[placed[i]]); } });
    }
    map.on('moveend overlayadd overlayremove', apply);  // a zoom ends with a moveend
    map.whenReady(apply);
  }
  function index(group) {
    group.eachLayer(function (layer) {
      var p = layer.feature && layer.feature.properties;
      // A route's schematic piece opens the same popup; search finds its main piece.
      if (p && p.name && !p.part) {
        entries.push(described({name: p.name, id: p.id, layer: layer, group: group,
                                place: false}));
      }
    });
  }
  // The basemap's places (GeoNames) as search entries, once.
  var places = null;
  function placeEntries() {
    if (places) { return places; }
    var base = window.corridorsBasemap && window.corridorsBasemap.data();
    var KINDS = ['capital', 'city', 'town', 'country', 'water', 'site', 'node'];
    places = ((base && base.labels) || []).filter(function (row) { return row[1] <= 4; })
      .map(function (row) {
        return {name: row[0], kind: KINDS[row[1]], keys: [fold(row[0])], place: true,
                latlng: [row[3], row[2]]};
      });
    return places;
  }
  function find(text) {
    return rank(entries.concat(placeEntries()), text)[0] || null;
  }
  // A feature entry's kind and keys from the search data (given before or after the layers).
  function described(entry) {
    var info = searchInfo[entry.id] || [];
    entry.kind = info[0];
    entry.keys = (info[1] || []).concat([fold(entry.name), entry.id]);
    return entry;
  }
  function setSearchData(data) {
    searchInfo = data || {};
    entries.forEach(described);
  }
  function show(map, entry) {
    if (entry.place) {
      map.setView(entry.latlng, Math.max(map.getZoom(), entry.kind === 'country' ? 5 : 9));
      // One popup for places, reused: a search run twice (Enter, then change) opens one.
      map.corridorsPlacePopup = map.corridorsPlacePopup || L.popup({maxWidth: 300});
      map.corridorsPlacePopup.setLatLng(entry.latlng)
        .setContent(function () {
          var div = el('div', 'c-place');
          el('b', null, div).textContent = entry.name;
          note(div, 'place name of the basemap (GeoNames), not a feature of the atlas');
          return div;
        }()).openOn(map);
      return;
    }
    if (!map.hasLayer(entry.group)) { map.addLayer(entry.group); }
    var layer = entry.layer;
    if (layer.getBounds) {
      map.fitBounds(layer.getBounds(), {maxZoom: 9, padding: [20, 20]});
      layer.openPopup(layer.getBounds().getCenter());
    } else {
      map.setView(layer.getLatLng(), Math.max(map.getZoom(), 9));
      layer.openPopup();
    }
  }
  function searchControl(map) {
    var control = L.control({position: 'topleft'});
    control.onAdd = function () {
      var div = L.DomUtil.create('div', 'c-box c-search');
      var list = 'c-names-' + L.stamp(control);
      div.innerHTML = '<input type="search" id="corridors-search" placeholder="Search places, features" ' +
        'aria-label="Search features and places by name" list="' + list + '"><datalist id="' + list +
        '"></datalist><div class="c-msg"></div>';
      var input = div.querySelector('input'), msg = div.querySelector('.c-msg');
      var datalist = div.querySelector('datalist');
      entries.map(function (e) { return e.name; }).sort().forEach(function (name) {
        var option = document.createElement('option');
        option.value = name;
        datalist.appendChild(option);
      });
      function go() {
        var entry = find(input.value);
        msg.textContent = entry ? '' : (input.value ? 'No feature or place named "' + input.value + '"' : '');
        if (entry) { show(map, entry); }
      }
      input.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') { go(); } });
      input.addEventListener('change', go);
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    control.addTo(map);
  }
  function barButton(div, title, label, svg) {
    var button = L.DomUtil.create('button', 'c-btn', div);
    button.type = 'button';
    button.title = title;
    button.setAttribute('aria-label', label);
    button.innerHTML = svg;
    return button;
  }
  function fullscreenControl(map) {
    var control = L.control({position: 'topleft'});
    control.onAdd = function () {
      var div = L.DomUtil.create('div', 'leaflet-bar');
      var button = barButton(div, 'Full screen', 'Full screen', '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">' +
        '<path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5" fill="none" stroke="#222" stroke-width="2"/></svg>');
      var box = map.getContainer();
      L.DomEvent.on(button, 'click', function (ev) {
        L.DomEvent.stop(ev);
        if (document.fullscreenElement) { document.exitFullscreen(); return; }
        if (box.requestFullscreen) {
          box.requestFullscreen().catch(function () { box.classList.toggle('c-fullwindow'); map.invalidateSize(); });
        } else { box.classList.toggle('c-fullwindow'); map.invalidateSize(); }
      });
      document.addEventListener('fullscreenchange', function () { map.invalidateSize(); });
      return div;
    };
    control.addTo(map);
  }
  // Geodesic distance on the WGS 84 ellipsoid (Vincenty's inverse formula), in metres.
  function vincenty(a, b) {
    var f = 1 / 298.257223563, A = 6378137, B = A * (1 - f), rad = Math.PI / 180;
    var L0 = (b.lng - a.lng) * rad;
    var U1 = Math.atan((1 - f) * Math.tan(a.lat * rad)), U2 = Math.atan((1 - f) * Math.tan(b.lat * rad));
    var sU1 = Math.sin(U1), cU1 = Math.cos(U1), sU2 = Math.sin(U2), cU2 = Math.cos(U2);
    var lam = L0, prev, sS, cS, sig, sA, c2A, c2Sm, C, i = 0;
    do {
      var sL = Math.sin(lam), cL = Math.cos(lam);
      sS = Math.sqrt(Math.pow(cU2 * sL, 2) + Math.pow(cU1 * sU2 - sU1 * cU2 * cL, 2));
      if (sS === 0) { return 0; }
      cS = sU1 * sU2 + cU1 * cU2 * cL;
      sig = Math.atan2(sS, cS);
      sA = cU1 * cU2 * sL / sS;
      c2A = 1 - sA * sA;
      c2Sm = c2A !== 0 ? cS - 2 * sU1 * sU2 / c2A : 0;
      C = f / 16 * c2A * (4 + f * (4 - 3 * c2A));
      prev = lam;
      lam = L0 + (1 - C) * f * sA * (sig + C * sS * (c2Sm + C * cS * (-1 + 2 * c2Sm * c2Sm)));
    } while (Math.abs(lam - prev) > 1e-12 && ++i < 200);
    if (i >= 200) { return a.distanceTo(b); }  // nearly antipodal: fall back to the sphere
    var u2 = c2A * (A * A - B * B) / (B * B);
    var kA = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
    var kB = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
    var dS = kB * sS * (c2Sm + kB / 4 * (cS * (-1 + 2 * c2Sm * c2Sm) -
      kB / 6 * c2Sm * (-3 + 4 * sS * sS) * (-3 + 4 * c2Sm * c2Sm)));
    return B * kA * (sig - dS);
  }
  function measureControl(map) {
    var control = L.control({position: 'topleft'});
    control.onAdd = function () {
      var div = L.DomUtil.create('div', 'leaflet-bar c-measure');
      var button = barButton(div,
        'Measure a distance: click points on the map, click the button again to stop',
        'Measure distance', '<svg width="18" height="16" viewBox="0 0 18 16" aria-hidden="true">' +
        '<path d="M1 11 11 1l6 6-10 8z" fill="#fff" stroke="#222" stroke-width="1.5"/>' +
        '<path d="M4 9l2 2M6 7l1 1M8 5l2 2M10 3l1 1" stroke="#222" stroke-width="1.2"/></svg>');
      var out = L.DomUtil.create('div', 'c-box c-measure-out', div);
      out.style.display = 'none';
      var points = [], line = null, marks = L.layerGroup(), active = false;
      function total() {
        var m = 0;
        for (var i = 1; i < points.length; i++) { m += vincenty(points[i - 1], points[i]); }
        return m;
      }
      function update() {
        if (line) { map.removeLayer(line); }
        line = L.polyline(points, {color: '#000', weight: 2, dashArray: '4 4'}).addTo(map);
        out.style.display = 'block';
        out.innerHTML = 'Distance: <b>' + (total() / 1000).toLocaleString('en', {maximumFractionDigits: 1}) +
          ' km</b><br><span class="c-note">geodesic, WGS 84; ' + points.length + ' points</span>';
      }
      function onClick(ev) {
        points.push(ev.latlng);
        L.circleMarker(ev.latlng, {radius: 3, color: '#000'}).addTo(marks);
        update();
      }
      L.DomEvent.on(button, 'click', function (ev) {
        L.DomEvent.stop(ev);
        active = !active;
        button.classList.toggle('active', active);
        if (active) {
          points = []; marks.clearLayers(); marks.addTo(map);
          if (line) { map.removeLayer(line); line = null; }
          out.style.display = 'block'; out.innerHTML = 'Click points on the map';
          map.on('click', onClick); map.getContainer().style.cursor = 'crosshair';
          measuring = onClick;  // clicks on features count too (see `pick`)
          map.getContainer().classList.add('c-measuring');
        } else {
          map.off('click', onClick); map.getContainer().style.cursor = '';
          measuring = null;
          map.getContainer().classList.remove('c-measuring');
        }
      });
      L.DomEvent.disableClickPropagation(div);
      return div;
    };
    control.addTo(map);
  }
  function box(map, html, position, className) {
    var control = L.control({position: position});
    control.onAdd = function () {
      var div = L.DomUtil.create('div', 'c-box ' + className);
      div.innerHTML = html;
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    control.addTo(map);
  }
  // Every control of a map, once its layers are added: search (over `searchData`),
  // full screen, measuring, point scaling and the small-screen layout.
  function setup(map, searchData) {
    setSearchData(searchData);
    searchControl(map);
    fullscreenControl(map);
    measureControl(map);
    scalePoints(map);
    corridorsLayout.init(map);
  }
  return {setup: setup, layer: layer, weightOf: weightOf, unpack: unpack, popup: popup, tooltip: tooltip, FORMATS: FORMATS,
          scalePoints: scalePoints, pointScale: pointScale, wantLabels: wantLabels, labelText: labelText, index: index, find: find, searchControl: searchControl,
          rank: rank, fold: fold, setSearchData: setSearchData, KIND_RANK: KIND_RANK,
          fullscreenControl: fullscreenControl, measureControl: measureControl, box: box,
          vincenty: vincenty, under: under};
})();
if (typeof module !== 'undefined') { module.exports = corridors; }
