/* global corridors */
var corridorsBasemap = (function () {
  function setBase(map, kind) {
    var c = map.getContainer();
    ["relief", "plain", "tiles"].forEach(function (k) { c.classList.remove("c-base-" + k); });
    c.classList.add("c-base-" + kind);
    if (kind !== "tiles") { tileMessage(map, false); }
  }
  // An online tile layer that cannot load says so, and the offline drawing (countries,
  // water, names) stays under it. Offline, it asks for no tile at all.
  var BLANK = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";
  var TILE_MESSAGE = "Online map tiles cannot load here (no connection, or the tile server " +
    "cannot be reached). The offline map stays drawn; pick \u201cRelief\u201d or " +
    "\u201cPlain\u201d in the layer list for the full offline basemap.";
  function tileMessage(map, show) {
    var c = map.getContainer(), box = c.querySelector(".c-tile-msg");
    if (!show) { if (box) { box.parentNode.removeChild(box); } return; }
    c.classList.remove("c-base-tiles");
    if (box) { return; }
    box = L.DomUtil.create("div", "c-box c-tile-msg", c);
    box.setAttribute("role", "alert");
    box.textContent = TILE_MESSAGE;
    L.DomEvent.disableClickPropagation(box);
  }
  function offline() { return window.navigator && window.navigator.onLine === false; }
  function tiles(map, url, options) {
    var layer = L.tileLayer(url, options), getTileUrl = layer.getTileUrl;
    layer.getTileUrl = function (coords) {
      if (offline()) { tileMessage(map, true); return BLANK; }
      return getTileUrl.call(layer, coords);
    };
    layer.on("tileerror", function () { tileMessage(map, true); });
    return layer;
  }
  function panes(map) {
    [["c-relief", 190], ["c-countries", 250], ["c-water", 300], ["c-admin", 320],
     ["c-labels", 390]].forEach(function (p) {
      var pane = map.createPane(p[0]);
      pane.style.zIndex = p[1];
    });
    map.attributionControl && map.attributionControl.addAttribution(DATA.attribution);
  }
  var KINDS = ["capital", "city", "town", "country", "water", "site", "node"];
  var ANCHORS = ["right", "left", "above", "below", "centre"];
  function label(row) {
    var p = {name: row[0], kind: KINDS[row[1]], lon: row[2], lat: row[3], minzoom: row[4],
             maxzoom: row[5] || 99, anchor: ANCHORS[row[6]]};
    var div = document.createElement("div");
    var span = document.createElement("span");
    span.textContent = p.name;
    div.appendChild(span);
    return L.marker([p.lat, p.lon], {
      pane: "c-labels", interactive: false, keyboard: false,
      icon: L.divIcon({className: "c-pl c-pl-" + p.kind + " c-pl-" + p.anchor, html: div,
                       iconSize: null})
    });
  }
  // A name's box beside its point p, `d` pixels off it (the dot's or marker's radius).
  function box(anchor, p, w, h, d) {
    var e = d - 2;
    if (anchor === "right") { return [p.x + d, p.y - 6, p.x + d + w, p.y - 6 + h]; }
    if (anchor === "left") { return [p.x - d - w, p.y - 6, p.x - d, p.y - 6 + h]; }
    if (anchor === "above") { return [p.x - w / 2, p.y - e - h, p.x + w / 2, p.y - e]; }
    if (anchor === "ne") { return [p.x + e, p.y - e - h, p.x + e + w, p.y - e]; }
    if (anchor === "nw") { return [p.x - e - w, p.y - e - h, p.x - e, p.y - e]; }
    if (anchor === "se") { return [p.x + e, p.y + e, p.x + e + w, p.y + e + h]; }
    if (anchor === "sw") { return [p.x - e - w, p.y + e, p.x - e, p.y + e + h]; }
    return [p.x - w / 2, p.y + e, p.x + w / 2, p.y + e + h];
  }
  // Draw the name on that side (inline, so the offset can follow the marker's size).
  function put(span, anchor, d) {
    var e = d - 2, st = span.style;
    st.left = st.right = st.top = st.bottom = "auto";  // over the class's side
    st.transform = "none";
    var x = {right: ["left", d], left: ["right", d], ne: ["left", e], se: ["left", e],
             nw: ["right", e], sw: ["right", e]}[anchor];
    if (x) { st[x[0]] = x[1] + "px"; } else { st.left = "0"; st.transform = "translateX(-50%)"; }
    if (anchor === "right" || anchor === "left") { st.top = "-6px"; }
    else if (anchor === "above" || anchor === "ne" || anchor === "nw") { st.bottom = e + "px"; }
    else { st.top = e + "px"; }
  }
  function hits(b, boxes) {
    return boxes.some(function (o) {
      return o[0] < b[2] && o[2] > b[0] && o[1] < b[3] && o[3] > b[1];
    });
  }
  // The routes' own markers sit above the names; where one would cover a name, move
  // the name to another side of its dot that is clear of markers and other names.
  function avoidMarkers(map, shown) {
    var marks = [];
    map.eachLayer(function (l) {
      if (l instanceof L.CircleMarker && (l.options.pane || "overlayPane") === "overlayPane") {
        var p = map.latLngToLayerPoint(l.getLatLng());
        var r = l.getRadius() + (l.options.weight || 0) / 2 + 1;
        marks.push([p.x - r, p.y - r, p.x + r, p.y + r]);
      }
    });
    var taken = [];
    shown.forEach(function (it) {
      var icon = it.marker._icon, span = icon && icon.firstChild && icon.firstChild.firstChild;
      if (!span || it.anchor === "centre") { return; }
      var p = map.latLngToLayerPoint(it.marker.getLatLng());
      var w = span.offsetWidth, h = span.offsetHeight, d = it.offset;
      var all = ["right", "left", "above", "below"];
      if (it.site) { all = all.concat(["ne", "nw", "se", "sw"]); }
      var sides = [it.anchor].concat(all.filter(function (a) { return a !== it.anchor; }));
      var clear = sides.filter(function (a) {
        var b = box(a, p, w, h, d);
        return !hits(b, taken) && !hits(b, marks);
      });
      var apart = sides.filter(function (a) { return !hits(box(a, p, w, h, d), taken); });
      var best = clear[0] || apart[0];
      if (!best && !it.keep) { icon.style.display = "none"; return; }
      best = best || it.anchor;
      icon.style.display = "";
      put(span, best, d);
      taken.push(box(best, p, w, h, d));
    });
  }
  // Is (x, y) inside a polygon's rings ([[x, y]...], holes after the outer ring)? Even-odd.
  function inside(x, y, rings) {
    var odd = false;
    rings.forEach(function (ring) {
      for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        var a = ring[i], b = ring[j];
        if ((a[1] > y) !== (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0]) {
          odd = !odd;
        }
      }
    });
    return odd;
  }
  // A point of the view [west, south, east, north] inside a country (its polygons), the
  // one nearest the view's centre on a 9 x 9 grid, or null where the country is not in view.
  // `clear(x, y)`, optional, rules out points (near another name); if none is clear, the
  // nearest to the centre is taken all the same.
  function pointInView(view, polygons, clear) {
    return (clear && nearest(view, polygons, clear)) || nearest(view, polygons, null);
  }
  function nearest(view, polygons, only) {
    var best = null, bestD = Infinity, cx = (view[0] + view[2]) / 2, cy = (view[1] + view[3]) / 2;
    for (var i = 1; i < 10; i++) {
      for (var j = 1; j < 10; j++) {
        var x = view[0] + (view[2] - view[0]) * i / 10, y = view[1] + (view[3] - view[1]) * j / 10;
        var d = Math.pow((x - cx) / (view[2] - view[0]), 2) + Math.pow((y - cy) / (view[3] - view[1]), 2);
        if (d < bestD && (!only || only(x, y)) &&
            polygons.some(function (rings) { return inside(x, y, rings); })) {
          best = [x, y];
          bestD = d;
        }
      }
    }
    return best;
  }
  // Past the zoom where the basemap's own country names stop (COUNTRY_ZOOM), every
  // country in view is named at a point of it inside the view.
  var COUNTRY_ZOOM = 6;
  function countryNames(map, layer, names) {
    layer.clearLayers();
    if (map.getZoom() <= COUNTRY_ZOOM || !COUNTRIES) { return; }
    var b = map.getBounds().pad(-0.08);
    var view = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    var others = (names || []).map(function (ll) { return map.latLngToContainerPoint(ll); });
    function clear(x, y) {  // no other name within 70 px across and 18 px up or down
      var p = map.latLngToContainerPoint([y, x]);
      return !others.some(function (o) { return Math.abs(o.x - p.x) < 70 && Math.abs(o.y - p.y) < 18; });
    }
    COUNTRIES.forEach(function (f) {
      var g = f.geometry, polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
      var at = pointInView(view, polygons, clear);
      if (!at) { return; }
      var div = document.createElement("div"), span = document.createElement("span");
      span.textContent = f.properties.name;
      div.appendChild(span);
      layer.addLayer(L.marker([at[1], at[0]], {
        pane: "c-labels", interactive: false, keyboard: false,
        icon: L.divIcon({className: "c-pl c-pl-country c-pl-centre", html: div, iconSize: null})
      }));
    });
  }
  // The relief is a 1 km image (about 30 px a degree), drawn 3 times its size at zoom 7 and
  // 6 times at 8, where it turns to a grey smear: past 7 it fades to the plain basemap
  // (0.4 at 8, gone from 9 on, where the close-up reads on the plain basemap).
  function reliefOpacity(zoom) { return zoom <= 7 ? 1 : Math.max(0, 1 - (zoom - 7) * 0.6); }
  function fadeRelief(map) {
    var o = reliefOpacity(map.getZoom()), pane = map.getPane("c-relief");
    if (pane) { pane.style.opacity = String(o); }
    map.getContainer().classList.toggle("c-relief-faded", o < 0.5);
  }
  function labels(map, list) {
    var group = L.layerGroup(), named = L.layerGroup().addTo(group);
    var items = list.map(function (row) {
      return {min: row[4], max: row[5] || 99, anchor: ANCHORS[row[6]], site: row[1] >= 5,
              keep: row[1] === 5, offset: row[7] || 6, marker: label(row)};
    });
    function update() {
      if (!map.hasLayer(group)) { return; }
      var z = map.getZoom();
      items.forEach(function (it) {
        var show = z >= it.min && z <= it.max;
        if (show && !group.hasLayer(it.marker)) { group.addLayer(it.marker); }
        if (!show && group.hasLayer(it.marker)) { group.removeLayer(it.marker); }
      });
      countryNames(map, named, shownAt());
      avoidMarkers(map, items.filter(function (it) { return group.hasLayer(it.marker); }));
    }
    map.on("zoomend", update);
    function shownAt() {
      return items.filter(function (it) { return group.hasLayer(it.marker); })
        .map(function (it) { return it.marker.getLatLng(); });
    }
    map.on("moveend", function () { if (map.hasLayer(group)) { countryNames(map, named, shownAt()); } });
    group.on("add", function () { setTimeout(update, 0); });
    group.update = update;
    return group;
  }
  // Panels never have to cover the map: the layer list folds away (its icon opens
  // it again) and on a narrow screen the list and the legend and information
  // panels start folded.
  function compact(map) {
    var c = map.getContainer();
    var control = c.querySelector(".leaflet-control-layers");
    if (control && !control.querySelector(".c-fold")) {
      var fold = document.createElement("button");
      fold.type = "button";
      fold.className = "c-fold";
      fold.title = "Fold the layer list (the layers icon opens it again)";
      fold.textContent = "\u2715";
      fold.addEventListener("click", function (e) {
        L.DomEvent.stop(e);
        control.classList.remove("leaflet-control-layers-expanded");
      });
      var list = control.querySelector(".leaflet-control-layers-list");
      (list || control).insertBefore(fold, (list || control).firstChild);
    }
    if (c.clientWidth < NARROW_PX) {
      if (control) { control.classList.remove("leaflet-control-layers-expanded"); }
      c.querySelectorAll(".c-legend details, .c-info details").forEach(function (d) {
        d.open = false;
      });
      return;
    }
    // On a wide screen, an open information panel that covers one of the routes'
    // markers at the initial view starts folded (its title stays, one click opens it).
    var outer = c.getBoundingClientRect();
    var points = [];
    map.eachLayer(function (l) {
      if (l instanceof L.CircleMarker && (l.options.pane || "overlayPane") === "overlayPane") {
        var p = map.latLngToContainerPoint(l.getLatLng());
        points.push([p.x + outer.left, p.y + outer.top]);
      }
    });
    c.querySelectorAll(".c-info details[open]").forEach(function (d) {
      var r = d.getBoundingClientRect();
      var covers = points.some(function (p) {
        return p[0] >= r.left && p[0] <= r.right && p[1] >= r.top && p[1] <= r.bottom;
      });
      if (covers) { d.open = false; }
    });
  }
  // The offline base layers, from the data `init` was given.
  function relief() {
    return L.layerGroup(DATA.relief.map(function (r) {
      return L.imageOverlay(r.url, r.bounds, {pane: "c-relief", interactive: false});
    }));
  }
  // The country polygons: a packed layer (`corridors.maps.layers.feature_collection`).
  function countries(decimals) {
    var d = corridors.unpack(DATA.countries, decimals);
    COUNTRIES = d.features;
    return L.geoJSON(d, {pane: "c-countries", interactive: false, style: function (f) {
      return (d.bundles[f.properties.b] || {}).style || {};
    }});
  }
  // Lakes, coast and rivers, and the faint first-level boundaries.
  function waterStyle(f) {
    var c = f.properties.c;
    if (c.indexOf("lake") === 0) {
      return {className: "c-water " + c, color: "#5b93c2", weight: 0.6, fillColor: "#a9cbe6",
              fillOpacity: 1};
    }
    return {className: "c-" + c, color: "#5b93c2", weight: c === "river" ? 1.1 : 0.8,
            opacity: 0.9, fill: false};
  }
  function water() {
    return L.featureGroup([
      L.geoJSON(DATA.water, {pane: "c-water", interactive: false, style: waterStyle}),
      L.geoJSON(DATA.admin, {pane: "c-admin", interactive: false,
                             style: {className: "c-admin1", color: "#8c7b8f", weight: 0.8,
                                     opacity: 0.55, dashArray: "4 3", fill: false}})
    ]);
  }
  var NARROW_PX = 700;
  var DATA = null, COUNTRIES = null;
  return {
    init: function (map, data) {
      DATA = data;
      panes(map);
      map.on("zoomend", function () { fadeRelief(map); });
      map.whenReady(function () { fadeRelief(map); });
      setTimeout(function () { compact(map); }, 0);
    },
    data: function () { return DATA; },
    setBase: setBase, tiles: tiles, labels: labels, relief: relief, countries: countries, water: water,
    waterStyle: waterStyle, inside: inside, pointInView: pointInView,
    reliefOpacity: reliefOpacity
  };
})();
if (typeof module !== 'undefined') { module.exports = corridorsBasemap; }
