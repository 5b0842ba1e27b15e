/**
 * The one line an error result gets on stderr, in every output format:
 * `seospam: FILE: reason` (the file named once, whether or not the reason already starts with it).
 */
import type { PageResult } from '../../scorer/types.js';

export function errorLine(r: PageResult): string {
  const error = r.error ?? '';
  const name = r.file ?? r.url;
  const named = name === null || error.startsWith(`${name}:`) ? error : `${name}: ${error}`;
  return `seospam: ${named}\n`;
}
