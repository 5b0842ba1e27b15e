/**
 * A queue worker: takes page jobs from BullMQ, scores them, and commits each
 * result once to the queue's result stream (and, with `out`, to a JSONL file).
 * Jobs that throw are retried with backoff; a job that fails every try goes to
 * the dead-letter list and gets an error result. A worker killed mid-job leaves
 * its job to BullMQ's stalled-job check, which hands it to another worker.
 *
 * Give it a scorer that scores off the event loop (a ScorerPool, as `seospam worker`
 * does): a synchronous scorer blocks the loop while it scores, so the job's lock and
 * the result file's lease go unrenewed, and a page slower than the lock runs twice.
 */
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { closeSync, openSync } from 'node:fs';
import { describeError, InputError, SeospamError } from '../errors.js';
import { errorResult } from './error-result.js';
import { JsonlSink } from './jsonl-sink.js';
import { DEFAULT_MAX_PAGE_BYTES } from './limits.js';
import { pageFromObject } from './page-input.js';
import { checkQueueName, type PageJobData } from './queue.js';
import { closeRedis, connectRedis, type RedisClient } from './redis.js';
import { ResultStore } from './result-store.js';
import { scorePageAsync } from './score-page.js';
import type { AsyncPageScorer } from './types.js';

export interface WorkerOptions {
  redisUrl: string;
  queue: string;
  /** Jobs run at once in this process (default 1; scoring itself is synchronous). */
  concurrency?: number;
  /** How long a job stays claimed without a lock renewal, in ms (default 30000). A killed worker's job is retried after about this long. */
  lockDurationMs?: number;
  /** How often to look for stalled jobs, in ms (default: lockDurationMs). */
  stalledIntervalMs?: number;
  /** Times a job may stall (its worker died) before it fails for good (default 1). */
  maxStalledCount?: number;
  /** Larger pages get an error result, without retries (default 4 MiB). */
  maxPageBytes?: number;
  /** Also write the results, each once, to this JSONL file. */
  out?: string;
  /** Stop by itself once the queue has no waiting, delayed or running jobs. */
  untilEmpty?: boolean;
  /** Where to say what happens (one line each); silent by default. */
  log?: (line: string) => void;
}

export interface WorkerStats {
  /** Jobs this worker scored and committed. */
  scored: number;
  /** Jobs whose result was already committed (a retry after a crash). */
  duplicates: number;
  /** Job tries that threw (and were retried or dead-lettered). */
  failed: number;
  /** Jobs this worker sent to the dead-letter list. */
  deadLettered: number;
}

/** A running worker. */
export interface PageWorker {
  readonly stats: WorkerStats;
  /** Lines written to the `out` file by this process. */
  readonly written: number;
  /** Finishes the jobs in hand, takes no more, flushes the result file and disconnects. */
  close(): Promise<WorkerStats>;
  /** Settles when the worker has closed (by close() or, with untilEmpty, by itself). */
  readonly done: Promise<WorkerStats>;
}

interface JobReturn {
  committed: boolean;
}

