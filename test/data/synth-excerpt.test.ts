import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/data/index.js';
import { loadSynthConfig, synthesize } from '../../src/data/synth/index.js';
import { fixtures } from './helpers.js';

const corpusDir = resolve(fixtures, 'synth-corpus');
const materialDir = resolve(fixtures, 'synth-material');
const work = mkdtempSync(join(tmpdir(), 'seospam-excerpt-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const base = loadSynthConfig();
const config = { ...base, shapes: { 'clean-excerpt': 1 } };
const run = (name: string, seed: number): string =>
  synthesize({ out: join(work, name), corpusDir, materialDir, split: 'train', seed, pages: 40, config }).out;
const htmls = (dir: string): string[] =>
  readFileSync(join(dir, 'labels.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => readFileSync(join(dir, (JSON.parse(l) as { file: string }).file), 'utf8'));

describe('clean-excerpt shape', () => {
  const a = run('a', 3);
  const b = run('b', 3);
  const c = run('c', 4);

  it('is in the default mix with a weight near 0.15 and the mix still sums to 1', () => {
    expect(base.shapes['clean-excerpt']).toBeCloseTo(0.15, 2);
    expect(Object.values(base.shapes).reduce((s, w) => s + (w ?? 0), 0)).toBeCloseTo(1, 2);
  });

  it('is deterministic for a seed', () => {
    expect(htmls(a)).toEqual(htmls(b));
    expect(htmls(a)).not.toEqual(htmls(c));
  });

  it('writes small clean pages with no spam label, fewer blocks than their source, and injected ones labelled', async () => {
    const { pages, errors } = await loadCorpus(a);
    expect(errors).toEqual([]);
    expect(pages).toHaveLength(40);
    const src = await loadCorpus(corpusDir);
    const blocksOf = new Map(src.pages.map((p) => [p.record.id, p.isSpam.length]));
    const clean = pages.filter((p) => p.record.page === 'clean');
    const injected = pages.filter((p) => p.record.page !== 'clean');
    expect(clean.length).toBeGreaterThan(5);
    expect(injected.length).toBeGreaterThan(5);
    let smaller = 0;
    for (const p of clean) {
      expect(p.record.spam).toBeUndefined();
      expect(p.isSpam.every((s) => !s)).toBe(true);
      const from = /synth from (\S+)/.exec(p.record.origin ?? '')![1];
      const n = blocksOf.get(from)!;
      expect(p.isSpam.length).toBeLessThanOrEqual(n);
      if (p.isSpam.length < n) smaller++;
      const html = readFileSync(join(a, p.record.file), 'utf8');
      expect(html).toMatch(/<meta charset="utf-8">/);
      expect(html).toMatch(/<title>/);
      expect(html).not.toMatch(/<aside/);
    }
    expect(smaller).toBeGreaterThan(0);
    for (const p of injected) {
      expect(p.record.spam?.selectors?.length).toBeGreaterThan(0);
      expect(p.isSpam.some(Boolean)).toBe(true);
    }
    expect(pages.filter((p) => p.record.lang === 'zh').length).toBeGreaterThan(20);
  });
});
