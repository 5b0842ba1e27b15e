/**
 * Plain-text rendering of an EvalResult: per set, the models side by side (headline figures,
 * threshold table, per-source and per-language breakdowns), then the blocks whose verdict changed.
 * A figure with nothing to count (recall of a source without spam) prints as `–`, not 0.
 */
import type { BreakdownRow, ChangedBlock, Confusion, EvalResult, EvalSet, ModelEval, ThresholdRow } from './evaluate.js';

/** What a cell shows for a figure that is not defined. */
export const UNDEFINED = '–';

/** Precision, recall and F1 of counts, null where the ratio has nothing to count. */
export function definedPrf(c: Confusion): { precision: number | null; recall: number | null; f1: number | null } {
  return {
    precision: c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : null,
    recall: c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : null,
    f1: 2 * c.tp + c.fp + c.fn > 0 ? (2 * c.tp) / (2 * c.tp + c.fp + c.fn) : null,
  };
}

function pct(x: number | null): string {
  return x === null || Number.isNaN(x) ? UNDEFINED : `${(x * 100).toFixed(2)}%`;
}

function num(x: number | null, d = 4): string {
  return x === null || Number.isNaN(x) ? UNDEFINED : x.toFixed(d);
}

/** A group of columns under one heading (a model's name). */
interface Group {
  label: string;
  columns: number;
}

/**
 * Rows as aligned text: the first column left-aligned, the others right-aligned. With
 * `groups`, a line above the header names each group of columns after the `lead` ones.
 */
function table(rows: string[][], groups?: { lead: number; groups: Group[] }): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]): string => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd();
  const out = rows.map(line);
  if (groups) {
    let col = groups.lead;
    const parts = [' '.repeat(widths.slice(0, col).reduce((a, w) => a + w + 2, 0))];
    for (const g of groups.groups) {
      const span = widths.slice(col, col + g.columns).reduce((a, w) => a + w + 2, 0);
      const room = span - 2;
      const label = g.label.length + 1 > room ? `${g.label.slice(0, Math.max(1, room - 2))}… ` : `${g.label} `;
      parts.push(label.padEnd(room, '─') + '  ');
      col += g.columns;
    }
    out.unshift(parts.join('').trimEnd());
  }
  return out.join('\n');
}

const LINES: Array<[string, (s: EvalSet) => string]> = [
  ['threshold', (s) => num(s.threshold)],
  ['block precision', (s) => num(definedPrf(s.confusion).precision)],
  ['block recall', (s) => num(definedPrf(s.confusion).recall)],
  ['block F1', (s) => num(definedPrf(s.confusion).f1)],
  ['block PR-AUC', (s) => num(s.averagePrecision)],
  ['char precision', (s) => num(definedPrf(s.chars.confusion).precision)],
  ['char recall', (s) => num(definedPrf(s.chars.confusion).recall)],
  ['char F1', (s) => num(definedPrf(s.chars.confusion).f1)],
  ['page precision', (s) => num(definedPrf(s.page.confusion).precision)],
  ['page recall', (s) => num(definedPrf(s.page.confusion).recall)],
  ['clean-page FPR', (s) => pct(s.cleanPages > 0 ? s.page.cleanPageFpr : null)],
  ['false spam chars', (s) => pct(s.falseSpamCharShare)],
  ['blocks tp/fp/fn/tn', (s) => `${s.confusion.tp}/${s.confusion.fp}/${s.confusion.fn}/${s.confusion.tn}`],
  ['pages tp/fp/fn/tn', (s) => `${s.page.confusion.tp}/${s.page.confusion.fp}/${s.page.confusion.fn}/${s.page.confusion.tn}`],
  ['spam by title alone', (s) => (s.page.titleOnly ? `${s.page.titleOnly.spam} spam, ${s.page.titleOnly.clean} clean` : UNDEFINED)],
];

/** A threshold-table row's figures; a row flags nothing when its precision is 1 at recall 0 (metrics.prf). */
function thresholdCells(set: EvalSet, r: ThresholdRow | undefined): string[] {
  if (!r) return Array<string>(5).fill(UNDEFINED);
  const noSpam = set.spamBlocks === 0;
  const nothingFlagged = r.precision === 1 && r.recall === 0;
  return [
    nothingFlagged ? UNDEFINED : num(r.precision),
    noSpam ? UNDEFINED : num(r.recall),
    noSpam && nothingFlagged ? UNDEFINED : num(r.f1),
    pct(set.cleanPages > 0 ? r.cleanPageFpr : null),
    pct(r.falseSpamCharShare),
  ];
}

