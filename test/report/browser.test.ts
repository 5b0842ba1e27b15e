/**
 * The page report in a real browser (Chromium headless through playwright-core):
 * opened from disk, clicked, filtered, sorted, with a hostile page that must not run.
 * Skips when /usr/bin/chromium is absent (apt-get install chromium).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderEvalReport } from '../../src/report/eval-html.js';
import { renderReport } from '../../src/report/html.js';
import type { EvalReportInput } from '../../src/report/types.js';
import { generatePages } from './generate-pages.mjs';
import { FIXTURES, loadFixture } from './load-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const OUT = path.resolve('test-output/report');
const hasChromium = existsSync(CHROMIUM);
const title = hasChromium ? 'page report in Chromium' : `page report in Chromium (skipped: ${CHROMIUM} not found; apt-get install chromium)`;

interface Watched {
  page: Page;
  problems: string[];
}

describe.skipIf(!hasChromium)(title, () => {
  let browser: Browser;
  let batchUrl = '';

  beforeAll(async () => {
    await mkdir(OUT, { recursive: true });
    const { pages, info } = await loadFixture('batch.jsonl');
    const file = path.join(OUT, 'batch.html');
    await writeFile(file, renderReport(pages, { ...info, title: 'seospam report: fixture batch' }));
    batchUrl = pathToFileURL(file).href;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Opens `url` in a fresh page, recording console errors, page errors, dialogs and any request leaving the file. */
  async function open(url: string, ready = true): Promise<Watched> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (r.url() !== url.split('#')[0]) problems.push(`request: ${r.url()}`);
    });
    await page.goto(url);
    if (ready) await page.waitForSelector('body[data-ready="true"]');
    return { page, problems };
  }

  const rowNames = (page: Page) => page.locator('.row .name').allTextContents();

  it('shows the summary, spam blocks as spam and clean blocks as clean, and reasons on click', async () => {
    const { page, problems } = await open(batchUrl);
    expect(await page.locator('#sum-pages dd').textContent()).toBe('6');
    expect(await page.locator('#sum-spam dd').textContent()).toBe('4 (67%)');
    expect(await page.locator('#sum-errors dd').textContent()).toBe('1');
    expect(await page.locator('#sum-model dd').textContent()).toBe('seospam-blocks 2024.06.1');
    expect(await page.locator('#sum-threshold dd').textContent()).toBe('0.62');

    // The first page (the Chinese news page) opens by default.
    await expect.poll(() => page.locator('#detail h2').textContent()).toBe('news/2024-03-shenzhen-metro.html');
    const spam = page.locator('#detail .block.is-spam');
    const clean = page.locator('#detail .block.is-clean');
    expect(await spam.count()).toBe(2);
    expect(await clean.count()).toBe(5);
    expect(await spam.nth(0).locator('.block-text').textContent()).toContain('深圳网络公司选择3火星下拉');
    expect(await spam.nth(1).locator('.block-text').textContent()).toContain('友情链接');
    expect(await spam.nth(0).locator('.marker').textContent()).toContain('SPAM');
    expect(await spam.nth(0).locator('.badge').textContent()).toBe('0.98');
    expect(await clean.locator('.marker').count()).toBe(0);
    expect(await clean.nth(0).locator('.where').textContent()).toBe('html > body > div:nth-of-type(1) > ul:nth-of-type(1)');
    // Selectors sent front-coded show in full.
    expect(await clean.nth(3).locator('.where').textContent()).toBe('html > body > div:nth-of-type(2) > div:nth-of-type(1) > p:nth-of-type(2)');
    // Spam and clean blocks are shaded differently.
    const bg = (i: number, l = spam) => l.nth(i).evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(await bg(0)).not.toBe(await bg(0, clean));

    await spam.nth(0).click();
    const reasons = await spam.nth(0).locator('.reason').allTextContents();
    expect(reasons[0]).toBe('27 items share the template `{*}网络公司{*}{N}火星下拉`');
    expect(await spam.nth(0).getAttribute('aria-expanded')).toBe('true');
    await spam.nth(1).click();
    expect(await spam.nth(1).locator('.reason').allTextContents()).toContain('link text 96% of block');
    await spam.nth(0).click();
    expect(await spam.nth(0).locator('.reason').count()).toBe(0);

    await page.screenshot({ path: path.join(OUT, 'batch-zh-page.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('marks hidden blocks, shows line ranges, filters by search and shows spam blocks only', async () => {
    const { page, problems } = await open(batchUrl);
    await page.fill('#search', 'casino');
    await expect.poll(() => rowNames(page)).toEqual(['pages/en/tomato-blight.html']);
    await page.locator('.row').first().click();
    await expect.poll(() => page.locator('#detail .block').count()).toBe(1);
    const hidden = page.locator('#detail .block').first();
    expect(await hidden.locator('.hidden-tag').textContent()).toBe('hidden: display:none');
    expect(await hidden.locator('mark').first().textContent()).toBe('casino');
    expect(await page.locator('#detail .note').textContent()).toContain('Showing 1 of 6 blocks');

    // Search is case-insensitive and reads Chinese; clearing it brings every page back.
    await page.fill('#search', '空调维修');
    await expect.poll(() => rowNames(page)).toEqual(['pages/zh/forum-post.txt']);
    await page.fill('#search', '');
    await expect.poll(() => page.locator('.row').count()).toBe(6);

    // Text pages show their line range.
    await page.locator('.row', { hasText: 'forum-post.txt' }).click();
    expect(await page.locator('#detail .block .where').allTextContents()).toEqual(['lines 1–2', 'lines 4–6', 'line 8']);

    await page.locator('.row', { hasText: 'shenzhen-metro' }).click();
    await page.check('#spam-only');
    await expect.poll(() => page.locator('#detail .block').count()).toBe(2);
    expect(await page.locator('#detail .block.is-clean').count()).toBe(0);
    await page.uncheck('#spam-only');
    await expect.poll(() => page.locator('#detail .block').count()).toBe(7);

    await page.selectOption('#verdict', 'error');
    await expect.poll(() => rowNames(page)).toEqual(['pages/broken-gbk.html']);
    await page.locator('.row').first().click();
    expect(await page.locator('#detail .error-box').textContent()).toContain('cannot decode');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('colours blocks and badges by verdict, not by score, and shows every reason a moderator needs', async () => {
    // Scores on the verdict scale cross verdicts: a clean block at 0.91 (a page rule kept it clean) and a
    // spam block at 0.55; a title under its threshold that still has reasons; a spam block from an old report without reasons.
    const block = (text: string, score: number, spam: boolean, reasons: string[] = []) => ({ text, score, spam, selector: null, lines: [0, 0] as [number, number], reasons });
    const pages = [
      {
        file: 'verdicts.txt',
        score: 0.62,
        spam: true,
        spamShare: 0.3,
        blocks: [
          block('a quiet paragraph about a harbour festival', 0.02, false),
          block('a clean headline list that scored high', 0.91, false),
          block('澳门葡京 百家乐开户送彩金', 0.55, true, ['spam vocabulary: 澳门, 葡京, 百家乐']),
          block('best online casino bonus', 0.998, true, []),
        ],
        title: { text: '澳门葡京娱乐场_百家乐开户', score: 0.48, spam: false, reasons: ['scores 0.480, under the title threshold 0.5: not flagged', 'spam vocabulary: 澳门, 葡京'] },
      },
    ];
    const file = path.join(OUT, 'verdicts.html');
    await writeFile(file, renderReport(pages, { model: 'test', threshold: 0.985 }));
    const { page, problems } = await open(pathToFileURL(file).href);
    expect(await page.locator('#sum-threshold dd').textContent()).toBe('0.985');
    const blocks = page.locator('#detail .block');
    const style = (i: number, sel?: string) =>
      (sel ? blocks.nth(i).locator(sel) : blocks.nth(i)).evaluate((e) => {
        const c = getComputedStyle(e);
        return `${c.backgroundColor} ${c.borderLeftColor}`;
      });
    // Both clean blocks alike, both spam blocks alike, and the two verdicts apart: in shading and in badges.
    expect(await style(1)).toBe(await style(0));
    expect(await style(3)).toBe(await style(2));
    expect(await style(2)).not.toBe(await style(1));
    expect(await style(1, '.badge')).toBe(await style(0, '.badge'));
    expect(await style(2, '.badge')).toBe(await style(3, '.badge'));
    expect(await style(2, '.badge')).not.toBe(await style(1, '.badge'));
    // The clean 0.91 block carries no SPAM marker.
    expect(await blocks.nth(1).locator('.marker').count()).toBe(0);
    // The page row's badge follows the page verdict.
    expect(await page.locator('.row .badge').first().getAttribute('class')).toContain('v-spam');
    // The title under its threshold is shown, not flagged, with its reasons.
    const title = page.locator('#detail .title-box');
    expect(await title.locator('.title-head').textContent()).toBe('Title, not flagged (0.48): 澳门葡京娱乐场_百家乐开户');
    expect(await title.locator('.reason').allTextContents()).toEqual(['\u2013 scores 0.480, under the title threshold 0.5: not flagged', '\u2013 spam vocabulary: 澳门, 葡京']);
    // Blocks are numbered from 1; a spam block without reasons in an old report says so with its score against the threshold.
    expect(await blocks.nth(3).locator('.idx').textContent()).toBe('block 4');
    await blocks.nth(3).click();
    expect(await blocks.nth(3).locator('.reason').allTextContents()).toEqual([
      'This report holds no reasons for it (made by an older seospam): the model scored it 0.998 against the block threshold 0.985.',
    ]);
    await page.screenshot({ path: path.join(OUT, 'verdicts.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens the page named in the address (#page=N) and keeps the address in step', async () => {
    const { page, problems } = await open(`${batchUrl}#page=4`);
    expect(await page.locator('#detail h2').textContent()).toBe('pages/zh/forum-post.txt');
    expect(await page.locator('.row.selected .name').textContent()).toBe('pages/zh/forum-post.txt');
    await page.locator('.row', { hasText: 'city-council' }).click();
    expect(new URL(page.url()).hash).toBe('#page=3');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('sorts the table by a column, both ways', async () => {
    const { page, problems } = await open(batchUrl);
    const scores = () => page.locator('.row .badge').allTextContents();
    await page.click('.thead button[data-key="score"]');
    expect(await scores()).toEqual(['0.99', '0.93', '0.88', '0.71', '0.04', '0.00']);
    expect(await page.getAttribute('.thead button[data-key="score"]', 'aria-sort')).toBe('descending');
    await page.click('.thead button[data-key="score"]');
    expect(await scores()).toEqual(['0.00', '0.04', '0.71', '0.88', '0.93', '0.99']);
    await page.click('.thead button[data-key="lang"]');
    const langs = await page.locator('.row > div:nth-child(6)').allTextContents();
    expect(langs).toEqual([...langs].sort());
    expect(problems).toEqual([]);
    await page.close();
  });

  it('never runs or loads anything from a hostile page', async () => {
    const { page, problems } = await open(batchUrl);
    // Open every page and expand every block, so all page data is drawn.
    const n = await page.locator('.row').count();
    for (let i = 0; i < n; i++) {
      await page.locator('.row').nth(i).click();
      const blocks = page.locator('#detail .block');
      const count = await blocks.count();
      for (let b = 0; b < count; b++) await blocks.nth(b).click();
    }
    await page.locator('.row', { hasText: 'hostile' }).click();
    const block = page.locator('#detail .block').first();
    await block.click();
    // The markup is shown as text…
    expect(await block.locator('.block-text').textContent()).toContain('<script>window.__pwned = 1;');
    expect(await block.locator('.hidden-tag').textContent()).toBe('hidden: </style><img src=x onerror="window.__pwned=6">');
    expect(await block.locator('.reason').allTextContents()).toContain('reason with </script><img src=x onerror=alert(2)>');
    expect(await page.locator('#detail h2').textContent()).toBe('pages/hostile/<b>bold</b>&amp;.html');
    expect(await page.locator('#detail .url').textContent()).toBe('javascript:window.__pwned=4');
    // …and none of it ran or became an element.
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img, iframe, a, b, #detail script, #detail style').count()).toBe(0);
    expect(await page.evaluate(() => getComputedStyle(document.body).display)).toBe('flex');
    await page.screenshot({ path: path.join(OUT, 'batch-hostile-page.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps a 3,000-page table virtual: only the visible rows are in the document', async () => {
    const file = path.join(OUT, 'large.html');
    await writeFile(file, renderReport(generatePages(3000), { model: 'generated', modelVersion: '0', threshold: 0.5 }));
    const { page, problems } = await open(pathToFileURL(file).href);
    expect(await page.locator('#sum-pages dd').textContent()).toBe('3000');
    const rows = await page.locator('.row').count();
    expect(rows).toBeGreaterThan(10);
    expect(rows).toBeLessThan(80);
    // Scrolling to the end draws the last rows.
    await page.locator('#rows').evaluate((e) => {
      e.scrollTop = e.scrollHeight;
    });
    await expect.poll(() => page.locator('.row .num').first().textContent().then((t) => Number(t))).toBeGreaterThan(2900);
    const last = page.locator('.row').last();
    const name = await last.locator('.name').textContent();
    await last.click();
    expect(await page.locator('#detail h2').textContent()).toBe(name);
    expect(await page.locator('#detail .block').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the eval report with its curves and tables, without errors', async () => {
    const input = JSON.parse(await readFile(path.join(FIXTURES, 'eval-compare.json'), 'utf8')) as EvalReportInput;
    const file = path.join(OUT, 'eval.html');
    await writeFile(file, renderEvalReport(input));
    const { page, problems } = await open(pathToFileURL(file).href, false);
    expect(await page.locator('svg.pr').count()).toBe(2);
    const box = await page.locator('svg.pr').first().boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(await page.locator('section.changed tr').count()).toBe(5);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // The stylesheet applied (the policy let it through): confusion cells are shaded.
    const bg = await page.locator('.cm td.ok').first().evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(bg).not.toBe('rgba(0, 0, 0, 0)');
    await page.screenshot({ path: path.join(OUT, 'eval.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});
