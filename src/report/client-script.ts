/**
 * The page report's script, inlined into the HTML. It reads the pages from the
 * `report-pages` JSON element (layout: ./payload.ts), draws the summary and a
 * virtualized page table, and draws a page's blocks only when the page is opened.
 * Page data is only ever set with textContent, never parsed as markup.
 * Written as plain ES2017 in a string so it runs as-is in any current browser.
 */
export const REPORT_SCRIPT = String.raw`(function () {
'use strict';
var ROW_H = 30, OVERSCAN = 10, CLAMP = 480;
var F = 0, U = 1, S = 2, V = 3, H = 4, L = 5, E = 6, B = 7, T = 8, C = 9;
function byId(id) { return document.getElementById(id); }
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
var info = JSON.parse(byId('report-info').textContent);
var pages = JSON.parse(byId('report-pages').textContent);

function verdict(p) { return p[E] !== null ? 'error' : (p[V] ? 'spam' : 'clean'); }
function pageName(p) { return p[F] || p[U] || '(unnamed page)'; }
// Two decimals, never rounded onto the verdict line 0.5 from under it (scorer/numbers.ts formatScore).
function fixed2(n) { const r = Math.round(n * 100) / 100; return (n < 0.5 && r >= 0.5 ? 0.49 : r).toFixed(2); }
function percent(n) { return Math.round(n * 100) + '%'; }
// Colours follow the verdict, never a score cutoff (styles v-clean, v-spam, v-error).
function tone(v) { return 'v-' + v; }
var thresholdText = info.thresholdText || (typeof info.threshold === 'number' ? String(info.threshold) : '');
// Front-coded selectors ([shared length, rest], see payload.ts) are expanded once, when a page is opened.
function expandSelectors(p) {
  if (p.expanded) return;
  var prev = '', bs = p[B];
  for (var i = 0; i < bs.length; i++) {
    var w = bs[i][3];
    if (w !== null && typeof w !== 'string' && typeof w[1] === 'string') w = bs[i][3] = prev.slice(0, w[0]) + w[1];
    prev = typeof w === 'string' ? w : '';
  }
  p.expanded = true;
}
function whereText(w) {
  if (w === null) return '';
  if (typeof w === 'string') return w;
  if (typeof w[1] === 'string') return w[1];
  return w[0] === w[1] ? 'line ' + (w[0] + 1) : 'lines ' + (w[0] + 1) + '\u2013' + (w[1] + 1);
}
function spamBlocks(p) { var n = 0, bs = p[B]; for (var i = 0; i < bs.length; i++) if (bs[i][2]) n++; return n; }

// Summary
(function () {
  var nSpam = 0, nErr = 0, nBlocks = 0, nSpamBlocks = 0;
  for (var i = 0; i < pages.length; i++) {
    var v = verdict(pages[i]);
    if (v === 'spam') nSpam++; else if (v === 'error') nErr++;
    nBlocks += pages[i][B].length; nSpamBlocks += spamBlocks(pages[i]);
  }
  var model = info.model ? info.model + (info.modelVersion ? ' ' + info.modelVersion : '') : 'unknown';
  var items = [
    ['Pages', pages.length, 'sum-pages'],
    ['Spam pages', nSpam + (pages.length ? ' (' + percent(nSpam / pages.length) + ')' : ''), 'sum-spam'],
    ['Errors', nErr, 'sum-errors'],
    ['Blocks', nBlocks + ' (' + nSpamBlocks + ' spam)', 'sum-blocks'],
    ['Model', model, 'sum-model'],
    ['Threshold', thresholdText || 'unknown', 'sum-threshold']
  ];
  if (info.backend) items.push(['Backend', info.backend, 'sum-backend']);
  if (info.featureSetVersion) items.push(['Features', info.featureSetVersion, 'sum-features']);
  if (info.source) items.push(['Source', info.source, 'sum-source']);
  if (info.generated) items.push(['Made', info.generated, 'sum-generated']);
  var dl = byId('summary');
  for (var k = 0; k < items.length; k++) {
    var d = el('div'); d.id = items[k][2];
    d.appendChild(el('dt', '', items[k][0]));
    d.appendChild(el('dd', '', items[k][1]));
    dl.appendChild(d);
  }
})();

var state = { sort: 'order', dir: 1, query: '', verdict: 'all', spamOnly: false, selected: -1 };
var view = [];
var viewport = byId('rows'), spacer = byId('rows-spacer');

function blockMatches(b, q) {
  if (!q) return true;
  if (b[0].toLowerCase().indexOf(q) >= 0) return true;
  for (var i = 0; i < b[4].length; i++) if (b[4][i].toLowerCase().indexOf(q) >= 0) return true;
  var w = b[3];
  if (w !== null && typeof w !== 'string' && typeof w[1] === 'string') w = w[1];
  return typeof w === 'string' && w.toLowerCase().indexOf(q) >= 0;
}
function pageMatches(p, q) {
  if (!q) return true;
  var head = ((p[F] || '') + ' ' + (p[U] || '') + ' ' + (p[L] || '') + ' ' + (p[E] || '')).toLowerCase();
  if (head.indexOf(q) >= 0) return true;
  var bs = p[B];
  for (var i = 0; i < bs.length; i++) if (blockMatches(bs[i], q)) return true;
  return false;
}
var VERDICT_ORDER = { spam: 0, error: 1, clean: 2 };
function sortKey(i) {
  var p = pages[i];
  switch (state.sort) {
    case 'score': return p[S];
    case 'verdict': return VERDICT_ORDER[verdict(p)];
    case 'share': return p[H];
    case 'name': return pageName(p).toLowerCase();
    case 'lang': return p[L] || '';
    case 'blocks': return p[B].length;
    default: return i;
  }
}
function rebuild() {
  var q = state.query, out = [];
  for (var i = 0; i < pages.length; i++) {
    var p = pages[i];
    if (state.verdict !== 'all' && verdict(p) !== state.verdict) continue;
    if (!pageMatches(p, q)) continue;
    out.push(i);
  }
  if (state.sort !== 'order' || state.dir !== 1) {
    var keys = new Map();
    for (var j = 0; j < out.length; j++) keys.set(out[j], sortKey(out[j]));
    var dir = state.dir;
    out.sort(function (a, b) {
      var ka = keys.get(a), kb = keys.get(b);
      if (ka < kb) return -dir;
      if (ka > kb) return dir;
      return a - b;
    });
  }
  view = out;
  byId('count').textContent = view.length === pages.length
    ? pages.length + ' pages'
    : view.length + ' of ' + pages.length + ' pages match';
  spacer.style.height = (view.length * ROW_H) + 'px';
  drawRows();
  drawDetail();
}

function cell(cls, text) { var c = el('div', cls, text); c.setAttribute('role', 'cell'); return c; }
function makeRow(i, pos) {
  var p = pages[i], v = verdict(p);
  var r = el('div', 'row grid' + (i === state.selected ? ' selected' : ''));
  r.setAttribute('role', 'row');
  r.setAttribute('aria-selected', i === state.selected ? 'true' : 'false');
  r.dataset.page = String(i);
  r.style.top = (pos * ROW_H) + 'px';
  r.appendChild(cell('num', i + 1));
  var sc = cell('');
  sc.appendChild(el('span', 'badge ' + tone(v), fixed2(p[S])));
  r.appendChild(sc);
  var vc = cell('verdict ' + v, v);
  if (p[C]) { vc.appendChild(el('span', 'cut-mark', ' (cut)')); vc.title = p[C][0]; }
  r.appendChild(vc);
  r.appendChild(cell('num', v === 'error' ? '' : percent(p[H])));
  var n = cell('name', pageName(p));
  n.title = pageName(p) + (p[U] && p[F] ? ' \u2014 ' + p[U] : '');
  r.appendChild(n);
  r.appendChild(cell('', p[L] || ''));
  r.appendChild(cell('num', p[B].length));
  return r;
}
var rowsQueued = false;
function drawRows() {
  rowsQueued = false;
  var top = viewport.scrollTop, h = viewport.clientHeight || 600;
  var first = Math.max(0, Math.floor(top / ROW_H) - OVERSCAN);
  var last = Math.min(view.length, Math.ceil((top + h) / ROW_H) + OVERSCAN);
  var frag = document.createDocumentFragment();
  for (var k = first; k < last; k++) frag.appendChild(makeRow(view[k], k));
  spacer.replaceChildren(frag);
}
viewport.addEventListener('scroll', function () {
  if (!rowsQueued) { rowsQueued = true; requestAnimationFrame(drawRows); }
}, { passive: true });
window.addEventListener('resize', function () { drawRows(); });

function select(i, scroll) {
  state.selected = i;
  if (scroll) {
    var pos = view.indexOf(i);
    if (pos >= 0) {
      var top = pos * ROW_H;
      if (top < viewport.scrollTop) viewport.scrollTop = top;
      else if (top + ROW_H > viewport.scrollTop + viewport.clientHeight) viewport.scrollTop = top + ROW_H - viewport.clientHeight;
    }
  }
  drawRows();
  drawDetail();
  byId('detail').scrollTop = 0;
  if (history.replaceState) history.replaceState(null, '', '#page=' + (i + 1));
}
spacer.addEventListener('click', function (ev) {
  var r = ev.target.closest('.row');
  if (r) { select(Number(r.dataset.page), false); viewport.focus({ preventScroll: true }); }
});
viewport.addEventListener('keydown', function (ev) {
  if (ev.key !== 'ArrowDown' && ev.key !== 'ArrowUp' && ev.key !== 'Home' && ev.key !== 'End') return;
  ev.preventDefault();
  if (!view.length) return;
  var pos = view.indexOf(state.selected);
  if (ev.key === 'ArrowDown') pos = Math.min(view.length - 1, pos + 1);
  else if (ev.key === 'ArrowUp') pos = Math.max(0, pos - 1);
  else if (ev.key === 'Home') pos = 0;
  else pos = view.length - 1;
  select(view[pos], true);
});

var heads = document.querySelectorAll('.thead button');
function markSort() {
  for (var i = 0; i < heads.length; i++) {
    var b = heads[i];
    if (b.dataset.key === state.sort) b.setAttribute('aria-sort', state.dir === 1 ? 'ascending' : 'descending');
    else b.removeAttribute('aria-sort');
  }
}
for (var hi = 0; hi < heads.length; hi++) {
  heads[hi].addEventListener('click', function (ev) {
    var key = ev.currentTarget.dataset.key;
    if (state.sort === key) state.dir = -state.dir;
    else { state.sort = key; state.dir = (key === 'score' || key === 'share' || key === 'blocks') ? -1 : 1; }
    markSort();
    rebuild();
  });
}

function appendMarked(parent, text, q) {
  var low = text.toLowerCase();
  if (!q || low.length !== text.length) { parent.appendChild(document.createTextNode(text)); return; }
  var at = 0, i;
  while ((i = low.indexOf(q, at)) >= 0) {
    if (i > at) parent.appendChild(document.createTextNode(text.slice(at, i)));
    parent.appendChild(el('mark', '', text.slice(i, i + q.length)));
    at = i + q.length;
  }
  if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
}
function fillText(box, b, full) {
  var t = box.querySelector('.block-text');
  t.replaceChildren();
  var text = b[0];
  var cut = !full && text.length > CLAMP;
  appendMarked(t, cut ? text.slice(0, CLAMP) : text, state.query);
  if (cut) t.appendChild(el('span', 'more', ' \u2026 (' + (text.length - CLAMP) + ' more characters; click to show all)'));
}
function makeBlock(b, idx) {
  var box = el('div', 'block ' + (b[2] ? 'is-spam ' : 'is-clean ') + tone(b[2] ? 'spam' : 'clean') + (b[5] !== null ? ' is-hidden' : ''));
  box.tabIndex = 0;
  box.setAttribute('role', 'button');
  box.setAttribute('aria-expanded', 'false');
  box.dataset.block = String(idx);
  var head = el('div', 'block-head');
  head.appendChild(el('span', 'badge ' + tone(b[2] ? 'spam' : 'clean'), fixed2(b[1])));
  if (b[2]) head.appendChild(el('span', 'marker', '\u2691 SPAM'));
  if (b[5] !== null) head.appendChild(el('span', 'hidden-tag', 'hidden: ' + b[5]));
  var w = whereText(b[3]);
  if (w) head.appendChild(el('span', 'where', w));
  head.appendChild(el('span', 'idx', 'block ' + (idx + 1)));
  box.appendChild(head);
  box.appendChild(el('div', 'block-text'));
  fillText(box, b, false);
  return box;
}
function toggleBlock(box) {
  var p = pages[state.selected], b = p[B][Number(box.dataset.block)];
  var open = box.getAttribute('aria-expanded') !== 'true';
  box.setAttribute('aria-expanded', open ? 'true' : 'false');
  fillText(box, b, open);
  var old = box.querySelector('.reasons');
  if (old) old.remove();
  if (!open) return;
  var ul = el('ul', 'reasons');
  var title = el('li', 'reasons-title', b[2] ? 'Why this block is spam (score ' + fixed2(b[1]) + '):' : 'Scored clean (' + fixed2(b[1]) + ').');
  title.style.listStyle = 'none';
  ul.appendChild(title);
  if (b[4].length) for (var i = 0; i < b[4].length; i++) ul.appendChild(el('li', 'reason', b[4][i]));
  else if (b[2]) ul.appendChild(el('li', 'reason', 'This report holds no reasons for it (made by an older seospam): the model scored it ' + b[1].toFixed(3) + (thresholdText ? ' against the block threshold ' + thresholdText : '') + '.'));
  box.appendChild(ul);
}
var detail = byId('detail');
detail.addEventListener('click', function (ev) {
  if (ev.target.closest('.reasons')) return;
  var box = ev.target.closest('.block');
  if (box) toggleBlock(box);
});
detail.addEventListener('keydown', function (ev) {
  if (ev.key !== 'Enter' && ev.key !== ' ') return;
  var box = ev.target.closest('.block');
  if (box && ev.target === box) { ev.preventDefault(); toggleBlock(box); }
});

function drawDetail() {
  detail.replaceChildren();
  if (state.selected < 0) { detail.appendChild(el('p', 'empty', 'Choose a page in the table to see its blocks.')); return; }
  var p = pages[state.selected], v = verdict(p), bs = p[B];
  expandSelectors(p);
  var head = el('div', 'detail-head');
  head.appendChild(el('h2', '', pageName(p)));
  var meta = el('div', 'meta');
  meta.appendChild(el('span', 'badge ' + tone(v), fixed2(p[S])));
  meta.appendChild(el('span', 'verdict ' + v, v));
  if (v !== 'error') meta.appendChild(el('span', '', 'spam share ' + percent(p[H])));
  if (p[L]) meta.appendChild(el('span', '', 'language ' + p[L]));
  meta.appendChild(el('span', '', bs.length + ' blocks, ' + spamBlocks(p) + ' spam'));
  head.appendChild(meta);
  if (p[U] && p[U] !== pageName(p)) {
    var u = el('div', 'meta');
    u.appendChild(el('span', '', 'URL'));
    u.appendChild(el('span', 'url', p[U]));
    head.appendChild(u);
  }
  detail.appendChild(head);
  if (p[E] !== null) detail.appendChild(el('div', 'error-box', 'Could not be scored: ' + p[E]));
  if (p[C]) detail.appendChild(el('div', 'error-box cut-note', p[C][0]));
  // The title, when it is spam or scored near its threshold (then its first reason says how near).
  if (p[T]) {
    var tSpam = p[T][3] === 1;
    var t = el('div', 'title-box ' + tone(tSpam ? 'spam' : 'clean'));
    t.appendChild(el('div', 'title-head', (tSpam ? 'Spam title' : 'Title, not flagged') + ' (' + fixed2(p[T][1]) + '): ' + p[T][0]));
    for (var r = 0; r < p[T][2].length; r++) t.appendChild(el('div', 'meta reason', '\u2013 ' + p[T][2][r]));
    detail.appendChild(t);
  }
  var frag = document.createDocumentFragment(), shown = 0;
  for (var i = 0; i < bs.length; i++) {
    if (state.spamOnly && !bs[i][2]) continue;
    if (!blockMatches(bs[i], state.query)) continue;
    frag.appendChild(makeBlock(bs[i], i));
    shown++;
  }
  var why = [];
  if (state.spamOnly) why.push('spam blocks only');
  if (state.query) why.push('matching \u201c' + state.query + '\u201d');
  if (bs.length) {
    detail.appendChild(el('p', 'note', shown === bs.length
      ? 'All ' + bs.length + ' blocks in page order. Click a block for its reasons.'
      : 'Showing ' + shown + ' of ' + bs.length + ' blocks (' + why.join(', ') + '). Click a block for its reasons.'));
  }
  detail.appendChild(frag);
}

var timer = 0;
byId('search').addEventListener('input', function (ev) {
  var value = ev.target.value;
  clearTimeout(timer);
  timer = setTimeout(function () { state.query = value.trim().toLowerCase(); rebuild(); }, 120);
});
byId('verdict').addEventListener('change', function (ev) { state.verdict = ev.target.value; rebuild(); });
byId('spam-only').addEventListener('change', function (ev) { state.spamOnly = ev.target.checked; drawDetail(); });

markSort();
rebuild();
// #page=N (1-based, as in the # column) opens that page, so a moderator can point to it.
var linked = /^#page=(\d+)$/.exec(location.hash);
var start = linked ? Number(linked[1]) - 1 : -1;
if (start >= 0 && start < pages.length) select(start, true);
else if (pages.length) select(view.length ? view[0] : 0, false);
document.body.setAttribute('data-ready', 'true');
})();
`;
