import { describe, expect, test } from 'vitest';
import { blockTokens, countChars, countHan, isNumberToken, loadJieba, tokenizeText } from '../../src/features/tokenize.js';
import { DEFAULT_TOKENIZER } from '../../src/features/index.js';
import { makeBlock } from './make-page.js';
import { randomStrings } from './random-strings.js';

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

/** The tokenizer as first written: Han runs found by regex, the rest split by natural's regex, then trimmed and cut as pushWord does. */
function referenceTokenize(text: string, stem: boolean): string[] {
  const out: string[] = [];
  const other = (s: string): void => {
    for (const piece of s.split(/[^\p{L}\p{M}\p{N}'’]+/u)) {
      let w = piece.replace(/^['’]+/, '').replace(/['’]+$/, '');
      if (w.length === 0) continue;
      w = w.toLowerCase();
      if (w.length > 40) w = w.slice(0, 40);
      out.push(w);
    }
  };
  if (stem) throw new Error('reference covers stem: false only');
  let last = 0;
  for (const m of text.matchAll(/\p{Script=Han}+/gu)) {
    other(text.slice(last, m.index));
    for (const w of loadJieba(DEFAULT_TOKENIZER.jiebaDict).cut(m[0])) if (w.length > 0) out.push(w);
    last = m.index + m[0].length;
  }
  other(text.slice(last));
  return out;
}

describe('tokenizeText against the regex reference', () => {
  // Han (incl. radicals ⺀ ⼀, 々 〇, an astral ideograph), Latin, accents, apostrophes, Cyrillic, Kana, digits,
  // astral letters and emoji, lone surrogates, spaces and punctuation.
  const alphabet = ['٣', '１', '\u3000', '\u00a0', '\t', 'À', '‰', '网', '络', '公', '司', '⺀', '⼀', '々', '〇', '𠀀', 'a', 'Z', 'é', 'İ', "'", '’', 'я', 'カ', '7', '٣', '𝐀', '😀', '\ud800', '\udc00', ' ', '，', '-', '.', '\n'];
  test('gives the same words (and Han counts, number tests) on random mixed-script strings', () => {
    for (const s of randomStrings(alphabet, 3000, 30, 12345)) {
      expect(tokenizeText(s, DEFAULT_TOKENIZER), JSON.stringify(s)).toEqual(referenceTokenize(s, false));
      expect(countHan(s), JSON.stringify(s)).toBe(s.match(/\p{Script=Han}/gu)?.length ?? 0);
      expect(isNumberToken(s), JSON.stringify(s)).toBe(/^\p{Nd}+$/u.test(s));
    }
  });
});

test('isNumberToken agrees with /^\\p{Nd}+$/u on digit-like words', () => {
  for (const w of ['', '7', '2024', '٣7', '１２', '𝟎𝟏', '7𝟎', '\ud835', '12a', 'a12', 'Ⅻ', '²', '7 ', '〇']) expect(isNumberToken(w), w).toBe(/^\p{Nd}+$/u.test(w));
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
