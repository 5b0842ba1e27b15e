import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BlockResult, PageResult } from '../../src/scorer/types.js';
import { examples, fixtures, hasModel, runCli } from './run-cli.js';

const news = path.join(examples, 'news-with-keyword-list.txt');
const blog = path.join(examples, 'blog-with-hidden-links.html');
const clean = path.join(examples, 'clean-article.html');

/** What `score --format json` prints: the scorer's result types. */
type JsonBlock = BlockResult;
type JsonPage = PageResult & { file: string };

describe.skipIf(!hasModel)('seospam score', () => {
  it('prints the JSON the corpus README specifies, every block in page order', () => {
    const r = runCli(['score', news, '--format', 'json']);
    expect(r.code).toBe(1);
    const page = JSON.parse(r.stdout) as JsonPage;
    expect(Object.keys(page).slice(0, 4)).toEqual(['file', 'score', 'spam', 'blocks']);
    expect(page.file).toBe(news);
    for (const b of page.blocks) {
      expect(Object.keys(b).slice(0, 6)).toEqual(['text', 'score', 'spam', 'selector', 'lines', 'reasons']);
      expect(b.selector).toBeNull();
      expect(b.lines![0]).toBeLessThanOrEqual(b.lines![1]);
    }
    const firstLines = page.blocks.map((b) => b.lines![0]);
    expect([...firstLines].sort((a, b) => a - b)).toEqual(firstLines);
    // Every non-blank line of the page is in some block, whitespace collapsed.
    const text = readFileSync(news, 'utf8').split('\n');
    for (const [i, line] of text.entries()) {
      if (!line.trim()) continue;
      const holder = page.blocks.find((b) => b.lines![0] <= i && i <= b.lines![1]);
      expect(holder?.text).toContain(line.trim().replace(/\s+/g, ' '));
    }
  });

  it('flags the keyword list and the link list of the example with reasons, and not the article', () => {
    const page = JSON.parse(runCli(['score', news, '--format', 'json']).stdout) as JsonPage;
    const lines = readFileSync(news, 'utf8').split('\n');
    const keywordLine = lines.findIndex((l) => l.startsWith('成都装修公司'));
    const keyword = page.blocks.find((b) => b.lines![0] <= keywordLine && keywordLine <= b.lines![1])!;
    expect(keyword.spam).toBe(true);
    expect(keyword.reasons.length).toBeGreaterThan(0);
    const article = page.blocks.filter((b) => b.text.length > 60 && !b.text.includes('装修公司'));
    expect(article.length).toBeGreaterThanOrEqual(3);
    for (const b of article) expect(b.spam).toBe(false);
  });

  it('flags the hidden casino links of the English blog and says they are hidden', () => {
    const page = JSON.parse(runCli(['score', blog, '--format', 'json']).stdout) as JsonPage;
    const hidden = page.blocks.find((b) => b.text.includes('casino'))!;
    expect(hidden.hidden).toBe('off-screen');
    expect(hidden.spam).toBe(true);
    expect(hidden.selector).toMatch(/^html > body > /);
    const prose = page.blocks.filter((b) => b.text.startsWith('Last spring') || b.text.startsWith('The containers'));
    expect(prose).toHaveLength(2);
    for (const b of prose) expect(b.spam).toBe(false);
  });

  it('exits like grep: 0 for clean pages, 1 when spam is found, 2 on an error', () => {
    expect(runCli(['score', clean]).code).toBe(0);
    expect(runCli(['score', news]).code).toBe(1);
    const missing = runCli(['score', 'no/such/page.html']);
    expect(missing.code).toBe(2);
    expect(missing.stdout + missing.stderr).toContain('no/such/page.html: no such file');
  });

  it('shows people a verdict line, the spam blocks and their reasons', () => {
    const r = runCli(['score', news]);
    const out = r.stdout.split('\n');
    expect(out[0]).toMatch(/news-with-keyword-list\.txt +SPAM +score \d\.\d\d +spam \d+\.\d% of text/);
    expect(r.stdout).toContain('成都装修公司');
    expect(out.some((l) => /^ {6}– /.test(l))).toBe(true);
    expect(r.stdout).not.toContain('江城大学与临港新区签署产学研合作协议');
    const all = runCli(['score', news, '--all-blocks']);
    expect(all.stdout).toContain('江城大学与临港新区签署产学研合作协议');
  });

  it('reads stdin with -', () => {
    const r = runCli(['score', '-', '--format', 'json'], readFileSync(news));
    const page = JSON.parse(r.stdout) as JsonPage;
    expect(page.file).toBe('stdin');
    expect(page.spam).toBe(true);
  });

  it('scores folders recursively, goes on past a broken file and says so', () => {
    const batch = mkdtempSync(path.join(tmpdir(), 'seospam-batch-'));
    mkdirSync(path.join(batch, 'sub'));
    copyFileSync(blog, path.join(batch, 'blog.html'));
    writeFileSync(path.join(batch, 'broken-empty.html'), '');
    copyFileSync(path.join(fixtures, 'forum.txt'), path.join(batch, 'forum.txt'));
    copyFileSync(clean, path.join(batch, 'sub', 'clean.html'));
    const r = runCli(['score', batch, '--format', 'jsonl', '--no-progress']);
    expect(r.code).toBe(2);
    const pages = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as JsonPage);
    expect(pages.map((p) => path.basename(p.file))).toEqual(['blog.html', 'broken-empty.html', 'forum.txt', 'clean.html']);
    const broken = pages[1];
    expect(broken.error).toContain('empty file');
    expect(broken.blocks).toEqual([]);
    expect(pages[0].spam).toBe(true);
    expect(pages[2].error).toBeUndefined();
    expect(pages[3].spam).toBe(false);
    expect(r.stderr).toContain('broken-empty.html: empty file');
    expect(r.stderr).toMatch(/4 pages, \d+ spam, 1 errors/);
  });

  it('writes one CSV row per page', () => {
    const r = runCli(['score', clean, blog, '--format', 'csv']);
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toBe('file,url,score,spam,spam_share,blocks,spam_blocks,error,truncated');
    expect(rows).toHaveLength(3);
    expect(rows[1].split(',')[3]).toBe('false');
    expect(rows[2].split(',')[3]).toBe('true');
  });

  it('decodes a GBK page by its meta charset', () => {
    const page = JSON.parse(runCli(['score', path.join(fixtures, 'gbk-page.html'), '--format', 'json']).stdout) as JsonPage;
    expect(page.blocks.map((b) => b.text)).toContain('中文新闻，今天天气很好。');
  });

  it('refuses a threshold out of range with one line', () => {
    const r = runCli(['score', clean, '--threshold', '7']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--threshold');
  });
});

