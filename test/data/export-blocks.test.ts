import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportBlocks } from '../../src/cli/commands/export-blocks.js';
import { loadCorpus } from '../../src/data/index.js';
import { featureColumns } from '../../src/features/index.js';
import { fixtures } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'seospam-export-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const corpus = resolve(fixtures, 'corpus');

describe('export-blocks', () => {
  it('writes one row per block with the label, share and every feature column', async () => {
    const out = join(work, 'train.jsonl');
    const n = await exportBlocks(corpus, { split: 'train', out });
    const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const { pages } = await loadCorpus(corpus, { split: 'train' });
    expect(n).toBe(rows.length);
    expect(rows.length).toBe(pages.reduce((s, p) => s + p.parsed.page.blocks.length, 0));
    const cols = [...featureColumns()].sort();
    for (const r of rows) {
      expect(r.split).toBe('train');
      expect(Object.keys(r.features).sort()).toEqual(cols);
      expect(r.label).toBe(r.share >= 0.5 ? 1 : 0);
    }
    const kw = rows.find((r) => r.text.startsWith('佛山装修公司'));
    expect(kw).toMatchObject({ label: 1, share: 1, page: 'fx-zh-article', source: 'fixture', synthetic: false, lang: 'zh' });
    const half = rows.find((r) => r.text.startsWith('据园林部门介绍'));
    expect(half.share).toBe(0.5);
    expect(rows.some((r) => r.page === 'fx-en-clean')).toBe(false);
  });

  it('rejects a bad split with a one-line error', async () => {
    await expect(exportBlocks(corpus, { split: 'test' })).rejects.toThrow('--split must be train or dev, not test');
  });
});
