/** `seospam enqueue`: adds pages from files, WARC files and JSONL files to a Redis (BullMQ) scoring queue. */
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { isProblem, pagesFromInputs } from '../../scale/enqueue-inputs.js';
import { DEFAULT_MAX_PAGE_BYTES } from '../../scale/limits.js';
import { PageQueue } from '../../scale/queue.js';
import type { ScalePage } from '../../scale/types.js';

interface EnqueueCliOptions {
  redis: string;
  queue: string;
  attempts: string;
  backoff: string;
  maxPageBytes: string;
  quiet?: boolean;
}

// Pages sent per round trip, and the most page bytes held at once.
const BATCH = 200;
const BATCH_BYTES = 16 * 1024 * 1024;

function positiveInt(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} must be a positive integer, not ${value}`);
  return n;
}

async function runEnqueue(inputs: string[], opts: EnqueueCliOptions): Promise<void> {
  const retry = { attempts: positiveInt('--attempts', opts.attempts), backoffMs: positiveInt('--backoff', opts.backoff) };
  const maxPageBytes = positiveInt('--max-page-bytes', opts.maxPageBytes);
  const queue = await PageQueue.open(opts.redis, opts.queue);
  let added = 0;
  let skipped = 0;
  try {
    let batch: ScalePage[] = [];
    let batchBytes = 0;
    for await (const item of pagesFromInputs(inputs, maxPageBytes)) {
      if (isProblem(item)) {
        skipped += 1;
        process.stderr.write(`seospam: ${item.problem}\n`);
        continue;
      }
      batch.push(item);
      batchBytes += typeof item.content === 'string' ? item.content.length : item.content.byteLength;
      if (batch.length >= BATCH || batchBytes >= BATCH_BYTES) {
        await queue.add(batch, retry);
        added += batch.length;
        batch = [];
        batchBytes = 0;
      }
    }
    await queue.add(batch, retry);
    added += batch.length;
  } finally {
    await queue.close();
  }
  if (!opts.quiet) process.stderr.write(`seospam enqueue: ${added} pages to queue ${opts.queue}${skipped ? `, ${skipped} skipped` : ''}\n`);
  if (skipped > 0) process.exitCode = 2;
}

/** Registers `enqueue` on the program. */
export function registerEnqueue(program: Command): void {
  program
    .command('enqueue')
    .description('Add pages to a Redis scoring queue: page files, WARC files (.warc, .warc.gz) and JSONL files of {"id","url","html"|"text"|"base64","contentType"}.')
    .argument('<inputs...>', 'files to enqueue')
    .requiredOption('--redis <url>', 'Redis URL, e.g. redis://127.0.0.1:6379')
    .requiredOption('--queue <name>', 'queue name')
    .option('--attempts <n>', 'tries per page before it is dead-lettered', '3')
    .option('--backoff <ms>', 'first retry delay, doubled on each further try', '1000')
    .option('--max-page-bytes <n>', 'skip larger pages (each job holds the page as base64)', String(DEFAULT_MAX_PAGE_BYTES))
    .option('-q, --quiet', 'no summary on stderr')
    .action((inputs: string[], opts: EnqueueCliOptions) => runEnqueue(inputs, opts));
}
