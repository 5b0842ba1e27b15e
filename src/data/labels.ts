/**
 * Reading and validating a corpus's labels.jsonl (format: docs/labels.md). Every
 * problem becomes a LabelError naming the labels file and the 1-based line.
 */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { compile } from 'css-select';
import { InputError, LabelError } from '../errors.js';
import type { LabelRecord, PageLabel, Split } from './types.js';

export const PAGE_LABELS: readonly PageLabel[] = ['clean', 'spam', 'mixed'];
export const SPLITS: readonly Split[] = ['train', 'dev'];
const REQUIRED = ['id', 'file', 'source', 'lang', 'page', 'split'] as const;
const OPTIONAL = ['spam', 'kinds', 'origin', 'license', 'synthetic', 'group'] as const;
const KNOWN_FIELDS = new Set<string>([...REQUIRED, ...OPTIONAL]);
const SPAM_FIELDS = new Set(['selectors', 'lines', 'all']);

/** A validated record and where it sits in labels.jsonl. */
export interface LabelEntry {
  record: LabelRecord;
  /** 1-based line in labels.jsonl. */
  line: number;
  /** Absolute path of the page file. */
  path: string;
}

export type OnError = 'throw' | 'collect';

export interface ReadLabelsOptions {
  /** Keep only records of this split (others are still validated). */
  split?: Split;
  /** 'throw' (default): the first bad line throws; 'collect': bad lines are skipped and returned. */
  onError?: OnError;
}

export interface LabelsResult {
  labelsFile: string;
  entries: LabelEntry[];
  errors: LabelError[];
}

/** Path of a corpus's labels file. */
export function labelsFileOf(dir: string): string {
  return join(resolve(dir), 'labels.jsonl');
}

/** Whether the page file is a plain-text page (labelled by lines) rather than HTML. */
export function isTextFile(file: string): boolean {
  return /\.txt$/i.test(file);
}

/** Number of lines of a text file, counted in its bytes ('\n' ends a line; a last unterminated line counts). */
export function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) n++;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 10) n++;
  return n;
}

/** Throws when a selector is not one css-select can run. */
export function checkSelector(selector: string): string | null {
  try {
    compile(selector);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message.split('\n')[0] : String(err);
  }
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string' && s.trim().length > 0);
}

/**
 * Checks one parsed JSON value against the label format; returns the reason it fails, or
 * the record. `dir` is the corpus folder the `file` field is relative to.
 */
export function validateRecord(value: unknown, dir: string, seenIds?: Set<string>): LabelRecord | string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not a JSON object';
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) if (!KNOWN_FIELDS.has(key)) return `unknown field "${key}"`;
  for (const key of REQUIRED) {
    if (!(key in v)) return `missing required field "${key}"`;
    if (typeof v[key] !== 'string' || (v[key] as string).trim() === '') return `field "${key}" must be a non-empty string`;
  }
  const page = v.page as string;
  if (!PAGE_LABELS.includes(page as PageLabel)) return `bad page label "${page}" (expected clean, spam or mixed)`;
  const split = v.split as string;
  if (!SPLITS.includes(split as Split)) return `bad split "${split}" (expected train or dev)`;
  const id = v.id as string;
  if (seenIds) {
    if (seenIds.has(id)) return `duplicate id "${id}"`;
    seenIds.add(id);
  }
  const file = v.file as string;
  if (isAbsolute(file) || normalize(file).split(/[\\/]/).includes('..')) return `file "${file}" must be a path inside the corpus folder`;
  for (const key of ['origin', 'license', 'group'] as const) {
    if (key in v && typeof v[key] !== 'string') return `field "${key}" must be a string`;
  }
  if ('synthetic' in v && typeof v.synthetic !== 'boolean') return 'field "synthetic" must be true or false';
  if ('kinds' in v && !isStringArray(v.kinds)) return 'field "kinds" must be a list of strings';

  const record: LabelRecord = { id, file, source: v.source as string, lang: v.lang as string, page: page as PageLabel, split: split as Split };
  if ('spam' in v) {
    const reason = validateSpam(v.spam, page as PageLabel, file);
    if (reason) return reason;
    record.spam = v.spam as LabelRecord['spam'];
  }
  if (v.kinds !== undefined) record.kinds = v.kinds as string[];
  if (v.origin !== undefined) record.origin = v.origin as string;
  if (v.license !== undefined) record.license = v.license as string;
  if (v.group !== undefined) record.group = v.group as string;
  if (v.synthetic !== undefined) record.synthetic = v.synthetic as boolean;
  return record;
}

