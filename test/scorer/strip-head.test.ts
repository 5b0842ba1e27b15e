/** `strip` clears a spam title and spam meta keywords/description too, and leaves the rest of the source as it was. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_DIR, loadScorer, type Scorer } from '../../src/scorer/index.js';
import { hasModel } from '../cli/run-cli.js';

const TITLE = '澳门葡京娱乐场_百家乐开户送彩金_真人娱乐平台';
const KEYWORDS = '澳门葡京,百家乐开户,送彩金,真人娱乐,网上赌场,体育投注,时时彩,北京赛车';
const DESCRIPTION = '木森家具：实木餐桌、书柜与儿童床，工厂直销。';
/** A furniture shop whose head was hijacked; an SVG icon's <title> is not the page title. */
const PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>${TITLE}</title>
<meta name="keywords" content="${KEYWORDS}">
<meta name="description" content="${DESCRIPTION}">
</head><body><svg><title>购物车</title></svg><h1>木森家具</h1>
<p>我们的实木餐桌采用北美白橡木，榫卯结构，经久耐用。每一张桌子都由老师傅手工打磨，漆面使用水性木蜡油。</p>
<p>门店地址：杭州市余杭区良渚街道。营业时间：周一至周日九点到晚上八点。</p></body></html>`;

describe.skipIf(!hasModel)('strip: the head', () => {
  let scorer: Scorer;
  beforeAll(async () => {
    // A copy of the model with a low title threshold, so the hijacked title and keywords are spam by its verdict.
    const dir = mkdtempSync(path.join(tmpdir(), 'seospam-strip-head-'));
    cpSync(DEFAULT_MODEL_DIR, dir, { recursive: true });
    const meta = JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8'));
    meta.rollup.titleThreshold = 0.7;
    writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(meta));
    scorer = await loadScorer({ model: dir });
    rmSync(dir, { recursive: true, force: true });
  });

  /** Whether the scorer judges a text spam as it judges a title (the rule strip uses for meta content). */
  const spamAsTitle = (text: string): boolean => scorer.scoreHtml(`<title>${text}</title><p>x</p>`).title?.spam ?? false;

  it('empties a spam title and cuts spam meta elements, keeping clean ones and every other byte', () => {
    const { result, page } = scorer.strip(PAGE);
    expect(result.title?.spam).toBe(true);
    expect(spamAsTitle(KEYWORDS)).toBe(true);
    expect(spamAsTitle(DESCRIPTION)).toBe(false);
    const out = page as string;
    expect(out).toContain('<title></title>');
    expect(out).not.toContain('百家乐');
    expect(out).toContain(`<meta name="description" content="${DESCRIPTION}">`);
    expect(out).toContain('<svg><title>购物车</title></svg>');
    // Only the title text and the keywords element are gone (the body holds no spam block).
    const spamBlocks = result.blocks.filter((b) => b.spam);
    expect(spamBlocks).toEqual([]);
    expect(out).toBe(PAGE.replace(TITLE, '').replace(`<meta name="keywords" content="${KEYWORDS}">`, ''));
    // The stripped page reads back with no title to judge.
    expect(scorer.strip(out).result.title).toBeUndefined();
  });

  it('leaves a page whose head is clean as it was', () => {
    const clean = PAGE.replace(TITLE, '木森家具 - 实木餐桌与书柜').replace(KEYWORDS, '实木餐桌,书柜,儿童床');
    expect(spamAsTitle('实木餐桌,书柜,儿童床')).toBe(false);
    const { result, page } = scorer.strip(clean);
    expect(result.title?.spam).toBe(false);
    expect(result.blocks.some((b) => b.spam)).toBe(false);
    expect(page).toBe(clean);
    expect(page as string).toContain('<title>木森家具 - 实木餐桌与书柜</title>');
    expect(page as string).toContain('<meta name="keywords" content="实木餐桌,书柜,儿童床">');
  });
});
