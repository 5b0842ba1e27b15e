/**
 * A corpus folder the review writes into: labels.jsonl (one line per page, a page
 * labeled again replaces its line) and copies of the page bytes under pages/<source>/.
 * Every write is atomic (temp file, fsync, rename), so a crash never loses earlier lines.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { labelsFileOf } from '../data/labels.js';
import type { LabelRecord, Split } from '../data/types.js';
import type { PageKind } from '../page/types.js';
import { writeFileAtomic } from './atomic.js';

/** Source names double as folder names: letters, digits, dot, dash, underscore. */
export const SOURCE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A stable id for a page read from `path`: source, file stem and a hash of the absolute path. */
export function pageId(path: string, source: string): string {
  const abs = resolve(path);
  const stem = basename(abs, extname(abs))
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  const hash = createHash('sha256').update(abs).digest('hex').slice(0, 8);
  return `${source}-${stem || 'page'}-${hash}`;
}

/** Where the copy of a page goes, relative to the corpus folder. */
export function corpusFileOf(id: string, source: string, kind: PageKind): string {
  return `pages/${source}/${id}.${kind === 'text' ? 'txt' : 'html'}`;
}

/** Split for a new page: dev for a `devShare` of pages chosen by a hash of the id, else `split`. */
export function splitFor(id: string, split: Split, devShare: number): Split {
  if (devShare <= 0) return split;
  const h = createHash('sha256').update(id).digest().readUInt32BE(0) / 2 ** 32;
  return h < devShare ? 'dev' : split;
}

interface Line {
  raw: string;
  id: string | null;
  record: LabelRecord | null;
}

export class LabelStore {
  readonly dir: string;
  readonly labelsFile: string;
  private lines: Line[] = [];

  constructor(dir: string) {
    this.dir = resolve(dir);
    this.labelsFile = labelsFileOf(this.dir);
    try {
      mkdirSync(this.dir, { recursive: true });
    } catch (err) {
      throw new InputError(this.dir, `cannot create the output folder (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    this.lines = readLines(this.labelsFile);
  }

  /** The line written earlier for `id`, if any. */
  get(id: string): LabelRecord | undefined {
    return this.lines.find((l) => l.id === id)?.record ?? undefined;
  }

  /** Number of labeled pages in the folder. */
  get size(): number {
    return this.lines.filter((l) => l.id !== null).length;
  }

  /**
   * Writes the page copy, then the record: it replaces the line of the same id or is
   * appended. The file is read again first, so lines another session wrote meanwhile stay.
   */
  put(record: LabelRecord, bytes: Uint8Array): void {
    const target = join(this.dir, record.file);
    mkdirSync(join(target, '..'), { recursive: true });
    if (!sameBytes(target, bytes)) writeFileAtomic(target, bytes);
    this.lines = readLines(this.labelsFile);
    const line: Line = { raw: JSON.stringify(record), id: record.id, record };
    const at = this.lines.findIndex((l) => l.id === record.id);
    if (at >= 0) this.lines[at] = line;
    else this.lines.push(line);
    writeFileAtomic(this.labelsFile, this.lines.map((l) => l.raw).join('\n') + '\n');
  }
}

function sameBytes(path: string, bytes: Uint8Array): boolean {
  if (!existsSync(path)) return false;
  try {
    return Buffer.from(bytes).equals(readFileSync(path));
  } catch {
    return false;
  }
}

/** The lines of an existing labels.jsonl, kept verbatim; lines that are not records are kept too. */
function readLines(file: string): Line[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new InputError(file, 'cannot read the labels file');
  }
  const out: Line[] = [];
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    let id: string | null = null;
    let record: LabelRecord | null = null;
    try {
      const v = JSON.parse(raw) as unknown;
      if (v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string') {
        record = v as LabelRecord;
        id = record.id;
      }
    } catch {
      // Not JSON: keep the line as it is; the loader will name it.
    }
    out.push({ raw, id, record });
  }
  return out;
}
