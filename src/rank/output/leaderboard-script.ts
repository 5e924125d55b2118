/**
 * The leaderboard's browser side: sorts the table by a column (click again to reverse) and shows
 * one host's detail panel. It only moves existing elements and toggles `hidden`: it never builds
 * markup, so nothing a server sent can become markup here.
 */
export const LEADERBOARD_SCRIPT = String.raw`(function () {
  'use strict';
  var table = document.getElementById('board');
  var body = table.tBodies[0];
  var current = { key: 'rank', dir: 1 };

  function value(row, key) {
    var raw = row.getAttribute('data-' + key);
    var n = Number(raw);
    return raw !== '' && !isNaN(n) ? n : raw;
  }

  function sortBy(key, dir) {
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, key), y = value(b, key);
      if (x < y) return -dir;
      if (x > y) return dir;
      return value(a, 'rank') - value(b, 'rank');
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.querySelectorAll('th[data-key]'), function (th) {
      th.setAttribute('aria-sort', th.getAttribute('data-key') === key ? (dir > 0 ? 'ascending' : 'descending') : 'none');
    });
    current = { key: key, dir: dir };
  }

  Array.prototype.forEach.call(table.querySelectorAll('th[data-key] button'), function (button) {
    button.addEventListener('click', function () {
      var th = button.parentNode;
      var key = th.getAttribute('data-key');
      var dir = current.key === key ? -current.dir : Number(th.getAttribute('data-first') || 1);
      sortBy(key, dir);
    });
  });

  function show(id) {
    Array.prototype.forEach.call(document.querySelectorAll('section.host'), function (panel) {
      panel.hidden = panel.id !== id;
    });
    Array.prototype.forEach.call(body.rows, function (row) {
      row.classList.toggle('selected', row.getAttribute('data-panel') === id);
    });
    var panel = document.getElementById(id);
    if (panel) panel.scrollIntoView({ block: 'start' });
  }

  Array.prototype.forEach.call(body.querySelectorAll('button.open'), function (button) {
    button.addEventListener('click', function () { show(button.getAttribute('data-panel')); });
  });
  if (location.hash.length > 1 && document.getElementById(location.hash.slice(1))) show(location.hash.slice(1));
})();`;

export const LEADERBOARD_CSS = `
th button { all: unset; cursor: pointer; color: var(--muted); font-weight: 600; }
th button:focus-visible, button.open:focus-visible { outline: 2px solid var(--info); }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
button.open { all: unset; cursor: pointer; color: var(--info); font-weight: 600; }
tr.selected td { background: var(--card); }
.grade { font-weight: 700; }
.g-Ap, .g-A, .g-Am { color: var(--pass); } .g-B { color: var(--warn); } .g-C, .g-D, .g-E, .g-F { color: var(--fail); } .g-unknown { color: var(--skip); }
section.host { margin-top: 24px; padding: 12px 16px; border: 1px solid var(--line); border-radius: 8px; }
section.host h2 { margin-top: 0; }
.refs { color: var(--muted); font-size: 12px; }
ol.evidence li { margin: 2px 0; }
ol.evidence pre { margin: 2px 0 6px; white-space: pre-wrap; word-break: break-all; }
`;