function validateSpam(spam: unknown, page: PageLabel, file: string): string | null {
  if (page === 'clean') return 'a clean page must not have a "spam" field';
  if (spam === null || typeof spam !== 'object' || Array.isArray(spam)) return 'field "spam" must be an object';
  const s = spam as Record<string, unknown>;
  for (const key of Object.keys(s)) if (!SPAM_FIELDS.has(key)) return `unknown field "spam.${key}"`;
  if (Object.keys(s).length === 0) return 'field "spam" is empty';
  if ('all' in s && typeof s.all !== 'boolean') return 'field "spam.all" must be true or false';
  if ('selectors' in s) {
    if (!isStringArray(s.selectors) || s.selectors.length === 0) return 'field "spam.selectors" must be a non-empty list of strings';
    if (isTextFile(file)) return 'spam.selectors given for a text page (use spam.lines)';
    for (const sel of s.selectors) {
      const bad = checkSelector(sel);
      if (bad) return `selector "${sel}" cannot be parsed: ${bad}`;
    }
  }
  if ('lines' in s) {
    const lines = s.lines;
    if (!Array.isArray(lines) || lines.length === 0) return 'field "spam.lines" must be a non-empty list of [first, last] ranges';
    for (const r of lines) {
      if (!Array.isArray(r) || r.length !== 2 || !r.every((n) => Number.isInteger(n) && (n as number) >= 0) || r[0] > r[1]) {
        return `bad line range ${JSON.stringify(r)} (expected [first, last], 0-based, first <= last)`;
      }
    }
    if (!isTextFile(file)) return 'spam.lines given for an HTML page (use spam.selectors)';
  }
  return null;
}

function fileReason(path: string): string | null {
  try {
    const st = statSync(path);
    return st.isFile() ? null : 'is not a regular file';
  } catch {
    return 'no such file';
  }
}

/**
 * Reads and validates a corpus's labels.jsonl without parsing pages: JSON, fields,
 * enums, selectors' syntax, that each page file exists and that line ranges fit the
 * text page.
 */
export function readLabels(dir: string, opts: ReadLabelsOptions = {}): LabelsResult {
  const root = resolve(dir);
  const labelsFile = labelsFileOf(root);
  let text: string;
  try {
    text = readFileSync(labelsFile, 'utf8');
  } catch {
    throw new InputError(labelsFile, 'no labels.jsonl in this folder');
  }
  const onError = opts.onError ?? 'throw';
  const entries: LabelEntry[] = [];
  const errors: LabelError[] = [];
  const seen = new Set<string>();
  const fail = (line: number, reason: string): void => {
    const err = new LabelError(labelsFile, line, reason);
    if (onError === 'throw') throw err;
    errors.push(err);
  };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === '') continue;
    const lineNo = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      fail(lineNo, `bad JSON: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      continue;
    }
    const rec = validateRecord(value, root, seen);
    if (typeof rec === 'string') {
      fail(lineNo, rec);
      continue;
    }
    const path = join(root, rec.file);
    if (!path.startsWith(root + sep)) {
      fail(lineNo, `file "${rec.file}" must be a path inside the corpus folder`);
      continue;
    }
    const missing = fileReason(path);
    if (missing) {
      fail(lineNo, `${rec.file}: ${missing}`);
      continue;
    }
    if (rec.spam?.lines) {
      const n = countLines(readFileSync(path));
      const bad = rec.spam.lines.find(([, last]) => last >= n);
      if (bad) {
        fail(lineNo, `line range [${bad[0]}, ${bad[1]}] is outside ${rec.file} (${n} lines)`);
        continue;
      }
    }
    if (opts.split && rec.split !== opts.split) continue;
    entries.push({ record: rec, line: lineNo, path });
  }
  return { labelsFile, entries, errors };
}
