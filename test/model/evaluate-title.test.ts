import { describe, expect, it } from 'vitest';
import { evaluateSet } from '../../src/model/evaluate.js';
import { makePage } from './helpers.js';

describe('page figures with titles', () => {
  const pages = [makePage('a', [false, false, false], 1), makePage('b', [false, true, false], 2), makePage('c', [false, false], 3)];
  // Block scores: page b's spam block is found; no block of a or c reaches the threshold.
  const scores = [Float32Array.from([0.1, 0.2, 0.1]), Float32Array.from([0.1, 0.9, 0.1]), Float32Array.from([0.2, 0.1])];
  const rollup = { threshold: 0.5, minChars: 1, titleThreshold: 0.8 };

  it('count a page spam by its title, and say how many pages only their title made spam', () => {
    const without = evaluateSet('dev', false, pages, scores, rollup);
    expect(without.page.cleanPageFpr).toBe(0);
    expect(without.page.titleOnly).toEqual({ spam: 0, clean: 0 });
    // Page a (clean) has a spam title; page b (mixed) too, but its block was already found.
    const titled = evaluateSet('dev', false, pages, scores, rollup, [0.9, 0.95, 0.3]);
    expect(titled.page.cleanPageFpr).toBeCloseTo(1 / 2, 10);
    expect(titled.page.confusion).toEqual({ tp: 1, fp: 1, fn: 0, tn: 1 });
    expect(titled.page.titleOnly).toEqual({ spam: 0, clean: 1 });
    // Block figures do not move with titles.
    expect(titled.block).toEqual(without.block);
  });
});
