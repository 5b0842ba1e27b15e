/** The text `seospam eval --cv` prints: the headline figures side by side, then breakdowns. */
import type { CvFigures, CvReport } from './crossval-eval.js';

const num = (x: number | null, d = 3): string => (x === null || Number.isNaN(x) ? '–' : x.toFixed(d));
const pct = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(2)}%`);
const pad = (s: string, n: number): string => s.padStart(n);

function headline(f: CvFigures): Array<[string, string]> {
  return [
    ['clean pages flagged', `${pct(f.cleanPages.fpr)} (${f.cleanPages.flagged}/${f.cleanPages.of})`],
    ['page recall, spam + mixed', `${num(f.pageRecall.all)} (${f.pageRecall.caught}/${f.pageRecall.of})`],
    ['page recall, spam pages', num(f.pageRecall.spam)],
    ['page recall, mixed pages', num(f.pageRecall.mixed)],
    ['page precision', num(f.set.page.precision)],
    ['spam-character F1', num(f.set.chars.f1)],
    ['block F1', num(f.set.block.f1)],
    ['block PR-AUC', num(f.set.averagePrecision)],
  ];
}

export function formatCvText(r: CvReport): string {
  const out: string[] = [];
  out.push(`grouped ${r.k}-fold cross-validation: ${r.pages} real pages (${r.spamPages} spam, ${r.mixedPages} mixed) in ${r.groups} groups; no group in two folds`);
  out.push(`block thresholds by fold (chosen on the other folds): ${r.folds.map((f) => f.threshold.toFixed(4)).join(' ')}`);
  out.push('');
  const rows = r.figures.map(headline);
  const width = 28;
  const cols = r.figures.map((f) => Math.max(18, f.model.length + 2));
  out.push(''.padEnd(width) + r.figures.map((f, k) => pad(f.model, cols[k])).join(''));
  rows[0].forEach(([name], i) => out.push(name.padEnd(width) + rows.map((row, k) => pad(row[i][1], cols[k])).join('')));
  const main = r.figures[0];
  if (r.ablation.length) {
    out.push('', `each rule of the rollup left out (${main.model}'s held-out scores, thresholds re-chosen)`);
    const abl = [main, ...r.ablation.map((a) => a.figures)];
    const acols = abl.map((f) => Math.max(14, f.model.length + 2));
    const arows = abl.map(headline);
    out.push(''.padEnd(width) + abl.map((f, k) => pad(f.model, acols[k])).join(''));
    arows[0].forEach(([name], i) => out.push(name.padEnd(width) + arows.map((row, k) => pad(row[i][1], acols[k])).join('')));
  }
  out.push('', `clean pages flagged by language (${main.model})`);
  for (const l of main.byLanguage.filter((x) => x.clean >= 10)) out.push(`  ${l.lang.padEnd(8)} ${pad(pct(l.fpr), 8)}  ${l.flagged}/${l.clean}`);
  const small = main.byLanguage.filter((x) => x.clean < 10);
  if (small.length) out.push(`  others   ${pad(pct(small.reduce((s, x) => s + x.flagged, 0) / Math.max(1, small.reduce((s, x) => s + x.clean, 0))), 8)}  ${small.reduce((s, x) => s + x.flagged, 0)}/${small.reduce((s, x) => s + x.clean, 0)} (${small.length} languages under 10 clean pages)`);
  out.push('', `page recall by kind of spam (${main.model})`);
  for (const k of main.byKind) out.push(`  ${k.kind.padEnd(20)} ${num(k.recall, 2)}  ${k.caught}/${k.pages}`);
  out.push('', `clean pages flagged (${main.model}), with their highest-scoring block`);
  for (const a of main.falseAlarms.slice(0, 40)) out.push(`  ${a.file} [${a.lang}]  ${a.text}`);
  out.push('', 'reliability of the shown score (0.5 is the verdict line): share of blocks that are spam');
  for (const b of r.reliability) out.push(`  ${b.from.toFixed(1)}–${b.to.toFixed(1)}  ${pad(num(b.spamShare), 6)}  of ${b.blocks} blocks`);
  for (const n of r.notes) out.push(`note: ${n}`);
  return out.join('\n') + '\n';
}
