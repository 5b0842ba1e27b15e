import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/data/index.js';
import { loadSynthConfig, synthesize } from '../../src/data/synth/index.js';
import { fixtures } from './helpers.js';

const corpusDir = resolve(fixtures, 'synth-corpus');
const materialDir = resolve(fixtures, 'synth-material');
const work = mkdtempSync(join(tmpdir(), 'seospam-doorway-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Only doorway pages, so every page of the run exercises the shape.
const base = loadSynthConfig();
const config = { ...base, shapes: { doorway: 1 } };
const run = (name: string, seed: number): string =>
  synthesize({ out: join(work, name), corpusDir, materialDir, split: 'train', seed, pages: 16, config }).out;

const files = (dir: string): Array<{ file: string; html: string; record: Record<string, unknown> }> =>
  readFileSync(join(dir, 'labels.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { file: string })
    .map((record) => ({ file: record.file, html: readFileSync(join(dir, record.file), 'utf8'), record }));

describe('doorway shape', () => {
  const a = run('a', 5);
  const b = run('b', 5);
  const c = run('c', 6);

  it('is off in the default mix (it taught the model to flag prose) and the mix sums to 1', () => {
    expect(base.shapes.doorway).toBe(0);
    const total = Object.values(base.shapes).reduce((s, w) => s + (w ?? 0), 0);
    expect(total).toBeCloseTo(1, 1);
  });

  it('writes the same pages for a seed and other pages for another seed', () => {
    const fa = files(a);
    expect(fa.map((x) => x.html)).toEqual(files(b).map((x) => x.html));
    expect(fa.map((x) => x.html)).not.toEqual(files(c).map((x) => x.html));
    for (const x of fa) expect(x.file).toMatch(/^pages\/doorway\//);
  });

  it('stuffs the title and paragraphs with harvested material and labels them as spam blocks', async () => {
    const { pages, errors } = await loadCorpus(a);
    expect(errors).toEqual([]);
    expect(pages).toHaveLength(16);
    const byId = new Map(files(a).map((x) => [x.record.id as string, x.html]));
    for (const p of pages) {
      expect(p.record.source).toBe('synth-doorway');
      expect(p.record.kinds).toContain('doorway');
      const selectors = p.record.spam?.selectors ?? [];
      expect(selectors).toContain('title');
      expect(selectors.filter((s) => s.startsWith('#')).length).toBeGreaterThan(0);
      expect(p.isSpam.some(Boolean), p.record.file).toBe(true);
      // Navigation and footer of the base page stay clean.
      const html = byId.get(p.record.id)!;
      const nav = /<nav>[\s\S]*?<\/nav>/.exec(html)?.[0];
      if (nav) expect(nav).not.toMatch(/id="/);
    }
    const zh = pages.filter((p) => p.record.lang === 'zh');
    const en = pages.filter((p) => p.record.lang === 'en');
    expect(zh.length).toBeGreaterThan(0);
    expect(en.length).toBeGreaterThan(0);
    // Chinese doorways carry the fixture's harvested spam items; English ones its pharma anchors.
    expect(zh.some((p) => /网络公司|网站优化|装修公司/.test(byId.get(p.record.id)!))).toBe(true);
    expect(en.some((p) => /viagra|cialis/i.test(byId.get(p.record.id)!))).toBe(true);
  });

  it('varies the share of paragraphs rewritten across pages', () => {
    const shares = files(a).map(({ html }) => {
      const all = html.match(/<p[\s>]/g)?.length ?? 0;
      const stuffed = html.match(/<p id="/g)?.length ?? 0;
      return stuffed / Math.max(1, all);
    });
    expect(Math.max(...shares) - Math.min(...shares)).toBeGreaterThan(0.2);
  });
});
