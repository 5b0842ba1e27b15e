/** Where a review stands, kept in the output folder so a moderator can quit and resume. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { writeFileAtomic } from './atomic.js';
import type { PageMarks } from './types.js';

export const PROGRESS_FILE = '.seospam-label.json';

export interface Progress {
  version: 1;
  /** Absolute paths of the pages, in review order. */
  queue: string[];
  /** The report the queue came from (`--review`), if any. */
  review: string | null;
  /** Index in the queue of the page under review (queue.length when done). */
  position: number;
  /** Pages passed over without a label. */
  skipped: string[];
  /** Unsaved marks of pages left half-done, by absolute path. */
  drafts: Record<string, PageMarks>;
}

/** Path of the progress file of an output folder. */
export function progressFileOf(dir: string): string {
  return join(dir, PROGRESS_FILE);
}

/** The saved progress of `dir`, or null when there is none. */
export function readProgress(dir: string): Progress | null {
  const file = progressFileOf(dir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new InputError(file, 'progress file is not JSON (delete it to start over)');
  }
  const p = v as Partial<Progress>;
  if (!p || p.version !== 1 || !Array.isArray(p.queue) || typeof p.position !== 'number') {
    throw new InputError(file, 'not a seospam label progress file (delete it to start over)');
  }
  return {
    version: 1,
    queue: p.queue.filter((q): q is string => typeof q === 'string'),
    review: typeof p.review === 'string' ? p.review : null,
    position: p.position,
    skipped: Array.isArray(p.skipped) ? p.skipped.filter((q): q is string => typeof q === 'string') : [],
    drafts: p.drafts && typeof p.drafts === 'object' ? p.drafts : {},
  };
}

/** Saves progress atomically. */
export function writeProgress(dir: string, progress: Progress): void {
  writeFileAtomic(progressFileOf(dir), JSON.stringify(progress) + '\n');
}

/** Whether two queues hold the same pages in the same order. */
export function sameQueue(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
