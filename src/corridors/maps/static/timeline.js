var corridorsTimeline = (function () {
  // The ids of the dated features not yet open in `year` (opened after it), in the
  // order of `opened` (feature id -> year, as `corridors.maps.timeline.timeline_data`).
  function hiddenAt(opened, year) {
    return Object.keys(opened).filter(function (id) { return opened[id] > year; });
  }
  // The one style rule that hides those features and the name labels of their points.
  function hideRule(ids) {
    return ids.length ?
      ids.map(function (id) { return '.f-' + id + ',.f-' + id + '-label'; }).join(',') +
      '{display:none}' : '';
  }
  function timeline(map, data, html) {
    var rule = document.createElement('style');
    document.head.appendChild(rule);
    var control = L.control({position: 'bottomleft'});
    var div, slider, label, count;
    function apply(year) {
      var hidden = hiddenAt(data.opened, year);
      rule.textContent = hideRule(hidden);
      label.textContent = String(year);
      count.textContent = hidden.length ?
        hidden.length + ' dated feature(s) not yet open are hidden.' :
        'Every dated feature is open: the network as it stands today.';
      div.setAttribute('data-year', String(year));
      div.setAttribute('data-hidden', hidden.join(' '));
    }
    control.onAdd = function () {
      div = L.DomUtil.create('div', 'c-box c-timeline');
      div.innerHTML = html;
      slider = div.querySelector('input');
      label = div.querySelector('.c-year');
      count = div.querySelector('.c-count');
      slider.addEventListener('input', function () { apply(Number(slider.value)); });
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    control.addTo(map);
    apply(Number(slider.value));
    return {apply: apply, hiddenAt: function (year) { return hiddenAt(data.opened, year); }};
  }
  timeline.hiddenAt = hiddenAt;
  timeline.hideRule = hideRule;
  return timeline;
})();
if (typeof module !== 'undefined') { module.exports = corridorsTimeline; }
