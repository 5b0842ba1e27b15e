/**
 * Where queue workers put results: a Redis stream holding each job's result
 * exactly once (the result queue), and a dead-letter list for pages that failed
 * every try. Keys: `seospam:<queue>:done` (set of finished job ids),
 * `seospam:<queue>:results` (stream, fields `job` and `result`), `seospam:<queue>:dead` (list of JSON).
 */
import type { RedisClient } from './redis.js';
import type { IdResult } from './types.js';

/** One entry of the dead-letter list. */
export interface DeadLetter {
  jobId: string;
  id: string;
  url?: string;
  reason: string;
  attempts: number;
  failedAt: string;
}

/** One result read back from the stream. */
export interface StoredResult {
  /** Stream entry id, for reading on after it. */
  entryId: string;
  jobId: string;
  /** The result as one JSON line (no newline). */
  json: string;
}

// Adds the result only when the job id is new: a retried or duplicated job cannot add it twice.
const COMMIT = `
if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then
  redis.call('XADD', KEYS[2], '*', 'job', ARGV[1], 'result', ARGV[2])
  return 1
end
return 0`;

// Same, for a job that failed for good: its error result and its dead letter go in together.
const COMMIT_DEAD = `
if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then
  redis.call('XADD', KEYS[2], '*', 'job', ARGV[1], 'result', ARGV[2])
  redis.call('RPUSH', KEYS[3], ARGV[3])
  return 1
end
return 0`;

/** Redis key names for one queue's results. */
export function resultKeys(queue: string): { done: string; results: string; dead: string } {
  return { done: `seospam:${queue}:done`, results: `seospam:${queue}:results`, dead: `seospam:${queue}:dead` };
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Orders two stream entry ids (`ms-seq`): negative, zero or positive. */
export function compareEntryIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt);
  const [bm, bs] = b.split('-').map(BigInt);
  if (am !== bm) return am < bm ? -1 : 1;
  return as === bs ? 0 : as < bs ? -1 : 1;
}

/** Parses a raw XREAD/XRANGE entry list: [[id, [field, value, …]], …]. */
function parseEntries(raw: unknown): StoredResult[] {
  if (!Array.isArray(raw)) return [];
  const out: StoredResult[] = [];
  for (const entry of raw) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !isStringArray(entry[1])) continue;
    const fields = entry[1];
    let jobId = '';
    let json = '';
    for (let i = 0; i + 1 < fields.length; i += 2) {
      if (fields[i] === 'job') jobId = fields[i + 1];
      else if (fields[i] === 'result') json = fields[i + 1];
    }
    if (jobId && json) out.push({ entryId: entry[0], jobId, json });
  }
  return out;
}

/** Results and dead letters of one queue. */
export class ResultStore {
  readonly keys: ReturnType<typeof resultKeys>;

  constructor(
    private readonly client: RedisClient,
    queue: string,
  ) {
    this.keys = resultKeys(queue);
  }

  /** True when the job's result is already in the stream. */
  async isDone(jobId: string): Promise<boolean> {
    return (await this.client.sIsMember(this.keys.done, jobId)) === 1;
  }

  /** Adds the job's result unless it has one; true when this call added it. */
  async commit(jobId: string, result: IdResult): Promise<boolean> {
    const added = await this.client.eval(COMMIT, { keys: [this.keys.done, this.keys.results], arguments: [jobId, JSON.stringify(result)] });
    return added === 1;
  }

  /**
   * For a job that failed for good: adds its error result and its dead letter,
   * unless the job already has a result (then it did not fail after all); true when added.
   */
  async commitDead(entry: DeadLetter, result: IdResult): Promise<boolean> {
    const added = await this.client.eval(COMMIT_DEAD, {
      keys: [this.keys.done, this.keys.results, this.keys.dead],
      arguments: [entry.jobId, JSON.stringify(result), JSON.stringify(entry)],
    });
    return added === 1;
  }

  /** Every dead-letter entry, oldest first. */
  async deadLetters(): Promise<DeadLetter[]> {
    return (await this.client.lRange(this.keys.dead, 0, -1)).map((s) => JSON.parse(s) as DeadLetter);
  }

  /** Number of results in the stream. */
  async count(): Promise<number> {
    return this.client.xLen(this.keys.results);
  }

  /** The id of the newest entry of the result stream, or null while it is empty. */
  async lastEntryId(): Promise<string | null> {
    const reply: unknown = await this.client.sendCommand(['XREVRANGE', this.keys.results, '+', '-', 'COUNT', '1']);
    const entries = parseEntries(reply);
    return entries.length > 0 ? entries[0].entryId : null;
  }

  /**
   * Up to `count` results after stream entry `after` ("0-0" for the start).
   * With `blockMs`, waits that long for new ones; use a client of its own for that.
   */
  async readAfter(after: string, count: number, blockMs?: number, client: RedisClient = this.client): Promise<StoredResult[]> {
    const args = ['XREAD', 'COUNT', String(count)];
    if (blockMs !== undefined) args.push('BLOCK', String(blockMs));
    args.push('STREAMS', this.keys.results, after);
    const reply: unknown = await client.sendCommand(args);
    if (!Array.isArray(reply) || reply.length === 0) return [];
    const stream: unknown = reply[0];
    return Array.isArray(stream) ? parseEntries(stream[1]) : [];
  }
}
