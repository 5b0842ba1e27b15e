/**
 * WARC input: reads WARC and gzip-compressed WARC files with warcio, keeps the
 * `response` records whose HTTP Content-Type is HTML or plain text, and scores them.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { WARCParser, type WARCRecord } from 'warcio';
import { describeError, InputError } from '../errors.js';
import { errorResult } from './error-result.js';
import { DEFAULT_MAX_PAGE_BYTES } from './limits.js';
import type { PageScorer, WarcPageResult } from './types.js';

/** One HTML or text page found in a WARC file. */
export interface WarcPage {
  url: string | null;
  recordId: string | null;
  /** The HTTP Content-Type header, as sent. */
  contentType: string;
  kind: 'html' | 'text';
  /** The HTTP body, transfer- and content-encoding undone. */
  content: Uint8Array;
}

/** A page record that was skipped because it could not be read (too large, bad encoding). */
export interface WarcProblem {
  url: string | null;
  recordId: string | null;
  error: string;
}

export interface WarcOptions {
  /** Name of the input in error messages (default: the path, or "warc"). */
  name?: string;
  /** Records with a larger HTTP body give a problem instead of a page (default 4 MiB). */
  maxPageBytes?: number;
}

/** True for names ending in .warc or .warc.gz (any case). */
export function isWarcPath(path: string): boolean {
  return /\.warc(\.gz)?$/i.test(path);
}

/** 'html' or 'text' for a page Content-Type, null for anything else (images, scripts, …). */
export function pageKindOf(contentType: string): 'html' | 'text' | null {
  const mime = contentType.split(';')[0].trim().toLowerCase();
  if (mime === 'text/html' || mime === 'application/xhtml+xml') return 'html';
  if (mime === 'text/plain') return 'text';
  return null;
}

function isProblem(item: WarcPage | WarcProblem): item is WarcProblem {
  return 'error' in item;
}

async function pageOfRecord(record: WARCRecord, maxPageBytes: number): Promise<WarcPage | WarcProblem | null> {
  if (record.warcType !== 'response') return null;
  const contentType = record.httpHeaders?.headers.get('content-type') ?? null;
  const kind = contentType ? pageKindOf(contentType) : null;
  if (!contentType || !kind) return null;
  const url = record.warcTargetURI ?? null;
  const recordId = record.warcHeader('WARC-Record-ID') ?? null;
  if (record.warcContentLength > maxPageBytes * 2) {
    await record.skipFully();
    return { url, recordId, error: `record of ${record.warcContentLength} bytes is over the ${maxPageBytes}-byte page limit` };
  }
  let content: Uint8Array;
  try {
    content = await record.readFully(true);
  } catch (err) {
    return { url, recordId, error: `body could not be decoded: ${describeError(err)}` };
  }
  if (content.byteLength > maxPageBytes) {
    return { url, recordId, error: `page of ${content.byteLength} bytes is over the ${maxPageBytes}-byte limit` };
  }
  return { url, recordId, contentType, kind, content };
}

/** Yields each HTML or text response record of a WARC (.warc or .warc.gz; path or stream); throws InputError if the file is not a WARC. */
export async function* readWarcPages(source: string | Readable, opts: WarcOptions = {}): AsyncGenerator<WarcPage | WarcProblem> {
  const name = opts.name ?? (typeof source === 'string' ? source : 'warc');
  const maxPageBytes = opts.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES;
  const stream = typeof source === 'string' ? createReadStream(source) : source;
  let records = 0;
  try {
    const parser = new WARCParser(stream);
    for await (const record of parser) {
      records += 1;
      if (!record.warcType || !(record.warcHeaders.statusline ?? '').startsWith('WARC/')) {
        throw new Error(`record ${records} has no WARC header`);
      }
      const item = await pageOfRecord(record, maxPageBytes);
      if (item) yield item;
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const where = records > 0 ? ` (after ${records - 1} good records)` : '';
    throw new InputError(name, `not a readable WARC file${where}: ${describeError(err)}`, 'parse');
  } finally {
    if (typeof source === 'string') stream.destroy();
  }
}

/** Scores each HTML or text response record of a WARC; results are keyed by WARC-Target-URI and WARC-Record-ID. */
export async function* scoreWarc(source: string | Readable, scorer: PageScorer, opts: WarcOptions = {}): AsyncGenerator<WarcPageResult> {
  for await (const item of readWarcPages(source, opts)) {
    const file = item.url ?? item.recordId;
    if (isProblem(item)) {
      yield { ...errorResult(file, item.error), url: item.url, recordId: item.recordId };
      continue;
    }
    let result;
    try {
      result = scorer.score(item.content, { ...(file ? { file } : {}), ...(item.url ? { url: item.url } : {}), contentType: item.contentType, kind: item.kind });
    } catch (err) {
      result = errorResult(file, describeError(err, file ?? undefined));
    }
    yield { ...result, url: item.url, recordId: item.recordId };
  }
}
