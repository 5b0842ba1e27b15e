import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus, readLabels } from '../../src/data/index.js';
import { LabelError } from '../../src/errors.js';
import { fixtures } from './helpers.js';

const bad = resolve(fixtures, 'bad');
const good = resolve(fixtures, 'corpus');

describe('readLabels', () => {
  it('reads a good labels file with every documented field', () => {
    const { entries, errors } = readLabels(good);
    expect(errors).toEqual([]);
    expect(entries.map((e) => e.record.id)).toContain('fx-zh-notice');
    const en = entries.find((e) => e.record.id === 'fx-en-comments')!;
    expect(en.record.origin).toBe('hand-written');
    expect(en.record.group).toBe('fixture-forum');
    expect(en.line).toBe(2);
    expect(en.path).toBe(resolve(good, 'pages/en-comments.html'));
  });

  it('filters by split', () => {
    const { entries } = readLabels(good, { split: 'dev' });
    expect(entries.map((e) => e.record.id).sort()).toEqual(['fx-en-clean', 'fx-page-only', 'fx-zh-hijacked']);
  });

  it('names the file and line of each bad record when collecting', () => {
    const { entries, errors } = readLabels(bad, { onError: 'collect' });
    expect(entries.map((e) => e.record.id)).toEqual(['ok-1', 'sel-nothing', 'ok-2']);
    const byLine = new Map(errors.map((e) => [e.line, e.reason]));
    expect([...byLine.keys()]).toEqual([2, 3, 4, 5, 6, 7, 8, 10]);
    expect(byLine.get(2)).toMatch(/^bad JSON/);
    expect(byLine.get(3)).toBe('missing required field "split"');
    expect(byLine.get(4)).toBe('unknown field "score"');
    expect(byLine.get(5)).toMatch(/bad page label "dirty"/);
    expect(byLine.get(6)).toMatch(/bad split "test"/);
    expect(byLine.get(7)).toMatch(/nope\.html: no such file/);
    expect(byLine.get(8)).toMatch(/line range \[1, 5\] is outside .*3 lines/);
    expect(byLine.get(10)).toMatch(/selector "div\[class=" cannot be parsed/);
    for (const e of errors) {
      expect(e).toBeInstanceOf(LabelError);
      expect(e.file).toBe(`${resolve(bad, 'labels.jsonl')}:${e.line}`);
    }
  });

  it('throws the first bad line by default', () => {
    expect(() => readLabels(bad)).toThrow(/labels\.jsonl:2: bad JSON/);
  });

  it('gives a one-line error for a folder without labels', () => {
    expect(() => readLabels(resolve(fixtures, 'no-such-corpus'))).toThrow(/no labels\.jsonl/);
  });
});

describe('loadCorpus', () => {
  it('reports a selector that matches nothing, and keeps the good pages', async () => {
    const { pages, errors } = await loadCorpus(bad, { onError: 'collect' });
    expect(pages.map((p) => p.record.id)).toEqual(['ok-1', 'ok-2']);
    const nothing = errors.find((e) => e.line === 9);
    expect(nothing?.reason).toMatch(/selector "div#no-such-block" matches nothing/);
    expect(errors).toHaveLength(9);
  });

  it('throws on the first bad line by default', async () => {
    await expect(loadCorpus(bad)).rejects.toThrow(LabelError);
  });

  it('loads a good corpus, keeping pages with only a page label', async () => {
    const { pages, errors } = await loadCorpus(good);
    expect(errors).toEqual([]);
    expect(pages).toHaveLength(7);
    const pageOnly = pages.find((p) => p.record.id === 'fx-page-only')!;
    expect(pageOnly.record.page).toBe('spam');
    expect(pageOnly.isSpam.every((s) => !s)).toBe(true);
    expect(pageOnly.synthetic).toBe(false);
  });
});
