/**
 * JSON Lines in, JSON Lines out: one page object per input line, one result line
 * per page, in input order, reading only as fast as the output is taken.
 */
import type { Readable, Writable } from 'node:stream';
import { describeError, SeospamError } from '../errors.js';
import { roundedResult } from '../scorer/numbers.js';
import { errorResult } from './error-result.js';
import { DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_PAGE_BYTES } from './limits.js';
import { readLines, type Line } from './line-reader.js';
import { pageFromObject } from './page-input.js';
import { scorePage } from './score-page.js';
import type { IdResult, PageScorer, ScalePage } from './types.js';

export interface JsonlStreamOptions {
  /** Name of the input in error messages (default "stdin"). */
  name?: string;
  /** Lines longer than this many bytes get an error result (default: a 4 MiB page as base64). */
  maxLineBytes?: number;
  /** Pages larger than this many bytes get an error result (default 4 MiB). */
  maxPageBytes?: number;
  /** Called with each error result, as it is written (the CLI names it on stderr). */
  onError?: (result: IdResult) => void;
  /** Once aborted, no further line is read; the results so far are written and the summary returned. */
  signal?: AbortSignal;
}

export interface JsonlStreamSummary {
  /** Result lines written (one per non-blank input line). */
  pages: number;
  /** Of those, results carrying an `error`. */
  errors: number;
}

/** Resolves when the writable drains, closes or fails, leaving no listener behind. */
function drained(output: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      output.off('drain', done);
      output.off('close', done);
      output.off('error', done);
      resolve();
    };
    output.on('drain', done);
    output.on('close', done);
    output.on('error', done);
  });
}

/** The items of `source` until `signal` aborts, even while waiting for the next one. */
async function* untilAborted<T>(source: AsyncGenerator<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
  if (!signal) return yield* source;
  const aborted = new Promise<null>((resolve) => {
    if (signal.aborted) resolve(null);
    else signal.addEventListener('abort', () => resolve(null), { once: true });
  });
  try {
    for (;;) {
      const step = source.next();
      step.catch(() => {}); // when the abort wins, a later failure of this read is nobody's
      const next = await Promise.race([step, aborted]);
      if (next === null || next.done) return;
      yield next.value;
    }
  } finally {
    void source.return(undefined);
  }
}

/** The line's `id` as the caller wrote it (a number stays a number), or undefined. */
function idOf(value: unknown): string | number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return (typeof id === 'string' && id !== '') || typeof id === 'number' ? id : undefined;
}

/** A result line: the caller's id in its own JSON type, scores rounded as in every JSON output. */
function resultLine(result: IdResult, id: string | number | undefined): string {
  const out: Omit<IdResult, 'id'> & { id?: string | number } = roundedResult(result);
  if (id !== undefined) out.id = id;
  return JSON.stringify(out) + '\n';
}

/** One input line scored: its result, and its `id` as the caller wrote it (absent when it had none). */
interface LineResult {
  result: IdResult;
  id?: string | number;
}

/** The result for one input line, or null for a blank line. */
function resultForLine(line: Line, scorer: PageScorer, name: string, maxLineBytes: number, maxPageBytes: number): LineResult | null {
  const where = `${name}:${line.lineNo}`;
  if (line.tooLong) {
    return { result: { line: line.lineNo, ...errorResult(where, `line ${line.lineNo} is ${line.bytes} bytes, over the ${maxLineBytes}-byte limit`) } };
  }
  if (line.text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(line.text);
  } catch (err) {
    return { result: { line: line.lineNo, ...errorResult(where, `line ${line.lineNo} is not JSON: ${describeError(err)}`) } };
  }
  const id = idOf(value);
  let page: ScalePage;
  try {
    page = pageFromObject(value, where, maxPageBytes);
  } catch (err) {
    const named = id !== undefined ? String(id) : where;
    return { id, result: { ...(id !== undefined ? { id: named } : {}), line: line.lineNo, ...errorResult(named, `line ${line.lineNo}: ${err instanceof SeospamError ? err.reason : describeError(err)}`) } };
  }
  return { id, result: scorePage(scorer, page) };
}

/** Scores a JSON Lines stream of pages into a JSON Lines stream of results (with the input `id`); blank lines are skipped. */
export async function scoreJsonlStream(
  input: Readable,
  output: Writable,
  scorer: PageScorer,
  opts: JsonlStreamOptions = {},
): Promise<JsonlStreamSummary> {
  const name = opts.name ?? 'stdin';
  const maxLineBytes = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const maxPageBytes = opts.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES;
  let pages = 0;
  let errors = 0;
  let outputError: unknown = null;
  const onError = (err: unknown): void => {
    outputError ??= err;
  };
  output.on('error', onError);
  try {
    for await (const line of untilAborted(readLines(input, maxLineBytes), opts.signal)) {
      if (outputError) break;
      const scored = resultForLine(line, scorer, name, maxLineBytes, maxPageBytes);
      if (scored === null) continue;
      const { result, id } = scored;
      pages += 1;
      if (result.error !== undefined) {
        errors += 1;
        opts.onError?.(result);
      }
      if (!output.write(resultLine(result, id ?? result.id))) {
        await drained(output);
      }
    }
  } finally {
    output.off('error', onError);
  }
  if (outputError) throw outputError;
  return { pages, errors };
}
