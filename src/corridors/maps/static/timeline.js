var corridorsTimeline = (function () {
  /* global corridorsGrammar, corridors */
  // How a feature stands in `year`, from its year marks (corridors.years.year_marks:
  // o opened, s first step before opening, b construction started, e / l earliest /
  // latest year a source expects the opening, p first year a source said so, c cancelled
  // or closed) and the data's as-of year `today`:
  //   'open'      opened by then (a fact);
  //   'expected'  after today, every source expects it open by then;
  //   'earliest'  after today, only the earliest source expects it open by then;
  //   'building'  being built then (construction started);
  //   'planned'   planned then;
  //   'hidden'    not yet in the data's history (or closed, cancelled).
  function stateAt(m, year, today) {
    if (m.c !== undefined && m.c <= year) { return 'hidden'; }
    if (m.o !== undefined && m.o <= year) { return 'open'; }
    if (year > today && m.e !== undefined) {
      if (m.l <= year) { return 'expected'; }
      if (m.e <= year) { return 'earliest'; }
    }
    if (m.b !== undefined && m.b <= year) { return 'building'; }
    if (m.s !== undefined && m.s <= year) { return 'planned'; }
    if (m.p !== undefined && m.p <= year) { return 'planned'; }
    if (m.o === undefined && m.e !== undefined && year >= today) { return 'planned'; }
    return 'hidden';
  }
  var STATES = ['hidden', 'building', 'planned', 'expected', 'earliest'];
  // The ids in each state other than 'open' in `year` (in the order of `marks`).
  function statesAt(marks, year, today) {
    var out = {};
    STATES.forEach(function (s) { out[s] = []; });
    Object.keys(marks).forEach(function (id) {
      var state = stateAt(marks[id], year, today);
      if (state !== 'open') { out[state].push(id); }
    });
    return out;
  }
  // The ids not shown at all in `year`.
  function hiddenAt(marks, year, today) {
    return statesAt(marks, year, today).hidden;
  }
  function selector(ids, suffix) {
    return ids.map(function (id) { return '.f-' + id + suffix; }).join(',');
  }
  var LABEL = {building: '{opacity:.75}', planned: '{opacity:.6}',
               expected: '{opacity:.75;font-style:italic}',
               earliest: '{opacity:.55;font-style:italic}'};
  // The style rules of a year, drawn by the maps' grammar `g` (corridors.maps.grammar):
  // hidden features (and the labels of their points) not shown; the others with the
  // pattern and opacity of the status they have then (being built: long dashes; planned
  // or expected open: dots), the pattern scaled to each line's width (`weightOf(id)`).
  function rules(states, g, weightOf) {
    var out = [];
    if (states.hidden.length) {
      out.push(selector(states.hidden, '') + ',' + selector(states.hidden, '-label') +
        '{display:none}');
    }
    STATES.slice(1).forEach(function (state) {
      var ids = states[state] || [];
      if (!ids.length) { return; }
      var status = g.stateStatus[state], byWeight = {};
      ids.forEach(function (id) {
        var w = weightOf(id);
        (byWeight[w] = byWeight[w] || []).push(id);
      });
      Object.keys(byWeight).sort(function (a, b) { return a - b; }).forEach(function (w) {
        var dash = corridorsGrammar.dash(g, status, Number(w));
        out.push(selector(byWeight[w], '') + '{stroke-dasharray:' + (dash || 'none') +
          ';stroke-opacity:' + g.opacity[state] + ';fill-opacity:' +
          Math.min(g.opacity[state], 0.5) + '}');
      });
      out.push(selector(ids, '-label') + LABEL[state]);
    });
    return out.join('\n');
  }
  // Kept for the one-argument use: the rule that hides `ids` and their labels.
  function hideRule(ids) {
    return ids.length ? selector(ids, '') + ',' + selector(ids, '-label') + '{display:none}' : '';
  }
  // The steps of `year` (each [year, date, id, name, change, expected, source, url] and
  // 'read at <copy host>' ninth when only a copy of the source could be read).
  function changesIn(steps, year) {
    return steps.filter(function (s) { return s[0] === year; });
  }
  function changeItem(step) {
    var li = document.createElement('li');
    var what = step[5] ? 'expected: ' + step[4] : step[4];
    li.appendChild(document.createTextNode(step[1] + ' – ' + step[3] + ': ' + what + ' ('));
    var src = document.createElement(step[7] ? 'a' : 'span');
    src.textContent = step[6] || 'source';
    if (step[7] && /^https?:\/\//.test(step[7])) {
      src.href = step[7];
      src.target = '_blank';
      src.rel = 'noopener noreferrer';
    }
    li.appendChild(src);
    if (step[8]) { li.appendChild(document.createTextNode(', ' + step[8])); }  // a copy read
    li.appendChild(document.createTextNode(')'));
    li.setAttribute('data-id', step[2]);
    if (step[5]) { li.className = 'c-expected'; }
    return li;
  }
  function timeline(map, data, html, g) {
    var rule = document.createElement('style');
    document.head.appendChild(rule);
    var control = L.control({position: 'bottomleft'});
    var div, slider, label, count, list;
    function apply(year) {
      var states = statesAt(data.marks, year, data.today), byId = {};
      rule.textContent = rules(states, g, corridors.weightOf);
      STATES.forEach(function (s) { states[s].forEach(function (id) { byId[id] = s; }); });
      map.corridorsStates = byId;
      label.textContent = String(year) + (year === data.today ? ' (today)' :
        year > data.today ? ' (expected)' : '');
      var ahead = states.expected.length + states.earliest.length;
      count.textContent = (states.hidden.length ?
        states.hidden.length + ' dated feature(s) not yet open are hidden. ' : '') +
        (states.building.length ? states.building.length + ' being built (dashed). ' : '') +
        (states.planned.length ? states.planned.length + ' planned (dotted). ' : '') +
        (ahead ? ahead + ' expected open by then (dotted; fainter if only the earliest ' +
          'source expects it).' : '') +
        (year > data.today || states.hidden.length + states.building.length +
          states.planned.length ? '' : 'Every dated feature is open.');
      var changes = changesIn(data.steps, year);
      list.textContent = '';
      changes.forEach(function (step) { list.appendChild(changeItem(step)); });
      if (!changes.length) {
        var none = document.createElement('li');
        none.textContent = 'No dated change in ' + year + '.';
        list.appendChild(none);
      }
      div.setAttribute('data-year', String(year));
      div.setAttribute('data-hidden', states.hidden.join(' '));
      div.setAttribute('data-planned', states.building.concat(states.planned).join(' '));
      div.setAttribute('data-expected', states.expected.concat(states.earliest).join(' '));
      map.fire('corridorsyear', {year: year});
    }
    control.onAdd = function () {
      div = L.DomUtil.create('div', 'c-box c-timeline');
      div.innerHTML = html;
      slider = div.querySelector('input');
      label = div.querySelector('.c-year');
      count = div.querySelector('.c-count');
      list = div.querySelector('.c-changes');
      slider.addEventListener('input', function () { apply(Number(slider.value)); });
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    control.addTo(map);
    apply(Number(slider.value));
    return {
      apply: apply,
      hiddenAt: function (year) { return hiddenAt(data.marks, year, data.today); },
    };
  }
  timeline.stateAt = stateAt;
  timeline.statesAt = statesAt;
  timeline.hiddenAt = hiddenAt;
  timeline.rules = rules;
  timeline.hideRule = hideRule;
  timeline.changesIn = changesIn;
  return timeline;
})();
if (typeof module !== 'undefined') { module.exports = corridorsTimeline; }
