/** The page stage: any page (bytes or string, HTML or text) → text blocks. */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { joinHtmlHeadTail, joinTextHeadTail } from './cut.js';
import { decodeAs, decodeBytes } from './decode.js';
import { Deadline, headTailSizes, resolveLimits } from './limits.js';
import { parseHtml } from './parse-html.js';
import { parseText } from './parse-text.js';
import { detectKind, looksBinaryBytes, looksBinaryText } from './sniff-kind.js';
import type { CharsetSource, Page, PageLimits, ParsedPage, ReadOptions } from './types.js';

export { DEFAULT_LIMITS, Deadline, headTailSizes, resolveLimits } from './limits.js';
export { decodeBytes, normalizeCharset, type Decoded, type DecodeOptions } from './decode.js';
export { detectKind } from './sniff-kind.js';
export type * from './types.js';

/**
 * Reads any page into blocks, with the parsed DOM and text spans; throws InputError only
 * for empty or binary input, or past the page's time budget (limits.maxSeconds). A string
 * input is taken as already decoded (charset 'unicode', source 'given'); its limits and
 * `bytes` count UTF-16 units. An input longer than maxBytes is read as its first and last
 * halves (headTailSizes), joined where markup allows (cut.ts), and marked truncated 'bytes'.
 */
export function parsePage(input: Uint8Array | string, opts: ReadOptions = {}): ParsedPage {
  const file = opts.file ?? null;
  const limits = resolveLimits(opts.limits);
  const deadline = opts.deadline ?? new Deadline(limits.maxSeconds, file);
  const bytes = typeof input === 'string' ? input.length : input.length;
  if (bytes === 0) throw new InputError(file, 'empty file');
  const cut = bytes > limits.maxBytes;
  const { head, tail } = headTailSizes(limits.maxBytes);
  const truncated: string[] = cut ? ['bytes'] : [];

  let text: string;
  let tailText = '';
  let charset: string;
  let charsetSource: CharsetSource;
  if (typeof input === 'string') {
    if (looksBinaryText(input)) throw new InputError(file, 'binary content, not a text or HTML page', 'decode');
    text = cut ? input.slice(0, head) : input;
    if (cut) tailText = input.slice(bytes - tail);
    charset = 'unicode';
    charsetSource = 'given';
  } else {
    if (looksBinaryBytes(input)) throw new InputError(file, 'binary content, not a text or HTML page', 'decode');
    const d = decodeBytes(cut ? input.subarray(0, head) : input, { contentType: opts.contentType });
    text = d.text;
    charset = d.charset;
    charsetSource = d.source;
    if (cut) {
      // The tail in the head's charset; UTF-16 code units start at even offsets.
      let from = bytes - tail;
      if (charset.startsWith('utf-16') && from % 2 === 1) from++;
      tailText = decodeAs(input.subarray(from), charset);
    }
  }
  const kind = opts.kind ?? detectKind(text);
  if (cut) text = kind === 'html' ? joinHtmlHeadTail(text, tailText) : joinTextHeadTail(text, tailText);
  deadline.check();
  const url = opts.url ?? null;
  if (kind === 'html') {
    const h = parseHtml(text, url, limits, deadline);
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
 * Reads a file, or stdin for `-`, within maxBytes + 1 bytes: a longer input comes back as
 * its first half and one byte more, then its last half (headTailSizes). One byte past the
 * limit lets parsePage see the input was longer, and it then reads the same two halves.
 */
export async function readInput(path: string, limits?: Partial<PageLimits>): Promise<Uint8Array> {
  const maxBytes = resolveLimits(limits).maxBytes;
  if (path === '-') return readStream(process.stdin, maxBytes);
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new InputError(path, 'is a directory');
    if (!st.isFile() && !st.isFIFO() && !st.isCharacterDevice()) throw new InputError(path, 'not a regular file');
    const fh = await open(path, 'r');
    try {
      if (st.isFile() && st.size > maxBytes) {
        const { head, tail } = headTailSizes(maxBytes);
        const buf = Buffer.allocUnsafe(head + 1 + tail);
        const got = await readAt(fh, buf, 0, head + 1, 0);
        const gotTail = await readAt(fh, buf, got, tail, st.size - tail);
        return new Uint8Array(buf.buffer, buf.byteOffset, got + gotTail);
      }
      const size = st.isFile() ? st.size : maxBytes + 1;
      const buf = Buffer.allocUnsafe(size);
      const got = await readAt(fh, buf, 0, size, null);
      return new Uint8Array(buf.buffer, buf.byteOffset, got);
    } finally {
      await fh.close();
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(path, reasonFor(err));
  }
}

/** Reads up to `length` bytes into `buf` at `offset`, from file position `position` (null: the current one); returns the count read. */
async function readAt(fh: FileHandle, buf: Buffer, offset: number, length: number, position: number | null): Promise<number> {
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, offset + got, length - got, position === null ? null : position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}

/** As readInput for a stream: keeps the first half and one byte, and a window of the last half. */
async function readStream(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Uint8Array> {
  const { head, tail } = headTailSizes(maxBytes);
  const first: Buffer[] = [];
  let firstLen = 0;
  // The bytes after the head, oldest first; trimmed to the last `tail` bytes once past the limit.
  let rest: Buffer[] = [];
  let restLen = 0;
  try {
    for await (const chunk of stream) {
      let b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      if (firstLen <= head) {
        const take = Math.min(b.length, head + 1 - firstLen);
        first.push(b.subarray(0, take));
        firstLen += take;
        b = b.subarray(take);
      }
      if (b.length === 0) continue;
      rest.push(b);
      restLen += b.length;
      if (restLen > 2 * tail) {
        const all = Buffer.concat(rest, restLen);
        rest = [all.subarray(all.length - tail)];
        restLen = tail;
      }
    }
  } catch (err) {
    throw new InputError('-', reasonFor(err));
  }
  const total = firstLen + restLen;
  if (total <= maxBytes) return new Uint8Array(Buffer.concat([...first, ...rest], total));
  const last = Buffer.concat(rest, restLen);
  const keep = last.subarray(Math.max(0, last.length - tail));
  return new Uint8Array(Buffer.concat([...first, keep], firstLen + keep.length));
}
