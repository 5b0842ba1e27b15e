import { describe, expect, test } from 'vitest';
import { cutItems, delimiterSpans, skeletons } from '../../src/features/templates.js';
import { DEFAULT_TOKENIZER, extractFeatures } from '../../src/features/index.js';
import { tokenizeText } from '../../src/features/tokenize.js';
import { PageVocabulary } from '../../src/features/family.js';
import { wordFlags } from '../../src/features/word-flags.js';
import { makePage } from './make-page.js';
import { randomStrings } from './random-strings.js';
import { value } from './values.js';

const tok = (s: string) => tokenizeText(s, DEFAULT_TOKENIZER);

/** cutItems of a block with these parts, its words numbered by a vocabulary of its own. */
function cut(parts: string[]) {
  const partWords = parts.map(tok);
  const vocab = new PageVocabulary();
  const ids = vocab.ids(partWords.flat());
  return cutItems(parts, partWords, ids, wordFlags(vocab));
}

/** skeletons of these items, their words numbered by a vocabulary of their own. */
function skeletonsOf(items: string[][]) {
  const vocab = new PageVocabulary();
  const ids = vocab.idsOfLists(items);
  return skeletons(items, ids, wordFlags(vocab));
}

// Run-on keyword line in the style of the seed: items run together with no separator.
const runOn =
  '杭州网络公司选择8星辰推广网络公司注册流程温州网络公司首选15星辰推广网络公司招聘信息台州网络公司就找3星辰推广网络公司排名嘉兴网络公司优选21星辰推广网络公司有哪些湖州网络公司认准6星辰推广';
const spaced = '杭州网站优化选择8星辰推广 温州网站优化首选15星辰推广 台州网站优化就找3星辰推广 嘉兴网站优化优选21星辰推广 湖州网站优化认准6星辰推广';
const prose = '展销会为期三天。主办方介绍，今年参展的农产品数量比去年增加了三成，现场还设置了电商直播区，帮助农户把产品卖到更远的地方。';

test('delimiters are found as the regex finds them', () => {
  const re = /\s*[|｜、,，;；•·]\s*|(?<=[\p{Script=Han}\p{N}])\s+(?=[\p{Script=Han}\p{N}])/gu;
  const alphabet = ['网', '𠀀', '7', '٣', '𝟎', 'Ⅻ', 'a', ' ', ' ', '\u3000', '\u00a0', '\ufeff', '\n', '|', '、', '，', ',', '•', '·', '\ud800', '\udc00', '😀', '.'];
  for (const s of randomStrings(alphabet, 5000, 25, 7)) {
    const expected = [...s.matchAll(re)].map((m): [number, number] => [m.index, m.index + m[0].length]);
    expect(delimiterSpans(s), JSON.stringify(s)).toEqual(expected);
  }
});

describe('cutItems', () => {
  test('uses the parts when there are several', () => {
    const parts = ['首页', '新闻', '联系我们'];
    const items = cut(parts);
    expect(items.mode).toBe('parts');
    expect(items.words.length).toBe(3);
  });

  test('cuts at spaces between Chinese runs and at list delimiters', () => {
    expect(cut([spaced]).words.length).toBe(5);
    const tags = 'python | javascript | rust | go';
    const items = cut([tags]);
    expect(items.mode).toBe('delimiters');
    expect(items.words).toEqual([['python'], ['javascript'], ['rust'], ['go']]);
  });

  test('cuts a run-on line at its densely repeated word pair', () => {
    const items = cut([runOn]);
    expect(items.mode).toBe('anchor');
    expect(items.anchor).toBe('网络公司');
    expect(items.words.length).toBeGreaterThanOrEqual(9);
  });

  test('leaves prose whole', () => {
    const long = prose.repeat(3).replace(/，/g, '');
    expect(cut([long]).mode).toBe('single');
  });
});

test('numbers inside phrases are told from dates, ordinals and counts', () => {
  const m = extractFeatures(
    makePage('t', [
      { parts: ['2024年11月11日召开', '第3届校友大会', '共有5个学院参加', '投资100万元建设'] },
      { parts: ['无锡网络公司就找17火星', '宜宾网络公司选择9火星', '湖州网站优化认准6星辰'] },
    ]),
  );
  expect(value(m, 0, 'tpl_num_phrase_share')).toBe(0);
  expect(value(m, 1, 'tpl_num_phrase_share')).toBe(1);
});

test('skeletons mask numbers and words found in few items', () => {
  const items = ['杭州网站优化选择8星辰', '温州网站优化首选15星辰', '台州网站优化选择3星辰', '今天天气很好'].map(tok);
  const sk = skeletonsOf(items);
  // 选择 is in 2 of 4 items: under the 3-item minimum, so a slot like 首选.
  expect(sk[0]).toBe('{*}网站优化{*}{N}星辰');
  expect(sk[1]).toBe('{*}网站优化{*}{N}星辰');
  expect(sk[2]).toBe('{*}网站优化{*}{N}星辰');
  expect(sk[3]).toBeNull();
  const many = ['杭州网站优化选择8星辰', '温州网站优化选择15星辰', '台州网站优化选择3星辰', '湖州网站优化首选3星辰'].map(tok);
  expect(skeletonsOf(many)[0]).toBe('{*}网站优化选择{N}星辰');
});

test('templated keyword lists score high, prose and menus low', () => {
  const m = extractFeatures(
    makePage('t', [
      { text: runOn },
      { text: spaced },
      { text: prose },
      { parts: ['首页', '新闻', '本地', '财经', '体育', '联系我们'] },
      { parts: ['Home', 'About us', 'Recipes', 'Garden', 'Contact'] },
    ]),
  );
  // The run-on line mixes two templates (`…星辰推广` items and `网络公司…` items).
  expect(value(m, 0, 'tpl_skeleton_share')).toBeGreaterThan(0.4);
  expect(value(m, 1, 'tpl_skeleton_share')).toBe(1);
  for (const spam of [0, 1]) {
    expect(value(m, spam, 'tpl_affix_share')).toBeGreaterThan(0.8);
    expect(value(m, spam, 'tpl_skeletons_per_item')).toBeLessThan(0.5);
    expect(value(m, spam, 'tpl_num_phrase_share')).toBeGreaterThan(0.4);
  }
  for (const clean of [2, 3, 4]) {
    expect(value(m, clean, 'tpl_skeleton_share')).toBe(0);
    expect(value(m, clean, 'tpl_num_phrase_share')).toBe(0);
    expect(value(m, clean, 'tpl_affix_share')).toBe(0);
  }
  expect(value(m, 0, 'tpl_cut_anchor')).toBe(1);
  expect(value(m, 1, 'tpl_cut_anchor')).toBe(0);
  expect(m.evidence[1]!.template).toBe('{*}网站优化{*}{N}星辰推广');
  expect(m.evidence[1]!.templateItems).toBe(5);
  expect(m.evidence[1]!.items).toBe(5);
  expect(m.evidence[0]!.sharedAffix).toBe('网络公司');
});
