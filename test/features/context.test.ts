import { expect, test } from 'vitest';
import { vocabularyHits } from '../../src/features/context.js';
import { DEFAULT_TOKENIZER, extractFeatures } from '../../src/features/index.js';
import { tokenizeText } from '../../src/features/tokenize.js';
import { makePage } from './make-page.js';
import { value } from './values.js';

test('vocabulary is found by category, Latin words whole', () => {
  const hits = (text: string) => vocabularyHits(text, tokenizeText(text, DEFAULT_TOKENIZER));
  const h = hits('Situs SLOT GACOR maxwin, cheap Viagra; 网站优化 按天计费 百家乐 slotted');
  // situs slot, gacor, maxwin, 百家乐 (the longest entry wins: `situs slot` before `slot gacor`)
  expect(h.gambling).toBe(4);
  expect(h.pharma).toBe(2);
  expect(h.seo).toBe(2);
  expect(h.words).toEqual(expect.arrayContaining(['situs slot', 'gacor', 'maxwin', 'viagra', '网站优化']));
  expect(hits('A slotted screwdriver and a casino-free evening').gambling).toBe(1);
});

const article = [
  'The city library will open a new reading room for children this autumn, the library board said on Monday.',
  'The reading room will hold four thousand children’s books, and the library will add story hours on weekends.',
  'Library staff asked parents which books their children like, and the board will buy more picture books.',
];

test('similarity to the title and to the main text leaves the block itself out', () => {
  const m = extractFeatures(
    makePage('New reading room for children at the city library', [
      { text: article[0]! },
      { text: article[1]! },
      { text: article[2]! },
      { text: 'best online casino bonus free spins' },
    ]),
  );
  expect(value(m, 0, 'ctx_title_sim')).toBeGreaterThan(0.3);
  expect(value(m, 3, 'ctx_title_sim')).toBe(0);
  expect(value(m, 1, 'ctx_main_sim')).toBeGreaterThan(0.3);
  expect(value(m, 1, 'ctx_main_sim')).toBeLessThan(0.99);
  expect(value(m, 3, 'ctx_main_sim')).toBe(0);
  expect(value(m, 3, 'ctx_vocab_gambling')).toBeGreaterThan(0.3);
  expect(m.evidence[3]!.vocabulary).toEqual(expect.arrayContaining(['online casino', 'free spins']));
});

test('position, hidden, heading and furniture flags', () => {
  const m = extractFeatures(
    makePage('t', [
      { text: 'Title', heading: true },
      { text: 'Body text.' },
      { text: 'hidden links', hidden: 'display:none' },
      { text: 'Footer', ancestors: ['html', 'body', 'footer'] },
    ]),
  );
  expect(value(m, 0, 'ctx_heading')).toBe(1);
  expect(value(m, 0, 'ctx_position')).toBe(0);
  expect(value(m, 3, 'ctx_position')).toBe(1);
  expect(value(m, 2, 'ctx_hidden')).toBe(1);
  expect(m.evidence[2]!.hiddenBy).toBe('display:none');
  expect(value(m, 3, 'ctx_furniture')).toBe(1);
  expect(value(m, 1, 'ctx_furniture')).toBe(0);
  expect(value(m, 1, 'ctx_len_log')).toBeCloseTo(Math.log1p(10), 5);
});
