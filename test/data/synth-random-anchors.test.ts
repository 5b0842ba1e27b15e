import { mkdtempSync, rmSync } from 'node:fs';
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
const linkFarms = (rate: number | null) => ({
  ...base,
  shapes: { 'link-farm': 1 },
  linkFarm: { ...base.linkFarm, material: { en: 1 } },
  ...(rate === null ? { randomAnchors: undefined } : { randomAnchors: { rate, letters: [5, 9] as [number, number] } }),
});

async function spamWords(name: string, rate: number | null): Promise<string[]> {
  const out = synthesize({ out: join(work, name), corpusDir, materialDir, split: 'train', seed: 4, pages: 12, config: linkFarms(rate) }).out;
  const { pages } = await loadCorpus(out);
  return pages.flatMap((p) => p.parsed.page.blocks.filter((_, i) => p.isSpam[i]).flatMap((b) => b.links.map((l) => l.text)));
}

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
});
