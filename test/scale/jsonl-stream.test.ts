import { readFileSync } from 'node:fs';
import { PassThrough, Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { scoreJsonlStream } from '../../src/scale/jsonl-stream.js';
import { readLines } from '../../src/scale/line-reader.js';
import { LinkScorer } from './link-scorer.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/scale/${name}`, import.meta.url));

/** Runs the stream over the given input text and returns the parsed output lines. */
async function run(input: string | Buffer[], opts = {}): Promise<{ lines: Array<Record<string, unknown>>; summary: { pages: number; errors: number } }> {
  const out: string[] = [];
  const output = new Writable({
    write(chunk: Buffer, _enc, cb) {
      out.push(chunk.toString('utf8'));
      cb();
    },
  });
  const summary = await scoreJsonlStream(Readable.from(typeof input === 'string' ? [Buffer.from(input)] : input), output, new LinkScorer(), opts);
  const lines = out.join('').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { lines, summary };
}

describe('readLines', () => {
  it('splits across chunk borders, strips \\r and reports over-long lines without keeping them', async () => {
    const chunks = ['ab', 'c\r\nde', 'f\n', 'x'.repeat(50), '\n', '中文\n', 'tail'].map((s) => Buffer.from(s));
    const lines = [];
    for await (const line of readLines(Readable.from(chunks), 20)) lines.push(line);
    expect(lines).toEqual([
      { lineNo: 1, text: 'abc' },
      { lineNo: 2, text: 'def' },
      { lineNo: 3, tooLong: true, bytes: 50 },
      { lineNo: 4, text: '中文' },
      { lineNo: 5, text: 'tail' },
    ]);
  });

  it('keeps a multi-byte character split between chunks whole', async () => {
    const bytes = Buffer.from('春天的番茄\n');
    const chunks = [bytes.subarray(0, 4), bytes.subarray(4)];
    const lines = [];
    for await (const line of readLines(Readable.from(chunks), 100)) lines.push(line);
    expect(lines).toEqual([{ lineNo: 1, text: '春天的番茄' }]);
  });
});

describe('scoreJsonlStream', () => {
  it('scores html, text and base64 pages in order and carries each id', async () => {
    const gbk = fixture('zh-garden-linkfarm.gbk.html');
    const input = [
      JSON.stringify({ id: 'recipe', url: 'http://food.example/soup', html: fixture('en-recipe.html').toString('utf8') }),
      JSON.stringify({ id: 7, text: fixture('en-notes.txt').toString('utf8') }),
      JSON.stringify({ id: 'garden', contentType: 'text/html; charset=gbk', base64: gbk.toString('base64') }),
    ].join('\n') + '\n';
    const { lines, summary } = await run(input);
    expect(summary).toEqual({ pages: 3, errors: 0 });
    // Each id keeps its JSON type: the number 7 comes back as 7, not "7".
    expect(lines.map((l) => l.id)).toEqual(['recipe', 7, 'garden']);
    expect(lines[0]).toMatchObject({ file: 'recipe', url: 'http://food.example/soup', spam: false });
    expect(lines[2]).toMatchObject({ spam: true });
    // The charset in contentType reached the scorer: the GBK bytes decode to Chinese.
    expect((lines[2].blocks as Array<{ text: string }>)[0].text).toContain('春天的番茄苗');
  });

  it('rounds scores as every JSON output does, also for an id given as a number on a bad line', async () => {
    // Four links score 4/7 = 0.571428…, which the line must carry as 0.5714.
    const links = '<p>' + [1, 2, 3, 4].map((k) => `<a href="/x${k}">x${k}</a>`).join(' ') + '</p>';
    const { lines } = await run([JSON.stringify({ id: 2, html: links }), JSON.stringify({ id: 3 })].join('\n') + '\n');
    expect(lines[0]).toMatchObject({ id: 2, score: 0.5714, spamShare: 1 });
    expect((lines[0].blocks as Array<{ score: number }>)[0].score).toBe(0.5714);
    expect(lines[1]).toMatchObject({ id: 3, file: '3', line: 2 });
  });

  it('gives a bad JSON line an error result naming its line number, and goes on', async () => {
    const input = ['{"id":"a","html":"<p>one</p>"}', '', '{not json', '{"id":"b"}', '{"id":"c","text":"three"}'].join('\n');
    const { lines, summary } = await run(input);
    expect(summary).toEqual({ pages: 4, errors: 2 });
    expect(lines.map((l) => l.id ?? null)).toEqual(['a', null, 'b', 'c']);
    expect(lines[1]).toMatchObject({ line: 3, score: 0, blocks: [] });
    expect(lines[1].error).toMatch(/^line 3 is not JSON/);
    expect(lines[2]).toMatchObject({ line: 4 });
    expect(lines[2].error).toMatch(/line 4: give exactly one of "html", "text" or "base64"/);
    expect(lines[3].error).toBeUndefined();
  });

  it('gives an over-long line an error result and reads the next line whole', async () => {
    const big = JSON.stringify({ id: 'big', html: '<p>' + 'spam '.repeat(5000) + '</p>' });
    const input = [big, '{"id":"after","html":"<a href=x>1</a><a href=y>2</a><a href=z>3</a><a href=w>4</a>"}'].join('\n');
    const chunks = [];
    for (let i = 0; i < input.length; i += 1000) chunks.push(Buffer.from(input.slice(i, i + 1000)));
    const { lines, summary } = await run(chunks, { maxLineBytes: 4096 });
    expect(summary).toEqual({ pages: 2, errors: 1 });
    expect(lines[0].error).toMatch(/line 1 is \d+ bytes, over the 4096-byte limit/);
    expect(lines[1]).toMatchObject({ id: 'after', spam: true });
  });

  it('reads no faster than the output drains', async () => {
    const n = 400;
    const scorer = new LinkScorer();
    const input = new PassThrough();
    let written = 0;
    let maxAhead = 0;
    const output = new Writable({
      highWaterMark: 256,
      write(_chunk, _enc, cb) {
        written += 1;
        maxAhead = Math.max(maxAhead, scorer.calls - written);
        setTimeout(cb, 1);
      },
    });
    const done = scoreJsonlStream(input, output, scorer);
    const line = JSON.stringify({ id: 'p', html: '<p>' + 'word '.repeat(60) + '</p>' }) + '\n';
    for (let i = 0; i < n; i += 1) {
      if (!input.write(line)) await new Promise((r) => input.once('drain', r));
    }
    input.end();
    expect(await done).toEqual({ pages: n, errors: 0 });
    expect(written).toBe(n);
    // With a 256-byte output buffer each result line fills it, so scoring waits for the writer.
    expect(maxAhead).toBeLessThanOrEqual(2);
  });
});
