import { expect, test } from 'vitest';
import { DEFAULT_TOKENIZER, extractFeatures, featureColumns, FEATURE_SET_VERSION } from '../../src/features/index.js';
import { makePage } from './make-page.js';

test('columns are unique, named by family, and rows match them', () => {
  const cols = featureColumns();
  expect(new Set(cols).size).toBe(cols.length);
  for (const c of cols) expect(c).toMatch(/^(rep|tpl|link|lang|ctx|place|gib)_[a-z0-9_]+$/);
  const m = extractFeatures(makePage('t', [{ text: 'one block' }, { text: '第二个块' }]));
  expect(m.version).toBe(FEATURE_SET_VERSION);
  expect(m.columns).toEqual(cols);
  expect(m.rows.length).toBe(2);
  expect(m.bags.length).toBe(2);
  expect(m.evidence.length).toBe(2);
  for (const r of m.rows) expect(r.length).toBe(cols.length);
  expect(m.tokenizer).toEqual(DEFAULT_TOKENIZER);
});

test('an empty page gives zero rows', () => {
  const m = extractFeatures(makePage('', []));
  expect(m.rows).toEqual([]);
  expect(m.bags).toEqual([]);
});

test('hostile blocks give finite rows without throwing', () => {
  const many = Array.from({ length: 5000 }, (_, i) => `项${i % 7}`);
  const m = extractFeatures(
    makePage('\ud800 broken \udfff title', [
      { text: '' },
      { text: '\u0000\u0001\u200b\ufeff \ud83d\ude00 \ud800' },
      { text: 'a'.repeat(200_000) },
      { text: '网络公司'.repeat(50_000) },
      { parts: many, links: many.map((t) => ({ text: t, href: `https://h${t}.example/` })) },
      { text: '1 2 3 4 5 6 7 8 9 0 '.repeat(2000) },
      { text: '||||||,,,,,,、、、、 |  , 、' },
    ]),
  );
  expect(m.rows.length).toBe(7);
  for (const r of m.rows) for (const v of r) expect(Number.isFinite(v)).toBe(true);
  for (const b of m.bags) expect(b.length).toBeLessThanOrEqual(4096);
});

test('the same page gives the same features', () => {
  const spec = [{ text: '杭州网站优化选择8星辰推广 温州网站优化首选15星辰推广 台州网站优化就找3星辰推广' }, { text: 'Plain prose, nothing else.' }];
  const a = extractFeatures(makePage('t', spec));
  const b = extractFeatures(makePage('t', spec));
  expect(a.rows.map((r) => Array.from(r))).toEqual(b.rows.map((r) => Array.from(r)));
  expect(a.bags.map((r) => Array.from(r))).toEqual(b.bags.map((r) => Array.from(r)));
  expect(a.evidence).toEqual(b.evidence);
});
