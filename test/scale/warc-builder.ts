/** Builds small WARC files from the scale fixtures with warcio's writer, for tests. */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { WARCRecord, WARCSerializer } from 'warcio';

export const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/scale/${name}`, import.meta.url));

export interface BuiltRecord {
  url: string;
  type: 'response' | 'request' | 'resource';
  httpHeaders: Record<string, string>;
  body: Uint8Array;
}

/** The records of the test crawl: three pages to score and three records to pass over. */
export function crawlRecords(): BuiltRecord[] {
  return [
    { url: 'http://food.example/soup', type: 'response', httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' }, body: fixture('en-recipe.html') },
    { url: 'http://food.example/soup', type: 'request', httpHeaders: { Accept: 'text/html' }, body: new Uint8Array() },
    { url: 'http://garden.example/tomato', type: 'response', httpHeaders: { 'Content-Type': 'text/html; charset=GBK', 'Content-Encoding': 'gzip' }, body: gzipSync(fixture('zh-garden-linkfarm.gbk.html')) },
    { url: 'http://garden.example/logo.png', type: 'response', httpHeaders: { 'Content-Type': 'image/png' }, body: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) },
    { url: 'http://library.example/notes.txt', type: 'response', httpHeaders: { 'Content-Type': 'text/plain' }, body: fixture('en-notes.txt') },
    { url: 'http://library.example/style.css', type: 'response', httpHeaders: { 'Content-Type': 'text/css' }, body: Buffer.from('p { color: red }') },
  ];
}

/** Serializes records (and a warcinfo record first) into one WARC; `gzip` compresses each record as its own member. */
export async function buildWarc(records: BuiltRecord[], gzip: boolean): Promise<{ bytes: Buffer; recordIds: string[] }> {
  const parts: Uint8Array[] = [];
  const info = WARCRecord.createWARCInfo({ filename: gzip ? 'test.warc.gz' : 'test.warc', warcVersion: 'WARC/1.1' }, { software: 'seospam tests' });
  parts.push(await WARCSerializer.serialize(info, { gzip }));
  const recordIds: string[] = [];
  for (const r of records) {
    const record = WARCRecord.create({ url: r.url, type: r.type, warcVersion: 'WARC/1.1', httpHeaders: r.httpHeaders }, [r.body]);
    recordIds.push(record.warcHeader('WARC-Record-ID') ?? '');
    parts.push(await WARCSerializer.serialize(record, { gzip }));
  }
  return { bytes: Buffer.concat(parts), recordIds };
}
