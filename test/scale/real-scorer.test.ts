/**
 * The JSON Lines and WARC modes with the real scorer and the shipped model
 * (skipped until models/default exists; SEOSPAM_TEST_MODEL=DIR tries another model).
 */
import { existsSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { scoreJsonlStream } from '../../src/scale/jsonl-stream.js';
import type { IdResult, WarcPageResult } from '../../src/scale/types.js';
import { scoreWarc } from '../../src/scale/warc.js';
import type { Scorer } from '../../src/scorer/types.js';
import { buildWarc, crawlRecords, fixture } from './warc-builder.js';

const modelDir = process.env.SEOSPAM_TEST_MODEL ?? fileURLToPath(new URL('../../models/default', import.meta.url));
const hasModel = existsSync(join(modelDir, 'meta.json'));
if (!hasModel) console.warn(`test/scale/real-scorer: no model in ${modelDir}; skipped`);

describe.skipIf(!hasModel)('scale modes with the real scorer', () => {
  let scorer: Scorer;
  beforeAll(async () => {
    const { loadScorer } = await import('../../src/scorer/index.js');
    scorer = await loadScorer({ model: modelDir });
  });

  it('scores a JSON Lines stream: ids kept, GBK bytes decoded by the given charset, bad lines named', async () => {
    const input = [
      JSON.stringify({ id: 'recipe', url: 'http://food.example/soup', html: fixture('en-recipe.html').toString('utf8') }),
      JSON.stringify({ id: 'garden', contentType: 'text/html; charset=gbk', base64: fixture('zh-garden-linkfarm.gbk.html').toString('base64') }),
      '{"id": "broken"',
      JSON.stringify({ id: 'notes', text: fixture('en-notes.txt').toString('utf8') }),
    ].join('\n');
    const out: string[] = [];
    const output = new Writable({
      write(chunk: Buffer, _e, cb) {
        out.push(chunk.toString());
        cb();
      },
    });
    const summary = await scoreJsonlStream(Readable.from([Buffer.from(input)]), output, scorer);
    const lines = out.join('').trimEnd().split('\n').map((l) => JSON.parse(l) as IdResult);
    expect(summary).toEqual({ pages: 4, errors: 1 });
    expect(lines.map((l) => l.id ?? l.line)).toEqual(['recipe', 'garden', 3, 'notes']);
    expect(lines[1].blocks.map((b) => b.text).join(' ')).toContain('三月底把番茄种子播在育苗盘里');
    expect(lines[1].blocks.some((b) => b.selector?.includes('div'))).toBe(true);
    expect(lines[3].blocks[0].lines).toEqual([0, 0]);
    expect(lines[2].error).toMatch(/^line 3 is not JSON/);
  });

  it('scores the HTML and text records of a .warc.gz with their HTTP charset', async () => {
    const { bytes, recordIds } = await buildWarc(crawlRecords(), true);
    const results: WarcPageResult[] = [];
    for await (const r of scoreWarc(Readable.from([bytes]), scorer)) results.push(r);
    expect(results.map((r) => [r.url, r.recordId])).toEqual([
      ['http://food.example/soup', recordIds[0]],
      ['http://garden.example/tomato', recordIds[2]],
      ['http://library.example/notes.txt', recordIds[4]],
    ]);
    expect(results.every((r) => r.error === undefined)).toBe(true);
    expect(results[1].blocks.map((b) => b.text).join(' ')).toContain('幼苗长出四片真叶后再移栽到大盆');
    expect(results[2].blocks.every((b) => b.selector === null && b.lines !== null)).toBe(true);
  });
});
