import { expect, test } from 'vitest';
import { fnv1a, hashedBag, MAX_BAG } from '../../src/features/bag.js';
import { DEFAULT_TOKENIZER } from '../../src/features/index.js';

test('fnv1a matches the published FNV-1a 32-bit values', () => {
  expect(fnv1a('')).toBe(0x811c9dc5);
  expect(fnv1a('a')).toBe(0xe40c292c);
  expect(fnv1a('foobar')).toBe(0xbf9cf968);
  expect(fnv1a('xfoobarx', 1, 7)).toBe(0xbf9cf968);
});

test('bags are stable, in range and hold words and n-grams', () => {
  const settings = { ...DEFAULT_TOKENIZER, bagBuckets: 64, charNgrams: [2, 3] };
  const a = hashedBag(['casino', '网站优化'], settings);
  const b = hashedBag(['casino', '网站优化'], settings);
  expect(Array.from(a)).toEqual(Array.from(b));
  // casino: 1 word + 7 bigrams + 6 trigrams of " casino "; 网站优化: 1 word + 3 bigrams + 2 trigrams.
  expect(a.length).toBe(1 + 7 + 6 + 1 + 3 + 2);
  // A two-character Chinese word has no n-gram inside it but itself.
  expect(hashedBag(['网站'], settings).length).toBe(1);
  for (const id of a) {
    expect(id).toBeGreaterThanOrEqual(0);
    expect(id).toBeLessThan(64);
  }
});

test('bags are capped', () => {
  const words = Array.from({ length: 10_000 }, (_, i) => `word${i}`);
  expect(hashedBag(words, DEFAULT_TOKENIZER).length).toBe(MAX_BAG);
});
