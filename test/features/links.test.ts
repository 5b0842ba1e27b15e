import { expect, test } from 'vitest';
import { isKeywordAnchor } from '../../src/features/links.js';
import { extractFeatures } from '../../src/features/index.js';
import { makePage } from './make-page.js';
import { value } from './values.js';

test('keyword-phrase anchors are told from menu words and titles', () => {
  for (const a of ['深圳网站优化', 'SEO优化按天计费', 'best online casino', 'cheap viagra online']) expect(isKeywordAnchor(a)).toBe(true);
  for (const a of ['首页', '联系我们', 'Home', 'About us', '市政府召开常务会议研究部署冬季供暖工作', 'How I grew tomatoes, and what went wrong.'])
    expect(isKeywordAnchor(a)).toBe(false);
});

const farm = ['佛山网站优化', '顺德网站建设', '南海网站建设', '百度排名推广', 'SEO优化按天计费', 'SEO按天计费系统'];
const menu = ['首页', '新闻', '产品', '关于我们', '联系我们'];

test('a link farm to many hosts stands out from a menu', () => {
  const m = extractFeatures(
    makePage('t', [
      { parts: farm, links: farm.map((t, i) => ({ text: t, href: `https://seo${i}.example/` })) },
      { parts: menu, links: menu.map((t) => ({ text: t, href: `/${t}`, host: null, external: null })) },
      { text: 'No links here at all.' },
    ]),
  );
  // all text but the spaces between parts is anchor text
  expect(value(m, 0, 'link_text_share')).toBeGreaterThan(0.85);
  expect(value(m, 0, 'link_external_share')).toBe(1);
  expect(value(m, 0, 'link_hosts_per_link')).toBe(1);
  expect(value(m, 0, 'link_keyword_anchor_share')).toBe(1);
  expect(value(m, 0, 'link_keyword_part_share')).toBe(1);
  expect(value(m, 1, 'link_keyword_anchor_share')).toBe(0);
  expect(value(m, 1, 'link_external_share')).toBe(0);
  expect(value(m, 1, 'link_hosts_log')).toBe(0);
  expect(value(m, 2, 'link_count_log')).toBe(0);
  expect(value(m, 2, 'link_per_100_chars')).toBe(0);
});

test('repeated anchors are counted', () => {
  const m = extractFeatures(
    makePage('t', [{ parts: ['a', 'b', 'a', 'c'], links: ['天下网', '龙岗', '天下网', '坪山'].map((t) => ({ text: t, href: '/x' })) }]),
  );
  expect(value(m, 0, 'link_repeat_anchor_share')).toBe(0.5);
});

test('without a page URL, the site is the host most links go to', () => {
  const own = ['News', 'Sport', 'Weather', 'About'].map((t) => ({ text: t, href: `https://www.daily.example/${t}`, external: null }));
  const sold = ['cheap viagra online', 'best casino bonus codes'].map((t, i) => ({ text: t, href: `https://shop${i}.example/`, external: null }));
  const m = extractFeatures(makePage('t', [{ parts: own.map((l) => l.text), links: own }, { parts: sold.map((l) => l.text), links: sold }, { text: 'see', links: [{ text: 'see', href: '/rel', host: null, external: null }] }]));
  expect(value(m, 0, 'link_external_share')).toBe(0);
  expect(value(m, 1, 'link_external_share')).toBe(1);
  expect(value(m, 2, 'link_external_share')).toBe(0);
});
