import { describe, expect, test } from 'vitest';
import { blockTokens, countChars, tokenizeText } from '../../src/features/tokenize.js';
import { DEFAULT_TOKENIZER } from '../../src/features/index.js';
import { makeBlock } from './make-page.js';

describe('tokenizeText', () => {
  test('keeps digit runs whole inside Chinese phrases', () => {
    const words = tokenizeText('无锡网络公司就找17火星下拉', DEFAULT_TOKENIZER);
    expect(words).toContain('17');
    expect(words).not.toContain('1');
    expect(words.join('')).toBe('无锡网络公司就找17火星下拉');
  });

  test('lowercases Latin words and drops punctuation', () => {
    expect(tokenizeText('Slot GACOR, hari-ini: MAXWIN!', DEFAULT_TOKENIZER)).toEqual(['slot', 'gacor', 'hari', 'ini', 'maxwin']);
  });

  test('keeps words of other scripts and inner apostrophes', () => {
    expect(tokenizeText("Größere Häuser don't Привет", DEFAULT_TOKENIZER)).toEqual(['größere', 'häuser', "don't", 'привет']);
  });

  test('stems English words when asked', () => {
    expect(tokenizeText('casinos betting', { ...DEFAULT_TOKENIZER, stem: true })).toEqual(['casino', 'bet']);
  });

  test('mixed Chinese and Latin text is cut by script', () => {
    const words = tokenizeText('SEO优化按天计费', DEFAULT_TOKENIZER);
    expect(words[0]).toBe('seo');
    expect(words.join('')).toBe('seo优化按天计费');
  });
});

describe('blockTokens', () => {
  test('tokenizes a block once and reuses the result', () => {
    const block = makeBlock({ parts: ['网站建设', '网站优化'] });
    const a = blockTokens(block, DEFAULT_TOKENIZER);
    const b = blockTokens(block, DEFAULT_TOKENIZER);
    expect(b).toBe(a);
    expect(a.partWords.length).toBe(2);
    expect(a.words).toEqual([...a.partWords[0]!, ...a.partWords[1]!]);
  });

  test('other settings give other tokens', () => {
    const block = makeBlock({ text: 'casinos' });
    expect(blockTokens(block, DEFAULT_TOKENIZER).words).toEqual(['casinos']);
    expect(blockTokens(block, { ...DEFAULT_TOKENIZER, stem: true }).words).toEqual(['casino']);
  });

  test('bounds the work on a huge block', () => {
    const block = makeBlock({ text: '网络公司'.repeat(100_000) });
    const t = blockTokens(block, DEFAULT_TOKENIZER);
    expect(t.words.length).toBeLessThanOrEqual(20_000);
    expect(t.chars.total).toBe(20_000);
  });
});

test('countChars counts scripts', () => {
  const c = countChars('ab 12 中文，!');
  expect(c).toMatchObject({ latin: 2, digit: 2, han: 2, punct: 2, visible: 8 });
});
