import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/data/index.js';
import { loadSynthConfig, synthesize } from '../../src/data/synth/index.js';
import { isGibberish } from '../../src/features/gibberish.js';
import { fixtures } from './helpers.js';

const corpusDir = resolve(fixtures, 'synth-corpus');
const materialDir = resolve(fixtures, 'synth-material');
const work = mkdtempSync(join(tmpdir(), 'seospam-random-anchors-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const base = loadSynthConfig();
// English link farms only, so every list is an English anchor list.
const linkFarms = (rate: number | null, pool?: [number, number], poolRate?: number) => ({
  ...base,
  shapes: { 'link-farm': 1 },
  linkFarm: { ...base.linkFarm, material: { en: 1 } },
  ...(rate === null ? { randomAnchors: undefined } : { randomAnchors: { rate, letters: [5, 9] as [number, number], pool, poolRate } }),
});

/** The anchor texts of each spam block of 12 synthesized link-farm pages. */
async function spamLists(name: string, rate: number | null, pool?: [number, number], poolRate?: number, count = 12): Promise<string[][]> {
  const out = synthesize({ out: join(work, name), corpusDir, materialDir, split: 'train', seed: 4, pages: count, config: linkFarms(rate, pool, poolRate) }).out;
  const { pages } = await loadCorpus(out);
  return pages.flatMap((p) => p.parsed.page.blocks.filter((_, i) => p.isSpam[i]).map((b) => b.links.map((l) => l.text)));
}
const spamWords = async (name: string, rate: number | null) => (await spamLists(name, rate)).flat();

describe('random-letter anchors', () => {
  it('are in the default mix at a minority rate', () => {
    expect(base.randomAnchors?.rate).toBeGreaterThan(0);
    expect(base.randomAnchors?.rate).toBeLessThan(0.5);
  });

  it('fill every English anchor list at rate 1 and none when off', async () => {
    const always = await spamWords('always', 1);
    expect(always.length).toBeGreaterThan(0);
    for (const a of always) expect(a).toMatch(/^[a-z]{5,9}$/);
    // Most uniformly random strings read as gibberish to the features (short ones can pass as words).
    expect(always.filter(isGibberish).length / always.length).toBeGreaterThan(0.6);
    const never = await spamWords('never', null);
    expect(never.length).toBeGreaterThan(0);
    expect(never.every((a) => /^[a-z]{5,9}$/.test(a))).toBe(false);
  });

  it('draw each list from a vocabulary of its own when pooled, so words repeat', async () => {
    const lists = (await spamLists('pooled', 1, [3, 4])).filter((l) => l.length >= 8);
    expect(lists.length).toBeGreaterThan(0);
    for (const l of lists) expect(new Set(l).size).toBeLessThanOrEqual(4);
    const fresh = (await spamLists('fresh', 1)).filter((l) => l.length >= 8);
    expect(fresh.some((l) => new Set(l).size > 4)).toBe(true);
  });

  it('pools only a share of the lists with poolRate', async () => {
    const lists = (await spamLists('half-pooled', 1, [3, 4], 0.5, 40)).filter((l) => l.length >= 8);
    const pooled = lists.filter((l) => new Set(l).size <= 4).length;
    expect(pooled).toBeGreaterThan(0);
    expect(pooled).toBeLessThan(lists.length);
  });

  it('reads an extending mix relative to its own folder and lets it replace whole sections', () => {
    const dir = mkdtempSync(join(work, 'mix-'));
    writeFileSync(join(dir, 'base.json'), JSON.stringify({ ...base, pages: 7 }));
    writeFileSync(join(dir, 'child.json'), JSON.stringify({ extends: 'base.json', pages: 9, randomAnchors: { rate: 1, letters: [3, 3] } }));
    const child = loadSynthConfig(join(dir, 'child.json'));
    expect(child.pages).toBe(9);
    expect(child.randomAnchors).toEqual({ rate: 1, letters: [3, 3] });
    expect(child.english).toEqual(base.english);
    writeFileSync(join(dir, 'orphan.json'), JSON.stringify({ extends: 'missing.json' }));
    expect(() => loadSynthConfig(join(dir, 'orphan.json'))).toThrow(/missing\.json/);
  });
});
