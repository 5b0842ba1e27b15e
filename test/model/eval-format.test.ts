/**
 * `seospam eval`'s text output, on the two-model fixture of the eval report
 * (test/fixtures/report/eval-compare.json) completed into EvalResults: both models'
 * tables side by side, verdict changes named, undefined figures as –.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { definedPrf, formatEvalText } from '../../src/model/eval-format.js';
import type { Confusion, EvalResult, EvalSet, ModelEval } from '../../src/model/evaluate.js';
import type { EvalReportInput, EvalSet as ReportSet } from '../../src/report/types.js';
import { FIXTURES } from '../report/load-fixtures.js';

const fixture = JSON.parse(await readFile(path.join(FIXTURES, 'eval-compare.json'), 'utf8')) as EvalReportInput;

const prf = (c: Confusion) => {
  const d = definedPrf(c);
  return { precision: d.precision ?? 1, recall: d.recall ?? 0, f1: d.f1 ?? 0 };
};

/** The report fixture's set, with the fields the model stage adds (page and character figures from the block counts). */
function fullSet(s: ReportSet, threshold: number): EvalSet {
  const pageConfusion = { tp: 20, fp: 1, fn: 2, tn: (s.pages ?? 40) - 23 };
  return {
    name: s.name,
    synthetic: s.synthetic,
    unit: 'block',
    pages: s.pages ?? 0,
    cleanPages: pageConfusion.fp + pageConfusion.tn,
    blocks: s.blocks ?? 0,
    spamBlocks: s.spamBlocks ?? 0,
    threshold,
    block: prf(s.confusion),
    confusion: s.confusion,
    averagePrecision: s.averagePrecision ?? null,
    chars: { ...prf(s.confusion), confusion: s.confusion },
    page: { ...prf(pageConfusion), confusion: pageConfusion, cleanPageFpr: 1 / (1 + pageConfusion.tn), titleOnly: { spam: 0, clean: 0 } },
    falseSpamCharShare: 0.001,
    pr: s.pr,
    // As evaluateSet does, the table has a row at the model's own threshold.
    thresholds: [...s.thresholds.filter((r) => r.threshold !== threshold), { threshold, ...prf(s.confusion) }]
      .sort((x, y) => x.threshold - y.threshold)
      .map((r) => ({ ...r, cleanPageFpr: r.cleanPageFpr ?? 0, falseSpamCharShare: r.falseSpamCharShare ?? 0 })),
    bySource: s.bySource.map((r) => ({ key: r.key, pages: r.pages ?? 0, confusion: r.confusion, ...prf(r.confusion), cleanPageFpr: r.cleanPageFpr ?? 0 })),
    byLanguage: s.byLanguage.map((r) => ({ key: r.key, pages: r.pages ?? 0, confusion: r.confusion, ...prf(r.confusion), cleanPageFpr: r.cleanPageFpr ?? 0 })),
  };
}

const models: ModelEval[] = fixture.models.map((m) => ({ ...m, sets: m.sets.map((s) => fullSet(s, m.threshold)) }));
const result: EvalResult = {
  backend: fixture.backend ?? 'cpu',
  featureSetVersion: fixture.featureSetVersion ?? 'fs-0',
  models,
  changed: fixture.changed!.map((c) => ({ ...c, label: c.label ?? false, set: c.set ?? 'real dev' })),
  notes: [],
};
const text = formatEvalText(result);

/** The lines of the text from the first line (at or after line `after`) matching `from` to the next blank line. */
function block(from: string | RegExp, after = 0): string[] {
  const lines = text.split('\n');
  let start = -1;
  for (let i = after; i < lines.length; i++) if (typeof from === 'string' ? lines[i].startsWith(from) : from.test(lines[i])) {
    start = i;
    break;
  }
  if (start < 0) throw new Error(`no line starting with ${from}`);
  const end = lines.indexOf('', start);
  return lines.slice(start, end < 0 ? undefined : end);
}

