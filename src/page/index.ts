/** The page stage: any page (bytes or string, HTML or text) → text blocks. */
import { open, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { decodeBytes } from './decode.js';
import { resolveLimits } from './limits.js';
import { parseHtml } from './parse-html.js';
import { parseText } from './parse-text.js';
import { detectKind, looksBinaryBytes, looksBinaryText } from './sniff-kind.js';
import type { CharsetSource, Page, PageLimits, ParsedPage, ReadOptions } from './types.js';

export { DEFAULT_LIMITS, resolveLimits } from './limits.js';
export { decodeBytes, normalizeCharset, type Decoded, type DecodeOptions } from './decode.js';
export { detectKind } from './sniff-kind.js';
export type * from './types.js';

/**
 * Reads any page into blocks, with the parsed DOM and text spans; throws InputError only
 * for empty or binary input. A string input is taken as already decoded (charset
 * 'unicode', source 'given'); its limits and `bytes` count UTF-16 units.
 */
export function parsePage(input: Uint8Array | string, opts: ReadOptions = {}): ParsedPage {
  const file = opts.file ?? null;
  const limits = resolveLimits(opts.limits);
  const bytes = typeof input === 'string' ? input.length : input.length;
  if (bytes === 0) throw new InputError(file, 'empty file');
  const truncated: string[] = [];

  let text: string;
  let charset: string;
  let charsetSource: CharsetSource;
  if (typeof input === 'string') {
    if (looksBinaryText(input)) throw new InputError(file, 'binary content, not a text or HTML page', 'decode');
    text = input.length > limits.maxBytes ? input.slice(0, limits.maxBytes) : input;
    if (text.length < input.length) truncated.push('bytes');
    charset = 'unicode';
    charsetSource = 'given';
  } else {
    if (looksBinaryBytes(input)) throw new InputError(file, 'binary content, not a text or HTML page', 'decode');
    let data = input;
    if (data.length > limits.maxBytes) {
      data = data.subarray(0, limits.maxBytes);
      truncated.push('bytes');
    }
    const d = decodeBytes(data, { contentType: opts.contentType });
    text = d.text;
    // A cut multibyte character at the end decodes to U+FFFD: drop it.
    if (truncated.length && text.endsWith('\uFFFD')) text = text.replace(/\uFFFD+$/, '');
    charset = d.charset;
    charsetSource = d.source;
  }
  const kind = opts.kind ?? detectKind(text);
  const url = opts.url ?? null;
  if (kind === 'html') {
    const h = parseHtml(text, url, limits);
    const page: Page = {
      kind, file, url, charset, charsetSource,
      title: h.title, metaKeywords: h.metaKeywords, metaDescription: h.metaDescription, lang: h.lang,
      blocks: h.blocks, bytes, truncated: [...truncated, ...h.truncated],
    };
    return { page, document: h.document, spans: h.spans, source: text };
  }
  const t = parseText(text, url, limits.maxBlocks);
  const page: Page = {
    kind, file, url, charset, charsetSource,
    title: t.title, metaKeywords: '', metaDescription: '', lang: null,
    blocks: t.blocks, bytes, truncated: [...truncated, ...t.truncated],
  };
  return { page, document: null, spans: t.spans, source: text };
}

/** Reads any page into its Page (blocks and page-level fields). */
export function readPage(input: Uint8Array | string, opts: ReadOptions = {}): Page {
  return parsePage(input, opts).page;
}

function reasonFor(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENAMETOOLONG':
      return 'file name too long';
    case 'ENOTDIR':
      return 'no such file (a path component is not a directory)';
    default:
      return `cannot read (${code ?? (err instanceof Error ? err.message.split('\n')[0] : String(err))})`;
  }
}

/**
 * Reads a file, or stdin for `-`, up to `maxBytes + 1` bytes: one byte past the limit
 * is kept so parsePage can see the input was longer and mark it truncated.
 */
export async function readInput(path: string, limits?: Partial<PageLimits>): Promise<Uint8Array> {
  const cap = resolveLimits(limits).maxBytes + 1;
  if (path === '-') return readStream(process.stdin, cap);
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new InputError(path, 'is a directory');
    if (!st.isFile() && !st.isFIFO() && !st.isCharacterDevice()) throw new InputError(path, 'not a regular file');
    const fh = await open(path, 'r');
    try {
      const size = st.isFile() ? Math.min(st.size, cap) : cap;
      const buf = Buffer.allocUnsafe(size);
      let got = 0;
      while (got < size) {
        const { bytesRead } = await fh.read(buf, got, size - got, null);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return new Uint8Array(buf.buffer, buf.byteOffset, got);
    } finally {
      await fh.close();
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(path, reasonFor(err));
  }
}

async function readStream(stream: NodeJS.ReadableStream, cap: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let got = 0;
  try {
    for await (const chunk of stream) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      const take = Math.min(b.length, cap - got);
      chunks.push(take < b.length ? b.subarray(0, take) : b);
      got += take;
      if (got >= cap) break;
    }
  } catch (err) {
    throw new InputError('-', reasonFor(err));
  }
  return new Uint8Array(Buffer.concat(chunks, got));
}
