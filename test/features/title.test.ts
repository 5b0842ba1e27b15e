import { expect, test } from 'vitest';
import { FEATURE_SET_VERSION } from '../../src/features/index.js';
import { MAX_TITLE_CHARS, titleFeatures, titleText } from '../../src/features/title.js';
import { value } from './values.js';

test('the title is read with whitespace collapsed and cut to its limit', () => {
  expect(titleText('  江城新闻\n\t 首页  ')).toBe('江城新闻 首页');
  expect(titleText('x'.repeat(MAX_TITLE_CHARS + 50))).toHaveLength(MAX_TITLE_CHARS);
  expect(titleText(' \n ')).toBe('');
  // Control characters too: a stray one would make the line read as binary.
  expect(titleText('slot\u0001gacor\u0000 88')).toBe('slot gacor 88');
});

test('a title becomes one block of the current feature set; one without letters none', () => {
  expect(titleFeatures('')).toBeNull();
  // A charset decoded wrong, or symbols only: nothing to judge (alone, such a block can score high).
  expect(titleFeatures('\ufffd'.repeat(40))).toBeNull();
  expect(titleFeatures('🎰🎰 | 2024 — ★')).toBeNull();
  expect(titleFeatures('🎰 slot')).not.toBeNull();
  expect(titleFeatures('slot\u0001gacor\u0007')!.rows).toHaveLength(1);
  const m = titleFeatures('江城大学与临港新区签署产学研合作协议-城市新闻网')!;
  expect(m.version).toBe(FEATURE_SET_VERSION);
  expect(m.rows).toHaveLength(1);
  expect(m.rows[0]).toHaveLength(m.columns.length);
});

test('a title stuffed with betting keywords reads as such, a news title does not', () => {
  const stuffed = titleFeatures('重庆时时彩_时时彩开户平台_重庆时时彩网上投注_时时彩注册送彩金')!;
  const news = titleFeatures('江城大学与临港新区签署产学研合作协议-城市新闻网')!;
  expect(value(stuffed, 0, 'ctx_vocab_gambling')).toBeGreaterThan(0.2);
  expect(value(news, 0, 'ctx_vocab_gambling')).toBe(0);
});