describe.skipIf(!hasModel)('seospam score --strip', () => {
  it('drops the spam lines of a text page and keeps every other line byte for byte', () => {
    const original = readFileSync(news);
    const r = runCli(['score', news, '--strip']);
    expect(r.code).toBe(1);
    const kept = r.stdoutBytes.toString('utf8').split('\n');
    const lines = original.toString('utf8').split('\n');
    // The kept lines are the original lines, in order, minus some.
    let j = 0;
    for (const line of kept) {
      while (j < lines.length && lines[j] !== line) j++;
      expect(j).toBeLessThan(lines.length);
      j++;
    }
    expect(kept.length).toBeLessThan(lines.length);
    expect(kept.join('\n')).not.toContain('装修公司选择5星辰推荐');
    for (const l of lines.filter((x) => x.length > 60 && !x.includes('装修公司'))) expect(kept).toContain(l);
  });

  it('cuts the spam elements out of HTML and leaves the rest of the source as it was', () => {
    const source = readFileSync(blog, 'utf8');
    const r = runCli(['score', blog, '--strip']);
    const stripped = r.stdout;
    expect(stripped).not.toContain('casino');
    expect(stripped.length).toBeLessThan(source.length);
    // What is left is the source with whole ranges cut out: every kept piece appears in order.
    const before = source.slice(0, source.indexOf('<div class="sr-links">'));
    expect(stripped.startsWith(before)).toBe(true);
    expect(stripped).toContain('<h3>Comments</h3>');
    // The stripped page scores clean and keeps all its clean text.
    const again = JSON.parse(runCli(['score', '-', '--format', 'json'], stripped).stdout) as JsonPage;
    const was = JSON.parse(runCli(['score', blog, '--format', 'json']).stdout) as JsonPage;
    expect(again.blocks.map((b) => b.text)).toEqual(was.blocks.filter((b) => !b.spam).map((b) => b.text));
  });

  it('writes a GBK page back in GBK', () => {
    const file = path.join(fixtures, 'gbk-page.html');
    const r = runCli(['score', file, '--strip']);
    expect(Buffer.compare(r.stdoutBytes, readFileSync(file))).toBe(0);
  });
});
