/**
 * The pages of the inputs given to `seospam enqueue`: page files, WARC files
 * (.warc, .warc.gz) and JSON Lines files (.jsonl) of page objects.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { describeError, SeospamError } from '../errors.js';
import { DEFAULT_MAX_LINE_BYTES } from './limits.js';
import { readLines } from './line-reader.js';
import { pageFromObject } from './page-input.js';
import type { ScalePage } from './types.js';
import { isWarcPath, readWarcPages } from './warc.js';

/** An input (or part of one) that could not be read: one line naming it. */
export interface InputProblem {
  problem: string;
}

export function isProblem(item: ScalePage | InputProblem): item is InputProblem {
  return 'problem' in item;
}

const reasonOf = (err: unknown): string => (err instanceof SeospamError ? err.reason : describeError(err));

async function* warcPages(path: string, maxPageBytes: number): AsyncGenerator<ScalePage | InputProblem> {
  let n = 0;
  try {
    for await (const item of readWarcPages(path, { maxPageBytes })) {
      n += 1;
      if ('error' in item) {
        yield { problem: `${path}#${item.record}: ${item.error}${item.url ? ` (${item.url})` : ''}` };
        continue;
      }
      const page: ScalePage = { id: item.recordId ?? `${path}#${n}`, contentType: item.contentType, kind: item.kind, content: item.content };
      if (item.url) page.url = item.url;
      yield page;
    }
  } catch (err) {
    yield { problem: describeError(err, path) };
  }
}

async function* jsonlPages(path: string, maxPageBytes: number): AsyncGenerator<ScalePage | InputProblem> {
  try {
    for await (const line of readLines(createReadStream(path), DEFAULT_MAX_LINE_BYTES)) {
      const where = `${path}:${line.lineNo}`;
      if (line.tooLong) {
        yield { problem: `${where}: line of ${line.bytes} bytes is over the ${DEFAULT_MAX_LINE_BYTES}-byte limit` };
        continue;
      }
      if (line.text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line.text);
      } catch (err) {
        yield { problem: `${where}: not JSON: ${describeError(err)}` };
        continue;
      }
      try {
        yield pageFromObject(value, where, maxPageBytes);
      } catch (err) {
        yield { problem: `${where}: ${reasonOf(err)}` };
      }
    }
  } catch (err) {
    yield { problem: describeError(err, path) };
  }
}

async function filePage(path: string, maxPageBytes: number): Promise<ScalePage | InputProblem> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { problem: `${path}: not a file` };
    if (info.size > maxPageBytes) return { problem: `${path}: ${info.size} bytes is over the ${maxPageBytes}-byte page limit` };
    const content = await readFile(path);
    const ext = extname(path).toLowerCase();
    const page: ScalePage = { id: path, content };
    if (ext === '.txt') page.kind = 'text';
    else if (ext === '.html' || ext === '.htm' || ext === '.xhtml') page.kind = 'html';
    return page;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return { problem: code === 'ENOENT' ? `${path}: no such file` : describeError(err, path) };
  }
}

/** Yields the pages of each input in turn, and a problem line for each part that cannot be read. */
export async function* pagesFromInputs(paths: string[], maxPageBytes: number): AsyncGenerator<ScalePage | InputProblem> {
  for (const path of paths) {
    if (isWarcPath(path)) yield* warcPages(path, maxPageBytes);
    else if (extname(path).toLowerCase() === '.jsonl') yield* jsonlPages(path, maxPageBytes);
    else yield await filePage(path, maxPageBytes);
  }
}
