/**
 * Turns what the user named on the command line into a list of inputs to score:
 * files, folders (recursive), globs, `-` for stdin, and list files (`--from`).
 */
import type { Dirent, Stats } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { InputError } from '../errors.js';
import { readInput, resolveLimits } from '../page/index.js';
import type { PageLimits } from '../page/types.js';
import { kindByName } from '../review/load-page.js';
import { fetchPage, isUrl } from './fetch-url.js';

export interface InputRef {
  /** Path to read, an http(s) URL, or '-' for stdin. */
  path: string;
  /** Set when the name could not be expanded (missing file, empty glob): scored as an error line. */
  error?: string;
}

/** Why a file-system call failed, in words (no errno prefix). */
function why(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return err instanceof Error ? err.message.split('\n')[0] : String(err);
}

/**
 * Files below a folder, in a stable order, skipping hidden entries. Symbolic links are
 * followed (a folder reached twice, as by a link loop, is walked once). An entry that
 * cannot be read (a dangling link, a folder without permission, a socket or device)
 * becomes an error input, so it is reported rather than skipped.
 */
async function walk(dir: string, out: InputRef[], seen: Set<string>): Promise<void> {
  let entries;
  try {
    seen.add(await realpath(dir));
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    out.push({ path: dir, error: `cannot read the folder: ${why(err)}` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    let st: Stats | Dirent = e;
    if (e.isSymbolicLink()) {
      try {
        st = await stat(full);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException | null)?.code;
        out.push({ path: full, error: code === 'ENOENT' ? 'dangling symbolic link' : `cannot follow the symbolic link: ${why(err)}` });
        continue;
      }
    }
    if (st.isDirectory()) {
      let real: string;
      try {
        real = await realpath(full);
      } catch (err) {
        out.push({ path: full, error: `cannot read the folder: ${why(err)}` });
        continue;
      }
      if (!seen.has(real)) await walk(full, out, seen);
    } else if (st.isFile()) out.push({ path: full });
    else out.push({ path: full, error: 'not a regular file' });
  }
}

/** Names listed in a list file: one per line, blank lines and `#` comments ignored. */
export async function readListFile(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new InputError(file, 'cannot read the list file');
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** Expands names into inputs in the order given; a name that matches nothing becomes an error input. */
export async function expandInputs(names: string[]): Promise<InputRef[]> {
  const out: InputRef[] = [];
  for (const name of names) {
    if (name === '-' || isUrl(name)) {
      out.push({ path: name });
      continue;
    }
    let st;
    try {
      st = await stat(name);
    } catch {
      st = null;
    }
    if (st?.isDirectory()) {
      const found: InputRef[] = [];
      await walk(name, found, new Set());
      if (found.length === 0) out.push({ path: name, error: 'folder holds no files' });
      out.push(...found);
    } else if (st) {
      out.push({ path: name });
    } else if (isDynamicPattern(name)) {
      const files = (await glob(name, { onlyFiles: true, dot: false })).sort();
      if (files.length === 0) out.push({ path: name, error: 'no file matches this pattern' });
      for (const f of files) out.push({ path: f });
    } else {
      out.push({ path: name, error: 'no such file' });
    }
  }
  return out;
}

/**
 * How to read an input when no --kind is given: a `.txt` file as text, as corpora do (a note
 * that quotes markup stays a text page); anything else is decided by its content.
 */
export function kindOfInput(name: string): 'text' | undefined {
  return kindByName(name) === 'text' ? 'text' : undefined;
}

/** One input's bytes and what its source tells about reading them. */
export interface ReadPage {
  bytes: Uint8Array;
  /** The page's URL after redirects (URL inputs). */
  url?: string;
  /** The response's Content-Type (URL inputs). */
  contentType?: string;
  kind?: 'html' | 'text';
}

/** Reads a file, stdin (`-`) or an http(s) URL, up to the byte limit; throws InputError naming the input. */
export async function readPageInput(name: string, limits: Partial<PageLimits>, timeoutSeconds?: number): Promise<ReadPage> {
  if (isUrl(name)) return fetchPage(name, { maxBytes: resolveLimits(limits).maxBytes, timeoutSeconds });
  const kind = kindOfInput(name);
  return { bytes: await readInput(name, limits), ...(kind ? { kind } : {}) };
}
