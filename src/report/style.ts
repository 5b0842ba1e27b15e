/**
 * The page report's stylesheet, inlined into the HTML. Badges and block shading follow the
 * verdict (v-clean, v-spam, v-error), never a score cutoff: a clean block is never red.
 */
export const REPORT_CSS = String.raw`
:root { --ink:#1d232a; --muted:#5b6570; --line:#d5dbe1; --bg:#f7f8fa; --accent:#2457a6; --spam:#a3241b;
  --clean-bg:#f1f6f2; --clean-edge:#8fb597; --spam-bg:#f6c5bf; --spam-edge:#a3241b; --error-bg:#fff7e0; --error-edge:#e0b04c; }
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  color: var(--ink); background: var(--bg); display: flex; flex-direction: column; }
header.top { padding: 10px 16px 8px; background: #fff; border-bottom: 1px solid var(--line); }
h1 { font-size: 17px; margin: 0 0 6px; }
.summary { display: flex; flex-wrap: wrap; gap: 6px 22px; margin: 0; }
.summary div { display: flex; gap: 6px; align-items: baseline; }
.summary dt { color: var(--muted); }
.summary dd { margin: 0; font-weight: 600; }
.controls { display: flex; flex-wrap: wrap; gap: 10px 18px; align-items: center; margin-top: 8px; }
.controls input[type=search] { width: 22em; max-width: 100%; padding: 5px 8px; border: 1px solid var(--line); border-radius: 4px; font: inherit; }
.controls select { font: inherit; padding: 4px; }
.controls label { display: inline-flex; gap: 6px; align-items: center; }
.legend { display: inline-flex; gap: 0; align-items: center; color: var(--muted); }
.legend { gap: 6px; }
.legend span.sw { padding: 0 6px; height: 16px; border: 1px solid var(--se); background: var(--sb); text-align: center; font-size: 11px; line-height: 14px; color: var(--ink); }
main { flex: 1; display: flex; min-height: 0; }
.pane-table { flex: 0 0 47%; display: flex; flex-direction: column; min-width: 0; border-right: 1px solid var(--line); background: #fff; }
.pane-detail { flex: 1; overflow: auto; padding: 12px 18px 40px; min-width: 0; }
.count { padding: 4px 10px; color: var(--muted); border-bottom: 1px solid var(--line); font-size: 12.5px; }
.grid { display: grid; grid-template-columns: 3.6em 4.4em 4.6em 4.8em minmax(0,1fr) 3.4em 3.8em; align-items: center; }
.thead { border-bottom: 2px solid var(--line); background: #eef1f4; }
.thead button { font: inherit; font-weight: 600; background: none; border: 0; padding: 6px 6px; text-align: left; cursor: pointer; color: var(--ink); white-space: nowrap; }
.thead button:hover { background: #e2e7ec; }
.thead button[aria-sort=ascending]::after { content: " \25B2"; font-size: 10px; }
.thead button[aria-sort=descending]::after { content: " \25BC"; font-size: 10px; }
.viewport { flex: 1; overflow-y: auto; position: relative; outline: none; }
.viewport:focus-visible { box-shadow: inset 0 0 0 2px var(--accent); }
.spacer { position: relative; }
.row { position: absolute; left: 0; right: 0; height: 30px; border-bottom: 1px solid #edf0f3; cursor: pointer; }
.row > div { padding: 0 6px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.row:hover { background: #f2f6fc; }
.row.selected { background: #dfeafb; box-shadow: inset 3px 0 0 var(--accent); }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; min-width: 3.1em; padding: 0 5px; border-radius: 3px; border: 1px solid; text-align: center;
  font-variant-numeric: tabular-nums; font-size: 12.5px; font-weight: 600; }
.v-clean { --sb: var(--clean-bg); --se: var(--clean-edge); } .v-spam { --sb: var(--spam-bg); --se: var(--spam-edge); }
.v-error { --sb: var(--error-bg); --se: var(--error-edge); }
.badge { background: var(--sb); border-color: var(--se); }
.verdict { font-size: 12.5px; font-weight: 600; }
.verdict.spam { color: var(--spam); }
.verdict.clean { color: #2f6b3a; }
.verdict.error { color: #7a4b00; }
.verdict.spam::before { content: "\2691 "; }
.verdict.error::before { content: "\26A0 "; }
.detail-head h2 { font-size: 16px; margin: 0 0 4px; word-break: break-all; }
.meta { display: flex; flex-wrap: wrap; gap: 4px 16px; color: var(--muted); margin-bottom: 8px; align-items: center; }
.meta b { color: var(--ink); }
.url { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; word-break: break-all; color: var(--ink); }
.error-box { border: 1px solid #e0b04c; background: #fff7e0; padding: 8px 10px; border-radius: 4px; margin: 8px 0; }
.title-box { border: 1px solid var(--se); border-left: 5px solid var(--se); background: var(--sb); padding: 8px 10px; border-radius: 4px; margin: 8px 0; }
.title-box .meta { margin: 2px 0 0; }
.note { color: var(--muted); margin: 6px 0 10px; font-size: 12.5px; }
.empty { color: var(--muted); margin-top: 30px; }
.block { background: var(--sb); border: 1px solid #0000000f; border-left: 5px solid var(--se); border-radius: 4px; padding: 6px 10px 8px; margin: 0 0 8px; cursor: pointer; }
.block.is-spam { border-left-width: 9px; border-left-style: double; outline: 1px solid var(--se); }
.block:focus-visible { outline: 2px solid var(--accent); }
.block-head { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: center; font-size: 12.5px; color: var(--muted); margin-bottom: 3px; }
.marker { color: #fff; background: var(--spam); border-radius: 3px; padding: 0 6px; font-weight: 700; letter-spacing: .04em; }
.hidden-tag { border: 1px dashed #555; border-radius: 3px; padding: 0 5px; color: var(--ink); background: #fff9; }
.block.is-hidden .block-text { opacity: .85; font-style: italic; }
.where { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 11.5px; word-break: break-all; }
.idx { margin-left: auto; }
.block-text { white-space: pre-wrap; overflow-wrap: anywhere; }
.more { color: var(--accent); font-size: 12.5px; }
.reasons { margin: 8px 0 2px; padding: 6px 10px 6px 26px; background: #fff; border: 1px solid var(--line); border-radius: 4px; cursor: auto; }
.reasons-title { font-weight: 600; margin: 0 0 2px -16px; }
mark { background: #ffe15c; color: inherit; padding: 0; }
footer.foot { padding: 4px 16px; font-size: 12px; color: var(--muted); border-top: 1px solid var(--line); background: #fff; }
@media (max-width: 900px) { main { flex-direction: column; } .pane-table { flex: 0 0 45%; border-right: 0; border-bottom: 1px solid var(--line); } }
`;
