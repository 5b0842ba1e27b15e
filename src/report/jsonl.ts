/** Reads a result JSONL file line by line (streaming), yielding PageResults and typed errors for bad lines. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { InputError } from '../errors.js';
import type { PageResult, ScorerInfo } from '../scorer/types.js';
import { toPageResult } from './validate.js';

/** One line of a result file: a page, the scorer's info (a header line), or a bad line. */
export type ResultLine =
  | { kind: 'page'; line: number; result: PageResult }
  | { kind: 'info'; line: number; info: Partial<ScorerInfo> }
  | { kind: 'bad'; line: number; error: InputError };

/** A line that describes the scorer (has `model` and `threshold`, no `blocks`) rather than a page. */
function asInfo(v: unknown): Partial<ScorerInfo> | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if ('blocks' in o || typeof o.model !== 'string' || typeof o.threshold !== 'number') return null;
  const info: Partial<ScorerInfo> = { model: o.model, threshold: o.threshold };
  if (typeof o.modelVersion === 'string') info.modelVersion = o.modelVersion;
  if (typeof o.featureSetVersion === 'string') info.featureSetVersion = o.featureSetVersion;
  if (o.backend === 'node' || o.backend === 'wasm' || o.backend === 'cpu') info.backend = o.backend;
  return info;
}

/** Classifies one line's text (1-based `line`, for messages naming `file:line`). */
export function parseResultLine(text: string, file: string, line: number): ResultLine | null {
  if (!text.trim()) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : 'invalid JSON';
    return { kind: 'bad', line, error: new InputError(`${file}:${line}`, `not JSON (${why})`, 'parse') };
  }
  const info = asInfo(value);
  if (info) return { kind: 'info', line, info };
  const checked = toPageResult(value);
  if ('problem' in checked) {
    return { kind: 'bad', line, error: new InputError(`${file}:${line}`, `not a page result: ${checked.problem}`, 'parse') };
  }
  return { kind: 'page', line, result: checked.result };
}

/** Streams the lines of `file` ('-' for stdin); throws InputError only when the file cannot be opened or read. */
export async function* readResultLines(file: string): AsyncGenerator<ResultLine> {
  const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    if (file === '-') return resolve();
    input.once('open', () => resolve());
    input.once('error', (err: NodeJS.ErrnoException) =>
      reject(new InputError(file, err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a folder, not a file' : `cannot read (${err.code ?? err.message})`)),
    );
  });
  await opened;
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const text of lines) {
      n++;
      const parsed = parseResultLine(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file, n);
      if (parsed) yield parsed;
    }
  } catch (err) {
    throw new InputError(file, `read failed at line ${n + 1} (${err instanceof Error ? err.message : String(err)})`);
  }
}
