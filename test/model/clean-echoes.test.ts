import { describe, expect, it } from 'vitest';
import type { PreparedPage } from '../../src/model/dataset.js';
import { cleanEchoShare, cleanPieces } from '../../src/model/clean-echoes.js';

/** The fields cleanPieces reads, of a page. */
const page = (texts: string[], label: 'clean' | 'spam', synthetic = false) => ({ texts, label, synthetic }) as unknown as PreparedPage;

describe('clean echoes', () => {
  const clean = cleanPieces([
    page(['宁波政府为市民投巨保，小微企业融资困境。', '首页 新闻'], 'clean'),
    page(['Synthetic pages do not count here at all'], 'clean', true),
    page(['宜宾网络公司选择9火星下拉'], 'spam'),
  ]);

  it("collects the real clean pages' pieces of six or more characters", () => {
    expect([...clean].sort()).toEqual(['宁波政府为市民投巨保', '小微企业融资困境'].sort());
  });

  it('measures the share of a text in such pieces', () => {
    // A spider pool's "related articles" list filled with the scraped headlines.
    expect(cleanEchoShare('·宁波政府为市民投巨保 ·小微企业融资困境', clean)).toBeCloseTo(18 / 21, 10);
    expect(cleanEchoShare('宜宾网络公司选择9火星下拉 酒泉网络公司优选12火星', clean)).toBe(0);
    expect(cleanEchoShare('', clean)).toBe(0);
  });
});
