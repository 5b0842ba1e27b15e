/**
 * Bytes → string. The charset is taken from, in order: a byte-order mark, the HTTP
 * Content-Type header, a `<meta>` declaration in the first KB of the page, statistical
 * sniffing (chardet) on a bounded sample, and finally UTF-8. A declared charset is
 * checked against the bytes first, so pages that lie about their charset still come out
 * readable.
 */
import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import type { CharsetSource } from './types.js';

export interface Decoded {
  text: string;
  /** WHATWG encoding name actually used, e.g. 'utf-8', 'gb18030', 'windows-1252'. */
  charset: string;
  source: CharsetSource;
}

export interface DecodeOptions {
  /** HTTP Content-Type header value. */
  contentType?: string;
}

/** Bytes of the page searched for a `<meta>` charset declaration. */
export const META_PRESCAN_BYTES = 4096;
/** Bytes given to chardet when sniffing (chardet reads ~1 MB/s, so keep this small). */
export const SNIFF_SAMPLE_BYTES = 16 * 1024;
/** Bytes checked when comparing candidate charsets by their replacement characters. */
const CHECK_SAMPLE_BYTES = 64 * 1024;

const SINGLE_BYTE = /^(windows-125\d|iso-8859-\d+|koi8-[ru]|macintosh|ibm866|windows-874|x-mac-cyrillic)$/;
const CJK_MULTIBYTE = new Set(['gb18030', 'gbk', 'big5', 'shift_jis', 'euc-jp', 'euc-kr', 'iso-2022-jp']);

const decoders = new Map<string, TextDecoder>();
function decoderFor(encoding: string): TextDecoder {
  let d = decoders.get(encoding);
  if (!d) {
    d = new TextDecoder(encoding);
    decoders.set(encoding, d);
  }
  return d;
}

/** The WHATWG encoding name for a charset label, or null when unknown; GB2312/GBK → gb18030. */
export function normalizeCharset(label: string): string | null {
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!l) return null;
  let enc: string;
  try {
    enc = new TextDecoder(l).encoding;
  } catch {
    return null;
  }
  if (enc === 'gbk') return 'gb18030';
  // utf-16 labels in a byte stream without BOM are nearly always wrong declarations.
  if (enc === 'utf-16le' || enc === 'utf-16be') return 'utf-8';
  return enc;
}

/** The charset named by a Content-Type value (`text/html; charset=gbk`), or null. */
export function charsetFromContentType(contentType: string | undefined): string | null {
  if (!contentType) return null;
  const m = /charset\s*=\s*["']?([^"';,\s]+)/i.exec(contentType);
  return m ? normalizeCharset(m[1]) : null;
}

/** The charset declared by `<meta charset>` or `<meta http-equiv content>` in the page's first bytes, or null. */
export function charsetFromMeta(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, META_PRESCAN_BYTES)).toString('latin1');
  const re = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(head))) {
    const enc = normalizeCharset(m[1]);
    if (enc) return enc;
  }
  return null;
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

/** Bytes looked at when telling UTF-16 without a BOM by its NUL halves. */
const UTF16_SAMPLE = 4096;

/**
 * UTF-16 without a BOM, told by where its NULs fall: markup and Latin text put a NUL in
 * the high half of nearly every code unit (odd bytes in LE, even in BE) and almost none
 * in the other half; text in any 8-bit charset has no NULs at all.
 */
export function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, UTF16_SAMPLE) & ~1;
  if (n < 16) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const units = n / 2;
  if (oddNul >= units * 0.3 && evenNul <= units * 0.02) return 'utf-16le';
  if (evenNul >= units * 0.3 && oddNul <= units * 0.02) return 'utf-16be';
  return null;
}

function hasHighBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return true;
  return false;
}

function countReplacement(text: string): number {
  let n = 0;
  let i = text.indexOf('\uFFFD');
  while (i !== -1) {
    n++;
    i = text.indexOf('\uFFFD', i + 1);
  }
  return n;
}

/** UTF-8 check that tolerates a multibyte sequence cut at the end (a truncated page). */
function validUtf8(bytes: Uint8Array): boolean {
  if (isUtf8(bytes)) return true;
  // Back off up to 3 trailing bytes of an incomplete sequence.
  let end = bytes.length;
  for (let k = 0; k < 3 && end > 0 && (bytes[end - 1] & 0xc0) === 0x80; k++) end--;
  if (end > 0 && bytes[end - 1] >= 0xc0) end--;
  return end < bytes.length && isUtf8(bytes.subarray(0, end));
}

function sample(bytes: Uint8Array): Uint8Array {
  return bytes.length <= CHECK_SAMPLE_BYTES ? bytes : bytes.subarray(0, CHECK_SAMPLE_BYTES);
}

/** A window for chardet that starts shortly before the first non-ASCII byte, where the text is. */
function sniffWindow(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= SNIFF_SAMPLE_BYTES) return bytes;
  let first = 0;
  while (first < bytes.length && bytes[first] < 0x80) first++;
  const start = Math.max(0, Math.min(first - 256, bytes.length - SNIFF_SAMPLE_BYTES));
  return bytes.subarray(start, start + SNIFF_SAMPLE_BYTES);
}

