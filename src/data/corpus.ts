/**
 * Loading a labeled corpus folder: validated labels, pages parsed in place, region
 * labels mapped onto blocks.
 */
import { readFile } from 'node:fs/promises';
import { LabelError, SeospamError } from '../errors.js';
import { parsePage } from '../page/index.js';
import type { PageLimits } from '../page/types.js';
import { isTextFile, readLabels, type LabelEntry, type OnError } from './labels.js';
import { mapLabels } from './map-labels.js';
import type { LabeledPage, Split } from './types.js';

export interface LoadOptions {
  /** Keep only pages of this split. */
  split?: Split;
  /** 'throw' (default): the first bad line or page throws; 'collect': it is skipped and returned in `errors`. */
  onError?: OnError;
  /** Page limits passed to the page stage. */
  limits?: Partial<PageLimits>;
}

export interface LoadedCorpus {
  /** Absolute path of the corpus folder's labels file. */
  labelsFile: string;
  pages: LabeledPage[];
  errors: LabelError[];
}

const READ_AHEAD = 16;

/** Parses one labeled page and maps its labels; a selector that matches nothing is a LabelError. */
export function labelPage(entry: LabelEntry, bytes: Uint8Array, labelsFile: string, limits?: Partial<PageLimits>): LabeledPage {
  const { record } = entry;
  let parsed;
  try {
    parsed = parsePage(bytes, { file: record.file, kind: isTextFile(record.file) ? 'text' : 'html', limits });
  } catch (err) {
    const reason = err instanceof SeospamError ? err.reason : err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new LabelError(labelsFile, entry.line, `${record.file}: ${reason}`);
  }
  const mapped = mapLabels(parsed, record.spam);
  if (mapped.unmatched.length > 0) {
    throw new LabelError(labelsFile, entry.line, `selector "${mapped.unmatched[0]}" matches nothing in ${record.file}`);
  }
  return {
    record,
    path: entry.path,
    synthetic: record.synthetic === true,
    parsed,
    spamShare: mapped.spamShare,
    isSpam: mapped.isSpam,
    headSpam: mapped.headSpam,
  };
}

/** Loads a corpus folder (labels.jsonl + page files): every page parsed and its blocks labeled. */
export async function loadCorpus(dir: string, opts: LoadOptions = {}): Promise<LoadedCorpus> {
  const pages: LabeledPage[] = [];
  const { labelsFile, errors } = await eachCorpusPage(dir, opts, (page) => pages.push(page));
  return { labelsFile, pages, errors };
}

/**
 * Loads and labels the corpus's pages one at a time, handing each to `onPage`, so a caller
 * that keeps only what it needs (say, features) never holds every page's DOM at once.
 */
export async function eachCorpusPage(
  dir: string,
  opts: LoadOptions,
  onPage: (page: LabeledPage) => void,
): Promise<Omit<LoadedCorpus, 'pages'>> {
  const onError = opts.onError ?? 'throw';
  const { labelsFile, entries, errors } = readLabels(dir, { split: opts.split, onError });
  // Read a few files ahead while parsing the current one.
  const pending: Array<Promise<Uint8Array>> = [];
  const readAt = (i: number): Promise<Uint8Array> => readFile(entries[i].path);
  for (let i = 0; i < Math.min(READ_AHEAD, entries.length); i++) pending.push(readAt(i));
  for (let i = 0; i < entries.length; i++) {
    const bytes = await pending[i];
    if (i + READ_AHEAD < entries.length) pending.push(readAt(i + READ_AHEAD));
    let page: LabeledPage;
    try {
      page = labelPage(entries[i], bytes, labelsFile, opts.limits);
    } catch (err) {
      if (onError === 'throw' || !(err instanceof LabelError)) throw err;
      errors.push(err);
      continue;
    }
    onPage(page);
  }
  errors.sort((a, b) => a.line - b.line);
  return { labelsFile, errors };
}
