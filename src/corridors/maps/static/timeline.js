var corridorsTimeline = function (map, data, html) {
  var rule = document.createElement('style');
  document.head.appendChild(rule);
  var control = L.control({position: 'bottomleft'});
  var div, slider, label, count;
  function hiddenAt(year) {
    return Object.keys(data.opened).filter(function (id) { return data.opened[id] > year; });
  }
  function apply(year) {
    var hidden = hiddenAt(year);
    rule.textContent = hidden.length ?
      hidden.map(function (id) { return '.f-' + id + ',.f-' + id + '-label'; }).join(',') +
      '{display:none}' : '';
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
  return {apply: apply, hiddenAt: hiddenAt};
};
