/**
 * What a moderator reads in `seospam score`'s text output: colours by verdict, lines and
 * blocks counted from 1 as editors count, a title near its threshold shown, --explain
 * saying each thing once, a .txt file read as text, and progress with a rate and time left.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { progressFigures } from '../../src/cli/progress.js';
import { DEFAULT_MODEL_DIR } from '../../src/scorer/index.js';
import { TITLE_NEAR_MARGIN } from '../../src/scorer/reasons.js';
import { formatScore } from '../../src/scorer/numbers.js';
import type { PageResult } from '../../src/scorer/types.js';
import { PtySession } from '../review/pty-driver.js';
import { cliPath, examples, hasModel, repoRoot, runCli } from './run-cli.js';

const news = path.join(examples, 'news-with-keyword-list.txt');
const blog = path.join(examples, 'blog-with-hidden-links.html');
const shop = path.join(examples, 'shop-with-hijacked-title.html');
const clean = path.join(examples, 'clean-article.html');
const tmp = mkdtempSync(path.join(tmpdir(), 'seospam-present-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const RED = '\x1b[31m';
const GREEN = '\x1b[32m';

describe.skipIf(!hasModel)('score text output', () => {
  it('numbers blocks and lines from 1: the line it names is the line grep -n names', () => {
    const page = JSON.parse(runCli(['score', news, '--format', 'json']).stdout) as PageResult;
    const text = runCli(['score', news]).stdout;
    const file = readFileSync(news, 'utf8').split('\n');
    const spam = page.blocks.map((b, i) => ({ b, i })).filter(({ b }) => b.spam);
    expect(spam.length).toBeGreaterThan(0);
    for (const { b, i } of spam) {
      const [first, last] = b.lines!;
      const where = first === last ? `line ${first + 1}` : `lines ${first + 1}–${last + 1}`;
      expect(text).toContain(`■ #${i + 1} ${b.score.toFixed(2)}  ${where}`);
      // grep -n's line `first + 1` (counted from 1) is the block's first line.
      const grepLine = file.findIndex((l) => l.trim() && b.text.startsWith(l.trim().replace(/\s+/g, ' ').slice(0, 20))) + 1;
      expect(grepLine).toBe(first + 1);
    }
  });

  it('colours the page score and block scores by verdict, never by how high the score is', () => {
    const out = runCli(['score', news, shop, clean, '--all-blocks', '--color']).stdout;
    const pages = JSON.parse(`[${runCli(['score', news, shop, clean, '--format', 'jsonl']).stdout.trim().split('\n').join(',')}]`) as PageResult[];
    for (const p of pages) {
      const line = out.split('\n').find((l) => l.includes(p.file!) && l.includes('score'))!;
      expect(line).toContain(`score ${p.spam ? RED : GREEN}${formatScore(p.score)}`);
    }
    // A clean page is green whatever its score; its blocks are never red.
    const cleanPage = pages.find((p) => !p.spam)!;
    const section = out.slice(out.indexOf(cleanPage.file!)).split('\n').slice(1);
    const own = section.slice(0, section.findIndex((l) => /^\S/.test(l.replace(/\x1b\[[0-9;]*m/g, ''))));
    expect(own.join('\n')).not.toContain(RED);
  });

  it('shows a title that scored just under its threshold, with how near it came, though the page is clean', () => {
    const title = (JSON.parse(runCli(['score', shop, '--format', 'json']).stdout) as PageResult).title!;
    const dir = path.join(tmp, 'near-model');
    cpSync(DEFAULT_MODEL_DIR, dir, { recursive: true });
    const meta = JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8'));
    // The title's own network score from its shown one (under the line: shown = raw / titleThreshold × 0.5), then a threshold just over it.
    const raw = (title.score * meta.rollup.titleThreshold) / 0.5;
    meta.rollup.titleThreshold = Math.min(1, raw * 1.05);
    writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(meta));
    const out = runCli(['score', shop, '--model', dir]).stdout.split('\n');
    expect(out[0]).toMatch(/ {2}clean {2}/);
    expect(out[1]).toMatch(/^ {2}· title \d\.\d\d {2}<title> {2}not flagged$/);
    expect(out[2].trim()).toBe(title.text);
    expect(title.score).toBeGreaterThanOrEqual(0.5 - TITLE_NEAR_MARGIN);
    expect(out[3]).toMatch(/^ {6}– scores \d\.\d{3}, under the verdict line 0\.5: not flagged$/);
  });

  it('--explain says each reason once and writes a one-value clean range in words', () => {
    const out = runCli(['score', news, blog, shop, '--explain', '--threshold', '0.05', '--no-progress']).stdout;
    expect(out).not.toMatch(/(\d\.\d+)–\1\b/);
    // Reasons of one block (the "–" lines under a block head) are all different.
    let reasons: string[] = [];
    for (const line of out.split('\n')) {
      if (line.startsWith('      – ')) {
        const what = line.replace(/ \[.*\]$/, '');
        expect(reasons).not.toContain(what);
        reasons.push(what);
      } else if (!line.startsWith('      ')) reasons = [];
    }
    expect(out).toMatch(/\[[a-z_0-9]+ = [\d.]+; (clean blocks [\d.]+–[\d.]+|90% of clean blocks at [\d.]+)\]/);
    // A reason that says its value as a percentage does not say it again as a fraction.
    expect(out).toMatch(/\d+% of items share the word `[^`]+` \[tpl_affix_share; /);
    expect(out).not.toMatch(/ \d+%[^[\n]*\[[a-z_0-9]+_share = /);
  });

  it('reads a .txt file that quotes markup as text, and the same bytes as HTML when named .html', () => {
    const body = 'Notes on the template\n\nWrap the headline in <h1> and each paragraph in <p>, like <p>this</p>.\n\nThe footer uses <div class="foot">…</div> as before.\n';
    writeFileSync(path.join(tmp, 'notes.txt'), body);
    writeFileSync(path.join(tmp, 'notes.html'), body);
    const asText = JSON.parse(runCli(['score', path.join(tmp, 'notes.txt'), '--format', 'json']).stdout) as PageResult;
    expect(asText.blocks.every((b) => b.lines !== null && b.selector === null)).toBe(true);
    expect(asText.blocks.map((b) => b.text)).toContain('Wrap the headline in <h1> and each paragraph in <p>, like <p>this</p>.');
    const asHtml = JSON.parse(runCli(['score', path.join(tmp, 'notes.html'), '--format', 'json']).stdout) as PageResult;
    expect(asHtml.blocks.every((b) => b.selector !== null)).toBe(true);
    // --kind still decides over the name.
    const forced = JSON.parse(runCli(['score', path.join(tmp, 'notes.txt'), '--kind', 'html', '--format', 'json']).stdout) as PageResult;
    expect(forced.blocks.every((b) => b.selector !== null)).toBe(true);
  });

  it('shows progress on a terminal with the rate and the time left', async () => {
    const s = new PtySession(process.execPath, [cliPath, 'score', news, blog, shop, clean, '--format', 'jsonl', '--out', path.join(tmp, 'p.jsonl')], repoRoot, 160, 10);
    try {
      expect(await s.exit()).toBe(1);
    } finally {
      s.kill();
    }
    const plain = s.raw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    expect(plain).toMatch(/scoring \[[^\]]+\] 0\/4 pages \| … pages\/s \| … left \| 0 spam \| 0 errors/);
    expect(plain).toMatch(/scoring \[[^\]]+\] 4\/4 pages \| \d+\.\d pages\/s \| 0s left \| 2 spam \| 0 errors/);
  });

  it("shows train's batch progress with the rate and the time left", async () => {
    const corpus = path.join(repoRoot, 'test/fixtures/review/corpus');
    const s = new PtySession(process.execPath, [cliPath, 'train', '--data', corpus, '--out', path.join(tmp, 'tiny'), '--epochs', '1', '--seed', '1', '--backend', 'cpu'], repoRoot, 200, 10);
    try {
      expect(await s.exit(60_000)).toBe(0);
    } finally {
      s.kill();
    }
    const plain = s.raw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    expect(plain).toMatch(/\] 0\/\d+ batches \| … batches\/s \| … left/);
    expect(plain).toMatch(/\] (\d+)\/\1 batches \| \d+\.\d batches\/s \| 0s left/);
  }, 70_000);

  it('works out the rate and the time left', () => {
    expect(progressFigures(0, 100, 0)).toEqual({ rate: '…', left: '…' });
    expect(progressFigures(10, 100, 4)).toEqual({ rate: '2.5', left: '36s' });
    expect(progressFigures(10, 1000, 4)).toEqual({ rate: '2.5', left: '6m 36s' });
    expect(progressFigures(10, 100_000, 4)).toEqual({ rate: '2.5', left: '11h 06m' });
  });
});
