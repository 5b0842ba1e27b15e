/**
 * Reads one page given as a JSON object: `{"id", "url", "html"|"text"|"base64", "contentType"}`.
 * Used for JSON Lines input and for queue job payloads.
 */
import { InputError } from '../errors.js';
import type { ScalePage } from './types.js';

/** The JSON shape of one page. Exactly one of html, text or base64 (raw bytes) is given. */
export interface PageObject {
  id?: string | number;
  url?: string;
  contentType?: string;
  html?: string;
  text?: string;
  base64?: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function optionalString(obj: Record<string, unknown>, key: string, where: string): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new InputError(where, `"${key}" must be a string`, 'parse');
  return value;
}

/** Turns a parsed JSON value into a page; `where` names it in errors and is the id when it has none. Throws InputError. */
export function pageFromObject(value: unknown, where: string, maxPageBytes: number): ScalePage {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(where, 'expected a JSON object with "html", "text" or "base64"', 'parse');
  }
  const obj = value as Record<string, unknown>;
  const rawId = obj.id;
  if (rawId !== undefined && rawId !== null && typeof rawId !== 'string' && typeof rawId !== 'number') {
    throw new InputError(where, '"id" must be a string or a number', 'parse');
  }
  const id = rawId === undefined || rawId === null || rawId === '' ? where : String(rawId);
  const url = optionalString(obj, 'url', where);
  const contentType = optionalString(obj, 'contentType', where);
  const html = optionalString(obj, 'html', where);
  const text = optionalString(obj, 'text', where);
  const base64 = optionalString(obj, 'base64', where);
  const given = [html, text, base64].filter((v) => v !== undefined).length;
  if (given !== 1) {
    throw new InputError(where, 'give exactly one of "html", "text" or "base64"', 'parse');
  }
  let content: Uint8Array | string;
  let kind: ScalePage['kind'];
  if (base64 !== undefined) {
    if (!BASE64.test(base64) || base64.length % 4 === 1) throw new InputError(where, '"base64" is not base64', 'parse');
    if (Math.floor((base64.length * 3) / 4) > maxPageBytes + 2) {
      throw new InputError(where, `page is over the ${maxPageBytes}-byte limit`, 'read');
    }
    content = Buffer.from(base64, 'base64');
  } else {
    content = (html ?? text) as string;
    kind = html !== undefined ? 'html' : 'text';
  }
  const size = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
  if (size > maxPageBytes) throw new InputError(where, `page is over the ${maxPageBytes}-byte limit (${size} bytes)`, 'read');
  const page: ScalePage = { id, content };
  if (url !== undefined) page.url = url;
  if (contentType !== undefined) page.contentType = contentType;
  if (kind !== undefined) page.kind = kind;
  return page;
}

/** The JSON object for a page, as `pageFromObject` reads it back (bytes as base64). */
export function pageToObject(page: ScalePage): PageObject {
  const obj: PageObject = { id: page.id };
  if (page.url !== undefined) obj.url = page.url;
  if (page.contentType !== undefined) obj.contentType = page.contentType;
  if (typeof page.content === 'string') {
    if (page.kind === 'text') obj.text = page.content;
    else obj.html = page.content;
  } else {
    obj.base64 = Buffer.from(page.content.buffer, page.content.byteOffset, page.content.byteLength).toString('base64');
  }
  return obj;
}
