/**
 * examples/crawler.ts, compiled by tsc and run as a child process against a
 * hand-written site on 127.0.0.1 (English and Chinese pages, a spam page, a
 * GBK page, a redirect, a broken link).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScorer } from '../../src/scorer/index.js';
import { buildCrawler, hasModel, modelDir, outputDir, serveSite, siteDir, type Site } from './site.js';

/** The threshold the crawl runs with. */
const CRAWL_THRESHOLD = 0.99;

const run = promisify(execFile);

interface Line {
  url: string;
  status?: number;
  file?: string;
  spam?: boolean;
  score?: number;
  spamBlocks?: number;
  blocks?: number;
  location?: string;
  error?: string;
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe('examples/crawler.ts builds', () => {
  it('is type-clean under strict tsc and imports seospam by its package name', () => {
    const js = buildCrawler();
    expect(existsSync(js)).toBe(true);
    expect(readFileSync(js, 'utf8')).toMatch(/from ['"]seospam['"]/);
  });

  it('rejects a missing --out with usage and exit code 2', async () => {
    const js = buildCrawler();
    const err = await run(process.execPath, [js, 'http://127.0.0.1:9/']).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/--out DIR is required/);
    expect(err.stderr).toMatch(/usage: crawler URL --out DIR/);
  });
});

describe.skipIf(!hasModel)('examples/crawler.ts on a loopback site', () => {
  let site: Site;
  let out: string;
  let stdout: string;
  let lines: Line[];
  const byPath = (p: string): Line[] => lines.filter((l) => new URL(l.url).pathname + new URL(l.url).search === p);
  const one = (p: string): Line => {
    const found = byPath(p);
    expect(found, `crawl.jsonl lines for ${p}`).toHaveLength(1);
    return found[0];
  };

  beforeAll(async () => {
    const js = buildCrawler();
    site = await serveSite();
    out = mkdtempSync(path.join(outputDir, 'crawl-'));
    ({ stdout } = await run(process.execPath, [js, `${site.base}/`, '--out', out, '--max-pages', '20', '--model', modelDir, '--threshold', String(CRAWL_THRESHOLD)], {
      cwd: path.dirname(js),
    }));
    lines = readFileSync(path.join(out, 'crawl.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  });

  afterAll(async () => {
    await site?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('fetches every reachable same-host URL once, breadth-first, and nothing else', () => {
    expect(lines.map((l) => new URL(l.url).pathname + new URL(l.url).search)).toEqual([
      '/',
      '/en/faucet.html', // #steps fragment dropped: same page as the nav link
      '/zh/trees.html',
      '/zh/library.html?lang=zh',
      '/old/archive.html',
      '/zh/no-such-page.html', // linked from trees.html, after the start page's links
    ]);
    expect(site.requests).toEqual(lines.map((l) => new URL(l.url).pathname + new URL(l.url).search));
    expect(lines.every((l) => new URL(l.url).origin === site.base)).toBe(true);
    expect(stdout).toMatch(/6 URLs fetched, 1 spam pages, 1 failed/);
  });

  it('stores each HTML page once, under its URL path', () => {
    expect(listFiles(out).sort()).toEqual(
      [
        'crawl.jsonl',
        'pages/index.html',
        'pages/en/faucet.html',
        'pages/zh/trees.html',
        'pages/zh/library_lang_zh.html',
      ].sort(),
    );
    expect(one('/').file).toBe('pages/index.html');
    expect(one('/en/faucet.html').file).toBe('pages/en/faucet.html');
    expect(one('/zh/library.html?lang=zh').file).toBe('pages/zh/library_lang_zh.html');
  });

  it('writes clean pages unchanged', () => {
    for (const [file, fixture] of [
      ['pages/index.html', 'index.html'],
      ['pages/en/faucet.html', 'en-faucet.html'],
    ]) {
      expect(readFileSync(path.join(out, file)).equals(readFileSync(path.join(siteDir, fixture))), file).toBe(true);
    }
    for (const p of ['/', '/en/faucet.html']) {
      expect(one(p)).toMatchObject({ status: 200, spam: false, spamBlocks: 0 });
      expect(one(p).blocks).toBeGreaterThan(0);
    }
  });

  it('stores the spam page without the blocks the scorer flags, and with its article', async () => {
    const line = one('/zh/trees.html');
    // The library's own verdict on the page, as the crawler got it (same model and --threshold): the crawler must act on exactly that.
    const scorer = await loadScorer({ model: modelDir, threshold: CRAWL_THRESHOLD });
    const verdict = scorer.scoreHtml(readFileSync(path.join(siteDir, 'zh-trees.html')), {
      url: `${site.base}/zh/trees.html`,
      contentType: 'text/html; charset=utf-8',
    });
    const flagged = verdict.blocks.filter((b) => b.spam);
    expect(line).toMatchObject({ status: 200, spam: true, file: 'pages/zh/trees.html', spamBlocks: flagged.length });
    expect(line.score).toBeCloseTo(verdict.score, 4);
    // The hidden casino links are among them (the keyword list's verdict is the model's, measured by eval).
    expect(flagged.map((b) => b.text).join('\n')).toContain('澳门新葡京娱乐场');

    const stored = readFileSync(path.join(out, 'pages/zh/trees.html'), 'utf8');
    for (const b of flagged) expect(stored).not.toContain(b.text.slice(0, 16));
    expect(stored).not.toContain('/casino/bet.html');
    for (const article of [
      '本市举行春季植树活动 市民踊跃参与',
      '三月十二日上午，本市在城郊森林公园举行春季义务植树活动',
      '重点在河道两岸和新建社区周边补种乡土树种。',
      '倡导大家从身边做起。',
    ]) {
      expect(stored).toContain(article);
    }
    // The casino page is linked only from the dropped hidden block: never visited.
    expect(site.requests).not.toContain('/casino/bet.html');
  });

  it('stores the GBK page in GBK bytes, as served', () => {
    const line = one('/zh/library.html?lang=zh');
    expect(line).toMatchObject({ status: 200, spam: false, spamBlocks: 0 });
    const stored = readFileSync(path.join(out, 'pages/zh/library_lang_zh.html'));
    expect(stored.equals(readFileSync(path.join(siteDir, 'zh-library.gbk.html')))).toBe(true);
    expect(stored.includes(iconv.encode('图书馆秋季阅读推荐', 'gbk'))).toBe(true);
    expect(stored.includes(Buffer.from('图书馆秋季阅读推荐', 'utf8'))).toBe(false);
    expect(iconv.decode(stored, 'gbk')).toContain('读者可凭借阅证在各分馆免费借阅');
  });

  it('records the redirect and the 404 and goes on crawling', () => {
    expect(one('/old/archive.html')).toEqual({
      url: `${site.base}/old/archive.html`,
      status: 301,
      location: `${site.base}/en/faucet.html`,
    });
    expect(one('/zh/no-such-page.html')).toEqual({
      url: `${site.base}/zh/no-such-page.html`,
      status: 404,
      error: 'HTTP 404',
    });
    expect(lines.filter((l) => l.error)).toHaveLength(1);
    expect(stdout).toContain(`${site.base}/zh/no-such-page.html error: HTTP 404`);
  });

  it('stops at --max-pages', async () => {
    const js = buildCrawler();
    const small = mkdtempSync(path.join(outputDir, 'crawl-max-'));
    try {
      await run(process.execPath, [js, `${site.base}/`, '--out', small, '--max-pages', '2', '--model', modelDir]);
      const got = readFileSync(path.join(small, 'crawl.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).url);
      expect(got).toEqual([`${site.base}/`, `${site.base}/en/faucet.html`]);
      expect(listFiles(small).sort()).toEqual(['crawl.jsonl', 'pages/en/faucet.html', 'pages/index.html']);
    } finally {
      rmSync(small, { recursive: true, force: true });
    }
  });

  it('survives an unreachable start URL: one error line, exit 0', async () => {
    const js = buildCrawler();
    const dead = await serveSite();
    const deadBase = dead.base;
    await dead.close();
    const small = mkdtempSync(path.join(outputDir, 'crawl-dead-'));
    try {
      const { stdout: o } = await run(process.execPath, [js, `${deadBase}/`, '--out', small, '--model', modelDir]);
      const [line, ...rest] = readFileSync(path.join(small, 'crawl.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(rest).toEqual([]);
      expect(line.url).toBe(`${deadBase}/`);
      expect(line.error).toMatch(/^fetch failed/);
      expect(o).toMatch(/1 URLs fetched, 0 spam pages, 1 failed/);
    } finally {
      rmSync(small, { recursive: true, force: true });
    }
  });
});
