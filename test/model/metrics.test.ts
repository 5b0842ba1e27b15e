import { describe, expect, it } from 'vitest';
import { chooseThreshold, confusion, prAuc, prCurve, prf, quantile } from '../../src/model/metrics.js';

describe('block metrics', () => {
  const scores = [0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1];
  const labels = [true, true, false, true, false, true, false, false];

  it('counts a confusion at a threshold, unweighted and weighted', () => {
    expect(confusion(scores, labels, 0.5)).toEqual({ tp: 3, fp: 1, fn: 1, tn: 3 });
    const chars = [100, 10, 50, 10, 5, 200, 5, 5];
    // character-weighted: the 200-char missed block dominates recall
    expect(confusion(scores, labels, 0.5, chars)).toEqual({ tp: 120, fp: 50, fn: 200, tn: 15 });
    const m = prf(confusion(scores, labels, 0.5, chars));
    expect(m.precision).toBeCloseTo(120 / 170, 10);
    expect(m.recall).toBeCloseTo(120 / 320, 10);
    expect(m.f1).toBeCloseTo((2 * (120 / 170) * (120 / 320)) / (120 / 170 + 120 / 320), 10);
  });

  it('computes PR-AUC as average precision', () => {
    // positives at ranks 1,2,4,6: AP = (1 + 1 + 3/4 + 4/6) / 4
    expect(prAuc(scores, labels)).toBeCloseTo((1 + 1 + 0.75 + 4 / 6) / 4, 10);
    expect(prAuc([0.9, 0.1], [true, false])).toBe(1);
    expect(prAuc([0.1, 0.9], [true, false])).toBeCloseTo(0.5, 10);
    expect(prAuc([0.5, 0.5], [false, false])).toBeNaN();
  });

  it('treats tied scores as one curve point whatever the order', () => {
    const a = prAuc([0.5, 0.5, 0.1], [true, false, false]);
    const b = prAuc([0.5, 0.5, 0.1], [false, true, false]);
    expect(a).toBeCloseTo(0.5, 10);
    expect(b).toBeCloseTo(a, 10);
    expect(prCurve([0.5, 0.5, 0.1], [true, false, false]).map((p) => p.threshold)).toEqual([0.5, 0.1]);
  });

  it('chooses the lowest threshold reaching the precision, halfway to the next score', () => {
    const c = chooseThreshold(scores, labels, 0.99);
    expect(c.reached).toBe(true);
    expect(c.precision).toBe(1);
    expect(c.recall).toBe(0.5);
    expect(c.threshold).toBeCloseTo(0.75, 10); // between 0.8 and 0.7
    const c75 = chooseThreshold(scores, labels, 0.75);
    expect(c75.recall).toBe(0.75);
    expect(c75.threshold).toBeCloseTo(0.5, 10);
  });

  it('says when the precision is out of reach and takes the best F1', () => {
    const c = chooseThreshold([0.9, 0.8, 0.7], [false, true, true], 0.99);
    expect(c.reached).toBe(false);
    expect(c.recall).toBe(1);
    expect(c.precision).toBeCloseTo(2 / 3, 10);
    expect(c.threshold).toBe(0.7);
  });

  it('interpolates quantiles', () => {
    expect(quantile([0, 10, 20, 30, 40], 0.5)).toBe(20);
    expect(quantile([0, 10], 0.95)).toBeCloseTo(9.5, 10);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
