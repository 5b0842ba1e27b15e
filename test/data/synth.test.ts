import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/data/index.js';
import { harvestMaterial, loadSynthConfig, Rng, synthesize } from '../../src/data/synth/index.js';
import { ZH_CITIES, ZH_PROVINCES } from '../../src/features/data/zh-places.js';
import { fixtures, hasShared, sharedCorpus, sharedMaterial } from './helpers.js';

const corpusDir = resolve(fixtures, 'synth-corpus');
const materialDir = resolve(fixtures, 'synth-material');
const work = mkdtempSync(join(tmpdir(), 'seospam-synth-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function digest(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(p.slice(dir.length)).update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

const run = (name: string, seed: number, pages = 40): string =>
  synthesize({ out: join(work, name), corpusDir, materialDir, split: 'train', seed, pages }).out;

describe('Rng', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('synthesize', () => {
  const first = run('a', 11);
  const again = run('b', 11);
  const other = run('c', 12);

  it('writes the same bytes for the same seed, other bytes for another', () => {
    expect(digest(first)).toBe(digest(again));
    expect(digest(first)).not.toBe(digest(other));
  });

  it('writes labels that load and map onto at least one spam block per spam page', async () => {
    const { pages, errors } = await loadCorpus(first);
    expect(errors).toEqual([]);
    expect(pages).toHaveLength(40);
    for (const p of pages) {
      expect(p.synthetic).toBe(true);
      expect(p.record.source).toMatch(/^synth-/);
      expect(p.record.split).toBe('train');
      if (p.record.page === 'clean') expect(p.isSpam.some(Boolean)).toBe(false);
      else expect(p.isSpam.some(Boolean), `${p.record.id} ${p.record.file}`).toBe(true);
    }
    const shapes = new Set(pages.map((p) => p.record.source));
    expect(shapes.size).toBeGreaterThanOrEqual(5);
  });

  it('labels the links of a link farm, not the heading above them (as the corpus labels real ones)', async () => {
    const out = run('farms', 5, 80);
    const { pages } = await loadCorpus(out);
    const farms = pages.filter((p) => p.record.source === 'synth-link-farm');
    expect(farms.length).toBeGreaterThan(0);
    const headings = new Set(['友情链接', '友情链接：', '合作伙伴', '热门搜索', 'Blogroll', 'Partners', 'Related links', 'Sponsored']);
    let seen = 0;
    for (const p of farms) {
      p.parsed.page.blocks.forEach((b, i) => {
        if (!headings.has(b.text.trim()) || (b.tag !== 'h3' && b.tag !== 'span')) return; // a heading, not an anchor of that text
        seen++;
        expect(p.isSpam[i], `${p.record.file}: heading "${b.text}"`).toBe(false);
      });
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('writes UTF-8 pages that declare UTF-8', () => {
    const labels = readFileSync(join(first, 'labels.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { file: string });
    for (const { file } of labels) {
      const bytes = readFileSync(join(first, file));
      expect(isUtf8(bytes)).toBe(true);
      expect(bytes.toString('utf8')).not.toMatch(/charset=["']?(gb2312|gbk|iso-8859-1)/i);
    }
  });

  it('replaces its own earlier output but refuses a folder it did not write', () => {
    expect(() => run('a', 11)).not.toThrow();
    expect(() => synthesize({ out: corpusDir, corpusDir: materialDir, materialDir, split: 'train', seed: 1, pages: 2 })).toThrow();
  });
});

describe('harvestMaterial', () => {
  it('takes every brand, place and keyword from the real files or the place lexicon, inventing none', () => {
    const m = harvestMaterial({ corpusDir, materialDir, split: 'train' });
    const sources = [corpusDir, materialDir]
      .flatMap((d) => readdirSync(d, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)))
      .map((p) => new TextDecoder(p.includes('zh-clean1') ? 'gb18030' : 'utf-8').decode(readFileSync(p)))
      .join('\n');
    expect(m.gamblingBrands).toContain('JOKER777');
    expect(m.places.length).toBeGreaterThan(0);
    for (const w of [...m.gamblingBrands, ...m.zhKeywords, ...m.zhPhrases, ...m.enAnchors]) expect(sources).toContain(w);
    const lexicon = new Set([...ZH_PROVINCES, ...ZH_CITIES]);
    for (const w of m.places) if (!lexicon.has(w)) expect(sources).toContain(w);
    expect(m.places).toContain('宜宾');
    expect(m.cleanPages.map((p) => p.entry.record.id)).toContain('s-zh-clean1');
    expect(m.spiderTemplates).toHaveLength(2);
  });
});

describe.skipIf(!hasShared)('synthesis from the shared corpus and material', () => {
  it('builds a dev-split set whose pages load and carry spam blocks', async () => {
    const out = synthesize({ out: join(work, 'shared-dev'), corpusDir: sharedCorpus, materialDir: sharedMaterial, split: 'dev', seed: 3, pages: 30 }).out;
    const { pages, errors } = await loadCorpus(out);
    expect(errors).toEqual([]);
    for (const p of pages) {
      expect(p.record.split).toBe('dev');
      if (p.record.page !== 'clean') expect(p.isSpam.some(Boolean), p.record.file).toBe(true);
    }
  });
});
