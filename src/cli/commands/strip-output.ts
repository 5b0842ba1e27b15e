/** `seospam score --strip`: writes pages back without their spam blocks. */
import { mkdir, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { describeError, UsageError } from '../../errors.js';
import { readInput } from '../../page/index.js';
import { loadScorer, type LoadScorerOptions } from '../../scorer/index.js';
import type { InputRef } from '../inputs.js';
import { limitsFrom, type LimitFlags } from '../limits.js';

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

/**
 * One input: the stripped page goes to stdout, or to --out FILE. Several inputs: --out
 * names a folder, and each page keeps its path below it. Returns the exit code.
 */
export async function stripCommand(inputs: InputRef[], scorerOptions: LoadScorerOptions, flags: StripFlags): Promise<number> {
  if (inputs.length > 1 && !flags.out) throw new UsageError('--strip with several inputs needs --out FOLDER');
  const scorer = await loadScorer(scorerOptions);
  const limits = limitsFrom(flags);
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
      const bytes = await readInput(ref.path, limits);
      const { result, page } = scorer.strip(bytes, { file, url: flags.url, contentType: flags.contentType, kind: flags.kind });
      if (result.error) {
        fail(result.error);
        continue;
      }
      if (result.spam) spam++;
      if (!flags.out) process.stdout.write(page);
      else if (inputs.length === 1) await writeAtomic(flags.out, page);
      else await writeAtomic(path.join(flags.out, path.relative('.', path.resolve(ref.path)).replace(/^(\.\.[\\/])+/, '')), page);
    } catch (err) {
      fail(describeError(err, file));
    }
  }
  return errors > 0 ? 2 : spam > 0 ? 1 : 0;
}
