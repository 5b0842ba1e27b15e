import { expect, test } from 'vitest';
import { extractFeatures } from '../../src/features/index.js';
import { stopWords } from '../../src/features/stopwords.js';
import { makePage } from './make-page.js';
import { value } from './values.js';

test('stop words come from the packages and our own lists, without digits or single letters from the other lists', () => {
  const s = stopWords();
  expect(s.has('the')).toBe(true);
  expect(s.has('的')).toBe(true);
  expect(s.has('，')).toBe(false);
  expect(s.has('yang')).toBe(true); // natural's Indonesian list
  expect(s.has('und')).toBe(true); // data/stopwords/de.txt
  expect(s.has('التي')).toBe(true); // data/stopwords/ar.txt
  expect(s.has('7')).toBe(false);
  expect(s.has('п')).toBe(false);
});

test('prose in a language the packages do not cover still reads as prose', () => {
  const m = extractFeatures(
    makePage('t', [
      { text: 'Die Stadt hat im Sommer mit dem Umbau der alten Brücke begonnen, die seit Jahren gesperrt ist.' },
      { text: 'وقال المتحدث إن العمل في المشروع سيستمر حتى نهاية العام، وهو ما أكده المسؤولون في بيان.' },
    ]),
  );
  expect(value(m, 0, 'lang_stop_share')).toBeGreaterThan(0.3);
  expect(value(m, 1, 'lang_stop_share')).toBeGreaterThan(0.2);
  expect(value(m, 1, 'lang_alpha_share')).toBeGreaterThan(0.9);
});

test('sentences after the first that start in lowercase: query soup, not prose', () => {
  const m = extractFeatures(
    makePage('t', [
      { text: 'Cali plug gummies. find the volume of a cone. cooking fever save data. best parlay odds today! cheap flights to rome.' },
      { text: 'The bridge opened in May. It carries two lanes. Work on the ramps (e.g. the east one) goes on.' },
      { text: '今年参展的农产品数量比去年增加了三成。现场还设置了电商直播区。' },
    ]),
  );
  expect(value(m, 0, 'lang_lower_start_share')).toBe(1);
  expect(value(m, 1, 'lang_lower_start_share')).toBeLessThan(0.5);
  expect(value(m, 2, 'lang_lower_start_share')).toBe(0);
});

test('sentences read as language, keyword lists do not', () => {
  const m = extractFeatures(
    makePage('t', [
      { text: '今年参展的农产品数量比去年增加了三成。现场还设置了电商直播区，帮助农户把产品卖到更远的地方。' },
      { text: '杭州网站优化 温州网站建设 台州网络推广 嘉兴关键词排名 湖州整站优化' },
      { text: 'I checked the soil each morning, and when it was dry the plants got a long drink. It worked.' },
    ]),
  );
  expect(value(m, 0, 'lang_stop_share')).toBeGreaterThan(value(m, 1, 'lang_stop_share'));
  expect(value(m, 1, 'lang_stop_share')).toBe(0);
  expect(value(m, 0, 'lang_end_punct_per_100')).toBeGreaterThan(3);
  expect(value(m, 1, 'lang_end_punct_per_100')).toBe(0);
  expect(value(m, 2, 'lang_stop_share')).toBeGreaterThan(0.3);
  expect(value(m, 2, 'lang_alpha_share')).toBeGreaterThan(0.9);
  expect(value(m, 0, 'lang_han_share')).toBeGreaterThan(0.85);
});

test('digit share and short parts', () => {
  const m = extractFeatures(makePage('t', [{ parts: ['a1', 'b2', 'a long enough part of text'] }]));
  expect(value(m, 0, 'lang_short_part_share')).toBeCloseTo(2 / 3, 5);
  expect(value(m, 0, 'lang_digit_share')).toBeGreaterThan(0);
});
