/**
 * URL inputs of `score`, `blocks` and `features`: an http(s) page fetched as a crawler
 * would, following redirects, within a time limit and the page byte limit, with the
 * Content-Type header kept for the charset. Every failure is an InputError naming the URL.
 */
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import { InputError } from '../errors.js';
import { packageVersion } from './version.js';

/** Redirects followed before giving up (browsers allow 20; a page needing more is a loop in practice). */
export const MAX_REDIRECTS = 5;
/** Seconds a URL may take, from connecting to its last byte. */
export const DEFAULT_TIMEOUT_SECONDS = 20;

export interface FetchOptions {
  /** Bytes kept: the page is cut there, as a file is (the limit plus one, so the cut is seen). */
  maxBytes: number;
  timeoutSeconds?: number;
}

export interface FetchedPage {
  bytes: Uint8Array;
  /** The URL the page came from after redirects (resolves its links). */
  url: string;
  /** The response's Content-Type header, for the charset. */
  contentType?: string;
  /** HTML or text when the Content-Type says so; else decided by content. */
  kind?: 'html' | 'text';
}

let agent: string | null = null;
function userAgent(): string {
  agent ??= `seospam/${packageVersion()}`;
  return agent;
}

/** Whether an input name is an http or https URL rather than a path. */
export function isUrl(name: string): boolean {
  return /^https?:\/\//i.test(name);
}

/** The page kind a Content-Type names, when it names one. */
function kindOfContentType(ct: string | undefined): 'html' | 'text' | undefined {
  const mime = ct?.split(';')[0]?.trim().toLowerCase();
  if (mime === 'text/plain') return 'text';
  if (mime === 'text/html' || mime === 'application/xhtml+xml') return 'html';
  return undefined;
}

/** A network error in words. */
function networkReason(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset';
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `TLS certificate not trusted (${err.code})`;
    default:
      return `cannot fetch (${err.code ?? err.message.split('\n')[0]})`;
  }
}

/** One request; resolves to the response or rejects with an InputError. */
function request(url: URL, name: string, signal: AbortSignal): Promise<http.IncomingMessage> {
  const get = url.protocol === 'https:' ? https.get : http.get;
  return new Promise((resolve, reject) => {
    const req = get(
      url,
      { signal, headers: { 'user-agent': userAgent(), accept: 'text/html, text/plain;q=0.9, */*;q=0.5', 'accept-encoding': 'gzip, deflate, br' } },
      resolve,
    );
    req.on('error', (err: NodeJS.ErrnoException) => reject(signal.aborted ? timeoutError(name, signal) : new InputError(name, networkReason(err))));
  });
}

function timeoutError(name: string, signal: AbortSignal): InputError {
  const seconds = (signal as AbortSignal & { seconds?: number }).seconds;
  return new InputError(name, `no answer within ${seconds ?? DEFAULT_TIMEOUT_SECONDS} s`);
}

/** The body, decompressed, cut at `cap` bytes. */
async function readBody(res: http.IncomingMessage, cap: number, name: string, signal: AbortSignal): Promise<Uint8Array> {
  const encoding = String(res.headers['content-encoding'] ?? 'identity').toLowerCase();
  const stream: NodeJS.ReadableStream =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? res.pipe(zlib.createGunzip())
      : encoding === 'deflate'
        ? res.pipe(zlib.createInflate())
        : encoding === 'br'
          ? res.pipe(zlib.createBrotliDecompress())
          : res;
  const chunks: Buffer[] = [];
  let got = 0;
  try {
    for await (const chunk of stream) {
      const b = chunk as Buffer;
      const take = Math.min(b.length, cap - got);
      chunks.push(take < b.length ? b.subarray(0, take) : b);
      got += take;
      if (got >= cap) break;
    }
  } catch (err) {
    if (signal.aborted) throw timeoutError(name, signal);
    const e = err as NodeJS.ErrnoException;
    throw new InputError(name, e.code?.startsWith('Z_') ? `the ${encoding} body does not decompress` : networkReason(e));
  } finally {
    res.destroy();
  }
  return new Uint8Array(Buffer.concat(chunks, got));
}

/**
 * Fetches an http(s) page: redirects followed (at most MAX_REDIRECTS, to http(s) only),
 * a 2xx answer required, the body cut at `maxBytes + 1`. Throws InputError(url, reason).
 */
export async function fetchPage(name: string, opts: FetchOptions): Promise<FetchedPage> {
  let url: URL;
  try {
    url = new URL(name);
  } catch {
    throw new InputError(name, 'not a valid URL');
  }
  const seconds = opts.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), seconds * 1000);
  Object.assign(controller.signal, { seconds });
  try {
    for (let hops = 0; ; hops++) {
      const res = await request(url, name, controller.signal);
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (hops >= MAX_REDIRECTS) throw new InputError(name, `more than ${MAX_REDIRECTS} redirects`);
        let next: URL;
        try {
          next = new URL(res.headers.location, url);
        } catch {
          throw new InputError(name, `redirect to an invalid URL (${res.headers.location})`);
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new InputError(name, `redirect to a non-http URL (${next.protocol})`);
        url = next;
        continue;
      }
      if (status < 200 || status >= 300) {
        res.resume();
        throw new InputError(name, `HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}${url.href !== name ? ` (at ${url.href})` : ''}`);
      }
      const contentType = res.headers['content-type'];
      const bytes = await readBody(res, opts.maxBytes + 1, name, controller.signal);
      return { bytes, url: url.href, ...(contentType ? { contentType } : {}), ...(kindOfContentType(contentType) ? { kind: kindOfContentType(contentType) } : {}) };
    }
  } finally {
    clearTimeout(timer);
  }
}
