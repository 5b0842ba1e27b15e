import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseResultLine, readResultLines, type ResultLine } from '../../src/report/jsonl.js';
import { FIXTURES } from './load-fixtures.js';

async function collect(file: string): Promise<ResultLine[]> {
  const out: ResultLine[] = [];
  for await (const l of readResultLines(file)) out.push(l);
  return out;
}

describe('readResultLines', () => {
  it('yields pages and names each bad line by file and line number', async () => {
    const file = path.join(FIXTURES, 'bad-lines.jsonl');
    const lines = await collect(file);
    expect(lines.map((l) => [l.kind, l.line])).toEqual([
      ['page', 1],
      ['bad', 2],
      ['bad', 4],
      ['bad', 5],
      ['page', 6],
    ]);
    const messages = lines.flatMap((l) => (l.kind === 'bad' ? [l.error.message] : []));
    expect(messages[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: not JSON`));
    expect(messages[1]).toBe(`${file}:4: not a page result: score is not a number`);
    expect(messages[2]).toBe(`${file}:5: not a page result: blocks[0].spam is not true or false`);
    for (const l of lines) if (l.kind === 'bad') expect(l.error).toBeInstanceOf(InputError);
  });

  it('reads the scorer-info line apart from pages', async () => {
    const lines = await collect(path.join(FIXTURES, 'batch.jsonl'));
    expect(lines[0]).toEqual({
      kind: 'info',
      line: 1,
      info: { model: 'seospam-blocks', modelVersion: '2024.06.1', featureSetVersion: 'fs-3', threshold: 0.62, backend: 'node' },
    });
    expect(lines.slice(1).every((l) => l.kind === 'page')).toBe(true);
  });

  it('throws a typed error for a missing file', async () => {
    await expect(collect(path.join(FIXTURES, 'no-such.jsonl'))).rejects.toThrow(/no-such\.jsonl: no such file/);
  });
});

describe('parseResultLine', () => {
  it('fills defaults of an error line without blocks', () => {
    const r = parseResultLine('{"file":"a.html","score":0,"spam":false,"error":"cannot read"}', 'x.jsonl', 3);
    expect(r).toEqual({
      kind: 'page',
      line: 3,
      result: { file: 'a.html', url: null, score: 0, spam: false, spamShare: 0, lang: null, blocks: [], error: 'cannot read' },
    });
  });
  it('skips blank lines and rejects non-objects', () => {
    expect(parseResultLine('   ', 'x.jsonl', 1)).toBeNull();
    const r = parseResultLine('[1,2]', 'x.jsonl', 2);
    expect(r?.kind === 'bad' && r.error.message).toBe('x.jsonl:2: not a page result: not a JSON object');
  });
});
