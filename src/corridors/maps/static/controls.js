var corridors = (function () {
  var entries = [];
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
    function row(label, wrap) {  // labels from the data may be long: they wrap
      var tr = el('tr', null, table);
      el('th', wrap ? 'c-wrap' : null, tr).textContent = label;
      return el('td', null, tr);
    }
    rows.forEach(function (r) {
      var v = p[r.field];
      if (!present(v)) { return; }
      if (r.format === 'sourced') {  // one row per item: [label, text, source title, url]
        v.forEach(function (item) {
          var td = row(item[0] || r.label, Boolean(item[0]));
          text(td, item[1] + ' – ');
          link(td, item[3], item[2]);
        });
        return;
      }
      (FORMATS[r.format] || FORMATS.text)(row(r.label), v, p, r);
    });
    var sources = el('div', 'c-sources', box);
    el('b', null, sources).textContent = 'Sources';
    var list = el('ol', null, sources);
    (p.sources || []).forEach(function (s) {
      var li = el('li', null, list);
      link(li, s[1], s[0]);
      if (s[2]) { note(li, '(' + s[2] + ')'); }
    });
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
    return L.geoJSON(data, {
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
        l.bindTooltip(tooltip, {sticky: true});
      },
      bubblingMouseEvents: false
    });
  }
  // Point markers shrink when zoomed out (full size from zoom 7, half size at zoom 4 or
  // less), and two markers that still overlap get their names as labels, the western one
  // to the left and the other to the right: Aktau and Kuryk, 65 km apart, stay apart on
  // the overview. Markers less than 3 px apart are one spot at that zoom and stay unlabelled.
  function pointScale(zoom) { return Math.min(1, Math.max(0.5, 0.5 + (zoom - 4) / 6)); }
  function scalePoints(map) {
    var labels = L.layerGroup().addTo(map);
    function label(marker, direction) {
      var tip = L.tooltip({permanent: true, direction: direction,
                           className: 'c-label f-' + marker.feature.properties.id + '-label',
                           interactive: false, offset: [direction === 'left' ? -4 : 4, 0]});
      tip.setLatLng(marker.getLatLng());
      tip.setContent(document.createTextNode(marker.feature.properties.name));
      labels.addLayer(tip);
    }
    function apply() {
      var f = pointScale(map.getZoom()), points = [];
      labels.clearLayers();
      map.eachLayer(function (l) {
        if (!(l.options && l.options.baseRadius)) { return; }
        l.setRadius(l.options.baseRadius * f);
        if (l.feature) { points.push({layer: l, xy: map.latLngToLayerPoint(l.getLatLng())}); }
      });
      if (points.length > 500) { return; }  // pairwise check: small point layers only
      var labelled = {};
      for (var i = 0; i < points.length; i++) {
        for (var j = i + 1; j < points.length; j++) {
          var a = points[i], b = points[j];
          var reach = a.layer.getRadius() + b.layer.getRadius() + 2;
          var d = a.xy.distanceTo(b.xy);
          // Closer than 3 px: one spot at this zoom (e.g. the Khorgos complex); zoom in.
          if (d < 3 || d >= reach) { continue; }
          var west = a.xy.x <= b.xy.x ? a : b, east = west === a ? b : a;
          [[west, 'left'], [east, 'right']].forEach(function (pair) {
            var id = L.stamp(pair[0].layer);
            if (!labelled[id]) { labelled[id] = true; label(pair[0].layer, pair[1]); }
          });
        }
      }
    }
    map.on('zoomend overlayadd overlayremove', apply);
    map.whenReady(apply);
  }
  function index(group) {
    group.eachLayer(function (layer) {
      var p = layer.feature && layer.feature.properties;
      // A route's schematic piece opens the same popup; search finds its main piece.
      if (p && p.name && !p.part) { entries.push({name: p.name, id: p.id, layer: layer, group: group}); }
    });
  }
  function find(text) {
    var q = text.trim().toLowerCase();
    if (!q) { return null; }
    var exact = entries.filter(function (e) { return e.name.toLowerCase() === q || e.id === q; });
    if (exact.length) { return exact[0]; }
    var part = entries.filter(function (e) { return e.name.toLowerCase().indexOf(q) >= 0; });
    return part.length ? part[0] : null;
  }
  function show(map, entry) {
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
      div.innerHTML = '<input type="search" id="corridors-search" placeholder="Search features by name" ' +
        'aria-label="Search features by name" list="' + list + '"><datalist id="' + list +
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
        msg.textContent = entry ? '' : (input.value ? 'No feature named "' + input.value + '"' : '');
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
        } else {
          map.off('click', onClick); map.getContainer().style.cursor = '';
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
  return {layer: layer, unpack: unpack, popup: popup, tooltip: tooltip, FORMATS: FORMATS,
          scalePoints: scalePoints, pointScale: pointScale, index: index, find: find, searchControl: searchControl,
          fullscreenControl: fullscreenControl, measureControl: measureControl, box: box,
          vincenty: vincenty};
})();
if (typeof module !== 'undefined') { module.exports = corridors; }
