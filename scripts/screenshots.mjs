#!/usr/bin/env node
/**
 * Pictures of the moderator's HTML report for the docs: scores a page with the built CLI
 * (`score --format html`), opens the report in headless Chromium (playwright-core) and
 * writes a PNG. Rerun after the model or the report changes:
 *
 *   npm run screenshots            # docs/report-seed.png and docs/report-clean.png
 *
 * The seed page is ../shared/seed/000_6278776c4837406b.txt (skipped, saying so, when
 * ../shared is absent). Chromium: CHROMIUM, else `chromium` on PATH (apt-get install chromium);
 * Chinese text needs a CJK font (apt-get install fonts-wqy-microhei), else it shows as boxes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'dist/cli/main.js');
const work = path.join(root, 'test-output/screenshots');

/** What to picture: the page scored, the PNG written. */
const SHOTS = [
  { page: path.resolve(root, '../shared/seed/000_6278776c4837406b.txt'), png: 'docs/report-seed.png', title: 'seospam report: the seed page' },
  { page: path.join(root, 'data/examples/clean-article.html'), png: 'docs/report-clean.png', title: 'seospam report: a clean article' },
];

function chromiumPath() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  const found = spawnSync('which', ['chromium'], { encoding: 'utf8' });
  if (found.status !== 0) throw new Error('no chromium on PATH: apt-get install chromium, or set CHROMIUM');
  return found.stdout.trim();
}

if (!existsSync(cli)) throw new Error('dist/ is not built: run npx tsc -p .');
mkdirSync(work, { recursive: true });
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const shot of SHOTS) {
    if (!existsSync(shot.page)) {
      console.log(`skipped ${shot.png}: ${path.relative(root, shot.page)} not found (../shared absent)`);
      continue;
    }
    const report = path.join(work, `${path.basename(shot.png, '.png')}.html`);
    // Exit 1 means spam was found: not a failure here.
    try {
      execFileSync(process.execPath, [cli, 'score', path.relative(root, shot.page), '--format', 'html', '--out', report, '--no-progress'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    } catch (err) {
      if (err.status !== 1) throw err;
    }
    const tab = await browser.newPage({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
    await tab.goto(pathToFileURL(report).href);
    await tab.waitForSelector('body[data-ready="true"]');
    // The first page opens by default. Its shortest spam block, when it has one, is opened
    // (a click shows the block's reasons, and its whole text) and brought into view.
    await tab.waitForSelector('#detail .block');
    const spam = tab.locator('#detail .block.is-spam');
    const lengths = await spam.evaluateAll((els) => els.map((el) => el.textContent.length));
    if (lengths.length) {
      const shortest = spam.nth(lengths.indexOf(Math.min(...lengths)));
      await shortest.click();
      await shortest.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    }
    await tab.screenshot({ path: path.join(root, shot.png) });
    await tab.close();
    console.log(`wrote ${shot.png}`);
  }
} finally {
  await browser.close();
}
