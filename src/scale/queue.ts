/**
 * The scoring job queue (BullMQ over Redis): queue names, job ids, job options,
 * and adding pages as jobs.
 */
import { createHash } from 'node:crypto';
import { Queue, type JobsOptions } from 'bullmq';
import { UsageError } from '../errors.js';
import { pageToObject, type PageObject } from './page-input.js';
import { closeRedis, connectRedis, type RedisClient } from './redis.js';
import type { ScalePage } from './types.js';

/** The payload of one scoring job: a page object with its id (bytes as base64). */
export type PageJobData = PageObject & { id: string };

/** Job name used for every scoring job. */
export const PAGE_JOB = 'score-page';

/** Checks a queue name (letters, digits, `.`, `_`, `-`); throws UsageError otherwise. */
export function checkQueueName(name: string): string {
  if (!/^[\w.-]{1,100}$/.test(name)) throw new UsageError(`--queue ${name}: use letters, digits, ".", "_" or "-" (at most 100)`);
  return name;
}

/**
 * The BullMQ job id for a page id: a hash, because BullMQ ids may not hold ":"
 * or be integers. Equal page ids give equal job ids, so a page is queued and
 * reported once.
 */
export function jobIdFor(pageId: string): string {
  return 'page-' + createHash('sha256').update(pageId, 'utf8').digest('hex').slice(0, 32);
}

export interface RetryOptions {
  /** Tries per page before it goes to the dead-letter list (default 3). */
  attempts?: number;
  /** First retry delay in ms, doubled on each further try (default 1000). */
  backoffMs?: number;
}

/** BullMQ options for one page job. */
export function pageJobOptions(pageId: string, retry: RetryOptions = {}): JobsOptions {
  return {
    jobId: jobIdFor(pageId),
    attempts: retry.attempts ?? 3,
    backoff: { type: 'exponential', delay: retry.backoffMs ?? 1000 },
    // The result stream keeps results; finished jobs need not stay in Redis.
    removeOnComplete: true,
    removeOnFail: { count: 10_000 },
  };
}

/** A producer connection to one scoring queue. */
export class PageQueue {
  private constructor(
    readonly name: string,
    private readonly client: RedisClient,
    private readonly queue: Queue<PageJobData>,
  ) {}

  /** Connects to Redis at `redisUrl` and opens queue `name`. */
  static async open(redisUrl: string, name: string): Promise<PageQueue> {
    checkQueueName(name);
    const client = await connectRedis(redisUrl);
    const queue = new Queue<PageJobData>(name, { connection: client });
    return new PageQueue(name, client, queue);
  }

  /** Adds pages as jobs in one round trip; a page whose id is already queued is not added twice. */
  async add(pages: ScalePage[], retry: RetryOptions = {}): Promise<void> {
    if (pages.length === 0) return;
    await this.queue.addBulk(
      pages.map((page) => ({ name: PAGE_JOB, data: pageToObject(page) as PageJobData, opts: pageJobOptions(page.id, retry) })),
    );
  }

  /** Jobs not yet finished: waiting, delayed or running. */
  async pending(): Promise<number> {
    const counts = await this.queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
    return Object.values(counts).reduce((a, b) => a + b, 0);
  }

  async close(): Promise<void> {
    await this.queue.close();
    await closeRedis(this.client);
  }
}
