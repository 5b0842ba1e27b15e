import { describe, expect, it } from 'vitest';
import { loadCorpus, relaxedSelectors } from '../../src/data/index.js';
import type { LabeledPage } from '../../src/data/types.js';
import { fixtures } from './helpers.js';
import { resolve } from 'node:path';

const { pages } = await loadCorpus(resolve(fixtures, 'corpus'));
const byId = (id: string): LabeledPage => pages.find((p) => p.record.id === id)!;
const blockWith = (p: LabeledPage, text: string): number => p.parsed.page.blocks.findIndex((b) => b.text.includes(text));

describe('mapLabels', () => {
  it('gives a block the share of its characters under a selector', () => {
    const p = byId('fx-zh-article');
    const half = blockWith(p, '据园林部门介绍');
    expect(p.spamShare[half]).toBeCloseTo(0.5, 5);
    expect(p.isSpam[half]).toBe(true);
    const minor = blockWith(p, '活动结束后');
    expect(p.spamShare[minor]).toBeGreaterThan(0);
    expect(p.spamShare[minor]).toBeLessThan(0.5);
    expect(p.isSpam[minor]).toBe(false);
    expect(p.isSpam[blockWith(p, '佛山装修公司')]).toBe(true);
    expect(p.isSpam[blockWith(p, '三月十二日')]).toBe(false);
    expect(p.isSpam.filter(Boolean)).toHaveLength(2);
  });

  it('maps :has selectors onto the matched comment only', () => {
    const p = byId('fx-en-comments');
    expect(p.isSpam[blockWith(p, 'buy viagra')]).toBe(true);
    expect(p.isSpam[blockWith(p, 'retaining clip')]).toBe(false);
    expect(p.isSpam[blockWith(p, 'O-rings')]).toBe(false);
  });

  it('sets headSpam for a title selector, with no spam block', () => {
    const p = byId('fx-zh-hijacked');
    expect(p.headSpam).toBe(true);
    expect(p.isSpam.some(Boolean)).toBe(false);
    expect(byId('fx-zh-article').headSpam).toBe(false);
  });

  it('marks every block but furniture on spam.all pages', () => {
    const p = byId('fx-zh-spam-all');
    expect(p.isSpam[blockWith(p, '首页')]).toBe(false);
    expect(p.isSpam[blockWith(p, 'Copyright')]).toBe(false);
    expect(p.isSpam[blockWith(p, '北京网站优化公司哪家好')]).toBe(true);
    expect(p.isSpam[blockWith(p, '专业提供')]).toBe(true);
  });

  it('maps line ranges on text pages', () => {
    const p = byId('fx-zh-notice');
    expect(p.isSpam[blockWith(p, '南京网络公司')]).toBe(true);
    expect(p.isSpam[blockWith(p, '会议强调')]).toBe(false);
    const partners = blockWith(p, '龙岗网站建设');
    // "合作伙伴" (line 8) is outside the labels, lines 9–11 inside.
    expect(p.spamShare[partners]).toBeGreaterThan(0.5);
    expect(p.spamShare[partners]).toBeLessThan(1);
  });

  it('leaves clean pages clean', () => {
    expect(byId('fx-en-clean').spamShare.every((s) => s === 0)).toBe(true);
  });

  it('relaxes only the first ancestor step of a selector', () => {
    expect(relaxedSelectors('small > h2:nth-of-type(2) + ul')).toEqual(['h2:nth-of-type(2) + ul']);
    expect(relaxedSelectors('a + b ~ c')).toEqual([]);
    expect(relaxedSelectors('div.a li:has(> a[href="x y"])')).toEqual(['li:has(> a[href="x y"])']);
  });
});
