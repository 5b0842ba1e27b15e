/** The one page `blocks` and `features` show: its flags checked, read (file, stdin or URL) and parsed within the limits. */
import { UsageError } from '../errors.js';
import { parsePage } from '../page/index.js';
import type { Page, PageKind } from '../page/types.js';
import { readPageInput } from './inputs.js';
import { limitsFrom, timeoutFrom, type LimitFlags } from './limits.js';

export interface OnePageFlags extends LimitFlags {
  format: string;
  kind?: string;
  url?: string;
  contentType?: string;
}

export async function readOnePage(file: string, opts: OnePageFlags): Promise<Page> {
  if (opts.format !== 'table' && opts.format !== 'json') throw new UsageError(`--format must be table or json, not ${opts.format}`);
  if (opts.kind !== undefined && opts.kind !== 'html' && opts.kind !== 'text') throw new UsageError(`--kind must be html or text, not ${opts.kind}`);
  const limits = limitsFrom(opts);
  const read = await readPageInput(file, limits, timeoutFrom(opts));
  return parsePage(read.bytes, {
    file,
    kind: (opts.kind as PageKind | undefined) ?? read.kind,
    url: opts.url ?? read.url,
    contentType: opts.contentType ?? read.contentType,
    limits,
  }).page;
}
