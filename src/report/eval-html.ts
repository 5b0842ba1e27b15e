/**
 * The trainer's eval report: one self-contained static HTML file (no script) with,
 * per set, the precision-recall curve and threshold table as inline SVG and tables,
 * the confusion matrix, per-source and per-language breakdowns, real and synthetic
 * sets apart, and, when two models are compared, the blocks whose verdict changed.
 */
import { createHash } from 'node:crypto';
import { definedPrf } from '../model/eval-format.js';
import { formatThreshold } from '../scorer/numbers.js';
import { escapeHtml } from './escape.js';
import { EVAL_CSS } from './eval-style.js';
import { prCurveSvg } from './pr-curve-svg.js';
import type { BreakdownRow, ChangedBlock, Confusion, EvalReportInput, EvalSet, ModelEval, PrPoint, ThresholdRow } from './types.js';

/** Options of `renderEvalReport`. */
export interface EvalReportOptions {
  /** Changed blocks listed at most (default 500); the rest are counted. */
  maxChanged?: number;
}

const e = escapeHtml;
const n3 = (v: number | null | undefined): string => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(3) : '–');
const pct = (v: number): string => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–');
const count = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(1));

/** Precision, recall and F1 from confusion counts; null where there is nothing to count (shown as –). */
export const scores = definedPrf;

const modelName = (m: ModelEval): string => `${m.model} ${m.modelVersion}`;

function confusionTable(c: Confusion, unit: string): string {
  const total = c.tp + c.fp + c.fn + c.tn || 1;
  const cellOf = (v: number, cls: string, words: string): string =>
    `<td class="${cls}"><span class="n">${count(v)}</span><span class="w">${words} · ${pct(v / total)}</span></td>`;
  return `<table class="cm" aria-label="Confusion matrix"><tr><th></th><th>scored spam</th><th>scored clean</th></tr>
<tr><th class="k">labeled spam</th>${cellOf(c.tp, 'ok', 'true positive')}${cellOf(c.fn, 'err', 'missed')}</tr>
<tr><th class="k">labeled clean</th>${cellOf(c.fp, 'err', 'false alarm')}${cellOf(c.tn, 'ok', 'true negative')}</tr>
</table><p class="meta">counts of ${e(unit)}s</p>`;
}

function thresholdTable(rows: readonly ThresholdRow[], threshold: number, noSpam: boolean): string {
  if (!rows.length) return '<p class="meta">No threshold table.</p>';
  let at = 0;
  let best = 0;
  rows.forEach((r, i) => {
    if (Math.abs(r.threshold - threshold) < Math.abs(rows[at].threshold - threshold)) at = i;
    if (r.f1 > rows[best].f1) best = i;
  });
  const fpr = rows.some((r) => r.cleanPageFpr !== undefined);
  const fsc = rows.some((r) => r.falseSpamCharShare !== undefined);
  const head = `<tr><th>threshold</th><th>precision</th><th>recall</th><th>F1</th>${fpr ? '<th>clean pages flagged</th>' : ''}${fsc ? '<th>clean text flagged</th>' : ''}</tr>`;
  const body = rows
    .map((r, i) => {
      const cls = [i === at ? 'at' : '', i === best ? 'best' : ''].filter(Boolean).join(' ');
      // metrics.prf reads precision 1 at recall 0 when nothing is flagged: undefined, as recall is without spam.
      const nothing = r.precision === 1 && r.recall === 0;
      return `<tr${cls ? ` class="${cls}"` : ''}><td>${formatThreshold(r.threshold)}</td><td>${nothing ? '–' : n3(r.precision)}</td><td>${noSpam ? '–' : n3(r.recall)}</td><td>${noSpam && nothing ? '–' : n3(r.f1)}</td>${
        fpr ? `<td>${r.cleanPageFpr === undefined ? '–' : pct(r.cleanPageFpr)}</td>` : ''
      }${fsc ? `<td>${r.falseSpamCharShare === undefined ? '–' : pct(r.falseSpamCharShare)}</td>` : ''}</tr>`;
    })
    .join('\n');
  return `<table aria-label="Threshold table">${head}\n${body}</table><p class="meta">highlighted: the row nearest the model's threshold ${formatThreshold(threshold)}</p>`;
}