/** Each model's threshold table on one grid (the union of their thresholds), side by side. */
function thresholdTable(models: readonly string[], sets: ReadonlyArray<EvalSet | undefined>): string {
  const keyOf = (t: number): string => t.toFixed(4);
  const grid = new Map<string, number>();
  for (const s of sets) for (const r of s?.thresholds ?? []) grid.set(keyOf(r.threshold), r.threshold);
  const thresholds = [...grid.values()].sort((a, b) => a - b);
  const rows = [['threshold', ...sets.flatMap(() => ['P', 'R', 'F1', 'clean pages', 'spam chars']), 'model threshold']];
  for (const t of thresholds) {
    const own = models.filter((_, k) => sets[k] && keyOf(sets[k]!.threshold) === keyOf(t));
    rows.push([
      keyOf(t),
      ...sets.flatMap((s) => (s ? thresholdCells(s, s.thresholds.find((r) => keyOf(r.threshold) === keyOf(t))) : Array<string>(5).fill(UNDEFINED))),
      own.join(', '),
    ]);
  }
  return table(rows, { lead: 1, groups: models.map((label) => ({ label, columns: 5 })) });
}

/** Per-source or per-language rows of every model side by side; pages, blocks and spam are the data's own. */
function breakdownTable(title: string, models: readonly string[], rowsOf: ReadonlyArray<readonly BreakdownRow[]>): string {
  const keys = [...new Set(rowsOf.flatMap((rows) => rows.map((r) => r.key)))].sort((a, b) => a.localeCompare(b));
  const rows = [[title, 'pages', 'blocks', 'spam', ...models.flatMap(() => ['P', 'R', 'F1', 'clean pages'])]];
  for (const key of keys) {
    const found = rowsOf.map((rs) => rs.find((r) => r.key === key));
    const any = found.find((r) => r !== undefined)!;
    const c = any.confusion;
    rows.push([
      key,
      String(any.pages),
      String(c.tp + c.fp + c.fn + c.tn),
      String(c.tp + c.fn),
      ...found.flatMap((r) => {
        if (!r) return [UNDEFINED, UNDEFINED, UNDEFINED, UNDEFINED];
        const m = definedPrf(r.confusion);
        return [num(m.precision, 3), num(m.recall, 3), num(m.f1, 3), pct(r.cleanPageFpr)];
      }),
    ]);
  }
  return table(rows, { lead: 4, groups: models.map((label) => ({ label, columns: 4 })) });
}

/** Models' names as shown: the folder names, with their versions when two share a name. */
function names(models: readonly ModelEval[]): string[] {
  const plain = models.map((m) => m.model);
  return plain.map((n, k) => (plain.indexOf(n) !== plain.lastIndexOf(n) ? `${n} ${models[k].modelVersion}` : n));
}

function verdict(spam: boolean): string {
  return spam ? 'spam' : 'clean';
}

/** One changed block: its verdicts and scores under each model, what the label says, where it is and its text. */
function changedLine(c: ChangedBlock): string {
  // Lines counted from 1, as `score` prints them.
  const where = c.selector ?? (!c.lines ? '' : c.lines[0] === c.lines[1] ? `line ${c.lines[0] + 1}` : `lines ${c.lines[0] + 1}–${c.lines[1] + 1}`);
  const text = c.text.length > 100 ? c.text.slice(0, 99) + '…' : c.text;
  const right = c.after.spam === c.label ? 'now right' : 'now wrong';
  return (
    `  ${verdict(c.before.spam)} → ${verdict(c.after.spam)}  ${c.before.score.toFixed(3)} → ${c.after.score.toFixed(3)}  ` +
    `labelled ${verdict(c.label)}, ${right}  ${c.set}  ${c.file} ${where}\n      ${text}`
  );
}

/** The eval result as text for a terminal. */
export function formatEvalText(result: EvalResult): string {
  const out: string[] = [`backend: ${result.backend}; feature set: ${result.featureSetVersion}`];
  const main = result.models[0];
  const shown = names(result.models);
  for (const set of main.sets) {
    const sets = result.models.map((m) => m.sets.find((s) => s.name === set.name));
    out.push('');
    out.push(`== ${set.name}: ${set.pages} pages (${set.cleanPages} clean), ${set.blocks} blocks (${set.spamBlocks} spam) ==`);
    out.push(table([['', ...shown], ...LINES.map(([label, f]) => [label, ...sets.map((s) => (s ? f(s) : UNDEFINED))])]));
    out.push('');
    out.push(thresholdTable(shown, sets));
    out.push('');
    out.push(breakdownTable('by source', shown, sets.map((s) => s?.bySource ?? [])));
    out.push('');
    out.push(breakdownTable('by language', shown, sets.map((s) => s?.byLanguage ?? [])));
  }
  if (result.changed) {
    const [before, after] = shown;
    const right = result.changed.filter((c) => c.after.spam === c.label).length;
    out.push('');
    out.push(
      `${result.changed.length} blocks changed verdict from ${before} to ${after}: ${right} now agree with the label, ${result.changed.length - right} no longer do`,
    );
    for (const c of result.changed.slice(0, 200)) out.push(changedLine(c));
    if (result.changed.length > 200) out.push(`  … ${result.changed.length - 200} more (use --format json)`);
  }
  for (const n of result.notes) out.push(`note: ${n}`);
  return out.join('\n') + '\n';
}
