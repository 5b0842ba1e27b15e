import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { isWarcPath, readWarcPages, scoreWarc } from '../../src/scale/warc.js';
import type { WarcPageResult } from '../../src/scale/types.js';
import { LinkScorer } from './link-scorer.js';
import { buildWarc, crawlRecords, fixture } from './warc-builder.js';

const dir = mkdtempSync(join(tmpdir(), 'seospam-warc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(iter: AsyncIterable<WarcPageResult>): Promise<WarcPageResult[]> {
  const out = [];
  for await (const r of iter) out.push(r);
  return out;
}

describe('scoreWarc', () => {
  for (const [label, gzip, name] of [
    ['plain', false, 'crawl.warc'],
    ['gzip per record', true, 'crawl.warc.gz'],
  ] as const) {
    it(`scores the HTML and text responses of a ${label} WARC, keyed by URI and record id`, async () => {
      const { bytes, recordIds } = await buildWarc(crawlRecords(), gzip);
      const path = join(dir, name);
      writeFileSync(path, bytes);
      const scorer = new LinkScorer();
      const results = await collect(scoreWarc(path, scorer));
      expect(results.map((r) => r.url)).toEqual(['http://food.example/soup', 'http://garden.example/tomato', 'http://library.example/notes.txt']);
      expect(results.map((r) => r.recordId)).toEqual([recordIds[0], recordIds[2], recordIds[4]]);
      expect(results.every((r) => r.error === undefined)).toBe(true);
      // The HTTP Content-Type went to the scorer for the charset, and the gzip body was undone.
      expect(scorer.seen[1]).toMatchObject({ contentType: 'text/html; charset=GBK', kind: 'html', url: 'http://garden.example/tomato' });
      expect(results[1].blocks[0].text).toContain('三月底把番茄种子播在育苗盘里');
      expect(results[1].spam).toBe(true);
      expect(results[0].spam).toBe(false);
      expect(scorer.seen[2]).toMatchObject({ kind: 'text' });
      expect(results[2].blocks[0].text).toContain('The library opens at nine');
    });
  }

  it('reads a WARC gzipped as one whole stream', async () => {
    const { bytes } = await buildWarc(crawlRecords(), false);
    const results = await collect(scoreWarc(Readable.from([gzipSync(bytes)]), new LinkScorer()));
    expect(results).toHaveLength(3);
  });

  it('gives an over-large page an error result and goes on', async () => {
    const { bytes } = await buildWarc(crawlRecords(), true);
    const results = await collect(scoreWarc(Readable.from([bytes]), new LinkScorer(), { maxPageBytes: 550 }));
    const byUrl = Object.fromEntries(results.map((r) => [r.url, r]));
    expect(byUrl['http://garden.example/tomato'].error).toMatch(/over the 550-byte limit/);
    expect(byUrl['http://garden.example/tomato'].blocks).toEqual([]);
    expect(byUrl['http://library.example/notes.txt'].error).toBeUndefined();
  });

  for (const [label, gzip] of [
    ['plain', false],
    ['gzip per record', true],
  ] as const) {
    it(`gives a ${label} WARC cut inside its last page record an error result for that record`, async () => {
      // The last record is the notes page, so cut the crawl after it: the cut lands in its body.
      const records = crawlRecords().slice(0, 5);
      const { bytes } = await buildWarc(records, gzip);
      const cut = bytes.subarray(0, bytes.length - 120);
      const results = await collect(scoreWarc(Readable.from([cut]), new LinkScorer(), { name: 'cut.warc' }));
      expect(results.slice(0, 2).map((r) => r.error)).toEqual([undefined, undefined]);
      expect(results).toHaveLength(3);
      // warcinfo is record 1, so the notes page is record 6.
      expect(results[2].file).toBe('cut.warc#6');
      expect(results[2].error).toMatch(/^cut\.warc#6: damaged record: the file ends /);
      // Cut in its body, a plain record still names its URL; a gzip member cut gives out no header.
      if (!gzip) expect(results[2].error).toContain('(http://library.example/notes.txt)');
      expect(results[2].blocks).toEqual([]);
    });
  }

  it('reports a record whose Content-Length runs past the end of the file', async () => {
    const records = crawlRecords().slice(0, 2);
    const { bytes } = await buildWarc(records, false);
    const text = bytes.toString('latin1');
    // The request record (passed over, never scored) claims 1,000 bytes more than it has.
    const at = text.lastIndexOf('Content-Length: ');
    const end = text.indexOf('\r\n', at);
    const length = Number(text.slice(at + 16, end));
    const bad = Buffer.from(text.slice(0, at + 16) + String(length + 1000) + text.slice(end), 'latin1');
    const results = await collect(scoreWarc(Readable.from([bad]), new LinkScorer(), { name: 'long.warc' }));
    expect(results.map((r) => r.error ?? 'ok')).toEqual(['ok', expect.stringMatching(/^long\.warc#3: damaged record: the file ends \d+ bytes short of its Content-Length/)]);
  });

  it('ends on a record cut at the end of the file instead of skipping it for ever', async () => {
    // The last record is an image, passed over: warcio alone loops skipping its missing bytes.
    const { bytes } = await buildWarc(crawlRecords().slice(0, 4), false);
    const results = await collect(scoreWarc(Readable.from([bytes.subarray(0, bytes.length - 6)]), new LinkScorer(), { name: 'img.warc' }));
    expect(results.map((r) => r.error ?? 'ok')).toEqual(['ok', 'ok', expect.stringMatching(/^img\.warc#5: damaged record: the file ends 2 bytes short/)]);
  });

  it('reports a gzip WARC cut inside the gzip footer of its last record', async () => {
    const { bytes } = await buildWarc(crawlRecords().slice(0, 5), true);
    const results = await collect(scoreWarc(Readable.from([bytes.subarray(0, bytes.length - 4)]), new LinkScorer(), { name: 'foot.warc.gz' }));
    expect(results.at(-1)!.error).toMatch(/^foot\.warc\.gz#6: damaged record: the file ends inside a gzip member, after record 5/);
  });

  it('throws an InputError naming the file for something that is not a WARC', async () => {
    const path = join(dir, 'page.warc');
    writeFileSync(path, fixture('en-recipe.html'));
    await expect(collect(scoreWarc(path, new LinkScorer()))).rejects.toThrow(InputError);
    await expect(collect(scoreWarc(path, new LinkScorer()))).rejects.toThrow(/page\.warc: not a readable WARC file/);
  });

  it('throws an InputError for a missing file', async () => {
    const pages = readWarcPages(join(dir, 'missing.warc.gz'));
    await expect(pages.next()).rejects.toThrow(/missing\.warc\.gz: not a readable WARC file: .*ENOENT/);
  });
});

describe('isWarcPath', () => {
  it('knows .warc and .warc.gz', () => {
    expect(['a.warc', 'b.WARC.GZ', 'c.warc.gz'].map(isWarcPath)).toEqual([true, true, true]);
    expect(['a.html', 'b.gz', 'c.warc.zst', 'warc'].map(isWarcPath)).toEqual([false, false, false, false]);
  });
});
