/** `seospam export-blocks DIR`: every labeled block of a corpus as one JSON line (text, label, share, features). */
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { blockRows, loadCorpus } from '../../data/index.js';
import type { Split } from '../../data/types.js';

interface ExportOptions {
  split?: string;
  out?: string;
}

async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text) && !stream.destroyed) await Promise.race([once(stream, 'drain'), once(stream, 'close')]);
}

/** Writes the block rows of a corpus folder to a file or stdout. */
export async function exportBlocks(dir: string, opts: ExportOptions): Promise<number> {
  if (opts.split !== undefined && opts.split !== 'train' && opts.split !== 'dev') throw new UsageError(`--split must be train or dev, not ${opts.split}`);
  const corpus = await loadCorpus(dir, { split: opts.split as Split | undefined });
  const tmp = opts.out ? `${opts.out}.tmp-${process.pid}` : null;
  const stream: Writable = tmp ? createWriteStream(tmp) : process.stdout;
  // A reader that stops early (`| head`) closes stdout: stop writing, quietly.
  let closed = false;
  if (!tmp) stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') closed = true;
    else throw err;
  });
  let rows = 0;
  try {
    for (const p of corpus.pages) {
      if (closed) break;
      for (const row of blockRows(p)) {
        await write(stream, JSON.stringify(row) + '\n');
        rows++;
      }
    }
    if (tmp) {
      stream.end();
      await once(stream, 'finish');
      renameSync(tmp, opts.out!);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EPIPE') return rows;
    if (tmp) {
      stream.destroy();
      rmSync(tmp, { force: true });
    }
    throw err;
  }
  return rows;
}

/** Registers `export-blocks` on the program. */
export function registerExportBlocks(program: Command): void {
  program
    .command('export-blocks')
    .description('Write every block of a labeled corpus as JSON Lines: text, label, share, page, source, split, synthetic, lang, features')
    .argument('<dir>', 'corpus folder (labels.jsonl + pages)')
    .option('--split <split>', 'only pages of this split (train or dev)')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (dir: string, opts: ExportOptions) => {
      const rows = await exportBlocks(dir, opts);
      if (opts.out) process.stderr.write(`${rows} blocks written to ${opts.out}\n`);
    });
}
