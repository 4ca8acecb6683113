// The page's layout from a 360 px phone up: the opening view fitted to the data, the
// panels folded into one control on a narrow screen, the attribution kept clear of
// the controls, and name labels that never pile up (`place`, used by controls.js).
var corridorsLayout = (function () {
  var NARROW_PX = 700;
  // The panels a narrow screen folds into one control (any `c-panel` box too).
  var PANELS = ['.leaflet-control-layers', '.c-calc', '.c-timeline', '.c-info', '.c-legend',
                '.c-panel'];

  // The paddings (px, [x, y]) of the opening view: on a narrow screen the panels are
  // folded, so only a margin (and the top controls' and the bottom line's height) is
  // kept; elsewhere a map's own paddings, never more than 60 % of the width or height.
  function padding(width, height, topLeft, bottomRight) {
    if (width < NARROW_PX) { return {topLeft: [10, 50], bottomRight: [10, 40]}; }
    var fx = Math.min(1, 0.6 * width / Math.max(1, topLeft[0] + bottomRight[0]));
    var fy = Math.min(1, 0.6 * height / Math.max(1, topLeft[1] + bottomRight[1]));
    return {topLeft: [topLeft[0] * fx, topLeft[1] * fy],
            bottomRight: [bottomRight[0] * fx, bottomRight[1] * fy]};
  }
  function fitView(map, o) {
    var size = map.getSize(), pad = padding(size.x, size.y, o.topLeft, o.bottomRight);
    var options = {paddingTopLeft: pad.topLeft, paddingBottomRight: pad.bottomRight};
    if (o.maxZoom !== null && o.maxZoom !== undefined) { options.maxZoom = o.maxZoom; }
    map.fitBounds(o.bounds, options);
  }

  // Greedy label placement. Each item: {x, y, w, h, r (the marker's radius), rank
  // (lower first), sides (preferred first: 'right', 'left', 'above', 'below')}; `obstacles`
  // are boxes [x0, y0, x1, y1] no name may cover (the markers); a name stays within `view`
  // (a box, optional: a side cut by the screen's edge is not taken). Returns, per item in the
  // given order, the side its name goes on, or null where every side would collide.
  function labelBox(side, it) {
    var g = it.r + 3;
    if (side === 'right') { return [it.x + g, it.y - it.h / 2, it.x + g + it.w, it.y + it.h / 2]; }
    if (side === 'left') { return [it.x - g - it.w, it.y - it.h / 2, it.x - g, it.y + it.h / 2]; }
    if (side === 'above') { return [it.x - it.w / 2, it.y - g - it.h, it.x + it.w / 2, it.y - g]; }
    return [it.x - it.w / 2, it.y + g, it.x + it.w / 2, it.y + g + it.h];
  }
  function overlaps(a, b) { return a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1]; }
  function within(a, v) { return !v || (a[0] >= v[0] && a[1] >= v[1] && a[2] <= v[2] && a[3] <= v[3]); }
  function place(items, obstacles, view) {
    var order = items.map(function (it, i) { return i; });
    order.sort(function (a, b) { return (items[a].rank - items[b].rank) || (a - b); });
    var taken = [], out = items.map(function () { return null; });
    order.forEach(function (i) {
      var it = items[i];
      var own = [it.x - it.r, it.y - it.r, it.x + it.r, it.y + it.r];
      var blocks = obstacles.filter(function (o) { return !(o[0] === own[0] && o[1] === own[1] &&
                                                            o[2] === own[2] && o[3] === own[3]); });
      for (var s = 0; s < it.sides.length; s++) {
        var b = labelBox(it.sides[s], it);
        var hit = !within(b, view) || taken.some(function (t) { return overlaps(b, t); }) ||
                  blocks.some(function (o) { return overlaps(b, o); });
        if (!hit) { out[i] = it.sides[s]; taken.push(b); return; }
      }
    });
    return out;
  }

  // One button ("Layers and key") holds the layer list, legend, calculator, context
  // panel and timeline on a narrow screen; on a wide one they stay in their corners.
  function drawer(map) {
    var c = map.getContainer(), moved = [];
    var sheet = L.DomUtil.create('div', 'c-drawer', c);
    sheet.setAttribute('role', 'dialog');
    sheet.setAttribute('aria-label', 'Layers, key and panels');
    var head = L.DomUtil.create('div', 'c-drawer-head', sheet);
    head.appendChild(document.createTextNode('Layers, key and panels'));
    var close = L.DomUtil.create('button', 'c-drawer-close', head);
    close.type = 'button';
    close.title = 'Close';
    close.setAttribute('aria-label', 'Close the panels');
    close.textContent = '\u2715';
    var body = L.DomUtil.create('div', 'c-drawer-body', sheet);
    L.DomEvent.disableClickPropagation(sheet);
    L.DomEvent.disableScrollPropagation(sheet);
    var control = L.control({position: 'topright'});
    var button;
    control.onAdd = function () {
      var div = L.DomUtil.create('div', 'leaflet-bar c-drawer-open');
      button = L.DomUtil.create('button', 'c-btn', div);
      button.type = 'button';
      button.title = 'Layers, key and panels';
      button.setAttribute('aria-label', 'Open the layers, key and panels');
      button.setAttribute('aria-expanded', 'false');
      button.innerHTML = '<svg width="18" height="16" viewBox="0 0 18 16" aria-hidden="true">' +
        '<path d="M1 2h16M1 8h16M1 14h16" stroke="#222" stroke-width="2"/></svg>';
      L.DomEvent.disableClickPropagation(div);
      return div;
    };
    function show(open) {
      c.classList.toggle('c-drawer-shown', open);
      if (button) { button.setAttribute('aria-expanded', String(open)); }
    }
    L.DomEvent.on(close, 'click', function (ev) { L.DomEvent.stop(ev); show(false); });
    function fold() {
      PANELS.forEach(function (sel) {
        c.querySelectorAll('.leaflet-control-container ' + sel).forEach(function (el) {
          if (el.closest('.c-drawer')) { return; }
          moved.push({el: el, parent: el.parentNode, next: el.nextSibling});
          body.appendChild(el);
        });
      });
      c.classList.add('c-narrow');
      control.addTo(map);
      L.DomEvent.on(button, 'click', function (ev) {
        L.DomEvent.stop(ev);
        show(!c.classList.contains('c-drawer-shown'));
      });
    }
    function unfold() {
      moved.reverse().forEach(function (m) { m.parent.insertBefore(m.el, m.next); });
      moved = [];
      show(false);
      c.classList.remove('c-narrow');
      control.remove();
    }
    function arrange() {
      var narrow = c.clientWidth < NARROW_PX;
      if (narrow && !moved.length) { fold(); } else if (!narrow && moved.length) { unfold(); }
      attribution(map);
    }
    map.on('resize', arrange);
    arrange();
  }

  // The attribution keeps to one line where it fits; where it would cover another control
  // it folds to a small (c) button that opens it.
  function attribution(map) {
    var c = map.getContainer(), a = c.querySelector('.leaflet-control-attribution');
    if (!a) { return; }
    if (!a.corridorsFold) {
      a.corridorsFold = true;
      a.title = 'Map data and credits';
      L.DomEvent.on(a, 'click', function (ev) {
        if (!a.classList.contains('c-attr-folded')) { return; }
        if (ev.target.tagName === 'A' && a.classList.contains('c-open')) { return; }
        L.DomEvent.stop(ev);
        a.classList.toggle('c-open');
      });
    }
    a.classList.remove('c-attr-folded', 'c-open');
    var r = a.getBoundingClientRect();
    var covers = Array.prototype.some.call(
      c.querySelectorAll('.leaflet-control-container .leaflet-control'), function (el) {
        if (el === a) { return false; }
        var o = el.getBoundingClientRect();
        return o.width > 0 && overlaps([r.left, r.top, r.right, r.bottom],
                                       [o.left, o.top, o.right, o.bottom]);
      });
    if (covers || r.height > 24) { a.classList.add('c-attr-folded'); }
  }

  function init(map) {
    // After every script of the page: the calculator and timeline come after the controls.
    setTimeout(function () { drawer(map); }, 0);
  }
  return {NARROW_PX: NARROW_PX, padding: padding, fitView: fitView, place: place,
          labelBox: labelBox, init: init, attribution: attribution};
})();
if (typeof module !== 'undefined') { module.exports = corridorsLayout; }
