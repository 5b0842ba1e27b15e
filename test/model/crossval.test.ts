import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend.js';
import { crossValidate, heldOut } from '../../src/model/crossval.js';
import { cvFigures, reliabilityTable } from '../../src/model/crossval-eval.js';
import { assignFolds, groupOf } from '../../src/model/folds.js';
import { DEFAULT_TRAIN } from '../../src/model/train.js';
import { makePage, makePages, NETWORK } from './helpers.js';

describe('assignFolds', () => {
  const pages = makePages('p', 60, 3).map((p, k) => ({ ...p, group: k < 40 ? `site-${k % 8}` : undefined }));

  it('never puts one group in two folds', () => {
    const folds = assignFolds(pages, 5);
    const seen = new Map<string, number>();
    pages.forEach((p, i) => {
      const g = groupOf(p);
      if (seen.has(g)) expect(folds[i], g).toBe(seen.get(g));
      seen.set(g, folds[i]);
    });
    expect(new Set(folds).size).toBe(5);
  });

  it('spreads spam groups over the folds and is fixed for a seed', () => {
    const folds = assignFolds(pages, 5, 7);
    expect(assignFolds(pages, 5, 7)).toEqual(folds);
    const spamPerFold = [0, 1, 2, 3, 4].map((f) => pages.filter((p, i) => folds[i] === f && p.label !== 'clean').length);
    expect(Math.min(...spamPerFold)).toBeGreaterThan(0);
  });

  it('treats a page without a group as its own group', () => {
    const a = makePage('a', [false], 1);
    const b = makePage('b', [false], 2);
    expect(groupOf(a)).not.toBe(groupOf(b));
    expect(groupOf({ ...a, group: 'x' })).toBe(groupOf({ ...b, group: 'x' }));
  });

  it('refuses fewer than two folds', () => {
    expect(() => assignFolds(pages, 1)).toThrow(RangeError);
  });
});

describe('crossValidate', () => {
  it('scores every real page with a model that never trained on its group, and a synthetic page only trains away from its base', async () => {
    await selectBackend('cpu');
    const real = makePages('r', 40, 5).map((p, k) => ({ ...p, group: `g${k % 10}` }));
    // A synthetic page made from r0: it must not train the fold that holds r0's group.
    const synth = { ...makePage('s0', [true, false, true], 99, true), base: 'r0' };
    const settings = { ...DEFAULT_TRAIN, epochs: 2, network: NETWORK, minNegatives: 50, members: 1, jobs: 1 };
    const seen: string[] = [];
    const cv = await crossValidate(real, [synth], settings, 4, { log: (l) => seen.push(l) });
    expect(cv.scores.every((s, i) => s.length === real[i].chars.length)).toBe(true);
    expect(cv.foldRollups).toHaveLength(4);
    // Each fold's log line counts its training pages: the fold holding r0 trains without the synthetic page.
    const r0Fold = cv.folds[0];
    const trainCounts = seen.map((l) => Number(/training on (\d+) pages/.exec(l)![1]));
    const heldCounts = seen.map((l) => Number(/holding out (\d+)/.exec(l)![1]));
    trainCounts.forEach((n, f) => expect(n).toBe(40 - heldCounts[f] + (f === r0Fold ? 0 : 1)));
    const h = heldOut(cv);
    expect(h.pages).toHaveLength(40);
    const figures = cvFigures('m', cv.pages, cv.scores, cv.folds.map((f) => cv.foldRollups[f]));
    expect(figures.cleanPages.of).toBe(20);
    expect(figures.pageRecall.of).toBe(20);
  });
});

describe('reliabilityTable', () => {
  it('counts blocks by shown-score tenth and the share of them that is spam', () => {
    const page = makePage('x', [true, false, false, true], 1);
    const table = reliabilityTable([page], [Float64Array.from([0.95, 0.05, 0.92, 0.3])]);
    expect(table).toHaveLength(10);
    expect(table[9]).toMatchObject({ blocks: 2, spamShare: 0.5 });
    expect(table[0]).toMatchObject({ blocks: 1, spamShare: 0 });
    expect(table[3]).toMatchObject({ blocks: 1, spamShare: 1 });
    expect(table[5].spamShare).toBeNull();
  });
});