function breakdownTable(rows: readonly BreakdownRow[], what: string): string {
  if (!rows.length) return `<p class="meta">No ${e(what)} breakdown.</p>`;
  const pages = rows.some((r) => r.pages !== undefined);
  const fpr = rows.some((r) => r.cleanPageFpr !== undefined);
  const head = `<tr><th class="k">${e(what)}</th>${pages ? '<th>pages</th>' : ''}<th>TP</th><th>FP</th><th>FN</th><th>TN</th><th>precision</th><th>recall</th><th>F1</th>${fpr ? '<th>clean pages flagged</th>' : ''}</tr>`;
  const body = rows
    .map((r) => {
      const s = scores(r.confusion);
      const c = r.confusion;
      return `<tr><td class="k">${e(r.key)}</td>${pages ? `<td>${r.pages ?? '–'}</td>` : ''}<td>${count(c.tp)}</td><td>${count(c.fp)}</td><td>${count(c.fn)}</td><td>${count(c.tn)}</td><td>${n3(s.precision)}</td><td>${n3(s.recall)}</td><td>${n3(s.f1)}</td>${
        fpr ? `<td>${r.cleanPageFpr === undefined ? '–' : pct(r.cleanPageFpr)}</td>` : ''
      }</tr>`;
    })
    .join('\n');
  return `<table aria-label="By ${e(what)}">${head}\n${body}</table>`;
}

function delta(now: number | null, before: number | null | undefined): string {
  if (now === null || before === undefined || before === null || !Number.isFinite(before)) return '';
  const d = now - before;
  if (Math.abs(d) < 0.0005) return ' <span class="delta">(±0)</span>';
  return ` <span class="delta ${d > 0 ? 'up' : 'down'}">(${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(3)})</span>`;
}

function metricsList(set: EvalSet, base: EvalSet | undefined): string {
  const s = scores(set.confusion);
  const b = base ? scores(base.confusion) : undefined;
  const items: string[] = [
    `<dt>precision</dt><dd>${n3(s.precision)}${delta(s.precision, b?.precision)}</dd>`,
    `<dt>recall</dt><dd>${n3(s.recall)}${delta(s.recall, b?.recall)}</dd>`,
    `<dt>F1</dt><dd>${n3(s.f1)}${delta(s.f1, b?.f1)}</dd>`,
  ];
  if (typeof set.averagePrecision === 'number') {
    items.push(`<dt>average precision</dt><dd>${n3(set.averagePrecision)}${delta(set.averagePrecision, base?.averagePrecision ?? undefined)}</dd>`);
  }
  if (set.page) {
    items.push(`<dt>page F1</dt><dd>${n3(set.page.f1)}</dd>`, `<dt>clean pages flagged</dt><dd>${pct(set.page.cleanPageFpr)}</dd>`);
  }
  if (set.falseSpamCharShare !== undefined) items.push(`<dt>clean text flagged</dt><dd>${pct(set.falseSpamCharShare)}</dd>`);
  return `<dl class="metrics">${items.join('')}</dl>`;
}

/** Where the card's precision and recall put the model (the circle on its curve); none when either is undefined. */
function operatingPoint(set: EvalSet, threshold: number): PrPoint | undefined {
  const s = scores(set.confusion);
  return s.precision === null || s.recall === null ? undefined : { threshold, precision: s.precision, recall: s.recall };
}

function setSection(name: string, entries: Array<{ model: ModelEval; set: EvalSet }>): string {
  const first = entries[0].set;
  const unit = first.unit ?? 'block';
  const counts = [
    first.pages !== undefined ? `${first.pages} pages` : '',
    first.blocks !== undefined ? `${first.blocks} blocks` : '',
    first.spamBlocks !== undefined ? `${first.spamBlocks} labeled spam` : '',
  ].filter(Boolean);
  const curves = entries.map(({ model, set }) => ({ label: modelName(model), points: set.pr, at: operatingPoint(set, model.threshold) }));
  const out: string[] = [];
  out.push(`<section class="set" data-set="${e(name)}"><h2>${e(name)}<span class="tag ${first.synthetic ? 'synthetic' : 'real'}">${first.synthetic ? 'synthetic' : 'real'}</span></h2>`);
  if (counts.length) out.push(`<p class="meta">${e(counts.join(', '))}</p>`);
  out.push(`<div class="row">${prCurveSvg(curves, `Precision-recall curve, ${name}`)}`);
  const base = entries[0].set;
  for (const [i, { model, set }] of entries.entries()) {
    out.push(`<div class="card"><h4>${e(modelName(model))} at ${formatThreshold(model.threshold)}</h4>${metricsList(set, i > 0 ? base : undefined)}${confusionTable(set.confusion, unit)}</div>`);
  }
  out.push('</div>');
  for (const { model, set } of entries) {
    const who = entries.length > 1 ? ` — ${e(modelName(model))}` : '';
    out.push(`<h3>Thresholds${who}</h3>${thresholdTable(set.thresholds, model.threshold, set.spamBlocks === 0 || (set.confusion.tp + set.confusion.fn === 0))}`);
    out.push(`<div class="row"><div><h3>By source${who}</h3>${breakdownTable(set.bySource, 'source')}</div><div><h3>By language${who}</h3>${breakdownTable(set.byLanguage, 'language')}</div></div>`);
  }
  out.push('</section>');
  return out.join('\n');
}

