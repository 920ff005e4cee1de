/*
 * The figures behind the story (indicators) and the claims of the sources, for the agreement chosen in the
 * dashboard. A panel of its own (section#figures in index.html), kept apart from dashboard.js: it reads the
 * token from sessionStorage (as dashboard.js keeps it) and the agreement, asOf and knownAt from the URL
 * fragment, and asks GET /agreements/{id}/indicators and /claims with the same question. Claims are shown
 * apart from the facts; a source without a named publisher reads "publisher not stated".
 */
(function () {
  'use strict';

  var TOKEN_KEY = 'negotiation-tracker.token';
  var QUALIFIER = { EXACT: '', ABOUT: 'about ', MORE_THAN: 'more than ', LESS_THAN: 'less than ' };
  var KIND = { OFFICIAL: 'official', NEWS: 'news', OPINION: 'opinion', ANALYST: 'analysts\' own' };
  var shownFor = null;
  var seq = 0;

  function $(id) { return document.getElementById(id); }

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text != null) n.textContent = text;
    return n;
  }

  function group3(digits) { return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ','); }

  /** "24500000000" → "24,500,000,000"; keeps the decimals as given (an exact decimal string). */
  function fmtNumber(value) {
    var neg = value.charAt(0) === '-';
    var parts = (neg ? value.slice(1) : value).split('.');
    return (neg ? '−' : '') + group3(parts[0]) + (parts[1] ? '.' + parts[1] : '');
  }

  function fmtValue(i) {
    var q = QUALIFIER[i.qualifier] || '';
    var n = fmtNumber(i.value);
    if (i.unit === 'money') return q + n + ' ' + (i.currency || '');
    if (i.unit === 'percent') return q + n + ' %';
    if (i.unit === 'rank') return 'rank ' + n;
    return q + n + ' ' + i.unit;
  }

  function sourceText(s) {
    return s.title + ' — ' + (s.publisherText || s.publisher || 'publisher not stated')
      + (s.published ? ', ' + s.published : '') + ' (' + (KIND[s.kind] || s.kind) + ')';
  }

  function question() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ''));
    var q = new URLSearchParams();
    if (params.get('asOf')) q.set('asOf', params.get('asOf'));
    if (params.get('knownAt')) q.set('knownAt', params.get('knownAt'));
    return { id: params.get('agreement'), query: q.toString() ? '?' + q.toString() : '' };
  }

  function api(path, token) {
    return fetch(path, { headers: { 'Authorization': 'Bearer ' + token, 'Accept': 'application/json' }, cache: 'no-store' })
      .then(function (res) {
        return res.json().then(function (b) { return { ok: res.ok, body: b }; });
      });
  }

  function renderIndicators(list) {
    var body = $('indicator-table').querySelector('tbody');
    body.textContent = '';
    list.forEach(function (i) {
      var tr = el('tr');
      tr.appendChild(el('td', null, i.name));
      tr.appendChild(el('td', 'num', fmtValue(i)));
      tr.appendChild(el('td', null, i.period ? i.period.text : ''));
      tr.appendChild(el('td', null, i.scope));
      var src = el('td');
      var ul = el('ul', 'sources');
      (i.sources || []).forEach(function (s) { ul.appendChild(el('li', 'source-' + s.kind, sourceText(s))); });
      src.appendChild(ul);
      if (i.correctedBy) src.appendChild(el('p', 'hint', 'Corrected (v' + i.correctedBy + ')' + (i.correctionReason ? ': ' + i.correctionReason : '')));
      tr.appendChild(src);
      body.appendChild(tr);
    });
    $('indicator-table').hidden = list.length === 0;
    $('indicators-empty').hidden = list.length !== 0;
  }

  function renderClaims(list) {
    var ul = $('claim-list');
    ul.textContent = '';
    list.forEach(function (c) {
      var li = el('li', 'claim');
      li.appendChild(el('q', null, c.statement));
      li.appendChild(el('p', 'attribution', 'Claimed by: ' + sourceText(c.attributedTo)
        + (c.madeOn ? ', ' + c.madeOn.text : '')));
      ul.appendChild(li);
    });
    $('claims-empty').hidden = list.length !== 0;
  }

  function refresh() {
    var token = sessionStorage.getItem(TOKEN_KEY);
    var q = question();
    var key = token && q.id ? q.id + q.query + token.length : null;
    if (key === shownFor) return;
    shownFor = key;
    var panel = $('figures');
    if (!panel) return;
    if (!key) { panel.hidden = true; return; }
    var mine = ++seq;
    var base = 'agreements/' + encodeURIComponent(q.id);
    Promise.all([api(base + '/indicators' + q.query, token), api(base + '/claims' + q.query, token)]).then(function (rs) {
      if (mine !== seq) return;
      if (!rs[0].ok || !rs[1].ok) { panel.hidden = true; shownFor = null; return; }
      renderIndicators(rs[0].body.indicators || []);
      renderClaims(rs[1].body.claims || []);
      panel.hidden = false;
    }).catch(function () { if (mine === seq) { panel.hidden = true; shownFor = null; } });
  }

  document.addEventListener('DOMContentLoaded', function () {
    refresh();
    // dashboard.js keeps agreement, asOf and knownAt in the fragment with history.replaceState (no event)
    window.setInterval(refresh, 700);
    window.addEventListener('hashchange', refresh);
  });
})();
