/**
 * Benchmark of the page report on a large batch: file size, time to write it, and in
 * Chromium headless the time to open it (navigation start → table drawn), to open a
 * page, to search, and frame times while scrolling the table.
 * Run after a build: `npx tsc -p . && node test/report/bench-report.mjs [pages]`.
 */
import { existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { writeReportFile } from '../../dist/report/file.js';
import { generatePages } from './generate-pages.mjs';

const n = Number(process.argv[2] ?? 10000);
const out = path.resolve('test-output/report');
await mkdir(out, { recursive: true });
const file = path.join(out, `bench-${n}.html`);

const pages = generatePages(n);
let t = performance.now();
const summary = await writeReportFile(file, pages, { model: 'generated', modelVersion: '0', threshold: 0.5 });
const writeMs = performance.now() - t;
const size = (await stat(file)).size;
console.log(`${n} pages, ${summary.blocks} blocks: ${(size / 1e6).toFixed(1)} MB, written in ${writeMs.toFixed(0)} ms`);

if (!existsSync('/usr/bin/chromium')) {
  console.log('skipping browser timings: /usr/bin/chromium not found');
  process.exit(0);
}
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const runs = [];
for (let run = 0; run < 3; run++) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  t = performance.now();
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]');
  const wall = performance.now() - t;
  const nav = await page.evaluate(() => {
    const e = performance.getEntriesByType('navigation')[0];
    return { domInteractive: e.domInteractive, load: e.loadEventEnd, heapMB: performance.memory ? performance.memory.usedJSHeapSize / 1e6 : null };
  });
  // Scroll the table through the whole batch in 60 steps, one per frame, and record frame gaps.
  const frames = await page.evaluate(async () => {
    const vp = document.getElementById('rows');
    const gaps = [];
    let last = performance.now();
    for (let i = 1; i <= 60; i++) {
      vp.scrollTop = (vp.scrollHeight * i) / 60;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const now = performance.now();
      gaps.push((now - last) / 2);
      last = now;
    }
    gaps.sort((a, b) => a - b);
    return { median: gaps[30], p95: gaps[56], max: gaps[59] };
  });
  t = performance.now();
  const row = page.locator('.row').nth(3);
  const name = await row.locator('.name').textContent();
  await row.click();
  await page.waitForFunction((n) => document.querySelector('#detail h2')?.textContent === n, name);
  const openPage = performance.now() - t;
  t = performance.now();
  await page.fill('#search', '火星下拉');
  await page.waitForFunction(() => /match/.test(document.getElementById('count').textContent));
  const search = performance.now() - t;
  runs.push({ wall, ...nav, frames, openPage, search, errors: errors.length });
  await page.close();
}
await browser.close();
for (const r of runs) {
  console.log(
    `open ${r.wall.toFixed(0)} ms (domInteractive ${r.domInteractive.toFixed(0)} ms, load ${r.load.toFixed(0)} ms)` +
      (r.heapMB ? `, JS heap ${r.heapMB.toFixed(0)} MB` : '') +
      `; scroll frame median ${r.frames.median.toFixed(1)} ms, p95 ${r.frames.p95.toFixed(1)}, max ${r.frames.max.toFixed(1)}` +
      `; open a page ${r.openPage.toFixed(0)} ms; search ${r.search.toFixed(0)} ms (incl. 120 ms debounce); errors ${r.errors}`,
  );
}