/**
 * Share of non-ASCII bytes that stand next to another non-ASCII byte. Western text in a
 * single-byte charset has isolated accented letters (low share); CJK double-byte text is
 * nearly all runs (high share).
 */
function pairedHighShare(bytes: Uint8Array): number {
  let high = 0;
  let paired = 0;
  const end = Math.min(bytes.length, CHECK_SAMPLE_BYTES);
  for (let i = 0; i < end; i++) {
    if (bytes[i] < 0x80) continue;
    high++;
    if ((i > 0 && bytes[i - 1] >= 0x80) || (i + 1 < end && bytes[i + 1] >= 0x80)) paired++;
  }
  return high < 8 ? 0 : paired / high;
}

/** Share of U+FFFD among non-ASCII characters when `bytes` are decoded as `encoding`: 0 is clean. */
function replacementShare(bytes: Uint8Array, encoding: string): number {
  const text = decoderFor(encoding).decode(sample(bytes));
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) nonAscii++;
  return nonAscii === 0 ? 0 : countReplacement(text) / nonAscii;
}

/** chardet's best guesses that TextDecoder supports, best first. */
function sniffCandidates(bytes: Uint8Array): Array<{ encoding: string; confidence: number }> {
  const out: Array<{ encoding: string; confidence: number }> = [];
  for (const m of chardet.analyse(sniffWindow(bytes))) {
    const enc = normalizeCharset(m.name === 'ISO_2022' ? 'iso-2022-jp' : m.name);
    if (enc && !out.some((o) => o.encoding === enc)) out.push({ encoding: enc, confidence: m.confidence });
  }
  return out;
}

/** Whether the bytes plausibly are in the declared encoding; false means: sniff instead. */
function declarationHolds(bytes: Uint8Array, encoding: string): boolean | string {
  if (!hasHighBytes(sample(bytes))) return true;
  if (encoding === 'utf-8') {
    if (validUtf8(bytes)) return true;
    // A few stray bytes in a UTF-8 page are damage, not another charset.
    return replacementShare(bytes, 'utf-8') < 0.01;
  }
  // Valid multibyte UTF-8 is very unlikely to be anything else.
  if (validUtf8(sample(bytes))) return 'utf-8';
  if (SINGLE_BYTE.test(encoding)) {
    if (pairedHighShare(bytes) < 0.6) return true;
    const best = sniffCandidates(bytes)[0];
    if (best && CJK_MULTIBYTE.has(best.encoding) && best.confidence >= 30 && replacementShare(bytes, best.encoding) < 0.01) {
      return best.encoding;
    }
    return true;
  }
  return replacementShare(bytes, encoding) < 0.01;
}

/** Picks the charset by sniffing: UTF-8 when the bytes are valid UTF-8, else chardet's best readable guess. */
function sniff(bytes: Uint8Array): { encoding: string; source: CharsetSource } {
  if (!hasHighBytes(sample(bytes)) || validUtf8(bytes)) return { encoding: 'utf-8', source: 'default' };
  const candidates = sniffCandidates(bytes);
  let best: string | null = null;
  let bestShare = Infinity;
  for (const c of candidates.slice(0, 4)) {
    const share = replacementShare(bytes, c.encoding);
    if (share < 0.005) return { encoding: c.encoding, source: 'sniff' };
    if (share < bestShare) {
      bestShare = share;
      best = c.encoding;
    }
  }
  // chardet unsure: GB18030 decodes most CJK legacy bytes; otherwise the least damaged guess.
  const gbShare = replacementShare(bytes, 'gb18030');
  if (gbShare < bestShare) return { encoding: 'gb18030', source: 'sniff' };
  return { encoding: best ?? 'utf-8', source: 'sniff' };
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  // TextDecoder strips a BOM matching the encoding.
  return decoderFor(encoding).decode(bytes);
}

/** Decodes bytes in a charset already chosen (the tail of a cut page, in its head's charset). */
export function decodeAs(bytes: Uint8Array, charset: string): string {
  return decodeWith(bytes, charset);
}

/** Decodes page bytes into a string, reporting which charset was used and where it came from. */
export function decodeBytes(bytes: Uint8Array, opts: DecodeOptions = {}): Decoded {
  const bom = bomCharset(bytes);
  if (bom) return { text: decodeWith(bytes, bom), charset: bom, source: 'bom' };
  // No declaration can be read from UTF-16 bytes as ASCII, so this comes first.
  const u16 = utf16WithoutBom(bytes);
  if (u16) return { text: decodeWith(bytes, u16), charset: u16, source: 'sniff' };

  const declared: Array<[string | null, CharsetSource]> = [
    [charsetFromContentType(opts.contentType), 'http'],
    [charsetFromMeta(bytes), 'meta'],
  ];
  for (const [encoding, source] of declared) {
    if (!encoding) continue;
    const holds = declarationHolds(bytes, encoding);
    if (holds === true) return { text: decodeWith(bytes, encoding), charset: encoding, source };
    if (typeof holds === 'string') return { text: decodeWith(bytes, holds), charset: holds, source: 'sniff' };
    // This declaration lied; a later one (meta after HTTP) may still be right.
  }
  const { encoding, source } = sniff(bytes);
  return { text: decodeWith(bytes, encoding), charset: encoding, source };
}
