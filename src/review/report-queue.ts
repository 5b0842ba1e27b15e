/** A `score --format jsonl` report → pages to review, those the model was least sure of first. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { PageResult } from '../scorer/types.js';
import type { PageSource } from './load-page.js';

export interface ReportQueue {
  /** Pages in review order, each with its result. */
  sources: PageSource[];
  /** Lines passed over: errors, pages without blocks or without a file. */
  passed: number;
}

/** Reads report lines; a line that is not a page result is an InputError naming `file:line`. */
export function readReport(file: string): PageResult[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(file, 'cannot read the report');
  }
  const out: PageResult[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch {
      throw new InputError(`${file}:${i + 1}`, 'not JSON (expected a `score --format jsonl` line)');
    }
    const r = v as Partial<PageResult>;
    if (!r || typeof r !== 'object' || !Array.isArray(r.blocks)) {
      throw new InputError(`${file}:${i + 1}`, 'not a page result (no "blocks"; expected `score --format jsonl` output)');
    }
    out.push(r as PageResult);
  });
  return out;
}

/** The threshold the report was scored at, as far as its verdicts tell: the lowest spam score, else 0.5. */
export function inferThreshold(results: PageResult[]): number {
  let min = Infinity;
  for (const r of results) for (const b of r.blocks) if (b.spam && b.score < min) min = b.score;
  return Number.isFinite(min) ? min : 0.5;
}

/** How close the page's least certain block came to the threshold (0: right on it). */
export function pageMargin(result: PageResult, threshold: number): number {
  let m = Infinity;
  for (const b of result.blocks) m = Math.min(m, Math.abs(b.score - threshold));
  return m;
}

/** The report's pages, least sure first; page files resolve from the working folder, else the report's. */
export function reportQueue(file: string, threshold: number): ReportQueue {
  const results = readReport(file);
  const base = dirname(resolve(file));
  let passed = 0;
  const ranked: Array<{ source: PageSource; margin: number; order: number }> = [];
  results.forEach((r, order) => {
    if (r.error || !r.file || r.blocks.length === 0) {
      passed++;
      return;
    }
    let path = resolve(r.file);
    if (!isAbsolute(r.file) && !existsSync(path) && existsSync(resolve(base, r.file))) path = resolve(base, r.file);
    ranked.push({ source: { path, result: r }, margin: pageMargin(r, threshold), order });
  });
  ranked.sort((a, b) => a.margin - b.margin || a.order - b.order);
  return { sources: ranked.map((x) => x.source), passed };
}
