/** The report's own CSS: system fonts, light and dark from the system setting (paper is always light). */
export const REPORT_CSS = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1d2430; --muted: #5b6576; --card: #f4f6f9; --line: #d9dee6; --grid: #e6e9ef;
  --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --skip: #6e7781; --info: #0969da;
  --c0: #0969da; --c1: #d1242f; --c2: #1a7f37; --c3: #8250df; --c4: #bc4c00; --c5: #0a7d8c; --c6: #6e7781;
  --phase: #8c959f;
}
@media screen and (prefers-color-scheme: dark) {
  :root {
    --bg: #0f141a; --fg: #e3e8ef; --muted: #9aa5b4; --card: #18202a; --line: #2d3743; --grid: #232c37;
    --pass: #3fb950; --fail: #ff7b72; --warn: #d29922; --skip: #8b949e; --info: #58a6ff;
    --c0: #58a6ff; --c1: #ff7b72; --c2: #3fb950; --c3: #bc8cff; --c4: #f0883e; --c5: #39c5cf; --c6: #8b949e;
    --phase: #6e7681;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1280px; margin: 0 auto; padding: 20px 24px 48px; }
h1 { font-size: 1.5rem; margin: 0 0 4px; }
h2 { font-size: 1.15rem; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 0.95rem; margin: 0 0 6px; font-weight: 600; }
p.note, .muted { color: var(--muted); }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
nav { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 10px 0 0; font-size: 13px; }
nav a { color: var(--info); text-decoration: none; }
.header { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 12px; align-items: flex-start; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 10px 0 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.verdict { font-weight: 700; padding: 6px 14px; border-radius: 6px; border: 2px solid currentColor; white-space: nowrap; }
.verdict small { display: block; font-weight: 400; font-size: 12px; }
.pass { color: var(--pass); } .fail { color: var(--fail); } .warn { color: var(--warn); }
.skip { color: var(--skip); } .info, .error { color: var(--info); }
.error { color: var(--warn); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.card .value { font-size: 1.35rem; font-weight: 650; font-variant-numeric: tabular-nums; }
.card .label { color: var(--muted); font-size: 12px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 16px; }
.chart { margin: 0; background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px; min-width: 0; }
.chart-area { min-height: 260px; }
.uplot, .uplot * { font-family: inherit; }
.u-legend { font-size: 12px; color: var(--fg); }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 12.5px; }
td.num, th.num { text-align: right; white-space: nowrap; }
.table-wrap { overflow-x: auto; }
details { margin: 2px 0; }
summary { cursor: pointer; color: var(--info); }
pre.wire { margin: 6px 0; padding: 8px; background: var(--card); border: 1px solid var(--line); border-radius: 6px; white-space: pre-wrap; word-break: break-all; max-height: 420px; overflow: auto; }
.wire .out { color: var(--c0); } .wire .in { color: var(--c2); } .wire .note { color: var(--muted); font-style: italic; }
.banner { margin: 12px 0 0; padding: 8px 12px; border-radius: 6px; border: 1px solid var(--warn); color: var(--warn); }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print {
  body { font-size: 11px; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  .charts { grid-template-columns: 1fr 1fr; }
  .chart, tr, .card { break-inside: avoid; }
  .chart-area canvas { max-width: 100%; height: auto !important; }
  h2 { break-after: avoid; }
  pre.wire { max-height: none; overflow: visible; }
  summary { color: var(--fg); }
}
`;
