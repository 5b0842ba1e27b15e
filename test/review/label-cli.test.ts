/**
 * `seospam label` driven through a pseudo-terminal: scripted keys, screen text, then the
 * written corpus read back through the data stage's loader.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, readLabels } from '../../src/data/index.js';
import type { LabeledPage } from '../../src/data/types.js';
import { parsePage } from '../../src/page/index.js';
import { formatThreshold } from '../../src/scorer/numbers.js';
import { KEYS, PtySession } from './pty-driver.js';
import { CLI, built, cli, copyPages, modelThreshold, repoRoot, testModel } from './setup.js';

if (!built) console.warn(`skipping label CLI tests: ${CLI} is missing (run npx tsc -p . first)`);

const tmp = mkdtempSync(join(tmpdir(), 'seospam-label-'));
let model = '';
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function label(args: string[]): PtySession {
  return new PtySession(process.execPath, [CLI, 'label', '--model', model, '--backend', 'cpu', ...args], repoRoot);
}

function spamTexts(p: LabeledPage): string[] {
  return p.parsed.page.blocks.filter((_, i) => p.isSpam[i]).map((b) => b.text);
}

function byFile(pages: LabeledPage[], name: string): LabeledPage {
  const p = pages.find((x) => x.record.origin?.endsWith(name));
  if (!p) throw new Error(`no labeled page for ${name}: ${pages.map((x) => x.record.origin).join(', ')}`);
  return p;
}

describe.skipIf(!built)('seospam label', () => {
  beforeAll(() => {
    const m = testModel(tmp);
    model = m.dir;
    console.info(`label tests score with ${m.how}`);
  });

  it('says it needs a terminal and exits 2 without one', () => {
    const r = spawnSync(process.execPath, [CLI, 'label', '--out', join(tmp, 'none'), join(tmp, 'x.html')], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/needs a terminal/);
  });

  const pagesDir = join(tmp, 'pages');
  const out = join(tmp, 'labeled');

  it('marks siblings and ranges, saves two pages, quits mid-page', async () => {
    copyPages(pagesDir, ['en-linkfarm.html', 'notes.txt', 'zh-keywords.html']);
    const s = label(['--out', out, pagesDir]);
    try {
      await s.waitFor(/page 1 of 3[\s\S]*en-linkfarm\.html/);
      // English page: clear the model's marks, then mark the link farm as one group of siblings.
      await s.send('X', /every block marked clean/);
      await s.send('jjjjj', /^>\s+6 ok/m);
      const group = await s.send('g', /selected blocks 6–9 \(4\)/);
      expect(group).toMatch(/^ \+\s+7 /m);
      const marked = await s.send('s', /blocks 6–9 marked spam/);
      expect(marked).toMatch(/page label: mixed \(auto\)\s+·\s+10 blocks: 4 spam/);
      await s.send(KEYS.enter, /page 2 of 3[\s\S]*notes\.txt/);

      // Text page: mark lines 6–9 (blocks 5–8) with a range.
      await s.send('X', /every block marked clean/);
      await s.send('jjjj', /^>\s+5 ok/m);
      await s.send('v', /range: move to its other end/);
      await s.send('jjj', /^>\+\s+8 ok/m);
      await s.send('s', /blocks 5–8 marked spam/);
      await s.send(KEYS.enter, /page 3 of 3[\s\S]*zh-keywords\.html/);

      // Chinese page: one change, then quit without saving it.
      await s.send('X', /every block marked clean/);
      await s.send('jjjjj', /^>\s+6 ok/m);
      await s.send('s', /block 6 marked spam/);
      await s.send('q');
      expect(await s.exit()).toBe(0);
      expect(s.raw).toMatch(/2 of 3 pages labeled, 0 skipped, 1 left/);
    } finally {
      s.kill();
    }

    const lines = readFileSync(join(out, 'labels.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    const corpus = await loadCorpus(out);
    const en = byFile(corpus.pages, 'en-linkfarm.html');
    expect(en.record).toMatchObject({ page: 'mixed', split: 'train', source: 'moderator', lang: 'en' });
    expect(en.record.file).toMatch(/^pages\/moderator\/.*\.html$/);
    expect(en.record.spam?.selectors).toEqual([1, 2, 3, 4].map((k) => `html > body > div:nth-of-type(1) > p:nth-of-type(${k})`));
    expect(spamTexts(en)).toEqual([
      'cheap viagra online buy cialis no prescription',
      'best online casino bonus free slots real money',
      'payday loans same day bad credit loans guaranteed',
      'buy backlinks cheap seo buy instagram followers',
    ]);
    const notes = byFile(corpus.pages, 'notes.txt');
    expect(notes.record.file).toMatch(/\.txt$/);
    expect(notes.record.spam).toEqual({ lines: [[6, 9]] });
    expect(spamTexts(notes)).toEqual(['cheap flights cheap hotels cheap car hire', 'online casino online casino bonus', 'buy followers buy likes buy views', 'best seo service fast ranking']);
    // The copies are the page bytes unchanged.
    expect(readFileSync(join(out, notes.record.file))).toEqual(readFileSync(join(pagesDir, 'notes.txt')));
  });

  it('resumes at the page it quit on, with the unsaved marks; going back and saving again replaces the line', async () => {
    const before = readFileSync(join(out, 'labels.jsonl'), 'utf8').trim().split('\n');
    const s = label(['--out', out]);
    try {
      const first = await s.waitFor(/page 3 of 3[\s\S]*zh-keywords\.html/);
      expect(first).toMatch(/unsaved marks from last time/);
      expect(first).toMatch(/^\s+6 SPAM/m);
      expect(first).toMatch(/7 blocks: 1 spam/);
      await s.send(KEYS.enter, /All 3 pages done: 3 labeled, 0 skipped/);
      // Back twice: to the text page labeled in the first session.
      await s.send('b', /page 3 of 3/);
      const notes = await s.send('b', /page 2 of 3[\s\S]*notes\.txt/);
      expect(notes).toMatch(/labeled before \(mixed\)/);
      expect(notes).toMatch(/9 blocks: 4 spam/);
      await s.send('s', /block 1 marked spam/);
      await s.send(KEYS.enter, /page 3 of 3/);
      await s.send(KEYS.enter, /All 3 pages done/);
      await s.send('q');
      expect(await s.exit()).toBe(0);
    } finally {
      s.kill();
    }
    const after = readFileSync(join(out, 'labels.jsonl'), 'utf8').trim().split('\n');
    expect(after).toHaveLength(3);
    expect(after[0]).toBe(before[0]); // the English page's line is untouched
    const { entries } = readLabels(out);
    expect(new Set(entries.map((e) => e.record.id)).size).toBe(3);
    const corpus = await loadCorpus(out);
    const notes = byFile(corpus.pages, 'notes.txt');
    expect(notes.record.spam).toEqual({ lines: [[0, 0], [6, 9]] });
    const zh = byFile(corpus.pages, 'zh-keywords.html');
    expect(zh.record).toMatchObject({ page: 'mixed', lang: 'zh', spam: { selectors: ['html > body > div:nth-of-type(3)'] } });
    expect(spamTexts(zh)).toHaveLength(1);
    expect(spamTexts(zh)[0]).toMatch(/^北京赛车pk10 时时彩计划/);
  });

  it('trains on the old corpus plus the labels written here', () => {
    const r = cli(['train', '--data', join(repoRoot, 'test/fixtures/review/corpus'), '--data', out, '--out', join(tmp, 'retrained'), '--epochs', '2', '--seed', '2', '--backend', 'cpu', '--threshold', '0.5']);
    expect(r.stderr).toMatch(/saved/);
    expect(r.status).toBe(0);
    const meta = JSON.parse(readFileSync(join(tmp, 'retrained', 'meta.json'), 'utf8')) as { corpora: string[]; trainBlocks: number; trainSpamBlocks: number };
    expect(meta.corpora).toEqual(['corpus', 'labeled']);
    // 26 train blocks in the fixture corpus (9 spam) and the same three pages again as labeled here (4 + 5 + 1 spam).
    expect(meta.trainBlocks).toBe(52);
    expect(meta.trainSpamBlocks).toBe(19);
  });

  it('--review walks a score report least sure page first, pre-marked with the verdicts', async () => {
    const report = join(tmp, 'report.jsonl');
    const scored = cli(['score', '--format', 'jsonl', '--model', model, '--backend', 'cpu', '--out', report, pagesDir]);
    expect(scored.status).not.toBe(2);
    const results = readFileSync(report, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as {
      file: string;
      blocks: Array<{ score: number; spam: boolean; selector: string | null; lines: [number, number] | null }>;
    });
    const t = modelThreshold(model);
    const margin = (r: (typeof results)[number]) => Math.min(...r.blocks.map((b) => Math.abs(b.score - t)));
    const least = [...results].sort((a, b) => margin(a) - margin(b))[0];
    const name = least.file.split('/').pop()!;
    const closest = least.blocks.findIndex((b) => Math.abs(b.score - t) === margin(least));

    const dir = join(tmp, 'reviewed');
    const s = label(['--review', report, '--out', dir]);
    try {
      const screen = await s.waitFor(/page 1 of 3/);
      expect(screen).toMatch(/least sure first/);
      expect(screen).toContain(name);
      expect(screen).toMatch(new RegExp(`^>\\s+${closest + 1} `, 'm'));
      await s.send(KEYS.enter, /page 2 of 3/);
      await s.send('q');
      expect(await s.exit()).toBe(0);
    } finally {
      s.kill();
    }
    const corpus = await loadCorpus(dir);
    expect(corpus.pages).toHaveLength(1);
    const page = corpus.pages[0];
    expect(page.record.origin).toContain(name);
    // Saved without changes: the labels are the model's verdicts.
    expect(page.isSpam).toEqual(least.blocks.map((b) => b.spam));
  });
});

describe.skipIf(!built)('seospam label: what the screen says about the model', () => {
  beforeAll(() => {
    if (!model) model = testModel(tmp).dir;
  });

  it('numbers lines from 1, prints the threshold in full, colours scores by verdict and shows the reasons and a near title', async () => {
    const [notes] = copyPages(join(tmp, 'screen-pages'), ['notes.txt']);
    const { page } = parsePage(readFileSync(notes), { kind: 'text' });
    // A report whose verdicts cross the scores: a spam block at 0.30 (a page rule flagged it) with a reason, a clean one at 0.47, and a title under the line.
    const blocks = page.blocks.map((b, i) => ({
      text: b.text,
      score: i === 1 ? 0.47 : i === 4 ? 0.3 : 0.02,
      spam: i === 4,
      selector: null,
      lines: b.lines,
      reasons: i === 4 ? ['spam vocabulary: cheap flights, cheap hotels'] : [],
    }));
    const report = join(tmp, 'screen-report.jsonl');
    const title = { text: page.title, score: 0.48, spam: false, reasons: ['scores 0.480, under the title threshold 0.5: not flagged'] };
    writeFileSync(report, JSON.stringify({ file: notes, score: 0.6, spam: true, spamShare: 0.1, blocks, title }) + '\n');
    expect(page.blocks[4].lines).toEqual([6, 6]); // "cheap flights…" is on line 7, as an editor counts

    const s = label(['--review', report, '--out', join(tmp, 'screen-out')]);
    try {
      const screen = await s.waitFor(/page 1 of 1/);
      expect(screen).toContain(`threshold ${formatThreshold(modelThreshold(model))}`);
      expect(screen).toMatch(/page score 0\.60 spam/);
      expect(screen).toContain(`title 0.48 not flagged: ${page.title}  ·  scores 0.480, under the title`);
      // Row scores: the clean 0.47 block in green, the spam 0.30 block in red (picocolors: 32 green, 31 red).
      expect(s.raw).toContain('\x1b[32m0.47\x1b[39m');
      expect(s.raw).toContain('\x1b[31m0.30\x1b[39m');
      // The cursor starts on the block nearest the verdict line (block 2, 0.47).
      expect(screen).toMatch(/^>\s+2 ok/m);
      const at = await s.send('jjj', /^>\s+5 SPAM/m);
      expect(at).toMatch(/block 5: line 7 {2}score 0\.300 \(model: spam\)/);
      expect(at).toMatch(/^why: spam vocabulary: cheap flights, cheap hotels$/m);
      const clean = await s.send('k', /^>\s+4 ok/m);
      expect(clean).toMatch(/block 4: line 5 {2}score 0\.020 \(model: clean\)/);
      expect(clean).not.toMatch(/^why:/m);
      await s.send('q');
      expect(await s.exit()).toBe(0);
    } finally {
      s.kill();
    }
  });
});

describe.skipIf(!built)('seospam label: skips, unreadable pages, hang-up', () => {
  beforeAll(() => {
    if (!model) model = testModel(tmp).dir;
  });

  it('skips a page and an unreadable one, and counts them', async () => {
    const dir = join(tmp, 'skips');
    const [zh] = copyPages(join(tmp, 'skip-pages'), ['zh-keywords.html']);
    const empty = join(tmp, 'skip-pages', 'empty.html');
    writeFileSync(empty, '');
    const s = label(['--out', dir, zh, empty]);
    try {
      await s.waitFor(/page 1 of 2[\s\S]*zh-keywords\.html/);
      const bad = await s.send('n', /page 2 of 2/);
      expect(bad).toMatch(/cannot review this page: .*empty\.html: empty file/);
      await s.send('n', /All 2 pages done: 0 labeled, 2 skipped/);
      await s.send('q');
      expect(await s.exit()).toBe(0);
    } finally {
      s.kill();
    }
    const progress = JSON.parse(readFileSync(join(dir, '.seospam-label.json'), 'utf8')) as { skipped: string[]; position: number };
    expect(progress.skipped).toEqual([zh, empty]);
    expect(progress.position).toBe(2);
  });

  it('a hang-up keeps the unsaved marks of the page on screen', async () => {
    const dir = join(tmp, 'hangup');
    const [en] = copyPages(join(tmp, 'hangup-pages'), ['en-linkfarm.html']);
    const s = label(['--out', dir, en]);
    try {
      await s.waitFor(/page 1 of 1/);
      await s.send('A', /every block marked spam/);
      s.kill(); // SIGHUP, as when an SSH connection drops
      await s.exit();
    } finally {
      s.kill();
    }
    const progress = JSON.parse(readFileSync(join(dir, '.seospam-label.json'), 'utf8')) as { drafts: Record<string, { marks: boolean[] }> };
    expect(progress.drafts[en].marks).toEqual(new Array(10).fill(true));
  });
});
