/** `seospam worker`: scores pages from a Redis (BullMQ) queue until stopped. */
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { DEFAULT_MAX_PAGE_BYTES } from '../../scale/limits.js';
import { checkQueueName } from '../../scale/queue.js';
import { checkRedisUrl } from '../../scale/redis.js';
import { startWorker } from '../../scale/worker.js';
import { createPool } from '../../scorer/index.js';
import type { BackendName } from '../../scorer/types.js';

interface WorkerCliOptions {
  redis: string;
  queue: string;
  concurrency: string;
  model?: string;
  backend?: string;
  out?: string;
  lockDuration: string;
  stalledInterval?: string;
  maxStalled: string;
  maxPageBytes: string;
  untilEmpty?: boolean;
  quiet?: boolean;
}

function positiveInt(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} must be a positive integer, not ${value}`);
  return n;
}

async function runWorker(opts: WorkerCliOptions): Promise<void> {
  checkRedisUrl(opts.redis);
  checkQueueName(opts.queue);
  const backends: BackendName[] = ['node', 'wasm', 'cpu'];
  if (opts.backend !== undefined && !backends.includes(opts.backend as BackendName)) {
    throw new UsageError(`--backend must be node, wasm or cpu, not ${opts.backend}`);
  }
  const settings = {
    redisUrl: opts.redis,
    queue: opts.queue,
    concurrency: positiveInt('--concurrency', opts.concurrency),
    lockDurationMs: positiveInt('--lock-duration', opts.lockDuration),
    maxStalledCount: positiveInt('--max-stalled', opts.maxStalled),
    maxPageBytes: positiveInt('--max-page-bytes', opts.maxPageBytes),
    ...(opts.stalledInterval !== undefined ? { stalledIntervalMs: positiveInt('--stalled-interval', opts.stalledInterval) } : {}),
    ...(opts.out !== undefined ? { out: opts.out } : {}),
    untilEmpty: opts.untilEmpty === true,
  };
  const log = opts.quiet ? (): void => {} : (line: string): void => void process.stderr.write(`seospam worker: ${line}\n`);
  // Scoring runs in worker threads, one per job in flight: the event loop stays free to renew
  // job locks and the --out lease however long a page takes.
  const pool = await createPool({
    workers: settings.concurrency,
    ...(opts.model ? { model: opts.model } : {}),
    ...(opts.backend ? { backend: opts.backend as BackendName } : {}),
  });
  let worker;
  try {
    worker = await startWorker(pool, { ...settings, log });
  } catch (err) {
    await pool.close();
    throw err;
  }
  log(`pid ${process.pid} scoring queue ${opts.queue} (concurrency ${settings.concurrency})${opts.out ? `, results to ${opts.out}` : ''}`);

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1) {
      log(`${signal} again: stopping now`);
      process.exit(2);
    }
    log(`${signal}: finishing the job in hand`);
    void worker.close();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  const stats = await worker.done;
  process.off('SIGTERM', onSignal);
  process.off('SIGINT', onSignal);
  await pool.close();
  log(`stopped: ${stats.scored} scored, ${stats.duplicates} already done, ${stats.failed} failed tries, ${stats.deadLettered} dead-lettered`);
}

/** Registers `worker` on the program. */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('Score pages from a Redis queue (see docs/scale.md); SIGTERM or SIGINT finishes the job in hand, then stops.')
    .requiredOption('--redis <url>', 'Redis URL, e.g. redis://127.0.0.1:6379')
    .requiredOption('--queue <name>', 'queue name')
    .option('--concurrency <n>', 'jobs in flight in this process, each scored in a worker thread of its own', '1')
    .option('--model <dir>', 'model folder (default: the shipped model)')
    .option('--backend <name>', 'tfjs backend: node, wasm or cpu')
    .option('--out <file>', 'also write every result of the queue, once each, to this JSONL file')
    .option('--lock-duration <ms>', 'a killed worker\'s job is retried after about this long', '30000')
    .option('--stalled-interval <ms>', 'how often to look for jobs of killed workers (default: --lock-duration)')
    .option('--max-stalled <n>', 'times a job may lose its worker before it is dead-lettered', '1')
    .option('--max-page-bytes <n>', 'larger pages get an error result', String(DEFAULT_MAX_PAGE_BYTES))
    .option('--until-empty', 'stop once the queue has no waiting or running jobs')
    .option('-q, --quiet', 'say nothing on stderr')
    .action((opts: WorkerCliOptions) => runWorker(opts));
}
