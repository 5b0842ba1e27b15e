/** Plain-text rendering of an EvalResult: models side by side per set, then the model's tables. */
import type { BreakdownRow, EvalResult, EvalSet } from './evaluate.js';

function pct(x: number | null): string {
  return x === null || Number.isNaN(x) ? '—' : `${(x * 100).toFixed(2)}%`;
}

function num(x: number | null, d = 4): string {
  return x === null || Number.isNaN(x) ? '—' : x.toFixed(d);
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

const LINES: Array<[string, (s: EvalSet) => string]> = [
  ['threshold', (s) => num(s.threshold)],
  ['block precision', (s) => num(s.block.precision)],
  ['block recall', (s) => num(s.block.recall)],
  ['block F1', (s) => num(s.block.f1)],
  ['block PR-AUC', (s) => num(s.averagePrecision)],
  ['char precision', (s) => num(s.chars.precision)],
  ['char recall', (s) => num(s.chars.recall)],
  ['char F1', (s) => num(s.chars.f1)],
  ['page precision', (s) => num(s.page.precision)],
  ['page recall', (s) => num(s.page.recall)],
  ['clean-page FPR', (s) => pct(s.page.cleanPageFpr)],
  ['false spam chars', (s) => pct(s.falseSpamCharShare)],
  ['blocks tp/fp/fn/tn', (s) => `${s.confusion.tp}/${s.confusion.fp}/${s.confusion.fn}/${s.confusion.tn}`],
  ['pages tp/fp/fn/tn', (s) => `${s.page.confusion.tp}/${s.page.confusion.fp}/${s.page.confusion.fn}/${s.page.confusion.tn}`],
  ['spam by title alone', (s) => (s.page.titleOnly ? `${s.page.titleOnly.spam} spam, ${s.page.titleOnly.clean} clean` : '–')],
];

function breakdown(title: string, rows: BreakdownRow[]): string {
  return (
    `${title}\n` +
    table([
      ['', 'pages', 'blocks', 'spam', 'P', 'R', 'F1', 'clean-page FPR'],
      ...rows.map((r) => {
        const c = r.confusion;
        return [r.key, String(r.pages), String(c.tp + c.fp + c.fn + c.tn), String(c.tp + c.fn), num(r.precision, 3), num(r.recall, 3), num(r.f1, 3), pct(r.cleanPageFpr)];
      }),
    ])
  );
}

/** The eval result as text for a terminal. */
export function formatEvalText(result: EvalResult): string {
  const out: string[] = [`backend: ${result.backend}; feature set: ${result.featureSetVersion}`];
  const main = result.models[0];
  for (const set of main.sets) {
    const others = result.models.map((m) => m.sets.find((s) => s.name === set.name));
    out.push('');
    out.push(`== ${set.name}: ${set.pages} pages (${set.cleanPages} clean), ${set.blocks} blocks (${set.spamBlocks} spam) ==`);
    out.push(table([['', ...result.models.map((m) => m.model)], ...LINES.map(([label, f]) => [label, ...others.map((s) => (s ? f(s) : '—'))])]));
    out.push('');
    out.push(`thresholds (${main.model})`);
    out.push(
      table([
        ['threshold', 'P', 'R', 'F1', 'clean-page FPR', 'false spam chars'],
        ...set.thresholds.map((t) => [num(t.threshold, 4), num(t.precision, 4), num(t.recall, 4), num(t.f1, 4), pct(t.cleanPageFpr), pct(t.falseSpamCharShare)]),
      ]),
    );
    out.push('');
    out.push(breakdown(`by source (${main.model})`, set.bySource));
    out.push('');
    out.push(breakdown(`by language (${main.model})`, set.byLanguage));
  }
  if (result.changed) {
    out.push('');
    out.push(`${result.changed.length} blocks changed verdict from ${result.models[0].model} to ${result.models[1]?.model}`);
    for (const c of result.changed.slice(0, 200)) {
      const where = c.selector ?? (c.lines ? `lines ${c.lines[0]}-${c.lines[1]}` : '');
      const text = c.text.length > 100 ? c.text.slice(0, 99) + '…' : c.text;
      out.push(
        `  [${c.label ? 'spam' : 'clean'}] ${c.before.score.toFixed(3)} → ${c.after.score.toFixed(3)}  ${c.file} ${where}\n      ${text}`,
      );
    }
    if (result.changed.length > 200) out.push(`  … ${result.changed.length - 200} more (use --format json)`);
  }
  for (const n of result.notes) out.push(`note: ${n}`);
  return out.join('\n') + '\n';
}
