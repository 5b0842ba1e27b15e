/**
 * The moderator's page report: one self-contained HTML file (style and script
 * inline, no network) built from PageResults. Pages are embedded as JSON and a
 * page's blocks are drawn only when it is opened, so 10,000 pages stay smooth.
 * A Content-Security-Policy allows only this file's own style and script (by hash)
 * and no loads at all, so nothing from a page can run or fetch, even by mistake.
 */
import { createHash } from 'node:crypto';
import { formatThreshold } from '../scorer/numbers.js';
import type { PageResult } from '../scorer/types.js';
import { REPORT_SCRIPT } from './client-script.js';
import { embedJson, escapeHtml } from './escape.js';
import { compactPage } from './payload.js';
import { REPORT_CSS } from './style.js';
import type { ReportInfo, ReportSummary } from './types.js';

/** Receives the HTML in pieces; returning false asks the caller to wait (a stream's 'drain'). */
export type ReportSink = (chunk: string) => boolean | void;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The CSP meta value: own inline style and script by hash, nothing else, no loads. */
export function reportPolicy(): string {
  return [
    "default-src 'none'",
    `script-src ${sha256(REPORT_SCRIPT)}`,
    `style-src ${sha256(REPORT_CSS)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** What the embedded `report-info` element holds (only known fields). */
function infoPayload(info: ReportInfo): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const key of ['model', 'modelVersion', 'featureSetVersion', 'threshold', 'backend', 'source', 'generated'] as const) {
    const v = info[key];
    if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) out[key] = v;
  }
  // The threshold as the summary prints it: every decimal it needs (0.985, never 0.99).
  if (typeof out.threshold === 'number') out.thresholdText = formatThreshold(out.threshold);
  return out;
}

function head(info: ReportInfo): string {
  const title = info.title ?? 'seospam report';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(reportPolicy())}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header class="top">
<h1>${escapeHtml(title)}</h1>
<dl class="summary" id="summary"></dl>
<div class="controls">
<input type="search" id="search" placeholder="Search file, URL, block text, reasons" aria-label="Search pages and blocks">
<label>Pages <select id="verdict" aria-label="Show pages"><option value="all">all</option><option value="spam">spam</option><option value="clean">clean</option><option value="error">errors</option></select></label>
<label><input type="checkbox" id="spam-only"> Spam blocks only</label>
<span class="legend" aria-label="Colours follow the verdict">colours follow the verdict:<span class="sw v-clean">clean</span><span class="sw v-spam">spam</span><span class="marker">&#x2691; SPAM</span></span>
</div>
<noscript><p>This report needs JavaScript to show its pages.</p></noscript>
</header>
<main>
<section class="pane-table" aria-label="Pages">
<div class="count" id="count"></div>
<div class="thead grid" role="row">
<button type="button" data-key="order" role="columnheader">#</button>
<button type="button" data-key="score" role="columnheader">Score</button>
<button type="button" data-key="verdict" role="columnheader">Verdict</button>
<button type="button" data-key="share" role="columnheader" title="Share of the page text in spam blocks">Spam %</button>
<button type="button" data-key="name" role="columnheader">File or URL</button>
<button type="button" data-key="lang" role="columnheader">Lang</button>
<button type="button" data-key="blocks" role="columnheader">Blocks</button>
</div>
<div class="viewport" id="rows" tabindex="0" role="table" aria-label="Pages, one per row"><div class="spacer" id="rows-spacer"></div></div>
</section>
<section class="pane-detail" id="detail" aria-label="Blocks of the opened page" aria-live="polite"></section>
</main>
<footer class="foot">Page content is shown as text only: nothing from the pages is loaded, linked or run. Sort by clicking a column; arrow keys move through pages.</footer>
<script type="application/json" id="report-pages">[`;
}

function tail(info: ReportInfo): string {
  return `]</script>
<script type="application/json" id="report-info">${embedJson(infoPayload(info))}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

/**
 * Writes a page report piece by piece: the head on creation, one page per `add`,
 * the script on `finish`. Used by `score --format html --out FILE` to stream a batch.
 */
export class ReportWriter {
  private readonly sink: ReportSink;
  private finished = false;
  private info: ReportInfo;
  private readonly counts: ReportSummary = { pages: 0, spamPages: 0, errors: 0, blocks: 0, spamBlocks: 0, bytes: 0 };

  constructor(sink: ReportSink, info: ReportInfo = {}) {
    this.sink = sink;
    this.info = { ...info };
    this.emit(head(info));
  }

  private emit(chunk: string): boolean {
    this.counts.bytes += Buffer.byteLength(chunk, 'utf8');
    return this.sink(chunk) !== false;
  }

  /** Adds one page; returns false when the sink asks to wait before the next. */
  add(result: PageResult): boolean {
    if (this.finished) throw new Error('ReportWriter.add after finish');
    const c = this.counts;
    if (result.error) c.errors++;
    else if (result.spam) c.spamPages++;
    c.blocks += result.blocks.length;
    for (const b of result.blocks) if (b.spam) c.spamBlocks++;
    const json = embedJson(compactPage(result));
    return this.emit(c.pages++ === 0 ? `\n${json}` : `,\n${json}`);
  }

  /** Adds to what the summary says about the run (e.g. a scorer-info line read after the head); not the title. */
  updateInfo(info: ReportInfo): void {
    this.info = { ...this.info, ...info };
  }

  /** Writes the end of the file (run info, script) and returns the counts; later calls only return the counts. */
  finish(): ReportSummary {
    if (!this.finished) {
      this.finished = true;
      this.emit(tail(this.info));
    }
    return { ...this.counts };
  }
}

/** The whole report as one string (for small batches and tests). */
export function renderReport(results: Iterable<PageResult>, info: ReportInfo = {}): string {
  const parts: string[] = [];
  const writer = new ReportWriter((chunk) => {
    parts.push(chunk);
  }, info);
  for (const r of results) writer.add(r);
  writer.finish();
  return parts.join('');
}
