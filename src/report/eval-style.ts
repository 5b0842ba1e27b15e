/** The eval report's stylesheet, inlined into the HTML. */
export const EVAL_CSS = String.raw`
:root { --ink:#1d232a; --muted:#5b6570; --line:#d5dbe1; --good:#e3f3e6; --bad:#fbe3e0; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC", sans-serif;
  color: var(--ink); background: #f7f8fa; margin: 0; padding: 14px 22px 40px; }
h1 { font-size: 19px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 26px 0 6px; padding-top: 10px; border-top: 2px solid var(--line); }
h3 { font-size: 14.5px; margin: 16px 0 6px; }
h4 { font-size: 13.5px; margin: 10px 0 4px; color: var(--muted); }
.meta { color: var(--muted); margin: 0 0 8px; }
.tag { display: inline-block; font-size: 11.5px; font-weight: 600; padding: 0 6px; border-radius: 3px; border: 1px solid; margin-left: 8px; vertical-align: 2px; }
.tag.real { color: #1f5fbf; } .tag.synthetic { color: #7e22ce; border-style: dashed; }
.notes { background: #fff7e0; border: 1px solid #e0b04c; padding: 6px 10px 6px 28px; border-radius: 4px; }
.row { display: flex; flex-wrap: wrap; gap: 18px; align-items: flex-start; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
table { border-collapse: collapse; background: #fff; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: right; }
th { background: #eef1f4; font-weight: 600; }
td.k, th.k { text-align: left; }
tr.at td { background: #fff3c4; font-weight: 600; }
tr.best td:first-child::after { content: " best F1"; font-size: 11px; color: var(--muted); font-weight: 400; }
.cm td { width: 6.5em; height: 2.6em; text-align: center; }
.cm td.ok { background: var(--good); } .cm td.err { background: var(--bad); }
.cm .n { font-size: 16px; font-weight: 700; display: block; }
.cm .w { font-size: 11px; color: var(--muted); }
.delta.up { color: #15803d; } .delta.down { color: #b91c1c; }
.metrics { margin: 0; display: grid; grid-template-columns: auto auto; gap: 2px 12px; }
.metrics dt { color: var(--muted); } .metrics dd { margin: 0; font-weight: 600; text-align: right; font-variant-numeric: tabular-nums; }
svg.pr { background: #fff; border: 1px solid var(--line); border-radius: 6px; font-size: 11px; }
svg.pr .grid { stroke: #eceff2; } svg.pr .grid.major { stroke: #d0d6dc; }
svg.pr .tick, svg.pr .legend { fill: #444; } svg.pr .legend.note { font-size: 11px; fill: #555; } svg.pr .axis { fill: #222; font-size: 12px; font-weight: 600; }
svg.pr .curve { fill: none; stroke-width: 2.5; stroke-linejoin: round; }
svg.pr .at { fill: #fff; stroke-width: 2.5; }
td.text { text-align: left; max-width: 38em; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12.5px; }
td.where { text-align: left; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 11.5px; max-width: 18em; overflow-wrap: anywhere; }
td.fixed { background: var(--good); } td.broke { background: var(--bad); }
`;