describe('formatEvalText with two models', () => {
  // The two folders share a name, so each is shown with its version.
  const [a, b] = models.map((m) => `${m.model} ${m.modelVersion}`);

  it('prints the text (see it with DEBUG_EVAL_TEXT=1)', () => {
    if (process.env.DEBUG_EVAL_TEXT) console.log(text);
    expect(text.split('\n')[0]).toBe('backend: node; feature set: fs-3');
  });

  it('names both models over the threshold table, with a row at each model threshold marked by name', () => {
    const table = block(/^threshold +P +R +F1/);
    // The line above the header names each model's group of columns.
    const header = text.split('\n')[text.split('\n').indexOf(table[0]) - 1];
    expect(header.indexOf(a)).toBeGreaterThan(0);
    expect(header.indexOf(b)).toBeGreaterThan(header.indexOf(a));
    expect(table[0].match(/\bF1\b/g)).toHaveLength(2);
    const at = (t: string) => table.find((l) => l.startsWith(t))!;
    expect(at('0.6000').trimEnd().endsWith(a)).toBe(true);
    expect(at('0.6200').trimEnd().endsWith(b)).toBe(true);
    // The first model has no 0.62 row: its cells there are –.
    expect(at('0.6200').split(/\s+/).slice(1, 6)).toEqual(['–', '–', '–', '–', '–']);
  });

  it('shows both models in the per-source and per-language tables', () => {
    const dev = 0;
    const source = block('by source', dev);
    expect(source[0].match(/\bR\b/g)).toHaveLength(2);
    const zh = block('by language', dev).find((l) => l.startsWith('zh '))!;
    const rowA = models[0].sets[0].byLanguage.find((r) => r.key === 'zh')!;
    const rowB = models[1].sets[0].byLanguage.find((r) => r.key === 'zh')!;
    const cells = zh.split(/\s+/);
    expect(cells[5]).toBe(definedPrf(rowA.confusion).recall!.toFixed(3));
    expect(cells[9]).toBe(definedPrf(rowB.confusion).recall!.toFixed(3));
  });

  it('names each verdict change, clean → spam or spam → clean, with both scores and the label', () => {
    expect(text).toContain(`4 blocks changed verdict from ${a} to ${b}: 2 now agree with the label, 2 no longer do`);
    expect(text).toContain('  clean → spam  0.410 → 0.880  labelled spam, now right  real dev  dev/zh/news-0412.html html > body > div:nth-of-type(3) > div:nth-of-type(2)');
    expect(text).toMatch(/ {2}spam → clean {2}\d\.\d{3} → \d\.\d{3} {2}labelled /);
    expect(text).toContain('lines 15–17');
  });
});

describe('formatEvalText, undefined figures', () => {
  it('prints recall on a source without spam and precision where nothing is flagged as –, not 0.000', () => {
    const set = models[0].sets[0];
    const clean = { tp: 0, fp: 0, fn: 0, tn: 50 };
    const noSpamFlagged = { tp: 0, fp: 2, fn: 0, tn: 48 };
    const one: EvalResult = {
      ...result,
      changed: undefined,
      models: [
        {
          ...models[0],
          sets: [
            {
              ...set,
              bySource: [
                { key: 'docs', pages: 5, confusion: clean, ...prf(clean), cleanPageFpr: 0 },
                { key: 'forum', pages: 5, confusion: noSpamFlagged, ...prf(noSpamFlagged), cleanPageFpr: 0.2 },
              ],
            },
          ],
        },
      ],
    };
    const out = formatEvalText(one).split('\n');
    const docs = out.find((l) => l.startsWith('docs '))!.split(/\s+/);
    expect(docs.slice(4, 7)).toEqual(['–', '–', '–']);
    const forum = out.find((l) => l.startsWith('forum '))!.split(/\s+/);
    expect(forum.slice(4, 7)).toEqual(['0.000', '–', '0.000']);
  });

  it('prints – in a threshold row that flags nothing and for recall on a set without spam', () => {
    const set = { ...models[0].sets[0], spamBlocks: 0, thresholds: [{ threshold: 0.99, precision: 1, recall: 0, f1: 0, cleanPageFpr: 0, falseSpamCharShare: 0 }] };
    const out = formatEvalText({ ...result, changed: undefined, models: [{ ...models[0], sets: [set] }] }).split('\n');
    expect(out.find((l) => l.startsWith('0.9900'))!.split(/\s+/).slice(1, 4)).toEqual(['–', '–', '–']);
  });
});
