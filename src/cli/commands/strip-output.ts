/** `seospam score --strip`: writes pages back without their spam blocks. */
import { mkdir, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { describeError, UsageError } from '../../errors.js';
import { loadScorer, type LoadScorerOptions } from '../../scorer/index.js';
import { isUrl } from '../fetch-url.js';
import { readPageInput, type InputRef } from '../inputs.js';
import { limitsFrom, timeoutFrom, type LimitFlags } from '../limits.js';

interface StripFlags extends LimitFlags {
  out?: string;
  url?: string;
  contentType?: string;
  kind?: 'html' | 'text';
}

/** Writes a file whole or not at all. */
async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

/** Where a page goes below the --out folder: its path kept (never above the folder), or a URL's host and path. */
function outputPath(name: string): string {
  if (isUrl(name)) {
    const u = new URL(name);
    const p = u.pathname.endsWith('/') ? `${u.pathname}index.html` : u.pathname;
    return path.join(u.host.replace(/:/g, '_'), ...p.split('/').filter((s) => s && s !== '..'));
  }
  return path.relative('.', path.resolve(name)).replace(/^(\.\.[\\/])+/, '');
}

/**
 * One input: the stripped page goes to stdout, or to --out FILE. Several inputs: --out
 * names a folder, and each page keeps its path below it. Returns the exit code.
 */
export async function stripCommand(inputs: InputRef[], scorerOptions: LoadScorerOptions, flags: StripFlags): Promise<number> {
  if (inputs.length > 1 && !flags.out) throw new UsageError('--strip with several inputs needs --out FOLDER');
  const scorer = await loadScorer(scorerOptions);
  const limits = limitsFrom(flags);
  const timeout = timeoutFrom(flags);
  let errors = 0;
  let spam = 0;
  const fail = (message: string): void => {
    errors++;
    process.stderr.write(`seospam: ${message}\n`);
  };
  for (const ref of inputs) {
    const file = ref.path === '-' ? 'stdin' : ref.path;
    if (ref.error) {
      fail(`${file}: ${ref.error}`);
      continue;
    }
    try {
      const read = await readPageInput(ref.path, limits, timeout);
      const { result, page } = scorer.strip(read.bytes, {
        file,
        url: flags.url ?? read.url,
        contentType: flags.contentType ?? read.contentType,
        kind: flags.kind ?? read.kind,
      });
      if (result.error) {
        fail(result.error);
        continue;
      }
      if (result.spam) spam++;
      if (!flags.out) process.stdout.write(page);
      else if (inputs.length === 1) await writeAtomic(flags.out, page);
      else await writeAtomic(path.join(flags.out, outputPath(ref.path)), page);
    } catch (err) {
      fail(describeError(err, file));
    }
  }
  return errors > 0 ? 2 : spam > 0 ? 1 : 0;
}
