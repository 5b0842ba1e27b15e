/**
 * WARC input: reads WARC and gzip-compressed WARC files with warcio, keeps the
 * `response` records whose HTTP Content-Type is HTML or plain text, and scores them.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { LimitReader, WARCParser, type WARCRecord } from 'warcio';
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

/** A record that could not be read (damaged, too large, bad encoding): reported, never skipped silently. */
export interface WarcProblem {
  url: string | null;
  recordId: string | null;
  /** The record's place in the file, from 1 (every record counts, scored or not). */
  record: number;
  /** Why, without the file name. */
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

/**
 * Reads what is left of a record's raw bytes and returns how many of its Content-Length
 * were missing (0 for a whole record). warcio itself would deliver a cut record short
 * without a word, or loop for ever skipping one at the end of the file.
 */
async function drainRecord(record: WARCRecord): Promise<number> {
  const raw = record._reader;
  if (!(raw instanceof LimitReader)) return 0;
  for await (const chunk of raw) void chunk;
  // Marked consumed, so that the parser does not try to skip the missing bytes again.
  record.consumed ||= 'skipped';
  return Math.max(0, raw.limit);
}

type RecordItem = WarcPage | Omit<WarcProblem, 'record'>;

async function pageOfRecord(record: WARCRecord, maxPageBytes: number): Promise<RecordItem | null> {
  const url = record.warcTargetURI ?? null;
  const recordId = record.warcHeader('WARC-Record-ID') ?? null;
  if (record.warcHeader('Content-Length') === undefined || record.warcHeader('Content-Length') === null) {
    return { url, recordId, error: 'damaged record: its WARC header has no Content-Length' };
  }
  const contentType = record.warcType === 'response' ? (record.httpHeaders?.headers.get('content-type') ?? null) : null;
  const kind = contentType ? pageKindOf(contentType) : null;
  let item: RecordItem | null = null;
  if (!contentType || !kind) {
    // Passed over (not a page), but still read through, so that damage to it is seen.
  } else if (record.warcContentLength > maxPageBytes * 2) {
    item = { url, recordId, error: `record of ${record.warcContentLength} bytes is over the ${maxPageBytes}-byte page limit` };
  } else {
    try {
      const content = await record.readFully(true);
      item =
        content.byteLength > maxPageBytes
          ? { url, recordId, error: `page of ${content.byteLength} bytes is over the ${maxPageBytes}-byte limit` }
          : { url, recordId, contentType, kind, content };
    } catch (err) {
      item = { url, recordId, error: `body could not be decoded: ${describeError(err)}` };
    }
  }
  const missing = await drainRecord(record);
  if (missing > 0) {
    const length = record.warcContentLength;
    return { url, recordId, error: `damaged record: the file ends ${missing} bytes short of its Content-Length ${length} (truncated, or a wrong length)` };
  }
  return item;
}

/** True when a gzip-compressed reader stopped inside a member (the file was cut in a member's footer). */
function endsInsideGzipMember(parser: WARCParser): boolean {
  const reader = parser._reader;
  return reader.compressed !== null && reader.inflator !== null && !reader.inflator.ended;
}

/**
 * Yields each HTML or text response record of a WARC (.warc or .warc.gz; path or stream),
 * and a problem for each damaged or unreadable record; throws InputError if the file is not a WARC.
 */
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
      if (item && 'error' in item) yield { ...item, record: records };
      else if (item) yield item;
    }
    if (endsInsideGzipMember(parser)) {
      if (records === 0) throw new Error('the file ends inside its first gzip member');
      // Its record (or the gzip footer of record `records`) was cut before a whole header came out.
      yield { url: null, recordId: null, record: records + 1, error: `damaged record: the file ends inside a gzip member, after record ${records} (truncated)` };
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    // Past the first record it is a WARC, damaged here: the records before stand, this one is an error.
    if (records > 1) {
      yield { url: null, recordId: null, record: records, error: `damaged record, the rest of the file is unreadable: ${describeError(err)}` };
      return;
    }
    throw new InputError(name, `not a readable WARC file: ${describeError(err)}`, 'parse');
  } finally {
    if (typeof source === 'string') stream.destroy();
  }
}

/** Scores each HTML or text response record of a WARC; results are keyed by WARC-Target-URI and WARC-Record-ID. */
export async function* scoreWarc(source: string | Readable, scorer: PageScorer, opts: WarcOptions = {}): AsyncGenerator<WarcPageResult> {
  const name = opts.name ?? (typeof source === 'string' ? source : 'warc');
  for await (const item of readWarcPages(source, { ...opts, name })) {
    if (isProblem(item)) {
      // Named by its place in the file: a damaged record may have no readable URI.
      const where = `${name}#${item.record}`;
      yield { ...errorResult(where, `${where}: ${item.error}${item.url ? ` (${item.url})` : ''}`), url: item.url, recordId: item.recordId };
      continue;
    }
    const file = item.url ?? item.recordId;
    let result;
    try {
      result = scorer.score(item.content, { ...(file ? { file } : {}), ...(item.url ? { url: item.url } : {}), contentType: item.contentType, kind: item.kind });
    } catch (err) {
      result = errorResult(file, describeError(err, file ?? undefined));
    }
    yield { ...result, url: item.url, recordId: item.recordId };
  }
}
