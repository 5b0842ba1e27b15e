import { describe, expect, test } from 'vitest';
import { blockTokens, countChars, countHan, isNumberToken, loadJieba, tokenizeText } from '../../src/features/tokenize.js';
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

/** countChars as first written: a chain of range tests per code point. */
function referenceCountChars(text: string): ReturnType<typeof countChars> {
  const isHan = (code: number): boolean =>
    (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0x20000 && code <= 0x2ffff);
  const isPunct = (code: number): boolean =>
    (code >= 0x3000 && code <= 0x303f) || (code >= 0xff00 && code <= 0xff0f) || (code >= 0xff1a && code <= 0xff20) || /[\p{P}\p{S}]/u.test(String.fromCodePoint(code));
  const c = { total: text.length, visible: 0, han: 0, latin: 0, digit: 0, otherLetter: 0, punct: 0 };
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      code = text.codePointAt(i) ?? code;
      i++;
    }
    if (code <= 0x20 || code === 0xa0 || code === 0x3000) continue;
    c.visible++;
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) c.latin++;
    else if (code >= 0x30 && code <= 0x39) c.digit++;
    else if (code < 0x80) c.punct++;
    else if (isHan(code)) c.han++;
    else if (code >= 0xc0 && code <= 0x24f) c.latin++;
    else if (code >= 0xff10 && code <= 0xff19) c.digit++;
    else if (isPunct(code)) c.punct++;
    else c.otherLetter++;
  }
  return c;
}

describe('tokenizeText against the regex reference', () => {
  // Han (incl. radicals ⺀ ⼀, 々 〇, an astral ideograph), Latin, accents, apostrophes, Cyrillic, Kana, digits,
  // astral letters and emoji, lone surrogates, spaces and punctuation.
  const alphabet = ['٣', '１', '\u3000', '\u00a0', '\t', 'À', '‰', '网', '络', '公', '司', '⺀', '⼀', '々', '〇', '𠀀', 'a', 'Z', 'é', 'İ', "'", '’', 'я', 'カ', '7', '٣', '𝐀', '😀', '\ud800', '\udc00', ' ', '，', '-', '.', '\n'];
  test('gives the same words (and Han counts, char counts, number tests) on random mixed-script strings', () => {
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (let t = 0; t < 3000; t++) {
      let s = '';
      const len = rand(30);
      for (let i = 0; i < len; i++) s += alphabet[rand(alphabet.length)];
      expect(tokenizeText(s, DEFAULT_TOKENIZER), JSON.stringify(s)).toEqual(referenceTokenize(s, false));
      expect(countHan(s), JSON.stringify(s)).toBe(s.match(/\p{Script=Han}/gu)?.length ?? 0);
      expect(countChars(s), JSON.stringify(s)).toEqual(referenceCountChars(s));
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
