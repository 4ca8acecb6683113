/* global corridors */
var corridorsBasemap = (function () {
  function setBase(map, kind) {
    var c = map.getContainer();
    ["relief", "plain", "tiles"].forEach(function (k) { c.classList.remove("c-base-" + k); });
    c.classList.add("c-base-" + kind);
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
  function labels(map, list) {
    var group = L.layerGroup();
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
      avoidMarkers(map, items.filter(function (it) { return group.hasLayer(it.marker); }));
    }
    map.on("zoomend", update);
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
  var DATA = null;
  return {
    init: function (map, data) {
      DATA = data;
      panes(map);
      setTimeout(function () { compact(map); }, 0);
    },
    data: function () { return DATA; },
    setBase: setBase, labels: labels, relief: relief, countries: countries, water: water,
    waterStyle: waterStyle
  };
})();
if (typeof module !== 'undefined') { module.exports = corridorsBasemap; }
