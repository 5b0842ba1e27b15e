import { expect, test } from 'vitest';
import { extractFeatures } from '../../src/features/index.js';
import { makePage } from './make-page.js';
import { value } from './values.js';

const prose =
  'The council met on Tuesday to discuss the new library. Residents asked about opening hours, parking and the cost of the building, and the mayor promised a public report before the summer.';
const stuffed =
  'cheap flights cheap hotels cheap flights paris cheap hotels paris cheap flights london cheap hotels london cheap flights rome cheap hotels rome cheap flights cheap hotels';

test('a stuffed paragraph repeats its top words and compresses well; prose does not', () => {
  const m = extractFeatures(makePage('t', [{ text: prose }, { text: stuffed }]));
  expect(value(m, 1, 'rep_top_token_share')).toBeGreaterThan(0.3);
  expect(value(m, 0, 'rep_top_token_share')).toBeLessThan(0.2);
  expect(value(m, 1, 'rep_type_token_ratio')).toBeLessThan(0.4);
  expect(value(m, 0, 'rep_type_token_ratio')).toBeGreaterThan(0.7);
  expect(value(m, 1, 'rep_top_2gram_chars')).toBeGreaterThan(0.3);
  expect(value(m, 0, 'rep_top_2gram_chars')).toBeLessThan(0.1);
  expect(value(m, 1, 'rep_compression_ratio')).toBeLessThan(value(m, 0, 'rep_compression_ratio'));
  expect(m.evidence[1]!.topToken).toBe('cheap');
  expect(m.evidence[1]!.topTokenCount).toBe(10);
});

test('duplicate long n-grams are counted over the characters they cover', () => {
  const sentence = 'we sell the best garden tools in the whole country';
  const m = extractFeatures(makePage('t', [{ text: `${sentence} and ${sentence}` }, { text: prose }]));
  // 2 × 10 words repeated out of 21 words: all but "and".
  expect(value(m, 0, 'rep_dup_10gram_chars')).toBeCloseTo(1 - 3 / (2 * sentence.replace(/ /g, '').length + 3), 5);
  expect(value(m, 0, 'rep_dup_5gram_chars')).toBeGreaterThan(0.9);
  expect(value(m, 1, 'rep_dup_5gram_chars')).toBe(0);
});

test('duplicate parts are the share of parts equal to another', () => {
  const m = extractFeatures(makePage('t', [{ parts: ['a b', 'c d', 'a b', 'e f'] }, { parts: ['one'] }]));
  expect(value(m, 0, 'rep_dup_part_share')).toBe(0.5);
  expect(value(m, 1, 'rep_dup_part_share')).toBe(0);
});

test('short blocks have a neutral compression ratio', () => {
  const m = extractFeatures(makePage('t', [{ text: 'Contact us' }]));
  expect(value(m, 0, 'rep_compression_ratio')).toBe(1);
});
