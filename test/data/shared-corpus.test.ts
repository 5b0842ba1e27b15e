import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/data/index.js';
import { hasShared, sharedCorpus } from './helpers.js';

describe.skipIf(!hasShared)('the shared corpus (../shared/corpus)', () => {
  it('loads every page without a label error and finds spam blocks', async () => {
    const { pages, errors } = await loadCorpus(sharedCorpus, { onError: 'collect' });
    expect(errors.map((e) => e.message)).toEqual([]);
    expect(pages.length).toBeGreaterThan(600);
    const seed = pages.find((p) => p.record.source === 'seed')!;
    expect(seed.isSpam.some(Boolean)).toBe(true);
    const spamBlocks = pages.reduce((n, p) => n + p.isSpam.filter(Boolean).length, 0);
    expect(spamBlocks).toBeGreaterThan(100);
    expect(pages.filter((p) => p.record.page === 'clean').every((p) => !p.isSpam.some(Boolean))).toBe(true);
  });
});
