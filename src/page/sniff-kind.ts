/** Content checks made before parsing: binary garbage, and HTML versus plain text. */
import { utf16WithoutBom } from './decode.js';
import type { PageKind } from './types.js';

/** Bytes or characters looked at by the checks below. */
const SAMPLE = 8192;

/** Whether a byte sample looks like binary data (NULs or many control bytes) rather than text. */
export function looksBinaryBytes(bytes: Uint8Array): boolean {
  // UTF-16 carries NULs legitimately, with a BOM or without one.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return false;
  if (utf16WithoutBom(bytes)) return false;
  const end = Math.min(bytes.length, SAMPLE);
  let nul = 0;
  let control = 0;
  for (let i = 0; i < end; i++) {
    const b = bytes[i];
    if (b === 0) nul++;
    else if ((b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) || b === 0x7f) control++;
  }
  return isBinaryShare(nul, control, end);
}

/** Whether a decoded string looks like binary data. */
export function looksBinaryText(text: string): boolean {
  const end = Math.min(text.length, SAMPLE);
  let nul = 0;
  let control = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) nul++;
    else if ((c < 0x09 || (c > 0x0d && c < 0x20 && c !== 0x1b)) || c === 0x7f) control++;
  }
  return isBinaryShare(nul, control, end);
}

function isBinaryShare(nul: number, control: number, n: number): boolean {
  if (n === 0) return false;
  // Random bytes hold ~0.4% NULs and ~12% control bytes; text pages hold neither.
  return nul / n > 0.001 || nul >= 8 || (nul + control) / n > 0.05;
}

const TAG = /<\/?[a-zA-Z][a-zA-Z0-9]*(?=[\s>/])/g;

/** HTML or plain text, by content: a leading doctype/html/tag, html/head/body tags early on, or enough tags in the first KB. */
export function detectKind(text: string): PageKind {
  let i = 0;
  while (i < text.length && i < 1024 && (text.charCodeAt(i) <= 0x20 || text.charCodeAt(i) === 0xfeff)) i++;
  const head = text.slice(i, i + 1024);
  if (/^<(!doctype|html|\?xml|head|body|!--)/i.test(head)) return 'html';
  if (/^<(p|div|span|a|table|ul|ol|dl|h[1-6]|section|article|header|footer|nav|main|form|center|font|b|br|meta|title|link|script|style)[\s>/]/i.test(head)) return 'html';
  TAG.lastIndex = 0;
  let tags = 0;
  while (TAG.exec(head)) if (++tags >= 3) return 'html';
  // Server templates (ASP, PHP) put code before the markup: look further for the document's own tags.
  const early = text.length > 65536 ? text.slice(0, 65536) : text;
  if (/<(html|head|body)[\s>]|<!doctype html/i.test(early)) return 'html';
  return 'text';
}
