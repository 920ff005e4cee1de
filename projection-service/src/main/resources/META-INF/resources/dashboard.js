/*
 * Analyst dashboard of the projection service: plain JavaScript, no framework, no build step, nothing
 * loaded from elsewhere. It reads the REST API with a bearer token pasted into the sign-in form and kept in
 * sessionStorage (never in the address bar or the history), and follows the selected agreement's status over
 * Server-Sent Events read with fetch (EventSource cannot send an Authorization header). The address keeps what
 * is shown (agreement, asOf, knownAt, the list's filters) in its fragment, so a link opens the same view.
 */
(function () {
  'use strict';

  var STAGES = ['OPENED', 'LEADERS_ENGAGED', 'MOU_SIGNED', 'COMMITTEE_FORMED', 'IMPLEMENTATION', 'CONCLUDED'];
  var STAGE_LABEL = {
    OPENED: 'Opened', LEADERS_ENGAGED: 'Leaders engaged', MOU_SIGNED: 'MOU signed',
    COMMITTEE_FORMED: 'Committee formed', IMPLEMENTATION: 'Implementation', CONCLUDED: 'Concluded',
    STALLED: 'Stalled', TERMINATED: 'Terminated'
  };
  var COUNTRIES = {
    CA: 'Canada', KR: 'Republic of Korea', US: 'United States', JP: 'Japan', CN: 'China', DE: 'Germany',
    FR: 'France', GB: 'United Kingdom', MX: 'Mexico', IN: 'India', AU: 'Australia', IT: 'Italy', SE: 'Sweden'
  };
  var PROVINCES = {
    'CA-AB': 'Alberta', 'CA-BC': 'British Columbia', 'CA-MB': 'Manitoba', 'CA-NB': 'New Brunswick',
    'CA-NL': 'Newfoundland and Labrador', 'CA-NS': 'Nova Scotia', 'CA-NT': 'Northwest Territories',
    'CA-NU': 'Nunavut', 'CA-ON': 'Ontario', 'CA-PE': 'Prince Edward Island', 'CA-QC': 'Québec',
    'CA-SK': 'Saskatchewan', 'CA-YT': 'Yukon'
  };
  var PRECISION = {
    DAY: 'day', PART_OF_MONTH: 'part of a month', MONTH: 'month', QUARTER: 'quarter', SEASON: 'season', YEAR: 'year'
  };
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
    'October', 'November', 'December'];
  var TOKEN_KEY = 'negotiation-tracker.token';
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var DAY_MS = 86400000;
  /** The colours of dashboard.css, for SVG attributes (which take no CSS variables). */
  var C = { occurred: '#0b6e4f', announced: '#a34f00', planned: '#5b4a9e', retracted: '#8a8f98', accent: '#1f4e79', muted: '#57606a' };

  var FILTERS = ['q', 'party', 'stage', 'binding', 'focusArea', 'reached', 'pending', 'from', 'to', 'sort'];
  var MILESTONES = ['LEADERS_MEETING', 'TALKS', 'MOU', 'COMMITTEE', 'FORUM', 'TRADE_MISSION', 'AGREEMENT'];

  var state = {
    token: null,
    filters: {},
    next: null,           // the next page of the list (the Link header's URL), or null
    agreements: [],
    selected: null,
    asOf: '',
    knownAt: '',
    loadSeq: 0,
    shown: null,          // what is on screen: {status, timeline, investments}
    stream: null
  };

  var $ = function (id) { return document.getElementById(id); };

  // ---------------------------------------------------------------- DOM helpers

  function el(tag, attrs) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function setAttrs(node, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === 'text') node.textContent = v;
      else if (k === 'class') node.setAttribute('class', v);
      else node.setAttribute(k, v === true ? '' : String(v));
    });
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(typeof child === 'string' || typeof child === 'number'
      ? document.createTextNode(String(child)) : child);
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  function badge(cls, text, title) {
    return el('span', { class: 'badge ' + cls, title: title }, text);
  }

  // ---------------------------------------------------------------- formatting

  function cap(s) { return s ? s.charAt(0).toUpperCase() + s.slice(1) : s; }

  function humanize(code) {
    return code ? cap(String(code).toLowerCase().replace(/_/g, ' ')) : '';
  }

  function stageLabel(stage) { return stage ? (STAGE_LABEL[stage] || humanize(stage)) : 'Not started'; }

  function country(code) { return COUNTRIES[code] || code; }

  function province(key) {
    if (PROVINCES[key]) return PROVINCES[key];
    return cap(key);
  }

  function parseDay(s) {
    var p = s.split('-');
    return Date.UTC(+p[0], +p[1] - 1, +p[2]);
  }

  function fmtDay(s) {
    if (!s) return '';
    var p = s.split('-');
    return (+p[2]) + ' ' + MONTHS[+p[1] - 1] + ' ' + p[0];
  }

  function fmtDayLong(s) {
    var p = s.split('-');
    return (+p[2]) + ' ' + MONTHS_LONG[+p[1] - 1] + ' ' + p[0];
  }

  function fmtInstant(iso) {
    if (!iso) return '';
    var d = new Date(iso);
    if (isNaN(d.getTime())) return iso;
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    return d.getUTCDate() + ' ' + MONTHS[d.getUTCMonth()] + ' ' + d.getUTCFullYear() + ' '
      + pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ' UTC';
  }

  /** A business date as the source gives it, with its precision when coarser than a day. */
  function fmtBusinessDate(d) {
    if (!d) return 'undated';
    if (d.precision === 'DAY') return fmtDay(d.text);
    return d.text + ' (' + (PRECISION[d.precision] || humanize(d.precision)) + ')';
  }

  function group3(digits) { return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ','); }

  /** "5000000000.00" → "5,000,000,000.00" (from the decimal string, no rounding). */
  function exactAmount(amount) {
    var neg = amount.charAt(0) === '-';
    var parts = (neg ? amount.slice(1) : amount).split('.');
    return (neg ? '-' : '') + group3(parts[0]) + (parts.length > 1 ? '.' + parts[1] : '');
  }

  /** CAD 5000000000.00 → "CAD 5.0 bn"; 644000000.00 → "CAD 644 M". */
  function fmtMoney(amount, currency) {
    var n = Number(amount);
    var abs = Math.abs(n);
    var text;
    if (abs >= 1e9) text = (n / 1e9).toFixed(1) + ' bn';
    else if (abs >= 1e6) text = (n / 1e6).toFixed(abs >= 1e8 ? 0 : 1) + ' M';
    else if (abs >= 1e4) text = (n / 1e3).toFixed(0) + ' k';
    else text = exactAmount(amount);
    return currency + ' ' + text;
  }

  function fmtInt(n) { return group3(String(n)); }

  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  // ---------------------------------------------------------------- token

  /**
   * The view in the address's fragment: agreement, asOf, knownAt and the list's filters. A token is never read
   * from the address: one found there (an old link) is removed at once, unused, and the sign-in form asks for it.
   */
  function readFragment() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ''));
    var hadToken = params.has('token');
    if (params.has('agreement')) state.selected = params.get('agreement');
    state.asOf = params.get('asOf') || '';
    state.knownAt = params.get('knownAt') || '';
    state.filters = {};
    FILTERS.forEach(function (f) { if (params.get(f)) state.filters[f] = params.get(f); });
    if (hadToken) writeFragment();
    return hadToken;
  }

  function writeFragment() {
    var params = new URLSearchParams();
    if (state.selected) params.set('agreement', state.selected);
    if (state.asOf) params.set('asOf', state.asOf);
    if (state.knownAt) params.set('knownAt', state.knownAt);
    FILTERS.forEach(function (f) { if (state.filters[f]) params.set(f, state.filters[f]); });
    var hash = params.toString();
    history.replaceState(null, '', location.pathname + location.search + (hash ? '#' + hash : ''));
  }

  function askForToken(reason) {
    stopStream();
    setLive('idle', 'Not connected');
    state.token = null;
    $('token-reason').textContent = reason || 'The dashboard reads the projection service\'s API, which needs a '
      + 'bearer token with the role analyst (or recorder).';
    $('token-prompt').hidden = false;
    $('app').hidden = true;
    $('change-token').hidden = true;
    $('token-input').value = '';
    $('token-input').focus();
  }

  function useToken(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    start();
  }

  function start() {
    state.token = sessionStorage.getItem(TOKEN_KEY);
    if (!state.token) {
      askForToken('No token yet. The API needs a bearer token with the role analyst (or recorder).');
      return;
    }
    $('token-prompt').hidden = true;
    $('app').hidden = false;
    $('change-token').hidden = false;
    fillFilterForm();
    $('as-of').value = state.asOf;
    $('known-at').value = state.knownAt ? state.knownAt.replace(/:00Z$/, '').replace(/Z$/, '') : '';
    renderAsOfBanner();
    var wanted = state.selected;
    loadList().then(function () {
      if (wanted) select(wanted, true);
    });
  }

  // ---------------------------------------------------------------- API

  function AuthError(status, detail) { this.status = status; this.detail = detail; }

  function api(path, accept) {
    return fetch(path, {
      headers: { 'Authorization': 'Bearer ' + state.token, 'Accept': accept || 'application/json' },
      cache: 'no-store'
    }).then(function (res) {
      var type = res.headers.get('Content-Type') || '';
      var body = type.indexOf('json') >= 0 ? res.json() : res.text();
      return body.then(function (b) {
        if (res.status === 401 || res.status === 403) throw new AuthError(res.status, b && b.detail);
        return { status: res.status, ok: res.ok, body: b, link: res.headers.get('Link'),
          total: res.headers.get('X-Total-Count') };
      });
    });
  }

  /** Downloads the CSV export of {@code path} (the same question, Accept: text/csv) as a file. */
  function downloadCsv(path, name) {
    api(path, 'text/csv').then(function (r) {
      if (!r.ok) { showError(problemText(r)); return; }
      var url = URL.createObjectURL(new Blob([r.body], { type: 'text/csv' }));
      var a = el('a', { href: url, download: name + '.csv', hidden: 'hidden' });
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
    }).catch(function (err) { handleFailure(err); });
  }

  function handleFailure(err) {
    if (err instanceof AuthError) {
      askForToken(err.status === 401
        ? 'The API did not accept the token (401): it is missing, expired or signed with another key. Paste a new one.'
        : 'The token does not have the role analyst or recorder (403). Paste an analyst\'s token.');
      return true;
    }
    return false;
  }

  function question() {
    var p = new URLSearchParams();
    if (state.asOf) p.set('asOf', state.asOf);
    if (state.knownAt) p.set('knownAt', state.knownAt);
    var q = p.toString();
    return q ? '?' + q : '';
  }

  function problemText(r) {
    if (r.body && typeof r.body === 'object' && r.body.detail) return r.body.detail;
    return 'The service answered ' + r.status + '.';
  }

  // ---------------------------------------------------------------- agreement list

  /** The list's question: its filters and the as-of and known-at of the view. */
  function listQuery() {
    var p = new URLSearchParams();
    FILTERS.forEach(function (f) { if (state.filters[f]) p.set(f, state.filters[f]); });
    if (state.asOf) p.set('asOf', state.asOf);
    if (state.knownAt) p.set('knownAt', state.knownAt);
    var q = p.toString();
    return q ? '?' + q : '';
  }

  function nextLink(link) {
    var m = link && /<([^>]+)>;\s*rel="next"/.exec(link);
    return m ? m[1] : null;
  }

  function loadList(more) {
    var path = more && state.next ? state.next : 'agreements' + listQuery();
    return api(path).then(function (r) {
      if (!r.ok) throw new Error(problemText(r));
      state.agreements = more ? state.agreements.concat(r.body || []) : (r.body || []);
      state.next = nextLink(r.link);
      state.total = r.total != null ? Number(r.total) : state.agreements.length;
      renderList();
      if (!state.selected && state.agreements.length) select(state.agreements[0].id);
      return state.agreements;
    }).catch(function (err) {
      if (!handleFailure(err)) showError('The list of agreements could not be loaded: ' + (err.message || err));
    });
  }

  function fillFilterForm() {
    var stage = $('f-stage');
    if (stage.options.length === 1) {
      STAGES.concat(['STALLED', 'TERMINATED']).forEach(function (st) { stage.appendChild(el('option', { value: st }, stageLabel(st))); });
      ['f-reached', 'f-pending'].forEach(function (id) {
        MILESTONES.forEach(function (m) { $(id).appendChild(el('option', { value: m }, humanize(m))); });
      });
    }
    var form = $('list-filters');
    FILTERS.forEach(function (f) { if (form.elements[f]) form.elements[f].value = state.filters[f] || ''; });
  }

  function filtersChanged() {
    var form = $('list-filters');
    state.filters = {};
    FILTERS.forEach(function (f) {
      var v = form.elements[f] ? form.elements[f].value.trim() : '';
      if (v) state.filters[f] = v;
    });
    writeFragment();
    loadList();
  }

  function renderList() {
    var list = clear($('agreement-list'));
    $('list-empty').hidden = state.agreements.length > 0;
    $('list-more').hidden = !state.next;
    var total = state.total != null ? state.total : state.agreements.length;
    $('list-count').textContent = plural(total, 'agreement', 'agreements')
      + (Object.keys(state.filters).length ? (total === 1 ? ' matches' : ' match') + ' the filters' : '')
      + (state.agreements.length < total ? ' (' + state.agreements.length + ' shown)' : '') + '.';
    $('list-hint').textContent = state.asOf || state.knownAt
      ? 'Stage and last milestone as of the question above.' : 'Stage and last milestone now.';
    state.agreements.forEach(function (a) {
      var last = a.lastMilestone;
      var link = el('a', { href: '#agreement=' + encodeURIComponent(a.id), 'data-id': a.id,
        'aria-current': a.id === state.selected ? 'true' : null },
        el('span', { class: 'item-title' }, a.title || a.id),
        el('span', { class: 'item-line' },
          el('span', { class: 'stage-chip stage-' + (a.stage || 'NONE'), 'data-stage': a.stage || '' }, stageLabel(a.stage)),
          a.pendingMilestones ? el('span', { class: 'item-meta' }, plural(a.pendingMilestones, 'milestone', 'milestones') + ' pending') : null),
        el('span', { class: 'item-meta last-milestone' }, last
          ? 'Last: ' + cap(last.summary) + (last.date ? ' · ' + fmtBusinessDate(last.date) : '')
          : 'No milestone reached yet'),
        el('span', { class: 'item-meta' }, (a.parties || []).join(' · ') + ' · ', el('code', null, a.id)));
      link.addEventListener('click', function (e) {
        e.preventDefault();
        select(a.id);
      });
      list.appendChild(el('li', null, link));
    });
  }

  function select(id, initial) {
    var changed = state.selected !== id;
    state.selected = id;
    writeFragment();
    Array.prototype.forEach.call(document.querySelectorAll('#agreement-list a'), function (a) {
      if (a.getAttribute('data-id') === id) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
    });
    if (changed || initial || !state.stream) {
      state.shown = null;
      loadDetail();
      connectStream(id);
    }
  }

  // ---------------------------------------------------------------- agreement detail

  function showError(text) {
    var e = $('detail-error');
    e.textContent = text;
    e.hidden = !text;
  }

  function loadDetail() {
    var id = state.selected;
    if (!id) return;
    var seq = ++state.loadSeq;
    var base = 'agreements/' + encodeURIComponent(id);
    var q = question();
    $('detail-placeholder').hidden = true;
    document.body.classList.add('loading');
    loadChanges();
    Promise.all([api(base + q), api(base + '/timeline' + q), api(base + '/investments' + q)]).then(function (rs) {
      if (seq !== state.loadSeq) return;
      document.body.classList.remove('loading');
      var status = rs[0], timeline = rs[1], investments = rs[2];
      if (status.status === 404) {
        $('agreement').hidden = true;
        showError(problemText(status) + ' — choose a later "known at", or press "Now".');
        return;
      }
      var failed = [status, timeline, investments].filter(function (r) { return !r.ok; });
      if (failed.length) {
        showError(problemText(failed[0]));
        return;
      }
      showError('');
      state.shown = { status: status.body, timeline: timeline.body, investments: investments.body };
      $('agreement').hidden = false;
      render();
    }).catch(function (err) {
      document.body.classList.remove('loading');
      if (!handleFailure(err)) showError('The agreement could not be loaded: ' + (err.message || err));
    });
  }

  function render() {
    if (!state.shown) return;
    renderStatus(state.shown.status);
    renderTimeline(state.shown.timeline);
    renderInvestments(state.shown.investments);
  }

  function renderStatus(s) {
    $('agreement-title').textContent = s.title || s.agreementId;
    $('agreement-parties').textContent = (s.parties || []).map(country).join(' – ');
    $('agreement-id').textContent = s.agreementId;
    var stage = $('stage');
    stage.textContent = stageLabel(s.stage);
    stage.setAttribute('data-stage', s.stage || '');
    stage.className = 'stage stage-' + (s.stage || 'NONE');
    var binding = $('binding');
    binding.textContent = s.binding ? 'Binding agreement in force' : 'Nothing binding yet';
    binding.className = 'binding ' + (s.binding ? 'yes' : 'no');

    // progress bar: the six progress stages; stalled / terminated overlay the progress reached
    var overlaid = s.stage === 'STALLED' || s.stage === 'TERMINATED';
    var progress = STAGES.indexOf(s.progress || (overlaid ? null : s.stage));
    var bar = clear($('stage-progress'));
    bar.classList.toggle('overlaid', overlaid);
    STAGES.forEach(function (st, i) {
      var cls = i < progress ? 'done' : i === progress ? 'current' : 'todo';
      bar.appendChild(el('li', { class: cls, 'data-stage': st,
        'aria-current': i === progress ? 'step' : null }, STAGE_LABEL[st]));
    });
    var overlay = $('stage-overlay');
    overlay.hidden = !overlaid;
    overlay.className = 'stage-overlay' + (s.stage === 'TERMINATED' ? ' terminated' : '');
    if (overlaid) {
      overlay.textContent = (s.stage === 'STALLED'
        ? 'Stalled' + (s.stalledSince ? ' since ' + fmtBusinessDate(s.stalledSince) : '')
        : 'Terminated') + ' — progress reached: ' + stageLabel(s.progress) + '.';
    }

    fillList($('milestones-reached'), s.milestonesReached, 'None reached.', function (m) {
      return el('li', { class: 'reached' }, cap(m.summary),
        m.title && m.milestone !== 'TALKS' && m.summary.indexOf(m.title) < 0 ? el('span', { class: 'when' }, ' — ' + m.title) : null,
        el('span', { class: 'when' }, ' · ' + fmtBusinessDate(m.date)));
    });
    var possibly = s.milestonesPossiblyReached || [];
    $('possibly-box').hidden = !possibly.length;
    fillList($('milestones-possibly'), possibly, 'None.', function (m) {
      return el('li', { class: 'possibly' }, cap(m.summary),
        m.title && m.summary.indexOf(m.title) < 0 ? el('span', { class: 'when' }, ' — ' + m.title) : null);
    });
    if (s.possibleProgress) {
      overlay.hidden = false;
      overlay.className = 'stage-overlay possibly';
      overlay.textContent = 'Possibly ' + stageLabel(s.possibleProgress).toLowerCase() + ' by ' + fmtDayLong(state.asOf)
        + ': a fact dated by a period that includes this day may not have happened yet.';
    }
    fillList($('milestones-pending'), s.milestonesPending, 'Nothing pending.', function (m) {
      return el('li', { class: 'pending' }, cap(m.summary),
        m.title && m.summary.indexOf(m.title) < 0 ? el('span', { class: 'when' }, ' — ' + m.title) : null,
        el('span', { class: 'when' }, ' · ' + (m.state === 'PLANNED' ? 'planned for ' : 'announced for ') + fmtBusinessDate(m.date)));
    });
    fillList($('instruments'), s.instruments, 'No MOU or agreement.', function (ins) {
      return el('li', { class: 'instrument' }, ins.kind === 'MOU' ? 'MOU' : 'Agreement', ' ',
        badge(ins.binding ? 'status-OCCURRED' : 'kind-NEWS', ins.binding ? 'BINDING' : 'NON-BINDING'),
        el('span', { class: 'when' }, (ins.title ? ' — ' + ins.title : '') + ' · ' + fmtBusinessDate(ins.date)));
    });
    fillList($('participants'), s.participants, 'No participant named.', function (p) {
      return el('li', null, el('span', { class: 'country', title: country(p.country) }, p.country),
        el('span', { class: 'name' }, p.name), p.role ? el('span', { class: 'role' }, p.role) : null);
    });
    fillList($('focus-areas'), s.focusAreas, 'None given.', function (f) {
      return el('li', { title: f }, humanize(f));
    });
    var b = s.basis || {};
    $('basis').textContent = 'Based on ' + plural(b.eventsKnown || 0, 'recorded event', 'recorded events')
      + (b.lastVersion ? ' (up to stream version ' + b.lastVersion + ')' : '')
      + (b.lastRecordedAt ? ', the latest recorded ' + fmtInstant(b.lastRecordedAt) : '') + '.';
  }

  function fillList(list, items, emptyText, make) {
    clear(list);
    if (!items || !items.length) {
      list.appendChild(el('li', { class: 'empty' }, emptyText));
      return;
    }
    items.forEach(function (item) { list.appendChild(make(item)); });
  }

  // ---------------------------------------------------------------- timeline

  function entryLabel(e) {
    var label = cap(e.label || humanize(e.type));
    var status = (e.factStatus || '').toLowerCase();
    if (e.factStatus && e.factStatus !== 'OCCURRED' && label.toLowerCase().indexOf(status) < 0) {
      label = label + ' (' + status + ')';
    }
    return label;
  }

  function renderTimeline(t) {
    var entries = (t && t.entries) || [];
    renderLegend();
    drawTimeline($('timeline-chart'), entries, state.asOf);
    var list = clear($('timeline-list'));
    if (!entries.length) {
      list.appendChild(el('li', { class: 'empty' }, 'Nothing had happened by then.'));
      return;
    }
    entries.forEach(function (e) {
      var retracted = e.standing === 'RETRACTED';
      var who = (e.participants || []).map(function (p) { return p.name + (p.role ? ' (' + p.role + ')' : ''); });
      var where = e.place ? [e.place.city, country(e.place.country)].filter(Boolean).join(', ') : '';
      list.appendChild(el('li', { class: 'status-line-' + e.factStatus + (retracted ? ' retracted' : ''),
        'data-version': e.streamVersion },
        el('div', { class: 'entry-head' },
          el('span', { class: 'entry-date' }, fmtBusinessDate(e.date)),
          badge('status-' + e.factStatus, e.factStatus, 'Fact status'),
          e.standing && e.standing !== 'IN_FORCE' ? badge('standing-' + e.standing, e.standing) : null,
          el('span', { class: 'entry-title' }, e.title || entryLabel(e)),
          e.title ? el('span', { class: 'sub' }, '· ' + entryLabel(e)) : null),
        e.expected ? el('p', { class: 'sub expected' }, 'Expected ' + fmtBusinessDate(e.date)
          + ': placed by when it is expected, not yet happened.') : null,
        e.possibly ? el('p', { class: 'sub possibly' }, 'Possibly not yet by ' + fmtDayLong(state.asOf)
          + ': dated ' + fmtBusinessDate(e.date) + ', a period that includes that day.') : null,
        e.description ? el('p', null, e.description) : null,
        where || who.length ? el('p', { class: 'sub' }, [where, who.join(', ')].filter(Boolean).join(' — ')) : null,
        el('ul', { class: 'sources', 'aria-label': 'Sources' }, (e.sources || []).map(sourceItem)),
        (e.amendments || []).map(amendmentBox)));
    });
  }

  function sourceItem(s) {
    return el('li', null, badge('kind-' + s.kind, s.kind, 'Kind of source'), ' ',
      s.url ? el('a', { href: s.url, rel: 'noopener noreferrer', target: '_blank' }, s.title) : el('span', null, s.title),
      el('span', { class: 'publisher' }, ' — ' + s.publisher + (s.published ? ', ' + fmtDay(s.published) : '')));
  }

  function amendmentBox(a) {
    var what;
    if (a.kind === 'RETRACTION') {
      what = 'Retracted';
    } else {
      var changes = [];
      if (a.dateBefore && a.dateAfter && a.dateBefore.text !== a.dateAfter.text) {
        changes.push('date ' + a.dateBefore.text + ' → ' + a.dateAfter.text);
      }
      if (a.statusBefore && a.statusAfter && a.statusBefore !== a.statusAfter) {
        changes.push('status ' + a.statusBefore + ' → ' + a.statusAfter);
      }
      what = 'Corrected' + (changes.length ? ' (' + changes.join('; ') + ')' : '');
    }
    return el('div', { class: 'amendment' + (a.kind === 'RETRACTION' ? ' retraction' : '') },
      el('strong', null, what), ' by version ' + a.streamVersion + ', recorded ' + fmtInstant(a.recordedAt) + '.',
      a.reason ? ' ' + a.reason : '',
      a.sources && a.sources.length ? el('ul', { class: 'sources' }, a.sources.map(sourceItem)) : null);
  }

  function renderLegend() {
    var legend = clear($('timeline-legend'));
    function item(draw, text) {
      var s = svg('svg', { width: 26, height: 14, viewBox: '0 0 26 14' });
      draw(s);
      legend.appendChild(el('span', null, s, text));
    }
    item(function (s) { s.appendChild(svg('circle', { cx: 13, cy: 7, r: 5, fill: C.occurred })); }, 'occurred (a day)');
    item(function (s) { s.appendChild(svg('rect', { x: 1, y: 2, width: 24, height: 10, rx: 2, fill: C.occurred, 'fill-opacity': .85 })); }, 'occurred (a month, season, year…)');
    item(function (s) { s.appendChild(svg('rect', { x: 1, y: 2, width: 24, height: 10, rx: 2, fill: 'url(#legend-hatch)', stroke: C.announced, 'stroke-width': 1.5 })); defs(s, 'legend-hatch', C.announced); }, 'announced');
    item(function (s) { s.appendChild(svg('rect', { x: 1, y: 2, width: 24, height: 10, rx: 2, fill: '#fff', stroke: C.planned, 'stroke-width': 1.5, 'stroke-dasharray': '3 2' })); }, 'planned');
    item(function (s) { s.appendChild(svg('rect', { x: 1, y: 2, width: 24, height: 10, rx: 2, fill: 'none', stroke: C.muted, 'stroke-dasharray': '3 2', 'stroke-width': 1.5 })); }, 'date before a correction');
    item(function (s) { s.appendChild(svg('circle', { cx: 13, cy: 7, r: 5, fill: C.retracted })); s.appendChild(svg('line', { x1: 3, y1: 7, x2: 23, y2: 7, stroke: '#444', 'stroke-width': 1.5 })); }, 'retracted');
  }

  function defs(s, id, colour) {
    var pattern = svg('pattern', { id: id, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
      svg('rect', { width: 6, height: 6, fill: '#fff3e3' }),
      svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: colour, 'stroke-width': 2.5 }));
    s.insertBefore(svg('defs', null, pattern), s.firstChild);
  }

  function drawTimeline(container, entries, asOf) {
    clear(container);
    if (!entries.length) return;
    var width = Math.max(640, container.clientWidth || 900);
    var labelW = Math.min(300, Math.round(width * 0.3));
    var rowH = 30, top = asOf ? 50 : 34, bottom = 10;
    var plotL = labelW + 16, plotR = width - 16;
    var height = top + entries.length * rowH + bottom;

    // the domain: from the earliest day to the day after the latest one, padded
    var dated = entries.filter(function (e) { return e.date; });
    var min = Infinity, max = -Infinity;
    dated.forEach(function (e) {
      min = Math.min(min, parseDay(e.date.earliest));
      max = Math.max(max, parseDay(e.date.latest) + DAY_MS);
      (e.amendments || []).forEach(function (a) {
        if (a.dateBefore) {
          min = Math.min(min, parseDay(a.dateBefore.earliest));
          max = Math.max(max, parseDay(a.dateBefore.latest) + DAY_MS);
        }
      });
    });
    var asOfMs = asOf ? parseDay(asOf) + DAY_MS : null;
    if (asOfMs !== null && asOfMs > min && asOfMs < max + 60 * DAY_MS) max = Math.max(max, asOfMs);
    if (!isFinite(min)) { min = Date.now() - 30 * DAY_MS; max = Date.now(); }
    var pad = Math.max(7 * DAY_MS, (max - min) * 0.03);
    min -= pad; max += pad;
    var x = function (ms) { return plotL + (ms - min) / (max - min) * (plotR - plotL); };

    var root = svg('svg', { width: width, height: height, viewBox: '0 0 ' + width + ' ' + height,
      role: 'img', 'aria-label': 'Timeline of ' + entries.length + ' events by business date', id: 'timeline-svg' });
    defs(root, 'hatch-announced', C.announced);

    // alternate row backgrounds
    entries.forEach(function (e, i) {
      if (i % 2 === 0) root.appendChild(svg('rect', { x: 0, y: top + i * rowH, width: width, height: rowH, fill: '#f6f8fa' }));
    });

    // axis: month ticks (every 1, 2, 3, 6 or 12 months, whatever fits)
    var axis = svg('g', { class: 'axis' });
    var months = (max - min) / (30.4 * DAY_MS);
    var steps = [1, 2, 3, 6, 12, 24, 60];
    var step = steps[steps.length - 1];
    for (var k = 0; k < steps.length; k++) {
      if (months / steps[k] <= (plotR - plotL) / 70) { step = steps[k]; break; }
    }
    var d = new Date(min);
    var y0 = d.getUTCFullYear(), m0 = d.getUTCMonth() + 1;
    if (m0 > 11) { y0++; m0 = 0; }
    m0 = Math.ceil(m0 / step) * step;
    for (var t = Date.UTC(y0, m0, 1); t <= max; ) {
      var tx = x(t);
      if (tx >= plotL) {
        var td = new Date(t);
        axis.appendChild(svg('line', { class: 'tick', x1: tx, y1: top - 6, x2: tx, y2: height - bottom }));
        axis.appendChild(svg('text', { x: tx, y: top - 12, 'text-anchor': 'middle',
          text: step >= 12 ? String(td.getUTCFullYear()) : MONTHS[td.getUTCMonth()] + ' ' + td.getUTCFullYear() }));
      }
      var nd = new Date(t);
      nd.setUTCMonth(nd.getUTCMonth() + step);
      t = nd.getTime();
    }
    root.appendChild(axis);
    root.appendChild(svg('line', { x1: labelW + 8, y1: top, x2: labelW + 8, y2: height - bottom, stroke: '#d0d7de' }));

    // the "as of" line
    if (asOfMs !== null && x(asOfMs) <= plotR) {
      var ax = x(asOfMs);
      root.appendChild(svg('line', { x1: ax, y1: 16, x2: ax, y2: height - bottom, stroke: C.accent,
        'stroke-width': 2, 'stroke-dasharray': '5 3' }));
      root.appendChild(svg('text', { x: ax - 5, y: 12, 'text-anchor': 'end', class: 'asof-label',
        'font-size': 12, 'font-weight': 700, text: 'as of ' + fmtDay(asOf) }));
    }

    entries.forEach(function (e, i) {
      var cy = top + i * rowH + rowH / 2;
      var retracted = e.standing === 'RETRACTED';
      var corrected = e.standing === 'CORRECTED';
      var colour = retracted ? C.retracted
        : e.factStatus === 'ANNOUNCED' ? C.announced : e.factStatus === 'PLANNED' ? C.planned : C.occurred;
      var g = svg('g', { class: 'tl-entry status-' + e.factStatus + (retracted ? ' retracted' : '') + (corrected ? ' corrected' : ''),
        'data-version': e.streamVersion, 'data-date': e.date ? e.date.text : '', tabindex: 0 });
      var tip = [e.title || entryLabel(e), fmtBusinessDate(e.date)
        + (e.date && e.date.precision !== 'DAY' ? ': ' + fmtDay(e.date.earliest) + ' – ' + fmtDay(e.date.latest) : ''),
        'Status: ' + e.factStatus + (e.standing !== 'IN_FORCE' ? ' · ' + e.standing.toLowerCase() : ''),
        plural((e.sources || []).length, 'source', 'sources') + ': ' + (e.sources || []).map(function (s) { return s.publisher + ' (' + s.kind + ')'; }).join('; ')];
      (e.amendments || []).forEach(function (a) { tip.push(a.kind.toLowerCase() + ' (v' + a.streamVersion + '): ' + (a.reason || '')); });
      g.appendChild(svg('title', { text: tip.join('\n') }));

      // label column
      var label = svg('text', { class: 'tl-label', x: 8, y: cy + 4, 'font-size': 13, 'font-weight': 600 },
        truncate(entryLabel(e), labelW - 10, 13));
      g.appendChild(label);

      var x1 = e.date ? x(parseDay(e.date.earliest)) : plotL;
      var x2 = e.date ? x(parseDay(e.date.latest) + DAY_MS) : plotL;
      var point = !e.date || e.date.precision === 'DAY' || x2 - x1 < 8;
      var mark;
      var cx = (x1 + x2) / 2;
      if (point) {
        if (e.factStatus === 'ANNOUNCED' && !retracted) {
          mark = svg('path', { d: 'M' + cx + ' ' + (cy - 7) + 'l7 7l-7 7l-7-7z', fill: '#fff3e3', stroke: colour, 'stroke-width': 2 });
        } else if (e.factStatus === 'PLANNED' && !retracted) {
          mark = svg('circle', { cx: cx, cy: cy, r: 6, fill: '#fff', stroke: colour, 'stroke-width': 2, 'stroke-dasharray': '3 2' });
        } else {
          mark = svg('circle', { cx: cx, cy: cy, r: 6, fill: colour, stroke: '#fff', 'stroke-width': 1.5 });
        }
      } else {
        var attrs = { x: x1, y: cy - 7, width: Math.max(4, x2 - x1), height: 14, rx: 3 };
        if (retracted) { attrs.fill = colour; attrs['fill-opacity'] = .5; }
        else if (e.factStatus === 'ANNOUNCED') { attrs.fill = 'url(#hatch-announced)'; attrs.stroke = colour; attrs['stroke-width'] = 1.5; }
        else if (e.factStatus === 'PLANNED') { attrs.fill = '#fff'; attrs.stroke = colour; attrs['stroke-width'] = 1.5; attrs['stroke-dasharray'] = '4 2'; }
        else { attrs.fill = colour; attrs['fill-opacity'] = .85; }
        mark = svg('rect', attrs);
      }
      mark.setAttribute('class', 'tl-mark');
      g.appendChild(mark);
      if (retracted) {
        g.appendChild(svg('line', { x1: Math.min(x1, cx - 9), y1: cy, x2: Math.max(x2, cx + 9), y2: cy, stroke: '#444', 'stroke-width': 1.5 }));
      }

      // a correction's previous date, as a dashed outline over the corrected mark
      (e.amendments || []).forEach(function (a) {
        if (a.kind !== 'CORRECTION' || !a.dateBefore || !e.date || a.dateBefore.text === e.date.text) return;
        var gx1 = x(parseDay(a.dateBefore.earliest)), gx2 = x(parseDay(a.dateBefore.latest) + DAY_MS);
        if (a.dateBefore.precision === 'DAY') {
          g.appendChild(svg('circle', { class: 'tl-before', cx: (gx1 + gx2) / 2, cy: cy, r: 9, fill: 'none', stroke: C.muted, 'stroke-dasharray': '3 2', 'stroke-width': 1.5 }));
        } else {
          g.appendChild(svg('rect', { class: 'tl-before', x: gx1 - 2, y: cy - 10, width: Math.max(4, gx2 - gx1) + 4, height: 20, rx: 3, fill: 'none', stroke: C.muted, 'stroke-dasharray': '3 2', 'stroke-width': 1.5 }));
        }
      });


      // the date as the source gives it, right of the mark (left of it near the right edge)
      var dateText = (e.date ? e.date.text : 'undated') + (corrected ? '  ✎ corrected' : '') + (retracted ? '  retracted' : '');
      var right = Math.max(x2, cx + 8) + 8;
      var estimated = dateText.length * 6.6;
      var dt = right + estimated <= width - 4
        ? svg('text', { x: right, y: cy + 4, 'font-size': 12, class: 'tl-date' }, dateText)
        : svg('text', { x: Math.min(x1, cx - 8) - 8, y: cy + 4, 'font-size': 12, 'text-anchor': 'end', class: 'tl-date' }, dateText);
      if (corrected) dt.setAttribute('fill', '#6b5200');
      g.appendChild(dt);
      root.appendChild(g);
    });
    container.appendChild(root);
  }

  function truncate(text, maxWidth, fontSize) {
    var max = Math.floor(maxWidth / (fontSize * 0.56));
    return text.length > max ? text.slice(0, max - 1) + '…' : text;
  }

  // ---------------------------------------------------------------- investments

  function renderInvestments(inv) {
    var rows = (inv && inv.investments) || [];
    var body = clear(document.querySelector('#investment-table tbody'));
    $('investment-table').hidden = !rows.length;
    $('investments-empty').hidden = rows.length > 0;
    rows.forEach(function (v) {
      var withdrawn = v.state === 'WITHDRAWN';
      var amount = v.amount && !v.amount.undisclosed
        ? el('span', { class: 'amount-value', title: v.amount.currency + ' ' + exactAmount(v.amount.amount) }, fmtMoney(v.amount.amount, v.amount.currency))
        : el('span', { class: 'undisclosed' }, 'undisclosed');
      var site = v.site ? [v.site.city, v.site.province ? province(v.site.province) : country(v.site.country)].filter(Boolean).join(', ') : '—';
      var partners = (v.partners || []).map(function (p) { return p.name; });
      body.appendChild(el('tr', { class: withdrawn ? 'withdrawn' : null, 'data-id': v.investmentId },
        el('td', null, el('strong', null, v.project || v.investmentId),
          (v.milestones || []).length ? el('div', { class: 'hint' }, v.milestones.map(humanize).join(', ')) : null),
        el('td', null, v.investor ? v.investor.name : '—',
          v.investor && v.investor.country ? el('span', { class: 'country', title: country(v.investor.country) }, v.investor.country) : null,
          partners.length ? el('div', { class: 'hint' }, 'with ' + partners.join(', ')) : null),
        el('td', null, v.sector ? humanize(v.sector) : '—'),
        el('td', null, site),
        el('td', { class: 'num' }, amount),
        el('td', { class: 'num' }, v.expectedJobs != null ? fmtInt(v.expectedJobs) : '—'),
        el('td', null, badge('state-' + v.state, v.state)),
        el('td', null, fmtBusinessDate(v.announced))));
    });

    var total = (inv && inv.total) || { disclosed: [], undisclosed: 0, investments: 0 };
    var withdrawnCount = rows.filter(function (v) { return v.state === 'WITHDRAWN'; }).length;
    $('investment-totals').textContent = totalsText(total, withdrawnCount, rows.length);
    drawTotals($('chart-sector'), (inv && inv.bySector) || [], humanize);
    drawTotals($('chart-province'), (inv && inv.byProvince) || [], province);
  }

  /**
   * Totals that read right: "4 investments, none with a disclosed amount"; "3 investments: 2 with a disclosed
   * amount, CAD 5.0 bn + USD 500 M; 1 undisclosed (not counted as zero)". Never "plus 4".
   */
  function totalsText(total, withdrawnCount, listed) {
    var n = total.investments || 0;
    var disclosedCount = (total.disclosed || []).reduce(function (k, c) { return k + c.investments; }, 0);
    var parts = [];
    if (!n) {
      if (listed) parts.push('No investment to total');
    } else if (!disclosedCount) {
      parts.push(plural(n, 'investment', 'investments') + ', ' + (n === 1 ? 'its amount not disclosed' : 'none with a disclosed amount'));
    } else {
      var sums = total.disclosed.map(function (c) { return fmtMoney(c.amount, c.currency); }).join(' + ');
      parts.push(disclosedCount === n
        ? plural(n, 'investment', 'investments') + ', all with a disclosed amount: ' + sums
        : plural(n, 'investment', 'investments') + ': ' + disclosedCount + ' with a disclosed amount, ' + sums + '; '
          + total.undisclosed + ' undisclosed (not counted as zero)');
    }
    if (withdrawnCount) parts.push(withdrawnCount + ' withdrawn (listed, not totalled)');
    return parts.length ? parts.join(' · ') + '.' : '';
  }

  // ---------------------------------------------------------------- what changed

  function changesPath() {
    var p = new URLSearchParams();
    var from = $('changes-from').value, to = $('changes-to').value;
    if (from) p.set('from', from.length === 16 ? from + ':00Z' : from + 'Z');
    if (to) p.set('to', to.length === 16 ? to + ':00Z' : to + 'Z');
    p.set('limit', '200');
    var base = $('changes-all').checked || !state.selected ? 'changes' : 'agreements/' + encodeURIComponent(state.selected) + '/changes';
    return base + '?' + p.toString();
  }

  function loadChanges() {
    var seq = state.changesSeq = (state.changesSeq || 0) + 1;
    api(changesPath()).then(function (r) {
      if (seq !== state.changesSeq) return;
      if (!r.ok) { $('changes-summary').textContent = problemText(r); clear($('changes-list')); return; }
      renderChanges(r.body);
    }).catch(function (err) { handleFailure(err); });
  }

  var CHANGE_WORD = { ADDED: 'added', CORRECTED: 'corrected', RETRACTED: 'retracted' };

  /** An event type in words: "LeadersMet" → "leaders met". */
  function typeWords(type) { return type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase(); }

  function renderChanges(answer) {
    var list = clear($('changes-list'));
    var c = answer.counts || {};
    var changes = answer.changes || [];
    $('changes-summary').textContent = changes.length
      ? plural(c.ADDED || 0, 'fact', 'facts') + ' added, ' + (c.CORRECTED || 0) + ' corrected, ' + (c.RETRACTED || 0)
        + ' retracted' + (answer.more ? ' (the first ' + changes.length + ')' : '') + '.'
      : 'Nothing was recorded in this period.';
    changes.slice().reverse().forEach(function (ch) {
      var what = ch.kind === 'ADDED' ? cap(ch.label || humanize(ch.type)) + (ch.title ? ' — ' + ch.title : '')
        : cap(CHANGE_WORD[ch.kind]) + ': v' + ch.targetVersion + ' ' + (ch.targetType ? typeWords(ch.targetType) : '')
          + (ch.targetTitle ? ' — ' + ch.targetTitle : '');
      list.appendChild(el('li', { class: 'change change-' + ch.kind, 'data-kind': ch.kind, 'data-version': ch.streamVersion },
        badge('change-' + ch.kind, CHANGE_WORD[ch.kind].toUpperCase()), ' ', what,
        ch.reason ? el('div', { class: 'hint' }, ch.reason) : null,
        el('div', { class: 'when' }, 'recorded ' + fmtInstant(ch.recordedAt) + ' · ' + ch.streamId + ' v' + ch.streamVersion
          + (ch.date ? ' · dated ' + fmtBusinessDate(ch.date) : ''))));
    });
  }

  // indicators and claims: figures.js draws #figures (its own file)

  /** Horizontal bars of the disclosed totals, one scale per currency; undisclosed counts apart, as counts. */
  function drawTotals(container, groups, name) {
    clear(container);
    if (!groups.length) {
      container.appendChild(el('p', { class: 'empty' }, 'No investment to total.'));
      return;
    }
    var width = Math.max(320, container.clientWidth || 420);
    var labelW = Math.min(170, Math.round(width * 0.38));
    var valueW = 92;
    var barL = labelW + 8, barMax = width - barL - valueW;
    var currencies = [];
    groups.forEach(function (g) {
      g.disclosed.forEach(function (c) { if (currencies.indexOf(c.currency) < 0) currencies.push(c.currency); });
    });
    currencies.sort();
    var undisclosed = groups.filter(function (g) { return g.undisclosed > 0; });
    var rowH = 24, headH = 22;
    var rows = [];
    currencies.forEach(function (cur) {
      rows.push({ head: cur + ' (disclosed amounts)' });
      var maxAmount = 0;
      var items = [];
      groups.forEach(function (g) {
        g.disclosed.forEach(function (c) {
          if (c.currency === cur) {
            items.push({ key: g.key, amount: c.amount, n: c.investments });
            maxAmount = Math.max(maxAmount, Number(c.amount));
          }
        });
      });
      items.forEach(function (it) { rows.push({ bar: it, cur: cur, max: maxAmount }); });
    });
    if (undisclosed.length) {
      rows.push({ head: 'Undisclosed amounts (counted apart, not as zero)' });
      undisclosed.forEach(function (g) { rows.push({ undisclosed: g }); });
    }
    var height = rows.reduce(function (h, r) { return h + (r.head ? headH : rowH); }, 0) + 6;
    var root = svg('svg', { width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, role: 'img',
      'aria-label': 'Totals per currency, undisclosed amounts counted apart', class: 'totals-chart' });
    var y = 0;
    rows.forEach(function (r) {
      if (r.head) {
        root.appendChild(svg('text', { x: 0, y: y + 16, 'font-size': 12, 'font-weight': 700, fill: C.muted }, r.head));
        y += headH;
        return;
      }
      var cy = y + rowH / 2;
      var key = r.bar ? r.bar.key : r.undisclosed.key;
      var g = svg('g', { class: r.bar ? 'total-bar' : 'total-undisclosed', 'data-key': key });
      g.appendChild(svg('text', { x: labelW, y: cy + 4, 'text-anchor': 'end', 'font-size': 12 }, truncate(name(key), labelW, 12)));
      if (r.bar) {
        var w = r.max > 0 ? Math.max(2, Number(r.bar.amount) / r.max * barMax) : 2;
        g.appendChild(svg('title', { text: name(key) + ': ' + r.cur + ' ' + exactAmount(r.bar.amount) + ' (' + plural(r.bar.n, 'investment', 'investments') + ')' }));
        g.appendChild(svg('rect', { x: barL, y: cy - 8, width: w, height: 16, rx: 2, fill: C.accent }));
        g.appendChild(svg('text', { x: barL + w + 6, y: cy + 4, 'font-size': 12, 'font-weight': 600 }, fmtMoney(r.bar.amount, r.cur)));
      } else {
        var n = r.undisclosed.undisclosed;
        g.appendChild(svg('title', { text: name(key) + ': ' + plural(n, 'investment', 'investments') + ' with an undisclosed amount' }));
        for (var i = 0; i < Math.min(n, 10); i++) {
          g.appendChild(svg('circle', { cx: barL + 8 + i * 16, cy: cy, r: 6, fill: '#fff3e3', stroke: C.announced, 'stroke-width': 1.5, 'stroke-dasharray': '2 1.5' }));
        }
        g.appendChild(svg('text', { x: barL + 8 + Math.min(n, 10) * 16, y: cy + 4, 'font-size': 12, 'font-style': 'italic', fill: C.announced },
          plural(n, 'investment', 'investments') + ', amount undisclosed'));
      }
      root.appendChild(g);
      y += rowH;
    });
    container.appendChild(root);
  }

  // ---------------------------------------------------------------- as of

  function renderAsOfBanner() {
    var banner = $('as-of-banner');
    if (!state.asOf && !state.knownAt) {
      banner.textContent = 'Showing now: everything recorded so far.';
      banner.className = 'as-of-banner';
      return;
    }
    var text = 'Showing ';
    text += state.asOf ? 'what had happened by ' + fmtDayLong(state.asOf) : 'everything that has happened';
    text += state.knownAt ? ', as recorded by ' + fmtInstant(state.knownAt) : '';
    text += '. Live updates follow "now"; the list on the left shows the stages now.';
    banner.textContent = text;
    banner.className = 'as-of-banner past';
  }

  function asOfChanged() {
    state.asOf = $('as-of').value || '';
    var known = $('known-at').value;
    state.knownAt = known ? (known.length === 16 ? known + ':00' : known) + 'Z' : '';
    writeFragment();
    renderAsOfBanner();
    loadList();
    loadDetail();
  }

  // ---------------------------------------------------------------- live updates (SSE over fetch)

  function setLive(kind, text) {
    var live = $('live');
    live.className = 'live live-' + kind;
    live.setAttribute('data-state', kind);
    $('live-text').textContent = text;
  }

  function stopStream() {
    var s = state.stream;
    state.stream = null;
    if (s) {
      clearTimeout(s.timer);
      s.controller.abort();
    }
  }

  function connectStream(id) {
    stopStream();
    var s = { id: id, controller: new AbortController(), attempt: 0, timer: null };
    state.stream = s;
    runStream(s);
  }

  function runStream(s) {
    setLive('connecting', 'Connecting…');
    fetch('agreements/' + encodeURIComponent(s.id) + '/status/stream', {
      headers: { 'Authorization': 'Bearer ' + state.token, 'Accept': 'text/event-stream' },
      cache: 'no-store',
      signal: s.controller.signal
    }).then(function (res) {
      if (res.status === 401 || res.status === 403) throw new AuthError(res.status);
      if (!res.ok || !res.body) throw new Error('HTTP ' + res.status);
      if (state.stream !== s) return undefined;
      s.attempt = 0;
      setLive('on', 'Live');
      var reader = res.body.getReader();
      var decoder = new TextDecoder();
      var buffer = '';
      var pump = function () {
        return reader.read().then(function (chunk) {
          if (chunk.done) throw new Error('the stream ended');
          buffer += decoder.decode(chunk.value, { stream: true });
          buffer = buffer.replace(/\r\n|\r(?=[^\n])/g, '\n');
          var end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            var block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            onSseBlock(s, block);
          }
          return pump();
        });
      };
      return pump();
    }).catch(function (err) {
      if (state.stream !== s || s.controller.signal.aborted) return;
      if (err instanceof AuthError) { handleFailure(err); return; }
      s.attempt++;
      var delay = Math.min(30000, 1000 * Math.pow(2, s.attempt - 1)) + Math.round(Math.random() * 300);
      setLive('off', 'Offline — retrying in ' + Math.round(delay / 1000) + ' s');
      s.timer = setTimeout(function () { if (state.stream === s) runStream(s); }, delay);
    });
  }

  /** One event of a text/event-stream: "data:" lines joined by newlines; comments and other fields ignored. */
  function onSseBlock(s, block) {
    var data = [];
    block.split('\n').forEach(function (line) {
      if (line.indexOf('data:') === 0) data.push(line.slice(5).replace(/^ /, ''));
    });
    if (!data.length) return;
    var status;
    try { status = JSON.parse(data.join('\n')); } catch (e) { return; }
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    var now = new Date();
    setLive('on', 'Live · updated ' + pad(now.getHours()) + ':' + pad(now.getMinutes()) + ':' + pad(now.getSeconds()));
    onLiveStatus(s.id, status);
  }

  function onLiveStatus(id, status) {
    // the list row of this agreement
    var item = null;
    state.agreements.forEach(function (a) { if (a.id === id) item = a; });
    if (state.asOf || state.knownAt) {
      // the list answers the question on screen, not "now": it is left as it is
    } else if (item) {
      var before = JSON.stringify([item.stage, item.title, item.binding, item.pendingMilestones, item.lastMilestone]);
      item.stage = status.stage;
      item.title = status.title || item.title;
      item.binding = status.binding;
      item.pendingMilestones = (status.milestonesPending || []).length;
      item.lastMilestone = status.lastMilestone || null;
      if (JSON.stringify([item.stage, item.title, item.binding, item.pendingMilestones, item.lastMilestone]) !== before) renderList();
    } else if (!Object.keys(state.filters).length) {
      loadList();
    }
    // the detail, when it shows "now" and something new was recorded
    if (id !== state.selected || state.asOf || state.knownAt) return;
    var shown = state.shown && state.shown.status && state.shown.status.basis;
    var incoming = status.basis || {};
    if (shown && shown.eventsKnown === incoming.eventsKnown && shown.lastVersion === incoming.lastVersion) return;
    loadDetail();
  }

  // ---------------------------------------------------------------- wiring

  function init() {
    readFragment();
    $('token-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var token = $('token-input').value.trim().replace(/^Bearer\s+/i, '');
      if (token) {
        $('token-input').value = '';
        useToken(token);
      }
    });
    $('change-token').addEventListener('click', function () {
      sessionStorage.removeItem(TOKEN_KEY);
      askForToken('Signed out. Paste a token to sign in again (deploy/local/token.sh analyst prints one).');
    });
    $('refresh-list').addEventListener('click', function () { loadList(); });
    $('list-more').addEventListener('click', function () { loadList(true); });
    $('list-filters').addEventListener('submit', function (e) { e.preventDefault(); filtersChanged(); });
    $('clear-filters').addEventListener('click', function () {
      $('list-filters').reset();
      filtersChanged();
    });
    $('export-list').addEventListener('click', function () { downloadCsv('agreements' + listQuery(), 'agreements'); });
    $('export-timeline').addEventListener('click', function () {
      if (state.selected) downloadCsv('agreements/' + encodeURIComponent(state.selected) + '/timeline' + question(), state.selected + '-timeline');
    });
    $('export-investments').addEventListener('click', function () {
      if (state.selected) downloadCsv('agreements/' + encodeURIComponent(state.selected) + '/investments' + question(), state.selected + '-investments');
    });
    $('export-changes').addEventListener('click', function () { downloadCsv(changesPath(), 'changes'); });
    $('changes-form').addEventListener('submit', function (e) { e.preventDefault(); loadChanges(); });
    $('changes-all').addEventListener('change', loadChanges);
    $('as-of').addEventListener('change', asOfChanged);
    $('known-at').addEventListener('change', asOfChanged);
    $('as-of-form').addEventListener('submit', function (e) { e.preventDefault(); asOfChanged(); });
    $('reset-now').addEventListener('click', function () {
      $('as-of').value = '';
      $('known-at').value = '';
      asOfChanged();
    });
    window.addEventListener('hashchange', function () {
      readFragment();
      if (!state.token) return;
      fillFilterForm();
      $('as-of').value = state.asOf;
      renderAsOfBanner();
      loadList();
      if (state.selected) select(state.selected, true);
    });
    var resizeTimer = null;
    window.addEventListener('resize', function () {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(render, 150);
    });
    start();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
