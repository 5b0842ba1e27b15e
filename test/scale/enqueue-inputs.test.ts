import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isProblem, pagesFromInputs, type InputProblem } from '../../src/scale/enqueue-inputs.js';
import type { ScalePage } from '../../src/scale/types.js';
import { buildWarc, crawlRecords, fixture } from './warc-builder.js';

const dir = mkdtempSync(join(tmpdir(), 'seospam-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(paths: string[], max = 1 << 20): Promise<Array<ScalePage | InputProblem>> {
  const out = [];
  for await (const item of pagesFromInputs(paths, max)) out.push(item);
  return out;
}

describe('pagesFromInputs', () => {
  it('reads page files, WARC records and JSONL lines, in input order', async () => {
    const html = join(dir, 'recipe.html');
    writeFileSync(html, fixture('en-recipe.html'));
    const txt = join(dir, 'notes.txt');
    writeFileSync(txt, fixture('en-notes.txt'));
    const warc = join(dir, 'crawl.warc.gz');
    const { bytes, recordIds } = await buildWarc(crawlRecords(), true);
    writeFileSync(warc, bytes);
    const jsonl = join(dir, 'pages.jsonl');
    writeFileSync(jsonl, ['{"id":"zh-1","url":"http://zh.example/","html":"<p>春天的番茄苗</p>"}', '', '{"text":"no id here"}'].join('\n'));

    const items = await collect([html, txt, warc, jsonl]);
    expect(items.filter(isProblem)).toEqual([]);
    const pages = items as ScalePage[];
    expect(pages.map((p) => p.id)).toEqual([html, txt, recordIds[0], recordIds[2], recordIds[4], 'zh-1', `${jsonl}:3`]);
    expect(pages.map((p) => p.kind)).toEqual(['html', 'text', 'html', 'html', 'text', 'html', 'text']);
    expect(pages[3]).toMatchObject({ url: 'http://garden.example/tomato', contentType: 'text/html; charset=GBK' });
    expect(Buffer.from(pages[3].content as Uint8Array).equals(fixture('zh-garden-linkfarm.gbk.html'))).toBe(true);
    expect(pages[5]).toMatchObject({ url: 'http://zh.example/', content: '<p>春天的番茄苗</p>' });
  });

  it('names each input it cannot read, and goes on', async () => {
    const big = join(dir, 'big.html');
    writeFileSync(big, '<p>' + 'x'.repeat(2000) + '</p>');
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"id":"ok","text":"fine"}\n[1,2]\n{"id":"both","html":"a","text":"b"}\n{oops\n');
    const notWarc = join(dir, 'fake.warc');
    writeFileSync(notWarc, fixture('en-recipe.html'));
    const items = await collect([join(dir, 'missing.html'), big, bad, notWarc], 1000);
    const problems = items.filter(isProblem).map((p) => p.problem);
    expect(problems).toEqual([
      `${join(dir, 'missing.html')}: no such file`,
      `${big}: 2007 bytes is over the 1000-byte page limit`,
      `${bad}:2: expected a JSON object with "html", "text" or "base64"`,
      `${bad}:3: give exactly one of "html", "text" or "base64"`,
      expect.stringMatching(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4: not JSON: `)),
      expect.stringMatching(/fake\.warc: not a readable WARC file/),
    ]);
    expect(items.filter((i) => !isProblem(i)).map((p) => (p as ScalePage).id)).toEqual(['ok']);
  });
});