/** Starts consuming scoring jobs from `opts.queue`; resolves once connected. */
export async function startWorker(scorer: AsyncPageScorer, opts: WorkerOptions): Promise<PageWorker> {
  checkQueueName(opts.queue);
  const log = opts.log ?? ((): void => {});
  const maxPageBytes = opts.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES;
  const lockDuration = opts.lockDurationMs ?? 30_000;
  const client = await connectRedis(opts.redisUrl);
  const clients: RedisClient[] = [client];
  const store = new ResultStore(client, opts.queue);
  const stats: WorkerStats = { scored: 0, duplicates: 0, failed: 0, deadLettered: 0 };

  let sink: JsonlSink | null = null;
  if (opts.out) {
    try {
      closeSync(openSync(opts.out, 'a'));
    } catch (err) {
      await closeRedis(client);
      throw new InputError(opts.out, `cannot write results: ${describeError(err)}`);
    }
    const reader = client.duplicate();
    reader.on('error', () => {});
    await reader.connect();
    clients.push(reader);
    sink = new JsonlSink(store, client, reader, opts.out, { leaseMs: lockDuration, log });
  }

  const processor = async (job: Job<PageJobData, JobReturn>): Promise<JobReturn> => {
    const jobId = job.id ?? '';
    if (await store.isDone(jobId)) {
      stats.duplicates += 1;
      return { committed: false };
    }
    let page;
    try {
      page = pageFromObject(job.data, `job ${jobId}`, maxPageBytes);
    } catch (err) {
      // A bad payload fails the same way every time: no retries.
      throw new UnrecoverableError(err instanceof SeospamError ? err.message : describeError(err));
    }
    // A scorer that throws (a bug, or out of memory) is retried, maybe on another worker.
    const result = await scorePageAsync(scorer, page);
    const committed = await store.commit(jobId, result);
    if (committed) stats.scored += 1;
    else stats.duplicates += 1;
    return { committed };
  };

  const worker = new Worker<PageJobData, JobReturn>(opts.queue, processor, {
    connection: client,
    concurrency: opts.concurrency ?? 1,
    lockDuration,
    stalledInterval: opts.stalledIntervalMs ?? lockDuration,
    maxStalledCount: opts.maxStalledCount ?? 1,
    // Keep finished jobs out of Redis even when the producer did not ask.
    removeOnComplete: { count: 0 },
    autorun: false,
  });

  worker.on('error', (err) => log(`worker: ${describeError(err)}`));
  worker.on('stalled', (jobId) => log(`job ${jobId} stalled (its worker stopped); it will run again`));
  // Dead letters still being written; close() waits for them.
  const pending = new Set<Promise<void>>();
  worker.on('failed', (job, err) => {
    if (!job) return;
    stats.failed += 1;
    const task = deadLetterIfFinal(job, err)
      .catch((e: unknown) => log(`dead letter for job ${job.id}: ${describeError(e)}`))
      .finally(() => pending.delete(task));
    pending.add(task);
  });

  async function deadLetterIfFinal(job: Job<PageJobData, JobReturn>, err: Error): Promise<void> {
    if ((await job.getState()) !== 'failed') {
      log(`job ${job.id} failed (try ${job.attemptsMade}): ${err.message}; retrying`);
      return;
    }
    const jobId = job.id ?? '';
    const id = typeof job.data?.id === 'string' ? job.data.id : jobId;
    const reason = err.message.split('\n')[0];
    const entry = {
      jobId,
      id,
      ...(typeof job.data?.url === 'string' ? { url: job.data.url } : {}),
      reason,
      attempts: job.attemptsMade,
      failedAt: new Date().toISOString(),
    };
    const added = await store.commitDead(entry, { id, ...errorResult(id, `failed after ${job.attemptsMade} tries: ${reason}`) });
    if (!added) return;
    stats.deadLettered += 1;
    log(`job ${jobId} (${id}) failed for good: ${reason}`);
  }

  void worker.run().catch((err: unknown) => log(`worker stopped: ${describeError(err)}`));
  await worker.waitUntilReady();

  let closing: Promise<WorkerStats> | null = null;
  let resolveDone: (stats: WorkerStats) => void = () => {};
  const done = new Promise<WorkerStats>((resolve) => {
    resolveDone = resolve;
  });
  const close = (): Promise<WorkerStats> => {
    closing ??= (async () => {
      await worker.close();
      await Promise.all(pending);
      if (counter) await counter.close();
      if (sink) await sink.stop();
      for (const c of clients.reverse()) await closeRedis(c);
      resolveDone(stats);
      return stats;
    })();
    return closing;
  };

  // With untilEmpty: four times a second, see whether the whole queue is done.
  const counter = opts.untilEmpty ? new Queue(opts.queue, { connection: client }) : null;
  if (counter) {
    const check = async (): Promise<void> => {
      const counts = await counter.getJobCounts('waiting', 'delayed', 'active', 'prioritized', 'waiting-children');
      if (Object.values(counts).every((n) => n === 0)) void close();
    };
    const timer = setInterval(() => {
      if (closing) clearInterval(timer);
      else check().catch((err: unknown) => log(`queue count: ${describeError(err)}`));
    }, 250);
  }

  return {
    stats,
    get written() {
      return sink?.written ?? 0;
    },
    close,
    done,
  };
}