function changedSection(changed: readonly ChangedBlock[], before: ModelEval, after: ModelEval, max: number): string {
  const fixed = changed.filter((c) => c.label !== undefined && c.after.spam === c.label).length;
  const broke = changed.filter((c) => c.label !== undefined && c.after.spam !== c.label).length;
  const shown = changed.slice(0, max);
  const rows = shown
    .map((c) => {
      const where = c.selector ?? (c.lines ? `lines ${c.lines[0] + 1}–${c.lines[1] + 1}` : '');
      const text = c.text.length > 400 ? `${c.text.slice(0, 400)}…` : c.text;
      const verdict = (v: { score: number; spam: boolean }): string => `${v.spam ? 'spam' : 'clean'} ${v.score.toFixed(2)}`;
      const cls = c.label === undefined ? '' : c.after.spam === c.label ? 'fixed' : 'broke';
      const word = c.label === undefined ? '' : c.after.spam === c.label ? 'fixed' : 'broken';
      return `<tr><td class="k">${e(c.set ?? '')}</td><td class="where">${e(c.file)}<br>${e(where)}</td><td class="text">${e(text)}</td><td>${
        c.label === undefined ? '–' : c.label ? 'spam' : 'clean'
      }</td><td>${verdict(c.before)}</td><td>${verdict(c.after)}</td><td class="${cls}">${word}</td></tr>`;
    })
    .join('\n');
  const more = changed.length > shown.length ? `<p class="meta">Showing the first ${shown.length} of ${changed.length}.</p>` : '';
  return `<section class="changed"><h2>Blocks whose verdict changed</h2>
<p class="meta">${changed.length} blocks changed from ${e(modelName(before))} to ${e(modelName(after))}: ${fixed} now agree with the label, ${broke} no longer do.</p>
<table aria-label="Changed blocks"><tr><th class="k">set</th><th class="k">page and place</th><th class="k">text</th><th>label</th><th>${e(modelName(before))}</th><th>${e(modelName(after))}</th><th></th></tr>
${rows}</table>${more}</section>`;
}

/** The eval report as one HTML string. Sets are matched across models by name; real sets come before synthetic ones. */
export function renderEvalReport(input: EvalReportInput, options: EvalReportOptions = {}): string {
  const title = input.title ?? 'seospam evaluation';
  const models = input.models;
  const names: string[] = [];
  const synthetic = new Map<string, boolean>();
  for (const m of models) {
    for (const s of m.sets) {
      if (!synthetic.has(s.name)) names.push(s.name);
      synthetic.set(s.name, synthetic.get(s.name) === true || s.synthetic);
    }
  }
  const real = names.filter((n) => !synthetic.get(n));
  const synth = names.filter((n) => synthetic.get(n));
  const section = (name: string): string =>
    setSection(
      name,
      models.flatMap((model) => model.sets.filter((s) => s.name === name).map((set) => ({ model, set }))),
    );
  const meta = [
    models.map((m) => `${modelName(m)} (threshold ${formatThreshold(m.threshold)})`).join(' vs '),
    input.backend ? `backend ${input.backend}` : '',
    input.featureSetVersion ? `features ${input.featureSetVersion}` : '',
    input.generated ?? '',
  ].filter(Boolean);
  const body: string[] = [`<h1>${e(title)}</h1>`, `<p class="meta">${e(meta.join(' · '))}</p>`];
  if (input.notes?.length) body.push(`<ul class="notes">${input.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>`);
  if (!names.length) body.push('<p>No sets were evaluated.</p>');
  body.push(...real.map(section));
  if (synth.length) {
    body.push('<h2 class="apart">Synthetic sets <span class="meta">(made by seospam synth; reported apart from real pages)</span></h2>');
    body.push(...synth.map(section));
  }
  if (models.length >= 2 && input.changed) body.push(changedSection(input.changed, models[0], models[1], options.maxChanged ?? 500));
  const csp = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(EVAL_CSS, 'utf8').digest('base64')}'; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>${EVAL_CSS}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}
